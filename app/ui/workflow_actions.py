"""The workflow's steps as menu actions on the open statement, offered only where allowed.

Each action saves what is typed first, then asks the core (which checks roles and status
again) and reports the outcome; the window refreshes what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QWidget

from app.core.desk import Desk, StatementDetail
from app.core.models import Status
from app.core.permissions import Action
from app.core.workflow import STARTS_FROM, Step, StepResult
from app.ui.editor.form import StatementEditor
from app.ui.errors import user_message
from app.ui.statements.model import status_label
from app.ui.tasks import TaskRunner


class WorkflowActions(QObject):
    """Submit, approve (this language or all) and withdraw for the statement in the editor."""

    #: A step was taken: its result (the window refreshes the list and the editor).
    stepTaken = Signal(object)
    #: A step was refused: the core's message, for the person.
    stepFailed = Signal(str)

    def __init__(
        self, desk: Desk, runner: TaskRunner, editor: StatementEditor, window: QWidget
    ) -> None:
        super().__init__(window)
        self._desk = desk
        self._runner = runner
        self._editor = editor
        self._window = window
        self.submit = self._action(self.tr("Su&bmit for review"), "Ctrl+Shift+Return", self._submit)
        self.approve = self._action(
            self.tr("&Approve this language"), "Ctrl+Shift+A", self._approve_language
        )
        self.approve_all = self._action(
            self.tr("Approve a&ll languages"), "Ctrl+Alt+Shift+A", self._approve_all
        )
        self.withdraw = self._action(self.tr("&Withdraw from the website…"), "", self._withdraw)
        editor.statementLoaded.connect(lambda _sid: self.update())
        editor.statementSaved.connect(lambda _sid, _created: self.update())
        editor.languageChanged.connect(lambda _lang: self.update())
        self.update()

    @property
    def actions(self) -> list[QAction]:
        return [self.submit, self.approve, self.approve_all, self.withdraw]

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
        self.withdraw.setEnabled(offered(Step.WITHDRAW, Action.WITHDRAW))

    def _run(self, fn: Callable[..., StepResult], *args: object) -> None:
        """Save what is typed, then take the step."""

        def step() -> None:
            self._runner.run(
                fn,
                *args,
                on_done=self.stepTaken.emit,
                on_error=lambda error: self.stepFailed.emit(
                    user_message(error, self.tr("changing the statement's state"))
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

    def _withdraw(self) -> None:
        detail = self._statement()
        if detail is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self._window,
            self.tr("Withdraw from the website"),
            self.tr(
                "The statement's pages go with the next export. Why is it withdrawn? "
                "(kept with the statement)"
            ),
        )
        if ok:
            self._run(self._desk.withdraw, detail.id, reason)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkflowActions", text)


def describe(result: StepResult) -> str:
    """ "Approved TG, RU: the statement is now Approved", for the status bar."""
    langs = ", ".join(lang.upper() for lang in result.langs)
    if result.step is Step.APPROVE:
        done = _tr("Approved {langs}").format(langs=langs) if langs else _tr("Nothing to approve")
        if result.status is Status.IN_REVIEW:
            return _tr("{done}; other languages still await approval").format(done=done)
    else:
        done = {
            Step.SUBMIT: _tr("Submitted for review"),
            Step.SEND_BACK: _tr("Sent back {langs}").format(langs=langs),
            Step.WITHDRAW: _tr("Withdrawn"),
        }.get(result.step, result.step.value.capitalize())
    return _tr("{done}: the statement is now {status}").format(
        done=done, status=status_label(result.status)
    )
