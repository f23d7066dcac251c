"""The statement's tags on the desk: each tag's name in the source language and in the
translation's, where a missing name shows the tag's own name as a placeholder."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.core.i18n import _
from app.core.translation.addresses import TagLabel


class TagNamesBar(QWidget):
    """One field per tag; editing it names the tag in the translation's language."""

    #: (tag id, name): the person finished editing a tag's name ("" removes it).
    nameEdited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[int, QLineEdit] = {}

    def set_labels(self, source: list[TagLabel], target: list[TagLabel]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.fields.clear()
        if not target:
            self.hide()
            return
        self._layout.addWidget(QLabel(_("<b>Tags</b>"), self))
        in_source = {label.tag_id: label.name for label in source}
        for label in target:
            self._layout.addWidget(QLabel(f"{in_source.get(label.tag_id, label.own)} →", self))
            field = QLineEdit(label.name if label.translated else "", self)
            field.setPlaceholderText(_("missing: “{name}”").format(name=label.own))
            field.setAccessibleName(_("Tag name"))
            field.setMaximumWidth(220)
            field.editingFinished.connect(
                lambda tag_id=label.tag_id, field=field: self.nameEdited.emit(tag_id, field.text())
            )
            self.fields[label.tag_id] = field
            self._layout.addWidget(field)
        self._layout.addStretch(1)
        self.show()
