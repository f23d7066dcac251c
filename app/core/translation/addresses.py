"""Per-language names and addresses: a tag's name in each language, and a translation's own
page slug made from its own title.

A translation's slug follows its title until its language is published (a publication of
that page exists, or the statement was published with the text already there); then it is
frozen. A text without a slug of its own (every text of a database made before this
existed) uses the statement's slug, so no published address ever changes. A tag without a
name in a language shows its own name there, marked as missing on the desk.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.errors import NotFoundError, PressDeskError
from app.core.models import (
    Publication,
    Revision,
    Statement,
    StatementTag,
    StatementText,
    Tag,
    TagName,
)
from app.core.slugs import slugify, unique_slug


@dataclass(frozen=True, slots=True)
class TagLabel:
    """A statement's tag as one language shows it."""

    tag_id: int
    name: str
    # False when the language has no name for it and the tag's own name stands in.
    translated: bool
    # The tag's own name (as it was created).
    own: str


def _slug_taken(session: Session, statement_id: int, text_id: int | None):
    def taken(candidate: str) -> bool:
        if session.scalar(
            select(Statement.id).where(Statement.slug == candidate, Statement.id != statement_id)
        ):
            return True
        query = select(StatementText.id).where(StatementText.slug == candidate)
        if text_id is not None:
            query = query.where(StatementText.id != text_id)
        return session.scalar(query) is not None

    return taken


def is_frozen(session: Session, statement: Statement, text: StatementText) -> bool:
    """Whether this language's page address is public (and so may never change)."""
    if session.scalar(
        select(Publication.id).where(
            Publication.statement_id == statement.id, Publication.lang == text.lang
        )
    ):
        return True
    if statement.published_at is None or text.id is None:
        return False
    first = session.scalar(select(func.min(Revision.created_at)).where(Revision.text_id == text.id))
    return first is not None and first <= statement.published_at


def follow_title(session: Session, statement: Statement, text: StatementText, title: str) -> None:
    """Gives a translation the slug of its own title, unless its address is frozen."""
    if text.is_source:
        return
    base = slugify(title)
    # The same title keeps its slug, even one made unique with a number: checked first, as
    # most saves keep the title, so they need not ask whether the address is frozen.
    if base and text.slug is not None and re.fullmatch(rf"{re.escape(base)}(?:-\d+)?", text.slug):
        return
    if is_frozen(session, statement, text):
        return
    if not base:
        text.slug = None
        return
    text.slug = unique_slug(base, _slug_taken(session, statement.id, text.id))


def tag_labels(session: Session, statement_id: int, lang: str) -> list[TagLabel]:
    """A statement's tags in ``lang``, in the order of their own names."""
    rows = session.execute(
        select(Tag.id, Tag.name, TagName.name)
        .join(StatementTag, StatementTag.tag_id == Tag.id)
        .outerjoin(TagName, (TagName.tag_id == Tag.id) & (TagName.lang == lang))
        .where(StatementTag.statement_id == statement_id)
        .order_by(Tag.name)
    )
    return [TagLabel(tag_id, named or own, named is not None, own) for tag_id, own, named in rows]


def names_in(
    session: Session, tag_ids: Collection[int], languages: Collection[str]
) -> dict[tuple[int, str], str]:
    """The names the tags have in these languages (missing ones are left out)."""
    if not tag_ids:
        return {}
    return {
        (tag_id, lang): name
        for tag_id, lang, name in session.execute(
            select(TagName.tag_id, TagName.lang, TagName.name).where(
                TagName.tag_id.in_(sorted(tag_ids)), TagName.lang.in_(sorted(languages))
            )
        )
    }


def set_tag_name(session: Session, tag_id: int, lang: str, name: str) -> TagLabel:
    """Names a tag in one language; an empty name removes it (the tag's own name shows)."""
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFoundError(f"tag {tag_id} does not exist")
    name = " ".join(name.split())
    if len(name) > 100:
        raise PressDeskError("a tag name is at most 100 characters")
    row = session.get(TagName, (tag_id, lang))
    if not name:
        if row is not None:
            session.delete(row)
        return TagLabel(tag_id, tag.name, False, tag.name)
    if row is None:
        session.add(TagName(tag_id=tag_id, lang=lang, name=name))
    else:
        row.name = name
    return TagLabel(tag_id, name, True, tag.name)
