"""Characters XML cannot carry never reach a stored text, and no feed is ever ill-formed
(issue 9: item 6, text hygiene at the core's door)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

from sqlalchemy import select

from app.core.content import TextContent
from app.core.db import Database
from app.core.export.run import export_site
from app.core.models import Revision, StatementText, Tag
from app.core.statements import create_statement, current_revision, save_text
from tests.conftest import put_on_site
from tests.core.conftest import import_as_admin

HOSTILE = "A\x00B\x1bC\x07D\ufffeE\ud800F"
WHEN = datetime(2021, 5, 1, 6, 0, tzinfo=UTC)


def test_a_saved_text_keeps_only_what_xml_can_carry() -> None:
    content = TextContent(
        title=f"Title\vwith {HOSTILE}\r\nbreak",
        lead="Line one\vline two\r\nline three\x0cline four\u2028five",
        body="Body\x00\x1b[31m red\x85next",
        image_caption="Caption\vsecond",
    ).normalized()
    assert content.title == "Title with ABCDEF break"
    assert content.lead == "Line one\nline two\nline three\nline four\nfive"
    assert content.body == "Body[31m red\nnext"
    assert content.image_caption == "Caption second"


def test_every_save_path_cleans_titles_leads_and_tags(db: Database) -> None:
    with db.transaction() as s:
        statement = create_statement(
            s,
            source_lang="ru",
            content=TextContent(f"Заявление\x1b {HOSTILE}", "Лид\vстрока\x00"),
            actor_id=None,
            tags=("Вода\x00", "Energy\vpolicy"),
        )
        save_text(s, statement.id, "en", TextContent("Statement\x0b\x1b"), actor_id=None)
    with db.transaction() as s:
        assert current_revision(s, statement.id, "ru").title == "Заявление ABCDEF"
        assert current_revision(s, statement.id, "ru").lead == "Лид\nстрока"
        assert current_revision(s, statement.id, "en").title == "Statement"
        assert sorted(s.scalars(select(Tag.name))) == ["Energy policy", "Вода"]


def test_imported_word_line_breaks_and_escapes_do_not_break_the_feed(
    db: Database, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(
        "Title: Press\x1b[1m statement\x00\nDate: 2021-05-01 10:00\n"
        "Summary: First line\vsecond line\x07\n\nBody\x0b text\n",
        encoding="utf-8",
    )
    result = import_as_admin(db, [tmp_path / "in"])
    assert result.errors == []
    export_site(db, tmp_path / "out", workers=1)
    feed = ElementTree.parse(tmp_path / "out" / "tg" / "feed.xml").getroot()
    entry = feed.find("{http://www.w3.org/2005/Atom}entry")
    assert entry.findtext("{http://www.w3.org/2005/Atom}title") == "Press[1m statement"
    assert entry.findtext("{http://www.w3.org/2005/Atom}summary") == "First line\nsecond line"


def test_every_feed_of_a_site_built_from_hostile_texts_parses(db: Database, tmp_path: Path) -> None:
    texts = {
        "tg": TextContent(f"Изҳорот {HOSTILE}\v", f"Лид\x0c{HOSTILE}", "Матн"),
        "ru": TextContent(f"Заявление\x1b[0m{HOSTILE}", "Лид\x85\u2028", "Текст"),
        "en": TextContent(f"Statement \x00\x01\x02{HOSTILE}", "Lead\r\n\x1f", "Text"),
    }
    with db.transaction() as s:
        for n in range(3):
            statement = create_statement(
                s,
                source_lang="tg",
                content=texts["tg"],
                actor_id=None,
                tags=(f"tag\x1b{n}",),
                created_at=WHEN,
            )
            for lang in ("ru", "en"):
                save_text(s, statement.id, lang, texts[lang], actor_id=None)
            put_on_site(s, statement.id, WHEN)
        # A revision stored before this cleaning existed, as an old database may hold one.
        text = s.scalar(select(StatementText).where(StatementText.lang == "en"))
        old = Revision(
            text_id=text.id,
            number=text.revision_number + 1,
            title="Old\x1btitle\x0b",  # PostgreSQL can hold no NUL at all
            lead="Old\x07lead",
            body="",
            content_hash="0" * 64,
        )
        s.add(old)
        text.revision_number = old.number
    report = export_site(db, tmp_path / "out", workers=1, base_url="https://press.example.tj")
    assert report.ok
    documents = [*sorted((tmp_path / "out").glob("*/feed.xml")), tmp_path / "out" / "sitemap.xml"]
    assert len(documents) == 4
    for document in documents:
        ElementTree.parse(document)  # raises on anything a feed reader would refuse
    with db.transaction() as s:
        titles = s.scalars(select(Revision.title).where(Revision.content_hash != "0" * 64))
        assert all("\x1b" not in t and "\x00" not in t for t in titles)
