"""The editorial workflow of DESIGN.md as a state machine, enforced here for the app and the CLI.

draft ─submit→ in review ─approve every required language→ approved ─schedule→ scheduled
─(time reached)→ published ─withdraw→ withdrawn; an editor sends a language back (with a
comment) to draft. Each step names the statuses it starts from and the action it needs
(`permissions`); a step from anywhere else, or by someone without the role, raises an
error saying why and who may. An edit of an approved text voids its approval
(`approvals`): an approved statement falls back to review.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import approvals, audit, checklist, comments
from app.core.approvals import LangState, TextState
from app.core.content import TextContent
from app.core.errors import PermissionDenied, PressDeskError
from app.core.models import (
    Approval,
    Correction,
    Decision,
    PublishedRevision,
    Revision,
    Statement,
    Status,
    User,
)
from app.core.moments import local_time
from app.core.permissions import Action, require
from app.core.settings import OfficeSettings, load_settings
from app.core.sqltypes import utcnow
from app.core.statements import claim_meta_version, get_statement, store_related_terms
from app.core.translation import memory


class Step(enum.StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send back"
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"


#: Where each step may start from.
STARTS_FROM: dict[Step, frozenset[Status]] = {
    Step.SUBMIT: frozenset({Status.DRAFT}),
    # A published or scheduled statement whose text changed needs that text approved again.
    Step.APPROVE: frozenset(
        {Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED}
    ),
    Step.SEND_BACK: frozenset(
        {Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED}
    ),
    Step.SCHEDULE: frozenset({Status.APPROVED, Status.SCHEDULED}),
    Step.UNSCHEDULE: frozenset({Status.SCHEDULED}),
    Step.PUBLISH: frozenset({Status.SCHEDULED}),
    Step.WITHDRAW: frozenset({Status.PUBLISHED}),
}

ACTION: dict[Step, Action] = {
    Step.SUBMIT: Action.SUBMIT,
    Step.APPROVE: Action.APPROVE,
    Step.SEND_BACK: Action.SEND_BACK,
    Step.SCHEDULE: Action.SCHEDULE,
    Step.UNSCHEDULE: Action.SCHEDULE,
    Step.PUBLISH: Action.SCHEDULE,
    Step.WITHDRAW: Action.WITHDRAW,
}

_STATUS_WORDS = {
    Status.DRAFT: "a draft",
    Status.IN_REVIEW: "in review",
    Status.APPROVED: "approved",
    Status.SCHEDULED: "scheduled",
    Status.PUBLISHED: "published",
    Status.WITHDRAWN: "withdrawn",
}


class WorkflowError(PressDeskError):
    """A step that the statement's status or its texts do not allow now."""


@dataclass(frozen=True, slots=True)
class StepResult:
    """What a step did: the status before and after, and the languages it decided on."""

    statement_id: int
    step: Step
    status_before: Status
    status: Status
    langs: tuple[str, ...] = ()
    #: When a scheduled statement goes out (the schedule step only).
    at: datetime | None = None


def _begin(session: Session, statement_id: int, actor_id: int | None, step: Step):
    user = require(session, actor_id, ACTION[step])
    statement = get_statement(session, statement_id)
    if statement.status not in STARTS_FROM[step]:
        allowed = " or ".join(sorted(_STATUS_WORDS[s] for s in STARTS_FROM[step]))
        raise WorkflowError(
            f"cannot {step.value} “{statement.slug}”: it is {_STATUS_WORDS[statement.status]}, "
            f"and only a statement that is {allowed} can be"
        )
    return user, statement


def _states(session: Session, statement_id: int) -> dict[str, TextState]:
    return approvals.text_states(session, [statement_id])[statement_id]


def _hashes(states: dict[str, TextState]) -> dict[str, str]:
    return {lang: state.content_hash for lang, state in sorted(states.items())}


def _pin(session: Session, statement_id: int, states: Iterable[TextState], now: datetime) -> None:
    """Puts these texts on the website as they stand (the export renders pinned revisions);
    their related-article terms become those of the words now shown."""
    for state in states:
        revision = session.get(Revision, state.revision_id)
        store_related_terms(
            session,
            state.text_id,
            TextContent.of(revision),
            state.lang,
        )
        pin = session.get(PublishedRevision, (statement_id, state.lang))
        if pin is None:
            session.add(
                PublishedRevision(
                    statement_id=statement_id,
                    lang=state.lang,
                    revision_id=state.revision_id,
                    pinned_at=now,
                )
            )
        elif pin.revision_id != state.revision_id:
            pin.revision_id, pin.pinned_at = state.revision_id, now


def _settle(session: Session, statement: Statement, settings: OfficeSettings) -> None:
    """In review becomes approved once every required language is approved as it stands."""
    if statement.status is Status.IN_REVIEW and not approvals.unapproved(
        session, statement.id, settings.required_langs
    ):
        statement.status = Status.APPROVED


def submit(
    session: Session, statement_id: int, actor_id: int | None, *, comment: str = ""
) -> StepResult:
    """A draft goes to the editors for review."""
    user, statement = _begin(session, statement_id, actor_id, Step.SUBMIT)
    statement.status = Status.IN_REVIEW
    _settle(session, statement, load_settings(session))
    states = _states(session, statement_id)
    if comment.strip():
        comments.add_comment(session, statement_id, user.id, comment)
    audit.record(session, "workflow.submitted", user.id, statement_id, hashes=_hashes(states))
    return StepResult(statement_id, Step.SUBMIT, Status.DRAFT, statement.status)


def _approval_problem(
    session: Session,
    user: User,
    statement: Statement,
    state: TextState,
    settings: OfficeSettings,
) -> str | None:
    if state.state is LangState.NEEDS_UPDATE:
        return (
            f"the {state.lang} translation was made from an older {statement.source_lang} "
            "text: its translator updates it first"
        )
    if settings.four_eyes and state.author_id == user.id:
        return (
            f"{user.display_name} wrote the current {state.lang} text, and the office's "
            "four-eyes rule has another editor approve it"
        )
    return None


def _record_decision(
    session: Session,
    state: TextState,
    decision: Decision,
    user: User,
    comment: str,
    now: datetime,
) -> Approval:
    approval = Approval(
        text_id=state.text_id,
        revision_id=state.revision_id,
        content_hash=state.content_hash,
        decision=decision,
        comment=comment,
        editor_id=user.id,
        created_at=now,
    )
    session.add(approval)
    session.flush()
    return approval


def approve(
    session: Session,
    statement_id: int,
    langs: Iterable[str] | None,
    actor_id: int | None,
    *,
    comment: str = "",
) -> StepResult:
    """Approves the current revision of each of ``langs`` (None: every text not yet approved).

    All or nothing: if one language cannot be approved (four eyes, a translation behind its
    source, no text), nothing is, and the error names every reason.
    """
    user, statement = _begin(session, statement_id, actor_id, Step.APPROVE)
    settings = load_settings(session)
    states = _states(session, statement_id)
    if langs is None:
        wanted = [s for s in states.values() if s.state is not LangState.APPROVED]
    else:
        wanted = []
        for lang in langs:
            if lang not in states:
                raise WorkflowError(f"“{statement.slug}” has no {lang} text to approve")
            if states[lang].state is not LangState.APPROVED:
                wanted.append(states[lang])
    problems = [
        problem
        for state in wanted
        if (problem := _approval_problem(session, user, statement, state, settings))
    ]
    if problems:
        raise PermissionDenied("cannot approve: " + "; ".join(problems))
    before = statement.status
    now = utcnow()
    for state in wanted:
        _record_decision(session, state, Decision.APPROVED, user, comment, now)
        if not state.is_source:
            # An approved translation is what the memory should offer again.
            base = session.scalar(
                select(Revision.source_revision_id).where(Revision.id == state.revision_id)
            )
            if base is not None:
                memory.feed(session, base, state.revision_id)
        audit.record(
            session,
            "workflow.approved",
            user.id,
            statement_id,
            lang=state.lang,
            revision_id=state.revision_id,
            content_hash=state.content_hash,
        )
    if statement.status is Status.PUBLISHED and wanted:
        # A published statement's approved change goes to the website with the next export.
        _pin(session, statement_id, wanted, now)
        audit.record(
            session,
            "publication.updated",
            user.id,
            statement_id,
            hashes={s.lang: s.content_hash for s in wanted},
        )
    _settle(session, statement, settings)
    if statement.status is not before:
        audit.record(
            session,
            "workflow.status",
            user.id,
            statement_id,
            before=before.value,
            after=statement.status.value,
        )
    return StepResult(
        statement_id, Step.APPROVE, before, statement.status, tuple(s.lang for s in wanted)
    )


def send_back(
    session: Session,
    statement_id: int,
    lang: str,
    actor_id: int | None,
    comment: str,
    *,
    paragraph: int | None = None,
) -> StepResult:
    """Returns one language to its author with a comment saying what to change.

    The statement goes back to draft (a schedule is cleared); a published statement stays
    published, its site pages unchanged, while the edit of that language is reworked.
    """
    user, statement = _begin(session, statement_id, actor_id, Step.SEND_BACK)
    if not comment.strip():
        raise WorkflowError("sending a text back needs a comment saying what to change")
    states = _states(session, statement_id)
    if lang not in states:
        raise WorkflowError(f"“{statement.slug}” has no {lang} text to send back")
    state = states[lang]
    before = statement.status
    approval = _record_decision(session, state, Decision.SENT_BACK, user, comment.strip(), utcnow())
    comments.add_comment(
        session,
        statement_id,
        user.id,
        comment,
        lang=lang,
        paragraph=paragraph,
        approval_id=approval.id,
    )
    if before is not Status.PUBLISHED:
        statement.status = Status.DRAFT
        statement.scheduled_at = None
    audit.record(
        session,
        "workflow.sent_back",
        user.id,
        statement_id,
        lang=lang,
        revision_id=state.revision_id,
        content_hash=state.content_hash,
        comment=comment.strip(),
        before=before.value,
        after=statement.status.value,
    )
    return StepResult(statement_id, Step.SEND_BACK, before, statement.status, (lang,))


def schedule(
    session: Session,
    statement_id: int,
    actor_id: int | None,
    at: datetime,
    *,
    embargo: datetime | None = None,
    override_reason: str | None = None,
    now: datetime | None = None,
    meta_version: int | None = None,
    expires: datetime | None = None,
) -> StepResult:
    """Sets the moment an approved statement is to be published (``at``, aware, any zone),
    and optionally when its pages come down by themselves (``expires``).

    Every required language must be approved, the moment in the future and not before the
    embargo. The pre-publish checklist must pass, or an editor overrides it with a reason.
    With ``meta_version`` (what the editor saw), a schedule someone changed since is a
    conflict rather than overwritten.
    """
    user, statement = _begin(session, statement_id, actor_id, Step.SCHEDULE)
    if meta_version is not None:
        claim_meta_version(session, statement, meta_version)
    settings = load_settings(session)
    now = now or utcnow()
    if at.tzinfo is None:
        raise ValueError("a schedule needs an aware datetime")
    if at <= now:
        raise WorkflowError(
            f"{local_time(at, settings.timezone)} has passed: choose a moment in the future"
        )
    if embargo is not None and at < embargo:
        raise WorkflowError(
            f"the embargo lasts until {local_time(embargo, settings.timezone)}: "
            "the statement cannot be published before it"
        )
    if expires is not None and expires <= at:
        raise WorkflowError("a statement comes down after it goes out: choose a later expiry")
    missing = approvals.unapproved(session, statement_id, settings.required_langs)
    if missing:
        raise WorkflowError(
            "cannot schedule before every required language is approved: "
            + ", ".join(missing)
            + " not approved"
        )
    failures = checklist.run(session, statement_id, settings)
    if failures and not (override_reason and override_reason.strip()):
        raise checklist.ChecklistFailed(failures)
    if failures:
        require(session, user.id, Action.OVERRIDE_CHECKLIST)
        audit.record(
            session,
            "checklist.overridden",
            user.id,
            statement_id,
            reason=override_reason.strip(),
            failures=[f.message for f in failures],
        )
    before = statement.status
    statement.status = Status.SCHEDULED
    statement.scheduled_at = at
    statement.embargo_until = embargo
    statement.expires_at = expires
    # A new moment is a new attempt: an earlier failure no longer marks it.
    statement.publish_error = None
    statement.publish_failed_at = None
    audit.record(
        session,
        "workflow.scheduled",
        user.id,
        statement_id,
        at=at.isoformat(),
        embargo=embargo.isoformat() if embargo else None,
        expires=expires.isoformat() if expires else None,
        hashes=_hashes(_states(session, statement_id)),
    )
    return StepResult(statement_id, Step.SCHEDULE, before, statement.status, at=at)


def set_expiry(
    session: Session,
    statement_id: int,
    actor_id: int | None,
    expires: datetime | None,
    *,
    now: datetime | None = None,
) -> StepResult:
    """When a scheduled or published statement's pages come down by themselves (None:
    never); the next export after that moment removes them, listed as deletions."""
    user = require(session, actor_id, Action.SCHEDULE)
    statement = get_statement(session, statement_id)
    if statement.status not in (Status.SCHEDULED, Status.PUBLISHED):
        raise WorkflowError(
            f"only a scheduled or published statement comes down at a set time; "
            f"“{statement.slug}” is {_STATUS_WORDS[statement.status]}"
        )
    now = now or utcnow()
    start = statement.published_at or statement.scheduled_at or now
    if expires is not None and (expires <= now or expires <= start):
        raise WorkflowError("a statement comes down after it goes out and after now")
    statement.expires_at = expires
    audit.record(
        session,
        "workflow.expiry",
        user.id,
        statement_id,
        expires=expires.isoformat() if expires else None,
    )
    return StepResult(statement_id, Step.SCHEDULE, statement.status, statement.status)


def unschedule(session: Session, statement_id: int, actor_id: int | None) -> StepResult:
    """Takes a statement off the schedule; it stays approved (or in review, if a text changed)."""
    user, statement = _begin(session, statement_id, actor_id, Step.UNSCHEDULE)
    settings = load_settings(session)
    statement.scheduled_at = None
    statement.status = Status.IN_REVIEW
    _settle(session, statement, settings)
    audit.record(session, "workflow.unscheduled", user.id, statement_id)
    return StepResult(statement_id, Step.UNSCHEDULE, Status.SCHEDULED, statement.status)


def publish(
    session: Session,
    statement_id: int,
    actor_id: int | None,
    *,
    now: datetime | None = None,
    on_schedule: bool = False,
) -> StepResult:
    """A scheduled statement whose moment has come goes out, if every required language is
    still approved as it stands (checked again now: an edit a second ago voids it).

    By hand, an editor publishes. ``on_schedule``: the publisher carries out the schedule an
    editor set (whose roles were checked then; ``actor_id`` is that editor, if known, or
    None), so an account disabled since does not hold the statement back.
    """
    if on_schedule:
        statement = get_statement(session, statement_id)
        if statement.status not in STARTS_FROM[Step.PUBLISH]:
            raise WorkflowError(
                f"cannot publish “{statement.slug}”: it is {_STATUS_WORDS[statement.status]}"
            )
        user_id = actor_id
    else:
        user, statement = _begin(session, statement_id, actor_id, Step.PUBLISH)
        user_id = user.id
    settings = load_settings(session)
    now = now or utcnow()
    if statement.scheduled_at is not None and statement.scheduled_at > now:
        raise WorkflowError(
            f"“{statement.slug}” is scheduled for "
            f"{local_time(statement.scheduled_at, settings.timezone)}, not yet"
        )
    if statement.embargo_until is not None and now < statement.embargo_until:
        raise WorkflowError(
            f"“{statement.slug}” is under embargo until "
            f"{local_time(statement.embargo_until, settings.timezone)}"
        )
    missing = approvals.unapproved(session, statement_id, settings.required_langs)
    if missing:
        raise WorkflowError(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not approved as it stands"
        )
    # Every approved language goes out together; an optional one not approved stays off.
    going = [s for s in _states(session, statement_id).values() if s.state is LangState.APPROVED]
    _pin(session, statement_id, going, now)
    statement.status = Status.PUBLISHED
    statement.published_at = statement.published_at or now
    statement.publish_error = None
    statement.publish_failed_at = None
    audit.record(
        session,
        "workflow.published",
        user_id,
        statement_id,
        on_schedule=on_schedule,
        hashes=_hashes({s.lang: s for s in going}),
        delay_seconds=int((now - statement.scheduled_at).total_seconds())
        if statement.scheduled_at
        else 0,
    )
    return StepResult(statement_id, Step.PUBLISH, Status.SCHEDULED, statement.status)


def withdraw(
    session: Session, statement_id: int, actor_id: int | None, *, reason: str = ""
) -> StepResult:
    """Takes a published statement off the website (its pages go with the next export)."""
    user, statement = _begin(session, statement_id, actor_id, Step.WITHDRAW)
    statement.status = Status.WITHDRAWN
    if reason.strip():
        comments.add_comment(session, statement_id, user.id, reason)
    audit.record(session, "workflow.withdrawn", user.id, statement_id, reason=reason.strip())
    return StepResult(statement_id, Step.WITHDRAW, Status.PUBLISHED, statement.status)


def published_langs(session: Session, statement_id: int) -> list[str]:
    """The languages the statement is on the website in (a correction speaks in each)."""
    return sorted(
        session.scalars(
            select(PublishedRevision.lang).where(PublishedRevision.statement_id == statement_id)
        )
    )


def correct(
    session: Session,
    statement_id: int,
    actor_id: int | None,
    notes: dict[str, str],
    *,
    now: datetime | None = None,
) -> int:
    """Adds a dated correction note to a published statement, in every language it is
    published in; the pages show it and the feeds announce the update."""
    user = require(session, actor_id, Action.CORRECT)
    statement = get_statement(session, statement_id)
    if statement.status is not Status.PUBLISHED:
        raise WorkflowError(
            f"only a published statement takes a correction; “{statement.slug}” is "
            f"{_STATUS_WORDS[statement.status]}"
        )
    published = set(published_langs(session, statement_id))
    notes = {lang: note.strip() for lang, note in notes.items() if note.strip()}
    missing = sorted(published - set(notes))
    if missing:
        raise WorkflowError(
            "a correction is shown in every language the statement is published in: "
            f"write it in {', '.join(missing)} too"
        )
    correction = Correction(
        statement_id=statement_id,
        notes=json.dumps({lang: notes[lang] for lang in sorted(published)}, ensure_ascii=False),
        author_id=user.id,
        created_at=now or utcnow(),
    )
    session.add(correction)
    session.flush()
    audit.record(
        session, "publication.corrected", user.id, statement_id, correction_id=correction.id
    )
    return correction.id


def publish_imported(
    session: Session,
    statement_id: int,
    actor_id: int | None,
    published_at: datetime,
    *,
    hidden: bool = False,
) -> bool:
    """A migration: a statement imported from a site where it was published goes on as it
    was there, its texts approved by the importing admin (their words were public already).

    Only an admin may; anyone else's import stays a draft, and this returns False.
    """
    try:
        user = require(session, actor_id, Action.IMPORT_PUBLISHED)
    except PermissionDenied:
        return False
    statement = get_statement(session, statement_id)
    now = utcnow()
    states = list(_states(session, statement_id).values())
    for state in states:
        _record_decision(session, state, Decision.APPROVED, user, "imported as published", now)
    _pin(session, statement_id, states, now)
    statement.status = Status.PUBLISHED
    statement.published_at = published_at
    statement.hidden = hidden
    audit.record(
        session,
        "import.published",
        user.id,
        statement_id,
        published_at=published_at.isoformat(),
        hidden=hidden,
        hashes=_hashes({s.lang: s for s in states}),
    )
    return True


def after_text_edit(
    session: Session,
    statement: Statement,
    before: dict[str, TextState],
    actor_id: int | None,
) -> tuple[str, ...]:
    """Voids what an edit voided: the languages approved before and not now.

    An approved statement goes back to review. A scheduled or published one keeps its
    status: publishing checks approvals again at its minute and the review queue shows
    the change; the website keeps what was approved.
    """
    after = _states(session, statement.id)
    voided = tuple(
        lang
        for lang, state in sorted(before.items())
        if state.state is LangState.APPROVED
        and (lang not in after or after[lang].state is not LangState.APPROVED)
    )
    if not voided:
        return ()
    status_before = statement.status
    if statement.status is Status.APPROVED:
        statement.status = Status.IN_REVIEW
    audit.record(
        session,
        "approval.voided",
        actor_id,
        statement.id,
        langs=list(voided),
        approved=_hashes({lang: before[lang] for lang in voided}),
        now=_hashes({lang: after[lang] for lang in voided if lang in after}),
        before=status_before.value,
        after=statement.status.value,
    )
    return voided
