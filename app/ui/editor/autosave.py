"""Autosave: unsaved typing goes to the recovery store after a pause and when focus leaves.

It never makes a revision; it calls `Desk.keep_draft` on the serial worker, and only when the text
differs from both the last save and the last kept draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.core.content import TextContent
from app.core.desk import Desk
from app.ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class DraftSnapshot:
    key: str
    statement_id: int | None
    lang: str
    base_version: int
    content: TextContent


class AutosaveController(QObject):
    """Keeps drafts of what `snapshot()` returns (None means nothing unsaved)."""

    draftKept = Signal()

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        watched: QWidget,
        snapshot: Callable[[], DraftSnapshot | None],
        delay_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._watched = watched
        self._snapshot = snapshot
        self._last_kept: DraftSnapshot | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    @property
    def delay_ms(self) -> int:
        return self._timer.interval()

    def set_delay(self, delay_ms: int) -> None:
        """Keep drafts after this pause in typing from now on."""
        self._timer.setInterval(delay_ms)

    def edited(self) -> None:
        """The user typed: keep a draft once they pause."""
        self._timer.start()

    def flush(self) -> None:
        """Keep a draft now if there is unsaved typing not kept yet."""
        self._timer.stop()
        if self._stopped:
            return
        snapshot = self._snapshot()
        if snapshot is None or snapshot == self._last_kept:
            return
        self._last_kept = snapshot
        self._runner.run(self._keep, snapshot, on_done=lambda _: self.draftKept.emit(), serial=True)

    def stop(self) -> None:
        """No more drafts from this editor (its window is closing)."""
        self._timer.stop()
        self._stopped = True

    def saved(self) -> None:
        """A save made a revision (and discarded the draft): start afresh."""
        self._timer.stop()
        self._last_kept = None

    def _keep(self, snapshot: DraftSnapshot) -> None:
        self._desk.keep_draft(
            snapshot.key,
            statement_id=snapshot.statement_id,
            lang=snapshot.lang,
            base_version=snapshot.base_version,
            content=snapshot.content,
        )

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or not self._watched.isAncestorOf(old):
            return
        if new is None or not self._watched.isAncestorOf(new):
            self.flush()
