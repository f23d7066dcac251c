"""Opening, reading and leaving a text never writes: every character comes back from the editor
exactly as it was stored, so nothing looks edited and nothing is saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.content import TextContent
from app.core.demo.writer import write_demo
from app.core.desk import Desk


def dump(path: Path) -> list[str]:
    """Every row of every table, in order, except the presence marks (who has what open),
    which are this window's and gone when it leaves."""
    with sqlite3.connect(path) as conn:
        return [
            line
            for line in conn.iterdump()
            if not line.startswith('INSERT INTO "presence"')
            and not line.startswith('INSERT INTO "audit_events"')
        ]


def test_opening_every_demo_statement_in_every_language_writes_nothing(
    sqlite_db, make_window, qtbot
):
    write_demo(sqlite_db, 300, seed=1)
    path = Path(sqlite_db.url.database)
    window = make_window(sqlite_db)
    window.show()
    # The first start makes its user, and the publisher deals with what was due while the
    # app was closed: writing, but no reading. What follows is only reading.
    qtbot.waitUntil(lambda: not window._first_page_pending, timeout=5000)
    before = dump(path)
    count = window.list.model.rowCount()
    assert count == 300
    languages = window.office.languages
    for _ in range(count):
        window.list.move(1)
        for _ in languages:
            window.editor.switcher.step(1)
            assert not window.editor.is_dirty(), window.editor.detail.slug
            assert not window.isWindowModified()
    window.new_statement()
    assert dump(path) == before


def test_exact_characters_survive_the_editor(sqlite_db, make_window, qtbot):
    tricky = TextContent(
        "Ҳисобот\u00a0№\u00a01",
        "4\u00a0710 мегаватт\u00ad, ZWJ\u200dhere",
        "Сатр\u00a0бо фосила.\r\n\r\nLine\u2028sep and soft\u00adhyphen\u200c.\n",
        "Сурат\u00a01",
    )
    desk = Desk.for_workstation(sqlite_db)
    statement_id = desk.create("tg", tricky)
    window = make_window(sqlite_db)
    window.open_statement(statement_id)
    assert window.editor.content().normalized() == tricky.normalized()
    assert "\u00a0" in window.editor.content().body
    assert not window.editor.is_dirty()
    # Typing keeps the special characters of the rest of the text.
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor.body, "X")
    window.save()
    saved = desk.statement(statement_id).texts["tg"].content
    assert saved.body == tricky.normalized().body + "X"
