"""The core services as one person at a workstation uses them: each call is one unit of work.

The UI and the CLI call these; they never open sessions themselves. Every method
returns plain objects (dataclasses, ids), never ORM rows bound to a session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core import listing, recovery, statements
from app.core.content import TextContent
from app.core.db import Database
from app.core.listing import SortKey, StatementFilter, StatementRow
from app.core.media import MediaStore
from app.core.models import Revision, Statement, StatementText, Status, User
from app.core.settings import OfficeSettings, load_settings
from app.core.statements import RevisionInfo, SaveResult
from app.core.users import desktop_user

if TYPE_CHECKING:
    from app.core.export.run import ExportReport


@dataclass(frozen=True, slots=True)
class TextDetail:
    text_id: int
    lang: str
    is_source: bool
    version: int
    revision_number: int
    content: TextContent
    updated_at: datetime
    updated_by: str
    source_revision_id: int | None


@dataclass(frozen=True, slots=True)
class StatementDetail:
    id: int
    slug: str
    slug_is_manual: bool
    status: Status
    source_lang: str
    tags: tuple[str, ...]
    lead_media_id: int | None
    created_at: datetime
    published_at: datetime | None
    scheduled_at: datetime | None
    texts: dict[str, TextDetail] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    username: str
    display_name: str


READER = Actor(0, "reader", "reader")


class Desk:
    """One person's access to one database."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.media = MediaStore.for_database(db)

    @classmethod
    def for_workstation(cls, db: Database) -> Desk:
        with db.transaction() as session:
            user = desktop_user(session, create=not db.read_only)
            # On a read-only database someone never seen there can only read.
            actor = Actor(user.id, user.username, user.display_name) if user else READER
        return cls(db, actor)

    @property
    def read_only(self) -> bool:
        """The database can only be read: every change is refused."""
        return self.db.read_only

    def settings(self) -> OfficeSettings:
        with self.db.transaction() as session:
            return load_settings(session)

    def count(self, flt: StatementFilter) -> int:
        with self.db.transaction() as session:
            return listing.count_statements(session, flt)

    def page_ids(
        self, flt: StatementFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[int]:
        with self.db.transaction() as session:
            return listing.statement_ids(
                session, flt, sort=sort, descending=descending, offset=offset, limit=limit
            )

    def rows(self, ids: list[int], languages: tuple[str, ...]) -> list[StatementRow]:
        with self.db.transaction() as session:
            return listing.statement_rows(session, ids, languages)

    def statement(self, statement_id: int) -> StatementDetail:
        with self.db.transaction() as session:
            st = statements.get_statement(session, statement_id)
            texts = {}
            rows = session.execute(
                select(StatementText, Revision, User.display_name)
                .join(
                    Revision,
                    (Revision.text_id == StatementText.id)
                    & (Revision.number == StatementText.revision_number),
                )
                .outerjoin(User, User.id == StatementText.updated_by_id)
                .where(StatementText.statement_id == statement_id)
            )
            for text_row, rev, who in rows:
                texts[text_row.lang] = TextDetail(
                    text_id=text_row.id,
                    lang=text_row.lang,
                    is_source=text_row.is_source,
                    version=text_row.version,
                    revision_number=rev.number,
                    content=TextContent(rev.title, rev.lead, rev.body, rev.image_caption),
                    updated_at=text_row.updated_at,
                    updated_by=who or "",
                    source_revision_id=rev.source_revision_id,
                )
            return StatementDetail(
                id=st.id,
                slug=st.slug,
                slug_is_manual=st.slug_is_manual,
                status=st.status,
                source_lang=st.source_lang,
                tags=tuple(t.name for t in st.tags),
                lead_media_id=st.lead_media_id,
                created_at=st.created_at,
                published_at=st.published_at,
                scheduled_at=st.scheduled_at,
                texts=texts,
            )

    def create(self, source_lang: str, content: TextContent, tags: tuple[str, ...] = ()) -> int:
        with self.db.transaction() as session:
            return statements.create_statement(
                session, source_lang=source_lang, content=content, actor_id=self.actor.id, tags=tags
            ).id

    def save(
        self, statement_id: int, lang: str, content: TextContent, expected_version: int | None
    ) -> SaveResult:
        with self.db.transaction() as session:
            return statements.save_text(
                session,
                statement_id,
                lang,
                content,
                actor_id=self.actor.id,
                expected_version=expected_version,
            )

    def set_tags(self, statement_id: int, tags: tuple[str, ...]) -> None:
        with self.db.transaction() as session:
            statements.set_tags(session, statement_id, tags)

    def set_slug(self, statement_id: int, slug: str | None) -> str:
        with self.db.transaction() as session:
            return statements.set_slug(session, statement_id, slug, self.actor.id)

    def set_lead_image(self, statement_id: int, path: Path | None) -> int | None:
        """Copies the image into the media store and makes it the statement's lead image."""
        with self.db.transaction() as session:
            st = statements.get_statement(session, statement_id)
            media_id = self.media.add_file(session, path).id if path else None
            st.lead_media_id = media_id
            return media_id

    def image_bytes(self, media_id: int) -> bytes:
        with self.db.transaction() as session:
            return self.media.read(session, media_id)

    def tag_names(self) -> list[str]:
        with self.db.transaction() as session:
            return statements.all_tag_names(session)

    def history(self, statement_id: int, lang: str) -> list[RevisionInfo]:
        with self.db.transaction() as session:
            return statements.history(session, statement_id, lang)

    def restore(self, statement_id: int, lang: str, revision_id: int) -> SaveResult:
        with self.db.transaction() as session:
            return statements.restore_revision(
                session, statement_id, lang, revision_id, actor_id=self.actor.id
            )

    def statement_exists(self, statement_id: int) -> bool:
        with self.db.transaction() as session:
            return session.get(Statement, statement_id) is not None

    def keep_draft(
        self,
        key: str,
        *,
        statement_id: int | None,
        lang: str,
        base_version: int,
        content: TextContent,
    ) -> None:
        """Autosave: remembers unsaved typing without making a revision."""
        with self.db.transaction() as session:
            recovery.keep(
                session,
                self.actor.username,
                key,
                statement_id=statement_id,
                lang=lang,
                base_version=base_version,
                content=content,
            )

    def discard_draft(self, key: str) -> None:
        with self.db.transaction() as session:
            recovery.discard(session, self.actor.username, key)

    def pending_drafts(self) -> list[recovery.Draft]:
        with self.db.transaction() as session:
            return recovery.pending(session, self.actor.username)

    def statement_id_by_slug(self, slug: str) -> int | None:
        """The statement whose page is ``slug`` (as in a link of the exported site)."""
        # Page names add "_" to Windows device names (CON, NUL …); the slug has none.
        candidates = {slug, slug.removesuffix("_")}
        with self.db.transaction() as session:
            return session.scalar(select(Statement.id).where(Statement.slug.in_(candidates)))

    def export(
        self,
        out: Path,
        *,
        changed_only: bool,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        allow_shrink: bool = False,
    ) -> ExportReport:
        """The website into ``out``, pages rendered in fresh worker processes (never forked
        from a GUI). A site that would shrink below half its pages raises
        :class:`~app.core.export.run.SiteWouldShrink` unless ``allow_shrink``."""
        from app.core.export.run import export_site

        return export_site(
            self.db,
            out,
            changed_only=changed_only,
            progress=progress,
            cancelled=cancelled,
            start="spawn",
            actor_id=self.actor.id or None,
            allow_shrink=allow_shrink,
        )
