"""Cells to stored values: numbers (fast path = general path), timestamps in every supported shape."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.domain.entities import Metric, MetricKind, Source
from homelog_desktop.services.importing import EXCEL_FORMAT, ISO_FORMAT, ColumnTarget, ImportPlan, ImportSettings
from homelog_desktop.services.importing.chunks import ChunkConverter
from homelog_desktop.services.importing.convert import CellError, timestamp_parser, value_parser

KWH = Metric(1, "Day", "kWh", MetricKind.COUNTER, decimals=2)


def utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


@pytest.mark.parametrize(
    ("text", "decimal", "thousands", "expected"),
    [
        ("12345.6", ".", "", 12345.6),
        ("-0.5", ".", "", -0.5),
        ("12345,6", ",", "", 12345.6),
        ("1.234,56", ",", ".", 1234.56),
        ("1,234.56", ".", ",", 1234.56),
        ("1 234,5", ",", "", 1234.5),
        ("1'234.5", ".", "", 1234.5),
        ("  42  ", ".", "", 42.0),
        ("1.5e3", ".", "", 1500.0),
        ("7.10", ".", "", 7.1),
        ("7.1000000", ".", "", 7.1),
    ],
)
def test_import_convert_numbers_in_their_shapes(text, decimal, thousands, expected):
    """Numbers as files write them: decimal comma or point, grouping, exponent, trailing zeros."""
    parsed = value_parser(KWH, decimal, thousands)(text)
    assert parsed is not None and parsed[0] == expected


@pytest.mark.parametrize(
    ("text", "decimal", "message"),
    [
        ("NaN", ".", "“NaN” is not a finite number"),
        ("-inf", ".", "“-inf” is not a finite number"),
        ("1e400", ".", "too large"),
        ("1000000000000", ".", "too large"),
        ("12.345", ".", "too many decimals"),
        ("abc", ".", "“abc” is not a number"),
        ("1,5", ".", "has a comma where the file uses a decimal point"),
        ("1.5", ",", "has a dot where the file uses a decimal comma"),
        ("1.2.3", ",", "has a dot"),
    ],
)
def test_import_convert_refuses_what_cannot_be_stored(text, decimal, message):
    """NaN, infinities, huge numbers, too many decimals and stray separators are refused with a reason."""
    with pytest.raises(CellError, match=message):
        value_parser(KWH, decimal, "")(text)


def test_import_convert_empty_cells_are_missing_not_zero():
    """An empty or blank cell, or an export's "no value" mark (-, n/a, null), is None: missing, never 0."""
    parse = value_parser(KWH, ".", "")
    assert parse("") is None and parse("   ") is None
    assert [parse(mark) for mark in ("-", " – ", "N/A", "#N/A", "null")] == [None] * 5
    with pytest.raises(CellError, match="not a finite number"):
        parse("NaN")


def _one_cell(metric: Metric, text: str, decimal: str = ".", grow: bool = False):
    """The chunk path (fast regex + float) for one cell: (value, problem)."""
    target = ColumnTarget.to_metric(metric if not grow else Metric(None, metric.name, decimals=metric.decimals))
    plan = ImportPlan(
        path=__file__,  # not read
        settings=ImportSettings(decimal=decimal, date_column=0, date_format=ISO_FORMAT, timezone="UTC"),
        source=Source(None, "S"),
        mapping={1: target},
    )
    chunk = ChunkConverter(plan).convert([2], [["2024-01-01", text]])
    problem = chunk.problems.get(0, {}).get(1)
    return chunk.values[1][0], problem


