"""Errors that reach a person: a clear message, a dialog with details, the traceback in the log."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import ConflictError, describe_error
from app.core.logfile import start_log_file
from app.ui import errors
from app.ui.errors import ErrorDialog, user_message
from tests.ui.conftest import type_text


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "state" / "pressdesk.log"
    assert start_log_file(path) == path
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def uncaught(qapp, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    return errors.install(qapp)


def fail_with_key_error() -> None:
    translations: dict[str, str] = {}
    # The kind of bug that used to reach people as "KeyError('ru')".
    translations["ru"]


def test_a_press_desk_error_says_its_own_words(log_file: Path) -> None:
    message = user_message(ConflictError("Малика saved this text first"), "saving the statement")
    assert message == "Малика saved this text first"
    assert log_file.read_text() == ""


def test_anything_else_is_explained_and_its_traceback_logged(log_file: Path) -> None:
    try:
        fail_with_key_error()
    except KeyError as error:
        message = user_message(error, "saving the statement")
    assert message == (
        f"Something went wrong while saving the statement. The details are in {log_file}."
    )
    assert "KeyError" not in message and "'ru'" not in message
    logged = log_file.read_text()
    assert "unexpected error while saving the statement" in logged
    assert "Traceback" in logged and "fail_with_key_error" in logged and "KeyError: 'ru'" in logged


def test_the_dialog_offers_the_details_to_copy(qtbot, log_file: Path) -> None:
    try:
        fail_with_key_error()
    except KeyError as error:
        report = describe_error(error, "exporting the website")
    dialog = ErrorDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message.text() == "Something went wrong while exporting the website."
    assert dialog.details.isVisible() and "KeyError: 'ru'" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert dialog.isVisible()  # copying does not close it
    copied = QApplication.clipboard().text()
    assert copied.startswith("Something went wrong") and "KeyError: 'ru'" in copied
    assert str(log_file) in copied


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_opens_one_dialog(qtbot, uncaught, log_file: Path) -> None:
    shown: list[ErrorDialog] = []
    uncaught.shown.connect(shown.append)
    for _ in range(2):
        try:
            fail_with_key_error()
        except KeyError:
            sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(50)
    assert len(shown) == 1  # the second only reaches the log
    assert shown[0].message.text() == "Something went wrong while handling your last action."
    assert log_file.read_text().count("KeyError: 'ru'") == 2
    shown[0].close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_thread_reaches_the_dialog(qtbot, uncaught, log_file: Path) -> None:
    shown: list[ErrorDialog] = []
    uncaught.shown.connect(shown.append)
    thread = threading.Thread(target=fail_with_key_error)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown))
    assert "KeyError: 'ru'" in shown[0].details.toPlainText()
    shown[0].close()


def test_a_failed_save_shows_a_message_not_repr(
    qtbot, make_window, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, log_file: Path
) -> None:
    window = make_window(sqlite_db)
    boxes: list[QMessageBox] = []
    window.problemShown.connect(boxes.append)
    monkeypatch.setattr(window.desk, "save_statement", lambda *_a, **_k: fail_with_key_error())
    window.new_statement()
    type_text(window.editor.title, "Паёми Президент")
    window.save()
    qtbot.waitUntil(lambda: bool(boxes))
    text = boxes[0].text()
    assert text.startswith("Something went wrong while saving the statement.")
    assert "KeyError" not in text
    assert window.editor.content() == TextContent("Паёми Президент")
    assert "KeyError: 'ru'" in log_file.read_text()
    monkeypatch.undo()  # saving works again, so the window closes at the end of the test
    window.save()
    assert not window.editor.is_dirty()
