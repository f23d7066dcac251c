"""Related statements of a statement in one language: editor-pinned first, then suggestions.

Two entry points feed the one ranking in :mod:`app.core.related.scoring` from the same
:class:`~app.core.related.index.LanguageIndex`: :meth:`RelatedFinder.for_language` loads a
language once for the export and ranks its statements a block at a time, and
:func:`related_for` ranks one statement for the preview, on an index kept between calls.
For a statement whose stored terms and tags are used, both return the same list.

A candidate is a statement with a text in the language that is published, or scheduled at
or before ``at`` (the moment the page goes out); never the statement itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import numpy as np
from scipy.sparse import csr_array
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import RelatedStatement, StatementTag, Tag
from app.core.related.index import LanguageIndex, cached_index, load_index
from app.core.related.scoring import (
    Candidates,
    Queries,
    idf,
    idf_table,
    query_units,
    rank,
    tagged_first,
)

DEFAULT_LIMIT = 5
# Statements ranked at once by the export: big enough to pay numpy's overhead once per
# hundreds of rows, small enough that a block's scores stay a few megabytes.
_BLOCK = 512


class RelatedFinder:
    """Every statement of one language with its terms, tags and pins, ranked in blocks."""

    def __init__(
        self, index: LanguageIndex, at: datetime, pinned: Mapping[int, Sequence[int]]
    ) -> None:
        self._index = index
        self._candidates = index.candidates(at)
        self._pinned = pinned
        self._ids: list[int] = index.ids.tolist()
        self._members = _eligible_members(index, self._candidates, range(len(index.tag_columns)))
        self._queries: csr_array | None = None
        self._tag_only: dict[tuple[tuple[int, ...], int], np.ndarray] = {}
        self._answers: dict[int, dict[int, tuple[list[int], int]]] = {}

    @classmethod
    def for_language(cls, session: Session, lang: str, at: datetime) -> RelatedFinder:
        """Loads every statement with a text in ``lang``; candidates as of ``at``."""
        db = session.connection()  # Core rows: no ORM result processing for plain columns
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
        return cls(load_index(db, lang), at, pinned)

    def related(self, statement_id: int, limit: int = DEFAULT_LIMIT) -> list[int]:
        """Ids of at most ``limit`` related statements, pinned ones first."""
        row = self._index.row_of.get(statement_id)
        if row is None or limit <= 0:
            pinned = _pinned_rows(self._index, self._candidates, self._pinned.get(statement_id))
            return [self._ids[r] for r in pinned[: max(limit, 0)]]
        answers = self._answers.setdefault(limit, {})
        if row not in answers:
            start = row - row % _BLOCK
            self._rank_rows(np.arange(start, min(start + _BLOCK, len(self._ids))), limit)
        return list(answers[row][0])

    def floor(self, statement_id: int, limit: int = DEFAULT_LIMIT) -> int:
        """The key a candidate must exceed to enter the statement's list (see ``rank``)."""
        self.related(statement_id, limit)
        return self._answers[limit][self._index.row_of[statement_id]][1]

    def rank_again(self, statement_ids: list[int], limit: int = DEFAULT_LIMIT) -> None:
        """Ranks these statements (with a text in the language), a block at a time."""
        rows = np.array(sorted(self._index.row_of[sid] for sid in statement_ids), dtype=np.int64)
        for start in range(0, len(rows), _BLOCK):
            self._rank_rows(rows[start : start + _BLOCK], limit)

    @property
    def index(self) -> LanguageIndex:
        return self._index

    @property
    def candidates(self) -> Candidates:
        return self._candidates

    def _rank_rows(self, rows: np.ndarray, limit: int) -> None:
        answers = self._answers.setdefault(limit, {})
        found = rank(self._candidates, self._block(rows, limit), limit)
        for r, (chosen, floor) in zip(rows.tolist(), found, strict=True):
            answers[r] = ([self._ids[c] for c in chosen], floor)

    def _block(self, block: np.ndarray, limit: int) -> Queries:
        pinned = [
            _pinned_rows(self._index, self._candidates, self._pinned.get(self._ids[row]))
            for row in block.tolist()
        ]
        count = limit + 1 + max(map(len, pinned))
        row_tags = self._index.row_tags
        tag_only = []
        for row in block.tolist():
            tags = tuple(row_tags.indices[row_tags.indptr[row] : row_tags.indptr[row + 1]].tolist())
            found = self._tag_only.get((tags, count))
            if found is None:
                members = [self._members[tag] for tag in tags]
                found = tagged_first(members, self._candidates.rows, count)
                self._tag_only[tags, count] = found
            tag_only.append(found)
        return Queries(
            terms=self.query_terms()[block],
            tag_bits=self._candidates.tag_bits[block],
            own_rows=block,
            tag_only=tag_only,
            pinned=pinned,
        )

    def query_terms(self) -> csr_array:
        """Every row's own terms as query weight units, idf counted without the row itself."""
        if self._queries is None:
            terms, eligible = self._index.terms, self._candidates.eligible
            itself = np.repeat(eligible, np.diff(terms.indptr))
            frequency = np.bincount(terms.indices[itself], minlength=terms.shape[1])
            others = frequency[terms.indices] - itself
            count = int(eligible.sum())
            idfs = np.where(itself, idf_table(count - 1)[others], idf_table(count)[others])
            units = csr_array(
                (query_units(terms.data, idfs), terms.indices, terms.indptr),
                shape=terms.shape,
                copy=True,  # eliminate_zeros() works in place: the index's arrays stay whole
            )
            units.eliminate_zeros()
            self._queries = units
        return self._queries


