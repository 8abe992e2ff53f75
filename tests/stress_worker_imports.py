"""Stress: the app's worker-thread imports racing the GUI thread's first use of Qt types.

Not a unit test (a crash here is a matter of chance): it starts N fresh processes, each of which
starts Qt offscreen and a qasync loop as the app does, keeps the GUI thread busy using Qt types it
has not used yet (a few per event-loop turn, as painting and new widgets do), and meanwhile runs the
app's own worker-thread imports through their real call sites: start-up's import_while_responsive,
File → Import…, File → Export Annual Report…, the Reports tab and its charts (pyqtgraph). It counts
the processes that crash (a negative exit code: -11 is SIGSEGV) and prints their last stderr lines.

Run: python tests/stress_worker_imports.py [--runs N] [--jobs J] [--gdb] [TEST_ID ...]
(with test ids: those tests in each fresh pytest process. `tests/ui/test_main_window.py
tests/ui/test_app.py` reproduced the suite's segfault: before views/gui_gc.py 4-5 of 6 runs died
in QTimerInfoList::activateTimers, a Qt object destroyed by a garbage collection in a worker thread.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import asyncio, random, sys, types
from PySide6 import QtCore, QtGui, QtWidgets
app = QtWidgets.QApplication(sys.argv[:1])
from homelog_desktop.startup import import_while_responsive
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.source_page import SourcePage

# Threads take turns with the GIL far more often than the default 5 ms: more chances to meet.
sys.setswitchinterval(1e-6)
# The GUI thread's own first uses of Qt types, one per turn of the event loop.
names = [(m, n) for m in (QtCore, QtGui, QtWidgets) for n in dir(m) if n not in m.__dict__]
random.shuffle(names)
def touch():
    if names:
        module, name = names.pop()
        getattr(module, name, None)
    label = QtWidgets.QLabel("x")
    label.grab()
    label.deleteLater()
toucher = QtCore.QTimer()
toucher.setInterval(3)  # ~600 names over ~2 s: all through the worker imports
toucher.timeout.connect(touch)
toucher.start()

# Start-up: the controller, qasync and the error dialog imported in a worker while events are handled.
import_while_responsive(app, "homelog_desktop.controller", "qasync", "homelog_desktop.views.error_dialog")
import qasync

async def main():
    closed = types.SimpleNamespace(workspace=None, reports_page=None)
    gone = QtCore.QObject()
    import shiboken6
    shiboken6.delete(gone)  # a closed Reports page: _build_charts stops after its import

    # As the controller does first: the data stack (SQLAlchemy, repositories, view models).
    from homelog_desktop.controller import _import_data_stack
    await asyncio.get_running_loop().run_in_executor(None, _import_data_stack)

    async def reports():
        await SourcePage._build_reports_page(closed)
        from homelog_desktop.views.reports_page import ReportsPage
        await ReportsPage._build_charts(gone)

    await asyncio.gather(
        MainWindow._open_import(closed, None),
        MainWindow._open_annual_report(closed),
        reports(),
    )
    toucher.stop()

asyncio.run(main(), loop_factory=qasync.QEventLoop)
print("ok", flush=True)
"""


def _one(index: int, use_gdb: bool, tests: list[str]) -> tuple[int, int, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=f"/tmp/stress-home-{index}")
    cmd = [sys.executable, "-X", "faulthandler", "-c", CHILD]
    if tests:  # the real thing: these tests in a fresh pytest process
        cmd = [sys.executable, "-X", "faulthandler", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests]
    if use_gdb:
        cmd = ["gdb", "-q", "-batch", "-ex", "run", "-ex", "bt 40", "-ex", "thread apply all bt 25", "--args", *cmd]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    text = done.stdout + done.stderr
    code = done.returncode
    if use_gdb and "SIGSEGV" in text:
        code = -11
    elif use_gdb:
        passed = "ok" in done.stdout.splitlines() or (" passed" in done.stdout and " failed" not in done.stdout)
        code = 0 if passed else 1
    return index, code, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--gdb", action="store_true", help="run each process under gdb (backtrace on a crash)")
    parser.add_argument("--log", default="/tmp/stress_worker_imports.log")
    parser.add_argument("tests", nargs="*", help="run these tests (pytest ids) in each process instead")
    args = parser.parse_args()
    started = time.perf_counter()
    crashes: list[tuple[int, int]] = []
    with ThreadPoolExecutor(args.jobs) as pool, open(args.log, "w") as log:
        for index, code, text in pool.map(lambda i: _one(i, args.gdb, args.tests), range(args.runs)):
            if code != 0:
                crashes.append((index, code))
                log.write(f"===== run {index}: exit {code}\n{text}\n")
                log.flush()
                print(f"run {index}: exit {code}", flush=True)
    seconds = time.perf_counter() - started
    print(f"{len(crashes)} of {args.runs} runs crashed ({seconds:.0f} s); details in {args.log}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
