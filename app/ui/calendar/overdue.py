"""Overdue statements at start: what missed its minute while nothing published it, offered to
an editor to publish now or reschedule, so that nothing is missed silently."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.calendar import CalendarEntry, Mark
from app.core.desk import Desk
from app.core.i18n import _, ngettext, office_moment
from app.ui.calendar.dock import KeepAbove
from app.ui.calendar.look import chip_kind, describe, swatch
from app.ui.calendar.steps import ScheduleSteps
from app.ui.tasks import TaskRunner


def overdue_entries(desk: Desk) -> list[CalendarEntry]:
    """The overdue (and failed) schedules, oldest first, as the calendar shows them."""
    ids = desk.overdue()
    if not ids:
        return []
    earliest = desk.statement(ids[0]).scheduled_at
    if earliest is None:
        return []
    wanted = set(ids)
    return [
        entry
        for entry in desk.calendar(earliest, datetime.now(UTC))
        if entry.statement_id in wanted and entry.mark in (Mark.OVERDUE, Mark.FAILED)
    ]


class OverdueDialog(QDialog):
    """Lists the overdue statements; each can be published now, rescheduled or looked at."""

    #: A step was taken here: its result.
    stepTaken = Signal(object)
    #: A step was refused: the core's message.
    stepFailed = Signal(str)
    #: Show this entry in the calendar.
    showRequested = Signal(object)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        zone: str,
        languages: tuple[str, ...],
        entries: list[CalendarEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Overdue statements"))
        self._desk, self._runner, self.zone, self.languages = desk, runner, zone, languages
        self.entries: list[CalendarEntry] = []
        self.steps = ScheduleSteps(desk, runner, zone, self)
        self.steps.stepTaken.connect(self._step_taken)
        self.steps.stepFailed.connect(self.stepFailed.emit)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        buttons = QDialogButtonBox(self)
        self.publish_button = QPushButton(_("&Publish now"), self)
        self.reschedule_button = QPushButton(_("&Reschedule…"), self)
        self.show_button = QPushButton(_("Show in &calendar"), self)
        for button in (self.publish_button, self.reschedule_button, self.show_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.steps.wire(self.publish_button, self.reschedule_button, self.selected)
        self.show_button.clicked.connect(self._show)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.set_entries(entries)
        if parent is not None:
            KeepAbove(self, parent)

    def set_entries(self, entries: list[CalendarEntry]) -> None:
        self.entries = entries
        self.intro.setText(
            ngettext(
                "A scheduled statement missed its minute: nothing published it. Publish it "
                "now, or give it a new time.",
                "{count} scheduled statements missed their minute: nothing published them. "
                "Publish each now, or give it a new time.",
                len(entries),
            ).format(count=len(entries))
        )
        self.list.clear()
        for entry in entries:
            line = f"{office_moment(entry.at, self.zone)}  {entry.title}"
            if entry.reason:
                line += "\n" + _("Failed: {reason}").format(reason=entry.reason)
            item = QListWidgetItem(line)
            item.setIcon(swatch(chip_kind(entry)))
            item.setToolTip(describe(entry, self.zone, self.languages))
            self.list.addItem(item)
        if entries:
            self.list.setCurrentRow(0)
        self._enable()

    def selected(self) -> CalendarEntry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show(self) -> None:
        if (entry := self.selected()) is not None:
            self.showRequested.emit(entry)

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (self.publish_button, self.reschedule_button, self.show_button):
            button.setEnabled(chosen)

    def _step_taken(self, result: object) -> None:
        self.stepTaken.emit(result)
        self._runner.run(overdue_entries, self._desk, on_done=self._reloaded, serial=True)

    def _reloaded(self, entries: list[CalendarEntry]) -> None:
        if entries:
            self.set_entries(entries)
        else:
            self.accept()
