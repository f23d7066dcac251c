"""Turn raw front matter values (YAML, TOML or Pelican strings) into typed statement fields."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from app.core.importing.errors import FrontMatterError
from app.core.render.dates import PRINTABLE_FROM, PRINTABLE_UNTIL, printable

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0", ""})


def text(value: object, key: str) -> str:
    """A one-line text field: strings as they are, whole numbers spelt out, whitespace collapsed.

    Booleans, fractions and lists are refused because YAML has already changed what was typed
    (``title: No`` is ``False``, ``1.10`` is ``1.1``); quoting the value fixes it.
    """
    return " ".join(_scalar(value, key).split())


def paragraph(value: object, key: str) -> str:
    """A multi-line text field (a lead): line breaks kept, outer whitespace stripped."""
    return _scalar(value, key).strip()


def tags(value: object) -> tuple[str, ...]:
    """Tags from a list or a comma-separated string, blanks and repeats (any case) dropped."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FrontMatterError("tags must be a list or comma-separated words")
    result: list[str] = []
    seen: set[str] = set()
    for item in items:
        tag = text(item, "tags")
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return tuple(result)


def boolean(value: object, key: str) -> bool:
    """A yes/no field given natively (YAML, TOML) or as a word (Pelican)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise FrontMatterError(f"{key} must be true or false, not {_describe(value)}")


def utc_datetime(value: object, key: str, office_tz: ZoneInfo) -> dt.datetime:
    """An aware UTC datetime from a native date/datetime or an ISO 8601 string.

    A value without a UTC offset is a wall-clock time in the office time zone; a bare date is
    midnight there.
    """
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise FrontMatterError(
                f"{key} {_describe(value)} is not a date: write e.g. 2020-04-18, 2020-04-18 06:28 "
                "or 2020-04-18T06:28:00+05:00"
            ) from None
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=office_tz)
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(), office_tz)
    else:
        raise FrontMatterError(f"{key} must be a date or a date and time, not {_describe(value)}")
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError:
        moment = None
    if moment is None or not printable(moment):
        raise FrontMatterError(
            f"{key} {value} cannot be shown on a page: use a date between the years "
            f"{PRINTABLE_FROM.year} and {PRINTABLE_UNTIL.year}"
        )
    return moment


def file_datetime(timestamp: float) -> dt.datetime | None:
    """A file's modification time as an aware UTC datetime, if a page can show it."""
    try:
        moment = dt.datetime.fromtimestamp(timestamp, dt.UTC).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):
        return None
    return moment if printable(moment) else None


def office_language(code: str, languages: Sequence[str]) -> str | None:
    """The office language ``code`` means (``"ru-RU"`` → ``"ru"`` when the office has only
    ``ru``), or ``None`` when it is none of them."""
    known = language(code)
    if known is None:
        return None
    if known in languages:
        return known
    base = known.split("_")[0]
    return base if base in languages else None


@functools.cache
def language(code: str) -> str | None:
    """The Babel identifier for a language code (``"RU"`` → ``"ru"``, ``"pt-br"`` →
    ``"pt_BR"``), or ``None`` when Babel does not know it."""
    try:
        return str(Locale.parse(code.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return None


def _scalar(value: object, key: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise FrontMatterError(f"{key} must be text, not {_describe(value)} (put it in quotes)")


def _describe(value: object) -> str:
    """Name a bad value without printing it whole: YAML aliases can make a tiny file expand
    into an enormous nested list."""
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
