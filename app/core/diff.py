"""Word-level and paragraph-level differences between two texts, for history and translation views.

`word_diff` keeps every character of both texts: joining the "equal" and "delete" operations gives
the old text back exactly, joining "equal" and "insert" gives the new one. `paragraph_changes` tells
which paragraphs of a Markdown body were changed, inserted or removed, so a translator sees what to
revisit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

DiffKind = Literal["equal", "insert", "delete"]
ParagraphKind = Literal["unchanged", "changed", "inserted", "removed"]

# A token is a run of word characters or a run of punctuation, with the whitespace that follows it;
# leading whitespace of the text is its own token. Matching compares tokens without that whitespace.
_TOKEN = re.compile(r"\s+|(?:\w+|[^\w\s]+)\s*")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLANK = re.compile(r"^[ \t]*$")
_SPACES = re.compile(r"\s+")

#: Two paragraphs at the same place count as one "changed" paragraph when at least this similar
#: (difflib ratio over words); below it, the old one is "removed" and the new one "inserted".
SIMILARITY_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of text that is common to both sides, only in the old text, or only in the new."""

    kind: DiffKind
    text: str


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """What happened to one paragraph; indexes count paragraphs from 0 on their side."""

    kind: ParagraphKind
    old_index: int | None
    new_index: int | None
    old_text: str | None
    new_text: str | None


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


class _OpBuilder:
    """Collects operations, merging neighbours of the same kind and grouping each change region."""

    def __init__(self) -> None:
        self.ops: list[DiffOp] = []
        self._deleted: list[str] = []
        self._inserted: list[str] = []

    def equal(self, text: str) -> None:
        if not text:
            return
        self._flush_change()
        self._append("equal", text)

    def change(self, deleted: str, inserted: str) -> None:
        self._deleted.append(deleted)
        self._inserted.append(inserted)

    def finish(self) -> list[DiffOp]:
        self._flush_change()
        return self.ops

    def _flush_change(self) -> None:
        deleted, inserted = "".join(self._deleted), "".join(self._inserted)
        self._deleted, self._inserted = [], []
        if deleted:
            self._append("delete", deleted)
        if inserted:
            self._append("insert", inserted)

    def _append(self, kind: DiffKind, text: str) -> None:
        if self.ops and self.ops[-1].kind == kind:
            self.ops[-1] = DiffOp(kind, self.ops[-1].text + text)
        else:
            self.ops.append(DiffOp(kind, text))


