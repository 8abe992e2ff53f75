"""The composition root: arguments → paths → main window → event loop → database (controller.py).

Start-up is ordered for speed: only Qt and the window's own modules are imported before the window
first paints; then asyncio and qasync load, the first screen comes from a quick sqlite3 snapshot,
and SQLAlchemy, the repositories and the database (migrated after a backup) follow in the
background (see controller.AppController). Nothing blocks the event loop once it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import APP_ID, APP_NAME, __version__
from .config import AppPaths, resolve_paths, sqlite_file

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QApplication

    from .db.handle import PendingDatabase
    from .viewmodels.workspace import Workspace
    from .views.main_window import MainWindow


class Prepared:
    """What the start-up snapshot set up before the event loop: the controller carries on with it."""

    def __init__(self, pending: PendingDatabase, workspace: Workspace, lock: QLockFile) -> None:
        self.pending = pending
        self.workspace = workspace
        self.lock = lock


#: Rows of the first page read by the start-up snapshot (the table's page size).
FIRST_PAGE_ROWS = 200

#: Set to 1 to print start-up milestones ("visible", "data" with time.time()) and quit after the first data.
STARTUP_PROBE_ENV = "HOMELOG_STARTUP_PROBE"


def _commands() -> dict[str, tuple[str, str]]:
    from .cli import COMMANDS

    return COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="homelog",
        description=f"{APP_NAME}: record your household's meter readings and see what they mean.",
        epilog=(
            "commands (without a window): "
            + "; ".join(f"homelog {name} — {text}" for name, (_module, text) in _commands().items())
            + ". Run homelog COMMAND --help for each."
        )
        if _commands()
        else None,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database, backups and logs (default: the platform's user data folder; "
        "the HOMELOG_DATA_DIR environment variable does the same)",
    )
    where.add_argument(
        "--db",
        metavar="URL",
        help="open any SQLAlchemy async URL instead, e.g. sqlite+aiosqlite:///path/to/file.db or "
        "postgresql+asyncpg://user@host/dbname",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="create a temporary database, write and read a reading through the app's layers, and exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``homelog`` command and of ``python -m homelog_desktop``."""
    from .cli import is_command

    arguments = list(sys.argv[1:] if argv is None else argv)
    if is_command(arguments):
        from .cli import main as cli_main

        return cli_main(arguments)
    args = build_parser().parse_args(arguments)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test(args.data_dir)
    if args.db:
        from .problems import url_problem

        problem = url_problem(args.db)
        if problem is not None:  # a URL that cannot work: said at once, as the commands do
            print(f"homelog: error: {problem.message}", file=sys.stderr)
            return problem.code
    paths = resolve_paths(args.data_dir)
    return run_gui(paths, args.db)


# -- the GUI ---------------------------------------------------------------------------------


def run_gui(paths: AppPaths, db_url: str | None = None) -> int:
    probe = os.environ.get(STARTUP_PROBE_ENV) == "1"
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("HomeLog")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setDesktopFileName(APP_ID)
    _prefer_a_real_locale()

    app.setQuitOnLastWindowClosed(False)  # the controller decides when to quit (after clean-up)
    from .views.main_window import MainWindow

    window = MainWindow()
    window.data_dir = paths.data_dir
    window.show_loading("Opening your data…")
    if probe:
        _install_probe(window)
    window.show()
    app.processEvents()  # the first frame: everything else loads after the window is up
    # Started after the first paint: a thread competing for the GIL would delay that paint.
    early = _start_snapshot(paths, db_url)
    prepared = _show_snapshot(app, window, early) if early is not None else None
    _import_while_responsive(app, "homelog_desktop.controller", "qasync", "homelog_desktop.views.error_dialog")

    import asyncio
    import logging

    import qasync

    from .controller import AppController
    from .logs import install_qt_message_handler, setup_logging
    from .problems import redact_urls
    from .views.error_dialog import ErrorHandler

    setup_logging(paths)
    install_qt_message_handler()
    where = redact_urls(db_url) if db_url else paths.data_dir
    logging.getLogger("homelog").info("Starting %s %s (data: %s)", APP_NAME, __version__, where)
    handler = ErrorHandler()
    handler.install()
    controller = AppController(app, window, paths, db_url, handler)
    try:
        return asyncio.run(controller.run(prepared), loop_factory=qasync.QEventLoop)
    finally:
        logging.shutdown()


