"""One side of the desk: a text's title, lead, body and caption, with segments highlighted.

The source side is read-only; the target side is edited as Markdown, whole. Segment spans
come from the core in Python string indexes; Qt counts UTF-16 units, so positions are
converted at this boundary.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.content import TextContent
from app.core.i18n import _
from app.core.translation.segments import Segment
from app.ui.widgets.markdown_editor import MarkdownEditor
from app.ui.widgets.plain_text import exact_text


def qt_position(text: str, index: int) -> int:
    """A Python string index as Qt's (UTF-16) position."""
    prefix = text[:index]
    return index + sum(1 for char in prefix if ord(char) > 0xFFFF)


def python_index(text: str, position: int) -> int:
    """A Qt (UTF-16) position as a Python string index."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class TextSide(QWidget):
    """Title, lead, body and caption of one language, as fields."""

    #: The text was edited by the person (not by set_content).
    edited = Signal()
    #: The caret moved or another field got focus.
    caretMoved = Signal()

    def __init__(self, heading: str, *, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read_only = read_only
        self._filling = False
        self.heading = QLabel(heading, self)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(_("Title"))
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.lead = QPlainTextEdit(self)
        self.lead.setAccessibleName(_("Lead"))
        self.lead.setTabChangesFocus(True)
        self.lead.setFixedHeight(self.lead.fontMetrics().lineSpacing() * 3 + 14)
        self.body = MarkdownEditor(self)
        self.body.setAccessibleName(_("Body"))
        self.caption = QLineEdit(self)
        self.caption.setAccessibleName(_("Image caption"))
        self.caption.setPlaceholderText(_("Image caption"))
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {
            "title": self.title,
            "lead": self.lead,
            "body": self.body,
            "image_caption": self.caption,
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.caption)
        for line in (self.title, self.caption):
            line.setReadOnly(read_only)
            line.textEdited.connect(self._edited)
            line.cursorPositionChanged.connect(lambda *_: self.caretMoved.emit())
        for edit in (self.lead, self.body):
            edit.setReadOnly(read_only)
            edit.textChanged.connect(self._edited)
            edit.cursorPositionChanged.connect(self.caretMoved)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _edited(self) -> None:
        if not self._filling:
            self.edited.emit()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in self.fields.values():
            self.caretMoved.emit()

    def set_content(self, content: TextContent) -> None:
        self._filling = True
        try:
            self.title.setText(content.title)
            self.title.setCursorPosition(0)
            self.lead.setPlainText(content.lead)
            self.body.setPlainText(content.body)
            self.caption.setText(content.image_caption)
            self.caption.setCursorPosition(0)
        finally:
            self._filling = False

    def content(self) -> TextContent:
        return TextContent(
            self.title.text(), exact_text(self.lead), exact_text(self.body), self.caption.text()
        )

    def value(self, field: str) -> str:
        widget = self.fields[field]
        return widget.text() if isinstance(widget, QLineEdit) else exact_text(widget)

    def caret(self) -> tuple[str, int] | None:
        """The field that has (or last had) the caret, and where in it (a Python index)."""
        focus = QApplication.focusWidget()
        for field, widget in self.fields.items():
            if widget is focus:
                if isinstance(widget, QLineEdit):
                    return field, python_index(widget.text(), widget.cursorPosition())
                return field, python_index(exact_text(widget), widget.textCursor().position())
        return None

    def highlight(self, marks: list[tuple[Segment, QColor]]) -> None:
        """Colours these segments (later marks over earlier ones); clears the rest."""
        for field, widget in self.fields.items():
            own = [(s, c) for s, c in marks if s.field == field]
            if isinstance(widget, QLineEdit):
                colour = own[-1][1].name() if own else None
                widget.setStyleSheet(f"QLineEdit {{ background: {colour}; }}" if colour else "")
                continue
            text = exact_text(widget)
            selections = []
            for segment, colour in own:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(widget.document())
                start = qt_position(text, segment.start)
                end = qt_position(text, max(segment.end, segment.start))
                if start == end:
                    # An empty segment: colour its line.
                    cursor.setPosition(start)
                    fmt = QTextCharFormat()
                    fmt.setBackground(colour)
                    fmt.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
                    selection.format = fmt
                else:
                    cursor.setPosition(start)
                    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                    fmt = QTextCharFormat()
                    fmt.setBackground(colour)
                    selection.format = fmt
                selection.cursor = cursor
                selections.append(selection)
            widget.setExtraSelections(selections)

    def reveal(self, segment: Segment, *, focus: bool) -> None:
        """Scrolls to a segment; with ``focus``, selects its words (typing replaces them)."""
        widget = self.fields[segment.field]
        if isinstance(widget, QLineEdit):
            if focus:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                text = widget.text()
                start = qt_position(text, segment.start)
                widget.setSelection(start, qt_position(text, segment.end) - start)
            return
        text = exact_text(widget)
        cursor = widget.textCursor()
        if focus:
            cursor.setPosition(qt_position(text, segment.start))
            cursor.setPosition(qt_position(text, segment.end), QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.centerCursor()
            return
        cursor.setPosition(qt_position(text, segment.start))
        widget.setTextCursor(cursor)
        widget.centerCursor()

    def replace_range(self, field: str, start: int, end: int, words: str) -> None:
        """Replaces a span of a field as one undoable edit."""
        widget = self.fields[field]
        text = self.value(field)
        if isinstance(widget, QLineEdit):
            widget.setText(text[:start] + words + text[end:])
            widget.setCursorPosition(start + len(words))
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edited.emit()
            return
        cursor = widget.textCursor()
        cursor.setPosition(qt_position(text, start))
        cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(words)
        widget.setTextCursor(cursor)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
