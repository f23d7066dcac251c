"""History: revisions with author and time, a word-level diff of any two, and restore."""

from __future__ import annotations

from app.core.content import TextContent
from app.core.desk import Desk


def test_compare_two_revisions_and_restore_an_old_one(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create(
        "en", TextContent("Budget", body="The budget grows by five percent.")
    )
    v = desk.statement(statement_id).texts["en"].version
    desk.save(
        statement_id, "en", TextContent("Budget", body="The budget grows by seven percent."), v
    )
    v = desk.statement(statement_id).texts["en"].version
    desk.save(
        statement_id, "en", TextContent("Budget 2025", body="The budget grows by seven percent."), v
    )

    window = make_window(sqlite_db)
    window.open_statement(statement_id)
    window.open_history()
    dialog = window.history_dialog
    assert [dialog.list.topLevelItem(i).text(0) for i in range(3)] == ["3", "2", "1"]
    assert dialog.list.topLevelItem(0).text(1) == desk.actor.display_name
    assert dialog.list.topLevelItem(0).text(2)  # the time, in the office time zone

    dialog.select_numbers(1, 2)
    assert dialog.diff.marked_text("old") == ["five "]
    assert dialog.diff.marked_text("new") == ["seven "]
    dialog.select_numbers(3)  # one revision: compared with the one before
    assert "".join(dialog.diff.marked_text("new")).strip() == "2025"
    assert not dialog.restore_button.isEnabled() or dialog.revisions[0].number != 3

    dialog.select_numbers(1)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    revisions = desk.history(statement_id, "en")
    assert max(r.number for r in revisions) == 4  # restore is a new revision
    current = desk.statement(statement_id).texts["en"].content
    assert current == TextContent("Budget", body="The budget grows by five percent.")
    assert window.editor.title.text() == "Budget"
    assert window.editor.body.toPlainText() == "The budget grows by five percent."
    assert dialog.list.topLevelItemCount() == 4


def test_history_of_unsaved_text_says_so(sqlite_db, make_window, qtbot):
    window = make_window(sqlite_db)
    window.new_statement()
    window.open_history()
    assert "no saved revisions" in window.statusBar().currentMessage()
