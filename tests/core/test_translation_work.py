"""Starting a translation, and the needs-update transitions as the source and the
translation change."""

from __future__ import annotations

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.errors import PressDeskError
from app.core.listing import LangState, statement_rows
from app.core.translation.align import Change, progress, rows_for
from app.core.translation.segments import Kind, body_segments

SOURCE = TextContent(
    "Паёми Президент",
    "Лиди кӯтоҳ.",
    "## Об\n\nСархати якум.\n\n- банди як\n- банди ду\n\n![Акс](media/a.png)\n\nСархати охир.\n",
    "Имзои акс",
)


def _desk(db: Database) -> tuple[Desk, int]:
    desk = Desk.for_workstation(db)
    return desk, desk.create("tg", SOURCE, ("об",))


def _state(desk: Desk, sid: int, lang: str) -> LangState:
    with desk.db.transaction() as s:
        return statement_rows(s, [sid], ("tg", "ru", "en"))[0].languages[lang]


def test_start_translation_prefilled_keeps_the_source_structure(db: Database) -> None:
    desk, sid = _desk(db)
    view = desk.start_translation(sid, "ru")
    assert view.target == SOURCE
    assert view.base_revision_id == view.source_revision_id
    assert not view.needs_update
    rows = rows_for(view.source, view.target, view.base)
    assert progress(rows).done == 0
    # Shared fields stay the statement's: the translation has no tags or image of its own.
    detail = desk.statement(sid)
    assert detail.tags == ("об",)
    assert set(detail.texts) == {"tg", "ru"}
    with pytest.raises(PressDeskError, match="exists already"), db.transaction() as s:
        from app.core.translation.work import start_translation

        start_translation(s, sid, "ru", actor_id=desk.actor.id, prefill=True)


def test_start_translation_empty_keeps_markers_images_and_the_title(db: Database) -> None:
    from app.core.settings import load_settings, save_settings

    desk, sid = _desk(db)
    with db.transaction() as s:
        from dataclasses import replace

        save_settings(s, replace(load_settings(s), translation_prefill=False))
    view = desk.start_translation(sid, "en")
    assert view.target.title == SOURCE.title
    assert view.target.lead == ""
    kinds = [(s.kind, s.text) for s in body_segments(view.target.body)]
    assert kinds == [
        (Kind.HEADING, ""),
        (Kind.ITEM, ""),
        (Kind.ITEM, ""),
        (Kind.IMAGE, "![Акс](media/a.png)"),
    ]


def test_source_language_cannot_be_translated_into(db: Database) -> None:
    desk, sid = _desk(db)
    with pytest.raises(PressDeskError, match="source language"):
        desk.start_translation(sid, "tg")


def test_needs_update_until_marked_updated_and_only_the_changed_segments(db: Database) -> None:
    desk, sid = _desk(db)
    view = desk.start_translation(sid, "ru")
    translated = TextContent(
        "Послание Президента",
        "Короткий лид.",
        "## Вода\n\nПервый абзац.\n\n- пункт один\n- пункт два\n\n![Акс](media/a.png)\n\n"
        "Последний абзац.\n",
        "Подпись",
    )
    desk.complete_translation(sid, "ru", translated, view.target_version)
    assert _state(desk, sid, "ru") == LangState.IN_PROGRESS

    # The writer edits one paragraph and adds one.
    edited = TextContent(
        SOURCE.title,
        SOURCE.lead,
        SOURCE.body.replace("Сархати якум.", "Сархати якум, тағйирёфта.").replace(
            "Сархати охир.", "Сархати нав.\n\nСархати охир."
        ),
        SOURCE.image_caption,
    )
    desk.save(sid, "tg", edited, None)
    assert _state(desk, sid, "ru") == LangState.NEEDS_UPDATE
    view = desk.translation(sid, "ru")
    assert view.needs_update
    rows = rows_for(view.source, view.target, view.base)
    flagged = [(r.source.text, r.change) for r in rows if r.change is not Change.NONE]
    assert flagged == [
        ("Сархати якум, тағйирёфта.", Change.CHANGED),
        ("Сархати нав.", Change.NEW),
    ]
    target_of_changed = next(r for r in rows if r.change is Change.CHANGED).target
    assert target_of_changed.text == "Первый абзац."

    # Fixing a comma in the Russian text does not clear it.
    fixed = TextContent(
        translated.title,
        translated.lead,
        translated.body.replace("Первый", "Первый,"),
        translated.image_caption,
    )
    desk.save(sid, "ru", fixed, None)
    assert _state(desk, sid, "ru") == LangState.NEEDS_UPDATE
    assert desk.translation(sid, "ru").needs_update

    # Marking as updated moves the base: nothing is flagged any more.
    detail = desk.statement(sid)
    desk.complete_translation(sid, "ru", fixed, detail.texts["ru"].version)
    assert _state(desk, sid, "ru") == LangState.IN_PROGRESS
    view = desk.translation(sid, "ru")
    assert not view.needs_update
    assert progress(rows_for(view.source, view.target, view.base)).changed == 0
