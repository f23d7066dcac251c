"""Scheduling from the Statement menu: times on the office's clock (gaps refused, repeats with
their offset), and the checklist overridden only with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime

from app.core.models import Status
from app.ui.schedule_dialog import ScheduleDialog
from tests.ui.conftest import type_text, window_for
from tests.ui.scheduling import approved, audit, office, set_zone


def set_clock(clock, when: str) -> None:
    wall = datetime.strptime(when, "%Y-%m-%d %H:%M")
    clock.date.setDate(QDate(wall.year, wall.month, wall.day))
    clock.time.setTime(QTime(wall.hour, wall.minute))


def test_times_are_read_on_a_new_york_office_clock(sqlite_db, qtbot, sync_runner) -> None:
    set_zone(sqlite_db, "America/New_York")
    desks = office(sqlite_db)
    sid = approved(desks)
    editor = desks["malika"]
    dialog = ScheduleDialog(editor, sync_runner, editor.statement(sid), "America/New_York")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.publish_at.zone.text() == "New York"
    assert dialog.embargo_at.zone.text() == "New York"

    set_clock(dialog.publish_at, "2027-03-14 02:30")  # the clocks go from 02:00 to 03:00
    assert dialog.moment.text() == (
        "2027-03-14 02:30 does not exist in America/New_York: the clocks skip that hour"
    )
    assert not dialog.schedule_button.isEnabled()

    set_clock(dialog.publish_at, "2027-11-07 01:30")  # happens twice: the first is meant
    assert dialog.moment.text() == "Goes out at 07/11/2027 01:30 -0400 (New York)"
    dialog.embargo.setChecked(True)
    set_clock(dialog.embargo_at, "2027-11-08 09:00")
    assert dialog.embargo_moment.text() == ("Never published before 08/11/2027 09:00 (New York)")
    qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and dialog.problem.text() == (
        "The embargo lasts until 2027-11-08 09:00 (America/New_York): the statement cannot "
        "be published before it"
    )
    assert editor.statement(sid).status is Status.APPROVED

    set_clock(dialog.embargo_at, "2027-11-06 09:00")
    with qtbot.waitSignal(dialog.scheduled):
        qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    detail = editor.statement(sid)
    assert detail.scheduled_at == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    assert detail.embargo_until == datetime(2027, 11, 6, 13, tzinfo=UTC)
    assert not dialog.isVisible()


def test_the_checklist_is_overridden_only_with_a_reason(sqlite_db, qtbot, sync_runner) -> None:
    desks = office(sqlite_db)
    sid = approved(desks, en_lead="")
    editor = desks["malika"]
    dialog = ScheduleDialog(editor, sync_runner, editor.statement(sid), "Asia/Dushanbe")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.publish_at.zone.text() == "Dushanbe"
    qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    assert dialog.checklist.isVisible()
    shown = [dialog.failures.item(row).text() for row in range(dialog.failures.count())]
    assert shown == ["The en text has no lead"]
    assert dialog.anyway_button.isVisible() and not dialog.anyway_button.isEnabled()
    assert editor.statement(sid).status is Status.APPROVED

    type_text(dialog.reason, "Лид дар матни англисӣ лозим нест.")
    assert dialog.anyway_button.isEnabled()
    with qtbot.waitSignal(dialog.scheduled):
        qtbot.mouseClick(dialog.anyway_button, Qt.MouseButton.LeftButton)
    assert editor.statement(sid).status is Status.SCHEDULED
    (overridden,) = audit(sqlite_db, "checklist.overridden", sid)
    assert overridden["reason"] == "Лид дар матни англисӣ лозим нест."
    assert overridden["failures"] == ["the en text has no lead"]


def test_the_statement_menu_offers_scheduling_by_role_and_status(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    desks = office(sqlite_db)
    sid = approved(desks)
    writer = window_for(desks["nigora"], qtbot, sync_runner, ui_settings, fake_renderer)
    writer.open_statement(sid)
    assert not writer.workflow.schedule.isEnabled()
    writer.new_statement()

    window = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    window.open_statement(sid)
    actions = window.workflow
    assert actions.schedule.isEnabled()
    assert not actions.unschedule.isEnabled() and not actions.publish_now.isEnabled()
    actions.schedule.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, ScheduleDialog) and dialog.isVisible()
    at = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)
    set_clock(dialog.publish_at, f"{at.astimezone(ZoneInfo(dialog.zone)):%Y-%m-%d %H:%M}")
    qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    local = at.astimezone(ZoneInfo(dialog.zone))
    assert window.statusBar().currentMessage() == (
        f"Scheduled: it goes out at {local:%d/%m/%Y %H:%M} (Dushanbe)"
    )
    assert window.editor.state_line.text().startswith("Scheduled ")
    assert actions.unschedule.isEnabled() and actions.schedule.isEnabled()
    assert not actions.publish_now.isEnabled()  # its minute has not come
    (event,) = audit(sqlite_db, "workflow.scheduled", sid)
    assert event["at"] == at.isoformat()

    actions.unschedule.trigger()
    assert window.statusBar().currentMessage() == (
        "Taken off the schedule: the statement is now Approved"
    )


def test_an_announcement_comes_down_at_its_expiry(sqlite_db, qtbot, sync_runner) -> None:
    desks = office(sqlite_db)
    sid = approved(desks)
    editor = desks["malika"]
    dialog = ScheduleDialog(editor, sync_runner, editor.statement(sid), "Asia/Dushanbe")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.expires_moment.text() == "Stays on the website"
    set_clock(dialog.publish_at, "2027-05-01 10:00")
    dialog.expires.setChecked(True)
    set_clock(dialog.expires_at, "2027-05-01 09:00")
    qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == (
        "A statement comes down after it goes out: choose a later expiry"
    )
    set_clock(dialog.expires_at, "2027-05-08 18:00")
    assert dialog.expires_moment.text() == "Its pages come down at 08/05/2027 18:00 (Dushanbe)"
    with qtbot.waitSignal(dialog.scheduled):
        qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    assert editor.statement(sid).expires_at == datetime(2027, 5, 8, 13, tzinfo=UTC)
