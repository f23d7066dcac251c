"""The "Office settings" dialog: an admin edits the office; the core's refusals are shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from app.core.db import Database
from app.core.demo.images import demo_image
from app.core.desk import Actor, Desk
from app.core.models import User
from app.core.settings import MenuItem
from app.ui.office_dialog import OfficeDialog
from tests.core.conftest import make_office


def open_dialog(qtbot, make_window, db: Database) -> tuple[object, OfficeDialog]:
    window = make_window(db)
    window.office_action.trigger()
    dialog = window.office_dialog
    assert dialog.isVisible()
    return window, dialog


def test_an_admin_changes_the_office(qtbot, make_window, sqlite_db: Database, tmp_path: Path):
    window, dialog = open_dialog(qtbot, make_window, sqlite_db)
    assert dialog.editable and dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert [dialog.name_tabs.tabText(i) for i in range(dialog.name_tabs.count())] == [
        "TG",
        "RU",
        "EN",
    ]
    assert dialog._texts["tg"].name.text() == "Хадамоти матбуоти Президенти Ҷумҳурии Тоҷикистон"
    dialog._texts["en"].name.setText("Press Office")
    dialog._texts["ru"].footer.setPlainText("Перепечатка со ссылкой.")
    dialog.base_url.setText("https://press.example.tj/")
    dialog.menu.setRowCount(0)
    dialog._add_menu_row(MenuItem("{lang}/index.html", {"tg": "Ахбор", "ru": "Новости"}))
    emblem = tmp_path / "emblem.jpg"
    emblem.write_bytes(demo_image(4))
    dialog.set_logo_file(emblem)
    assert not dialog.logo_view.pixmap().isNull()
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert set(saved.args[0]) == {"site_name", "footer", "base_url", "menu", "logo"}
    office = window.desk.settings()
    assert (
        office.site_name["en"] == "Press Office" and office.base_url == "https://press.example.tj"
    )
    assert office.footer == {"ru": "Перепечатка со ссылкой."}
    assert office.menu == (MenuItem("{lang}/index.html", {"tg": "Ахбор", "ru": "Новости"}),)
    assert window.desk.office_logo() == demo_image(4)
    assert window.office.base_url == "https://press.example.tj"
    assert window.statusBar().currentMessage() == "Office settings saved."


def test_a_refusal_is_shown_beside_its_field(qtbot, make_window, sqlite_db: Database) -> None:
    _window, dialog = open_dialog(qtbot, make_window, sqlite_db)
    dialog.tabs.setCurrentIndex(0)
    dialog.base_url.setText("press.example.tj")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problems.message("base_url").startswith("'press.example.tj' is not an absolute")
    assert dialog.problem.isHidden()
    assert dialog.tabs.currentIndex() == 1 and dialog.focusWidget() is dialog.base_url
    dialog.languages.setText("tg, ru, xx")
    dialog.save()
    assert dialog.problems.message("base_url") == ""
    assert dialog.problems.message("languages") == "Unknown language code 'xx'"
    assert dialog.tabs.currentIndex() == 2 and dialog.focusWidget() is dialog.languages


def test_new_languages_get_fields_and_typing_is_kept(
    qtbot, make_window, sqlite_db: Database
) -> None:
    _window, dialog = open_dialog(qtbot, make_window, sqlite_db)
    dialog._texts["ru"].name.setText("Пресс-служба")
    dialog.languages.setText("tg, ru, en, uz")
    dialog.languages.editingFinished.emit()
    assert list(dialog._texts) == ["tg", "ru", "en", "uz"]
    assert dialog._texts["ru"].name.text() == "Пресс-служба"
    assert dialog.menu.columnCount() == 5


def test_others_see_the_office_read_only(qtbot, sync_runner, sqlite_db: Database) -> None:
    office = make_office(sqlite_db)
    with sqlite_db.transaction() as s:
        writer = s.get(User, office.writer)
        actor = Actor(writer.id, writer.username, writer.display_name, writer.role_set)
    dialog = OfficeDialog(Desk(sqlite_db, actor), sync_runner)
    qtbot.addWidget(dialog)
    dialog.load()
    assert dialog.notice.text() == "Only an admin can change the office settings."
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert dialog.base_url.isReadOnly() and dialog._texts["tg"].name.isReadOnly()
    assert not dialog.choose_logo.isEnabled() and not dialog.timezone.isEnabled()


def test_the_export_offers_the_office_folder(
    qtbot, make_window, sqlite_db: Database, tmp_path: Path
) -> None:
    desk = Desk.for_workstation(sqlite_db)
    desk.save_office(replace(desk.settings(), export_folder=str(tmp_path / "site")))
    window = make_window(sqlite_db)
    window.open_export()
    assert window._export_dialog.folder.text() == str(tmp_path / "site")
