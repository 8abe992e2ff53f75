"""``homelog report`` as a user runs it: real processes on a real data folder, output and exit codes."""

from __future__ import annotations

import asyncio
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source, Tariff
from homelog_desktop.repositories import ReadingRepository, SourceRepository, TariffRepository
from tests.conftest import make_source
from tests.processes import homelog

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")


def _local(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=BERLIN)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a water meter (1 m³ a day, a tariff from February) and a two-register meter."""
    folder = tmp_path_factory.mktemp("data")

    async def build() -> None:
        db = Database(sqlite_url(folder / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as s:
                water = await SourceRepository(s).add(
                    Source(None, "Water", Category.WATER, metrics=(Metric(None, "Cold", "m³", MetricKind.COUNTER, 3),))
                )
                metric_id = water.metrics[0].id
                for when, value in [
                    (_local(2025, 1, 1), "100.000"),
                    (_local(2025, 2, 1), "131.000"),
                    (_local(2025, 3, 11, 12), "169.500"),
                ]:
                    await ReadingRepository(s).add(water, Reading(None, water.id, when, {metric_id: Decimal(value)}))
                await TariffRepository(s).add(
                    Tariff(None, metric_id, date(2025, 2, 1), Decimal("2.00"), Decimal("0.10"))
                )
                await SourceRepository(s).add(make_source("Electricity"))
                gas = await SourceRepository(s).add(
                    Source(None, "Gas", Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))
                )
                for day, value in [(1, "500.000"), (11, "520.000"), (21, "5.000")]:  # swapped, not recorded
                    reading = Reading(None, gas.id, _local(2025, 1, day), {gas.metrics[0].id: Decimal(value)})
                    await ReadingRepository(s).add(gas, reading)
        finally:
            await db.dispose()

    asyncio.run(build())
    return folder


def _report(data_dir: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    location = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return homelog(None, "report", *location, *args, TZ="Europe/Berlin")


def test_report_csv_per_month(data_dir):
    done = _report(data_dir, "--source", "water", "--period", "month", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "period_start,period_end,consumption,days,avg_per_day,cost",
        "2025-01-01,2025-02-01,31.000,31,1.00000,",
        "2025-02-01,2025-03-01,28.000,28,1.00000,58.80",  # 28 × 2.00 + 28 × 0.10
        "2025-03-01,2025-04-01,10.500,10.5,1.00000,22.05",  # 10.5 × 2.00 + 10.5 × 0.10
    ]
    assert done.stderr == ""


def test_report_range_is_inclusive_and_cuts_periods(data_dir):
    done = _report(data_dir, "--source", "Water", "--metric", "cold", "--period", "quarter")
    assert done.stdout.splitlines()[1:] == ["2025-01-01,2025-04-01,69.500,69.5,1.00000,"]
    cut = _report(data_dir, "--source", "Water", "--period", "week", "--from", "2025-02-24", "--to", "2025-03-02")
    assert cut.returncode == 0, cut.stderr
    assert cut.stdout.splitlines()[1:] == ["2025-02-24,2025-03-03,7.000,7,1.00000,14.70"]
    billing = _report(data_dir, "--source", "Water", "--period", "billing_year")
    assert billing.stdout.splitlines()[1:] == ["2025-01-01,2026-01-01,69.500,69.5,1.00000,"]


def test_report_table_is_aligned_with_units_and_totals(data_dir):
    done = _report(data_dir, "--source", "Water", "--period", "month", "--format", "table")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Water – Cold (m³), per month"
    header, rule, *rows = lines[2:8]
    assert header.split()[:5] == ["Period", "From", "To", "Consumption", "(m³)"]
    assert header.split()[5:] == ["Days", "Per", "day", "Cost", "(EUR)", "Last", "year", "Change"]
    assert rows[1].split() == ["2025-02", "2025-02-01", "2025-03-01", "28.000", "28", "1.00000", "58.80", "–", "–"]
    assert rows[3].split() == ["Total", "69.500", "–"]  # January has no tariff: no total cost
    assert len({len(line) for line in [header, rule]}) == 1  # the rule is as wide as the header
    assert lines[-1] == "Projected per year: 365.000 m³ (recent rate 1.00000 m³ a day), cost 766.50 EUR"


def test_report_by_database_url(data_dir):
    url = sqlite_url(data_dir / "homelog.db")
    env_args = ["--db", url, "--source", "Water", "--period", "year"]
    done = _report(None, *env_args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "2025-01-01,2026-01-01,69.500,69.5,1.00000,"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "Oil", "--period", "month"], "no source named “Oil”; the sources are: Electricity, Gas, Water"),
        (["--source", "Electricity", "--period", "month"], "several metrics; choose one with --metric: Day, Night"),
        (["--source", "Water", "--metric", "Hot", "--period", "month"], "no metric named “Hot”; its metrics are: Cold"),
        (["--source", "Water", "--period", "month", "--from", "2025-03-01", "--to", "2025-02-01"], "is before --from"),
        (["--source", "Water", "--period", "fortnight"], "invalid choice: 'fortnight'"),
        (["--source", "Water", "--period", "month", "--to", "31.03.2025"], "is not a date such as"),
    ],
)
def test_report_bad_input_exits_2_with_one_message(data_dir, args, message):
    done = _report(data_dir, *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_report_without_a_database_exits_2(tmp_path):
    done = _report(tmp_path / "empty", "--source", "Water", "--period", "month")
    assert done.returncode == 2
    assert "no database at" in done.stderr
    assert not (tmp_path / "empty" / "homelog.db").exists()


def test_report_notes_a_counter_going_down_without_a_meter_change(data_dir):
    done = _report(data_dir, "--source", "gas", "--period", "month")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "2025-01-01,2025-02-01,-495.000,20,-24.75000,"
    assert done.stderr.startswith("homelog: note: The counter goes down on 2025-01-21 with no meter change recorded")


@pytest.mark.parametrize(
    "order",
    [
        ["--data-dir", "{dir}", "report"],
        ["--data-dir={dir}", "report"],
        ["--db", "{url}", "report"],
        ["--db={url}", "report"],
    ],
    ids=["data-dir-first", "data-dir-equals-first", "db-first", "db-equals-first"],
)
def test_report_shared_options_before_the_command(data_dir, order):
    """``homelog --data-dir DIR report …`` works like ``homelog report --data-dir DIR …``."""
    url = sqlite_url(data_dir / "homelog.db")
    first = [part.format(dir=data_dir, url=url) for part in order]
    done = homelog(None, *first, "--source", "Water", "--period", "year", TZ="Europe/Berlin")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "2025-01-01,2026-01-01,69.500,69.5,1.00000,"


def test_console_entry_point_homelog_cli_runs_the_commands(data_dir):
    """``homelog-cli`` (a console script: Windows gives gui-scripts no console) is the same program."""
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="homelog-cli")
    assert script.value == "homelog_desktop.app:main"
    (gui,) = entry_points(group="gui_scripts", name="homelog")
    assert gui.value == script.value
