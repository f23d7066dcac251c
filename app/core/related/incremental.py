"""Which related lists of a language some changed statements can alter, since the last ranking.

With the lists of a language, the export keeps a basis (:func:`basis`): the rows in date
order, which rows were candidates, each term's document frequency among the candidates,
and each list's floor (see ``scoring.rank``). While the rows and the candidates stay the
same, a statement's list can only change if

- the statement itself changed (its terms, tags or pins);
- it has a term whose document frequency changed, so its own query weights changed;
- its list holds a changed statement, whose score with it changed; or
- a changed statement now scores above its floor.

Every other list is exactly what ranking it again would give, so only these are ranked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import numpy as np
from scipy.sparse import csc_array

from app.core.related.finder import RelatedFinder
from app.core.related.scoring import NO_ROOM, TAG_UNITS, shared_tags, weight_units

Lists = Mapping[str, list[int]]  # statement id (as a JSON key) → related statement ids


def basis(finder: RelatedFinder, mark: int, limit: int, floors: Mapping[str, int]) -> dict:
    """What :func:`to_rank_again` needs of the ranking just made, as JSON-ready values."""
    return {
        "mark": mark,
        "limit": limit,
        "rows": _digest(finder.index.ids),
        "eligible": _digest(finder.candidates.eligible),
        "df": _frequencies(finder),
        "floors": dict(floors),
    }


def to_rank_again(
    finder: RelatedFinder, previous: Mapping, lists: Lists, changed: Iterable[int], limit: int
) -> set[int] | None:
    """The statements whose lists may differ from ``lists``; None: rank the whole language.

    ``previous`` is the :func:`basis` kept with ``lists``; ``changed`` the statements
    changed since its mark.
    """
    index, candidates = finder.index, finder.candidates
    if (
        previous.get("limit") != limit
        or previous.get("rows") != _digest(index.ids)
        or previous.get("eligible") != _digest(candidates.eligible)
    ):
        return None
    changed = {sid for sid in changed if sid in index.row_of}
    again = set(changed)
    ids = index.ids

    old_df, new_df = previous["df"], _frequencies(finder)
    moved = [
        index.vocabulary[term]
        for term in old_df.keys() | new_df.keys()
        if old_df.get(term) != new_df.get(term) and term in index.vocabulary
    ]
    if moved:
        by_term = csc_array(index.terms)
        rows = np.concatenate(
            [by_term.indices[by_term.indptr[c] : by_term.indptr[c + 1]] for c in moved]
        )
        again.update(ids[rows].tolist())

    again.update(int(sid) for sid, chosen in lists.items() if not changed.isdisjoint(chosen))

    floors = np.full(len(ids), NO_ROOM, dtype=np.int64)
    for sid, floor in previous["floors"].items():
        row = index.row_of.get(int(sid))
        if row is not None:
            floors[row] = floor
    queries = finder.query_terms()
    for sid in changed:
        row = index.row_of[sid]
        if not candidates.eligible[row]:
            continue  # never a candidate, before or now
        span = slice(index.terms.indptr[row], index.terms.indptr[row + 1])
        weights = np.zeros(index.terms.shape[1], dtype=np.int64)
        weights[index.terms.indices[span]] = weight_units(index.terms.data[span])
        scores = queries @ weights
        scores += TAG_UNITS * shared_tags(candidates.tag_bits, candidates.tag_bits[row : row + 1])
        keys = scores * candidates.rows + row
        entering = (scores > 0) & (keys > floors)
        entering[row] = False
        again.update(ids[entering].tolist())
    return again


def _frequencies(finder: RelatedFinder) -> dict[str, int]:
    """Each term's number of candidate texts."""
    terms, eligible = finder.index.terms, finder.candidates.eligible
    counted = np.repeat(eligible, np.diff(terms.indptr))
    frequency = np.bincount(terms.indices[counted], minlength=terms.shape[1])
    return {
        term: int(frequency[column])
        for term, column in finder.index.vocabulary.items()
        if frequency[column]
    }


def _digest(values: np.ndarray) -> str:
    return hashlib.blake2b(np.ascontiguousarray(values).tobytes(), digest_size=16).hexdigest()
