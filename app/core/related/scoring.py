"""The one ranking of related statements, shared by the whole-language finder and the preview.

A candidate's score is Σ over shared terms of (query weight × its own weight), plus
:data:`TAG_SCORE` per shared tag. Weights are counted in integer units (:data:`UNITS` per
1.0), so a score is an exact integer number of ``1 / UNITS²``: summing in any order, one
row or a block of rows at a time, gives the same number, and equal scores are really equal.
Equal scores go newest first (by date, then id).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from scipy.sparse import csr_array

# A shared tag adds as much as a shared distinctive term whose weights and rarity multiply to
# 0.1: about two prominent rare words in common. The term part of a score is at most 1.
TAG_SCORE = 0.1
# A term in more than this share of the candidate texts says nothing about a statement...
COMMON_SHARE = 0.03
# ...unless the archive is so small that this many texts are still few.
COMMON_MIN_DF = 10
# Weights are rounded to millionths; a product of two of them is a whole number of 1e-12.
UNITS = 10**6
TAG_UNITS = round(TAG_SCORE * UNITS * UNITS)


def common_limit(candidate_count: int) -> int:
    """The largest document frequency at which a term still counts."""
    return max(COMMON_MIN_DF, int(COMMON_SHARE * candidate_count))


def idf(candidate_count: int, document_frequency: int) -> float:
    """ln((N+1)/df) / ln(N+1) for a term that counts, else 0.

    It is 1 for a term only one candidate has and tends to 0 for one every candidate has;
    a term no candidate has, or more than :func:`common_limit` have, does not count. Plain
    ``math.log`` on purpose: one statement and a whole language get bit-for-bit the same.
    """
    if not 0 < document_frequency <= common_limit(candidate_count):
        return 0.0
    return math.log((candidate_count + 1) / document_frequency) / math.log(candidate_count + 1)


def idf_table(candidate_count: int) -> np.ndarray:
    """:func:`idf` for every document frequency from 0 to N + 1."""
    table = np.zeros(candidate_count + 2)
    top = min(common_limit(candidate_count), candidate_count)
    table[: top + 1] = [idf(candidate_count, df) for df in range(top + 1)]
    return table


def weight_units(weights: np.ndarray) -> np.ndarray:
    """A text's own term weights in units."""
    return np.rint(weights * UNITS).astype(np.int64)


def query_units(weights: np.ndarray, idfs: np.ndarray) -> np.ndarray:
    """Query weights (own weight × idf) in units; 0 for a term that does not count."""
    return np.rint(weights * idfs * UNITS).astype(np.int64)


