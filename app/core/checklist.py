"""The pre-publish checklist: what an office wants true of every required language before a
statement is scheduled (title length, a lead, image captions, links to live statements, the
glossary's required terms and no forbidden variants)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import PressDeskError
from app.core.i18n import _, ngettext
from app.core.models import Revision, Statement, StatementText, Status
from app.core.settings import OfficeSettings
from app.core.statements import current_revision

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
            _(
                "the pre-publish checklist failed: {failures} "
                "(an editor can override it with a reason)"
            ).format(failures="; ".join(f.message for f in failures))
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


def _words(rev: Revision) -> str:
    return "\n\n".join((rev.title, rev.lead, rev.body, rev.image_caption))


def _glossary_failures(
    session: Session, statement: Statement, rows: list[tuple[str, Revision]]
) -> list[CheckFailure]:
    """Forbidden variants in any text; in a translation, required terms of the source it
    lacks (the same matcher as the translation desk's)."""
    from app.core.translation import glossary

    terms = glossary.load(session)
    if not len(terms):
        return []
    # The source is among ``rows`` when its language is required; read only otherwise.
    source = dict(rows).get(statement.source_lang) or current_revision(
        session, statement.id, statement.source_lang
    )
    failures = []
    for lang, rev in rows:
        if lang == statement.source_lang or source is None:
            issues = terms.check_draft(lang, _words(rev))
        else:
            issues = terms.check(statement.source_lang, _words(source), lang, _words(rev)).issues
        for issue in issues:
            if issue.kind == "forbidden":
                message = _(
                    "the {lang} text writes “{found}” where the glossary has “{term}”"
                ).format(lang=lang, found=issue.found, term=issue.expected)
            else:
                message = _("the {lang} text lacks the glossary's “{term}”").format(
                    lang=lang, term=issue.expected
                )
            failures.append(CheckFailure("glossary", lang, message))
    return failures


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
    if settings.checklist_glossary:
        failures.extend(_glossary_failures(session, statement, rows))
    for lang, rev in rows:
        limit = settings.checklist_title_max
        if limit and len(rev.title) > limit:
            failures.append(
                CheckFailure(
                    "title_length",
                    lang,
                    ngettext(
                        "the {lang} title has {count} character (at most {limit})",
                        "the {lang} title has {count} characters (at most {limit})",
                        len(rev.title),
                    ).format(lang=lang, count=len(rev.title), limit=limit),
                )
            )
        if settings.checklist_lead and not rev.lead.strip():
            failures.append(
                CheckFailure("lead", lang, _("the {lang} text has no lead").format(lang=lang))
            )
        if (
            settings.checklist_caption
            and statement.lead_media_id is not None
            and not rev.image_caption.strip()
        ):
            failures.append(
                CheckFailure(
                    "caption",
                    lang,
                    _("the {lang} text has no caption for its image").format(lang=lang),
                )
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
                problem = _("the {lang} text links to “{slug}”, which no statement has")
            elif status[slug] is Status.WITHDRAWN:
                problem = _("the {lang} text links to “{slug}”, a withdrawn statement")
            else:
                continue
            for lang in langs:
                failures.append(CheckFailure("link", lang, problem.format(lang=lang, slug=slug)))
    return failures
