"""The office declared once: settings with defaults and validation, saved by admins only."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.db import Database
from app.core.demo.images import demo_image
from app.core.errors import PermissionDenied, PressDeskError
from app.core.media import MediaStore
from app.core.models import AuditEvent, Media, OfficeSetting, Role
from app.core.office import save_office
from app.core.settings import (
    DEFAULTS,
    MenuItem,
    OfficeSettings,
    load_settings,
    with_default,
    with_value,
)
from app.core.users import add_user
from tests.core.conftest import Office

MENU = (
    MenuItem("{lang}/tags/economy.html", {"tg": "Иқтисод", "ru": "Экономика", "en": "Economy"}),
    MenuItem("https://president.tj", {"ru": "Сайт Президента"}),
)


def user(db: Database, name: str, *roles: Role) -> int:
    with db.transaction() as s:
        return add_user(s, name, name, set(roles)).id


def save(db: Database, actor: int | None, settings: OfficeSettings, **kw) -> tuple[str, ...]:
    with db.transaction() as s:
        return save_office(s, MediaStore.for_database(db), actor, settings, **kw)


def loaded(db: Database) -> OfficeSettings:
    with db.transaction() as s:
        return load_settings(s)


def test_the_reference_office_by_default(db: Database) -> None:
    office = loaded(db)
    assert office.site_name == {
        "tg": "Хадамоти матбуоти Президенти Ҷумҳурии Тоҷикистон",
        "ru": "Пресс-служба Президента Республики Таджикистан",
        "en": "Press Service of the President of the Republic of Tajikistan",
    }
    assert (office.languages, office.timezone, office.base_url) == (
        ("tg", "ru", "en"),
        "Asia/Dushanbe",
        "",
    )
    DEFAULTS.validate()


def test_an_admin_saves_and_everyone_reads_back(db: Database, tmp_path: Path) -> None:
    admin = user(db, "admin", Role.ADMIN)
    wanted = replace(
        loaded(db),
        site_name={**DEFAULTS.site_name, "en": "Press Office"},
        base_url="https://press.example.tj/news",
        contact={"ru": "Душанбе, пр. Рудаки 80\n+992 37 221-00-00"},
        footer={"en": "© The Press Office"},
        menu=MENU,
        required_langs=("tg", "ru"),
        theme_dir=str(tmp_path),
        export_folder=str(tmp_path / "site"),
        four_eyes=False,
    )
    changed = save(db, admin, wanted)
    assert set(changed) == {
        "site_name",
        "base_url",
        "contact",
        "footer",
        "menu",
        "required_langs",
        "theme_dir",
        "export_folder",
        "four_eyes",
    }
    assert loaded(db) == wanted
    with db.transaction() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "office.settings")).one()
        assert event.user_id == admin and "menu" in json.loads(event.details)["changed"]
    # Back to the defaults: nothing is stored, so a later default reaches this office.
    assert save(db, admin, DEFAULTS)
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(OfficeSetting)) == 0


def test_only_an_admin_may_change_the_office(db: Database, office: Office) -> None:
    wanted = replace(DEFAULTS, base_url="https://press.example.tj")
    for actor in (office.editor, office.writer, None):
        with pytest.raises(PermissionDenied, match="only admins may"):
            save(db, actor, wanted)
    with pytest.raises(PressDeskError, match="does not exist"):
        save(db, 9999, wanted)
    assert loaded(db).base_url == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"base_url": "press.example.tj"}, "base_url: .* not an absolute http"),
        ({"base_url": "ftp://press.example.tj"}, "base_url"),
        ({"languages": ("tg", "xx-nonsense")}, "languages: unknown language"),
        ({"languages": ("tg", "tg")}, "languages: a language is listed twice"),
        ({"languages": ()}, "at least one language"),
        ({"default_lang": "de"}, "default_lang: 'de' is not an office language"),
        ({"required_langs": ("tg", "de")}, "required_langs: not office languages: de"),
        ({"timezone": "Asia/Nowhere"}, "timezone: unknown time zone"),
        ({"site_name": {"ru": "Пресс-служба"}}, "needs a name in its default language tg"),
        ({"menu": (MenuItem("javascript:alert(1)", {"ru": "x"}),)}, "not http"),
        ({"menu": (MenuItem("../../etc/passwd", {"ru": "x"}),)}, "leaves the site"),
        ({"menu": (MenuItem("//evil.example", {"ru": "x"}),)}, "leaves the site"),
        ({"menu": (MenuItem("ru/index.html", {"ru": " "}),)}, "has no label"),
        ({"theme_dir": "/no/such/theme"}, "theme_dir: the folder /no/such/theme does not exist"),
        ({"theme_dir": "relative/theme"}, "not an absolute path"),
        ({"export_folder": "site"}, "export_folder: 'site' is not an absolute path"),
        ({"related_count": 99}, "related_count: must be between 0 and 20"),
        ({"logo": "/home/me/logo.png"}, "logo: not an image of the media store"),
    ],
)
def test_invalid_settings_are_refused_by_name(db: Database, change: dict, message: str) -> None:
    admin = user(db, "admin", Role.ADMIN)
    with pytest.raises(PressDeskError, match=message):
        save(db, admin, replace(DEFAULTS, **change))
    assert loaded(db) == DEFAULTS


def test_the_logo_goes_into_the_media_store(db: Database, tmp_path: Path) -> None:
    admin = user(db, "admin", Role.ADMIN)
    emblem = tmp_path / "emblem.jpg"
    emblem.write_bytes(demo_image(3))
    assert save(db, admin, DEFAULTS, logo_file=emblem) == ("logo",)
    emblem.unlink()  # the office keeps its own copy, not a path on one person's disk
    logo = loaded(db).logo
    with db.transaction() as s:
        media = s.scalars(select(Media)).one()
        assert logo == media.file_name and "/" not in logo
        assert MediaStore.for_database(db).read(s, media.id) == demo_image(3)
    letter = tmp_path / "letter.png"
    letter.write_text("not an image")
    with pytest.raises(PressDeskError, match="not a readable image"):
        save(db, admin, DEFAULTS, logo_file=letter)
    assert loaded(db).logo == logo


def test_settings_typed_as_text() -> None:
    office = with_value(DEFAULTS, "site_name.ru", "  Пресс-служба  ")
    assert office.site_name["ru"] == "Пресс-служба"
    assert "ru" not in with_value(office, "site_name.ru", "").site_name
    assert with_value(DEFAULTS, "languages", "tg, ru").languages == ("tg", "ru")
    assert with_value(DEFAULTS, "four_eyes", "no").four_eyes is False
    assert with_value(DEFAULTS, "base_url", "https://x.tj/press/").base_url == "https://x.tj/press"
    menu = json.dumps([{"link": "{lang}/index.html", "labels": {"tg": "Асосӣ"}}])
    assert with_value(DEFAULTS, "menu", menu).menu == (
        MenuItem("{lang}/index.html", {"tg": "Асосӣ"}),
    )
    assert with_default(with_value(DEFAULTS, "related_count", "3"), "related_count") == DEFAULTS
    for key, text, message in [
        ("colour", "blue", "no office setting 'colour'"),
        ("four_eyes", "perhaps", "four_eyes: expected yes or no"),
        ("related_count", "five", "related_count: expected a whole number"),
        ("menu", "[{", "menu: expected JSON"),
        ("menu", '[{"labels": {}}]', 'needs a "link"'),
        ("base_url.ru", "x", "not a text per language"),
    ]:
        with pytest.raises(PressDeskError, match=message):
            with_value(DEFAULTS, key, text)


def test_an_unreadable_stored_value_takes_its_default(db: Database) -> None:
    with db.transaction() as s:
        s.add(OfficeSetting(key="languages", value='"tg"'))
        s.add(OfficeSetting(key="index_page_size", value="12"))
        s.add(OfficeSetting(key="retired_setting", value="1"))
    office = loaded(db)
    assert office.languages == DEFAULTS.languages and office.index_page_size == 12
