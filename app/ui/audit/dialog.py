"""The audit log viewer: events newest first with filters (time range, who, kind of action,
statement), older pages on request, and the filtered events exported as CSV."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.audit import AuditEntry, AuditFilter
from app.core.desk import Desk
from app.core.errors import PressDeskError
from app.core.i18n import _, ngettext, number
from app.ui.audit.model import AuditTableModel
from app.ui.audit.wording import family_label, family_of
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner

PAGE_SIZE = 200
#: The earliest date the range pickers offer; choosing it means "no bound".
ANY_DATE = QDate(2000, 1, 1)


def _apply_statement(desk: Desk, flt: AuditFilter, statement: str) -> AuditFilter:
    """The filter with the statement typed as a number or an address resolved to its id."""
    if not statement:
        return flt
    if statement.lstrip("#").isdigit():
        return replace(flt, statement_id=int(statement.lstrip("#")))
    found = desk.statement_id_by_slug(statement)
    if found is None:
        raise PressDeskError(
            _("No statement has the address “{address}”").format(address=statement)
        )
    return replace(flt, statement_id=found)


def _first_page(
    desk: Desk, flt: AuditFilter, statement: str, limit: int
) -> tuple[AuditFilter, list[AuditEntry]]:
    flt = _apply_statement(desk, flt, statement)
    return flt, desk.audit_events(flt, limit=limit)


class AuditDialog(QDialog):
    """Reads the log through the desk, which lets editors and admins read it."""

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        timezone: str,
        parent: QWidget | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._zone = timezone
        self._page_size = page_size
        self._filling = False
        #: The filter the shown events answer (the statement resolved to its id).
        self.filter = AuditFilter()
        self.has_older = False
        self.setWindowTitle(_("Audit log"))
        self.resize(1100, 640)

        today = datetime.now(ZoneInfo(timezone)).date()
        self.since = self._date_edit(_("From"))
        self.until = self._date_edit(_("To"))
        self.until.setMaximumDate(QDate(today.year, today.month, today.day))
        self.who = QComboBox(self)
        self.who.setAccessibleName(_("Who"))
        self.who.addItem(_("Everyone"), None)
        self.what = QComboBox(self)
        self.what.setAccessibleName(_("Kind of action"))
        self.what.addItem(_("All actions"), None)
        self.statement = QLineEdit(self)
        self.statement.setAccessibleName(_("Statement"))
        self.statement.setPlaceholderText(_("address or number"))
        self.statement.setClearButtonEnabled(True)
        for combo in (self.who, self.what):
            combo.currentIndexChanged.connect(self._filters_changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._filters_changed)
        self.statement.editingFinished.connect(self._filters_changed)

        filters = QHBoxLayout()
        for label, widget in (
            (_("&From"), self.since),
            (_("&To"), self.until),
            (_("&Who"), self.who),
            (_("W&hat"), self.what),
            (_("&Statement"), self.statement),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget is self.statement else 0)

        self.model = AuditTableModel(timezone, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((160, 160, 190, 190)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.older_button = QPushButton(_("Load &older"), self)
        self.older_button.clicked.connect(self.load_older)
        self.export_button = QPushButton(_("&Export CSV…"), self)
        self.export_button.clicked.connect(self.choose_export_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state, 1)
        bottom.addWidget(self.older_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._runner.run(
            lambda: (desk.audit_people(), desk.audit_actions()),
            on_done=self._fill_choices,
            on_error=self._failed,
            serial=True,
        )
        self.reload()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumDate(ANY_DATE)
        edit.setSpecialValueText(_("any day"))
        edit.setDate(ANY_DATE)
        return edit

    def _fill_choices(self, choices: tuple[list[tuple[str, str]], list[str]]) -> None:
        people, actions = choices
        self._filling = True
        try:
            for username, name in people:
                self.who.addItem(name or username, username)
            families = sorted({family_of(a) for a in actions}, key=family_label)
            for family in families:
                self.what.addItem(family_label(family), family)
        finally:
            self._filling = False

    # Filtering and paging

    def _local_midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=ZoneInfo(self._zone))

    def chosen_filter(self) -> AuditFilter:
        """The filter as the controls say (the statement is resolved when loading)."""
        since = until = None
        if self.since.date() != ANY_DATE:
            since = self._local_midnight(self.since.date().toPython())
        if self.until.date() != ANY_DATE:
            until = self._local_midnight(self.until.date().toPython() + timedelta(days=1))
        return AuditFilter(
            since=since,
            until=until,
            username=self.who.currentData(),
            action=self.what.currentData(),
        )

    def _filters_changed(self) -> None:
        if not self._filling:
            self.reload()

    def reload(self) -> None:
        """The newest page of events that match the filters."""
        self.state.setText(_("Loading…"))
        self._runner.run_latest(
            ("audit", id(self)),
            _first_page,
            self._desk,
            self.chosen_filter(),
            self.statement.text().strip(),
            self._page_size,
            on_done=self._show_first_page,
            on_error=self._failed,
            serial=True,
        )

    def _show_first_page(self, answer: tuple[AuditFilter, list[AuditEntry]]) -> None:
        self.filter, entries = answer
        self.model.set_entries(entries)
        self._paged(entries)

    def load_older(self) -> None:
        if not self.model.entries:
            return
        self.older_button.setEnabled(False)
        self._runner.run(
            self._desk.audit_events,
            self.filter,
            self.model.entries[-1].id,
            self._page_size,
            on_done=self._show_older,
            on_error=self._failed,
            serial=True,
        )

    def _show_older(self, entries: list[AuditEntry]) -> None:
        self.model.append(entries)
        self._paged(entries)

    def _paged(self, entries: list[AuditEntry]) -> None:
        self.has_older = len(entries) == self._page_size
        self.older_button.setEnabled(self.has_older)
        shown = self.model.rowCount()
        if not shown:
            self.state.setText(_("No events match."))
        elif self.has_older:
            self.state.setText(
                ngettext(
                    "The newest {n} event; older ones on request.",
                    "The newest {n} events; older ones on request.",
                    shown,
                ).format(n=number(shown))
            )
        else:
            self.state.setText(
                ngettext("{n} matching event.", "All {n} matching events.", shown).format(
                    n=number(shown)
                )
            )

    def _failed(self, error: BaseException) -> None:
        self.state.setText(user_message(error, _("reading the audit log")))

    # Export

    def choose_export_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the audit log"),
            str(Path.home() / f"audit-log-{date.today():%Y-%m-%d}.csv"),
            _("CSV files (*.csv)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Every event matching the shown filters (not only the loaded pages) into ``path``."""
        self.export_button.setEnabled(False)
        self.state.setText(_("Exporting…"))

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.state.setText(
                ngettext(
                    "Exported {n} event to {path}.", "Exported {n} events to {path}.", count
                ).format(n=number(count), path=path)
            )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(error)

        self._runner.run(
            self._desk.audit_csv, self.filter, path, on_done=done, on_error=failed, serial=True
        )
