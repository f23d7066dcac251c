"""`pressdesk check`: is the database intact, at this version's schema, and true to its hashes?"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.core.content import TextContent
from app.core.db import Database, friendly_error
from app.core.migrate import current_revision, head_revision
from app.core.models import Revision, StatementText


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

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
        try:
            conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES('integrity-check')")
        except DBAPIError as error:
            report.problems.append(f"search index damaged ({error.orig}); rebuild it")


def run_check(db: Database) -> CheckReport:
    report = CheckReport()
    try:
        if db.backend == "sqlite":
            _sqlite_checks(db, report)
        with db.engine.connect() as conn:
            current, head = current_revision(conn), head_revision()
        if current != head:
            report.problems.append(f"schema is at {current}, this version expects {head}")
        with db.reading() as session:
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
                actual = TextContent(rev.title, rev.lead, rev.body, rev.image_caption).content_hash
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
                    & (
                        (Revision.id.is_(None))
                        | (Revision.content_hash != StatementText.content_hash)
                    )
                )
            ).all()
            report.problems.extend(
                f"text {tid}: current revision missing or hash differs" for tid in mismatched
            )
            statements = session.scalar(text("SELECT count(*) FROM statements"))
            report.facts.append(f"{statements} statements, {revisions} revisions, schema {current}")
    except DBAPIError as error:
        report.problems.append(str(friendly_error(error, db.url)))
    return report
