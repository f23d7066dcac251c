"""Tabs over the office languages; a language without a text yet is marked and opens empty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar, QWidget

from app.core.i18n import _, language_name


class LanguageSwitcher(QTabBar):
    """One tab per office language; `languageRequested` asks to show another language.

    The switch is only a request: the editor saves first and calls `show_language` once it may.
    """

    languageRequested = Signal(str)

    def __init__(self, languages: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.languages = languages
        self.setDocumentMode(True)
        self.setExpanding(False)
        self.setAccessibleName(_("Language"))
        for lang in languages:
            self.addTab(lang.upper())
        self.currentChanged.connect(self._requested)
        self._shown = 0

    @property
    def current_lang(self) -> str:
        return self.languages[self._shown]

    def show_language(self, lang: str) -> None:
        self._shown = self.languages.index(lang)
        self.blockSignals(True)
        self.setCurrentIndex(self._shown)
        self.blockSignals(False)

    def set_present(self, present: set[str], source_lang: str | None) -> None:
        """Mark which languages have a text (and which is the source)."""
        for index, lang in enumerate(self.languages):
            label, name = lang.upper(), language_name(lang)
            if lang == source_lang:
                tip = _("{lang}: source text").format(lang=name)
            elif lang in present:
                tip = _("{lang}: translation").format(lang=name)
            else:
                label += " +"
                tip = _("{lang}: no text yet; type to start a translation").format(lang=name)
            self.setTabText(index, label)
            self.setTabToolTip(index, tip)

    def step(self, offset: int) -> None:
        """Request the next (+1) or previous (-1) language."""
        self.languageRequested.emit(self.languages[(self._shown + offset) % len(self.languages)])

    def _requested(self, index: int) -> None:
        # Snap back until the editor agrees to show it.
        self.blockSignals(True)
        self.setCurrentIndex(self._shown)
        self.blockSignals(False)
        if index != self._shown and 0 <= index < len(self.languages):
            self.languageRequested.emit(self.languages[index])
