"""The consumption engine on amounts per period: each amount over its own [start, end), gaps stay gaps.

Every figure here is worked out by hand in the test's docstring or comment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from homelog_desktop.domain.consumption import NO_START, Period, Series, interval_curve
from homelog_desktop.domain.entities import Metric, MetricKind, Source, Tariff
from homelog_desktop.services.importing.chunks import ChunkConverter
from homelog_desktop.services.importing.model import (
    ColumnTarget,
    ImportPlan,
    ImportSettings,
    PeriodLabel,
)
from homelog_desktop.services.reports import compute_report

METRIC = Metric(7, "Energy", "kWh", MetricKind.INTERVAL, decimals=3)
SOURCE = Source(1, "Grid", metrics=(METRIC,))


def epoch(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


def report(series: Series, period: Period = Period.MONTH, tariffs: tuple[Tariff, ...] = ()):
    return compute_report(SOURCE, METRIC, period, series, [], list(tariffs), UTC)


def test_a_yearly_bill_is_one_amount_spread_over_its_year() -> None:
    """3650 kWh billed for 1 Jan–31 Dec 2025: 10 kWh a day, so 310 in January, 280 in February..."""
    series = Series.of([epoch(2026, 1, 1)], [3650.0], [epoch(2025, 1, 1)])
    result = report(series)
    assert [r.start.month for r in result.rows] == list(range(1, 13))
    assert [r.consumption for r in result.rows] == [
        Decimal(10 * d) for d in (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    ]
    assert all(r.uncovered_days == 0 and not r.not_covered for r in result.rows)
    assert result.total_consumption == 3650
    assert result.rows[0].avg_per_day == 10


def test_a_bill_costs_its_amount_at_the_tariff_of_each_month() -> None:
    """The yearly bill at 0.30 a kWh with 0.50 a day standing charge: January 310 × 0.30 + 31 × 0.50 = 108.50."""
    series = Series.of([epoch(2026, 1, 1)], [3650.0], [epoch(2025, 1, 1)])
    tariff = Tariff(1, METRIC.id or 0, date(2024, 1, 1), Decimal("0.30"), Decimal("0.50"))
    result = report(series, tariffs=(tariff,))
    assert result.rows[0].cost == Decimal("108.50")
    assert result.total_cost == Decimal("3650") * Decimal("0.30") + 365 * Decimal("0.50")


def quarter_hours(first: int, last: int, amount: float) -> Series:
    """A smart meter's quarter-hours from ``first`` to ``last`` (ends), each ``amount``."""
    ends = np.arange(first + 900, last + 1, 900, dtype=np.int64)
    return Series(ends, np.full(ends.shape[0], amount), ends - 900)


def test_fifteen_minute_amounts_add_up_to_their_months() -> None:
    """0.25 kWh every quarter-hour of January and February 2025: 31 × 96 × 0.25 = 744 and 28 × 96 × 0.25 = 672."""
    series = quarter_hours(epoch(2025, 1, 1), epoch(2025, 3, 1), 0.25)
    result = report(series)
    assert [(r.start, r.consumption, r.days) for r in result.rows] == [
        (date(2025, 1, 1), 744, 31),
        (date(2025, 2, 1), 672, 28),
    ]
    # The first quarter-hour counts (it has its own start): nothing is lost at the beginning.
    assert result.total_consumption == 1416


def test_a_gap_is_not_covered_and_never_smeared_over() -> None:
    """Daily amounts of 10 for 1–10 January and 1–10 March, nothing in February.

    January: 100 over 10 of its 31 days; February: not covered; March: 100. ("Since the previous
    reading" would have spread 1 March's amount over the whole of February.)
    """
    days = [epoch(2025, 1, d) for d in range(1, 11)] + [epoch(2025, 3, d) for d in range(1, 11)]
    series = Series.of([d + 86400 for d in days], [10.0] * 20, days)
    result = report(series)
    rows = {r.start.month: r for r in result.rows}
    assert (rows[1].consumption, rows[1].days, rows[1].uncovered_days) == (100, 10, 21)
    assert rows[2].not_covered and rows[2].consumption is None and rows[2].days == 0
    assert rows[2].uncovered_days == 28 and rows[2].avg_per_day is None and rows[2].cost is None
    assert (rows[3].consumption, rows[3].days) == (100, 10)
    assert rows[3].last_year is None
    assert result.total_consumption == 200
    assert any("not counted as zero" in note for note in result.notes)


def test_overlapping_periods_add_up_where_they_overlap() -> None:
    """Two 20-day amounts of 20 (1 a day) overlapping on 11–20 January: 2 a day there, 40 in all."""
    series = Series.of([epoch(2025, 1, 21), epoch(2025, 1, 31)], [20.0, 20.0], [epoch(2025, 1, 1), epoch(2025, 1, 11)])
    result = report(series, Period.DAY)
    by_day = {r.start.day: r.consumption for r in result.rows}
    assert by_day[5] == 1 and by_day[15] == 2 and by_day[25] == 1
    assert result.total_consumption == 40


def test_values_with_no_known_start_are_left_out_and_named() -> None:
    """A value whose start is not known (NO_START) is not counted; a note says so."""
    series = Series.of([epoch(2025, 1, 2), epoch(2025, 1, 3)], [5.0, 7.0], [NO_START, epoch(2025, 1, 2)])
    result = report(series, Period.DAY)
    assert [(r.start, r.consumption) for r in result.rows] == [(date(2025, 1, 2), 7)]
    assert any("1 value has no known period start" in note for note in result.notes)


