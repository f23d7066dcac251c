"""Autosave and recovery: typing survives a window dropped without saving, and is offered back."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.listing import SortKey, StatementFilter
from tests.ui.conftest import type_text


def test_typing_is_kept_after_a_pause_without_making_a_revision(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create("tg", TextContent("Паём", body="Матни аввал."))
    window = make_window(sqlite_db, autosave_delay_ms=30)
    window.open_statement(statement_id)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor.body, " Илова.")
    assert desk.pending_drafts() == []  # not before the pause
    qtbot.waitUntil(lambda: desk.pending_drafts() != [], timeout=2000)
    [draft] = desk.pending_drafts()
    assert draft.content.body == "Матни аввал. Илова."
    assert draft.statement_id == statement_id
    assert len(desk.history(statement_id, "tg")) == 1  # autosave never makes a revision
    assert window.save_state.text() == "Draft kept"

    window.save()
    assert desk.pending_drafts() == []  # a save discards the draft
    assert len(desk.history(statement_id, "tg")) == 2


def test_focus_leaving_the_editor_keeps_a_draft_at_once(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    window = make_window(sqlite_db, autosave_delay_ms=60_000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.new_statement()
    window.editor.title.setFocus()
    qtbot.waitUntil(window.editor.title.hasFocus, timeout=2000)
    type_text(window.editor.title, "Нав")
    window.list.filter_bar.search.setFocus()
    qtbot.waitUntil(lambda: desk.pending_drafts() != [], timeout=2000)
    assert desk.pending_drafts()[0].content.title == "Нав"


def test_kill_and_recover_a_new_statement_and_an_edit(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    existing = desk.create("tg", TextContent("Ҳисобот", body="Сатри якум."))

    # First session: edit a statement, then start a new one; autosave runs; then the process dies.
    first = make_window(sqlite_db, managed=False, autosave_delay_ms=20)
    first.open_statement(existing)
    first.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(first.editor.body, " Сатри дуюм.")
    qtbot.waitUntil(lambda: len(desk.pending_drafts()) == 1, timeout=2000)
    first.editor.new_statement()  # the form only: nothing is saved
    type_text(first.editor.title, "Паёми Президенти Ҷумҳурии Тоҷикистон")
    type_text(first.editor.body, "Асосгузори сулҳу ваҳдати миллӣ.")
    qtbot.waitUntil(lambda: len(desk.pending_drafts()) == 2, timeout=2000)
    first.editor.autosave.stop()
    first.preview.stop()
    first.deleteLater()  # dropped without closing: nothing is saved

    # Second session on the same database: the restore offer, statement by statement.
    second = make_window(sqlite_db)
    with qtbot.waitSignal(second.recoveryOffered) as offered:
        second.check_recovery()
    dialog = offered.args[0]
    assert "Ҳисобот" in dialog.heading.text()
    assert "".join(dialog.diff.marked_text("new")).strip(" .") == "Сатри дуюм"
    assert dialog.diff.marked_text("old") == []
    dialog.restore_current()
    assert "Паёми Президенти" in dialog.heading.text()
    dialog.restore_current()
    assert not dialog.isVisible()

    assert desk.pending_drafts() == []
    assert desk.statement(existing).texts["tg"].content.body == "Сатри якум. Сатри дуюм."
    new_ids = [
        i for i in desk.page_ids(StatementFilter(), SortKey.UPDATED, True, 0, 10) if i != existing
    ]
    [new_id] = new_ids
    restored = desk.statement(new_id).texts["tg"].content
    assert restored.title == "Паёми Президенти Ҷумҳурии Тоҷикистон"
    assert restored.body == "Асосгузори сулҳу ваҳдати миллӣ."
    # The editor shows the last one restored, and the list has both.
    assert second.editor.title.text() == "Паёми Президенти Ҷумҳурии Тоҷикистон"
    assert second.list.model.rowCount() == 2


def test_a_discarded_draft_is_not_offered_again(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create("ru", TextContent("Заявление"))
    version = desk.statement(statement_id).texts["ru"].version
    desk.keep_draft(
        "x",
        statement_id=statement_id,
        lang="ru",
        base_version=version,
        content=TextContent("Заявление", body="черновик"),
    )
    window = make_window(sqlite_db)
    with qtbot.waitSignal(window.recoveryOffered) as offered:
        window.check_recovery()
    offered.args[0].discard_current()
    assert desk.pending_drafts() == []
    assert desk.statement(statement_id).texts["ru"].content.body == ""
    with qtbot.assertNotEmitted(window.recoveryOffered):
        window.check_recovery()
