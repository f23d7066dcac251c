"""Office-wide settings, each declared once: its type, default, description and validation.

As Picard's ``options.py`` declares every option with its kind and default, each field of
:class:`OfficeSettings` is declared with :func:`setting`, naming its :class:`Kind` (how the
value is stored as JSON, read from a command line and shown) and its own check. Rows absent
from ``office_settings`` take the defaults, and a value equal to its default is not stored,
so a later change of default reaches every office that never changed it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import PressDeskError
from app.core.i18n import _
from app.core.models import OfficeSetting

log = logging.getLogger(__name__)

MAX_TEXT = 2000
MAX_MENU_ITEMS = 20
# A content-addressed media file name, as the media store names images.
_MEDIA_NAME = re.compile(r"^[0-9a-f]{64}\.(png|jpg|gif|webp)$")
# Links a menu may hold besides paths inside the site; never javascript: or data:.
_LINK_SCHEMES = ("http", "https", "mailto", "tel")


class Kind:
    """How one kind of setting is stored (JSON), typed on a command line and shown."""

    def to_json(self, value: Any) -> Any:
        return value

    def from_json(self, raw: Any) -> Any:
        return raw

    def parse(self, text: str) -> Any:
        return text.strip()

    def show(self, value: Any) -> str:
        return str(value)


class TextKind(Kind):
    def from_json(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise ValueError(_("expected text"))
        return raw


class PathKind(TextKind):
    def parse(self, text: str) -> str:
        text = text.strip()
        return str(Path(text).expanduser()) if text else ""


class UrlKind(TextKind):
    def parse(self, text: str) -> str:
        return text.strip().rstrip("/")


class BoolKind(Kind):
    _WORDS = {"yes": True, "true": True, "on": True, "1": True}
    _WORDS.update({"no": False, "false": False, "off": False, "0": False})

    def from_json(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise ValueError(_("expected true or false"))
        return raw

    def parse(self, text: str) -> bool:
        try:
            return self._WORDS[text.strip().lower()]
        except KeyError:
            raise ValueError(_("expected yes or no, not {text!r}").format(text=text)) from None

    def show(self, value: Any) -> str:
        return "yes" if value else "no"


class IntKind(Kind):
    def from_json(self, raw: Any) -> int:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ValueError(_("expected a whole number"))
        return raw

    def parse(self, text: str) -> int:
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError(_("expected a whole number, not {text!r}").format(text=text)) from None


class CodesKind(Kind):
    """Language codes in order: ``tg,ru,en`` on a command line."""

    def to_json(self, value: Any) -> Any:
        return list(value)

    def from_json(self, raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise ValueError(_("expected a list of language codes"))
        return tuple(raw)

    def parse(self, text: str) -> tuple[str, ...]:
        return tuple(code.strip() for code in text.split(",") if code.strip())

    def show(self, value: Any) -> str:
        return ",".join(value)


class TextsKind(Kind):
    """A text per language: a JSON object, or ``KEY.LANG VALUE`` for one language."""

    def to_json(self, value: Any) -> Any:
        return dict(value)

    def from_json(self, raw: Any) -> dict[str, str]:
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
        ):
            raise ValueError(_("expected a text per language code"))
        return dict(raw)

    def parse(self, text: str) -> dict[str, str]:
        return self.from_json(_json(text))

    def show(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One entry of the site's navigation menu.

    ``link`` is an http(s), mailto: or tel: address, or a path inside the exported site where
    ``{lang}`` stands for the page's language (``{lang}/tags/economy.html``).
    """

    link: str
    labels: dict[str, str]

    def label(self, lang: str, default_lang: str) -> str:
        return self.labels.get(lang) or self.labels.get(default_lang) or ""


