"""Conversion factors on hand-computed bills: gas m³ → kWh with a factor change mid-month priced per
kWh to the cent, heating oil litres → kWh, a heat meter's MWh → kWh."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import numpy as np
import pytest

from homelog_desktop.domain.consumption import Moment, Series, counter_curve, interval_curve
from homelog_desktop.domain.costs import TariffPlan, money, span_costs
from homelog_desktop.domain.energy import ConversionFactor, ConversionPlan, check_factor, convert, unconverted_before
from homelog_desktop.domain.errors import ValidationError

MICRO = Decimal("0.000001")


def at(y: int, m: int, d: int) -> int:
    return int(datetime(y, m, d, tzinfo=UTC).timestamp())


def factor(day: date, value: str, z: str = "1", unit: str = "kWh") -> ConversionFactor:
    return ConversionFactor(None, 1, day, Decimal(value), Decimal(z), unit)


def gas_plan() -> ConversionPlan:
    """Calorific value 11.2 × Z-number 0.95 (10.64 kWh per m³), then 11.4 × 0.95 (10.83) from 15 February."""
    return ConversionPlan.of([factor(date(2025, 2, 15), "11.4", "0.95"), factor(date(2024, 1, 1), "11.2", "0.95")], UTC)


def gas_curve():
    """10 m³ a day from 1 January to 1 March 2025."""
    return counter_curve(Series.of([at(2025, 1, 1), at(2025, 2, 1), at(2025, 3, 1)], [0, 310, 590]))


def amount(curve, a: int, b: int) -> Decimal:
    return Decimal(f"{float(curve.between([a], [b])[0]):.6f}")


def test_gas_in_kwh_is_split_at_the_factor_change():
    """January: 310 m³ × 10.64 = 3,298.4 kWh. February: 140 m³ × 10.64 + 140 m³ × 10.83 = 3,005.8 kWh."""
    kwh = convert(gas_curve(), gas_plan())
    assert amount(kwh, at(2025, 1, 1), at(2025, 2, 1)) == Decimal("3298.4")
    assert amount(kwh, at(2025, 2, 1), at(2025, 3, 1)) == Decimal("3005.8")
    assert amount(kwh, at(2025, 2, 15), at(2025, 2, 16)) == Decimal("108.3")
    assert gas_plan().unit == "kWh" and gas_plan().factors[0].multiplier == Decimal("10.640")


def test_gas_cost_per_kwh_to_the_cent():
    """0.10 € per kWh + 0.40 € a day: January 329.84 + 12.40 = 342.24; February 300.58 + 11.20 = 311.78."""
    from homelog_desktop.domain.entities import Tariff

    kwh = convert(gas_curve(), gas_plan())
    plan = TariffPlan.of([Tariff(None, 1, date(2024, 1, 1), Decimal("0.10"), Decimal("0.40"))], UTC)
    spans = [(Moment.at_date(date(2025, 1, 1), UTC), Moment.at_date(date(2025, 2, 1), UTC))]
    spans.append((spans[0][1], Moment.at_date(date(2025, 3, 1), UTC)))
    costs = span_costs(kwh, plan, spans, 3)
    assert [money(c) for c in costs if c is not None] == [Decimal("342.24"), Decimal("311.78")]


def test_oil_litres_in_kwh():
    """1,500 litres delivered for January to March at 9.8 kWh per litre: 14,700 kWh, 31/90 of it in January."""
    litres = interval_curve(Series.of([at(2025, 4, 1)], [1500], [at(2025, 1, 1)]))
    kwh = convert(litres, ConversionPlan.of([factor(date(2020, 1, 1), "9.8")], UTC))
    assert amount(kwh, at(2025, 1, 1), at(2025, 4, 1)) == Decimal("14700")
    assert amount(kwh, at(2025, 1, 1), at(2025, 2, 1)).quantize(MICRO) == (Decimal(14700) * 31 / 90).quantize(MICRO)
    assert int(kwh.covered([at(2024, 12, 1)], [at(2025, 5, 1)])[0]) == 90 * 86400


def test_heat_meter_mwh_in_kwh():
    mwh = counter_curve(Series.of([at(2025, 1, 1), at(2025, 1, 11)], [12.5, 14.0]))
    kwh = convert(mwh, ConversionPlan.of([factor(date(2020, 1, 1), "1000")], UTC))
    assert amount(kwh, at(2025, 1, 1), at(2025, 1, 11)) == Decimal("1500")


def test_no_converted_amount_before_the_first_factor():
    """Readings from 1 January, the first factor from 1 February: the kWh begin on 1 February."""
    plan = ConversionPlan.of([factor(date(2025, 2, 1), "10")], UTC)
    kwh = convert(gas_curve(), plan)
    assert kwh.start == at(2025, 2, 1) and kwh.end == at(2025, 3, 1)
    assert amount(kwh, at(2025, 1, 1), at(2025, 3, 1)) == Decimal("2800")
    assert unconverted_before(gas_curve(), plan) == at(2025, 2, 1)
    assert unconverted_before(gas_curve(), gas_plan()) is None


def test_without_factors_the_curve_is_unchanged():
    curve = gas_curve()
    assert convert(curve, ConversionPlan.of([], UTC)) is curve


def test_consumption_at_an_instant_converts_with_the_factor_then():
    """Two amounts at one instant (a jump) convert with the factor in force at that instant."""
    series = Series.of([at(2025, 1, 1), at(2025, 3, 1), at(2025, 3, 1), at(2025, 3, 2)], [0, 590, 600, 610])
    kwh = convert(counter_curve(series), gas_plan())
    total = amount(kwh, at(2025, 1, 1), at(2025, 3, 2))
    assert total == Decimal("3298.4") + Decimal("3005.8") + Decimal("108.3") + Decimal("108.3")
    assert np.all(np.diff(kwh.ts) > 0)


def test_factor_rules():
    with pytest.raises(ValidationError, match="Z-number"):
        check_factor(factor(date(2025, 1, 1), "11.2", "0"))
    with pytest.raises(ValidationError, match="Factor"):
        check_factor(factor(date(2025, 1, 1), "NaN"))
    with pytest.raises(ValidationError, match="Unit"):
        check_factor(factor(date(2025, 1, 1), "11.2", unit=" "))
    with pytest.raises(ValidationError, match="already has a factor"):
        check_factor(factor(date(2025, 1, 1), "11.2"), taken=[date(2025, 1, 1)])
    check_factor(factor(date(2025, 1, 1), "11.2", "0.9512"))
