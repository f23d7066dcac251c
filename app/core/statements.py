"""Creating statements and saving their texts as revisions, inside the caller's unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.core import audit, related, search, validation
from app.core.conflicts import StatementConflict, TextConflict, TheirStatement, TheirText
from app.core.content import TextContent
from app.core.errors import ConflictError, NotFoundError, PressDeskError
from app.core.hygiene import clean_line
from app.core.models import (
    AuditEvent,
    PublishedRevision,
    Revision,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    User,
)
from app.core.moments import local_time
from app.core.settings import load_settings
from app.core.slugs import slugify, unique_slug
from app.core.sqltypes import utcnow
from app.core.translation import addresses

MAX_TITLE_LENGTH = 500


@dataclass(frozen=True, slots=True)
class SaveResult:
    text_id: int
    revision_id: int
    revision_number: int
    version: int
    changed: bool


def _slug_taken(session: Session, statement_id: int | None):
    def taken(candidate: str) -> bool:
        stmt = select(Statement.id).where(Statement.slug == candidate)
        if statement_id is not None:
            stmt = stmt.where(Statement.id != statement_id)
        return session.scalar(stmt) is not None

    return taken


def new_slug(session: Session, title: str, statement_id: int | None = None) -> str:
    return unique_slug(slugify(title), _slug_taken(session, statement_id))


def create_statement(
    session: Session,
    *,
    source_lang: str,
    content: TextContent,
    actor_id: int | None,
    tags: tuple[str, ...] = (),
    slug: str | None = None,
    created_at: datetime | None = None,
) -> Statement:
    """A new draft statement whose source text has ``content`` as its first revision."""
    content = content.normalized()
    _check_content(content)
    now = created_at or utcnow()
    statement = Statement(
        slug=set_slug_value(session, slug) if slug else new_slug(session, content.title),
        slug_is_manual=bool(slug),
        source_lang=source_lang,
        status=Status.DRAFT,
        created_by_id=actor_id,
        created_at=now,
        updated_at=now,
    )
    session.add(statement)
    session.flush()
    save_text(session, statement.id, source_lang, content, actor_id=actor_id, now=now)
    if tags:
        set_tags(session, statement.id, tags)
    audit.record(session, "statement.created", actor_id, statement.id, slug=statement.slug)
    return statement


def set_slug_value(session: Session, requested: str, statement_id: int | None = None) -> str:
    """An editor's slug, made safe and unique."""
    base = slugify(validation.check_text(requested, "the page name"))
    if not base:
        raise PressDeskError(f"{requested!r} cannot be used as a slug: it has no letters or digits")
    return unique_slug(base, _slug_taken(session, statement_id))


def set_slug(
    session: Session, statement_id: int, requested: str | None, actor_id: int | None
) -> str:
    """Sets an editor's slug, or with ``None`` lets it follow the source title again."""
    statement = get_statement(session, statement_id)
    if statement.status == Status.PUBLISHED or statement.published_at is not None:
        raise PressDeskError(
            "the slug of a published statement cannot change: its address is public"
        )
    if requested is None:
        statement.slug_is_manual = False
        source = _current_revision(session, find_text(session, statement_id, statement.source_lang))
        statement.slug = new_slug(session, source.title if source else "", statement_id)
    else:
        statement.slug = set_slug_value(session, requested, statement_id)
        statement.slug_is_manual = True
    audit.record(session, "statement.slug", actor_id, statement_id, slug=statement.slug)
    return statement.slug


def get_statement(session: Session, statement_id: int) -> Statement:
    statement = session.get(Statement, statement_id)
    if statement is None:
        raise NotFoundError(f"statement {statement_id} does not exist")
    return statement


def find_text(
    session: Session, statement_id: int, lang: str, *, for_update: bool = False
) -> StatementText | None:
    """One language of a statement; ``for_update`` locks its row until the transaction ends
    (PostgreSQL; SQLite's writers already hold the database) and reads it afresh."""
    stmt = select(StatementText).where(
        StatementText.statement_id == statement_id, StatementText.lang == lang
    )
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return session.scalar(stmt)


def _current_revision(session: Session, text_row: StatementText | None) -> Revision | None:
    if text_row is None or text_row.revision_number == 0:
        return None
    return session.scalar(
        select(Revision).where(
            Revision.text_id == text_row.id, Revision.number == text_row.revision_number
        )
    )


