"""The desk's side panels: memory suggestions, glossary terms and warnings, source changes.

Each is a read-only text view filled through a text cursor with character formats, so the
differences are coloured without building any markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.diff import DiffOp
from app.core.i18n import _
from app.core.translation.align import Change, Row
from app.core.translation.glossary import SegmentTerms
from app.core.translation.memory import Match
from app.ui import colours


def _format(
    *,
    bold: bool = False,
    background: QColor | None = None,
    foreground: QColor | None = None,
    strike: bool = False,
    anchor: str = "",
    small: bool = False,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if background is not None:
        fmt.setBackground(background)
    if foreground is not None:
        fmt.setForeground(foreground)
    if strike:
        fmt.setFontStrikeOut(True)
    if anchor:
        fmt.setAnchor(True)
        fmt.setAnchorHref(anchor)
    if small:
        fmt.setFontPointSize(max(7.0, QFont().pointSizeF() * 0.85))
    return fmt


class _Panel(QTextBrowser):
    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.empty_text = empty_text
        self.show_empty()

    def show_empty(self, text: str | None = None) -> None:
        self.clear()
        self._cursor().insertText(
            text or self.empty_text,
            _format(foreground=colours.palette().color(QPalette.ColorRole.PlaceholderText)),
        )

    def _cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _write(self, text: str, fmt: QTextCharFormat | None = None) -> None:
        self._cursor().insertText(text, fmt or QTextCharFormat())

    def _diff(self, ops: Sequence[DiffOp]) -> None:
        for op in ops:
            if op.kind == "equal":
                self._write(op.text)
            elif op.kind == "delete":
                self._write(op.text, _format(background=colours.tint(colours.ERROR), strike=True))
            else:
                self._write(op.text, _format(background=colours.tint(colours.OK)))


class SuggestionsView(_Panel):
    """Memory matches for the current segment: score, the source's differences, the target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("No suggestions from the translation memory."), parent)
        self.matches: list[Match] = []

    def show_matches(self, matches: list[Match]) -> None:
        self.matches = matches
        if not matches:
            self.show_empty()
            return
        self.clear()
        for number, match in enumerate(matches, start=1):
            kind = _("exact") if match.exact else _("fuzzy")
            self._write(f"Alt+{number}  {match.score} % {kind}\n", _format(bold=True))
            if match.diff:
                self._diff(match.diff)
            else:
                self._write(
                    match.source,
                    _format(foreground=colours.palette().color(QPalette.ColorRole.PlaceholderText)),
                )
            self._write("\n")
            self._write(match.target, _format(bold=True))
            self._write(
                f"\n{match.origin}\n\n",
                _format(
                    foreground=colours.palette().color(QPalette.ColorRole.PlaceholderText),
                    small=True,
                ),
            )
        self.moveCursor(QTextCursor.MoveOperation.Start)


class GlossaryView(_Panel):
    """The glossary terms of the current source segment and what its translation lacks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("No glossary terms in this segment."), parent)

    def show_terms(self, terms: SegmentTerms, source_text: str) -> None:
        if not terms.source_terms and not terms.issues:
            self.show_empty()
            return
        self.clear()
        for found, required in terms.source_terms:
            self._write(source_text[found.start : found.end], _format(bold=True))
            self._write(" → ")
            self._write(required or _("(no term in this language)"))
            self._write("\n")
        for issue in terms.issues:
            if issue.kind == "missing":
                text = _("⚠ The translation lacks “{term}”.").format(term=issue.expected)
            else:
                text = _("⚠ “{found}” is a forbidden variant: write “{term}”.").format(
                    found=issue.found, term=issue.expected
                )
            self._write("\n" + text, _format(foreground=colours.tone(colours.WARNING), bold=True))


class ChangesView(_Panel):
    """What changed in the source since the translation's base, segment by segment."""

    rowChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("The source has not changed since this translation."), parent)
        self.anchorClicked.connect(self._clicked)

    def show_rows(self, rows: Sequence[Row], pending: set[int]) -> None:
        changed = [(i, r) for i, r in enumerate(rows) if r.change is not Change.NONE]
        if not changed:
            self.show_empty()
            return
        self.clear()
        labels = {
            Change.CHANGED: _("Changed"),
            Change.NEW: _("New in the source"),
            Change.MOVED: _("Moved"),
            Change.REMOVED: _("Removed from the source"),
        }
        for index, row in changed:
            done = "" if index in pending else _(" (done)")
            self._write(f"{labels[row.change]}{done}\n", _format(bold=True, anchor=f"row:{index}"))
            if row.change is Change.CHANGED:
                self._diff(row.diff)
            elif row.source is not None:
                self._write(row.source.text, _format(background=colours.tint(colours.OK)))
            elif row.target is not None:
                self._write(
                    row.target.text, _format(background=colours.tint(colours.ERROR), strike=True)
                )
            self._write("\n\n")
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("row:"):
            self.rowChosen.emit(int(target.removeprefix("row:")))
