"""`pressdesk demo`: writes the generated archive into a database, fast enough for 100,000.

Rows go in with bulk inserts (the same rows the services would write: revisions with
their hashes, search index, related terms, approvals), in one transaction per batch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.core import search, users
from app.core.content import TextContent
from app.core.db import Database
from app.core.demo import tag_names
from app.core.demo.corpus import REFERENCE_DATE, DemoStatement, DemoText, generate
from app.core.demo.images import demo_image
from app.core.errors import PressDeskError
from app.core.media import MediaStore
from app.core.models import (
    Approval,
    AuditEvent,
    Decision,
    PublishedRevision,
    Revision,
    Role,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    TagName,
    TextTerm,
    User,
)
from app.core.related import distinctive_terms
from app.core.slugs import slugify
from app.core.sqltypes import utcnow

BATCH = 1000

DEMO_USERS = (
    ("nigora", "Нигора Раҳимова", {Role.WRITER}),
    ("farhod", "Фарҳод Саидов", {Role.TRANSLATOR}),
    ("anna", "Анна Петрова", {Role.TRANSLATOR}),
    ("malika", "Малика Назарова", {Role.EDITOR}),
)

Progress = Callable[[int, int], None]


def _demo_users(session: Session) -> dict[str, int]:
    ids = {}
    for username, name, roles in DEMO_USERS:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = users.add_demo_author(session, username, name, roles)
        ids[username] = user.id
    return ids


class _Ids:
    """Hands out primary keys above what the database already holds."""

    def __init__(self, session: Session) -> None:
        self.next = {
            model: (session.scalar(select(func.max(model.id))) or 0) + 1
            for model in (Statement, StatementText, Revision)
        }

    def take(self, model: type) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


class _Batch:
    """The rows of one batch, table by table."""

    def __init__(self) -> None:
        self.statements: list[dict] = []
        self.texts: list[dict] = []
        self.revisions: list[dict] = []
        self.approvals: list[dict] = []
        self.pins: list[dict] = []
        self.tags: list[dict] = []
        self.terms: list[dict] = []
        self.search: list[dict[str, object]] = []


def _revision(
    batch: _Batch, ids: _Ids, text_id: int, number: int, demo: DemoText, **extra: object
) -> tuple[int, str]:
    content = TextContent(demo.title, demo.lead, demo.body_markdown, demo.image_caption)
    content = content.normalized()
    revision_id = ids.take(Revision)
    batch.revisions.append(
        {
            "id": revision_id,
            "text_id": text_id,
            "number": number,
            "title": content.title,
            "lead": content.lead,
            "body": content.body,
            "image_caption": content.image_caption,
            "content_hash": content.content_hash,
            **extra,
        }
    )
    return revision_id, content.content_hash


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A generated statement with the costly derived data (terms, search rows) computed."""

    demo: DemoStatement
    terms: dict[str, dict[str, float]]
    documents: dict[str, dict[str, object]]


def _prepare(demo: DemoStatement) -> _Prepared:
    terms, documents = {}, {}
    for lang, t in demo.texts.items():
        terms[lang] = distinctive_terms(t.title, t.lead, t.body_markdown, lang)
        documents[lang] = search.folded_document(0, t.title, t.lead, t.body_markdown)
    return _Prepared(demo, terms, documents)


def _produce(count: int, seed: int, queue: multiprocessing.Queue) -> None:
    try:
        for chunk in _batches(generate(count, seed), BATCH):
            queue.put([_prepare(demo) for demo in chunk])
        queue.put(None)
    except BaseException as error:  # the parent reports it; the child just ends
        queue.put(error)


