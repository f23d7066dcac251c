"""Keeping the text_terms table in step with the current revision of each text."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from sqlalchemy import and_, delete, insert, select
from sqlalchemy.orm import Session

from app.core import changes
from app.core.models import Revision, StatementText, TextTerm
from app.core.related.terms import distinctive_terms

_BATCH = 500


def _forget_cached_indexes() -> None:
    # The preview's cache lives in index.py, which loads numpy; never imported, nothing cached.
    index = sys.modules.get("app.core.related.index")
    if index is not None:
        index.forget_indexes()


def store_terms(session: Session, text_id: int, terms: Mapping[str, float]) -> None:
    """Makes ``terms`` (from :func:`distinctive_terms`) the text's only stored terms."""
    _forget_cached_indexes()
    table = TextTerm.__table__
    session.execute(delete(table).where(table.c.text_id == text_id))
    if terms:
        rows = [{"text_id": text_id, "term": term, "weight": w} for term, w in terms.items()]
        session.execute(insert(table), rows)


def store_missing_terms(session: Session) -> int:
    """Computes and stores the terms of every text that has a revision but no stored terms.

    For databases written before terms were kept (or by a tool that skipped them);
    returns how many texts it did. A text whose words are all too short or too common
    to be terms is done again each time, which costs little.
    """
    has_terms = select(TextTerm.text_id).where(TextTerm.text_id == StatementText.id).exists()
    rows = session.execute(
        select(StatementText.id, StatementText.lang, Revision.title, Revision.lead, Revision.body)
        .join(
            Revision,
            and_(
                Revision.text_id == StatementText.id,
                Revision.number == StatementText.revision_number,
            ),
        )
        .where(~has_terms)
        .order_by(StatementText.id)
    ).all()
    if rows:
        _forget_cached_indexes()
    batch: list[dict[str, object]] = []
    for text_id, lang, title, lead, body in rows:
        terms = distinctive_terms(title, lead, body, lang)
        batch.extend({"text_id": text_id, "term": t, "weight": w} for t, w in terms.items())
        if len(batch) >= _BATCH:
            session.execute(insert(TextTerm.__table__), batch)
            batch = []
    if batch:
        session.execute(insert(TextTerm.__table__), batch)
    if rows:
        changes.note(session, None)  # every ranking may differ now
    return len(rows)
