"""The desk as a press secretary uses it: write, preview, save, find, search, switch languages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.listing import StatementFilter
from app.ui.main_window import MainWindow
from tests.ui.conftest import type_text


def write(qtbot, window: MainWindow, title: str, body: str) -> None:
    window.new_statement()
    qtbot.keyClicks(window.editor.title, title)
    qtbot.keyClicks(window.editor.body, body)


def test_new_statement_is_previewed_saved_listed_and_found(
    sqlite_db, make_window, qtbot, fake_renderer
):
    window = make_window(sqlite_db)
    write(qtbot, window, "Visit to Khujand", "The delegation inspected the new water plant.")
    assert window.isWindowModified()
    assert window.save_state.text() == "Unsaved changes"
    assert window.counts.text() == "7 words, 45 characters"

    qtbot.waitUntil(
        lambda: (
            window.preview.last_page is not None
            and "inspected the new water plant" in window.preview.last_page.html
        ),
        timeout=3000,
    )
    assert "class='related'" in window.preview.last_page.html
    assert fake_renderer.calls[-1][0] is None  # not saved yet: no statement id

    window.save()
    statement_id = window.editor.statement_id
    assert statement_id is not None
    assert window.save_state.text() == "Saved"
    assert not window.isWindowModified()
    assert window.list.model.rowCount() == 1
    assert window.list.model.data(window.list.model.index(0, 0)) == "Visit to Khujand"
    assert Desk.for_workstation(sqlite_db).statement(statement_id).texts["tg"].content.body == (
        "The delegation inspected the new water plant."
    )

    # A fresh start on the same database lists it; the search finds it by a word of its body.
    other = make_window(sqlite_db)
    assert other.list.model.rowCount() == 1
    qtbot.keyClicks(other.list.filter_bar.search, "plant")
    qtbot.waitUntil(lambda: other.list.model.statement_filter.query == "plant", timeout=2000)
    assert other.list.model.rowCount() == 1
    other.list.move(1)
    assert other.editor.statement_id == statement_id
    assert other.editor.title.text() == "Visit to Khujand"
    other.list.filter_bar.search.clear()
    qtbot.keyClicks(other.list.filter_bar.search, "budget")
    qtbot.waitUntil(lambda: other.list.model.statement_filter.query == "budget", timeout=2000)
    assert other.list.model.rowCount() == 0


def test_a_new_statement_needs_a_title_and_keeps_the_body(sqlite_db, make_window, qtbot):
    window = make_window(sqlite_db, managed=False)
    window.show()
    window.new_statement()
    qtbot.keyClicks(window.editor.body, "Only a body.")
    with qtbot.waitSignal(window.problemShown) as shown:
        window.save()
    assert "title" in shown.args[0].text()
    assert window.editor.body.toPlainText() == "Only a body."
    assert window.editor.statement_id is None

    # Closing cannot save it either: the window asks, and closes only when told to.
    with qtbot.waitSignal(window.problemShown) as asked:
        window.close()
    assert window.isVisible()
    asked.args[0].done(QMessageBox.StandardButton.Close)
    assert not window.isVisible()
    drafts = Desk.for_workstation(sqlite_db).pending_drafts()
    assert [d.content.body for d in drafts] == ["Only a body."]
    window.deleteLater()


def test_switching_statements_saves_the_one_left(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    first = desk.create("tg", TextContent("First"))
    second = desk.create("tg", TextContent("Second"))
    window = make_window(sqlite_db)
    window.open_statement(first)
    qtbot.keyClicks(window.editor.body, "Typed into the first.")
    window.open_statement(second)
    assert window.editor.title.text() == "Second"
    assert desk.statement(first).texts["tg"].content.body == "Typed into the first."
    assert max(r.number for r in desk.history(first, "tg")) == 2


def test_a_missing_language_opens_empty_and_saves_as_translation(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create("tg", TextContent("Паёми Президент"))
    window = make_window(sqlite_db)
    window.open_statement(statement_id)
    assert window.editor.switcher.tabText(1) == "RU +"
    window.editor.switcher.setCurrentIndex(1)  # as a click on the RU tab
    assert window.editor.lang == "ru"
    assert window.editor.title.text() == ""
    assert window.language.text() == "Language: Russian"
    type_text(window.editor.title, "Послание Президента")
    window.editor.switcher.step(-1)  # back to TG saves the translation
    assert window.editor.lang == "tg"
    assert desk.statement(statement_id).texts["ru"].content.title == "Послание Президента"
    assert window.editor.switcher.tabText(1) == "RU"


def _conflict(sqlite_db, make_window, qtbot, **window_options):
    """A window whose typing meets someone else's save of the same text; the dialog."""
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create("tg", TextContent("Shared", body="Old body."))
    window = make_window(sqlite_db, **window_options)
    window.show()
    window.open_statement(statement_id)
    # Someone else saves the same text after this window opened it.
    version = desk.statement(statement_id).texts["tg"].version
    desk.save(statement_id, "tg", TextContent("Shared", body="Their body."), version)
    window.editor.body.selectAll()
    qtbot.keyClicks(window.editor.body, "My body.")
    with qtbot.waitSignal(window.editor.conflictShown) as shown:
        window.save()
    return desk, statement_id, window, shown.args[0]


