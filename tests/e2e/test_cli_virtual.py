"""``homelog report`` and ``homelog export`` of a virtual meter: real processes on a real data folder."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import Category, Metric, Reading, Source, VirtualTerm
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.processes import homelog


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Solar production (10 kWh a day in January 2025) and feed-in (4 a day from 11 January), and
    self-consumption = production − feed-in."""
    folder = tmp_path_factory.mktemp("data")

    async def build() -> None:
        db = Database(sqlite_url(folder / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as s:
                repo = SourceRepository(s)
                made = await repo.add(
                    Source(None, "Production", Category.SOLAR, metrics=(Metric(None, "Energy", "kWh"),))
                )
                fed = await repo.add(Source(None, "Feed-in", Category.SOLAR, metrics=(Metric(None, "Energy", "kWh"),)))
                points = [(made, 1, "0"), (made, 21, "200"), (fed, 11, "1000"), (fed, 31, "1080")]
                points += [(made, 31, "300")]
                for source, day, value in points:
                    when = datetime(2025, 1, day, tzinfo=UTC)
                    metric = source.metrics[0].id
                    await ReadingRepository(s).add(source, Reading(None, source.id, when, {metric: Decimal(value)}))
                await repo.add(
                    Source(
                        None,
                        "Self-consumption",
                        Category.SOLAR,
                        metrics=(Metric(None, "Used", "kWh", decimals=1),),
                        virtual=True,
                        terms=(VirtualTerm(made.metrics[0].id, 1), VirtualTerm(fed.metrics[0].id, -1)),
                    )
                )
        finally:
            await db.dispose()

    asyncio.run(build())
    return folder


def test_cli_report_of_a_virtual_meter(data_dir):
    """20 days (11-31 January) of 10 − 4 kWh a day: 120 kWh, the per-day rate 6."""
    done = homelog(None, "report", "--data-dir", str(data_dir), "--source", "self-consumption", "--period", "month",
                   TZ="UTC")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "period_start,period_end,consumption,days,avg_per_day,cost",
        "2025-01-01,2025-02-01,120.0,20,6.000,",
    ]


def test_cli_add_to_a_virtual_meter_is_refused_with_a_message(data_dir, tmp_path):
    """``homelog export`` writes the computed months; a reading cannot be added (one line, no traceback)."""
    out = tmp_path / "self.csv"
    done = homelog(
        None, "export", "--data-dir", str(data_dir), "--source", "Self-consumption", "-o", str(out), TZ="UTC"
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1] == "2025-01-01,2025-02-01,120.0,20,6.000,"
