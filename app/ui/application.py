"""Starting the desktop app: the QApplication, the database, the main window, and the first offers.

After the window shows its first list page the app offers demo content for an empty database and
the recovery of unsaved drafts. With ``PRESSDESK_EXIT_AFTER_SHOWN=1`` it instead prints how many
seconds passed from process start to that moment and quits (for ``bench/bench_startup.py``);
with ``=preview`` it waits for the preview's first page (the web engine started and drew it),
as the bundle's smoke test does.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.core.auth import SignInRequired
from app.core.db import Database
from app.core.desk import Desk
from app.core.errors import PressDeskError
from app.core.i18n import _
from app.core.location import RESOURCES_DIR, database_target, default_database_path
from app.core.logfile import start_log_file
from app.core.migrate import open_database
from app.ui import errors
from app.ui.colours import follow_colour_scheme
from app.ui.errors import user_message
from app.ui.main_window import WINDOW_TITLE, MainWindow
from app.ui.qt_messages import route_qt_messages
from app.ui.tasks import CancelToken, TaskRunner

EXIT_AFTER_SHOWN_ENV = "PRESSDESK_EXIT_AFTER_SHOWN"
DEMO_COUNT = 300
_IMPORTED_AT = time.monotonic()


def seconds_since_process_start() -> float:
    """Time since the process started (Linux: from /proc; elsewhere: since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # Field 22, counted after the parenthesised command name which may hold spaces.
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.monotonic() - _IMPORTED_AT


def _application() -> QApplication:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox cannot run as root; without this the preview would end the process.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    route_qt_messages()
    # The web engine, loaded only after the window shows, needs this before the app exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("PressDesk")
    app.setOrganizationDomain("pressdesk.invalid")
    app.setApplicationName("Press Desk")
    # The installed desktop entry (packaging/), and the icon for windows and task bars.
    app.setDesktopFileName("invalid.pressdesk.PressDesk")
    app.setWindowIcon(QIcon(str(RESOURCES_DIR / "icons" / "pressdesk.png")))
    follow_colour_scheme(app)
    return app


def run(db_target: str | None, *, create: bool = False) -> int:
    """Open the desk on the database (``--db``, ``$PRESSDESK_DB`` or the default); exit status.

    The default database is made on the first run; another only with ``create``.
    """
    app = _application()
    start_log_file()
    errors.install(app)
    try:
        first_run = database_target(db_target) == str(default_database_path())
        db = open_database(db_target, create=create or first_run)
    except PressDeskError as error:
        QMessageBox.critical(None, WINDOW_TITLE, str(error))
        return 1
    try:
        desk = Desk.for_workstation(db)
    except SignInRequired:
        from app.ui.sign_in import SignInDialog

        dialog = SignInDialog(db)
        if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.desk is None:
            db.close()
            return 0
        desk = dialog.desk
    except PressDeskError as error:
        db.close()
        QMessageBox.critical(None, WINDOW_TITLE, str(error))
        return 1
    runner = TaskRunner(app)
    window = MainWindow(desk, runner)
    exit_after = os.environ.get(EXIT_AFTER_SHOWN_ENV)
    if exit_after == "1":
        window.firstPageShown.connect(lambda: QTimer.singleShot(0, _report_and_quit))
    elif exit_after == "preview":
        window.preview.pageShown.connect(lambda ok: _report_and_quit("preview page", ok))
    else:
        window.firstPageShown.connect(lambda: _after_first_page(window, db))
    window.show()
    try:
        return app.exec()
    finally:
        runner.shutdown()
        db.close()


def _report_and_quit(what: str = "list page", ok: bool = True) -> None:
    shown = "shown" if ok else "FAILED"
    print(f"first {what} {shown} after {seconds_since_process_start():.3f} s", flush=True)
    QApplication.exit(0 if ok else 1)


def _after_first_page(window: MainWindow, db: Database) -> None:
    model = window.list.model
    if model.rowCount() == 0 and model.statement_filter.query == "" and not db.read_only:
        offer_demo(window, db, then=window.check_recovery)
    else:
        window.check_recovery()


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog on the UI thread."""

    advanced = Signal(int, int)


def offer_demo(window: MainWindow, db: Database, then: Callable[[], None]) -> None:
    """Ask whether to fill an empty database with demo statements, and do it with a progress bar."""
    answer = QMessageBox.question(
        window,
        WINDOW_TITLE,
        _(
            "This database has no statements yet. Fill it with {count} demo statements in "
            "Tajik, Russian and English to try Press Desk?"
        ).format(count=DEMO_COUNT),
    )
    if answer != QMessageBox.StandardButton.Yes:
        then()
        return
    from app.core.demo.writer import write_demo

    dialog = QProgressDialog(_("Writing demo statements…"), _("Cancel"), 0, DEMO_COUNT, window)
    dialog.setWindowTitle(WINDOW_TITLE)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    progress = _Progress(dialog)
    progress.advanced.connect(lambda done, total: (dialog.setMaximum(total), dialog.setValue(done)))

    def write(cancel: CancelToken) -> int:
        return write_demo(
            db,
            DEMO_COUNT,
            seed=1,
            progress=progress.advanced.emit,
            cancelled=lambda: cancel.cancelled,
        )

    def finished(_result: object = None) -> None:
        dialog.reset()
        window.list.model.reload()
        window.editor.load_known_tags()
        then()

    def failed(error: BaseException) -> None:
        dialog.reset()
        window.show_problem(user_message(error, _("writing demo statements")))
        then()

    task = window.runner.run(write, on_done=finished, on_error=failed, serial=True)

    def cancelled() -> None:
        task.cancel()
        # A cancelled task reports nothing; the refresh queues behind the stopping writer,
        # which keeps the batches already written.
        finished()

    dialog.canceled.connect(cancelled)
