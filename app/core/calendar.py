"""The publishing calendar: what is scheduled, published, overdue, failed or expiring when."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.core import approvals, listing
from app.core.approvals import LangState
from app.core.models import Statement, Status
from app.core.publishing import OVERDUE_AFTER


class Mark(enum.StrEnum):
    SCHEDULED = "scheduled"
    OVERDUE = "overdue"  # its minute passed and nothing published it
    FAILED = "failed"  # the publisher tried and could not (the reason says why)
    PUBLISHED = "published"
    EXPIRES = "expires"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    statement_id: int
    slug: str
    title: str
    status: Status
    mark: Mark
    at: datetime
    languages: dict[str, LangState]
    #: Every required language approved as it stands: it can go out.
    ready: bool
    reason: str = ""
    meta_version: int = 1


def entries(
    session: Session,
    start: datetime,
    end: datetime,
    now: datetime,
    languages: tuple[str, ...],
    required: tuple[str, ...],
) -> list[CalendarEntry]:
    """Everything that happens in [start, end), in time order."""
    rows = session.execute(
        listing.with_source(
            select(
                Statement.id,
                Statement.slug,
                Statement.status,
                Statement.scheduled_at,
                Statement.published_at,
                Statement.expires_at,
                Statement.publish_error,
                Statement.meta_version,
                listing.SOURCE_TITLE,
            )
        ).where(
            or_(
                and_(
                    Statement.status == Status.SCHEDULED,
                    Statement.scheduled_at >= start,
                    Statement.scheduled_at < end,
                ),
                and_(
                    Statement.status.in_([Status.PUBLISHED, Status.WITHDRAWN]),
                    Statement.published_at >= start,
                    Statement.published_at < end,
                ),
                and_(
                    Statement.status == Status.PUBLISHED,
                    Statement.expires_at >= start,
                    Statement.expires_at < end,
                ),
            )
        )
    ).all()
    states = approvals.language_states(session, [r.id for r in rows], languages)
    found: list[CalendarEntry] = []
    for row in rows:
        langs = states[row.id]
        ready = all(langs.get(lang) is LangState.APPROVED for lang in required)
        marks: list[tuple[Mark, datetime, str]] = []
        if row.status is Status.SCHEDULED and row.scheduled_at is not None:
            if row.publish_error:
                marks.append((Mark.FAILED, row.scheduled_at, row.publish_error))
            elif now - row.scheduled_at > OVERDUE_AFTER:
                marks.append((Mark.OVERDUE, row.scheduled_at, ""))
            else:
                marks.append((Mark.SCHEDULED, row.scheduled_at, ""))
        elif row.published_at is not None and start <= row.published_at < end:
            marks.append((Mark.PUBLISHED, row.published_at, ""))
        if row.expires_at is not None and start <= row.expires_at < end:
            marks.append((Mark.EXPIRES, row.expires_at, ""))
        found.extend(
            CalendarEntry(
                row.id,
                row.slug,
                row.title,
                row.status,
                mark,
                at,
                langs,
                ready,
                reason,
                row.meta_version,
            )
            for mark, at, reason in marks
        )
    found.sort(key=lambda e: (e.at, e.statement_id))
    return found


def overdue(session: Session, now: datetime) -> list[int]:
    """Statements whose minute passed with nothing publishing them, for the app's start."""
    return list(
        session.scalars(
            select(Statement.id)
            .where(
                Statement.status == Status.SCHEDULED,
                Statement.scheduled_at < now - OVERDUE_AFTER,
            )
            .order_by(Statement.scheduled_at)
        )
    )
