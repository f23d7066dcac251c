"""The left pane: the filter bar over the statement table, reporting which statement is chosen."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk
from app.core.i18n import _, numeric_date, recent_moment
from app.core.listing import SortKey, StatementFilter
from app.core.models import Status
from app.ui.statements.empty_state import EmptyState
from app.ui.statements.filter_bar import FilterBar
from app.ui.statements.model import COLUMN_INDEX, StatementListModel, status_label
from app.ui.tasks import TaskRunner


class StatementListPane(QWidget):
    """Filter bar and statement table; `statementChosen` carries the id the user moved to."""

    statementChosen = Signal(int)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        languages: tuple[str, ...],
        timezone: str,
        parent: QWidget | None = None,
        search_debounce_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = StatementListModel(desk, runner, languages, timezone, self)
        extra = {} if search_debounce_ms is None else {"debounce_ms": search_debounce_ms}
        self.filter_bar = FilterBar(languages, timezone, self, **extra)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Statements"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicator(COLUMN_INDEX["updated"], Qt.SortOrder.DescendingOrder)
        # The title takes what the other columns, as wide as their contents, leave: no column
        # hides behind a horizontal scroll bar.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_INDEX["title"], QHeaderView.ResizeMode.Stretch)
        for key, width in self.column_widths().items():
            self.table.setColumnWidth(COLUMN_INDEX[key], width)
        self.table.setSortingEnabled(True)

        self.empty = EmptyState(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.pages, 1)

        self.filter_bar.filterChanged.connect(self.model.set_filter)
        self.filter_bar.search.returnPressed.connect(self.filter_bar.flush)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.reloaded.connect(self._show_relevance)
        self.model.reloaded.connect(self._show_table_or_empty)
        self._selected_id: int | None = None

    def column_widths(self) -> dict[str, int]:
        """Widths that show the header and a typical cell of each column but the title."""
        cells, heads = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4
        times = _sample_times(self.model.timezone)  # StatementListModel.short_time
        samples = {
            "status": [status_label(status) for status in Status],
            "languages": [" ".join("✓" for _ in self.model.languages)],
            "scheduled": times,
            "author": ["Нигора Р."],  # longer names are elided; the tooltip has them
            "updated": times,
        }
        # The column sorted at first also holds the sort arrow in its header.
        arrow = self.table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
        widths = {}
        for key, texts in samples.items():
            title = self.model.headerData(COLUMN_INDEX[key], Qt.Orientation.Horizontal) or ""
            head = heads.horizontalAdvance(title) + (arrow if key == "updated" else 0)
            widest = max(cells.horizontalAdvance(text) for text in texts)
            widths[key] = padding + max(head, widest)
        return widths

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def select_statement(self, statement_id: int) -> bool:
        """Make the statement current without reporting it back; False if it is not loaded."""
        row = self.model.row_of(statement_id)
        if row is None:
            return False
        self._selected_id = statement_id
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def move(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) statement of the list."""
        if not self.model.rowCount():
            return
        current = self.table.currentIndex().row()
        row = 0 if current < 0 else max(0, min(self.model.rowCount() - 1, current + step))
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        statement_id = self.model.statement_id(current.row()) if current.isValid() else None
        if statement_id is not None and statement_id != self._selected_id:
            self._selected_id = statement_id
            self.statementChosen.emit(statement_id)

    @property
    def showing_empty(self) -> bool:
        """The database has no statement: the list's place says what to do next."""
        return self.pages.currentWidget() is self.empty

    def _show_table_or_empty(self) -> None:
        nothing_at_all = (
            self.model.rowCount() == 0 and self.model.statement_filter == StatementFilter()
        )
        self.pages.setCurrentWidget(self.empty if nothing_at_all else self.table)

    def _show_relevance(self) -> None:
        """With a search ranked by relevance no column is the sort key: hide the indicator."""
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(self.model.sort_key is not SortKey.RELEVANCE)
        if self._selected_id is not None:
            self.select_statement(self._selected_id)


def _sample_times(zone: str) -> list[str]:
    """The widest a time column shows: a day of each month this year, a date of last year."""
    now = datetime.now(UTC)
    days = [datetime(now.year, month, 28, 23, 59, tzinfo=UTC) for month in range(1, 13)]
    return [recent_moment(day, zone, now) for day in days] + [numeric_date(date(2024, 12, 31))]
