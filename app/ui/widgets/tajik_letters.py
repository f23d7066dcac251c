"""The six Tajik letters missing from Russian keyboards: a button bar and keyboard shortcuts.

Shortcuts are Alt plus the Latin letter the sound is usually written with (Alt+Shift for the
capital): Alt+G ғ, Alt+I ӣ, Alt+Q қ, Alt+U ӯ, Alt+H ҳ, Alt+J ҷ. None of them is a standard editing
shortcut; a window that installs them should not also use these letters as menu mnemonics
(e.g. "&Help"), or Qt will treat the key as ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from app.core.i18n import _


@dataclass(frozen=True, slots=True)
class TajikLetter:
    lower: str
    upper: str
    key: str  # the Latin key that, with Alt, types the letter

    @property
    def shortcut(self) -> QKeySequence:
        return QKeySequence(f"Alt+{self.key}")

    @property
    def capital_shortcut(self) -> QKeySequence:
        return QKeySequence(f"Alt+Shift+{self.key}")


TAJIK_LETTERS: tuple[TajikLetter, ...] = (
    TajikLetter("ғ", "Ғ", "G"),
    TajikLetter("ӣ", "Ӣ", "I"),
    TajikLetter("қ", "Қ", "Q"),
    TajikLetter("ӯ", "Ӯ", "U"),
    TajikLetter("ҳ", "Ҳ", "H"),
    TajikLetter("ҷ", "Ҷ", "J"),
)


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def install_tajik_shortcuts(widget: QWidget, insert: Callable[[str], None]) -> list[QShortcut]:
    """Give `widget` (and its children, while focused) the Alt shortcuts for the Tajik letters.

    Each shortcut calls `insert` with its letter. The shortcuts live as long as `widget`; delete
    the returned objects to remove them earlier.
    """
    shortcuts: list[QShortcut] = []
    for letter in TAJIK_LETTERS:
        for sequence, text in (
            (letter.shortcut, letter.lower),
            (letter.capital_shortcut, letter.upper),
        ):
            shortcut = QShortcut(sequence, widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda text=text: insert(text))
            shortcuts.append(shortcut)
    return shortcuts


class _LetterButton(QToolButton):
    """A flat button that remembers whether Shift was held for the click it reports."""

    shift_held = False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.shift_held = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        super().mouseReleaseEvent(event)


class TajikLetterBar(QWidget):
    """A compact row of flat buttons for ғ ӣ қ ӯ ҳ ҷ, with a toggle for their capitals.

    Shift+click types one capital without the toggle. The buttons never take focus, so clicking
    one inserts at the caret of the editor that had it.
    """

    letterChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.letter_buttons: list[QToolButton] = []
        for letter in TAJIK_LETTERS:
            button = self._flat_button(letter.lower)
            button.setToolTip(
                _("Type {lower} ({key}); capital {upper} ({capital_key})").format(
                    lower=letter.lower,
                    upper=letter.upper,
                    key=_native(letter.shortcut),
                    capital_key=_native(letter.capital_shortcut),
                )
            )
            button.clicked.connect(
                lambda _checked=False, b=button, letter=letter: self._choose(letter, b.shift_held)
            )
            layout.addWidget(button)
            self.letter_buttons.append(button)
        self.capitals_button = self._flat_button("⇧")
        self.capitals_button.setCheckable(True)
        self.capitals_button.setToolTip(
            _("Capital letters (or Shift+click a letter for one capital)")
        )
        self.capitals_button.toggled.connect(self._show_case)
        layout.addWidget(self.capitals_button)
        layout.addStretch(1)

    @property
    def capitals(self) -> bool:
        return self.capitals_button.isChecked()

    @capitals.setter
    def capitals(self, on: bool) -> None:
        self.capitals_button.setChecked(on)

    def _flat_button(self, text: str) -> _LetterButton:
        button = _LetterButton(self)
        button.setText(text)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _show_case(self, capitals: bool) -> None:
        for button, letter in zip(self.letter_buttons, TAJIK_LETTERS, strict=True):
            button.setText(letter.upper if capitals else letter.lower)

    def _choose(self, letter: TajikLetter, shift: bool) -> None:
        self.letterChosen.emit(letter.upper if self.capitals or shift else letter.lower)
