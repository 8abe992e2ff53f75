"""Benchmark: the GUI's event loop while a 1,000,000-row CSV is imported through the wizard's view model.

Run as ``python tests/benchmarks/bench_import_stall.py [--rows N]`` (Qt offscreen by default).
Measures, under the qasync loop the app runs on, the longest gap of a 16 ms timer during detection
and during the import (goal < 50 ms), against the same timer's longest gap on the idle loop in the
same run (the baseline); the longest time between two progress reports (goal <= 250 ms); and the
process's peak memory (resident set, sampled every 20 ms) against its size before the import.
A missed goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

import qasync  # noqa: E402  (after PySide6, so that qasync uses it)
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.viewmodels.importing import ImportViewModel  # noqa: E402

#: Goals (ms).
GUI_GAP_GOAL = 50
PROGRESS_GOAL = 250
#: Seconds the idle loop is watched for the baseline.
IDLE_SECONDS = 2.0


def write_csv(path: Path, rows: int) -> None:
    """A supplier-like file: semicolons, decimal comma, day-first dates and times, two registers, notes."""
    start = int(datetime(1990, 1, 1, tzinfo=UTC).timestamp())
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Kunde;Jane Doe\nZähler;1ESY1161234567\n\nDatum;Zählerstand HT (kWh);Zählerstand NT (kWh);Bemerkung\n")
        chunk: list[str] = []
        for i in range(rows):
            moment = datetime.fromtimestamp(start + i * 900, UTC)
            note = "Ablesung" if i % 97 == 0 else ""
            high = f"{10_000 + i * 0.25:.2f}".replace(".", ",")
            low = f"{5_000 + i * 0.1:.1f}".replace(".", ",")
            chunk.append(f"{moment:%d.%m.%Y %H:%M};{high};{low};{note}\n")
            if len(chunk) == 50_000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))


def rss_mb() -> float:
    """The process's resident set now (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemorySampler:
    """Samples the resident set every 20 ms on the loop (a blocked loop samples less, not wrongly)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._sample)

    def start(self) -> None:
        self.peak = rss_mb()
        self._timer.start()

    def stop(self) -> float:
        self._sample()
        self._timer.stop()
        return self.peak

    def _sample(self) -> None:
        self.peak = max(self.peak, rss_mb())


class WhereMonitor(_common.TickMonitor):
    """A TickMonitor that also notes when its longest gap ended (to tell which phase froze the loop)."""

    def __init__(self, interval_ms: int = 16) -> None:
        super().__init__(interval_ms)
        self.longest_at = 0.0
        self.gaps: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        self.gaps.append(gap)
        if gap > self.longest_gap_ms:
            self.longest_at = now
        super()._tick()


async def idle_gap() -> float:
    monitor = _common.TickMonitor(16)
    monitor.start()
    await asyncio.sleep(IDLE_SECONDS)
    return monitor.stop()


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "supplier-1m.csv"
        print(f"writing a {args.rows:,}-row supplier CSV...", flush=True)
        with _common.Stopwatch() as writing:
            write_csv(csv_path, args.rows)
        print(f"  {csv_path.stat().st_size / 1_048_576:.0f} MB in {writing.ms / 1000:.1f} s", flush=True)
        db = Database(sqlite_url(folder / "bench.db"))
        try:
            await migrate(db)
            baseline = await idle_gap()
            vm = ImportViewModel(db, csv_path, folder)
            vm.save_profile = False
            memory = MemorySampler()
            before = rss_mb()
            memory.start()

            monitor = _common.TickMonitor(16)
            monitor.start()
            with _common.Stopwatch() as detecting:
                await vm.detect()
            detect_gap = monitor.stop()
            settings = vm.settings
            print(
                f"detected: delimiter {settings.delimiter!r}, decimal {settings.decimal!r}, header row "
                f"{settings.header_row}, dates {settings.date_format!r}, {len(vm.columns)} columns "
                f"({detecting.ms:.0f} ms)",
                flush=True,
            )
            vm.use_new_source("Bench meter")
            reports: list[float] = []
            phases: list[tuple[float, str, int]] = []

            def on_progress(progress: object) -> None:
                now = time.perf_counter()
                reports.append(now)
                phases.append((now, str(getattr(progress, "phase", "")), int(getattr(progress, "rows_done", 0))))

            vm.progress.connect(on_progress)
            monitor = WhereMonitor(16)
            monitor.start()
            with _common.Stopwatch() as importing:
                summary = await vm.run()
            import_gap = monitor.stop()
            peak = memory.stop()
            if summary is None:
                raise SystemExit("the import did not finish")
            started = importing.start
            marks = [started, *reports, started + importing.ms / 1000]
            pairs = list(itertools.pairwise(marks))
            worst = max(range(len(pairs)), key=lambda i: pairs[i][1] - pairs[i][0])
            longest_report_gap = (pairs[worst][1] - pairs[worst][0]) * 1000
            labels = ["start", *(f"{p[1]} at {p[2]:,} rows" for p in phases), "end"]
            print(
                f"imported {summary.imported:,} readings in {importing.ms / 1000:.1f} s "
                f"({summary.imported / (importing.ms / 1000):,.0f} rows/s); {len(reports)} progress reports; "
                f"{monitor.ticks:,} timer ticks",
                flush=True,
            )
            over = sorted((g for g in monitor.gaps if g >= GUI_GAP_GOAL), reverse=True)
            before_gap = [p for p in phases if p[0] <= monitor.longest_at]
            after_gap = [p for p in phases if p[0] > monitor.longest_at]
            where = "before any report"
            if before_gap:
                where = f"after the report ({before_gap[-1][1]}, {before_gap[-1][2]:,} rows)"
            if after_gap:
                where += f", before ({after_gap[0][1]}, {after_gap[0][2]:,} rows)"
            else:
                where += ", after the last report"
            print(
                f"gaps >= {GUI_GAP_GOAL} ms during the import: {len(over)}"
                + (f" ({', '.join(f'{g:.0f}' for g in over[:8])} ms)" if over else "")
                + f"; the longest came {where}",
                flush=True,
            )
            _common.report("longest event-loop gap while idle (baseline)", baseline, GUI_GAP_GOAL, strict=True)
            _common.report(
                "longest event-loop gap during detection", detect_gap, GUI_GAP_GOAL, baseline, "idle loop", strict=True
            )
            _common.report(
                "longest event-loop gap during the import", import_gap, GUI_GAP_GOAL, baseline, "idle loop", strict=True
            )
            _common.report("longest time between progress reports", longest_report_gap, PROGRESS_GOAL)
            print(f"  (between {labels[worst]} and {labels[worst + 1]})", flush=True)
            print(
                f"peak memory (resident set) during detection and import: {peak:.0f} MB "
                f"(before: {before:.0f} MB; +{peak - before:.0f} MB for a "
                f"{csv_path.stat().st_size / 1_048_576:.0f} MB file)",
                flush=True,
            )
            await vm.close()
        finally:
            await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    arguments = parser.parse_args()
    app = QApplication(sys.argv[:1])
    _common.collect_as_the_app(app)
    app.setQuitOnLastWindowClosed(False)
    began = time.perf_counter()
    asyncio.run(main(arguments), loop_factory=qasync.QEventLoop)
    print(f"done in {time.perf_counter() - began:.1f} s")