def current_revision(session: Session, statement_id: int, lang: str) -> Revision | None:
    return _current_revision(session, find_text(session, statement_id, lang))


def _check_content(content: TextContent) -> None:
    if not content.title:
        raise PressDeskError("a text needs a title")
    if len(content.title) > MAX_TITLE_LENGTH:
        raise PressDeskError(f"the title is longer than {MAX_TITLE_LENGTH} characters")


def save_text(
    session: Session,
    statement_id: int,
    lang: str,
    content: TextContent,
    *,
    actor_id: int | None,
    expected_version: int | None = None,
    source_revision_id: int | None = None,
    covers_source: bool = False,
    now: datetime | None = None,
) -> SaveResult:
    """Saves one language of a statement; a new revision only when the content changed.

    ``expected_version`` is the text version the editor started from (0: the text did not
    exist yet; None: no check, for imports): if someone else saved since,
    :class:`TextConflict` says who and carries their version, and nothing is written.
    A translation records the source revision it was made from (its base): a new
    translation starts from the source's current revision, and later saves keep the
    previous revision's base, so fixing a comma never hides a source change not yet
    translated. Only ``covers_source`` (the translator says the translation now covers
    the source: "mark as updated") or an explicit ``source_revision_id`` moves it.
    """
    content = content.normalized()
    _check_content(content)
    statement = get_statement(session, statement_id)
    now = now or utcnow()
    # Locked first: a concurrent save of this text waits here, then sees the new version.
    text_row = find_text(session, statement_id, lang, for_update=True)
    if text_row is None:
        if expected_version not in (None, 0):
            raise ConflictError(f"the {lang} text was deleted by someone else")
        text_row = StatementText(
            statement_id=statement_id,
            lang=lang,
            is_source=lang == statement.source_lang,
            updated_at=now,
            updated_by_id=actor_id,
        )
        try:
            with session.begin_nested():
                session.add(text_row)
        except IntegrityError:
            # Another person started this language at the same moment and got there first.
            raise _conflict(session, find_text(session, statement_id, lang)) from None
    elif expected_version is not None and text_row.version != expected_version:
        raise _conflict(session, text_row)

    current = _current_revision(session, text_row)
    if not text_row.is_source and source_revision_id is None:
        if current is not None and not covers_source:
            source_revision_id = current.source_revision_id
        else:
            source = current_revision(session, statement_id, statement.source_lang)
            source_revision_id = source.id if source else None

    if (
        current is not None
        and current.content_hash == content.content_hash
        and (text_row.is_source or current.source_revision_id == source_revision_id)
    ):
        return SaveResult(text_row.id, current.id, current.number, text_row.version, False)

    revision = Revision(
        text_id=text_row.id,
        number=text_row.revision_number + 1,
        title=content.title,
        lead=content.lead,
        body=content.body,
        image_caption=content.image_caption,
        content_hash=content.content_hash,
        source_revision_id=None if text_row.is_source else source_revision_id,
        author_id=actor_id,
        created_at=now,
    )
    session.add(revision)
    text_row.revision_number = revision.number
    text_row.content_hash = revision.content_hash
    text_row.updated_at = now
    text_row.updated_by_id = actor_id
    statement.updated_at = now
    if text_row.is_source:
        statement.sort_title = search.fold(content.title)[:200]
    if text_row.is_source and not statement.slug_is_manual and statement.published_at is None:
        statement.slug = new_slug(session, content.title, statement_id)
    addresses.follow_title(session, statement, text_row, content.title)
    try:
        session.flush()
    except StaleDataError as error:
        raise _conflict(session, text_row) from error
    previous = TextContent.of(current) if current is not None else None
    search.index_text(session, text_row.id, content, previous)
    # A text on the website is ranked by the words the website shows: an edit waits for its
    # approval to move its pin (workflow) before its terms change.
    if session.get(PublishedRevision, (statement_id, lang)) is None:
        store_related_terms(session, text_row.id, content, lang)
    return SaveResult(text_row.id, revision.id, revision.number, text_row.version, True)


def store_related_terms(session: Session, text_id: int, content: TextContent, lang: str) -> None:
    """The distinctive terms related-article rankings read for this text."""
    related.store_terms(
        session, text_id, related.distinctive_terms(content.title, content.lead, content.body, lang)
    )


