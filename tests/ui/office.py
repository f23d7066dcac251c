"""An office of a writer, a translator, two editors and an admin, each with their own desk on
one database, for UI tests of work that passes between people (`open_window` in conftest gives
each a window)."""

from __future__ import annotations

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Actor, Desk
from app.core.models import User
from app.core.saving import StatementSave
from tests.core.conftest import make_office

TG = TextContent(
    "Изҳороти Хадамоти матбуот",
    "Кӯтоҳ дар бораи изҳорот.",
    "Сархати якум.\n\nСархати дуюм дар бораи 4\u00a0710 сомонӣ.\n\nСархати сеюм.\n",
)
RU = TextContent("Заявление пресс-службы", "Коротко.", "Текст заявления.\n")
EN = TextContent("Press service statement", "In short.", "The statement.\n")


def office_desks(db: Database) -> dict[str, Desk]:
    """Desks by role: writer, translator, editor, second_editor, admin."""
    office = make_office(db)
    with db.reading() as s:
        return {
            role: Desk(db, Actor(u.id, u.username, u.display_name, u.role_set))
            for role in ("writer", "translator", "editor", "second_editor", "admin")
            if (u := s.get(User, getattr(office, role)))
        }


def drafted(desks: dict[str, Desk]) -> int:
    """A statement the writer wrote in Tajik and the translator put into Russian and English."""
    sid = desks["writer"].create("tg", TG)
    for lang, content in (("ru", RU), ("en", EN)):
        desks["translator"].save_statement(StatementSave(sid, lang, content=content))
    return sid
