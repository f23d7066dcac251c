"""The statement list as a lazy table model: it holds the row count and pages of ids, not all rows.

A change of filter or sort asks the core (off the UI thread) for the count and the first page; other
pages are fetched when a view first asks for one of their rows, and shown as "…" until they arrive.
A bounded cache keeps recently seen pages. Like Anki's browser table, the model only knows ids and
the plain `StatementRow`s the core returns for them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette

from app.core.approvals import LangState
from app.core.desk import Desk
from app.core.i18n import NC_, _, moment, pgettext, recent_moment
from app.core.listing import SortKey, StatementFilter, StatementRow
from app.core.models import Status
from app.ui import colours
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner

PAGE_SIZE = 100
MAX_CACHED_PAGES = 40

Index = QModelIndex | QPersistentModelIndex

LANG_BADGES: dict[LangState, str] = {
    LangState.MISSING: "·",
    LangState.IN_PROGRESS: "✎",
    LangState.NEEDS_UPDATE: "⟳",
    LangState.SENT_BACK: "↩",
    LangState.CHANGED: "Δ",
    LangState.APPROVED: "✓",
}


def status_label(status: Status) -> str:
    return {
        Status.DRAFT: _("Draft"),
        Status.IN_REVIEW: _("In review"),
        Status.APPROVED: _("Approved"),
        Status.SCHEDULED: _("Scheduled"),
        Status.PUBLISHED: _("Published"),
        Status.WITHDRAWN: _("Withdrawn"),
    }[status]


def lang_state_label(state: LangState) -> str:
    return {
        LangState.MISSING: _("missing"),
        LangState.IN_PROGRESS: _("in progress"),
        LangState.NEEDS_UPDATE: _("needs update"),
        LangState.SENT_BACK: _("sent back"),
        LangState.CHANGED: _("changed after approval"),
        LangState.APPROVED: _("approved"),
    }[state]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    sort: SortKey | None


COLUMNS: tuple[Column, ...] = (
    Column("title", NC_("list column", "Title"), SortKey.TITLE),
    Column("status", NC_("list column", "Status"), SortKey.STATUS),
    Column("languages", NC_("list column", "Languages"), None),
    Column("scheduled", NC_("list column", "Scheduled"), SortKey.SCHEDULED),
    Column("author", NC_("list column", "Author"), SortKey.AUTHOR),
    Column("updated", NC_("list column", "Changed"), SortKey.UPDATED),
)
COLUMN_INDEX = {column.key: i for i, column in enumerate(COLUMNS)}

_STATE_HUES = {
    LangState.IN_PROGRESS: colours.WARNING,
    LangState.NEEDS_UPDATE: colours.ERROR,
    LangState.SENT_BACK: colours.ERROR,
    LangState.CHANGED: colours.CHANGED,
    LangState.APPROVED: colours.OK,
}


def state_colour(state: LangState) -> QBrush:
    """The colour of a language's state, readable on the palette in use (light or dark)."""
    if state is LangState.MISSING:
        return QBrush(colours.palette().color(QPalette.ColorRole.PlaceholderText))
    return QBrush(colours.tone(_STATE_HUES[state]))


@dataclass(frozen=True, slots=True)
class _Page:
    ids: list[int]
    rows: dict[int, StatementRow]


@dataclass(frozen=True, slots=True)
class _Query:
    """Everything that decides which ids appear, and in which order."""

    flt: StatementFilter
    sort: SortKey
    descending: bool


def _load_first_page(desk: Desk, query: _Query, languages: tuple[str, ...]) -> tuple[int, _Page]:
    total = desk.count(query.flt)
    page = _load_page(desk, query, languages, 0)
    return total, page


def _load_page(desk: Desk, query: _Query, languages: tuple[str, ...], page: int) -> _Page:
    ids = desk.page_ids(query.flt, query.sort, query.descending, page * PAGE_SIZE, PAGE_SIZE)
    return _Page(ids, {row.id: row for row in desk.rows(ids, languages)})


