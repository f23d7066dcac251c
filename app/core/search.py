"""Full-text search over every language: SQLite FTS5 or PostgreSQL tsvector behind one interface.

Text is folded in Python before it reaches either engine: case-folded, accents and
diacritics removed, and the Tajik letters ғ қ ҳ ҷ read as г к х ч, so a person on a
Russian keyboard still finds "Роғун" by typing "рогун". Both backends see the same words.

The SQLite index is contentless (the revisions already hold the text): replacing a text's
entry needs the folded values it was indexed with, which the immutable previous revision
gives back. A change to :func:`fold` therefore needs :func:`rebuild` in a migration.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import CTE, Float, Integer, and_, select, text
from sqlalchemy.orm import Session

from app.core.content import TextContent
from app.core.models import Revision, StatementText

_WORD = re.compile(r"\w+", re.UNICODE)
# The blocks of combining marks: accents, breves and macrons (й, ё, ӣ, ӯ decompose into them).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_TAJIK_TO_RUSSIAN = str.maketrans("ғқҳҷҗ", "гкхчж")
MAX_QUERY_WORDS = 12
# Shorter words match nearly everything and cost a scan; the prefix index starts at two.
MIN_WORD_LENGTH = 2
# Above this many hits, ranking each one costs more than a keystroke allows: the newest
# come first instead, and relevance returns as the query narrows.
RANKED_HITS_LIMIT = 2000

_SQLITE_INSERT = (
    "INSERT INTO search_fts (rowid, title, lead, body) VALUES (:id, :title, :lead, :body)"
)
_SQLITE_DELETE = (
    "INSERT INTO search_fts (search_fts, rowid, title, lead, body) "
    "VALUES ('delete', :id, :title, :lead, :body)"
)
_POSTGRESQL_DOCUMENT = (
    "setweight(to_tsvector('simple', :title), 'A') || "
    "setweight(to_tsvector('simple', :lead), 'B') || "
    "setweight(to_tsvector('simple', :body), 'C')"
)
_POSTGRESQL_UPSERT = (
    f"INSERT INTO search_documents (text_id, document) VALUES (:id, {_POSTGRESQL_DOCUMENT}) "
    "ON CONFLICT (text_id) DO UPDATE SET document = EXCLUDED.document"
)


def fold(value: str) -> str:
    """Lower case without diacritics, Tajik letters as their Russian neighbours."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    return _COMBINING.sub("", decomposed).translate(_TAJIK_TO_RUSSIAN)


def query_words(query: str) -> list[str]:
    words = [w for w in _WORD.findall(fold(query)) if len(w) >= MIN_WORD_LENGTH or w.isdigit()]
    return words[:MAX_QUERY_WORDS]


def folded_document(text_id: int, title: str, lead: str, body: str) -> dict[str, object]:
    """A search index row: the text's fields as the index stores them."""
    return {"id": text_id, "title": fold(title), "lead": fold(lead), "body": fold(body)}


def index_text(
    session: Session, text_id: int, content: TextContent, previous: TextContent | None
) -> None:
    """Makes the index hold ``content`` for the text; ``previous`` is what it held before."""
    row = folded_document(text_id, content.title, content.lead, content.body)
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text(_POSTGRESQL_UPSERT), row)
        return
    if previous is not None:
        old = folded_document(text_id, previous.title, previous.lead, previous.body)
        session.execute(text(_SQLITE_DELETE), old)
    session.execute(text(_SQLITE_INSERT), row)


def index_documents(session: Session, rows: list[dict[str, object]]) -> None:
    """Indexes texts never indexed before, from rows made by :func:`folded_document`."""
    if not rows:
        return
    sql = _SQLITE_INSERT if session.get_bind().dialect.name == "sqlite" else _POSTGRESQL_UPSERT
    session.execute(text(sql), rows)


