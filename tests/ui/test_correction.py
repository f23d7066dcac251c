"""An editor adds a correction to a published statement from the Statement menu: a note in
every language it is published in, refused by the dialog until each is written, kept once."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.core.desk import Actor, Desk
from app.core.models import Correction, Role
from app.core.publishing import publish_due
from app.core.sqltypes import utcnow
from app.ui.correction_dialog import CorrectionDialog
from tests.ui.test_publisher import office, scheduled_soon


def published(sqlite_db, tmp_path) -> tuple[dict[str, int], int]:
    people = office(sqlite_db, tmp_path / "site")
    sid = scheduled_soon(sqlite_db, people, 0.01)
    publish_due(sqlite_db, now=utcnow())
    return people, sid


def desk_of(db, people, name: str, role: Role) -> Desk:
    return Desk(db, Actor(people[name], name, name.title(), frozenset({role})))


def test_an_editor_corrects_a_published_statement(
    sqlite_db, tmp_path, open_window, qtbot, fake_renderer
) -> None:
    people, sid = published(sqlite_db, tmp_path)
    window = open_window(desk_of(sqlite_db, people, "malika", Role.EDITOR))
    window.open_statement(sid)
    action = window.workflow.correct
    assert action.isEnabled()
    qtbot.waitUntil(lambda: bool(fake_renderer.calls), timeout=3000)
    window.preview.render_now()
    drawn = len(fake_renderer.calls)
    action.trigger()
    dialog = window.workflow.dialog
    assert isinstance(dialog, CorrectionDialog)
    assert list(dialog.notes) == ["tg"]  # the one language it is published in
    assert not dialog.add_button.isEnabled()
    dialog.notes["tg"].setPlainText("Санаи мулоқот ислоҳ шуд.")
    assert dialog.add_button.isEnabled()
    with qtbot.waitSignal(window.workflow.corrected):
        dialog.add_button.click()
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage().startswith("Correction added")
    # The preview, the page as it will be, is drawn again for the note.
    qtbot.waitUntil(lambda: len(fake_renderer.calls) > drawn, timeout=3000)
    with sqlite_db.reading() as s:
        (notes,) = s.scalars(select(Correction.notes).where(Correction.statement_id == sid))
    assert json.loads(notes) == {"tg": "Санаи мулоқот ислоҳ шуд."}


def test_a_refusal_is_shown_in_the_dialog_and_nothing_is_kept(
    sqlite_db, tmp_path, sync_runner, qtbot
) -> None:
    people, sid = published(sqlite_db, tmp_path)
    # Only editors correct: a writer's desk is refused by the core, and the dialog says why.
    writer = desk_of(sqlite_db, people, "nigora", Role.WRITER)
    dialog = CorrectionDialog(writer, sync_runner, writer.statement(sid), ["tg"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes["tg"].setPlainText("Ислоҳ.")
    dialog.add_button.click()
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "editors" in dialog.problem.text()
    with sqlite_db.reading() as s:
        assert s.scalar(select(Correction.id)) is None


def test_the_action_is_offered_only_on_a_published_statement_to_an_editor(
    sqlite_db, tmp_path, open_window
) -> None:
    people, sid = published(sqlite_db, tmp_path)
    writer_window = open_window(desk_of(sqlite_db, people, "nigora", Role.WRITER))
    writer_window.open_statement(sid)
    assert not writer_window.workflow.correct.isEnabled()
    editor = desk_of(sqlite_db, people, "malika", Role.EDITOR)
    editor_window = open_window(editor)
    other = scheduled_soon(sqlite_db, people, 3600)
    editor_window.open_statement(other)
    assert not editor_window.workflow.correct.isEnabled()
