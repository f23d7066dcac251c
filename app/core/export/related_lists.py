"""Related statements of every exported page, kept in the database while their inputs stay.

Ranking a whole language costs seconds; an export that changed nothing in a language
(no text, tag, status, schedule or pin) reuses the lists the last export ranked, into
whichever folder, which are exactly what ranking again would give.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from app.core.models import (
    RelatedListCache,
    RelatedStatement,
    Statement,
    StatementTag,
    StatementText,
    Status,
)

Lists = dict[str, list[int]]  # statement id (as a JSON key) → related statement ids


def _signature(session: Session, lang: str, at: datetime, limit: int, shared: bytes) -> str:
    """A digest of everything the ranking of ``lang`` reads."""
    digest = hashlib.blake2b(f"{lang}|{limit}|".encode() + shared, digest_size=20)
    rows = session.execute(
        select(
            StatementText.statement_id,
            StatementText.content_hash,
            Statement.status,
            Statement.scheduled_at,
            Statement.published_at,
            Statement.created_at,
        )
        .join(Statement, Statement.id == StatementText.statement_id)
        .where(
            StatementText.lang == lang,
            Statement.status.in_([Status.PUBLISHED, Status.SCHEDULED]),
        )
        .order_by(StatementText.statement_id)
    )
    for sid, content_hash, status, scheduled_at, published_at, created_at in rows:
        due = status == Status.PUBLISHED or (scheduled_at is not None and scheduled_at <= at)
        # The dates order equal scores (newest first), so they are inputs too.
        dates = f"{scheduled_at}:{published_at}:{created_at}"
        digest.update(f"{sid}:{content_hash}:{status}:{int(due)}:{dates};".encode())
    return digest.hexdigest()


def _shared_inputs(session: Session) -> bytes:
    """Tags and editors' pins: the same for every language."""
    digest = hashlib.blake2b(digest_size=20)
    for sid, tag in session.execute(
        select(StatementTag.statement_id, StatementTag.tag_id).order_by(
            StatementTag.statement_id, StatementTag.tag_id
        )
    ):
        digest.update(f"t{sid}:{tag};".encode())
    for sid, related, position in session.execute(
        select(
            RelatedStatement.statement_id, RelatedStatement.related_id, RelatedStatement.position
        ).order_by(RelatedStatement.statement_id, RelatedStatement.position)
    ):
        digest.update(f"p{sid}:{related}:{position};".encode())
    return digest.digest()


@dataclass(frozen=True)
class KnownLists:
    """Related statements already ranked, by language: picklable, for worker processes."""

    lists: dict[str, Lists]

    def __call__(self, statement_id: int, lang: str) -> list[int]:
        return self.lists[lang][str(statement_id)]


class RelatedLists:
    """Answers "which statements go in this page's sidebar" for the export."""

    def __init__(self, session: Session, languages: set[str], at: datetime, limit: int) -> None:
        self.limit, self._session, self._at = limit, session, at
        shared = _shared_inputs(session)
        self.signatures = {
            lang: _signature(session, lang, at, limit, shared) for lang in sorted(languages)
        }
        kept = dict(
            session.execute(
                select(RelatedListCache.lang, RelatedListCache.lists).where(
                    tuple_(RelatedListCache.lang, RelatedListCache.signature).in_(
                        list(self.signatures.items())
                    )
                )
            ).all()
        )
        self.lists: dict[str, Lists] = {}
        self.finders = {}
        self.ranked: set[str] = set()
        for lang in self.signatures:
            if lang in kept:
                self.lists[lang] = json.loads(kept[lang])
            else:
                self.lists[lang] = {}
                self._rank(lang)

    def _rank(self, lang: str):
        """The language's ranking, loaded on first need (only while the plan is built)."""
        finder = self.finders.get(lang)
        if finder is None:
            from app.core.related import RelatedFinder

            finder = self.finders[lang] = RelatedFinder.for_language(self._session, lang, self._at)
        return finder

    def prepare(self, statement_ids: dict[str, list[int]]) -> None:
        """Ranks every listed statement of the languages not reused, one thread each.

        The ranking spends its time in numpy and scipy, which release the interpreter
        lock, so languages rank side by side on the office's cores.
        """
        todo = {lang: ids for lang, ids in statement_ids.items() if lang in self.finders}
        if not todo:
            return

        def rank_language(lang: str) -> None:
            for sid in todo[lang]:
                self(sid, lang)

        with ThreadPoolExecutor(max_workers=len(todo)) as pool:
            list(pool.map(rank_language, sorted(todo)))
        # Every list is known now; the languages' arrays would only hold memory.
        self.ranked.update(self.finders)
        self.finders.clear()

    @property
    def reused(self) -> list[str]:
        return sorted(set(self.signatures) - set(self.finders) - self.ranked)

    def __call__(self, statement_id: int, lang: str) -> list[int]:
        key = str(statement_id)
        known = self.lists[lang].get(key)
        if known is None:
            known = self._rank(lang).related(statement_id, self.limit)
            self.lists[lang][key] = known
        return known

    def known(self) -> KnownLists:
        """The lists as a plain lookup, to hand to the site plan once every list is ranked."""
        return KnownLists(self.lists)

    def store(self, session: Session) -> None:
        """Keeps the lists of the languages ranked afresh for the next export."""
        for lang in sorted(self.ranked):
            lists = json.dumps(self.lists[lang], separators=(",", ":"))
            session.merge(RelatedListCache(lang=lang, signature=self.signatures[lang], lists=lists))
