"""Qt side of spell checking: the underlined word under a point, and its context-menu actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from app.core.i18n import _
from app.core.spelling import SpellChecker

MAX_SUGGESTIONS = 7


def misspelt_word_at(cursor: QTextCursor) -> QTextCursor | None:
    """A cursor selecting the word underlined as misspelt at `cursor`'s position, if any.

    It reads the underline the highlighter drew, so code, URLs and anything else left unchecked
    never offer suggestions.
    """
    block = cursor.block()
    offset = cursor.positionInBlock()
    layout = block.layout()
    if layout is None:
        return None
    for format_range in layout.formats():
        if format_range.format.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline:
            continue
        if format_range.start <= offset <= format_range.start + format_range.length:
            word = QTextCursor(block)
            word.setPosition(block.position() + format_range.start)
            word.setPosition(
                block.position() + format_range.start + format_range.length,
                QTextCursor.MoveMode.KeepAnchor,
            )
            return word
    return None


def add_spelling_actions(
    menu: QMenu,
    word: QTextCursor,
    checker: SpellChecker,
    on_dictionary_changed: Callable[[], None],
) -> None:
    """Put suggestions, "Add to dictionary" and "Ignore" for the selected `word` atop `menu`.

    Choosing a suggestion replaces the word as one undo step; the other two actions call
    `on_dictionary_changed` so the caller can redraw the underlines.
    """
    text = word.selectedText()
    actions: list[QAction] = []
    for suggestion in checker.suggest(text)[:MAX_SUGGESTIONS]:
        action = QAction(suggestion, menu)
        font = QFont(action.font())
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _checked=False, s=suggestion: _replace(word, s))
        actions.append(action)
    if not actions:
        none = QAction(_("No suggestions"), menu)
        none.setEnabled(False)
        actions.append(none)

    def add_to_dictionary() -> None:
        checker.add_to_personal(text)
        on_dictionary_changed()

    def ignore() -> None:
        checker.ignore(text)
        on_dictionary_changed()

    add = QAction(_("Add to dictionary"), menu)
    add.triggered.connect(add_to_dictionary)
    skip = QAction(_("Ignore"), menu)
    skip.triggered.connect(ignore)
    actions += [add, skip]
    if not menu.actions():
        menu.addActions(actions)
        return
    separator = QAction(menu)
    separator.setSeparator(True)
    menu.insertActions(menu.actions()[0], [*actions, separator])


def _replace(word: QTextCursor, replacement: str) -> None:
    word.beginEditBlock()
    word.insertText(replacement)
    word.endEditBlock()
