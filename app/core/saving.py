"""One save as a person makes it: a text and the statement's tags, address and lead image,
in one transaction, each part checked against the version it was opened at.

Either everything in the request is saved or nothing is: a refused slug leaves no revision
behind, so retrying never conflicts with oneself. What changed comes back, including the
approvals the edit voided (`workflow.after_text_edit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import approvals, audit, recovery, statements, workflow
from app.core.content import TextContent
from app.core.errors import NotFoundError
from app.core.media import MediaStore
from app.core.models import Revision, Statement, Status, User
from app.core.permissions import Action, require
from app.core.sqltypes import utcnow

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NewValue(Generic[T]):
    """A field the save sets (to ``value``, which may be None); a field left None is kept."""

    value: T


@dataclass(frozen=True, slots=True)
class StatementSave:
    """What one save asks for. ``statement_id`` None creates the statement, ``lang`` being its
    source language. Versions are those the person opened (``text_version`` 0: no text yet;
    None: unchecked, for a caller that holds no version, such as a command's import)."""

    statement_id: int | None
    lang: str
    content: TextContent | None = None
    text_version: int | None = 0
    meta_version: int = 0
    tags: tuple[str, ...] | None = None
    #: A slug of one's own, or None to follow the title again.
    slug: NewValue[str | None] | None = None
    #: An image file to add, a stored image's id, or None to remove the lead image.
    lead_image: NewValue[Path | int | None] | None = None
    #: The autosaved draft this save makes obsolete.
    draft_key: str | None = None
    #: A translator says the translation now covers the source as it stands ("mark as
    #: updated"): its base moves to the source's current revision.
    covers_source: bool = False


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    statement_id: int
    created: bool
    lang: str
    text_changed: bool
    text_version: int
    revision_number: int
    #: Which of "tags", "slug", "lead_image" changed.
    meta_changed: tuple[str, ...]
    meta_version: int
    slug: str
    lead_media_id: int | None
    #: Languages whose approval this save voided.
    voided: tuple[str, ...]
    status: Status

    @property
    def changed(self) -> bool:
        return self.created or self.text_changed or bool(self.meta_changed)


def _lead_media_id(
    session: Session, media: MediaStore | None, value: Path | int | None
) -> int | None:
    if isinstance(value, Path):
        if media is None:
            raise ValueError("an image file needs the media store")
        return media.add_file(session, value).id
    return value


def _meta_changes(
    session: Session, statement: Statement, request: StatementSave, media: MediaStore | None
) -> dict[str, object]:
    """The shared fields the request really changes, with their new values."""
    changes: dict[str, object] = {}
    if request.tags is not None:
        wanted = tuple(sorted({t.strip() for t in request.tags if t.strip()}))
        if wanted != tuple(sorted(t.name for t in statement.tags)):
            changes["tags"] = wanted
    if request.slug is not None:
        value = request.slug.value
        if value is None and statement.slug_is_manual:
            changes["slug"] = None
        elif value is not None and (value != statement.slug or not statement.slug_is_manual):
            changes["slug"] = value
    if request.lead_image is not None:
        media_id = _lead_media_id(session, media, request.lead_image.value)
        if media_id != statement.lead_media_id:
            changes["lead_image"] = media_id
    return changes


def _apply_meta(
    session: Session, statement: Statement, changes: dict[str, object], actor_id: int
) -> None:
    if "tags" in changes:
        statements.set_tags(session, statement.id, changes["tags"])  # type: ignore[arg-type]
        audit.record(session, "statement.tags", actor_id, statement.id, tags=list(changes["tags"]))
    if "slug" in changes:
        statements.set_slug(session, statement.id, changes["slug"], actor_id)  # type: ignore[arg-type]
    if "lead_image" in changes:
        statement.lead_media_id = changes["lead_image"]  # type: ignore[assignment]
        statement.updated_at = utcnow()
        audit.record(
            session, "statement.image", actor_id, statement.id, media_id=changes["lead_image"]
        )


def _username(session: Session, actor_id: int) -> str:
    return session.scalar(select(User.username).where(User.id == actor_id)) or ""


def save_statement(
    session: Session,
    request: StatementSave,
    actor_id: int | None,
    media: MediaStore | None = None,
) -> SaveOutcome:
    """Saves what ``request`` asks for, all of it or nothing (see the module docstring)."""
    created = request.statement_id is None
    if created:
        user = require(session, actor_id, Action.CREATE)
        if request.content is None:
            raise ValueError("a new statement needs its first text")
        statement = statements.create_statement(
            session, source_lang=request.lang, content=request.content, actor_id=user.id
        )
        text_changed = True
    else:
        statement = statements.get_statement(session, request.statement_id)
        text_changed = False
        before = approvals.text_states(session, [statement.id])[statement.id]
        if request.content is not None:
            edit = (
                Action.EDIT_SOURCE
                if request.lang == statement.source_lang
                else Action.EDIT_TRANSLATION
            )
            user = require(session, actor_id, edit)
            text_changed = statements.save_text(
                session,
                statement.id,
                request.lang,
                request.content,
                actor_id=user.id,
                expected_version=request.text_version,
                covers_source=request.covers_source,
            ).changed
    changes = _meta_changes(session, statement, request, media)
    if changes:
        user = require(session, actor_id, Action.EDIT_STATEMENT)
        if not created:
            statements.claim_meta_version(session, statement, request.meta_version)
        _apply_meta(session, statement, changes, user.id)
    voided: tuple[str, ...] = ()
    if text_changed and not created:
        voided = workflow.after_text_edit(session, statement, before, actor_id)
    if request.draft_key and actor_id is not None:
        recovery.discard(session, _username(session, actor_id), request.draft_key)
    session.flush()
    current = statements.find_text(session, statement.id, request.lang)
    return SaveOutcome(
        statement_id=statement.id,
        created=created,
        lang=request.lang,
        text_changed=text_changed,
        text_version=current.version if current else 0,
        revision_number=current.revision_number if current else 0,
        meta_changed=tuple(changes),
        meta_version=statement.meta_version,
        slug=statement.slug,
        lead_media_id=statement.lead_media_id,
        voided=voided,
        status=statement.status,
    )


def restore_revision(
    session: Session,
    statement_id: int,
    lang: str,
    revision_id: int,
    actor_id: int | None,
    media: MediaStore,
) -> SaveOutcome:
    """Makes an old revision's content current again, as a new revision (a save like any)."""
    revision = session.get(Revision, revision_id)
    text = statements.find_text(session, statement_id, lang)
    if revision is None or text is None or revision.text_id != text.id:
        raise NotFoundError(f"revision {revision_id} is not a revision of this text")
    content = TextContent.of(revision)
    request = StatementSave(statement_id, lang, content=content, text_version=text.version)
    return save_statement(session, request, actor_id, media)
