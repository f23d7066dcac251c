"""A small dialog asking for a comment (and, optionally, what it is about); OK needs words."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.comments import MAX_COMMENT_LENGTH
from app.core.i18n import _


class CommentDialog(QDialog):
    """Write a comment, a reply, an edit or the reason for sending a text back."""

    def __init__(
        self,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        *,
        text: str = "",
        choice_label: str = "",
        choices: list[tuple[str, Any]] | None = None,
        chosen: Any = None,
        accept_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        intro = QLabel(prompt, self)
        intro.setWordWrap(True)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(choice_label)
        for label, value in choices or []:
            self.choice.addItem(label, value)
        if chosen is not None and (index := self.choice.findData(chosen)) >= 0:
            self.choice.setCurrentIndex(index)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Comment"))
        self.text.setPlainText(text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if accept_text:
            self.ok.setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._allow)
        send = QShortcut(QKeySequence("Ctrl+Return"), self)
        send.activated.connect(lambda: self.ok.isEnabled() and self.accept())
        self.ok.setToolTip(_("Ctrl+Enter"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if choices:
            form = QFormLayout()
            form.addRow(choice_label, self.choice)
            layout.addLayout(form)
        else:
            self.choice.hide()
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self._allow()
        self.text.setFocus()

    def comment(self) -> str:
        return self.text.toPlainText().strip()

    def chosen(self) -> Any:
        return self.choice.currentData()

    def _allow(self) -> None:
        self.ok.setEnabled(0 < len(self.comment()) <= MAX_COMMENT_LENGTH)
