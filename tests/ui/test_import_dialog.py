"""Importing from the app: File → Import…, progress, Cancel, and each statement's result."""

from __future__ import annotations

import threading
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.desk import Desk
from app.core.models import Statement, Status
from app.ui.import_dialog import ImportDialog
from app.ui.tasks import TaskRunner


def _files(folder: Path, count: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n}.md").write_text(
            f"---\ntitle: Statement {n}\ndate: 2020-01-0{n % 9 + 1}\n---\nBody {n}.\n",
            encoding="utf-8",
        )
    (folder / "bad.md").write_text("---\ntitle: Bad\ndate: 2021-02-30\n---\n", encoding="utf-8")
    draft = docx.Document()
    draft.add_heading("Word draft", 1)
    draft.add_paragraph("From Word.")
    draft.save(folder / "draft.docx")
    return folder


def _rows(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    items = [dialog.results.topLevelItem(i) for i in range(dialog.results.topLevelItemCount())]
    return sorted((item.text(0), item.text(1), item.text(3)) for item in items)


def test_import_from_the_menu_lists_every_statement(
    qtbot, make_window, sqlite_db, tmp_path: Path
) -> None:
    folder = _files(tmp_path / "in")
    window = make_window(sqlite_db)
    desk = window.desk
    window.import_action.trigger()
    dialog = window._import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    progress: list[tuple[int, int]] = []
    dialog.progressed.connect(lambda done, total: progress.append((done, total)))
    dialog.add_paths([folder])
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert _rows(dialog) == [
        ("failed", "", "invalid YAML front matter: day is out of range for month"),
        ("new", "Statement 0", ""),
        ("new", "Statement 1", ""),
        ("new", "Word draft", ""),
    ]
    assert dialog.state.text() == "3 new, 0 updated, 0 unchanged, 1 file failed."
    assert progress and progress[-1][0] == progress[-1][1]
    assert window.list.model.rowCount() == 3  # the list loaded again
    with desk.db.transaction() as s:
        draft = s.scalar(select(Statement).where(Statement.status == Status.DRAFT))
        assert draft.created_by_id == desk.actor.id
    # Again: every statement is found and unchanged.
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [row[0] for row in _rows(dialog)] == ["failed", "unchanged", "unchanged", "unchanged"]


def test_cancel_stops_between_statements_and_reports_what_came_in(
    qtbot, desk: Desk, tmp_path: Path
) -> None:
    folder = _files(tmp_path / "in", count=30)
    runner = TaskRunner()
    # The import waits, after its first statements, until Cancel was clicked: however busy
    # the machine, the click comes while statements remain.
    started, clicked = threading.Event(), threading.Event()
    real_import = desk.import_files

    def import_files(paths, **options):
        report = options["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if done > total // 2 and not started.is_set():
                started.set()
                clicked.wait(timeout=30)

        return real_import(paths, **{**options, "progress": progress})

    desk.import_files = import_files
    dialog = ImportDialog(desk, runner, desk.settings().languages, None)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    dialog.start()
    assert dialog.running and dialog.close_button.text() == "Cancel"
    qtbot.waitUntil(started.is_set)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    clicked.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.state.text().startswith("Import cancelled; what is listed was imported whole.")
    listed = [row for row in _rows(dialog) if row[0] == "new"]
    with desk.db.transaction() as s:
        assert len(s.scalars(select(Statement)).all()) == len(listed) < 31
    assert runner.shutdown(timeout=30)
