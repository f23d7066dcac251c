"""A dock whose title carries a count ("Review (3)"), so its menu and toolbar action show it too."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QWidget


class CountedDock(QDockWidget):
    """Holds one panel; `set_count` puts the number in the title, or drops it at zero."""

    def __init__(self, title: str, object_name: str, panel: QWidget, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._title = title
        self.count = 0
        self.setObjectName(object_name)  # for saveState/restoreState
        self.setWidget(panel)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setWindowTitle(f"{self._title} ({count})" if count else self._title)
