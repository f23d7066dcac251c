"""Tags and addresses per language: a tag's name in each language, a translation's own slug
frozen once its language is published, and no published address changed by either."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.export.run import export_site
from app.core.models import Statement, StatementText, Tag
from app.core.statements import create_statement, save_text
from app.core.translation import addresses
from tests.conftest import put_on_site

WHEN = datetime(2020, 4, 18, 9, 0, tzinfo=UTC)


def _statement(db: Database, *, publish: bool) -> int:
    with db.transaction() as s:
        st = create_statement(
            s,
            source_lang="tg",
            content=TextContent("Изҳорот дар бораи об", body="Об."),
            actor_id=None,
            tags=("об",),
            created_at=WHEN,
        )
        save_text(s, st.id, "ru", TextContent("Заявление о воде", body="Вода."), actor_id=None)
        save_text(s, st.id, "en", TextContent("Statement on water", body="Water."), actor_id=None)
        if publish:
            put_on_site(s, st.id, datetime.now(UTC))
        return st.id


def _slugs(db: Database, sid: int) -> dict[str, str | None]:
    with db.transaction() as s:
        return {
            t.lang: t.slug for t in s.query(StatementText).filter(StatementText.statement_id == sid)
        }


def test_a_translation_has_the_slug_of_its_own_title(db: Database) -> None:
    sid = _statement(db, publish=False)
    assert _slugs(db, sid) == {"tg": None, "ru": "zayavlenie-o-vode", "en": "statement-on-water"}
    with db.transaction() as s:
        save_text(s, sid, "en", TextContent("Water statement", body="Water."), actor_id=None)
    assert _slugs(db, sid)["en"] == "water-statement"
    desk = Desk.for_workstation(db)
    assert desk.statement_id_by_slug("water-statement") == sid


def test_a_published_language_keeps_its_address(db: Database, tmp_path: Path) -> None:
    sid = _statement(db, publish=False)
    with db.transaction() as s:
        st = s.get(Statement, sid)
        put_on_site(s, st.id, WHEN)
    export_site(db, tmp_path / "site", workers=1)
    assert (tmp_path / "site/en/2020/04/statement-on-water.html").exists()
    with db.transaction() as s:
        save_text(s, sid, "en", TextContent("Another title", body="Water."), actor_id=None)
    assert _slugs(db, sid)["en"] == "statement-on-water"


def test_databases_from_before_keep_every_published_address(db: Database, tmp_path: Path):
    sid = _statement(db, publish=True)
    # As the migration leaves them: no text has a slug of its own.
    with db.transaction() as s:
        s.execute(update(StatementText).values(slug=None))
        slug = s.get(Statement, sid).slug
    with db.transaction() as s:
        save_text(s, sid, "ru", TextContent("Новое заявление о воде", body="Вода."), actor_id=None)
    assert _slugs(db, sid)["ru"] is None
    report = export_site(db, tmp_path / "site", workers=1)
    assert report.ok
    assert list((tmp_path / "site" / "ru").rglob(f"{slug}.html"))
    assert list((tmp_path / "site" / "en").rglob(f"{slug}.html"))


def test_a_language_added_after_publication_gets_its_own_slug(db: Database) -> None:
    with db.transaction() as s:
        st = create_statement(
            s, source_lang="tg", content=TextContent("Изҳорот", body="Об."), actor_id=None
        )
        put_on_site(s, st.id, WHEN)
        sid = st.id
    with db.transaction() as s:
        save_text(s, sid, "en", TextContent("Statement", body="Water."), actor_id=None)
    assert _slugs(db, sid)["en"] == "statement"


def test_tags_have_a_name_per_language_with_the_own_name_as_fallback(
    db: Database, tmp_path: Path
) -> None:
    sid = _statement(db, publish=True)
    with db.transaction() as s:
        tag_id = s.query(Tag).filter_by(name="об").one().id
        addresses.set_tag_name(s, tag_id, "ru", "  вода ")
        addresses.set_tag_name(s, tag_id, "en", "water")
        addresses.set_tag_name(s, tag_id, "en", "")  # removed again
    desk = Desk.for_workstation(db)
    assert [(t.name, t.translated) for t in desk.tag_labels(sid, "ru")] == [("вода", True)]
    assert [(t.name, t.translated) for t in desk.tag_labels(sid, "en")] == [("об", False)]
    export_site(db, tmp_path / "site", workers=1)
    site = tmp_path / "site"
    assert (site / "ru/tags/voda.html").exists()
    assert not (site / "ru/tags/ob.html").exists()
    assert (site / "en/tags/ob.html").exists()
    (ru_page,) = (site / "ru").rglob("zayavlenie-o-vode.html")
    assert ">вода<" in ru_page.read_text()
    # Renaming a tag in one language is a change the next export sees.
    with db.transaction() as s:
        addresses.set_tag_name(s, tag_id, "ru", "водные ресурсы")
    report = export_site(db, site, changed_only=True, workers=1)
    assert "ru/tags/vodnye-resursy.html" in report.written
    assert "ru/tags/voda.html" in report.removed
