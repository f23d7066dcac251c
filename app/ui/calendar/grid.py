"""The calendar's grid: six weeks or one week of day cells, each holding that day's entries (in
the office's time zone) as coloured chips.

The grid shows and reports, nothing more: the day and entry a person picks with the mouse or
the keyboard, the entry they open, and the day they drop an entry on. The panel decides what
is loaded and what a step does.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from PySide6.QtCore import QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.calendar import CalendarEntry, Mark
from app.core.i18n import _, clock, day_and_month, ngettext
from app.ui.calendar.look import (
    COLOURS,
    URGENCY,
    background,
    badges,
    chip_kind,
    describe,
    kind_label,
    movable,
)

#: What a dragged chip carries: "statement id:mark".
ENTRY_MIME = "application/x-pressdesk-calendar-entry"

EntryKey = tuple[int, Mark]

_TEXT = Qt.GlobalColor.black


def key_of(entry: CalendarEntry) -> EntryKey:
    """An entry's identity on the calendar (a statement may be published and expire)."""
    return (entry.statement_id, entry.mark)


def entry_mime(entry: CalendarEntry) -> QMimeData:
    """What a dragged chip carries."""
    data = QMimeData()
    data.setData(ENTRY_MIME, f"{entry.statement_id}:{entry.mark.value}".encode())
    return data


