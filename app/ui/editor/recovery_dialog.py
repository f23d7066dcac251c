"""The offer at start to restore unsaved typing, one draft at a time, showing what it changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _, moment
from app.core.recovery import Draft
from app.ui.editor.diff_view import DiffView, content_as_text
from app.ui.editor.recovery import RecoveredDraft


class RecoveryDialog(QDialog):
    """Walks through the drafts; each is restored, discarded, or left for the next start."""

    restoreRequested = Signal(object)  # Draft
    discardRequested = Signal(object)  # Draft

    def __init__(
        self, offers: list[RecoveredDraft], timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._offers = list(offers)
        self._position = 0
        self._timezone = timezone
        self.setWindowTitle(_("Restore unsaved work"))
        self.resize(900, 560)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.diff = DiffView(self)
        self.diff.set_labels(_("Last saved"), _("Unsaved draft"))
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(_("&Restore"), self)
        self.restore_button.setDefault(True)
        self.discard_button = QPushButton(_("&Discard"), self)
        self.later_button = QPushButton(_("Decide &later"), self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_current)
        self.discard_button.clicked.connect(self.discard_current)
        self.later_button.clicked.connect(self._next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        self._show_current()

    @property
    def current(self) -> Draft | None:
        if self._position < len(self._offers):
            return self._offers[self._position].draft
        return None

    def restore_current(self) -> None:
        if self.current is not None:
            self.restoreRequested.emit(self.current)
        self._next()

    def discard_current(self) -> None:
        if self.current is not None:
            self.discardRequested.emit(self.current)
        self._next()

    def _next(self) -> None:
        self._position += 1
        if self._position >= len(self._offers):
            self.accept()
            return
        self._show_current()

    def _show_current(self) -> None:
        if self.current is None:
            return
        offer = self._offers[self._position]
        draft = offer.draft
        title = draft.content.title or (offer.saved and offer.saved.title) or _("(no title)")
        what = (
            _("a new statement")
            if draft.statement_id is None
            else _("statement {id}").format(id=draft.statement_id)
        )
        when = moment(draft.saved_at, self._timezone)
        self.heading.setText(
            _(
                "Draft {n} of {total}: “{title}” ({lang}, {what}), typed until {when} and never "
                "saved. Restore saves it as a new revision."
            ).format(
                n=self._position + 1,
                total=len(self._offers),
                title=title,
                lang=draft.lang.upper(),
                what=what,
                when=when,
            )
        )
        self.diff.show_diff(content_as_text(offer.saved), content_as_text(draft.content))
