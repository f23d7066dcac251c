"""The translation memory: pairs of segments, found again exactly or by edit distance.

Every pair is stored once, in the direction it was made, and indexed on both sides by
hashed (language, other language, word) keys, so "tg→ru" lookups also find pairs made
ru→tg. A lookup never scans the memory: exact matches come from the hash index; fuzzy
candidates are the entries sharing the query's rarest words (a few index range reads,
each capped), and only those are scored with a Levenshtein similarity (rapidfuzz).
Stored keys depend on :func:`index_keys`: changing it needs the index rebuilt in a migration.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat

from rapidfuzz.distance import Levenshtein
from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.orm import Session

from app.core.content import TextContent
from app.core.diff import DiffOp, normalize, word_diff
from app.core.models import Revision, StatementText, TranslationMemoryEntry, TranslationMemoryKey
from app.core.translation.align import Change, State, rows_for

#: Fuzzy matches below this similarity (per cent) are not offered.
MIN_SCORE = 70
# Keys are counted up to this many entries; the candidates are read from at most about
# CANDIDATE_ROWS index rows.
COMMON_WORD = 4000
CANDIDATE_ROWS = 12_000
# How many of the query's rarest words choose the candidates, and how many are scored.
CANDIDATE_WORDS = 16
CANDIDATES = 150
# Index keys per side of an entry.
KEYS_PER_SIDE = 16
BATCH = 1000
_WORD = re.compile(r"\w{2,}")


@dataclass(frozen=True, slots=True)
class PairIn:
    """A segment pair to remember."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str = ""
    revision_id: int | None = None
    meta: dict | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A memory entry offered for a segment, oriented as asked (``source`` in the query's
    language, ``target`` in the wanted one)."""

    entry_id: int
    source: str
    target: str
    score: int
    origin: str
    # From the entry's source to the query: "delete" is only in the entry, "insert" only
    # in the segment being translated.
    diff: tuple[DiffOp, ...] = field(default=())

    @property
    def exact(self) -> bool:
        return self.score == 100


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    duplicates: int


def text_hash(text: str) -> str:
    return _hash(normalize(text))


def _hash(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


_MASK = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15


def index_keys(lang: str, other: str, text: str) -> list[int]:
    """A segment's keys: of its words and pairs of neighbouring words, those with the
    smallest hashes (a bottom-k sketch), so that similar segments keep mostly the same
    keys whatever their length. Word pairs are rare even where words are common.

    A word's 64-bit hash is two checksums seeded with the language pair; a pair's mixes
    its words' hashes (a rare collision only adds a candidate)."""
    known = _word_hashes(lang, other)
    words = _WORD.findall(text.casefold())
    hashes = [known.get(word) or _word_hash(known, lang, other, word) for word in words]
    features = set(hashes)
    features.update(((a * _MIX) ^ b) & _MASK for a, b in pairwise(hashes))
    return [value - (1 << 63) for value in sorted(features)[:KEYS_PER_SIDE]]


#: Word hashes per language pair, kept between segments: a memory's vocabulary is small
#: beside its segments, so an import of 100,000 units hashes each word once.
_HASHES: dict[tuple[str, str], dict[str, int]] = {}
_HASHES_KEPT = 500_000


def _word_hashes(lang: str, other: str) -> dict[str, int]:
    known = _HASHES.setdefault((lang, other), {})
    if len(known) > _HASHES_KEPT:
        known.clear()
    return known


def _word_hash(known: dict[str, int], lang: str, other: str, word: str) -> int:
    seed = f"{lang}\x1f{other}".encode()
    data = word.encode()
    value = known[word] = (zlib.crc32(data, zlib.crc32(seed)) << 32) | zlib.adler32(
        data, zlib.adler32(seed)
    )
    return value


def add_pairs(session: Session, pairs: Iterable[PairIn]) -> AddResult:
    """Remembers the pairs not yet in the memory (same languages, same texts)."""
    added = duplicates = 0
    batch: list[PairIn] = []
    for pair in pairs:
        batch.append(pair)
        if len(batch) == BATCH:
            result = _add_batch(session, batch)
            added, duplicates, batch = added + result.added, duplicates + result.duplicates, []
    result = _add_batch(session, batch)
    return AddResult(added + result.added, duplicates + result.duplicates)


