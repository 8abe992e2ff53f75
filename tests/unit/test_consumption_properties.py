"""Properties of the consumption engine that must hold for any readings and meter events."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homelog_desktop.domain.consumption import Period, Series, buckets, counter_curve, interval_curve
from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Source, Tariff
from homelog_desktop.services.reports import compute_report

ZONES = [UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe")]
START = int(datetime(2019, 1, 1, tzinfo=UTC).timestamp())
SPAN = 6 * 365 * 86400
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

zones = st.sampled_from(ZONES)
periods = st.sampled_from(list(Period))
times = st.integers(START, START + SPAN)
values = st.decimals(min_value=0, max_value=99999, places=1, allow_nan=False, allow_infinity=False)


@st.composite
def readings(draw, min_size=2, unique=True):
    ts = draw(st.lists(times, min_size=min_size, max_size=40, unique=unique))
    vs = draw(st.lists(values, min_size=len(ts), max_size=len(ts)))
    return ts, [float(v) for v in vs]


@st.composite
def events(draw):
    kind = draw(st.sampled_from(list(MeterEventKind)))
    when = datetime.fromtimestamp(draw(times), UTC)
    old = draw(values) if kind is not MeterEventKind.ROLLOVER else None
    new = draw(st.none() | values) if kind is not MeterEventKind.ROLLOVER else None
    digits = draw(st.integers(3, 7)) if kind is MeterEventKind.ROLLOVER else None
    return MeterEvent(None, 1, 1, when, kind, old, new, digits)


def expected_total(ts: list[int], vs: list[float], evs: list[MeterEvent]) -> float:
    """last − first + the corrections of the events strictly after the first reading, up to the last."""
    series = Series.of(ts, vs)
    first, last = int(series.ts[0]), int(series.ts[-1])
    total = float(series.values[-1] - series.values[0])
    for e in evs:
        if first < int(e.at.timestamp()) <= last:
            if e.kind is MeterEventKind.ROLLOVER:
                total += 10.0 ** (e.digits or 0)
            elif e.old_value is not None:
                total += float(e.old_value) - float(e.new_value or 0)
    return total


@SETTINGS
@given(readings(unique=False), st.lists(events(), max_size=4), periods, zones)
def test_allocated_totals_equal_last_minus_first_plus_corrections(data, evs, period, tz):
    ts, vs = data
    curve = counter_curve(Series.of(ts, vs), evs)
    spans = buckets(curve.start, curve.end, period, tz, billing_start_month=4)
    allocated = curve.between([b.covered_from.epoch for b in spans], [b.covered_to.epoch for b in spans])
    if curve.start == curve.end:  # every reading at one instant: no span, nothing to allocate
        assert spans == [] and curve.total == 0
        return
    expected = expected_total(ts, vs, evs)
    assert allocated.sum() == pytest.approx(expected, abs=1e-6)
    assert curve.total == pytest.approx(expected, abs=1e-6)
    # Periods are disjoint and cover the data span exactly.
    assert spans[0].covered_from.epoch == curve.start and spans[-1].covered_to.epoch == curve.end
    assert all(a.covered_to == b.covered_from for a, b in itertools.pairwise(spans))


@SETTINGS
@given(readings(unique=False), zones)
def test_days_summed_into_months_equal_months(data, tz):
    ts, vs = data
    source = Source(1, "S", metrics=(Metric(1, "M", "kWh", MetricKind.COUNTER, 1),))
    series = Series.of(ts, vs)
    tariffs = [Tariff(None, 1, datetime.fromtimestamp(START + SPAN // 3, tz).date(), Decimal("0.3"), Decimal("0.2"))]
    days = compute_report(source, source.metrics[0], Period.DAY, series, [], tariffs, tz)
    months = compute_report(source, source.metrics[0], Period.MONTH, series, [], tariffs, tz)
    by_month: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in days.rows:
        entry = by_month[(row.start.year, row.start.month)]
        entry[0] += row.consumption
        entry[1] += row.days
    assert [(r.start.year, r.start.month) for r in months.rows] == list(by_month)
    for row in months.rows:
        consumption, covered = by_month[(row.start.year, row.start.month)]
        assert abs(consumption - row.consumption) <= Decimal("0.0001") * 32  # one rounding per day
        assert covered == row.days
    month_costs = [r.cost for r in months.rows]
    if None not in month_costs and months.total_cost is not None:
        assert days.total_cost is not None
        assert abs(days.total_cost - months.total_cost) < Decimal("0.00001")  # not even a thousandth of a cent


@SETTINGS
@given(readings(unique=False), st.lists(events(), max_size=3), periods, zones, st.randoms(use_true_random=False))
def test_order_of_readings_does_not_matter(data, evs, period, tz, rnd: random.Random):
    ts, vs = data
    source = Source(1, "S", metrics=(Metric(1, "M", "kWh", MetricKind.COUNTER, 1),))
    pairs = list(zip(ts, vs, strict=True))
    shuffled = pairs[:]
    rnd.shuffle(shuffled)
    a = compute_report(source, source.metrics[0], period, Series.of(*zip(*pairs, strict=True)), evs, [], tz)
    b = compute_report(source, source.metrics[0], period, Series.of(*zip(*shuffled, strict=True)), evs[::-1], [], tz)
    assert a.rows == b.rows and a.projection == b.projection


@SETTINGS
@given(readings(), periods, zones)
def test_interval_totals_are_the_values_after_the_first(data, period, tz):
    ts, vs = data
    series = Series.of(ts, vs)
    curve = interval_curve(series)
    spans = buckets(curve.start, curve.end, period, tz)
    allocated = curve.between([b.covered_from.epoch for b in spans], [b.covered_to.epoch for b in spans])
    assert allocated.sum() == pytest.approx(float(np.sum(series.values[1:])), abs=1e-6)
