"""Owns the open database(s) for the window: opening (snapshot first), migrating, switching to
the sample household and back, closing. Imported after the window has painted (it needs asyncio)."""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import APP_NAME
from .config import AppPaths, sqlite_file, sqlite_url
from .instance_lock import try_lock
from .viewmodels.workspace import make_workspace

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

    from .app import Prepared
    from .db import Database
    from .db.handle import PendingDatabase
    from .viewmodels.workspace import Workspace
    from .views.main_window import MainWindow

log = logging.getLogger("homelog")


@dataclass(eq=False)
class _Opened:
    """An open (or opening) database with what belongs to it."""

    db: Database | PendingDatabase
    workspace: Workspace
    lock: QLockFile | None
    is_sample: bool


@dataclass(eq=False)
class AppController:
    """Owns the open database(s) and swaps the window between own data and the sample household."""

    app: Any
    window: MainWindow
    paths: AppPaths
    db_url: str | None
    errors: Any
    current: _Opened | None = None
    _own_lock: QLockFile | None = None
    _quit: asyncio.Event = field(default_factory=asyncio.Event)
    exit_code: int = 0

    async def run(self, prepared: Prepared | None = None) -> int:
        loop = asyncio.get_running_loop()
        self.errors.install(loop)
        self.app.setQuitOnLastWindowClosed(False)
        self.app.lastWindowClosed.connect(self._quit.set)
        self.window.sample_data_requested.connect(self._on_sample_requested)
        self.window.own_data_requested.connect(self._on_own_requested)
        from .viewmodels.base import start_deferred

        if not self.window.isVisible():  # closed before the loop ran (the start-up probe does)
            self._quit.set()
        start_deferred()
        await self._start_own(prepared)
        await self._quit.wait()
        await self._close_current()
        if self._own_lock is not None:
            self._own_lock.unlock()
        return self.exit_code

    # -- opening and closing -------------------------------------------------------------------

    async def _start_own(self, prepared: Prepared | None = None) -> None:
        """Open the user's own data.

        The window is bound at once to view models on a PendingDatabase: by app.run_gui with a
        start-up snapshot (``prepared``), or here. Meanwhile SQLAlchemy and the repositories are
        imported in a worker thread, and the Database is opened, migrated (after a backup) and
        handed to the view models.
        """
        from .db.handle import PendingDatabase
        from .domain.errors import HomeLogError

        loop = asyncio.get_running_loop()
        url, path, location = self._own_location()
        if prepared is not None:
            # app.run_gui already shows a snapshot of this file, with its lock held.
            self._own_lock = prepared.lock
            pending = prepared.pending
            self._show(_Opened(pending, prepared.workspace, None, is_sample=False))
        else:
            if path is not None and self._own_lock is None:
                lock = try_lock(path)
                if lock is None:
                    self._refuse(
                        f"{APP_NAME} is already running with this data file:\n{path}\n\n"
                        "Switch to the window that is open already. If none is, the other window may still "
                        "be closing: try again in a moment.",
                    )
                    return
                self._own_lock = lock
            # No snapshot here: this is a first start (no file yet), or the way back from the sample
            # household, when SQLAlchemy is loaded already and the database answers as fast.
            pending = PendingDatabase()
            workspace = make_workspace(pending, location)
            self._show(_Opened(pending, workspace, None, is_sample=False))
            self.window.bind(workspace)
        try:
            await loop.run_in_executor(None, _import_data_stack)
            db = await self._open_database(url, path, is_sample=False)
        except HomeLogError as exc:
            pending.fail(exc)
            self._refuse(str(exc))
            return
        pending.set(db)

    async def _open_database(self, url: str, path: Path | None, *, is_sample: bool) -> Database:
        """Open ``url`` and bring it to the current schema (backing an existing file up first)."""
        from .db import Database
        from .db.migrate import migrate

        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(url)
        try:
            result = await migrate(db, self.paths.backup_dir if not is_sample else None)
        except BaseException:
            await db.dispose()
            raise
        if result.backup is not None:
            log.info("Backed up %s to %s before migrating to %s", path, result.backup, result.current)
        return db

    def _show(self, opened: _Opened) -> None:
        self.current = opened

    async def _close_current(self) -> None:
        opened, self.current = self.current, None
        if opened is None:
            return
        from .db.handle import PendingDatabase

        self.window.unbind()
        await opened.workspace.close()
        db = opened.db.database if isinstance(opened.db, PendingDatabase) else opened.db
        if db is not None:
            await db.dispose()
        if opened.lock is not None:
            opened.lock.unlock()

    async def _switch_to_sample(self) -> None:
        from .domain.errors import HomeLogError
        from .services.sample_data import create_sample_household

        path = self.paths.sample_db_path
        if self.current is not None and self.current.is_sample:
            return
        lock = try_lock(path)
        if lock is None:
            self.window.banner.show_message("The sample household is open in another Home Log window.", "error")
            return
        self.window.show_loading("Preparing the sample household…")
        fresh = not path.exists()
        try:
            await self._close_current()
            db = await self._open_database(sqlite_url(path), path, is_sample=True)
            if fresh:
                await create_sample_household(db)
        except HomeLogError as exc:
            lock.unlock()
            self.window.banner.show_message(str(exc), "error")
            await self._start_own()
            return
        opened = _Opened(db, make_workspace(db, str(path), is_sample=True), lock, is_sample=True)
        self._show(opened)
        self.window.bind(opened.workspace)

    async def _switch_to_own(self) -> None:
        if self.current is not None and not self.current.is_sample:
            return
        await self._close_current()
        await self._start_own()

    def _on_sample_requested(self) -> None:
        _start(self._switch_to_sample())

    def _on_own_requested(self) -> None:
        _start(self._switch_to_own())

    # -- helpers ---------------------------------------------------------------------------------

    def _own_location(self) -> tuple[str, Path | None, str]:
        """The URL of the user's data, its SQLite file if it is one, and where it is for display."""
        if self.db_url:
            path = sqlite_file(self.db_url)
            if path is not None:
                return self.db_url, path, str(path)
            from sqlalchemy.engine import make_url  # only for a server URL: shown without its password

            return self.db_url, None, make_url(self.db_url).render_as_string(hide_password=True)
        return sqlite_url(self.paths.db_path), self.paths.db_path, str(self.paths.db_path)

    def _refuse(self, message: str) -> None:
        """The data cannot be opened: tell the user in the window and a dialog, then quit when closed."""
        from PySide6.QtWidgets import QMessageBox

        log.error("Cannot open data: %s", message)
        self.exit_code = 1
        self.window.show_fatal(message)
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message, QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("openErrorDialog")
        box.finished.connect(lambda _r: self.window.close())
        box.open()


_tasks: set[asyncio.Future[Any]] = set()


def _start(coro: Any) -> None:
    """Run a coroutine started by a Qt signal, keeping a reference and reporting failures."""
    task = asyncio.ensure_future(coro)
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    task.add_done_callback(_report_failure)


def _report_failure(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        assert error is not None
        sys.excepthook(type(error), error, error.__traceback__)


def _import_data_stack() -> None:
    """Import what opening a database needs (SQLAlchemy, repositories, view models), in a worker thread."""
    import homelog_desktop.db.migrate
    import homelog_desktop.repositories
    import homelog_desktop.viewmodels.members
    import homelog_desktop.viewmodels.reading_editor
    import homelog_desktop.viewmodels.source_editor
    import homelog_desktop.viewmodels.sources
    import homelog_desktop.viewmodels.workspace  # noqa: F401


def setup_logging(paths: AppPaths) -> Path | None:
    """Log to a rotating file in the data folder (and stderr for warnings)."""
    root = logging.getLogger("homelog")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return None
    root.setLevel(logging.INFO)
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        log_file = paths.log_dir / "homelog.log"
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        print(f"homelog: cannot write the log file in {paths.log_dir}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    root.addHandler(stream)
    return log_file