class MenuKind(Kind):
    """Menu items as JSON: ``[{"link": "…", "labels": {"tg": "…", "ru": "…"}}, …]``."""

    def to_json(self, value: Any) -> Any:
        return [{"link": item.link, "labels": dict(item.labels)} for item in value]

    def from_json(self, raw: Any) -> tuple[MenuItem, ...]:
        if not isinstance(raw, list):
            raise ValueError(_("expected a list of menu items"))
        items = []
        for entry in raw:
            if not isinstance(entry, dict) or not isinstance(entry.get("link"), str):
                raise ValueError(_('each menu item needs a "link"'))
            labels = TextsKind().from_json(entry.get("labels", {}))
            items.append(MenuItem(entry["link"], labels))
        return tuple(items)

    def parse(self, text: str) -> tuple[MenuItem, ...]:
        return self.from_json(_json(text))

    def show(self, value: Any) -> str:
        return json.dumps(self.to_json(value), ensure_ascii=False)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise ValueError(_("expected JSON ({error})").format(error=error.args[0])) from None


Check = Callable[[Any], None]


class InvalidSetting(PressDeskError):
    """A setting's value is refused: ``name`` is the setting, ``reason`` why (for its field)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def setting(kind: Kind, default: Any, description: str, check: Check | None = None) -> Any:
    """Declares one setting: the dataclass field with its kind, description and check."""
    metadata = {"kind": kind, "description": description, "check": check}
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=metadata)
    return field(default=default, metadata=metadata)


# Checks of one value each; the ones that compare settings are in OfficeSettings.validate.


def _language(code: str) -> None:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(_("unknown language code {code!r}").format(code=code)) from None


def _languages(codes: tuple[str, ...]) -> None:
    if not codes:
        raise ValueError(_("the office needs at least one language"))
    if len(set(codes)) != len(codes):
        raise ValueError(_("a language is listed twice"))
    for code in codes:
        _language(code)


def _timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(_("unknown time zone {name!r}").format(name=name)) from None


def _texts(texts: dict[str, str]) -> None:
    for code, text in texts.items():
        _language(code)
        if len(text) > MAX_TEXT:
            raise ValueError(
                _("the {code} text is longer than {limit} characters").format(
                    code=code, limit=MAX_TEXT
                )
            )


def _base_url(url: str) -> None:
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            _("{url!r} is not an absolute http:// or https:// address").format(url=url)
        )
    if parts.query or parts.fragment:
        raise ValueError(_("{url!r}: the site's address has no query or #fragment").format(url=url))


def _logo(name: str) -> None:
    if name and not _MEDIA_NAME.match(name):
        raise ValueError(_("not an image of the media store (set it from an image file)"))


def _absolute_path(path: str) -> None:
    if path and not Path(path).is_absolute():
        raise ValueError(_("{path!r} is not an absolute path").format(path=path))


def _theme_dir(path: str) -> None:
    _absolute_path(path)
    if path and not Path(path).is_dir():
        raise ValueError(_("the folder {path} does not exist on this computer").format(path=path))


def menu_link_problem(link: str) -> str | None:
    """Why ``link`` cannot be a menu link, or None when it can."""
    if not link.strip():
        return _("a menu item has no link")
    if any(ch.isspace() or ord(ch) < 32 for ch in link) or "\\" in link:
        return _("the menu link {link!r} holds spaces or backslashes").format(link=link)
    parts = urlsplit(link)
    if parts.scheme:
        if parts.scheme.lower() not in _LINK_SCHEMES:
            return _("the menu link {link!r} is not http(s), mailto: or tel:").format(link=link)
        if parts.scheme.lower() in ("http", "https") and not parts.netloc:
            return _("the menu link {link!r} has no host").format(link=link)
        return None
    if link.startswith("//") or ".." in link.split("/"):
        return _("the menu link {link!r} leaves the site").format(link=link)
    return None


def _menu(items: tuple[MenuItem, ...]) -> None:
    if len(items) > MAX_MENU_ITEMS:
        raise ValueError(_("the menu has more than {limit} items").format(limit=MAX_MENU_ITEMS))
    for item in items:
        problem = menu_link_problem(item.link)
        if problem:
            raise ValueError(problem)
        if not any(label.strip() for label in item.labels.values()):
            raise ValueError(_("the menu item {link!r} has no label").format(link=item.link))
        _texts(item.labels)


def _between(low: int, high: int) -> Check:
    def check(value: int) -> None:
        if not low <= value <= high:
            raise ValueError(_("must be between {low} and {high}").format(low=low, high=high))

    return check


def _one_of(*choices: str) -> Check:
    def check(value: str) -> None:
        if value not in choices:
            raise ValueError(
                _("must be {choices}, not {value!r}").format(
                    choices=" or ".join(choices), value=value
                )
            )

    return check


TEXT, PATH, URL, BOOL, INT = TextKind(), PathKind(), UrlKind(), BoolKind(), IntKind()
CODES, TEXTS, MENU = CodesKind(), TextsKind(), MenuKind()


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """What an office configures, shared by everyone on its database."""

    site_name: dict[str, str] = setting(
        TEXTS,
        {
            "tg": "Хадамоти матбуоти Президенти Ҷумҳурии Тоҷикистон",
            "ru": "Пресс-служба Президента Республики Таджикистан",
            "en": "Press Service of the President of the Republic of Tajikistan",
        },
        "the office's name in each language, shown on every page of the site",
        _texts,
    )
    languages: tuple[str, ...] = setting(
        CODES, ("tg", "ru", "en"), "office languages in order (Babel codes)", _languages
    )
    default_lang: str = setting(TEXT, "tg", "the language of new statements and the site's first")
    required_langs: tuple[str, ...] = setting(
        CODES, ("tg", "ru", "en"), "languages that must be approved before publication"
    )
    timezone: str = setting(TEXT, "Asia/Dushanbe", "the office's time zone (IANA)", _timezone)
    base_url: str = setting(
        URL, "", "the address the site is published at, for the sitemap and feeds", _base_url
    )
    logo: str = setting(TEXT, "", "the emblem or logo, an image of the media store", _logo)
    contact: dict[str, str] = setting(
        TEXTS, {}, "contact details per language, in every page's footer", _texts
    )
    footer: dict[str, str] = setting(TEXTS, {}, "footer text per language", _texts)
    menu: tuple[MenuItem, ...] = setting(
        MENU, (), "the site's navigation menu: links with a label per language", _menu
    )
    theme_dir: str = setting(
        PATH, "", "office theme folder used by every export and the preview", _theme_dir
    )
    export_folder: str = setting(
        PATH, "", "folder the website is exported into by default", _absolute_path
    )
    four_eyes: bool = setting(BOOL, True, "nobody approves a revision they wrote")
    related_count: int = setting(INT, 5, "related statements beside each page", _between(0, 20))
    index_page_size: int = setting(INT, 20, "statements per index page", _between(1, 500))
    # The pre-publish checklist (checklist.py): 0 or no turns an item off.
    checklist_title_max: int = setting(
        INT, 120, "checklist: the longest title, in characters (0: any)", _between(0, 1000)
    )
    checklist_lead: bool = setting(BOOL, True, "checklist: every text has a lead")
    checklist_caption: bool = setting(BOOL, True, "checklist: a lead image has a caption")
    checklist_links: bool = setting(BOOL, True, "checklist: links to statements are published")
    overdue_policy: str = setting(
        TEXT,
        "publish",
        "a statement whose minute passed while nothing ran: publish at once, or wait",
        _one_of("publish", "wait"),
    )
    checklist_glossary: bool = setting(
        BOOL, True, "checklist: the glossary's terms used, no forbidden variants"
    )
    withdrawn_pages: str = setting(
        TEXT,
        "remove",
        "a withdrawn statement's pages: removed by the next export, or a short notice",
        _one_of("remove", "notice"),
    )
    translation_prefill: bool = setting(
        BOOL, True, "a new translation starts with the source's words in every segment"
    )

    def validate(self) -> None:
        """Raises :class:`InvalidSetting` for the first setting that is not valid."""
        for f in fields(self):
            check = f.metadata["check"]
            if check is not None:
                try:
                    check(getattr(self, f.name))
                except ValueError as error:
                    raise InvalidSetting(f.name, str(error)) from None
        if self.default_lang not in self.languages:
            raise InvalidSetting(
                "default_lang",
                _("{lang!r} is not an office language").format(lang=self.default_lang),
            )
        missing = set(self.required_langs) - set(self.languages)
        if missing:
            raise InvalidSetting(
                "required_langs",
                _("not office languages: {langs}").format(langs=", ".join(sorted(missing))),
            )
        if not self.site_name.get(self.default_lang, "").strip():
            raise InvalidSetting(
                "site_name",
                _("the office needs a name in its default language {lang}").format(
                    lang=self.default_lang
                ),
            )

    def changed_from(self, other: OfficeSettings) -> tuple[str, ...]:
        """Names of the settings whose values differ from ``other``'s."""
        return tuple(
            f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)
        )


