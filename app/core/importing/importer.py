"""Importing Markdown and Word files as statements: each statement whole or not at all,
each file recognised by where it came from, a bad file refused alone.

Files that are translations of each other (a shared translation key, Pelican slug or Hugo
base name) become one statement. A file imported before updates its own statement
(origins.py), and nothing else: a new file whose title or address is already taken
becomes a new statement under a free address, with a warning naming the other. A
statement made in the app is updated only when asked (``update_matching``), and no
import ever changes an existing statement's workflow status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core import audit, statements, workflow
from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.importing.discover import ImportCandidate, discover
from app.core.importing.errors import ImportFileError, SkippedFile
from app.core.importing.origins import AmbiguousOrigin, KnownOrigin, OriginIndex
from app.core.importing.parse import ParsedDocument, parse_file
from app.core.importing.word import parse_word
from app.core.media import MediaStore
from app.core.models import ImportOrigin, Statement
from app.core.settings import OfficeSettings, load_settings
from app.core.slugs import DEFAULT_MAX_LENGTH, slugify
from app.core.sqltypes import utcnow

Progress = Callable[[int, int], None]
# Statements per transaction: a commit per statement would cost more than the statement.
BATCH = 50


@dataclass(frozen=True, slots=True)
class ImportedStatement:
    """What became of one statement's files: ``outcome`` is new, updated, unchanged or
    failed (in a dry run: new or update); ``reason`` says why it failed."""

    outcome: str
    files: tuple[str, ...]
    title: str
    statement_id: int | None = None
    slug: str = ""
    reason: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # One line per file that was not imported: "PATH: reason".
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Files left out on purpose (Status: skip, pipes, links out of the folder).
    notes: list[str] = field(default_factory=list)
    statements: list[ImportedStatement] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class _Group:
    """The files of one statement, the source text first once chosen."""

    key: str
    docs: list[ParsedDocument]


class _Stop(Exception):
    """The person cancelled the import while the files were being read."""


def import_paths(
    db: Database,
    paths: Iterable[Path],
    *,
    default_lang: str | None = None,
    actor_id: int | None = None,
    date_from_file: bool | None = None,
    update_matching: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Imports every Markdown and Word file found under ``paths``; bad files are reported.

    ``default_lang`` (an office language, else :class:`PressDeskError`) is the language
    of files that name none. ``actor_id`` authors the revisions and the audit events
    (``None``: nobody known). ``date_from_file``: date published files without a date by
    their modification time (``None``: Pelican files only). ``update_matching``: a file
    imported for the first time whose address is a statement made in the app updates it.
    ``dry_run`` reads and matches everything and changes nothing. ``progress(done,
    total)`` counts files; ``cancelled()`` is asked between statements, and what was
    imported until then stays.
    """
    with db.transaction() as session:
        settings = load_settings(session)
        origins = OriginIndex(session)
        slugs = _SlugBook(session)
    lang = default_lang or settings.default_lang
    if lang not in settings.languages:
        raise PressDeskError(
            f"language {lang!r} is not one of the office's languages "
            f"({', '.join(settings.languages)})"
        )
    result = ImportResult()
    found = discover(paths)
    result.errors.extend(str(error) for error in found.errors)
    result.notes.extend(found.skipped)
    counter = _Counter(2 * len(found.candidates), progress)
    try:
        docs = _parse_all(
            found.candidates,
            settings,
            lang,
            default_lang,
            date_from_file,
            result,
            counter,
            cancelled,
        )
        groups = _groups(docs, settings, result.warnings)
        run = _Run(db, settings, origins, slugs, actor_id, update_matching, result)
        if dry_run:
            for group in groups:
                run.plan(group)
        else:
            result.cancelled = _import_groups(run, groups, counter, cancelled)
    except _Stop:
        result.cancelled = True
    if result.created or result.updated:
        _forget_related_indexes()
    return result


def _import_groups(
    run: _Run, groups: list[_Group], counter: _Counter, cancelled: Callable[[], bool] | None
) -> bool:
    """Imports the groups, :data:`BATCH` statements a transaction, each in a savepoint of its
    own; True when cancelled (what was imported until then is committed)."""
    done = 0
    while done < len(groups):
        with run.db.transaction() as session:
            for group in groups[done : done + BATCH]:
                if cancelled and cancelled():
                    return True
                run.import_group(session, group)
                counter.step(len(group.docs))
                done += 1
    return False


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)


