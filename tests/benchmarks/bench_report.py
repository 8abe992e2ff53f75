"""Benchmark: a monthly report over a counter with 1,000,000 readings, end to end through
``build_report`` (the code the Reports page and ``homelog report`` use), against a baseline of raw
sqlite3 fetching (timestamp, value) plus a numpy diff and bin count per month.

Run as ``python tests/benchmarks/bench_report.py [--rows N] [--runs N]`` (Qt offscreen by default).
The report runs on a qasync loop with a 16 ms timer, whose longest gap is the event-loop stall.
A missed goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
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
from homelog_desktop.domain.entities import Metric, MetricKind, Tariff  # noqa: E402
from homelog_desktop.repositories import SourceRepository, TariffRepository  # noqa: E402
from homelog_desktop.services.reports import build_report, load_series  # noqa: E402
from tests.conftest import make_source, seed_readings  # noqa: E402

#: Goals.
RATIO_GOAL = 2.0
STALL_GOAL_MS = 50
#: One reading every 15 minutes: a million readings are 28.5 years, 343 months.
STEP_S = 900


class Baseline:
    """Raw sqlite3: fetch (ts, value) in chunks into numpy, diff, bin count per (UTC) month."""

    def __init__(self, path: Path, metric_id: int) -> None:
        self.conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        self.metric_id = metric_id

    def run(self) -> np.ndarray:
        cursor = self.conn.execute(
            "SELECT ts, value FROM reading_values WHERE metric_id = ? ORDER BY ts", (self.metric_id,)
        )
        parts = []
        while rows := cursor.fetchmany(65536):
            parts.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows)))
        pairs = np.concatenate(parts).reshape(-1, 2)
        ts = pairs[:, 0].astype(np.int64)
        used = np.diff(pairs[:, 1])
        months = ts[1:].astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
        return np.bincount(months - months[0], weights=used)

    def run_joined(self) -> np.ndarray:
        """The same with the fetch ``load_series`` uses (SQLite joins the columns into text)."""
        times, values = self.conn.execute(
            "SELECT group_concat(ts), group_concat(CAST(round(value * 10.0) AS INTEGER)) FROM"
            " (SELECT ts, value FROM reading_values WHERE metric_id = ? ORDER BY ts)",
            (self.metric_id,),
        ).fetchone()
        ts = np.fromstring(times, dtype=np.int64, sep=",")
        used = np.diff(np.fromstring(values, dtype=np.int64, sep=",") / 10.0)
        months = ts[1:].astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
        return np.bincount(months - months[0], weights=used)

    def close(self) -> None:
        self.conn.close()


async def timed_report(db: Database, source_id: int, metric_id: int) -> tuple[float, float, int]:
    """One run of build_report: (ms, longest gap of a 16 ms timer meanwhile, rows)."""
    monitor = _common.TickMonitor(16)
    await asyncio.sleep(0.05)  # let the loop settle
    monitor.start()
    with _common.Stopwatch() as sw:
        report = await build_report(db, source_id, metric_id, Period.MONTH)
    gap = monitor.stop()
    return sw.ms, gap, len(report.rows)


async def idle_gap_ms(seconds: float) -> float:
    """The longest gap of the 16 ms timer while the loop does nothing for ``seconds``."""
    monitor = _common.TickMonitor(16)
    monitor.start()
    await asyncio.sleep(seconds)
    return monitor.stop()


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
                for day, price in [
                    (date(2000, 1, 1), "0.25"),
                    (date(2010, 7, 15), "0.30"),
                    (date(2020, 3, 10), "0.35"),
                ]:
                    await TariffRepository(s).add(Tariff(None, mid, day, Decimal(price), Decimal("0.40")))
            print(f"seeding {args.rows:,} readings of a one-metric counter...", flush=True)
            with _common.Stopwatch() as seeding:
                seed_readings(path, source, args.rows, step=timedelta(seconds=STEP_S))
            print(f"  seeded in {seeding.ms / 1000:.1f} s", flush=True)
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # both sides read the database file, not the WAL
            conn.close()
            baseline = Baseline(path, mid)
            with _common.Stopwatch() as load:
                series = await load_series(db, mid)
            print(f"(info) load_series alone, first run: {load.ms:.0f} ms for {len(series):,} readings")
            # Alternate the two so that the other load on the machine weighs on both alike.
            base_times, joined_times, times, gaps = [], [], [], []
            rows = 0
            for _ in range(args.runs):
                base_times.append(_common.time_ms(baseline.run, repeat=1)[0])
                joined_times.append(_common.time_ms(baseline.run_joined, repeat=1)[0])
                ms, gap, rows = await timed_report(db, source.id, mid)
                times.append(ms)
                gaps.append(gap)
            baseline.close()
            base, ours = _common.median(base_times), _common.median(times)
            print(f"baseline runs: {', '.join(f'{t:.0f}' for t in base_times)} ms")
            print(f"report runs:   {', '.join(f'{t:.0f}' for t in times)} ms; {rows} monthly rows")
            _common.report(
                "monthly report, 1M readings, end to end (median)",
                ours,
                RATIO_GOAL * base,
                base,
                "raw sqlite3 + numpy diff + bincount",
            )
            ratio = ours / base
            line = f"ratio report / baseline: {ratio:.2f} (goal <= {RATIO_GOAL:g})"
            print(line if ratio <= RATIO_GOAL else f"{line}  MISSED")
            joined = _common.median(joined_times)
            print(
                f"  (info: raw sqlite3 with load_series's joined-text fetch + diff + bincount: {joined:.0f} ms;"
                f" the report is {ours / joined:.2f}x that)"
            )
            _common.report("longest event-loop gap during the report", max(gaps), STALL_GOAL_MS, strict=True)
            idle = await idle_gap_ms(sum(times) / 1000)
            print(f"  (the same timer on an idle loop for as long: longest gap {idle:.1f} ms: the machine's own noise)")
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
