"""The first start on a new database: the office, its first admin, and demo content if wanted.

Each page checks what was typed with the core's own checks and shows a refusal under its
field; Finish stores the office and the admin in one transaction (``first_run.set_up``).
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core import first_run, passwords, validation
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.first_run import FirstAdmin, PasswordNeeded
from app.core.i18n import _, language_name
from app.core.settings import DEFAULTS, InvalidSetting, OfficeSettings, kind
from app.core.users import login_name
from app.ui.demo_content import DEMO_COUNT
from app.ui.errors import user_message
from app.ui.widgets.field_problems import FieldProblems


def _intro(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class OfficePage(QWizardPage):
    """The office's name in each of its languages, the languages, time zone and site."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Your office"))
        self.setSubTitle(
            _("What the website says about the office. An admin can change all of it later.")
        )
        self.problems = FieldProblems()
        self.languages = QLineEdit(", ".join(DEFAULTS.languages), self)
        self.languages.setAccessibleName(_("Office languages"))
        self.languages.editingFinished.connect(self._languages_edited)
        self.required = QLineEdit(", ".join(DEFAULTS.required_langs), self)
        self.required.setAccessibleName(_("Languages required before publishing"))
        self.timezone = QComboBox(self)
        self.timezone.setAccessibleName(_("Time zone"))
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setCurrentText(DEFAULTS.timezone)
        self.base_url = QLineEdit(self)
        self.base_url.setAccessibleName(_("Site address"))
        self.base_url.setPlaceholderText("https://press.example.tj")
        self.names: dict[str, QLineEdit] = {}

        self.form = form = QFormLayout(self)
        form.addRow(_("Office &languages (the first is the default):"), self.languages)
        self.problems.add(form, "languages", self.languages)
        form.addRow(_("&Required before publishing:"), self.required)
        self.problems.add(form, "required_langs", self.required)
        self.names_heading = QLabel(_("The office's name in each language:"), self)
        form.addRow(self.names_heading)
        self.problems.add(form, "site_name", self.names_heading)
        form.addRow(_("&Time zone:"), self.timezone)
        self.problems.add(form, "timezone", self.timezone)
        form.addRow(_("Site &address:"), self.base_url)
        self.problems.add(form, "base_url", self.base_url)
        self._show_names(DEFAULTS.languages, DEFAULTS.site_name)

    def _show_names(self, languages: tuple[str, ...], names: dict[str, str]) -> None:
        """A field for the office's name in each language, in the rows under the heading."""
        for edit in self.names.values():
            self.form.removeRow(edit)
        self.names = {}
        row = self.form.getWidgetPosition(self.names_heading)[0] + 1
        for offset, code in enumerate(languages):
            edit = QLineEdit(names.get(code, ""), self)
            edit.setAccessibleName(
                _("The office's name in {language}").format(language=language_name(code))
            )
            self.names[code] = edit
            self.form.insertRow(row + offset, f"{language_name(code)}:", edit)

    def _languages_edited(self) -> None:
        wanted = kind("languages").parse(self.languages.text())
        if wanted and wanted != tuple(self.names):
            typed = {code: edit.text() for code, edit in self.names.items()}
            self._show_names(wanted, {**DEFAULTS.site_name, **typed})

    def settings(self) -> OfficeSettings:
        """The office as typed (not yet checked)."""
        languages = kind("languages").parse(self.languages.text())
        return replace(
            DEFAULTS,
            languages=languages,
            default_lang=languages[0] if languages else "",
            required_langs=kind("required_langs").parse(self.required.text()),
            site_name={c: e.text().strip() for c, e in self.names.items() if e.text().strip()},
            timezone=self.timezone.currentText().strip(),
            base_url=kind("base_url").parse(self.base_url.text()),
        )

    def validatePage(self) -> bool:
        self._languages_edited()
        try:
            self.settings().validate()
        except InvalidSetting as error:
            name = "languages" if error.name == "default_lang" else error.name
            self.problems.show(name, error.reason)
            return False
        self.problems.clear()
        return True