def test_without_starts_each_amount_runs_since_the_previous_value() -> None:
    """The meaning typed by hand (and before periods were stored): the first amount has no start."""
    curve = interval_curve(Series.of([epoch(2025, 1, 1), epoch(2025, 1, 11)], [5.0, 10.0]))
    assert curve.unknown == 1
    assert curve.between([epoch(2025, 1, 1)], [epoch(2025, 1, 6)])[0] == pytest.approx(5.0)


def _converted_series(tmp_path: Path, settings: ImportSettings, rows: list[tuple[str, str]]) -> Series:
    """The series an hourly file's rows become with ``settings`` (via the import's converter)."""
    path = tmp_path / "hours.csv"
    metric = Metric(None, "Energy", "kWh", MetricKind.INTERVAL, decimals=3)
    plan = ImportPlan(path, settings, Source(None, "Grid"), {1: ColumnTarget.to_metric(metric)})
    converted = ChunkConverter(plan).convert(list(range(2, 2 + len(rows))), [list(r) for r in rows])
    assert not converted.problems
    ends = [t for t in converted.ts if t is not None]
    starts = converted.starts if converted.starts is not None else [None] * len(ends)
    return Series.of(ends, [v for v in converted.values[1] if v is not None], starts)


def test_a_period_labelled_by_its_start_falls_in_its_own_day(tmp_path: Path) -> None:
    """Hourly amounts written at 23:00 and 00:00: labelled by their start, 23:00 is 31 December and
    00:00 is 1 January; labelled by their end, 00:00 closes the hour 23:00–00:00 of 31 December."""
    rows = [("2024-12-31T22:00:00+00:00", "1"), ("2024-12-31T23:00:00+00:00", "2"), ("2025-01-01T00:00:00+00:00", "4")]
    by_start = _converted_series(tmp_path, ImportSettings(time_is=PeriodLabel.START, period_seconds=3600), rows)
    by_end = _converted_series(tmp_path, ImportSettings(time_is=PeriodLabel.END, period_seconds=3600), rows)
    days_start = {r.start: r.consumption for r in report(by_start, Period.DAY).rows}
    days_end = {r.start: r.consumption for r in report(by_end, Period.DAY).rows}
    assert days_start == {date(2024, 12, 31): 3, date(2025, 1, 1): 4}
    assert days_end == {date(2024, 12, 31): 7}
    # Without a length, "start" takes the most common step between the rows' times: one hour.
    detected = _converted_series(tmp_path, ImportSettings(time_is=PeriodLabel.START), rows)
    assert {r.start: r.consumption for r in report(detected, Period.DAY).rows} == days_start


def test_the_projection_counts_the_days_with_data_not_the_gap() -> None:
    """10 a day for 1–10 March and 21–30 March, nothing in between: the recent rate is 10 a day, not 200 / 29."""
    days = [epoch(2025, 3, d) for d in (*range(1, 11), *range(21, 31))]
    series = Series.of([d + 86400 for d in days], [10.0] * 20, days)
    projection = report(series).projection
    assert projection is not None
    assert projection.daily_rate == 10


def test_start_columns_read_each_values_own_start(tmp_path: Path) -> None:
    """An export's ``X start`` column: a start per value, an empty cell for "since the previous value",
    and a start that cannot be read or is not before the reading named on its row and column."""
    from homelog_desktop.services.importing.model import start_columns_of

    header = ["timestamp", "Oil", "Oil start", "note"]
    assert start_columns_of(header) == ((1, 2),)
    settings = ImportSettings(start_columns=start_columns_of(header))
    metric = Metric(None, "Oil", "l", MetricKind.INTERVAL, decimals=0)
    plan = ImportPlan(tmp_path / "x.csv", settings, Source(None, "Tank"), {1: ColumnTarget.to_metric(metric)})
    converted = ChunkConverter(plan).convert(
        [2, 3, 4, 5],
        [
            ["2025-02-01T00:00:00+00:00", "500", "2025-01-01T00:00:00+00:00", ""],
            ["2025-03-01T00:00:00+00:00", "400", "", ""],
            ["2025-04-01T00:00:00+00:00", "300", "yesterday", ""],
            ["2025-05-01T00:00:00+00:00", "200", "2025-06-01T00:00:00+00:00", ""],
        ],
    )
    assert converted.column_starts[1][:2] == [epoch(2025, 1, 1), None]
    assert set(converted.problems) == {2, 3} and all(2 in p for p in converted.problems.values())
    assert converted.problems[3][2] == "the period does not end after it starts"


def test_period_settings_survive_a_saved_profile() -> None:
    """Settings saved as JSON (an import profile) and read back are the same settings."""
    import json
    from dataclasses import asdict

    settings = ImportSettings(time_is=PeriodLabel.START, period_column=3, start_columns=((1, 2),), period_seconds=900)
    assert ImportSettings(**json.loads(json.dumps(asdict(settings)))) == settings
    assert ImportSettings(**json.loads(json.dumps(asdict(ImportSettings())))).time_is is PeriodLabel.END
