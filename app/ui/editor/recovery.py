"""Unsaved drafts found at start: fetched with the saved text they differ from, and restored."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.errors import NotFoundError
from app.core.recovery import Draft
from app.core.saving import StatementSave


@dataclass(frozen=True, slots=True)
class RecoveredDraft:
    draft: Draft
    saved: TextContent | None  # the text as last saved; None for a new statement or language


def drafts_to_offer(desk: Desk) -> list[RecoveredDraft]:
    """Every pending draft that differs from what is saved; drafts equal to it are dropped."""
    offers = []
    for draft in desk.pending_drafts():
        saved = None
        if draft.statement_id is not None:
            try:
                text = desk.statement(draft.statement_id).texts.get(draft.lang)
            except NotFoundError:
                text = None
            saved = text.content if text else None
        if saved is not None and saved == draft.content.normalized():
            desk.discard_draft(draft.key)
            continue
        offers.append(RecoveredDraft(draft, saved))
    return offers


def restore_draft(desk: Desk, draft: Draft) -> int:
    """Save the draft as a new revision (over the version it was typed on) and forget it,
    in one save.

    Raises ConflictError when the text was saved by someone else since; the draft is kept.
    """
    gone = draft.statement_id is None or not desk.statement_exists(draft.statement_id)
    request = StatementSave(
        None if gone else draft.statement_id,
        draft.lang,
        content=draft.content,
        text_version=0 if gone else draft.base_version,
        draft_key=draft.key,
    )
    return desk.save_statement(request).statement_id
