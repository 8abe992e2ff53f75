"""Benchmark: the annual report's PDF of a source with ten years of daily readings, end to end
(``build_annual_report`` + ``write_pdf``: the figures, both charts at print resolution, the
pages), against a baseline measured in the same run: ``build_report`` of the same year's months
plus a bare ``QTextDocument.print_`` of the same table to a ``QPdfWriter``.

Run as ``python tests/benchmarks/bench_annual_pdf.py [--years N] [--runs N]`` (Qt offscreen by default).
Goal: the PDF in <= 3 s (warm: the chart modules already imported; the first, cold run is printed too).
The longest gap of a 16 ms timer during the PDF is printed as information (the window stays usable).
A missed goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import qasync  # noqa: E402  (after PySide6, so that qasync uses it)
from PySide6.QtCore import QBuffer, QIODevice  # noqa: E402
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.domain.consumption import Period  # noqa: E402
from homelog_desktop.domain.entities import Metric, MetricKind, Tariff  # noqa: E402
from homelog_desktop.repositories import SourceRepository, TariffRepository  # noqa: E402
from homelog_desktop.services.annual_report import YearKind, build_annual_report  # noqa: E402
from homelog_desktop.services.reports import build_report, consumption_text, days_text, money_text  # noqa: E402
from homelog_desktop.views.annual_report_pdf import write_pdf  # noqa: E402
from tests.conftest import make_source, seed_readings  # noqa: E402

#: Goal for the whole PDF (ms).
GOAL_MS = 3000.0


async def baseline_pdf(db: Database, source_id: int, metric_id: int, year: int, out: Path) -> None:
    """build_report of the year's months, and the bare table printed by QTextDocument to a PDF."""
    report = await build_report(db, source_id, metric_id, Period.MONTH, date(year, 1, 1), date(year + 1, 1, 1))
    metric = report.metric
    rows = "".join(
        f"<tr><td>{r.start}</td><td>{consumption_text(r.consumption, metric) if r.consumption is not None else ''}</td>"
        f"<td>{days_text(r.days)}</td><td>{money_text(r.cost) if r.cost is not None else ''}</td></tr>"
        for r in report.rows
    )
    doc = QTextDocument()
    doc.setHtml(f"<h1>{report.source.name}</h1><table>{rows}</table>")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    doc.print_(writer)
    await asyncio.to_thread(out.write_bytes, bytes(buffer.data().data()))


async def timed_pdf(db: Database, year: int, out: Path) -> tuple[float, float, int]:
    """One PDF: (ms, longest gap of a 16 ms timer meanwhile, pages)."""
    monitor = _common.TickMonitor(16)
    await asyncio.sleep(0.05)
    monitor.start()
    with _common.Stopwatch() as sw:
        report = await build_annual_report(db, YearKind.CALENDAR, year)
        pages = await write_pdf(report, out)
    gap = monitor.stop()
    return sw.ms, gap, pages


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        db = Database(sqlite_url(path))
        try:
            await migrate(db)
            metric = Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1)
            async with db.session() as s:
                source = await SourceRepository(s).add(make_source("Bench meter", metrics=(metric,)))
                mid = source.metrics[0].id
                assert mid is not None and source.id is not None
                for day, price in [(date(2014, 1, 1), "0.25"), (date(2019, 7, 1), "0.30"), (date(2023, 3, 1), "0.35")]:
                    await TariffRepository(s).add(Tariff(None, mid, day, Decimal(price), Decimal("0.40")))
            days = round(args.years * 365.25)
            start = datetime(2015, 1, 1, 6, tzinfo=UTC)
            seed_readings(path, source, days, start=start, step=timedelta(days=1))
            last_year = (start + timedelta(days=days - 1)).year - 1  # the last whole year
            conn = sqlite3.connect(path)
            conn.execute("UPDATE readings SET note = 'Read by the landlord' WHERE id % 30 = 0")
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            print(f"{days:,} daily readings ({args.years} years); the PDF of {last_year}", flush=True)
            out = Path(tmp) / "annual.pdf"
            cold, cold_gap, pages = await timed_pdf(db, last_year, out)
            print(f"(info) first PDF, importing the chart modules: {cold:.0f} ms, {pages} pages", flush=True)
            base_times, times, gaps = [], [], []
            for _ in range(args.runs):  # alternated, so that the machine's other load weighs on both alike
                with _common.Stopwatch() as sw:
                    await baseline_pdf(db, source.id, mid, last_year, Path(tmp) / "bare.pdf")
                base_times.append(sw.ms)
                ms, gap, pages = await timed_pdf(db, last_year, out)
                times.append(ms)
                gaps.append(gap)
            base, ours = _common.median(base_times), _common.median(times)
            print(f"baseline runs: {', '.join(f'{t:.0f}' for t in base_times)} ms")
            size = out.stat().st_size
            print(f"PDF runs:      {', '.join(f'{t:.0f}' for t in times)} ms; {pages} pages, {size:,} bytes")
            _common.report(
                "annual report PDF, ten years of daily readings (median)",
                ours,
                GOAL_MS,
                base,
                "build_report of the year + bare QTextDocument table printed to PDF",
            )
            print(f"  (info) longest event-loop gap during a PDF: {max(gaps):.0f} ms (first run: {cold_gap:.0f} ms)")
        finally:
            await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    app = QApplication(sys.argv[:1])
    _common.collect_as_the_app(app)
    started = time.perf_counter()
    asyncio.run(main(arguments), loop_factory=qasync.QEventLoop)
    print(f"done in {time.perf_counter() - started:.1f} s")
