"""Virtual meters in the domain: the rules of their terms and their figures (hand-computed and by property)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.domain.access import SourceFacts
from homelog_desktop.domain.consumption import Curve, Period, Series, counter_curve, interval_curve
from homelog_desktop.domain.entities import (
    MeterEvent,
    MeterEventKind,
    Metric,
    MetricKind,
    Source,
    VirtualTerm,
)
from homelog_desktop.domain.virtual import InputFacts, check_virtual, combine_curves
from homelog_desktop.services.reports import compute_report


def at(y: int, m: int, d: int) -> int:
    return int(datetime(y, m, d, tzinfo=UTC).timestamp())


def series(*points: tuple[int, float]) -> Series:
    return Series(np.array([p[0] for p in points], dtype=np.int64), np.array([p[1] for p in points], dtype=np.float64))


def house() -> Curve:
    """0 on 1 Jan, 200 on 21 Jan (10 a day), 500 on 10 Feb and 785 on 1 Mar (15 a day)."""
    return counter_curve(
        series((at(2025, 1, 1), 0), (at(2025, 1, 21), 200), (at(2025, 2, 10), 500), (at(2025, 3, 1), 785))
    )


def heat_pump() -> Curve:
    """1000 on 11 Jan, 1350 on 15 Feb (10 a day), reset on 20 Feb at 1400, 90 on 1 Mar (10 a day)."""
    reset = MeterEvent(None, 2, 2, datetime(2025, 2, 20, tzinfo=UTC), MeterEventKind.RESET, Decimal(1400), Decimal(0))
    return counter_curve(series((at(2025, 1, 11), 1000), (at(2025, 2, 15), 1350), (at(2025, 3, 1), 90)), [reset])


VIRTUAL_METRIC = Metric(9, "Rest", "kWh", decimals=1)


def virtual_source(*terms: VirtualTerm, unit: str = "kWh", public: bool = False, owner: int | None = 1) -> Source:
    return Source(
        5, "House without heat pump", owner_id=owner, is_public=public, virtual=True,
        metrics=(Metric(9, "Rest", unit, decimals=1),), terms=terms,
    )  # fmt: skip


def monthly(curve: Curve) -> list[tuple[date, Decimal | None]]:
    report = compute_report(virtual_source(), VIRTUAL_METRIC, Period.MONTH, Series.empty(), [], [], UTC, curve=curve)
    return [(r.start, r.consumption) for r in report.rows]


def test_virtual_difference_by_month_hand_computed() -> None:
    """House − heat pump per month over the time both cover (from 11 January), the heat pump's reset applied."""
    rows = monthly(combine_curves([(1, house()), (-1, heat_pump())]))
    # January (11th-31st): house 10 days x 10 + 11 days x 15 = 265, heat pump 21 x 10 = 210.
    # February: house 28 x 15 = 420, heat pump 140 + 50 + 90 = 280.
    assert rows == [(date(2025, 1, 1), Decimal(55)), (date(2025, 2, 1), Decimal(140))]


def test_virtual_sum_by_month_hand_computed() -> None:
    """House + heat pump per month: 475 in January (from the 11th), 700 in February."""
    rows = monthly(combine_curves([(1, house()), (1, heat_pump())]))
    assert rows == [(date(2025, 1, 1), Decimal(475)), (date(2025, 2, 1), Decimal(700))]


def test_virtual_report_total_and_days() -> None:
    """The report's total is the sum of the rows; days count from the 11th, when both inputs have data."""
    curve = combine_curves([(1, house()), (-1, heat_pump())])
    report = compute_report(virtual_source(), VIRTUAL_METRIC, Period.MONTH, Series.empty(), [], [], UTC, curve=curve)
    assert report.total_consumption == Decimal(195)
    assert [r.days for r in report.rows] == [Decimal(21), Decimal(28)]


