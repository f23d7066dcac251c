"""The statement editor's own behaviour: Tajik letters at the caret, tags with completion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from app.core.content import TextContent
from app.ui.editor.form import StatementEditor
from tests.ui.conftest import type_text


def make_editor(qtbot, desk, runner) -> StatementEditor:
    editor = StatementEditor(desk, runner, ("tg", "ru", "en"), "tg", autosave_delay_ms=60_000)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    return editor


def test_the_letter_bar_types_at_the_caret_of_the_field_in_use(qtbot, desk, sync_runner):
    editor = make_editor(qtbot, desk, sync_runner)
    editor.body.setPlainText("Тоиктон")
    editor.body.setFocus()
    qtbot.waitUntil(editor.body.hasFocus, timeout=2000)
    cursor = editor.body.textCursor()
    cursor.setPosition(2)
    editor.body.setTextCursor(cursor)
    jim = next(b for b in editor.letters.letter_buttons if b.text() == "ҷ")
    qtbot.mouseClick(jim, Qt.MouseButton.LeftButton)
    assert editor.body.toPlainText() == "Тоҷиктон"
    assert editor.body.textCursor().position() == 3
    assert editor.body.hasFocus()  # the button never takes the focus

    editor.title.setFocus()
    qtbot.waitUntil(editor.title.hasFocus, timeout=2000)
    type_text(editor.title, "Паём")
    qtbot.mouseClick(jim, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier)
    assert editor.title.text() == "ПаёмҶ"
    assert editor.is_dirty()


def test_alt_shortcuts_type_tajik_letters(qtbot, desk, sync_runner):
    editor = make_editor(qtbot, desk, sync_runner)
    editor.body.setFocus()
    qtbot.waitUntil(editor.body.hasFocus, timeout=2000)
    qtbot.keyClick(editor.body, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(editor.body, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert editor.body.toPlainText() == "қӯ"


def test_tags_complete_from_existing_ones(qtbot, desk, sync_runner):
    desk.create("tg", TextContent("A"), tags=("economy", "education"))
    editor = make_editor(qtbot, desk, sync_runner)
    editor.load_known_tags()
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "visits, edu")
    assert editor.tags.completer_.currentCompletion() == "education"
    editor.tags.completer_.activated.emit("education")
    assert editor.tags.tags() == ("visits", "education")


def test_the_slug_of_a_published_statement_is_fixed(qtbot, desk, sync_runner):
    statement_id = desk.create("tg", TextContent("Нашр"))
    editor = make_editor(qtbot, desk, sync_runner)
    editor.open_statement(statement_id)
    assert not editor.slug.isReadOnly()
    assert editor.slug.text() == desk.statement(statement_id).slug
    editor.body.moveCursor(QTextCursor.MoveOperation.End)


def test_the_glossary_speaks_while_drafting(sqlite_db, make_window, qtbot):
    from app.core.models import GlossaryTerm
    from tests.ui.conftest import type_text

    with sqlite_db.transaction() as s:
        s.add(
            GlossaryTerm(
                concept="president",
                lang="tg",
                term="Президенти Ҷумҳурии Тоҷикистон",
                forbidden="Раиси ҷумҳур",
            )
        )
    window = make_window(sqlite_db)
    window.new_statement()
    note = window.editor.glossary_note
    type_text(window.editor.body, "Раиси ҷумҳур суханронӣ кард.")
    qtbot.waitUntil(lambda: note.isVisibleTo(window), timeout=3000)
    assert "“Раиси ҷумҳур”: the glossary has “Президенти Ҷумҳурии Тоҷикистон”" in note.text()
    window.editor.body.selectAll()
    type_text(window.editor.body, "Президенти Ҷумҳурии Тоҷикистон суханронӣ кард.")
    qtbot.waitUntil(lambda: not note.isVisibleTo(window), timeout=3000)