NUMBER_TEXT = st.one_of(
    st.integers(0, 8)
    .flatmap(lambda places: st.decimals(allow_nan=False, allow_infinity=False, places=places, max_value=10**14))
    .map(str),
    st.from_regex(r"-?[0-9]{1,17}(\.[0-9]{0,9})?", fullmatch=True),
    st.from_regex(r"-?0*[0-9]{1,3}\.[0-9]{1,8}0{0,5}", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(
    text=NUMBER_TEXT,
    decimals=st.integers(0, 6),
    digits=st.one_of(st.none(), st.integers(1, 12)),
    grow=st.booleans(),
    comma=st.booleans(),
)
def test_import_convert_fast_path_agrees_with_the_general_path(text, decimals, digits, grow, comma):
    """The chunk fast path accepts exactly what the per-cell parser accepts, with the same value."""
    metric = Metric(1, "M", kind=MetricKind.COUNTER, decimals=decimals, digits=None if grow else digits)
    decimal = "," if comma else "."
    cell = text.replace(".", ",") if comma else text
    try:
        expected = value_parser(metric, decimal, "", grow=grow)(cell)
        expected_problem = None
    except CellError as exc:
        expected, expected_problem = None, str(exc)
    value, problem = _one_cell(metric, cell, decimal, grow=grow)
    assert problem == expected_problem
    assert value == (expected[0] if expected is not None else None)
    if expected is not None:
        assert Decimal(repr(value)) == Decimal(text)  # the double holds exactly the number written


@pytest.mark.parametrize(
    ("date_format", "text", "expected"),
    [
        (ISO_FORMAT, "2024-03-31T02:30:00+02:00", utc(2024, 3, 31, 0, 30)),
        (ISO_FORMAT, "2024-03-31T00:30Z", utc(2024, 3, 31, 0, 30)),
        (ISO_FORMAT, "2024-03-31 00:30", utc(2024, 3, 31, 0, 30)),
        (ISO_FORMAT, "2024-03-31", utc(2024, 3, 31)),
        ("%d.%m.%Y", "31.03.2024 7:05", utc(2024, 3, 31, 7, 5)),
        ("%d.%m.%Y", "31.03.2024 07:05:09", utc(2024, 3, 31, 7, 5, 9)),
        ("%d/%m/%y", "05/01/24", utc(2024, 1, 5)),
        ("%m/%d/%Y", "1/5/2024 10:30 PM", utc(2024, 1, 5, 22, 30)),
        ("%m/%d/%Y", "1/5/2024 12:15 am", utc(2024, 1, 5, 0, 15)),
        ("%Y/%m/%d", "2024/01/05 10:00 +0100", utc(2024, 1, 5, 9, 0)),
        ("%d-%m-%Y", "05-01-1999", utc(1999, 1, 5)),
        ("%d.%m.%y", "01.01.69", utc(1969, 1, 1)),
        (EXCEL_FORMAT, "45292.5", utc(2024, 1, 1, 12)),
        (EXCEL_FORMAT, "45292", utc(2024, 1, 1)),
    ],
)
def test_import_convert_timestamps(date_format, text, expected):
    """ISO with or without offset/seconds, day-first and month-first, 2- or 4-digit years, AM/PM, Excel."""
    assert timestamp_parser(date_format, "UTC")(text, None) == expected


def test_import_convert_separate_time_column():
    """A date and a time column (with seconds, without, empty, or Excel's fraction of a day)."""
    parse = timestamp_parser("%d.%m.%Y", "UTC")
    assert parse("05.01.2024", "07:30") == utc(2024, 1, 5, 7, 30)
    assert parse("05.01.2024", "19:05:30") == utc(2024, 1, 5, 19, 5, 30)
    assert parse("05.01.2024", "") == utc(2024, 1, 5)
    assert parse("05.01.2024", "0.75") == utc(2024, 1, 5, 18)


def test_import_convert_local_time_in_a_zone_with_summer_time():
    """Naive times are in the chosen zone, winter and summer offsets alike (fast and slow paths)."""
    parse = timestamp_parser(ISO_FORMAT, "Europe/Berlin")
    assert parse("2024-01-15 12:00", None) == utc(2024, 1, 15, 11)
    assert parse("2024-07-15 12:00", None) == utc(2024, 7, 15, 10)
    plan = ImportPlan(
        path=__file__,
        settings=ImportSettings(date_column=0, date_format=ISO_FORMAT, timezone="Europe/Berlin"),
        source=Source(None, "S"),
        mapping={1: ColumnTarget.to_metric(KWH)},
    )
    chunk = ChunkConverter(plan).convert([2, 3], [["2024-01-15 12:00", "1"], ["2024-07-15 12:00", "2"]])
    assert chunk.ts == [utc(2024, 1, 15, 11), utc(2024, 7, 15, 10)]


@pytest.mark.parametrize(
    ("date_format", "text", "message"),
    [
        (ISO_FORMAT, "", "the date is empty"),
        (ISO_FORMAT, "20240105", "is not an ISO 8601 date"),
        (ISO_FORMAT, "2024-02-30", "is not an ISO 8601 date"),
        (ISO_FORMAT, "0001-01-01", "outside 1900–2200"),
        ("%d.%m.%Y", "31.02.2024", "is not a valid date"),
        ("%d.%m.%Y", "2024-01-05", "is not a date such as 31.01.2024"),
        ("%d.%m.%Y", "05.01.2024 25:00", "25:00 is not a time of day"),
        ("%d.%m.%Y", "05.01.2024 24:00", "24:00 is not a time of day"),
        (EXCEL_FORMAT, "abc", "is not an Excel day number"),
    ],
)
def test_import_convert_bad_timestamps_say_why(date_format, text, message):
    """A date that cannot be read says what was expected."""
    with pytest.raises(CellError, match=message):
        timestamp_parser(date_format, "UTC")(text, None)


def test_import_convert_refuses_unusable_formats_and_zones():
    """A format without a day, month or year, or an unknown time zone, is refused up front."""
    with pytest.raises(CellError, match="needs a day"):
        timestamp_parser("%m/%Y", None)
    with pytest.raises(CellError, match="unknown time zone"):
        timestamp_parser(ISO_FORMAT, "Mars/Olympus")
