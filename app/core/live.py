"""The one answer to "is this statement on the website at moment T", as one SQL expression.

Live means published (by the publisher at its minute, or imported as published), dated no
later than T, and not expired by T. A scheduled statement whose minute has come is not live
until the publisher has checked its approvals and published it. The export, the preview's
sidebar, the related-article rankings, the list and the calendar all ask here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.core.models import Statement, Status


def live_at(at: datetime) -> ColumnElement[bool]:
    return and_(
        Statement.status == Status.PUBLISHED,
        Statement.published_at.is_not(None),
        Statement.published_at <= at,
        or_(Statement.expires_at.is_(None), Statement.expires_at > at),
    )


def window() -> tuple[ColumnElement[datetime | None], ColumnElement[datetime | None]]:
    """``live_at`` as an interval per statement: live from the first moment (None: never)
    until the second (None: for good), for code that asks about many moments at once (the
    related-articles index, kept between previews)."""
    published = and_(Statement.status == Status.PUBLISHED, Statement.published_at.is_not(None))
    return case((published, Statement.published_at), else_=None), Statement.expires_at


def next_change(session: Session, at: datetime) -> datetime | None:
    """The first moment after ``at`` when the answer changes by itself, with nobody doing
    anything: a published statement dated in the future comes on, an expiring one goes."""
    coming = session.scalar(
        select(func.min(Statement.published_at)).where(
            Statement.status == Status.PUBLISHED, Statement.published_at > at
        )
    )
    going = session.scalar(
        select(func.min(Statement.expires_at)).where(live_at(at), Statement.expires_at > at)
    )
    moments = [m for m in (coming, going) if m is not None]
    return min(moments) if moments else None
