"""Amounts per period spread over calendar buckets: sums back to the amounts, gaps stay gaps."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homelog_desktop.domain.consumption import midnight
from homelog_desktop.domain.intervals import spread_amounts

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
T0 = 1_700_000_000
SPAN = 400 * 86400

times = st.integers(T0, T0 + SPAN)
amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def periods(draw, min_size=1, max_size=40, allow_instants=True):
    """Periods [start, end) with amounts; some overlap, some leave gaps, some have no length."""
    count = draw(st.integers(min_size, max_size))
    starts, ends, values = [], [], []
    for _ in range(count):
        start = draw(times)
        length = draw(st.integers(0 if allow_instants else 1, 40 * 86400))
        starts.append(start)
        ends.append(start + length)
        values.append(draw(amounts))
    return starts, ends, values


@st.composite
def edges(draw, min_size=2, max_size=30):
    """Increasing bucket edges anywhere around the periods (a calendar's are one such choice)."""
    points = draw(
        st.lists(
            st.integers(T0 - 20 * 86400, T0 + SPAN + 60 * 86400), min_size=min_size, max_size=max_size, unique=True
        )
    )
    return sorted(points)


def overlap(start: int, end: int, a: int, b: int) -> int:
    return max(0, min(end, b) - max(start, a))


@SETTINGS
@given(periods(), edges())
def test_spread_amounts_sums_back_to_the_total_when_the_buckets_cover_the_periods(p, x) -> None:
    """Buckets that cover every period sum back to the sum of the amounts."""
    starts, ends, values = p
    lo, hi = min(starts) - 1, max(ends) + 1
    x = sorted({*(v for v in x if lo < v < hi), lo, hi})
    spread = spread_amounts(starts, ends, values, x)
    assert np.nansum(spread.totals) == pytest.approx(sum(values), rel=1e-9, abs=1e-6)


@SETTINGS
@given(periods(allow_instants=False), edges())
def test_spread_amounts_gives_each_bucket_its_share_of_each_period(p, x) -> None:
    """Each bucket gets amount × (overlap / length) of every period, compared against a plain loop."""
    starts, ends, values = p
    spread = spread_amounts(starts, ends, values, x)
    for k in range(len(x) - 1):
        a, b = x[k], x[k + 1]
        expected = sum(v * overlap(s, e, a, b) / (e - s) for s, e, v in zip(starts, ends, values, strict=True))
        touched = any(overlap(s, e, a, b) > 0 for s, e in zip(starts, ends, strict=True))
        if touched:
            assert spread.totals[k] == pytest.approx(expected, rel=1e-9, abs=1e-6)
        else:
            assert np.isnan(spread.totals[k])


@SETTINGS
@given(periods(allow_instants=False), edges())
def test_spread_amounts_leaves_gaps_as_gaps(p, x) -> None:
    """A bucket no period touches has no value (NaN, not 0) and no covered seconds; others are covered."""
    starts, ends, values = p
    spread = spread_amounts(starts, ends, values, x)
    for k in range(len(x) - 1):
        a, b = x[k], x[k + 1]
        union = _union_overlap(starts, ends, a, b)
        assert spread.covered[k] == union
        assert spread.gaps[k] == (union == 0)


def _union_overlap(starts: list[int], ends: list[int], a: int, b: int) -> int:
    pieces = sorted((max(s, a), min(e, b)) for s, e in zip(starts, ends, strict=True) if min(e, b) > max(s, a))
    total, reach = 0, a
    for lo, hi in pieces:
        if hi > reach:
            total += hi - max(lo, reach)
            reach = hi
    return total


@SETTINGS
@given(periods(), edges(min_size=3))
def test_spread_amounts_adds_up_over_merged_buckets(p, x) -> None:
    """Merging two neighbouring buckets gives the sum of their totals (no amount is counted twice)."""
    starts, ends, values = p
    fine = spread_amounts(starts, ends, values, x)
    coarse = spread_amounts(starts, ends, values, [x[0], *x[2:]])
    merged = np.nansum(fine.totals[:2]) if not np.all(np.isnan(fine.totals[:2])) else np.nan
    if np.isnan(merged):
        assert np.isnan(coarse.totals[0])
    else:
        assert coarse.totals[0] == pytest.approx(merged, rel=1e-9, abs=1e-6)
    np.testing.assert_allclose(coarse.totals[1:], fine.totals[2:], rtol=1e-9, atol=1e-6)


def test_spread_amounts_splits_a_period_across_month_ends_in_local_time() -> None:
    """A bill of 365 over a year gives each local month its days' share; the month after it is a gap."""
    tz = ZoneInfo("Europe/Brussels")
    months = [date(2023, m, 1) for m in range(1, 13)] + [date(2024, 1, 1), date(2024, 2, 1)]
    x = [midnight(d, tz) for d in months]
    spread = spread_amounts([x[0]], [x[12]], [365.0], x)
    seconds = np.diff(x[:13])
    np.testing.assert_allclose(spread.totals[:12], 365.0 * seconds / seconds.sum())
    assert spread.totals[1] == pytest.approx(365.0 * (28 * 86400) / seconds.sum())
    assert np.isnan(spread.totals[12])
    assert spread.covered[12] == 0


def test_spread_amounts_puts_an_instant_amount_in_its_bucket() -> None:
    """An amount whose period has no length falls whole into the bucket holding its instant."""
    spread = spread_amounts([T0 + 10], [T0 + 10], [4.0], [T0, T0 + 10, T0 + 20])
    assert np.isnan(spread.totals[0])
    assert spread.totals[1] == 4.0


def test_spread_amounts_keeps_a_zero_amount_as_a_value() -> None:
    """A covered bucket whose amounts are zero is 0, not a gap."""
    spread = spread_amounts([T0], [T0 + 900], [0.0], [T0, T0 + 900, T0 + 1800])
    assert spread.totals[0] == 0.0
    assert np.isnan(spread.totals[1])


def test_spread_amounts_refuses_bad_input() -> None:
    """Periods ending before they start, non-increasing edges and NaN amounts are errors."""
    with pytest.raises(ValueError, match="ends before"):
        spread_amounts([T0 + 5], [T0], [1.0], [T0, T0 + 10])
    with pytest.raises(ValueError, match="increase"):
        spread_amounts([T0], [T0 + 5], [1.0], [T0, T0])
    with pytest.raises(ValueError, match="finite"):
        spread_amounts([T0], [T0 + 5], [float("nan")], [T0, T0 + 10])


def test_spread_amounts_handles_ten_years_of_quarter_hours_quickly() -> None:
    """350,000 quarter-hour amounts spread into months equal their sum (the smart-meter scale)."""
    n = 350_400
    starts = T0 + 900 * np.arange(n, dtype=np.int64)
    values = np.full(n, 0.25)
    tz = ZoneInfo("Europe/Amsterdam")
    first = date(2023, 11, 1)
    months = [first]
    while midnight(months[-1], tz) < starts[-1] + 900:
        d = months[-1]
        months.append(date(d.year + d.month // 12, d.month % 12 + 1, 1))
    x = [midnight(d, tz) for d in months]
    spread = spread_amounts(starts, starts + 900, values, x)
    assert np.nansum(spread.totals) == pytest.approx(0.25 * n)
    assert spread.covered.sum() == 900 * n
