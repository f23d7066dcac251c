"""A field's problem in a red line right under it, until the person changes something."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QTabWidget, QWidget

from app.ui import colours
from app.ui.messages import sentence


class FieldProblems:
    """The problem lines of one dialog's fields, each known by the name of what it edits."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[QLabel, QWidget, QFormLayout | None]] = {}

    def add(self, layout: QFormLayout | QBoxLayout, name: str, field: QWidget) -> QLabel:
        """A hidden problem line under ``field`` (the last row added to ``layout``)."""
        line = QLabel(layout.parentWidget())
        line.setWordWrap(True)
        line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        line.setStyleSheet(colours.style_colour(colours.ERROR))
        line.hide()
        if isinstance(layout, QFormLayout):
            layout.addRow(line)
            layout.setRowVisible(line, False)
            self._rows[name] = (line, field, layout)
        else:
            layout.addWidget(line)
            self._rows[name] = (line, field, None)
        return line

    def show(self, name: str, message: str) -> bool:
        """Shows ``message`` under the field of ``name``, on its tab, with the focus; False
        when no field here edits ``name``."""
        self.clear()
        if name not in self._rows:
            return False
        line, field, form = self._rows[name]
        line.setText(sentence(message))
        _set_visible(line, form, True)
        _bring_forward(field)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def message(self, name: str) -> str:
        """The problem shown under the field of ``name`` ("" when none)."""
        line = self._rows[name][0]
        return "" if line.isHidden() else line.text()

    def clear(self) -> None:
        for line, _field, form in self._rows.values():
            _set_visible(line, form, False)


def _set_visible(line: QLabel, form: QFormLayout | None, visible: bool) -> None:
    if form is not None:
        form.setRowVisible(line, visible)
    line.setVisible(visible)


def _bring_forward(field: QWidget) -> None:
    """Makes every tab that holds ``field`` the current one."""
    child: QWidget = field
    parent = field.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
