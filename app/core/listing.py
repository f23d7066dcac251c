"""Listing statements page by page: filters, sorting, and each language's state at a glance."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from app.core import search, validation
from app.core.approvals import LangState, language_states
from app.core.models import (
    Revision,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    User,
)


class SortKey(enum.StrEnum):
    RELEVANCE = "relevance"
    UPDATED = "updated"
    DATE = "date"
    TITLE = "title"
    STATUS = "status"
    SCHEDULED = "scheduled"
    AUTHOR = "author"


@dataclass(frozen=True, slots=True)
class StatementFilter:
    statuses: frozenset[Status] = frozenset()
    lang: str | None = None
    tag: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    query: str = ""


@dataclass(frozen=True, slots=True)
class StatementRow:
    id: int
    slug: str
    title: str
    status: Status
    languages: dict[str, LangState] = field(default_factory=dict)
    scheduled_at: datetime | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    author: str = ""
    #: Why the publisher could not publish it at its minute (it stays scheduled), if it tried.
    publish_error: str | None = None


def statement_date():
    """What a person means by a statement's date: published, else scheduled, else created."""
    return func.coalesce(Statement.published_at, Statement.scheduled_at, Statement.created_at)


_source_text = aliased(StatementText)
_source_rev = aliased(Revision)
#: The title in the statement's source language, for a query joined by :func:`with_source`.
SOURCE_TITLE = _source_rev.title


def with_source(query: Select) -> Select:
    """``query`` on statements joined to their source text's current revision."""
    return query.join(
        _source_text,
        and_(_source_text.statement_id == Statement.id, _source_text.is_source.is_(True)),
    ).join(
        _source_rev,
        and_(
            _source_rev.text_id == _source_text.id,
            _source_rev.number == _source_text.revision_number,
        ),
    )


def _filtered(session: Session, flt: StatementFilter) -> tuple[Select, object | None]:
    validation.check_text(flt.tag or "", "the tag filter")
    validation.check_text(flt.query, "the search")
    stmt = select(Statement.id)
    rank = None
    if flt.statuses:
        stmt = stmt.where(Statement.status.in_(sorted(flt.statuses)))
    if flt.lang:
        stmt = stmt.where(
            select(StatementText.id)
            .where(StatementText.statement_id == Statement.id, StatementText.lang == flt.lang)
            .exists()
        )
    if flt.tag:
        stmt = stmt.where(
            select(StatementTag.tag_id)
            .join(Tag, Tag.id == StatementTag.tag_id)
            .where(StatementTag.statement_id == Statement.id, Tag.name == flt.tag)
            .exists()
        )
    if flt.date_from:
        stmt = stmt.where(statement_date() >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(statement_date() < flt.date_to)
    if not flt.query.strip():
        return stmt, None
    ranked = not search.many_hits(session, flt.query)
    matches = search.matching_texts(session, flt.query, ranked=ranked)
    if matches is None:
        return stmt.where(False), None
    if not ranked:
        hit_statements = select(StatementText.statement_id).where(
            StatementText.id.in_(select(matches.c.text_id))
        )
        return stmt.where(Statement.id.in_(hit_statements)), None
    best = (
        select(StatementText.statement_id.label("sid"), func.min(matches.c.rank).label("rank"))
        .join(matches, matches.c.text_id == StatementText.id)
        .group_by(StatementText.statement_id)
        .subquery()
    )
    stmt = stmt.join(best, best.c.sid == Statement.id)
    rank = best.c.rank
    return stmt, rank


def count_statements(session: Session, flt: StatementFilter) -> int:
    stmt, _ = _filtered(session, flt)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def statement_ids(
    session: Session,
    flt: StatementFilter,
    *,
    sort: SortKey = SortKey.UPDATED,
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[int]:
    """One page of statement ids, in a stable order (ties broken by id).

    By relevance, a query with too many hits to rank lists the newest matches first.
    """
    stmt, rank = _filtered(session, flt)
    if sort is SortKey.RELEVANCE and rank is None and flt.query.strip():
        newest = _newest_matching(session, flt, offset, limit)
        if newest is not None:
            return newest
    if sort is SortKey.RELEVANCE and rank is None:
        sort = SortKey.UPDATED
    if sort is SortKey.RELEVANCE:
        key, descending = rank, False
    elif sort is SortKey.TITLE:
        key = Statement.sort_title
    elif sort is SortKey.AUTHOR:
        stmt = stmt.outerjoin(User, User.id == Statement.created_by_id)
        key = func.lower(func.coalesce(User.display_name, ""))
    else:
        key = {
            SortKey.UPDATED: Statement.updated_at,
            SortKey.DATE: statement_date(),
            SortKey.STATUS: Statement.status,
            SortKey.SCHEDULED: Statement.scheduled_at,
        }[sort]
    order = (key.desc(), Statement.id.desc()) if descending else (key.asc(), Statement.id.asc())
    return list(session.scalars(stmt.order_by(*order).offset(offset).limit(limit)))


# Past this many hits walked without filling the page, the other filters are selective
# enough for the database to do better with its own plan.
_NEWEST_WALK_LIMIT = 20_000


def _newest_matching(
    session: Session, flt: StatementFilter, offset: int, limit: int
) -> list[int] | None:
    """Statements with a text matching a broad query, by their newest matching text."""
    others, _ = _filtered(session, replace(flt, query=""))
    wanted = offset + limit
    found: list[int] = []
    seen: set[int] = set()
    walked, chunk = 0, max(256, wanted * 3)
    while len(found) < wanted:
        text_ids = search.newest_hits(session, flt.query, walked, chunk)
        if not text_ids:
            break
        walked += len(text_ids)
        owner = dict(
            session.execute(
                select(StatementText.id, StatementText.statement_id).where(
                    StatementText.id.in_(text_ids)
                )
            ).all()
        )
        candidates = [owner[t] for t in text_ids if t in owner and owner[t] not in seen]
        allowed = set(session.scalars(others.where(Statement.id.in_(set(candidates)))))
        for sid in candidates:
            if sid in allowed and sid not in seen:
                seen.add(sid)
                found.append(sid)
        if walked >= _NEWEST_WALK_LIMIT and len(found) < wanted:
            return None
        chunk *= 2
    return found[offset:wanted]


def statement_rows(
    session: Session, ids: Sequence[int], languages: Sequence[str]
) -> list[StatementRow]:
    """The rows for these ids, in the order given (ids that vanished are skipped)."""
    if not ids:
        return []
    found = {
        row.id: row
        for row in session.execute(
            with_source(
                select(
                    Statement.id,
                    Statement.slug,
                    Statement.status,
                    Statement.scheduled_at,
                    Statement.published_at,
                    Statement.updated_at,
                    Statement.publish_error,
                    SOURCE_TITLE,
                    User.display_name,
                )
            )
            .outerjoin(User, User.id == Statement.created_by_id)
            .where(Statement.id.in_(ids))
        )
    }
    states = language_states(session, list(found), languages)
    return [
        StatementRow(
            id=row.id,
            slug=row.slug,
            title=row.title,
            status=row.status,
            languages=states[row.id],
            scheduled_at=row.scheduled_at,
            published_at=row.published_at,
            updated_at=row.updated_at,
            author=row.display_name or "",
            publish_error=row.publish_error,
        )
        for sid in ids
        if (row := found.get(sid)) is not None
    ]
