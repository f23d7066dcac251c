"""`pressdesk import` as an office uses it: whole archives in, bad files named, no duplicates."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from app.core.db import Database
from app.core.models import Media, Statement, Status
from app.core.statements import current_revision
from tests.core.conftest import import_as_admin

DATA = Path(__file__).parent / "data" / "import"


def _statement(db: Database, slug: str) -> Statement:
    with db.transaction() as s:
        return s.scalar(select(Statement).where(Statement.slug == slug))


def test_pelican_translations_become_one_statement(db: Database) -> None:
    result = import_as_admin(db, [DATA / "pelican" / "content"])
    assert result.errors == []
    statement = _statement(db, "press-service-statement")
    with db.transaction() as s:
        st = s.get(Statement, statement.id)
        assert st.source_lang == "tg" and st.status == Status.PUBLISHED
        assert st.published_at.isoformat() == "2020-04-18T01:28:00+00:00"
        assert [t.name for t in st.tags] == ["economy", "Сиёсат"] or len(st.tags) >= 2
        assert current_revision(s, st.id, "ru").title == "Заявление пресс-службы"
        tg = current_revision(s, st.id, "tg")
        assert "](media/" in tg.body and "{static}" not in tg.body
        assert st.lead_media_id is not None


def test_hugo_bundle_images_and_warnings(db: Database, tmp_path: Path) -> None:
    result = import_as_admin(db, [DATA / "hugo" / "posts"])
    assert result.errors == []
    assert any("lost.png" in w and "index.md" in w for w in result.warnings)
    budget = _statement(db, "budget-2024")
    with db.transaction() as s:
        en = current_revision(s, budget.id, "tg")
        assert "![Chart of spending](media/" in en.body
        assert "https://example.org/remote.png" in en.body
        assert current_revision(s, budget.id, "ru") is not None
        # cover.png and chart.png hold the same bytes: stored once.
        assert s.scalar(select(func.count()).select_from(Media)) == 1
        drafts = s.scalars(select(Statement).where(Statement.status == Status.DRAFT)).all()
        assert drafts and all(d.published_at is None for d in drafts)


def test_importing_twice_creates_no_duplicates(db: Database) -> None:
    first = import_as_admin(db, [DATA / "hugo" / "posts", DATA / "pelican" / "content"])
    with db.transaction() as s:
        count = s.scalar(select(func.count()).select_from(Statement))
    second = import_as_admin(db, [DATA / "hugo" / "posts", DATA / "pelican" / "content"])
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Statement)) == count
    assert first.created == count and second.created == 0
    assert second.unchanged == count and second.updated == 0


def test_changed_file_makes_a_new_revision(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    shutil.copytree(DATA / "hugo" / "posts" / "press", folder)
    import_as_admin(db, [folder])
    original = (folder / "release.md").read_text(encoding="utf-8")
    (folder / "release.md").write_text(original + "\nOne more paragraph.\n", encoding="utf-8")
    result = import_as_admin(db, [folder])
    assert result.updated == 1


def test_bad_files_are_named_and_the_rest_imports(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(DATA / "bad", folder)
    shutil.copy(DATA / "hugo" / "posts" / "yaml-statement.md", folder)
    shutil.copy(DATA / "hugo" / "posts" / "bom-crlf.md", folder)
    result = import_as_admin(db, [folder, tmp_path / "does-not-exist"])
    assert result.created == 2
    messages = "\n".join(result.errors)
    for name in (
        "broken-utf8.md",
        "invalid-yaml.md",
        "invalid-toml.md",
        "no-front-matter.md",
        "does-not-exist",
    ):
        assert name in messages
    assert all("\n" not in e for e in result.errors)
    bom = _statement(db, "bom-crlf")
    with db.transaction() as s:
        body = current_revision(s, bom.id, "tg").body
        assert "\r" not in body and "\ufeff" not in body