def _prepared_batches(count: int, seed: int) -> Iterator[list[_Prepared]]:
    """Batches of prepared statements, made in a second process where the platform forks.

    Generating text and its terms costs as much as writing it, so on a machine with
    two cores the two run side by side.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or count <= BATCH:
        for chunk in _batches(generate(count, seed), BATCH):
            yield [_prepare(demo) for demo in chunk]
        return
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=3)
    producer = context.Process(target=_produce, args=(count, seed, queue), daemon=True)
    producer.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise PressDeskError(f"generating demo content failed: {item}") from item
            yield item
    finally:
        producer.terminate()
        producer.join()


def schedule_shift(now: datetime) -> timedelta:
    """Whole weeks that carry the corpus's reference day to ``now`` or later: the demo's
    scheduled statements stay ahead of whoever loads it, on their weekday and hour, instead
    of falling due at once (the corpus dates them from a fixed day, to stay reproducible)."""
    week = timedelta(weeks=1)
    return week * max(0, -((REFERENCE_DATE - now) // week))


def _add_statement(
    batch: _Batch,
    ids: _Ids,
    prepared: _Prepared,
    slug: str,
    people: dict[str, int],
    tag_ids: dict[str, int],
    media_ids: dict[int, int],
    shift: timedelta,
) -> None:
    demo = prepared.demo
    sid = ids.take(Statement)
    status = Status(demo.status)
    created = demo.created_at
    published = (
        created + timedelta(hours=2) if status in (Status.PUBLISHED, Status.WITHDRAWN) else None
    )
    updated = published or created + timedelta(hours=1)
    writer, editor = people["nigora"], people["malika"]
    batch.statements.append(
        {
            "id": sid,
            "slug": slug,
            "slug_is_manual": False,
            "sort_title": search.fold(demo.texts[demo.source_lang].title)[:200],
            "source_lang": demo.source_lang,
            "status": status.value,
            "lead_media_id": media_ids.get(demo.image_index)
            if demo.image_index is not None
            else None,
            "created_by_id": writer,
            "created_at": created,
            "updated_at": updated,
            "scheduled_at": demo.scheduled_at + shift if demo.scheduled_at else None,
            "embargo_until": None,
            "published_at": published,
        }
    )
    batch.tags.extend({"statement_id": sid, "tag_id": tag_ids[t]} for t in sorted(set(demo.tags)))
    approve = status in (Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED, Status.WITHDRAWN)
    source_text_id = ids.take(StatementText)
    history = [demo.stale_source] if demo.stale_source is not None else []
    source_revs = []
    for number, version in enumerate([*history, demo.texts[demo.source_lang]], start=1):
        source_revs.append(
            _revision(
                batch,
                ids,
                source_text_id,
                number,
                version,
                source_revision_id=None,
                author_id=writer,
                created_at=created,
            )
        )
    first_source, current_source = source_revs[0][0], source_revs[-1][0]
    texts = [(demo.source_lang, source_text_id, source_revs[-1], len(source_revs), True)]
    for lang, demo_text in sorted(demo.texts.items()):
        if lang == demo.source_lang or lang in demo.missing_langs:
            continue
        text_id = ids.take(StatementText)
        made_from = first_source if lang in demo.stale_langs else current_source
        translator = people["farhod" if lang == "tg" or lang == "en" else "anna"]
        rev = _revision(
            batch,
            ids,
            text_id,
            1,
            demo_text,
            source_revision_id=made_from,
            author_id=translator,
            created_at=created,
        )
        texts.append((lang, text_id, rev, 1, False))
    for lang, text_id, (rev_id, content_hash), number, is_source in texts:
        batch.texts.append(
            {
                "id": text_id,
                "statement_id": sid,
                "lang": lang,
                "is_source": is_source,
                "revision_number": number,
                "content_hash": content_hash,
                "updated_at": created,
                "updated_by_id": writer if is_source else None,
                "version": 1,
            }
        )
        batch.search.append({**prepared.documents[lang], "id": text_id})
        batch.terms.extend(
            {"text_id": text_id, "term": t, "weight": w} for t, w in prepared.terms[lang].items()
        )
        if published is not None:
            # On the website as it stands, as the publisher would have pinned it.
            batch.pins.append(
                {"statement_id": sid, "lang": lang, "revision_id": rev_id, "pinned_at": published}
            )
        if approve:
            batch.approvals.append(
                {
                    "text_id": text_id,
                    "revision_id": rev_id,
                    "content_hash": content_hash,
                    "decision": Decision.APPROVED.value,
                    "comment": "",
                    "editor_id": editor,
                    "created_at": created + timedelta(hours=1),
                }
            )


def _flush(session: Session, batch: _Batch) -> None:
    for model, rows in (
        (Statement, batch.statements),
        (StatementText, batch.texts),
        (Revision, batch.revisions),
        (StatementTag, batch.tags),
        (Approval, batch.approvals),
        (PublishedRevision, batch.pins),
        (TextTerm, batch.terms),
    ):
        if rows:
            session.execute(insert(model.__table__), rows)
    search.index_documents(session, batch.search)


def _batches(items: Iterable[DemoStatement], size: int) -> Iterable[list[DemoStatement]]:
    chunk: list[DemoStatement] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_demo(
    db: Database,
    count: int,
    *,
    seed: int = 1,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> int:
    """Adds ``count`` demo statements; a database that already has some keeps them.

    Each batch is one transaction: cancelling keeps the batches already written. Scheduled
    statements fall due after ``now`` (see :func:`schedule_shift`).
    """
    if count < 1:
        raise PressDeskError("the demo needs at least one statement")
    store = MediaStore.for_database(db)
    with db.transaction() as session:
        people = _demo_users(session)
        taken = set(session.scalars(select(Statement.slug)))
    media_ids: dict[int, int] = {}
    shift = schedule_shift(now or utcnow())
    written = 0
    for chunk in _prepared_batches(count, seed):
        if cancelled and cancelled():
            break
        with db.transaction() as session:
            ids = _Ids(session)
            demos = [p.demo for p in chunk]
            for index in sorted({d.image_index for d in demos if d.image_index is not None}):
                if index not in media_ids:
                    media_ids[index] = store.add(session, demo_image(index), f"demo-{index}.jpg").id
            names = sorted({t for d in demos for t in d.tags})
            known = dict(session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(names))).all())
            for name in names:
                if name not in known:
                    tag = Tag(name=name)
                    session.add(tag)
                    session.flush()
                    known[name] = tag.id
                    # Named in each language, as the office would; a tag the office had
                    # already keeps its own names.
                    session.add_all(
                        TagName(tag_id=tag.id, lang=lang, name=label)
                        for lang, label in tag_names.names(name).items()
                    )
            batch = _Batch()
            for prepared in chunk:
                demo = prepared.demo
                base = slugify(demo.texts[demo.source_lang].title) or "statement"
                slug, n = base, 1
                while slug in taken:
                    n += 1
                    slug = f"{base[: 80 - len(str(n)) - 1]}-{n}"
                taken.add(slug)
                _add_statement(batch, ids, prepared, slug, people, known, media_ids, shift)
            _flush(session, batch)
            written += len(chunk)
        if progress:
            progress(written, count)
    with db.transaction() as session:
        session.add(
            AuditEvent(action="demo.written", details=f'{{"count": {written}, "seed": {seed}}}')
        )
    return written
