"""The domain as SQLAlchemy 2.0 typed mappings (see DESIGN.md for the words)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.core.sqltypes import LangCode, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class Role(enum.StrEnum):
    WRITER = "writer"
    TRANSLATOR = "translator"
    EDITOR = "editor"
    ADMIN = "admin"


class Status(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Decision(enum.StrEnum):
    APPROVED = "approved"
    SENT_BACK = "sent_back"


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    # Stored as plain strings with a CHECK constraint: portable, and readable in SQL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    # "scrypt$n$r$p$salt$hash" (app.core.passwords); None: this user has no password yet.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(r.role for r in self.roles)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(_enum(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class TagName(Base):
    """A tag's name in one language; a language without one shows the tag's own name."""

    __tablename__ = "tag_names"

    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    lang: Mapped[LangCode] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class StatementTag(Base):
    __tablename__ = "statement_tags"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Media(Base):
    """A content-addressed image; the bytes live in the media store (or in ``data``)."""

    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    extension: Mapped[str] = mapped_column(String(8))
    mime_type: Mapped[str] = mapped_column(String(64))
    width: Mapped[int]
    height: Mapped[int]
    size: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(255), default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def file_name(self) -> str:
        return f"{self.sha256}.{self.extension}"


class Statement(Base):
    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_status_updated", "status", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # An editor's own slug is kept; otherwise it follows the source title until publication.
    slug_is_manual: Mapped[bool] = mapped_column(default=False)
    # The source title folded for sorting (search.fold), kept by save_text: lists sort on it.
    sort_title: Mapped[str] = mapped_column(String(200), default="", index=True)
    source_lang: Mapped[LangCode]
    status: Mapped[Status] = mapped_column(_enum(Status, "status"), default=Status.DRAFT)
    lead_media_id: Mapped[int | None] = mapped_column(
        ForeignKey("media.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(index=True)
    embargo_until: Mapped[datetime | None]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # Optimistic locking of what belongs to the statement rather than to one text (tags,
    # slug, lead image, schedule): a change checks and bumps it. Saving a text does not.
    meta_version: Mapped[int] = mapped_column(default=1)
    # When its pages come down by themselves (an announcement); None: never.
    expires_at: Mapped[datetime | None] = mapped_column(index=True)
    # Why publishing at the scheduled minute failed, and when (None: it did not fail).
    publish_error: Mapped[str | None] = mapped_column(Text)
    publish_failed_at: Mapped[datetime | None]
    # Published but unlisted (Pelican's "Status: hidden"): its pages exist at their
    # addresses, and no index, feed, tag page, sidebar or sitemap shows it (visibility.py).
    hidden: Mapped[bool] = mapped_column(default=False)

    texts: Mapped[list[StatementText]] = relationship(
        back_populates="statement", order_by="StatementText.lang"
    )
    lead_media: Mapped[Media | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary="statement_tags", order_by="Tag.name")
    created_by: Mapped[User | None] = relationship()


class ImportOrigin(Base):
    """A file a statement was imported from, by which importing it again finds the statement.

    ``path`` is the file's path inside the folder imported, led by that folder's name
    (``content/posts/a.md``); ``key`` is the translation key or slug the file gave, if any.
    """

    __tablename__ = "import_origins"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    lang: Mapped[LangCode]
    key: Mapped[str | None] = mapped_column(String(300), index=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class StatementText(Base):
    """One language of a statement; its content is its current revision's."""

    __tablename__ = "texts"
    __table_args__ = (
        UniqueConstraint("statement_id", "lang"),
        # The preview checks "has anything in this language changed?" on every keystroke.
        Index("ix_texts_lang_updated", "lang", "updated_at"),
        Index("ix_texts_slug", "slug", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="RESTRICT"))
    lang: Mapped[LangCode]
    is_source: Mapped[bool] = mapped_column(default=False)
    # Number of the current revision (revisions.number); 0 while the text has none.
    revision_number: Mapped[int] = mapped_column(default=0)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Optimistic locking: every UPDATE checks and bumps it.
    version: Mapped[int] = mapped_column(default=1)
    # A translation's own page slug, from its own title (None: the statement's slug).
    slug: Mapped[str | None] = mapped_column(String(80))

    statement: Mapped[Statement] = relationship(back_populates="texts")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    __mapper_args__ = {"version_id_col": version}


class Revision(Base):
    """An immutable snapshot of a text (the database refuses UPDATE and DELETE)."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("text_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="RESTRICT"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    image_caption: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # For a translation: the source revision it was made from.
    source_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", ondelete="RESTRICT")
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship()


class Approval(Base):
    """An editor's decision on one revision, valid only while the text still has that hash."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id", ondelete="RESTRICT"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="RESTRICT"))
    content_hash: Mapped[str] = mapped_column(String(64))
    decision: Mapped[Decision] = mapped_column(_enum(Decision, "decision"))
    comment: Mapped[str] = mapped_column(Text, default="")
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Publication(Base):
    """One page of one statement in one language as it went out in an export."""

    __tablename__ = "publications"
    __table_args__ = (Index("ix_publications_statement_lang", "statement_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="RESTRICT"))
    lang: Mapped[LangCode]
    content_hash: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(300))
    exported_at: Mapped[datetime] = mapped_column(default=utcnow)


class PublishedRevision(Base):
    """The revision of one language that is on the website: what the export renders.

    Set when the statement is published, and when an editor approves a change to a text of
    a published statement; a later edit stays off the site until it is approved.
    """

    __tablename__ = "published_revisions"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[LangCode] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="RESTRICT"))
    pinned_at: Mapped[datetime] = mapped_column(default=utcnow)


