"""Importing a TMX file into the memory off the UI thread, with progress and Cancel.

Cancel asks the import to stop; the dialog says what happened only once the import has
really ended (its transaction rolled back, nothing kept), as the work reports it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk
from app.core.i18n import _, ngettext, number
from app.core.translation.exchange import ImportCancelled, ImportReport
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner


class ImportMemoryDialog(QDialog):
    """Shows one import from start to end."""

    progressed = Signal(int, int)
    #: The import ended: its summary for the person.
    finished_import = Signal(str)

    def __init__(
        self, desk: Desk, runner: TaskRunner, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import translation memory"))
        self.setMinimumWidth(480)
        self.label = QLabel(_("Reading {name}…").format(name=path.name), self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button: QPushButton = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.progressed.connect(self._progress)
        self._stop = threading.Event()
        self.running = True
        runner.run(
            desk.import_memory,
            path,
            None,
            self.progressed.emit,
            self._stop.is_set,
            on_done=self._done,
            on_error=self._failed,
            serial=True,
        )

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * done / total) if total else 1000)

    def cancel(self) -> None:
        if not self.running:
            self.reject()
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.label.setText(_("Stopping…"))

    def reject(self) -> None:  # Esc and the window's close button
        if self.running:
            self.cancel()
            return
        super().reject()

    def _finish(self, message: str) -> None:
        self.running = False
        self.label.setText(message)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))
        self.finished_import.emit(message)

    def _done(self, report: ImportReport) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        skipped = sum(report.skipped.values())
        imported = ngettext("{n} unit imported", "{n} units imported", report.imported)
        left_out = ngettext("{n} skipped", "{n} skipped", skipped)
        added = ngettext("{n} segment pair added", "{n} segment pairs added", report.pairs_added)
        known = ngettext(
            "{n} already in the memory", "{n} already in the memory", report.pairs_known
        )
        lines = [
            f"{imported.format(n=number(report.imported))}, {left_out.format(n=number(skipped))}; "
            f"{added.format(n=number(report.pairs_added))}, "
            f"{known.format(n=number(report.pairs_known))}."
        ]
        lines += [
            ngettext("{count} skipped: {reason}", "{count} skipped: {reason}", count).format(
                count=number(count), reason=reason
            )
            for reason, count in sorted(report.skipped.items())
        ]
        lines += report.warnings
        self._finish("\n".join(lines))

    def _failed(self, error: BaseException) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if isinstance(error, ImportCancelled):
            self._finish(_("Import cancelled: the memory is as it was."))
        else:
            self._finish(
                _("{message}\n\nNothing was imported.").format(
                    message=user_message(error, _("importing the translation memory"))
                )
            )
