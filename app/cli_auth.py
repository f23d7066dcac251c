"""Who a command acts as: ``--user`` with a password, or the one person of a one-person office."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from app.core.errors import PressDeskError

if TYPE_CHECKING:
    from app.core.db import Database
    from app.core.desk import Desk

USER_ENV, PASSWORD_ENV = "PRESSDESK_USER", "PRESSDESK_PASSWORD"


def secret(prompt: str, *, stdin: bool = False, confirm: bool = False) -> str:
    """A password from standard input (``stdin``) or typed at a terminal without echo."""
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise PressDeskError(f"{prompt.rstrip(': ')}: no terminal to ask at (use --password-stdin)")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != first:
        raise PressDeskError("the two passwords differ")
    return first


def acting_desk(args: argparse.Namespace, db: Database) -> Desk:
    """The person the command acts as: ``--user`` (signed in with a password when the
    database has several users), else the only user of a one-person office."""
    from app.core.auth import SignInRequired, sign_in_required
    from app.core.desk import Desk

    name = args.user or os.environ.get(USER_ENV)
    if name is None:
        try:
            return Desk.for_workstation(db)
        except SignInRequired as error:
            raise PressDeskError(
                "this database has several users: say who you are with --user NAME"
            ) from error
    with db.reading() as session:
        needs_password = sign_in_required(session)
    if not needs_password:
        desk = Desk.for_workstation(db)
        if desk.actor.username != name:
            raise PressDeskError(f"no active user named {name!r}")
        return desk
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = secret(f"Password for {name}: ")
    return Desk.sign_in(db, name, password, where="cli")
