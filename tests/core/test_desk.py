"""The workstation façade: one unit of work per call, plain objects out, drafts kept per person."""

from __future__ import annotations

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.errors import ConflictError
from app.core.listing import SortKey, StatementFilter
from app.core.recovery import draft_key


@pytest.fixture
def desk(db: Database) -> Desk:
    return Desk.for_workstation(db)


def test_first_workstation_user_gets_every_role(desk: Desk) -> None:
    with desk.db.transaction() as s:
        from app.core.users import get_user

        roles = {r.value for r in get_user(s, desk.actor.username).role_set}
    assert roles == {"writer", "translator", "editor", "admin"}


def test_create_edit_and_read_back(desk: Desk) -> None:
    sid = desk.create("tg", TextContent("Мулоқот", body="Матн"), tags=("visits",))
    detail = desk.statement(sid)
    assert detail.texts["tg"].content.title == "Мулоқот"
    assert detail.tags == ("visits",)
    version = detail.texts["tg"].version
    desk.save(sid, "tg", TextContent("Мулоқот", body="Матни нав"), expected_version=version)
    with pytest.raises(ConflictError):
        desk.save(sid, "tg", TextContent("Мулоқот", body="Кӯҳна"), expected_version=version)
    assert [r.number for r in desk.history(sid, "tg")] == [2, 1]
    ids = desk.page_ids(StatementFilter(query="мулоқ"), SortKey.RELEVANCE, False, 0, 10)
    assert ids == [sid]
    (row,) = desk.rows(ids, ("tg", "ru"))
    assert row.title == "Мулоқот" and row.author == desk.actor.display_name


def test_drafts_are_kept_until_discarded(desk: Desk) -> None:
    key = draft_key(None, "tg", "abc")
    desk.keep_draft(
        key, statement_id=None, lang="tg", base_version=0, content=TextContent("Нав", body="ҷумла")
    )
    desk.keep_draft(
        key,
        statement_id=None,
        lang="tg",
        base_version=0,
        content=TextContent("Нав", body="ҷумлаи дароз"),
    )
    (draft,) = desk.pending_drafts()
    assert draft.content.body == "ҷумлаи дароз"
    desk.discard_draft(key)
    assert desk.pending_drafts() == []
