"""Moments as an office types and reads them: in its time zone, stored in UTC.

A wall-clock time that does not exist in the zone (the hour skipped when clocks go forward)
is refused; one that happens twice (when clocks go back) means the first of the two, and is
always shown with its offset, so nobody is surprised by an hour.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core.errors import PressDeskError

_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise PressDeskError(f"unknown time zone {name!r}") from error


def in_zone(wall: datetime, zone_name: str) -> datetime:
    """A naive wall-clock time in the office's zone as an aware UTC moment."""
    zone = zone_of(zone_name)
    first = wall.replace(tzinfo=zone, fold=0)
    back = first.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != wall:
        raise PressDeskError(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone_name}: the clocks skip that hour"
        )
    return first.astimezone(UTC)


def parse_moment(value: str, zone_name: str) -> datetime:
    """``YYYY-MM-DD HH:MM`` in the office zone, or an ISO 8601 time with an offset, as UTC."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for form in _FORMATS:
            try:
                parsed = datetime.strptime(text, form)
                break
            except ValueError:
                continue
    if parsed is None:
        raise PressDeskError(f"{value!r} is not a date and time (write YYYY-MM-DD HH:MM)")
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    return in_zone(parsed, zone_name)


def local_time(moment: datetime, zone_name: str) -> str:
    """``2026-12-04 10:42 (Asia/Dushanbe)``; with the offset where the zone's differs from its
    usual one around that day, as in the hour that happens twice."""
    local = moment.astimezone(zone_of(zone_name))
    return f"{local:%Y-%m-%d %H:%M}{fold_offset(local)} ({zone_name})"


def fold_offset(local: datetime) -> str:
    """`` -0400`` for a local time that happens twice (clocks going back), else nothing."""
    twice = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    return f" {local:%z}" if twice else ""
