"""Benchmark: a virtual meter's monthly report over two counters of 1,000,000 readings each, end to
end through ``build_report``, against the baseline of the two inputs' own monthly reports (measured
in the same run, alternated). Goal: the virtual meter's report takes at most twice their sum.

The inputs are read at different, unrelated steps (15 minutes and 21 minutes 40 seconds), so the
combined curve has the union of both inputs' instants (about two million knots).

Run as ``python tests/benchmarks/bench_virtual_report.py [--rows N] [--runs N]`` (Qt offscreen).
A missed goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import qasync  # noqa: E402  (after PySide6, so that qasync uses it)
from PySide6.QtWidgets import QApplication  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.domain.consumption import Period  # noqa: E402
from homelog_desktop.domain.entities import Metric, MetricKind, Source, VirtualTerm  # noqa: E402
from homelog_desktop.repositories import SourceRepository  # noqa: E402
from homelog_desktop.services.reports import build_report  # noqa: E402
from tests.conftest import make_source, seed_readings  # noqa: E402

RATIO_GOAL = 2.0
STALL_GOAL_MS = 50


async def timed(db: Database, source: Source) -> tuple[float, float, int]:
    """One build_report of ``source``'s first metric: (ms, longest 16 ms timer gap, rows)."""
    monitor = _common.TickMonitor(16)
    await asyncio.sleep(0.05)
    monitor.start()
    with _common.Stopwatch() as sw:
        report = await build_report(db, source.id or 0, source.metrics[0].id or 0, Period.MONTH)
    return sw.ms, monitor.stop(), len(report.rows)


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        db = Database(sqlite_url(path))
        try:
            await migrate(db)
            metric = Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1)
            async with db.session() as s:
                repo = SourceRepository(s)
                house = await repo.add(make_source("House", metrics=(metric,)))
                pump = await repo.add(make_source("Heat pump", metrics=(metric,)))
            print(f"seeding 2 x {args.rows:,} readings...", flush=True)
            with _common.Stopwatch() as seeding:
                seed_readings(path, house, args.rows, step=timedelta(seconds=900))
                seed_readings(path, pump, args.rows, step=timedelta(seconds=1300))
            print(f"  seeded in {seeding.ms / 1000:.1f} s", flush=True)
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            async with db.session() as s:
                rest = await SourceRepository(s).add(
                    Source(
                        None,
                        "House without heat pump",
                        metrics=(Metric(None, "Rest", "kWh", MetricKind.COUNTER, decimals=1),),
                        virtual=True,
                        terms=(VirtualTerm(house.metrics[0].id or 0, 1), VirtualTerm(pump.metrics[0].id or 0, -1)),
                    )
                )
            await timed(db, house)  # warm the imports and the file cache for both sides alike
            await timed(db, pump)
            await timed(db, rest)
            inputs_times, virtual_times, gaps, virtual_gaps = [], [], [], []
            rows = 0
            for _ in range(args.runs):
                a, gap_a, _rows = await timed(db, house)
                b, gap_b, _rows = await timed(db, pump)
                v, gap_v, rows = await timed(db, rest)
                inputs_times.append(a + b)
                virtual_times.append(v)
                gaps += [gap_a, gap_b]
                virtual_gaps.append(gap_v)
            base, ours = _common.median(inputs_times), _common.median(virtual_times)
            print(f"inputs' reports (sum) runs: {', '.join(f'{t:.0f}' for t in inputs_times)} ms")
            print(f"virtual meter's runs:       {', '.join(f'{t:.0f}' for t in virtual_times)} ms; {rows} monthly rows")
            _common.report(
                "virtual meter's monthly report, 2 x 1M readings (median)",
                ours,
                RATIO_GOAL * base,
                base,
                "the two inputs' own monthly reports, summed",
            )
            ratio = ours / base
            line = f"ratio virtual / sum of inputs: {ratio:.2f} (goal <= {RATIO_GOAL:g})"
            print(line if ratio <= RATIO_GOAL else f"{line}  MISSED")
            _common.report(
                "longest event-loop gap during the virtual meter's reports",
                max(virtual_gaps),
                STALL_GOAL_MS,
                strict=True,
            )
            print(f"  (info: during the inputs' own reports: {max(gaps):.1f} ms)")
        finally:
            await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    app = QApplication(sys.argv[:1])
    _common.collect_as_the_app(app)
    started = time.perf_counter()
    asyncio.run(main(arguments), loop_factory=qasync.QEventLoop)
    print(f"done in {time.perf_counter() - started:.1f} s")
