"""Syntax highlighting of Markdown source in a QTextDocument, with optional spelling underlines.

Every pattern is linear in the length of a line (character classes that stop at the next
delimiter, and a delimiter stack for emphasis, as CommonMark does), so a very long paragraph full
of stray `*` or `[` stays fast. Formats are layered as spans and merged, so a bold word inside a
heading is both bold and heading-coloured, and a misspelt link text keeps its link colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from app.core.spelling import SpellChecker

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)(?:\s+\[[ xX]\](?=\s))?")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}(\[[^\[\]]+\]:)\s*(\S+)")
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>")
_BARE_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INLINE_LINK = re.compile(r"(!?)(\[)([^\[\]]*)(\]\()([^()\s]*)((?:\s+\"[^\"]*\")?\))")
_REFERENCE_LINK = re.compile(r"(!?)(\[)([^\[\]]+)(\]\[)([^\[\]]*)(\])")
_EMPHASIS_RUNS = re.compile(r"\*+|_+")
_STRIKE = re.compile(r"~~(?=\S)[^~]+~~")

_MASK = "\x00"  # stands for text already claimed by code or a URL; neither space nor punctuation


def _fence_state(marker: str) -> int:
    """Encode an open fence ("```", "~~~~" …) as a block state; plain blocks use 0."""
    return len(marker) + (1000 if marker[0] == "~" else 0)


def _fence_from_state(state: int) -> str | None:
    if state >= 1000:
        return "~" * (state - 1000)
    if state >= 3:
        return "`" * state
    return None


def _closes_fence(text: str, fence: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved towards `b` by `amount` (0..1)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def _is_punctuation(char: str) -> bool:
    return not char.isalnum() and not char.isspace() and char != _MASK


@dataclass(slots=True)
class _Formats:
    markup: QTextCharFormat
    heading: QTextCharFormat
    bold: QTextCharFormat
    italic: QTextCharFormat
    strike: QTextCharFormat
    code: QTextCharFormat
    link: QTextCharFormat
    image: QTextCharFormat
    url: QTextCharFormat
    list_marker: QTextCharFormat
    quote: QTextCharFormat
    misspelt: QTextCharFormat

    @classmethod
    def from_palette(cls, palette: QPalette) -> _Formats:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightnessF() < 0.5
        lightness = 0.72 if dark else 0.36

        def hue(degrees: int, saturation: float = 0.6) -> QColor:
            return QColor.fromHslF(degrees / 360, saturation, lightness)

        def coloured(
            colour: QColor, *, bold: bool = False, italic: bool = False
        ) -> QTextCharFormat:
            fmt = QTextCharFormat()
            fmt.setForeground(colour)
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if italic:
                fmt.setFontItalic(True)
            return fmt

        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        strike = QTextCharFormat()
        strike.setFontStrikeOut(True)
        code = coloured(hue(15, 0.55))
        code.setFontFamilies(
            [QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()]
        )
        code.setBackground(_mix(base, text, 0.07))
        url = coloured(_mix(hue(200), base, 0.25))
        url.setFontUnderline(True)
        misspelt = QTextCharFormat()
        misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        misspelt.setUnderlineColor(QColor.fromHslF(0.0, 0.85, 0.62 if dark else 0.45))
        return cls(
            markup=coloured(_mix(text, base, 0.5)),
            heading=coloured(hue(212, 0.65), bold=True),
            bold=bold,
            italic=italic,
            strike=strike,
            code=code,
            link=coloured(hue(200, 0.75)),
            image=coloured(hue(285, 0.45)),
            url=url,
            list_marker=coloured(hue(212, 0.65), bold=True),
            quote=coloured(hue(140, 0.35), italic=True),
            misspelt=misspelt,
        )


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights headings, emphasis, code, links, images, lists, quotes and misspelt words."""

    def __init__(self, document: QTextDocument, palette: QPalette | None = None) -> None:
        super().__init__(document)
        self._formats = _Formats.from_palette(palette or QGuiApplication.palette())
        self._spellchecker: SpellChecker | None = None
        self._spans: list[tuple[int, int, QTextCharFormat]] = []

    @property
    def spellchecker(self) -> SpellChecker | None:
        return self._spellchecker

    @spellchecker.setter
    def spellchecker(self, checker: SpellChecker | None) -> None:
        self._spellchecker = checker
        self.rehighlight()

    def set_palette(self, palette: QPalette) -> None:
        """Recompute the colours for a new palette (e.g. the system switched to dark mode)."""
        self._formats = _Formats.from_palette(palette)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        self._spans = []
        fence = _fence_from_state(self.previousBlockState())
        if fence is not None:
            closing = _closes_fence(text, fence)
            self._add(0, len(text), self._formats.code)
            if closing:
                self._add(0, len(text), self._formats.markup)
            self.setCurrentBlockState(0 if closing else self.previousBlockState())
        elif match := _FENCE_OPEN.match(text):
            self._add(0, len(text), self._formats.code)
            self._add(0, len(text), self._formats.markup)
            self.setCurrentBlockState(_fence_state(match.group(1)))
        else:
            self.setCurrentBlockState(0)
            self._highlight_text(text)
        self._apply_spans()

    def _add(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        if end > start:
            self._spans.append((start, end, fmt))

    def _apply_spans(self) -> None:
        """Merge overlapping spans in the order they were added and set each piece once."""
        if not self._spans:
            return
        boundaries = sorted({p for start, end, _ in self._spans for p in (start, end)})
        by_start = sorted(range(len(self._spans)), key=lambda i: self._spans[i][0])
        waiting = 0
        active: list[int] = []
        for left, right in pairwise(boundaries):
            while waiting < len(by_start) and self._spans[by_start[waiting]][0] <= left:
                active.append(by_start[waiting])
                waiting += 1
            active = sorted(i for i in active if self._spans[i][1] > left)
            if not active:
                continue
            merged = QTextCharFormat(self._spans[active[0]][2])
            for i in active[1:]:
                merged.merge(self._spans[i][2])
            self.setFormat(left, right - left, merged)

    def _highlight_text(self, text: str) -> None:
        f = self._formats
        if _RULE.match(text):
            self._add(0, len(text), f.markup)
            return
        masked = list(text)

        def mask(start: int, end: int) -> None:
            masked[start:end] = _MASK * (end - start)

        if match := _HEADING.match(text):
            self._add(0, len(text), f.heading)
            self._add(match.start(1), match.end(1), f.markup)
        quote = _QUOTE.match(text)
        if quote:
            self._add(quote.end(), len(text), f.quote)
            self._add(0, quote.end(), f.markup)
        if match := _LIST.match(text, quote.end() if quote else 0):
            self._add(match.start(), match.end(), f.list_marker)
        if match := _REFERENCE_DEFINITION.match(text):
            self._add(match.start(1), match.end(1), f.link)
            self._add(match.start(2), match.end(2), f.url)
            mask(match.start(2), match.end(2))

        self._highlight_code_spans(text, mask)
        joined = "".join(masked)
        for pattern in (_AUTOLINK, _BARE_URL):
            for match in pattern.finditer(joined):
                self._add(match.start(), match.end(), f.url)
                mask(match.start(), match.end())
            joined = "".join(masked)
        for pattern in (_HTML_TAG, _ENTITY):
            for match in pattern.finditer(joined):
                self._add(match.start(), match.end(), f.markup)
                mask(match.start(), match.end())
            joined = "".join(masked)
        for pattern in (_INLINE_LINK, _REFERENCE_LINK):
            for match in pattern.finditer(joined):
                self._highlight_link(match, mask)
            joined = "".join(masked)
        for match in _STRIKE.finditer(joined):
            self._add(match.start(), match.end(), f.strike)
            self._add(match.start(), match.start() + 2, f.markup)
            self._add(match.end() - 2, match.end(), f.markup)
        self._highlight_emphasis(joined)
        if self._spellchecker is not None:
            for start, length in self._spellchecker.misspellings(joined):
                self._add(start, start + length, f.misspelt)

    def _highlight_code_spans(self, text: str, mask: Callable[[int, int], None]) -> None:
        runs = list(_BACKTICKS.finditer(text))
        # For each run, the index of the next run of the same length: the only one that closes it.
        next_same: list[int | None] = [None] * len(runs)
        last_seen: dict[int, int] = {}
        for index in range(len(runs) - 1, -1, -1):
            length = len(runs[index].group())
            next_same[index] = last_seen.get(length)
            last_seen[length] = index
        index = 0
        while index < len(runs):
            closer = next_same[index]
            if closer is None:
                index += 1
                continue
            start, end = runs[index].start(), runs[closer].end()
            self._add(start, end, self._formats.code)
            self._add(start, runs[index].end(), self._formats.markup)
            self._add(runs[closer].start(), end, self._formats.markup)
            mask(start, end)
            index = closer + 1

    def _highlight_link(self, match: re.Match[str], mask: Callable[[int, int], None]) -> None:
        f = self._formats
        is_image = bool(match.group(1))
        self._add(match.start(1), match.end(2), f.markup)
        self._add(match.start(3), match.end(3), f.image if is_image else f.link)
        self._add(match.start(4), match.end(), f.markup)
        self._add(match.start(5), match.end(5), f.url)
        mask(match.start(1), match.end(2))
        mask(match.start(4), match.end())

    def _highlight_emphasis(self, text: str) -> None:
        """Pair `*`/`_` delimiter runs the CommonMark way: one stack per character, linear time."""
        f = self._formats
        stacks: dict[str, list[list[int]]] = {"*": [], "_": []}
        for run in _EMPHASIS_RUNS.finditer(text):
            start, end = run.start(), run.end()
            char = text[start]
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < len(text) else " "
            left = not after.isspace() and not (
                _is_punctuation(after) and not (before.isspace() or _is_punctuation(before))
            )
            right = not before.isspace() and not (
                _is_punctuation(before) and not (after.isspace() or _is_punctuation(after))
            )
            if char == "*":
                can_open, can_close = left, right
            else:
                can_open = left and (not right or _is_punctuation(before))
                can_close = right and (not left or _is_punctuation(after))
            stack = stacks[char]
            other = stacks["_" if char == "*" else "*"]
            while can_close and start < end and stack:
                opener = stack[-1]
                opener_end = opener[0] + opener[1]
                used = 2 if opener[1] >= 2 and end - start >= 2 else 1
                self._add(opener_end - used, start + used, f.bold if used == 2 else f.italic)
                self._add(opener_end - used, opener_end, f.markup)
                self._add(start, start + used, f.markup)
                # Delimiters between a matched pair can no longer match anything outside it.
                while other and other[-1][0] > opener[0]:
                    other.pop()
                opener[1] -= used
                if opener[1] == 0:
                    stack.pop()
                start += used
            if can_open and start < end:
                stack.append([start, end - start])
