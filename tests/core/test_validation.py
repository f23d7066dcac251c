"""Names and values: one core check of every text a person gives, user names that cannot pass
for one another, a site address that is one (issue 10, item 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core import users
from app.core.db import Database
from app.core.export.run import export_site
from app.core.listing import StatementFilter, count_statements
from app.core.models import Role
from app.core.statements import set_slug_value
from app.core.validation import InvalidInput
from tests.core.test_cli import assert_one_line_error, run
from tests.core.test_export import publish


@pytest.fixture
def admin(db: Database) -> int:
    """The office's first user, who adds the others."""
    with db.transaction() as s:
        return users.add_user(s, "boss", "Boss", {Role.ADMIN}, password="long enough pass").id


def _add(db: Database, admin: int, name: str, display: str = "") -> str:
    with db.transaction() as s:
        return users.add_user(s, name, display, {Role.EDITOR}, actor_id=admin).username


@pytest.mark.parametrize("name", ["editor\n", "edi\ntor", "editor\t", "\x1b[2Jeditor", ""])
def test_user_names_match_whole(db: Database, admin: int, name: str) -> None:
    _add(db, admin, "editor")
    with pytest.raises(InvalidInput):
        _add(db, admin, name)
    with db.transaction() as s:
        assert [u.username for u in users.list_users(s)] == ["boss", "editor"]


@pytest.mark.parametrize(
    ("existing", "newcomer", "reason"),
    [
        ("admin", "аdmin", "mixes letters of cyrillic and latin"),  # Cyrillic а
        ("ace", "асе", "looks the same as the existing user 'ace'"),  # all Cyrillic
        ("admin", "Admin", "looks the same"),
        ("admin", "ａｄｍｉｎ", "user 'admin' already exists"),  # full-width: NFKC
        ("opa", "ορα", "looks the same"),  # Greek
    ],
)
def test_a_name_that_only_looks_different_is_refused(
    db: Database, admin: int, existing: str, newcomer: str, reason: str
) -> None:
    _add(db, admin, existing)
    with pytest.raises(InvalidInput, match=reason):
        _add(db, admin, newcomer)


def test_names_of_one_script_are_welcome(db: Database, admin: int) -> None:
    assert [_add(db, admin, n) for n in ("малика", "farhod", "фарҳод", "j.doe@mfa")] == [
        "малика",
        "farhod",
        "фарҳод",
        "j.doe@mfa",
    ]


@pytest.mark.parametrize("display", ["\x1b[31mBoss\x1b[0m", "Malika\nadmin\teditor", "a\x00b"])
def test_display_names_hold_no_control_characters(db: Database, admin: int, display: str) -> None:
    with pytest.raises(InvalidInput, match="control character"):
        _add(db, admin, "malika", display)


def test_a_lone_surrogate_in_a_filter_or_page_name_is_refused_in_one_line(db: Database) -> None:
    # Texts that are saved are cleaned of such characters instead (app/core/hygiene.py).
    with db.transaction() as s:
        with pytest.raises(InvalidInput, match="not valid UTF-8"):
            count_statements(s, StatementFilter(tag="\udcff"))
        with pytest.raises(InvalidInput, match="not valid UTF-8"):
            count_statements(s, StatementFilter(query="вода \ud800"))
        with pytest.raises(InvalidInput, match="not valid UTF-8"):
            set_slug_value(s, "vstrecha-\udcc3")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "not a url", "ftp://example.org", "http://", "http://[::1"]
)
def test_the_site_address_is_an_absolute_http_url(db: Database, tmp_path: Path, url: str) -> None:
    publish(db, "Заявление")
    with pytest.raises(InvalidInput, match="not a site address"):
        export_site(db, tmp_path / "site", base_url=url, workers=1)
    assert not (tmp_path / "site" / "sitemap.xml").exists()


def test_a_good_site_address_goes_into_the_sitemap(db: Database, tmp_path: Path) -> None:
    publish(db, "Заявление")
    export_site(db, tmp_path / "site", base_url="https://mfa.tj/press/", workers=1)
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://mfa.tj/press/ru/" in sitemap


def test_the_command_line_refuses_bad_names_and_addresses(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    create = ["--db", db, "--create", "users", "add", "editor", "--password-stdin"]
    first = subprocess.run(
        [sys.executable, "-m", "app", *create],
        input="long enough pass\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    assert_one_line_error(run("--db", db, "users", "add", "editor\n"), "control character")
    assert_one_line_error(run("--db", db, "users", "add", "аdmin"), "mixes letters")
    invalid_utf8 = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, "users", "add", b"\xffeditor"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_line_error(invalid_utf8, "not valid UTF-8")
    assert run("--db", db, "users", "list").stdout.splitlines() == ["editor\teditor\tadmin, writer"]
    assert_one_line_error(
        run("--db", db, "export", "--out", str(tmp_path / "s"), "--base-url", "javascript:x"),
        "not a site address",
    )
