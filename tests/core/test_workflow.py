"""The editorial workflow: every step by every role from every status, hash-bound approvals,
four eyes, send-back with comments, the review queue and the audit trail."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from app.core import audit, review, workflow
from app.core.approvals import LangState, language_states
from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PermissionDenied, PressDeskError
from app.core.media import MediaStore
from app.core.models import AuditEvent, Statement, Status
from app.core.saving import StatementSave, save_statement
from app.core.settings import load_settings, save_settings
from app.core.sqltypes import utcnow
from app.core.workflow import STARTS_FROM, Step, WorkflowError
from tests.core.conftest import Office

LEAD = "Кӯтоҳ дар бораи изҳорот."
TG = TextContent("Изҳороти Хадамоти матбуот", LEAD, "Матни изҳорот.\n\nСатри дуюм.\n")
RU = TextContent("Заявление пресс-службы", "Коротко о заявлении.", "Текст заявления.\n")
EN = TextContent("Press service statement", "In short.", "The statement.\n")


def save(db: Database, actor: int, request: StatementSave):
    with db.transaction() as s:
        return save_statement(s, request, actor, MediaStore.for_database(db))


def version(db: Database, sid: int, lang: str) -> int:
    with db.reading() as s:
        return s.scalar(
            text("SELECT version FROM texts WHERE statement_id = :s AND lang = :l"),
            {"s": sid, "l": lang},
        )


def drafted(db: Database, office: Office) -> int:
    """A statement in tg, ru and en, as a writer and a translator write it."""
    sid = save(db, office.writer, StatementSave(None, "tg", content=TG)).statement_id
    for lang, content in (("ru", RU), ("en", EN)):
        save(db, office.translator, StatementSave(sid, lang, content=content))
    return sid


def step(db: Database, name: str, *args, **kwargs):
    with db.transaction() as s:
        return getattr(workflow, name)(s, *args, **kwargs)


def status_of(db: Database, sid: int) -> Status:
    with db.reading() as s:
        return s.get(Statement, sid).status


def statement_in(db: Database, office: Office, status: Status) -> int:
    """A statement brought to ``status`` through the workflow, as an office would."""
    sid = drafted(db, office)
    if status is Status.DRAFT:
        return sid
    step(db, "submit", sid, office.writer)
    if status is Status.IN_REVIEW:
        return sid
    step(db, "approve", sid, None, office.editor)
    if status is Status.APPROVED:
        return sid
    at = utcnow() + timedelta(hours=1)
    step(db, "schedule", sid, office.editor, at)
    if status is Status.SCHEDULED:
        return sid
    step(db, "publish", sid, office.editor, now=at)
    if status is Status.PUBLISHED:
        return sid
    step(db, "withdraw", sid, office.editor)
    return sid


class Rollback(Exception):
    pass


def attempt(db: Database, the_step: Step, sid: int, actor: int) -> BaseException | None:
    """Tries a step and undoes it whatever happens: the error it raised, or None."""
    soon = utcnow() + timedelta(days=2)
    calls = {
        Step.SUBMIT: lambda s: workflow.submit(s, sid, actor),
        Step.APPROVE: lambda s: workflow.approve(s, sid, None, actor),
        Step.SEND_BACK: lambda s: workflow.send_back(s, sid, "ru", actor, "Исправьте дату."),
        Step.SCHEDULE: lambda s: workflow.schedule(s, sid, actor, soon),
        Step.UNSCHEDULE: lambda s: workflow.unschedule(s, sid, actor),
        Step.PUBLISH: lambda s: workflow.publish(s, sid, actor, now=soon + timedelta(days=1)),
        Step.WITHDRAW: lambda s: workflow.withdraw(s, sid, actor),
    }
    try:
        with db.transaction() as s:
            calls[the_step](s)
            raise Rollback
    except Rollback:
        return None
    except PressDeskError as error:
        return error


ROLES = ("writer", "translator", "editor", "admin")
EDITOR_STEPS = {
    Step.APPROVE,
    Step.SEND_BACK,
    Step.SCHEDULE,
    Step.UNSCHEDULE,
    Step.PUBLISH,
    Step.WITHDRAW,
}


@pytest.mark.parametrize("the_step", list(Step), ids=lambda s: s.value.replace(" ", "-"))
def test_every_step_by_every_role_from_every_status(
    db: Database, office: Office, the_step: Step
) -> None:
    statements = {status: statement_in(db, office, status) for status in Status}
    actors = {
        "writer": office.writer,
        "translator": office.translator,
        "editor": office.second_editor,
        "admin": office.admin,
    }
    for status, sid in statements.items():
        for role in ROLES:
            error = attempt(db, the_step, sid, actors[role])
            role_may = role == "editor" if the_step in EDITOR_STEPS else role != "admin"
            where = f"{the_step.value} by a {role} from {status.value}"
            if not role_may:
                assert isinstance(error, PermissionDenied), where
                assert "only" in str(error) and "may" in str(error), where
            elif status not in STARTS_FROM[the_step]:
                assert isinstance(error, WorkflowError), where
                assert f"cannot {the_step.value}" in str(error), where
            else:
                assert error is None, f"{where}: {error}"


def test_a_statement_goes_through_the_whole_loop(db: Database, office: Office) -> None:
    sid = drafted(db, office)
    assert step(db, "submit", sid, office.writer).status is Status.IN_REVIEW
    result = step(db, "approve", sid, ["tg", "ru"], office.editor)
    assert result.status is Status.IN_REVIEW and result.langs == ("tg", "ru")
    assert step(db, "approve", sid, ["en"], office.editor).status is Status.APPROVED
    at = utcnow() + timedelta(minutes=5)
    assert step(db, "schedule", sid, office.editor, at).status is Status.SCHEDULED
    with pytest.raises(WorkflowError, match="not yet"):
        step(db, "publish", sid, office.editor, now=at - timedelta(seconds=1))
    assert step(db, "publish", sid, office.editor, now=at).status is Status.PUBLISHED
    with db.reading() as s:
        assert s.get(Statement, sid).published_at == at
        actions = [e.action for e in audit.events(s, audit.AuditFilter(action="workflow"))]
    assert actions == [
        "workflow.published",
        "workflow.scheduled",
        "workflow.status",
        "workflow.approved",
        "workflow.approved",
        "workflow.approved",
        "workflow.submitted",
    ]


def test_editing_an_approved_text_voids_its_approval(db: Database, office: Office) -> None:
    sid = statement_in(db, office, Status.APPROVED)
    edited = TextContent(TG.title, TG.lead, TG.body + "\nИлова.\n")
    outcome = save(
        db,
        office.writer,
        StatementSave(sid, "tg", content=edited, text_version=version(db, sid, "tg")),
    )
    assert outcome.voided == ("en", "ru", "tg")  # translations now lag behind their source
    assert outcome.status is Status.IN_REVIEW
    with db.reading() as s:
        states = language_states(s, [sid], ("tg", "ru", "en"))[sid]
        assert states == {
            "tg": LangState.CHANGED,
            "ru": LangState.NEEDS_UPDATE,
            "en": LangState.NEEDS_UPDATE,
        }
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "approval.voided"))
        assert '"after": "in_review"' in event.details
        approved, now = review.since_approval(s, sid, "tg")
        assert approved.body == TG.body and now.body == edited.body
        queue = review.review_queue(s, office.editor, frozenset({"editor"}))
        assert [e.statement_id for e in queue.to_review] == [sid]
        assert queue.to_review[0].langs["tg"] is LangState.CHANGED


def test_a_translation_edit_voids_only_its_own_approval(db: Database, office: Office) -> None:
    sid = statement_in(db, office, Status.APPROVED)
    outcome = save(
        db,
        office.translator,
        StatementSave(
            sid,
            "ru",
            content=replace(RU, body="Новый текст.\n"),
            text_version=version(db, sid, "ru"),
        ),
    )
    assert outcome.voided == ("ru",) and outcome.status is Status.IN_REVIEW
    # Only an edit voids: saving the same words again changes nothing.
    again = save(
        db,
        office.translator,
        StatementSave(
            sid,
            "ru",
            content=replace(RU, body="Новый текст.\n"),
            text_version=version(db, sid, "ru"),
        ),
    )
    assert not again.changed and again.voided == ()


def test_going_back_to_the_approved_words_is_approved_again(db: Database, office: Office) -> None:
    sid = statement_in(db, office, Status.APPROVED)
    changed = replace(EN, title="Press service statement, revised")
    save(
        db,
        office.translator,
        StatementSave(sid, "en", content=changed, text_version=version(db, sid, "en")),
    )
    save(
        db,
        office.translator,
        StatementSave(sid, "en", content=EN, text_version=version(db, sid, "en")),
    )
    with db.reading() as s:
        assert language_states(s, [sid], ["en"])[sid]["en"] is LangState.APPROVED
    assert step(db, "approve", sid, None, office.editor).status is Status.APPROVED


def test_a_scheduled_statement_whose_text_changed_is_not_published(
    db: Database, office: Office
) -> None:
    sid = statement_in(db, office, Status.SCHEDULED)
    with db.reading() as s:
        at = s.get(Statement, sid).scheduled_at
    save(
        db,
        office.translator,
        StatementSave(
            sid, "ru", content=replace(RU, lead="Иначе."), text_version=version(db, sid, "ru")
        ),
    )
    assert status_of(db, sid) is Status.SCHEDULED
    with pytest.raises(WorkflowError, match="ru is not approved"):
        step(db, "publish", sid, office.editor, now=at)
    assert status_of(db, sid) is Status.SCHEDULED


def test_four_eyes(db: Database, office: Office) -> None:
    sid = save(db, office.editor, StatementSave(None, "tg", content=TG)).statement_id
    step(db, "submit", sid, office.editor)
    with pytest.raises(PermissionDenied, match="four-eyes"):
        step(db, "approve", sid, ["tg"], office.editor)
    step(db, "approve", sid, ["tg"], office.second_editor)
    with db.transaction() as s:
        save_settings(s, replace(load_settings(s), four_eyes=False))
    sid2 = save(db, office.editor, StatementSave(None, "tg", content=TG)).statement_id
    step(db, "submit", sid2, office.editor)
    step(db, "approve", sid2, ["tg"], office.editor)


def test_approve_all_is_all_or_nothing(db: Database, office: Office) -> None:
    sid = drafted(db, office)
    # The editor wrote the English text: four eyes forbid them to approve it.
    save(
        db,
        office.editor,
        StatementSave(
            sid, "en", content=replace(EN, lead="Briefly."), text_version=version(db, sid, "en")
        ),
    )
    step(db, "submit", sid, office.writer)
    with pytest.raises(PermissionDenied, match="en text"):
        step(db, "approve", sid, None, office.editor)
    with db.reading() as s:
        states = language_states(s, [sid], ("tg", "ru", "en"))[sid]
    assert LangState.APPROVED not in states.values()


def test_a_translation_behind_its_source_cannot_be_approved(db: Database, office: Office) -> None:
    sid = drafted(db, office)
    save(
        db,
        office.writer,
        StatementSave(
            sid, "tg", content=replace(TG, lead="Нав."), text_version=version(db, sid, "tg")
        ),
    )
    step(db, "submit", sid, office.writer)
    with pytest.raises(PermissionDenied, match="ru translation was made from an older tg text"):
        step(db, "approve", sid, ["tg", "ru"], office.editor)
    assert step(db, "approve", sid, ["tg"], office.editor).langs == ("tg",)


def test_send_back_needs_a_comment_and_reaches_the_author(db: Database, office: Office) -> None:
    sid = statement_in(db, office, Status.IN_REVIEW)
    with pytest.raises(WorkflowError, match="needs a comment"):
        step(db, "send_back", sid, "ru", office.editor, "   ")
    result = step(db, "send_back", sid, "ru", office.editor, "Дата неверна.", paragraph=0)
    assert result.status is Status.DRAFT
    with db.reading() as s:
        queue = review.review_queue(s, office.translator, frozenset({"translator"}))
        (entry,) = queue.sent_back
        assert entry.langs == {"ru": LangState.SENT_BACK} and entry.comment == "Дата неверна."
        assert review.review_queue(s, office.writer, frozenset({"writer"})).sent_back == []
        from app.core.comments import threads

        (thread,) = threads(s, sid)
        assert thread.send_back and thread.lang == "ru" and thread.paragraph == 0
        assert thread.quote == "Текст заявления."
    # The translator fixes it and submits again; the queue empties.
    save(
        db,
        office.translator,
        StatementSave(
            sid,
            "ru",
            content=replace(RU, body="Исправлено.\n"),
            text_version=version(db, sid, "ru"),
        ),
    )
    assert step(db, "submit", sid, office.translator).status is Status.IN_REVIEW
    with db.reading() as s:
        assert review.review_queue(s, office.translator, frozenset({"translator"})).count == 0


def test_scheduling_rules(db: Database, office: Office) -> None:
    sid = statement_in(db, office, Status.APPROVED)
    now = utcnow()
    with pytest.raises(WorkflowError, match="has passed"):
        step(db, "schedule", sid, office.editor, now - timedelta(minutes=1))
    with pytest.raises(WorkflowError, match="embargo"):
        step(
            db,
            "schedule",
            sid,
            office.editor,
            now + timedelta(hours=1),
            embargo=now + timedelta(hours=2),
        )
    step(
        db,
        "schedule",
        sid,
        office.editor,
        now + timedelta(hours=3),
        embargo=now + timedelta(hours=2),
    )
    assert step(db, "unschedule", sid, office.editor).status is Status.APPROVED


def test_the_audit_log_refuses_update_and_delete(db: Database, office: Office) -> None:
    drafted(db, office)
    for sql in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"):
        with pytest.raises(PressDeskError), db.transaction() as s:
            s.execute(text(sql))
    with db.reading() as s:
        assert s.scalar(text("SELECT count(*) FROM audit_events WHERE action = 'forged'")) == 0
        assert s.scalar(text("SELECT count(*) FROM audit_events")) > 0


def test_audit_entries_filter_and_export_as_csv(db: Database, office: Office) -> None:
    import csv
    import io

    sid = statement_in(db, office, Status.APPROVED)
    with db.reading() as s:
        approvals = audit.events(s, audit.AuditFilter(action="workflow.approved"))
        assert {e.details["lang"] for e in approvals} == {"tg", "ru", "en"}
        assert all(e.user == "Малика Назарова" and e.statement_id == sid for e in approvals)
        family = audit.events(s, audit.AuditFilter(action="workflow", username="nigora"))
        assert [e.action for e in family] == ["workflow.submitted"]
        assert "workflow.approved" in audit.actions(s)
    out = io.StringIO()
    audit.write_csv(approvals, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:5] == ["id", "time_utc", "user", "name", "action"]
    assert len(rows) == 4 and rows[1][4] == "workflow.approved"


def test_only_an_admin_imports_published_statements(db: Database, office: Office, tmp_path) -> None:
    from app.core.approvals import language_states
    from app.core.importing.importer import import_paths

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "visit.md").write_text(
        "---\ntitle: Visit\ndate: 2021-03-04T10:00:00+05:00\ndraft: false\n---\nText.\n",
        encoding="utf-8",
    )
    as_writer = import_paths(db, [tmp_path / "site"], default_lang="en", actor_id=office.writer)
    assert as_writer.created == 1
    assert any("only an admin imports published" in w for w in as_writer.warnings)
    with db.reading() as s:
        (statement,) = s.scalars(select(Statement))
        assert statement.status is Status.DRAFT and statement.published_at is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "talk.md").write_text(
        "---\ntitle: Talk\ndate: 2021-03-05\n---\nText.\n", encoding="utf-8"
    )
    import_paths(db, [tmp_path / "other"], default_lang="en", actor_id=office.admin)
    with db.reading() as s:
        talk = s.scalar(select(Statement).where(Statement.slug == "talk"))
        assert talk.status is Status.PUBLISHED
        # Its words were public already: approved as they stand, so no editor is asked.
        assert language_states(s, [talk.id], ["en"])[talk.id]["en"] is LangState.APPROVED
        assert review.review_queue(s, office.editor, frozenset({"editor"})).count == 0