class Correction(Base):
    """A correction of a published statement: a dated note shown on its pages and in feeds."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    # JSON: language → the note in that language.
    notes: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RelatedStatement(Base):
    """A related statement pinned by an editor, in the editor's order."""

    __tablename__ = "related_statements"
    __table_args__ = (CheckConstraint("statement_id <> related_id", name="not_self"),)

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    related_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class GlossaryTerm(Base):
    """An office term in one language; a concept groups the languages of one term."""

    __tablename__ = "glossary_terms"
    __table_args__ = (UniqueConstraint("concept", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept: Mapped[str] = mapped_column(String(200))
    lang: Mapped[LangCode]
    term: Mapped[str] = mapped_column(Text)
    # Forbidden variants, one per line.
    forbidden: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class TranslationMemoryEntry(Base):
    __tablename__ = "translation_memory"
    __table_args__ = (
        UniqueConstraint("source_lang", "target_lang", "source_hash", "target_hash"),
        Index("ix_translation_memory_lookup", "source_lang", "target_lang", "source_hash"),
        Index("ix_translation_memory_reverse", "target_lang", "source_lang", "target_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_lang: Mapped[LangCode]
    target_lang: Mapped[LangCode]
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
    target_hash: Mapped[str] = mapped_column(String(64))
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where the pair came from, for a person: a statement's revisions or a TMX file.
    origin: Mapped[str] = mapped_column(String(300), default="")
    # JSON kept from TMX for writing it back: attributes, props, notes, inline markup.
    meta: Mapped[str | None] = mapped_column(Text)


class TranslationMemoryKey(Base):
    """The memory's word index: a hash of (language, other language, word) → entry.

    Each entry is indexed on both sides, so a pair serves lookups in both directions.
    """

    __tablename__ = "translation_memory_keys"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("translation_memory.id", ondelete="CASCADE"), primary_key=True
    )


class Comment(Base):
    """A remark on a statement, or on one paragraph of one of its texts; replies form a thread."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    text_id: Mapped[int | None] = mapped_column(ForeignKey("texts.id", ondelete="CASCADE"))
    # The thread's first comment; None for a thread's first comment itself.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    # Which paragraph of the text (0-based) and what it said then, to find it again after edits.
    paragraph: Mapped[int | None]
    quote: Mapped[str] = mapped_column(Text, default="")
    # The send-back decision this comment gives the reason for.
    approval_id: Mapped[int | None] = mapped_column(ForeignKey("approvals.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Presence(Base):
    """Who has a statement open in the app, kept alive by a heartbeat."""

    __tablename__ = "presence"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # One app window: the same person may have two windows open.
    client: Mapped[str] = mapped_column(String(64))
    since: Mapped[datetime]
    seen_at: Mapped[datetime]


class AuditEvent(Base):
    """Append-only log of state changes, approvals, exports and logins."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Plain ids, not foreign keys: the log must outlive what it speaks of.
    user_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(64))
    statement_id: Mapped[int | None] = mapped_column(index=True)
    details: Mapped[str] = mapped_column(Text, default="")


class OfficeSetting(Base):
    """One office-wide setting as JSON; declared with types and defaults in settings.py."""

    __tablename__ = "office_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeCounter(Base):
    """One row: how many changes the export's inputs have had, and a random mark of the last.

    Database triggers (migration 0005) move it with every change to a statement, text,
    tag, pin, image or setting, in the changing transaction; see :mod:`app.core.changes`.
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    # Random on every change: two copies of a database that went separate ways after a
    # restore reach the same value with different tokens.
    token: Mapped[int] = mapped_column(BigInteger, default=0)


class Change(Base):
    """One change noted by the counter: to a statement, or (no statement) to the whole site."""

    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # A plain id, not a foreign key: a deleted statement's change must be seen too.
    statement_id: Mapped[int | None]


class RelatedListCache(Base):
    """The related statements of every statement of one language, as the export last ranked them.

    Valid while ``signature`` (a digest of everything the ranking reads) is unchanged;
    ``lists`` is JSON: statement id → related statement ids.
    """

    __tablename__ = "related_lists"

    lang: Mapped[LangCode] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64))
    lists: Mapped[str] = mapped_column(Text)
    # JSON: what ranking only the lists that changes can alter needs (related/incremental.py).
    basis: Mapped[str | None] = mapped_column(Text)


class TextTerm(Base):
    """A distinctive term of a text's current revision, for finding related statements."""

    __tablename__ = "text_terms"

    text_id: Mapped[int] = mapped_column(
        ForeignKey("texts.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    weight: Mapped[float]


class RenderedBody(Base):
    """The sanitised HTML of a body, computed once per content and renderer version."""

    __tablename__ = "rendered_bodies"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    lang: Mapped[LangCode] = mapped_column(primary_key=True)
    renderer_version: Mapped[str] = mapped_column(String(32), primary_key=True)
    html: Mapped[str] = mapped_column(Text)
    # Keyed digest of the four columns above (see render/cache.py): a body changed by
    # anything but the renderer no longer matches it.
    digest: Mapped[str] = mapped_column(String(64), server_default="")


class IntegrityKey(Base):
    """A secret of this database, for keyed digests of what it caches."""

    __tablename__ = "integrity_keys"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret: Mapped[bytes] = mapped_column(LargeBinary)


class RecoveryDraft(Base):
    """Typing not yet saved as a revision, kept so that a crash loses at most seconds of it."""

    __tablename__ = "recovery_drafts"
    __table_args__ = (UniqueConstraint("username", "draft_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    # "<statement id>:<lang>" for an existing statement, "new:<uuid>" for one never saved.
    draft_key: Mapped[str] = mapped_column(String(80))
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    lang: Mapped[LangCode]
    base_version: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    image_caption: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