DEFAULTS = OfficeSettings()
SETTINGS: dict[str, Any] = {f.name: f for f in fields(OfficeSettings)}


def kind(name: str) -> Kind:
    return SETTINGS[name].metadata["kind"]


def description(name: str) -> str:
    return SETTINGS[name].metadata["description"]


def load_settings(session: Session) -> OfficeSettings:
    """The office's settings; a stored value that cannot be read takes its default (logged)."""
    stored: dict[str, Any] = {}
    for row in session.scalars(select(OfficeSetting)):
        if row.key not in SETTINGS:
            continue
        try:
            stored[row.key] = kind(row.key).from_json(json.loads(row.value))
        except ValueError as error:
            log.warning("office setting %s is unreadable (%s): using its default", row.key, error)
    return replace(DEFAULTS, **stored)


def save_settings(session: Session, settings: OfficeSettings) -> None:
    """Stores valid settings, keeping only values that differ from the defaults.

    Changing settings is an admin's operation: call :func:`app.core.office.save_office`.
    """
    settings.validate()
    rows = {row.key: row for row in session.scalars(select(OfficeSetting))}
    for name in SETTINGS:
        value = getattr(settings, name)
        row = rows.get(name)
        if value == getattr(DEFAULTS, name):
            if row is not None:
                session.delete(row)
            continue
        raw = json.dumps(kind(name).to_json(value), ensure_ascii=False, sort_keys=True)
        if row is None:
            session.add(OfficeSetting(key=name, value=raw))
        elif row.value != raw:
            row.value = raw


