"""The "Import" dialog: pick Markdown files, Word drafts or folders, import them off the UI
thread with progress and Cancel, and list what became of each statement."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk
from app.core.i18n import _, language_name, ngettext, number
from app.ui import colours
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.core.importing.importer import ImportResult


class ImportDialog(QDialog):
    """Runs one import at a time; Cancel stops it between statements, each one whole."""

    # Emitted from the import's thread; Qt queues it to the dialog's thread.
    progressed = Signal(int, int)
    # The import has finished and changed statements: the list should load again.
    imported = Signal()

    def __init__(
        self, desk: Desk, runner: TaskRunner, languages: tuple[str, ...], parent: QWidget | None
    ) -> None:
        """``languages``: the office's, as the window already has them."""
        super().__init__(parent)
        self.setWindowTitle(_("Import statements"))
        self.desk, self.runner = desk, runner
        self._stop: threading.Event | None = None

        self.paths = QListWidget(self)
        self.paths.setMaximumHeight(120)
        add_files = QPushButton(_("Add &files…"), self)
        add_files.clicked.connect(self._add_files)
        add_folder = QPushButton(_("Add f&older…"), self)
        add_folder.clicked.connect(self._add_folder)
        self.language = QComboBox(self)
        self.language.addItem(_("as each file says (else the office default)"), None)
        for lang in languages:
            self.language.addItem(language_name(lang), lang)
        self.update_matching = QCheckBox(
            _("Let new files update statements made in the app with the same address"),
            self,
        )
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.state = QLabel(
            _(
                "Markdown files (Hugo, Pelican) and Word drafts (.docx). Word drafts "
                "arrive as your drafts; files imported before update their statements."
            ),
            self,
        )
        self.state.setWordWrap(True)
        self.results = QTreeWidget(self)
        self.results.setHeaderLabels([_("Result"), _("Title"), _("Files"), _("Reason")])
        self.results.setRootIsDecorated(False)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(_("Warnings and skipped files are listed here."))
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)

        picks = QHBoxLayout()
        picks.addWidget(add_files)
        picks.addWidget(add_folder)
        picks.addStretch(1)
        language_row = QHBoxLayout()
        language_label = QLabel(_("&Language:"), self)
        language_label.setBuddy(self.language)
        language_row.addWidget(language_label)
        language_row.addWidget(self.language, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.paths)
        layout.addLayout(picks)
        layout.addLayout(language_row)
        layout.addWidget(self.update_matching)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self.progressed.connect(self._show_progress)

    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.chosen())
        for path in paths:
            if path not in known:
                self.paths.addItem(str(path))
                known.add(path)

    def chosen(self) -> list[Path]:
        return [Path(self.paths.item(i).text()) for i in range(self.paths.count())]

    def _add_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import files"),
            "",
            _("Statements (*.md *.markdown *.docx);;All files (*)"),
        )
        self.add_paths([Path(name) for name in names])

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Import a folder"))
        if folder:
            self.add_paths([Path(folder)])

    @property
    def running(self) -> bool:
        return self._stop is not None

    def start(self) -> None:
        paths = self.chosen()
        if not paths:
            self.state.setText(_("Add files or a folder first."))
            return
        self._stop = threading.Event()
        self.results.clear()
        self.details.clear()
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.state.setText(_("Importing…"))
        self.import_button.setEnabled(False)
        self.close_button.setText(_("Cancel"))
        self.runner.run(
            self._import,
            paths,
            self.language.currentData(),
            self.update_matching.isChecked(),
            self._stop,
            on_done=self._done,
            on_error=self._failed,
        )

    def _import(
        self, paths: list[Path], lang: str | None, update: bool, stop: threading.Event
    ) -> ImportResult:
        return self.desk.import_files(
            paths,
            default_lang=lang,
            update_matching=update,
            progress=self.progressed.emit,
            cancelled=stop.is_set,
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: ImportResult) -> None:
        self._idle()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        names = {
            "new": _("new"),
            "updated": _("updated"),
            "unchanged": _("unchanged"),
            "failed": _("failed"),
        }
        for item in result.statements:
            row = QTreeWidgetItem(
                [
                    names.get(item.outcome, item.outcome),
                    item.title,
                    ", ".join(item.files),
                    item.reason,
                ]
            )
            self.results.addTopLevelItem(row)
        lines = [_("Warning: {line}").format(line=w) for w in result.warnings]
        lines += [_("Skipped: {line}").format(line=n) for n in result.notes]
        self.details.setPlainText("\n".join(lines))
        failed = len(result.errors)
        counts = (
            ngettext("{n} new", "{n} new", result.created).format(n=number(result.created)),
            ngettext("{n} updated", "{n} updated", result.updated).format(n=number(result.updated)),
            ngettext("{n} unchanged", "{n} unchanged", result.unchanged).format(
                n=number(result.unchanged)
            ),
            ngettext("{n} file failed", "{n} files failed", failed).format(n=number(failed)),
        )
        summary = ", ".join(counts) + "."
        if result.cancelled:
            summary = _("Import cancelled; what is listed was imported whole. ") + summary
        self.state.setStyleSheet(
            colours.style_colour(colours.ERROR) + " font-weight: bold;" if result.errors else ""
        )
        self.state.setText(summary)
        if result.created or result.updated:
            self.imported.emit()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        message = user_message(error, _("importing"))
        self.state.setText(_("The import failed: {message}").format(message=message))

    def _idle(self) -> None:
        self._stop = None
        self.import_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.close_button.setText(_("Close"))

    def _close_or_cancel(self) -> None:
        if self._stop is None:
            self.accept()
            return
        # The import stops after the statement it is writing and reports what it did.
        self._stop.set()
        self.close_button.setEnabled(False)
        self.state.setText(_("Stopping after the statement being imported…"))

    def reject(self) -> None:  # Esc and the window's close button
        if self._stop is not None:
            self._close_or_cancel()
        else:
            super().reject()