def rebuild(session: Session) -> int:
    """Indexes every text's current revision afresh; returns how many texts."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
    else:
        session.execute(text("DELETE FROM search_documents"))
    rows = session.execute(
        select(StatementText.id, Revision.title, Revision.lead, Revision.body).join(
            Revision,
            and_(
                Revision.text_id == StatementText.id,
                Revision.number == StatementText.revision_number,
            ),
        )
    )
    count = 0
    batch: list[dict[str, object]] = []
    for text_id, title, lead, body in rows:
        batch.append(folded_document(text_id, title, lead, body))
        if len(batch) == 500:
            index_documents(session, batch)
            count, batch = count + len(batch), []
    index_documents(session, batch)
    return count + len(batch)


def _match_sql(session: Session, words: list[str]) -> tuple[str, dict[str, str]]:
    if session.get_bind().dialect.name == "sqlite":
        return "search_fts MATCH :q", {"q": " ".join(f'"{w}"*' for w in words)}
    return "document @@ to_tsquery('simple', :q)", {"q": " & ".join(f"{w}:*" for w in words)}


def many_hits(session: Session, query: str) -> bool:
    """True when ranking every hit would be too slow (more than RANKED_HITS_LIMIT)."""
    words = query_words(query)
    if not words:
        return False
    where, params = _match_sql(session, words)
    table = "search_fts" if session.get_bind().dialect.name == "sqlite" else "search_documents"
    probe = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT :cap) AS hits"
    return (session.scalar(text(probe), {**params, "cap": RANKED_HITS_LIMIT + 1}) or 0) > (
        RANKED_HITS_LIMIT
    )


def newest_hits(session: Session, query: str, offset: int, limit: int) -> list[int]:
    """Text ids matching ``query``, newest text first, one page at a time.

    Walks the index backwards and stops at the page: a query that matches half the
    archive costs no more than one that matches a few texts.
    """
    words = query_words(query)
    if not words:
        return []
    where, params = _match_sql(session, words)
    if session.get_bind().dialect.name == "sqlite":
        sql = f"SELECT rowid FROM search_fts WHERE {where} ORDER BY rowid DESC"
    else:
        sql = f"SELECT text_id FROM search_documents WHERE {where} ORDER BY text_id DESC"
    sql += " LIMIT :limit OFFSET :offset"
    return list(session.scalars(text(sql), {**params, "limit": limit, "offset": offset}))


def matching_texts(session: Session, query: str, *, ranked: bool = True) -> CTE | None:
    """(text_id, rank) of the texts containing every word of ``query`` as a prefix.

    Lower rank is better on both backends; unranked, every rank is 0. ``None`` when the
    query has no words. A materialised CTE, because SQLite refuses bm25() once a
    subquery is flattened.
    """
    words = query_words(query)
    if not words:
        return None
    where, params = _match_sql(session, words)
    if session.get_bind().dialect.name == "sqlite":
        # bm25 weights: a hit in the title counts most, then the lead.
        rank = "bm25(search_fts, 10.0, 4.0, 1.0)" if ranked else "0.0"
        sql = f"SELECT rowid AS text_id, {rank} AS rank FROM search_fts WHERE {where}"
    else:
        rank = "-ts_rank(document, to_tsquery('simple', :q))" if ranked else "0.0"
        sql = f"SELECT text_id, {rank} AS rank FROM search_documents WHERE {where}"
    textual = text(sql).bindparams(**params).columns(text_id=Integer, rank=Float)
    return textual.cte("hits").prefix_with("MATERIALIZED")


# Words of each field that :func:`holds` looks for, the longest (so the rarest, with the
# shortest lists in the index): enough to tell one text from another.
_CHECKED_WORDS = 4


def indexed_ids(session: Session) -> set[int]:
    """The text ids the index has an entry for."""
    if session.get_bind().dialect.name == "sqlite":
        return set(session.scalars(text("SELECT rowid FROM search_fts")))
    return set(session.scalars(text("SELECT text_id FROM search_documents")))


def holds(session: Session, text_id: int, title: str, lead: str, body: str) -> bool:
    """Whether the index entry of ``text_id`` is the one these fields would give.

    PostgreSQL compares the whole stored document; SQLite's contentless index keeps no
    text, so each field's entry must hold the longest words of that field.
    """
    row = folded_document(text_id, title, lead, body)
    if session.get_bind().dialect.name != "sqlite":
        sql = (
            f"SELECT document = ({_POSTGRESQL_DOCUMENT}) FROM search_documents WHERE text_id = :id"
        )
        return bool(session.scalar(text(sql), row))
    phrases = []
    for column in ("title", "lead", "body"):
        words = sorted(set(_WORD.findall(str(row[column]))), key=lambda w: (-len(w), w))
        words = words[:_CHECKED_WORDS]
        phrases += [f'{column} : "{word}"' for word in words]
    if not phrases:
        sql = "SELECT count(*) FROM search_fts WHERE rowid = :id"
        return bool(session.scalar(text(sql), {"id": text_id}))
    sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH :q AND rowid = :id"
    return bool(session.scalar(text(sql), {"q": " AND ".join(phrases), "id": text_id}))
