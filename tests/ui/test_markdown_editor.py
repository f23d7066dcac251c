"""Markdown editor, highlighter, spelling and the Tajik letter bar, used as a person would."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.spelling import SpellChecker
from app.ui.widgets.markdown_editor import MarkdownEditor
from app.ui.widgets.tajik_letters import TAJIK_LETTERS, TajikLetterBar, install_tajik_shortcuts

RUSSIAN = SpellChecker.for_language("ru")
needs_russian = pytest.mark.skipif(
    RUSSIAN is None,
    reason="no Russian spelling dictionary (install libenchant-2-2 and hunspell-ru)",
)


@pytest.fixture
def editor(qtbot) -> MarkdownEditor:
    widget = MarkdownEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus()
    return widget


def select(editor: MarkdownEditor, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def caret_at(editor: MarkdownEditor, position: int) -> None:
    select(editor, position, position)


def point_at(editor: MarkdownEditor, position: int) -> QPoint:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return editor.cursorRect(cursor).center()


def formats_at(editor: MarkdownEditor, block_number: int, offset: int) -> list[QTextCharFormat]:
    block = editor.document().findBlockByNumber(block_number)
    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= offset < r.start + r.length]


def is_wavy(editor: MarkdownEditor, block_number: int, offset: int) -> bool:
    return any(
        f.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        for f in formats_at(editor, block_number, offset)
    )


def is_bold(editor: MarkdownEditor, block_number: int, offset: int) -> bool:
    return any(
        f.fontWeight() >= QFont.Weight.Bold for f in formats_at(editor, block_number, offset)
    )


# Formatting commands


def test_bold_wraps_selection_and_undoes_in_one_step(editor: MarkdownEditor) -> None:
    editor.setPlainText("Встреча в Душанбе")
    select(editor, 10, 17)
    editor.toggle_bold()
    assert editor.toPlainText() == "Встреча в **Душанбе**"
    assert editor.textCursor().selectedText() == "Душанбе"
    editor.undo()
    assert editor.toPlainText() == "Встреча в Душанбе"


def test_bold_again_unwraps(editor: MarkdownEditor) -> None:
    editor.setPlainText("a **word** b")
    select(editor, 4, 8)
    editor.toggle_bold()
    assert editor.toPlainText() == "a word b"
    select(editor, 2, 10)
    editor.setPlainText("a **word** b")
    select(editor, 2, 10)
    editor.toggle_bold()
    assert editor.toPlainText() == "a word b"


def test_bold_without_selection_puts_caret_between_markers(editor: MarkdownEditor) -> None:
    editor.setPlainText("x ")
    caret_at(editor, 2)
    editor.toggle_bold()
    editor.insert_text_at_cursor("жирный")
    assert editor.toPlainText() == "x **жирный**"


def test_ctrl_b_and_ctrl_i_shortcuts(editor: MarkdownEditor, qtbot) -> None:
    editor.setPlainText("one two")
    select(editor, 0, 3)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "**one** two"
    select(editor, 8, 11)
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "**one** *two*"


def test_italic_inside_bold_does_not_eat_the_bold(editor: MarkdownEditor) -> None:
    editor.setPlainText("**word**")
    select(editor, 2, 6)
    editor.toggle_italic()
    assert editor.toPlainText() == "***word***"
    select(editor, 3, 7)
    editor.toggle_italic()
    assert editor.toPlainText() == "**word**"


def test_heading_shortcuts_toggle_and_replace_the_prefix(editor: MarkdownEditor, qtbot) -> None:
    editor.setPlainText("Intro\nTitle")
    caret_at(editor, 8)
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Intro\n## Title"
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Intro\n# Title"
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Intro\nTitle"
    editor.undo()
    assert editor.toPlainText() == "Intro\n# Title"


def test_lists_and_quote_apply_to_every_selected_line(editor: MarkdownEditor) -> None:
    editor.setPlainText("first\nsecond\n\nthird")
    select(editor, 0, len(editor.toPlainText()))
    editor.toggle_numbered_list()
    assert editor.toPlainText() == "1. first\n2. second\n\n3. third"
    editor.toggle_bulleted_list()
    assert editor.toPlainText() == "- first\n- second\n\n- third"
    editor.toggle_bulleted_list()
    assert editor.toPlainText() == "first\nsecond\n\nthird"
    editor.toggle_quote()
    assert editor.toPlainText() == "> first\n> second\n\n> third"
    editor.undo()
    assert editor.toPlainText() == "first\nsecond\n\nthird"


def test_bullet_on_an_empty_line(editor: MarkdownEditor) -> None:
    editor.setPlainText("")
    editor.toggle_bulleted_list()
    editor.insert_text_at_cursor("пункт")
    assert editor.toPlainText() == "- пункт"


def test_ctrl_k_link_selects_the_url(editor: MarkdownEditor, qtbot) -> None:
    editor.setPlainText("See the statement")
    select(editor, 8, 17)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "See the [statement](https://)"
    assert editor.textCursor().selectedText() == "https://"
    editor.insert_text_at_cursor("https://mfa.tj")
    assert editor.toPlainText() == "See the [statement](https://mfa.tj)"
    editor.undo()
    editor.undo()
    assert editor.toPlainText() == "See the statement"


def test_link_around_a_selected_url_waits_for_the_text(editor: MarkdownEditor) -> None:
    editor.setPlainText("https://mfa.tj")
    select(editor, 0, 14)
    editor.insert_link()
    editor.insert_text_at_cursor("МИД")
    assert editor.toPlainText() == "[МИД](https://mfa.tj)"


def test_image_uses_selection_as_description(editor: MarkdownEditor) -> None:
    editor.setPlainText("Flag")
    select(editor, 0, 4)
    editor.insert_image()
    assert editor.toPlainText() == "![Flag](https://)"
    assert editor.textCursor().selectedText() == "https://"


def test_counts(editor: MarkdownEditor) -> None:
    editor.setPlainText("# Пресс-релиз\n\n**Душанбе**, 2024 — [сайт](https://mfa.tj/ru) ҳукумат")
    assert editor.counts() == (5, len(editor.toPlainText()) - 2)


# Highlighting


def test_highlighting_of_markdown_constructs(editor: MarkdownEditor) -> None:
    editor.setPlainText(
        "# Heading\nplain **strong** *soft* `code`\n```\n# not a heading\n```\n# after fence"
    )
    assert is_bold(editor, 0, 3)
    assert is_bold(editor, 1, 9) and not is_bold(editor, 1, 2)
    assert any(f.fontItalic() for f in formats_at(editor, 1, 19))
    code_family = formats_at(editor, 1, 26)[0].fontFamilies()
    assert code_family
    assert not is_bold(editor, 3, 3)  # inside the fence
    assert is_bold(editor, 5, 3)


def test_unclosed_fence_keeps_going_and_closing_it_updates(editor: MarkdownEditor) -> None:
    editor.setPlainText("```\n# a\n# b")
    assert not is_bold(editor, 2, 2)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\n```\n# c")
    assert is_bold(editor, 4, 2)
    cursor.setPosition(0)
    cursor.deleteChar()
    assert is_bold(editor, 1, 2)


def test_pathological_line_is_fast(editor: MarkdownEditor) -> None:
    # Stray delimiters everywhere: patterns that backtrack would take seconds here.
    line = "**a [b `c _d " * 3000
    editor.setPlainText(line + "\n**done**")
    assert is_bold(editor, 1, 3)


def test_colours_follow_a_dark_palette(editor: MarkdownEditor) -> None:
    editor.setPlainText("# Heading")
    light = formats_at(editor, 0, 3)[0].foreground().color()
    palette = QPalette(editor.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    editor.setPalette(palette)
    dark = formats_at(editor, 0, 3)[0].foreground().color()
    assert dark.lightnessF() > 0.5 > light.lightnessF()


# Spelling


def test_no_spellchecker_draws_no_underlines(editor: MarkdownEditor) -> None:
    editor.setPlainText("Превет мир")
    assert not is_wavy(editor, 0, 1)


@needs_russian
def test_misspelt_russian_word_is_underlined(editor: MarkdownEditor) -> None:
    editor.spellchecker = RUSSIAN
    editor.setPlainText("Превет, мир! `превет` https://превет.рф")
    assert is_wavy(editor, 0, 2)
    assert not is_wavy(editor, 0, 9)
    assert not is_wavy(editor, 0, 15)  # code is not checked
    assert not is_wavy(editor, 0, 32)  # nor URLs
    editor.spellchecker = None
    assert not is_wavy(editor, 0, 2)


@needs_russian
def test_context_menu_offers_suggestions_and_replaces(editor: MarkdownEditor) -> None:
    editor.spellchecker = SpellChecker.for_language("ru")
    editor.setPlainText("Превет мир")
    menu = editor.context_menu_at(point_at(editor, 2))
    texts = [a.text() for a in menu.actions()]
    assert "Привет" in texts[:7]
    assert "Add to dictionary" in texts and "Ignore" in texts
    next(a for a in menu.actions() if a.text() == "Привет").trigger()
    assert editor.toPlainText() == "Привет мир"
    editor.undo()
    assert editor.toPlainText() == "Превет мир"


@needs_russian
def test_add_to_dictionary_and_ignore(editor: MarkdownEditor, tmp_path: Path) -> None:
    personal = tmp_path / "words.txt"
    editor.spellchecker = SpellChecker.for_language("ru", personal_words=personal)
    editor.setPlainText("Хатлонстрой Зарафшанстрой")
    menu = editor.context_menu_at(point_at(editor, 3))
    next(a for a in menu.actions() if a.text() == "Add to dictionary").trigger()
    assert not is_wavy(editor, 0, 2)
    assert is_wavy(editor, 0, 14)
    assert personal.read_text(encoding="utf-8") == "Хатлонстрой\n"
    assert SpellChecker.for_language("ru", personal_words=personal).check("Хатлонстрой")
    menu = editor.context_menu_at(point_at(editor, 14))
    next(a for a in menu.actions() if a.text() == "Ignore").trigger()
    assert not is_wavy(editor, 0, 14)


@needs_russian
def test_no_spelling_entries_off_a_misspelt_word(editor: MarkdownEditor) -> None:
    editor.spellchecker = RUSSIAN
    editor.setPlainText("мир")
    menu = editor.context_menu_at(point_at(editor, 1))
    assert "Add to dictionary" not in [a.text() for a in menu.actions()]


def test_user_supplied_tajik_hunspell_pair(tmp_path: Path) -> None:
    if not SpellChecker.available_languages():
        pytest.skip("Enchant is not installed (libenchant-2-2)")
    (tmp_path / "tg.aff").write_text("SET UTF-8\nTRY аеиоуӯӣбвгғдҷжзйкқлмнпрстфхҳчшъэюя\n")
    (tmp_path / "tg.dic").write_text("3\nҳукумат\nДушанбе\nҷаласа\n", encoding="utf-8")
    assert "tg" in SpellChecker.available_languages(tmp_path)
    checker = SpellChecker.for_language("tg", tmp_path)
    assert checker is not None and checker.language == "tg"
    assert checker.check("ҳукумат") and not checker.check("ҳукумот")
    assert "ҳукумат" in checker.suggest("ҳукумот")
    assert checker.misspellings("Ҷаласаи ҳукумат") == [(0, 7)]


def test_missing_language_degrades_to_none(tmp_path: Path) -> None:
    assert SpellChecker.for_language("xx", tmp_path / "missing") is None


# Tajik letters


def test_letter_bar_inserts_at_the_caret_without_taking_focus(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    bar = TajikLetterBar()
    own_editor = MarkdownEditor()
    layout.addWidget(bar)
    layout.addWidget(own_editor)
    bar.letterChosen.connect(own_editor.insert_text_at_cursor)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    own_editor.setFocus()
    qtbot.waitUntil(own_editor.hasFocus)
    own_editor.setPlainText("Душанбе")
    caret_at(own_editor, 0)
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in bar.letter_buttons)
    qtbot.mouseClick(bar.letter_buttons[5], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        bar.letter_buttons[0], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier
    )
    assert own_editor.toPlainText() == "ҷҒДушанбе"
    assert own_editor.hasFocus()
    bar.capitals = True
    assert [b.text() for b in bar.letter_buttons] == [letter.upper for letter in TAJIK_LETTERS]
    with qtbot.waitSignal(bar.letterChosen) as chosen:
        qtbot.mouseClick(bar.letter_buttons[4], Qt.MouseButton.LeftButton)
    assert chosen.args == ["Ҳ"]
    assert "Alt+Shift+H" in bar.letter_buttons[4].toolTip()


def test_alt_shortcuts_type_tajik_letters(editor: MarkdownEditor, qtbot) -> None:
    shortcuts = install_tajik_shortcuts(editor, editor.insert_text_at_cursor)
    assert len(shortcuts) == 12
    for letter in TAJIK_LETTERS:
        key = getattr(Qt.Key, f"Key_{letter.key}")
        qtbot.keyClick(editor, key, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(
            editor, key, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        )
    assert editor.toPlainText() == "ғҒӣӢқҚӯӮҳҲҷҶ"
