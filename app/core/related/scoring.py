"""The one ranking of related statements, shared by the whole-language finder and the preview.

Both loaders hand it the same facts (document frequencies among the candidate texts, the
candidates' term weights, tags and order by date), so both give the same answer.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

# A shared tag adds as much as a shared distinctive term whose weights and rarity multiply to
# 0.1: about two prominent rare words in common. The term part of a score is at most 1.
TAG_SCORE = 0.1
# A term in more than this share of the candidate texts says nothing about a statement...
COMMON_SHARE = 0.10
# ...unless the archive is so small that this many texts are still few.
COMMON_MIN_DF = 10
# More than the rounding error of any score sum.
_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Candidates:
    """The eligible statements as the scorer sees them (more terms or tags than asked are fine).

    ``postings``: term → {statement id: weight of the term in its text};
    ``ceilings``: term → at least its largest weight in ``postings``;
    ``tagged``: tag id → {statement id: None} in newest-first order (a dict, for fast
    membership); ``recency``: statement id → a number that is higher for a newer statement
    (by date, then id), to break ties.
    """

    postings: Mapping[str, Mapping[int, float]]
    ceilings: Mapping[str, float]
    tagged: Mapping[int, Mapping[int, None]]
    recency: Mapping[int, int]


def ceilings(postings: Mapping[str, Mapping[int, float]]) -> dict[str, float]:
    return {term: max(weights.values()) for term, weights in postings.items() if weights}


def common_limit(candidate_count: int) -> int:
    """The largest document frequency at which a term still counts."""
    return max(COMMON_MIN_DF, int(COMMON_SHARE * candidate_count))


def query_weights(
    terms: Mapping[str, float], candidate_count: int, document_frequency: Mapping[str, int]
) -> dict[str, float]:
    """Each usable term of a statement's text → its weight × normalised idf, heaviest first.

    ``candidate_count`` and ``document_frequency`` count the eligible texts of the
    language other than the statement's own. Terms no candidate has, and terms more
    frequent than :func:`common_limit`, are left out. idf is ln((N+1)/df) / ln(N+1): 1 for
    a term only one candidate has, towards 0 for a term every candidate has.
    """
    if candidate_count == 0:
        return {}
    scale = math.log(candidate_count + 1)
    limit = common_limit(candidate_count)
    weights = {}
    for term in sorted(terms):
        df = document_frequency.get(term, 0)
        if 0 < df <= limit:
            weights[term] = terms[term] * math.log((candidate_count + 1) / df) / scale
    # The order scores are summed in: the same for both loaders, heaviest first for pruning.
    return dict(sorted(weights.items(), key=lambda item: (-item[1], item[0])))


def rank(
    statement_id: int,
    weights: Mapping[str, float],
    tag_ids: Iterable[int],
    pinned: Sequence[int],
    candidates: Candidates,
    limit: int,
) -> list[int]:
    """The eligible pinned statements in their order, then the best-scoring others.

    A candidate scores Σ over shared terms of (query weight × its own weight), plus
    :data:`TAG_SCORE` per shared tag; equal scores go newest first. Every score is summed
    in the same order (terms as ``weights`` orders them, then tags by id) whatever the
    loader, so equal inputs give bit-for-bit equal scores.

    The postings of the heaviest terms are scanned first; once the most that the terms
    left and all tags could add is below the ``room``-th best score so far, no candidate
    they alone would bring can make it, and the terms left are only looked up for the
    candidates that still can (the "max-score" method of search engines).
    """
    chosen = list(pinned[:limit])
    room = limit - len(chosen)
    if room <= 0:
        return chosen
    excluded = {statement_id, *chosen}
    tag_lists = [candidates.tagged[tag] for tag in sorted(set(tag_ids)) if tag in candidates.tagged]
    postings, terms = candidates.postings, list(weights)
    # reach[i]: the most that terms[i:] and the tags can add to any candidate's score.
    reach = [TAG_SCORE * len(tag_lists) + _SLACK] * (len(terms) + 1)
    for i in range(len(terms) - 1, -1, -1):
        reach[i] = reach[i + 1] + weights[terms[i]] * candidates.ceilings.get(terms[i], 0.0)
    scores: dict[int, float] = {}
    get = scores.get
    # The room-th best score at the last look; it only grows, so looking again pays only
    # once what is left to add has fallen below it.
    lowest = math.inf
    for i, term in enumerate(terms):
        if len(scores) > room and reach[i] < min(lowest, max(scores.values())):
            for candidate in excluded:
                scores.pop(candidate, None)
            lowest = heapq.nlargest(room, scores.values())[-1] if len(scores) >= room else 0.0
            if reach[i] < lowest:
                return chosen + _ordered(
                    _finish(scores, lowest, i, reach, weights, tag_lists, postings, room),
                    room,
                    candidates.recency,
                )
        weight = weights[term]
        for candidate, own in postings.get(term, {}).items():
            scores[candidate] = get(candidate, 0.0) + weight * own
    for candidate in excluded:
        scores.pop(candidate, None)
    for tagged in tag_lists:
        for candidate in scores.keys() & tagged.keys():
            scores[candidate] += TAG_SCORE
    pool = _best_scored(scores, room)
    pool.update(_best_tagged_only(tag_lists, scores, excluded, room))
    return chosen + _ordered(pool, room, candidates.recency)


def _finish(
    scores: Mapping[int, float],
    lowest: float,
    scanned: int,
    reach: list[float],
    weights: Mapping[str, float],
    tag_lists: list[Mapping[int, None]],
    postings: Mapping[str, Mapping[int, float]],
    room: int,
) -> dict[int, float]:
    """Full scores of every candidate that can still be among the ``room`` best.

    ``scores`` hold the sums over the first ``scanned`` terms; the other terms are looked
    up, then the tags added, in rank's order. Candidates go best first, and one whose
    score plus what is left to add falls below the ``room``-th best full score so far is
    dropped, along with all after it.
    """
    terms = list(weights)[scanned:]
    finished: dict[int, float] = {}
    best: list[float] = []  # the room best full scores, as a min-heap
    for candidate in sorted(scores, key=scores.__getitem__, reverse=True):
        score = scores[candidate]
        if score + reach[scanned] < lowest:
            break
        for offset, term in enumerate(terms):
            own = postings[term].get(candidate)
            if own is not None:
                score = score + weights[term] * own
            elif score + reach[scanned + offset + 1] < lowest:
                break
        else:
            for tagged in tag_lists:
                if candidate in tagged:
                    score += TAG_SCORE
            finished[candidate] = score
            if len(best) < room:
                heapq.heappush(best, score)
            elif score > best[0]:
                heapq.heapreplace(best, score)
            if len(best) == room and best[0] > lowest:
                lowest = best[0]
    return finished


def _ordered(pool: dict[int, float], room: int, recency: Mapping[int, int]) -> list[int]:
    best = _best_scored(pool, room)
    return sorted(best, key=lambda candidate: (best[candidate], recency[candidate]), reverse=True)[
        :room
    ]


def _best_scored(scores: dict[int, float], room: int) -> dict[int, float]:
    """The ``room`` best scores, with every candidate tied with the last of them."""
    if len(scores) <= room:
        return dict(scores)
    lowest = heapq.nlargest(room, scores.values())[-1]
    return {candidate: score for candidate, score in scores.items() if score >= lowest}


def _best_tagged_only(
    tag_lists: list[Mapping[int, None]],
    scored: Mapping[int, float],
    excluded: set[int],
    room: int,
) -> dict[int, float]:
    """Enough of the candidates that share only tags to hold the ``room`` best of them.

    Those sharing several tags are few and all kept; among those sharing one tag the
    best are the newest, so the walk down each newest-first list stops early.
    """
    found: dict[int, float] = {}
    several: set[int] = set()
    for first, second in combinations(tag_lists, 2):
        several.update(first.keys() & second.keys())
    for candidate in several:
        if candidate not in scored and candidate not in excluded:
            found[candidate] = sum(TAG_SCORE for tagged in tag_lists if candidate in tagged)
    for tagged in tag_lists:
        taken = 0
        for candidate in tagged:
            if candidate in several or candidate in scored or candidate in excluded:
                continue
            found[candidate] = TAG_SCORE
            taken += 1
            if taken == room:
                break
    return found
