"""Full-text search over every language: SQLite FTS5 or PostgreSQL tsvector behind one interface.

Text is folded in Python before it reaches either engine (case-folded, accents and
diacritics removed: "Ҷумҳурӣ" and "ҷумҳури" meet), so both backends rank the same words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import CTE, Float, Integer, select, text
from sqlalchemy.orm import Session

from app.core.models import StatementText

_WORD = re.compile(r"\w+", re.UNICODE)
# The blocks of combining marks: accents, breves and macrons (й, ё, ӣ, ӯ decompose into them).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
MAX_QUERY_WORDS = 12
_SQLITE_INSERT = (
    "INSERT INTO search_fts (rowid, title, lead, body) VALUES (:id, :title, :lead, :body)"
)
_POSTGRESQL_UPSERT = (
    "INSERT INTO search_documents (text_id, document) VALUES (:id, "
    "setweight(to_tsvector('simple', :title), 'A') || "
    "setweight(to_tsvector('simple', :lead), 'B') || "
    "setweight(to_tsvector('simple', :body), 'C')) "
    "ON CONFLICT (text_id) DO UPDATE SET document = EXCLUDED.document"
)


def fold(value: str) -> str:
    """Case-folds and strips combining marks, keeping letters such as ғ қ ҳ ҷ distinct."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", value.casefold()))


def query_words(query: str) -> list[str]:
    return _WORD.findall(fold(query))[:MAX_QUERY_WORDS]


@dataclass(frozen=True, slots=True)
class SearchHit:
    text_id: int
    statement_id: int
    lang: str
    rank: float


def index_text(session: Session, text_id: int, title: str, lead: str, body: str) -> None:
    """Makes the index hold exactly this content for the text (insert or replace)."""
    index_texts(session, [(text_id, title, lead, body)], replace=True)


def index_texts(
    session: Session, texts: list[tuple[int, str, str, str]], *, replace: bool = False
) -> None:
    """Indexes (text id, title, lead, body) tuples in bulk; ``replace`` for texts indexed before."""
    rows = [
        {"id": tid, "title": fold(title), "lead": fold(lead), "body": fold(body)}
        for tid, title, lead, body in texts
    ]
    if not rows:
        return
    if session.get_bind().dialect.name == "sqlite":
        if replace:
            session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), rows)
        session.execute(text(_SQLITE_INSERT), rows)
    else:
        session.execute(text(_POSTGRESQL_UPSERT), rows)


def matching_texts(session: Session, query: str) -> CTE | None:
    """(text_id, rank) of the texts containing every word of ``query`` as a prefix.

    Lower rank is better on both backends. ``None`` when the query has no words.
    A materialised CTE, because SQLite refuses bm25() once a subquery is flattened.
    """
    words = query_words(query)
    if not words:
        return None
    if session.get_bind().dialect.name == "sqlite":
        # bm25 weights: a hit in the title counts most, then the lead.
        sql = text(
            "SELECT rowid AS text_id, bm25(search_fts, 10.0, 4.0, 1.0) AS rank "
            "FROM search_fts WHERE search_fts MATCH :match"
        ).bindparams(match=" ".join(f'"{w}"*' for w in words))
    else:
        sql = text(
            "SELECT text_id, -ts_rank(document, to_tsquery('simple', :tsq)) AS rank "
            "FROM search_documents WHERE document @@ to_tsquery('simple', :tsq)"
        ).bindparams(tsq=" & ".join(f"{w}:*" for w in words))
    return sql.columns(text_id=Integer, rank=Float).cte("hits").prefix_with("MATERIALIZED")


def search(
    session: Session, query: str, *, langs: tuple[str, ...] | None = None, limit: int = 50
) -> list[SearchHit]:
    """The best ``limit`` texts for a search-as-you-type query, best first."""
    matches = matching_texts(session, query)
    if matches is None:
        return []
    stmt = (
        select(StatementText.id, StatementText.statement_id, StatementText.lang, matches.c.rank)
        .join(matches, matches.c.text_id == StatementText.id)
        .order_by(matches.c.rank, StatementText.id)
        .limit(limit)
    )
    if langs:
        stmt = stmt.where(StatementText.lang.in_(langs))
    return [SearchHit(*row) for row in session.execute(stmt)]