class StatementListModel(QAbstractTableModel):
    """Rows of statements for the current filter and sort, fetched page by page."""

    #: Emitted after a filter or sort change has been applied and its first page is in.
    reloaded = Signal()
    #: Emitted with the message of a failed load.
    loadFailed = Signal(str)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        languages: tuple[str, ...],
        timezone: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self.languages = languages
        self.timezone = timezone
        self._zone = ZoneInfo(timezone)
        self._query = _Query(StatementFilter(), SortKey.UPDATED, True)
        self._user_sort: tuple[SortKey, bool] = (SortKey.UPDATED, True)
        self._total = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self._fetching_now: int | None = None
        self.loaded = False

    # Queries

    @property
    def statement_filter(self) -> StatementFilter:
        return self._query.flt

    @property
    def sort_key(self) -> SortKey:
        return self._query.sort

    def set_filter(self, flt: StatementFilter) -> None:
        """Apply a filter; a search query sorts by relevance until the user picks a column."""
        if flt == self._query.flt and self.loaded:
            return
        sort, descending = self._user_sort
        searching = bool(flt.query.strip())
        was_searching = bool(self._query.flt.query.strip())
        # A new search ranks by relevance; refining it keeps whatever order it had.
        if searching and (not was_searching or self._query.sort is SortKey.RELEVANCE):
            sort, descending = SortKey.RELEVANCE, False
        self._query = _Query(flt, sort, descending)
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        key = COLUMNS[column].sort
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort, self._query.descending):
            return
        self._user_sort = (key, descending)
        self._query = replace(self._query, sort=key, descending=descending)
        self.reload()

    def reload(self) -> None:
        """Fetch the count and first page again; the old rows stay until they arrive."""
        query = self._query
        self._runner.run_latest(
            ("statement-list", id(self)),
            _load_first_page,
            self._desk,
            query,
            self.languages,
            on_done=lambda result: self._apply_first_page(query, *result),
            on_error=self._failed,
            serial=True,
        )

    def refresh_rows(self) -> None:
        """Fetch the shown rows again (after a save), keeping row positions and selection."""
        self._generation += 1
        self._pages.clear()
        self._pending.clear()
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(COLUMNS) - 1))

    def _apply_first_page(self, query: _Query, total: int, page: _Page) -> None:
        if query != self._query:
            return
        self.beginResetModel()
        self._generation += 1
        self._total = total
        self._pages = OrderedDict({0: page})
        self._pending.clear()
        self.endResetModel()
        self.loaded = True
        self.reloaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.loadFailed.emit(user_message(error, _("loading the statement list")))

    # Rows

    def statement_id(self, row: int) -> int | None:
        """The id at `row`, or None while its page is still being fetched."""
        page = self._page(row)
        if page is None or row % PAGE_SIZE >= len(page.ids):
            return None
        return page.ids[row % PAGE_SIZE]

    def statement_row(self, row: int) -> StatementRow | None:
        statement_id = self.statement_id(row)
        if statement_id is None:
            return None
        return self._pages[row // PAGE_SIZE].rows.get(statement_id)

    def row_of(self, statement_id: int) -> int | None:
        """The row of a statement among the pages fetched so far."""
        for number, page in self._pages.items():
            if statement_id in page.rows:
                return number * PAGE_SIZE + page.ids.index(statement_id)
        return None

    def cached_rows(self) -> list[StatementRow]:
        return [row for page in self._pages.values() for row in page.rows.values()]

    def _page(self, row: int) -> _Page | None:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        self._request_page(number)
        return self._pages.get(number)

    def _request_page(self, number: int) -> None:
        if number in self._pending:
            return
        self._pending.add(number)
        generation, query = self._generation, self._query
        self._fetching_now = number
        try:
            self._runner.run(
                _load_page,
                self._desk,
                query,
                self.languages,
                number,
                on_done=lambda page: self._page_arrived(generation, number, page),
                on_error=self._failed,
                serial=True,
            )
        finally:
            self._fetching_now = None

    def _page_arrived(self, generation: int, number: int, page: _Page) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        if self._fetching_now == number:
            # Arrived while data() was still asking for it: that call returns it directly.
            return
        first = number * PAGE_SIZE
        last = min(self._total, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                if COLUMNS[section].key == "languages":
                    return " ".join(lang.upper() for lang in self.languages)
                return pgettext("list column", COLUMNS[section].title)
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].key == "languages":
                return _("· missing   ✎ in progress   ⟳ needs update   ✓ approved")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.UserRole,
        ):
            return None
        row = self.statement_row(index.row())
        if role == Qt.ItemDataRole.UserRole:
            return row.id if row is not None else None
        key = COLUMNS[index.column()].key
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and key == "title" else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        return self._display(row, key)

    def _display(self, row: StatementRow, key: str) -> str:
        if key == "title":
            return row.title
        if key == "status":
            return _("Failed") if row.publish_error else status_label(row.status)
        if key == "languages":
            return " ".join(
                LANG_BADGES[row.languages.get(lang, LangState.MISSING)] for lang in self.languages
            )
        if key == "scheduled":
            return self.short_time(row.scheduled_at)
        if key == "author":
            return row.author
        return self.short_time(row.updated_at)

    def _tooltip(self, row: StatementRow, key: str) -> str | None:
        if key == "languages":
            return "\n".join(
                f"{lang}: {lang_state_label(row.languages.get(lang, LangState.MISSING))}"
                for lang in self.languages
            )
        if key == "status" and row.publish_error:
            return _("Scheduled, but not published at its minute: {reason}").format(
                reason=row.publish_error
            )
        if key in ("title", "author"):
            return row.title if key == "title" else row.author
        if key in ("scheduled", "updated"):
            return self.local_time(row.scheduled_at if key == "scheduled" else row.updated_at)
        return None

    def _foreground(self, row: StatementRow, key: str) -> QBrush | None:
        if key in ("status", "scheduled") and row.publish_error:
            return QBrush(colours.tone(colours.ERROR))
        if key != "languages":
            return None
        states = set(row.languages.values())
        for state in (
            LangState.SENT_BACK,
            LangState.NEEDS_UPDATE,
            LangState.CHANGED,
            LangState.MISSING,
            LangState.IN_PROGRESS,
        ):
            if state in states:
                return state_colour(state)
        return state_colour(LangState.APPROVED)

    def local_time(self, when: datetime | None) -> str:
        """A UTC time as the office reads it: in the office time zone."""
        if when is None:
            return ""
        return moment(when, self.timezone)

    def short_time(self, when: datetime | None) -> str:
        """A time in a narrow column: month, day and time this year, else the date alone.

        The whole time is in the cell's tooltip.
        """
        if when is None:
            return ""
        return recent_moment(when, self.timezone, datetime.now(self._zone))
