"""The calendar: entries on the right day of the office's clock, coloured by state, keyboard
operable, drag to reschedule with a confirmation, and a stale entry's conflict shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from sqlalchemy import update

from app.core import publishing
from app.core.calendar import Mark
from app.core.models import Statement
from app.core.sqltypes import utcnow
from app.ui.calendar.grid import add_months, entry_mime
from app.ui.calendar.look import COLOURS, ChipKind
from app.ui.calendar.panel import CalendarPanel
from tests.ui.conftest import type_text, window_for
from tests.ui.scheduling import (
    LANGUAGES,
    approved,
    audit,
    office,
    scheduled_before,
    void_english,
)


@pytest.fixture
def desks(sqlite_db):
    return office(sqlite_db)


@pytest.fixture
def panel_for(qtbot, sync_runner):
    def build(desk, zone: str = "Asia/Dushanbe") -> CalendarPanel:
        panel = CalendarPanel(desk, sync_runner, zone, LANGUAGES)
        qtbot.addWidget(panel)
        panel.resize(1300, 900)
        panel.show()
        qtbot.waitExposed(panel)
        return panel

    return build


def chip_on(panel: CalendarPanel, day: date, statement_id: int, mark: Mark | None = None):
    panel.select_date(day)
    (chip,) = [
        c
        for c in panel.grid.cell(day).chips
        if c.entry.statement_id == statement_id and mark in (None, c.entry.mark)
    ]
    return chip


def drop(panel: CalendarPanel, entry, day: date) -> None:
    """What a person's drag delivers to the day under the pointer (Qt delivers drop events
    only during a real drag, so the day's handlers are called as Qt would)."""
    cell = panel.grid.cell(day)
    args = (
        Qt.DropAction.MoveAction,
        entry_mime(entry),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(20, 40), *args)
    cell.dragEnterEvent(enter)
    assert enter.isAccepted() and cell.drop_target
    cell.dropEvent(QDropEvent(QPointF(20, 40), *args))
    assert not cell.drop_target


def soon(days: int, hour: int, minute: int = 0) -> datetime:
    """A moment a few days ahead, at this UTC time of day."""
    return datetime.combine(utcnow().date() + timedelta(days=days), time(hour, minute), UTC)


def test_entries_fall_on_the_office_day(sqlite_db, desks, panel_for) -> None:
    sid = approved(desks)
    at = soon(3, 23, 30)  # 04:30 the next morning in Dushanbe (UTC+5)
    desks["malika"].schedule(sid, at)
    panel = panel_for(desks["malika"])
    utc_day = at.date()
    panel.select_date(utc_day)
    assert panel.grid.entries_on(utc_day) == []
    chip = chip_on(panel, utc_day + timedelta(days=1), sid)
    assert chip.time_text == "04:30"
    assert f"{utc_day + timedelta(days=1):%d/%m/%Y} 04:30 (Dushanbe)" in chip.toolTip()
    assert chip.badge_text == "TG✓ RU✓ EN✓"
    assert panel.zone_label.text() == "Dushanbe"

    # The same moment in New York is the same evening.
    new_york = panel_for(desks["malika"], "America/New_York")
    assert chip_on(new_york, utc_day, sid).time_text == f"{at.astimezone(_ny()):%H:%M}"


def _ny():
    from zoneinfo import ZoneInfo

    return ZoneInfo("America/New_York")


