"""An office of people with each role, for core tests that act as someone."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.media import MediaStore
from app.core.models import Role
from app.core.saving import StatementSave, save_statement
from app.core.users import add_user

ADMIN_PASSWORD = "admin-password"


@dataclass(frozen=True)
class Office:
    admin: int
    writer: int
    translator: int
    editor: int
    second_editor: int


def make_office(db: Database) -> Office:
    with db.transaction() as s:
        admin = add_user(s, "admin", "Админ", {Role.ADMIN}, password=ADMIN_PASSWORD).id

        def person(name: str, display: str, *roles: Role) -> int:
            return add_user(s, name, display, set(roles), actor_id=admin).id

        return Office(
            admin=admin,
            writer=person("nigora", "Нигора Раҳимова", Role.WRITER),
            translator=person("farhod", "Фарҳод Саидов", Role.TRANSLATOR),
            editor=person("malika", "Малика Назарова", Role.EDITOR),
            second_editor=person("rustam", "Рустам Каримов", Role.EDITOR),
        )


@pytest.fixture
def office(db: Database) -> Office:
    return make_office(db)


def new_statement(db: Database, actor: int, content: TextContent, lang: str = "tg") -> int:
    """A statement as ``actor`` creates it in the app."""
    with db.transaction() as s:
        request = StatementSave(None, lang, content=content)
        return save_statement(s, request, actor, MediaStore.for_database(db)).statement_id


def import_as_admin(db: Database, *args, **kwargs):
    """An import as the one-person office's admin runs it (published files stay published)."""
    from app.core.desk import Desk
    from app.core.importing.importer import import_paths

    kwargs.setdefault("actor_id", Desk.for_workstation(db).actor.id)
    return import_paths(db, *args, **kwargs)
