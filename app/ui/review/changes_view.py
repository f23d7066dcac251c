"""One read-only pane with the word diff inline, as tracked changes read: removed words struck
through, added words marked; it fits a narrow dock where two panes side by side do not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from app.core.diff import word_diff
from app.core.i18n import _
from app.ui import colours


class ChangesView(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setAccessibleName(_("Changes since approval"))

    def show_changes(self, old: str, new: str) -> None:
        self.clear()
        cursor = QTextCursor(self.document())
        formats = {"equal": QTextCharFormat(), "delete": QTextCharFormat()}
        formats["delete"].setBackground(colours.tint(colours.ERROR))
        formats["delete"].setFontStrikeOut(True)
        formats["insert"] = QTextCharFormat()
        formats["insert"].setBackground(colours.tint(colours.OK))
        first_change = None
        for op in word_diff(old, new):
            if op.kind != "equal" and first_change is None:
                first_change = cursor.position()
            cursor.insertText(op.text, formats[op.kind])
        # Show the first change, a line below the top, rather than the unchanged title.
        self.moveCursor(QTextCursor.MoveOperation.End)
        at = QTextCursor(self.document())
        at.setPosition(first_change or 0)
        self.setTextCursor(at)
        self.ensureCursorVisible()

    def marked(self, kind: str) -> list[str]:
        """The runs shown as "delete"d or "insert"ed (for tests)."""
        runs: list[str] = []
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                fmt = fragment.charFormat()
                if fmt.background().style() != Qt.BrushStyle.NoBrush and (
                    fmt.fontStrikeOut() == (kind == "delete")
                ):
                    runs.append(fragment.text())
                iterator += 1
            block = block.next()
        return runs
