"""Who is working: the one person of a one-person office, or whoever signs in with a password.

An office with a single active user is never asked (its first user is made from the
computer's login name, with every role). Once it has two, every session of the app and every
command that acts as someone starts by signing in; each sign-in is audited, failed ones too.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit, passwords, users
from app.core.errors import PressDeskError
from app.core.i18n import _
from app.core.models import Role, User


class SignInRequired(PressDeskError):
    """The database has several users: the person must say who they are."""


class SignInFailed(PressDeskError):
    """Wrong user name or password (which of the two is not told)."""


def sign_in_required(session: Session) -> bool:
    return users.active_users(session) > 1


def workstation_user(session: Session) -> User:
    """The office's only active user, created from the login name on a new database.

    Raises :class:`SignInRequired` when there are several.
    """
    active = list(session.scalars(select(User).where(User.active).limit(2)))
    if len(active) > 1:
        raise SignInRequired("this database has several users: sign in to say who you are")
    if active:
        return active[0]
    return users.add_user(session, users.login_name(), users.login_name(), set(Role))


def check_password(session: Session, username: str, password: str, *, where: str) -> User:
    """The active user with this name and password; audits the attempt either way.

    A failed attempt is recorded in its own right, so the caller commits before raising:
    use :func:`record_failure` in a transaction of its own.
    """
    user = session.scalar(select(User).where(User.username == username.strip()))
    if (
        user is None
        or not user.active
        or not passwords.verify_password(password, user.password_hash)
    ):
        if user is not None and user.active and user.password_hash is None:
            raise SignInFailed(
                _(
                    "{name} has no password yet: an admin sets one with "
                    "`pressdesk users password {user}`"
                ).format(name=user.display_name, user=user.username)
            )
        raise SignInFailed(_("wrong user name or password"))
    audit.record(session, "user.signed_in", user.id, None, where=where)
    return user


def record_failure(session: Session, username: str, *, where: str) -> None:
    audit.record(session, "user.sign_in_failed", None, None, username=username[:64], where=where)
