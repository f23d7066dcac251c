"""Exporting the website from the app: progress, the result listed, the folder remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.sqltypes import utcnow
from app.ui.export_dialog import ExportDialog
from app.ui.tasks import TaskRunner
from tests.conftest import put_on_site


def _published(desk: Desk, title: str) -> None:
    sid = desk.create("ru", TextContent(title, body="Текст заявления."))
    with desk.db.transaction() as s:
        put_on_site(s, sid, utcnow())


def test_export_from_the_app(qtbot, desk: Desk, sync_runner, ui_settings, tmp_path: Path):
    _published(desk, "Заявление пресс-службы")
    dialog = ExportDialog(desk, sync_runner, ui_settings, None)
    qtbot.addWidget(dialog)
    progress: list[tuple[int, int]] = []
    dialog.progressed.connect(lambda done, total: progress.append((done, total)))
    dialog.folder.setText(str(tmp_path / "site"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "files written" in dialog.state.text()
    assert "written ru/index.html" in dialog.details.toPlainText()
    assert "Note: no sitemap.xml" in dialog.details.toPlainText()
    assert progress and progress[-1][0] == progress[-1][1]
    assert (tmp_path / "site" / "manifest.json").exists()
    again = ExportDialog(desk, sync_runner, ui_settings, None)
    qtbot.addWidget(again)
    assert again.folder.text() == str(tmp_path / "site")


def test_export_failure_is_shown(qtbot, desk: Desk, sync_runner, ui_settings, tmp_path: Path):
    dialog = ExportDialog(desk, sync_runner, ui_settings, None)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "missing" / "site"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "The export failed" in dialog.state.text() and "does not exist" in dialog.state.text()
    assert dialog.export_button.isEnabled()


def test_cancel_stops_a_running_export(qtbot, desk: Desk, ui_settings, tmp_path: Path):
    for i in range(40):
        _published(desk, f"Заявление номер {i}")
    runner = TaskRunner()
    dialog = ExportDialog(desk, runner, ui_settings, None)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "site"))
    dialog.start()
    assert dialog.running and dialog.close_button.text() == "Cancel"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.running and "cancelled" in dialog.state.text()
    assert runner.shutdown(timeout=30)
