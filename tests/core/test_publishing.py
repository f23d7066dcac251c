"""Publishing at the set minute: all required languages or none, exactly once however many
publishers try, failures recorded where people look, and missed minutes handled by policy."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.core import calendar, live, publishing, workflow
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.models import AuditEvent, PublishedRevision, Revision, Statement, Status
from app.core.saving import StatementSave
from app.core.settings import load_settings, save_settings
from app.core.sqltypes import utcnow
from tests.core import concurrent_publishers
from tests.core.conftest import Office
from tests.core.test_workflow import EN, RU, drafted, save, version


def scheduled(db: Database, office: Office, at) -> int:
    sid = drafted(db, office)
    with db.transaction() as s:
        workflow.submit(s, sid, office.writer)
        workflow.approve(s, sid, None, office.editor)
        workflow.schedule(s, sid, office.editor, at, now=at - timedelta(hours=1))
    return sid


def published(db: Database, office: Office) -> tuple[int, datetime]:
    """A statement scheduled two minutes from now, published at that minute; and the minute."""
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    publishing.publish_due(db, now=at)
    return sid, at


def status(db: Database, sid: int) -> Statement:
    with db.reading() as s:
        return s.get(Statement, sid)


def test_due_statements_go_out_with_their_pins(db: Database, office: Office) -> None:
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    assert publishing.publish_due(db, now=at - timedelta(seconds=1)).published == []
    run = publishing.publish_due(db, now=at)
    assert [o.statement_id for o in run.published] == [sid] and run.ok
    st = status(db, sid)
    assert st.status is Status.PUBLISHED and st.published_at == at
    with db.reading() as s:
        pins = dict(s.execute(select(PublishedRevision.lang, PublishedRevision.revision_id)).all())
        assert set(pins) == {"tg", "ru", "en"}
        assert s.scalar(select(func.count()).where(live.live_at(at))) == 1
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "workflow.published"))
        assert event.user_id == office.editor  # on behalf of the editor who scheduled it


def test_a_later_edit_stays_off_the_site_until_approved(db: Database, office: Office) -> None:
    sid, _ = published(db, office)
    with db.reading() as s:
        before = s.get(PublishedRevision, (sid, "ru")).revision_id
    save(
        db,
        office.translator,
        StatementSave(
            sid, "ru", content=replace(RU, lead="Правка."), text_version=version(db, sid, "ru")
        ),
    )
    with db.reading() as s:
        assert s.get(PublishedRevision, (sid, "ru")).revision_id == before
    with db.transaction() as s:
        workflow.approve(s, sid, ["ru"], office.editor)
    with db.reading() as s:
        pinned = s.get(Revision, s.get(PublishedRevision, (sid, "ru")).revision_id)
        assert pinned.lead == "Правка."
    assert status(db, sid).status is Status.PUBLISHED


def test_all_languages_or_none(db: Database, office: Office) -> None:
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    # A second before the minute, the English approval is voided by an edit.
    save(
        db,
        office.translator,
        StatementSave(
            sid, "en", content=replace(EN, lead="Changed."), text_version=version(db, sid, "en")
        ),
    )
    run = publishing.publish_due(db, now=at)
    assert run.published == [] and not run.ok
    (failure,) = run.failed
    assert "en is not approved" in failure.reason and not failure.repeated
    st = status(db, sid)
    assert st.status is Status.SCHEDULED and "en is not approved" in st.publish_error
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(PublishedRevision)) == 0
        (entry,) = calendar.entries(
            s,
            at - timedelta(days=1),
            at + timedelta(days=1),
            at,
            ("tg", "ru", "en"),
            ("tg", "ru", "en"),
        )
        assert entry.mark is calendar.Mark.FAILED and not entry.ready
    # The next run does not say it again; once approved, it goes out.
    (again,) = publishing.publish_due(db, now=at + timedelta(minutes=1)).failed
    assert again.repeated and again.reason == failure.reason
    with db.reading() as s:
        failures = s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "publish.failed")
        )
    assert failures == 1
    with db.transaction() as s:
        workflow.approve(s, sid, ["en"], office.editor)
    assert [
        o.statement_id for o in publishing.publish_due(db, now=at + timedelta(minutes=2)).published
    ] == [sid]
    assert status(db, sid).publish_error is None


def test_a_failed_export_puts_the_statement_back(db: Database, office: Office) -> None:
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)

    def broken_export() -> None:
        raise PressDeskError("the export folder /srv/site does not exist")

    run = publishing.publish_due(db, now=at, export=broken_export)
    assert run.published == [] and run.export_error
    assert "the export failed: the export folder /srv/site does not exist" in run.failed[0].reason
    st = status(db, sid)
    assert st.status is Status.SCHEDULED and st.published_at is None
    with db.reading() as s:
        assert s.scalar(select(func.count()).where(live.live_at(at))) == 0


@pytest.mark.parametrize("policy", ["publish", "wait"])
def test_missed_minutes_follow_the_office_policy(db: Database, office: Office, policy: str) -> None:
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    with db.transaction() as s:
        save_settings(s, replace(load_settings(s), overdue_policy=policy))
    later = at + timedelta(hours=3)  # the office was closed
    with db.reading() as s:
        assert calendar.overdue(s, later) == [sid]
    run = publishing.publish_due(db, now=later)
    if policy == "publish":
        assert [o.statement_id for o in run.published] == [sid]
        with db.reading() as s:
            event = s.scalar(
                select(AuditEvent.details).where(AuditEvent.action == "workflow.published")
            )
        assert '"delay_seconds": 10800' in event
    else:
        assert run.published == [] and [o.statement_id for o in run.overdue] == [sid]
        assert status(db, sid).status is Status.SCHEDULED


def test_next_due_is_the_next_minute_or_expiry(db: Database, office: Office) -> None:
    now = utcnow()
    first = scheduled(db, office, now + timedelta(minutes=30))
    scheduled(db, office, now + timedelta(minutes=10))
    with db.reading() as s:
        assert publishing.next_due(s, now) == now + timedelta(minutes=10)
    publishing.publish_due(db, now=now + timedelta(minutes=30))
    with db.transaction() as s:
        s.get(Statement, first).expires_at = now + timedelta(hours=1)
    with db.reading() as s:
        assert publishing.next_due(s, now + timedelta(minutes=31)) == now + timedelta(hours=1)
        assert s.scalar(select(func.count()).where(live.live_at(now + timedelta(minutes=59)))) == 2
        assert s.scalar(select(func.count()).where(live.live_at(now + timedelta(hours=2)))) == 1


@pytest.mark.slow
def test_concurrent_publishers_publish_each_statement_once(db: Database, office: Office) -> None:
    at = utcnow() + timedelta(minutes=5)
    ids = [scheduled(db, office, at) for _ in range(12)]
    context = multiprocessing.get_context("spawn")
    workers = 3
    barrier = context.Barrier(workers)
    results = context.Queue()
    url = db.url.render_as_string(hide_password=False)
    processes = [
        context.Process(target=concurrent_publishers.run, args=(url, at, barrier, results))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    published = Counter(sid for ids_, _ in outcomes for sid in ids_)
    assert published == Counter(ids), outcomes
    assert [reason for _, reasons in outcomes for reason in reasons] == []
    with db.reading() as s:
        events = Counter(
            s.scalars(
                select(AuditEvent.statement_id).where(AuditEvent.action == "workflow.published")
            )
        )
    assert events == Counter(ids)


def test_a_correction_needs_every_published_language(db: Database, office: Office) -> None:
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    with (
        pytest.raises(workflow.WorkflowError, match="only a published statement"),
        db.transaction() as s,
    ):
        workflow.correct(s, sid, office.editor, {"tg": "Ислоҳ."})
    publishing.publish_due(db, now=at)
    with (
        pytest.raises(workflow.WorkflowError, match="write it in en, ru too"),
        db.transaction() as s,
    ):
        workflow.correct(s, sid, office.editor, {"tg": "Ислоҳ."})
    with pytest.raises(PressDeskError, match="only editors"), db.transaction() as s:
        workflow.correct(s, sid, office.writer, {"tg": "x", "ru": "x", "en": "x"})
    with db.transaction() as s:
        workflow.correct(
            s,
            sid,
            office.editor,
            {"tg": "Сана ислоҳ шуд.", "ru": "Исправлена дата.", "en": "The date was corrected."},
        )


def test_a_correction_from_the_command_line(sqlite_db: Database, tmp_path) -> None:
    import json

    from app.core.models import Correction
    from app.core.users import set_password
    from tests.core.conftest import ADMIN_PASSWORD, make_office
    from tests.core.test_cli import assert_one_line_error, cli

    db = sqlite_db
    office = make_office(db)
    sid, _ = published(db, office)
    path, admin = db.url.database, {"user": "admin", "password": ADMIN_PASSWORD}
    # Admins run the office; corrections, like withdrawals, are an editor's call.
    assert_one_line_error(
        cli(path, "correct", str(sid), "--note", "ru=x", **admin),
        "may not add corrections to published statements: only editors may",
    )
    editor = {"user": "malika", "password": "malika-password"}
    with db.transaction() as s:
        set_password(s, "malika", editor["password"], actor_id=office.admin)
    assert_one_line_error(cli(path, "correct", str(sid), "--note", "ru", **editor), "LANG=TEXT")
    assert_one_line_error(
        cli(path, "correct", str(sid), "--note", "ru=Исправлена дата.", **editor),
        "write it in en, tg too",
    )
    notes = {"tg": "Сана ислоҳ шуд.", "ru": "Исправлена дата.", "en": "The date was corrected."}
    done = cli(path, "correct", str(sid), *[f"--note={k}={v}" for k, v in notes.items()], **editor)
    assert done.returncode == 0 and "correction added" in done.stdout, done.stderr
    with db.reading() as s:
        (kept,) = s.scalars(select(Correction.notes).where(Correction.statement_id == sid))
    assert json.loads(kept) == notes


def test_rescheduling_a_failed_statement_clears_its_failure(db: Database, office: Office) -> None:
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    save(
        db,
        office.translator,
        StatementSave(
            sid, "en", content=replace(EN, lead="Changed."), text_version=version(db, sid, "en")
        ),
    )
    publishing.publish_due(db, now=at)
    assert status(db, sid).publish_error
    with db.transaction() as s:
        workflow.approve(s, sid, ["en"], office.editor)
        workflow.schedule(s, sid, office.editor, at + timedelta(days=1), now=at)
    st = status(db, sid)
    assert st.publish_error is None and st.publish_failed_at is None
    with db.reading() as s:
        (entry,) = calendar.entries(
            s, at, at + timedelta(days=2), at, ("tg", "ru", "en"), ("tg", "ru", "en")
        )
    assert entry.mark is calendar.Mark.SCHEDULED


def test_publish_due_from_the_command_line(sqlite_db: Database, tmp_path) -> None:
    """As cron runs it: what is due goes out with its pages; nothing due is answered before
    SQLAlchemy loads; a failure is one line and exit 1."""
    from tests.core.conftest import make_office
    from tests.core.test_export_stamp import pressdesk

    db = sqlite_db
    office = make_office(db)
    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    out = tmp_path / "site"
    script = (
        "import sys; from app.cli import main; code = main(sys.argv[1:]); "
        "print('sqlalchemy' in sys.modules, code)"
    )
    base = ["--db", db.url.database, "publish-due", "--out", str(out)]
    early = pressdesk(script, [*base, "--now", (at - timedelta(minutes=1)).isoformat()])
    assert early.stdout.splitlines()[-1] == "True 0", early.stderr  # no stamp yet: full path
    run = pressdesk(script, [*base, "--now", at.isoformat()])
    assert run.stdout.splitlines()[-1] == "True 0", run.stderr
    assert f"published {sid} " in run.stdout
    assert status(db, sid).status is Status.PUBLISHED
    articles = sorted(p.relative_to(out).parts[0] for p in out.glob("*/[0-9]*/[0-9]*/*.html"))
    assert articles == ["en", "ru", "tg"]
    # Nothing due any more and the site up to date: said without loading SQLAlchemy.
    quiet = pressdesk(script, [*base, "--now", (at + timedelta(minutes=1)).isoformat()])
    assert quiet.stdout.split() == ["False", "0"], quiet.stderr
    assert "nothing is due" in quiet.stderr
    # A statement whose approval was voided a second before its minute: one line, exit 1.
    later = at + timedelta(hours=1)
    other = scheduled(db, office, later)
    save(
        db,
        office.translator,
        StatementSave(
            other, "ru", content=replace(RU, lead="Иначе."), text_version=version(db, other, "ru")
        ),
    )
    failed = pressdesk(script, [*base, "--now", later.isoformat()])
    assert failed.stdout.splitlines()[-1] == "True 1"
    (line,) = [line for line in failed.stderr.splitlines() if line.startswith("failed:")]
    assert f"failed: {other} " in line and "ru is not approved" in line


def test_a_correction_shows_on_every_page_and_updates_the_feed(
    db: Database, office: Office, tmp_path
) -> None:
    import feedparser

    from app.core.export.run import export_site

    sid, at = published(db, office)
    out = tmp_path / "site"
    export_site(db, out, workers=1, at=at)
    later = at + timedelta(days=1)
    with db.transaction() as s:
        workflow.correct(
            s,
            sid,
            office.editor,
            {"tg": "Сана ислоҳ шуд.", "ru": "Исправлена дата.", "en": "The date was corrected."},
            now=later,
        )
    report = export_site(db, out, workers=1, changed_only=True, at=later)
    pages = {p.parts[-4]: p.read_text() for p in out.glob("*/[0-9]*/[0-9]*/*.html")}
    assert "Исправлена дата." in pages["ru"] and "The date was corrected." in pages["en"]
    assert "Сана ислоҳ шуд." in pages["tg"] and "Исправления" in pages["ru"]
    assert "ru/feed.xml" in report.written
    (entry,) = feedparser.parse((out / "ru" / "feed.xml").read_text()).entries
    assert entry.updated.startswith(later.astimezone(UTC).strftime("%Y-%m-%dT%H:%M"))
    fresh = tmp_path / "fresh"
    export_site(db, fresh, workers=1, at=later)
    from tests.core.test_export import files

    assert files(out) == files(fresh)


def test_pages_come_down_at_their_expiry(db: Database, office: Office, tmp_path) -> None:
    from app.core.export.run import export_site

    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    with db.transaction() as s:
        with pytest.raises(workflow.WorkflowError, match="after it goes out"):
            workflow.schedule(s, sid, office.editor, at, now=at - timedelta(hours=1), expires=at)
        workflow.schedule(
            s, sid, office.editor, at, now=at - timedelta(hours=1), expires=at + timedelta(days=2)
        )
    publishing.publish_due(db, now=at)
    out = tmp_path / "site"
    export_site(db, out, workers=1, at=at + timedelta(days=1))
    assert len(list(out.glob("*/[0-9]*/[0-9]*/*.html"))) == 3
    with db.reading() as s:
        assert publishing.next_due(s, at + timedelta(days=1)) == at + timedelta(days=2)
    report = export_site(
        db, out, workers=1, changed_only=True, at=at + timedelta(days=2), allow_shrink=True
    )
    assert len([p for p in report.removed if p.count("/") == 3]) == 3
    with db.transaction() as s, pytest.raises(PressDeskError, match="only editors"):
        workflow.set_expiry(s, sid, office.writer, None)
    with db.transaction() as s:
        workflow.set_expiry(s, sid, office.editor, None, now=at + timedelta(days=3))
    export_site(db, out, workers=1, changed_only=True, at=at + timedelta(days=3))
    assert len(list(out.glob("*/[0-9]*/[0-9]*/*.html"))) == 3


@pytest.mark.parametrize("pages", ["remove", "notice"])
def test_a_withdrawn_statement_leaves_or_leaves_a_notice(
    db: Database, office: Office, tmp_path, pages: str
) -> None:
    from app.core.export.run import export_site
    from tests.core.test_export import files

    with db.transaction() as s:
        save_settings(s, replace(load_settings(s), withdrawn_pages=pages))
    sid, at = published(db, office)
    out = tmp_path / "site"
    export_site(db, out, workers=1, at=at, base_url="https://press.example.tj")
    before = sorted(p.relative_to(out).as_posix() for p in out.glob("*/[0-9]*/[0-9]*/*.html"))
    assert len(before) == 3
    with db.transaction() as s:
        workflow.withdraw(s, sid, office.editor, reason="Ошибка в цифрах.")
    later = at + timedelta(hours=1)
    report = export_site(
        db,
        out,
        workers=1,
        changed_only=True,
        at=later,
        allow_shrink=True,
        base_url="https://press.example.tj",
    )
    after = sorted(p.relative_to(out).as_posix() for p in out.glob("*/[0-9]*/[0-9]*/*.html"))
    if pages == "remove":
        assert after == [] and sorted(p for p in report.removed if p in before) == before
    else:
        assert after == before
        ru = next(out.glob("ru/[0-9]*/[0-9]*/*.html")).read_text()
        assert "Это заявление отозвано" in ru and "Текст заявления" not in ru
        assert "noindex" in ru
        for listing in ("ru/index.html", "ru/feed.xml", "sitemap.xml"):
            assert before[1].rsplit("/", 1)[-1] not in (out / listing).read_text()
    fresh = tmp_path / "fresh"
    export_site(db, fresh, workers=1, at=later, base_url="https://press.example.tj")
    assert files(out) == files(fresh)


def test_the_site_after_publishing_equals_a_fresh_export(
    db: Database, office: Office, tmp_path
) -> None:
    from app.core.export.run import export_site
    from tests.core.test_export import files

    first, at = published(db, office)
    out = tmp_path / "site"
    export_site(db, out, workers=1, at=at)
    later = at + timedelta(hours=1)
    second = scheduled(db, office, later)
    run = publishing.publish_due(
        db, now=later, export=lambda: export_site(db, out, changed_only=True, at=later)
    )
    assert [o.statement_id for o in run.published] == [second] and run.ok
    assert first != second
    fresh = tmp_path / "fresh"
    export_site(db, fresh, workers=1, at=later)
    assert files(out) == files(fresh)


def test_a_schedule_holds_when_its_editor_has_left(db: Database, office: Office) -> None:
    """The publisher carries out the schedule; the account that set it may be gone by then."""
    from app.core.models import User

    at = utcnow() + timedelta(minutes=2)
    sid = scheduled(db, office, at)
    with db.transaction() as s:
        s.get(User, office.editor).active = False
    run = publishing.publish_due(db, now=at)
    assert [o.statement_id for o in run.published] == [sid] and run.ok
