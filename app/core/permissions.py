"""Who may do what: the roles each action needs, checked in the core for every caller."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from sqlalchemy.orm import Session

from app.core.errors import NotFoundError, PermissionDenied
from app.core.models import Role, User


class Action(enum.StrEnum):
    CREATE = "create statements"
    EDIT_SOURCE = "edit source texts"
    EDIT_TRANSLATION = "edit translations"
    EDIT_STATEMENT = "change tags, addresses and images"
    SUBMIT = "submit for review"
    APPROVE = "approve texts"
    SEND_BACK = "send texts back"
    SCHEDULE = "schedule statements"
    WITHDRAW = "withdraw statements"
    CORRECT = "add corrections to published statements"
    OVERRIDE_CHECKLIST = "override the pre-publish checklist"
    COMMENT = "comment"
    IMPORT_PUBLISHED = "import published statements"
    IMPORT_MEMORY = "add to the translation memory"
    MANAGE_GLOSSARY = "change the glossary"
    MANAGE_USERS = "manage users"
    OFFICE_SETTINGS = "change office settings"
    VIEW_AUDIT = "view the audit log"


_EDITORIAL = frozenset({Role.WRITER, Role.TRANSLATOR, Role.EDITOR})

ALLOWED: dict[Action, frozenset[Role]] = {
    Action.CREATE: frozenset({Role.WRITER, Role.EDITOR}),
    Action.EDIT_SOURCE: frozenset({Role.WRITER, Role.EDITOR}),
    Action.EDIT_TRANSLATION: frozenset({Role.TRANSLATOR, Role.EDITOR}),
    Action.EDIT_STATEMENT: frozenset({Role.WRITER, Role.EDITOR}),
    Action.SUBMIT: _EDITORIAL,
    Action.APPROVE: frozenset({Role.EDITOR}),
    Action.SEND_BACK: frozenset({Role.EDITOR}),
    Action.SCHEDULE: frozenset({Role.EDITOR}),
    Action.WITHDRAW: frozenset({Role.EDITOR}),
    Action.CORRECT: frozenset({Role.EDITOR}),
    Action.OVERRIDE_CHECKLIST: frozenset({Role.EDITOR}),
    Action.COMMENT: _EDITORIAL,
    Action.IMPORT_PUBLISHED: frozenset({Role.ADMIN}),
    Action.IMPORT_MEMORY: frozenset({Role.TRANSLATOR, Role.EDITOR}),
    Action.MANAGE_GLOSSARY: frozenset({Role.EDITOR, Role.ADMIN}),
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    Action.OFFICE_SETTINGS: frozenset({Role.ADMIN}),
    # Editors answer for what went out; admins for who may do what.
    Action.VIEW_AUDIT: frozenset({Role.EDITOR, Role.ADMIN}),
}

_ROLE_NAMES = {
    Role.WRITER: "writers",
    Role.TRANSLATOR: "translators",
    Role.EDITOR: "editors",
    Role.ADMIN: "admins",
}


def allowed(roles: Iterable[Role], action: Action) -> bool:
    """Whether someone with ``roles`` may do ``action`` (for offering only what is allowed)."""
    return not ALLOWED[action].isdisjoint(roles)


def who_may(action: Action) -> str:
    names = [_ROLE_NAMES[r] for r in Role if r in ALLOWED[action]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def require(session: Session, actor_id: int | None, action: Action) -> User:
    """The acting user, if their roles allow ``action``; else :class:`PermissionDenied`
    naming who may. Roles are read afresh, so a change by an admin applies at once."""
    if actor_id is None:
        raise PermissionDenied(
            f"nobody is signed in, and only {who_may(action)} may {action.value}"
        )
    user = session.get(User, actor_id)
    if user is None:
        raise NotFoundError(f"user {actor_id} does not exist")
    if not user.active:
        raise PermissionDenied(f"{user.display_name}'s account is disabled")
    if not allowed(user.role_set, action):
        raise PermissionDenied(
            f"{user.display_name} may not {action.value}: only {who_may(action)} may"
        )
    return user
