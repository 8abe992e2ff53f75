"""Reports of a gas meter in kWh: the hand-computed bill (m³ × 11.2 × 0.95, a factor change mid-February,
0.10 € per kWh + 0.40 € a day) row by row and to the cent, the amount as metered beside it, the metered
view priced the same, and the billing year's settlement in the report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from homelog_desktop.domain.consumption import Period, Series
from homelog_desktop.domain.costs import money
from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Source, Tariff
from homelog_desktop.domain.settlement import AdvancePayment, settlement_lines
from homelog_desktop.services.reports import compute_report, report_csv

GAS = Metric(1, "Gas", "m³", MetricKind.COUNTER, 3)
SOURCE = Source(1, "Gas", Category.GAS, metrics=(GAS,))
FACTORS = [
    ConversionFactor(None, 1, date(2024, 1, 1), Decimal("11.2"), Decimal("0.95")),
    ConversionFactor(None, 1, date(2025, 2, 15), Decimal("11.4"), Decimal("0.95")),
]
TARIFFS = [Tariff(None, 1, date(2024, 1, 1), Decimal("0.10"), Decimal("0.40"))]


def at(y: int, m: int, d: int) -> int:
    return int(datetime(y, m, d, tzinfo=UTC).timestamp())


SERIES = Series.of([at(2025, 1, 1), at(2025, 2, 1), at(2025, 3, 1)], [0, 310, 590])


def report(**kw):
    return compute_report(SOURCE, GAS, Period.MONTH, SERIES, [], TARIFFS, UTC, factors=FACTORS, **kw)


def test_gas_report_in_kwh_to_the_cent():
    rep = report()
    assert rep.metric.unit == "kWh" and rep.metric.decimals == 2 and rep.original_metric == GAS
    assert [r.consumption for r in rep.rows] == [Decimal("3298.4"), Decimal("3005.8")]
    assert [r.original for r in rep.rows] == [Decimal(310), Decimal(280)]
    assert [money(r.cost) for r in rep.rows if r.cost is not None] == [Decimal("342.24"), Decimal("311.78")]
    assert rep.total_consumption == Decimal("6304.2") and money(rep.total_cost or Decimal(0)) == Decimal("654.02")
    lines = report_csv(rep).splitlines()
    assert lines[0].endswith(",cost,metered,unit,metered_unit")
    assert lines[1] == "2025-01-01,2025-02-01,3298.40,31,106.4000,342.24,310.000,kWh,m³"
    assert lines[2] == "2025-02-01,2025-03-01,3005.80,28,107.3500,311.78,280.000,kWh,m³"


def test_metered_view_shows_m3_priced_per_kwh():
    rep = report(converted=False)
    assert rep.metric == GAS and rep.original_metric is None and rep.convertible
    assert [r.consumption for r in rep.rows] == [Decimal(310), Decimal(280)]
    assert [money(r.cost) for r in rep.rows if r.cost is not None] == [Decimal("342.24"), Decimal("311.78")]
    assert report_csv(rep).splitlines()[0] == "period_start,period_end,consumption,days,avg_per_day,cost"


def test_readings_before_the_first_factor_are_named():
    late = [ConversionFactor(None, 1, date(2025, 2, 1), Decimal("10"))]
    rep = compute_report(SOURCE, GAS, Period.MONTH, SERIES, [], TARIFFS, UTC, factors=late)
    assert [r.start for r in rep.rows] == [date(2025, 2, 1)] and rep.rows[0].consumption == Decimal(2800)
    assert any("No conversion factor before 2025-02-01" in n for n in rep.notes)
    metered = compute_report(SOURCE, GAS, Period.MONTH, SERIES, [], TARIFFS, UTC, factors=late, converted=False)
    assert [r.cost is None for r in metered.rows] == [True, False]


def test_oil_litres_report_in_kwh():
    oil = Metric(1, "Oil delivered", "l", MetricKind.INTERVAL, 0)
    series = Series.of([at(2025, 4, 1)], [1500], [at(2025, 1, 1)])
    factors = [ConversionFactor(None, 1, date(2020, 1, 1), Decimal("9.8"))]
    rep = compute_report(
        Source(1, "Oil", Category.OIL, metrics=(oil,)), oil, Period.QUARTER, series, [], [], UTC, factors=factors
    )
    assert rep.metric.unit == "kWh" and rep.rows[0].consumption == Decimal(14700) and rep.rows[0].original == 1500


def test_settlement_in_the_report():
    """Billing year from January, read to 1 March, seen on 10 March: the 59 days so far cost 654.02
    (above); the other 306 days at the recent rate (6,304.2 kWh / 59 = 106.85085 kWh a day): 32,696.36
    kWh × 0.10 + 306 × 0.40 = 3,392.04. The year: 4,046.06 against advances of 12 × 85 = 1,020: a back
    payment of 3,026.06; paid by 10 March: 3 × 85 = 255."""
    advances = [AdvancePayment(None, 1, date(2025, 1, 1), Decimal("85"))]
    rep = report(advances=advances, today=date(2025, 3, 10))
    settlement = rep.settlement
    assert settlement is not None
    assert (settlement.paid, settlement.due_for_year) == (Decimal(255), Decimal(1020))
    assert settlement.cost_so_far is not None and money(settlement.cost_so_far) == Decimal("654.02")
    # The recent rate: 6,304.2 kWh over 59 days; the rest 306 days at it and 0.40 € a day.
    rest = Decimal("6304.2") / 59 * 306 * Decimal("0.10") + 306 * Decimal("0.40")
    assert settlement.forecast_cost is not None
    assert money(settlement.forecast_cost) == money(Decimal("654.02") + rest)  # 4,046.06
    assert settlement.balance is not None and money(settlement.balance) == money(1020 - Decimal("654.02") - rest)
    lines = settlement_lines(settlement)
    assert lines[0] == "Billing year 2025-01-01 to 2025-12-31: advances paid so far 255.00 EUR of 1,020.00 EUR"
    assert lines[-1].endswith("a back payment of 3,026.06 EUR")
    # The metered view forecasts the same money.
    assert report(advances=advances, today=date(2025, 3, 10), converted=False).settlement == settlement
