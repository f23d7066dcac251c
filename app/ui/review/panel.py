"""The review queue: what awaits the signed-in editor, what was sent back to its writer, and the
steps an editor takes from there (approve a language or all, send one back with a comment).

Choosing an entry asks the window to open that statement in that language (the editor and
the preview follow); a language changed after its approval shows what changed since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.approvals import LangState
from app.core.desk import Desk
from app.core.i18n import _, full_moment
from app.core.permissions import Action
from app.core.review import QueueEntry, ReviewQueue
from app.core.workflow import StepResult
from app.ui import colours
from app.ui.comments.comment_dialog import CommentDialog
from app.ui.comments.thread_view import one_line
from app.ui.editor.diff_view import content_as_text
from app.ui.messages import sentence
from app.ui.review.changes_view import ChangesView
from app.ui.statements.model import lang_state_label, status_label
from app.ui.tasks import TaskRunner

TO_REVIEW = "to_review"
SENT_BACK = "sent_back"
_KEY = Qt.ItemDataRole.UserRole
#: The comment shown on a sent-back line before "…".
COMMENT_PREVIEW = 80


@dataclass(frozen=True, slots=True)
class Choice:
    """What is selected in the queue: a section, one of its entries, one of its languages."""

    section: str
    entry: QueueEntry
    lang: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.section, self.entry.statement_id, self.lang)


def _state_words(section: str, state: LangState) -> str:
    if section == TO_REVIEW and state is LangState.IN_PROGRESS:
        return _("awaits approval")
    return lang_state_label(state)


class ReviewQueuePanel(QWidget):
    """Two sections, "To review" (editors) and "Sent back to me", with the steps below."""

    #: Open this statement in this language (the window's editor and preview show it).
    openRequested = Signal(int, str)
    #: A step was taken from the queue (its StepResult).
    stepTaken = Signal(object)
    #: How many entries await the person.
    countChanged = Signal(int)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        timezone: str,
        parent: QWidget | None = None,
        *,
        save_first: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._zone = timezone
        self._save_first = save_first or (lambda then: then())
        self._filling = False
        self.queue = ReviewQueue()
        self.current: Choice | None = None
        self.editor_mode = desk.actor.may(Action.APPROVE)
        #: The dialog asking why a text is sent back, while it is open.
        self.send_back_dialog: CommentDialog | None = None

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Review queue"))
        self.tree.currentItemChanged.connect(self._chosen)
        self.sections: dict[str, QTreeWidgetItem] = {}
        if self.editor_mode:
            self.sections[TO_REVIEW] = self._section()
        self.sections[SENT_BACK] = self._section()

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.comment = QLabel(self)
        self.comment.setWordWrap(True)
        self.comment.setTextFormat(Qt.TextFormat.PlainText)
        self.comment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment.setStyleSheet(
            f"QLabel {{ background: {colours.tint(colours.WARNING).name()}; padding: 4px; }}"
        )
        self.diff_label = QLabel(
            _("What changed since it was approved (struck out: removed; marked: added):"),
            self,
        )
        self.diff_label.setWordWrap(True)
        self.diff = ChangesView(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(colours.style_colour(colours.ERROR))

        self.approve_button = QPushButton(_("Approve"), self)
        self.approve_button.clicked.connect(lambda: self.approve(all_languages=False))
        self.approve_all_button = QPushButton(_("Approve all"), self)
        self.approve_all_button.setToolTip(_("Approve every language not yet approved"))
        self.approve_all_button.clicked.connect(lambda: self.approve(all_languages=True))
        self.send_back_button = QPushButton(_("Send back…"), self)
        self.send_back_button.clicked.connect(self.ask_send_back)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.approve_button, self.approve_all_button, self.send_back_button):
            buttons.addWidget(button)
            button.setVisible(self.editor_mode)
        buttons.addStretch(1)

        self.diff.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree, 1)
        for widget in (self.heading, self.comment, self.diff_label, self.diff, self.problem):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setFocusProxy(self.tree)
        self._show_choice()

    def _section(self) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree)
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setExpanded(True)
        return item

    # Loading

    def refresh(self) -> None:
        """Ask the core again what awaits the person (after saves, steps and others' changes)."""
        self._runner.run(
            self._desk.review_queue, on_done=self._show_queue, on_error=self._failed, serial=True
        )

    def _show_queue(self, queue: ReviewQueue) -> None:
        self.queue = queue
        previous = self.current.key if self.current else None
        titles = {
            TO_REVIEW: (_("To review ({n})"), _("Nothing awaits your review.")),
            SENT_BACK: (_("Sent back to me ({n})"), _("Nothing was sent back to you.")),
        }
        self._filling = True
        try:
            self.current = None
            self.tree.setCurrentItem(None)
            for section, parent in self.sections.items():
                entries = queue.to_review if section == TO_REVIEW else queue.sent_back
                title, empty = titles[section]
                parent.setText(0, title.format(n=len(entries)))
                parent.takeChildren()
                for entry in entries:
                    self._add_entry(parent, section, entry)
                if not entries:
                    QTreeWidgetItem(parent, [empty]).setFlags(Qt.ItemFlag.NoItemFlags)
                parent.setExpanded(True)
            restored = self._find(previous) if previous else None
            if restored is not None:
                self.tree.setCurrentItem(restored)
                self.current = restored.data(0, _KEY)
        finally:
            self._filling = False
        self._show_choice()
        self.countChanged.emit(queue.count)

    def _add_entry(self, parent: QTreeWidgetItem, section: str, entry: QueueEntry) -> None:
        item = QTreeWidgetItem(parent, [entry.title or entry.slug])
        first = next(iter(entry.langs))
        item.setData(0, _KEY, Choice(section, entry, first))
        item.setToolTip(
            0,
            _("{title}\n{slug} · {status} · last change {when}").format(
                title=entry.title,
                slug=entry.slug,
                status=status_label(entry.status),
                when=full_moment(entry.updated_at, self._zone),
            ),
        )
        for lang, state in entry.langs.items():
            text = f"{lang.upper()} — {_state_words(section, state)}"
            if state is LangState.SENT_BACK and entry.comment:
                text += f": “{one_line(entry.comment, COMMENT_PREVIEW)}”"
            child = QTreeWidgetItem(item, [text])
            child.setData(0, _KEY, Choice(section, entry, lang))
        item.setExpanded(True)

    def _find(self, key: tuple[str, int, str]) -> QTreeWidgetItem | None:
        section, statement_id, lang = key
        parent = self.sections.get(section)
        for i in range(parent.childCount() if parent else 0):
            entry_item = parent.child(i)
            for j in range(entry_item.childCount()):
                child = entry_item.child(j)
                choice: Choice = child.data(0, _KEY)
                if choice.entry.statement_id == statement_id and choice.lang == lang:
                    return child
        return None

    def entry_texts(self, section: str) -> list[str]:
        """What the section lists: each entry's line and its languages' lines (for tests)."""
        parent = self.sections[section]
        lines = []
        for i in range(parent.childCount()):
            item = parent.child(i)
            lines.append(item.text(0))
            lines.extend("  " + item.child(j).text(0) for j in range(item.childCount()))
        return lines

    # Choosing

    def choose(self, statement_id: int, lang: str, section: str = TO_REVIEW) -> None:
        """Select this language of this entry, as a click on its line does."""
        item = self._find((section, statement_id, lang))
        if item is not None:
            self.tree.setCurrentItem(item)

    def _chosen(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        if self._filling:
            return
        self.current = item.data(0, _KEY) if item is not None else None
        self.problem.clear()
        self._show_choice()
        if self.current is not None:
            self.openRequested.emit(self.current.entry.statement_id, self.current.lang)

    def _show_choice(self) -> None:
        choice = self.current
        reviewing = choice is not None and choice.section == TO_REVIEW
        state = choice.entry.langs[choice.lang] if choice else None
        for button in (self.approve_button, self.approve_all_button, self.send_back_button):
            button.setEnabled(reviewing)
        self.approve_button.setText(
            _("Approve {lang}").format(lang=choice.lang.upper()) if reviewing else _("Approve")
        )
        self.problem.setVisible(bool(self.problem.text()))
        if choice is None:
            self.heading.setText(
                _("Choose a statement to open it with its preview.") if self.queue.count else ""
            )
            self.comment.hide()
            self._show_diff(False)
            return
        self.heading.setText(
            f"{choice.entry.title or choice.entry.slug} · {choice.lang.upper()} "
            f"{_state_words(choice.section, state)}"
        )
        sent_back = state is LangState.SENT_BACK and bool(choice.entry.comment)
        self.comment.setText(
            _("Sent back with this comment:\n{comment}").format(comment=choice.entry.comment)
            if sent_back
            else ""
        )
        self.comment.setVisible(sent_back)
        self._show_diff(False)
        if state is LangState.CHANGED:
            self._load_diff(choice)

    def _show_diff(self, visible: bool) -> None:
        self.diff_label.setVisible(visible)
        self.diff.setVisible(visible)

    def _load_diff(self, choice: Choice) -> None:
        def show(contents: Any) -> None:
            if self.current is None or self.current.key != choice.key or contents is None:
                return
            approved, now = contents
            self.diff.show_changes(content_as_text(approved), content_as_text(now))
            self._show_diff(True)

        self._runner.run(
            self._desk.since_approval,
            choice.entry.statement_id,
            choice.lang,
            on_done=show,
            on_error=self._failed,
            serial=True,
        )

    # Steps

    def approve(self, *, all_languages: bool) -> None:
        """Approve the chosen language, or every language of its statement not yet approved."""
        choice = self.current
        if choice is None or choice.section != TO_REVIEW:
            return
        langs = None if all_languages else [choice.lang]
        self._step(self._desk.approve, choice.entry.statement_id, langs, "")

    def ask_send_back(self) -> None:
        """Ask which language goes back and why; sending needs a comment."""
        choice = self.current
        if choice is None or choice.section != TO_REVIEW:
            return
        dialog = CommentDialog(
            _("Send back"),
            _(
                "“{title}” goes back to its author as a draft. Say what to change: "
                "the author sees your comment in their queue and with the statement."
            ).format(title=choice.entry.title or choice.entry.slug),
            self,
            choice_label=_("&Language:"),
            choices=[
                (f"{lang.upper()} — {_state_words(TO_REVIEW, state)}", lang)
                for lang, state in choice.entry.langs.items()
            ],
            chosen=choice.lang,
            accept_text=_("Send back"),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._step(
                self._desk.send_back, choice.entry.statement_id, dialog.chosen(), dialog.comment()
            )
        )
        dialog.finished.connect(lambda _code: setattr(self, "send_back_dialog", None))
        self.send_back_dialog = dialog
        dialog.open()

    def _step(self, fn: Callable[..., StepResult], *args: object) -> None:
        self.problem.clear()
        self.problem.hide()

        def run() -> None:
            self._runner.run(fn, *args, on_done=self._stepped, on_error=self._failed, serial=True)

        self._save_first(run)

    def _stepped(self, result: StepResult) -> None:
        self.stepTaken.emit(result)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.problem.setText(sentence(str(error)))
        self.problem.show()
