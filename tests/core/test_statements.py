"""Creating statements, saving texts as revisions, slugs, conflicts, history and search."""

from __future__ import annotations

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import ConflictError, PressDeskError
from app.core.listing import SortKey, StatementFilter, statement_ids
from app.core.media import MediaStore
from app.core.models import Revision, Statement, StatementText
from app.core.saving import restore_revision
from app.core.statements import (
    create_statement,
    current_revision,
    history,
    save_text,
    set_slug,
    set_tags,
)
from tests.core.conftest import Office


def found(session, query: str) -> list[int]:
    """Statements matching a query, best first, as the statement list asks for them."""
    return statement_ids(
        session, StatementFilter(query=query), sort=SortKey.RELEVANCE, descending=False
    )


TAJIK = TextContent(
    title="Паёми Президенти Ҷумҳурии Тоҷикистон",
    lead="Дар бораи сиёсати дохилӣ ва хориҷии ҷумҳурӣ",
    body="## Иқтисодиёт\n\nСохтмони нерӯгоҳи барқи обии Роғун идома дорад.\n",
)


@pytest.fixture
def writer_id(office: Office) -> int:
    return office.writer


def test_create_statement_makes_source_revision_and_slug(db: Database, writer_id: int) -> None:
    with db.transaction() as s:
        statement = create_statement(s, source_lang="tg", content=TAJIK, actor_id=writer_id)
        sid = statement.id
    with db.transaction() as s:
        statement = s.get(Statement, sid)
        assert statement.slug == "payomi-prezidenti-jumhurii-tojikiston"
        assert statement.status == "draft"
        rev = current_revision(s, sid, "tg")
        assert (rev.number, rev.title, rev.author_id) == (1, TAJIK.title, writer_id)
        assert rev.content_hash == TAJIK.content_hash


def test_saving_same_content_makes_no_revision(db: Database, writer_id: int) -> None:
    with db.transaction() as s:
        sid = create_statement(s, source_lang="tg", content=TAJIK, actor_id=writer_id).id
    with db.transaction() as s:
        result = save_text(s, sid, "tg", TAJIK, actor_id=writer_id)
        assert not result.changed and result.revision_number == 1
        changed = TextContent(TAJIK.title, TAJIK.lead, TAJIK.body + "\nБоз як сатр.\n")
        result = save_text(s, sid, "tg", changed, actor_id=writer_id)
        assert result.changed and result.revision_number == 2
    with db.transaction() as s:
        assert [r.number for r in history(s, sid, "tg")] == [2, 1]


def test_crlf_and_nfd_are_stored_normalised(db: Database, writer_id: int) -> None:
    import unicodedata

    nfd = TextContent(unicodedata.normalize("NFD", "Ёлка"), body="a\r\nb\rc")
    with db.transaction() as s:
        sid = create_statement(s, source_lang="ru", content=nfd, actor_id=writer_id).id
        rev = current_revision(s, sid, "ru")
        assert rev.title == "Ёлка" and rev.body == "a\nb\nc"


def test_second_save_from_stale_version_is_refused(db: Database, office: Office) -> None:
    writer_id, translator = office.writer, office.translator
    with db.transaction() as s:
        sid = create_statement(s, source_lang="tg", content=TAJIK, actor_id=writer_id).id
        opened_version = s.scalar(
            StatementText.__table__.select().with_only_columns(StatementText.version)
        )
    with db.transaction() as s:
        first = TextContent(TAJIK.title, body="Матни нав аз ҷониби Фарҳод")
        save_text(s, sid, "tg", first, actor_id=translator, expected_version=opened_version)
    with (
        pytest.raises(
            ConflictError, match=r"Фарҳод Саидов saved the tg text at .* \(Asia/Dushanbe\)"
        ),
        db.transaction() as s,
    ):
        mine = TextContent(TAJIK.title, body="Матни ман")
        save_text(s, sid, "tg", mine, actor_id=writer_id, expected_version=opened_version)
    with db.transaction() as s:
        assert current_revision(s, sid, "tg").body == "Матни нав аз ҷониби Фарҳод"


def test_translation_records_source_revision(db: Database, writer_id: int) -> None:
    with db.transaction() as s:
        sid = create_statement(s, source_lang="tg", content=TAJIK, actor_id=writer_id).id
        source_rev = current_revision(s, sid, "tg").id
        save_text(s, sid, "ru", TextContent("Послание Президента"), actor_id=writer_id)
        ru = current_revision(s, sid, "ru")
        assert ru.source_revision_id == source_rev
        assert s.get(Statement, sid).slug == "payomi-prezidenti-jumhurii-tojikiston"


