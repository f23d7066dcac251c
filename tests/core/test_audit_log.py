"""Reading the audit log: who may, the people it names, and the whole of it as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.core import audit
from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Actor, Desk
from app.core.errors import PermissionDenied, PressDeskError
from app.core.models import User
from app.core.permissions import Action
from tests.core.conftest import Office, new_statement


def desk_of(db: Database, user_id: int) -> Desk:
    with db.reading() as s:
        user = s.get(User, user_id)
        return Desk(db, Actor(user.id, user.username, user.display_name, user.role_set))


def test_editors_and_admins_read_the_log_and_nobody_else(db: Database, office: Office) -> None:
    for person in (office.editor, office.admin):
        assert desk_of(db, person).audit_actions()
    for person in (office.writer, office.translator):
        desk = desk_of(db, person)
        assert not desk.actor.may(Action.VIEW_AUDIT)
        with pytest.raises(
            PermissionDenied, match="may not view the audit log: only editors and admins may"
        ):
            desk.audit_events(audit.AuditFilter())
        with pytest.raises(PermissionDenied):
            desk.audit_csv(audit.AuditFilter(), Path("/nonexistent/never.csv"))


def test_people_are_those_the_log_names(db: Database, office: Office) -> None:
    new_statement(db, office.writer, TextContent("Изҳорот", body="Матн."))
    editor = desk_of(db, office.editor)
    names = editor.audit_people()
    assert ("nigora", "Нигора Раҳимова") in names and ("admin", "Админ") in names
    assert ("farhod", "Фарҳод Саидов") not in names  # never did anything


def test_the_csv_holds_every_matching_event_past_one_batch(
    db: Database, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "EXPORT_BATCH", 2)
    for n in range(5):
        new_statement(db, office.writer, TextContent(f"Изҳорот {n}", body="Матн."))
    editor = desk_of(db, office.editor)
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "log.csv"
    flt = audit.AuditFilter(username="nigora", action="statement")
    assert editor.audit_csv(flt, out) == 5
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["action"] for r in rows] == ["statement.created"] * 5
    assert len({r["id"] for r in rows}) == 5 and {r["name"] for r in rows} == {"Нигора Раҳимова"}
    assert list(folder.iterdir()) == [out]  # no partial file left

    with pytest.raises(PressDeskError, match="cannot write"):
        editor.audit_csv(flt, folder / "missing-folder" / "log.csv")
