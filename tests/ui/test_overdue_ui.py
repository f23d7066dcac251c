"""Overdue statements: shown to an editor at start, published by hand or from the menu."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox

from app.core.models import Status
from app.core.sqltypes import utcnow
from tests.ui.conftest import window_for
from tests.ui.scheduling import approved, audit, office, scheduled_before


def waiting_office(db):
    """An office that has missed minutes wait for an editor (not published at once)."""
    from dataclasses import replace

    from app.core.settings import load_settings, save_settings

    desks = office(db)
    with db.transaction() as s:
        save_settings(s, replace(load_settings(s), overdue_policy="wait"))
    return desks


def test_an_overdue_statement_is_offered_to_an_editor_at_start(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    desks = waiting_office(sqlite_db)
    sid = approved(desks, title="Дер монда")
    due = utcnow().replace(microsecond=0) - timedelta(hours=2)
    scheduled_before(sqlite_db, desks["malika"], sid, due)

    writer = window_for(desks["nigora"], qtbot, sync_runner, ui_settings, fake_renderer)
    assert not hasattr(writer, "overdue_dialog")

    window = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    dialog = window.overdue_dialog
    assert dialog.isVisible()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("A scheduled statement missed its minute: nothing published it.")
    )
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().endswith("(Dushanbe)  Дер монда")

    dialog.show_button.click()
    assert window.calendar.isVisible()
    assert window.calendar.panel.selected_entry().statement_id == sid

    dialog.publish_button.click()
    box = dialog.steps.confirmation
    assert "Publish “Дер монда” now? It was due at" in box.text()
    publish = next(b for b in box.buttons() if b.text() == "&Publish now")
    publish.click()
    assert window.statusBar().currentMessage() == "Published: the statement is now Published"
    assert desks["malika"].statement(sid).status is Status.PUBLISHED
    assert not dialog.isVisible()  # nothing is overdue any more


def test_publish_now_from_the_menu_for_an_overdue_statement(
    sqlite_db, qtbot, sync_runner, ui_settings, fake_renderer
) -> None:
    desks = waiting_office(sqlite_db)
    sid = approved(desks)
    scheduled_before(sqlite_db, desks["malika"], sid, utcnow() - timedelta(minutes=30))
    window = window_for(desks["malika"], qtbot, sync_runner, ui_settings, fake_renderer)
    window.overdue_dialog.close()
    window.open_statement(sid)
    assert window.workflow.publish_now.isEnabled()
    window.workflow.publish_now.trigger()
    box = window.workflow.dialog
    assert "It was due at" in box.text() and "(Dushanbe)" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert window.statusBar().currentMessage() == "Published: the statement is now Published"
    assert [e["delay_seconds"] >= 1800 for e in audit(sqlite_db, "workflow.published", sid)] == [
        True
    ]