class EntryChip(QWidget):
    """One entry: its time and language badges over its title, on its kind's colour."""

    def __init__(
        self,
        entry: CalendarEntry,
        zone: str,
        languages: tuple[str, ...],
        draggable: bool,
        grid: CalendarGrid,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.kind = chip_kind(entry)
        self.time_text = clock(entry.at, zone)
        self.badge_text = badges(entry, languages)
        self._compact_badges = badges(entry, languages, compact=True)
        self.draggable = draggable
        self.selected = False
        self._grid = grid
        self._press: QPoint | None = None
        self._shown: tuple[int, str, str] | None = None
        self.setToolTip(describe(entry, zone, languages))
        self.setAccessibleName(f"{self.time_text} {entry.title}, {kind_label(self.kind)}")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.chip_height())
        if draggable:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def chip_height(self) -> int:
        return 2 * QFontMetrics(self.font()).height() + 6

    def sizeHint(self) -> QSize:
        return QSize(120, self.chip_height())

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def _fonts(self) -> tuple[QFont, QFont]:
        """The time's bold font and the badges' small one."""
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.85)
        return bold, small

    def _shown_texts(self, width: int) -> tuple[str, str]:
        """The badges and the title as they fit ``width`` (kept until the width changes)."""
        if self._shown is None or self._shown[0] != width:
            bold, small = self._fonts()
            room = width - QFontMetrics(bold).horizontalAdvance(self.time_text) - 6
            metrics = QFontMetrics(small)
            shown_badges = self.badge_text
            if metrics.horizontalAdvance(shown_badges) > room:
                shown_badges = metrics.elidedText(
                    self._compact_badges, Qt.TextElideMode.ElideRight, max(room, 0)
                )
            title = QFontMetrics(self.font()).elidedText(
                self.entry.title, Qt.TextElideMode.ElideRight, width
            )
            self._shown = (width, shown_badges, title)
        return self._shown[1], self._shown[2]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.rect()
        painter.fillRect(area, background(self.kind))
        painter.fillRect(QRect(0, 0, 5, area.height()), COLOURS[self.kind])
        text_area = area.adjusted(9, 2, -4, -2)
        shown_badges, title = self._shown_texts(text_area.width())
        line = QFontMetrics(self.font()).height()
        top = QRect(text_area.left(), text_area.top(), text_area.width(), line)
        below = QRect(text_area.left(), text_area.top() + line, text_area.width(), line)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        bold, small = self._fonts()
        painter.setPen(_TEXT)
        painter.setFont(bold)
        painter.drawText(top, left, self.time_text)
        painter.setFont(small)
        painter.drawText(top, right, shown_badges)
        painter.setFont(self.font())
        painter.drawText(below, left, title)
        if self.selected:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 2))
            painter.drawRect(area.adjusted(1, 1, -1, -1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._grid.pick(self.entry)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._grid.entryActivated.emit(self.entry)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.draggable or self._press is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < 8:
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(entry_mime(self.entry))
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)


class DayCell(QWidget):
    """One day: its number, its chips as many as fit, and "+N more" for the rest."""

    def __init__(self, day: date, in_range: bool, today: bool, grid: CalendarGrid) -> None:
        super().__init__()
        self.day = day
        self.in_range = in_range
        self.today = today
        self.chips: list[EntryChip] = []
        self.selected = False
        self.drop_target = False
        self._grid = grid
        self.setAcceptDrops(True)
        self.setMinimumSize(60, 40)
        self.header = QLabel(self._header_text(), self)
        self.header.setAlignment(Qt.AlignmentFlag.AlignRight)
        if today:
            font = self.header.font()
            font.setBold(True)
            self.header.setFont(font)
            self.header.setStyleSheet("color: #0d47a1;")
        elif not in_range:
            self.header.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.more = QLabel(self)
        self.more.hide()
        top = QHBoxLayout()
        top.addWidget(self.more)
        top.addStretch(1)
        top.addWidget(self.header)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 4)
        self._layout.setSpacing(2)
        self._layout.addLayout(top)
        self._layout.addStretch(1)

    def _header_text(self) -> str:
        if self.day.day != 1:
            return str(self.day.day)
        return day_and_month(self.day)

    def set_entries(
        self, entries: list[CalendarEntry], zone: str, languages: tuple[str, ...], draggable: bool
    ) -> None:
        if [chip.entry for chip in self.chips] == entries and all(
            chip.draggable == (draggable and movable(chip.entry)) for chip in self.chips
        ):
            return  # unchanged (a refresh that found nothing new): no widgets made again
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = [
            EntryChip(entry, zone, languages, draggable and movable(entry), self._grid)
            for entry in entries
        ]
        for position, chip in enumerate(self.chips, start=1):
            chip.hide()  # until _fit shows those that fit: none is laid out or painted twice
            self._layout.insertWidget(position, chip)
        self._fit()

    def _fit(self) -> None:
        """Shows the chips that fit, those needing an editor first (failed, overdue, not
        ready), in time order; the count of the others says there is more."""
        if not self.chips:
            self.more.hide()
            return
        margins = self._layout.contentsMargins()
        spacing = self._layout.spacing()
        room = self.height() - margins.top() - margins.bottom() - self.header.sizeHint().height()
        fits = max(0, room // (self.chips[0].chip_height() + spacing))
        by_urgency = sorted(self.chips, key=lambda chip: URGENCY.index(chip.kind))
        shown = set(map(id, by_urgency[:fits]))
        for chip in self.chips:
            chip.setVisible(id(chip) in shown)
        hidden = len(self.chips) - len(shown)
        self.more.setText(ngettext("+{count} more", "+{count} more", hidden).format(count=hidden))
        self.more.setVisible(hidden > 0)

    @property
    def visible_chips(self) -> list[EntryChip]:
        return [chip for chip in self.chips if not chip.isHidden()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        if not self.in_range:
            base = palette.color(QPalette.ColorRole.AlternateBase)
        painter.fillRect(self.rect(), base)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.selected or self.drop_target:
            focused = self._grid.hasFocus()
            colour = palette.color(QPalette.ColorRole.Highlight)
            width = 3 if focused or self.drop_target else 2
            pen = QPen(
                colour if focused or self.drop_target else palette.color(QPalette.ColorRole.Dark),
                width,
            )
            if self.drop_target:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            inset = width // 2 + 1
            painter.drawRect(self.rect().adjusted(inset, inset, -inset - 1, -inset - 1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._grid.setFocus(Qt.FocusReason.MouseFocusReason)
        self._grid.dateRequested.emit(self.day)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(ENTRY_MIME):
            self.drop_target = True
            self.update()
            event.acceptProposedAction()

    def dragLeaveEvent(self, _event: object) -> None:
        self.drop_target = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_target = False
        self.update()
        raw = bytes(event.mimeData().data(ENTRY_MIME).data()).decode()
        statement_id, _, mark = raw.partition(":")
        entry = self._grid.entry((int(statement_id), Mark(mark)))
        if entry is None:
            return
        event.acceptProposedAction()
        self._grid.entryDropped.emit(entry, self.day)


class CalendarGrid(QWidget):
    """Days in rows of seven under the weekday names; keyboard operable when focused.

    Arrows move the selected day (up and down by a week), Page Up and Page Down by a month,
    T to today, Enter opens the selected entry (or the day's first).
    """

    #: The person moved to this day (click, arrows, T, Page Up/Down).
    dateRequested = Signal(object)
    #: The person clicked this entry.
    entryPicked = Signal(object)
    #: The person asked to open this entry's statement (Enter, double click).
    entryActivated = Signal(object)
    #: The person dropped this entry on this day.
    entryDropped = Signal(object, object)

    def __init__(
        self, zone: str, languages: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self.languages = languages
        self.days: list[date] = []
        self.today = date.today()
        self.selected_day: date | None = None
        self.selected_key: EntryKey | None = None
        self._cells: dict[date, DayCell] = {}
        self._entries: dict[EntryKey, CalendarEntry] = {}
        self._weekday_labels: list[QLabel] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Calendar"))
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    def cell(self, day: date) -> DayCell | None:
        return self._cells.get(day)

    def entry(self, key: EntryKey) -> CalendarEntry | None:
        return self._entries.get(key)

    def entries_on(self, day: date) -> list[CalendarEntry]:
        cell = self._cells.get(day)
        return [chip.entry for chip in cell.chips] if cell else []

    def show_days(
        self,
        days: list[date],
        in_range: tuple[date, date],
        today: date,
        entries: dict[date, list[CalendarEntry]],
        draggable: bool,
    ) -> None:
        """Lays out ``days`` (whole weeks); days outside ``in_range`` are shown muted."""
        if days != self.days or today != self.today:
            self._build(days, in_range, today)
        self._entries = {}
        for day, cell in self._cells.items():
            found = entries.get(day, [])
            self._entries.update((key_of(e), e) for e in found)
            cell.set_entries(found, self.zone, self.languages, draggable)
        self._mark_selection()

    def _build(self, days: list[date], in_range: tuple[date, date], today: date) -> None:
        for cell in self._cells.values():
            self._layout.removeWidget(cell)
            cell.deleteLater()
        for label in self._weekday_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.days, self.today = days, today
        self._cells = {}
        self._weekday_labels = []
        locale = self.locale()
        for column, day in enumerate(days[:7]):
            label = QLabel(locale.dayName(day.isoweekday(), locale.FormatType.ShortFormat), self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._layout.addWidget(label, 0, column)
            self._layout.setColumnStretch(column, 1)
            self._weekday_labels.append(label)
        first, last = in_range
        for index, day in enumerate(days):
            cell = DayCell(day, first <= day <= last, day == today, self)
            self._cells[day] = cell
            self._layout.addWidget(cell, 1 + index // 7, index % 7)
        # Rows a longer view had keep their stretch unless told otherwise.
        for row in range(1, self._layout.rowCount()):
            self._layout.setRowStretch(row, 1 if row <= len(days) // 7 else 0)

    def select(self, day: date, key: EntryKey | None = None) -> None:
        self.selected_day = day
        self.selected_key = key
        self._mark_selection()

    def selected_entry(self) -> CalendarEntry | None:
        """The entry picked on the selected day, else that day's first."""
        if self.selected_key is not None and self.selected_key in self._entries:
            return self._entries[self.selected_key]
        found = self.entries_on(self.selected_day) if self.selected_day else []
        return found[0] if found else None

    def pick(self, entry: CalendarEntry) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.entryPicked.emit(entry)

    def _mark_selection(self) -> None:
        chosen = self.selected_entry()
        for day, cell in self._cells.items():
            cell.selected = day == self.selected_day
            for chip in cell.chips:
                chip.set_selected(cell.selected and chip.entry == chosen)
            cell.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        day = self.selected_day
        key = event.key()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if day is not None and key in moves:
            self.dateRequested.emit(day + timedelta(days=moves[key]))
        elif day is not None and key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.dateRequested.emit(add_months(day, -1 if key == Qt.Key.Key_PageUp else 1))
        elif key == Qt.Key.Key_T and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.dateRequested.emit(self.today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if (entry := self.selected_entry()) is not None:
                self.entryActivated.emit(entry)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._mark_selection()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._mark_selection()


def add_months(day: date, months: int) -> date:
    """The same day of another month, or that month's last day if it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))
