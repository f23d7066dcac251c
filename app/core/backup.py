"""Online backups: SQLite through its backup API, PostgreSQL through pg_dump."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from app.core.errors import PressDeskError


def backup_sqlite_file(engine: Engine, target: Path) -> None:
    """Copies a live SQLite database consistently, even while others write to it."""
    partial = target.with_name(target.name + ".partial")
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


def backup(engine: Engine, target: Path) -> None:
    if not target.parent.is_dir():
        raise PressDeskError(f"cannot write the backup: folder {target.parent} does not exist")
    if engine.dialect.name == "sqlite":
        backup_sqlite_file(engine, target)
    else:
        backup_postgresql(engine, target)
