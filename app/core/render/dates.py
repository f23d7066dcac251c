"""Locale-aware text for pages (date lines, month titles, language names) via Babel, cached."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from functools import cache, lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time

# Babel's plain "en" is US style (April 18, 2020, 6:28 AM); a press office publishing next to
# Russian and Tajik wants day-month-year and a 24-hour clock, which is CLDR's en_GB.
_FORMAT_LOCALE = {"en": "en_GB"}

# CLDR joins Tajik date and time with a bare space; the office style puts a comma there, as in
# Russian, so the three languages read alike.
_GLUE_OVERRIDE = {"tg": "{1}, {0}"}

_QUOTED_LITERAL = re.compile(r"'[^']*'[.,]?")

# The moments every page can print: Atom and sitemaps need a four-digit year (RFC 3339),
# Python's dates end with 9999, and a page shows the time in the office's zone, up to a
# day away from UTC.
PRINTABLE_FROM = datetime(1000, 1, 2, tzinfo=UTC)
PRINTABLE_UNTIL = datetime(9999, 12, 30, tzinfo=UTC)


class _Formats(NamedTuple):
    locale: Locale
    date_pattern: str
    time_pattern: str
    glue: str


@cache
def _formats(lang: str) -> _Formats:
    locale = Locale.parse(_FORMAT_LOCALE.get(lang, lang).replace("-", "_"))
    glue = _GLUE_OVERRIDE.get(lang) or str(locale.datetime_formats["medium"])
    return _Formats(
        locale=locale,
        date_pattern=locale.date_formats["long"].pattern,
        time_pattern=locale.time_formats["short"].pattern,
        glue=glue,
    )


@cache
def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


# A date line is a date part and a time part; each has few distinct values in one export
# (days of the archive, minutes of the day), so caching the parts keeps Babel out of the loop.
@lru_cache(maxsize=65536)
def _date_part(lang: str, day: date) -> str:
    formats = _formats(lang)
    return format_date(day, format=formats.date_pattern, locale=formats.locale)


@lru_cache(maxsize=65536)
def _time_part(lang: str, hour: int, minute: int) -> str:
    formats = _formats(lang)
    return format_time(time(hour, minute), format=formats.time_pattern, locale=formats.locale)


def date_line(when: datetime, lang: str, tz: str) -> str:
    """The publication line shown on pages, e.g. "18 апреля 2020 г., 06:28" (ru, Asia/Dushanbe).

    `when` must be timezone-aware; it is shown in the office time zone `tz`.
    """
    if when.tzinfo is None:
        raise ValueError("date_line needs an aware datetime")
    local = when.astimezone(_zone(tz))
    return _formats(lang).glue.format(
        _time_part(lang, local.hour, local.minute), _date_part(lang, local.date())
    )


@lru_cache(maxsize=4096)
def month_title(year: int, month: int, lang: str) -> str:
    """The heading of a month archive, e.g. "Апрель 2020", "Апрел 2020", "April 2020".

    Uses the locale's year-month pattern with the stand-alone month name, capitalised as a
    heading; quoted literals (such as Russian "г.") are dropped because a heading needs no
    year abbreviation.
    """
    locale = _formats(lang).locale
    skeleton = locale.datetime_skeletons.get("yMMMM") or locale.datetime_skeletons["yMMM"]
    pattern = _QUOTED_LITERAL.sub("", skeleton.pattern).replace("MMMM", "LLLL")
    pattern = re.sub(r"\s+", " ", pattern).strip(" ,.")
    text = format_date(date(year, month, 1), format=pattern, locale=locale)
    return text[:1].upper() + text[1:]


def printable(when: datetime) -> bool:
    """Whether every page, feed and sitemap can show ``when`` (aware) in any time zone."""
    return PRINTABLE_FROM <= when <= PRINTABLE_UNTIL


def rfc3339(when: datetime) -> str:
    """`when` in UTC as RFC 3339 for Atom, sitemaps and `<time>`: "2020-04-18T01:28:00Z"."""
    if when.tzinfo is None:
        raise ValueError("rfc3339 needs an aware datetime")
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def language_name(code: str) -> str:
    """The language's own name, capitalised for a menu: "Тоҷикӣ", "Русский", "English"."""
    name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    return name[:1].upper() + name[1:]


@cache
def text_direction(lang: str) -> str:
    """The `dir` attribute value: "rtl" for right-to-left scripts (fa, ar, he), else "ltr"."""
    return "rtl" if _formats(lang).locale.character_order == "right-to-left" else "ltr"


def bcp47(lang: str) -> str:
    """A Babel locale code as an HTML `lang`/`hreflang` value: "pt_BR" -> "pt-BR"."""
    return lang.replace("_", "-")
