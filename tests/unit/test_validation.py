"""Domain validation: parsing what the user typed and checking a reading against its neighbours."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from homelog_desktop.domain.entities import Metric, MetricKind, Reading, Source
from homelog_desktop.domain.errors import ValidationError
from homelog_desktop.domain.validation import (
    Neighbour,
    ReadingContext,
    ReadingField,
    Severity,
    check_reading,
    errors,
    parse_value,
    parse_values,
    warnings,
)
from tests.conftest import T0

DAY = timedelta(days=1)
COUNTER = Metric(1, "Day", "kWh", MetricKind.COUNTER, decimals=1)
GAUGE = Metric(2, "Temperature", "°C", MetricKind.GAUGE, decimals=1)
METRIC6 = Metric(3, "Water", "m³", MetricKind.COUNTER, decimals=6)
SOURCE = Source(1, "Electricity", metrics=(COUNTER, GAUGE))


def reading(values: dict[int, str], at=T0) -> Reading:
    return Reading(None, SOURCE.id, at, {k: Decimal(v) for k, v in values.items()})


def codes(issues) -> list[str]:
    return [i.code for i in issues]


# -- parse_value ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal_point"),
    [
        ("1234.5", "."),
        ("1234,5", ","),
        ("1 234,5", ","),
        ("1.234,5", ","),
        ("1,234.5", "."),
        ("1234.5", ","),  # a dot is accepted on a comma locale too
        ("  1234.5  ", "."),
        ("1\u00a0234,5", ","),  # a no-break space as digit grouping
        ("1'234.5", "."),
    ],
)
def test_parse_value_accepts_locale_formats(text, decimal_point):
    """Numbers typed with the locale's decimal point or a dot, and with digit grouping, parse exactly."""
    assert parse_value(text, COUNTER, decimal_point) == Decimal("1234.5")


def test_parse_value_keeps_sign_and_decimals():
    """Negative values and exact decimals come back as the Decimal typed."""
    metric = Metric(3, "Delivery", "l", MetricKind.INTERVAL, decimals=3)
    assert str(parse_value("-12.345", metric)) == "-12.345"
    assert str(parse_value("0,001", metric, ",")) == "0.001"


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_parse_value_empty_means_not_read(text):
    """Empty text is a metric that was not read (None), never zero."""
    assert parse_value(text, COUNTER) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "not a number"),
        ("12a", "not a number"),
        ("1.2.3", "not a number"),
        ("NaN", "not a finite number"),
        ("inf", "not a finite number"),
        ("-Infinity", "not a finite number"),
        ("1e13", "too large"),
        ("1000000000000", "too large"),
        ("1.25", "too many decimals"),
    ],
)
def test_parse_value_rejects_bad_input_naming_the_field(text, reason):
    """Anything but a finite number within range and decimals is refused with the metric's label."""
    with pytest.raises(ValidationError) as info:
        parse_value(text, COUNTER)
    assert info.value.field == "Day (kWh)"
    assert str(info.value).startswith("Day (kWh): ")
    assert reason in info.value.message


@pytest.mark.parametrize("text", ["1.000000000000000000000000000000001", "1e-999999999999", "1e999999999999"])
def test_parse_value_judges_long_and_extreme_numbers_exactly(text):
    """Digits beyond Decimal's 28-digit context and huge exponents are refused, not rounded or crashed."""
    with pytest.raises(ValidationError) as info:
        parse_value(text, COUNTER)
    assert info.value.field == "Day (kWh)"


def test_parse_value_too_many_digits_for_a_register():
    """A counter value wider than its register's digits is refused."""
    metric = Metric(4, "Water", "m³", MetricKind.COUNTER, decimals=3, digits=5)
    assert parse_value("99999.999", metric) == Decimal("99999.999")
    with pytest.raises(ValidationError, match="register of 5 digits"):
        parse_value("100000", metric)


def test_parse_values_collects_errors_per_metric():
    """A form with one bad field reports that field and keeps the good values."""
    values, issues = parse_values({1: "12.5", 2: "warm", 9: "1"}, SOURCE)
    assert values == {1: Decimal("12.5")}
    assert [(i.code, i.field, i.metric_id, i.subject) for i in issues] == [
        ("invalid-number", ReadingField.VALUE, 2, "Temperature (°C)"),
        ("unknown-metric", ReadingField.VALUE, 9, "Metric #9"),
    ]


# -- check_reading -------------------------------------------------------------------------------


def test_check_reading_without_values_is_an_error():
    """A reading with no value at all cannot be saved."""
    issues = check_reading(reading({}), SOURCE, ReadingContext(now=T0))
    assert codes(errors(issues)) == ["no-values"]


def test_check_reading_unknown_metric_is_an_error():
    """A value for a metric the source does not have is an error."""
    issues = check_reading(reading({99: "1"}), SOURCE, ReadingContext(now=T0))
    assert codes(errors(issues)) == ["unknown-metric"]


def test_check_reading_unstorable_value_is_an_error():
    """A value with more decimals than its metric allows is an error naming the metric."""
    issues = check_reading(reading({1: "1.25"}), SOURCE, ReadingContext(now=T0))
    assert [(i.code, i.field, i.metric_id, i.subject) for i in errors(issues)] == [
        ("invalid-number", ReadingField.VALUE, 1, "Day (kWh)")
    ]


