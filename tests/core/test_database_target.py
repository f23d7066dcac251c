"""What `--db` names: a database that is really there, read-only when it must be, never one
in memory, another program's called so, a malformed URL in one line (issue 10, items 5, 7)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_cli import assert_one_line_error, run


def as_reader(*args: str) -> subprocess.CompletedProcess[str]:
    """The command run by someone who may read the files but not write them.

    Root writes any file, so as root the command runs without the capabilities that let it.
    """
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv to run a command as root without write access")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "office" / "press.db"
    path.parent.mkdir()
    assert run("--db", str(path), "demo", "--count", "12").returncode == 0
    return path


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_a_database_in_memory_is_refused(url: str) -> None:
    for command in (["demo", "--count", "3"], ["users", "add", "malika"], ["check"]):
        assert_one_line_error(run("--db", url, *command), "in memory, which keeps nothing")


def test_a_malformed_url_is_one_line() -> None:
    assert_one_line_error(run("--db", "http://[::1", "check"), "not a database URL")


def test_another_applications_alembic_database_is_called_foreign(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')")
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    before = path.read_bytes()
    result = run("--db", str(path), "check")
    assert_one_line_error(result, "not a Press Desk database: it belongs to another application")
    assert "newer version" not in result.stderr
    assert path.read_bytes() == before


def test_a_mistyped_path_creates_nothing(small: Path, tmp_path: Path) -> None:
    typo = small.with_name("prss.db")
    site = tmp_path / "site"
    for command in (
        ["export", "--out", str(site)],
        ["check"],
        ["backup", "--to", str(tmp_path / "b.db")],
        ["users", "list"],
    ):
        assert_one_line_error(run("--db", str(typo), *command), f"no database at {typo}")
    assert not typo.exists() and not site.exists()
    assert not (tmp_path / "b.db").exists()


def test_a_new_database_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    result = run("--db", str(path), "--create", "users", "add", "malika")
    assert result.returncode == 0, result.stderr
    assert f"created a new database at {path}" in result.stdout
    demo = run("--db", str(tmp_path / "demo.db"), "demo", "--count", "2")
    assert f"created a new database at {tmp_path / 'demo.db'}" in demo.stdout
    again = run("--db", str(tmp_path / "demo.db"), "demo", "--count", "2")
    assert again.returncode == 0 and "created" not in again.stdout


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_database_is_read_and_never_written(
    small: Path, tmp_path: Path, locked: str
) -> None:
    if locked == "file":
        small.chmod(0o444)
    else:
        small.parent.chmod(0o555)
    try:
        before = small.read_bytes()
        checked = as_reader("--db", str(small), "check")
        assert checked.returncode == 0, checked.stderr
        assert "12 statements" in checked.stdout
        site = tmp_path / "site"
        exported = as_reader("--db", str(small), "export", "--out", str(site))
        assert exported.returncode == 0, exported.stderr
        assert "read-only: this export is not recorded" in exported.stderr
        assert (site / "index.html").exists()
        assert_one_line_error(
            as_reader("--db", str(small), "users", "add", "farhod"),
            "cannot change users: ",
        )
        assert small.read_bytes() == before
        # SQLite's own shared-memory files for readers may appear; nothing else does.
        left = {p.name for p in small.parent.iterdir()} - {"press.db-wal", "press.db-shm"}
        assert left == {"press.db", "press.db.media"}
    finally:
        small.parent.chmod(0o755)
        small.chmod(0o644)
