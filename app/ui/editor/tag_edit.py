"""A comma-separated tag field completing the tag being typed from the office's existing tags."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.core.i18n import _


class TagEdit(QLineEdit):
    """Tags as "economy, visits"; completion applies to the last tag only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("Tags, separated by commas"))
        self._names = QStringListModel(self)
        self.completer_ = QCompleter(self._names, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._complete)
        self.textEdited.connect(self._update_prefix)

    def set_known_tags(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for part in self.text().split(","):
            if name := part.strip():
                seen.setdefault(name, None)
        return tuple(seen)

    def set_tags(self, tags: tuple[str, ...]) -> None:
        self.setText(", ".join(tags))

    def _update_prefix(self, text: str) -> None:
        prefix = text[: self.cursorPosition()].rsplit(",", 1)[-1].lstrip()
        if not prefix:
            self.completer_.popup().hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _complete(self, name: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition() :]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        self.setText(f"{head}{name}, {after.lstrip(', ')}".rstrip())
        self.setCursorPosition(len(head) + len(name) + 2)
