"""Listing, filtering, sorting and language states as the statement list shows them."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.content import TextContent
from app.core.db import Database
from app.core.listing import (
    LangState,
    SortKey,
    StatementFilter,
    count_statements,
    statement_ids,
    statement_rows,
)
from app.core.models import Approval, Decision, Statement, Status
from app.core.statements import create_statement, current_revision, save_text

LANGS = ("tg", "ru", "en")


def _make(db: Database) -> dict[str, int]:
    ids = {}
    with db.transaction() as s:
        for title, when, tags in (
            ("Алфа", datetime(2021, 1, 5, tzinfo=UTC), ("energy",)),
            ("Бета", datetime(2022, 6, 1, tzinfo=UTC), ("culture", "energy")),
            ("Вега", datetime(2023, 3, 9, tzinfo=UTC), ()),
        ):
            st = create_statement(
                s,
                source_lang="ru",
                content=TextContent(title, body=f"{title} текст"),
                actor_id=None,
                tags=tags,
                created_at=when,
            )
            ids[title] = st.id
        s.get(Statement, ids["Бета"]).status = Status.PUBLISHED
    return ids


def test_filters_count_and_pages(db: Database) -> None:
    ids = _make(db)
    with db.transaction() as s:
        assert count_statements(s, StatementFilter()) == 3
        assert count_statements(s, StatementFilter(statuses=frozenset({Status.PUBLISHED}))) == 1
        assert count_statements(s, StatementFilter(tag="energy")) == 2
        assert count_statements(s, StatementFilter(lang="en")) == 0
        since = StatementFilter(date_from=datetime(2022, 1, 1, tzinfo=UTC))
        assert set(statement_ids(s, since)) == {ids["Бета"], ids["Вега"]}
        assert statement_ids(s, StatementFilter(query="вег")) == [ids["Вега"]]
        assert statement_ids(s, StatementFilter(query="!!!")) == []
        by_title = statement_ids(s, StatementFilter(), sort=SortKey.TITLE, descending=False)
        assert by_title == [ids["Алфа"], ids["Бета"], ids["Вега"]]
        page = statement_ids(
            s, StatementFilter(), sort=SortKey.TITLE, descending=False, offset=1, limit=1
        )
        assert page == [ids["Бета"]]


def test_language_states(db: Database) -> None:
    with db.transaction() as s:
        sid = create_statement(
            s, source_lang="tg", content=TextContent("Сарлавҳа"), actor_id=None
        ).id
        save_text(s, sid, "ru", TextContent("Заголовок"), actor_id=None)
        save_text(s, sid, "en", TextContent("Headline"), actor_id=None)
        en = current_revision(s, sid, "en")
        s.add(
            Approval(
                text_id=en.text_id,
                revision_id=en.id,
                content_hash=en.content_hash,
                decision=Decision.APPROVED,
            )
        )
        (row,) = statement_rows(s, [sid], LANGS)
        assert row.title == "Сарлавҳа"
        assert row.languages == {
            "tg": LangState.IN_PROGRESS,
            "ru": LangState.IN_PROGRESS,
            "en": LangState.APPROVED,
        }
        save_text(s, sid, "tg", TextContent("Сарлавҳаи нав"), actor_id=None)
        (row,) = statement_rows(s, [sid], (*LANGS, "de"))
        assert row.languages["ru"] == LangState.NEEDS_UPDATE
        assert row.languages["en"] == LangState.NEEDS_UPDATE
        assert row.languages["de"] == LangState.MISSING
        # Editing the approved text voids its approval: it shows as changed since.
        save_text(s, sid, "en", TextContent("Headline, edited"), actor_id=None)
        (row,) = statement_rows(s, [sid], LANGS)
        assert row.languages["en"] == LangState.NEEDS_UPDATE
        save_text(s, sid, "en", TextContent("Headline, edited"), actor_id=None, covers_source=True)
        (row,) = statement_rows(s, [sid], LANGS)
        # Changed after its approval, and now covering the source again.
        assert row.languages["en"] == LangState.CHANGED


def test_broad_query_lists_newest_matches_first(db: Database, monkeypatch) -> None:
    from app.core import search

    monkeypatch.setattr(search, "RANKED_HITS_LIMIT", 3)
    with db.transaction() as s:
        ids = [
            create_statement(
                s, source_lang="ru", content=TextContent(f"Вода {i}", body="вода"), actor_id=None
            ).id
            for i in range(8)
        ]
        s.get(Statement, ids[2]).status = Status.PUBLISHED
        assert (
            statement_ids(s, StatementFilter(query="вод"), sort=SortKey.RELEVANCE, limit=3)
            == ids[::-1][:3]
        )
        assert (
            statement_ids(
                s, StatementFilter(query="вод"), sort=SortKey.RELEVANCE, offset=3, limit=3
            )
            == ids[::-1][3:6]
        )
        published = StatementFilter(query="вод", statuses=frozenset({Status.PUBLISHED}))
        assert statement_ids(s, published, sort=SortKey.RELEVANCE) == [ids[2]]
        assert count_statements(s, StatementFilter(query="вод")) == 8
