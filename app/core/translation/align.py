"""Which target segment translates which source segment, and what changed in the source since.

The target was made from the source revision it is based on, so it is aligned with that
revision (dynamic programming over block kind, length and anchors such as numbers and
links, allowing segments on either side without a partner). The base is then compared with
the source as it is now, segment by segment (moved segments are recognised), and the two
are composed: each current source segment gets its target segment and a change —
unchanged, changed (with the word difference), new or moved — and a target segment whose
source was removed is kept as a row of its own. One row list serves progress, navigation,
the needs-update view and the translation memory.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from app.core.content import TextContent
from app.core.diff import DiffOp, block_changes, word_diff
from app.core.translation.segments import Kind, Segment, segments

_ANCHOR = re.compile(r"\d+(?:[.,:]\d+)*|https?://\S+|\([^)\s]+\)|[A-Za-z][A-Za-z-]*[A-Za-z]")

# Costs of the alignment; a segment left without a partner costs SKIP.
SKIP = 1.6
_KIND_MISMATCH = 2.0
# A segment removed in one place and one added elsewhere are the same, moved, from here.
MOVED_SIMILARITY = 0.5


class State(enum.StrEnum):
    UNTRANSLATED = "untranslated"
    TRANSLATED = "translated"
    #: Code, images, rules, links only: nothing to translate.
    SKIPPED = "skipped"


class Change(enum.StrEnum):
    NONE = "none"
    CHANGED = "changed"
    NEW = "new"
    MOVED = "moved"
    #: A target segment whose source segment was removed (or that has no source at all).
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Row:
    """One source segment (as the source is now) with its target segment, if any."""

    source: Segment | None
    target: Segment | None
    state: State
    change: Change = Change.NONE
    # For a changed segment: its words in the base revision, and the difference to now.
    old_text: str | None = None
    diff: tuple[DiffOp, ...] = ()

    @property
    def needs_work(self) -> bool:
        return self.state is State.UNTRANSLATED or self.change is not Change.NONE


def _anchors(text: str) -> frozenset[str]:
    return frozenset(m.group(0).lower() for m in _ANCHOR.finditer(text))


def _pair_cost(source: Segment, target: Segment) -> float:
    if source.key == target.key:
        return 0.0
    cost = 0.0
    if source.kind != target.kind:
        cost += _KIND_MISMATCH
    elif source.kind is Kind.HEADING and source.marker.strip() != target.marker.strip():
        cost += 0.5
    if not source.translatable or not target.translatable:
        cost += 1.0
    if target.key:
        cost += abs(math.log((len(target.key) + 12) / (len(source.key) + 12)))
    else:
        cost += 0.3
    source_anchors, target_anchors = _anchors(source.key), _anchors(target.key)
    if source_anchors or target_anchors:
        shared = len(source_anchors & target_anchors)
        cost += 1.2 * (1 - shared / len(source_anchors | target_anchors))
    return cost


@dataclass(frozen=True, slots=True)
class Link:
    source: int | None
    target: int | None


def align(source: Sequence[Segment], target: Sequence[Segment]) -> list[Link]:
    """A monotonic alignment of two segment lists; every index appears exactly once."""
    n, m = len(source), len(target)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == math.inf:
                continue
            # Diagonal first: on equal cost, pairing wins over leaving segments alone.
            if i < n and j < m:
                value = here + _pair_cost(source[i], target[j])
                if value < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1], step[i + 1][j + 1] = value, 1
            if i < n and here + SKIP < cost[i + 1][j]:
                cost[i + 1][j], step[i + 1][j] = here + SKIP, 2
            if j < m and here + SKIP < cost[i][j + 1]:
                cost[i][j + 1], step[i][j + 1] = here + SKIP, 3
    links: list[Link] = []
    i, j = n, m
    while i or j:
        kind = step[i][j]
        if kind == 1:
            i, j = i - 1, j - 1
            links.append(Link(i, j))
        elif kind == 2:
            i -= 1
            links.append(Link(i, None))
        else:
            j -= 1
            links.append(Link(None, j))
    links.reverse()
    return links


def state_of(source: Segment, target: Segment | None) -> State:
    """Whether a source segment still needs its translation."""
    if not source.translatable:
        return State.SKIPPED
    if target is None or not target.key or target.key == source.key:
        return State.UNTRANSLATED
    return State.TRANSLATED


@dataclass(frozen=True, slots=True)
class _Move:
    """What happened to one current source segment since the base."""

    base: int | None
    change: Change
    old_text: str | None = None


def _similarity(old: str, new: str) -> float:
    return fuzz.ratio(old, new) / 100


def _source_history(
    base: Sequence[Segment], current: Sequence[Segment]
) -> tuple[list[_Move], list[int]]:
    """For each current segment, where it was in the base; and the base segments removed."""
    moves: list[_Move | None] = [None] * len(current)
    removed: list[int] = []
    for change in block_changes([s.text for s in base], [s.text for s in current]):
        if change.kind == "unchanged":
            moves[change.new_index] = _Move(change.old_index, Change.NONE)
        elif change.kind == "changed":
            moves[change.new_index] = _Move(change.old_index, Change.CHANGED, change.old_text)
        elif change.kind == "removed":
            removed.append(change.old_index)
    # A segment removed in one place and one new elsewhere (or in its place, but too
    # different word by word) are the same segment, moved or changed, when their letters
    # are similar enough: the most similar pairs first, those in the same place first.
    anchors = [(m.base, j) for j, m in enumerate(moves) if m is not None]

    def place(old: int, new: int) -> bool:
        return sum(b < old for b, _ in anchors) == sum(n < new for _, n in anchors)

    fresh = [j for j, move in enumerate(moves) if move is None]
    candidates = []
    for old in removed:
        for j in fresh:
            ratio = _similarity(base[old].key, current[j].key)
            if ratio >= MOVED_SIMILARITY:
                candidates.append((not place(old, j), -ratio, old, j))
    still_removed = set(removed)
    for _elsewhere, _ratio, old, j in sorted(candidates):
        if old not in still_removed or moves[j] is not None:
            continue
        still_removed.discard(old)
        if base[old].key == current[j].key:
            moves[j] = _Move(old, Change.MOVED)
        else:
            moves[j] = _Move(old, Change.CHANGED, base[old].text)
    final = [m if m is not None else _Move(None, Change.NEW) for m in moves]
    return final, sorted(still_removed)


def _field_rows(source: list[Segment], target: list[Segment], base: list[Segment]) -> list[Row]:
    rows = []
    base_by_field = {s.field: s for s in base}
    target_by_field = {s.field: s for s in target}
    for segment in source:
        partner = target_by_field.pop(segment.field, None)
        old = base_by_field.get(segment.field)
        if old is None:
            change, old_text, diff = Change.NEW, None, ()
        elif old.key != segment.key:
            change, old_text, diff = (
                Change.CHANGED,
                old.text,
                tuple(word_diff(old.text, segment.text)),
            )
        else:
            change, old_text, diff = Change.NONE, None, ()
        rows.append(Row(segment, partner, state_of(segment, partner), change, old_text, diff))
    rows.extend(
        Row(
            None,
            partner,
            State.TRANSLATED,
            Change.REMOVED if field in base_by_field else Change.NONE,
        )
        for field, partner in target_by_field.items()
    )
    return rows


def _body_rows(source: list[Segment], target: list[Segment], base: list[Segment]) -> list[Row]:
    made_from: dict[int, int] = {}
    for link in align(base, target):
        if link.source is not None and link.target is not None:
            made_from[link.source] = link.target
    moves, removed = _source_history(base, source)
    partner: dict[int, int] = {}
    for j, move in enumerate(moves):
        if move.base is not None and move.base in made_from:
            partner[j] = made_from[move.base]
    _fill_gaps(source, target, partner)
    used = set(partner.values())
    removed_targets = {made_from[i] for i in removed if i in made_from}
    rows: list[Row] = []
    for j, segment in enumerate(source):
        move = moves[j]
        t = target[partner[j]] if j in partner else None
        diff = (
            tuple(word_diff(move.old_text, segment.text))
            if move.change is Change.CHANGED and move.old_text is not None
            else ()
        )
        rows.append(Row(segment, t, state_of(segment, t), move.change, move.old_text, diff))
    # Target segments without a source go right after the row of the target before them.
    for index, segment in enumerate(target):
        if index in used:
            continue
        position = 0
        for k, row in enumerate(rows):
            if row.target is not None and row.target.start < segment.start:
                position = k + 1
        old_text = next((base[i].text for i in removed if made_from.get(i) == index), None)
        change = Change.REMOVED if index in removed_targets else Change.NONE
        rows.insert(position, Row(None, segment, State.TRANSLATED, change, old_text))
    return rows


def _fill_gaps(source: list[Segment], target: list[Segment], partner: dict[int, int]) -> None:
    """Pairs source segments still without a target with unpaired targets between the same
    neighbours (a new paragraph the translator has already translated)."""
    used = set(partner.values())
    j = 0
    while j < len(source):
        if j in partner:
            j += 1
            continue
        end = j
        while end < len(source) and end not in partner:
            end += 1
        low = max((partner[k] for k in range(j) if k in partner), default=-1)
        high = min(
            (partner[k] for k in range(end, len(source)) if k in partner), default=len(target)
        )
        free = [t for t in range(low + 1, high) if t not in used]
        if free:
            for link in align(source[j:end], [target[t] for t in free]):
                if link.source is not None and link.target is not None:
                    partner[j + link.source] = free[link.target]
                    used.add(free[link.target])
        j = end


def rows_for(
    source: TextContent, target: TextContent | None, base: TextContent | None
) -> list[Row]:
    """The desk's rows for a translation: ``base`` is the source revision it was made from
    (``None``: the source as it is now)."""
    source_segments = segments(source)
    target_segments = segments(target) if target is not None else []
    base_segments = segments(base) if base is not None else source_segments

    def of(*fields: str) -> list[list[Segment]]:
        """The source, target and base segments of these fields."""
        return [
            [s for s in items if s.field in fields]
            for items in (source_segments, target_segments, base_segments)
        ]

    return (
        _field_rows(*of("title", "lead"))
        + _body_rows(*of("body"))
        + _field_rows(*of("image_caption"))
    )


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    changed: int

    @property
    def complete(self) -> bool:
        return self.done == self.total and self.changed == 0


def progress(rows: Sequence[Row]) -> Progress:
    """Translated segments out of those that need translating, and source changes pending."""
    counted = [r for r in rows if r.source is not None and r.state is not State.SKIPPED]
    return Progress(
        done=sum(r.state is State.TRANSLATED for r in counted),
        total=len(counted),
        changed=sum(r.change is not Change.NONE for r in rows),
    )
