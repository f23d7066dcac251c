"""Bringing a database to the schema of this version: create, back up and upgrade, or refuse."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from app.core.backup import backup_sqlite_file
from app.core.db import (
    Database,
    create_engine_for,
    describe,
    plain_errors,
    read_only_cause,
    resolve_url,
)
from app.core.errors import DatabaseError, SchemaTooNewError
from app.core.location import default_database_path
from app.core.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Tables every Press Desk schema has had: a database without them is another program's.
PRESS_DESK_TABLES = frozenset({"statements", "texts", "revisions"})

# Tables the migrations manage by hand (full-text search differs per backend), so the
# models-versus-migrations comparison leaves them alone.
SEARCH_TABLE_PREFIX = "search_"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIX):
        return False
    table = getattr(obj, "table", None)
    return not (table is not None and str(table.name).startswith(SEARCH_TABLE_PREFIX))


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this version can read (and upgrade from)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(db: Database, *, backup: bool = True) -> None:
    """Creates a new database, upgrades an older one (after a backup), refuses a newer one."""
    with plain_errors(db.url), db.engine.connect() as conn:
        current = current_revision(conn)
        if current == SCHEMA_HEAD:
            return
        tables = set(inspect(conn).get_table_names())
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError(f"{describe(db.url)} is not a Press Desk database")
    if current is None and db.read_only:
        raise DatabaseError(f"{describe(db.url)} is empty and read-only: nothing to read")
    if current is not None:
        known = {rev.revision for rev in script.walk_revisions()}
        if current not in known and not tables >= PRESS_DESK_TABLES:
            raise DatabaseError(
                f"{describe(db.url)} is not a Press Desk database: it belongs to another "
                f"application (schema {current}). Nothing was changed."
            )
        if current not in known:
            raise SchemaTooNewError(
                f"{describe(db.url)} was written by a newer version of Press Desk "
                f"(schema {current}); update Press Desk to open it. Nothing was changed."
            )
        if db.read_only:
            raise DatabaseError(
                f"{describe(db.url)} is at an older schema ({current}) and read-only here: "
                "open it once where it can be written, to bring it up to date"
            )
        if backup and db.backend == "sqlite" and db.url.database:
            source = Path(db.url.database)
            target = source.with_name(f"{source.name}.before-{head}.bak")
            backup_sqlite_file(db.engine, target)
            log.info("backed up %s to %s before upgrading", source, target)
    with plain_errors(db.url), db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


def open_database(
    target: str | None = None,
    *,
    upgrade: bool = True,
    create: bool = False,
    writes: str | None = None,
) -> Database:
    """Opens the database named by ``--db``/``$PRESSDESK_DB``/the default, ready to use.

    A SQLite file that is not there is made only with ``create`` (the app's first run,
    ``--create``, or a command that brings content in): a mistyped path is an error, not
    a new, empty database. A file this process cannot write opens read-only, unless
    ``writes`` names what needs to write to it (then the error names the cause).
    """
    url = resolve_url(target)
    read_only = False
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if path is not None and not path.exists():
        if not create:
            raise DatabaseError(
                f"there is no database at {path}: the file does not exist (check the path, "
                "or give --create to make a new database there)"
            )
        if path == default_database_path():
            # The default folder is ours to make; a folder the user named must already exist.
            path.parent.mkdir(parents=True, exist_ok=True)
    elif path is not None and (cause := read_only_cause(path)) is not None:
        if writes is not None:
            raise DatabaseError(f"cannot {writes}: {path} is read-only here ({cause})")
        read_only = True
    db = Database(url, create_engine_for(url, read_only=read_only), read_only=read_only)
    db.created = path is not None and not path.exists()
    if upgrade:
        try:
            ensure_schema(db)
        except BaseException:
            db.close()
            raise
    return db