def word_diff(old: str, new: str) -> list[DiffOp]:
    """Return the word-level difference from `old` to `new` as a list of operations.

    Within one changed region all deleted text comes before all inserted text, so "a b c" →
    "x y z" reads as one replacement; a change of whitespace alone is reported as such.
    """
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    # Most edits touch a small part of a long text: matching only the middle keeps the quadratic
    # part of SequenceMatcher small.
    prefix = 0
    limit = min(len(old_tokens), len(new_tokens))
    while prefix < limit and old_tokens[prefix] == new_tokens[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and old_tokens[len(old_tokens) - 1 - suffix] == new_tokens[len(new_tokens) - 1 - suffix]
    ):
        suffix += 1
    old_mid = old_tokens[prefix : len(old_tokens) - suffix]
    new_mid = new_tokens[prefix : len(new_tokens) - suffix]

    builder = _OpBuilder()
    builder.equal("".join(old_tokens[:prefix]))
    matcher = SequenceMatcher(
        None, [t.rstrip() for t in old_mid], [t.rstrip() for t in new_mid], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            builder.change("".join(old_mid[i1:i2]), "".join(new_mid[j1:j2]))
            continue
        for old_token, new_token in zip(old_mid[i1:i2], new_mid[j1:j2], strict=True):
            old_word = old_token.rstrip()
            old_space = old_token[len(old_word) :]
            new_space = new_token[len(old_word) :]
            builder.equal(old_word)
            if old_space == new_space:
                builder.equal(old_space)
            else:
                builder.change(old_space, new_space)
    builder.equal("".join(old_tokens[len(old_tokens) - suffix :]))
    return builder.finish()


def split_paragraphs(body: str) -> list[str]:
    """Split a Markdown body into paragraphs (blocks separated by blank lines).

    A fenced code block stays one paragraph even when it contains blank lines. Returned paragraphs
    keep their inner line breaks and lose the blank lines around them.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in body.splitlines():
        if fence is None and _BLANK.match(line):
            if current:
                paragraphs.append("\n".join(current))
                current = []
            continue
        current.append(line)
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None:
            stripped = line.strip()
            if len(stripped) >= len(fence) and stripped == fence[0] * len(stripped):
                fence = None
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def paragraph_at(body: str, offset: int) -> int | None:
    """The index, as :func:`split_paragraphs` counts, of the paragraph holding the character
    at ``offset`` (a caret); None on a blank line between paragraphs or past the end."""
    lines = body.splitlines(keepends=True)
    number, start = None, 0
    for index, line in enumerate(lines):
        if offset <= start + len(line.splitlines()[0]):
            number = index
            break
        start += len(line)
    if number is None:
        return None
    before = split_paragraphs("".join(lines[:number]))
    through = split_paragraphs("".join(lines[: number + 1]))
    # The line starts a paragraph, or adds to the one before (a blank line between two adds
    # nothing, but one inside a fenced code block does).
    if len(through) > len(before) or (before and through[-1] != before[-1]):
        return len(through) - 1
    return None


def normalize(text: str) -> str:
    """The words of a block with runs of white space as one space: what is compared."""
    return _SPACES.sub(" ", text).strip()


def _similarity(old: str, new: str) -> float:
    matcher = SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
        return 0.0
    if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def paragraph_changes(old_body: str, new_body: str) -> list[ParagraphChange]:
    """Compare two Markdown bodies paragraph by paragraph, in document order.

    Every paragraph of both bodies appears exactly once: unchanged and changed ones pair an old
    paragraph with a new one, removed ones only have the old side, inserted ones only the new.
    Re-wrapping a paragraph (a change in whitespace only) leaves it unchanged.
    """
    return block_changes(split_paragraphs(old_body), split_paragraphs(new_body))


def block_changes(old_paragraphs: list[str], new_paragraphs: list[str]) -> list[ParagraphChange]:
    """Like :func:`paragraph_changes`, for blocks already split (paragraphs, list items …)."""
    old_keys = [normalize(p) for p in old_paragraphs]
    new_keys = [normalize(p) for p in new_paragraphs]
    changes: list[ParagraphChange] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(
                ParagraphChange("unchanged", i, j, old_paragraphs[i], new_paragraphs[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        changes.extend(
            _pair_replaced(old_paragraphs, new_paragraphs, old_keys, new_keys, i1, i2, j1, j2)
        )
    return changes


def _pair_replaced(
    old_paragraphs: list[str],
    new_paragraphs: list[str],
    old_keys: list[str],
    new_keys: list[str],
    i1: int,
    i2: int,
    j1: int,
    j2: int,
) -> list[ParagraphChange]:
    """Pair the old and new paragraphs of one replaced region, in order, by similarity."""
    changes: list[ParagraphChange] = []
    next_new = j1
    for i in range(i1, i2):
        match = None
        for j in range(next_new, j2):
            if _similarity(old_keys[i], new_keys[j]) >= SIMILARITY_THRESHOLD:
                match = j
                break
        if match is None:
            changes.append(ParagraphChange("removed", i, None, old_paragraphs[i], None))
            continue
        changes.extend(
            ParagraphChange("inserted", None, j, None, new_paragraphs[j])
            for j in range(next_new, match)
        )
        changes.append(
            ParagraphChange("changed", i, match, old_paragraphs[i], new_paragraphs[match])
        )
        next_new = match + 1
    changes.extend(
        ParagraphChange("inserted", None, j, None, new_paragraphs[j]) for j in range(next_new, j2)
    )
    return changes
