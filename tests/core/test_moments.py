"""Times as an office types and reads them: its zone, DST gaps and repeats, stored in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.core.errors import PressDeskError
from app.core.moments import local_time, parse_moment


def test_office_time_is_stored_in_utc() -> None:
    assert parse_moment("2026-12-04 10:00", "Asia/Dushanbe") == datetime(2026, 12, 4, 5, tzinfo=UTC)
    # An explicit offset wins over the office zone.
    assert parse_moment("2026-12-04T10:00+03:00", "Asia/Dushanbe") == datetime(
        2026, 12, 4, 7, tzinfo=UTC
    )
    assert parse_moment("2026-12-04T10:00Z", "Asia/Dushanbe").hour == 10


def test_the_hour_skipped_in_spring_is_refused() -> None:
    with pytest.raises(PressDeskError, match="does not exist in America/New_York"):
        parse_moment("2026-03-08 02:30", "America/New_York")
    # Moscow kept summer time until 2011: its last spring gap.
    with pytest.raises(PressDeskError, match="does not exist"):
        parse_moment("2010-03-28 02:30", "Europe/Moscow")


def test_the_hour_that_happens_twice_means_the_first_and_says_so() -> None:
    moment = parse_moment("2026-11-01 01:30", "America/New_York")
    assert moment == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # EDT, the first 01:30
    assert local_time(moment, "America/New_York") == "2026-11-01 01:30 -0400 (America/New_York)"
    later = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert local_time(later, "America/New_York") == "2026-11-01 01:30 -0500 (America/New_York)"
    assert local_time(datetime(2026, 7, 1, 12, tzinfo=UTC), "America/New_York") == (
        "2026-07-01 08:00 (America/New_York)"
    )


def test_a_schedule_is_a_moment_not_a_wall_clock_time() -> None:
    """An office whose zone setting changes after scheduling: the moment stays, only how it
    reads changes."""
    at = parse_moment("2026-12-04 10:00", "Asia/Dushanbe")
    assert local_time(at, "Asia/Dushanbe") == "2026-12-04 10:00 (Asia/Dushanbe)"
    assert local_time(at, "Europe/Moscow") == "2026-12-04 08:00 (Europe/Moscow)"


def test_not_a_time() -> None:
    with pytest.raises(PressDeskError, match="YYYY-MM-DD HH:MM"):
        parse_moment("tomorrow at ten", "Asia/Dushanbe")
    with pytest.raises(PressDeskError, match="unknown time zone"):
        parse_moment("2026-12-04 10:00", "Mars/Olympus")
