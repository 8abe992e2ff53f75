"""The Reports page of a gas meter with conversion factors and advances: kWh by default, a "kWh | m³"
switch that reloads in m³ with the same cost, and the billing year's settlement under the table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Tariff
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from homelog_desktop.viewmodels.reports import Preset, ReportsViewModel
from homelog_desktop.views.models.report import ReportColumn
from homelog_desktop.views.reports_page import ReportsPage
from tests.conftest import make_reading


@pytest.fixture
def gas(add_source, store, run, db):
    source = add_source("Gas", category=Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))
    store(
        source,
        *[make_reading(source, datetime(2025, m, 1).astimezone(), v) for m, v in ((1, "0"), (2, "310"), (3, "590"))],
    )
    metric = source.metrics[0].id

    async def extras():
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
                source.id, [AdvancePayment(None, source.id, date(2020, 1, 1), Decimal("85"))]
            )

    run(extras())
    return source


@pytest.fixture
def page(qtbot, db, run):
    vm = ReportsViewModel(db)
    widget = ReportsPage(vm)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    run(vm.close())


def wait_for(qtbot, page, unit: str):
    def done():
        report = page.vm.report
        return report is not None and report.metric.unit == unit and not page.vm.loading and not page.vm._tasks

    qtbot.waitUntil(done, timeout=15000)
    return page.vm.report


def texts(model, column) -> list[str]:
    return [model.text(row, column) for row in range(model.rowCount())]


def test_reports_page_shows_kwh_and_switches_to_m3(qtbot, gas, page):
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))
    page.set_source(gas)
    report = wait_for(qtbot, page, "kWh")
    assert report.period is Period.MONTH
    toggle = page.unit_toggle
    assert toggle.isVisible() and toggle.converted_button.text() == "kWh" and toggle.metered_button.text() == "m³"
    assert texts(page.model, ReportColumn.CONSUMPTION) == ["3,298.40", "3,005.80"]
    assert texts(page.model, ReportColumn.COST) == ["342.24", "311.78"]
    footer = page.findChild(QLabel, "reportFooter").text()
    assert "Billing year" in footer and "of €1,020.00" in footer
    qtbot.mouseClick(toggle.metered_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, page, "m³")
    assert texts(page.model, ReportColumn.CONSUMPTION) == ["310.000", "280.000"]
    assert texts(page.model, ReportColumn.COST) == ["342.24", "311.78"]  # still priced per kWh
    qtbot.mouseClick(toggle.converted_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, page, "kWh")


def test_unit_switch_is_hidden_without_factors(qtbot, add_source, store, page):
    source = add_source("Power")
    store(source, make_reading(source, datetime(2025, 1, 1).astimezone(), "0", "0"))
    store(source, make_reading(source, datetime(2025, 2, 1).astimezone(), "31", "0"))
    page.set_source(source)
    wait_for(qtbot, page, "kWh")
    assert not page.unit_toggle.isVisible()
