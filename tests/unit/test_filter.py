"""What the readings filter box understands: a year, a month or a day in local time, or note text."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from homelog_desktop.repositories import ReadingFilter
from homelog_desktop.viewmodels.readings import parse_filter

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin() -> Iterator[None]:
    """Run the test with the computer's time zone set to Europe/Berlin (CET/CEST)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def test_parse_filter_year_is_local_calendar_year(berlin):
    """ "2025" selects 1 January 2025 to 1 January 2026, local midnight to local midnight."""
    flt = parse_filter("2025")
    assert flt.text == ""
    assert flt.start == datetime(2025, 1, 1, tzinfo=BERLIN)
    assert flt.end == datetime(2026, 1, 1, tzinfo=BERLIN)


def test_parse_filter_summer_month_uses_summer_offset(berlin):
    """A July filter starts at local midnight (CEST) whatever the offset is today."""
    flt = parse_filter("2025-07")
    assert flt.start == datetime(2025, 7, 1, tzinfo=BERLIN)
    assert flt.end == datetime(2025, 8, 1, tzinfo=BERLIN)
    assert flt.start is not None and flt.start.utcoffset() == timedelta(hours=2)


def test_parse_filter_december_ends_next_january(berlin):
    """ "2025-12" ends on 1 January of the next year."""
    flt = parse_filter("2025-12")
    assert (flt.start, flt.end) == (datetime(2025, 12, 1, tzinfo=BERLIN), datetime(2026, 1, 1, tzinfo=BERLIN))


def test_parse_filter_day_of_clock_change_is_23_hours(berlin):
    """The day clocks go forward runs from local midnight to local midnight: 23 hours."""
    flt = parse_filter(" 2025-03-30 ")
    assert flt.start == datetime(2025, 3, 30, tzinfo=BERLIN)
    assert flt.end == datetime(2025, 3, 31, tzinfo=BERLIN)
    assert flt.start is not None and flt.end is not None
    assert flt.end - flt.start == timedelta(hours=23)


def test_parse_filter_single_digit_month_and_day():
    """ "2025-3-4" is accepted as 4 March 2025."""
    flt = parse_filter("2025-3-4")
    assert flt.start is not None and flt.end is not None
    assert flt.start.replace(tzinfo=None) == datetime(2025, 3, 4)
    assert flt.end.replace(tzinfo=None) == datetime(2025, 3, 5)
    assert flt.start.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    [
        "power cut",
        "  new meter  ",
        "2025-13",
        "2025-02-30",
        "1800",
        "9999-12",
        "9999-12-31",
        "2025/03",
        "12.5",
    ],
)
def test_parse_filter_anything_else_searches_notes(text):
    """Text that is not a usable date is searched for in the notes (trimmed)."""
    assert parse_filter(text) == ReadingFilter(text=text.strip())


def test_parse_filter_empty_text_is_no_filter():
    """An empty or blank box filters nothing."""
    assert parse_filter("").is_empty
    assert parse_filter("   ").is_empty


@pytest.mark.parametrize(
    ("text", "language", "country"),
    [
        ("14/06/2025", QLocale.Language.English, QLocale.Country.UnitedKingdom),
        ("14.06.2025", QLocale.Language.German, QLocale.Country.Germany),
        ("14.06.25", QLocale.Language.German, QLocale.Country.Germany),
        ("14.6.2025", QLocale.Language.German, QLocale.Country.Germany),
        ("6/14/25", QLocale.Language.English, QLocale.Country.UnitedStates),
    ],
)
def test_parse_filter_day_in_local_short_format(berlin, text, language, country):
    """A day typed as the table shows it (the locale's short date) selects that local day, like ISO."""
    flt = parse_filter(text, QLocale(language, country))
    assert flt == parse_filter("2025-06-14")
    assert flt.start == datetime(2025, 6, 14, tzinfo=BERLIN)


def test_parse_filter_local_format_of_another_locale_searches_notes():
    """A date in another locale's order that is no valid day here ("14/06/2025" in the US) searches the notes."""
    assert parse_filter("14/06/2025", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == (
        ReadingFilter(text="14/06/2025")
    )
