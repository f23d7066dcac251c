"""Demo statements for trying Press Desk, written off the UI thread behind a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from app.core.i18n import _
from app.ui.errors import user_message
from app.ui.tasks import CancelToken

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

#: Enough to try the list, search, the calendar and the export.
DEMO_COUNT = 300


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog on the UI thread."""

    advanced = Signal(int, int)


def fill_with_demo(window: MainWindow, then: Callable[[], None] = lambda: None) -> None:
    """Writes demo statements into the window's database with a progress bar and Cancel (what
    was written stays), shows them, then calls ``then``."""
    from app.core.demo.writer import write_demo

    db = window.desk.db
    dialog = QProgressDialog(_("Writing demo statements…"), _("Cancel"), 0, DEMO_COUNT, window)
    dialog.setWindowTitle(_("Press Desk"))
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
        window.list_changed_elsewhere()
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
