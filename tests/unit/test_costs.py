"""Costs under tariffs (split exactly at changes, standing charge for covered days) and projections."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from homelog_desktop.domain.consumption import Moment, Period, Series, counter_curve
from homelog_desktop.domain.costs import TariffPlan, money, span_costs
from homelog_desktop.domain.entities import Metric, MetricKind, Source, Tariff
from homelog_desktop.domain.projection import ProjectionMethod, project
from homelog_desktop.services.reports import change_text, compute_report, money_text, report_csv

BERLIN = ZoneInfo("Europe/Berlin")
METRIC = Metric(1, "Meter", "kWh", MetricKind.COUNTER, 1)
SOURCE = Source(1, "House", metrics=(METRIC,))


def at(y: int, m: int, d: int, h: int = 0, tz=UTC) -> int:
    return int(datetime(y, m, d, h, tzinfo=tz).timestamp())


def tariff(valid_from: date, price: str, standing: str = "0", currency: str = "EUR") -> Tariff:
    return Tariff(None, 1, valid_from, Decimal(price), Decimal(standing), currency)


def monthly(series: Series, tariffs, tz=UTC, **kw):
    return compute_report(SOURCE, METRIC, Period.MONTH, series, [], tariffs, tz, **kw)


def test_tariff_change_mid_month_is_split_exactly():
    """10 a day through March; 0.20 + 0.50/day until the 15th, 0.30 + 0.60/day from the 16th."""
    series = Series.of([at(2025, 3, 1), at(2025, 4, 1)], [0, 310])
    tariffs = [tariff(date(2025, 1, 1), "0.20", "0.50"), tariff(date(2025, 3, 16), "0.30", "0.60")]
    rep = monthly(series, tariffs)
    # 150 × 0.20 + 15 × 0.50 = 37.50; 160 × 0.30 + 16 × 0.60 = 57.60
    assert rep.rows[0].cost == Decimal("95.1")
    assert rep.total_cost == Decimal("95.1") and rep.currency == "EUR"
    assert report_csv(rep).splitlines()[1] == "2025-03-01,2025-04-01,310.0,31,10.000,95.10"


def test_tariff_changes_at_local_midnight():
    """A Berlin tariff from 1 April starts at 22:00 UTC on 31 March."""
    series = Series.of([at(2025, 3, 31, 20), at(2025, 4, 1, 0)], [0, 4])  # 1 an hour, UTC
    tariffs = [tariff(date(2025, 1, 1), "1"), tariff(date(2025, 4, 1), "2")]
    curve = counter_curve(series)
    plan = TariffPlan.of(tariffs, BERLIN)
    span = (Moment.at(at(2025, 3, 31, 20), BERLIN), Moment.at(at(2025, 4, 1, 0), BERLIN))
    assert span_costs(curve, plan, [span], 4) == [Decimal("6")]  # 2 hours at 1, 2 hours at 2


def test_standing_charge_counts_only_the_days_covered_by_readings():
    series = Series.of([at(2025, 3, 1), at(2025, 3, 11, 12)], [0, 105])  # 10.5 days
    rep = monthly(series, [tariff(date(2025, 1, 1), "0.20", "0.50")])
    assert rep.rows[0].days == Decimal("10.5")
    assert rep.rows[0].cost == Decimal("26.25")  # 105 × 0.20 + 10.5 × 0.50


def test_no_cost_before_the_first_tariff_or_in_another_currency():
    series = Series.of([at(2025, 1, 1), at(2025, 4, 1)], [0, 900])
    rep = monthly(series, [tariff(date(2025, 2, 10), "0.10")])
    assert [r.cost for r in rep.rows] == [None, None, Decimal("31.0")]
    assert rep.total_cost is None
    mixed = monthly(series, [tariff(date(2024, 1, 1), "0.10", currency="GBP"), tariff(date(2025, 3, 1), "0.10")])
    assert [r.cost for r in mixed.rows] == [None, None, Decimal("31.0")] and mixed.currency == "EUR"
    assert monthly(series, []).currency is None


def test_money_is_rounded_to_cents_only_for_display():
    series = Series.of([at(2025, 3, 1), at(2025, 3, 2)], [0, 1])
    rep = monthly(series, [tariff(date(2025, 1, 1), "0.125", "0.0001")])
    assert rep.rows[0].cost == Decimal("0.1251")
    assert money(rep.rows[0].cost) == Decimal("0.13") and money_text(Decimal("2.005")) == "2.01"
    assert change_text(Decimal("0.125")) == "+12.5 %" and change_text(Decimal("-0.03")) == "−3.0 %"


def test_projection_from_the_recent_rate_without_a_year_of_history():
    """Under a year of data: the daily rate of the last 90 days × 365, priced at the tariff in force."""
    # 10 a day from 1 June 2022, 20 a day from 1 January 2023 to 5 February 2023.
    series = Series.of([at(2022, 6, 1), at(2023, 1, 1), at(2023, 2, 5)], [0, 2140, 2140 + 35 * 20])
    plan = TariffPlan.of([tariff(date(2022, 1, 1), "0.20", "0.50")], UTC)
    figures = project(counter_curve(series), plan, UTC, 4)
    assert figures is not None and figures.method is ProjectionMethod.RECENT_RATE
    # The last 90 days: 55 at 10 and 35 at 20 = 1250, 13.888… a day.
    assert figures.daily_rate.quantize(Decimal("0.0001")) == Decimal("13.8889")
    assert figures.annual_consumption.quantize(Decimal("0.0001")) == Decimal("5069.4444")
    assert figures.annual_cost == figures.annual_consumption * Decimal("0.20") + 365 * Decimal("0.50")
    assert figures.last_year_consumption is None and figures.last_year_cost is None
    short = project(counter_curve(Series.of([at(2023, 1, 1), at(2023, 1, 31)], [0, 300])), plan, UTC, 4)
    assert short is not None and short.annual_consumption == Decimal("3650")
    assert short.last_year_consumption is None and short.last_year_cost is None
    assert project(counter_curve(Series.of([at(2023, 1, 1), at(2023, 1, 1, 5)], [0, 3])), plan, UTC, 4) is None


def test_projection_last_twelve_months_with_a_year_of_history():
    """With a year of data the twelve months up to the last reading are given too, with their cost."""
    # 10 a day in 2022, 20 a day from 1 January 2023 to 5 February 2023.
    series = Series.of([at(2022, 1, 1), at(2023, 1, 1), at(2023, 2, 5)], [0, 3650, 3650 + 35 * 20])
    plan = TariffPlan.of([tariff(date(2022, 1, 1), "0.20", "0.50")], UTC)
    figures = project(counter_curve(series), plan, UTC, 4)
    assert figures is not None
    # 5 Feb 2022 to 5 Feb 2023: 330 days at 10, 35 at 20.
    assert figures.last_year_consumption == Decimal("4000")
    assert figures.last_year_cost == Decimal("4000") * Decimal("0.20") + 365 * Decimal("0.50")
