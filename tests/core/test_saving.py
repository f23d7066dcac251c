"""One save is one transaction: text, tags, slug and image together or not at all, each part
checked against the version it was opened at, and nothing written when nothing changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.core.conflicts import StatementConflict, TextConflict
from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PermissionDenied, PressDeskError
from app.core.media import MediaStore
from app.core.models import AuditEvent, Revision, Statement, StatementText
from app.core.recovery import keep, pending
from app.core.saving import NewValue, StatementSave, restore_revision, save_statement
from tests.core.conftest import Office

TG = TextContent("Паёми табрикотӣ", "Табрик ба муносибати Наврӯз.", "Матн.\n")


def save(db: Database, actor: int, request: StatementSave):
    with db.transaction() as s:
        return save_statement(s, request, actor, MediaStore.for_database(db))


def revisions(db: Database) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Revision))


def version(db: Database, sid: int, lang: str = "tg") -> int:
    with db.reading() as s:
        return s.scalar(
            select(StatementText.version).where(
                StatementText.statement_id == sid, StatementText.lang == lang
            )
        )


def meta(db: Database, sid: int) -> tuple[int, str, tuple[str, ...]]:
    with db.reading() as s:
        st = s.get(Statement, sid)
        return st.meta_version, st.slug, tuple(t.name for t in st.tags)


def test_a_new_statement_with_tags_and_slug_in_one_save(db: Database, office: Office) -> None:
    outcome = save(
        db,
        office.writer,
        StatementSave(None, "tg", content=TG, tags=("navruz", "holidays"), slug=NewValue("navruz")),
    )
    assert outcome.created and outcome.slug == "navruz"
    assert meta(db, outcome.statement_id)[1:] == ("navruz", ("holidays", "navruz"))


def test_a_refused_slug_leaves_nothing_saved_and_the_retry_works(
    db: Database, office: Office
) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    v1 = version(db, sid)
    before = revisions(db)
    edited = TextContent(TG.title, TG.lead, "Матни нав.\n")
    request = StatementSave(
        sid, "tg", content=edited, text_version=v1, meta_version=1, slug=NewValue("!!!")
    )
    with pytest.raises(PressDeskError, match="cannot be used as a slug"):
        save(db, office.writer, request)
    assert revisions(db) == before
    # The same person retries with a good slug: no conflict with their own failed attempt.
    outcome = save(db, office.writer, replace(request, slug=NewValue("nav")))
    assert outcome.text_changed and outcome.slug == "nav" and outcome.meta_changed == ("slug",)


def test_nothing_is_written_when_nothing_changed(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG, tags=("a",))).statement_id
    v1 = version(db, sid)
    with db.reading() as s:
        updated = s.get(Statement, sid).updated_at
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    outcome = save(
        db,
        office.writer,
        StatementSave(
            sid, "tg", content=TG, text_version=v1, meta_version=1, tags=("a",), slug=NewValue(None)
        ),
    )
    assert not outcome.changed
    with db.reading() as s:
        assert s.get(Statement, sid).updated_at == updated
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_stale_text_save_names_who_and_carries_their_words(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    v1 = version(db, sid)
    theirs = TextContent(TG.title, TG.lead, "Матни онҳо.\n")
    save(db, office.editor, StatementSave(sid, "tg", content=theirs, text_version=v1))
    with pytest.raises(TextConflict) as caught:
        save(
            db,
            office.writer,
            StatementSave(
                sid, "tg", content=TextContent(TG.title, TG.lead, "Ман.\n"), text_version=v1
            ),
        )
    conflict = caught.value
    assert "Малика Назарова saved the tg text at" in str(conflict)
    assert "(Asia/Dushanbe)" in str(conflict) and "UTC" not in str(conflict)
    assert conflict.theirs.content == theirs and conflict.theirs.version == version(db, sid)
    # "Keep mine": saved over their version as a new revision, theirs kept in the history.
    kept = save(
        db,
        office.writer,
        StatementSave(
            sid,
            "tg",
            content=TextContent(TG.title, TG.lead, "Ман.\n"),
            text_version=conflict.theirs.version,
        ),
    )
    assert kept.revision_number == 3


def test_a_new_language_started_twice_is_a_conflict_not_an_overwrite(
    db: Database, office: Office
) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    first = TextContent("Поздравление", body="Первый перевод.\n")
    save(db, office.translator, StatementSave(sid, "ru", content=first, text_version=0))
    with pytest.raises(TextConflict):
        save(
            db,
            office.editor,
            StatementSave(
                sid, "ru", content=TextContent("Другое", body="Второй.\n"), text_version=0
            ),
        )
    with db.reading() as s:
        assert (
            s.scalar(select(func.count()).select_from(Revision).where(Revision.title == "Другое"))
            == 0
        )


def test_stale_tags_are_a_conflict_naming_who(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG, tags=("a",))).statement_id
    save(db, office.editor, StatementSave(sid, "tg", meta_version=1, tags=("b",)))
    with pytest.raises(StatementConflict, match="Малика Назарова changed the tags") as caught:
        save(db, office.writer, StatementSave(sid, "tg", meta_version=1, tags=("c",)))
    assert caught.value.theirs.tags == ("b",) and caught.value.theirs.meta_version == 2
    assert meta(db, sid)[2] == ("b",)


def test_the_whole_save_rolls_back_on_a_meta_conflict(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    v1 = version(db, sid)
    save(db, office.editor, StatementSave(sid, "tg", meta_version=1, slug=NewValue("theirs")))
    before = revisions(db)
    with pytest.raises(StatementConflict):
        save(
            db,
            office.writer,
            StatementSave(
                sid,
                "tg",
                content=TextContent(TG.title, TG.lead, "Нав.\n"),
                text_version=v1,
                meta_version=1,
                slug=NewValue("mine"),
            ),
        )
    assert revisions(db) == before and meta(db, sid)[1] == "theirs"


def test_lead_image_is_part_of_the_save(db: Database, office: Office, tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    outcome = save(
        db, office.writer, StatementSave(sid, "tg", meta_version=1, lead_image=NewValue(picture))
    )
    assert outcome.meta_changed == ("lead_image",) and outcome.lead_media_id is not None
    removed = save(
        db, office.writer, StatementSave(sid, "tg", meta_version=2, lead_image=NewValue(None))
    )
    assert removed.lead_media_id is None


def test_roles_decide_who_edits_what(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    v1 = version(db, sid)
    with pytest.raises(PermissionDenied, match="edit source texts: only writers and editors"):
        save(
            db,
            office.translator,
            StatementSave(sid, "tg", content=TextContent("X"), text_version=v1),
        )
    with pytest.raises(PermissionDenied, match="edit translations: only translators and editors"):
        save(db, office.writer, StatementSave(sid, "ru", content=TextContent("Перевод")))
    with pytest.raises(PermissionDenied, match="create statements"):
        save(db, office.translator, StatementSave(None, "ru", content=TextContent("Новое")))
    with pytest.raises(PermissionDenied, match="change tags"):
        save(db, office.translator, StatementSave(sid, "tg", meta_version=1, tags=("x",)))


def test_the_saved_draft_is_forgotten_in_the_same_transaction(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    v1 = version(db, sid)
    with db.transaction() as s:
        keep(s, "nigora", f"{sid}:tg", statement_id=sid, lang="tg", base_version=1, content=TG)
    save(
        db,
        office.writer,
        StatementSave(
            sid,
            "tg",
            content=TextContent(TG.title, body="Нав.\n"),
            text_version=v1,
            draft_key=f"{sid}:tg",
        ),
    )
    with db.reading() as s:
        assert pending(s, "nigora") == []


def test_restore_is_a_save_like_any(db: Database, office: Office) -> None:
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    v1 = version(db, sid)
    save(
        db,
        office.writer,
        StatementSave(sid, "tg", content=TextContent(TG.title, body="B\n"), text_version=v1),
    )
    with db.transaction() as s:
        first = s.scalar(select(Revision.id).where(Revision.number == 1))
        with pytest.raises(PermissionDenied):
            restore_revision(s, sid, "tg", first, office.translator, MediaStore.for_database(db))
        outcome = restore_revision(s, sid, "tg", first, office.writer, MediaStore.for_database(db))
    assert outcome.revision_number == 3
