"""Validation across meter changes: continuous use, no "lower than before" warning, rollover plausibility."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Reading, Source
from homelog_desktop.domain.validation import (
    Neighbour,
    ReadingContext,
    check_reading,
    continuous_use,
    events_between,
    rollover_plausible,
)
from tests.conftest import T0

DAY = timedelta(days=1)
COUNTER = Metric(1, "Day", "kWh", MetricKind.COUNTER, decimals=1, digits=5)
OTHER = Metric(2, "Night", "kWh", MetricKind.COUNTER, decimals=1)
SOURCE = Source(1, "Electricity", metrics=(COUNTER, OTHER))


def event(kind: MeterEventKind, at=T0 - DAY, old=None, new=None, digits=None, metric=COUNTER) -> MeterEvent:
    return MeterEvent(
        None,
        1,
        metric.id,
        at,
        kind,
        None if old is None else Decimal(old),
        None if new is None else Decimal(new),
        digits,
    )


def context(*events: MeterEvent, previous="1000.0", following=None, rate=None) -> ReadingContext:
    return ReadingContext(
        now=T0 + DAY,
        previous={1: Neighbour(T0 - 7 * DAY, Decimal(previous))},
        next={} if following is None else {1: Neighbour(T0 + 7 * DAY, Decimal(following))},
        daily_rates={} if rate is None else {1: Decimal(rate)},
        events=events,
    )


def check(value: str, ctx: ReadingContext) -> list[str]:
    reading = Reading(None, 1, T0, {1: Decimal(value)})
    return [i.code for i in check_reading(reading, SOURCE, ctx)]


@pytest.mark.parametrize(
    ("events", "before", "after", "expected"),
    [
        ((), "100", "130", "30"),
        ((event(MeterEventKind.REPLACEMENT, old="120", new="5"),), "100", "15", "30"),
        ((event(MeterEventKind.RESET, old="110"),), "100", "20", "30"),
        ((event(MeterEventKind.RESET, old="110", new="2"),), "100", "22", "30"),
        ((event(MeterEventKind.ROLLOVER, digits=3),), "990", "20", "30"),
        ((event(MeterEventKind.ROLLOVER),), "99990", "20", "30"),  # the metric's 5 digits
        (
            (
                event(MeterEventKind.REPLACEMENT, at=T0 - 3 * DAY, old="105", new="0"),
                event(MeterEventKind.RESET, at=T0 - 2 * DAY, old="10", new="1"),
            ),
            "100",
            "16",
            "30",
        ),
    ],
)
def test_continuous_use_adds_the_parts_of_each_register(events, before, after, expected):
    """Use across changes = old part up to the final value + new part from the start value (hand-computed)."""
    assert continuous_use(Decimal(before), Decimal(after), list(events), COUNTER.digits) == Decimal(expected)


def test_events_between_takes_only_that_metric_in_the_half_open_span():
    """Only the metric's events after the start and up to the end count, oldest first."""
    inside = event(MeterEventKind.RESET, at=T0 - DAY, old="1")
    at_end = event(MeterEventKind.RESET, at=T0, old="2")
    at_start = event(MeterEventKind.RESET, at=T0 - 7 * DAY, old="3")
    other = event(MeterEventKind.RESET, at=T0 - DAY, old="4", metric=OTHER)
    found = events_between([at_end, other, at_start, inside], 1, T0 - 7 * DAY, T0)
    assert found == [inside, at_end]


def test_counter_down_without_event_is_a_warning():
    """A lower value and no change recorded: the usual "was the meter replaced?" warning."""
    assert check("15.0", context()) == ["counter-down"]


def test_recorded_replacement_removes_the_counter_down_warning():
    """With the replacement recorded between the readings, a lower value is fine."""
    assert check("15.0", context(event(MeterEventKind.REPLACEMENT, old="1020.0", new="5.0"))) == []


def test_replacement_outside_the_interval_does_not_count():
    """A change before the previous reading or after this one does not explain this drop."""
    early = event(MeterEventKind.REPLACEMENT, at=T0 - 8 * DAY, old="1020.0", new="5.0")
    late = event(MeterEventKind.REPLACEMENT, at=T0 + DAY, old="1020.0", new="5.0")
    assert check("15.0", context(early, late)) == ["counter-down"]


def test_value_below_the_new_start_is_still_a_warning():
    """Lower than the new meter's start value: still down, and the message says so."""
    ctx = context(event(MeterEventKind.REPLACEMENT, old="1020.0", new="50.0"))
    reading = Reading(None, 1, T0, {1: Decimal("15.0")})
    (issue,) = check_reading(reading, SOURCE, ctx)
    assert issue.code == "counter-down"
    assert "new meter's start value" in issue.message


def test_next_reading_across_an_event_is_not_above_next():
    """The next reading after a replacement is lower, but continuous: no "higher than the next" warning."""
    later = event(MeterEventKind.REPLACEMENT, at=T0 + DAY, old="1100.0", new="0.0")
    assert check("1050.0", context(later, following="20.0")) == []
    assert check("1050.0", context(following="20.0")) == ["counter-above-next"]


def test_jump_is_measured_on_continuous_use():
    """A replacement with a huge start value does not hide a jump, nor fake one."""
    replaced = event(MeterEventKind.REPLACEMENT, old="1010.0", new="0.0")
    # 10 + 12 = 22 kWh in 7 days at a recent 3/day: fine.
    assert check("12.0", context(replaced, rate="3")) == []
    # 10 + 500 = 510 kWh in 7 days: far beyond 5 × 3/day.
    assert check("500.0", context(replaced, rate="3")) == ["jump"]


@pytest.mark.parametrize(
    ("previous", "value", "rate", "expected"),
    [
        ("99990.0", "15.0", None, True),  # 25 across the wrap: small
        ("99990.0", "15.0", "4", True),  # 25 in 7 days at 4/day
        ("99990.0", "15.0", "0.1", False),  # 25 in 7 days at 0.1/day: too much for a wrap
        ("50000.0", "15.0", None, False),  # half the register: a replacement, not a wrap
        ("99990.0", "99995.0", None, False),  # not lower at all
    ],
)
def test_rollover_plausible_when_the_wrap_is_small(previous, value, rate, expected):
    """A rollover is offered only for a counter with digits whose value wrapped by a small amount."""
    days = Decimal(7)
    assert rollover_plausible(COUNTER, Decimal(previous), Decimal(value), days, rate and Decimal(rate)) is expected


def test_rollover_needs_digits():
    """Without register digits there is nothing to wrap at."""
    assert not rollover_plausible(OTHER, Decimal("99990"), Decimal("5"), Decimal(7))
