"""The rules of sources, metrics, members, meter events and tariffs (domain/rules.py), and the
problem type they share (domain/issues.py): each rule's problems, keyed by field enum."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from homelog_desktop.domain.entities import (
    Member,
    MeterEvent,
    MeterEventKind,
    Metric,
    MetricKind,
    Reading,
    Source,
    Tariff,
)
from homelog_desktop.domain.errors import ValidationError
from homelog_desktop.domain.issues import (
    MemberField,
    MeterEventField,
    MetricField,
    ReadingField,
    RuleError,
    Severity,
    SourceField,
    TariffField,
    error,
    refuse_errors,
    warning,
)
from homelog_desktop.domain.rules import (
    check_member,
    check_meter_event,
    check_metrics,
    check_source,
    check_tariff,
    stored_decimals_issue,
)
from homelog_desktop.domain.validation import (
    Neighbour,
    ReadingContext,
    check_recorded_events,
    unaccepted,
    warning_key,
)

T0 = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)
COUNTER = Metric(1, "Day", "kWh", MetricKind.COUNTER, decimals=1, digits=6)
GAUGE = Metric(2, "Temperature", "°C", MetricKind.GAUGE, decimals=1)
INTERVAL = Metric(3, "Oil", "l", MetricKind.INTERVAL, decimals=0)
SOURCE = Source(1, "Electricity", metrics=(COUNTER, GAUGE))


def fields(issues):
    return [(i.field, i.code) for i in issues]


# -- issues ------------------------------------------------------------------------------------


def test_issue_text_composes_subject_and_message():
    """An issue reads "<subject>: <message>", or just the message without a subject."""
    assert error("x", SourceField.NAME, "is bad", subject="Name").text == "Name: is bad"
    assert warning("x", ReadingField.READING, "Check it.").text == "Check it."
    assert error("x", SourceField.NAME, "m").is_error and not warning("x", SourceField.NAME, "m").is_error


def test_field_enums_of_different_entities_never_compare_equal():
    """A member's name and a source's name are different places, whatever their values."""
    assert MemberField.NAME != SourceField.NAME
    assert MetricField.DIGITS != MeterEventField.DIGITS


def test_refuse_errors_raises_every_error_and_lets_warnings_pass():
    """refuse_errors raises RuleError carrying all errors (a ValidationError), and ignores warnings."""
    refuse_errors([warning("jump", ReadingField.VALUE, "far above")])
    first = error("a", SourceField.NAME, "Name is required.")
    second = error("b", SourceField.INTERVAL, "Reading interval must be between 1 and 3660 days.")
    with pytest.raises(RuleError) as caught:
        refuse_errors([first, warning("c", ReadingField.TIMESTAMP, "w"), second])
    assert caught.value.issues == (first, second)
    assert isinstance(caught.value, ValidationError)
    assert str(caught.value) == "Name is required.\nReading interval must be between 1 and 3660 days."


def test_rule_error_needs_an_issue():
    """A RuleError without a problem would be a bug."""
    with pytest.raises(ValueError):
        RuleError([])


# -- sources and metrics -------------------------------------------------------------------------


def test_check_source_accepts_a_plain_source():
    """A named source with a named metric has no problem."""
    assert check_source(SOURCE) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (Source(None, "  ", metrics=(COUNTER,)), [(SourceField.NAME, "name-missing")]),
        (Source(None, "x" * 201, metrics=(COUNTER,)), [(SourceField.NAME, "name-long")]),
        (Source(None, "Gas", interval_days=0, metrics=(COUNTER,)), [(SourceField.INTERVAL, "interval-range")]),
        (Source(None, "Gas", interval_days=3661, metrics=(COUNTER,)), [(SourceField.INTERVAL, "interval-range")]),
        (
            Source(None, "Gas", billing_start_month=13, metrics=(COUNTER,)),
            [(SourceField.BILLING_START, "billing-start-range")],
        ),
        (Source(None, "Gas", metrics=()), [(SourceField.METRICS, "no-metrics")]),
    ],
)
def test_check_source_finds_each_problem_at_its_field(source, expected):
    """Name, interval, billing year and "no metric" problems are keyed by their SourceField."""
    assert fields(check_source(source)) == expected
    assert all(i.severity is Severity.ERROR for i in check_source(source))


def test_check_metrics_points_at_rows():
    """Each metric's problem names its field and row: unnamed, duplicate (any case), unit, decimals, digits."""
    metrics = (
        Metric(None, "Day", "kWh"),
        Metric(None, " "),
        Metric(None, " DAY ", "kWh"),
        Metric(None, "Long unit", "u" * 31),
        Metric(None, "Fine decimals", decimals=7),
        Metric(None, "Digits", digits=13),
        Metric(None, "n" * 101),
    )
    found = [(i.field, i.row) for i in check_metrics(metrics)]
    assert found == [
        (MetricField.NAME, 1),
        (MetricField.NAME, 2),
        (MetricField.UNIT, 3),
        (MetricField.DECIMALS, 4),
        (MetricField.DIGITS, 5),
        (MetricField.NAME, 6),
    ]
    assert "rows 1 and 3 are both called “DAY”" in check_metrics(metrics)[1].message


