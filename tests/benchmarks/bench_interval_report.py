"""Benchmark: a monthly report over 1,000,000 interval values (amounts per 15-minute period, each
stored with its own start, with a month-long gap), end to end through ``build_report`` (the code the
Reports page and ``homelog report`` use), against a baseline of raw sqlite3 fetching (start, end,
value) plus a numpy bin count of the amounts per month, in the same run.

Run as ``python tests/benchmarks/bench_interval_report.py [--rows N] [--runs N]`` (Qt offscreen by
default). The report runs on a qasync loop with a 16 ms timer, whose longest gap is the event-loop
stall. A missed goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import numpy as np  # noqa: E402
import qasync  # noqa: E402  (after PySide6, so that qasync uses it)
from PySide6.QtWidgets import QApplication  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.domain.consumption import Period  # noqa: E402
from homelog_desktop.domain.entities import Metric, MetricKind, Source, Tariff  # noqa: E402
from homelog_desktop.repositories import SourceRepository, TariffRepository  # noqa: E402
from homelog_desktop.services.reports import build_report  # noqa: E402

#: Goals.
RATIO_GOAL = 2.0
STALL_GOAL_MS = 50
#: A quarter-hour: a million amounts are 28.5 years, 343 months.
STEP_S = 900
T0 = int(datetime(1998, 1, 1, tzinfo=UTC).timestamp())
#: The 100,000th to 103,000th quarter-hours are missing (a month of the smart meter offline).
GAP = range(100_000, 103_000)


def seed(path: Path, metric_id: int, source_id: int, n: int) -> None:
    """``n`` quarter-hour amounts (a daily wave, 0.05-0.30 kWh), each with its own start, straight through sqlite3."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            keep = [i for i in range(n + len(GAP)) if i not in GAP][:n]
            conn.executemany(
                "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, created_at, updated_at)"
                " VALUES (?, ?, ?, '', 0, 0, 0, 0)",
                ((i + 1, source_id, T0 + (i + 1) * STEP_S) for i in keep),
            )
            conn.executemany(
                "INSERT INTO reading_values (reading_id, metric_id, ts, value, start_ts) VALUES (?, ?, ?, ?, ?)",
                (
                    (
                        i + 1,
                        metric_id,
                        T0 + (i + 1) * STEP_S,
                        round(0.175 + 0.125 * np.sin(i / 15.28), 3),
                        T0 + i * STEP_S,
                    )
                    for i in keep
                ),
            )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # both sides read the database file, not the WAL
    finally:
        conn.close()


class Baseline:
    """Raw sqlite3: fetch (start, end, value) in chunks into numpy, bin count the amounts per (UTC) month
    of their start (a quarter-hour never spans two months here)."""

    def __init__(self, path: Path, metric_id: int) -> None:
        self.conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        self.metric_id = metric_id

    def run(self) -> np.ndarray:
        cursor = self.conn.execute(
            "SELECT start_ts, ts, value FROM reading_values WHERE metric_id = ? ORDER BY ts", (self.metric_id,)
        )
        parts = []
        while rows := cursor.fetchmany(65536):
            parts.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=3 * len(rows)))
        triples = np.concatenate(parts).reshape(-1, 3)
        starts = triples[:, 0].astype(np.int64)
        months = starts.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
        return np.bincount(months - months[0], weights=triples[:, 2])

    def run_joined(self) -> np.ndarray:
        """The same with the fetch ``load_series`` uses (SQLite joins the columns into text)."""
        starts, values = self.conn.execute(
            "SELECT group_concat(start_ts), group_concat(CAST(round(value * 1000.0) AS INTEGER)) FROM"
            " (SELECT start_ts, value FROM reading_values WHERE metric_id = ? ORDER BY ts)",
            (self.metric_id,),
        ).fetchone()
        begin = np.fromstring(starts, dtype=np.int64, sep=",")
        amounts = np.fromstring(values, dtype=np.int64, sep=",") / 1000.0
        months = begin.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
        return np.bincount(months - months[0], weights=amounts)

    def close(self) -> None:
        self.conn.close()


async def timed_report(db: Database, source_id: int, metric_id: int):
    """One run of build_report: (ms, longest gap of a 16 ms timer meanwhile, the report)."""
    monitor = _common.TickMonitor(16)
    await asyncio.sleep(0.05)  # let the loop settle
    monitor.start()
    with _common.Stopwatch() as sw:
        report = await build_report(db, source_id, metric_id, Period.MONTH, tz=UTC)
    gap = monitor.stop()
    return sw.ms, gap, report


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        db = Database(sqlite_url(path))
        try:
            await migrate(db)
            metric = Metric(None, "Energy", "kWh", MetricKind.INTERVAL, decimals=3)
            async with db.session() as s:
                source = await SourceRepository(s).add(Source(None, "Smart meter", metrics=(metric,)))
                mid = source.metrics[0].id
                await TariffRepository(s).add(Tariff(None, mid, date(1990, 1, 1), Decimal("0.30"), Decimal("0.40")))
            print(f"seeding {args.rows:,} quarter-hour amounts with their starts...", flush=True)
            with _common.Stopwatch() as seeding:
                seed(path, mid, source.id, args.rows)
            print(f"  seeded in {seeding.ms / 1000:.1f} s", flush=True)
            baseline = Baseline(path, mid)
            base_times, joined_times, times, gaps = [], [], [], []
            report = None
            for _ in range(args.runs):  # alternated, so that other load on the machine weighs on both alike
                base_times.append(_common.time_ms(baseline.run, repeat=1)[0])
                joined_times.append(_common.time_ms(baseline.run_joined, repeat=1)[0])
                ms, gap, report = await timed_report(db, source.id, mid)
                times.append(ms)
                gaps.append(gap)
            expected = baseline.run()
            baseline.close()
            assert report is not None
            # The same figures: each month's amount (the gap month is "not covered", the baseline's 0).
            ours = np.array([float(r.consumption) if r.consumption is not None else 0.0 for r in report.rows])
            np.testing.assert_allclose(ours, expected[expected.shape[0] - ours.shape[0] :], rtol=1e-9, atol=1e-6)
            uncovered = [r.start.isoformat() for r in report.rows if r.uncovered_days > 0]
            base, median = _common.median(base_times), _common.median(times)
            print(f"baseline runs: {', '.join(f'{t:.0f}' for t in base_times)} ms")
            print(
                f"report runs:   {', '.join(f'{t:.0f}' for t in times)} ms; {len(report.rows)} monthly rows,"
                f" gap in {', '.join(uncovered)}"
            )
            _common.report(
                "monthly report, 1M interval values, end to end (median)",
                median,
                RATIO_GOAL * base,
                base,
                "raw sqlite3 + numpy bincount",
            )
            ratio = median / base
            line = f"ratio report / baseline: {ratio:.2f} (goal <= {RATIO_GOAL:g})"
            print(line if ratio <= RATIO_GOAL else f"{line}  MISSED")
            joined = _common.median(joined_times)
            print(
                f"  (info: raw sqlite3 with load_series's joined-text fetch + bincount: {joined:.0f} ms;"
                f" the report is {median / joined:.2f}x that)"
            )
            _common.report("longest event-loop gap during the report", max(gaps), STALL_GOAL_MS, strict=True)
            monitor = _common.TickMonitor(16)
            monitor.start()
            await asyncio.sleep(sum(times) / 1000)
            print(f"  (the same timer on an idle loop for as long: longest gap {monitor.stop():.1f} ms: noise)")
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