def test_a_conflict_shows_both_versions_and_keeping_mine_goes_on(sqlite_db, make_window, qtbot):
    desk, statement_id, window, dialog = _conflict(sqlite_db, make_window, qtbot)
    assert "saved the TG text at" in dialog.findChild(QLabel).text()
    assert "(Dushanbe)" in dialog.findChild(QLabel).text()
    assert dialog.diff.old_view.toPlainText().endswith("Their body.")
    assert dialog.diff.new_view.toPlainText().endswith("My body.")
    assert window.editor.body.toPlainText() == "My body."
    assert [d.content.body for d in desk.pending_drafts()] == ["My body."]
    dialog.keep_button.click()
    history = desk.history(statement_id, "tg")
    assert [r.content.body for r in history] == ["My body.", "Their body.", "Old body."]
    assert window.save_state.text() == "Saved" and desk.pending_drafts() == []
    # Work goes on: the next save builds on the kept version, with no conflict again.
    qtbot.keyClicks(window.editor.body, " More.")
    window.save()
    assert desk.statement(statement_id).texts["tg"].content.body == "My body. More."


def test_taking_theirs_shows_their_text(sqlite_db, make_window, qtbot):
    desk, statement_id, window, dialog = _conflict(sqlite_db, make_window, qtbot)
    dialog.theirs_button.click()
    assert window.editor.body.toPlainText() == "Their body."
    assert not window.editor.is_dirty() and desk.pending_drafts() == []
    assert len(desk.history(statement_id, "tg")) == 2


def test_merging_by_hand_builds_on_their_version(sqlite_db, make_window, qtbot):
    desk, statement_id, window, dialog = _conflict(sqlite_db, make_window, qtbot)
    dialog.merge_button.click()
    assert window.editor._their_version.isVisible()
    assert window.editor.body.toPlainText() == "My body." and window.editor.is_dirty()
    window.editor.body.selectAll()
    qtbot.keyClicks(window.editor.body, "Their body. My body.")
    window.save()
    assert desk.statement(statement_id).texts["tg"].content.body == "Their body. My body."


def test_closing_with_an_undecided_conflict_asks(sqlite_db, make_window, qtbot):
    desk, statement_id, window, dialog = _conflict(sqlite_db, make_window, qtbot, managed=False)
    with qtbot.waitSignal(window.problemShown):
        dialog.reject()
    assert window.save_state.text() == "Not saved"
    with qtbot.waitSignal(window.editor.conflictShown) as again:
        window.close()
    with qtbot.waitSignal(window.problemShown) as asked:
        again.args[0].reject()
    assert "after you opened it" in asked.args[0].text()
    asked.args[0].done(QMessageBox.StandardButton.Close)
    assert not window.isVisible()
    assert desk.statement(statement_id).texts["tg"].content.body == "Their body."
    assert [d.content.body for d in desk.pending_drafts()] == ["My body."]


def test_tags_slug_and_caption_are_saved(sqlite_db, make_window, qtbot):
    desk = Desk.for_workstation(sqlite_db)
    desk.create("tg", TextContent("Earlier"), tags=("economy",))
    window = make_window(sqlite_db)
    write(qtbot, window, "Budget 2025", "Numbers.")
    qtbot.keyClicks(window.editor.tags, "economy, budget")
    qtbot.keyClicks(window.editor.slug, "budget-2025")
    qtbot.keyClicks(window.editor.caption, "The minister")
    window.save()
    detail = desk.statement(window.editor.statement_id)
    assert set(detail.tags) == {"economy", "budget"}
    assert detail.slug == "budget-2025"
    assert detail.texts["tg"].content.image_caption == "The minister"
    assert window.list.model.statement_filter == StatementFilter()


def test_keyboard_reaches_every_main_action(sqlite_db, make_window):
    window = make_window(sqlite_db)
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString() for action in window.actions()
    }
    for name in (
        "New statement",
        "Save",
        "Find",
        "Undo",
        "Redo",
        "Preview",
        "Next statement",
        "Previous statement",
        "History…",
    ):
        assert shortcuts[name], name
    assert shortcuts["Find"] == "Ctrl+F"
    assert shortcuts["Preview"] == "F9"


def test_find_focuses_the_search_box_and_preview_toggles(sqlite_db, make_window, qtbot):
    window = make_window(sqlite_db)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.find_action.trigger()
    qtbot.waitUntil(window.list.filter_bar.search.hasFocus, timeout=2000)
    window.preview_action.trigger()
    assert not window.preview.isVisible()
    assert window.preferences.preview_visible is False
    window.preview_action.trigger()
    assert window.preview.isVisible()
    qtbot.waitUntil(lambda: window.preview.view is not None, timeout=5000)


def test_layout_is_remembered(sqlite_db, make_window, qtbot, ui_settings):
    window = make_window(sqlite_db)
    window.splitter.setSizes([300, 700, 500])
    window.splitter.splitterMoved.emit(300, 1)  # as when the person drags a divider
    window.set_preview_mobile(True)
    window.close()
    again = make_window(sqlite_db)
    assert again.preferences.preview_mobile is True
    assert again.mobile_action.isChecked()
    assert ui_settings.layout("splitter") is not None
    assert again.splitter.saveState() == ui_settings.layout("splitter")
    assert ui_settings.layout("list-columns") is not None


def test_panes_follow_the_window_until_a_divider_is_moved(sqlite_db, make_window, qtbot):
    window = make_window(sqlite_db)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    narrow = window.splitter.sizes()
    window.resize(1600, 900)
    wide = window.splitter.sizes()
    assert narrow[0] >= 500 and narrow[1] >= 330  # the list and the editor first
    assert wide[2] > narrow[2] + 300  # a wider window gives the preview room
    window.splitter.setSizes([300, 700, 600])
    window.splitter.splitterMoved.emit(300, 1)
    window.resize(1500, 900)
    assert window.splitter.sizes()[0] < 500  # the person's choice stays
