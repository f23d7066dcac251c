"""The "Office settings" dialog: the office as its website shows it, edited by an admin.

It reads and saves through the desk (one operation each); the core validates and refuses
anyone but an admin, and the dialog shows the core's one-line reason beside the field.
Others see the settings read-only.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.desk import Desk
from app.core.i18n import _
from app.core.permissions import Action
from app.core.settings import InvalidSetting, MenuItem, OfficeSettings, kind
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner
from app.ui.widgets.field_problems import FieldProblems

LOGO_HEIGHT = 64


class _LanguageTexts(QWidget):
    """The office's name, contact details and footer in one language."""

    def __init__(self, lang: str, settings: OfficeSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = QLineEdit(settings.site_name.get(lang, ""), self)
        self.contact = QPlainTextEdit(settings.contact.get(lang, ""), self)
        self.footer = QPlainTextEdit(settings.footer.get(lang, ""), self)
        for edit in (self.contact, self.footer):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 5 + 12)
        form = QFormLayout(self)
        form.addRow(_("Office &name:"), self.name)
        form.addRow(_("&Contact details:"), self.contact)
        form.addRow(_("&Footer text:"), self.footer)
        upper = lang.upper()
        self.name.setAccessibleName(_("Office name ({lang})").format(lang=upper))
        self.contact.setAccessibleName(_("Contact details ({lang})").format(lang=upper))
        self.footer.setAccessibleName(_("Footer text ({lang})").format(lang=upper))