def _conflict(session: Session, text_row: StatementText | None) -> ConflictError:
    if text_row is None:
        return ConflictError("this text was removed by someone else after you opened it")
    session.refresh(text_row)
    who = session.get(User, text_row.updated_by_id) if text_row.updated_by_id else None
    name = who.display_name if who else "someone else"
    current = _current_revision(session, text_row)
    content = TextContent.of(current) if current else TextContent("")
    when = local_time(text_row.updated_at, load_settings(session).timezone)
    return TextConflict(
        f"{name} saved the {text_row.lang} text at {when} after you opened it; "
        "your version was not saved over theirs",
        TheirText(
            statement_id=text_row.statement_id,
            lang=text_row.lang,
            version=text_row.version,
            content=content,
            saved_by=name,
            saved_at=text_row.updated_at,
        ),
    )


#: Audit actions that change the statement's shared fields (their newest names who did it).
_META_ACTIONS = ("statement.tags", "statement.slug", "statement.image", "workflow.scheduled")


def _their_statement(session: Session, statement: Statement) -> TheirStatement:
    session.refresh(statement)
    event = session.execute(
        select(AuditEvent.at, User.display_name)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.statement_id == statement.id, AuditEvent.action.in_(_META_ACTIONS))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    return TheirStatement(
        statement_id=statement.id,
        meta_version=statement.meta_version,
        tags=tuple(t.name for t in statement.tags),
        slug=statement.slug,
        lead_media_id=statement.lead_media_id,
        changed_by=(event[1] or "someone else") if event else "someone else",
        changed_at=event[0] if event else None,
    )


def claim_meta_version(session: Session, statement: Statement, expected: int) -> None:
    """Bumps the statement's meta version if it is still ``expected``; else a conflict naming
    who changed its tags, address, image or schedule since."""
    bumped = session.execute(
        update(Statement)
        .where(Statement.id == statement.id, Statement.meta_version == expected)
        .values(meta_version=Statement.meta_version + 1)
        .execution_options(synchronize_session=False)
    )
    if bumped.rowcount == 1:
        session.refresh(statement, ["meta_version"])
        return
    theirs = _their_statement(session, statement)
    when = (
        f" at {local_time(theirs.changed_at, load_settings(session).timezone)}"
        if theirs.changed_at
        else ""
    )
    raise StatementConflict(
        f"{theirs.changed_by} changed the tags, address, image or schedule of this statement"
        f"{when} after you opened it; your changes were not saved over theirs",
        theirs,
    )


def set_tags(session: Session, statement_id: int, names: tuple[str, ...] | list[str]) -> bool:
    """Replaces the statement's tags, creating tags that do not exist yet; False (and
    nothing written) when they are the tags it has."""
    wanted = sorted({name for name in (clean_line(n).strip() for n in names) if name})
    statement = get_statement(session, statement_id)
    if wanted == sorted(t.name for t in statement.tags):
        return False
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    for name in wanted:
        if name not in existing:
            existing[name] = Tag(name=name)
            session.add(existing[name])
    session.flush()
    session.execute(
        StatementTag.__table__.delete().where(StatementTag.statement_id == statement_id)
    )
    if wanted:
        session.execute(
            StatementTag.__table__.insert(),
            [{"statement_id": statement_id, "tag_id": existing[n].id} for n in wanted],
        )
    session.expire(statement, ["tags"])
    statement.updated_at = utcnow()
    return True


def all_tag_names(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).order_by(func.lower(Tag.name))))


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    id: int
    number: int
    author: str
    created_at: datetime
    content: TextContent
    content_hash: str


def history(session: Session, statement_id: int, lang: str) -> list[RevisionInfo]:
    """The revisions of one text, newest first."""
    text_row = find_text(session, statement_id, lang)
    if text_row is None:
        return []
    rows = session.execute(
        select(Revision, User.display_name)
        .outerjoin(User, User.id == Revision.author_id)
        .where(Revision.text_id == text_row.id)
        .order_by(Revision.number.desc())
    )
    return [
        RevisionInfo(
            id=rev.id,
            number=rev.number,
            author=author or "",
            created_at=rev.created_at,
            content=TextContent.of(rev),
            content_hash=rev.content_hash,
        )
        for rev, author in rows
    ]
