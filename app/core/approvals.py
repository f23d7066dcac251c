"""The one answer to "where is each language of a statement, and is it approved?".

A text is approved when the latest decision an editor took on its *current content hash* is
an approval: any edit voids it, and going back to exactly the approved words makes it valid
again, as DESIGN.md binds approvals to content hashes. A translation made from an older
source revision needs updating whatever its approvals say. The list's badges, the review
queue, the workflow and publishing all ask here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from app.core.models import Approval, Decision, Revision, StatementText


class LangState(enum.StrEnum):
    MISSING = "missing"
    IN_PROGRESS = "in_progress"
    NEEDS_UPDATE = "needs_update"
    SENT_BACK = "sent_back"
    CHANGED = "changed"  # changed after an earlier revision was approved
    APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class TextState:
    """One language of one statement, with what its state was decided from."""

    lang: str
    state: LangState
    text_id: int
    is_source: bool
    revision_id: int
    content_hash: str
    author_id: int | None
    #: The newest approved revision of this text, if any (what "changed after approval"
    #: is compared with).
    approved_revision_id: int | None
    #: The latest decision on the current content, and its comment.
    decision: Decision | None
    decision_comment: str


def _decide(
    is_source: bool,
    behind_source: bool,
    decision: Decision | None,
    ever_approved: bool,
) -> LangState:
    if not is_source and behind_source:
        return LangState.NEEDS_UPDATE
    if decision is Decision.APPROVED:
        return LangState.APPROVED
    if decision is Decision.SENT_BACK:
        return LangState.SENT_BACK
    return LangState.CHANGED if ever_approved else LangState.IN_PROGRESS


def text_states(session: Session, statement_ids: Sequence[int]) -> dict[int, dict[str, TextState]]:
    """For each statement, its texts by language (languages without a text are absent)."""
    if not statement_ids:
        return {}
    current = aliased(Revision)
    rows = session.execute(
        select(
            StatementText.statement_id,
            StatementText.id,
            StatementText.lang,
            StatementText.is_source,
            StatementText.content_hash,
            current.id,
            current.source_revision_id,
            current.author_id,
        )
        .join(
            current,
            and_(
                current.text_id == StatementText.id,
                current.number == StatementText.revision_number,
            ),
        )
        .where(StatementText.statement_id.in_(statement_ids))
    ).all()
    latest: dict[tuple[int, str], tuple[Decision, str]] = {}
    approved_revision: dict[int, int] = {}
    decisions = session.execute(
        select(
            Approval.text_id,
            Approval.content_hash,
            Approval.decision,
            Approval.comment,
            Approval.revision_id,
        )
        .where(Approval.text_id.in_([r.id for r in rows]))
        .order_by(Approval.id)
    )
    for text_id, content_hash, decision, comment, revision_id in decisions:
        latest[(text_id, content_hash)] = (Decision(decision), comment)
        if decision == Decision.APPROVED:
            approved_revision[text_id] = revision_id
    source_revision = {r.statement_id: r[5] for r in rows if r.is_source}
    states: dict[int, dict[str, TextState]] = {sid: {} for sid in statement_ids}
    for sid, text_id, lang, is_source, content_hash, rev_id, made_from, author_id in rows:
        decision, comment = latest.get((text_id, content_hash), (None, ""))
        state = _decide(
            is_source,
            made_from != source_revision.get(sid),
            decision,
            text_id in approved_revision,
        )
        states[sid][lang] = TextState(
            lang=lang,
            state=state,
            text_id=text_id,
            is_source=is_source,
            revision_id=rev_id,
            content_hash=content_hash,
            author_id=author_id,
            approved_revision_id=approved_revision.get(text_id),
            decision=decision,
            decision_comment=comment,
        )
    return states


def language_states(
    session: Session, statement_ids: Sequence[int], languages: Iterable[str]
) -> dict[int, dict[str, LangState]]:
    """Each statement's state in each of ``languages`` (missing where it has no text)."""
    languages = tuple(languages)
    found = text_states(session, statement_ids)
    return {
        sid: {
            lang: found[sid][lang].state if lang in found[sid] else LangState.MISSING
            for lang in languages
        }
        for sid in statement_ids
    }


def unapproved(session: Session, statement_id: int, required: Iterable[str]) -> list[str]:
    """The required languages of a statement that are not approved as they stand now."""
    states = language_states(session, [statement_id], required)[statement_id]
    return [lang for lang, state in states.items() if state is not LangState.APPROVED]
