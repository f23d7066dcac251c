"""The core services as one signed-in person uses them: each call is one unit of work.

The UI and the CLI call these; they never open sessions themselves. Every method returns
plain objects (dataclasses, ids), never ORM rows bound to a session. The rules live in the
feature modules behind this door (`saving`, `workflow`, `comments`, `presence`, `review`,
`audit`); the door only opens the right transaction for them, as the signed-in person.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core import (
    approvals,
    audit,
    auth,
    calendar,
    changes,
    comments,
    listing,
    office,
    presence,
    publishing,
    recovery,
    review,
    saving,
    statements,
    workflow,
)
from app.core.approvals import LangState
from app.core.content import TextContent
from app.core.db import Database
from app.core.listing import SortKey, StatementFilter, StatementRow
from app.core.media import MediaStore
from app.core.models import Media, Revision, Role, Statement, StatementText, Status, User
from app.core.permissions import Action, allowed, require
from app.core.settings import OfficeSettings, load_settings
from app.core.sqltypes import utcnow
from app.core.statements import RevisionInfo

if TYPE_CHECKING:
    from app.core.export.run import ExportReport
    from app.core.importing.importer import ImportResult
    from app.core.translation.addresses import TagLabel
    from app.core.translation.exchange import ImportReport
    from app.core.translation.glossary import CsvReport, Glossary
    from app.core.translation.memory import Match
    from app.core.translation.work import Completed, TranslationView


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
    state: LangState = LangState.IN_PROGRESS


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
    meta_version: int = 1
    embargo_until: datetime | None = None
    expires_at: datetime | None = None
    texts: dict[str, TextDetail] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    username: str
    display_name: str
    roles: frozenset[Role] = frozenset()

    def may(self, action: Action) -> bool:
        """Whether the UI should offer ``action`` (the core checks again when it is done)."""
        return allowed(self.roles, action)


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, user.role_set)


READER = Actor(0, "reader", "reader")


class Desk:
    """One person's access to one database."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.media = MediaStore.for_database(db)
        #: This window, for presence: one person may have two windows open.
        self.client = uuid.uuid4().hex

    @classmethod
    def for_workstation(cls, db: Database) -> Desk:
        """The desk of a one-person office; raises :class:`auth.SignInRequired` otherwise.

        On a read-only database nothing can be changed, so nobody need say who they are.
        """
        if db.read_only:
            return cls(db, READER)
        with db.transaction() as session:
            return cls(db, _actor(auth.workstation_user(session)))

    @classmethod
    def sign_in(cls, db: Database, username: str, password: str, *, where: str = "app") -> Desk:
        """Signs a person in; a wrong name or password raises :class:`auth.SignInFailed`
        after the failed attempt is written to the audit log."""
        try:
            with db.transaction() as session:
                return cls(
                    db, _actor(auth.check_password(session, username, password, where=where))
                )
        except auth.SignInFailed:
            with db.transaction() as session:
                auth.record_failure(session, username, where=where)
            raise

    def refresh_actor(self) -> Actor:
        """The signed-in person's roles as they are now (an admin may have changed them)."""
        with self.db.reading() as session:
            user = session.get(User, self.actor.id)
            if user is not None:
                self.actor = _actor(user)
        return self.actor

    @property
    def read_only(self) -> bool:
        """The database can only be read: every change is refused."""
        return self.db.read_only

    def settings(self) -> OfficeSettings:
        with self.db.reading() as session:
            return load_settings(session)

    def save_office(
        self, settings: OfficeSettings, logo_file: Path | None = None
    ) -> tuple[str, ...]:
        """Stores the office settings (admins only); returns the names of those that changed."""
        with self.db.transaction() as session:
            return office.save_office(
                session, self.media, self.actor.id, settings, logo_file=logo_file
            )

    def office_logo(self) -> bytes | None:
        """The office's logo image, if it has one."""
        with self.db.reading() as session:
            name = load_settings(session).logo
            if not name:
                return None
            media_id = session.scalar(select(Media.id).where(Media.sha256 == name.split(".")[0]))
            return self.media.read(session, media_id) if media_id else None

    # The list

    def count(self, flt: StatementFilter) -> int:
        with self.db.reading() as session:
            return listing.count_statements(session, flt)

    def page_ids(
        self, flt: StatementFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[int]:
        with self.db.reading() as session:
            return listing.statement_ids(
                session, flt, sort=sort, descending=descending, offset=offset, limit=limit
            )

    def rows(self, ids: list[int], languages: tuple[str, ...]) -> list[StatementRow]:
        with self.db.reading() as session:
            return listing.statement_rows(session, ids, languages)

    def change_mark(self) -> tuple[int, int]:
        """Moves whenever anyone changes a statement, text, tag or setting (for polling)."""
        with self.db.reading() as session:
            return changes.mark(session)

    # One statement

    def statement(self, statement_id: int) -> StatementDetail:
        with self.db.reading() as session:
            st = statements.get_statement(session, statement_id)
            states = approvals.text_states(session, [statement_id])[statement_id]
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
                    content=TextContent.of(rev),
                    updated_at=text_row.updated_at,
                    updated_by=who or "",
                    source_revision_id=rev.source_revision_id,
                    state=states[text_row.lang].state,
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
                meta_version=st.meta_version,
                embargo_until=st.embargo_until,
                expires_at=st.expires_at,
                texts=texts,
            )

    def save_statement(self, request: saving.StatementSave) -> saving.SaveOutcome:
        """One save: the text, tags, slug and lead image together, or nothing."""
        with self.db.transaction() as session:
            return saving.save_statement(session, request, self.actor.id, self.media)

    def create(self, source_lang: str, content: TextContent, tags: tuple[str, ...] = ()) -> int:
        """A new statement with its first text (and tags); its id."""
        request = saving.StatementSave(None, source_lang, content=content, tags=tags or None)
        return self.save_statement(request).statement_id

    def save(
        self, statement_id: int, lang: str, content: TextContent, expected_version: int
    ) -> saving.SaveOutcome:
        """Saves one text over the version it was opened at (0: it had none)."""
        request = saving.StatementSave(
            statement_id, lang, content=content, text_version=expected_version
        )
        return self.save_statement(request)

    def image_bytes(self, media_id: int) -> bytes:
        with self.db.reading() as session:
            return self.media.read(session, media_id)

    def tag_names(self) -> list[str]:
        with self.db.reading() as session:
            return statements.all_tag_names(session)

    def history(self, statement_id: int, lang: str) -> list[RevisionInfo]:
        with self.db.reading() as session:
            return statements.history(session, statement_id, lang)

    def restore(self, statement_id: int, lang: str, revision_id: int) -> saving.SaveOutcome:
        """Makes an old revision current again, as a new revision saved over the current one."""
        with self.db.transaction() as session:
            return saving.restore_revision(
                session, statement_id, lang, revision_id, self.actor.id, self.media
            )

    def statement_exists(self, statement_id: int) -> bool:
        with self.db.reading() as session:
            return session.get(Statement, statement_id) is not None

    def statement_id_by_slug(self, slug: str) -> int | None:
        """The statement whose page is ``slug`` (as in a link of the exported site)."""
        # Page names add "_" to Windows device names (CON, NUL …); the slug has none.
        candidates = {slug, slug.removesuffix("_")}
        with self.db.reading() as session:
            found = session.scalar(select(Statement.id).where(Statement.slug.in_(candidates)))
            if found is None:  # a translation's own slug
                found = session.scalar(
                    select(StatementText.statement_id).where(StatementText.slug.in_(candidates))
                )
            return found

    # Autosave

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
        with self.db.reading() as session:
            return recovery.pending(session, self.actor.username)

    # The workflow

    def submit(self, statement_id: int, comment: str = "") -> workflow.StepResult:
        with self.db.transaction() as session:
            return workflow.submit(session, statement_id, self.actor.id, comment=comment)

    def approve(
        self, statement_id: int, langs: Iterable[str] | None = None, comment: str = ""
    ) -> workflow.StepResult:
        """Approves those languages (None: every text not yet approved)."""
        with self.db.transaction() as session:
            return workflow.approve(session, statement_id, langs, self.actor.id, comment=comment)

    def send_back(
        self, statement_id: int, lang: str, comment: str, paragraph: int | None = None
    ) -> workflow.StepResult:
        with self.db.transaction() as session:
            return workflow.send_back(
                session, statement_id, lang, self.actor.id, comment, paragraph=paragraph
            )

    def withdraw(self, statement_id: int, reason: str = "") -> workflow.StepResult:
        with self.db.transaction() as session:
            return workflow.withdraw(session, statement_id, self.actor.id, reason=reason)

    def published_langs(self, statement_id: int) -> list[str]:
        with self.db.reading() as session:
            return workflow.published_langs(session, statement_id)

    def correct(self, statement_id: int, notes: dict[str, str]) -> int:
        """A dated correction note on every page of a published statement; its id."""
        with self.db.transaction() as session:
            return workflow.correct(session, statement_id, self.actor.id, notes)

    def schedule(
        self,
        statement_id: int,
        at: datetime,
        *,
        embargo: datetime | None = None,
        override_reason: str | None = None,
        meta_version: int | None = None,
        expires: datetime | None = None,
    ) -> workflow.StepResult:
        with self.db.transaction() as session:
            return workflow.schedule(
                session,
                statement_id,
                self.actor.id,
                at,
                embargo=embargo,
                override_reason=override_reason,
                meta_version=meta_version,
                expires=expires,
            )

    def set_expiry(self, statement_id: int, expires: datetime | None) -> workflow.StepResult:
        with self.db.transaction() as session:
            return workflow.set_expiry(session, statement_id, self.actor.id, expires)

    def unschedule(self, statement_id: int) -> workflow.StepResult:
        with self.db.transaction() as session:
            return workflow.unschedule(session, statement_id, self.actor.id)

    def publish_now(self, statement_id: int) -> workflow.StepResult:
        """An editor publishes an overdue or failed statement by hand (checks as at its minute)."""
        with self.db.transaction() as session:
            return workflow.publish(session, statement_id, self.actor.id)

    def calendar(self, start: datetime, end: datetime) -> list[calendar.CalendarEntry]:
        with self.db.reading() as session:
            settings = load_settings(session)
            return calendar.entries(
                session, start, end, utcnow(), settings.languages, settings.required_langs
            )

    def publish_due(self) -> publishing.PublishRun:
        """What is due goes out now, into the office's export folder (for the app's timer)."""
        folder = self.settings().export_folder
        if not folder:
            return publishing.publish_due(
                self.db,
                blocked="the office has no export folder (Office settings…): nothing can go "
                "out until one is set",
            )
        return publishing.publish_due(
            self.db, export=lambda: self.export(Path(folder), changed_only=True)
        )

    def overdue(self) -> list[int]:
        with self.db.reading() as session:
            return calendar.overdue(session, utcnow())

    def next_due(self) -> datetime | None:
        """When the publisher next has something to do (for the app's timer)."""
        with self.db.reading() as session:
            return publishing.next_due(session, utcnow())

    def review_queue(self) -> review.ReviewQueue:
        with self.db.reading() as session:
            return review.review_queue(session, self.actor.id, self.actor.roles)

    def since_approval(
        self, statement_id: int, lang: str
    ) -> tuple[TextContent, TextContent] | None:
        with self.db.reading() as session:
            return review.since_approval(session, statement_id, lang)

    # Comments

    def threads(self, statement_id: int) -> list[comments.Thread]:
        with self.db.reading() as session:
            return comments.threads(session, statement_id)

    def add_comment(
        self,
        statement_id: int,
        body: str,
        *,
        lang: str | None = None,
        paragraph: int | None = None,
        parent_id: int | None = None,
    ) -> int:
        with self.db.transaction() as session:
            return comments.add_comment(
                session,
                statement_id,
                self.actor.id,
                body,
                lang=lang,
                paragraph=paragraph,
                parent_id=parent_id,
            )

    def edit_comment(self, comment_id: int, body: str) -> None:
        with self.db.transaction() as session:
            comments.edit_comment(session, comment_id, self.actor.id, body)

    def resolve_thread(self, comment_id: int, resolved: bool = True) -> None:
        with self.db.transaction() as session:
            comments.resolve_thread(session, comment_id, self.actor.id, resolved=resolved)

    # Presence

    def open_presence(self, statement_id: int) -> presence.Holder:
        with self.db.transaction() as session:
            return presence.open_statement(session, statement_id, self.actor.id, self.client)

    def heartbeat(self, statement_ids: list[int]) -> dict[int, presence.Holder | None]:
        with self.db.transaction() as session:
            return presence.heartbeat(session, statement_ids, self.actor.id, self.client)

    def take_over(self, statement_id: int) -> presence.Holder:
        with self.db.transaction() as session:
            return presence.take_over(session, statement_id, self.actor.id, self.client)

    def leave(self, statement_id: int) -> None:
        with self.db.transaction() as session:
            presence.leave(session, statement_id, self.actor.id, self.client)

    # The audit log (editors and admins read it)

    def audit_events(
        self, flt: audit.AuditFilter, before_id: int | None = None, limit: int = 500
    ) -> list[audit.AuditEntry]:
        with self.db.reading() as session:
            require(session, self.actor.id, Action.VIEW_AUDIT)
            return audit.events(session, flt, limit=limit, before_id=before_id)

    def audit_actions(self) -> list[str]:
        with self.db.reading() as session:
            require(session, self.actor.id, Action.VIEW_AUDIT)
            return audit.actions(session)

    def audit_people(self) -> list[tuple[str, str]]:
        """(user name, display name) of everyone the log names."""
        with self.db.reading() as session:
            require(session, self.actor.id, Action.VIEW_AUDIT)
            return audit.people(session)

    def audit_csv(self, flt: audit.AuditFilter, path: Path) -> int:
        """Every event matching ``flt`` into a CSV file; how many."""
        with self.db.reading() as session:
            require(session, self.actor.id, Action.VIEW_AUDIT)
            return audit.export_csv(session, flt, path)

    def import_files(
        self,
        paths: list[Path],
        *,
        default_lang: str | None = None,
        update_matching: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Markdown files and Word drafts into statements, as this person (see importer)."""
        from app.core.importing.importer import import_paths

        return import_paths(
            self.db,
            paths,
            default_lang=default_lang,
            actor_id=self.actor.id,
            update_matching=update_matching,
            progress=progress,
            cancelled=cancelled,
        )

    # Translation: the desk's doors into app/core/translation.

    def translation(self, statement_id: int, lang: str) -> TranslationView:
        from app.core.translation import work

        with self.db.transaction() as session:
            return work.view(session, statement_id, lang)

    def start_translation(self, statement_id: int, lang: str) -> TranslationView:
        """Creates the ``lang`` text from the source's structure (if not there yet)."""
        from app.core.translation import work

        with self.db.transaction() as session:
            prefill = load_settings(session).translation_prefill
            return work.open_or_start(
                session, statement_id, lang, actor_id=self.actor.id, prefill=prefill
            )

    def complete_translation(
        self,
        statement_id: int,
        lang: str,
        content: TextContent,
        expected_version: int | None,
        draft_key: str | None = None,
    ) -> Completed:
        """Mark as done / updated: the translation covers the source as it is now."""
        from app.core.translation import work

        with self.db.transaction() as session:
            return work.complete(
                session,
                statement_id,
                lang,
                content,
                actor_id=self.actor.id,
                expected_version=expected_version,
                draft_key=draft_key,
            )

    def memory_matches(self, source_lang: str, lang: str, text: str) -> list[Match]:
        from app.core.translation import memory

        with self.db.reading() as session:
            return memory.lookup(session, source_lang, lang, text)

    def glossary(self) -> Glossary:
        from app.core.translation import glossary

        with self.db.reading() as session:
            return glossary.load(session)

    def import_memory(
        self,
        path: Path,
        lang_map: dict[str, str] | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """A TMX file into the memory, all of it or (cancelled, broken) nothing."""
        from app.core.translation.exchange import import_tmx

        with self.db.transaction() as session:
            require(session, self.actor.id, Action.IMPORT_MEMORY)
            languages = load_settings(session).languages
            return import_tmx(
                session,
                path,
                languages=languages,
                lang_map=lang_map,
                progress=progress,
                cancelled=cancelled,
            )

    def export_memory(self, path: Path, pair: tuple[str, str] | None) -> int:
        from importlib.metadata import version

        from app.core.translation.exchange import export_tmx

        with self.db.transaction() as session:
            return export_tmx(session, path, pair=pair, tool_version=version("pressdesk"))

    def tag_labels(self, statement_id: int, lang: str) -> list[TagLabel]:
        from app.core.translation import addresses

        with self.db.reading() as session:
            return addresses.tag_labels(session, statement_id, lang)

    def set_tag_name(self, tag_id: int, lang: str, name: str) -> TagLabel:
        from app.core.translation import addresses

        with self.db.transaction() as session:
            require(session, self.actor.id, Action.EDIT_TRANSLATION)
            return addresses.set_tag_name(session, tag_id, lang, name)

    def import_glossary(self, path: Path) -> CsvReport:
        """The office's terms from CSV (editors and admins keep the glossary)."""
        from app.core.translation import glossary

        with self.db.transaction() as session:
            require(session, self.actor.id, Action.MANAGE_GLOSSARY)
            return glossary.import_csv(session, path, load_settings(session).languages)

    # The website

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