def _parse_all(
    candidates: list[ImportCandidate],
    settings: OfficeSettings,
    lang: str,
    chosen_lang: str | None,
    date_from_file: bool | None,
    result: ImportResult,
    counter: _Counter,
    cancelled: Callable[[], bool] | None,
) -> list[ParsedDocument]:
    docs: list[ParsedDocument] = []
    used: dict[str, Path] = {}
    for candidate in candidates:
        if cancelled and cancelled():
            raise _Stop
        counter.step()
        try:
            if candidate.is_word:
                doc = parse_word(
                    candidate.path,
                    default_lang=lang,
                    languages=settings.languages,
                    candidate=candidate,
                    chosen_lang=chosen_lang,
                )
            else:
                doc = parse_file(
                    candidate.path,
                    default_lang=lang,
                    office_tz=settings.timezone,
                    languages=settings.languages,
                    date_from_file=date_from_file,
                    candidate=candidate,
                )
        except SkippedFile as skipped:
            result.notes.append(str(skipped))
            counter.step()
            continue
        except ImportFileError as error:
            result.errors.append(str(error))
            result.statements.append(
                ImportedStatement("failed", (str(error.path),), "", reason=error.reason)
            )
            counter.step()
            continue
        if doc.origin in used:
            reason = (
                f"it is {doc.origin} as {used[doc.origin]} is: import folders of the same "
                "name one at a time"
            )
            _fail(result, [doc], reason)
            counter.step()
            continue
        used[doc.origin] = doc.path
        result.warnings.extend(doc.notes)
        docs.append(doc)
    return docs


def _groups(
    docs: list[ParsedDocument], settings: OfficeSettings, warnings: list[str]
) -> list[_Group]:
    """The files of each statement, in the order met; one file per language in each."""
    groups: dict[str, _Group] = {}
    for doc in docs:
        key = _group_key(doc)
        group = groups.get(key)
        n = 1
        while group is not None and any(d.lang == doc.lang for d in group.docs):
            n += 1
            group = groups.get(f"{key}#{n}")
        if n > 1 and group is None:
            first = groups[key].docs[0]
            warnings.append(
                f"{doc.path}: has the language ({doc.lang}) and translation key of "
                f"{first.path}: imported as a statement of its own"
            )
        if group is None:
            group = groups[key if n == 1 else f"{key}#{n}"] = _Group(key, [])
        group.docs.append(doc)
    for group in groups.values():
        source = _source_of(group.docs, settings)
        group.docs.sort(key=lambda d: d is not source)
    return list(groups.values())


def _group_key(doc: ParsedDocument) -> str:
    if doc.is_word:
        return f"file:{doc.origin}"
    if doc.translation_key:
        return f"key:{doc.translation_key}"
    if doc.slug:
        return f"slug:{doc.slug}"
    return f"file:{doc.origin}"


def _source_of(docs: list[ParsedDocument], settings: OfficeSettings) -> ParsedDocument:
    """The original among translations: marked by Pelican, else the office's first language."""
    marked = [d for d in docs if not d.is_translation]
    pool = marked or docs
    order = {lang: i for i, lang in enumerate(settings.languages)}
    return min(
        pool, key=lambda d: (d.lang != settings.default_lang, order.get(d.lang, 99), str(d.path))
    )


def _fail(result: ImportResult, docs: Sequence[ParsedDocument], reason: str) -> None:
    reason = " ".join(reason.split())
    result.errors.extend(f"{d.path}: {reason}" for d in docs)
    result.statements.append(
        ImportedStatement("failed", tuple(str(d.path) for d in docs), docs[0].title, reason=reason)
    )


class _SlugBook:
    """Every statement's address, folded to lower case: on Windows and macOS ``Report``
    and ``report`` would be one file, so an import never hands out both."""

    def __init__(self, session: Session) -> None:
        self.owner: dict[str, int] = {
            slug.lower(): sid for sid, slug in session.execute(select(Statement.id, Statement.slug))
        }

    def free(self, wanted: str) -> str:
        """``wanted`` (a safe slug, kept as it is), or ``wanted-2``, ``wanted-3`` … if taken."""
        if wanted.lower() not in self.owner:
            return wanted
        n = 2
        while True:
            suffix = f"-{n}"
            candidate = wanted[: DEFAULT_MAX_LENGTH - len(suffix)].rstrip("-.") + suffix
            if candidate.lower() not in self.owner:
                return candidate
            n += 1

    def take(self, slug: str, statement_id: int) -> None:
        self.owner[slug.lower()] = statement_id


