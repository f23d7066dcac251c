"""A dock whose title carries a count ("Review (3)"), with an action that shows it there too."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget


class CountedDock(QDockWidget):
    """Holds one panel; `set_count` puts the number in the title, or drops it at zero.

    `action` (for a menu and the toolbar) brings the dock forward and into focus, or hides
    it when it is already in sight.
    """

    def __init__(self, title: str, object_name: str, panel: QWidget, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._title = title
        self.count = 0
        self.setObjectName(object_name)  # for saveState/restoreState
        self.setWidget(panel)
        self.action = QAction(title, self)
        self.action.setCheckable(True)
        self.action.triggered.connect(self.show_or_hide)
        self.visibilityChanged.connect(self.action.setChecked)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setWindowTitle(f"{self._title} ({count})" if count else self._title)
        self.action.setText(self.windowTitle())

    def show_or_hide(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.show()
        self.raise_()
        self.widget().setFocus()
        self.action.setChecked(True)
