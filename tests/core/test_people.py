"""Who is working: sign-in when an office has several users, passwords, roles held by admins,
presence on a statement, and comment threads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core import auth, comments, presence, users
from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.errors import NotFoundError, PermissionDenied, PressDeskError
from app.core.models import AuditEvent, Role
from app.core.passwords import hash_password, verify_password
from app.core.sqltypes import utcnow
from app.core.statements import save_text
from tests.core.conftest import ADMIN_PASSWORD, Office, new_statement


def test_password_hashes_are_salted_scrypt() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", first) and not verify_password("Correct horse", first)
    assert not verify_password("x", None) and not verify_password("x", "md5$broken")


def test_a_one_person_office_is_not_asked(db: Database) -> None:
    desk = Desk.for_workstation(db)
    assert Role.ADMIN in desk.actor.roles
    assert Desk.for_workstation(db).actor.id == desk.actor.id


def test_an_office_of_several_signs_in(db: Database, office: Office) -> None:
    with pytest.raises(auth.SignInRequired):
        Desk.for_workstation(db)
    with pytest.raises(auth.SignInFailed, match="wrong user name or password"):
        Desk.sign_in(db, "admin", "not the password")
    with pytest.raises(auth.SignInFailed, match="wrong user name or password"):
        Desk.sign_in(db, "nobody", ADMIN_PASSWORD)
    with pytest.raises(auth.SignInFailed, match="has no password yet"):
        Desk.sign_in(db, "nigora", "anything")
    desk = Desk.sign_in(db, "admin", ADMIN_PASSWORD)
    assert desk.actor.display_name == "Админ"
    with db.reading() as s:
        actions = list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.action.like("user.sign%"))
                .order_by(AuditEvent.id)
            )
        )
    assert actions == ["user.sign_in_failed"] * 3 + ["user.signed_in"]


def test_only_admins_manage_users(db: Database, office: Office) -> None:
    with db.transaction() as s:
        with pytest.raises(PermissionDenied, match="only admins may"):
            users.add_user(s, "x", "X", {Role.WRITER}, actor_id=office.editor)
        with pytest.raises(PermissionDenied, match="only admins may"):
            users.set_roles(s, "nigora", {Role.EDITOR}, actor_id=office.writer)
        with pytest.raises(PermissionDenied):
            users.set_password(s, "malika", "new password!", actor_id=office.writer)
        users.set_password(s, "nigora", "my own password", actor_id=office.writer)
        with pytest.raises(PermissionDenied, match="only admin"):
            users.set_roles(s, "admin", {Role.EDITOR}, actor_id=office.admin)
        with pytest.raises(PressDeskError, match="at least 8"):
            users.set_password(s, "nigora", "short", actor_id=office.writer)
    assert Desk.sign_in(db, "nigora", "my own password").actor.id == office.writer


def test_the_first_user_is_an_admin_and_needs_a_password_before_a_second(db: Database) -> None:
    with db.transaction() as s:
        first = users.add_user(s, "nigora", "Нигора", {Role.WRITER})
        assert first.role_set == {Role.WRITER, Role.ADMIN}
        with pytest.raises(PermissionDenied, match="no password yet"):
            users.add_user(s, "malika", "Малика", {Role.EDITOR}, actor_id=first.id)


def test_demo_authors_do_not_make_an_office_sign_in(db: Database) -> None:
    with db.transaction() as s:
        users.add_demo_author(s, "farhod", "Фарҳод", {Role.TRANSLATOR})
        users.add_demo_author(s, "anna", "Анна", {Role.TRANSLATOR})
    assert Role.ADMIN in Desk.for_workstation(db).actor.roles


def test_presence_marks_expire_and_can_be_taken_over(db: Database, office: Office) -> None:
    sid = new_statement(db, office.writer, TextContent("Паём"))
    start = utcnow()
    with db.transaction() as s:
        mine = presence.open_statement(s, sid, office.writer, "window-a", start)
        assert mine.is_me(office.writer, "window-a")
        later = start + timedelta(minutes=1)
        theirs = presence.open_statement(s, sid, office.editor, "window-b", later)
        assert theirs.display_name == "Нигора Раҳимова" and theirs.since == start
        # The holder's heartbeat keeps it; after it stops, the mark goes stale.
        presence.heartbeat(s, [sid], office.writer, "window-a", start + timedelta(minutes=2))
        assert presence.holder(s, sid, start + timedelta(minutes=4)).user_id == office.writer
        assert presence.holder(s, sid, start + timedelta(minutes=6)) is None
        stale = presence.open_statement(
            s, sid, office.editor, "window-b", start + timedelta(minutes=6)
        )
        assert stale.user_id == office.editor
        # Taking over is allowed, seen by the other window, and audited.
        taken = presence.take_over(s, sid, office.writer, "window-a", start + timedelta(minutes=7))
        assert taken.user_id == office.writer
        seen = presence.heartbeat(s, [sid], office.editor, "window-b", start + timedelta(minutes=7))
        assert seen[sid].user_id == office.writer
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "presence.taken_over"))
        assert "Малика Назарова" in event.details
        presence.leave(s, sid, office.writer, "window-a")
        assert presence.holder(s, sid, start + timedelta(minutes=7)) is None


def test_comment_threads(db: Database, office: Office) -> None:
    body = "Якум.\n\nДуюм сатр.\n\nСеюм.\n"
    sid = new_statement(db, office.writer, TextContent("Паём", body=body))
    with db.transaction() as s:
        head = comments.add_comment(s, sid, office.editor, "Санаро санҷед.", lang="tg", paragraph=1)
        with pytest.raises(PressDeskError, match="no paragraph 9"):
            comments.add_comment(s, sid, office.editor, "?", lang="tg", paragraph=8)
        with pytest.raises(PressDeskError, match="needs some text"):
            comments.add_comment(s, sid, office.editor, "  ")
        comments.edit_comment(s, head, office.editor, "Санаи 21 мартро санҷед.")
        with pytest.raises(PermissionDenied, match="only its author"):
            comments.edit_comment(s, head, office.writer, "Не.")
        comments.add_comment(s, sid, office.writer, "Санҷидам.", parent_id=head)
        with pytest.raises(PermissionDenied, match="answered"):
            comments.edit_comment(s, head, office.editor, "Боз.")
        comments.resolve_thread(s, head, office.writer)
        with pytest.raises(NotFoundError):
            comments.add_comment(s, sid, office.writer, "x", parent_id=head + 100)
        with pytest.raises(PermissionDenied):
            comments.add_comment(s, sid, None, "x")
    # A paragraph inserted above: the thread follows its paragraph.
    with db.transaction() as s:
        save_text(s, sid, "tg", TextContent("Паём", body="Нав.\n\n" + body), actor_id=None)
    with db.reading() as s:
        (thread,) = comments.threads(s, sid)
    assert thread.paragraph == 2 and thread.quote == "Дуюм сатр."
    assert [c.body for c in thread.comments] == ["Санаи 21 мартро санҷед.", "Санҷидам."]
    assert thread.comments[0].edited_at is not None
    assert thread.resolved and thread.resolved_by == "Нигора Раҳимова"