def _add_batch(session: Session, pairs: Sequence[PairIn]) -> AddResult:
    if not pairs:
        return AddResult(0, 0)
    rows: dict[tuple[str, str, str, str], dict] = {}
    for pair in pairs:
        source, target = normalize(pair.source), normalize(pair.target)
        if not source or not target:
            continue
        source_hash, target_hash = _hash(source), _hash(target)
        rows.setdefault(
            (pair.source_lang, pair.target_lang, source_hash, target_hash),
            {
                "source_lang": pair.source_lang,
                "target_lang": pair.target_lang,
                "source_text": source,
                "target_text": target,
                "source_hash": source_hash,
                "target_hash": target_hash,
                "origin": pair.origin[:300],
                "revision_id": pair.revision_id,
                "meta": json.dumps(pair.meta, ensure_ascii=False) if pair.meta else None,
            },
        )
    by_langs: dict[tuple[str, str], list[str]] = {}
    for source_lang, target_lang, source_hash, _ in rows:
        by_langs.setdefault((source_lang, target_lang), []).append(source_hash)
    E = TranslationMemoryEntry
    for (source_lang, target_lang), hashes in by_langs.items():
        existing = session.execute(
            select(E.source_hash, E.target_hash).where(
                E.source_lang == source_lang,
                E.target_lang == target_lang,
                E.source_hash.in_(sorted(set(hashes))),
            )
        )
        for source_hash, target_hash in existing:
            rows.pop((source_lang, target_lang, source_hash, target_hash), None)
    new_rows = list(rows.values())
    if not new_rows:
        return AddResult(0, len(pairs))
    # Without RETURNING, SQLite's driver inserts the batch in one call; the ids are read back.
    session.execute(insert(E.__table__), new_rows)
    ids_by_row: dict[tuple[str, str, str, str], int] = {}
    for (source_lang, target_lang), hashes in by_langs.items():
        for entry_id, source_hash, target_hash in session.execute(
            select(E.id, E.source_hash, E.target_hash).where(
                E.source_lang == source_lang,
                E.target_lang == target_lang,
                E.source_hash.in_(sorted(set(hashes))),
            )
        ):
            ids_by_row[(source_lang, target_lang, source_hash, target_hash)] = entry_id
    ids = [ids_by_row[key] for key in rows]
    keys = []
    for entry_id, row in zip(ids, new_rows, strict=True):
        s, t = row["source_lang"], row["target_lang"]
        side_keys = set(index_keys(s, t, row["source_text"]))
        side_keys.update(index_keys(t, s, row["target_text"]))
        keys.extend(zip(side_keys, repeat(entry_id)))
    if keys:
        keys.sort()  # in index order: fewer pages touched
        # Millions of rows on a large import: straight to the driver, past the ORM.
        marker = "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"
        session.connection().exec_driver_sql(
            f"INSERT INTO translation_memory_keys (key, entry_id) VALUES ({marker}, {marker})",
            keys,
        )
    return AddResult(len(new_rows), len(pairs) - len(new_rows))


def _oriented(row, source_lang: str) -> tuple[str, str]:
    if row.source_lang == source_lang:
        return row.source_text, row.target_text
    return row.target_text, row.source_text