class _Early:
    """A snapshot being read in a worker thread, with the lock of its file."""

    def __init__(self, path: Path, lock: QLockFile) -> None:
        from .views.selection import remembered_source

        self.path = path
        self.lock = lock
        self.location = str(path)
        self.result: list[Any] = []
        remembered = remembered_source(self.location)

        def read() -> None:
            try:
                from .db.snapshot import read_snapshot

                self.result.append(read_snapshot(path, remembered, FIRST_PAGE_ROWS))
            except Exception:  # anything unexpected: no snapshot, the database opens as usual
                import logging

                logging.getLogger("homelog").exception("Start-up snapshot of %s failed", path)

        self.reader = threading.Thread(target=read, name="homelog-snapshot")
        self.reader.start()


def _start_snapshot(paths: AppPaths, db_url: str | None) -> _Early | None:
    """Start reading a quick sqlite3 snapshot of the user's data in a worker thread.

    Only for the default SQLite file (or a --db URL that is one) that exists and is not locked by
    another Home Log; otherwise the controller opens the data the usual way (and says why not).
    """
    from .instance_lock import try_lock

    path = paths.db_path if db_url is None else sqlite_file(db_url)
    if path is None or not path.is_file():
        return None
    lock = try_lock(path)
    if lock is None:
        return None
    return _Early(path, lock)


def _show_snapshot(app: QApplication, window: MainWindow, early: _Early) -> Prepared:
    """Show the snapshot before asyncio and SQLAlchemy are loaded.

    The window builds its content in short steps (handling events in between) while the snapshot
    is read, then binds to view models on a PendingDatabase, which the controller opens next.
    """
    for step in [*window.content_steps(), _import_workspace_modules]:
        step()
        app.processEvents()
    _pump_until_done(app, early.reader)
    from .db.handle import PendingDatabase
    from .viewmodels.workspace import make_workspace

    snapshot = early.result[0] if early.result else None
    pending = PendingDatabase()
    workspace = make_workspace(pending, early.location)
    window.bind(workspace, snapshot)
    app.processEvents()
    return Prepared(pending, workspace, early.lock)


def _prefer_a_real_locale() -> None:
    """With no locale configured (LANG unset: Qt's "C" locale, whose dates read "21 11 2026"), use
    British English: day-first dates, a 24-hour clock and a decimal point."""
    from PySide6.QtCore import QLocale

    if QLocale().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def _import_workspace_modules() -> None:
    import homelog_desktop.db.handle
    import homelog_desktop.viewmodels.workspace  # noqa: F401


def _pump_until_done(app: QApplication, worker: threading.Thread) -> None:
    """Handle events (before the event loop runs) until ``worker`` has finished."""
    while worker.is_alive():
        app.processEvents()
        worker.join(0.004)


def _import_while_responsive(app: QApplication, *modules: str) -> None:
    """Import ``modules`` in a worker thread while this (the GUI) thread keeps handling events.

    Before the event loop runs, a plain import would leave the window unresponsive for as long as it
    takes (asyncio and qasync alone take tens of milliseconds).
    """
    import importlib

    failure: list[BaseException] = []

    def work() -> None:
        try:
            for name in modules:
                importlib.import_module(name)
        except BaseException as exc:  # re-raised below, in this thread
            failure.append(exc)

    worker = threading.Thread(target=work, name="homelog-imports", daemon=True)
    worker.start()
    _pump_until_done(app, worker)
    if failure:
        raise failure[0]


def _install_probe(window: MainWindow) -> None:
    """Print when the window first paints, when the first data is shown and the longest gap of a
    16 ms timer in between, then quit (used by tests/benchmarks/bench_startup.py)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    state = {"painted": False, "last": 0.0, "gap": 0.0}

    class _Painted(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not state["painted"]:
                state["painted"] = True
                state["last"] = time.perf_counter()
                timer.start()
                print(f"visible {time.time():.6f}", flush=True)
            return False

    def tick() -> None:
        now = time.perf_counter()
        state["gap"] = max(state["gap"], (now - state["last"]) * 1000)
        state["last"] = now

    timer = QTimer(window)
    timer.setInterval(16)
    timer.timeout.connect(tick)
    painted = _Painted(window)
    window.installEventFilter(painted)

    def data() -> None:
        tick()
        timer.stop()
        print(f"data {time.time():.6f}", flush=True)
        print(f"maxgap {state['gap']:.1f}", flush=True)
        sources = window.sources_model.rowCount() if window.sources_model else 0
        rows = window.readings_model.rowCount() if window.readings_model else 0
        print(f"shown sources={sources} readings={rows}", flush=True)
        window.close()

    def refused(message: str) -> None:
        print("refused " + " ".join(message.split()), flush=True)
        window.close()

    window.first_data_shown.connect(lambda: QTimer.singleShot(0, data))
    window.fatal_shown.connect(lambda message: QTimer.singleShot(0, lambda: refused(message)))
