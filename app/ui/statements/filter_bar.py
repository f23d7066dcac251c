"""The controls above the statement list: search as you type, status, language, tag and dates.

It only builds a `StatementFilter`; the list model decides what to do with it. Typing in the search
box is debounced so a fast typist causes one query, not one per key.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core.i18n import _, date_input_format
from app.core.listing import StatementFilter
from app.core.models import Status
from app.ui.statements.model import status_label

SEARCH_DEBOUNCE_MS = 180
_NO_DATE = QDate(2000, 1, 1)


class FilterBar(QWidget):
    """Search box and filters; emits `filterChanged` with the filter they describe."""

    filterChanged = Signal(object)  # StatementFilter

    def __init__(
        self,
        languages: tuple[str, ...],
        timezone: str,
        parent: QWidget | None = None,
        debounce_ms: int = SEARCH_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._zone = ZoneInfo(timezone)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search statements (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search statements"))

        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Any status"), None)
        for status in Status:
            self.status.addItem(status_label(status), status)

        self.language = QComboBox(self)
        self.language.setAccessibleName(_("Language"))
        self.language.addItem(_("Any language"), None)
        for lang in languages:
            self.language.addItem(_("Has {lang}").format(lang=lang.upper()), lang)

        self.tag = QComboBox(self)
        self.tag.setEditable(True)
        self.tag.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tag.lineEdit().setPlaceholderText(_("Any tag"))
        self.tag.setAccessibleName(_("Tag"))
        self.tag.lineEdit().setAccessibleName(_("Tag"))
        self.tag.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tag.completer().setFilterMode(Qt.MatchFlag.MatchContains)

        self.date_from = self._date_edit(_("From date"))
        self.date_to = self._date_edit(_("To date"))

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 0, 0, 1, 4)
        layout.addWidget(self.status, 1, 0)
        layout.addWidget(self.language, 1, 1)
        layout.addWidget(self.tag, 1, 2, 1, 2)
        dates = QLabel(_("&Dates"), self)
        dates.setBuddy(self.date_from)
        layout.addWidget(dates, 2, 0)
        layout.addWidget(self.date_from, 2, 1)
        layout.addWidget(self.date_to, 2, 2)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.tag.lineEdit().editingFinished.connect(self._emit)
        self.tag.activated.connect(self._emit)
        for combo in (self.status, self.language):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._emit)
        self._last: StatementFilter | None = None

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.findChild(QLineEdit).setAccessibleName(name)  # what has the focus inside
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_input_format())
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(_("any"))
        edit.setDate(_NO_DATE)
        return edit

    def set_tags(self, names: list[str]) -> None:
        current = self.tag.currentText()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItems(names)
        self.tag.setEditText(current)
        self.tag.blockSignals(False)

    def current_filter(self) -> StatementFilter:
        status = self.status.currentData()
        return StatementFilter(
            statuses=frozenset({status}) if status is not None else frozenset(),
            lang=self.language.currentData(),
            tag=self.tag.currentText().strip() or None,
            date_from=self._utc(self.date_from.date()),
            date_to=self._utc(self.date_to.date(), next_day=True),
            query=self.search.text().strip(),
        )

    def _utc(self, day: QDate, next_day: bool = False) -> datetime | None:
        """Midnight of `day` in the office time zone, as UTC; the "to" day is included."""
        if day == _NO_DATE:
            return None
        if next_day:
            day = day.addDays(1)
        local = datetime.combine(day.toPython(), time(), tzinfo=self._zone)
        return local.astimezone(UTC)

    def flush(self) -> None:
        """Apply a pending search at once (e.g. when Enter is pressed)."""
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        if flt != self._last:
            self._last = flt
            self.filterChanged.emit(flt)
