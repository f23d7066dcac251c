"""The change log the export reads: the counter's mark, which statements changed since one.

Triggers (migration 0005) note every insert, update and delete of statements, texts,
tags, pins, images and settings in the changing transaction: the counter moves and a row
of ``changes`` names the statement (or none, for a change to the whole site). Code that
changes what the export reads behind those tables' backs calls :func:`note`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from app.core.export.stamp import MARK_SQL
from app.core.models import Change, ChangeCounter

# Rows kept in ``changes``: an export folder last written further back is planned whole.
KEEP = 200_000


def mark(session: Session) -> tuple[int, int]:
    """The counter's value and token, as the export's stamp records them."""
    value, token = session.execute(text(MARK_SQL)).one()
    return int(value), int(token)


def note(session: Session, statement_ids: Iterable[int] | None) -> None:
    """Notes a change the triggers cannot see: to these statements, or (None) to all."""
    for statement_id in [None] if statement_ids is None else sorted(set(statement_ids)):
        session.execute(
            update(ChangeCounter)
            .where(ChangeCounter.id == 1)
            .values(value=ChangeCounter.value + 1, token=secrets.randbits(62))
        )
        seq = session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1))
        session.add(Change(seq=seq, statement_id=statement_id))
    session.flush()


def changed_since(session: Session, seq: int) -> set[int] | None:
    """The statements changed after counter value ``seq``; None when that cannot be told.

    It cannot when a change concerned the whole site, or when the log no longer reaches
    back to ``seq``.
    """
    oldest = session.scalar(select(func.min(Change.seq)))
    if oldest is not None and oldest > seq + 1:
        return None
    found: set[int] = set()
    for (statement_id,) in session.execute(
        select(Change.statement_id).where(Change.seq > seq).distinct()
    ):
        if statement_id is None:
            return None
        found.add(statement_id)
    return found


def prune(session: Session) -> None:
    """Keeps the log to its last :data:`KEEP` rows."""
    newest = session.scalar(select(func.max(Change.seq)))
    if newest is not None and newest > KEEP:
        session.execute(Change.__table__.delete().where(Change.seq <= newest - KEEP))
