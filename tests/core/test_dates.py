"""Date lines, month titles and language names as the exported pages show them."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.core.render.dates import (
    bcp47,
    date_line,
    language_name,
    month_title,
    rfc3339,
    text_direction,
)

DUSHANBE = "Asia/Dushanbe"
WHEN = datetime(2020, 4, 18, 1, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        # CLDR keeps "г." on the year's line with a narrow no-break space (U+202F).
        ("ru", "18 апреля 2020\u202fг., 06:28"),
        ("tg", "18 Апрел 2020, 06:28"),
        ("en", "18 April 2020, 06:28"),
    ],
)
def test_date_line_in_office_languages(lang: str, expected: str) -> None:
    assert date_line(WHEN, lang, DUSHANBE) == expected


def test_date_line_shows_office_time_zone_not_utc() -> None:
    late_evening_utc = datetime(2020, 4, 17, 20, 30, tzinfo=UTC)
    assert date_line(late_evening_utc, "en", DUSHANBE) == "18 April 2020, 01:30"
    assert date_line(late_evening_utc, "en", "UTC") == "17 April 2020, 20:30"


def test_date_line_accepts_any_aware_datetime() -> None:
    same_moment = WHEN.astimezone(timezone(timedelta(hours=-7)))
    assert date_line(same_moment, "ru", DUSHANBE) == "18 апреля 2020\u202fг., 06:28"


def test_date_line_other_babel_locale() -> None:
    assert date_line(WHEN, "de", DUSHANBE) == "18. April 2020, 06:28"


def test_date_line_rejects_naive_datetime() -> None:
    with pytest.raises(ValueError):
        date_line(datetime(2020, 4, 18, 1, 28), "ru", DUSHANBE)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru", "Апрель 2020"), ("tg", "Апрел 2020"), ("en", "April 2020"), ("de", "April 2020")],
)
def test_month_title(lang: str, expected: str) -> None:
    assert month_title(2020, 4, lang) == expected


def test_month_title_uses_nominative_month_in_russian() -> None:
    assert month_title(2021, 5, "ru") == "Май 2021"
    assert month_title(2021, 3, "ru") == "Март 2021"


def test_rfc3339_is_utc_with_z() -> None:
    local = datetime(2020, 4, 18, 6, 28, 5, tzinfo=timezone(timedelta(hours=5)))
    assert rfc3339(local) == "2020-04-18T01:28:05Z"
    with pytest.raises(ValueError):
        rfc3339(datetime(2020, 4, 18))


def test_language_names_are_native_and_capitalised() -> None:
    assert [language_name(code) for code in ("tg", "ru", "en")] == [
        "Тоҷикӣ",
        "Русский",
        "English",
    ]


def test_text_direction_and_bcp47() -> None:
    assert text_direction("fa") == "rtl"
    assert text_direction("tg") == "ltr"
    assert bcp47("pt_BR") == "pt-BR"