class OfficeDialog(QDialog):
    """Shows the office settings; an admin changes and saves them."""

    #: The settings were saved: the names of those that changed.
    saved = Signal(tuple)

    def __init__(self, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Office settings"))
        self.desk, self.runner = desk, runner
        self.settings = OfficeSettings()
        self.editable = False
        self._logo_file: Path | None = None
        self._logo_removed = False
        self._texts: dict[str, _LanguageTexts] = {}
        self.problems = FieldProblems()

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Office settings"))
        self.tabs.addTab(self._office_page(), _("&Office"))
        self.tabs.addTab(self._website_page(), _("&Website"))
        self.tabs.addTab(self._languages_page(), _("Lan&guages and work"))
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("Problem"))
        self.problem.setStyleSheet("font-weight: bold;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(680, 520)

    # Building

    def _office_page(self) -> QWidget:
        page = QWidget(self)
        self.name_tabs = QTabWidget(page)
        self.name_tabs.setAccessibleName(_("The office in each language"))
        self.logo_view = QLabel(_("No logo"), page)
        self.logo_view.setAccessibleName(_("Logo"))
        self.logo_view.setMinimumHeight(LOGO_HEIGHT)
        self.choose_logo = QPushButton(_("C&hoose logo…"), page)
        self.choose_logo.clicked.connect(self._pick_logo)
        self.remove_logo = QPushButton(_("Remo&ve logo"), page)
        self.remove_logo.clicked.connect(self._drop_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_view, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        layout = QVBoxLayout(page)
        layout.addWidget(self.name_tabs, 1)
        for name in ("site_name", "contact", "footer"):
            self.problems.add(layout, name, self.name_tabs)
        layout.addLayout(logo_row)
        self.problems.add(layout, "logo", self.choose_logo)
        return page

    def _website_page(self) -> QWidget:
        page = QWidget(self)
        self.base_url = QLineEdit(page)
        self.base_url.setPlaceholderText("https://press.example.tj")
        self.menu = QTableWidget(0, 1, page)
        self.menu.setAccessibleName(_("Menu"))
        self.menu.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.menu.setTabKeyNavigation(False)
        self.menu.verticalHeader().hide()
        add = QPushButton(_("A&dd item"), page)
        add.clicked.connect(lambda: self._add_menu_row(MenuItem("", {})))
        remove = QPushButton(_("&Remove item"), page)
        remove.clicked.connect(lambda: self.menu.removeRow(self.menu.currentRow()))
        up = QPushButton(_("Move &up"), page)
        up.clicked.connect(lambda: self._move_menu_row(-1))
        down = QPushButton(_("Move dow&n"), page)
        down.clicked.connect(lambda: self._move_menu_row(1))
        menu_buttons = QHBoxLayout()
        for button in (add, remove, up, down):
            menu_buttons.addWidget(button)
        menu_buttons.addStretch(1)
        self.theme_dir = QLineEdit(page)
        self.theme_dir.setPlaceholderText(_("the default theme"))
        self.export_folder = QLineEdit(page)
        form = QFormLayout(page)
        form.addRow(_("Site &address:"), self.base_url)
        self.problems.add(form, "base_url", self.base_url)
        menu_label = QLabel(
            _(
                "&Menu (a link is an address or a path in the site; "
                "{lang} stands for the page's language):"
            ),
            page,
        )
        menu_label.setWordWrap(True)
        menu_label.setBuddy(self.menu)
        form.addRow(menu_label)
        form.addRow(self.menu)
        form.addRow(menu_buttons)
        self.problems.add(form, "menu", self.menu)
        for name, text, edit in (
            ("theme_dir", _("&Theme folder:"), self.theme_dir),
            ("export_folder", _("&Export folder:"), self.export_folder),
        ):
            label = QLabel(text, page)
            label.setBuddy(edit)
            form.addRow(label, self._with_browse(edit))
            self.problems.add(form, name, edit)
        return page

    def _with_browse(self, edit: QLineEdit) -> QHBoxLayout:
        button = QPushButton(_("Browse…"), edit.parentWidget())
        button.setAccessibleName(_("Browse for a folder"))
        button.clicked.connect(lambda: self._browse(edit))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def _languages_page(self) -> QWidget:
        page = QWidget(self)
        self.languages = QLineEdit(page)
        self.languages.setPlaceholderText("tg, ru, en")
        self.languages.editingFinished.connect(self._languages_edited)
        self.required_langs = QLineEdit(page)
        self.default_lang = QComboBox(page)
        self.timezone = QComboBox(page)
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.addItems(sorted(available_timezones()))
        self.four_eyes = QCheckBox(_("Nobody approves a text they wrote (&four eyes)"), page)
        self.related_count = QSpinBox(page)
        self.related_count.setRange(0, 20)
        self.index_page_size = QSpinBox(page)
        self.index_page_size.setRange(1, 500)
        form = QFormLayout(page)
        for name, text, field in (
            ("languages", _("Office &languages:"), self.languages),
            ("required_langs", _("&Required before publishing:"), self.required_langs),
            ("default_lang", _("&Default language:"), self.default_lang),
            ("timezone", _("&Time zone:"), self.timezone),
        ):
            form.addRow(text, field)
            self.problems.add(form, name, field)
        form.addRow(self.four_eyes)
        for name, text, field in (
            ("related_count", _("Related statements per &page:"), self.related_count),
            ("index_page_size", _("Statements per &index page:"), self.index_page_size),
        ):
            form.addRow(text, field)
            self.problems.add(form, name, field)
        return page

    # Filling and reading

    def load(self) -> None:
        """Reads the settings (and whether this person may change them), then shows them."""

        def read(desk: Desk) -> tuple[OfficeSettings, bool, bytes | None]:
            may = desk.refresh_actor().may(Action.OFFICE_SETTINGS)
            return desk.settings(), may, desk.office_logo()

        self.runner.run(
            read,
            self.desk,
            on_done=lambda result: self.show_settings(*result),
            on_error=self._failed_to_load,
            serial=True,
        )

    def show_settings(self, settings: OfficeSettings, editable: bool, logo: bytes | None) -> None:
        self.settings, self.editable = settings, editable
        self._fill(settings)
        self._show_logo(logo)
        if not editable:
            self.notice.setText(_("Only an admin can change the office settings."))
            self._read_only()

    def _fill(self, settings: OfficeSettings) -> None:
        current = self.name_tabs.currentIndex()
        for page in self._texts.values():
            page.deleteLater()
        self.name_tabs.clear()
        self._texts = {}
        for lang in settings.languages:
            self._texts[lang] = _LanguageTexts(lang, settings, self.name_tabs)
            self.name_tabs.addTab(self._texts[lang], lang.upper())
        self.name_tabs.setCurrentIndex(max(0, current))
        self.base_url.setText(settings.base_url)
        self.menu.setRowCount(0)
        self.menu.setColumnCount(1 + len(settings.languages))
        self.menu.setHorizontalHeaderLabels(
            [
                _("Link"),
                *(_("Label {lang}").format(lang=c.upper()) for c in settings.languages),
            ]
        )
        self.menu.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for item in settings.menu:
            self._add_menu_row(item)
        self.theme_dir.setText(settings.theme_dir)
        self.export_folder.setText(settings.export_folder)
        self.languages.setText(", ".join(settings.languages))
        self.required_langs.setText(", ".join(settings.required_langs))
        self.default_lang.clear()
        self.default_lang.addItems(list(settings.languages))
        self.default_lang.setCurrentText(settings.default_lang)
        self.timezone.setCurrentText(settings.timezone)
        self.four_eyes.setChecked(settings.four_eyes)
        self.related_count.setValue(settings.related_count)
        self.index_page_size.setValue(settings.index_page_size)

    def _languages_edited(self) -> None:
        """New office languages: their texts and menu labels get fields, typing is kept."""
        wanted = kind("languages").parse(self.languages.text())
        if wanted and wanted != tuple(self._texts):
            self._fill(self.current_settings())

    def current_settings(self) -> OfficeSettings:
        """The settings as the dialog shows them (not yet checked: saving does that)."""
        languages = kind("languages").parse(self.languages.text())
        shown = tuple(self._texts)

        def texts(read) -> dict[str, str]:
            return {lang: text for lang in shown if (text := read(self._texts[lang]).strip())}

        logo = "" if self._logo_removed else self.settings.logo
        return replace(
            self.settings,
            site_name=texts(lambda page: page.name.text()),
            contact=texts(lambda page: page.contact.toPlainText()),
            footer=texts(lambda page: page.footer.toPlainText()),
            logo=logo,
            base_url=kind("base_url").parse(self.base_url.text()),
            menu=self._menu_items(),
            theme_dir=kind("theme_dir").parse(self.theme_dir.text()),
            export_folder=kind("export_folder").parse(self.export_folder.text()),
            languages=languages,
            required_langs=kind("required_langs").parse(self.required_langs.text()),
            default_lang=self.default_lang.currentText(),
            timezone=self.timezone.currentText().strip(),
            four_eyes=self.four_eyes.isChecked(),
            related_count=self.related_count.value(),
            index_page_size=self.index_page_size.value(),
        )

    # The menu table

    def _add_menu_row(self, item: MenuItem) -> None:
        row = self.menu.rowCount()
        self.menu.insertRow(row)
        self.menu.setItem(row, 0, QTableWidgetItem(item.link))
        for column, lang in enumerate(self._texts, start=1):
            self.menu.setItem(row, column, QTableWidgetItem(item.labels.get(lang, "")))
        self.menu.setCurrentCell(row, 0)

    def _move_menu_row(self, step: int) -> None:
        row = self.menu.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.menu.rowCount():
            return
        items = [self._menu_item(row), self._menu_item(target)]
        for at, item in zip((target, row), items, strict=True):
            for column in range(self.menu.columnCount()):
                self.menu.setItem(at, column, QTableWidgetItem(item[column]))
        self.menu.setCurrentCell(target, self.menu.currentColumn())

    def _menu_item(self, row: int) -> list[str]:
        return [
            (cell.text() if (cell := self.menu.item(row, column)) else "")
            for column in range(self.menu.columnCount())
        ]

    def _menu_items(self) -> tuple[MenuItem, ...]:
        langs = list(self._texts)
        items = []
        for row in range(self.menu.rowCount()):
            link, *labels = (text.strip() for text in self._menu_item(row))
            if link or any(labels):
                items.append(
                    MenuItem(link, {c: t for c, t in zip(langs, labels, strict=True) if t})
                )
        return tuple(items)

    # The logo

    def _pick_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the office's logo"),
            "",
            _("Images (*.png *.jpg *.jpeg *.webp *.gif)"),
        )
        if path:
            self.set_logo_file(Path(path))

    def set_logo_file(self, path: Path) -> None:
        """The logo to store when saving; the file is read then, into the media store."""
        self._logo_file, self._logo_removed = path, False
        try:
            self._show_logo(path.read_bytes())
        except OSError:
            self._show_logo(None)

    def _drop_logo(self) -> None:
        self._logo_file, self._logo_removed = None, True
        self._show_logo(None)

    def _show_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_view.setPixmap(
                pixmap.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo_view.setPixmap(QPixmap())
            self.logo_view.setText(_("No logo"))
        self.remove_logo.setEnabled(self.editable and bool(data))

    # Saving

    def _browse(self, edit: QLineEdit) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Choose a folder"), edit.text())
        if chosen:
            edit.setText(chosen)

    def save(self) -> None:
        if not self.editable:
            self.reject()
            return
        settings = self.current_settings()
        self.buttons.setEnabled(False)
        self.runner.run(
            self.desk.save_office,
            settings,
            self._logo_file,
            on_done=self._saved,
            on_error=self._refused,
            serial=True,
        )

    def _saved(self, changed: tuple[str, ...]) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(changed)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, InvalidSetting) and self.problems.show(error.name, error.reason):
            self.problem.hide()
            return
        self.problem.setText(user_message(error, _("saving the office settings")))
        self.problem.show()

    def _failed_to_load(self, error: BaseException) -> None:
        self.problem.setText(user_message(error, _("reading the office settings")))
        self.problem.show()
        self._read_only()

    def _read_only(self) -> None:
        self.editable = False
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        self.menu.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for kind_ in (QPushButton, QComboBox, QCheckBox, QSpinBox):
            for widget in self.findChildren(kind_):
                if widget.parent() is not self.buttons:
                    widget.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
