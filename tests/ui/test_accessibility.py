"""Accessibility and layout: named controls, keyboard flows, system font and dark palette,
every field usable at 1024×600 and every list column visible at 1100 pixels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.errors import describe_error
from app.core.listing import LangState
from app.ui import colours
from app.ui.editor.history_dialog import HistoryDialog
from app.ui.errors import ErrorDialog
from app.ui.main_window import MainWindow
from app.ui.statements.model import COLUMN_INDEX, state_colour


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a keyboard can reach whose accessible name is empty."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        # The page inside the preview is announced by the web engine's own accessibility tree.
        if type(widget.parent()).__name__ == "QWebEngineView":
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def shown_window(qtbot, make_window, db: Database, width: int, height: int) -> MainWindow:
    window = make_window(db)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_control_has_an_accessible_name(qtbot, make_window, sqlite_db: Database) -> None:
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create("ru", TextContent("Заявление", "Лид", "Текст."))
    window = shown_window(qtbot, make_window, sqlite_db, 1024, 600)
    window.open_statement(statement_id)
    window.open_export()
    window.open_office_settings()
    history = HistoryDialog(desk, window.runner, statement_id, "ru", "Asia/Dushanbe", window)
    history.show()
    try:
        {}["ru"]
    except KeyError as error:
        failure = ErrorDialog(describe_error(error, "saving"), window)
    failure.show()
    dialogs = window.findChildren(QDialog)
    assert len(dialogs) >= 4
    for root in (window, *dialogs):
        assert unnamed_controls(root) == [], type(root).__name__
    for dialog in dialogs:
        dialog.close()


@pytest.fixture(params=[None, 14], ids=["system font", "large system font"])
def system_font(request: pytest.FixtureRequest, qapp) -> Iterator[QFont]:
    before = QApplication.font()
    font = QFont(before)
    if request.param:
        font.setPointSize(request.param)
        QApplication.setFont(font)
    yield font
    QApplication.setFont(before)


def test_every_editor_field_is_usable_at_1024_by_600(
    qtbot, make_window, sqlite_db: Database, system_font: QFont
) -> None:
    window = shown_window(qtbot, make_window, sqlite_db, 1024, 600)
    editor = window.editor
    line = editor.title.fontMetrics().height()
    assert editor.title.font().pointSizeF() > system_font.pointSizeF()  # followed, and larger
    for field in (editor.title, editor.tags, editor.slug, editor.caption):
        assert field.width() >= 240, field.accessibleName()
        assert field.height() >= line, field.accessibleName()
    assert editor.lead.height() >= 2 * editor.lead.fontMetrics().lineSpacing()
    assert editor.body.height() >= 4 * editor.body.fontMetrics().lineSpacing()
    assert editor.choose_image.isVisible() and editor.choose_image.width() >= (
        editor.choose_image.sizeHint().width()
    )


@pytest.mark.parametrize("lang", ["en", "ru", "tg"])
@pytest.mark.parametrize("width", [1024, 1100, 1500])
def test_every_list_column_is_visible_without_scrolling(
    qtbot, make_window, sqlite_db: Database, width: int, lang: str, speak
) -> None:
    speak(lang)
    Desk.for_workstation(sqlite_db).create("ru", TextContent("Заявление"))
    window = shown_window(qtbot, make_window, sqlite_db, width, 700)
    table = window.list.table
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    used = sum(header.sectionSize(i) for i in range(header.count()))
    assert used <= table.viewport().width()
    for key, column in COLUMN_INDEX.items():
        title = window.list.model.headerData(column, Qt.Orientation.Horizontal)
        needed = header.fontMetrics().horizontalAdvance(title)
        assert header.sectionSize(column) >= needed, key
    assert header.sectionSize(COLUMN_INDEX["title"]) >= (100 if width < 1100 else 150)


def test_the_main_flows_work_from_the_keyboard(
    qtbot, make_window, sqlite_db: Database, tmp_path: Path
) -> None:
    window = shown_window(qtbot, make_window, sqlite_db, 1024, 600)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)

    def keys(sequence: str) -> None:
        for key in sequence.split():
            qtbot.keySequence(QApplication.focusWidget() or window, key)

    def focused() -> QWidget | None:
        return QApplication.focusWidget()

    keys("Ctrl+N")
    qtbot.waitUntil(lambda: focused() is window.editor.title, timeout=2000)
    qtbot.keyClicks(focused(), "Budget 2025")
    keys("Tab")
    assert focused() is window.editor.lead
    qtbot.keyClicks(focused(), "The lead.")
    keys("Tab")
    assert focused() is window.editor.tags
    qtbot.keyClicks(focused(), "economy")
    keys("Ctrl+Shift+E")
    assert focused() is window.editor.body
    qtbot.keyClicks(focused(), "Numbers.")
    keys("Ctrl+S")
    statement_id = window.editor.statement_id
    assert statement_id is not None and not window.editor.is_dirty()
    keys("Ctrl+L")
    assert focused() is window.list.table
    keys("Ctrl+Shift+X")
    dialog = window._export_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.activateWindow()  # as the window manager does
    qtbot.waitUntil(lambda: focused() is dialog.folder, timeout=2000)
    keys("Escape")
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    keys("Ctrl+Shift+X")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.folder, timeout=2000)
    qtbot.keyClicks(focused(), str(tmp_path / "site"))
    keys("Return")  # the Export button is the default
    assert "files written" in dialog.state.text() and (tmp_path / "site" / "index.html").exists()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.office_action in file_menu.actions()
    assert "&" in window.office_action.text()  # reachable as Alt+F, O


def test_a_dark_palette_is_followed(qtbot, make_window, sqlite_db: Database) -> None:
    before = QApplication.palette()
    QApplication.setPalette(colours.dark_palette())
    try:
        assert colours.is_dark()
        window = shown_window(qtbot, make_window, sqlite_db, 1024, 600)
        base = window.list.table.palette().color(QPalette.ColorRole.Base)
        assert base.lightnessF() < 0.5  # the widgets take the application's palette
        for state in (LangState.IN_PROGRESS, LangState.NEEDS_UPDATE, LangState.APPROVED):
            assert colours.contrast(state_colour(state).color(), base) >= 4.5, state
        text = window.palette().color(QPalette.ColorRole.Text)
        for hue in (colours.ERROR, colours.OK):
            assert colours.contrast(colours.tint(hue), text) >= 4.5
    finally:
        QApplication.setPalette(before)
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    for state in (LangState.IN_PROGRESS, LangState.NEEDS_UPDATE, LangState.APPROVED):
        assert colours.contrast(state_colour(state).color(), base) >= 4.5, state


def test_the_desktop_asking_for_dark_gets_a_dark_palette(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_style, before = qapp.style().name(), QApplication.palette()
    monkeypatch.setenv(colours.SCHEME_ENV, "dark")
    try:
        colours.follow_colour_scheme(qapp)
        assert colours.is_dark(QApplication.palette())
        combo = QComboBox()
        assert combo.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5
    finally:
        qapp.setStyle(before_style)
        QApplication.setPalette(before)
