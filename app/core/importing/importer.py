"""Importing parsed Markdown files as statements: a transaction per statement, no duplicates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit, statements
from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.importing.discover import discover
from app.core.importing.errors import ImportFileError
from app.core.importing.parse import ParsedDocument, parse_file
from app.core.media import MediaStore
from app.core.models import Statement, Status
from app.core.settings import OfficeSettings, load_settings
from app.core.slugs import slugify


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _group_key(doc: ParsedDocument) -> str:
    if doc.translation_key:
        return f"key:{doc.translation_key}"
    if doc.slug:
        return f"slug:{doc.slug}"
    return f"path:{doc.path}"


def _source_of(docs: list[ParsedDocument], settings: OfficeSettings) -> ParsedDocument:
    """The original among translations: marked by Pelican, else the office's first language."""
    marked = [d for d in docs if not d.is_translation]
    pool = marked or docs
    order = {lang: i for i, lang in enumerate(settings.languages)}
    return min(
        pool, key=lambda d: (d.lang != settings.default_lang, order.get(d.lang, 99), str(d.path))
    )


def _store_images(
    session: Session, store: MediaStore, doc: ParsedDocument, warn: Callable[[str], None]
) -> str:
    """Copies the body's images into the media store and points the body at them."""
    body = doc.body
    for reference, path in doc.body_images:
        try:
            media = store.add_file(session, path)
        except PressDeskError as error:
            warn(f"{doc.path}: image {reference} skipped: {error}")
            continue
        target = f"media/{media.file_name}"
        body = body.replace(f"]({reference}", f"]({target}").replace(
            f"]: {reference}", f"]: {target}"
        )
    for missing in doc.missing_images:
        warn(f"{doc.path}: image {missing} not found")
    return body


def _import_group(
    session: Session,
    docs: list[ParsedDocument],
    settings: OfficeSettings,
    store: MediaStore,
    warn: Callable[[str], None],
) -> str:
    source = _source_of(docs, settings)
    slug = source.slug or next((d.slug for d in docs if d.slug), None) or slugify(source.title)
    statement = session.scalar(select(Statement).where(Statement.slug == slug)) if slug else None
    created = statement is None
    if statement is None:
        statement = statements.create_statement(
            session,
            source_lang=source.lang,
            content=TextContent(
                source.title, source.lead, _store_images(session, store, source, warn)
            ),
            actor_id=None,
            slug=slug or None,
            created_at=source.date,
        )
        changed = True
    else:
        changed = False
    for doc in sorted(docs, key=lambda d: d is not source):
        if created and doc is source:
            continue
        content = TextContent(doc.title, doc.lead, _store_images(session, store, doc, warn))
        result = statements.save_text(session, statement.id, doc.lang, content, actor_id=None)
        changed = changed or result.changed
    tags = tuple(sorted({t for d in docs for t in d.tags}))
    if tags != tuple(t.name for t in statement.tags):
        statements.set_tags(session, statement.id, tags)
        changed = True
    if source.lead_image is not None:
        try:
            media_id = store.add_file(session, source.lead_image).id
        except PressDeskError as error:
            warn(f"{source.path}: lead image skipped: {error}")
        else:
            changed = changed or statement.lead_media_id != media_id
            statement.lead_media_id = media_id
    if not source.draft and statement.status != Status.PUBLISHED:
        statement.status = Status.PUBLISHED
        statement.published_at = source.date
        changed = True
    if changed:
        audit.record(
            session,
            "statement.imported",
            None,
            statement.id,
            files=[str(d.path) for d in docs],
        )
    return "created" if created else ("updated" if changed else "unchanged")


def import_paths(
    db: Database, paths: Iterable[Path], *, default_lang: str | None = None
) -> ImportResult:
    """Imports every Markdown file found under ``paths``; bad files are reported, not fatal."""
    result = ImportResult()
    with db.transaction() as session:
        settings = load_settings(session)
    lang = default_lang or settings.default_lang
    groups: dict[str, list[ParsedDocument]] = {}
    for path in paths:
        try:
            candidates = discover([path])
        except ImportFileError as error:
            result.errors.append(str(error))
            continue
        for candidate in candidates:
            try:
                doc = parse_file(candidate.path, default_lang=lang, office_tz=settings.timezone)
            except ImportFileError as error:
                result.errors.append(str(error))
                continue
            groups.setdefault(_group_key(doc), []).append(doc)
    store = MediaStore.for_database(db)
    for docs in groups.values():
        warnings: list[str] = []
        try:
            with db.transaction() as session:
                outcome = _import_group(session, docs, settings, store, warnings.append)
        except PressDeskError as error:
            result.errors.extend(f"{d.path}: {error}" for d in docs)
            continue
        result.warnings.extend(warnings)
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result
