"""Properties of the engine's interval curve (what reports, costs and the dashboard use): amounts
spread into any buckets sum back to themselves, each bucket gets exactly what ``spread_amounts``
gives it, and gaps stay gaps (no amount, nothing covered)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homelog_desktop.domain.consumption import Series, interval_curve
from homelog_desktop.domain.intervals import spread_amounts
from tests.unit.test_intervals import edges, periods

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _curve(p: tuple[list[int], list[int], list[float]]):
    starts, ends, values = p
    return interval_curve(Series.of(ends, values, starts))


@SETTINGS
@given(periods(), edges())
def test_buckets_that_cover_every_period_sum_back_to_the_amounts(p, x) -> None:
    """However the buckets fall, their amounts add up to the amounts of the periods (instants too)."""
    starts, ends, values = p
    lo, hi = min(starts) - 1, max(ends) + 1
    x = np.array(sorted({*(v for v in x if lo < v < hi), lo, hi}), dtype=np.int64)
    curve = _curve(p)
    amounts = curve.between(x[:-1], x[1:])
    assert amounts.sum() == pytest.approx(sum(values), rel=1e-9, abs=1e-6)


@SETTINGS
@given(periods(allow_instants=False), edges())
def test_each_bucket_gets_what_spread_amounts_gives_it(p, x) -> None:
    """Per bucket the curve agrees with ``spread_amounts`` (itself checked against brute force):
    the same amount and the same seconds covered; a bucket no period touches has neither."""
    starts, ends, values = p
    curve = _curve(p)
    spread = spread_amounts(starts, ends, values, x)
    a, b = np.array(x[:-1]), np.array(x[1:])
    amounts = curve.between(a, b)
    covered = curve.covered(a, b)
    np.testing.assert_array_equal(covered, spread.covered)
    expected = np.where(spread.gaps, 0.0, spread.totals)
    scale = max(1.0, sum(values))
    np.testing.assert_allclose(amounts, expected, rtol=1e-9, atol=1e-9 * scale)


@SETTINGS
@given(periods(allow_instants=False), st.data())
def test_gaps_stay_gaps(p, data) -> None:
    """A span between periods that no period covers gets no amount and no covered time, and
    ``covers`` refuses any span that touches it."""
    starts, ends, values = p
    curve = _curve(p)
    spans = sorted(zip(starts, ends, strict=True))
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach:  # a gap [reach, start)
            a = data.draw(st.integers(reach, start - 1))
            b = data.draw(st.integers(a + 1, start))
            assert curve.between([a], [b])[0] == pytest.approx(0.0, abs=1e-9 * max(1.0, sum(values)))
            assert curve.covered([a], [b])[0] == 0
            assert not curve.covers(min(a, spans[0][0]), b)
        reach = max(reach, end)


@st.composite
def back_to_back(draw):
    """A smart meter's periods: one after another, each touching the last or after a gap."""
    count = draw(st.integers(1, 60))
    start = draw(st.integers(1_700_000_000, 1_700_100_000))
    starts, ends, values = [], [], []
    for _ in range(count):
        start += draw(st.sampled_from([0, 0, 0, 1, 900, 86400 * 3]))  # mostly touching
        length = draw(st.sampled_from([900, 3600, 86400, 31 * 86400, 7]))
        starts.append(start)
        ends.append(start + length)
        values.append(draw(st.floats(min_value=0, max_value=1e4, allow_nan=False)))
        start += length
    return starts, ends, values


@SETTINGS
@given(back_to_back(), edges())
def test_periods_one_after_another_match_spread_amounts(p, x) -> None:
    """The fast path for periods one after another gives what ``spread_amounts`` gives, gaps included."""
    starts, ends, values = p
    curve = _curve(p)
    x = sorted({*x, starts[0], ends[-1], *starts[:: max(1, len(starts) // 5)]})
    spread = spread_amounts(starts, ends, values, x)
    a, b = np.array(x[:-1]), np.array(x[1:])
    np.testing.assert_array_equal(curve.covered(a, b), spread.covered)
    expected = np.where(spread.gaps, 0.0, spread.totals)
    np.testing.assert_allclose(curve.between(a, b), expected, rtol=1e-9, atol=1e-9 * max(1.0, sum(values)))
