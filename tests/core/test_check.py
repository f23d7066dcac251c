"""`check` notices every tampered byte, `check --repair` rebuilds what can be rebuilt, and the
export publishes nothing tampered (issue 10, item 9)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, text, update

from app.core import search
from app.core.check import run_check
from app.core.db import Database
from app.core.export.run import export_site
from app.core.media import MediaStore
from app.core.models import Approval, Decision, Media, RenderedBody, Revision, Statement
from tests.core.test_export import publish


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def office(db: Database) -> Database:
    """Two published statements, one with a lead image, their bodies rendered by an export."""
    first = publish(db, "Заявление о воде", body="Вода и энергия Рогуна.")
    publish(db, "Встреча в министерстве", body="Встреча прошла в министерстве.")
    with db.transaction() as s:
        media = MediaStore.for_database(db).add(s, _jpeg((30, 90, 150)), "rogun.jpg")
        s.get(Statement, first).lead_media_id = media.id
    return db


def _problems(db: Database, **options: bool) -> list[str]:
    return run_check(db, **options).problems


def test_an_untouched_database_checks_ok(office: Database, tmp_path: Path) -> None:
    export_site(office, tmp_path / "site", workers=1)
    report = run_check(office, full=True)
    assert report.ok, report.problems
    assert "2 statements" in report.facts[0] and "1 images" in report.facts[0]


def test_a_script_added_to_a_cached_body_is_found_and_never_published(
    office: Database, tmp_path: Path
) -> None:
    export_site(office, tmp_path / "site", workers=1)
    with office.transaction() as s:
        s.execute(update(RenderedBody).values(html="<script>steal()</script>" + RenderedBody.html))
    assert any("does not match its digest" in p for p in _problems(office))
    report = export_site(office, tmp_path / "fresh", workers=1)
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "fresh").rglob("*.html")]
    assert pages and not any("steal()" in page for page in pages)
    assert any("did not match its digest" in w for w in report.warnings)
    # The export put a true rendering in place of the tampered one.
    assert not any("digest" in p for p in _problems(office))


def test_repair_drops_tampered_renderings(office: Database, tmp_path: Path) -> None:
    export_site(office, tmp_path / "site", workers=1)
    with office.transaction() as s:
        s.execute(update(RenderedBody).values(html=RenderedBody.html + "<p>Denied.</p>"))
    report = run_check(office, repair=True)
    assert report.ok and any("dropped 2 cached renderings" in r for r in report.repaired)
    assert run_check(office).ok


def _swap_image(db: Database) -> str:
    other = _jpeg((200, 40, 40))
    with db.transaction() as s:
        media = s.scalars(select(Media)).one()
        if db.media_dir is not None:
            (db.media_dir / media.file_name).write_bytes(other)
        else:
            s.execute(update(Media).values(data=other))
        return media.file_name


def test_a_swapped_image_is_found_and_not_published(office: Database, tmp_path: Path) -> None:
    name = _swap_image(office)
    problems = _problems(office)
    assert any(name in p and "not the image it should be" in p for p in problems), problems
    report = export_site(office, tmp_path / "site", workers=1)
    assert not (tmp_path / "site" / "media" / name).exists()
    assert any(name in e and "statement" in e for e in report.errors), report.errors
    assert not run_check(office, repair=True).ok  # an image cannot be rebuilt


def test_a_deleted_image_is_found_naming_its_statement(office: Database, tmp_path: Path) -> None:
    if office.media_dir is None:
        pytest.skip("PostgreSQL keeps images in the database")
    (image,) = office.media_dir.iterdir()
    image.unlink()
    with office.transaction() as s:
        sid = s.scalar(select(Statement.id).where(Statement.lead_media_id.is_not(None)))
    problems = _problems(office)
    assert any("missing from the media folder" in p and f"statement {sid}" in p for p in problems)
    report = export_site(office, tmp_path / "site", workers=1)
    assert any(image.name in e and f"statement {sid}" in e for e in report.errors)
    assert (tmp_path / "site" / "ru" / "index.html").exists()  # the rest went out


def test_a_changed_approval_hash_is_found(office: Database) -> None:
    with office.transaction() as s:
        rev = s.scalars(select(Revision).limit(1)).one()
        s.add(
            Approval(
                text_id=rev.text_id,
                revision_id=rev.id,
                content_hash=rev.content_hash,
                decision=Decision.APPROVED,
            )
        )
    assert run_check(office).ok
    with office.transaction() as s:
        s.execute(update(Approval).values(content_hash="0" * 64))
    assert any("does not match the revision it approved" in p for p in _problems(office))


def _tamper_search_index(db: Database) -> None:
    """Makes the index hold other words for one text, as an edit behind the app's back would."""
    with db.transaction() as s:
        rev = s.scalars(select(Revision).where(Revision.title == "Заявление о воде")).one()
        if db.backend == "sqlite":
            row = search.folded_document(rev.text_id, rev.title, rev.lead, rev.body)
            s.execute(
                text(
                    "INSERT INTO search_fts (search_fts, rowid, title, lead, body) "
                    "VALUES ('delete', :id, :title, :lead, :body)"
                ),
                row,
            )
            sql = "INSERT INTO search_fts (rowid, title, lead, body) VALUES (:id, 'x', '', '')"
        else:
            sql = "UPDATE search_documents SET document = to_tsvector('x') WHERE text_id = :id"
        s.execute(text(sql), {"id": rev.text_id})


def test_a_search_index_out_of_step_is_found_and_rebuilt(office: Database) -> None:
    _tamper_search_index(office)
    assert any("search index is out of step" in p for p in _problems(office, full=True))
    report = run_check(office, repair=True)
    assert report.ok and any("rebuilt the search index" in r for r in report.repaired)
    assert run_check(office, full=True).ok


def test_a_missing_search_entry_is_found(office: Database) -> None:
    with office.transaction() as s:
        if office.backend == "sqlite":
            s.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
        else:
            s.execute(text("DELETE FROM search_documents"))
    assert any("texts missing" in p for p in _problems(office))
