"""The dialog that adds a correction to a published statement: one note per language it is on
the website in, all required, kept by the core in one transaction."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk, StatementDetail
from app.core.i18n import _, language_name
from app.ui import colours
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner


class CorrectionDialog(QDialog):
    """Asks for the correction's note in every published language of one statement."""

    #: The core kept the correction: its id.
    corrected = Signal(int)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        detail: StatementDetail,
        langs: list[str],
        parent: QWidget | None = None,
    ) -> None:
        """``langs``: the languages the statement is published in, in the office's order."""
        super().__init__(parent)
        self.setWindowTitle(_("Add a correction"))
        self._desk, self._runner, self._detail = desk, runner, detail
        source = detail.texts.get(detail.source_lang)
        heading = QLabel(f"“{source.content.title if source else detail.slug}”", self)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            _(
                "The note is shown, dated today, on the statement's page in every language it "
                "is published in, and its feeds announce the update. The text itself does not "
                "change: edit it and have it approved for that."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.notes: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for lang in langs:
            note = QPlainTextEdit(self)
            note.setTabChangesFocus(True)
            note.setMaximumHeight(80)
            name = language_name(lang)
            note.setAccessibleName(_("Correction in {language}").format(language=name))
            note.textChanged.connect(self._update)
            label = QLabel(f"{name} ({lang.upper()})", self)
            label.setBuddy(note)
            form.addRow(label, note)
            self.notes[lang] = note
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(colours.style_colour(colours.ERROR))
        self.problem.hide()
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton(
            _("&Add correction"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.add_button.clicked.connect(self.submit)
        # Enter makes a new line in a note; Ctrl+Enter adds the correction, as in comments.
        self.add_button.setToolTip(_("Ctrl+Enter"))
        send = QShortcut(QKeySequence("Ctrl+Return"), self)
        send.activated.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._busy = False
        self._update()

    def _update(self) -> None:
        written = all(note.toPlainText().strip() for note in self.notes.values())
        self.add_button.setEnabled(written and bool(self.notes) and not self._busy)

    def submit(self) -> None:
        if not self.add_button.isEnabled():
            return
        self._busy = True
        self._update()
        notes = {lang: note.toPlainText() for lang, note in self.notes.items()}
        self._runner.run(
            self._desk.correct,
            self._detail.id,
            notes,
            on_done=self._kept,
            on_error=self._refused,
            serial=True,
        )

    def _kept(self, correction_id: int) -> None:
        self._busy = False
        self.corrected.emit(correction_id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.problem.setText(user_message(error, _("adding the correction")))
        self.problem.show()
        self._update()
