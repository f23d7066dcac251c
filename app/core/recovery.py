"""The recovery store: unsaved typing, kept per person until it is saved or discarded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core.content import TextContent
from app.core.hygiene import clean_text
from app.core.models import RecoveryDraft
from app.core.sqltypes import utcnow


@dataclass(frozen=True, slots=True)
class Draft:
    key: str
    statement_id: int | None
    lang: str
    base_version: int
    content: TextContent
    saved_at: datetime


def draft_key(statement_id: int | None, lang: str, new_id: str = "") -> str:
    """``"12:ru"`` for a statement's text; ``"new:<id>"`` for a statement never saved."""
    return f"{statement_id}:{lang}" if statement_id is not None else f"new:{new_id}"


def keep(
    session: Session,
    username: str,
    key: str,
    *,
    statement_id: int | None,
    lang: str,
    base_version: int,
    content: TextContent,
) -> None:
    row = session.scalar(
        select(RecoveryDraft).where(
            RecoveryDraft.username == username, RecoveryDraft.draft_key == key
        )
    )
    if row is None:
        row = RecoveryDraft(username=username, draft_key=key)
        session.add(row)
    row.statement_id = statement_id
    row.lang = lang
    row.base_version = base_version
    # Typing as it is, less what no database or page may hold.
    row.title, row.lead = clean_text(content.title), clean_text(content.lead)
    row.body, row.image_caption = clean_text(content.body), clean_text(content.image_caption)
    row.saved_at = utcnow()


def discard(session: Session, username: str, key: str) -> None:
    session.execute(
        delete(RecoveryDraft).where(
            RecoveryDraft.username == username, RecoveryDraft.draft_key == key
        )
    )


def pending(session: Session, username: str) -> list[Draft]:
    """What this person typed and never saved, oldest first."""
    rows = session.scalars(
        select(RecoveryDraft)
        .where(RecoveryDraft.username == username)
        .order_by(RecoveryDraft.saved_at, RecoveryDraft.id)
    )
    return [
        Draft(
            key=row.draft_key,
            statement_id=row.statement_id,
            lang=row.lang,
            base_version=row.base_version,
            content=TextContent.of(row),
            saved_at=row.saved_at,
        )
        for row in rows
    ]