@dataclass
class _Run:
    """One import's state shared by its statements: settings, known files and addresses."""

    db: Database
    settings: OfficeSettings
    origins: OriginIndex
    slugs: _SlugBook
    actor_id: int | None
    update_matching: bool
    result: ImportResult
    store: MediaStore = field(init=False)

    def __post_init__(self) -> None:
        self.store = MediaStore.for_database(self.db)

    def plan(self, group: _Group) -> None:
        """A dry run's line for the group: which statement it would make or update."""
        try:
            statement_id, _ = self._match(group)
        except AmbiguousOrigin as error:
            _fail(self.result, group.docs, str(error))
            return
        source = group.docs[0]
        files = tuple(str(d.path) for d in group.docs)
        if statement_id is None:
            self.result.created += 1
            slug = self.slugs.free(self._wanted_slug(source))
            self.slugs.take(slug, -1)
            self.result.statements.append(ImportedStatement("new", files, source.title, None, slug))
        else:
            self.result.updated += 1
            self.result.statements.append(
                ImportedStatement("update", files, source.title, statement_id)
            )

    def import_group(self, session: Session, group: _Group) -> None:
        """Imports the group in a savepoint of ``session``: whole, or not at all."""
        warnings: list[str] = []
        try:
            statement_id, found_by = self._match(group)
            with session.begin_nested():
                outcome, statement = self._write(session, group, statement_id, warnings)
                slug, sid = statement.slug, statement.id
        except (AmbiguousOrigin, PressDeskError) as error:
            _fail(self.result, group.docs, str(error))
            return
        except IntegrityError as error:
            _fail(self.result, group.docs, f"clashes with what the database holds: {error.orig}")
            return
        except (ValueError, OverflowError, RecursionError) as error:
            _fail(self.result, group.docs, f"cannot be imported: {error}")
            return
        if found_by:
            warnings.insert(0, found_by)
        self.result.warnings.extend(warnings)
        for doc in group.docs:
            self.origins.add(KnownOrigin(doc.origin, sid, doc.translation_key or doc.slug))
        self.slugs.take(slug, sid)
        setattr(self.result, outcome, getattr(self.result, outcome) + 1)
        label = {"created": "new"}.get(outcome, outcome)
        self.result.statements.append(
            ImportedStatement(
                label, tuple(str(d.path) for d in group.docs), group.docs[0].title, sid, slug
            )
        )

    def _match(self, group: _Group) -> tuple[int | None, str]:
        """The statement the group's files are (or ``None``), and a note when it was made
        in the app and matched by address."""
        found = {o.statement_id for d in group.docs if (o := self.origins.find(d.origin))}
        if len(found) > 1:
            raise AmbiguousOrigin(
                f"these files were imported before into different statements ({sorted(found)})"
            )
        if found:
            return found.pop(), ""
        if self.update_matching:
            source = group.docs[0]
            owner = self.slugs.owner.get(self._wanted_slug(source).lower())
            if owner is not None and owner > 0 and not self.origins.imported(owner):
                return owner, (
                    f"{source.path}: updates statement {owner} "
                    f"({self._wanted_slug(source)}), made in the app"
                )
        return None, ""

    def _wanted_slug(self, source: ParsedDocument) -> str:
        return source.slug or slugify(source.title) or "statement"

    def _write(
        self, session: Session, group: _Group, statement_id: int | None, warnings: list[str]
    ) -> tuple[str, Statement]:
        source, now = group.docs[0], utcnow()
        if statement_id is None:
            statement = self._create(session, group, now, warnings)
            changed, created = True, True
        else:
            statement = statements.get_statement(session, statement_id)
            changed, created = False, False
        for doc in group.docs:
            if created and doc is source:
                continue
            content = TextContent(doc.title, doc.lead, self._body(session, doc, warnings))
            saved = statements.save_text(
                session,
                statement.id,
                doc.lang,
                content,
                actor_id=self.actor_id,
                now=doc.revision_time or now,
            )
            changed = changed or saved.changed
        tags = tuple(sorted({t for d in group.docs for t in d.tags}))
        if tags != tuple(t.name for t in statement.tags) and (tags or not source.is_word):
            statements.set_tags(session, statement.id, tags)
            changed = True
        changed = self._lead_image(session, statement, source, warnings) or changed
        if created and not source.draft:
            session.flush()
            published = workflow.publish_imported(
                session, statement.id, self.actor_id, source.date or now, hidden=source.hidden
            )
            if not published:
                _note_once(
                    warnings,
                    "statements published on their old site were imported as drafts: "
                    "only an admin imports published statements",
                )
        changed = self._record_origins(session, group, statement.id) or changed
        if changed:
            audit.record(
                session,
                "statement.imported",
                self.actor_id,
                statement.id,
                files=[d.origin for d in group.docs],
                slug=statement.slug,
            )
        return ("created" if created else "updated" if changed else "unchanged"), statement

    def _create(
        self, session: Session, group: _Group, now: dt.datetime, warnings: list[str]
    ) -> Statement:
        source = group.docs[0]
        wanted = self._wanted_slug(source)
        slug = self.slugs.free(wanted)
        if slug.lower() != wanted.lower():
            other = self.slugs.owner[wanted.lower()]
            came = self.origins.path_of(other)
            warnings.append(
                f"{source.path}: the address {wanted!r} is statement {other}'s "
                f"({f'from {came}' if came else 'made in the app'}): imported as {slug!r}"
            )
        key = source.translation_key
        if key and source.slug != key:
            for other in sorted(self.origins.with_key(key)):
                warnings.append(
                    f"{source.path}: translation key {key!r} is also statement {other}'s "
                    f"(from {self.origins.path_of(other)}): imported as a statement of its own"
                )
        # The first revision is dated when the file says the text last changed.
        statement = statements.create_statement(
            session,
            source_lang=source.lang,
            content=TextContent(source.title, source.lead, self._body(session, source, warnings)),
            actor_id=self.actor_id,
            slug=slug,
            created_at=source.revision_time or now,
        )
        statement.created_at = source.date or statement.created_at
        statement.slug = slug  # as the file gave it: create_statement would remake it
        # An address the file gave (or a bundle's folder) stays; one made from the title
        # follows the title while the statement is a draft, as in the app.
        statement.slug_is_manual = source.slug is not None
        return statement

    def _body(self, session: Session, doc: ParsedDocument, warnings: list[str]) -> str:
        """Copies the body's images into the media store and points the body at them."""
        body = doc.body
        for reference, image in doc.body_images:
            try:
                if isinstance(image, bytes):
                    media = self.store.add(session, image, reference)
                else:
                    media = self.store.add_file(session, image)
            except PressDeskError as error:
                _note_once(warnings, f"{doc.path}: image {reference} skipped: {error}")
                continue
            target = f"media/{media.file_name}"
            body = body.replace(f"]({reference}", f"]({target}").replace(
                f"]: {reference}", f"]: {target}"
            )
        for missing in doc.missing_images:
            _note_once(warnings, f"{doc.path}: image {missing} not found")
        for refused in doc.refused_images:
            _note_once(
                warnings, f"{doc.path}: image {refused} skipped: it is outside the folder imported"
            )
        return body

    def _lead_image(
        self, session: Session, statement: Statement, source: ParsedDocument, warnings: list[str]
    ) -> bool:
        if source.lead_image is None:
            return False
        try:
            media_id = self.store.add_file(session, source.lead_image).id
        except PressDeskError as error:
            warnings.append(f"{source.path}: lead image skipped: {error}")
            return False
        if statement.lead_media_id == media_id:
            return False
        statement.lead_media_id = media_id
        return True

    def _record_origins(self, session: Session, group: _Group, statement_id: int) -> bool:
        """Notes each file's origin, unless it is known already (perhaps by a longer path)."""
        added = False
        for doc in group.docs:
            if self.origins.find(doc.origin) is None:
                session.add(
                    ImportOrigin(
                        statement_id=statement_id,
                        path=doc.origin,
                        lang=doc.lang,
                        key=doc.translation_key or doc.slug,
                    )
                )
                added = True
        return added


def _note_once(warnings: list[str], line: str) -> None:
    if line not in warnings:
        warnings.append(line)


def _forget_related_indexes() -> None:
    """Revisions dated in the past escape the preview's look for changes: drop its indexes."""
    from app.core.related.index import forget_indexes

    forget_indexes()
