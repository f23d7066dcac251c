"""What an editor does to a calendar entry: move it to another day, reschedule it in the
Schedule dialog, or publish an overdue or failed one now; each is one core step, confirmed
first where it cannot be taken back by a click."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from app.core.calendar import CalendarEntry
from app.core.checklist import CheckFailure, ChecklistFailed
from app.core.desk import Desk, StatementDetail
from app.core.errors import PressDeskError
from app.core.i18n import _, office_moment
from app.core.moments import in_zone, zone_of
from app.core.workflow import StepResult
from app.ui.messages import sentence
from app.ui.schedule_dialog import ScheduleDialog
from app.ui.tasks import TaskRunner


def same_time_on(entry: CalendarEntry, day: date, zone: str) -> datetime:
    """The entry's time of day on the office's clock, on ``day`` (raises if the clocks skip
    that hour there)."""
    wall = entry.at.astimezone(zone_of(zone)).replace(tzinfo=None)
    return in_zone(datetime.combine(day, wall.time()), zone)


def _move(desk: Desk, entry: CalendarEntry, at: datetime) -> StepResult:
    """Reschedules, keeping the embargo; the meta version the calendar showed makes a change
    someone made meanwhile a conflict rather than overwritten."""
    embargo = desk.statement(entry.statement_id).embargo_until
    return desk.schedule(entry.statement_id, at, embargo=embargo, meta_version=entry.meta_version)


class ScheduleSteps(QObject):
    """Runs the steps for a window; reports each outcome."""

    #: A step was taken: its result.
    stepTaken = Signal(object)
    #: A step was refused: the core's message.
    stepFailed = Signal(str)

    def __init__(self, desk: Desk, runner: TaskRunner, zone: str, window: QWidget) -> None:
        super().__init__(window)
        self._desk, self._runner, self.zone, self._window = desk, runner, zone, window
        #: The confirmation or dialog open now, if any.
        self.confirmation: QMessageBox | None = None
        self.dialog: ScheduleDialog | None = None

    def _confirm(self, title: str, text: str, yes: str, then: object) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self._window)
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)

        def clicked(button: QAbstractButton) -> None:
            if button is go:
                then()

        box.buttonClicked.connect(clicked)
        box.finished.connect(lambda _result: setattr(self, "confirmation", None))
        self.confirmation = box
        box.open()

    def _failed(self, error: BaseException) -> None:
        self.stepFailed.emit(sentence(str(error)))

    def move(self, entry: CalendarEntry, day: date) -> None:
        """Drop on another day: the same time on the office's clock, once confirmed."""
        zone = zone_of(self.zone)
        if entry.at.astimezone(zone).date() == day:
            return
        try:
            at = same_time_on(entry, day, self.zone)
        except PressDeskError as error:
            self._failed(error)
            return
        text = _("Move “{title}”\nfrom {old}\nto {new}?").format(
            title=entry.title,
            old=office_moment(entry.at, self.zone),
            new=office_moment(at, self.zone),
        )
        self._confirm(
            _("Reschedule"),
            text,
            _("&Move"),
            lambda: self._runner.run(
                _move,
                self._desk,
                entry,
                at,
                on_done=self.stepTaken.emit,
                on_error=lambda error: self._move_refused(entry, at, error),
                serial=True,
            ),
        )

    def _move_refused(self, entry: CalendarEntry, at: datetime, error: BaseException) -> None:
        if isinstance(error, ChecklistFailed):
            # Overridden when it was scheduled: the editor says why again, for the new time.
            self.reschedule(entry.statement_id, at=at, failures=error.failures)
        else:
            self._failed(error)

    def reschedule(
        self,
        statement_id: int,
        *,
        at: datetime | None = None,
        failures: list[CheckFailure] | None = None,
    ) -> None:
        """The Schedule dialog for the statement as it stands now."""

        def show(detail: StatementDetail) -> None:
            dialog = ScheduleDialog(
                self._desk, self._runner, detail, self.zone, self._window, at=at, failures=failures
            )
            dialog.scheduled.connect(self.stepTaken.emit)
            dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
            self.dialog = dialog
            dialog.open()

        self._runner.run(
            self._desk.statement, statement_id, on_done=show, on_error=self._failed, serial=True
        )

    def wire(
        self,
        publish: QAbstractButton,
        reschedule: QAbstractButton,
        selected: Callable[[], CalendarEntry | None],
    ) -> None:
        """Publish now and Reschedule… buttons acting on the entry a window has selected."""

        def publish_selected() -> None:
            if (entry := selected()) is not None:
                self.publish_now(entry)

        def reschedule_selected() -> None:
            if (entry := selected()) is not None:
                self.reschedule(entry.statement_id)

        publish.clicked.connect(publish_selected)
        reschedule.clicked.connect(reschedule_selected)

    def publish_now(self, entry: CalendarEntry) -> None:
        """An overdue or failed statement goes out now, once confirmed (checked again)."""
        text = _("Publish “{title}” now? It was due at {when}.").format(
            title=entry.title, when=office_moment(entry.at, self.zone)
        )
        self._confirm(
            _("Publish now"),
            text,
            _("&Publish now"),
            lambda: self._runner.run(
                self._desk.publish_now,
                entry.statement_id,
                on_done=self.stepTaken.emit,
                on_error=self._failed,
                serial=True,
            ),
        )
