"""`pressdesk check`: is the database intact, at this version's schema, and true to its hashes?

Besides SQLite's own checks and the schema, it verifies every revision against its content
hash, every approval against the hash of the revision it approved, every image against
its SHA-256, every cached rendering against its keyed digest, and the search index
against the texts (every entry's presence, and the words of a sample of texts, or of
every text with ``full``). ``repair`` rebuilds what can be rebuilt (the render cache, the
search index) and says what it cannot (images, revisions, approvals).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from sqlalchemy import and_, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, undefer

from app.core import search
from app.core.content import TextContent
from app.core.db import Database, friendly_error
from app.core.migrate import current_revision, head_revision
from app.core.models import Approval, Media, Revision, Statement, StatementText
from app.core.render import cache

# Texts whose index entry is compared word by word when the check is not ``full``.
SEARCH_SAMPLE = 300


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _sqlite_checks(db: Database, report: CheckReport) -> None:
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            report.problems.extend(f"integrity: {r}" for r in rows[:20])
        for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            report.problems.append(f"row {rowid} of {table} points to a missing {parent} row")
        if db.read_only:
            return  # FTS5's integrity-check is an INSERT, refused on a read-only file
        try:
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES('integrity-check')")
        except DBAPIError as error:
            report.problems.append(f"search index damaged ({error.orig}); rebuild it")


def _revisions(session: Session, report: CheckReport) -> int:
    revisions = 0
    for rev in session.execute(
        select(
            Revision.id,
            Revision.title,
            Revision.lead,
            Revision.body,
            Revision.image_caption,
            Revision.content_hash,
        ).execution_options(yield_per=2000)
    ):
        revisions += 1
        actual = TextContent.of(rev).content_hash
        if actual != rev.content_hash:
            report.problems.append(f"revision {rev.id}: content does not match its hash")
    mismatched = session.scalars(
        select(StatementText.id)
        .join(
            Revision,
            (Revision.text_id == StatementText.id)
            & (Revision.number == StatementText.revision_number),
            isouter=True,
        )
        .where(
            (StatementText.revision_number > 0)
            & ((Revision.id.is_(None)) | (Revision.content_hash != StatementText.content_hash))
        )
    ).all()
    report.problems.extend(
        f"text {tid}: current revision missing or hash differs" for tid in mismatched
    )
    return revisions


def _approvals(session: Session, report: CheckReport) -> None:
    """An approval is bound to the hash of the revision it approved, of its own text."""
    for approval_id, text_id, statement_id in session.execute(
        select(Approval.id, Approval.text_id, StatementText.statement_id)
        .join(Revision, Revision.id == Approval.revision_id)
        .join(StatementText, StatementText.id == Approval.text_id)
        .where(
            (Approval.content_hash != Revision.content_hash)
            | (Approval.text_id != Revision.text_id)
        )
    ):
        report.problems.append(
            f"approval {approval_id} of statement {statement_id} (text {text_id}) does not match "
            "the revision it approved (cannot be repaired: approve the text again)"
        )


def _media(db: Database, session: Session, report: CheckReport) -> int:
    """Every image against its SHA-256, naming the statements that show it as lead image."""
    folder = db.media_dir
    leads: dict[int, list[int]] = {}
    for statement_id, media_id in session.execute(
        select(Statement.id, Statement.lead_media_id).where(Statement.lead_media_id.is_not(None))
    ):
        leads.setdefault(media_id, []).append(statement_id)
    count = 0
    for media in session.scalars(
        select(Media).options(undefer(Media.data)).execution_options(yield_per=200)
    ):
        count += 1
        data = media.data
        if data is None and folder is not None:
            try:
                data = (folder / media.file_name).read_bytes()
            except OSError:
                data = None
        users = leads.get(media.id, [])
        shown = f" (lead image of statement {', '.join(map(str, users[:5]))})" if users else ""
        if data is None:
            report.problems.append(
                f"image {media.file_name} is missing from the media folder{shown}; "
                "restore it from a backup (cannot be repaired here)"
            )
        elif hashlib.sha256(data).hexdigest() != media.sha256:
            report.problems.append(
                f"image {media.file_name} is not the image it should be (its bytes do not "
                f"match its name){shown}; restore it from a backup (cannot be repaired here)"
            )
    return count


def _render_cache(session: Session, report: CheckReport, repair: bool) -> None:
    bad = list(cache.tampered(session))
    if not bad:
        return
    if repair:
        cache.forget(session, bad)
        report.repaired.append(
            f"dropped {len(bad)} cached renderings that did not match their digest; "
            "the next export renders them again"
        )
        return
    for (content_hash, lang), _version in bad[:20]:
        report.problems.append(
            f"the cached rendering of {content_hash[:12]}… ({lang}) does not match its digest"
        )
    if len(bad) > 20:
        report.problems.append(f"… and {len(bad) - 20} more cached renderings")


def _search_index(session: Session, report: CheckReport, full: bool, repair: bool) -> None:
    current = set(
        session.scalars(select(StatementText.id).where(StatementText.revision_number > 0))
    )
    indexed = search.indexed_ids(session)
    wrong = [f"{len(current - indexed)} texts missing"] if current - indexed else []
    if indexed - current:
        wrong.append(f"{len(indexed - current)} entries of no text")
    ids = sorted(current & indexed)
    sample = ids if full or len(ids) <= SEARCH_SAMPLE else sorted(random.sample(ids, SEARCH_SAMPLE))
    differing = 0
    for start in range(0, len(sample), 500):
        for text_id, title, lead, body in session.execute(
            select(StatementText.id, Revision.title, Revision.lead, Revision.body)
            .join(
                Revision,
                and_(
                    Revision.text_id == StatementText.id,
                    Revision.number == StatementText.revision_number,
                ),
            )
            .where(StatementText.id.in_(sample[start : start + 500]))
        ):
            if not search.holds(session, text_id, title, lead, body):
                differing += 1
    if differing:
        wrong.append(f"{differing} of {len(sample)} texts checked indexed with other words")
    if not wrong:
        return
    if repair:
        count = search.rebuild(session)
        report.repaired.append(
            f"rebuilt the search index ({count} texts; it had {', '.join(wrong)})"
        )
    else:
        report.problems.append(
            f"the search index is out of step with the texts ({', '.join(wrong)}); "
            "pressdesk check --repair rebuilds it"
        )


def run_check(db: Database, *, full: bool = False, repair: bool = False) -> CheckReport:
    report = CheckReport()
    try:
        if db.backend == "sqlite":
            _sqlite_checks(db, report)
        with db.engine.connect() as conn:
            current, head = current_revision(conn), head_revision()
        if current != head:
            report.problems.append(f"schema is at {current}, this version expects {head}")
            return report
        # Only a repair writes: a check reads, and so runs on a read-only database too.
        with db.transaction() if repair else db.reading() as session:
            revisions = _revisions(session, report)
            _approvals(session, report)
            images = _media(db, session, report)
            _render_cache(session, report, repair)
            _search_index(session, report, full, repair)
            statements = session.scalar(text("SELECT count(*) FROM statements"))
            report.facts.append(
                f"{statements} statements, {revisions} revisions, {images} images, schema {current}"
            )
    except DBAPIError as error:
        report.problems.append(str(friendly_error(error, db.url)))
    return report
