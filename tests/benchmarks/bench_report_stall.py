"""Benchmark: open the Reports page of a 1,000,000-reading source (report, table and three charts)
and measure the longest event-loop stall (gaps of a 16 ms timer) and the time until the table and
the charts are shown.

Baselines in the same run: an idle event loop's longest gap over the same time (what the timer
itself shows), and the same page fed a report and series computed beforehand ("bare page": only
the GUI work, no database or numpy). The first open in the process includes importing numpy,
SQLAlchemy's report path and pyqtgraph (in worker threads); later opens are warm.

Run as ``python tests/benchmarks/bench_report_stall.py [--rows N] [--runs N]`` (Qt offscreen).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import qasync  # noqa: E402  (after PySide6, so that qasync uses it)
from PySide6.QtWidgets import QApplication  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.domain.entities import Metric, MetricKind  # noqa: E402
from homelog_desktop.repositories import SourceRepository  # noqa: E402
from tests.conftest import make_source, seed_readings  # noqa: E402

#: Goal (ms): the longest stall of the event loop while the report and charts load.
STALL_GOAL = 50
#: Seconds between two seeded readings: a million of them end about now (the page's default range,
#: "Last 12 months", then holds most of them).
STEP_S = 30


async def open_page(db: Database, source, *, builder=None, series_loader=None) -> dict[str, float]:
    """Open a fresh Reports page on ``source``; times (ms) and the longest timer gap while loading."""
    from homelog_desktop.viewmodels.reports import ReportsViewModel
    from homelog_desktop.views.reports_page import CHART_READINGS, ReportsPage

    vm = ReportsViewModel(db, builder=builder, series_loader=series_loader)
    page = ReportsPage(vm)
    page.resize(1100, 720)
    page.show()
    await asyncio.sleep(0.05)
    monitor = _common.TickMonitor()
    times: dict[str, float] = {}
    monitor.start()
    started = time.perf_counter()
    page.set_source(source)

    def table_shown() -> bool:
        return vm.report is not None and page.model.rowCount() > 0

    def charts_shown() -> bool:
        chart = page.charts[0]
        return chart is not None and not chart.is_empty and not vm._tasks

    await _common.wait_until(table_shown, limit_s=120)
    times["table"] = (time.perf_counter() - started) * 1000
    await _common.wait_until(charts_shown, limit_s=120)
    await asyncio.sleep(0.05)  # the charts' first paint
    times["charts"] = (time.perf_counter() - started) * 1000
    times["gap"] = monitor.stop()
    # The user then opens the Readings chart: it is built, a million points handed over and drawn.
    monitor.start()
    clicked = time.perf_counter()
    page.chart_tabs.setCurrentIndex(CHART_READINGS)
    await _common.wait_until(
        lambda: page.charts[CHART_READINGS] is not None and page.charts[CHART_READINGS].point_count > 0, limit_s=120
    )
    await asyncio.sleep(0.05)  # drawn
    times["readings_tab"] = (time.perf_counter() - clicked) * 1000 - 50
    times["readings_gap"] = monitor.stop()
    times["points"] = page.charts[CHART_READINGS].point_count
    page.close()
    page.deleteLater()
    await vm.close()
    return times


async def idle_gap(seconds: float) -> float:
    monitor = _common.TickMonitor()
    monitor.start()
    await asyncio.sleep(seconds)
    return monitor.stop()


async def run(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        db = Database(sqlite_url(path))
        await migrate(db)
        async with db.session() as session:
            source = await SourceRepository(session).add(
                make_source("Big meter", metrics=(Metric(None, "Import", "kWh", MetricKind.COUNTER, decimals=1),))
            )
        start = datetime.now(UTC) - timedelta(seconds=rows * STEP_S)
        seeded = time.perf_counter()
        await asyncio.to_thread(seed_readings, path, source, rows, start=start, step=timedelta(seconds=STEP_S))
        print(f"seeded {rows:,} readings in {time.perf_counter() - seeded:.1f} s", flush=True)

        results = []
        for i in range(runs):
            measured = await open_page(db, source)
            results.append(measured)
            label = "first (cold imports)" if i == 0 else f"open {i + 1}"
            print(
                f"{label}: table {measured['table']:.0f} ms, charts {measured['charts']:.0f} ms, "
                f"longest gap {measured['gap']:.1f} ms; then the Readings chart tab: "
                f"{measured['readings_tab']:.0f} ms, "
                f"longest gap {measured['readings_gap']:.1f} ms ({measured['points']:,} points)",
                flush=True,
            )

        # Baselines: an idle loop for as long as a warm open takes, and the bare page (precomputed data).
        from homelog_desktop.services.reports import build_report, load_series

        report = await build_report(db, source.id, source.metrics[0].id, _period_month(), *_range())
        series = await load_series(db, source.metrics[0].id)

        async def ready_report(*_args, **_kwargs):
            return report

        async def ready_series(*_args, **_kwargs):
            return series

        warm = results[1:] or results
        idle = await idle_gap(_common.median(r["charts"] for r in warm) / 1000)
        bare = [await open_page(db, source, builder=ready_report, series_loader=ready_series) for _ in range(runs)]
        print(
            f"baseline idle loop: longest gap {idle:.1f} ms; bare page (data ready): "
            f"charts {_common.median(b['charts'] for b in bare):.0f} ms, "
            f"longest gap {max(b['gap'] for b in bare):.1f} ms",
            flush=True,
        )
        worst = max(r["gap"] for r in warm)
        _common.report(
            "longest event-loop stall while the report and charts load (warm, worst of runs)",
            worst,
            STALL_GOAL,
            idle,
            "idle loop",
            strict=True,
        )
        _common.report(
            "longest stall on the first open (cold: imports in worker threads)",
            results[0]["gap"],
            STALL_GOAL,
            idle,
            "idle loop",
            strict=True,
        )
        print(
            f"opening the Readings chart tab afterwards (all readings loaded, handed to the chart, drawn): "
            f"{_common.median(r['readings_tab'] for r in warm):.0f} ms, longest gap "
            f"{max(r['readings_gap'] for r in warm):.1f} ms (worst of warm opens)",
            flush=True,
        )
        table = _common.median(r["table"] for r in warm)
        charts = _common.median(r["charts"] for r in warm)
        bare_charts = _common.median(b["charts"] for b in bare)
        print(
            f"time to table: {table:.0f} ms; to table and charts: {charts:.0f} ms (median of warm opens) "
            f"= {charts / bare_charts:.1f}x the bare page ({bare_charts:.0f} ms)",
            flush=True,
        )
        await db.dispose()


def _period_month():
    from homelog_desktop.domain.consumption import Period

    return Period.MONTH


def _range():
    from datetime import date

    from homelog_desktop.viewmodels.reports import Preset, range_for

    return range_for(Preset.LAST_12_MONTHS, date.today())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _common.collect_as_the_app(app)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    asyncio.run(run(args.rows, args.runs), loop_factory=qasync.QEventLoop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
