"""Role names as people read them, in the interface language."""

from __future__ import annotations

from collections.abc import Iterable

from app.core.i18n import _
from app.core.models import Role


def role_label(role: Role) -> str:
    return {
        Role.WRITER: _("writer"),
        Role.TRANSLATOR: _("translator"),
        Role.EDITOR: _("editor"),
        Role.ADMIN: _("admin"),
    }[role]


def roles_text(roles: Iterable[Role]) -> str:
    """ "writer, translator, editor, admin": in the order of the workflow."""
    return ", ".join(role_label(role) for role in Role if role in set(roles))
