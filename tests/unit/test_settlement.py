"""The bill forecast against a hand-computed bill: advances of 12 × 85 €, the consumption so far at
its tariff, the rest of the billing year projected, and the refund or back payment."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from homelog_desktop.domain.consumption import Series, counter_curve
from homelog_desktop.domain.costs import TariffPlan, money
from homelog_desktop.domain.entities import Tariff
from homelog_desktop.domain.projection import ProjectionMethod, forecast_period
from homelog_desktop.domain.settlement import AdvancePayment, advances_due, billing_year, settle


def at(y: int, m: int, d: int) -> int:
    return int(datetime(y, m, d, tzinfo=UTC).timestamp())


def advance(day: date, amount: str, currency: str = "EUR") -> AdvancePayment:
    return AdvancePayment(None, 1, day, Decimal(amount), currency)


PLAN = TariffPlan.of([Tariff(None, 1, date(2024, 1, 1), Decimal("0.30"), Decimal("0.50"))], UTC)


def first_half_year():
    """10 a day from 1 January to 1 June 2025 (151 days: 1,510)."""
    return counter_curve(Series.of([at(2025, 1, 1), at(2025, 6, 1)], [0, 1510]))


def test_billing_year_follows_the_start_month():
    assert billing_year(date(2025, 6, 10), 1) == (date(2025, 1, 1), date(2026, 1, 1))
    assert billing_year(date(2025, 6, 10), 9) == (date(2024, 9, 1), date(2025, 9, 1))
    assert billing_year(date(2025, 9, 1), 9) == (date(2025, 9, 1), date(2026, 9, 1))


def test_advances_are_due_on_the_first_of_each_month():
    advances = [advance(date(2025, 1, 1), "85"), advance(date(2025, 7, 1), "100")]
    assert advances_due(advances, date(2025, 1, 1), date(2025, 6, 10)) == Decimal(6 * 85)
    assert advances_due(advances, date(2025, 1, 1), date(2025, 12, 1)) == Decimal(6 * 85 + 6 * 100)
    # An advance starting mid-month is first due on the next 1st.
    assert advances_due([advance(date(2025, 1, 15), "85")], date(2025, 1, 1), date(2025, 3, 1)) == Decimal(170)


def test_back_payment_against_a_hand_computed_bill():
    """Cost so far: 1,510 × 0.30 + 151 days × 0.50 = 528.50. The rest (214 days at the recent 10 a
    day): 2,140 × 0.30 + 214 × 0.50 = 749.00. The year: 1,277.50 against advances 12 × 85 = 1,020:
    a back payment of 257.50; paid by 10 June: 6 × 85 = 510."""
    forecast = forecast_period(first_half_year(), PLAN, UTC, 4, date(2025, 1, 1), date(2026, 1, 1))
    assert forecast is not None and forecast.method is ProjectionMethod.RECENT_RATE
    assert (forecast.so_far, forecast.rest) == (Decimal(1510), Decimal(2140))
    result = settle([advance(date(2024, 11, 1), "85")], forecast, date(2025, 6, 10), 1, PLAN.currency)
    assert result is not None
    assert (result.paid, result.due_for_year) == (Decimal(510), Decimal(1020))
    assert result.cost_so_far is not None and money(result.cost_so_far) == Decimal("528.50")
    assert result.forecast_cost is not None and money(result.forecast_cost) == Decimal("1277.50")
    assert result.balance is not None and money(result.balance) == Decimal("-257.50")
    assert not result.is_refund


def test_refund_when_the_advances_are_higher():
    """Advances 85 € to June, 130 € from July: 6 × 85 + 6 × 130 = 1,290 − 1,277.50 = a refund of 12.50."""
    forecast = forecast_period(first_half_year(), PLAN, UTC, 4, date(2025, 1, 1), date(2026, 1, 1))
    advances = [advance(date(2025, 1, 1), "85"), advance(date(2025, 7, 1), "130")]
    result = settle(advances, forecast, date(2025, 6, 10), 1, "EUR")
    assert result is not None and result.is_refund
    assert result.balance is not None and money(result.balance) == Decimal("12.50")


def test_seasonal_forecast_of_a_billing_year():
    """A year and a half of 10 a day, billing year from July: last year's rest (1 June – 1 July 2024,
    30 days) at this year's scale (1.0): so far 3,350 (335 days) + 300."""
    curve = counter_curve(Series.of([at(2024, 1, 1), at(2025, 6, 1)], [0, 5170]))
    forecast = forecast_period(curve, PLAN, UTC, 4, date(2024, 7, 1), date(2025, 7, 1))
    assert forecast is not None and forecast.method is ProjectionMethod.SEASONAL
    assert forecast.so_far == Decimal(3350) and forecast.rest.quantize(Decimal("0.001")) == Decimal("300.000")
    assert forecast.cost is not None and money(forecast.cost) == Decimal("1277.50")  # 3,650 × 0.30 + 365 × 0.50


def test_no_settlement_without_advances_or_in_another_currency():
    forecast = forecast_period(first_half_year(), PLAN, UTC, 4, date(2025, 1, 1), date(2026, 1, 1))
    assert settle([], forecast, date(2025, 6, 10), 1, "EUR") is None
    assert settle([advance(date(2025, 1, 1), "85", "GBP")], forecast, date(2025, 6, 10), 1, "EUR") is None


def test_data_beginning_in_the_billing_year_is_named():
    """Readings from 1 March: the cost so far covers only March to June."""
    curve = counter_curve(Series.of([at(2025, 3, 1), at(2025, 6, 1)], [0, 920]))
    forecast = forecast_period(curve, PLAN, UTC, 4, date(2025, 1, 1), date(2026, 1, 1))
    assert forecast is not None and forecast.partial_from == date(2025, 3, 1)
    result = settle([advance(date(2025, 1, 1), "85")], forecast, date(2025, 6, 10), 1, "EUR")
    assert result is not None and result.partial_from == date(2025, 3, 1)
