"""The app on a database it may only read, and before an export shrinks a site (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update

from app.core.content import TextContent
from app.core.db import Database, create_engine_for
from app.core.desk import Desk
from app.core.errors import DatabaseError
from app.core.models import Statement, Status
from app.ui.export_dialog import ExportDialog
from tests.ui.test_export_dialog import _published


def test_a_read_only_database_says_so_and_refuses_edits(sqlite_db: Database, make_window) -> None:
    Desk.for_workstation(sqlite_db).create("ru", TextContent("Заявление"))
    sqlite_db.close()
    url = sqlite_db.url
    reader = Database(url, create_engine_for(url, read_only=True), read_only=True)
    try:
        window = make_window(reader)
        assert "read-only" in window.windowTitle()
        assert not window.new_action.isEnabled() and not window.save_action.isEnabled()
        assert not window.editor.isEnabled()
        assert window.list.model.rowCount() == 1  # reading works
        with pytest.raises(DatabaseError, match="open read-only: nothing can be changed"):
            window.desk.create("ru", TextContent("Ещё одно"))
    finally:
        reader.close()


def test_the_app_asks_before_a_site_shrinks(
    qtbot, desk: Desk, sync_runner, ui_settings, tmp_path: Path
):
    for i in range(4):
        _published(desk, f"Заявление номер {i}")
    dialog = ExportDialog(desk, sync_runner, ui_settings, None)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "site"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "site" / "ru" / "index.html").exists()
    with desk.db.transaction() as s:
        s.execute(update(Statement).values(status=Status.WITHDRAWN, published_at=None))
    asked: list[QMessageBox] = []
    dialog.shrinkAsked.connect(asked.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "this export would leave" in asked[0].text()
    asked[0].button(QMessageBox.StandardButton.Cancel).click()
    assert "left as it was" in dialog.state.text()
    assert (tmp_path / "site" / "ru" / "index.html").exists()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    replace = next(b for b in asked[1].buttons() if "Replace" in b.text())
    replace.click()
    assert "files written" in dialog.state.text()
    assert not (tmp_path / "site" / "ru").exists()
