"""``homelog report`` of a gas meter with conversion factors and advance payments: kWh by default
with the m³ beside them, ``--unit m3`` as metered, a clear line for a unit the metric has not, and
the billing year's settlement under the table."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date, datetime, timedelta
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
from tests.annual_report_support import pdf_text
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
                await _day_night(s)
        finally:
            await db.dispose()

    asyncio.run(build())
    return folder


async def _day_night(s) -> None:
    """A day/night meter read on 1 January and 30 days ago this year, with 120 € a month in advance."""
    power = await SourceRepository(s).add(
        Source(
            None,
            "Power",
            Category.ELECTRICITY,
            metrics=(
                Metric(None, "Day", "kWh", MetricKind.COUNTER, 1),
                Metric(None, "Night", "kWh", MetricKind.COUNTER, 1),
            ),
        )
    )
    day, night = (m.id for m in power.metrics)
    today = datetime.now(BERLIN).date()
    later = max(today - timedelta(days=30), date(today.year, 1, 20))
    for when, values in ((date(today.year, 1, 1), ("0", "0")), (later, ("3000", "1200"))):
        at = datetime(when.year, when.month, when.day, tzinfo=BERLIN)
        reading = Reading(None, power.id, at, {day: Decimal(values[0]), night: Decimal(values[1])})
        await ReadingRepository(s).add(power, reading)
    await TariffRepository(s).add(Tariff(None, day, date(2020, 1, 1), Decimal("0.30"), Decimal("0.50")))
    await TariffRepository(s).add(Tariff(None, night, date(2020, 1, 1), Decimal("0.20"), Decimal(0)))
    await AdvancePaymentRepository(s).replace(
        power.id, [AdvancePayment(None, power.id, date(2020, 1, 1), Decimal("120"))]
    )


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


def test_table_of_either_register_of_a_day_night_meter_shows_the_sources_settlement(data_dir: Path) -> None:
    """The settlement covers both registers: the Day and the Night table end with the same lines, and
    with a forecast (a single register's would be cheaper: the other register's cost is in it)."""
    ends = []
    for metric in ("Day", "Night"):
        done = homelog(
            None, "report", "--data-dir", str(data_dir), "--source", "Power", "--metric", metric,
            "--period", "month", "--format", "table", TZ="Europe/Berlin",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("Billing year "))
        ends.append(lines[start:])
    assert ends[0] == ends[1]
    assert "of 1,440.00 EUR" in ends[0][0]
    assert any(line.startswith("Forecast for the year ") for line in ends[0])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_pdf_of_2025_shows_kwh_with_m3_and_the_advances_against_the_cost(data_dir: Path, tmp_path: Path) -> None:
    """2025, read to 1 March: 3,298.40 + 3,005.80 = 6,304.20 kWh from 310 + 280 = 590 m³, costing
    342.24 + 311.78 = 654.02 EUR; advances 12 × 85 = 1,020.00 EUR: a refund of 365.98 EUR, on the
    59 days read."""
    out = tmp_path / "gas.pdf"
    done = homelog(
        tmp_path,
        *("report", "--data-dir", str(data_dir), "--source", "Gas"),
        *("--format", "pdf", "-o", str(out), "--year", "2025"),
        TZ="Europe/Berlin",
        LC_ALL="C.UTF-8",
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_text(out, 2).split())
    # (written as the window writes it: with no locale configured, British English conventions)
    assert "6,304.20 kWh" in text and "590.000 m³ metered" in text
    assert "Consumption (kWh) Metered (m³)" in text
    assert "ADVANCES PAID COST OF THE YEAR REFUND €1,020.00 €654.02 €365.98" in text
    assert "readings cover 59 of its 365 days" in text
