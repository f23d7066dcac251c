"""The workflow's steps as menu actions on the open statement, offered only where allowed.

Each action saves what is typed first, then asks the core (which checks roles and status
again) and reports the outcome; the window refreshes what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.core.desk import Desk, StatementDetail
from app.core.i18n import _, office_moment, pgettext
from app.core.models import Status
from app.core.permissions import Action
from app.core.workflow import STARTS_FROM, Step, StepResult
from app.ui.correction_dialog import CorrectionDialog
from app.ui.editor.form import StatementEditor
from app.ui.errors import user_message
from app.ui.schedule_dialog import ScheduleDialog
from app.ui.statements.model import status_label
from app.ui.tasks import TaskRunner


class WorkflowActions(QObject):
    """Submit, approve (this language or all), schedule, unschedule, publish an overdue one
    now, withdraw and correct, for the statement in the editor."""

    #: A step was taken: its result (the window refreshes the list and the editor).
    stepTaken = Signal(object)
    #: A step was refused: the core's message, for the person.
    stepFailed = Signal(str)
    #: A correction was added to the statement in the editor.
    corrected = Signal()

    def __init__(
        self, desk: Desk, runner: TaskRunner, editor: StatementEditor, window: QWidget
    ) -> None:
        super().__init__(window)
        self._desk = desk
        self._runner = runner
        self._editor = editor
        self._window = window
        self.submit = self._action(_("Su&bmit for review"), "Ctrl+Shift+Return", self._submit)
        self.approve = self._action(
            _("&Approve this language"), "Ctrl+Shift+A", self._approve_language
        )
        self.approve_all = self._action(
            _("Approve a&ll languages"), "Ctrl+Alt+Shift+A", self._approve_all
        )
        self.schedule = self._action(_("S&chedule…"), "", self._schedule)
        self.unschedule = self._action(_("&Unschedule"), "", self._unschedule)
        self.publish_now = self._action(_("Publ&ish now"), "", self._publish_now)
        self.withdraw = self._action(_("&Withdraw from the website…"), "", self._withdraw)
        self.correct = self._action(_("Add a co&rrection…"), "", self._correct)
        #: The Schedule or correction dialog, or the publish confirmation, while open.
        self.dialog: ScheduleDialog | CorrectionDialog | QMessageBox | None = None
        editor.statementLoaded.connect(lambda _sid: self.update())
        editor.statementSaved.connect(lambda _sid, _created: self.update())
        editor.languageChanged.connect(lambda _lang: self.update())
        self.update()

    @property
    def actions(self) -> list[QAction]:
        return [
            self.submit,
            self.approve,
            self.approve_all,
            self.schedule,
            self.unschedule,
            self.publish_now,
            self.withdraw,
            self.correct,
        ]

    def _action(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def update(self) -> None:
        """Offers only the steps this person may take on this statement now."""
        detail = self._editor.detail
        actor = self._desk.actor

        def offered(step: Step, action: Action) -> bool:
            return detail is not None and actor.may(action) and detail.status in STARTS_FROM[step]

        self.submit.setEnabled(offered(Step.SUBMIT, Action.SUBMIT))
        lang_text = detail.texts.get(self._editor.lang) if detail else None
        self.approve.setEnabled(offered(Step.APPROVE, Action.APPROVE) and lang_text is not None)
        self.approve_all.setEnabled(offered(Step.APPROVE, Action.APPROVE))
        self.schedule.setEnabled(offered(Step.SCHEDULE, Action.SCHEDULE))
        self.unschedule.setEnabled(offered(Step.UNSCHEDULE, Action.SCHEDULE))
        # Publishing by hand is for a statement whose minute has passed (overdue or failed).
        due = detail is not None and detail.scheduled_at is not None
        self.publish_now.setEnabled(
            offered(Step.PUBLISH, Action.SCHEDULE)
            and due
            and detail.scheduled_at <= datetime.now(UTC)
        )
        self.withdraw.setEnabled(offered(Step.WITHDRAW, Action.WITHDRAW))
        # A correction is noted on the pages of what is out (the core asks the same).
        self.correct.setEnabled(
            detail is not None and detail.status is Status.PUBLISHED and actor.may(Action.CORRECT)
        )

    def _run(self, fn: Callable[..., StepResult], *args: object) -> None:
        """Save what is typed, then take the step."""

        def step() -> None:
            self._runner.run(
                fn,
                *args,
                on_done=self.stepTaken.emit,
                on_error=lambda error: self.stepFailed.emit(
                    user_message(error, _("changing the statement's state"))
                ),
                serial=True,
            )

        self._editor.save(then=step)

    def _statement(self) -> StatementDetail | None:
        return self._editor.detail

    def _submit(self) -> None:
        if (detail := self._statement()) is not None:
            self._run(self._desk.submit, detail.id, "")

    def _approve_language(self) -> None:
        if (detail := self._statement()) is not None:
            self._run(self._desk.approve, detail.id, [self._editor.lang], "")

    def _approve_all(self) -> None:
        if (detail := self._statement()) is not None:
            self._run(self._desk.approve, detail.id, None, "")

    def _schedule(self) -> None:
        """Save what is typed, then pick the moment (the dialog asks the core itself)."""

        def show() -> None:
            detail = self._statement()
            if detail is None:
                return
            dialog = ScheduleDialog(
                self._desk, self._runner, detail, self._editor.timezone, self._window
            )
            dialog.scheduled.connect(self.stepTaken.emit)
            self.dialog = dialog
            dialog.open()

        self._editor.save(then=show)

    def _unschedule(self) -> None:
        if (detail := self._statement()) is not None:
            self._run(self._desk.unschedule, detail.id)

    def _publish_now(self) -> None:
        detail = self._statement()
        if detail is None or detail.scheduled_at is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Publish now"),
            _(
                "Publish this statement now? It was due at {when}. Every required language "
                "is checked again first."
            ).format(when=office_moment(detail.scheduled_at, self._editor.timezone)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)

        def answered(answer: int) -> None:
            if answer == QMessageBox.StandardButton.Yes:
                self._run(self._desk.publish_now, detail.id)

        box.finished.connect(answered)
        self.dialog = box
        box.open()

    def _withdraw(self) -> None:
        detail = self._statement()
        if detail is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self._window,
            _("Withdraw from the website"),
            _(
                "The statement's pages go with the next export. Why is it withdrawn? "
                "(kept with the statement)"
            ),
        )
        if ok:
            self._run(self._desk.withdraw, detail.id, reason)

    def _correct(self) -> None:
        """Save what is typed, then ask for the note in every published language."""

        def show(detail: StatementDetail, published_langs: list[str]) -> None:
            # In the office's order (the editor's languages), then any the office dropped.
            published = set(published_langs)
            langs = [lang for lang in self._editor.languages if lang in published]
            langs += sorted(published - set(langs))
            dialog = CorrectionDialog(self._desk, self._runner, detail, langs, self._window)
            dialog.corrected.connect(lambda _id: self.corrected.emit())
            self.dialog = dialog
            dialog.open()

        def ask() -> None:
            detail = self._statement()
            if detail is None:
                return
            self._runner.run(
                self._desk.published_langs,
                detail.id,
                on_done=lambda langs: show(detail, langs),
                on_error=lambda error: self.stepFailed.emit(
                    user_message(error, _("adding the correction"))
                ),
                serial=True,
            )

        self._editor.save(then=ask)


def describe(result: StepResult, zone: str) -> str:
    """ "Approved TG, RU: the statement is now Approved", for the status bar."""
    if result.step is Step.SCHEDULE and result.at is not None:
        return _("Scheduled: it goes out at {when}").format(when=office_moment(result.at, zone))
    langs = ", ".join(lang.upper() for lang in result.langs)
    if result.step is Step.APPROVE:
        done = _("Approved {langs}").format(langs=langs) if langs else _("Nothing to approve")
        if result.status is Status.IN_REVIEW:
            return _("{done}; other languages still await approval").format(done=done)
    else:
        done = {
            Step.SUBMIT: pgettext("step done", "Submitted for review"),
            Step.SEND_BACK: _("Sent back {langs}").format(langs=langs),
            Step.SCHEDULE: pgettext("step done", "Scheduled"),
            Step.UNSCHEDULE: _("Taken off the schedule"),
            Step.PUBLISH: pgettext("step done", "Published"),
            Step.WITHDRAW: pgettext("step done", "Withdrawn"),
        }.get(result.step, result.step.value.capitalize())
    return _("{done}: the statement is now {status}").format(
        done=done, status=status_label(result.status)
    )
