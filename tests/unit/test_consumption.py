"""The consumption engine on hand-computed cases: pro rata across month ends, leap days, DST,
meter replacement, reset and rollover, interval and gauge metrics."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from homelog_desktop.domain.consumption import (
    Moment,
    Period,
    Series,
    buckets,
    counter_curve,
    gauge_stats,
    interval_curve,
    midnight,
    period_bounds,
    period_label,
    period_start,
)
from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Source
from homelog_desktop.services.reports import compute_report, report_csv

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(y: int, m: int, d: int, h: int = 0, minute: int = 0, tz=UTC) -> int:
    return int(datetime(y, m, d, h, minute, tzinfo=tz).timestamp())


def source(kind: MetricKind = MetricKind.COUNTER, decimals: int = 1, digits: int | None = None, billing: int = 1):
    metric = Metric(1, "Meter", "kWh", kind, decimals, digits)
    return Source(1, "House", metrics=(metric,), billing_start_month=billing)


def report(series: Series, period: Period, tz=UTC, events=(), tariffs=(), kind=MetricKind.COUNTER, **kw):
    src = source(kind, digits=kw.pop("digits", None), billing=kw.pop("billing", 1))
    return compute_report(src, src.metrics[0], period, series, list(events), list(tariffs), tz, **kw)


def amounts(rep) -> list[tuple[str, Decimal | None]]:
    return [(r.start.isoformat(), r.consumption) for r in rep.rows]


def event(kind: MeterEventKind, when: int, old=None, new=None, digits=None) -> MeterEvent:
    return MeterEvent(
        None,
        1,
        1,
        datetime.fromtimestamp(when, UTC),
        kind,
        None if old is None else Decimal(old),
        None if new is None else Decimal(new),
        digits,
    )


# -- calendar ---------------------------------------------------------------------------------------


def test_period_starts_and_labels():
    day = date(2025, 2, 14)  # a Friday
    assert period_start(day, Period.WEEK) == date(2025, 2, 10)
    assert period_start(day, Period.MONTH) == date(2025, 2, 1)
    assert period_start(day, Period.QUARTER) == date(2025, 1, 1)
    assert period_start(day, Period.YEAR) == date(2025, 1, 1)
    assert period_start(day, Period.BILLING_YEAR, 4) == date(2024, 4, 1)
    assert period_start(day, Period.BILLING_YEAR, 2) == date(2025, 2, 1)
    assert period_start(day, Period.HEATING_SEASON) == date(2024, 7, 1)
    assert period_start(date(2025, 7, 1), Period.HEATING_SEASON) == date(2025, 7, 1)
    assert period_label(date(2025, 2, 10), Period.WEEK) == "2025-W07"
    assert period_label(date(2024, 12, 30), Period.WEEK) == "2025-W01"
    assert period_label(date(2025, 4, 1), Period.QUARTER) == "2025-Q2"
    assert period_label(date(2024, 7, 1), Period.HEATING_SEASON) == "2024/25"
    assert period_label(date(2024, 1, 1), Period.BILLING_YEAR, 1) == "2024"
    assert period_label(date(2099, 10, 1), Period.BILLING_YEAR, 10) == "2099/00"
    assert period_bounds(date(2025, 1, 31), date(2025, 3, 1), Period.MONTH) == [
        date(2025, 1, 1),
        date(2025, 2, 1),
        date(2025, 3, 1),
        date(2025, 4, 1),
    ]


def test_local_days_of_a_dst_day_are_whole_days():
    spring = Moment.at(at(2025, 3, 30, 12, tz=BERLIN), BERLIN)  # 11 of 23 hours into the day
    assert spring.day == Decimal(date(2025, 3, 30).toordinal()) + Decimal("0.478261")
    assert Moment.at_date(date(2025, 3, 31), BERLIN).day - Moment.at_date(date(2025, 3, 30), BERLIN).day == 1
    assert midnight(date(2025, 3, 31), BERLIN) - midnight(date(2025, 3, 30), BERLIN) == 23 * 3600


# -- counters -----------------------------------------------------------------------------------------


def test_irregular_intervals_across_month_ends():
    """100 → 180 over 8 days (10 a day), then 266 more over 26.5 days into March."""
    series = Series.of([at(2025, 1, 28), at(2025, 2, 5), at(2025, 3, 3, 12)], [100, 180, 446])
    rep = report(series, Period.MONTH)
    # January: 4 days of 10. February: 4 days of 10, then 24 of the 26.5 days of 266.
    # March: 2.5 of the 26.5 days of 266.
    assert amounts(rep) == [
        ("2025-01-01", Decimal("40.0000")),
        ("2025-02-01", Decimal("280.905660377358")),  # kept exact (15 digits): 40 + 266 * 24 / 26.5
        ("2025-03-01", Decimal("25.0943396226415")),  # 266 * 2.5 / 26.5
    ]
    assert [r.days for r in rep.rows] == [4, 28, Decimal("2.5")]
    assert [r.end for r in rep.rows] == [date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    assert rep.rows[0].avg_per_day == Decimal("10.0000")
    assert rep.total_consumption == Decimal("346.0000")
    assert rep.rows[2].cost is None and rep.currency is None


def test_only_the_span_between_first_and_last_reading_is_covered():
    series = Series.of([at(2025, 1, 10, 12), at(2025, 1, 12, 12)], [0, 48])
    rep = report(series, Period.DAY)
    assert amounts(rep) == [
        ("2025-01-10", Decimal("12.0000")),
        ("2025-01-11", Decimal("24.0000")),
        ("2025-01-12", Decimal("12.0000")),
    ]
    assert [r.days for r in rep.rows] == [Decimal("0.5"), 1, Decimal("0.5")]


def test_leap_day_gets_its_share_and_a_leap_year_has_366_days():
    series = Series.of([at(2024, 2, 28), at(2024, 3, 1)], [0, 48])
    assert amounts(report(series, Period.DAY)) == [
        ("2024-02-28", Decimal("24.0000")),
        ("2024-02-29", Decimal("24.0000")),
    ]
    assert [r.days for r in report(series, Period.MONTH).rows] == [2]
    year = Series.of([at(2023, 12, 31), at(2025, 1, 1)], [0, 367])
    rep = report(year, Period.YEAR)
    assert amounts(rep) == [("2023-01-01", Decimal("1.0000")), ("2024-01-01", Decimal("366.0000"))]
    assert [r.days for r in rep.rows] == [1, 366]


def test_dst_in_berlin_days_of_23_and_25_hours():
    spring = Series.of([at(2025, 3, 29, tz=BERLIN), at(2025, 3, 31, tz=BERLIN)], [0, 47])  # 47 hours
    rep = report(spring, Period.DAY, BERLIN)
    assert amounts(rep) == [("2025-03-29", Decimal("24.0000")), ("2025-03-30", Decimal("23.0000"))]
    assert [r.days for r in rep.rows] == [1, 1]
    autumn = Series.of([at(2025, 10, 25, tz=BERLIN), at(2025, 10, 27, tz=BERLIN)], [0, 49])  # 49 hours
    assert amounts(report(autumn, Period.DAY, BERLIN)) == [
        ("2025-10-25", Decimal("24.0000")),
        ("2025-10-26", Decimal("25.0000")),
    ]


def test_dst_in_new_york_and_local_month_edges():
    spring = Series.of([at(2025, 3, 8, tz=NEW_YORK), at(2025, 3, 10, tz=NEW_YORK)], [0, 47])
    assert amounts(report(spring, Period.DAY, NEW_YORK)) == [
        ("2025-03-08", Decimal("24.0000")),
        ("2025-03-09", Decimal("23.0000")),
    ]
    autumn = Series.of([at(2025, 11, 1, tz=NEW_YORK), at(2025, 11, 3, tz=NEW_YORK)], [0, 49])
    assert amounts(report(autumn, Period.DAY, NEW_YORK)) == [
        ("2025-11-01", Decimal("24.0000")),
        ("2025-11-02", Decimal("25.0000")),
    ]
    # 20:00 on 31 January to 04:00 on 1 February in New York is 01:00 to 09:00 UTC: half and half
    # in local months (in UTC months it would be 10 and 70).
    evening = Series.of([at(2025, 1, 31, 20, tz=NEW_YORK), at(2025, 2, 1, 4, tz=NEW_YORK)], [0, 80])
    assert amounts(report(evening, Period.MONTH, NEW_YORK)) == [
        ("2025-01-01", Decimal("40.0000")),
        ("2025-02-01", Decimal("40.0000")),
    ]
    assert amounts(report(evening, Period.MONTH, UTC)) == [("2025-02-01", Decimal("80.0000"))]


def test_meter_replacement_makes_consumption_continuous():
    """10 a day throughout: the old meter ends at 1150 on the 16th, the new one starts at 0."""
    series = Series.of([at(2025, 1, 1), at(2025, 1, 11), at(2025, 1, 21)], [1000, 1100, 50])
    replaced = event(MeterEventKind.REPLACEMENT, at(2025, 1, 16), "1150", "0")
    rep = report(series, Period.DAY, events=[replaced])
    assert {c for _, c in amounts(rep)} == {Decimal("10.0000")}
    assert len(rep.rows) == 20
    assert rep.total_consumption == Decimal("200.0000")
    assert rep.notes == ()
    unexplained = report(series, Period.MONTH)
    assert amounts(unexplained) == [("2025-01-01", Decimal("-950.0000"))]
    assert "2025-01-21" in unexplained.notes[0] and "no meter change" in unexplained.notes[0]


def test_replacement_at_the_time_of_a_reading_counts_that_reading_on_the_new_meter():
    series = Series.of([at(2025, 1, 1), at(2025, 1, 11), at(2025, 1, 21)], [500, 5, 105])
    replaced = event(MeterEventKind.REPLACEMENT, at(2025, 1, 11), "600", "0")  # read 5 just after
    rep = report(series, Period.MONTH, events=[replaced])
    assert amounts(rep) == [("2025-01-01", Decimal("205.0000"))]  # 100 + 5 + 100
    daily = report(series, Period.DAY, events=[replaced])
    assert daily.rows[9].consumption == Decimal("15.0000")  # 10th: 10, plus the 5 at 00:00 of the 11th


def test_reset_to_zero_and_to_a_value():
    series = Series.of([at(2025, 1, 1), at(2025, 1, 3), at(2025, 1, 5)], [480, 10, 30])
    reset = event(MeterEventKind.RESET, at(2025, 1, 2), "490")  # new value None: back to zero
    assert amounts(report(series, Period.DAY, events=[reset])) == [
        ("2025-01-01", Decimal("10.0000")),
        ("2025-01-02", Decimal("10.0000")),
        ("2025-01-03", Decimal("10.0000")),
        ("2025-01-04", Decimal("10.0000")),
    ]
    to_five = event(MeterEventKind.RESET, at(2025, 1, 2), "490", "5")
    assert report(series, Period.MONTH, events=[to_five]).total_consumption == Decimal("35.0000")


def test_rollover_adds_ten_to_the_power_of_digits():
    series = Series.of([at(2025, 1, 1), at(2025, 1, 5)], [9990, 30])
    own_digits = event(MeterEventKind.ROLLOVER, at(2025, 1, 3), digits=4)
    rep = report(series, Period.DAY, events=[own_digits])
    assert {c for _, c in amounts(rep)} == {Decimal("10.0000")}
    metric_digits = event(MeterEventKind.ROLLOVER, at(2025, 1, 3))
    assert report(series, Period.MONTH, events=[metric_digits], digits=4).total_consumption == Decimal("40.0000")


def test_events_outside_the_readings_change_nothing():
    series = Series.of([at(2025, 1, 1), at(2025, 1, 5)], [100, 140])
    before = event(MeterEventKind.REPLACEMENT, at(2024, 12, 1), "50", "0")
    after = event(MeterEventKind.ROLLOVER, at(2025, 2, 1), digits=3)
    assert report(series, Period.MONTH, events=[before, after]).total_consumption == Decimal("40.0000")


def test_two_readings_at_one_instant_count_in_the_period_that_ends_there():
    series = Series.of([at(2025, 1, 1), at(2025, 2, 1), at(2025, 2, 1), at(2025, 3, 1)], [0, 31, 40, 68])
    curve = counter_curve(series)
    assert curve.total == 68
    assert amounts(report(series, Period.MONTH)) == [
        ("2025-01-01", Decimal("40.0000")),
        ("2025-02-01", Decimal("28.0000")),
    ]


def test_curve_between_arbitrary_instants():
    curve = counter_curve(Series.of([at(2025, 1, 1), at(2025, 1, 11)], [0, 100]))
    mid = at(2025, 1, 6)
    assert curve.between([at(2024, 1, 1), mid], [mid, at(2026, 1, 1)]).tolist() == [50.0, 50.0]
    assert curve.covers(at(2025, 1, 2), at(2025, 1, 3)) and not curve.covers(at(2024, 12, 31), mid)


# -- ranges, last year ------------------------------------------------------------------------------


def test_range_cuts_the_first_and_last_periods():
    series = Series.of([at(2025, 1, 1), at(2025, 4, 1)], [0, 900])  # 10 a day
    rep = report(series, Period.MONTH, start=date(2025, 1, 15), end=date(2025, 3, 11))
    assert [(r.start, r.end, r.consumption, r.days) for r in rep.rows] == [
        (date(2025, 1, 15), date(2025, 2, 1), Decimal("170.0000"), 17),
        (date(2025, 2, 1), date(2025, 3, 1), Decimal("280.0000"), 28),
        (date(2025, 3, 1), date(2025, 3, 11), Decimal("100.0000"), 10),
    ]
    assert report(series, Period.MONTH, start=date(2026, 1, 1)).rows == []
    wide = report(series, Period.MONTH, start=date(2020, 1, 1), end=date(2030, 1, 1))
    assert [(r.start, r.end) for r in wide.rows][::2] == [
        (date(2025, 1, 1), date(2025, 2, 1)),
        (date(2025, 3, 1), date(2025, 4, 1)),
    ]


def test_last_year_compares_the_same_covered_span():
    # 10 a day through 2024 (a leap year), 20 a day in 2025 up to 15 March noon.
    series = Series.of([at(2024, 1, 1), at(2025, 1, 1), at(2025, 3, 15, 12)], [0, 3660, 3660 + 20 * 73.5])
    rep = report(series, Period.MONTH, start=date(2025, 1, 1))
    jan, feb, mar = rep.rows
    assert (jan.consumption, jan.last_year, jan.change) == (Decimal("620.0000"), Decimal("310.0000"), Decimal(1))
    # February 2024 had 29 days; the change is kept exact (rounded only for display).
    assert (feb.last_year, feb.change) == (Decimal("290.0000"), Decimal(560 - 290) / 290)
    # March so far: 1 to 15 March noon, against the same 14.5 days of 2024.
    assert (mar.consumption, mar.days, mar.last_year) == (Decimal("290.0000"), Decimal("14.5"), Decimal("145.0000"))
    first_year = report(series, Period.MONTH, end=date(2024, 3, 1))
    assert [r.last_year for r in first_year.rows] == [None, None]


def test_weeks_compare_with_52_weeks_earlier():
    series = Series.of([at(2024, 1, 1), at(2025, 3, 3)], [0, 427 * 24])
    rep = report(series, Period.WEEK, start=date(2025, 2, 24), end=date(2025, 3, 3))
    assert [(r.start, r.last_year) for r in rep.rows] == [(date(2025, 2, 24), Decimal("168.0000"))]


def test_billing_year_and_heating_season():
    series = Series.of([at(2024, 1, 1), at(2025, 1, 1)], [0, 366])
    assert amounts(report(series, Period.BILLING_YEAR, billing=4)) == [
        ("2023-04-01", Decimal("91.0000")),  # January to March 2024
        ("2024-04-01", Decimal("275.0000")),
    ]
    assert amounts(report(series, Period.HEATING_SEASON)) == [
        ("2023-07-01", Decimal("182.0000")),
        ("2024-07-01", Decimal("184.0000")),
    ]
    assert amounts(report(series, Period.QUARTER))[0] == ("2024-01-01", Decimal("91.0000"))


# -- interval and gauge metrics ------------------------------------------------------------------------


def test_interval_values_cover_the_time_since_the_previous_reading():
    series = Series.of([at(2025, 1, 1), at(2025, 2, 1), at(2025, 3, 1), at(2025, 3, 11)], [500, 310, 280, 40])
    rep = report(series, Period.MONTH, kind=MetricKind.INTERVAL)
    assert amounts(rep) == [
        ("2025-01-01", Decimal("310.0000")),
        ("2025-02-01", Decimal("280.0000")),
        ("2025-03-01", Decimal("40.0000")),
    ]
    assert interval_curve(series).total == 630  # the first value has no start: not counted


def test_gauges_give_mean_minimum_and_maximum_per_period():
    series = Series.of([at(2025, 1, 5), at(2025, 1, 20), at(2025, 1, 31, 23), at(2025, 3, 2)], [20, 22, 18, 21.5])
    rep = report(series, Period.MONTH, kind=MetricKind.GAUGE)
    assert [(r.start.month, r.mean, r.minimum, r.maximum) for r in rep.rows] == [
        (1, Decimal("20.000"), Decimal("18.0"), Decimal("22.0")),
        (2, None, None, None),
        (3, Decimal("21.500"), Decimal("21.5"), Decimal("21.5")),
    ]
    assert all(r.consumption is None and r.cost is None for r in rep.rows)
    assert rep.projection is None
    assert report_csv(rep).splitlines()[1] == "2025-01-01,2025-02-01,,27,,,20.000,18.0,22.0"
    one = report(Series.of([at(2025, 1, 5)], [20]), Period.MONTH, kind=MetricKind.GAUGE)
    assert [(r.start, r.days, r.mean) for r in one.rows] == [(date(2025, 1, 1), 0, Decimal("20.000"))]


def test_gauge_stats_leave_out_readings_outside_the_buckets():
    series = Series.of([0, 10, 20, 30, 40], [5, 1, 2, 9, 7])
    stats = gauge_stats(series, [10, 25, 35])
    assert stats.count.tolist() == [2, 1]
    assert stats.mean.tolist() == [1.5, 9.0] and stats.maximum.tolist() == [2.0, 9.0]


def test_empty_and_single_reading_counters_have_no_rows():
    assert report(Series.empty(), Period.MONTH).rows == []
    single = report(Series.of([at(2025, 1, 1)], [5]), Period.MONTH)
    assert single.rows == [] and single.total_consumption is None and single.projection is None


def test_buckets_cover_the_data_span_exactly():
    spans = buckets(at(2025, 1, 30, 6), at(2025, 3, 1), Period.MONTH, UTC)
    assert [(b.start, b.days) for b in spans] == [(date(2025, 1, 1), Decimal("1.75")), (date(2025, 2, 1), 28)]


def test_series_of_sorts_by_time_then_value():
    series = Series.of([30, 10, 20, 10], [3.0, 2.0, 5.0, 1.0])
    assert series.ts.tolist() == [10, 10, 20, 30]
    assert series.values.tolist() == [1.0, 2.0, 5.0, 3.0]
    with pytest.raises(ValueError):
        Series.of([1, 2], [1.0])


def test_allocation_agrees_with_a_plain_loop_over_intervals():
    """The vectorised allocation against a straightforward reference: each interval's consumption
    split over the months by the share of its seconds in each."""
    rng = np.random.default_rng(7)
    ts = np.cumsum(rng.integers(1, 20 * 86400, 400)) + at(2000, 1, 1)
    values = np.cumsum(rng.random(400) * 30)
    edges = [at(y, m, 1) for y in range(2000, 2025) for m in range(1, 13)]
    expected = np.zeros(len(edges) - 1)
    for t0, t1, v0, v1 in zip(ts[:-1], ts[1:], values[:-1], values[1:], strict=True):
        for k in range(len(edges) - 1):
            overlap = min(t1, edges[k + 1]) - max(t0, edges[k])
            if overlap > 0:
                expected[k] += (v1 - v0) * overlap / (t1 - t0)
    curve = counter_curve(Series(ts.astype(np.int64), values))
    np.testing.assert_allclose(np.diff(curve.at(edges)), expected, atol=1e-9)
    assert expected.sum() == pytest.approx(values[-1] - values[0])


def test_local_zone_follows_tz(monkeypatch):
    from homelog_desktop.config import system_zone as local_zone

    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone() == NEW_YORK
    monkeypatch.setenv("TZ", "Not/AZone")
    zone = local_zone()  # falls back to the system's zone: still a usable tzinfo
    assert datetime(2025, 7, 1, tzinfo=zone).utcoffset() is not None


def test_report_rounds_once_from_the_exact_value():
    """760.999 kWh over 2,000 days is 0.3804995 a day: shown as 0.380 (not 0.3805 kept, then 0.381)."""
    from PySide6.QtCore import QLocale

    from homelog_desktop.services.reports import rate_text
    from homelog_desktop.views import figures

    series = Series.of([at(2020, 1, 1), at(2020, 1, 1) + 2000 * 86400], [0, 760.999])
    src = source(decimals=3)
    rep = compute_report(src, src.metrics[0], Period.MONTH, series, [], [], UTC, start=date(2020, 3, 1))
    march = rep.rows[0]
    assert march.days == 31
    # 31 × 0.3804995 = 11.7954845: to three decimals 11.795, a day 0.380 (0.3804995 to four: 0.3805).
    assert figures.number(march.consumption, 3, QLocale.c()) == "11.795"
    assert figures.number(march.avg_per_day, 3, QLocale.c()) == "0.380"
    assert rate_text(march.avg_per_day, src.metrics[0]) == "0.38050"
