"""Related statements of a statement in one language: editor-pinned first, then suggestions.

Two loaders feed the one ranking in :mod:`app.core.related.scoring`:
:meth:`RelatedFinder.for_language` loads a whole language once for the export, and
:func:`related_for` loads only one statement's neighbours for the preview. For a statement
whose stored terms and tags are used, both return the same list.

A candidate is a statement with a text in the language that is published, or scheduled at
or before ``at`` (the moment the page goes out); never the statement itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, func, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.core.listing import statement_date
from app.core.models import (
    RelatedStatement,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    TextTerm,
)
from app.core.related.scoring import Candidates, ceilings, common_limit, query_weights, rank

DEFAULT_LIMIT = 5


def _eligible(at: datetime) -> ColumnElement[bool]:
    return or_(
        Statement.status == Status.PUBLISHED,
        and_(Statement.status == Status.SCHEDULED, Statement.scheduled_at <= at),
    )


def _ineligible(at: datetime) -> ColumnElement[bool]:
    """Exactly the statements :func:`_eligible` leaves out, spelt so the status index serves it."""
    others = [status for status in Status if status not in (Status.PUBLISHED, Status.SCHEDULED)]
    return or_(
        Statement.status.in_(others),
        and_(
            Statement.status == Status.SCHEDULED,
            or_(Statement.scheduled_at.is_(None), Statement.scheduled_at > at),
        ),
    )


def _is_eligible(at: datetime) -> ColumnElement[bool]:
    """Eligibility as a CASE expression, which no index can serve: the query planner then
    starts from the term index rather than from every published statement."""
    return case((_eligible(at), True), else_=False)


def _date_key() -> ColumnElement:
    """The statement's date as the driver returns it, for ordering only.

    SQLite gives its stored text (fixed-width ISO, which sorts as the dates do) and
    PostgreSQL a datetime; skipping SQLAlchemy's conversion to aware datetimes makes
    loading thousands of candidates several times cheaper.
    """
    return type_coerce(statement_date(), String)


def _term_rows(*columns: ColumnElement) -> Select:
    return (
        select(*columns)
        .select_from(TextTerm)
        .join(StatementText, StatementText.id == TextTerm.text_id)
        .join(Statement, Statement.id == StatementText.statement_id)
    )


def _newest_first(dates: Mapping[int, Any]) -> dict[int, int]:
    """Statement id → its place when ordered by (date, id): higher is newer."""
    ordered = sorted(dates, key=lambda statement_id: (dates[statement_id], statement_id))
    return {statement_id: place for place, statement_id in enumerate(ordered)}


def _tagged_newest_first(
    members: dict[int, list[int]], recency: Mapping[int, int]
) -> dict[int, dict[int, None]]:
    return {
        tag_id: dict.fromkeys(sorted(ids, key=recency.__getitem__, reverse=True))
        for tag_id, ids in members.items()
    }


class RelatedFinder:
    """Every statement of one language with its terms, tags and pins, indexed in memory."""

    def __init__(
        self,
        *,
        terms: dict[int, dict[str, float]],
        tags: dict[int, list[int]],
        pinned: dict[int, list[int]],
        eligible: frozenset[int],
        candidates: Candidates,
    ) -> None:
        self._terms = terms
        self._tags = tags
        self._pinned = pinned
        self._eligible = eligible
        self._candidates = candidates

    @classmethod
    def for_language(cls, session: Session, lang: str, at: datetime) -> RelatedFinder:
        """Loads every statement with a text in ``lang``; candidates as of ``at``."""
        db = session.connection()  # Core rows: no ORM result processing for plain columns
        dates: dict[int, Any] = {}
        rows = db.execute(
            select(StatementText.statement_id, _is_eligible(at), _date_key())
            .join(Statement, Statement.id == StatementText.statement_id)
            .where(StatementText.lang == lang)
        )
        for statement_id, is_eligible, date in rows:
            if is_eligible:
                dates[statement_id] = date
        recency = _newest_first(dates)

        terms: dict[int, dict[str, float]] = {}
        postings: dict[str, dict[int, float]] = {}
        rows = db.execute(
            select(StatementText.statement_id, TextTerm.term, TextTerm.weight)
            .join(StatementText, StatementText.id == TextTerm.text_id)
            .where(StatementText.lang == lang)
        )
        for statement_id, term, weight in rows:
            terms.setdefault(statement_id, {})[term] = weight
            if statement_id in recency:
                postings.setdefault(term, {})[statement_id] = weight

        tags: dict[int, list[int]] = {}
        members: dict[int, list[int]] = {}
        rows = db.execute(
            select(StatementTag.statement_id, StatementTag.tag_id).join(
                StatementText,
                and_(
                    StatementText.statement_id == StatementTag.statement_id,
                    StatementText.lang == lang,
                ),
            )
        )
        for statement_id, tag_id in rows:
            tags.setdefault(statement_id, []).append(tag_id)
            if statement_id in recency:
                members.setdefault(tag_id, []).append(statement_id)
        tagged = _tagged_newest_first(members, recency)

        pinned: dict[int, list[int]] = {}
        rows = db.execute(
            select(RelatedStatement.statement_id, RelatedStatement.related_id).order_by(
                RelatedStatement.statement_id,
                RelatedStatement.position,
                RelatedStatement.related_id,
            )
        )
        for statement_id, related_id in rows:
            pinned.setdefault(statement_id, []).append(related_id)

        return cls(
            terms=terms,
            tags=tags,
            pinned=pinned,
            eligible=frozenset(recency),
            candidates=Candidates(
                postings=postings, ceilings=ceilings(postings), tagged=tagged, recency=recency
            ),
        )

    def related(self, statement_id: int, limit: int = DEFAULT_LIMIT) -> list[int]:
        """Ids of at most ``limit`` related statements, pinned ones first."""
        own = self._terms.get(statement_id, {})
        # Counts are over the candidates, which never include the statement itself.
        itself = int(statement_id in self._eligible)
        postings = self._candidates.postings
        document_frequency = {term: len(postings.get(term, ())) - itself for term in own}
        weights = query_weights(own, len(self._eligible) - itself, document_frequency)
        pinned = [p for p in self._pinned.get(statement_id, ()) if p in self._eligible]
        tag_ids = self._tags.get(statement_id, ())
        return rank(statement_id, weights, tag_ids, pinned, self._candidates, limit)


def related_for(
    session: Session,
    statement_id: int,
    lang: str,
    at: datetime,
    limit: int = DEFAULT_LIMIT,
    *,
    terms: Mapping[str, float] | None = None,
    tags: Iterable[str] | None = None,
) -> list[int]:
    """Ids of at most ``limit`` related statements for one page, pinned ones first.

    Reads only what this statement needs. ``terms`` (from ``distinctive_terms`` of the
    unsaved text) and ``tags`` (names) replace the stored ones, so the preview follows
    typing; without them, for a statement with a text in ``lang``, the answer equals
    ``RelatedFinder.for_language(session, lang, at).related(statement_id, limit)``.
    """
    db = session.connection()  # Core rows: no ORM result processing for plain columns
    others = and_(StatementText.lang == lang, StatementText.statement_id != statement_id)
    if terms is None:
        terms = dict(
            db.execute(
                select(TextTerm.term, TextTerm.weight)
                .join(StatementText, StatementText.id == TextTerm.text_id)
                .where(StatementText.statement_id == statement_id, StatementText.lang == lang)
            ).all()
        )
    if tags is None:
        tag_ids = list(
            db.scalars(select(StatementTag.tag_id).where(StatementTag.statement_id == statement_id))
        )
    else:
        tag_ids = list(db.scalars(select(Tag.id).where(Tag.name.in_(list(tags)))))

    # All texts of the language but the ineligible few: cheaper than counting the many.
    count = db.scalar(
        select(
            select(func.count(StatementText.id)).where(others).scalar_subquery()
            - select(func.count(StatementText.id))
            .join(Statement, Statement.id == StatementText.statement_id)
            .where(others, _ineligible(at))
            .scalar_subquery()
        )
    )
    count = count or 0
    frequencies = _document_frequencies(db, terms, others, at, common_limit(count))
    weights = query_weights(terms, count, frequencies)

    dates: dict[int, Any] = {}
    postings: dict[str, dict[int, float]] = {}
    if weights:
        rows = db.execute(
            _term_rows(
                TextTerm.term,
                StatementText.statement_id,
                TextTerm.weight,
                _date_key(),
                _is_eligible(at),
            ).where(others, TextTerm.term.in_(list(weights)))
        )
        for term, candidate, weight, date, is_eligible in rows:
            if is_eligible:
                postings.setdefault(term, {})[candidate] = weight
                dates[candidate] = date
    members: dict[int, list[int]] = {}
    if tag_ids:
        rows = db.execute(
            select(StatementTag.tag_id, StatementText.statement_id, _date_key())
            .join(StatementText, StatementText.statement_id == StatementTag.statement_id)
            .join(Statement, Statement.id == StatementText.statement_id)
            .where(others, _eligible(at), StatementTag.tag_id.in_(tag_ids))
        )
        for tag_id, candidate, date in rows:
            members.setdefault(tag_id, []).append(candidate)
            dates[candidate] = date
    recency = _newest_first(dates)
    tagged = _tagged_newest_first(members, recency)
    pinned = list(
        db.scalars(
            select(RelatedStatement.related_id)
            .join(StatementText, StatementText.statement_id == RelatedStatement.related_id)
            .join(Statement, Statement.id == StatementText.statement_id)
            .where(others, _eligible(at), RelatedStatement.statement_id == statement_id)
            .order_by(RelatedStatement.position, RelatedStatement.related_id)
        )
    )
    candidates = Candidates(
        postings=postings, ceilings=ceilings(postings), tagged=tagged, recency=recency
    )
    return rank(statement_id, weights, tag_ids, pinned, candidates, limit)


def _document_frequencies(
    db: Connection,
    terms: Mapping[str, float],
    others: ColumnElement[bool],
    at: datetime,
    limit: int,
) -> dict[str, int]:
    """Per term, how many candidate texts have it: exact up to ``limit``, else ``limit + 1``.

    Counting stops past ``limit`` (a term that frequent is ignored anyway), which keeps
    the words every text has from costing a pass over all their rows.
    """
    if not terms:
        return {}
    overall = db.execute(
        select(TextTerm.term, func.count())
        .where(TextTerm.term.in_(list(terms)))
        .group_by(TextTerm.term)
    ).all()
    # A term's rows over all texts bound its count among candidates.
    rare = sorted(term for term, rows in overall if rows <= limit)
    frequent = sorted(term for term, rows in overall if rows > limit)
    found: dict[str, int] = {}
    if rare:
        rows = db.execute(
            _term_rows(TextTerm.term, func.count())
            .where(others, _eligible(at), TextTerm.term.in_(rare))
            .group_by(TextTerm.term)
        )
        found.update(rows.all())
    if frequent:
        capped = [
            select(func.count())
            .select_from(
                _term_rows(TextTerm.text_id)
                .where(others, _is_eligible(at), TextTerm.term == term)
                .limit(limit + 1)
                .subquery()
            )
            .scalar_subquery()
            for term in frequent
        ]
        found.update(zip(frequent, db.execute(select(*capped)).one(), strict=True))
    return found
