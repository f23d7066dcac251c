"""Publishing at the set minute from the running app: a timer to the next due moment, never a
poll of the disk every second.

The timer waits for what `Desk.next_due` says (a scheduled minute or an expiry), then runs
`Desk.publish_due` off the UI thread and reports what went out or failed; a failure also
raises a desktop notification. Any change seen by the window's poll re-arms the timer, so a
statement scheduled meanwhile, here or on another workstation, is not missed.
"""

from __future__ import annotations

import sys
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from app.core.desk import Desk
from app.core.publishing import PublishRun
from app.core.sqltypes import utcnow
from app.ui.tasks import TaskRunner

#: Longest wait between two looks, in case a clock or a missed change fooled the timer.
LONGEST_WAIT_MS = 15 * 60 * 1000


class Publisher(QObject):
    """Fires at the next due moment; `ran` reports every run."""

    #: A run ended: its PublishRun (published, failed, overdue).
    ran = Signal(object)
    #: The next moment the timer waits for (None: nothing is due).
    armed = Signal(object)

    def __init__(self, desk: Desk, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.publish_now)
        self._busy = False
        self.next_moment: datetime | None = None

    def start(self) -> None:
        """Publish what is already due (the app was closed at its minute), then wait."""
        self.publish_now()

    def rearm(self) -> None:
        """Something changed: look again for the next due moment."""
        if self._busy or self._runner.closed:
            return
        self._runner.run(self._desk.next_due, on_done=self._arm, on_error=lambda _e: None)

    def publish_now(self) -> None:
        if self._busy or self._runner.closed:
            return
        self._busy = True
        self._timer.stop()
        # The export takes seconds: the pool, not the database thread others queue on.
        self._runner.run(
            self._desk.publish_due, on_done=self._done, on_error=self._failed, serial=False
        )

    def stop(self) -> None:
        self._timer.stop()

    def _done(self, run: PublishRun) -> None:
        self._busy = False
        self.ran.emit(run)
        self.rearm()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.rearm()
        # Not the statements' fault (those are recorded on them): the app's error dialog.
        sys.excepthook(type(error), error, error.__traceback__)

    def _arm(self, moment: datetime | None) -> None:
        self.next_moment = moment
        wait = LONGEST_WAIT_MS
        if moment is not None:
            wait = min(wait, max(0, int((moment - utcnow()).total_seconds() * 1000) + 50))
        self._timer.start(wait)
        self.armed.emit(moment)


def notify(parent: QWidget, title: str, message: str) -> None:
    """A desktop notification where the desktop has a tray; elsewhere the caller's dialog
    is all the person gets."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return
    tray = parent.findChild(QSystemTrayIcon, "publisher-tray")
    if tray is None:
        tray = QSystemTrayIcon(parent.windowIcon(), parent)
        tray.setObjectName("publisher-tray")
        tray.show()
    tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Critical, 30000)
