"""The comments of the open statement: its threads, newest activity last, and the buttons to
start one (on the statement, a text, or the paragraph at the editor's caret), reply, edit,
resolve and reopen. Resolved threads stay collapsed until opened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.comments import CommentView, Thread
from app.core.desk import Desk
from app.core.i18n import _, pgettext
from app.core.permissions import Action
from app.ui import colours
from app.ui.comments.comment_dialog import CommentDialog
from app.ui.comments.thread_view import QUOTE_PREVIEW, ThreadView, one_line
from app.ui.messages import sentence
from app.ui.tasks import TaskRunner

#: Where a new comment goes: (language or None, paragraph index or None).
Place = tuple[str | None, int | None]


class CommentsPanel(QWidget):
    """Threads of one statement; `show_statement` follows the editor."""

    #: How many threads are open (not resolved).
    countChanged = Signal(int)
    #: "New comment…" was clicked: the window saves the text, then calls `new_comment`.
    newCommentRequested = Signal()

    def __init__(
        self, desk: Desk, runner: TaskRunner, timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._zone = timezone
        self.statement_id: int | None = None
        self.threads: list[Thread] = []
        self.views: list[ThreadView] = []
        self._expanded: set[int] = set()
        self.may_comment = desk.actor.may(Action.COMMENT)
        #: The comment dialog while it is open.
        self.dialog: CommentDialog | None = None

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.new_button = QPushButton(_("New comment…"), self)
        self.new_button.setToolTip(
            _("Comment on the statement, or on the paragraph where the caret is")
        )
        self.new_button.clicked.connect(self.newCommentRequested)
        self.new_button.setVisible(self.may_comment)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(colours.style_colour(colours.ERROR))
        self.problem.hide()

        self._list = QWidget(self)
        self._column = QVBoxLayout(self._list)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._list)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)
        self.setFocusProxy(scroll)
        self._show_threads([])

    # Loading

    def show_statement(self, statement_id: int | None) -> None:
        """Follow the editor to another statement (None: a new one, not saved yet)."""
        if statement_id != self.statement_id:
            self._expanded.clear()
            self.problem.hide()
        self.statement_id = statement_id
        self.refresh()

    def refresh(self) -> None:
        statement_id = self.statement_id
        if statement_id is None:
            self._show_threads([])
            return

        def show(threads: list[Thread]) -> None:
            if statement_id == self.statement_id:
                self._show_threads(threads)

        self._runner.run(
            self._desk.threads, statement_id, on_done=show, on_error=self._failed, serial=True
        )

    def _show_threads(self, threads: list[Thread]) -> None:
        self.threads = threads
        for view in self.views:
            view.deleteLater()
        self.views = []
        for thread in threads:
            view = ThreadView(
                thread,
                actor_id=self._desk.actor.id,
                may_comment=self.may_comment,
                timezone=self._zone,
                expanded=thread.id in self._expanded,
                parent=self._list,
            )
            view.replyRequested.connect(self.reply)
            view.editRequested.connect(self.edit)
            view.resolveRequested.connect(self.resolve)
            view.expandedChanged.connect(self._remember_expanded)
            self._column.insertWidget(self._column.count() - 1, view)
            self.views.append(view)
        open_count = sum(not t.resolved for t in threads)
        self.new_button.setEnabled(self.statement_id is not None)
        if self.statement_id is None:
            self.summary.setText(_("Comments appear here once the statement is saved."))
        elif not threads:
            self.summary.setText(_("No comments yet."))
        else:
            self.summary.setText(
                _("Open: {open} · resolved: {resolved}").format(
                    open=open_count, resolved=len(threads) - open_count
                )
            )
        self.countChanged.emit(open_count)

    def _remember_expanded(self, thread_id: int, expanded: bool) -> None:
        if expanded:
            self._expanded.add(thread_id)
        else:
            self._expanded.discard(thread_id)

    # Writing

    def new_comment(
        self, lang: str | None = None, paragraph: int | None = None, quote: str = ""
    ) -> None:
        """Ask for a new thread's words; it may be about the statement, the ``lang`` text, or
        its ``paragraph`` (where the caret was: ``quote`` is that paragraph)."""
        if self.statement_id is None:
            return
        choices: list[tuple[str, Place]] = [(_("The whole statement"), (None, None))]
        chosen: Place = (None, None)
        if lang is not None:
            choices.append((_("The {lang} text").format(lang=lang.upper()), (lang, None)))
            if paragraph is not None:
                words = one_line(quote, QUOTE_PREVIEW // 4)
                chosen = (lang, paragraph)
                choices.append(
                    (
                        _("Paragraph {n} of the {lang} text: “{words}”").format(
                            n=paragraph + 1, lang=lang.upper(), words=words
                        ),
                        chosen,
                    )
                )
        statement_id = self.statement_id
        self._ask(
            CommentDialog(
                _("New comment"),
                _("Everyone working on the statement sees it."),
                self,
                choice_label=_("&About:"),
                choices=choices,
                chosen=chosen,
                accept_text=pgettext("button", "Comment"),
            ),
            lambda dialog: self._write(
                self._desk.add_comment,
                statement_id,
                dialog.comment(),
                lang=dialog.chosen()[0],
                paragraph=dialog.chosen()[1],
            ),
        )

    def reply(self, thread: Thread) -> None:
        first = thread.comments[0]
        statement_id = thread.statement_id
        self._ask(
            CommentDialog(
                _("Reply"),
                _("Reply to {who}: “{words}”").format(
                    who=first.author or _("someone"),
                    words=one_line(first.body, QUOTE_PREVIEW // 3),
                ),
                self,
                accept_text=pgettext("button", "Reply"),
            ),
            lambda dialog: self._write(
                self._desk.add_comment, statement_id, dialog.comment(), parent_id=thread.id
            ),
        )

    def edit(self, comment: CommentView) -> None:
        self._ask(
            CommentDialog(
                _("Edit your comment"),
                _("You can reword your comment until someone answers it."),
                self,
                text=comment.body,
                accept_text=_("Save"),
            ),
            lambda dialog: self._write(self._desk.edit_comment, comment.id, dialog.comment()),
        )

    def resolve(self, thread_id: int, resolved: bool) -> None:
        if not resolved:
            self._expanded.add(thread_id)
        self._write(self._desk.resolve_thread, thread_id, resolved)

    def _ask(self, dialog: CommentDialog, then: Callable[[CommentDialog], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: then(dialog))
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _write(self, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        self.problem.hide()

        def call() -> object:
            return fn(*args, **kwargs)

        self._runner.run(
            call, on_done=lambda _result: self.refresh(), on_error=self._failed, serial=True
        )

    def _failed(self, error: BaseException) -> None:
        self.problem.setText(sentence(str(error)))
        self.problem.show()
