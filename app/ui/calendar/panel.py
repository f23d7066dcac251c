"""The calendar panel: a month or a week of what goes out when, on the office's clock, beside
the selected day's entries in detail; it loads only the days it shows, through the task runner.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.calendar import CalendarEntry, Mark
from app.core.desk import Desk
from app.core.i18n import _, clock, days_between, month_and_year, zone_city
from app.core.moments import zone_of
from app.core.permissions import Action
from app.ui.calendar.grid import CalendarGrid, EntryKey, add_months, key_of
from app.ui.calendar.look import (
    badges,
    chip_kind,
    describe,
    kind_label,
    movable,
    swatch,
    why,
)
from app.ui.calendar.steps import ScheduleSteps
from app.ui.messages import sentence
from app.ui.tasks import TaskRunner


class CalendarView(enum.Enum):
    MONTH = "month"
    WEEK = "week"


class CalendarPanel(QWidget):
    """Month and week views with navigation, details of the selected day, and the steps an
    editor takes there (drag to another day, reschedule, publish an overdue one now)."""

    #: Open this statement in the editor.
    statementOpened = Signal(int)
    #: A step was taken here: its result (the window refreshes the list and the editor).
    stepTaken = Signal(object)
    #: A step was refused: the core's message.
    stepFailed = Signal(str)
    #: The entries of the days shown have arrived.
    loaded = Signal()

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        zone: str,
        languages: tuple[str, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._runner, self.zone, self.languages = desk, runner, zone, languages
        self.view = CalendarView.MONTH
        self.selected = self.today()
        self.selected_key: EntryKey | None = None
        self.entries: list[CalendarEntry] = []
        self._stale = True
        self.steps = ScheduleSteps(desk, runner, zone, self)
        self.steps.stepTaken.connect(self._step_taken)
        self.steps.stepFailed.connect(self._step_failed)

        self.previous_button = self._tool_button("", _("Previous month (Page Up)"))
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.today_button = self._tool_button(_("Today"), _("Today (T)"))
        self.today_button.clicked.connect(lambda: self.select_date(self.today()))
        self.next_button = self._tool_button("", _("Next month (Page Down)"))
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(lambda: self.go(1))
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.zone_label = QLabel(zone_city(zone), self)
        self.zone_label.setToolTip(_("Times are on the office's clock ({zone})").format(zone=zone))
        self.month_button = self._tool_button(_("Month"), _("Month view (M)"))
        self.week_button = self._tool_button(_("Week"), _("Week view (W)"))
        views = QButtonGroup(self)
        choices = ((self.month_button, CalendarView.MONTH), (self.week_button, CalendarView.WEEK))
        for button, view in choices:
            button.setCheckable(True)
            views.addButton(button)
            button.clicked.connect(partial(self.set_view, view))
        self.month_button.setChecked(True)
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.title)
        bar.addSpacing(8)
        bar.addWidget(self.zone_label)
        bar.addStretch(1)
        bar.addWidget(self.month_button)
        bar.addWidget(self.week_button)

        self.grid = CalendarGrid(zone, languages, self)
        self.grid.dateRequested.connect(self.select_date)
        self.grid.entryPicked.connect(self.select_entry)
        self.grid.entryActivated.connect(lambda e: self.statementOpened.emit(e.statement_id))
        self.grid.entryDropped.connect(self.steps.move)

        details = QWidget(self)
        self.day_title = QLabel(details)
        self.day_title.setWordWrap(True)
        self.day_list = QListWidget(details)
        self.day_list.setIconSize(QSize(12, 12))
        self.day_list.setWordWrap(True)
        self.day_list.currentRowChanged.connect(self._row_changed)
        self.day_list.itemActivated.connect(lambda _item: self.open_selected())
        self.entry_info = QLabel(details)
        self.entry_info.setWordWrap(True)
        self.entry_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLabel(details)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setStyleSheet("color: #b71c1c;")
        self.reason.hide()
        self.open_button = QPushButton(_("&Open"), details)
        self.open_button.clicked.connect(self.open_selected)
        self.reschedule_button = QPushButton(_("&Reschedule…"), details)
        self.publish_button = QPushButton(_("&Publish now"), details)
        self.steps.wire(self.publish_button, self.reschedule_button, self.selected_entry)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.reschedule_button, self.publish_button):
            buttons.addWidget(button)
        side = QVBoxLayout(details)
        side.setContentsMargins(6, 0, 0, 0)
        side.addWidget(self.day_title)
        side.addWidget(self.day_list, 1)
        side.addWidget(self.entry_info)
        side.addWidget(self.reason)
        side.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.grid)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._render()

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        # Clicking keeps the keyboard on the grid.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    # What is shown

    def today(self) -> date:
        return datetime.now(zone_of(self.zone)).date()

    def days(self) -> list[date]:
        """The days on screen: six whole weeks around the month, or the selected day's week."""
        first_weekday = self.locale().firstDayOfWeek().value
        start = self.selected.replace(day=1) if self.view is CalendarView.MONTH else self.selected
        start -= timedelta(days=(start.isoweekday() - first_weekday) % 7)
        count = 42 if self.view is CalendarView.MONTH else 7
        return [start + timedelta(days=n) for n in range(count)]

    def _in_range(self, days: list[date]) -> tuple[date, date]:
        if self.view is CalendarView.WEEK:
            return days[0], days[-1]
        first = self.selected.replace(day=1)
        return first, add_months(first, 1) - timedelta(days=1)

    def _title(self, days: list[date]) -> str:
        if self.view is CalendarView.MONTH:
            return month_and_year(self.selected.year, self.selected.month)
        return days_between(days[0], days[-1])

    def local_day(self, entry: CalendarEntry) -> date:
        return entry.at.astimezone(zone_of(self.zone)).date()

    def _render(self) -> None:
        days = self.days()
        by_day: dict[date, list[CalendarEntry]] = defaultdict(list)
        for entry in self.entries:
            by_day[self.local_day(entry)].append(entry)
        self.title.setText(self._title(days))
        self.grid.show_days(
            days,
            self._in_range(days),
            self.today(),
            by_day,
            draggable=self._desk.actor.may(Action.SCHEDULE),
        )
        self.grid.select(self.selected, self.selected_key)
        self._show_day()

    # Navigation

    def select_date(self, day: date, key: EntryKey | None = None) -> None:
        """Selects a day (and one of its entries), moving the view if the day is not in it."""
        before = self.days()
        self.selected, self.selected_key = day, key
        if self.days() != before:
            self._render()
            self.refresh()
        else:
            self.grid.select(day, key)
            self._show_day()

    def go(self, step: int) -> None:
        """A month (or in the week view, a week) back or forward."""
        if self.view is CalendarView.MONTH:
            self.select_date(add_months(self.selected, step))
        else:
            self.select_date(self.selected + timedelta(days=7 * step))

    def set_view(self, view: CalendarView) -> None:
        self.view = view
        self.month_button.setChecked(view is CalendarView.MONTH)
        self.week_button.setChecked(view is CalendarView.WEEK)
        self._render()
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        views = {Qt.Key.Key_M: CalendarView.MONTH, Qt.Key.Key_W: CalendarView.WEEK}
        if event.key() in views and not event.modifiers():
            self.set_view(views[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)

    # Loading

    def refresh(self) -> None:
        """Loads the entries of the days shown again (when visible; else once shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        days = self.days()
        # A day on the office's clock lies within a day of UTC either side.
        start = datetime.combine(days[0] - timedelta(days=1), time(), UTC)
        end = datetime.combine(days[-1] + timedelta(days=2), time(), UTC)
        self._runner.run_latest(
            ("calendar", id(self)),
            self._desk.calendar,
            start,
            end,
            on_done=partial(self._arrived, days),
            on_error=lambda error: self.stepFailed.emit(sentence(str(error))),
            serial=True,
        )

    def _arrived(self, days: list[date], entries: list[CalendarEntry]) -> None:
        if days != self.days():
            return  # the person moved on; the newer load follows
        self.entries = entries
        self._render()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # The selected day

    def day_entries(self) -> list[CalendarEntry]:
        return self.grid.entries_on(self.selected)

    def selected_entry(self) -> CalendarEntry | None:
        return self.grid.selected_entry()

    def select_entry(self, entry: CalendarEntry) -> None:
        """Shows the entry's day with the entry selected."""
        self.select_date(self.local_day(entry), key_of(entry))

    def _show_day(self) -> None:
        locale = self.locale()
        day = locale.toString(self.selected, locale.FormatType.LongFormat)
        self.day_title.setText(f"{day} ({zone_city(self.zone)})")
        entries = self.day_entries()
        self.day_list.blockSignals(True)
        self.day_list.clear()
        for entry in entries:
            kind = chip_kind(entry)
            time_text = clock(entry.at, self.zone)
            item = QListWidgetItem(
                swatch(kind),
                f"{time_text}  {entry.title}\n{kind_label(kind)} · {badges(entry, self.languages)}",
            )
            item.setToolTip(describe(entry, self.zone, self.languages))
            self.day_list.addItem(item)
        chosen = self.selected_entry()
        if chosen is not None:
            self.day_list.setCurrentRow(entries.index(chosen))
        self.day_list.blockSignals(False)
        self._show_entry(chosen)

    def _row_changed(self, row: int) -> None:
        entries = self.day_entries()
        if 0 <= row < len(entries):
            self.selected_key = key_of(entries[row])
            self.grid.select(self.selected, self.selected_key)
            self._show_entry(entries[row])

    def _show_entry(self, entry: CalendarEntry | None) -> None:
        may = self._desk.actor.may(Action.SCHEDULE)
        self.open_button.setEnabled(entry is not None)
        self.reschedule_button.setEnabled(entry is not None and may and movable(entry))
        self.publish_button.setEnabled(
            entry is not None and may and entry.mark in (Mark.OVERDUE, Mark.FAILED)
        )
        self.reason.setVisible(entry is not None and bool(entry.reason))
        if entry is None:
            self.entry_info.setText(_("Nothing scheduled or published this day."))
            return
        self.entry_info.setText(describe(entry, self.zone, self.languages, reason=False))
        self.reason.setText(why(entry))

    # Steps

    def open_selected(self) -> None:
        if (entry := self.selected_entry()) is not None:
            self.statementOpened.emit(entry.statement_id)

    def _step_taken(self, result: object) -> None:
        self.refresh()
        self.stepTaken.emit(result)

    def _step_failed(self, message: str) -> None:
        # A conflict means the calendar showed an old state: show the current one.
        self.refresh()
        self.stepFailed.emit(message)
