"""Users of an office: adding them, their roles and passwords, under the admins' authority."""

from __future__ import annotations

import getpass
import re
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit, passwords, validation
from app.core.errors import NotFoundError, PermissionDenied, PressDeskError
from app.core.models import Role, User, UserRole
from app.core.permissions import Action, require


def parse_roles(names: Iterable[str]) -> set[Role]:
    roles = set()
    for name in names:
        try:
            roles.add(Role(name.strip().lower()))
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise PressDeskError(f"unknown role {name!r}: choose from {valid}") from None
    return roles


def active_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(User.active)) or 0


def _insert(
    session: Session,
    username: str,
    display_name: str,
    roles: Iterable[Role],
    *,
    actor_id: int | None,
    password: str | None = None,
    active: bool = True,
) -> User:
    username = validation.user_name(username, session.scalars(select(User.username)))
    display_name = validation.display_name(display_name)
    if password is not None:
        passwords.check_new_password(password)
    user = User(
        username=username,
        display_name=display_name or username,
        active=active,
        password_hash=passwords.hash_password(password) if password is not None else None,
    )
    user.roles = [UserRole(role=r) for r in sorted(set(roles))]
    session.add(user)
    session.flush()
    audit.record(
        session,
        "user.added",
        actor_id,
        None,
        username=username,
        roles=sorted(r.value for r in roles),
        active=active,
    )
    return user


def add_user(
    session: Session,
    username: str,
    display_name: str,
    roles: Iterable[Role],
    *,
    actor_id: int | None = None,
    password: str | None = None,
) -> User:
    """Adds a user; only an admin may, except for a database's first active user, who
    becomes an admin whatever else they are (someone must be able to manage users).

    An admin without a password cannot add a second active user: once there are two,
    everyone signs in, and they could not.
    """
    roles = set(roles)
    if active_users(session) == 0:
        return _insert(
            session,
            username,
            display_name,
            roles | {Role.ADMIN},
            actor_id=None,
            password=password,
        )
    admin = require(session, actor_id, Action.MANAGE_USERS)
    if admin.password_hash is None:
        raise PermissionDenied(
            f"{admin.display_name} has no password yet: set one first "
            f"(pressdesk users password {admin.username}), since everyone signs in once "
            "an office has two users"
        )
    return _insert(session, username, display_name, roles, actor_id=admin.id, password=password)


def add_demo_author(
    session: Session, username: str, display_name: str, roles: Iterable[Role]
) -> User:
    """An author of demo content: an account nobody signs in to (inactive, no password)."""
    return _insert(session, username, display_name, roles, actor_id=None, active=False)


def set_roles(
    session: Session, username: str, roles: Iterable[Role], *, actor_id: int | None
) -> User:
    admin = require(session, actor_id, Action.MANAGE_USERS)
    user = get_user(session, username)
    roles = set(roles)
    if Role.ADMIN not in roles and Role.ADMIN in user.role_set:
        others = session.scalar(
            select(func.count())
            .select_from(UserRole)
            .join(User, User.id == UserRole.user_id)
            .where(UserRole.role == Role.ADMIN, User.active, User.id != user.id)
        )
        if not others:
            raise PermissionDenied(f"{user.display_name} is the office's only admin")
    user.roles = [UserRole(role=r) for r in sorted(roles)]
    audit.record(
        session,
        "user.roles",
        admin.id,
        None,
        username=username,
        roles=sorted(r.value for r in roles),
    )
    return user


def set_password(session: Session, username: str, password: str, *, actor_id: int | None) -> None:
    """A user sets their own password; an admin may set anyone's."""
    user = get_user(session, username)
    if actor_id != user.id:
        require(session, actor_id, Action.MANAGE_USERS)
    passwords.check_new_password(password)
    user.password_hash = passwords.hash_password(password)
    audit.record(session, "user.password", actor_id, None, username=username)


def get_user(session: Session, username: str) -> User:
    validation.check_text(username, "a user name")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"no user named {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def login_name() -> str:
    """This computer's login name, made a valid user name."""
    return re.sub(r"[^\w.@-]", "_", getpass.getuser())[:64] or "user"
