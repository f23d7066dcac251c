"""What Press Desk may write: never the database's own files, an existing file only when told.

A zip of the site, a backup and a restored database are each written to a partial file
beside the target and renamed into place, so a failure leaves the target as it was and
no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.core.db import Database
from app.core.errors import PressDeskError


def database_files(db: Database) -> tuple[Path, ...]:
    """The SQLite file, its journals and its media folder (nothing for a server database)."""
    if db.backend != "sqlite" or not db.url.database:
        return ()
    path = Path(db.url.database).resolve()
    suffixes = ("-wal", "-shm", "-journal", ".media")
    return (path, *(path.with_name(path.name + suffix) for suffix in suffixes))


def database_folders(db: Database) -> tuple[Path, ...]:
    """The SQLite file's folder and its media folder: never a folder to export into."""
    if db.backend != "sqlite" or not db.url.database:
        return ()
    path = Path(db.url.database).resolve()
    return (path.parent, path.with_name(path.name + ".media"))


def _same(path: Path, other: Path) -> bool:
    """The same file or folder: by resolved path, or by device and inode (hard links)."""
    if path == other or path.is_relative_to(other):
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(path, other)
    return False


def check_target_file(
    target: Path, what: str, *, protected: Iterable[Path] = (), overwrite: bool = False
) -> Path:
    """The absolute path to write the ``what`` to, or a clear refusal.

    ``protected`` files (and everything inside protected folders) are refused whatever
    ``overwrite`` says; another existing file is replaced only with ``overwrite``.
    """
    target = target.expanduser().absolute()
    if target.is_dir():
        raise PressDeskError(f"{target} is a folder: give the name of a file for the {what}")
    if not target.parent.is_dir():
        raise PressDeskError(f"cannot write the {what}: folder {target.parent} does not exist")
    resolved = target.resolve()
    for own in protected:
        if _same(resolved, own):
            raise PressDeskError(
                f"refusing to write the {what} to {target}: that is the database's own "
                f"{'media folder' if own.name.endswith('.media') else 'file'} {own}"
            )
    if os.path.lexists(target) and not overwrite:
        raise PressDeskError(f"{target} already exists: give --overwrite to replace it")
    return target


@contextlib.contextmanager
def partial_file(target: Path, what: str) -> Iterator[Path]:
    """A new, empty file beside ``target`` to write the ``what`` to; renamed over ``target``
    when the block ends without error, removed in any case otherwise. A failure to write
    (a full disk) is one clear line."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        yield partial
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        cause = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise PressDeskError(f"cannot write the {what} {target}: {cause}") from error
    finally:
        partial.unlink(missing_ok=True)
