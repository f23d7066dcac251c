"""The "Export website" dialog: pick a folder, export off the UI thread with progress and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk
from app.core.i18n import _, ngettext, number
from app.ui import colours
from app.ui.errors import user_message
from app.ui.settings import UiSettings
from app.ui.tasks import CancelToken, Task, TaskRunner

if TYPE_CHECKING:
    from app.core.export.run import ExportReport, SiteWouldShrink


class ExportDialog(QDialog):
    """Runs one export at a time; Cancel stops it between pages, leaving every file whole."""

    # Emitted from the export's thread; Qt queues it to the dialog's thread.
    progressed = Signal(int, int)
    finished_export = Signal(str)
    #: The question before a website is replaced by a much smaller one is open (box passed).
    shrinkAsked = Signal(object)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        ui_settings: UiSettings,
        parent: QWidget | None,
        office_folder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export website"))
        self.desk, self.runner, self.ui_settings = desk, runner, ui_settings
        self.task: Task | None = None
        prefs = ui_settings.preferences()

        # This workstation's last folder, else the office's export folder.
        self.folder = QLineEdit(prefs.export_folder or office_folder, self)
        self.folder.setAccessibleName(_("Export folder"))
        self.folder.setPlaceholderText(_("Folder to write the website into"))
        browse = QPushButton(_("&Browse…"), self)
        browse.clicked.connect(self._browse)
        self.changed_only = QCheckBox(_("Only what &changed since the last export"), self)
        self.changed_only.setChecked(prefs.export_changed_only)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.state = QLabel(_("Published statements are written as static HTML."), self)
        self.state.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Files written and removed"))
        self.details.setPlaceholderText(_("Files written and removed are listed here."))
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            _("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(lambda: self.start())
        self.close_button.clicked.connect(self._close_or_cancel)

        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.changed_only)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 420)
        self.progressed.connect(self._show_progress)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Export the website into"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    @property
    def running(self) -> bool:
        return self.task is not None

    def start(self, *, allow_shrink: bool = False) -> None:
        text = self.folder.text().strip()
        if not text:
            self.state.setText(_("Choose a folder first."))
            return
        prefs = self.ui_settings.preferences()
        prefs.export_folder = text
        prefs.export_changed_only = self.changed_only.isChecked()
        self.ui_settings.save_preferences(prefs)
        self.details.clear()
        self.progress.setRange(0, 0)  # busy until the first page count arrives
        self.state.setText(_("Exporting…"))
        self.export_button.setEnabled(False)
        self.close_button.setText(_("Cancel"))
        self.task = self.runner.run(
            self._export,
            Path(text),
            self.changed_only.isChecked(),
            allow_shrink,
            on_done=self._done,
            on_error=self._failed,
            serial=False,
        )

    def _export(
        self, out: Path, changed_only: bool, allow_shrink: bool, cancel: CancelToken
    ) -> ExportReport:
        return self.desk.export(
            out,
            changed_only=changed_only,
            progress=self.progressed.emit,
            cancelled=lambda: cancel.cancelled,
            allow_shrink=allow_shrink,
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, report: ExportReport) -> None:
        self._idle()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        lines = [_("written {path}").format(path=p) for p in report.written]
        lines += [_("removed {path}").format(path=p) for p in report.removed]
        lines += [_("ERROR {error}").format(error=e) for e in report.errors]
        lines += [_("Note: {warning}").format(warning=w) for w in report.warnings]
        self.details.setPlainText("\n".join(lines))
        written, removed = len(report.written), len(report.removed)
        summary = ", ".join(
            (
                ngettext("{n} file written", "{n} files written", written).format(
                    n=number(written)
                ),
                ngettext("{n} removed", "{n} removed", removed).format(n=number(removed)),
                ngettext("{n} page unchanged", "{n} pages unchanged", report.unchanged).format(
                    n=number(report.unchanged)
                ),
            )
        )
        summary += "."
        if report.errors:
            summary = (
                ngettext(
                    "Exported with {count} statement left out — see below.",
                    "Exported with {count} statements left out — see below.",
                    len(report.errors),
                ).format(count=len(report.errors))
                + " "
                + summary
            )
            self.state.setStyleSheet(colours.style_colour(colours.ERROR) + " font-weight: bold;")
        else:
            self.state.setStyleSheet("")
        self.state.setText(summary)
        self.finished_export.emit(summary)

    def _failed(self, error: BaseException) -> None:
        from app.core.export.run import SiteWouldShrink

        self._idle()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, SiteWouldShrink):
            self._confirm_shrink(error)
            return
        message = user_message(error, _("exporting the website"))
        self.state.setText(_("The export failed: {message}").format(message=message))

    def _confirm_shrink(self, error: SiteWouldShrink) -> None:
        """Asks before a site is replaced by one of fewer than half its pages."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Export website"),
            ngettext(
                "The folder holds a website of {before} page; this export would leave {after}. "
                "Is this the right database?",
                "The folder holds a website of {before} pages; this export would leave {after}. "
                "Is this the right database?",
                error.before,
            ).format(before=number(error.before), after=number(error.after)),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        replace = box.addButton(_("&Replace the website"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if box.clickedButton() is replace:
                self.start(allow_shrink=True)
            else:
                self.state.setText(_("Nothing was exported: the website was left as it was."))

        box.finished.connect(answered)
        box.open()
        self.shrinkAsked.emit(box)

    def _idle(self) -> None:
        self.task = None
        self.export_button.setEnabled(True)
        self.close_button.setText(_("Close"))

    def _close_or_cancel(self) -> None:
        if self.task is None:
            self.accept()
            return
        self.task.cancel()
        self._idle()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.state.setText(
            _("Export cancelled. The pages written are complete; export again to finish.")
        )

    def reject(self) -> None:  # Esc and the window's close button
        if self.task is not None:
            self._close_or_cancel()
        else:
            super().reject()
