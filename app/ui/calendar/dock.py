"""The calendar as a dock of the main window: floating at a useful size until the person
places it, then where they left it (the window's saved state)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget

from app.ui.calendar.panel import CalendarPanel


class CalendarDock(QDockWidget):
    def __init__(self, panel: CalendarPanel, parent: QWidget) -> None:
        super().__init__(self.tr("Calendar"), parent)
        self._placed = False
        self.setObjectName("calendar-dock")
        self.panel = panel
        self.setWidget(panel)
        self.resize(1150, 760)

    def showEvent(self, event: QShowEvent) -> None:
        # Never placed (no saved window state put it anywhere): over the middle of the window.
        if not self._placed and self.isFloating() and self.pos().isNull():
            frame = self.frameGeometry()
            frame.moveCenter(self.parentWidget().frameGeometry().center())
            self.move(frame.topLeft())
        self._placed = True
        super().showEvent(event)
