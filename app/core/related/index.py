"""A language's statements with their terms and tags as arrays, loaded in one query.

The arrays do not depend on the moment of publication, so one load serves any ``at``;
:func:`cached_index` keeps it per database for the preview and loads again whenever a
cheap look at the tables shows that something it was made from has changed.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from scipy.sparse import csr_array
from sqlalchemy import String, and_, case, cast, func, literal, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from app.core import live, visibility
from app.core.listing import statement_date
from app.core.models import (
    PublishedRevision,
    Statement,
    StatementTag,
    StatementText,
    Status,
    TextTerm,
)
from app.core.related.scoring import (
    SIGNATURE_WORDS,
    Candidates,
    signature_bits,
    weight_units,
)

_NEVER = np.inf
_WORD_BITS = 64


@dataclass(frozen=True, slots=True)
class LanguageIndex:
    """Every statement with a text in one language, one row each, ordered by (date, id).

    ``terms``: rows × terms, each text's stored weights; ``vocabulary``: term → column;
    ``candidate_terms``: the same transposed, in weight units, with its ``term_keys``,
    ``signatures`` and ``ceilings`` (see :class:`~app.core.related.scoring.Candidates`);
    ``live_from`` and ``live_until``: the moments (POSIX seconds) between which each row is
    live and listed (:func:`app.core.live.window`; never: ``inf``); ``tag_columns``: tag id
    → column of ``tag_bits``, ``row_tags`` (rows × tags) and ``tagged`` (tags × rows).
    """

    ids: np.ndarray
    row_of: Mapping[int, int]
    terms: csr_array
    vocabulary: Mapping[str, int]
    candidate_terms: csr_array
    term_keys: np.ndarray
    signatures: np.ndarray
    ceilings: np.ndarray
    live_from: np.ndarray
    live_until: np.ndarray
    tag_columns: Mapping[int, int]
    tag_bits: np.ndarray
    row_tags: csr_array
    tagged: csr_array

    def eligible(self, at: datetime) -> np.ndarray:
        """Live and listed at ``at``, per row."""
        moment = at.timestamp()
        return (self.live_from <= moment) & (moment < self.live_until)

    def candidates(self, at: datetime) -> Candidates:
        eligible = self.eligible(at)
        terms = self.candidate_terms
        kept = eligible[terms.indices]
        lengths = np.bincount(self.term_keys[kept] // len(eligible), minlength=terms.shape[0])
        return Candidates(
            eligible=eligible,
            terms=csr_array(
                (terms.data[kept], terms.indices[kept], np.concatenate([[0], np.cumsum(lengths)])),
                shape=terms.shape,
            ),
            weights=terms.data,
            term_keys=self.term_keys,
            signatures=self.signatures,
            ceilings=self.ceilings,
            tag_bits=self.tag_bits,
        )

    def tag_bits_of(self, columns: list[int]) -> np.ndarray:
        """The bits of these tag columns, as one row of ``tag_bits``."""
        bits = np.zeros((1, self.tag_bits.shape[1]), dtype=np.uint64)
        _set_bits(bits, np.zeros(len(columns), dtype=np.int64), np.array(columns, dtype=np.int64))
        return bits


def load_index(db: Connection, lang: str) -> LanguageIndex:
    """Reads the texts of ``lang`` with their statements' state, terms and tags."""
    # Terms and tags come as one string per text: far fewer rows for the driver to build.
    pair = TextTerm.term + literal(" ") + cast(TextTerm.weight, String)
    tag_list = (
        select(func.aggregate_strings(cast(StatementTag.tag_id, String), " "))
        .where(StatementTag.statement_id == StatementText.statement_id)
        .scalar_subquery()
    )
    live_from, live_until = live.window()
    # A text is on the site when its statement is live, listed, and the text pinned.
    shown = and_(visibility.listed(), PublishedRevision.revision_id.is_not(None))
    rows = db.execute(
        select(
            StatementText.statement_id,
            case((shown, live_from), else_=None),
            live_until,
            tag_list,
            func.aggregate_strings(pair, " "),
        )
        .join(Statement, Statement.id == StatementText.statement_id)
        .outerjoin(
            PublishedRevision,
            and_(
                PublishedRevision.statement_id == StatementText.statement_id,
                PublishedRevision.lang == StatementText.lang,
            ),
        )
        .outerjoin(TextTerm, TextTerm.text_id == StatementText.id)
        .where(StatementText.lang == lang)
        .group_by(StatementText.id, Statement.id, PublishedRevision.revision_id)
        .order_by(statement_date(), StatementText.statement_id)
    ).all()
    ids = [row[0] for row in rows]
    row_of = {statement_id: row for row, statement_id in enumerate(ids)}
    terms, vocabulary = _term_matrix([row[4] for row in rows])
    units = csr_array((weight_units(terms.data), terms.indices, terms.indptr), shape=terms.shape)
    candidate_terms = csr_array(units.T)
    candidate_terms.sort_indices()
    entries = np.diff(candidate_terms.indptr)
    term_keys = np.repeat(np.arange(len(entries)), entries) * len(rows) + candidate_terms.indices
    signatures = np.zeros((len(rows), SIGNATURE_WORDS), dtype=np.uint64)
    _set_bits(
        signatures,
        np.repeat(np.arange(len(rows)), np.diff(terms.indptr)),
        signature_bits(terms.indices),
    )
    ceilings = np.zeros(len(entries), dtype=np.int64)
    np.maximum.at(ceilings, np.repeat(np.arange(len(entries)), entries), candidate_terms.data)
    tag_columns, row_tags = _tag_matrix([row[3] for row in rows])
    tag_bits = np.zeros((len(rows), max(1, -(-len(tag_columns) // _WORD_BITS))), dtype=np.uint64)
    _set_bits(tag_bits, np.repeat(np.arange(len(rows)), np.diff(row_tags.indptr)), row_tags.indices)
    return LanguageIndex(
        ids=np.array(ids, dtype=np.int64),
        row_of=row_of,
        terms=terms,
        vocabulary=vocabulary,
        candidate_terms=candidate_terms,
        term_keys=term_keys,
        signatures=signatures,
        ceilings=ceilings,
        live_from=np.array(
            [row[1].timestamp() if row[1] else _NEVER for row in rows], dtype=np.float64
        ),
        live_until=np.array(
            [row[2].timestamp() if row[2] else _NEVER for row in rows], dtype=np.float64
        ),
        tag_columns=tag_columns,
        tag_bits=tag_bits,
        row_tags=row_tags,
        tagged=csr_array(row_tags.T),
    )


def _term_matrix(lists: list[str | None]) -> tuple[csr_array, dict[str, int]]:
    """Rows of "term weight term weight …" → a rows × terms matrix and the term columns."""
    lengths = np.array(
        [(text.count(" ") + 1) // 2 if text else 0 for text in lists], dtype=np.int64
    )
    items = " ".join(text for text in lists if text).split(" ") if lengths.any() else []
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(term, len(vocabulary)) for term in items[0::2]]
    matrix = csr_array(
        (
            np.array(items[1::2], dtype=np.float64),
            np.array(columns, dtype=np.int32),
            np.concatenate([[0], np.cumsum(lengths)]),
        ),
        shape=(len(lists), max(len(vocabulary), 1)),
    )
    return matrix, vocabulary


def _tag_matrix(lists: list[str | None]) -> tuple[dict[int, int], csr_array]:
    """Rows of "tag tag …" → tag id → column, and the rows × tags matrix."""
    tag_ids = [sorted(int(tag) for tag in text.split(" ")) if text else [] for text in lists]
    tag_columns = {
        tag: column for column, tag in enumerate(sorted({t for ts in tag_ids for t in ts}))
    }
    columns = [tag_columns[tag] for tags in tag_ids for tag in tags]
    lengths = np.array([len(tags) for tags in tag_ids], dtype=np.int64)
    matrix = csr_array(
        (
            np.ones(len(columns), dtype=np.int8),
            np.array(columns, dtype=np.int32),
            np.concatenate([[0], np.cumsum(lengths)]),
        ),
        shape=(len(lists), max(len(tag_columns), 1)),
    )
    return tag_columns, matrix


def _set_bits(bits: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> None:
    words, offsets = np.divmod(columns.astype(np.int64), _WORD_BITS)
    np.bitwise_or.at(bits, (rows, words), np.left_shift(np.uint64(1), offsets.astype(np.uint64)))


# Per database (engine), per language: the state of the tables when loaded, and the index.
_CACHE: weakref.WeakKeyDictionary[Engine, dict[str, tuple[tuple, LanguageIndex]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def cached_index(session: Session, lang: str) -> LanguageIndex:
    """The index of ``lang``, loaded again only when the tables have changed since.

    Every service that changes a statement sets its ``updated_at``, and saving a text
    sets the text's; counts, largest ids and sums over statuses catch the rest. A
    change made directly to the terms is reported by :func:`forget_indexes`.
    """
    db = session.connection()
    engine = session.get_bind()
    state = _table_state(db, lang)
    with _LOCK:
        cached = _CACHE.get(engine, {}).get(lang)
    if cached is not None and cached[0] == state:
        return cached[1]
    index = load_index(db, lang)
    with _LOCK:
        _CACHE.setdefault(engine, {})[lang] = (state, index)
    return index


def forget_indexes() -> None:
    """Drops every cached index (their terms have changed)."""
    with _LOCK:
        _CACHE.clear()


def _table_state(db: Connection, lang: str) -> tuple:
    """Cheap numbers that change whenever the language's candidates or their tags change.

    One SELECT of separate scalar subqueries: each max() is then read from its index's
    end, and only the counts walk an index.
    """
    texts = StatementText.lang == lang
    parts = [
        select(func.count(StatementText.id)).where(texts),
        select(func.max(StatementText.id)).where(texts),
        select(func.max(StatementText.updated_at)).where(texts),
        select(func.count(Statement.id)),
        select(func.max(Statement.id)),
        select(func.max(Statement.updated_at)),
        select(func.max(Statement.published_at)),
        select(func.max(Statement.scheduled_at)),
        select(func.max(Statement.expires_at)),
        # A pin moving changes the terms of a live text without touching the text.
        select(func.max(PublishedRevision.pinned_at)),
        select(func.count()).select_from(StatementTag),
    ]
    for status in (Status.PUBLISHED, Status.SCHEDULED):
        chosen = Statement.status == status
        parts += [select(func.count(Statement.id)).where(chosen)]
        parts += [select(func.sum(Statement.id)).where(chosen)]
    return tuple(db.execute(select(*(part.scalar_subquery() for part in parts))).one())
