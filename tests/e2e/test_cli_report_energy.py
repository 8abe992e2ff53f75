"""``homelog report`` of a gas meter with conversion factors and advance payments: kWh by default
with the m³ beside them, ``--unit m3`` as metered, a clear line for a unit the metric has not, and
the billing year's settlement under the table."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source, Tariff
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import ReadingRepository, SourceRepository, TariffRepository
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from tests.processes import homelog

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gas: 10 m³ a day in January and February 2025; 11.2 × 0.95 kWh per m³, 11.4 × 0.95 from
    15 February; 0.10 € per kWh + 0.40 € a day; advances of 85 € a month."""
    folder = tmp_path_factory.mktemp("data")

    async def build() -> None:
        db = Database(sqlite_url(folder / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as s:
                gas = await SourceRepository(s).add(
                    Source(None, "Gas", Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))
                )
                metric = gas.metrics[0].id
                for month, value in ((1, "0"), (2, "310"), (3, "590")):
                    when = datetime(2025, month, 1, tzinfo=BERLIN)
                    await ReadingRepository(s).add(gas, Reading(None, gas.id, when, {metric: Decimal(value)}))
                await TariffRepository(s).add(Tariff(None, metric, date(2024, 1, 1), Decimal("0.10"), Decimal("0.40")))
                await ConversionFactorRepository(s).replace(
                    metric,
                    [
                        ConversionFactor(None, metric, date(2024, 1, 1), Decimal("11.2"), Decimal("0.95")),
                        ConversionFactor(None, metric, date(2025, 2, 15), Decimal("11.4"), Decimal("0.95")),
                    ],
                )
                await AdvancePaymentRepository(s).replace(
                    gas.id, [AdvancePayment(None, gas.id, date(2020, 1, 1), Decimal("85"))]
                )
        finally:
            await db.dispose()

    asyncio.run(build())
    return folder


def _report(data_dir: Path, *args: str):
    return homelog(None, "report", "--data-dir", str(data_dir), "--source", "Gas", *args, TZ="Europe/Berlin")


def test_report_is_in_kwh_with_the_m3_beside(data_dir: Path) -> None:
    done = _report(data_dir, "--period", "month")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "period_start,period_end,consumption,days,avg_per_day,cost,metered,unit,metered_unit",
        "2025-01-01,2025-02-01,3298.40,31,106.4000,342.24,310.000,kWh,m³",
        "2025-02-01,2025-03-01,3005.80,28,107.3500,311.78,280.000,kWh,m³",
    ]


def test_unit_m3_reports_as_metered_and_a_wrong_unit_is_one_line(data_dir: Path) -> None:
    done = _report(data_dir, "--period", "month", "--unit", "m3")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "2025-01-01,2025-02-01,310.000,31,10.00000,342.24"
    wrong = _report(data_dir, "--period", "month", "--unit", "MWh")
    assert wrong.returncode != 0 and wrong.stdout == ""
    assert wrong.stderr.strip().splitlines() == [
        "homelog: error: --unit MWh: “Gas” is reported in kWh (converted) or m³ (as metered)"
    ]


def test_table_shows_metered_column_and_the_settlement(data_dir: Path) -> None:
    done = _report(data_dir, "--period", "month", "--format", "table")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Gas – Gas (kWh), per month"
    assert lines[2].endswith("Metered (m³)")
    assert "654.02" in next(line for line in lines if line.startswith("Total"))
    assert any(line.startswith("Billing year ") and "of 1,020.00 EUR" in line for line in lines)