def test_stored_decimals_issue_names_the_metric_and_row():
    """Fewer decimals than stored values need is an error at the metric's decimals, on its row."""
    issue = stored_decimals_issue(Metric(7, "Reading", decimals=1), row=2)
    assert (issue.field, issue.row, issue.metric_id) == (MetricField.DECIMALS, 2, 7)
    assert "“Reading”" in issue.message and "more than 1 decimals" in issue.message


# -- members -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (Member(None, "Ann"), []),
        (Member(None, "Ann", "ann@example.org"), []),
        (Member(None, "Ann", "  "), []),
        (Member(None, " "), [MemberField.NAME]),
        (Member(None, "x" * 201), [MemberField.NAME]),
        (Member(None, "Ann", "not an address"), [MemberField.EMAIL]),
        (Member(None, "Ann", "a" * 320 + "@x.org"), [MemberField.EMAIL]),
        (Member(None, "", "nope"), [MemberField.NAME, MemberField.EMAIL]),
    ],
)
def test_check_member_finds_name_and_email_problems(member, expected):
    """A member needs a name of at most 200 characters; an e-mail, if any, must look like one."""
    assert [i.field for i in check_member(member)] == expected


# -- meter events ------------------------------------------------------------------------------


def event(**overrides) -> MeterEvent:
    fields_ = dict(
        id=None,
        source_id=1,
        metric_id=COUNTER.id,
        at=T0,
        kind=MeterEventKind.REPLACEMENT,
        old_value=Decimal("1050.0"),
        new_value=Decimal("3.0"),
    )
    fields_.update(overrides)
    return MeterEvent(**fields_)


def test_check_meter_event_accepts_a_complete_replacement():
    """A replacement with both values on a counter has no problem."""
    assert check_meter_event(event(), COUNTER) == []


@pytest.mark.parametrize(
    ("overrides", "metric", "expected"),
    [
        ({}, GAUGE, [MeterEventField.METRIC]),
        ({}, None, [MeterEventField.METRIC]),
        ({"old_value": None}, COUNTER, [MeterEventField.OLD_VALUE]),
        ({"new_value": None}, COUNTER, [MeterEventField.NEW_VALUE]),
        ({"old_value": None, "new_value": None}, COUNTER, [MeterEventField.OLD_VALUE, MeterEventField.NEW_VALUE]),
        ({"kind": MeterEventKind.RESET, "new_value": None}, COUNTER, []),
        ({"kind": MeterEventKind.RESET, "old_value": None}, COUNTER, [MeterEventField.OLD_VALUE]),
        ({"kind": MeterEventKind.ROLLOVER, "old_value": None, "new_value": None}, COUNTER, []),
        ({"kind": MeterEventKind.ROLLOVER, "digits": 13}, COUNTER, [MeterEventField.DIGITS]),
        ({"old_value": Decimal("NaN")}, COUNTER, [MeterEventField.OLD_VALUE]),
        ({"new_value": Decimal("1e12")}, COUNTER, [MeterEventField.NEW_VALUE]),
        ({"note": "n" * 2001}, COUNTER, [MeterEventField.NOTE]),
    ],
)
def test_check_meter_event_finds_each_problem_at_its_field(overrides, metric, expected):
    """Counters only, values a replacement or reset needs, usable numbers, register digits, note length."""
    found = check_meter_event(event(**overrides), metric)
    assert [i.field for i in found] == expected
    assert all(i.subject for i in found)  # "Old meter's final value: is needed for a replacement"


def test_check_meter_event_rollover_needs_digits_from_event_or_metric():
    """A rollover takes the register's digits from the metric, or needs them on the event."""
    rollover = event(kind=MeterEventKind.ROLLOVER, old_value=None, new_value=None)
    no_digits = Metric(1, "Day", "kWh", MetricKind.COUNTER, 1)
    assert [i.code for i in check_meter_event(rollover, no_digits)] == ["digits-missing"]
    assert check_meter_event(replace(rollover, digits=5), no_digits) == []


def test_check_meter_event_with_a_reading_lies_between_and_fits_the_values():
    """Recorded with a reading: after the previous reading, not after this one, old ≥ previous, start ≤ reading."""
    found = check_meter_event(
        event(at=T0 - 2 * DAY, old_value=Decimal("900"), new_value=Decimal("200")),
        COUNTER,
        after=T0 - DAY,
        before=T0 + DAY,
        previous_value=Decimal("1000"),
        reading_value=Decimal("150"),
        show_number=lambda v: f"<{v}>",
        show_time=lambda t: "yesterday",
    )
    assert [(i.field, i.message) for i in found] == [
        (MeterEventField.AT, "must be after the previous reading (yesterday)"),
        (MeterEventField.OLD_VALUE, "is lower than the previous reading (<1000>)"),
        (MeterEventField.NEW_VALUE, "is higher than this reading (<150>)"),
    ]
    late = check_meter_event(event(at=T0 + 2 * DAY), COUNTER, before=T0 + DAY, show_time=lambda t: "then")
    assert [(i.field, i.message) for i in late] == [(MeterEventField.AT, "must not be after this reading (then)")]


