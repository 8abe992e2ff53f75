"""Properties of value parsing and storage: nothing the user types crashes, nothing stored drifts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from homelog_desktop.domain.entities import MAX_DECIMALS, MAX_MAGNITUDE, Metric, MetricKind
from homelog_desktop.domain.errors import ValidationError
from homelog_desktop.domain.validation import MAX_SIGNIFICANT_DIGITS, check_value, parse_value
from homelog_desktop.repositories.readings import quantum, to_decimal


def metric(decimals: int) -> Metric:
    return Metric(1, "Day", "kWh", MetricKind.COUNTER, decimals=decimals)


@st.composite
def storable(draw: st.DrawFn) -> tuple[int, Decimal]:
    """A metric's decimals and a value with exactly that many places that validation accepts."""
    decimals = draw(st.integers(0, MAX_DECIMALS))
    # |value| < 10**12 and at most 15 significant digits once scaled to the metric's decimals.
    bound = min(10**MAX_SIGNIFICANT_DIGITS, int(MAX_MAGNITUDE) * 10**decimals) - 1
    units = draw(st.integers(-bound, bound) | st.sampled_from([bound, -bound, 1, -1, 0]))
    return decimals, Decimal(units).scaleb(-decimals)


@given(storable())
@example((3, Decimal("12345.678")))
@example((1, Decimal("999999999999.9")))
@example((3, Decimal("999999999999.999")))
@example((3, Decimal("0.001")))
@example((6, Decimal("-999999999.999999")))
def test_to_decimal_float_round_trip_is_exact(case):
    """Any accepted value stored as a double reads back as exactly the Decimal entered."""
    decimals, value = case
    check_value(value, metric(decimals))  # the generator only makes values validation accepts
    back = to_decimal(float(value), quantum(metric(decimals)))
    assert back == value
    assert str(back) == str(value)


@given(storable(), st.sampled_from([".", ","]))
def test_parse_value_reads_back_what_was_formatted(case, decimal_point):
    """A value written with the locale's decimal point parses to the same Decimal."""
    decimals, value = case
    text = str(value) if decimal_point == "." else str(value).replace(".", ",")
    assert parse_value(text, metric(decimals), decimal_point) == value


NUMBERISH = st.from_regex(r"[ +\-0-9.,'eE\u00a0]{0,24}|[+-]?(nan|inf|infinity|snan)", fullmatch=True)


@given(st.text() | NUMBERISH, st.sampled_from([".", ","]), st.integers(0, MAX_DECIMALS))
@example("1e999999999999", ".", 2)
@example("1e-999999999999", ".", 2)
@example("0e999999999999", ".", 2)
@example("sNaN", ".", 2)
def test_parse_value_raises_only_validation_error(text, decimal_point, decimals):
    """Whatever is typed, parse_value returns None, a storable Decimal, or raises ValidationError."""
    try:
        value = parse_value(text, metric(decimals), decimal_point)
    except ValidationError as exc:
        assert exc.field == "Day (kWh)"
        return
    if value is None:
        assert not text.strip()
        return
    assert value.is_finite()
    check_value(value, metric(decimals))
    assert to_decimal(float(value), quantum(metric(decimals))) == value