def test_check_reading_normal_reading_has_no_issues():
    """A counter rising at its usual pace between its neighbours raises nothing."""
    context = ReadingContext(
        now=T0,
        previous={1: Neighbour(T0 - 7 * DAY, Decimal("100"))},
        next={1: Neighbour(T0 + 7 * DAY, Decimal("120"))},
        daily_rates={1: Decimal("1")},
    )
    assert check_reading(reading({1: "107", 2: "19.5"}), SOURCE, context) == []


def test_check_reading_counter_down_is_a_warning():
    """A counter lower than the previous reading is a warning, not an error."""
    context = ReadingContext(now=T0, previous={1: Neighbour(T0 - DAY, Decimal("100"))})
    issues = check_reading(reading({1: "99.9"}), SOURCE, context)
    assert errors(issues) == []
    assert codes(warnings(issues)) == ["counter-down"]
    assert issues[0].field is ReadingField.VALUE and issues[0].metric_id == 1
    assert issues[0].text.startswith("Day (kWh): ")


def test_check_reading_counter_above_next_is_a_warning():
    """A counter higher than the next stored reading is a warning."""
    context = ReadingContext(now=T0, next={1: Neighbour(T0 + DAY, Decimal("100"))})
    issues = check_reading(reading({1: "100.1"}), SOURCE, context)
    assert [(i.severity, i.code) for i in issues] == [(Severity.WARNING, "counter-above-next")]


def test_check_reading_gauge_going_down_is_fine():
    """Only counters must not go down: a falling temperature raises nothing."""
    context = ReadingContext(now=T0, previous={2: Neighbour(T0 - DAY, Decimal("20"))})
    assert check_reading(reading({2: "-5.5"}), SOURCE, context) == []


def test_check_reading_future_timestamp_is_a_warning():
    """A timestamp beyond the clock's tolerance is a warning on the timestamp."""
    issues = check_reading(reading({1: "1"}, at=T0 + timedelta(hours=1)), SOURCE, ReadingContext(now=T0))
    assert [(i.severity, i.code, i.field) for i in issues] == [(Severity.WARNING, "future", ReadingField.TIMESTAMP)]
    # A clock a minute ahead is not "the future".
    assert check_reading(reading({1: "1"}, at=T0 + timedelta(minutes=1)), SOURCE, ReadingContext(now=T0)) == []


def test_check_reading_duplicate_timestamp_is_an_error():
    """Another reading at the same time is an error (readings are unique per source and time)."""
    issues = check_reading(reading({1: "1"}), SOURCE, ReadingContext(now=T0, duplicate_at=T0))
    assert [(i.severity, i.code) for i in issues] == [(Severity.ERROR, "duplicate")]


def test_check_reading_jump_far_beyond_recent_rate_is_a_warning():
    """A counter rising far faster than its recent daily rate is flagged as a jump."""
    context = ReadingContext(now=T0, previous={1: Neighbour(T0 - DAY, Decimal("100"))}, daily_rates={1: Decimal("2")})
    issues = check_reading(reading({1: "150"}), SOURCE, context)
    assert [(i.severity, i.code, i.metric_id) for i in issues] == [(Severity.WARNING, "jump", 1)]
    assert "50" in issues[0].message


def test_check_reading_rise_within_jump_factor_is_fine():
    """A rise below five times the recent rate is not a jump."""
    context = ReadingContext(now=T0, previous={1: Neighbour(T0 - DAY, Decimal("100"))}, daily_rates={1: Decimal("2")})
    assert check_reading(reading({1: "109.9"}), SOURCE, context) == []


def test_check_reading_naive_timestamp_is_a_programming_error():
    """Readings must carry tz-aware timestamps; a naive one is a bug, not user input."""
    with pytest.raises(ValueError, match="timezone-aware"):
        check_reading(reading({1: "1"}, at=T0.replace(tzinfo=None)), SOURCE, ReadingContext(now=T0))


@pytest.mark.parametrize(
    ("text", "point"),
    [("1,234", "."), ("12,345,678", "."), ("-1,234", "."), ("1.234", ","), ("12.345.678", ",")],
)
def test_parse_value_refuses_a_thousands_separator_that_could_be_a_decimal_point(text, point):
    """“1,234” on a dot locale (or “1.234” on a comma one) is refused as ambiguous, never guessed."""
    with pytest.raises(ValidationError, match="ambiguous") as caught:
        parse_value(text, METRIC6, point)
    assert caught.value.field == METRIC6.label


@pytest.mark.parametrize(
    ("text", "point", "expected"),
    [("1,23", ".", "1.23"), ("1,2345", ".", "1.2345"), ("1.23", ",", "1.23"), ("1,234", ",", "1.234")],
)
def test_parse_value_takes_the_other_separator_as_decimal_when_unambiguous(text, point, expected):
    """A comma on a dot locale is a decimal point unless it looks like digit grouping, and vice versa."""
    assert parse_value(text, METRIC6, point) == Decimal(expected)
