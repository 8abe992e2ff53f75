"""The projected year on hand-computed cases: last year's seasonal profile with a year of history,
the recent rate without one, and the method named in the figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from homelog_desktop.domain.consumption import Series, counter_curve
from homelog_desktop.domain.costs import TariffPlan
from homelog_desktop.domain.entities import Tariff
from homelog_desktop.domain.projection import ProjectionMethod, project

MICRO = Decimal("0.000001")


def at(y: int, m: int, d: int) -> int:
    return int(datetime(y, m, d, tzinfo=UTC).timestamp())


def plan(price: str = "0.10", standing: str = "0.50") -> TariffPlan:
    return TariffPlan.of([Tariff(None, 1, date(2020, 1, 1), Decimal(price), Decimal(standing), "EUR")], UTC)


def gas_meter() -> Series:
    """2024: 10 a day in winter (Jan–Mar, Oct–Dec), 2 a day in summer; 2025: 10 % more, read to 20 Nov."""
    days = [(2024, 1, 1), (2024, 4, 1), (2024, 10, 1), (2025, 1, 1), (2025, 4, 1), (2025, 10, 1), (2025, 11, 20)]
    return Series.of(
        [at(*d) for d in days],
        # 91 × 10, 183 × 2, 92 × 10; then 90 × 11, 183 × 2.2, 50 × 11.
        [0, 910, 1276, 2196, 3186, 3588.6, 4138.6],
    )


def test_project_seasonal_adds_rest_of_last_year_scaled_by_this_year():
    """Late November: this year so far (1,942.6) + last year's 42 winter days (420) × this year's daily
    rate (1,942.6 over 323 days) over last year's (1,776 over 324 days: 2024 had 29 February)."""
    figures = project(counter_curve(gas_meter()), plan(), UTC, 4)
    assert figures is not None
    assert (figures.method, figures.year) == (ProjectionMethod.SEASONAL, 2025)
    # 1 Jan – 20 Nov 2024: 910 + 366 + 50 × 10 = 1,776.
    scale = (Decimal("1942.6") / 323) / (Decimal(1776) / 324)
    assert figures.scale is not None and figures.scale.quantize(MICRO) == scale.quantize(MICRO)
    expected = Decimal("1942.6") + 420 * scale  # 2,409.435
    assert figures.annual_consumption.quantize(MICRO) == expected.quantize(MICRO)
    # Far above the summer-rate figure: the last 90 days (40 × 2.2 + 50 × 11 = 638) × 365 / 90.
    assert figures.annual_consumption > Decimal(2400) and Decimal(638) * 365 / 90 > expected
    # Cost: so far 1,942.6 × 0.10 + 323 days × 0.50; the rest 420 × scale × 0.10 + 42 days × 0.50.
    cost = Decimal("1942.6") * Decimal("0.10") + 323 * Decimal("0.50") + 420 * scale * Decimal("0.10") + 21
    assert figures.annual_cost is not None and figures.annual_cost.quantize(MICRO) == cost.quantize(MICRO)


def test_project_seasonal_early_in_the_year_compares_the_last_90_days():
    """On 11 January the scale is the last 90 days (80 × 10 + 10 × 20 = 1,000) over a year earlier (900);
    last year's rest (356 days, 3,560) counts per day over this year's 355."""
    series = Series.of([at(2023, 1, 1), at(2025, 1, 1), at(2025, 1, 11)], [0, 7310, 7510])  # 731 days × 10
    figures = project(counter_curve(series), plan(), UTC, 4)
    assert figures is not None and figures.method is ProjectionMethod.SEASONAL
    assert figures.scale == Decimal(1000) / Decimal(900)
    # 200 so far + 355 of the 356 days of 2024 after 11 January (3,550) × 10 / 9.
    expected = 200 + Decimal(3550) * Decimal(1000) / Decimal(900)
    assert figures.annual_consumption.quantize(MICRO) == expected.quantize(MICRO)


def test_project_recent_rate_without_a_year_of_history():
    """Eleven months of data: the recent rate × 365, and the method says so."""
    series = Series.of([at(2025, 1, 1), at(2025, 11, 1)], [0, 3040])  # 304 days × 10
    figures = project(counter_curve(series), plan(), UTC, 4)
    assert figures is not None
    assert (figures.method, figures.scale, figures.year) == (ProjectionMethod.RECENT_RATE, None, None)
    assert figures.annual_consumption == Decimal(3650)
    assert figures.annual_cost == Decimal(365) + Decimal("182.5")


def test_project_falls_back_to_recent_rate_when_last_year_had_nothing_to_compare():
    """Nothing used in last year's comparison window (a meter idle a year ago): the recent rate, not ÷ 0."""
    series = Series.of([at(2024, 1, 1), at(2025, 1, 1), at(2025, 3, 1)], [0, 0, 590])  # 59 days × 10 in 2025
    figures = project(counter_curve(series), plan(), UTC, 4)
    assert figures is not None and figures.method is ProjectionMethod.RECENT_RATE
    # The last 90 days: 31 idle, 59 at 10.
    assert figures.annual_consumption.quantize(MICRO) == (Decimal(590) / 90 * 365).quantize(MICRO)
