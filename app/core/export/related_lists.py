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

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.core import changes, live, visibility
from app.core.db import upsert
from app.core.models import (
    PublishedRevision,
    RelatedListCache,
    RelatedStatement,
    Statement,
    StatementTag,
    StatementText,
)

Lists = dict[str, list[int]]  # statement id (as a JSON key) → related statement ids


def _signature(session: Session, lang: str, at: datetime, limit: int, shared: bytes) -> str:
    """A digest of everything the ranking of ``lang`` reads."""
    digest = hashlib.blake2b(f"{lang}|{limit}|".encode() + shared, digest_size=20)
    live_from, live_until = live.window()
    rows = session.execute(
        select(
            StatementText.statement_id,
            StatementText.content_hash,
            live_from,
            live_until,
            Statement.scheduled_at,
            Statement.created_at,
            visibility.listed(),
        )
        .join(Statement, Statement.id == StatementText.statement_id)
        .join(
            PublishedRevision,
            and_(
                PublishedRevision.statement_id == StatementText.statement_id,
                PublishedRevision.lang == StatementText.lang,
            ),
        )
        .where(StatementText.lang == lang, live_from.is_not(None))
        .order_by(StatementText.statement_id)
    )
    for sid, content_hash, since, until, scheduled_at, created_at, listed in rows:
        shown = listed and since <= at and (until is None or at < until)
        # The dates order equal scores (newest first), so they are inputs too.
        dates = f"{scheduled_at}:{since}:{until}:{created_at}"
        digest.update(f"{sid}:{content_hash}:{int(shown)}:{dates};".encode())
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
    """Answers "which statements go in this page's sidebar" for the export.

    A language whose inputs are unchanged reuses its lists. Otherwise, when the lists
    kept have a basis and only some statements changed since, only the lists those can
    alter are ranked again (see :mod:`app.core.related.incremental`); else all are.
    """

    def __init__(
        self, session: Session, languages: set[str], at: datetime, limit: int, mark: int
    ) -> None:
        self.limit, self._mark = limit, mark
        shared = _shared_inputs(session)
        self.signatures = {
            lang: _signature(session, lang, at, limit, shared) for lang in sorted(languages)
        }
        kept = {
            lang: (signature, lists, basis)
            for lang, signature, lists, basis in session.execute(
                select(
                    RelatedListCache.lang,
                    RelatedListCache.signature,
                    RelatedListCache.lists,
                    RelatedListCache.basis,
                ).where(RelatedListCache.lang.in_(list(self.signatures)))
            )
        }
        self.lists: dict[str, Lists] = {}
        self.finders = {}
        self.ranked: dict[str, int] = {}  # language → lists ranked afresh
        self._previous: dict[str, tuple[Lists, dict, set[int]]] = {}
        self._bases: dict[str, dict] = {}
        for lang, signature in self.signatures.items():
            old_signature, old_lists, old_basis = kept.get(lang, (None, None, None))
            if old_signature == signature:
                self.lists[lang] = json.loads(old_lists)
                continue
            self.lists[lang] = {}
            self.finders[lang] = _finder(session, lang, at)
            basis = json.loads(old_basis) if old_basis else None
            if basis is not None:
                changed = changes.changed_since(session, basis["mark"])
                if changed is not None:
                    self._previous[lang] = (json.loads(old_lists), basis, changed)

    def prepare(self, statement_ids: dict[str, list[int]]) -> None:
        """Ranks the lists of the languages not reused, one thread each.

        The ranking spends its time in numpy and scipy, which release the interpreter
        lock, so languages rank side by side on the office's cores.
        """
        todo = {lang: ids for lang, ids in statement_ids.items() if lang in self.finders}
        if not todo:
            return
        with ThreadPoolExecutor(max_workers=len(todo)) as pool:
            list(pool.map(lambda lang: self._rank_language(lang, todo[lang]), sorted(todo)))
        # Every list is known now; the languages' arrays would only hold memory.
        self.finders.clear()

    def _rank_language(self, lang: str, ids: list[int]) -> None:
        from app.core.related.incremental import basis, to_rank_again

        finder = self.finders[lang]
        old_lists: Lists = {}
        old_floors: dict[str, int] = {}
        again = None
        if lang in self._previous:
            old_lists, old_basis, changed = self._previous[lang]
            old_floors = old_basis["floors"]
            again = to_rank_again(finder, old_basis, old_lists, changed, self.limit)
        if again is None:
            fresh = ids
        else:
            fresh = [sid for sid in ids if sid in again or str(sid) not in old_lists]
        finder.rank_again(fresh, self.limit)
        lists: Lists = {}
        floors: dict[str, int] = {}
        fresh_set = set(fresh)
        for sid in ids:
            key = str(sid)
            if sid in fresh_set:
                lists[key] = finder.related(sid, self.limit)
                floors[key] = finder.floor(sid, self.limit)
            else:
                lists[key], floors[key] = old_lists[key], old_floors[key]
        self.lists[lang] = lists
        self.ranked[lang] = len(fresh)
        self._bases[lang] = basis(finder, self._mark, self.limit, floors)

    @property
    def reused(self) -> list[str]:
        return sorted(set(self.signatures) - set(self.finders) - set(self.ranked))

    def known(self) -> KnownLists:
        """The lists as a plain lookup, to hand to the site plan once every list is ranked."""
        return KnownLists(self.lists)

    def store(self, session: Session) -> None:
        """Keeps the lists of the languages ranked afresh, with their bases, for the next export."""
        rows = [
            {
                "lang": lang,
                "signature": self.signatures[lang],
                "lists": json.dumps(self.lists[lang], separators=(",", ":")),
                "basis": json.dumps(self._bases[lang], separators=(",", ":")),
            }
            for lang in sorted(self.ranked)
        ]
        if rows:
            upsert(session, RelatedListCache, ["lang"], ["signature", "lists", "basis"], rows)


def _finder(session: Session, lang: str, at: datetime):
    from app.core.related import RelatedFinder

    return RelatedFinder.for_language(session, lang, at)
