"""Signing in to a database that several people share: user name and password, asked once."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.auth import SignInFailed
from app.core.db import Database, describe
from app.core.desk import Desk
from app.core.i18n import _
from app.ui import colours
from app.ui.messages import sentence

_LAST_USER = "sign-in/last-user"


class SignInDialog(QDialog):
    """Asks until the person signs in or cancels; `desk` is theirs afterwards."""

    def __init__(
        self, db: Database, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings if settings is not None else QSettings()
        self.desk: Desk | None = None
        self.setWindowTitle(_("Sign in to Press Desk"))
        intro = QLabel(
            _("Several people work on {database}. Say who you are.").format(
                database=describe(db.url)
            ),
            self,
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(str(self._settings.value(_LAST_USER, "")), self)
        self.username.setAccessibleName(_("User name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.problem = QLabel(self)
        self.problem.setStyleSheet(colours.style_colour(colours.ERROR))
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("&Password:"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign &in"))
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def sign_in(self) -> None:
        name = self.username.text().strip()
        try:
            self.desk = Desk.sign_in(self._db, name, self.password.text())
        except SignInFailed as error:
            self.problem.setText(sentence(str(error)) + ".")
            self.problem.show()
            self.password.clear()
            self.password.setFocus()
            return
        self._settings.setValue(_LAST_USER, name)
        self.accept()
