"""Test harness: offscreen Qt and a fresh migrated database per test, SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.core.db import Database
from app.core.migrate import open_database

PG_ENV = "PRESSDESK_TEST_PG"
PG_SKIP_REASON = (
    f"PostgreSQL tests need a server: set {PG_ENV} to a superuser SQLAlchemy URL, "
    "or run ./scripts/test-postgres, which starts a throwaway one"
)
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real user's data folder, settings or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("PRESSDESK_DB", raising=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(str(path), create=True).close()
    return path


def _pg_admin_url():
    value = os.environ.get(PG_ENV)
    if not value:
        pytest.skip(PG_SKIP_REASON)
    url = make_url(value)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin_url = _pg_admin_url()
    name = f"pd_template_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    open_database(admin_url.set(database=name).render_as_string(hide_password=False)).close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_sqlite_db(template: Path, folder: Path) -> Database:
    path = folder / f"press-{next(_counter)}.db"
    shutil.copyfile(template, path)
    return open_database(str(path))


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = make_sqlite_db(sqlite_template, tmp_path)
    yield db
    db.close()


@pytest.fixture
def pg_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    admin_url = _pg_admin_url()
    template = request.getfixturevalue("pg_template")
    name = f"pd_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    db = open_database(admin_url.set(database=name).render_as_string(hide_password=False))
    yield db
    db.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> Database:
    """A new, migrated, empty database: every core test using it runs on both backends."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


def _first_user(session, role) -> int | None:
    """The first active user holding ``role``, or None."""
    from sqlalchemy import select

    from app.core.models import User, UserRole

    return session.scalar(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == role, User.active)
        .order_by(User.id)
        .limit(1)
    )


def put_on_site(session, statement_id: int, when, *, hidden: bool = False) -> None:
    """A statement on the website from ``when``, through the workflow's one door for that
    without a schedule (an admin's migration: its texts approved and pinned as they stand)."""
    from app.core import users, workflow
    from app.core.models import Role

    admin = _first_user(session, Role.ADMIN)
    if admin is None:
        admin = users.add_user(session, "site-admin", "Site admin", set(Role)).id
    session.flush()
    assert workflow.publish_imported(session, statement_id, admin, when, hidden=hidden)


def take_off_site(session, statement_id: int) -> None:
    """Withdrawn through the workflow, by an editor (made for the test if need be)."""
    from app.core import users, workflow
    from app.core.models import Role

    editor = _first_user(session, Role.EDITOR)
    if editor is None:
        editor = users.add_user(session, "site-editor", "Site editor", set(Role)).id
    workflow.withdraw(session, statement_id, editor)


def approve_change(session, statement_id: int, langs: list[str]) -> None:
    """An editor approves edited texts of a published statement: the site takes them."""
    from app.core import workflow
    from app.core.models import Role

    workflow.approve(session, statement_id, langs, _first_user(session, Role.EDITOR))
