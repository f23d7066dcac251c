"""Online backups in one file: SQLite through its backup API with the images inside, PostgreSQL
through pg_dump."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.ownership import check_target_file, database_files, partial_file


def backup_sqlite_file(engine: Engine, target: Path, *, replace: bool = True) -> None:
    """Copies a live SQLite database consistently, even while others write to it.

    With ``replace`` the copy goes to a partial file renamed over ``target``; else straight
    into ``target``, a partial file of the caller's.
    """
    partial = target.with_name(target.name + ".partial") if replace else target
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        raw.close()
    if replace:
        os.replace(partial, target)


def backup_postgresql(engine: Engine, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise PressDeskError(
            "pg_dump is not installed; it is needed to back up a PostgreSQL database"
        )
    url = engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = [pg_dump, "--format=custom", f"--file={target}", "--no-password"]
    for flag, value in (("--host", url.host), ("--port", url.port), ("--username", url.username)):
        if value:
            args.append(f"{flag}={value}")
    args.append(str(url.database or "postgres"))
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        first = (result.stderr.strip().splitlines() or ["pg_dump failed"])[0]
        raise PressDeskError(f"backup failed: {first}")


def backup(db: Database, target: Path, *, overwrite: bool = False) -> int:
    """Backs up the database and its images into the one file ``target``; returns how many
    images it holds.

    SQLite: the online backup of the file, with the media folder's images put into the
    copy's ``media.data`` column (where PostgreSQL keeps them anyway), so the one file
    restores everything and even opens as a database. Every image is checked against its
    SHA-256 on the way in: a backup never holds a damaged image without saying so.
    """
    target = check_target_file(target, "backup", protected=database_files(db), overwrite=overwrite)
    with partial_file(target, "backup") as partial:
        if db.backend != "sqlite":
            backup_postgresql(db.engine, partial)
            return 0
        backup_sqlite_file(db.engine, partial, replace=False)
        return _take_in_media(partial, db.media_dir)


def _take_in_media(copy: Path, folder: Path | None) -> int:
    """Moves every image of the media folder into the ``media`` rows of the SQLite ``copy``."""
    with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # one file: no journal left beside it
        conn.execute("BEGIN")
        rows = conn.execute(
            "SELECT id, sha256, extension FROM media WHERE data IS NULL ORDER BY id"
        ).fetchall()
        for media_id, sha, extension in rows:
            name = f"{sha}.{extension}"
            try:
                data = (folder / name).read_bytes() if folder else None
            except OSError:
                data = None
            if data is None:
                raise PressDeskError(
                    f"cannot back up: image {name} is missing from the media folder "
                    "(pressdesk check lists what is damaged)"
                )
            if hashlib.sha256(data).hexdigest() != sha:
                raise PressDeskError(
                    f"cannot back up: image {name} in the media folder is not the image "
                    "it should be (its bytes do not match its name)"
                )
            conn.execute("UPDATE media SET data = ? WHERE id = ?", (data, media_id))
        conn.execute("COMMIT")
        return conn.execute("SELECT count(*) FROM media").fetchone()[0]
