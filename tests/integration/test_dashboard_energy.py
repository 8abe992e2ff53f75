"""The dashboard card of a gas meter billed in kWh with monthly advances: figures in kWh at the price
per kWh, the meter's own m³ as its last reading, and the billing year's forecast settlement on the card."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from homelog_desktop.domain.costs import money
from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Tariff
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from homelog_desktop.services.dashboard import dashboard_cards
from homelog_desktop.views.dashboard import SourceCardWidget
from tests.conftest import make_reading

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def utc(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


@pytest.fixture
def gas(run, db, add_source, store):
    """10 m³ a day in January and February 2025; 11.2 × 0.95 kWh per m³, 11.4 × 0.95 from 15 February;
    0.10 € per kWh + 0.40 € a day; 85 € a month in advance."""
    source = add_source("Gas", category=Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))
    store(source, *[make_reading(source, utc(2025, m, 1), v) for m, v in ((1, "0"), (2, "310"), (3, "590"))])
    metric = source.metrics[0].id

    async def extras() -> None:
        async with db.session() as s:
            await TariffRepository(s).add(Tariff(None, metric, date(2024, 1, 1), Decimal("0.10"), Decimal("0.40")))
            await ConversionFactorRepository(s).replace(
                metric,
                [
                    ConversionFactor(None, metric, date(2024, 1, 1), Decimal("11.2"), Decimal("0.95")),
                    ConversionFactor(None, metric, date(2025, 2, 15), Decimal("11.4"), Decimal("0.95")),
                ],
            )
            await AdvancePaymentRepository(s).replace(
                source.id, [AdvancePayment(None, source.id, date(2024, 6, 1), Decimal("85"))]
            )

    run(extras())
    return source


def test_gas_card_counts_kwh_and_forecasts_the_settlement(run, db, gas):
    """Cost this year 342.24 + 311.78 = 654.02 (see test_energy); the year 4,046.06 against 12 × 85:
    a back payment of 3,026.06 (see test_energy_report for the hand computation)."""
    (card,) = run(dashboard_cards(db, now=utc(2025, 3, 10), tz=UTC))
    assert card.metric is not None and card.metric.unit == "kWh"
    assert card.registers[0].value == Decimal("590.000") and card.registers[0].metric.unit == "m³"
    assert card.ytd_cost is not None and money(card.ytd_cost) == Decimal("654.02")
    settlement = card.settlement
    assert settlement is not None
    assert (settlement.paid, settlement.due_for_year) == (Decimal(255), Decimal(1020))
    assert settlement.balance is not None and money(settlement.balance) == Decimal("-3026.06")


def test_gas_card_widget_shows_the_settlement(qtbot, run, db, gas):
    (card,) = run(dashboard_cards(db, now=utc(2025, 3, 10), tz=UTC))
    widget = SourceCardWidget()
    qtbot.addWidget(widget)
    widget.set_card(card.summary, card, utc(2025, 3, 10), UK)
    widget.resize(400, widget.sizeHint().height())
    widget.show()
    rows = widget.settlement
    assert rows.caption.text() == "Settlement 2025" and rows.caption.isVisible()
    assert rows.result_label.text() == "back payment €3,026.06"
    assert rows.detail_label.text() == "paid €255.00 of €1,020.00 · used €654.02 so far · year €4,046.06"
    assert "recent daily rate" in rows.result_label.toolTip()
    assert widget.last_label.text().startswith("590.000 m³")


def test_card_without_advances_shows_no_settlement(qtbot, run, db, add_source, store):
    source = add_source("House")
    store(source, make_reading(source, utc(2025, 1, 1), "0", "0"), make_reading(source, utc(2025, 2, 1), "31", "0"))
    (card,) = run(dashboard_cards(db, now=utc(2025, 2, 2), tz=UTC))
    assert card.settlement is None
    widget = SourceCardWidget()
    qtbot.addWidget(widget)
    widget.set_card(card.summary, card, utc(2025, 2, 2), UK)
    widget.show()
    assert not widget.settlement.caption.isVisible() and not widget.settlement.result_label.isVisible()