@dataclass(frozen=True, slots=True)
class Candidates:
    """The statements of one language at one moment, one row each, oldest first.

    ``eligible``: which rows may be suggested; ``terms``: terms × rows, the weight units
    of the eligible rows; ``weights`` and ``term_keys``: every row's weight units and, for
    each, term × rows + row, ascending, to look single weights up; ``signatures``: rows ×
    words, the bits (:func:`signature_bits`) of each row's terms; ``ceilings``: per term,
    its largest weight units; ``tag_bits``: rows × words, bit ``c`` of a row set when its
    statement has the tag of column ``c``.
    """

    eligible: np.ndarray
    terms: csr_array
    weights: np.ndarray
    term_keys: np.ndarray
    signatures: np.ndarray
    ceilings: np.ndarray
    tag_bits: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.eligible)

    def weight_of(self, terms: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The weight units of each (term, row), 0 where the row's text lacks the term.

        Most rows asked about lack the term: their signature says so without a search.
        """
        bits = signature_bits(terms)
        maybe = np.flatnonzero(
            self.signatures[rows, bits >> 6] >> (bits & 63).astype(np.uint64) & 1
        )
        wanted = terms[maybe] * self.rows + rows[maybe]
        at = np.minimum(np.searchsorted(self.term_keys, wanted), max(len(self.term_keys) - 1, 0))
        weights = np.zeros(len(terms), dtype=np.int64)
        weights[maybe] = np.where(self.term_keys[at] == wanted, self.weights[at], 0)
        return weights


@dataclass(frozen=True, slots=True)
class Queries:
    """Statements to find related ones for, as rows of their own.

    ``terms``: queries × terms, query weight units; ``tag_bits``: queries × words;
    ``own_rows``: each query's own row among the candidates, or -1; ``tag_only``: per
    query, the candidates to consider that share only tags with it (see
    :func:`tagged_first`); ``pinned``: per query, its eligible pinned rows in order.
    """

    terms: csr_array
    tag_bits: np.ndarray
    own_rows: np.ndarray
    tag_only: Sequence[np.ndarray]
    pinned: Sequence[Sequence[int]]

    def __len__(self) -> int:
        return len(self.own_rows)


# Bits of a row's term signature: with 16 terms, one in nine absent terms passes as present.
SIGNATURE_WORDS = 2
_SIGNATURE_SHIFT = (64 * SIGNATURE_WORDS).bit_length() - 1


def signature_bits(terms: np.ndarray) -> np.ndarray:
    """The signature bit of each term column."""
    hashed = terms.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing
    return (hashed >> np.uint64(64 - _SIGNATURE_SHIFT)).astype(np.int64)


def shared_tags(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Per pair of rows of tag bits, how many tags both have."""
    return np.bitwise_count(first & second).sum(axis=1, dtype=np.int64)


def tagged_first(members: Sequence[np.ndarray], rows: int, count: int) -> np.ndarray:
    """The first ``count`` rows ordered by tags shared with a query, then newest first.

    ``members`` holds, per tag of the query, the eligible rows that have it. A candidate
    sharing only tags scores ``TAG_SCORE`` × shared tags, and every candidate's full score
    is at least that; so once ``count`` candidates (its own row and the pinned included)
    precede a tag-only candidate in this order, it can never be among the ``count`` best.
    """
    if not members:
        return np.empty(0, dtype=np.int64)
    # Counting into an array of all rows beats sorting the members (np.unique).
    counts = np.bincount(np.concatenate(members), minlength=rows)
    found = np.flatnonzero(counts)
    shared = counts[found]
    keys = shared.astype(np.int64) * rows + found
    if len(keys) > count:
        keys = np.partition(keys, len(keys) - count)[len(keys) - count :]
    return np.sort(keys)[::-1] % rows


# How many of each query's heaviest terms find the candidates that set the first floor.
_FIRST_TERMS = 3


# A floor no key reaches: the pinned statements alone fill the list.
NO_ROOM = 2**63 - 1

# A query's answer: the rows chosen, and the key a new candidate must exceed to enter them.
Ranked = tuple[list[int], int]


def rank(candidates: Candidates, queries: Queries, limit: int) -> list[Ranked]:
    """Per query, the rows of at most ``limit`` related statements: pinned first, then the best.

    With each list comes its floor: the key of its weakest suggestion when it is full
    (pinned ones aside), else one below any positive key; no key of a candidate left out
    is above it (see :func:`_walk`).

    Only candidates with a positive score count. Every score becomes one integer key,
    score × rows + row (rows are oldest first, so a higher key is better and, on equal
    scores, newer); the best keys of each query are found for the whole block at once.

    Most candidates share only a few light terms and cannot win, so not all are scored
    (the "max-score" method of search engines). A term's reach, query weight × its largest
    weight, bounds what it adds to any score. The best candidates of each query's heaviest
    terms, scored in full, set a floor that enough candidates reach; terms are then taken
    heaviest first until the reach of those left plus all the query's tags is below the
    floor, since candidates of the other terms alone cannot reach it, and of the
    candidates of the terms taken only those that still can are scored in full.
    """
    count = len(queries)
    if limit <= 0 or candidates.rows == 0:
        return [([], NO_ROOM) for _ in range(count)]
    # Per query, how many candidates other than itself it takes for ``limit`` unpinned ones.
    needed = limit + np.array([len(pinned) for pinned in queries.pinned], dtype=np.int64)
    widest = int(needed.max())
    terms = _heaviest_first(queries.terms, candidates)
    tag_only = _tag_only_keys(candidates, queries)
    own_tags = TAG_UNITS * shared_tags(queries.tag_bits, queries.tag_bits)

    first = _found(terms.select(terms.place < _FIRST_TERMS), candidates, count)
    first = first.select(np.flatnonzero(first.row != queries.own_rows[first.query]))
    first = first.select(_top_entries(count, first.query, first.score, widest))
    exact = first.score + _tags(first, candidates, queries)
    exact += _term_sum(first, terms.select(terms.place >= _FIRST_TERMS), candidates, count)
    floor = np.maximum(
        _kth_largest(_padded(count, first.query, exact, widest), needed),
        _kth_largest(tag_only, needed) // candidates.rows,
    )
    floor = np.maximum(floor, 1)  # only a positive score counts

    taken = terms.left + own_tags[terms.query] >= floor[terms.query]
    beyond = _sums(terms.query[~taken], terms.reach[~taken], count)
    found = _found(terms.select(taken), candidates, count)
    hope = found.score + beyond[found.query]
    found = found.select(np.flatnonzero(hope + own_tags[found.query] >= floor[found.query]))
    tags = _tags(found, candidates, queries)
    hopeful = np.flatnonzero(found.score + beyond[found.query] + tags >= floor[found.query])
    found = found.select(hopeful)
    score = found.score + tags[hopeful] + _term_sum(found, terms.select(~taken), candidates, count)

    # Term scores are at most UNITS² (both weight vectors have unit length), so keys fit in
    # 64 bits for a million rows and dozens of shared tags.
    keys = _padded(count, found.query, score * candidates.rows + found.row, 2 * widest + 1)
    best_keys = np.sort(np.concatenate([keys, tag_only], axis=1), axis=1)[:, ::-1]
    return [
        _walk(keys, own, pinned, candidates.rows, limit)
        for keys, own, pinned in zip(
            best_keys.tolist(), queries.own_rows.tolist(), queries.pinned, strict=True
        )
    ]


@dataclass(frozen=True, slots=True)
class _Terms:
    """The query terms of a block, grouped by query and heaviest first within each."""

    query: np.ndarray
    column: np.ndarray
    weight: np.ndarray
    reach: np.ndarray
    place: np.ndarray  # 0 for each query's heaviest term
    left: np.ndarray  # the reach of this term and of the lighter ones of its query

    def select(self, which: np.ndarray) -> _Terms:
        return _Terms(*(getattr(self, field.name)[which] for field in fields(self)))


def _heaviest_first(terms: csr_array, candidates: Candidates) -> _Terms:
    query = np.repeat(np.arange(terms.shape[0]), np.diff(terms.indptr))
    reach = terms.data * candidates.ceilings[terms.indices]
    order = np.lexsort((-reach, query))
    query, reach = query[order], reach[order]
    total = np.concatenate([[0], np.cumsum(reach)])
    return _Terms(
        query=query,
        column=terms.indices[order].astype(np.int64),
        weight=terms.data[order],
        reach=reach,
        place=np.arange(len(order)) - terms.indptr[query],
        left=total[terms.indptr[query + 1]] - total[:-1],
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """Pairs of a query and an eligible candidate sharing a term, with a term score so far."""

    query: np.ndarray
    row: np.ndarray
    score: np.ndarray

    def select(self, which: np.ndarray) -> _Found:
        return _Found(self.query[which], self.row[which], self.score[which])


def _found(terms: _Terms, candidates: Candidates, count: int) -> _Found:
    """Every eligible candidate having one of ``terms``, with the sum over those terms."""
    asked = csr_array(
        (terms.weight, (terms.query, terms.column)), shape=(count, candidates.terms.shape[0])
    )
    scores = (asked @ candidates.terms).tocsr()
    query = np.repeat(np.arange(count), np.diff(scores.indptr))
    return _Found(query, scores.indices.astype(np.int64), scores.data.astype(np.int64))


def _tags(found: _Found, candidates: Candidates, queries: Queries) -> np.ndarray:
    """The units of the tags each pair shares."""
    return TAG_UNITS * shared_tags(queries.tag_bits[found.query], candidates.tag_bits[found.row])


def _term_sum(found: _Found, terms: _Terms, candidates: Candidates, count: int) -> np.ndarray:
    """Per pair, the sum over ``terms`` (those of its query) of query × candidate weight."""
    lengths = np.bincount(terms.query, minlength=count)
    per_pair = lengths[found.query]
    pair = np.repeat(np.arange(len(found.query)), per_pair)
    within = np.arange(len(pair)) - (np.cumsum(per_pair) - per_pair)[pair]
    entry = (np.cumsum(lengths) - lengths)[found.query][pair] + within
    products = terms.weight[entry] * candidates.weight_of(terms.column[entry], found.row[pair])
    return _sums(pair, products, len(found.query))


def _sums(groups: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Per group, the sum of its values (whole numbers below 2**53: exact in floating point)."""
    return np.rint(np.bincount(groups, values, count)).astype(np.int64)


def _padded(count: int, query_of: np.ndarray, values: np.ndarray, width: int) -> np.ndarray:
    """count × at most ``width``: the largest values of each query, -1 where there are fewer."""
    lengths = np.bincount(query_of, minlength=count)
    starts = np.cumsum(lengths) - lengths
    padded = np.full((count, max(int(lengths.max(initial=0)), 1)), -1, dtype=np.int64)
    padded[query_of, np.arange(len(values)) - starts[query_of]] = values
    if padded.shape[1] > width:
        padded = np.partition(padded, padded.shape[1] - width, axis=1)[:, -width:]
    return padded


def _top_entries(count: int, query_of: np.ndarray, values: np.ndarray, width: int) -> np.ndarray:
    """The entries holding the ``width`` largest values of each query (fewer if it has fewer)."""
    lengths = np.bincount(query_of, minlength=count)
    starts = np.cumsum(lengths) - lengths
    padded = np.full((count, max(int(lengths.max(initial=0)), 1)), -1, dtype=np.int64)
    entries = np.full(padded.shape, -1, dtype=np.int64)
    place = np.arange(len(values)) - starts[query_of]
    padded[query_of, place] = values
    entries[query_of, place] = np.arange(len(values))
    if padded.shape[1] > width:
        top = np.argpartition(padded, padded.shape[1] - width, axis=1)[:, -width:]
        entries = np.take_along_axis(entries, top, axis=1)
    return entries[entries >= 0]


def _kth_largest(values: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Per row, its k-th largest value; 0 for a row with fewer than k above 0."""
    if values.shape[1] < k.max():
        values = np.pad(values, ((0, 0), (0, int(k.max()) - values.shape[1])), constant_values=-1)
    ordered = np.sort(values, axis=1)
    return np.maximum(ordered[np.arange(len(values)), values.shape[1] - k], 0)


def _tag_only_keys(candidates: Candidates, queries: Queries) -> np.ndarray:
    """The keys of the tag-only candidates of each query, -1 where there are none.

    A candidate that also shares terms has a higher key among the term scores when it
    can win: :func:`_walk` takes each row once, at its best. The query's own row has -1.
    """
    lengths = np.array([len(found) for found in queries.tag_only], dtype=np.int64)
    query = np.repeat(np.arange(len(lengths)), lengths)
    found = np.concatenate([*queries.tag_only, np.empty(0, dtype=np.int64)]).astype(np.int64)
    tags = shared_tags(queries.tag_bits[query], candidates.tag_bits[found])
    keys = np.where(
        found == queries.own_rows[query], -1, TAG_UNITS * tags * candidates.rows + found
    )
    return _padded(len(lengths), query, keys, max(len(found), 1))


def _walk(keys: list[int], own: int, pinned: Sequence[int], rows: int, limit: int) -> Ranked:
    """The pinned, then the rows of the best keys, each once and never the query's own.

    The floor is the last key taken when the list is full (a key may understate a
    candidate's score, never overstate it), else ``rows - 1``: any positive score enters.
    """
    chosen = list(pinned[:limit])
    if len(chosen) >= limit:
        return chosen, NO_ROOM
    taken = {own, *chosen}
    last = rows - 1
    for key in keys:
        if len(chosen) >= limit or key < rows:  # the rest score nothing
            break
        row = key % rows
        if row not in taken:
            taken.add(row)
            chosen.append(row)
            last = key
    return chosen, last if len(chosen) >= limit else rows - 1
