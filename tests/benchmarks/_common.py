"""Small timing helpers shared by the benchmark scripts (stdlib + Qt only; the project only in ``collect_as_the_app``).

A benchmark script calls ``setup()`` before importing Qt, measures with ``Stopwatch`` and
``TickMonitor``, and prints its figures with ``report()``: a missed goal prints MISSED and does not
change the exit code (only a crash does).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

#: The repository's root, so that scripts run as files can import the project and tests.
ROOT = Path(__file__).resolve().parents[2]


def setup() -> None:
    """Run Qt offscreen (unless told otherwise), prefer PySide6 for qasync, make the project importable."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def collect_as_the_app(app: QObject) -> None:
    """Collect cyclic garbage the way the app does (on the GUI thread, views/gui_gc.py), not with
    Python's automatic collector in whichever thread allocates: a stall figure is then the window's."""
    from homelog_desktop.views.gui_gc import install

    install(app)


class Stopwatch:
    """``with Stopwatch() as sw: ...`` then ``sw.ms``; wall time from time.perf_counter."""

    def __init__(self) -> None:
        self.start = 0.0
        self.ms = 0.0

    def __enter__(self) -> Stopwatch:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.ms = (time.perf_counter() - self.start) * 1000

    def elapsed_ms(self) -> float:
        """Time since the start, while still running."""
        return (time.perf_counter() - self.start) * 1000


def time_ms(fn: Callable[[], object], repeat: int = 5) -> list[float]:
    """Run ``fn`` ``repeat`` times; each run's wall time in ms."""
    times = []
    for _ in range(repeat):
        with Stopwatch() as sw:
            fn()
        times.append(sw.ms)
    return times


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


class TickMonitor:
    """A repeating QTimer that records the longest gap between its ticks: how long the GUI froze.

    A gap is measured from one tick to the next, so a 16 ms timer on an idle loop reports about
    16 ms; anything much longer means the event loop was blocked that long.
    """

    def __init__(self, interval_ms: int = 16) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval_ms = interval_ms
        self.longest_gap_ms = 0.0
        self.ticks = 0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest_gap_ms = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stop; the gap up to now counts too. Returns the longest gap in ms."""
        self._tick()
        self._timer.stop()
        return self.longest_gap_ms

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_gap_ms = max(self.longest_gap_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1


async def wait_until(predicate: Callable[[], bool], limit_s: float = 30.0, poll: float = 0.001) -> None:
    """Let the (qasync) loop run until ``predicate()`` holds; TimeoutError after ``limit_s`` seconds."""
    deadline = time.perf_counter() + limit_s
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not reached in time")
        await asyncio.sleep(poll)


def report(
    label: str,
    value_ms: float,
    goal_ms: float,
    baseline_ms: float | None = None,
    baseline: str = "",
    *,
    strict: bool = False,
) -> bool:
    """Print one figure with its goal (``<=``, or ``<`` if ``strict``) and its ratio to a baseline.

    Returns True if the goal was met; a miss is printed as MISSED.
    """
    met = value_ms < goal_ms if strict else value_ms <= goal_ms
    line = f"{label}: {value_ms:.1f} ms (goal {'<' if strict else '<='} {goal_ms:g} ms)"
    if baseline_ms:
        line += f" — {value_ms / baseline_ms:.1f}x baseline ({baseline} {baseline_ms:.1f} ms)"
    print(line if met else f"{line}  MISSED", flush=True)
    return met


def migrated_db(path: Path) -> None:
    """A new Home Log database file at ``path``, migrated to the head revision (for a bench's child)."""
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate

    async def build() -> None:
        db = Database(sqlite_url(path))
        try:
            await migrate(db)
        finally:
            await db.dispose()

    asyncio.run(build())


def baseline_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection set up as Home Log sets up its own (WAL, NORMAL sync, foreign keys),
    for the csv.reader + executemany baselines."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn
