"""The review queue: what awaits an editor, and what was sent back to a writer or translator."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from app.core import approvals
from app.core.approvals import LangState
from app.core.content import TextContent
from app.core.models import Approval, Decision, Revision, Role, Statement, StatementText, Status
from app.core.permissions import Action, allowed


@dataclass(frozen=True, slots=True)
class QueueEntry:
    statement_id: int
    slug: str
    title: str
    status: Status
    #: The languages that need the person, with their state.
    langs: dict[str, LangState]
    updated_at: datetime
    #: The editor's words, for a text sent back.
    comment: str = ""


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    #: For editors: statements in review, and approved ones whose texts changed since.
    to_review: list[QueueEntry] = field(default_factory=list)
    #: For writers and translators: their texts an editor sent back.
    sent_back: list[QueueEntry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.to_review) + len(self.sent_back)


_current = and_(
    Revision.text_id == StatementText.id, Revision.number == StatementText.revision_number
)


def _entries(
    session: Session,
    statement_ids: set[int],
    wanted: set[LangState],
    author_id: int | None = None,
) -> list[QueueEntry]:
    if not statement_ids:
        return []
    ids = sorted(statement_ids)
    states = approvals.text_states(session, ids)
    rows = session.execute(
        select(Statement.id, Statement.slug, Statement.status, Statement.updated_at, Revision.title)
        .join(StatementText, StatementText.statement_id == Statement.id)
        .join(Revision, _current)
        .where(Statement.id.in_(ids), StatementText.is_source)
    ).all()
    entries = []
    for sid, slug, status, updated_at, title in rows:
        langs = {
            lang: s.state
            for lang, s in sorted(states[sid].items())
            if s.state in wanted and (author_id is None or s.author_id == author_id)
        }
        if not langs:
            continue
        comment = next(
            (
                s.decision_comment
                for s in states[sid].values()
                if s.lang in langs and s.decision is Decision.SENT_BACK
            ),
            "",
        )
        entries.append(QueueEntry(sid, slug, title, status, langs, updated_at, comment))
    entries.sort(key=lambda e: (e.updated_at, e.statement_id), reverse=True)
    return entries


def review_queue(session: Session, user_id: int, roles: frozenset[Role]) -> ReviewQueue:
    """What needs this person: reviewing if they are an editor, reworking if they write."""
    to_review: list[QueueEntry] = []
    if allowed(roles, Action.APPROVE):
        in_review = set(
            session.scalars(select(Statement.id).where(Statement.status == Status.IN_REVIEW))
        )
        unapproved_text = ~exists().where(
            Approval.text_id == StatementText.id,
            Approval.content_hash == StatementText.content_hash,
        )
        changed = set(
            session.scalars(
                select(StatementText.statement_id)
                .join(Statement, Statement.id == StatementText.statement_id)
                .where(
                    Statement.status.in_([Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED]),
                    unapproved_text,
                )
            )
        )
        to_review = _entries(
            session,
            in_review,
            {LangState.IN_PROGRESS, LangState.CHANGED, LangState.NEEDS_UPDATE},
        ) + _entries(session, changed - in_review, {LangState.CHANGED, LangState.IN_PROGRESS})
        to_review.sort(key=lambda e: (e.updated_at, e.statement_id), reverse=True)
    sent_back = set(
        session.scalars(
            select(StatementText.statement_id)
            .join(
                Approval,
                and_(
                    Approval.text_id == StatementText.id,
                    Approval.content_hash == StatementText.content_hash,
                    Approval.decision == Decision.SENT_BACK,
                ),
            )
            .join(Revision, _current)
            .where(Revision.author_id == user_id)
        )
    )
    return ReviewQueue(to_review, _entries(session, sent_back, {LangState.SENT_BACK}, user_id))


def since_approval(
    session: Session, statement_id: int, lang: str
) -> tuple[TextContent, TextContent] | None:
    """The text as last approved and as it is now (for a word diff), if it was ever approved."""
    state = approvals.text_states(session, [statement_id])[statement_id].get(lang)
    if state is None or state.approved_revision_id is None:
        return None
    approved = session.get(Revision, state.approved_revision_id)
    current = session.get(Revision, state.revision_id)

    def content(rev: Revision) -> TextContent:
        return TextContent.of(rev)

    return content(approved), content(current)