def pixel(chip, x: int):
    return chip.grab().toImage().pixelColor(x, chip.height() // 2)


def test_each_state_has_its_colour_and_a_failure_says_why(sqlite_db, desks, panel_for, qtbot):
    editor = desks["malika"]
    now = utcnow().replace(microsecond=0)
    failed = approved(desks, title="Нашуда")
    scheduled_before(sqlite_db, editor, failed, now - timedelta(hours=2))
    void_english(desks, failed)
    published = approved(desks, title="Нашршуда")
    scheduled_before(sqlite_db, editor, published, now - timedelta(hours=3))
    publishing.publish_due(sqlite_db, now=now)
    with sqlite_db.transaction() as session:
        session.execute(
            update(Statement)
            .where(Statement.id == published)
            .values(expires_at=now + timedelta(days=1))
        )
    overdue = approved(desks, title="Дер монда")
    scheduled_before(sqlite_db, editor, overdue, now - timedelta(hours=1))
    ready = approved(desks, title="Тайёр")
    editor.schedule(ready, now + timedelta(days=2))
    not_ready = approved(desks, title="Тайёр нест")
    editor.schedule(not_ready, now + timedelta(days=2, hours=1))
    void_english(desks, not_ready)

    panel = panel_for(editor)
    local = panel.local_day
    expected = {
        (ready, Mark.SCHEDULED, now + timedelta(days=2)): ChipKind.READY,
        (not_ready, Mark.SCHEDULED, now + timedelta(days=2, hours=1)): ChipKind.NOT_READY,
        (overdue, Mark.OVERDUE, now - timedelta(hours=1)): ChipKind.OVERDUE,
        (failed, Mark.FAILED, now - timedelta(hours=2)): ChipKind.FAILED,
        (published, Mark.PUBLISHED, now): ChipKind.PUBLISHED,
        (published, Mark.EXPIRES, now + timedelta(days=1)): ChipKind.EXPIRES,
    }
    for (sid, mark, at), kind in expected.items():
        day = at.astimezone(_zone(panel)).date()
        chip = chip_on(panel, day, sid, mark)
        assert local(chip.entry) == day
        assert chip.kind is kind, (sid, mark)
        assert pixel(chip, 2) == COLOURS[kind]  # the bar a person sees
    assert len({c.name() for c in COLOURS.values()}) == len(ChipKind)

    day = (now - timedelta(hours=2)).astimezone(_zone(panel)).date()
    chip = chip_on(panel, day, failed, Mark.FAILED)
    assert "en is not approved as it stands" in chip.toolTip()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert panel.selected_entry().statement_id == failed
    assert panel.entry_info.text().startswith("Нашуда\n")
    assert panel.reason.isVisible() and panel.reason.text().startswith("Why: ")
    assert "en is not approved as it stands" in panel.reason.text()
    assert panel.publish_button.isEnabled() and panel.reschedule_button.isEnabled()
    panel.publish_button.click()
    assert panel.steps.confirmation.text().startswith("Publish “Нашуда” now? It was due at")
    panel.steps.confirmation.reject()
    panel.reschedule_button.click()
    assert panel.steps.dialog.heading.text() == "“Нашуда”"
    panel.steps.dialog.reject()
    chip = chip_on(panel, now.astimezone(_zone(panel)).date(), published, Mark.PUBLISHED)
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert not panel.publish_button.isEnabled() and not panel.reschedule_button.isEnabled()
    assert panel.reason.isHidden()


def _zone(panel):
    from zoneinfo import ZoneInfo

    return ZoneInfo(panel.zone)


def test_the_keyboard_moves_the_day_and_opens_the_entry(sqlite_db, desks, panel_for, qtbot):
    sid = approved(desks)
    panel = panel_for(desks["malika"])
    today = panel.today()
    at = datetime.combine(today + timedelta(days=1), time(10), _zone(panel))
    desks["malika"].schedule(sid, at.astimezone(UTC))
    panel.refresh()
    grid = panel.grid
    panel.activateWindow()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    assert panel.selected == today

    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert panel.selected == today + timedelta(days=1)
    cell = grid.cell(panel.selected)
    highlight = panel.palette().color(QPalette.ColorRole.Highlight)
    assert cell.selected and cell.grab().toImage().pixelColor(2, cell.height() // 2) == highlight
    with qtbot.waitSignal(panel.statementOpened) as opened:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened.args == [sid]

    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert panel.selected == today + timedelta(days=8)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert panel.selected == today
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert panel.selected == add_months(today, 1)
    assert panel.title.text().endswith(str(panel.selected.year))
    next_month = panel.days()
    assert all(next_month[0] - timedelta(days=1) <= panel.local_day(e) for e in panel.entries)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    assert panel.selected == add_months(add_months(today, 1), -2)
    qtbot.keyClick(grid, Qt.Key.Key_T)
    assert panel.selected == today

    qtbot.keyClick(grid, Qt.Key.Key_W)
    assert len(panel.days()) == 7 and today in panel.days()
    qtbot.waitUntil(lambda: grid.cell(today).height() > grid.height() * 0.8)  # fills the view
    qtbot.keyClick(grid, Qt.Key.Key_M)
    assert len(panel.days()) == 42

    # Without the keyboard's focus, the selected day is still marked, but not as focused.
    panel.day_list.setFocus()
    qtbot.waitUntil(lambda: not grid.hasFocus())
    cell = grid.cell(panel.selected)
    assert cell.grab().toImage().pixelColor(2, cell.height() // 2) != highlight


def test_dragging_to_another_day_reschedules_after_confirmation(
    sqlite_db, desks, panel_for, qtbot
) -> None:
    sid = approved(desks)
    panel = panel_for(desks["malika"])
    zone = _zone(panel)
    day = panel.today() + timedelta(days=2)
    at = datetime.combine(day, time(10, 15), zone).astimezone(UTC)
    embargo = at - timedelta(hours=6)
    desks["malika"].schedule(sid, at, embargo=embargo)
    panel.refresh()
    chip = chip_on(panel, day, sid)
    target = day + timedelta(days=3)
    panel.select_date(target)
    panel.select_date(day)

    drop(panel, chip.entry, target)
    box = panel.steps.confirmation
    assert box.text() == (
        f"Move “Изҳороти матбуотӣ”\nfrom {day:%d/%m/%Y} 10:15 (Dushanbe)\n"
        f"to {target:%d/%m/%Y} 10:15 (Dushanbe)?"
    )
    cancel = next(b for b in box.buttons() if b.text() != "&Move")
    cancel.click()
    assert desks["malika"].statement(sid).scheduled_at == at

    drop(panel, chip_on(panel, day, sid).entry, target)
    with qtbot.waitSignal(panel.stepTaken):
        next(b for b in panel.steps.confirmation.buttons() if b.text() == "&Move").click()
    moved = at + timedelta(days=3)
    assert desks["malika"].statement(sid).scheduled_at == moved
    assert desks["malika"].statement(sid).embargo_until == embargo  # kept
    assert [e["at"] for e in audit(sqlite_db, "workflow.scheduled", sid)] == [
        at.isoformat(),
        moved.isoformat(),
    ]
    assert chip_on(panel, target, sid).time_text == "10:15"
    assert panel.grid.entries_on(day) == []


def test_a_stale_entry_shows_the_conflict(
    sqlite_db, desks, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    sid = approved(desks)
    editor = desks["malika"]
    window = window_for(editor, qtbot, sync_runner, ui_settings, fake_renderer)
    window.calendar_action.trigger()
    panel = window.calendar.panel
    assert window.calendar.isVisible()
    day = panel.today() + timedelta(days=2)
    at = datetime.combine(day, time(9), _zone(panel)).astimezone(UTC)
    window.poll_changes()
    editor.schedule(sid, at)
    window.poll_changes()  # the window's poll sees the change and the calendar shows it
    stale = chip_on(panel, day, sid).entry

    # Meanwhile, in another window, the schedule changes.
    detail = editor.statement(sid)
    editor.schedule(sid, at + timedelta(hours=1), meta_version=detail.meta_version)

    drop(panel, stale, day + timedelta(days=1))
    with qtbot.waitSignal(window.problemShown) as shown:
        next(b for b in panel.steps.confirmation.buttons() if b.text() == "&Move").click()
    assert (
        shown.args[0]
        .text()
        .startswith(
            "Малика Назарова changed the tags, address, image or schedule of this statement at"
        )
    )
    assert editor.statement(sid).scheduled_at == at + timedelta(hours=1)
    assert chip_on(panel, day, sid).time_text == "10:00"  # the calendar shows it as it is


def test_the_calendar_dock_is_remembered_and_opens_statements(
    sqlite_db, desks, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    sid = approved(desks)
    window = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    assert window.calendar_action.shortcut().toString() == "Ctrl+Shift+D"
    assert not window.calendar.isVisible()
    window.calendar_action.trigger()
    panel = window.calendar.panel
    day = panel.today() + timedelta(days=1)
    desks["malika"].schedule(sid, datetime.combine(day, time(12), _zone(panel)))
    panel.refresh()
    chip = chip_on(panel, day, sid)
    qtbot.mouseDClick(chip, Qt.MouseButton.LeftButton)
    assert window.editor.statement_id == sid
    window.close()

    again = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    assert again.calendar.isVisible()
    assert [e.statement_id for e in again.calendar.panel.entries] == [sid]


def test_a_full_day_shows_what_needs_an_editor_first(sqlite_db, desks, panel_for, qtbot):
    panel = panel_for(desks["malika"])
    day = panel.today() + timedelta(days=2)
    sids = []
    for hour in (9, 10, 11):
        sid = approved(desks, title=f"Соати {hour}")
        desks["malika"].schedule(sid, datetime.combine(day, time(hour), _zone(panel)))
        sids.append(sid)
    void_english(desks, sids[1])
    panel.resize(900, 520)
    panel.refresh()
    cell = panel.grid.cell(day)
    qtbot.waitUntil(lambda: 0 < len(cell.visible_chips) < 3)
    shown = cell.visible_chips
    assert shown[0].entry.statement_id == sids[1] and shown[0].kind is ChipKind.NOT_READY
    assert [c.entry.at for c in shown] == sorted(c.entry.at for c in shown)
    assert cell.more.isVisible() and cell.more.text() == f"+{3 - len(shown)} more"
    panel.select_date(day)
    assert [e.statement_id for e in panel.day_entries()] == sids  # the details list all


def test_moving_an_overridden_schedule_asks_for_the_reason_again(
    sqlite_db, desks, panel_for, qtbot
) -> None:
    sid = approved(desks, en_lead="")
    panel = panel_for(desks["malika"])
    day = panel.today() + timedelta(days=2)
    at = datetime.combine(day, time(11), _zone(panel)).astimezone(UTC)
    desks["malika"].schedule(sid, at, override_reason="Дар англисӣ лид лозим нест.")
    panel.refresh()
    drop(panel, chip_on(panel, day, sid).entry, day + timedelta(days=1))
    next(b for b in panel.steps.confirmation.buttons() if b.text() == "&Move").click()
    dialog = panel.steps.dialog
    assert dialog.isVisible() and dialog.checklist.isVisible()
    next_day = day + timedelta(days=1)
    assert dialog.moment.text() == f"Goes out at {next_day:%d/%m/%Y} 11:00 (Dushanbe)"
    assert desks["malika"].statement(sid).scheduled_at == at  # nothing moved yet
    type_text(dialog.reason, "Ҳамон сабаб.")
    with qtbot.waitSignal(panel.stepTaken):
        dialog.anyway_button.click()
    assert desks["malika"].statement(sid).scheduled_at == at + timedelta(days=1)
