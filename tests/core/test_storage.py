"""Opening, creating, upgrading and refusing databases; what the schema itself enforces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc, text

from app.core.content import TextContent
from app.core.db import Database, create_engine_for, resolve_url
from app.core.errors import DatabaseError, SchemaTooNewError
from app.core.migrate import include_object, open_database
from app.core.models import Base
from app.core.statements import create_statement


def test_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_new_default_database_is_created_in_user_data_folder() -> None:
    db = open_database(create=True)
    try:
        path = Path(db.url.database)
        assert path.name == "pressdesk.db" and path.exists()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_plain_path_and_env_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSDESK_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    assert resolve_url(str(tmp_path / "x.db")).database == str(tmp_path / "x.db")
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(str(tmp_path / "nope" / "press.db"))
    assert not (tmp_path / "nope").exists()


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Dear editor, this is a letter, not a database.\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Press Desk database"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_sqlite_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(DatabaseError, match="not a Press Desk database"):
        open_database(str(path))


def test_newer_schema_is_refused_and_untouched(sqlite_db: Database) -> None:
    path = Path(sqlite_db.url.database)
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    sqlite_db.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(str(path))
    assert path.read_bytes() == before


def test_locked_database(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.core.db.SQLITE_BUSY_TIMEOUT_MS", 100)
    locker = sqlite3.connect(sqlite_db.url.database, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        db = Database(sqlite_db.url, create_engine_for(sqlite_db.url))
        with (
            pytest.raises(DatabaseError, match="locked by another program"),
            db.transaction() as session,
        ):
            create_statement(
                session, source_lang="tg", content=TextContent("Санҷиш"), actor_id=None
            )
    finally:
        locker.rollback()
        locker.close()


@pytest.mark.parametrize("table", ["revisions", "audit_events"])
def test_append_only_tables(db: Database, table: str) -> None:
    with db.transaction() as session:
        create_statement(session, source_lang="ru", content=TextContent("Заявление"), actor_id=None)
    for sql in (f"UPDATE {table} SET id = id + 100", f"DELETE FROM {table}"):
        with pytest.raises(exc.DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(sql))


def test_postgresql_unreachable_names_host_and_port() -> None:
    with pytest.raises(DatabaseError, match=r"cannot connect to PostgreSQL at 127\.0\.0\.1:9"):
        open_database("postgresql://nobody@127.0.0.1:9/press")


def test_database_of_first_release_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    from alembic import command

    from app.core.db import create_engine_for, resolve_url
    from app.core.migrate import alembic_config, head_revision

    path = tmp_path / "v0001.db"
    engine = create_engine_for(resolve_url(str(path)))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO statements (id, slug, slug_is_manual, source_lang, status, "
                "created_at, updated_at) VALUES (1, 'old', 0, 'ru', 'draft', "
                "'2020-01-01 00:00:00', '2020-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db = open_database(str(path))
    try:
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            slug = conn.execute(text("SELECT slug FROM statements")).scalar()
        assert (version, slug) == (head_revision(), "old")
        backup = path.with_name(f"v0001.db.before-{head_revision()}.bak")
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        db.close()


def test_schema_head_constant_matches_the_migrations() -> None:
    from app.core.migrate import SCHEMA_HEAD, head_revision

    assert head_revision() == SCHEMA_HEAD


def test_upgrade_to_sort_titles_fills_them_from_the_source_titles(tmp_path: Path) -> None:
    from alembic import command

    from app.core.db import create_engine_for, resolve_url
    from app.core.migrate import alembic_config

    path = tmp_path / "v0003.db"
    engine = create_engine_for(resolve_url(str(path)))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
    with engine.begin() as conn:
        for sid, title in ((1, "Ҷаласаи Ҳукумат"), (2, "Афзоиши иқтисодӣ")):
            conn.execute(
                text(
                    "INSERT INTO statements (id, slug, slug_is_manual, source_lang, status, "
                    "created_at, updated_at) VALUES (:id, :slug, 0, 'tg', 'draft', "
                    "'2020-01-01 00:00:00', '2020-01-01 00:00:00')"
                ),
                {"id": sid, "slug": f"s{sid}"},
            )
            conn.execute(
                text(
                    "INSERT INTO texts (id, statement_id, lang, is_source, revision_number, "
                    "content_hash, updated_at, version) VALUES (:id, :id, 'tg', 1, 1, 'h', "
                    "'2020-01-01 00:00:00', 1)"
                ),
                {"id": sid},
            )
            conn.execute(
                text(
                    "INSERT INTO revisions (text_id, number, title, lead, body, image_caption, "
                    "content_hash, created_at) VALUES (:id, 1, :title, '', '', '', 'h', "
                    "'2020-01-01 00:00:00')"
                ),
                {"id": sid, "title": title},
            )
    engine.dispose()
    db = open_database(str(path))
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT sort_title FROM statements ORDER BY sort_title"))
            assert [r[0] for r in rows] == ["афзоиши иктисоди", "чаласаи хукумат"]
    finally:
        db.close()
