"""The scheduling commands as a person types them: schedule (with an embargo and an expiry),
calendar, expire, review withdraw, and check --repair, each refusing in one line."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from app.core import publishing, workflow
from app.core.db import Database
from app.core.models import Statement, Status
from app.core.sqltypes import utcnow
from app.core.users import set_password
from tests.core.conftest import make_office
from tests.core.test_cli import assert_one_line_error, cli
from tests.core.test_workflow import drafted

DUSHANBE = ZoneInfo("Asia/Dushanbe")


def wall(moment) -> str:
    return moment.astimezone(DUSHANBE).strftime("%Y-%m-%d %H:%M")


def test_schedule_calendar_expire_and_withdraw(sqlite_db: Database) -> None:
    db = sqlite_db
    office = make_office(db)
    with db.transaction() as s:
        set_password(s, "malika", "malika-password", actor_id=office.admin)
        set_password(s, "nigora", "nigora-password", actor_id=office.admin)
    sid = drafted(db, office)
    with db.transaction() as s:
        workflow.submit(s, sid, office.writer)
        workflow.approve(s, sid, None, office.editor)
    path = db.url.database
    editor = {"user": "malika", "password": "malika-password"}
    at = (utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)

    assert_one_line_error(
        cli(
            path, "schedule", str(sid), "--at", wall(at), user="nigora", password="nigora-password"
        ),
        "only editors",
    )
    assert_one_line_error(
        cli(
            path,
            "schedule",
            str(sid),
            "--at",
            wall(at),
            "--embargo",
            wall(at + timedelta(hours=1)),
            **editor,
        ),
        "embargo",
    )
    done = cli(
        path,
        "schedule",
        str(sid),
        "--at",
        wall(at),
        "--expires",
        wall(at + timedelta(days=7)),
        **editor,
    )
    assert done.returncode == 0, done.stderr
    assert f"scheduled for {wall(at)} (Asia/Dushanbe)" in done.stdout

    day = at.astimezone(DUSHANBE).date()
    shown = cli(
        path,
        "calendar",
        "--from",
        day.isoformat(),
        "--to",
        (day + timedelta(days=8)).isoformat(),
        "--json",
    )
    assert shown.returncode == 0, shown.stderr
    marks = {(e["id"], e["mark"]) for e in json.loads(shown.stdout)}
    assert (sid, "scheduled") in marks and (sid, "expires") in marks
    assert_one_line_error(cli(path, "calendar", "--from", "tomorrow"), "is not a day")

    assert_one_line_error(
        cli(path, "expire", str(sid), "--at", wall(at - timedelta(hours=1)), **editor),
        "comes down after it goes out",
    )
    assert cli(path, "expire", str(sid), "--never", **editor).stdout == "stays up\n"
    with db.reading() as s:
        assert s.get(Statement, sid).expires_at is None

    publishing.publish_due(db, now=at)
    withdrawn = cli(path, "review", "withdraw", str(sid), "--comment", "Ошибка в дате.", **editor)
    assert withdrawn.returncode == 0, withdrawn.stderr
    with db.reading() as s:
        assert s.get(Statement, sid).status is Status.WITHDRAWN

    repaired = cli(path, "check", "--repair")
    assert repaired.returncode == 0, repaired.stderr
