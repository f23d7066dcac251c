"""Errors that reach a person: one clear message, details to copy, the traceback in the log file.

Every handler of a failure asks :func:`user_message` what to say (a PressDeskError's own text,
else "Something went wrong while …", its traceback written to the log). :func:`install` makes
:class:`ErrorDialog` the fate of any exception nobody caught, on any thread, and of background
tasks that fail without a handler of their own.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ErrorReport, describe_error
from app.core.i18n import _
from app.core.logfile import current_log_path, log_error

log = logging.getLogger(__name__)


def describe(error: BaseException, doing: str) -> ErrorReport:
    """What to tell the person; an unexpected error is written to the log with its traceback."""
    report = describe_error(error, doing, _("Something went wrong while {doing}."))
    if not report.expected:
        log_error(error, doing)
    return report


def user_message(error: BaseException, doing: str) -> str:
    """One message for a label, status bar or box: never ``repr()`` of an exception."""
    report = describe(error, doing)
    path = current_log_path()
    if report.expected or path is None:
        return report.message
    return _("{message} The details are in {path}.").format(message=report.message, path=path)


class ErrorDialog(QDialog):
    """What failed, in one sentence, and the details to copy into a bug report."""

    def __init__(self, report: ErrorReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Press Desk"))
        self.report = report
        icon = QLabel(self)
        kind = QStyle.StandardPixmap.SP_MessageBoxWarning
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(kind).pixmap(size, size))
        self.message = QLabel(report.message, self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.details = QPlainTextEdit(self)
        self.details.setAccessibleName(_("Details"))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        path = current_log_path()
        self.details.setPlainText(
            report.details + (_("\nAlso written to {path}").format(path=path) if path else "")
        )
        self.details.setVisible(not report.expected)
        self.copy_button = buttons.addButton(
            _("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setVisible(not report.expected)
        # An action button would close the dialog: copying should not.
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self.copy_details)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        if not report.expected:
            self.resize(640, 360)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(f"{self.report.message}\n\n{self.details.toPlainText()}")


def show_error(parent: QWidget | None, error: BaseException, doing: str) -> ErrorDialog:
    """Opens (not modal to the whole app) the dialog for ``error``; returns it."""
    dialog = ErrorDialog(describe(error, doing), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class _UncaughtErrors(QObject):
    """Brings exceptions nobody caught (from any thread) to one dialog on the UI thread."""

    raised = Signal(object)
    #: The dialog for an uncaught error is open (the dialog is passed).
    shown = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.open_dialog: ErrorDialog | None = None
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def hook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        self.raised.emit(error)

    def _show(self, error: BaseException) -> None:
        doing = _("handling your last action")
        if self.open_dialog is not None:  # one dialog at a time; the rest go to the log only
            describe(error, doing)
            return
        self.open_dialog = show_error(QApplication.activeWindow(), error, doing)
        self.open_dialog.finished.connect(self._closed)
        self.shown.emit(self.open_dialog)

    def _closed(self) -> None:
        self.open_dialog = None


def install(app: QApplication) -> _UncaughtErrors:
    """Uncaught exceptions of the app's threads show one dialog and reach the log."""
    uncaught = _UncaughtErrors(app)
    sys.excepthook = uncaught.hook
    threading.excepthook = lambda args: uncaught.hook(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )
    return uncaught
