"""Publishing at the set minute: what is due goes out in every required language or not at all,
exactly once however many publishers try, and a failure is recorded where people look.

The running app calls `publish_due` when its timer reaches the next due moment; without the
app, `pressdesk publish-due` does the same from cron or Task Scheduler. Each due statement
is claimed and published in its own transaction (`workflow.publish` checks its approvals
again at that moment); the export then writes what changed. If the export fails, what this
run published goes back to scheduled, with the reason: the database never says "published"
for pages that are not out.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit, listing, live, workflow
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export.output import ExportBusy
from app.core.models import AuditEvent, Statement, Status
from app.core.settings import load_settings
from app.core.sqltypes import utcnow

#: A statement due longer ago than this when a publisher first sees it was missed: nothing
#: ran at its minute. The office's overdue policy decides what happens to it.
OVERDUE_AFTER = timedelta(minutes=5)


class OverduePolicy(enum.StrEnum):
    PUBLISH = "publish"  # publish at once, recording the delay
    WAIT = "wait"  # leave it for an editor to publish or reschedule


@dataclass(frozen=True, slots=True)
class Outcome:
    statement_id: int
    slug: str
    #: The title in the statement's source language, for people.
    title: str
    due: datetime
    #: Empty when published; otherwise why not.
    reason: str = ""
    #: A failure already recorded by an earlier run, for the same reason: the statement
    #: still waits, but nobody needs telling again.
    repeated: bool = False


@dataclass
class PublishRun:
    published: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    #: Missed while nothing ran, and left for an editor (the office waits for one).
    overdue: list[Outcome] = field(default_factory=list)
    #: The export's own report, when it ran; or why it failed.
    export: object | None = None
    export_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.export_error


def _due(session: Session, now: datetime) -> list[tuple[int, str, str, datetime]]:
    return list(
        session.execute(
            listing.with_source(
                select(Statement.id, Statement.slug, listing.SOURCE_TITLE, Statement.scheduled_at)
            )
            .where(Statement.status == Status.SCHEDULED, Statement.scheduled_at <= now)
            .order_by(Statement.scheduled_at, Statement.id)
        ).all()
    )


def next_due(session: Session, now: datetime) -> datetime | None:
    """When the publisher has something to do next: a scheduled minute, or a change of what
    is live by itself (an expiry). The running app's timer waits for it."""
    scheduled = session.scalar(
        select(func.min(Statement.scheduled_at)).where(
            Statement.status == Status.SCHEDULED, Statement.scheduled_at > now
        )
    )
    moments = [m for m in (scheduled, live.next_change(session, now)) if m is not None]
    return min(moments) if moments else None


def _scheduler(session: Session, statement_id: int) -> int | None:
    """The editor who scheduled the statement: the publisher acts for them."""
    return session.scalar(
        select(AuditEvent.user_id)
        .where(AuditEvent.statement_id == statement_id, AuditEvent.action == "workflow.scheduled")
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


def _claim(session: Session, statement_id: int, now: datetime) -> Statement | None:
    """The statement, locked for this transaction, if it is still scheduled and due; None if
    another publisher has it (PostgreSQL skips rows others hold; SQLite's writers queue)."""
    return session.scalar(
        select(Statement)
        .where(
            Statement.id == statement_id,
            Statement.status == Status.SCHEDULED,
            Statement.scheduled_at <= now,
        )
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )


def _record_failure(db: Database, statement_id: int, reason: str, now: datetime) -> bool:
    """Records why the statement did not go out; False if that was already recorded (the
    publisher tries again each run without repeating it)."""
    with db.transaction() as session:
        statement = session.get(Statement, statement_id)
        if statement is None or statement.status is not Status.SCHEDULED:
            return False
        if statement.publish_error == reason:
            return False
        statement.publish_error = reason
        statement.publish_failed_at = now
        audit.record(session, "publish.failed", None, statement_id, reason=reason)
        return True


#: How long a publisher waits for another process's export into the same folder to end.
EXPORT_BUSY_WAIT = timedelta(seconds=90)


def publish_due(
    db: Database,
    *,
    now: datetime | None = None,
    export: Callable[[], object] | None = None,
    blocked: str = "",
) -> PublishRun:
    """Publishes every statement that is due, then runs ``export``.

    ``export`` returns the export's report or raises; on failure what this run published is
    scheduled again with the reason. While another process exports into the same folder,
    the publisher waits for it (up to :data:`EXPORT_BUSY_WAIT`). ``blocked``: why nothing
    can go out (no export folder), recorded on each due statement as its failure.
    """
    now = now or utcnow()
    run = PublishRun()
    with db.reading() as session:
        policy = OverduePolicy(load_settings(session).overdue_policy)
        due = _due(session, now)
    went_out: list[Outcome] = []
    for statement_id, slug, title, at in due:
        outcome = Outcome(statement_id, slug, title, at)
        if now - at > OVERDUE_AFTER and policy is OverduePolicy.WAIT:
            run.overdue.append(outcome)
            continue
        if blocked:
            recorded = _record_failure(db, statement_id, blocked, now)
            run.failed.append(replace(outcome, reason=blocked, repeated=not recorded))
            continue
        try:
            with db.transaction() as session:
                statement = _claim(session, statement_id, now)
                if statement is None:
                    continue  # another publisher got it first: published once, by them
                actor = _scheduler(session, statement_id)
                workflow.publish(session, statement_id, actor, now=now, on_schedule=True)
        except PressDeskError as error:
            recorded = _record_failure(db, statement_id, str(error), now)
            run.failed.append(replace(outcome, reason=str(error), repeated=not recorded))
            continue
        went_out.append(outcome)
    if export is not None:
        # Even with nothing published: an expired statement's pages come down.
        try:
            run.export = _export_when_free(export)
        except PressDeskError as error:
            run.export_error = str(error)
            reason = f"the export failed: {error}"
            for outcome in went_out:
                _unpublish(db, outcome.statement_id, reason, now)
                run.failed.append(replace(outcome, reason=reason))
            went_out = []
    run.published = went_out
    return run


def _export_when_free(export: Callable[[], object]) -> object:
    """Runs the export, waiting while another process exports into the same folder."""
    deadline = time.monotonic() + EXPORT_BUSY_WAIT.total_seconds()
    while True:
        try:
            return export()
        except ExportBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _unpublish(db: Database, statement_id: int, reason: str, now: datetime) -> None:
    """Back to scheduled-and-failed: its pages did not go out."""
    with db.transaction() as session:
        statement = session.get(Statement, statement_id)
        if statement is None or statement.status is not Status.PUBLISHED:
            return
        statement.status = Status.SCHEDULED
        statement.published_at = None
        statement.publish_error = reason
        statement.publish_failed_at = now
        audit.record(session, "publish.failed", None, statement_id, reason=reason)
