"""Who has a statement open: a mark per statement, kept alive by its holder's heartbeat.

Opening a statement takes the mark when it is free, stale or already one's own; otherwise the
opener learns who holds it and since when, and may take it over (both see it, and it is
audited). A mark not renewed for `STALE_AFTER` counts as gone: a crashed window does not lock
a statement for long. The mark informs; saving is protected by versions, not by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core import audit
from app.core.models import Presence, User
from app.core.sqltypes import utcnow

STALE_AFTER = timedelta(minutes=3)
#: How often a window renews its marks; well inside STALE_AFTER.
HEARTBEAT_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a statement's mark."""

    statement_id: int
    user_id: int
    display_name: str
    client: str
    since: datetime

    def is_me(self, user_id: int, client: str) -> bool:
        return self.user_id == user_id and self.client == client


def _row(session: Session, statement_id: int) -> Presence | None:
    return session.get(Presence, statement_id, with_for_update=True)


def _holder(session: Session, row: Presence) -> Holder:
    name = session.scalar(select(User.display_name).where(User.id == row.user_id)) or ""
    return Holder(row.statement_id, row.user_id, name, row.client, row.since)


def _fresh(row: Presence | None, now: datetime) -> bool:
    return row is not None and now - row.seen_at < STALE_AFTER


def holder(session: Session, statement_id: int, now: datetime | None = None) -> Holder | None:
    """Who has the statement open now (a stale mark counts as nobody)."""
    row = session.get(Presence, statement_id)
    return _holder(session, row) if _fresh(row, now or utcnow()) else None


def open_statement(
    session: Session, statement_id: int, user_id: int, client: str, now: datetime | None = None
) -> Holder:
    """Takes the mark if nobody else holds it; returns whoever holds it afterwards."""
    now = now or utcnow()
    row = _row(session, statement_id)
    if row is None:
        row = Presence(
            statement_id=statement_id, user_id=user_id, client=client, since=now, seen_at=now
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            # Someone opened it at the same moment and was first.
            return _holder(session, _row(session, statement_id))
    elif not _fresh(row, now) or (row.user_id == user_id and row.client == client):
        if not (row.user_id == user_id and row.client == client):
            row.since = now
        row.user_id, row.client, row.seen_at = user_id, client, now
    session.flush()
    return _holder(session, row)


def heartbeat(
    session: Session,
    statement_ids: list[int],
    user_id: int,
    client: str,
    now: datetime | None = None,
) -> dict[int, Holder | None]:
    """Renews this window's marks; answers who holds each statement (someone may have taken
    one over, or a free one may be taken now)."""
    now = now or utcnow()
    result: dict[int, Holder | None] = {}
    for statement_id in statement_ids:
        result[statement_id] = open_statement(session, statement_id, user_id, client, now)
    return result


def take_over(
    session: Session, statement_id: int, user_id: int, client: str, now: datetime | None = None
) -> Holder:
    """Takes the mark from whoever holds it (audited, and the other window will see it)."""
    now = now or utcnow()
    row = _row(session, statement_id)
    previous = _holder(session, row) if _fresh(row, now) else None
    if row is None:
        row = Presence(statement_id=statement_id)
        session.add(row)
    row.user_id, row.client, row.since, row.seen_at = user_id, client, now, now
    session.flush()
    if previous is not None and not previous.is_me(user_id, client):
        audit.record(
            session,
            "presence.taken_over",
            user_id,
            statement_id,
            from_user=previous.user_id,
            from_name=previous.display_name,
            since=previous.since.isoformat(),
        )
    return _holder(session, row)


def leave(session: Session, statement_id: int, user_id: int, client: str) -> None:
    """Gives the mark back, if this window still holds it."""
    session.execute(
        delete(Presence).where(
            Presence.statement_id == statement_id,
            Presence.user_id == user_id,
            Presence.client == client,
        )
    )
