"""Start-up: time to a visible window and to the first data, against a bare PySide6 QMainWindow.

Both are started the same way (a new Python process, offscreen platform), and both report the
wall-clock time of their first paint; Home Log also reports when its first data is on screen and
the longest gap of a 16 ms QTimer between the two. Medians of several runs; goals from issue #2:
visible <= 1.3x bare, first data <= 2.0x bare, longest timer gap < 50 ms.

Run: python tests/benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            print(f"visible {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 700)
probe = Probe(window)
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _measure(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    marks: dict[str, float] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in {"visible", "data"}:
            marks[parts[0]] = (float(parts[1]) - started) * 1000
        elif len(parts) == 2 and parts[0] == "maxgap":
            marks["maxgap"] = float(parts[1])
    return marks


def _prepare(data_dir: Path) -> None:
    """A data folder holding the sample household as the user's own data (4 sources, 3 years)."""
    from homelog_desktop.config import resolve_paths
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.services.sample_data import create_sample_household

    async def go() -> None:
        db = Database(sqlite_url(resolve_paths(data_dir).db_path))
        await migrate(db)
        await create_sample_household(db)
        await db.dispose()

    resolve_paths(data_dir).db_path.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(go())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = _env()
    with tempfile.TemporaryDirectory(prefix="homelog-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        _prepare(data_dir)
        app_env = dict(env, HOMELOG_STARTUP_PROBE="1", XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        app_cmd = [sys.executable, "-m", "homelog_desktop", "--data-dir", str(data_dir)]
        bare_cmd = [sys.executable, "-c", BARE]
        # Warm the file cache and the bytecode caches once for both.
        _measure(bare_cmd, env)
        _measure(app_cmd, app_env)
        bare, visible, data, gaps = [], [], [], []
        for _ in range(args.runs):  # interleave so both see the same machine state
            bare.append(_measure(bare_cmd, env)["visible"])
            marks = _measure(app_cmd, app_env)
            visible.append(marks["visible"])
            data.append(marks["data"])
            gaps.append(marks.get("maxgap", float("nan")))
    base = statistics.median(bare)
    vis = statistics.median(visible)
    first = statistics.median(data)
    gap = max(gaps)
    rows = [
        ("window visible", vis, vis / base, 1.3),
        ("first data shown", first, first / base, 2.0),
    ]
    print(f"bare PySide6 QMainWindow visible: {base:.0f} ms (median of {args.runs})")
    for name, ms, ratio, goal in rows:
        verdict = "ok" if ratio <= goal else "MISSED"
        print(f"{name}: {ms:.0f} ms = {ratio:.2f}x bare (goal <= {goal}x) {verdict}")
    print(
        f"longest 16 ms timer gap between visible and first data: {gap:.0f} ms (goal < 50 ms) "
        f"{'ok' if gap < 50 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
