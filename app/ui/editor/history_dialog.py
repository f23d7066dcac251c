"""A text's revisions: pick two to compare them word by word side by side, or restore an old one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk
from app.core.i18n import _, moment
from app.core.statements import RevisionInfo, SaveResult
from app.ui.editor.diff_view import DiffView, content_as_text
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner


class HistoryDialog(QDialog):
    """Revisions of one text, newest first; select one (compared with the one before) or two."""

    restored = Signal(object)  # SaveResult

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        statement_id: int,
        lang: str,
        timezone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._statement_id = statement_id
        self._lang = lang
        self._timezone = timezone
        self.revisions: list[RevisionInfo] = []
        self.setWindowTitle(_("History of the {lang} text").format(lang=lang.upper()))
        self.resize(1000, 640)

        self.list = QTreeWidget(self)
        self.list.setAccessibleName(_("Revisions"))
        self.list.setHeaderLabels([_("No."), _("Author"), _("Time")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.diff = DiffView(self)
        self.hint = QLabel(
            _("Select a revision to compare it with the one before, or Ctrl+click two."),
            self,
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([180, 460])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(_("&Restore this revision"), self)
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self._runner.run(
            self._desk.history,
            self._statement_id,
            self._lang,
            on_done=self._show_revisions,
            on_error=lambda error: QMessageBox.warning(
                self, self.windowTitle(), user_message(error, _("reading the history"))
            ),
            serial=True,
        )

    def _time(self, when: datetime) -> str:
        return moment(when, self._timezone)

    def _show_revisions(self, revisions: list[RevisionInfo]) -> None:
        self.revisions = sorted(revisions, key=lambda r: r.number, reverse=True)
        self.list.clear()
        for revision in self.revisions:
            item = QTreeWidgetItem(
                [str(revision.number), revision.author, self._time(revision.created_at)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, revision.id)
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        if self.revisions:
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def select_numbers(self, *numbers: int) -> None:
        """Select the revisions with these numbers (one or two)."""
        self.list.clearSelection()
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if int(item.text(0)) in numbers:
                item.setSelected(True)

    def _selected(self) -> list[RevisionInfo]:
        ids = {item.data(0, Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        return sorted((r for r in self.revisions if r.id in ids), key=lambda r: r.number)

    def _selection_changed(self) -> None:
        selected = self._selected()
        self.restore_button.setEnabled(
            len(selected) == 1 and selected[0].number != self.revisions[0].number
        )
        if len(selected) == 1:
            newer = selected[0]
            older = next((r for r in self.revisions if r.number < newer.number), None)
        elif len(selected) == 2:
            older, newer = selected
        else:
            return
        self.diff.set_labels(
            _("Revision {n}").format(n=older.number) if older else _("(nothing)"),
            _("Revision {n}").format(n=newer.number),
        )
        self.diff.show_diff(
            content_as_text(older.content if older else None), content_as_text(newer.content)
        )

    def restore_selected(self) -> None:
        selected = self._selected()
        if len(selected) != 1:
            return
        self._runner.run(
            self._desk.restore,
            self._statement_id,
            self._lang,
            selected[0].id,
            on_done=self._restored,
            on_error=lambda error: QMessageBox.warning(
                self, self.windowTitle(), user_message(error, _("restoring the revision"))
            ),
            serial=True,
        )

    def _restored(self, result: SaveResult) -> None:
        self.restored.emit(result)
        self.reload()
