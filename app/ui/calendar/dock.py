"""The calendar as a dock of the main window: floating at a useful size until the person
places it, then where they left it (the window's saved state)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget

from app.ui.calendar.panel import CalendarPanel


class KeepAbove(QObject):
    """Raises a window's floating companion again when the window makes its native window
    anew (its preview's web engine does, once): else the companion is left underneath."""

    def __init__(self, companion: QWidget, window: QWidget) -> None:
        super().__init__(companion)
        self._companion = companion
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        companion = self._companion
        if (
            event.type() == QEvent.Type.WinIdChange
            and companion.isWindow()
            and companion.isVisible()
        ):
            QTimer.singleShot(0, companion.raise_)
        return False


class CalendarDock(QDockWidget):
    def __init__(self, panel: CalendarPanel, parent: QWidget) -> None:
        super().__init__(self.tr("Calendar"), parent)
        self._placed = False
        self.setObjectName("calendar-dock")
        self.panel = panel
        self.setWidget(panel)
        self.resize(1150, 760)
        KeepAbove(self, parent)

    def showEvent(self, event: QShowEvent) -> None:
        # The first time it shows over a window on screen: if nothing (no saved window state)
        # put it anywhere, over the middle of the window.
        window = self.parentWidget()
        if not self._placed and window.isVisible():
            self._placed = True
            if self.isFloating() and self.pos().isNull():
                frame = self.frameGeometry()
                frame.moveCenter(window.frameGeometry().center())
                self.move(frame.topLeft())
        super().showEvent(event)
