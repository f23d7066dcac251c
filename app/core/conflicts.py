"""What a stale save ran into: the version someone else saved first, to show beside one's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.core.content import TextContent
from app.core.errors import ConflictError


@dataclass(frozen=True, slots=True)
class TheirText:
    """One language of a statement as it stands after someone else's save."""

    statement_id: int
    lang: str
    version: int
    content: TextContent
    saved_by: str
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class TheirStatement:
    """The statement's shared fields as they stand after someone else's change."""

    statement_id: int
    meta_version: int
    tags: tuple[str, ...]
    slug: str
    lead_media_id: int | None
    changed_by: str
    changed_at: datetime | None


class TextConflict(ConflictError):
    """Someone else saved this text after it was opened; nothing was written."""

    def __init__(self, message: str, theirs: TheirText) -> None:
        super().__init__(message)
        self.theirs = theirs


class StatementConflict(ConflictError):
    """Someone else changed the statement's tags, address or image after it was opened."""

    def __init__(self, message: str, theirs: TheirStatement) -> None:
        super().__init__(message)
        self.theirs = theirs
