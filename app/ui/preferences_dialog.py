"""Edit → Preferences…: this workstation's own settings, and the way to the office's.

The fields are made from `UiPreferences` and read back into one; its checks decide, and a
refused value is shown under its field. The office's settings, shared by everyone on the
database, have their own dialog (admins change them); the "Office" page opens it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import INTERFACE_LANGUAGES, _, language, language_name
from app.core.render.dates import language_name as own_name
from app.core.spelling import SpellChecker
from app.ui.settings import InvalidPreference, UiPreferences
from app.ui.widgets.field_problems import FieldProblems

_AUTOMATIC = ""
_OFF = "off"


class PreferencesDialog(QDialog):
    """Shows ``prefs``; on OK, `accepted_preferences` carries the new ones (checked)."""

    #: The preferences the person chose (a new UiPreferences).
    acceptedPreferences = Signal(object)
    #: The person asked for the office settings.
    officeRequested = Signal()

    def __init__(
        self,
        prefs: UiPreferences,
        office_languages: tuple[str, ...],
        may_change_office: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.prefs = prefs
        self.office_languages = office_languages
        self.problems = FieldProblems()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Preferences"))
        self.tabs.addTab(self._workstation_page(), _("This &computer"))
        self.tabs.addTab(self._office_page(may_change_office), _("The o&ffice"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._fill(prefs)

    # Building

    def _workstation_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)

        self.language = QComboBox(page)
        self.language.setAccessibleName(_("Interface language"))
        system = own_name(language()) if not self.prefs.interface_language else None
        self.language.addItem(
            _("The system's ({language})").format(language=system) if system else _("The system's"),
            _AUTOMATIC,
        )
        for code in INTERFACE_LANGUAGES:
            self.language.addItem(own_name(code), code)
        form.addRow(_("Interface &language:"), self.language)
        self.problems.add(form, "interface_language", self.language)
        note = QLabel(_("A new interface language shows after Press Desk starts again."), page)
        note.setWordWrap(True)
        form.addRow(note)

        self.autosave = QSpinBox(page)
        self.autosave.setAccessibleName(_("Pause before what is typed is kept for recovery"))
        self.autosave.setToolTip(
            _(
                "After this pause in typing, what you typed is kept, so that a crash loses "
                "nothing: the next start offers to restore it."
            )
        )
        self.autosave.setRange(1, 60)
        self.autosave.setSuffix(_(" s"))
        form.addRow(_("&Pause before keeping what is typed:"), self.autosave)
        self.problems.add(form, "autosave_delay_ms", self.autosave)

        self.font_family = QFontComboBox(page)
        self.font_family.setAccessibleName(_("Editor font"))
        self.font_size = QSpinBox(page)
        self.font_size.setAccessibleName(_("Editor font size"))
        self.font_size.setRange(5, 48)
        self.font_size.setSpecialValueText(_("as the system's"))
        self.system_font = QCheckBox(_("The system's &font"), page)
        self.system_font.toggled.connect(self._system_font_toggled)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_family, 1)
        font_row.addWidget(self.font_size)
        form.addRow(self.system_font)
        font_label = QLabel(_("&Editor font:"), page)
        font_label.setBuddy(self.font_family)
        form.addRow(font_label, font_row)
        self.problems.add(form, "editor_font_size", self.font_size)

        self.spelling = QCheckBox(_("&Underline misspelt words"), page)
        form.addRow(self.spelling)
        self.dictionary_folder = QLineEdit(page)
        self.dictionary_folder.setAccessibleName(_("Folder of more dictionaries"))
        self.dictionary_folder.setPlaceholderText(_("none: the system's dictionaries"))
        browse = QPushButton(_("&Browse…"), page)
        browse.setAccessibleName(_("Browse for a folder of dictionaries"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.dictionary_folder, 1)
        folder_row.addWidget(browse)
        folder_label = QLabel(_("More &dictionaries in:"), page)
        folder_label.setBuddy(self.dictionary_folder)
        folder_label.setToolTip(
            _("A folder of Hunspell dictionaries (tg_TJ.dic and tg_TJ.aff, for example).")
        )
        form.addRow(folder_label, folder_row)
        self.problems.add(form, "dictionary_folder", self.dictionary_folder)
        self.dictionary_folder.editingFinished.connect(self._list_dictionaries)

        self.dictionaries: dict[str, QComboBox] = {}
        for code in self.office_languages:
            combo = QComboBox(page)
            combo.setAccessibleName(
                _("Dictionary for {language}").format(language=language_name(code))
            )
            self.dictionaries[code] = combo
            form.addRow(_("Dictionary for {language}:").format(language=language_name(code)), combo)
        self.problems.add(form, "spelling_dictionaries", self.spelling)
        return page

    def _office_page(self, may_change: bool) -> QWidget:
        page = QWidget(self)
        text = QLabel(
            _(
                "The office's name, website, languages and time zone are shared by everyone "
                "on this database."
            )
            + " "
            + (
                _("As an admin you can change them.")
                if may_change
                else _("Only an admin can change them; you can read them.")
            ),
            page,
        )
        text.setWordWrap(True)
        self.office_button = QPushButton(_("&Office settings…"), page)
        self.office_button.clicked.connect(self.officeRequested)
        row = QHBoxLayout()
        row.addWidget(self.office_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # Filling and reading

    def _fill(self, prefs: UiPreferences) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.interface_language)))
        self.autosave.setValue(max(1, round(prefs.autosave_delay_ms / 1000)))
        self.system_font.setChecked(not prefs.editor_font and not prefs.editor_font_size)
        if prefs.editor_font:
            self.font_family.setCurrentFont(QFont(prefs.editor_font))
        self.font_size.setValue(prefs.editor_font_size or self.font_size.minimum())
        self._system_font_toggled(self.system_font.isChecked())
        self.spelling.setChecked(prefs.spelling)
        self.dictionary_folder.setText(prefs.dictionary_folder)
        self._list_dictionaries()

    def _list_dictionaries(self) -> None:
        """Each office language's choice: automatic, a dictionary found here, or none."""
        folder = self.dictionary_folder.text().strip()
        found = SpellChecker.available_languages(Path(folder) if folder else None)
        chosen = self.prefs.spelling_dictionaries
        for code, combo in self.dictionaries.items():
            current = combo.currentData() if combo.count() else chosen.get(code, _AUTOMATIC)
            combo.clear()
            combo.addItem(_("Automatic"), _AUTOMATIC)
            for tag in found:
                combo.addItem(tag, tag)
            combo.addItem(_("None: no spell checking"), _OFF)
            if combo.findData(current) < 0:
                combo.addItem(current, current)  # chosen before, not found here now
            combo.setCurrentIndex(combo.findData(current))

    def _system_font_toggled(self, system: bool) -> None:
        self.font_family.setEnabled(not system)
        self.font_size.setEnabled(not system)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose a folder of dictionaries"), self.dictionary_folder.text()
        )
        if chosen:
            self.dictionary_folder.setText(chosen)
            self._list_dictionaries()

    def chosen(self) -> UiPreferences:
        """The preferences as the dialog shows them (not yet checked)."""
        system_font = self.system_font.isChecked()
        size = self.font_size.value()
        return replace(
            self.prefs,
            interface_language=self.language.currentData(),
            autosave_delay_ms=self.autosave.value() * 1000,
            editor_font="" if system_font else self.font_family.currentFont().family(),
            editor_font_size=0 if system_font or size == self.font_size.minimum() else size,
            spelling=self.spelling.isChecked(),
            dictionary_folder=self.dictionary_folder.text().strip(),
            spelling_dictionaries={
                code: combo.currentData()
                for code, combo in self.dictionaries.items()
                if combo.currentData() != _AUTOMATIC
            },
        )

    def accept(self) -> None:
        prefs = self.chosen()
        try:
            prefs.validate()
        except InvalidPreference as error:
            self.problems.show(error.name, str(error))
            return
        self.problems.clear()
        self.acceptedPreferences.emit(prefs)
        super().accept()


def offer_restart(parent: QWidget, lang: str) -> bool:
    """Asks whether to start again now in the new interface language; True for "now"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Interface language"),
        _("Press Desk shows {language} after it starts again. Restart now?").format(
            language=own_name(lang) if lang else _("the system's language")
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    now = box.addButton(_("&Restart now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)
    box.exec()
    return box.clickedButton() is now
