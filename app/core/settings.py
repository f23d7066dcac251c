"""Office-wide settings, each declared once with its type and default, stored as JSON rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import PressDeskError
from app.core.models import OfficeSetting


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """What an office configures; rows absent from the database take these defaults."""

    languages: tuple[str, ...] = ("tg", "ru", "en")
    default_lang: str = "tg"
    required_langs: tuple[str, ...] = ("tg", "ru", "en")
    timezone: str = "Asia/Dushanbe"
    four_eyes: bool = True
    site_name: dict[str, str] = field(
        default_factory=lambda: {
            "tg": "Хадамоти матбуоти Президент",
            "ru": "Пресс-служба Президента",
            "en": "Presidential Press Service",
        }
    )
    base_url: str = ""
    related_count: int = 5
    index_page_size: int = 20
    # The pre-publish checklist (checklist.py): 0 or False turns an item off.
    checklist_title_max: int = 120
    checklist_lead: bool = True
    checklist_caption: bool = True
    checklist_links: bool = True
    # A statement whose minute passed while nothing ran: "publish" it at once (the delay is
    # recorded) or "wait" for an editor (publishing.OverduePolicy).
    overdue_policy: str = "publish"

    def validate(self) -> None:
        for lang in self.languages:
            try:
                Locale.parse(lang)
            except (UnknownLocaleError, ValueError) as exc:
                raise PressDeskError(f"unknown language code {lang!r}") from exc
        if self.default_lang not in self.languages:
            raise PressDeskError(
                f"default language {self.default_lang!r} is not an office language"
            )
        missing = set(self.required_langs) - set(self.languages)
        if missing:
            raise PressDeskError(
                f"required languages not in the office languages: {sorted(missing)}"
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise PressDeskError(f"unknown time zone {self.timezone!r}") from exc


_DEFAULTS = OfficeSettings()
_FIELD_NAMES = {f.name for f in fields(OfficeSettings)}


def _decode(name: str, raw: str) -> Any:
    value = json.loads(raw)
    return tuple(value) if isinstance(getattr(_DEFAULTS, name), tuple) else value


def load_settings(session: Session) -> OfficeSettings:
    stored = {
        row.key: _decode(row.key, row.value)
        for row in session.scalars(select(OfficeSetting))
        if row.key in _FIELD_NAMES
    }
    return replace(_DEFAULTS, **stored)


def save_settings(session: Session, settings: OfficeSettings) -> None:
    """Stores the settings, keeping only values that differ from the defaults."""
    settings.validate()
    for f in fields(OfficeSettings):
        value = getattr(settings, f.name)
        row = session.get(OfficeSetting, f.name)
        if value == getattr(_DEFAULTS, f.name):
            if row is not None:
                session.delete(row)
            continue
        raw = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        if row is None:
            session.add(OfficeSetting(key=f.name, value=raw))
        else:
            row.value = raw
