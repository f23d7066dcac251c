"""The running app publishes at the set minute, exports, and says so; a failure is shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from app.core import workflow
from app.core.content import TextContent
from app.core.desk import Actor, Desk
from app.core.models import Role, Statement, Status
from app.core.saving import StatementSave
from app.core.settings import load_settings, save_settings
from app.core.sqltypes import utcnow
from app.core.users import add_user
from app.ui import colours
from app.ui.main_window import MainWindow
from app.ui.statements.model import COLUMN_INDEX

PASSWORD = "office-password"


def office(db, out: Path) -> dict[str, int]:
    with db.transaction() as s:
        admin = add_user(s, "admin", "Админ", {Role.ADMIN}, password=PASSWORD).id
        people = {
            name: add_user(s, name, name.title(), {role}, actor_id=admin).id
            for name, role in (("nigora", Role.WRITER), ("malika", Role.EDITOR))
        }
        save_settings(s, replace(load_settings(s), export_folder=str(out), required_langs=("tg",)))
    return people


def scheduled_soon(db, people: dict[str, int], seconds: float) -> int:
    with db.transaction() as s:
        from app.core.saving import save_statement

        sid = save_statement(
            s,
            StatementSave(None, "tg", content=TextContent("Изҳорот", "Лид.", "Матн.\n")),
            people["nigora"],
        ).statement_id
        workflow.submit(s, sid, people["nigora"])
        workflow.approve(s, sid, None, people["malika"])
        workflow.schedule(s, sid, people["malika"], utcnow() + timedelta(seconds=seconds))
    return sid


def editor_window(db, people, qtbot, sync_runner, ui_settings, fake_renderer) -> MainWindow:
    desk = Desk(db, Actor(people["malika"], "malika", "Malika", frozenset({Role.EDITOR})))
    window = MainWindow(
        desk, sync_runner, ui_settings=ui_settings, renderer_factory=lambda: fake_renderer
    )
    qtbot.addWidget(window)
    window.show()
    return window


def test_published_at_its_minute_by_the_running_app(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer, tmp_path
) -> None:
    out = tmp_path / "site"
    people = office(sqlite_db, out)
    window = editor_window(sqlite_db, people, qtbot, sync_runner, ui_settings, fake_renderer)
    qtbot.waitUntil(lambda: window.publisher.next_moment is None, timeout=3000)
    window.poll_changes()
    sid = scheduled_soon(sqlite_db, people, 1.5)
    window.poll_changes()  # the window's poll sees the new schedule and re-arms the timer
    assert window.publisher.next_moment is not None
    with qtbot.waitSignal(window.publisher.ran, timeout=10000) as ran:
        pass
    assert [o.statement_id for o in ran.args[0].published] == [sid]
    assert window.statusBar().currentMessage() == "Published on time: “Изҳорот”"
    with sqlite_db.reading() as s:
        assert s.get(Statement, sid).status is Status.PUBLISHED
    assert list(out.glob("tg/*/*/izhorot.html"))


def test_a_failure_at_the_minute_is_shown(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer, tmp_path
) -> None:
    out = tmp_path / "site"
    people = office(sqlite_db, out)
    sid = scheduled_soon(sqlite_db, people, 1.0)
    with sqlite_db.transaction() as s:
        from app.core.saving import save_statement
        from app.core.statements import find_text

        version = find_text(s, sid, "tg").version
        save_statement(
            s,
            StatementSave(
                sid, "tg", content=TextContent("Изҳорот", "Нав.", "Матн.\n"), text_version=version
            ),
            people["nigora"],
        )
    window = editor_window(sqlite_db, people, qtbot, sync_runner, ui_settings, fake_renderer)
    with qtbot.waitSignal(window.problemShown, timeout=10000) as shown:
        pass
    assert "Not published at its minute" in shown.args[0].text()
    assert "tg is not approved" in shown.args[0].text()
    with sqlite_db.reading() as s:
        assert s.get(Statement, sid).status is Status.SCHEDULED
    # The list says so too, in red, with the reason.
    model = window.list.model
    (row,) = [r for r in range(model.rowCount()) if model.statement_row(r).id == sid]
    status = model.index(row, COLUMN_INDEX["status"])
    assert model.data(status) == "Failed"
    assert "tg is not approved" in model.data(status, Qt.ItemDataRole.ToolTipRole)
    red = model.data(status, Qt.ItemDataRole.ForegroundRole).color()
    assert red == colours.tone(colours.ERROR)
    # The timer's next look fails the same way: the calendar still shows it, nobody is told again.
    shown.args[0].close()
    with (
        qtbot.assertNotEmitted(window.problemShown),
        qtbot.waitSignal(window.publisher.ran, timeout=10000) as ran,
    ):
        window.publisher.publish_now()
    (failure,) = ran.args[0].failed
    assert failure.repeated
