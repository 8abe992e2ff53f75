"""Start-up steps of the window before the event loop runs (app.run_gui calls them in order).

Only Qt and the window's own modules are imported before the window first paints; then a quick
sqlite3 snapshot of the data is read in a worker thread and shown while the window builds its
content in short steps, and the modules the event loop needs (asyncio, qasync, the controller) are
imported in a worker thread while the window keeps handling events. The controller carries on with
what ``show_snapshot`` prepared (the database is opened, migrated and handed to the view models).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import AppPaths, sqlite_file

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QApplication

    from .db.handle import PendingDatabase
    from .viewmodels.workspace import Workspace
    from .views.main import MainWindow


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


class Early:
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


def start_snapshot(paths: AppPaths, db_url: str | None) -> Early | None:
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
    return Early(path, lock)


def show_snapshot(app: QApplication, window: MainWindow, early: Early) -> Prepared:
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


def name_the_application() -> None:
    """Name the application as its settings are filed under (QSettings: the chosen language, the
    window's state): the window and the command line's annual PDF read the same settings."""
    from PySide6.QtCore import QCoreApplication

    from . import APP_NAME, __version__

    QCoreApplication.setOrganizationName("HomeLog")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)


def prefer_a_real_locale() -> None:
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


def import_while_responsive(app: QApplication, *modules: str) -> None:
    """Import ``modules`` in a worker thread while this (the GUI) thread keeps handling events.

    Before the event loop runs, a plain import would leave the window unresponsive for as long as it
    takes (asyncio and qasync alone take tens of milliseconds).
    """
    import importlib

    from .views.warm import warm_now

    # Every Qt type made here first: two threads making PySide6 types at once crash (views/warm.py).
    warm_now(app.processEvents)
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


def install_probe(window: MainWindow) -> None:
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
