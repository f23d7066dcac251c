"""One comment thread as a card: what it is about, its comments with author and time, and the
buttons its reader may use (reply, edit their own unanswered comment, resolve or reopen)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.comments import CommentView, Thread
from app.core.i18n import _, full_moment, ngettext
from app.ui import colours

_BREAKS = re.compile(r"[ \t\r\n\f\v\u2028\u2029]+")
#: Characters of a paragraph shown above its thread.
QUOTE_PREVIEW = 240


def one_line(text: str, limit: int) -> str:
    """The text's words on one line, cut to ``limit`` characters with "…" (no-break spaces
    stay: "4 710" must not break)."""
    line = _BREAKS.sub(" ", text).strip(" ")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ThreadView(QFrame):
    """A thread; a resolved one is collapsed to one line until opened."""

    replyRequested = Signal(object)  # Thread
    editRequested = Signal(object)  # CommentView
    resolveRequested = Signal(int, bool)  # thread id, resolved
    expandedChanged = Signal(int, bool)  # thread id, expanded

    def __init__(
        self,
        thread: Thread,
        *,
        actor_id: int,
        may_comment: bool,
        timezone: str,
        expanded: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.thread = thread
        self._zone = timezone
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("thread")
        if thread.resolved:
            self.setStyleSheet("QFrame#thread { background: palette(alternate-base); }")
        elif thread.send_back:
            self.setStyleSheet(
                f"QFrame#thread {{ background: {colours.tint(colours.WARNING).name()}; }}"
            )

        self.where = QLabel(self.where_text(), self)
        bold = QFont(self.where.font())
        bold.setBold(True)
        self.where.setFont(bold)
        self.badge = QLabel(_("Sent back"), self)
        self.badge.setStyleSheet(
            f"QLabel {{ color: palette(base); background: {colours.tone(colours.ERROR).name()}; "
            "border-radius: 3px; padding: 0 4px; }"
        )
        self.badge.setVisible(thread.send_back)
        self.toggle = QToolButton(self)
        self.toggle.setAutoRaise(True)
        self.toggle.setVisible(thread.resolved)
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.where)
        header.addWidget(self.badge)
        header.addStretch(1)
        header.addWidget(self.toggle)

        self.summary = _plain_label(self._summary_text(), self)
        self.summary.setStyleSheet("QLabel { color: #555; }")

        self.body = QWidget(self)
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        if thread.quote:
            self.quote = _plain_label(f"“{one_line(thread.quote, QUOTE_PREVIEW)}”", self.body)
            self.quote.setStyleSheet(
                "QLabel { color: #555; font-style: italic; border-left: 3px solid #bbb; "
                "padding-left: 6px; }"
            )
            column.addWidget(self.quote)
        self.edit_buttons: dict[int, QPushButton] = {}
        last = thread.comments[-1] if thread.comments else None
        for comment in thread.comments:
            column.addWidget(
                self._comment(
                    comment,
                    own_unanswered=(
                        may_comment and comment is last and comment.author_id == actor_id
                    ),
                )
            )
        self.reply_button = QPushButton(_("Reply…"), self.body)
        self.reply_button.clicked.connect(lambda: self.replyRequested.emit(thread))
        self.resolve_button = QPushButton(
            _("Reopen") if thread.resolved else _("Resolve"), self.body
        )
        self.resolve_button.clicked.connect(
            lambda: self.resolveRequested.emit(thread.id, not thread.resolved)
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        for button in (self.reply_button, self.resolve_button):
            button.setVisible(may_comment)
            buttons.addWidget(button)
        column.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.body)
        self.expanded = True
        self.set_expanded(expanded or not thread.resolved, announce=False)

    def where_text(self) -> str:
        thread = self.thread
        if thread.lang is None:
            return _("On the statement")
        lang = thread.lang.upper()
        if thread.paragraph is not None:
            return _("{lang}, paragraph {n}").format(lang=lang, n=thread.paragraph + 1)
        if thread.quote:
            return _("{lang}, a paragraph since changed").format(lang=lang)
        return _("On the {lang} text").format(lang=lang)

    def _summary_text(self) -> str:
        thread = self.thread
        if not thread.resolved:
            return ""
        count = len(thread.comments)
        comments = ngettext("{n} comment", "{n} comments", count).format(n=count)
        return _("Resolved by {who}, {when} · {comments}").format(
            who=thread.resolved_by or _("someone"),
            when=full_moment(thread.resolved_at, self._zone),
            comments=comments,
        )

    def _comment(self, comment: CommentView, *, own_unanswered: bool) -> QWidget:
        box = QWidget(self.body)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 2, 0, 2)
        column.setSpacing(1)
        when = full_moment(comment.created_at, self._zone)
        meta = f"{comment.author or _('Someone')} · {when}"
        if comment.edited_at is not None:
            meta += " · " + _("edited")
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        author = _plain_label(meta, box)
        author.setStyleSheet("QLabel { color: #555; }")
        heading.addWidget(author, 1)
        if own_unanswered:
            edit = QToolButton(box)
            edit.setText(_("Edit"))
            edit.setToolTip(_("Reword your comment (until someone answers it)"))
            edit.clicked.connect(lambda: self.editRequested.emit(comment))
            self.edit_buttons[comment.id] = edit
            heading.addWidget(edit)
        column.addLayout(heading)
        text = _plain_label(comment.body, box)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(text)
        return box

    def set_expanded(self, expanded: bool, *, announce: bool = True) -> None:
        self.expanded = expanded
        self.body.setVisible(expanded)
        self.summary.setVisible(self.thread.resolved)
        self.toggle.setText(_("Hide") if expanded else _("Show"))
        if announce:
            self.expandedChanged.emit(self.thread.id, expanded)
