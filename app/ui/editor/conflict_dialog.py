"""When someone else saved first: both versions side by side, and the person chooses.

Keep mine (saved as a new revision over theirs, theirs stays in the history), take theirs, or
merge by hand (the editor keeps what I typed, now building on their version, with theirs
shown beside it). Nothing typed is lost whatever the choice until the person saves.
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.conflicts import StatementConflict, TextConflict
from app.core.content import TextContent
from app.core.errors import ConflictError
from app.core.i18n import _, clock, office_moment
from app.ui.editor.diff_view import DiffView, content_as_text
from app.ui.messages import sentence


class Choice(enum.Enum):
    KEEP_MINE = "keep mine"
    TAKE_THEIRS = "take theirs"
    MERGE = "merge by hand"
    LATER = "decide later"


def _what_happened(conflict: ConflictError, timezone: str) -> str:
    """The conflict in the interface language, from what the core found."""
    if isinstance(conflict, TextConflict):
        theirs = conflict.theirs
        return _(
            "{name} saved the {lang} text at {when} after you opened it; your version was not "
            "saved over theirs."
        ).format(
            name=theirs.saved_by,
            lang=theirs.lang.upper(),
            when=office_moment(theirs.saved_at, timezone),
        )
    if isinstance(conflict, StatementConflict):
        return _(
            "{name} changed the tags, address, image or schedule of this statement after you "
            "opened it; your changes were not saved over theirs."
        ).format(name=conflict.theirs.changed_by)
    return f"{sentence(str(conflict))}."


class ConflictDialog(QDialog):
    """Shows a conflict and records the choice in `choice`."""

    def __init__(
        self,
        conflict: ConflictError,
        mine: TextContent,
        mine_tags: tuple[str, ...],
        mine_slug: str,
        timezone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice = Choice.LATER
        self.setWindowTitle(_("Someone else saved first"))
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        heading = QLabel(self)
        heading.setWordWrap(True)
        heading.setText(
            f"{_what_happened(conflict, timezone)}\n\n"
            + _("Nothing you typed is lost. Choose which version to keep.")
        )
        layout.addWidget(heading)
        self.diff: DiffView | None = None
        if isinstance(conflict, TextConflict):
            theirs = conflict.theirs
            when = clock(theirs.saved_at, timezone)
            self.diff = DiffView(self)
            self.diff.set_labels(
                _("Their version ({name}, {time})").format(name=theirs.saved_by, time=when),
                _("Your version"),
            )
            self.diff.show_diff(content_as_text(theirs.content), content_as_text(mine))
            layout.addWidget(self.diff, 1)
        elif isinstance(conflict, StatementConflict):
            theirs = conflict.theirs
            grid = QFormLayout()
            grid.addRow(_("Their tags:"), QLabel(", ".join(theirs.tags) or _("(none)")))
            grid.addRow(_("Your tags:"), QLabel(", ".join(mine_tags) or _("(none)")))
            grid.addRow(_("Their address:"), QLabel(theirs.slug))
            grid.addRow(_("Your address:"), QLabel(mine_slug or _("(from the title)")))
            layout.addLayout(grid)
            layout.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.keep_button = self._button(buttons, _("&Keep mine"), Choice.KEEP_MINE)
        self.keep_button.setToolTip(
            _("Save your version as a new revision; theirs stays in the history.")
        )
        self.theirs_button = self._button(buttons, _("&Take theirs"), Choice.TAKE_THEIRS)
        self.merge_button = None
        if isinstance(conflict, TextConflict):
            self.merge_button = self._button(buttons, _("&Merge by hand"), Choice.MERGE)
            self.merge_button.setToolTip(
                _("Keep editing your text, now based on theirs, with theirs shown beside it.")
            )
        later = buttons.addButton(_("Decide &later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _button(self, box: QDialogButtonBox, text: str, choice: Choice) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


class TheirVersionWindow(QDialog):
    """Their text beside the editor while merging by hand (not modal)."""

    def __init__(
        self, conflict: TextConflict, mine: TextContent, timezone: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        theirs = conflict.theirs
        self.setWindowTitle(
            _("Their {lang} text ({name})").format(lang=theirs.lang.upper(), name=theirs.saved_by)
        )
        self.resize(900, 520)
        diff = DiffView(self)
        when = clock(theirs.saved_at, timezone)
        diff.set_labels(
            _("Theirs ({name}, {time})").format(name=theirs.saved_by, time=when),
            _("Yours, as you had it"),
        )
        diff.show_diff(content_as_text(theirs.content), content_as_text(mine))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("Edit your text in the editor, then save: it is saved over theirs."))
        )
        layout.addWidget(diff, 1)
        layout.addWidget(close)