# -- tariffs -----------------------------------------------------------------------------------


def tariff(**overrides) -> Tariff:
    fields_ = dict(
        id=None,
        metric_id=COUNTER.id,
        valid_from=date(2025, 1, 1),
        unit_price=Decimal("0.312"),
        standing_charge=Decimal("0.45"),
        currency="EUR",
    )
    fields_.update(overrides)
    return Tariff(**fields_)


@pytest.mark.parametrize(
    ("overrides", "metric", "expected"),
    [
        ({}, COUNTER, []),
        ({}, INTERVAL, []),
        ({}, None, []),
        ({}, GAUGE, [TariffField.METRIC]),
        ({"unit_price": Decimal("-0.01")}, COUNTER, [TariffField.UNIT_PRICE]),
        ({"unit_price": Decimal("NaN")}, COUNTER, [TariffField.UNIT_PRICE]),
        ({"standing_charge": Decimal("1000000")}, COUNTER, [TariffField.STANDING_CHARGE]),
        ({"currency": "EU"}, COUNTER, [TariffField.CURRENCY]),
        ({"currency": "€€€"}, COUNTER, [TariffField.CURRENCY]),
        ({"currency": " eur "}, COUNTER, []),
    ],
)
def test_check_tariff_finds_each_problem_at_its_field(overrides, metric, expected):
    """A cost needs a counter or interval metric, prices from 0 below a million and a three-letter currency."""
    assert [i.field for i in check_tariff(tariff(**overrides), metric)] == expected


def test_check_tariff_refuses_a_day_taken_by_another_tariff_of_the_metric():
    """Two tariffs of one metric cannot start on the same day; the message names the metric and day."""
    found = check_tariff(tariff(), COUNTER, taken={date(2025, 1, 1)}, show_date=lambda d: "1 Jan")
    assert [(i.field, i.message) for i in found] == [(TariffField.VALID_FROM, "Day already has a tariff from 1 Jan")]
    assert check_tariff(tariff(), COUNTER, taken={date(2025, 2, 1)}) == []


# -- meter changes recorded with a reading, accepted warnings -----------------------------------


def test_check_recorded_events_needs_a_value_and_a_time_in_between():
    """A change recorded with a reading needs its metric's value and must lie between the two readings."""
    context = ReadingContext(now=T0, previous={COUNTER.id: Neighbour(T0 - 7 * DAY, Decimal("1000"))})
    inside = event(at=T0 - DAY)
    with_value = Reading(None, 1, T0, {COUNTER.id: Decimal("12")})
    assert check_recorded_events(with_value, SOURCE, [inside], context) == []
    without = Reading(None, 1, T0, {GAUGE.id: Decimal("20")})
    assert [i.code for i in check_recorded_events(without, SOURCE, [inside], context)] == ["change-no-value"]
    before = event(at=T0 - 8 * DAY)
    after = event(at=T0 + DAY)
    found = check_recorded_events(with_value, SOURCE, [before, after], context, show_time=lambda t: "t")
    assert [(i.code, i.field, i.metric_id) for i in found] == [("change-outside", ReadingField.VALUE, 1)] * 2
    assert (
        found[0].text
        == "Day (kWh): Meter replaced on t is not between the previous reading and this one: change it or remove it"
    )


def test_warning_keys_accept_a_warning_by_rule_and_metric():
    """A warning is accepted by "<code>:<metric>" (or "<code>" for the whole reading); errors are never accepted."""
    down = warning("counter-down", ReadingField.VALUE, "lower", metric_id=12)
    future = warning("future", ReadingField.TIMESTAMP, "is in the future")
    bad = error("invalid-number", ReadingField.VALUE, "not a number", metric_id=12)
    assert (warning_key(down), warning_key(future)) == ("counter-down:12", "future")
    assert unaccepted([down, future, bad], {"counter-down:12"}) == [future]


def test_source_name_taken_by_a_visible_source_only():
    """A name is taken by another source the member can see (without case), not by the source itself."""
    from homelog_desktop.domain.rules import source_name_taken

    visible = [(1, "Electricity"), (2, " Water ")]
    assert source_name_taken("electricity", None, visible)
    assert source_name_taken("WATER", 5, visible)
    assert not source_name_taken("Electricity", 1, visible)  # renaming a source to (a case of) its own name
    assert not source_name_taken("Gas", None, visible)  # another member's private "Gas" is not in ``visible``
