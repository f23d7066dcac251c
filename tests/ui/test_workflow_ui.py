"""The workflow in the window: sign-in, steps offered by role, approvals voided in sight, and two
windows on one statement."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.core.content import TextContent
from app.core.desk import Actor, Desk
from app.core.models import Role
from app.core.users import add_user
from app.ui.sign_in import SignInDialog
from tests.ui.conftest import type_text, window_for

PASSWORD = "office-password"


def office(db) -> dict[str, Desk]:
    """An admin, a writer, a translator and an editor, each with their own desk."""
    with db.transaction() as s:
        admin = add_user(s, "admin", "Админ", {Role.ADMIN}, password=PASSWORD)
        people = {"admin": admin}
        for name, display, role in (
            ("nigora", "Нигора Раҳимова", Role.WRITER),
            ("farhod", "Фарҳод Саидов", Role.TRANSLATOR),
            ("malika", "Малика Назарова", Role.EDITOR),
        ):
            people[name] = add_user(s, name, display, {role}, actor_id=admin.id, password=PASSWORD)
        return {
            name: Desk(db, Actor(u.id, u.username, u.display_name, u.role_set))
            for name, u in people.items()
        }


def test_sign_in_dialog(sqlite_db, qtbot, tmp_path) -> None:
    office(sqlite_db)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = SignInDialog(sqlite_db, settings)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "malika")
    qtbot.keyClicks(dialog.password, "wrong password")
    dialog.sign_in()
    assert dialog.problem.text() == "Wrong user name or password."
    assert dialog.password.text() == "" and dialog.desk is None
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in()
    assert dialog.desk.actor.display_name == "Малика Назарова"
    assert SignInDialog(sqlite_db, settings).username.text() == "malika"


def test_steps_offered_by_role_and_a_voided_approval_in_sight(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    desks = office(sqlite_db)
    sid = desks["nigora"].create("tg", TextContent("Изҳорот", "Лид.", "Матн.\n"))
    writer = window_for(desks["nigora"], qtbot, sync_runner, ui_settings, fake_renderer)
    writer.open_statement(sid)
    assert writer.workflow.submit.isEnabled()
    assert not writer.workflow.approve.isEnabled()
    writer.workflow.submit.trigger()
    assert "Submitted for review" in writer.statusBar().currentMessage()
    assert writer.editor.state_line.text().startswith("In review · TG in progress")
    assert not writer.workflow.submit.isEnabled()

    editor = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    editor.open_statement(sid)
    assert editor.workflow.approve.isEnabled()
    editor.workflow.approve_all.trigger()
    assert editor.statusBar().currentMessage() == (
        "Approved TG; other languages still await approval"
    )
    assert editor.editor.state_line.text() == "In review · TG approved · RU missing · EN missing"

    # The writer edits: the approval voids, visibly, and the statement is back in review.
    writer.poll_changes()
    writer.poll_changes()
    writer.editor.body.moveCursor(writer.editor.body.textCursor().MoveOperation.End)
    type_text(writer.editor.body, "Илова.")
    writer.save()
    assert "voided the approval of TG" in writer.statusBar().currentMessage()
    assert writer.editor.state_line.text().startswith("In review · TG changed after approval")

    # A translator may read the Tajik source but not edit it.
    writer.new_statement()
    editor.new_statement()
    translator = window_for(desks["farhod"], qtbot, sync_runner, ui_settings, fake_renderer)
    translator.open_statement(sid, "tg")
    assert translator.editor.body.isReadOnly() and translator.editor.presence.isHidden()
    assert translator.editor.read_only_note.isVisible()
    assert "writers and editors edit it" in translator.editor.read_only_note.text()
    translator.editor.switch_language("ru")
    assert not translator.editor.body.isReadOnly()


def test_two_windows_on_one_statement(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    desks = office(sqlite_db)
    sid = desks["nigora"].create("tg", TextContent("Изҳорот", body="Матн.\n"))
    first = window_for(desks["nigora"], qtbot, sync_runner, ui_settings, fake_renderer)
    first.open_statement(sid)
    assert first.editor.presence.isHidden()
    second = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    second.open_statement(sid)
    bar = second.editor.presence
    assert bar.isVisible() and "Нигора Раҳимова has this statement open since" in (
        bar.message.text()
    )
    assert second.editor.body.isReadOnly()
    bar.take_over_button.click()
    assert bar.isHidden() and not second.editor.body.isReadOnly()
    # The first window learns at its next heartbeat, and stops editing.
    first.editor.presence.beat()
    assert "Малика Назарова took over this statement at" in first.editor.presence.message.text()
    assert first.editor.body.isReadOnly()
    # Leaving frees the statement for the other window at its next heartbeat.
    second.new_statement()
    first.editor.presence.beat()
    assert first.editor.presence.isHidden() and not first.editor.body.isReadOnly()


def test_ones_own_other_window_is_named_as_such(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    desks = office(sqlite_db)
    sid = desks["nigora"].create("tg", TextContent("Изҳорот", body="Матн.\n"))
    first = window_for(desks["nigora"], qtbot, sync_runner, ui_settings, fake_renderer)
    first.open_statement(sid)
    # The same person again, in a second app (a new desk is a new client).
    again = Desk(sqlite_db, desks["nigora"].actor)
    second = window_for(again, qtbot, sync_runner, ui_settings, fake_renderer)
    second.open_statement(sid)
    bar = second.editor.presence
    assert bar.isVisible() and bar.message.text().startswith("You have this statement open")
    assert second.editor.body.isReadOnly()
