"""Starting the desktop app: the QApplication in the interface language, the database (set up by
the first-run wizard when new), the main window, and the first offers.

After the window shows its first list page the app writes the demo content the wizard was asked
for, then offers the recovery of unsaved drafts. With ``PRESSDESK_EXIT_AFTER_SHOWN=1`` it instead
prints how many seconds passed from process start to that moment and quits (for
``bench/bench_startup.py``); with ``=preview`` it waits for the preview's first page (the web
engine started and drew it), as the bundle's smoke test does.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core import first_run
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
from app.ui.demo_content import fill_with_demo
from app.ui.errors import user_message
from app.ui.language import apply_language, chosen_language
from app.ui.main_window import MainWindow
from app.ui.qt_messages import route_qt_messages
from app.ui.settings import UiSettings
from app.ui.tasks import TaskRunner

EXIT_AFTER_SHOWN_ENV = "PRESSDESK_EXIT_AFTER_SHOWN"
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
    apply_language(app, chosen_language(UiSettings().preferences()))
    try:
        default = database_target(db_target) == str(default_database_path())
        db = open_database(db_target, create=create or default)
    except PressDeskError as error:
        QMessageBox.critical(None, _("Press Desk"), user_message(error, _("opening the database")))
        return 1
    demo = set_up_if_new(db)
    if demo is None:
        db.close()
        return 0
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
        QMessageBox.critical(None, _("Press Desk"), user_message(error, _("opening the database")))
        return 1
    runner = TaskRunner(app)
    window = MainWindow(desk, runner)
    exit_after = os.environ.get(EXIT_AFTER_SHOWN_ENV)
    if exit_after == "1":
        window.firstPageShown.connect(lambda: QTimer.singleShot(0, _report_and_quit))
    elif exit_after == "preview":
        window.preview.pageShown.connect(lambda ok: _report_and_quit("preview page", ok))
    else:
        window.firstPageShown.connect(lambda: _after_first_page(window, demo))
    window.show()
    try:
        return app.exec()
    finally:
        runner.shutdown()
        db.close()


def set_up_if_new(db: Database) -> bool | None:
    """The first-run wizard on a database never set up (see ``first_run``): None when it was
    cancelled, else whether demo content was asked for."""
    if not first_run.needed(db):
        return False
    from app.ui.first_run_wizard import FirstRunWizard  # once per office

    wizard = FirstRunWizard(db)
    if wizard.exec() != FirstRunWizard.DialogCode.Accepted:
        return None
    return wizard.demo_wanted


def _report_and_quit(what: str = "list page", ok: bool = True) -> None:
    shown = "shown" if ok else "FAILED"
    print(f"first {what} {shown} after {seconds_since_process_start():.3f} s", flush=True)
    QApplication.exit(0 if ok else 1)


def _after_first_page(window: MainWindow, demo: bool) -> None:
    if demo:
        fill_with_demo(window, then=window.check_recovery)
    else:
        window.check_recovery()
