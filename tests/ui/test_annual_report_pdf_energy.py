"""The annual report's PDF of a gas meter billed in kWh with monthly advances (Europe/Berlin).

100 m³ a month, read on the first of every month from 2024-01-01 to 2026-01-01; 11.2 × 0.95 = 10.64
kWh per m³, 11.4 × 0.95 = 10.83 from 2025-07-01; 0.10 EUR per kWh; 100 EUR a month in advance.
2025: January 100 m³ = 1,064.00 kWh costing 106.40; July 1,083.00 kWh costing 108.30; the year 600 ×
10.64 + 600 × 10.83 = 6,384 + 6,498 = 12,882.00 kWh from 1,200.000 m³, costing 1,288.20 EUR against
12 × 100 = 1,200.00 EUR paid: a back payment of 88.20 EUR.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source, Tariff
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import ReadingRepository, SourceRepository, TariffRepository
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from homelog_desktop.services.annual_report import YearKind, build_annual_report
from homelog_desktop.views.annual_report_pdf import write_pdf
from homelog_desktop.views.figures import money
from tests.annual_report_support import BERLIN, local, pdf_pages_to_png, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

SHOTS = Path("/tmp/pdf/shots-energy")


async def build_gas(db) -> Source:
    async with db.session() as s:
        gas = await SourceRepository(s).add(
            Source(None, "Gas", Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))
        )
        metric = gas.metrics[0].id
        assert metric is not None and gas.id is not None
        for index in range(25):
            at = local(2024 + index // 12, index % 12 + 1)
            await ReadingRepository(s).add(gas, Reading(None, gas.id, at, {metric: Decimal(100 * index)}))
        await TariffRepository(s).add(Tariff(None, metric, date(2024, 1, 1), Decimal("0.10"), Decimal(0)))
        await ConversionFactorRepository(s).replace(
            metric,
            [
                ConversionFactor(None, metric, date(2024, 1, 1), Decimal("11.2"), Decimal("0.95")),
                ConversionFactor(None, metric, date(2025, 7, 1), Decimal("11.4"), Decimal("0.95")),
            ],
        )
        await AdvancePaymentRepository(s).replace(
            gas.id, [AdvancePayment(None, gas.id, date(2024, 1, 1), Decimal("100"))]
        )
    return gas


def test_pdf_of_gas_in_kwh_with_the_m3_and_the_settlement(run, db, tmp_path):
    run(build_gas(db))
    report = run(build_annual_report(db, YearKind.CALENDAR, 2025, tz=BERLIN))
    (section,) = report.sections
    settlement = section.settlement
    assert settlement is not None and settlement.closed
    assert (settlement.paid, settlement.forecast_cost, settlement.balance) == (
        Decimal(1200),
        Decimal("1288.20"),
        Decimal("-88.20"),
    )
    assert [(t.unit, t.amount) for t in report.totals] == [("kWh", Decimal("12882.00"))]
    path = tmp_path / "gas.pdf"
    run(write_pdf(report, path, "a4", None))
    cover, page = pdf_text(path, 1), pdf_text(path, 2)
    assert "12882.00 kWh" in cover.replace(",", "")
    assert "1,200.000 m³ metered" in page  # the figures as the window writes them (the locale's: en_GB)
    header = " ".join(page.split())
    assert "Consumption (kWh) Metered (m³) Days" in header
    january = next(line for line in page.splitlines() if line.strip().startswith("January 2025"))
    assert january.split()[2:5] == ["1,064.00", "100.000", "31"]
    assert "106.40" in january.split()
    july = next(line for line in page.splitlines() if line.strip().startswith("July 2025"))
    assert july.split()[2:4] == ["1,083.00", "100.000"] and "108.30" in july.split()
    total = next(line for line in page.splitlines() if line.strip().startswith("Total"))
    assert total.split() == ["Total", "12,882.00", "1,200.000", "365", "1,288.20"]
    flowing = " ".join(page.split())
    assert "ADVANCES PAID COST OF THE YEAR BACK PAYMENT €1,200.00 €1,288.20 €88.20" in flowing
    assert "0.10 EUR per kWh" in flowing
    assert "Conversion In force at the start: 11.2 × Z-number 0.95 = 10.64 kWh per m³" in flowing
    assert "From 1 July 2025: 11.4 × Z-number 0.95 = 10.83 kWh per m³" in flowing
    assert "on 31 December 2025" in flowing
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert len(pdf_pages_to_png(path, SHOTS, resolution=80)) == 2


def test_pdf_of_the_current_year_shows_the_advances_so_far_and_the_forecast(run, db, tmp_path):
    """This year: 100 EUR on the first of each month so far paid, of 1,200; the forecast is the Reports
    page's (the reading of 1 January starts the year)."""
    run(build_gas(db))
    today = datetime.now(BERLIN).date()
    report = run(build_annual_report(db, YearKind.CALENDAR, today.year, tz=BERLIN))
    (section,) = report.sections
    settlement = section.settlement
    assert settlement is not None and not settlement.closed
    assert settlement == section.metrics[0].months.settlement
    assert (settlement.paid, settlement.due_for_year) == (Decimal(100 * today.month), Decimal(1200))
    path = tmp_path / "now.pdf"
    run(write_pdf(report, path, "a4", None))
    flowing = " ".join(pdf_text(path, 2).split())
    assert f"Advance payments, billing year 1 January – 31 December {today.year}" in flowing
    assert "ADVANCES PAID COST OF THE YEAR" in flowing and money(Decimal(100 * today.month), "EUR") in flowing
    assert "so far, of €1,200.00" in flowing
    if settlement.balance is not None:
        assert f"forecast for 31 December {today.year}" in flowing
    else:
        assert "needs a tariff and readings this year" in flowing
