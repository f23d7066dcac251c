"""`pressdesk restore`: a backup checked whole, then put in place as a database and its images.

Nothing is replaced before the backup has passed every check: SQLite's integrity check,
a schema this version knows, and every image present and true to its SHA-256.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import PressDeskError
from app.core.migrate import PRESS_DESK_TABLES, head_revision, known_revisions
from app.core.ownership import check_target_file, partial_file

_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class Restored:
    statements: int
    images: int


def _problems(conn: sqlite3.Connection) -> list[str]:
    """Everything that keeps the backup from restoring the office's data whole."""
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [f"the backup is damaged ({error})"]
    if rows != ["ok"]:
        return [f"the backup is damaged: {row}" for row in rows[:5]]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables >= {*PRESS_DESK_TABLES, "alembic_version", "media"}:
        return ["it is not a Press Desk backup"]
    (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if version not in known_revisions():
        return [
            f"it was made by a newer version of Press Desk (schema {version}, this one knows "
            f"{head_revision()})"
        ]
    problems = []
    for sha, extension, data in conn.execute("SELECT sha256, extension, data FROM media"):
        if data is None:
            problems.append(f"image {sha}.{extension} is not in the backup")
        elif hashlib.sha256(data).hexdigest() != sha:
            problems.append(f"image {sha}.{extension} in the backup is damaged")
    return problems


def _take_over(target: Path) -> None:
    """Makes sure nobody uses the database at ``target`` and folds its journal into it, so
    that no journal of the old database is left to be read with the restored one."""
    with closing(sqlite3.connect(target, timeout=0, isolation_level=None)) as conn:
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as error:
            raise PressDeskError(
                f"cannot replace {target}: it is in use ({error}); close every Press Desk "
                "that has it open"
            ) from error
    if busy:
        raise PressDeskError(
            f"cannot replace {target}: it is in use; close every Press Desk that has it open"
        )
    for suffix in ("-wal", "-shm", "-journal"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def restore(backup: Path, target: Path, *, overwrite: bool = False) -> Restored:
    """Restores ``backup`` (made by ``pressdesk backup``) as the SQLite database ``target``,
    its images going into the media folder beside it. An existing ``target`` is replaced
    only with ``overwrite``, and only when no one has it open."""
    backup = backup.expanduser().absolute()
    try:
        with open(backup, "rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except IsADirectoryError:
        raise PressDeskError(f"{backup} is a folder, not a backup") from None
    except OSError as error:
        raise PressDeskError(f"cannot read {backup}: {error.strerror}") from error
    if head.startswith(b"PGDMP"):
        raise PressDeskError(
            f"{backup} is a PostgreSQL backup: restore it into a server with pg_restore"
        )
    if head != _SQLITE_MAGIC:
        raise PressDeskError(f"{backup} is not a Press Desk backup")
    target = check_target_file(target, "restored database", overwrite=overwrite)
    if target.resolve() == backup.resolve():
        raise PressDeskError("the backup and the database to restore are the same file")
    with partial_file(target, "restored database") as partial:
        shutil.copyfile(backup, partial)
        with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
            problems = _problems(conn)
            if problems:
                more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
                raise PressDeskError(
                    f"{backup} cannot be restored, nothing was changed: "
                    f"{'; '.join(problems[:3])}{more}"
                )
            media = target.with_name(target.name + ".media")
            images = 0
            conn.execute("BEGIN")
            for media_id, sha, extension, data in conn.execute(
                "SELECT id, sha256, extension, data FROM media"
            ).fetchall():
                _write_image(media, f"{sha}.{extension}", data)
                conn.execute("UPDATE media SET data = NULL WHERE id = ?", (media_id,))
                images += 1
            conn.execute("COMMIT")
            (statements,) = conn.execute("SELECT count(*) FROM statements").fetchone()
        if _is_sqlite(target):
            _take_over(target)
    return Restored(statements, images)


def _write_image(folder: Path, name: str, data: bytes) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    try:
        if hashlib.sha256(path.read_bytes()).hexdigest() == name.split(".")[0]:
            return
    except OSError:
        pass
    partial = folder / f".{name}.partial"
    partial.write_bytes(data)
    os.replace(partial, path)
