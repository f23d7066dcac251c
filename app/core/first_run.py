"""A new office's first start: its settings and its first admin, stored together or not at all.

A database needs setting up while nobody works on it and nothing is in it: no active user and
no statement (a new data folder, or a database made with ``--create``). A demo database has
statements and is used as it is. Once set up it has an active user, so no later start asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import office, users
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.i18n import _
from app.core.media import MediaStore
from app.core.models import Role, Statement
from app.core.settings import OfficeSettings


@dataclass(frozen=True, slots=True)
class FirstAdmin:
    """The person setting up the office; ``password`` None for an office of one."""

    username: str
    display_name: str
    password: str | None


class PasswordNeeded(PressDeskError):
    """Others will join the office, and once they do everyone signs in: the first admin needs
    a password, or could not."""


def needs_setting_up(session: Session) -> bool:
    # Asked at every start: users first (a handful), and whether one statement exists rather
    # than how many (an archive has thousands).
    if users.active_users(session):
        return False
    return session.scalar(select(Statement.id).limit(1)) is None


def needed(db: Database) -> bool:
    """Whether this database has never been set up (see the module's description)."""
    if db.read_only:
        return False
    with db.reading() as session:
        return needs_setting_up(session)


def set_up(db: Database, settings: OfficeSettings, admin: FirstAdmin, *, shared: bool) -> int:
    """Stores the office's settings and adds its first admin (with every role); returns the
    admin's user id. ``shared``: others will work on this database too.

    Raises PressDeskError (and stores nothing) for an invalid setting, user name or password,
    a shared office's admin without a password, or a database someone set up meanwhile.
    """
    if shared and not admin.password:
        raise PasswordNeeded(
            _("others will sign in to this office: give yourself a password, or you could not")
        )
    with db.transaction() as session:
        if not needs_setting_up(session):
            raise PressDeskError(_("this database was set up meanwhile: start Press Desk again"))
        user = users.add_user(
            session, admin.username, admin.display_name, set(Role), password=admin.password
        )
        office.save_office(session, MediaStore.for_database(db), user.id, settings)
        return user.id
