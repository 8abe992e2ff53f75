"""The settlement of a day/night electricity meter with one advance payment: the Reports page (either
register's report), `homelog report` and the dashboard card show the same figures, over both registers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.costs import money
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Tariff
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.repositories.energy import AdvancePaymentRepository
from homelog_desktop.services.dashboard import dashboard_cards
from homelog_desktop.services.reports import build_report
from tests.conftest import make_reading


def utc(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


@pytest.fixture
def day_night(run, db, add_source, store):
    """Day 10 kWh a day, night 4 kWh a day, 1 January to 1 June 2025 (151 days); day at 0.30 € + 0.50 €
    a day, night at 0.20 €; 120 € a month in advance."""
    source = add_source(
        "Electricity",
        category=Category.ELECTRICITY,
        metrics=(
            Metric(None, "Day", "kWh", MetricKind.COUNTER, 1),
            Metric(None, "Night", "kWh", MetricKind.COUNTER, 1),
        ),
    )
    day, night = (m.id for m in source.metrics)
    store(
        source,
        make_reading(source, utc(2025, 1, 1), "0", "0"),
        make_reading(source, utc(2025, 6, 1), "1510", "604"),
    )

    async def extras() -> None:
        async with db.session() as s:
            await TariffRepository(s).add(Tariff(None, day, date(2024, 1, 1), Decimal("0.30"), Decimal("0.50")))
            await TariffRepository(s).add(Tariff(None, night, date(2024, 1, 1), Decimal("0.20"), Decimal("0")))
            await AdvancePaymentRepository(s).replace(
                source.id, [AdvancePayment(None, source.id, date(2025, 1, 1), Decimal("120"))]
            )

    run(extras())
    return source


def test_report_settles_both_registers_as_the_card(run, db, day_night):
    """Day: 528.50 so far + 749.00 for the other 214 days; night: 120.80 + 171.20 (test_settlement). The
    year 1,569.50 against 12 × 120 = 1,440: a back payment of 129.50; paid by 10 June 720."""
    (card,) = run(dashboard_cards(db, now=utc(2025, 6, 10), tz=UTC))
    assert card.settlement is not None
    assert card.settlement.balance is not None and money(card.settlement.balance) == Decimal("-129.50")
    for metric in day_night.metrics:
        report = run(
            build_report(
                db, day_night.id, metric.id, Period.MONTH, date(2025, 1, 1), None, UTC, today=date(2025, 6, 10)
            )
        )
        settlement = report.settlement
        assert settlement == card.settlement
        assert settlement is not None and (settlement.paid, settlement.due_for_year) == (Decimal(720), Decimal(1440))
        assert settlement.forecast_cost is not None and money(settlement.forecast_cost) == Decimal("1569.50")
