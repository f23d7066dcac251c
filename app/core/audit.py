"""The append-only audit log: who did what to which statement, and when; read with filters."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import AuditEvent, Statement, User
from app.core.sqltypes import utcnow


def record(
    session: Session, action: str, user_id: int | None, statement_id: int | None, **details: Any
) -> None:
    session.add(
        AuditEvent(
            at=utcnow(),
            user_id=user_id,
            action=action,
            statement_id=statement_id,
            details=json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    username: str | None = None
    #: An action ("workflow.approved") or a family of them ("workflow").
    action: str | None = None
    statement_id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    username: str
    user: str
    action: str
    statement_id: int | None
    slug: str
    details: dict[str, Any]


def events(
    session: Session, flt: AuditFilter, *, limit: int = 1000, before_id: int | None = None
) -> list[AuditEntry]:
    """Events matching ``flt``, newest first; ``before_id`` pages further back."""
    stmt = (
        select(AuditEvent, User.username, User.display_name, Statement.slug)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .outerjoin(Statement, Statement.id == AuditEvent.statement_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    if flt.since is not None:
        stmt = stmt.where(AuditEvent.at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(AuditEvent.at < flt.until)
    if flt.username:
        stmt = stmt.where(User.username == flt.username)
    if flt.action:
        stmt = stmt.where(
            (AuditEvent.action == flt.action) | AuditEvent.action.startswith(f"{flt.action}.")
        )
    if flt.statement_id is not None:
        stmt = stmt.where(AuditEvent.statement_id == flt.statement_id)
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    return [
        AuditEntry(
            id=event.id,
            at=event.at,
            username=username or "",
            user=name or "",
            action=event.action,
            statement_id=event.statement_id,
            slug=slug or "",
            details=json.loads(event.details or "{}"),
        )
        for event, username, name, slug in session.execute(stmt)
    ]


def actions(session: Session) -> list[str]:
    """Every action the log holds, for a filter's choices."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def _cell(value: str) -> str:
    # A spreadsheet runs a cell starting with these as a formula; a comment or a title could.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(entries: list[AuditEntry], stream: IO[str]) -> None:
    """The entries as CSV (UTC times in ISO 8601, details as JSON), for spreadsheets."""
    writer = csv.writer(stream)
    writer.writerow(["id", "time_utc", "user", "name", "action", "statement", "slug", "details"])
    for e in entries:
        writer.writerow(
            [
                e.id,
                e.at.isoformat(),
                _cell(e.username),
                _cell(e.user),
                e.action,
                e.statement_id or "",
                _cell(e.slug),
                _cell(json.dumps(e.details, ensure_ascii=False, sort_keys=True)),
            ]
        )
