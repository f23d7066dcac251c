"""Which statement an imported file is: found by where the file came from, never by its title.

A file is known by its path inside the folder imported, led by the folder's name
(``content/posts/a.md``). Importing the same folder again finds each file's statement by
that path; importing a folder inside it, or one file of it, finds them too, because the
shorter path ends the longer one (``posts/a.md``). When such a shorter path ends several
known ones, the file is not guessed at: it is refused, naming them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import ImportOrigin


@dataclass(frozen=True, slots=True)
class KnownOrigin:
    path: str
    statement_id: int
    key: str | None


class AmbiguousOrigin(Exception):
    """The path ends the paths of files of several statements; ``str()`` names them."""


class OriginIndex:
    """Every imported file's origin, loaded once per import and kept up to date by it."""

    def __init__(self, session: Session) -> None:
        self._by_path: dict[str, KnownOrigin] = {}
        self._by_tail: dict[str, set[str]] = defaultdict(set)
        self._by_key: dict[str, set[int]] = defaultdict(set)
        self._paths_of: dict[int, list[str]] = defaultdict(list)
        rows = session.execute(
            select(ImportOrigin.path, ImportOrigin.statement_id, ImportOrigin.key)
        )
        for path, statement_id, key in rows:
            self.add(KnownOrigin(path, statement_id, key))

    def add(self, origin: KnownOrigin) -> None:
        self._by_path[origin.path] = origin
        parts = origin.path.split("/")
        for start in range(1, len(parts)):
            self._by_tail["/".join(parts[start:])].add(origin.path)
        if origin.key:
            self._by_key[origin.key].add(origin.statement_id)
        self._paths_of[origin.statement_id].append(origin.path)

    def find(self, path: str) -> KnownOrigin | None:
        """The known file ``path`` is; raises :class:`AmbiguousOrigin` when it may be several."""
        if path in self._by_path:
            return self._by_path[path]
        parts = path.split("/")
        found = {
            self._by_path[tail].path
            for tail in ("/".join(parts[start:]) for start in range(1, len(parts)))
            if tail in self._by_path
        }
        found |= self._by_tail.get(path, set())
        statements = {self._by_path[p].statement_id for p in found}
        if len(statements) > 1:
            shown = ", ".join(sorted(found)[:3])
            raise AmbiguousOrigin(
                f"its path {path} ends the paths of files imported before into different "
                f"statements ({shown}): import it from the folder those came from"
            )
        return self._by_path[min(found)] if found else None

    def with_key(self, key: str) -> set[int]:
        """The statements whose files gave this translation key or slug."""
        return set(self._by_key.get(key, ()))

    def path_of(self, statement_id: int) -> str | None:
        """One file a statement came from, to name it in a message."""
        paths = self._paths_of.get(statement_id)
        return min(paths) if paths else None

    def imported(self, statement_id: int) -> bool:
        """Whether the statement came from a file (else it was made in the app)."""
        return statement_id in self._paths_of
