"""The `pressdesk` command as an office runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

DATA = Path(__file__).parent / "data" / "import"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as cron or a terminal would start it."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=300
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], lines


def test_demo_then_check(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run("--db", str(db), "demo", "--count", "60").returncode == 0
    result = run("--db", str(db), "check")
    assert result.returncode == 0, result.stderr
    assert "60 statements" in result.stdout


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert main(["export", "--out"]) == 2
    assert main(["demo", "--count", "many"]) == 2


def test_db_in_missing_folder(tmp_path: Path) -> None:
    assert_one_line_error(run("--db", str(tmp_path / "no" / "x.db"), "check"), "does not exist")


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "letter.db"
    path.write_text("Dear editor,\n" * 500, encoding="utf-8")
    assert_one_line_error(run("--db", str(path), "users", "list"), "not a Press Desk database")


def test_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert main(["--db", str(path), "--create", "users", "add", "malika", "--roles", "editor"]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert_one_line_error(run("--db", str(path), "check"), "newer version of Press Desk")


def test_locked_database(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    assert main(["--db", str(path), "--create", "users", "list"]) == 0
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        assert_one_line_error(
            run("--db", str(path), "users", "add", "farhod"), "locked by another program"
        )
    finally:
        locker.close()


def test_corrupt_database_is_reported_by_check(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    assert run("--db", str(path), "demo", "--count", "30").returncode == 0
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 40), page):
        data[offset + 100 : offset + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    result = run("--db", str(path), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "problem" in result.stderr or "damaged" in result.stderr


def test_postgresql_unreachable() -> None:
    result = run("--db", "postgresql://press@127.0.0.1:9/press", "check")
    assert_one_line_error(result, "cannot connect to PostgreSQL at 127.0.0.1:9")


def test_users_add_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "u.db")
    assert (
        main(
            [
                "--db",
                db,
                "--create",
                "users",
                "add",
                "malika",
                "--name",
                "Малика",
                "--roles",
                "editor,writer",
            ]
        )
        == 0
    )
    assert main(["--db", db, "users", "add", "malika"]) == 1
    assert main(["--db", db, "users", "add", "x", "--roles", "boss"]) == 1
    capsys.readouterr()
    assert main(["--db", db, "users", "list"]) == 0
    # The first user is an admin too: someone must be able to manage users.
    assert "malika\tМалика\tadmin, editor, writer" in capsys.readouterr().out


def test_import_reports_bad_files_and_exits_1(tmp_path: Path) -> None:
    db = str(tmp_path / "i.db")
    result = run("--db", db, "import", str(DATA / "bad"), str(DATA / "pelican" / "content"))
    assert result.returncode == 1
    assert "broken-utf8.md" in result.stderr and "Traceback" not in result.stderr
    assert "imported 2 new" in result.stdout


def test_backup_copies_a_live_database(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    assert main(["--db", str(db), "demo", "--count", "20"]) == 0
    assert main(["--db", str(db), "backup", "--to", str(tmp_path / "copy.db")]) == 0
    result = run("--db", str(tmp_path / "copy.db"), "check")
    assert result.returncode == 0 and "20 statements" in result.stdout
    assert main(["--db", str(db), "backup", "--to", str(tmp_path / "nope" / "c.db")]) == 1


def test_export_command(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    assert run("--db", db, "import", str(DATA / "pelican" / "content")).returncode == 0
    result = run(
        "--db", db, "export", "--out", str(tmp_path / "site"), "--zip", str(tmp_path / "site.zip")
    )
    assert result.returncode == 0, result.stderr
    assert "written tg/2020/04/press-service-statement.html" in result.stdout
    assert (tmp_path / "site.zip").exists()
    again = run("--db", db, "export", "--out", str(tmp_path / "site"), "--changed-only")
    assert again.returncode == 0 and "written" not in again.stdout


def cli(db: Path, *args: str, user: str | None = None, password: str | None = None, stdin=""):
    """The command in a child process, as a person at a terminal-less shell runs it."""
    import os

    env = {**os.environ}
    env.pop("PRESSDESK_USER", None)
    env.pop("PRESSDESK_PASSWORD", None)
    if password is not None:
        env["PRESSDESK_PASSWORD"] = password
    command = [sys.executable, "-m", "app", "--db", str(db)]
    if user:
        command += ["--user", user]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=300, env=env, input=stdin
    )


def test_the_workflow_from_the_command_line(tmp_path: Path) -> None:
    import json

    db = tmp_path / "office.db"
    made = cli(db, "--create", "users", "add", "admin", "--password-stdin", stdin="admin-pass\n")
    assert made.returncode == 0
    for name, roles in (("nigora", "writer"), ("malika", "editor")):
        added = cli(
            db,
            "users",
            "add",
            name,
            "--roles",
            roles,
            "--password-stdin",
            user="admin",
            password="admin-pass",
            stdin=f"{name}-pass\n",
        )
        assert added.returncode == 0, added.stderr
    # Several users: nobody acts anonymously, and a wrong password is one line.
    assert_one_line_error(cli(db, "review", "submit", "1"), "say who you are with --user")
    assert_one_line_error(
        cli(db, "review", "submit", "1", user="nigora", password="wrong"), "wrong user name"
    )
    from app.core.content import TextContent
    from app.core.desk import Desk
    from app.core.migrate import open_database

    database = open_database(str(db))
    try:
        Desk.sign_in(database, "nigora", "nigora-pass").create(
            "tg", TextContent("Изҳорот", "Лид.", "Матн.\n")
        )
    finally:
        database.close()
    as_writer = {"user": "nigora", "password": "nigora-pass"}
    as_editor = {"user": "malika", "password": "malika-pass"}
    assert_one_line_error(
        cli(db, "review", "approve", "1", **as_writer), "may not approve texts: only editors may"
    )
    submitted = cli(db, "review", "submit", "izhorot", **as_writer)
    assert submitted.returncode == 0 and "draft → in_review" in submitted.stdout
    assert_one_line_error(
        cli(db, "review", "send-back", "1", "--lang", "tg", **as_editor), "needs a comment"
    )
    sent = cli(db, "review", "send-back", "1", "--lang", "tg", "--comment", "Сана?", **as_editor)
    assert sent.returncode == 0 and "in_review → draft" in sent.stdout
    listed = cli(db, "statements", "--json")
    (row,) = json.loads(listed.stdout)
    assert row["status"] == "draft" and row["languages"]["tg"] == "sent_back"
    assert row["languages"]["ru"] == "missing"
    plain = cli(db, "statements", "--status", "draft")
    assert plain.stdout.startswith("1\tizhorot\tdraft\ttg:sent_back ru:missing en:missing\t")
    assert cli(db, "statements", "--status", "published", "--json").stdout.strip() == "[]"
    assert cli(db, "statements", "--status", "bogus").returncode == 1


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import logging

    from app import cli
    from app.core.logfile import default_log_path

    def broken(_args: object) -> int:
        return {}["ru"]

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    try:
        assert main(["--db", str(tmp_path / "x.db"), "check"]) == 1
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(default_log_path()):
                logging.getLogger().removeHandler(handler)
                handler.close()
    (line,) = capsys.readouterr().err.splitlines()
    path = default_log_path()
    assert line == (
        f"pressdesk: something went wrong while running `pressdesk check`; details in {path}"
    )
    assert str(path).startswith(str(Path.home()))  # the user's state folder, in the test home
    assert "KeyError: 'ru'" in path.read_text() and "in broken" in path.read_text()
