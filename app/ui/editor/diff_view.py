"""Two read-only panes showing a word-level difference: removed words left, added words right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QVBoxLayout, QWidget

from app.core.content import TextContent
from app.core.diff import word_diff
from app.core.i18n import _
from app.ui import colours


def content_as_text(content: TextContent | None) -> str:
    """The fields of a text one after another, as a person compares them."""
    if content is None:
        return ""
    parts = [content.title, content.lead, content.body]
    if content.image_caption:
        parts.append(content.image_caption)
    return "\n\n".join(part for part in parts if part)


class DiffView(QWidget):
    """Old text with deletions marked | new text with insertions marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old_label = QLabel(self)
        self.new_label = QLabel(self)
        self.old_view = self._pane(_("Older text"))
        self.new_view = self._pane(_("Newer text"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, view in ((self.old_label, self.old_view), (self.new_label, self.new_view)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(view, 1)
            layout.addLayout(column, 1)

    def _pane(self, name: str) -> QTextEdit:
        view = QTextEdit(self)
        view.setReadOnly(True)
        view.setAcceptRichText(False)
        view.setAccessibleName(name)
        return view

    def set_labels(self, old: str, new: str) -> None:
        self.old_label.setText(old)
        self.new_label.setText(new)

    def show_diff(self, old: str, new: str) -> None:
        self.old_view.clear()
        self.new_view.clear()
        old_cursor = QTextCursor(self.old_view.document())
        new_cursor = QTextCursor(self.new_view.document())
        plain = QTextCharFormat()
        deleted = QTextCharFormat()
        deleted.setBackground(colours.tint(colours.ERROR))
        deleted.setFontStrikeOut(True)
        inserted = QTextCharFormat()
        inserted.setBackground(colours.tint(colours.OK))
        for op in word_diff(old, new):
            if op.kind == "equal":
                old_cursor.insertText(op.text, plain)
                new_cursor.insertText(op.text, plain)
            elif op.kind == "delete":
                old_cursor.insertText(op.text, deleted)
            else:
                new_cursor.insertText(op.text, inserted)
        for view in (self.old_view, self.new_view):
            view.moveCursor(QTextCursor.MoveOperation.Start)

    def marked_text(self, side: str) -> list[str]:
        """The runs shown with a change background on the "old" or "new" side (for tests)."""
        view = self.old_view if side == "old" else self.new_view
        runs: list[str] = []
        block = view.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                    runs.append(fragment.text())
                iterator += 1
            block = block.next()
        return runs
