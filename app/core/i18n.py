"""The interface's language: gettext catalogs, plural forms, and dates and numbers by Babel.

The source strings are English. ``resources/locale/<lang>/LC_MESSAGES/pressdesk.po`` holds
each translation (made with ``make catalogs``); the compiled ``.mo`` files next to them are
built by the set-up and the package build, never committed. :func:`use_language` picks the
catalog for the whole process, as Qt's installed translators do, once at start: the
interface language changes after a restart.

Strings are marked for ``pybabel extract`` by the calls below: ``_()``, ``ngettext()`` and
``pgettext()`` where they are shown, ``N_()`` and ``NC_()`` where they are declared before a
language is chosen (tables of labels), translated with ``_()`` or ``pgettext()`` when shown.
Dates, times and numbers in lists and dialogs are written by Babel in the interface language,
on the office's clock.
"""

from __future__ import annotations

import gettext
import re
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    get_timezone,
    get_timezone_location,
)
from babel.numbers import format_decimal

from app.core.location import RESOURCES_DIR
from app.core.moments import fold_offset, zone_of
from app.core.render.dates import date_line, month_title

DOMAIN = "pressdesk"
LOCALE_DIR = RESOURCES_DIR / "locale"
SOURCE_LANGUAGE = "en"
#: The interface languages with a catalog, in the order a chooser shows them.
INTERFACE_LANGUAGES = ("tg", "ru", "en")

# As on the pages (render/dates.py): day-month-year and a 24-hour clock in English, and
# Tajik's numeric date as it is written in Tajikistan (CLDR's is "03/05/24").
_BABEL_LOCALE = {"en": "en_GB"}
_NUMERIC_DATE = {"tg": "dd.MM.y"}
_DAY_MONTH = {"tg": "dd.MM"}


class _Interface:
    """The catalog in use and its language (one per process)."""

    language = SOURCE_LANGUAGE
    catalog: gettext.NullTranslations = gettext.NullTranslations()


def use_language(lang: str) -> str:
    """Shows the interface in ``lang`` from now on; returns the language in use.

    A language without a compiled catalog (a checkout never set up) falls back to English.
    """
    compiled = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if lang != SOURCE_LANGUAGE and compiled.is_file():
        with compiled.open("rb") as file:
            _Interface.catalog = gettext.GNUTranslations(file)
        _Interface.language = lang
    else:
        _Interface.catalog = gettext.NullTranslations()
        _Interface.language = SOURCE_LANGUAGE
    return _Interface.language


def language() -> str:
    """The interface language in use."""
    return _Interface.language


def best_language(preferred: list[str]) -> str:
    """The first interface language among ``preferred`` (``ru_RU``, ``tg-Cyrl-TJ``, …), else
    English: the system's choice, when the person chose none."""
    for name in preferred:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in INTERFACE_LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _Interface.catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the interface language (Russian has three, Tajik two)."""
    return _Interface.catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the interface language, where the English word has several meanings."""
    return _Interface.catalog.pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog where it is declared; ``_()`` translates it later."""
    return message


def NC_(context: str, message: str) -> str:
    """As :func:`N_`, for a word with several meanings; ``pgettext(context, …)`` translates it."""
    return message


# Dates, times and numbers


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_BABEL_LOCALE.get(lang, lang))


def number(value: int | float) -> str:
    """A number as the interface language writes it: 1 234 (ru, tg), 1,234 (en)."""
    return format_decimal(value, locale=_locale(language()))


def moment(when: datetime, zone: str) -> str:
    """A date and time in a list or dialog: "03.05.2024 19:05" (ru) on the office's clock."""
    local = when.astimezone(zone_of(zone))
    return f"{numeric_date(local.date())} {clock(when, zone)}"


def office_moment(when: datetime, zone: str) -> str:
    """A moment with the office's place, where a schedule is set or read:
    "03.05.2024 19:05 (Душанбе)"; with its offset in the hour that happens twice."""
    local = when.astimezone(zone_of(zone))
    return f"{moment(when, zone)}{fold_offset(local)} ({zone_city(zone)})"


def zone_city(zone: str) -> str:
    """The time zone's city in the interface language: "Душанбе", "Нью-Йорк"."""
    return get_timezone_location(get_timezone(zone), _locale(language()), return_city=True)


def recent_moment(when: datetime, zone: str, now: datetime) -> str:
    """Short for a narrow column: "03.05 19:05" this year, the date alone before."""
    local = when.astimezone(zone_of(zone))
    if local.year != now.astimezone(zone_of(zone)).year:
        return numeric_date(local.date())
    lang = language()
    if lang in _DAY_MONTH:
        day = format_date(local.date(), _DAY_MONTH[lang], locale=_locale(lang))
    else:
        day = format_skeleton("MMdd", local, locale=_locale(lang))
    return f"{day} {clock(when, zone)}"


def numeric_date(day: date) -> str:
    """A date in digits: 03.05.2024 (ru, tg), 03/05/2024 (en)."""
    lang = language()
    return format_date(day, _NUMERIC_DATE.get(lang, "short"), locale=_locale(lang))


def date_input_format() -> str:
    """The numeric date as a Qt date field shows it: "dd.MM.yyyy" (ru, tg), "dd/MM/yyyy" (en)."""
    lang = language()
    pattern = _NUMERIC_DATE.get(lang) or _locale(lang).date_formats["short"].pattern
    return re.sub("y+", "yyyy", pattern)


def clock(when: datetime, zone: str) -> str:
    """The time of day on the office's clock: "19:05"."""
    return format_time(when, "HH:mm", tzinfo=zone_of(zone), locale=_locale(language()))


def full_moment(when: datetime, zone: str) -> str:
    """A moment as pages write it: "3 мая 2024 г., 19:05" in the interface language."""
    return date_line(when, language(), zone)


def day_and_month(day: date) -> str:
    """A day of a calendar: "3 мая", "3 Май", "3 May"."""
    return format_skeleton("MMMd", day, locale=_locale(language()))


def month_and_year(year: int, month: int) -> str:
    """A month's heading: "Май 2024" (ru, tg), "May 2024"."""
    return month_title(year, month, language())


def days_between(first: date, last: date) -> str:
    """A week's heading: "29 апр. – 5 мая 2024"."""
    return f"{day_and_month(first)} – {day_and_month(last)} {last.year}"


def language_name(code: str) -> str:
    """An office language's name in the interface language: "Тоҷикӣ" → "таджикский" (ru)."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(_locale(language()))
    except (ValueError, TypeError):
        return code
    name = name or code
    return name[:1].upper() + name[1:]
