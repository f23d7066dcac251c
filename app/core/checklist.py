"""The pre-publish checklist: what an office wants true of every required language before a
statement is scheduled (title length, a lead, image captions, links to live statements)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import PressDeskError
from app.core.models import Revision, Statement, StatementText, Status
from app.core.settings import OfficeSettings

# A link to another statement's page as the export writes it (<lang>/<yyyy>/<mm>/<slug>.html,
# or from a page of the same language ../../<yyyy>/<mm>/<slug>.html), in an inline link or a
# reference definition; web addresses are not statements.
_LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M)
_STATEMENT_PAGE = re.compile(r"(?:^|/)\d{4}/\d{2}/([^/#?]+)\.html")


@dataclass(frozen=True, slots=True)
class CheckFailure:
    code: str
    lang: str | None
    message: str


class ChecklistFailed(PressDeskError):
    """The checklist found problems; an editor may override them with a reason."""

    def __init__(self, failures: list[CheckFailure]) -> None:
        super().__init__(
            "the pre-publish checklist failed: "
            + "; ".join(f.message for f in failures)
            + " (an editor can override it with a reason)"
        )
        self.failures = failures


def linked_slugs(body: str) -> list[str]:
    """Slugs of the statement pages a Markdown body links to, in order, without repeats."""
    found: dict[str, None] = {}
    for inline, reference in _LINK_TARGETS.findall(body):
        target = inline or reference
        if "://" in target or target.startswith(("mailto:", "//")):
            continue
        page = _STATEMENT_PAGE.search(target)
        if page:
            found.setdefault(page.group(1).removesuffix("_"), None)
    return list(found)


def run(session: Session, statement_id: int, settings: OfficeSettings) -> list[CheckFailure]:
    """Every failed item for the statement's texts in the office's required languages."""
    statement = session.get(Statement, statement_id)
    if statement is None:
        return []
    rows = session.execute(
        select(StatementText.lang, Revision)
        .join(
            Revision,
            (Revision.text_id == StatementText.id)
            & (Revision.number == StatementText.revision_number),
        )
        .where(
            StatementText.statement_id == statement_id,
            StatementText.lang.in_(settings.required_langs),
        )
        .order_by(StatementText.lang)
    ).all()
    failures: list[CheckFailure] = []
    slugs: dict[str, list[str]] = {}
    for lang, rev in rows:
        limit = settings.checklist_title_max
        if limit and len(rev.title) > limit:
            failures.append(
                CheckFailure(
                    "title_length",
                    lang,
                    f"the {lang} title has {len(rev.title)} characters (at most {limit})",
                )
            )
        if settings.checklist_lead and not rev.lead.strip():
            failures.append(CheckFailure("lead", lang, f"the {lang} text has no lead"))
        if (
            settings.checklist_caption
            and statement.lead_media_id is not None
            and not rev.image_caption.strip()
        ):
            failures.append(
                CheckFailure("caption", lang, f"the {lang} text has no caption for its image")
            )
        if settings.checklist_links:
            for slug in linked_slugs(rev.body):
                slugs.setdefault(slug, []).append(lang)
    if slugs:
        status = dict(
            session.execute(
                select(Statement.slug, Statement.status).where(Statement.slug.in_(slugs))
            ).all()
        )
        for slug, langs in slugs.items():
            if slug not in status:
                problem = "which no statement has"
            elif status[slug] is Status.WITHDRAWN:
                problem = "a withdrawn statement"
            else:
                continue
            for lang in langs:
                failures.append(
                    CheckFailure("link", lang, f"the {lang} text links to “{slug}”, {problem}")
                )
    return failures
