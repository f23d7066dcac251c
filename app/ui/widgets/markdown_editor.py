"""A plain-text Markdown editor with highlighting, formatting commands and spell checking.

Each formatting command is one undo step. The commands are also QActions (with shortcuts) in
`actions_by_name`, ready for a toolbar or menu; their shortcuts work while the editor has focus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import count

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QIcon,
    QKeySequence,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from app.core.i18n import _
from app.core.spelling import SpellChecker
from app.ui.widgets.markdown_highlighter import MarkdownHighlighter
from app.ui.widgets.spelling import add_spelling_actions, misspelt_word_at

_HEADING_PREFIX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_BULLET_PREFIX = re.compile(r"^(\s*)[-*+][ \t]+")
_NUMBER_PREFIX = re.compile(r"^(\s*)\d{1,9}[.)][ \t]+")
_QUOTE_PREFIX = re.compile(r"^ {0,3}> ?")
_COUNTED_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NOT_PROSE = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|<?https?://[^\s<>()]+>?")
_URL_START = re.compile(r"^(?:https?://|mailto:|www\.)\S*$")
_URL_PLACEHOLDER = "https://"


class MarkdownEditor(QPlainTextEdit):
    """Markdown source editor for one text (title, lead or body) of a statement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.actions_by_name: dict[str, QAction] = {}
        self._create_actions()

    # Spell checking

    @property
    def spellchecker(self) -> SpellChecker | None:
        """The checker that draws wavy underlines and offers suggestions; None turns it off."""
        return self.highlighter.spellchecker

    @spellchecker.setter
    def spellchecker(self, checker: SpellChecker | None) -> None:
        self.highlighter.spellchecker = checker

    def context_menu_at(self, pos: QPoint) -> QMenu:
        """The context menu for a right-click at `pos` (viewport coordinates).

        Over a misspelt word it starts with suggestions, "Add to dictionary" and "Ignore"; the
        standard edit actions and a Format submenu follow.
        """
        menu = self.createStandardContextMenu(pos)
        checker = self.spellchecker
        if checker is not None and not self.isReadOnly():
            word = misspelt_word_at(self.cursorForPosition(pos))
            if word is not None:
                add_spelling_actions(menu, word, checker, self.highlighter.rehighlight)
        if not self.isReadOnly():
            menu.addSeparator()
            formatting = menu.addMenu(_("Format"))
            formatting.addActions(list(self.actions_by_name.values()))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # Formatting commands

    def toggle_bold(self) -> None:
        """Wrap the selection in ** (or insert **** with the caret inside); again to unwrap."""
        self._toggle_emphasis(2)

    def toggle_italic(self) -> None:
        """Wrap the selection in * (or insert ** with the caret inside); again to unwrap."""
        self._toggle_emphasis(1)

    def toggle_heading(self, level: int) -> None:
        """Make the selected lines headings of `level` (1–6), or plain lines if they already are."""
        if not 1 <= level <= 6:
            raise ValueError(f"heading level must be 1-6, not {level}")

        def change(block: QTextBlock, _index: int) -> tuple[int, str]:
            match = _HEADING_PREFIX.match(block.text())
            if match and len(match.group(1)) == level:
                return match.end(), ""
            return (match.end() if match else 0), "#" * level + " "

        self._edit_line_prefixes(change)

    def toggle_bulleted_list(self) -> None:
        """Make the selected lines a bulleted list, or plain lines if they already are one."""
        self._toggle_list(_BULLET_PREFIX, lambda _index: "- ")

    def toggle_numbered_list(self) -> None:
        """Make the selected lines a numbered list (1., 2., …), or plain lines if they are one."""
        self._toggle_list(_NUMBER_PREFIX, lambda index: f"{index + 1}. ")

    def toggle_quote(self) -> None:
        """Quote the selected lines with "> ", or unquote them if they are all quoted."""
        blocks = [b for b in self._selected_blocks() if b.text().strip()]
        quoted = bool(blocks) and all(_QUOTE_PREFIX.match(b.text()) for b in blocks)

        def change(block: QTextBlock, _index: int) -> tuple[int, str] | None:
            if not block.text().strip():
                return None
            if quoted:
                return _QUOTE_PREFIX.match(block.text()).end(), ""
            return 0, "> "

        self._edit_line_prefixes(change)

    def insert_link(self) -> None:
        """Insert [text](https://) around the selection with the URL selected for typing.

        When the selection is itself a URL, it becomes the target and the caret waits in the
        brackets for the link text.
        """
        self._insert_reference("", _("link text"))

    def insert_image(self) -> None:
        """Insert ![description](https://) with the URL selected; a selection becomes the alt."""
        self._insert_reference("!", _("image description"))

    def insert_text_at_cursor(self, text: str) -> None:
        """Insert `text` at the caret, replacing the selection, as a user typing it would."""
        cursor = self.textCursor()
        cursor.insertText(text)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def counts(self) -> tuple[int, int]:
        """(words, characters) of the text; characters include spaces but not line breaks.

        A word is a run of letters and digits; an apostrophe or hyphen inside it ("пресс-релиз",
        "don't") does not split it. Markdown markup and link targets are not words.
        """
        text = self.toPlainText()
        words = _COUNTED_WORD.findall(_NOT_PROSE.sub(" ", text))
        return len(words), len(text) - text.count("\n")

    # Qt overrides

    def setDocument(self, document: QTextDocument) -> None:
        super().setDocument(document)
        self.highlighter.setDocument(document)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())

    # Helpers

    def _create_actions(self) -> None:
        specs: list[tuple[str, str, str, str, Callable[[], None]]] = [
            ("bold", _("Bold"), "Ctrl+B", "format-text-bold", self.toggle_bold),
            ("italic", _("Italic"), "Ctrl+I", "format-text-italic", self.toggle_italic),
            *(
                (
                    f"heading{level}",
                    _("Heading {level}").format(level=level),
                    f"Ctrl+{level}",
                    "",
                    lambda _checked=False, level=level: self.toggle_heading(level),
                )
                for level in (1, 2, 3)
            ),
            (
                "bulleted_list",
                _("Bulleted list"),
                "Ctrl+Shift+8",
                "format-list-unordered",
                self.toggle_bulleted_list,
            ),
            (
                "numbered_list",
                _("Numbered list"),
                "Ctrl+Shift+7",
                "format-list-ordered",
                self.toggle_numbered_list,
            ),
            ("quote", _("Quote"), "Ctrl+Shift+9", "format-indent-more", self.toggle_quote),
            ("link", _("Link"), "Ctrl+K", "insert-link", self.insert_link),
            ("image", _("Image"), "Ctrl+Shift+K", "insert-image", self.insert_image),
        ]
        for name, text, shortcut, icon, slot in specs:
            action = QAction(QIcon.fromTheme(icon) if icon else QIcon(), text, self)
            sequence = QKeySequence(shortcut)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(
                f"{text} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[name] = action

    def _selected_blocks(self) -> list[QTextBlock]:
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        # A selection ending at the very start of a line does not take that line in.
        if last != first and cursor.selectionEnd() == last.position():
            last = last.previous()
        blocks = [first]
        while blocks[-1] != last:
            blocks.append(blocks[-1].next())
        return blocks

    def _edit_line_prefixes(
        self, change: Callable[[QTextBlock, int], tuple[int, str] | None]
    ) -> None:
        """Replace the first `n` characters of each selected line with a new prefix, in one step.

        `change(block, index)` returns (n, new prefix), or None to leave that line alone.
        """
        edits = []
        for index, block in enumerate(self._selected_blocks()):
            result = change(block, index)
            if result is not None:
                edits.append((block.position(), *result))
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        # From the bottom up, so the positions of the lines above stay valid.
        for position, length, prefix in reversed(edits):
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(prefix)
        cursor.endEditBlock()

    def _toggle_list(self, pattern: re.Pattern[str], prefix: Callable[[int], str]) -> None:
        blocks = [b for b in self._selected_blocks() if b.text().strip()]
        listed = bool(blocks) and all(pattern.match(b.text()) for b in blocks)
        counter = count()

        def change(block: QTextBlock, _index: int) -> tuple[int, str] | None:
            text = block.text()
            if blocks and not text.strip():
                return None
            match = _BULLET_PREFIX.match(text) or _NUMBER_PREFIX.match(text)
            if listed:
                return match.end(), ""
            indent = len(text) - len(text.lstrip())
            return (match.end() if match else indent), " " * indent + prefix(next(counter))

        self._edit_line_prefixes(change)

    def _toggle_emphasis(self, width: int) -> None:
        cursor = self.textCursor()
        document = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()

        def run_length(position: int, step: int) -> int:
            count = 0
            while (
                0 <= position < document.characterCount() and document.characterAt(position) == "*"
            ):
                count += 1
                position += step
            return count

        def is_marked(before: int, after: int) -> bool:
            # "*x*" and "***x***" are italic, "**x**" and "***x***" are bold.
            if width == 1:
                return before % 2 == 1 and after % 2 == 1
            return before >= 2 and after >= 2

        edit = QTextCursor(document)
        edit.beginEditBlock()
        selected = cursor.selectedText()
        inner_before = len(selected) - len(selected.lstrip("*"))
        inner_after = len(selected) - len(selected.rstrip("*"))
        if (
            selected
            and inner_before + inner_after < len(selected)
            and is_marked(inner_before, inner_after)
        ):
            self._remove(edit, end - width, end)
            self._remove(edit, start, start + width)
            new_start, new_end = start, end - 2 * width
        elif is_marked(run_length(start - 1, -1), run_length(end, 1)):
            self._remove(edit, end, end + width)
            self._remove(edit, start - width, start)
            new_start, new_end = start - width, end - width
        else:
            marker = "*" * width
            edit.setPosition(end)
            edit.insertText(marker)
            edit.setPosition(start)
            edit.insertText(marker)
            new_start, new_end = start + width, end + width
        edit.endEditBlock()
        cursor.setPosition(new_start)
        cursor.setPosition(new_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    @staticmethod
    def _remove(cursor: QTextCursor, start: int, end: int) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _insert_reference(self, bang: str, placeholder: str) -> None:
        cursor = self.textCursor()
        selected = cursor.selectedText().replace("\u2029", " ").strip()
        cursor.beginEditBlock()
        if _URL_START.match(selected):
            cursor.insertText(f"{bang}[]({selected})")
            caret = cursor.position() - len(selected) - 3
            select_from = caret
        else:
            label = selected or placeholder
            cursor.insertText(f"{bang}[{label}]({_URL_PLACEHOLDER})")
            caret = cursor.position() - 1
            select_from = caret - len(_URL_PLACEHOLDER)
        cursor.endEditBlock()
        cursor.setPosition(select_from)
        cursor.setPosition(caret, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
