"""Opening a Press Desk database: where it is, how its engine is set up, errors in plain words."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import DatabaseError
from app.core.location import database_target, sqlite_file

SQLITE_BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "pressdesk_begin"


def resolve_url(target: str | None) -> URL:
    """A SQLAlchemy URL from ``--db``, else ``$PRESSDESK_DB``, else the default SQLite file.

    A value without ``://`` is a path to a SQLite file.
    """
    value = database_target(target)
    path = sqlite_file(value)
    if path is None:
        try:
            url = make_url(value)
        except (exc.ArgumentError, ValueError) as error:
            raise DatabaseError(f"not a database URL: {value} ({error})") from error
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        if url.get_backend_name() == "sqlite" and in_memory(url):
            raise DatabaseError(
                f"{value} is a database in memory, which keeps nothing after the command: "
                "give the path of a file"
            )
        return url
    return URL.create("sqlite", database=str(path))


def in_memory(url: URL) -> bool:
    """Whether a SQLite URL names a database that lives only as long as its connection."""
    database = url.database or ""
    return (
        database in ("", ":memory:")
        or "mode=memory" in str(url)
        or database.startswith("file::memory:")
    )


def read_only_cause(path: Path) -> str | None:
    """Why this process cannot write the SQLite file ``path`` (or its journal), if it cannot.

    SQLite writes its journal beside the file, so a folder this process cannot write to
    makes the database read-only as well.
    """
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None


def describe(url: URL) -> str:
    """The database as a person would name it, without a password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # pysqlite's own transaction handling would break SAVEPOINT and DDL; SQLAlchemy's
    # documented recipe is to turn it off and emit BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL is written into the file's header: only into a new file or Press Desk's own.
    ours = (
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'statements'"
        ).fetchone()[0]
        or not cursor.execute("PRAGMA page_count").fetchone()[0]
    )
    if ours and not cursor.execute("PRAGMA query_only").fetchone()[0]:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN, where the busy timeout applies; a deferred
    # transaction that writes later fails at once with "database is locked" when another
    # writer got there first, and no timeout helps it.
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def _read_only_connector(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections that only read ``path``: SQLite's ``mode=ro``, and ``immutable`` when it
    could not even make the shared-memory file a reader of a WAL database needs beside it."""
    options = "mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        options += "&immutable=1"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(
            f"{path.as_uri()}?{options}",
            uri=True,
            timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        connection.execute("PRAGMA query_only=ON")
        return connection

    return connect


def create_engine_for(url: URL, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        if url.database and not path.parent.is_dir():
            raise DatabaseError(
                f"cannot create the database {path}: folder {path.parent} does not exist"
            )
        if read_only:
            engine = create_engine(url, creator=_read_only_connector(path))
        else:
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    raise DatabaseError(
        f"unsupported database {url.get_backend_name()!r}: use SQLite or PostgreSQL"
    )


def friendly_error(error: BaseException, url: URL) -> DatabaseError:
    """Turns a driver error into one line that names the database and the cause."""
    name = describe(url)
    message = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    lowered = message.lower()
    if url.get_backend_name() == "postgresql":
        if "connection" in lowered or "connect" in lowered or "resolve" in lowered:
            return DatabaseError(
                f"cannot connect to PostgreSQL at {url.host or 'localhost'}:{url.port or 5432}: "
                f"{message}"
            )
        return DatabaseError(f"PostgreSQL error on {name}: {message}")
    if "file is not a database" in lowered or "malformed" in lowered:
        return DatabaseError(f"{name} is not a Press Desk database or is damaged ({message})")
    if "readonly database" in lowered or "query_only" in lowered:
        return DatabaseError(f"{name} is open read-only: nothing can be changed in it")
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{name} is locked by another program; close it and try again")
    if "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"cannot open {name}: {message}")
    return DatabaseError(f"database error on {name}: {message}")


@contextmanager
def plain_errors(url: URL) -> Iterator[None]:
    """Re-raises database driver errors inside the block as :class:`DatabaseError`."""
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, exc.InterfaceError) as error:
        raise friendly_error(error, url) from error


def upsert(
    session: Session, table: type, keys: list[str], columns: list[str], rows: list[dict]
) -> None:
    """Inserts ``rows`` into ``table``, replacing ``columns`` of a row whose ``keys`` exist.

    One statement, so two writers racing for a new key cannot both see it missing and
    both insert (what a select-then-insert ``merge`` does under PostgreSQL).
    """
    # The dialect's own INSERT, imported here: a read-only run needs neither.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={name: statement.excluded[name] for name in columns}
    )
    session.execute(statement, rows)


class Database:
    """An open database: its URL, engine, session factory and media folder."""

    def __init__(self, url: URL, engine: Engine, *, read_only: bool = False) -> None:
        self.url = url
        self.engine = engine
        # Opened only to read (a file this process cannot write): nothing may be changed.
        self.read_only = read_only
        # Made by this opening (``--create``, ``demo``, ``import`` or the app's first run).
        self.created = False
        writer = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self.sessions: sessionmaker[Session] = sessionmaker(writer, expire_on_commit=False)
        self._read_sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @property
    def media_dir(self) -> Path | None:
        """Beside the SQLite file; ``None`` when images live in the database (PostgreSQL)."""
        if self.backend != "sqlite" or not self.url.database:
            return None
        path = Path(self.url.database)
        return path.with_name(path.name + ".media")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work that may write: commits on success, rolls back on any error.

        On SQLite it holds the write lock from its start (``BEGIN IMMEDIATE``), so two
        writers queue behind each other for up to the busy timeout instead of one failing.
        A read-only database refuses it at once.
        """
        if self.read_only:
            raise DatabaseError(f"{describe(self.url)} is open read-only: nothing can be changed")
        with plain_errors(self.url), self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: it never waits for or blocks a writer (WAL), and
        whatever it did is rolled back, never committed."""
        # Closing the session rolls its transaction back.
        with plain_errors(self.url), self._read_sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Database({describe(self.url)})"