def lookup(
    session: Session, source_lang: str, target_lang: str, text: str, *, limit: int = 5
) -> list[Match]:
    """Exact matches first, then fuzzy ones (score ≥ MIN_SCORE), best first."""
    query = normalize(text)
    if not query:
        return []
    E = TranslationMemoryEntry
    wanted = text_hash(query)
    exact_rows = session.execute(
        select(E)
        .where(
            or_(
                and_(
                    E.source_lang == source_lang,
                    E.target_lang == target_lang,
                    E.source_hash == wanted,
                ),
                and_(
                    E.source_lang == target_lang,
                    E.target_lang == source_lang,
                    E.target_hash == wanted,
                ),
            )
        )
        .order_by(E.id.desc())
        .limit(limit)
    ).scalars()
    matches: list[Match] = []
    seen_targets: set[str] = set()
    for row in exact_rows:
        source, target = _oriented(row, source_lang)
        if target not in seen_targets:
            seen_targets.add(target)
            matches.append(Match(row.id, source, target, 100, row.origin))
    if len(matches) >= limit:
        return matches
    exact_ids = {m.entry_id for m in matches}
    candidates = [
        c for c in _candidates(session, source_lang, target_lang, query) if c not in exact_ids
    ]
    if not candidates:
        return matches
    rows = session.execute(
        select(E.id, E.source_lang, E.source_text, E.target_text, E.origin).where(
            E.id.in_(candidates)
        )
    ).all()
    scored = []
    shortest, longest = len(query) * MIN_SCORE / 100, len(query) * 100 / MIN_SCORE
    for row in rows:
        source, target = _oriented(row, source_lang)
        if not shortest <= len(source) <= longest:
            continue
        similarity = Levenshtein.normalized_similarity(query, source, score_cutoff=MIN_SCORE / 100)
        if similarity:
            score = min(99, int(similarity * 100))
            scored.append((score, row.id, source, target, row.origin))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    for score, entry_id, source, target, origin in scored:
        if len(matches) >= limit:
            break
        if target in seen_targets:
            continue
        seen_targets.add(target)
        matches.append(
            Match(entry_id, source, target, score, origin, tuple(word_diff(source, query)))
        )
    return matches


def _candidates(session: Session, source_lang: str, target_lang: str, query: str) -> list[int]:
    """Entries sharing the most of the query's rarest indexed words (a few bounded reads)."""
    K = TranslationMemoryKey
    frequency: list[tuple[int, int]] = []
    for key in index_keys(source_lang, target_lang, query):
        capped = select(K.entry_id).where(K.key == key).limit(COMMON_WORD + 1).subquery()
        count = session.scalar(select(func.count()).select_from(capped)) or 0
        if count:
            frequency.append((count, key))
    if not frequency:
        return []
    frequency.sort()
    # The rarest keys, as many as a bounded number of index rows allows (at least three:
    # where every word is common, more keys tell the near-identical entries apart).
    chosen, rows = [], 0
    for count, key in frequency[:CANDIDATE_WORDS]:
        if len(chosen) >= 3 and rows + count > CANDIDATE_ROWS:
            break
        chosen.append(key)
        rows += count
    shared = func.count().label("shared")
    return list(
        session.scalars(
            select(K.entry_id)
            .where(K.key.in_(chosen))
            .group_by(K.entry_id)
            .order_by(shared.desc(), K.entry_id.desc())
            .limit(CANDIDATES)
        )
    )


def pairs_of_revisions(
    session: Session, source_revision_id: int, target_revision_id: int
) -> list[PairIn]:
    """The translated segment pairs of a translation revision and the source revision it
    translates (segments still untranslated are left out)."""
    source = session.get(Revision, source_revision_id)
    target = session.get(Revision, target_revision_id)
    if source is None or target is None:
        return []
    source_text = session.get(StatementText, source.text_id)
    target_text = session.get(StatementText, target.text_id)
    origin = (
        f"statement {source_text.statement_id} "
        f"({source_text.lang} r{source.number} → {target_text.lang} r{target.number})"
    )
    pairs = []
    for row in rows_for(TextContent.of(source), TextContent.of(target), None):
        if (
            row.source is not None
            and row.target is not None
            and row.state is State.TRANSLATED
            and row.change is Change.NONE
        ):
            pairs.append(
                PairIn(
                    source_text.lang,
                    target_text.lang,
                    row.source.key,
                    row.target.key,
                    origin,
                    target.id,
                )
            )
    return pairs


def feed(session: Session, source_revision_id: int, target_revision_id: int) -> AddResult:
    """Remembers the segment pairs of a finished (or approved) translation revision."""
    return add_pairs(session, pairs_of_revisions(session, source_revision_id, target_revision_id))
