"""A new office's first start (the wizard, then a list that says what to do) and the
workstation's preferences: kept, refused by the field, and applied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.core import first_run
from app.core.db import Database
from app.core.desk import Desk
from app.core.models import Role, User
from app.core.passwords import verify_password
from app.ui.first_run_wizard import FirstRunWizard
from app.ui.language import chosen_language
from app.ui.settings import UiPreferences, UiSettings
from tests.ui.conftest import type_text


def test_the_wizard_sets_up_a_new_office_once(qtbot, sqlite_db: Database) -> None:
    assert first_run.needed(sqlite_db)
    wizard = FirstRunWizard(sqlite_db)
    qtbot.addWidget(wizard)
    wizard.show()
    office = wizard.office_page
    office.languages.setText("ru, tg")
    office.languages.editingFinished.emit()
    assert list(office.names) == ["ru", "tg"]
    assert office.names["tg"].text() == "Хадамоти матбуоти Президенти Ҷумҳурии Тоҷикистон"
    office.names["ru"].setText("Пресс-служба Хукумата")
    office.required.setText("ru")
    office.base_url.setText("press.example.tj")
    wizard.next()
    assert wizard.currentPage() is office
    assert "is not an absolute http" in office.problems.message("base_url")
    office.base_url.setText("https://press.example.tj/")
    wizard.next()

    admin = wizard.admin_page
    assert wizard.currentPage() is admin and office.problems.message("base_url") == ""
    admin.username.setText("malika")
    admin.display_name.setText("Малика Раҳимова")
    assert admin.shared.isChecked()
    wizard.next()
    assert wizard.currentPage() is admin
    assert admin.problems.message("password").startswith("Others will sign in")
    admin.password.setText("a long passphrase")
    admin.repeat.setText("a long passphrase?")
    wizard.next()
    assert admin.problems.message("repeat") == "The two passwords differ"
    admin.repeat.setText("a long passphrase")
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page
    assert not wizard.demo_wanted
    assert first_run.needed(sqlite_db)  # nothing is stored before Finish

    wizard.accept()
    assert wizard.result() == FirstRunWizard.DialogCode.Accepted
    assert not first_run.needed(sqlite_db)  # the next start goes straight to the desk
    desk = Desk.for_workstation(sqlite_db)
    assert (desk.actor.username, desk.actor.roles) == ("malika", frozenset(Role))
    settings = desk.settings()
    assert (settings.languages, settings.default_lang, settings.required_langs) == (
        ("ru", "tg"),
        "ru",
        ("ru",),
    )
    assert settings.site_name["ru"] == "Пресс-служба Хукумата"
    assert settings.base_url == "https://press.example.tj"
    with sqlite_db.reading() as session:
        hashed = session.scalar(select(User.password_hash))
    assert verify_password("a long passphrase", hashed)


def test_a_refusal_at_finish_stays_on_the_page(qtbot, sqlite_db: Database) -> None:
    wizard = FirstRunWizard(sqlite_db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.admin_page.username.setText("malika")
    wizard.admin_page.shared.setChecked(False)
    wizard.next()
    first_run.set_up(
        sqlite_db,
        wizard.office_page.settings(),
        first_run.FirstAdmin("other", "", None),
        shared=False,
    )  # someone else, meanwhile
    wizard.accept()
    assert wizard.isVisible() and "set up meanwhile" in wizard.demo_page.problem.text()


def test_an_empty_database_says_what_to_do_next(qtbot, make_window, sqlite_db: Database) -> None:
    window = make_window(sqlite_db)
    window.show()
    assert window.list.showing_empty and window.list.empty.isVisible()
    assert window.save_state.text() != "Saved"
    window.list.empty.import_button.click()
    assert window._import_dialog is not None and window._import_dialog.isVisible()
    window._import_dialog.close()
    window.list.empty.new_button.click()
    type_text(window.editor.title, "Аввалин изҳорот")
    window.save()
    assert not window.list.showing_empty and window.list.model.rowCount() == 1


def test_the_demo_fills_an_empty_database_from_the_empty_list(
    qtbot, make_window, sqlite_db: Database, monkeypatch
) -> None:
    monkeypatch.setattr("app.ui.demo_content.DEMO_COUNT", 12)
    window = make_window(sqlite_db)
    window.show()
    window.list.empty.demo_button.click()
    qtbot.waitUntil(lambda: window.list.model.rowCount() == 12, timeout=20_000)
    assert not window.list.showing_empty
    # The demo's topics are offered by the tag filter at once, not after a restart.
    tags = window.list.filter_bar.tag
    assert "diplomacy" in [tags.itemText(i) for i in range(tags.count())]


def test_preferences_are_kept_refused_by_the_field_and_applied(
    qtbot, make_window, sqlite_db: Database, ui_settings: UiSettings, tmp_path: Path, monkeypatch
) -> None:
    asked = []
    monkeypatch.setattr(
        "app.ui.preferences_dialog.offer_restart", lambda _w, lang: asked.append(lang)
    )
    window = make_window(sqlite_db)
    window.show()
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert dialog.isVisible() and dialog.language.currentData() == ""
    dialog.language.setCurrentIndex(dialog.language.findData("tg"))
    dialog.autosave.setValue(10)
    dialog.system_font.setChecked(False)
    dialog.font_size.setValue(15)
    dialog.dictionary_folder.setText(str(tmp_path / "no such folder"))
    dialog.dictionaries["ru"].setCurrentIndex(dialog.dictionaries["ru"].findData("off"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # refused: nothing kept
    assert "does not exist on this computer" in dialog.problems.message("dictionary_folder")
    assert dialog.focusWidget() is dialog.dictionary_folder
    assert window.preferences == UiPreferences()

    dialog.dictionary_folder.setText(str(tmp_path))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible() and asked == ["tg"]
    prefs = window.preferences
    assert (prefs.interface_language, prefs.autosave_delay_ms, prefs.editor_font_size) == (
        "tg",
        10_000,
        15,
    )
    assert prefs.spelling_dictionaries == {"ru": "off"}
    assert window.editor.autosave.delay_ms == 10_000
    assert window.editor.body.font().pointSize() == 15
    assert chosen_language(prefs) == "tg"
    # Kept for the next start, and only what differs from the defaults.
    assert UiSettings(ui_settings._settings).preferences() == prefs
    stored = QSettings(ui_settings._settings.fileName(), QSettings.Format.IniFormat)
    stored.beginGroup("preferences")
    assert set(stored.childKeys()) == {
        "interface_language",
        "autosave_delay_ms",
        "editor_font",
        "editor_font_size",
        "dictionary_folder",
        "spelling_dictionaries",
    }


def test_a_stored_preference_that_fails_its_check_reads_as_its_default(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("preferences/autosave_delay_ms", 5)
    settings.setValue("preferences/interface_language", "de")
    settings.setValue("preferences/spelling_dictionaries", '{"ru": "ru_RU"}')
    prefs = UiSettings(settings).preferences()
    assert (prefs.autosave_delay_ms, prefs.interface_language) == (3000, "")
    assert prefs.spelling_dictionaries == {"ru": "ru_RU"}


def test_the_app_sets_up_a_new_database_at_its_first_start_only(
    sqlite_db: Database, monkeypatch
) -> None:
    """The start of the app shows the wizard on a new database, never again once set up, and
    leaves the database as it was when it is cancelled."""
    from app.ui.application import set_up_if_new

    asked: list[FirstRunWizard] = []

    def cancel(wizard: FirstRunWizard) -> int:
        asked.append(wizard)
        return FirstRunWizard.DialogCode.Rejected

    def finish(wizard: FirstRunWizard) -> int:
        asked.append(wizard)
        wizard.admin_page.shared.setChecked(False)  # an office of one: no password needed
        wizard.demo_page.demo.setChecked(True)
        wizard.accept()
        return wizard.result()

    monkeypatch.setattr(FirstRunWizard, "exec", cancel)
    assert set_up_if_new(sqlite_db) is None and first_run.needed(sqlite_db)
    monkeypatch.setattr(FirstRunWizard, "exec", finish)
    assert set_up_if_new(sqlite_db) is True  # set up, with the demo asked for
    assert set_up_if_new(sqlite_db) is False
    assert len(asked) == 2
