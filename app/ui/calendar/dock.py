"""The calendar as a dock of the main window: floating at a useful size until the person
places it, then where they left it (the window's saved state); its panel is made, and the
calendar's modules loaded, the first time it shows, so that starting the app costs nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget

from app.core.desk import Desk
from app.core.i18n import _
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.core.calendar import CalendarEntry
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
    """Holds the calendar panel and passes on what it reports."""

    #: Open this statement in the editor.
    statementOpened = Signal(int)
    #: A step was taken in the calendar: its result.
    stepTaken = Signal(object)
    #: A step was refused: the core's message.
    stepFailed = Signal(str)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        zone: str,
        languages: tuple[str, ...],
        parent: QWidget,
    ) -> None:
        super().__init__(_("Calendar"), parent)
        self._desk, self._runner, self._zone, self._languages = desk, runner, zone, languages
        self._placed = False
        self._panel: CalendarPanel | None = None
        self.setObjectName("calendar-dock")
        self.resize(1150, 760)
        KeepAbove(self, parent)

    @property
    def panel(self) -> CalendarPanel:
        return self._panel if self._panel is not None else self._make_panel()

    def _make_panel(self) -> CalendarPanel:
        from app.ui.calendar.panel import CalendarPanel

        panel = CalendarPanel(self._desk, self._runner, self._zone, self._languages, self)
        panel.statementOpened.connect(self.statementOpened)
        panel.stepTaken.connect(self.stepTaken)
        panel.stepFailed.connect(self.stepFailed)
        self._panel = panel
        self.setWidget(panel)
        return panel

    def refresh(self) -> None:
        """Shows what changed (loaded once visible, if it is not)."""
        if self._panel is not None:
            self._panel.refresh()

    def show_entry(self, entry: CalendarEntry) -> None:
        self.show()
        self.raise_()
        self.panel.select_entry(entry)

    def showEvent(self, event: QShowEvent) -> None:
        if self._panel is None:
            self._make_panel()
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
