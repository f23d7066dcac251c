"""The Schedule dialog: when a statement goes out, picked on the office's clock (the zone named
beside every time), an optional embargo, and the pre-publish checklist's failures with an
editor's override.

Times are wall-clock times in the office zone, turned into moments by the core
(`moments.in_zone`): an hour the clocks skip is refused with the core's message, an hour that
happens twice is shown with its offset (`moments.local_time`). The dialog asks the core itself,
so a refusal or the checklist's failures appear where the editor is; it closes once scheduled.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.checklist import CheckFailure, ChecklistFailed
from app.core.desk import Desk, StatementDetail
from app.core.errors import PressDeskError
from app.core.i18n import _, date_input_format, office_moment, zone_city
from app.core.moments import in_zone
from app.core.permissions import Action
from app.ui.messages import sentence
from app.ui.tasks import TaskRunner

_PROBLEM_STYLE = "color: #b71c1c;"


def default_moment(now: datetime) -> datetime:
    """The next full hour at least half an hour away: a sensible first offer."""
    later = now + timedelta(minutes=30)
    return later.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


class _WallClock(QWidget):
    """A date and a time on the office's clock, with the zone's name beside them."""

    def __init__(self, zone: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.date = QDateEdit(self)
        self.date.setDisplayFormat(date_input_format())
        self.date.setCalendarPopup(True)
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.zone = QLabel(zone_city(zone), self)
        self.zone.setToolTip(zone)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.time)
        row.addWidget(self.zone)
        row.addStretch(1)

    def set_wall(self, wall: datetime) -> None:
        self.date.setDate(QDate(wall.year, wall.month, wall.day))
        self.time.setTime(QTime(wall.hour, wall.minute))

    def wall(self) -> datetime:
        return datetime.combine(self.date.date().toPython(), self.time.time().toPython())


class ScheduleDialog(QDialog):
    """Schedules (or reschedules) one approved statement."""

    #: The core scheduled it: the step's result.
    scheduled = Signal(object)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        detail: StatementDetail,
        zone: str,
        parent: QWidget | None = None,
        *,
        at: datetime | None = None,
        failures: list[CheckFailure] | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Schedule"))
        self._desk, self._runner, self._detail, self.zone = desk, runner, detail, zone
        now = now or datetime.now(UTC)
        if at is None:
            due = detail.scheduled_at
            at = due if due is not None and due > now else default_moment(now)
        source = detail.texts.get(detail.source_lang)
        title = source.content.title if source else detail.slug
        self.heading = QLabel(f"“{title}”", self)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.publish_at = _WallClock(zone, self)
        self.moment = QLabel(self)
        self.embargo = QCheckBox(_("Under &embargo until"), self)
        self.embargo_at = _WallClock(zone, self)
        self.embargo_moment = QLabel(self)
        office_zone = ZoneInfo(zone)
        self.publish_at.set_wall(at.astimezone(office_zone).replace(tzinfo=None))
        embargo_until = detail.embargo_until or at
        self.embargo_at.set_wall(embargo_until.astimezone(office_zone).replace(tzinfo=None))
        self.embargo.setChecked(detail.embargo_until is not None)
        self.expires = QCheckBox(_("Comes &down at"), self)
        self.expires.setToolTip(
            _("For an announcement: its pages leave the website by themselves then.")
        )
        self.expires_at = _WallClock(zone, self)
        self.expires_moment = QLabel(self)
        expires = detail.expires_at or at + timedelta(days=7)
        self.expires_at.set_wall(expires.astimezone(office_zone).replace(tzinfo=None))
        self.expires.setChecked(detail.expires_at is not None)

        self.checklist = QGroupBox(_("The pre-publish checklist failed"), self)
        self.failures = QListWidget(self.checklist)
        self.override_note = QLabel(self.checklist)
        self.override_note.setWordWrap(True)
        self.reason = QPlainTextEdit(self.checklist)
        self.reason.setPlaceholderText(_("Why it goes out anyway (kept in the audit log)"))
        self.reason.setMaximumHeight(70)
        box = QVBoxLayout(self.checklist)
        box.addWidget(self.failures)
        box.addWidget(self.override_note)
        box.addWidget(self.reason)
        self.checklist.hide()

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(_PROBLEM_STYLE)
        self.problem.hide()

        self.buttons = QDialogButtonBox(self)
        self.schedule_button = self.buttons.addButton(
            _("&Schedule"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.anyway_button = self.buttons.addButton(
            _("Schedule &anyway"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.anyway_button.hide()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.schedule_button.clicked.connect(lambda: self.submit(override=False))
        self.anyway_button.clicked.connect(lambda: self.submit(override=True))
        self.schedule_button.setDefault(True)

        form = QFormLayout()
        form.addRow(_("&Publish at"), self.publish_at)
        form.addRow("", self.moment)
        form.addRow(self.embargo, self.embargo_at)
        form.addRow("", self.embargo_moment)
        form.addRow(self.expires, self.expires_at)
        form.addRow("", self.expires_moment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.checklist)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

        for clock in (self.publish_at, self.embargo_at, self.expires_at):
            clock.date.dateChanged.connect(self._update)
            clock.time.timeChanged.connect(self._update)
        self.embargo.toggled.connect(self._update)
        self.expires.toggled.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._busy = False
        self._update()
        if failures:
            self._show_failures(failures)

    # What the fields mean

    def _moment_of(self, clock: _WallClock, label: QLabel, prefix: str) -> datetime | None:
        """The clock's moment, shown as the office reads it; None (and why) if it has none."""
        try:
            moment = in_zone(clock.wall(), self.zone)
        except PressDeskError as error:
            label.setText(sentence(str(error)))
            label.setStyleSheet(_PROBLEM_STYLE)
            return None
        label.setText(prefix.format(when=office_moment(moment, self.zone)))
        label.setStyleSheet("")
        return moment

    def _optional(
        self, box: QCheckBox, clock: _WallClock, label: QLabel, prefix: str, absent: str
    ) -> tuple[datetime | None, bool]:
        """An optional moment: (None, True) when not asked for, (None, False) when invalid."""
        clock.setEnabled(box.isChecked())
        if not box.isChecked():
            label.setText(absent)
            label.setStyleSheet("")
            return None, True
        moment = self._moment_of(clock, label, prefix)
        return moment, moment is not None

    def _values(self) -> tuple[datetime | None, datetime | None, datetime | None, bool]:
        at = self._moment_of(self.publish_at, self.moment, _("Goes out at {when}"))
        embargo, embargo_ok = self._optional(
            self.embargo,
            self.embargo_at,
            self.embargo_moment,
            _("Never published before {when}"),
            _("No embargo"),
        )
        expires, expires_ok = self._optional(
            self.expires,
            self.expires_at,
            self.expires_moment,
            _("Its pages come down at {when}"),
            _("Stays on the website"),
        )
        return at, embargo, expires, at is not None and embargo_ok and expires_ok

    def _update(self) -> None:
        _at, _embargo, _expires, valid = self._values()
        self.schedule_button.setEnabled(valid and not self._busy)
        self.anyway_button.setEnabled(
            valid and not self._busy and bool(self.reason.toPlainText().strip())
        )

    # Asking the core

    def submit(self, *, override: bool) -> None:
        at, embargo, expires, valid = self._values()
        if not valid or at is None:
            return
        reason = self.reason.toPlainText().strip() if override else None
        if override and not reason:
            return
        self._set_busy(True)
        self.problem.hide()
        self._runner.run(
            partial(
                self._desk.schedule,
                embargo=embargo,
                override_reason=reason,
                meta_version=self._detail.meta_version,
                expires=expires,
            ),
            self._detail.id,
            at,
            on_done=self._scheduled,
            on_error=self._refused,
            serial=True,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update()

    def _scheduled(self, result: object) -> None:
        self._set_busy(False)
        self.scheduled.emit(result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ChecklistFailed):
            self._show_failures(error.failures)
            return
        self.problem.setText(sentence(str(error)))
        self.problem.show()

    def _show_failures(self, failures: list[CheckFailure]) -> None:
        self.failures.clear()
        self.failures.addItems([sentence(f.message) for f in failures])
        may_override = self._desk.actor.may(Action.OVERRIDE_CHECKLIST)
        self.override_note.setText(
            _("Fix these, or schedule it anyway and say why:")
            if may_override
            else _("Fix these first: only an editor can schedule it anyway.")
        )
        self.reason.setVisible(may_override)
        self.anyway_button.setVisible(may_override)
        self.checklist.show()
        if may_override:
            self.reason.setFocus()
        self._update()
