"""A household for the annual report's tests, with figures checked by hand (Europe/Berlin).

- Water (m³, 3 decimals): a reading at local midnight on the first of every month from 2024-01-01
  to 2026-01-01, 1 m³ a day; the meter replaced on 2025-07-15 (old 561.000, new 0.000), so the
  consumption stays 1 m³ a day. Tariff 2.00 EUR/m³ + 0.10 EUR a day from 2024-01-01, 2.50 + 0.10
  from 2025-10-01. A note on 2025-03-01 (and one in 2024, outside 2025).
  2025: 365.000 m³; January 31.000 m³ costing 31 × 2.10 = 65.10; the year 273 × 2.10 + 92 × 2.60
  = 573.30 + 239.20 = 812.50 EUR; against the same days of 2024 (366 m³): −0.3 %.
- Cellar (a gauge, °C, 1 decimal): 10.0, 12.0 and 14.0 in January 2025: mean 12.000, lowest 10.0,
  highest 14.0.
- A sub-meter with a long name, read only in 2023: "no readings in 2025".
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from homelog_desktop.db.handle import SessionProvider
from homelog_desktop.domain.entities import (
    Category,
    MeterEvent,
    MeterEventKind,
    Metric,
    MetricKind,
    Reading,
    Source,
    Tariff,
)
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, SourceRepository, TariffRepository

BERLIN = ZoneInfo("Europe/Berlin")
LONG_NAME = "Garden irrigation sub-meter at the far end of the allotment, behind the tool shed by the gate"


def local(y: int, m: int, d: int = 1, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=BERLIN)


async def build_household(db: SessionProvider) -> dict[str, Source]:
    async with db.session() as s:
        sources = SourceRepository(s)
        readings = ReadingRepository(s)
        water = await sources.add(
            Source(
                None,
                "Water",
                Category.WATER,
                description="Cold water meter in the cellar",
                metrics=(Metric(None, "Water", "m³", MetricKind.COUNTER, 3),),
            )
        )
        metric = water.metrics[0].id
        assert metric is not None and water.id is not None
        replaced = local(2025, 7, 15)
        day = date(2024, 1, 1)
        while day <= date(2026, 1, 1):
            at = local(day.year, day.month, day.day)
            if at < replaced:
                value = Decimal((day - date(2024, 1, 1)).days)
            else:
                value = Decimal((day - date(2025, 7, 15)).days)
            note = {date(2025, 3, 1): "Read by the landlord", date(2024, 5, 1): "An old note"}.get(day, "")
            await readings.add(water, Reading(None, water.id, at, {metric: value}, note=note))
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        await MeterEventRepository(s).add(
            MeterEvent(
                None,
                water.id,
                metric,
                replaced,
                MeterEventKind.REPLACEMENT,
                old_value=Decimal(561),  # 2025-07-15 is day 561 since 2024-01-01
                new_value=Decimal(0),
                note="Calibration due",
            )
        )
        tariffs = TariffRepository(s)
        await tariffs.add(Tariff(None, metric, date(2024, 1, 1), Decimal("2.00"), Decimal("0.10")))
        await tariffs.add(Tariff(None, metric, date(2025, 10, 1), Decimal("2.50"), Decimal("0.10")))
        cellar = await sources.add(
            Source(
                None, "Cellar", Category.TEMPERATURE, metrics=(Metric(None, "Temperature", "°C", MetricKind.GAUGE, 1),)
            )
        )
        assert cellar.id is not None
        for d, value in ((5, "10.0"), (15, "12.0"), (25, "14.0")):
            await readings.add(
                cellar, Reading(None, cellar.id, local(2025, 1, d, 12), {cellar.metrics[0].id: Decimal(value)})
            )
        garden = await sources.add(
            Source(None, LONG_NAME, Category.WATER, metrics=(Metric(None, "Water", "m³", MetricKind.COUNTER, 3),))
        )
        assert garden.id is not None
        for month, value in ((4, "1.000"), (9, "31.500")):
            await readings.add(
                garden, Reading(None, garden.id, local(2023, month), {garden.metrics[0].id: Decimal(value)})
            )
    return {"water": water, "cellar": cellar, "garden": garden}


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text (``pdftotext -layout``), of one page (1-based) or all."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    done = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.replace("\ufb01", "fi").replace("\ufb02", "fl")  # the font's ligatures


def pdf_info(path: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60)
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in done.stdout.splitlines())}


def pdf_pages_to_png(path: Path, folder: Path, resolution: int = 60) -> list[Path]:
    """Every page rendered by poppler (``pdftoppm``) to PNG files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(path), str(folder / "page")], check=True, timeout=120
    )
    return sorted(folder.glob("page-*.png"))
