"""Benchmark: open a source of 1,000,000 readings in the readings table and jump to the end.

Run as ``python tests/benchmarks/bench_table.py [--rows N] [--runs N]`` (Qt offscreen by default).
Prints each figure with its goal and its ratio to a raw sqlite3 baseline; a missed goal prints
MISSED, and only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import qasync  # noqa: E402  (after PySide6, so that qasync uses it)
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.repositories import ReadingOrder, SourceRepository  # noqa: E402
from homelog_desktop.viewmodels.readings import ReadingsViewModel  # noqa: E402
from homelog_desktop.views.models.readings import (  # noqa: E402
    PAGE_SIZE,
    ReadingsTableModel,
    configure_readings_view,
)
from tests.conftest import make_source, seed_readings  # noqa: E402

#: Goals (ms).
OPEN_AND_SCROLL_GOAL = 150
GUI_GAP_GOAL = 50


class PaintCounter(QObject):
    """Counts the viewport's paint events and notes the count when the model's data changes.

    ``shown(condition)`` then waits for the data and for a paint after its last change: the rows
    are on screen.
    """

    def __init__(self, widget: QObject, model: ReadingsTableModel) -> None:
        super().__init__(widget)
        self.count = 0
        self.count_at_change = 0
        widget.installEventFilter(self)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._on_data_changed)

    async def shown(self, condition) -> None:
        await _common.wait_until(lambda: condition() and self.count > self.count_at_change)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False

    def _on_data_changed(self, *_args: object) -> None:
        self.count_at_change = self.count


def baselines_ms(path: Path, source_id: int, runs: int) -> tuple[float, float]:
    """Raw sqlite3 medians: (the last page alone, the count + the first and last pages).

    The last page is the oldest 200 readings with their values, read by the (source_id, ts) index;
    the second figure is all the database work that opening and scrolling needs, with no overhead.
    """
    conn = sqlite3.connect(path)
    try:

        def page(descending: bool) -> None:
            direction = "DESC" if descending else ""
            rows = conn.execute(
                "SELECT r.id, r.ts, r.note, r.estimated, r.from_bill, r.entered_by FROM readings r"
                f" WHERE r.source_id = ? ORDER BY r.ts {direction}, r.id {direction} LIMIT ?",
                (source_id, PAGE_SIZE),
            ).fetchall()
            ids = [r[0] for r in rows]
            marks = ",".join("?" * len(ids))
            conn.execute(
                f"SELECT reading_id, metric_id, value FROM reading_values WHERE reading_id IN ({marks})", ids
            ).fetchall()

        def everything() -> None:
            conn.execute("SELECT count(*) FROM readings WHERE source_id = ?", (source_id,)).fetchone()
            page(descending=True)
            page(descending=False)

        last = _common.median(_common.time_ms(lambda: page(descending=False), repeat=runs))
        full = _common.median(_common.time_ms(everything, repeat=runs))
        return last, full
    finally:
        conn.close()


async def open_and_scroll(vm, model, view, paints, source, total) -> tuple[float, float, int]:
    """One measured run: (ms until the end of the table is on screen, longest GUI gap, pages fetched)."""
    await vm.load(None)
    await _common.wait_until(model.is_idle)
    view.scrollToTop()
    requested = model.pages_requested
    monitor = _common.TickMonitor(16)
    monitor.start()
    with _common.Stopwatch() as sw:
        await vm.load(source)
        await paints.shown(lambda: model.reading_at(0) is not None)
        view.scrollToBottom()
        await paints.shown(lambda: model.reading_at(total - 1) is not None)
    gap = monitor.stop()
    return sw.ms, gap, model.pages_requested - requested


async def sort_by_metric(vm, model, paints, source) -> float:
    """Information only: sorting the whole table by a metric's value until the first page shows."""
    with _common.Stopwatch() as sw:
        await vm.set_order(ReadingOrder("metric", False, source.metrics[0].id))
        await paints.shown(lambda: model.reading_at(0) is not None)
    await vm.set_order(ReadingOrder(descending=True))
    return sw.ms


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        db = Database(sqlite_url(path))
        try:
            await migrate(db)
            async with db.session() as s:
                source = await SourceRepository(s).add(make_source("Bench meter"))
            print(f"seeding {args.rows:,} readings of a two-metric counter source...", flush=True)
            with _common.Stopwatch() as seeding:
                seed_readings(path, source, args.rows)  # before the window exists: nothing to freeze
            print(f"  seeded in {seeding.ms / 1000:.1f} s", flush=True)
            base, base_all = baselines_ms(path, source.id, runs=args.runs)

            vm = ReadingsViewModel(db)
            model = ReadingsTableModel(vm)
            view = QTableView()
            view.setObjectName("readingsTable")
            view.setModel(model)
            configure_readings_view(view)
            view.resize(1000, 700)
            view.show()
            paints = PaintCounter(view.viewport(), model)
            # The window has read the database once already (the sidebar) when a source is opened.
            async with db.session(readonly=True) as s:
                await SourceRepository(s).summaries()

            results = [await open_and_scroll(vm, model, view, paints, source, args.rows) for _ in range(args.runs)]
            times = [r[0] for r in results]
            gaps = [r[1] for r in results]
            pages = max(r[2] for r in results)
            first, rest = times[0], times[1:] or times
            print(f"runs: {', '.join(f'{t:.1f}' for t in times)} ms; pages fetched per run: at most {pages}")
            _common.report(
                "table open + scroll to end, first open",
                first,
                OPEN_AND_SCROLL_GOAL,
                base,
                "raw sqlite3 last page",
            )
            _common.report(
                "table open + scroll to end, median of later opens",
                _common.median(rest),
                OPEN_AND_SCROLL_GOAL,
                base,
                "raw sqlite3 last page",
            )
            print(
                f"  (the same database work in raw sqlite3, count + first + last page: {base_all:.1f} ms;"
                f" the first open is {first / base_all:.1f}x that)"
            )
            _common.report("longest GUI gap during open + scroll", max(gaps), GUI_GAP_GOAL, strict=True)
            if pages * PAGE_SIZE >= args.rows:
                print(f"MISSED: {pages} pages fetched: the whole table was loaded")
            if args.sort:
                sort_ms = await sort_by_metric(vm, model, paints, source)
                print(f"(info) sort {args.rows:,} rows by a metric, first page shown: {sort_ms:.0f} ms")
            view.close()
            await vm.close()
            await _common.wait_until(model.is_idle)
        finally:
            await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sort", action="store_true", help="also time sorting by a metric (slow; info only)")
    arguments = parser.parse_args()
    app = QApplication(sys.argv[:1])
    _common.collect_as_the_app(app)
    app.setQuitOnLastWindowClosed(False)
    started = time.perf_counter()
    asyncio.run(main(arguments), loop_factory=qasync.QEventLoop)
    print(f"done in {time.perf_counter() - started:.1f} s")