def test_virtual_unexplained_decrease_of_input_is_noted() -> None:
    """A counter going down in an input (no meter change recorded) shows in the virtual meter's notes."""
    down = counter_curve(series((at(2025, 1, 1), 100), (at(2025, 1, 15), 50), (at(2025, 2, 1), 80)))
    curve = combine_curves([(1, house()), (-1, down)])
    report = compute_report(virtual_source(), VIRTUAL_METRIC, Period.MONTH, Series.empty(), [], [], UTC, curve=curve)
    assert report.notes and "An input's counter goes down on 2025-01-15" in report.notes[0]


def test_virtual_of_no_overlap_is_empty() -> None:
    """Inputs whose readings do not overlap in time give no figures (never a partial one)."""
    early = counter_curve(series((at(2024, 1, 1), 0), (at(2024, 2, 1), 10)))
    assert combine_curves([(1, early), (1, house())]).is_empty
    assert combine_curves([(1, Curve(np.zeros(0, dtype=np.int64), np.zeros(0))), (1, house())]).is_empty


def test_virtual_with_interval_input_covers_only_its_periods() -> None:
    """An interval input's gap is a gap of the virtual meter too: its row is not covered, never zero."""
    periods = Series(
        np.array([at(2025, 1, 21), at(2025, 2, 28)], dtype=np.int64),
        np.array([100.0, 50.0], dtype=np.float64),
        np.array([at(2025, 1, 11), at(2025, 2, 18)], dtype=np.int64),
    )
    curve = combine_curves([(1, house()), (-1, interval_curve(periods))])
    assert curve.covered_starts is not None and curve.covered_starts.tolist() == [at(2025, 1, 11), at(2025, 2, 18)]
    assert float(curve.between([at(2025, 1, 11)], [at(2025, 1, 21)])[0]) == 100 - 100


# -- property: the virtual meter's amounts are its inputs' signed amounts, over any bucketing ----


def _counter(draw: st.DrawFn, start: int) -> Curve:
    n = draw(st.integers(2, 12))
    gaps = draw(st.lists(st.integers(600, 40 * 86400), min_size=n - 1, max_size=n - 1))
    steps = draw(st.lists(st.floats(0, 500, allow_nan=False), min_size=n - 1, max_size=n - 1))
    ts = np.cumsum([start, *gaps]).astype(np.int64)
    values = np.cumsum([draw(st.floats(0, 1000, allow_nan=False)), *steps])
    events = []
    if draw(st.booleans()) and n > 2:
        k = draw(st.integers(1, n - 2))
        when = int(ts[k]) + draw(st.integers(1, int(ts[k + 1] - ts[k]) - 1 if ts[k + 1] - ts[k] > 1 else 1))
        if when < int(ts[k + 1]):
            old = float(values[k]) + 1.0
            events.append(
                MeterEvent(None, 1, 1, datetime.fromtimestamp(when, UTC), MeterEventKind.RESET, Decimal(str(old)))
            )
            values[k + 1 :] = values[k + 1 :] - values[k + 1] + draw(st.floats(0, 100, allow_nan=False))
    return counter_curve(Series(ts, values), events)


@st.composite
def inputs(draw: st.DrawFn) -> list[tuple[int, Curve]]:
    count = draw(st.integers(1, 3))
    base = at(2025, 1, 1)
    return [
        (draw(st.sampled_from([1, -1])), _counter(draw, base + draw(st.integers(0, 20 * 86400)))) for _ in range(count)
    ]


@settings(max_examples=150, deadline=None)
@given(parts=inputs(), cuts=st.lists(st.floats(0, 1), min_size=1, max_size=15))
def test_virtual_amounts_are_signed_sum_of_inputs_over_any_buckets(
    parts: list[tuple[int, Curve]], cuts: list[float]
) -> None:
    """Over any bucketing of the time all inputs cover, each bucket and the whole equal Σ sign × input."""
    curve = combine_curves(parts)
    if curve.is_empty:
        assert max(c.start for _, c in parts) > min(c.end for _, c in parts)
        return
    lo, hi = curve.start, curve.end
    edges = np.unique(np.array([lo, hi] + [lo + int(c * (hi - lo)) for c in cuts], dtype=np.int64))
    got = curve.between(edges[:-1], edges[1:])
    want = sum(sign * c.between(edges[:-1], edges[1:]) for sign, c in parts)
    scale = 1 + sum(abs(c.total) for _, c in parts)
    assert np.allclose(got, want, rtol=1e-9, atol=1e-9 * scale)
    assert abs(float(got.sum()) - float(sum(sign * c.between([lo], [hi])[0] for sign, c in parts))) <= 1e-8 * scale


