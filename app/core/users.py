"""Users of an office and their roles."""

from __future__ import annotations

import getpass
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit, validation
from app.core.errors import NotFoundError, PressDeskError
from app.core.models import Role, User, UserRole


def parse_roles(names: Iterable[str]) -> set[Role]:
    roles = set()
    for name in names:
        try:
            roles.add(Role(name.strip().lower()))
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise PressDeskError(f"unknown role {name!r}: choose from {valid}") from None
    return roles


def add_user(
    session: Session,
    username: str,
    display_name: str,
    roles: Iterable[Role],
    *,
    actor_id: int | None = None,
) -> User:
    username = validation.user_name(username, session.scalars(select(User.username)))
    display_name = validation.display_name(display_name)
    user = User(username=username, display_name=display_name or username)
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
    )
    return user


def set_roles(
    session: Session, username: str, roles: Iterable[Role], *, actor_id: int | None
) -> User:
    user = get_user(session, username)
    user.roles = [UserRole(role=r) for r in sorted(set(roles))]
    audit.record(
        session,
        "user.roles",
        actor_id,
        None,
        username=username,
        roles=sorted(r.value for r in roles),
    )
    return user


def get_user(session: Session, username: str) -> User:
    validation.check_text(username, "a user name")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"no user named {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def desktop_user(session: Session, *, create: bool = True) -> User | None:
    """The person at this workstation: their login name, created on first use (None when
    not known and not to be created).

    The first user of a new database gets every role, so a one-person office can work
    at once; later users start as writers until an admin gives them more.
    """
    username = re.sub(r"[^\w.@-]", "_", getpass.getuser())[:64] or "user"
    user = session.scalar(select(User).where(User.username == username))
    if user is not None or not create:
        return user
    first = session.scalar(select(User.id).limit(1)) is None
    roles = set(Role) if first else {Role.WRITER}
    return add_user(session, username, username, roles)
