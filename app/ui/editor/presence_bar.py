"""Who else has the open statement: a banner fed by this window's heartbeat, with "Take over".

The window holds a mark on the statement it shows (`app.core.presence`). When someone else
holds it, the banner says who and since when, and the editor is read-only until this person
takes over; when someone takes it from this window, the banner says so. Times are in the
office's zone.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.desk import Desk
from app.core.i18n import _, clock
from app.core.presence import HEARTBEAT_SECONDS, Holder
from app.ui import colours
from app.ui.tasks import TaskRunner


class PresenceBar(QFrame):
    """Hidden while this window holds the statement; otherwise says who does."""

    #: Whether this window may edit the statement as far as presence goes.
    holdingChanged = Signal(bool)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        timezone: str,
        parent: QWidget | None = None,
        heartbeat_ms: int = HEARTBEAT_SECONDS * 1000,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._timezone = timezone
        self.statement_id: int | None = None
        self.holder: Holder | None = None
        self.setObjectName("presence-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#presence-bar {{ background: {colours.tint(colours.WARNING).name()}; "
            f"border: 1px solid {colours.tone(colours.WARNING).name()}; }}"
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.take_over_button = QPushButton(_("Take over"), self)
        self.take_over_button.setAccessibleName(_("Take over this statement"))
        self.take_over_button.clicked.connect(self.take_over)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.take_over_button)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(heartbeat_ms)
        self._timer.timeout.connect(self.beat)

    @property
    def holding(self) -> bool:
        return self.statement_id is None or (
            self.holder is not None and self.holder.is_me(self._desk.actor.id, self._desk.client)
        )

    def watch(self, statement_id: int | None) -> None:
        """Show presence for this statement (None: a new one, which nobody else can have)."""
        if statement_id == self.statement_id:
            return
        self.leave()
        self.statement_id = statement_id
        self.holder = None
        if statement_id is None:
            self._show(None)
            return
        self._runner.run(
            self._desk.open_presence,
            statement_id,
            on_done=lambda holder: self._arrived(statement_id, holder),
            on_error=lambda _error: None,
            serial=True,
        )
        self._timer.start()

    def leave(self) -> None:
        """Give the mark back (the window shows another statement or closes)."""
        self._timer.stop()
        if self.statement_id is not None and self.holding:
            self._runner.run(self._desk.leave, self.statement_id, serial=True)
        self.statement_id = None
        self.holder = None

    def beat(self) -> None:
        statement_id = self.statement_id
        if statement_id is None:
            return
        self._runner.run(
            self._desk.heartbeat,
            [statement_id],
            on_done=lambda holders: self._arrived(statement_id, holders.get(statement_id)),
            on_error=lambda _error: None,
            serial=True,
        )

    def take_over(self) -> None:
        statement_id = self.statement_id
        if statement_id is None:
            return
        self._runner.run(
            self._desk.take_over,
            statement_id,
            on_done=lambda holder: self._arrived(statement_id, holder),
            serial=True,
        )

    def _arrived(self, statement_id: int, holder: Holder | None) -> None:
        if statement_id != self.statement_id:
            return
        was_holding = self.holding
        previous = self.holder
        self.holder = holder
        self._show(previous if was_holding and previous is not None else None)
        if self.holding != was_holding or previous is None:
            self.holdingChanged.emit(self.holding)

    def _show(self, lost_from: Holder | None) -> None:
        if self.holding:
            self.hide()
            return
        holder = self.holder
        assert holder is not None
        since = clock(holder.since, self._timezone)
        if lost_from is not None:
            text = _(
                "{name} took over this statement at {time}. What you typed is kept: "
                "saving it will show both versions if they saved in between."
            )
        elif holder.user_id == self._desk.actor.id:
            # Oneself, elsewhere: another window, another workstation, or an app that was
            # closed without leaving (its mark goes stale in a few minutes).
            text = _(
                "You have this statement open elsewhere since {time} (another window or "
                "workstation, or an app that did not close). It is read-only here."
            )
        else:
            text = _("{name} has this statement open since {time}. It is read-only here.")
        self.message.setText(text.format(name=holder.display_name, time=since))
        self.show()