# -- rules -----------------------------------------------------------------------------------


def facts(metric_id: int, unit: str = "kWh", kind: MetricKind = MetricKind.COUNTER, *, public: bool = True,
          owner: int | None = 1, virtual: bool = False) -> InputFacts:  # fmt: skip
    return InputFacts(Metric(metric_id, f"M{metric_id}", unit, kind), 100 + metric_id, f"S{metric_id}",
                      SourceFacts(owner, public), virtual)  # fmt: skip


def codes(source: Source, known: dict[int, InputFacts], deps: dict[int, list[int]] | None = None) -> list[str]:
    return [i.code for i in check_virtual(source, known, deps or {})]


def test_virtual_rules_accept_a_sum_and_difference_of_the_same_unit() -> None:
    """Two counters in kWh, one added, one subtracted: no problem."""
    assert codes(virtual_source(VirtualTerm(1), VirtualTerm(2, -1)), {1: facts(1), 2: facts(2)}) == []


def test_virtual_rules_refuse_other_units_gauges_and_repeats() -> None:
    """Another unit, a gauge, the same input twice, a sign other than ±1 and a missing input are each named."""
    known = {1: facts(1), 2: facts(2, "m³"), 3: facts(3, "kWh", MetricKind.GAUGE)}
    found = codes(
        virtual_source(
            VirtualTerm(1), VirtualTerm(2), VirtualTerm(3), VirtualTerm(1), VirtualTerm(1, 2), VirtualTerm(7)
        ),
        known,
    )
    assert found == ["virtual-unit", "virtual-gauge", "virtual-twice", "virtual-sign", "virtual-missing"]
    issue = check_virtual(virtual_source(VirtualTerm(2)), known, {})[0]
    assert issue.text == (
        "Input 1 (S2 · M2 (m³)): is in m³, this virtual meter in kWh: only metrics of the same unit can be added or"
        " subtracted"
    )


def test_virtual_rules_need_an_input_and_refuse_itself() -> None:
    """No inputs, or the virtual meter's own metric as an input, are refused."""
    assert codes(virtual_source(), {}) == ["virtual-no-terms"]
    assert codes(virtual_source(VirtualTerm(9)), {9: facts(9)}) == ["virtual-self"]


def test_virtual_rules_refuse_cycles_through_other_virtual_meters() -> None:
    """Using a virtual meter that (through another) uses this one is a cycle; using an unrelated one is fine."""
    known = {20: facts(20, virtual=True), 30: facts(30, virtual=True)}
    deps = {20: [30], 30: [9], 40: [1]}
    assert codes(virtual_source(VirtualTerm(20)), known, deps) == ["virtual-cycle"]
    assert codes(virtual_source(VirtualTerm(30)), known, {30: [1]}) == []


def test_virtual_rules_keep_private_inputs_private() -> None:
    """A public virtual meter takes only public inputs; a private one also its owner's private meters."""
    mine, theirs = facts(1, public=False, owner=1), facts(2, public=False, owner=2)
    assert codes(virtual_source(VirtualTerm(1), public=True), {1: mine}) == ["virtual-private"]
    assert codes(virtual_source(VirtualTerm(1)), {1: mine}) == []
    assert codes(virtual_source(VirtualTerm(2)), {2: theirs}) == ["virtual-private"]
    assert codes(virtual_source(VirtualTerm(3), public=True), {3: facts(3)}) == []