def test_saving_a_translation_keeps_its_base_until_it_covers_the_source(
    db: Database, writer_id: int
) -> None:
    with db.transaction() as s:
        sid = create_statement(s, source_lang="tg", content=TAJIK, actor_id=writer_id).id
        first_source = current_revision(s, sid, "tg").id
        save_text(s, sid, "ru", TextContent("Послание Президента"), actor_id=writer_id)
        save_text(s, sid, "tg", TextContent(TAJIK.title, body="Сархати нав."), actor_id=None)
        new_source = current_revision(s, sid, "tg").id
        # A fixed full stop in the Russian text does not say the new paragraph is translated.
        save_text(s, sid, "ru", TextContent("Послание Президента."), actor_id=writer_id)
        assert current_revision(s, sid, "ru").source_revision_id == first_source
        result = save_text(
            s, sid, "ru", TextContent("Послание Президента."), actor_id=None, covers_source=True
        )
        assert result.changed
        assert current_revision(s, sid, "ru").source_revision_id == new_source


def test_slug_follows_source_title_until_published(db: Database, writer_id: int) -> None:
    with db.transaction() as s:
        sid = create_statement(s, source_lang="ru", content=TextContent("Первое"), actor_id=None).id
        save_text(s, sid, "ru", TextContent("Второе название"), actor_id=None)
        assert s.get(Statement, sid).slug == "vtoroe-nazvanie"
        s.get(Statement, sid).published_at = s.get(Statement, sid).created_at
        s.get(Statement, sid).status = "published"
        save_text(s, sid, "ru", TextContent("Третье"), actor_id=None)
        assert s.get(Statement, sid).slug == "vtoroe-nazvanie"
        with pytest.raises(PressDeskError, match="published"):
            set_slug(s, sid, "new", actor_id=None)


def test_identical_titles_get_distinct_slugs(db: Database) -> None:
    with db.transaction() as s:
        slugs = {
            create_statement(s, source_lang="ru", content=TextContent("Итоги"), actor_id=None).slug
            for _ in range(3)
        }
    assert slugs == {"itogi", "itogi-2", "itogi-3"}


def test_manual_slug_is_kept(db: Database) -> None:
    with db.transaction() as s:
        sid = create_statement(s, source_lang="en", content=TextContent("One"), actor_id=None).id
        assert set_slug(s, sid, "Visit to Khujand!", actor_id=None) == "visit-to-khujand"
        save_text(s, sid, "en", TextContent("Another title"), actor_id=None)
        assert s.get(Statement, sid).slug == "visit-to-khujand"


def test_restore_makes_a_new_revision(db: Database, office: Office) -> None:
    with db.transaction() as s:
        sid = create_statement(
            s, source_lang="en", content=TextContent("A", body="x"), actor_id=None
        ).id
        save_text(s, sid, "en", TextContent("A", body="y"), actor_id=None)
        first = history(s, sid, "en")[-1]
        result = restore_revision(
            s, sid, "en", first.id, office.writer, MediaStore.for_database(db)
        )
        assert result.revision_number == 3
        assert current_revision(s, sid, "en").body == "x"
        assert s.query(Revision).count() == 3


def test_empty_title_is_refused(db: Database) -> None:
    with pytest.raises(PressDeskError, match="needs a title"), db.transaction() as s:
        create_statement(s, source_lang="en", content=TextContent("   "), actor_id=None)


def test_tags_replace(db: Database) -> None:
    with db.transaction() as s:
        statement = create_statement(
            s, source_lang="en", content=TextContent("T"), actor_id=None, tags=("energy", "visits")
        )
        set_tags(s, statement.id, ["economy", "energy"])
    with db.transaction() as s:
        assert [t.name for t in s.get(Statement, statement.id).tags] == ["economy", "energy"]


def test_search_folds_case_and_diacritics_and_matches_prefixes(db: Database) -> None:
    with db.transaction() as s:
        tg = create_statement(s, source_lang="tg", content=TAJIK, actor_id=None).id
        ru = create_statement(
            s,
            source_lang="ru",
            content=TextContent("Встреча в Худжанде", body="Обсуждена ЭНЕРГЕТИКА и вода."),
            actor_id=None,
        ).id
    with db.transaction() as s:
        assert found(s, "роғ") == [tg]
        assert found(s, "ҶУМҲУРИ") == [tg]
        # Typed on a Russian keyboard: г for ғ, х for ҳ, ч for ҷ.
        assert found(s, "рогун джумх") == []
        assert found(s, "рогун чумхури") == [tg]
        assert found(s, "энерг вод") == [ru]
        assert found(s, "энерг роғун") == []
        assert found(s, "  ...  ") == []
        assert found(s, 'x" OR "*') == []


def test_search_follows_edits(db: Database) -> None:
    with db.transaction() as s:
        sid = create_statement(s, source_lang="ru", content=TextContent("Старое"), actor_id=None).id
        save_text(s, sid, "ru", TextContent("Новое"), actor_id=None)
    with db.transaction() as s:
        assert found(s, "стар") == []
        assert found(s, "нов") == [sid]


def test_title_ranks_above_body(db: Database) -> None:
    with db.transaction() as s:
        body_hit = create_statement(
            s, source_lang="en", content=TextContent("Weather", body="water " * 3), actor_id=None
        ).id
        title_hit = create_statement(
            s, source_lang="en", content=TextContent("Water summit"), actor_id=None
        ).id
    with db.transaction() as s:
        assert found(s, "water") == [title_hit, body_hit]