def related_for(
    session: Session,
    statement_id: int | None,
    lang: str,
    at: datetime,
    limit: int = DEFAULT_LIMIT,
    *,
    terms: Mapping[str, float] | None = None,
    tags: Iterable[str] | None = None,
) -> list[int]:
    """Ids of at most ``limit`` related statements for one page, pinned ones first.

    ``terms`` (from ``distinctive_terms`` of the unsaved text) and ``tags`` (names) replace
    the stored ones, so the preview follows typing; without them, for a statement with a
    text in ``lang``, the answer equals
    ``RelatedFinder.for_language(session, lang, at).related(statement_id, limit)``.
    ``statement_id`` is None for a statement not saved yet.
    """
    index = cached_index(session, lang)
    candidates = index.candidates(at)
    own = index.row_of.get(statement_id) if statement_id is not None else None
    pins = None
    if statement_id is not None:
        pins = session.scalars(
            select(RelatedStatement.related_id)
            .where(RelatedStatement.statement_id == statement_id)
            .order_by(RelatedStatement.position, RelatedStatement.related_id)
        ).all()
    pinned = _pinned_rows(index, candidates, pins)
    tag_columns = _tag_columns(session, index, statement_id, own, tags)
    members = _eligible_members(index, candidates, tag_columns)
    queries = Queries(
        terms=_query_row(index, candidates, own, terms),
        tag_bits=index.tag_bits_of(tag_columns),
        own_rows=np.array([-1 if own is None else own]),
        tag_only=[tagged_first(members, candidates.rows, limit + 1 + len(pinned))],
        pinned=[pinned],
    )
    return [int(index.ids[r]) for r in rank(candidates, queries, limit)[0][0]]


def _pinned_rows(
    index: LanguageIndex, candidates: Candidates, related_ids: Sequence[int] | None
) -> list[int]:
    """The rows of the eligible pinned statements, in the editor's order."""
    rows = (index.row_of.get(related_id) for related_id in related_ids or ())
    return [row for row in rows if row is not None and candidates.eligible[row]]


def _eligible_members(
    index: LanguageIndex, candidates: Candidates, columns: Iterable[int]
) -> list[np.ndarray]:
    """Per tag column asked, the eligible rows that have the tag."""
    tagged = index.tagged
    found = []
    for column in columns:
        rows = tagged.indices[tagged.indptr[column] : tagged.indptr[column + 1]].astype(np.int64)
        found.append(rows[candidates.eligible[rows]])
    return found


def _tag_columns(
    session: Session,
    index: LanguageIndex,
    statement_id: int | None,
    own: int | None,
    tags: Iterable[str] | None,
) -> list[int]:
    row_tags = index.row_tags
    if tags is None and own is not None:
        return row_tags.indices[row_tags.indptr[own] : row_tags.indptr[own + 1]].tolist()
    if tags is None and statement_id is None:
        return []
    if tags is None:
        query = select(StatementTag.tag_id).where(StatementTag.statement_id == statement_id)
    else:
        query = select(Tag.id).where(Tag.name.in_(list(tags)))
    found = (index.tag_columns.get(tag_id) for tag_id in session.scalars(query))
    return sorted(column for column in found if column is not None)


def _query_row(
    index: LanguageIndex,
    candidates: Candidates,
    own: int | None,
    terms: Mapping[str, float] | None,
) -> csr_array:
    """One statement's terms as query weight units, counted as the finder counts them.

    Document frequencies are over the eligible candidates other than the statement itself.
    """
    stored = index.terms
    span = slice(stored.indptr[own], stored.indptr[own + 1]) if own is not None else slice(0)
    own_columns = stored.indices[span].tolist()
    if terms is None:
        columns, weights = own_columns, stored.data[span].tolist()
    else:
        known = [(index.vocabulary[t], w) for t, w in terms.items() if t in index.vocabulary]
        columns, weights = [c for c, _ in known], [w for _, w in known]
    itself = own is not None and bool(candidates.eligible[own])
    count = int(candidates.eligible.sum()) - itself
    frequencies = np.diff(candidates.terms.indptr)
    mine = set(own_columns) if itself else set()
    idfs = [idf(count, int(frequencies[column]) - (column in mine)) for column in columns]
    units = query_units(np.array(weights, dtype=np.float64), np.array(idfs, dtype=np.float64))
    return csr_array(
        (units, np.array(columns, dtype=np.int64), np.array([0, len(columns)])),
        shape=(1, stored.shape[1]),
    )