def office_theme_dir(settings: OfficeSettings) -> Path | None:
    """The office's theme folder, or None for the default theme alone."""
    return Path(settings.theme_dir) if settings.theme_dir else None


def _known(name: str) -> None:
    if name not in SETTINGS:
        raise PressDeskError(f"no office setting {name!r}: see `pressdesk office show`")


def with_value(settings: OfficeSettings, key: str, text: str) -> OfficeSettings:
    """``settings`` with one setting typed as text, as ``pressdesk office set KEY VALUE`` does.

    ``KEY.LANG`` sets one language of a text per language (``site_name.ru``).
    """
    name, _dot, lang = key.partition(".")  # not ``_``: that is gettext here
    _known(name)
    setting_kind = kind(name)
    try:
        if lang:
            if not isinstance(setting_kind, TextsKind):
                raise ValueError(f"{name} is not a text per language")
            _language(lang)
            texts = dict(getattr(settings, name))
            if text.strip():
                texts[lang] = text.strip()
            else:
                texts.pop(lang, None)
            value: Any = texts
        else:
            value = setting_kind.parse(text)
    except ValueError as error:
        raise PressDeskError(f"{key}: {error}") from None
    return replace(settings, **{name: value})


def with_default(settings: OfficeSettings, name: str) -> OfficeSettings:
    _known(name)
    return replace(settings, **{name: getattr(DEFAULTS, name)})


def describe(settings: OfficeSettings) -> list[tuple[str, str, str]]:
    """(name, value as typed on a command line, description) of every setting, in order."""
    return [
        (name, kind(name).show(getattr(settings, name)), description(name)) for name in SETTINGS
    ]
