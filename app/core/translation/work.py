"""The translator's operations on one translation: start it, look at it, finish it.

Starting makes the text with the source's structure and records the source revision it is
based on; finishing ("mark as done" or "mark as updated") saves it as covering the
source as it is now, which moves its base, and feeds its segment pairs to the memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import saving, statements
from app.core.content import TextContent
from app.core.errors import PressDeskError
from app.core.models import Revision, StatementText
from app.core.saving import SaveOutcome, StatementSave
from app.core.translation import memory
from app.core.translation.segments import body_segments

_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class TranslationView:
    """A translation as the desk opens it: the source now, the target, and its base."""

    statement_id: int
    source_lang: str
    lang: str
    source: TextContent
    source_revision_id: int
    source_revision_number: int
    target: TextContent | None
    target_version: int | None
    base: TextContent | None
    base_revision_id: int | None
    base_revision_number: int | None

    @property
    def needs_update(self) -> bool:
        return self.target is not None and self.base_revision_id != self.source_revision_id


@dataclass(frozen=True, slots=True)
class Completed:
    saved: SaveOutcome
    pairs_added: int


def skeleton(body: str) -> str:
    """The body with the words of every translatable segment removed, structure kept
    (headings, list items, quotes, images, code)."""
    for segment in reversed(body_segments(body)):
        if segment.translatable:
            body = body[: segment.start] + body[segment.end :]
    return _BLANK_RUNS.sub("\n\n", body).strip("\n") + ("\n" if body.strip() else "")


def _source_revision(session: Session, statement_id: int) -> tuple[str, Revision]:
    statement = statements.get_statement(session, statement_id)
    source = statements.current_revision(session, statement_id, statement.source_lang)
    if source is None:
        raise PressDeskError(f"statement {statement_id} has no source text to translate")
    return statement.source_lang, source


def start_translation(
    session: Session, statement_id: int, lang: str, *, actor_id: int | None, prefill: bool
) -> SaveOutcome:
    """Creates the ``lang`` text from the source's structure, each segment pre-filled with
    the source's words (``prefill``) or left empty; the title is always pre-filled, since a
    text needs one."""
    source_lang, source = _source_revision(session, statement_id)
    if lang == source_lang:
        raise PressDeskError(f"{lang} is the source language of this statement")
    if statements.current_revision(session, statement_id, lang) is not None:
        raise PressDeskError(f"the {lang} translation exists already")
    content = TextContent.of(source)
    if not prefill:
        content = TextContent(content.title, "", skeleton(content.body), "")
    return saving.save_statement(
        session, StatementSave(statement_id, lang, content=content, text_version=0), actor_id
    )


def open_or_start(
    session: Session, statement_id: int, lang: str, *, actor_id: int | None, prefill: bool
) -> TranslationView:
    """The translation into ``lang``, started first if there is none yet."""
    source_lang, _source = _source_revision(session, statement_id)
    if lang == source_lang:
        raise PressDeskError(f"{lang} is the source language of this statement")
    if statements.current_revision(session, statement_id, lang) is None:
        start_translation(session, statement_id, lang, actor_id=actor_id, prefill=prefill)
    return view(session, statement_id, lang)


def view(session: Session, statement_id: int, lang: str) -> TranslationView:
    source_lang, source = _source_revision(session, statement_id)
    target = statements.current_revision(session, statement_id, lang)
    base = session.get(Revision, target.source_revision_id) if target is not None else None
    if target is not None and base is None:
        base = source
    text_version = session.scalar(
        select(StatementText.version).where(
            StatementText.statement_id == statement_id, StatementText.lang == lang
        )
    )
    return TranslationView(
        statement_id=statement_id,
        source_lang=source_lang,
        lang=lang,
        source=TextContent.of(source),
        source_revision_id=source.id,
        source_revision_number=source.number,
        target=TextContent.of(target) if target is not None else None,
        target_version=text_version,
        base=TextContent.of(base) if base is not None else None,
        base_revision_id=base.id if base is not None else None,
        base_revision_number=base.number if base is not None else None,
    )


def complete(
    session: Session,
    statement_id: int,
    lang: str,
    content: TextContent,
    *,
    actor_id: int | None,
    expected_version: int | None,
    draft_key: str | None = None,
) -> Completed:
    """Saves the translation as covering the source as it is now (its base moves there)
    and feeds its segment pairs to the translation memory; ``draft_key``'s autosaved
    typing is forgotten in the same save."""
    _source_lang, source = _source_revision(session, statement_id)
    saved = saving.save_statement(
        session,
        StatementSave(
            statement_id,
            lang,
            content=content,
            text_version=expected_version,
            covers_source=True,
            draft_key=draft_key,
        ),
        actor_id,
    )
    revision = statements.current_revision(session, statement_id, lang)
    added = memory.feed(session, source.id, revision.id)
    return Completed(saved, added.added)
