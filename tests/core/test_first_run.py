"""A new office's first start: the office and its first admin stored together, once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.core import first_run
from app.core.db import Database
from app.core.demo.writer import write_demo
from app.core.errors import PressDeskError
from app.core.first_run import FirstAdmin, PasswordNeeded
from app.core.models import AuditEvent, OfficeSetting, Role, User
from app.core.passwords import verify_password
from app.core.settings import DEFAULTS, InvalidSetting, load_settings
from app.core.validation import InvalidInput

OFFICE = replace(
    DEFAULTS,
    site_name={"ru": "Пресс-служба Хукумата", "tg": "Хадамоти матбуоти Ҳукумат"},
    languages=("ru", "tg"),
    required_langs=("ru",),
    default_lang="ru",
    timezone="Asia/Dushanbe",
    base_url="https://press.example.tj",
)
ADMIN = FirstAdmin("malika", "Малика Раҳимова", "a long passphrase")


def stored(db: Database) -> tuple[int, int]:
    """Users and office settings in the database."""
    with db.reading() as s:
        return (
            s.scalar(select(func.count()).select_from(User)),
            s.scalar(select(func.count()).select_from(OfficeSetting)),
        )


def test_a_new_database_is_set_up_once(db: Database) -> None:
    assert first_run.needed(db)
    admin_id = first_run.set_up(db, OFFICE, ADMIN, shared=True)
    with db.reading() as s:
        admin = s.get(User, admin_id)
        assert (admin.username, admin.display_name) == ("malika", "Малика Раҳимова")
        assert admin.role_set == set(Role)
        assert verify_password("a long passphrase", admin.password_hash)
        office = load_settings(s)
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert office == OFFICE
    assert actions == ["user.added", "office.settings"]
    assert not first_run.needed(db)  # the second start asks nothing
    with pytest.raises(PressDeskError, match="set up meanwhile"):
        first_run.set_up(db, OFFICE, FirstAdmin("other", "", None), shared=False)


def test_an_office_of_one_needs_no_password(db: Database) -> None:
    first_run.set_up(db, OFFICE, FirstAdmin("malika", "", None), shared=False)
    with db.reading() as s:
        assert s.scalar(select(User.password_hash)) is None


@pytest.mark.parametrize(
    ("settings", "admin", "shared", "refusal"),
    [
        (OFFICE, FirstAdmin("malika", "", None), True, PasswordNeeded),
        (OFFICE, FirstAdmin("malika", "", "short"), True, PressDeskError),
        (OFFICE, FirstAdmin("ma lika", "", None), False, InvalidInput),
        (replace(OFFICE, base_url="press.example.tj"), ADMIN, True, InvalidSetting),
        (replace(OFFICE, default_lang="en"), ADMIN, True, InvalidSetting),
    ],
    ids=["shared office without password", "short password", "user name", "site", "default"],
)
def test_a_refusal_stores_nothing(
    db: Database, settings, admin: FirstAdmin, shared: bool, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        first_run.set_up(db, settings, admin, shared=shared)
    assert stored(db) == (0, 0)
    assert first_run.needed(db)


def test_a_database_with_statements_is_used_as_it_is(db: Database) -> None:
    write_demo(db, 3)
    assert not first_run.needed(db)
