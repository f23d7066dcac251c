"""What the statement list shows while the database has no statement: what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.i18n import _


class EmptyState(QWidget):
    """ "No statements yet", with the ways to the first: write one, import, or try the demo."""

    newRequested = Signal()
    importRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("No statements yet"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(
            _(
                "Write the office's first statement, or bring in the ones you have: Markdown "
                "files from a Hugo or Pelican site, or Word drafts."
            ),
            self,
        )
        text.setWordWrap(True)
        self.new_button = QPushButton(_("New statement"), self)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.newRequested)
        self.import_button = QPushButton(_("Import…"), self)
        self.import_button.clicked.connect(self.importRequested)
        self.demo_button = QPushButton(_("Try it with demo statements…"), self)
        self.demo_button.setFlat(True)
        self.demo_button.clicked.connect(self.demoRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 24, 16, 16)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        for button in (self.new_button, self.import_button, self.demo_button):
            button.setEnabled(not read_only)