class AdminPage(QWizardPage):
    """The first admin: who sets up the office, with every role, and a password if others
    will join."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("You, the first admin"))
        self.setSubTitle(
            _(
                "You can do everything: write, translate, edit and publish, and manage the "
                "office and its users."
            )
        )
        self.problems = FieldProblems()
        self.username = QLineEdit(login_name(), self)
        self.username.setAccessibleName(_("User name"))
        self.display_name = QLineEdit(self)
        self.display_name.setAccessibleName(_("Your name as others see it"))
        self.shared = QCheckBox(_("&Others will work on this database too"), self)
        self.shared.setChecked(True)
        self.shared.toggled.connect(self._shared_toggled)
        self.explanation = _intro("", self)
        self.password = QLineEdit(self)
        self.password.setAccessibleName(_("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setAccessibleName(_("The password again"))
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(_("&User name:"), self.username)
        self.problems.add(form, "username", self.username)
        form.addRow(_("Your &name:"), self.display_name)
        self.problems.add(form, "display_name", self.display_name)
        form.addRow(self.shared)
        form.addRow(self.explanation)
        form.addRow(_("&Password:"), self.password)
        self.problems.add(form, "password", self.password)
        form.addRow(_("Password &again:"), self.repeat)
        self.problems.add(form, "repeat", self.repeat)
        self._shared_toggled(True)

    def _shared_toggled(self, shared: bool) -> None:
        self.explanation.setText(
            _(
                "While one person uses Press Desk, nobody is asked to sign in. Once a second "
                "person is added, everyone signs in with a user name and a password: without "
                "one you could not, so give yourself one now."
            )
            if shared
            else _(
                "Nobody is asked to sign in while you work alone. A password is optional; set "
                "one before you add a second person."
            )
        )

    def admin(self) -> FirstAdmin:
        return FirstAdmin(
            self.username.text().strip(),
            self.display_name.text().strip(),
            self.password.text() or None,
        )

    def validatePage(self) -> bool:
        admin = self.admin()
        checks = (
            ("username", lambda: validation.user_name(admin.username, [])),
            ("display_name", lambda: validation.display_name(admin.display_name)),
            ("password", lambda: self._check_password(admin)),
        )
        for name, check in checks:
            try:
                check()
            except PressDeskError as error:
                self.problems.show(name, str(error))
                return False
        if self.password.text() != self.repeat.text():
            self.problems.show("repeat", _("the two passwords differ"))
            return False
        self.problems.clear()
        return True

    def _check_password(self, admin: FirstAdmin) -> None:
        if admin.password is not None:
            passwords.check_new_password(admin.password)
        elif self.shared.isChecked():
            raise PasswordNeeded(_("others will sign in to this office: give yourself a password"))


class DemoPage(QWizardPage):
    """Demo statements for trying Press Desk, or an empty office."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Demo content"))
        self.setSubTitle(_("Try Press Desk with statements of a made-up office, or start empty."))
        self.demo = QCheckBox(
            _(
                "&Fill the database with {count} demo statements in Tajik, Russian and English"
            ).format(count=DEMO_COUNT),
            self,
        )
        note = _intro(
            _(
                "Demo statements stay in the database: leave this off for the office's real "
                "database and try the demo on another (pressdesk --db try.db demo)."
            ),
            self,
        )
        self.problem = _intro("", self)
        self.problem.setAccessibleName(_("Problem"))
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.problem)


class FirstRunWizard(QWizard):
    """Sets up a new database; accepted once the office and its admin are stored."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Welcome to Press Desk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for which, text in (
            (QWizard.WizardButton.BackButton, _("< &Back")),
            (QWizard.WizardButton.NextButton, _("&Next >")),
            (QWizard.WizardButton.FinishButton, _("&Finish")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        ):
            self.setButtonText(which, text)
        self.office_page = OfficePage(self)
        self.admin_page = AdminPage(self)
        self.demo_page = DemoPage(self)
        for page in (self.office_page, self.admin_page, self.demo_page):
            self.addPage(page)
        self.resize(640, 560)

    @property
    def demo_wanted(self) -> bool:
        return self.demo_page.demo.isChecked()

    def accept(self) -> None:
        """Stores the office and its first admin; a refusal stays on the page, said."""
        try:
            first_run.set_up(
                self.db,
                self.office_page.settings(),
                self.admin_page.admin(),
                shared=self.admin_page.shared.isChecked(),
            )
        except PressDeskError as error:
            self.demo_page.problem.setText(user_message(error, _("setting up the office")))
            self.demo_page.problem.show()
            return
        super().accept()
