"""Owns the open database(s) for the window: opening (snapshot first), migrating, switching to
the sample household and back, backing up, restoring, closing. Imported after the window has painted
(it needs asyncio).

It builds no widget: what it asks or tells the user goes through the view layer (the window's
``prompts``, views/main/prompts.py); background work starts the one way (background.start).
"""

from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import APP_NAME
from .background import start, start_deferred
from .config import AppPaths, sqlite_file, sqlite_url
from .instance_lock import try_lock
from .problems import describe
from .viewmodels.workspace import make_workspace

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

    from .db import Database
    from .db.backup_files import BackupFile
    from .db.handle import PendingDatabase
    from .db.integrity import CheckResult
    from .startup import Prepared
    from .viewmodels.backups import BackupsViewModel
    from .viewmodels.workspace import Workspace
    from .views.main import MainWindow
    from .views.main.prompts import Prompts

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
    _backups: BackupsViewModel | None = None
    #: True while a restore or a recovery runs (a second one is not started meanwhile).
    _restoring: bool = False
    #: True while the backups' errors are shown by a dialog rather than the window's banner.
    _quiet: bool = False

    async def run(self, prepared: Prepared | None = None) -> int:
        loop = asyncio.get_running_loop()
        self.errors.install(loop)
        self.app.setQuitOnLastWindowClosed(False)
        self.app.lastWindowClosed.connect(self._quit.set)
        self.connect_window()
        if not self.window.isVisible():  # closed before the loop ran (the start-up probe does)
            self._quit.set()
        start_deferred()
        await self._start_own(prepared)
        await self._quit.wait()
        await self._close_current()
        if self._backups is not None:
            await self._backups.close()
        if self._own_lock is not None:
            self._own_lock.unlock()
        return self.exit_code

    @property
    def prompts(self) -> Prompts:
        """What is asked or told to the user (the view layer's)."""
        return self.window.prompts

    def connect_window(self) -> None:
        """Carry out what the window asks of the composition root."""
        self.window.sample_data_requested.connect(self._on_sample_requested)
        self.window.own_data_requested.connect(self._on_own_requested)
        self.window.backup_requested.connect(lambda: start(self.back_up_now()))
        self.window.restore_requested.connect(lambda: start(self.restore_from_backup()))
        self.window.move_requested.connect(self.move_to_server)

    # -- opening and closing -------------------------------------------------------------------

    async def _start_own(self, prepared: Prepared | None = None) -> None:
        """Open the user's own data.

        The window is bound at once to view models on a PendingDatabase: by app.run_gui with a
        start-up snapshot (``prepared``), or here. Meanwhile SQLAlchemy and the repositories are
        imported in a worker thread, and the Database is opened, migrated (after a backup) and
        handed to the view models.
        """
        from .db.handle import PendingDatabase
        from .domain.errors import DatabaseOpenError, DatabaseTooNewError, HomeLogError

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
                    problem = await loop.run_in_executor(None, _folder_problem, path.parent)
                    if problem is not None:
                        self._refuse(problem)
                        return
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
        existed = path is not None and path.is_file()
        # The quick integrity check reads the whole file (0.4 s for 186 MB): in a worker thread, while
        # SQLAlchemy loads and the database opens; the start-up snapshot is on screen meanwhile.
        check = start(self._backups_vm().check()) if existed else None
        try:
            await loop.run_in_executor(None, _import_data_stack)
            db = await self._open_database(url, path, is_sample=False, check=check)
        except HomeLogError as exc:
            pending.fail(exc)
            if check is not None:
                result = await check
                if result.broken:
                    await self._recover(result)
                    return
            problem = None
            if path is not None and not isinstance(exc, DatabaseTooNewError):
                problem = await loop.run_in_executor(None, _folder_problem, path.parent)
            self._refuse(problem or str(exc))
            return
        except Exception as exc:  # e.g. sqlite3.OperationalError from a folder that cannot be written
            if path is None:
                from .server_recovery import offer_server_choices

                if await offer_server_choices(self, pending, exc):
                    return
                raise
            problem = await loop.run_in_executor(None, _folder_problem, path.parent) or describe(exc, path)
            if problem is None:
                raise
            pending.fail(DatabaseOpenError(problem))
            self._refuse(problem)
            return
        if check is not None:
            result = await check
            if result.broken:
                pending.fail(DatabaseOpenError(result.message))
                await db.dispose()
                await self._recover(result)
                return
        pending.set(db)
        if existed:
            start(self._daily_backup())

    async def _open_database(
        self, url: str, path: Path | None, *, is_sample: bool, check: asyncio.Future[CheckResult] | None = None
    ) -> Database:
        """Open ``url`` and bring it to the current schema (backing an existing file up first).

        With ``check`` (the file's integrity check, running), an upgrade waits for it and a damaged
        file is not upgraded (DatabaseOpenError).
        """
        from .db import Database
        from .db.migrate import migrate
        from .domain.errors import DatabaseOpenError

        async def healthy() -> None:
            if check is not None and (await check).broken:
                raise DatabaseOpenError((await check).message)

        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(url)
        try:
            result = await migrate(db, self.paths.backup_dir if not is_sample else None, before_upgrade=healthy)
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
            self.prompts.say("The sample household is open in another Home Log window.", "error")
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
            await self._start_own()
            self.prompts.say(str(exc), "error")  # after binding: a new workspace starts with no message
            return
        opened = _Opened(db, make_workspace(db, str(path), is_sample=True), lock, is_sample=True)
        self._show(opened)
        self.window.bind(opened.workspace)

    async def _switch_to_own(self) -> None:
        if self.current is not None and not self.current.is_sample:
            return
        await self._close_current()
        await self._start_own()

    # -- backups, restore and recovery -----------------------------------------------------------

    async def back_up_now(self) -> BackupFile | None:
        """File → Back Up Now: an online backup of the user's own data, with progress in the status bar."""
        from .services.backups import SERVER_BACKUP_TEXT

        if self.current is not None and self.current.is_sample:
            self.prompts.say("The sample household is not backed up: it is made up. File → Back to My Data first.")
            return None
        vm = self._backups_vm()
        if not vm.can_back_up:
            self.prompts.say(SERVER_BACKUP_TEXT)
            return None
        self.prompts.status("Backing up…")
        vm.progress_changed.connect(self.prompts.progress)
        try:
            made = await vm.back_up_now()
        finally:
            vm.progress_changed.disconnect(self.prompts.progress)
        if made is None:
            self.prompts.clear_status()
            return None
        self.prompts.backed_up(made)
        return made

    async def restore_from_backup(self) -> bool:
        """File → Restore from Backup…: choose, check, confirm, then replace the data and show it."""
        from .services.backups import SERVER_BACKUP_TEXT

        vm = self._backups_vm()
        if not vm.available:
            self.prompts.say(SERVER_BACKUP_TEXT)
            return False
        if self._restoring:
            return False
        backups = await vm.list_backups()
        picked = await self.prompts.choose_backup(backups, vm.backup_dir)
        if picked is None:
            return False
        check = await self._validate(picked)
        if check is None:
            return False
        backup = next((b for b in backups if b.path == picked), None)
        if not await self.prompts.confirm_restore(check, backup):
            return False
        return await self._restore(picked)

    async def _validate(self, path: Path) -> CheckResult | None:
        """The full check of a file to restore; a clear message (and None) if it cannot be restored."""
        vm = self._backups_vm()
        errors: list[str] = []
        vm.error_occurred.connect(errors.append)
        self.prompts.status(f"Checking {path.name}…")
        self._quiet = True
        try:
            check = await vm.validate(path)
        finally:
            self._quiet = False
            vm.error_occurred.disconnect(errors.append)
            self.prompts.clear_status()
        if check is None:
            await self.prompts.refuse_restore(errors[-1] if errors else "")
        return check

    async def _restore(self, path: Path) -> bool:
        """Close the database, replace it with ``path`` (service), reopen it and show what it holds."""
        vm = self._backups_vm()
        self._restoring = True
        errors: list[str] = []
        vm.error_occurred.connect(errors.append)
        vm.progress_changed.connect(self.prompts.progress)
        try:
            self.window.show_loading(f"Restoring {path.name}…")
            await self._close_current()
            # A view-model query cancelled just now may leave its cursor in an unfinished coroutine; until
            # that is collected, its connection, closed already, lingers in SQLite (locks and all), and the
            # file would look in use by another program.
            await asyncio.get_running_loop().run_in_executor(None, _join_driver_threads)
            gc.collect()
            result = await vm.restore(path)
        finally:
            vm.error_occurred.disconnect(errors.append)
            vm.progress_changed.disconnect(self.prompts.progress)
            self.prompts.clear_status()
            self._restoring = False
        await self._start_own()
        if result is None:
            self.prompts.say(f"Nothing was restored: {errors[-1] if errors else 'the restore failed.'}", "error")
            return False
        kept = f" Your data from before is kept in {result.kept}." if result.kept is not None else ""
        if result.moved_aside:
            kept = f" The damaged file was moved aside, unchanged, to {result.kept}."
        self.prompts.say(f"Restored {path.name}.{kept}", "success")
        log.info("Restored %s (kept: %s)", path, result.kept)
        return True

    async def _recover(self, result: CheckResult) -> None:
        """The data file is damaged or not a database: offer a good backup, another file, or quitting."""
        from .views.main.prompts import Recovery

        log.error("Data file cannot be used: %s", result.message)
        await self._close_current()
        self.window.show_loading("Your data file cannot be opened.")
        vm = self._backups_vm()
        newest = await vm.newest_good_backup()
        choice = await self.prompts.recover(result.path, result.message, newest, str(result.health))
        if choice == Recovery.RESTORE and newest is not None:
            await self._restore(newest.path)
            return
        if choice == Recovery.OPEN_OTHER:
            chosen = await self.choose_database_file()
            if chosen is not None:
                await self._open_other(chosen)
                return
            await self._recover(result)
            return
        self.exit_code = 1
        self.window.show_fatal(f"{result.message} The file was left as it is.")
        self.window.close()

    def move_to_server(self) -> None:
        """File → Move to a Shared Server…: copy the user's file to a server, then offer to open it there."""
        _url, path, _location = self._own_location()
        if path is None:
            self.prompts.say("This household is on a database server already.")
            return
        from .viewmodels.moving import MoveViewModel
        from .views.move_dialog import open_move_dialog

        vm = MoveViewModel(path)
        dialog = open_move_dialog(vm, self.window, lambda url: start(self._open_server(url)))
        self.window.dialogs.keep(dialog)

    async def _open_server(self, url: str) -> None:
        """Use the server database (where the household was just copied) as the user's data for this session."""
        await self._close_current()
        if self._own_lock is not None:
            self._own_lock.unlock()
            self._own_lock = None
        if self._backups is not None:  # they belong to the file left behind
            await self._backups.close()
            self._backups = None
        self.db_url = url
        await self._start_own()

    async def choose_database_file(self) -> Path | None:
        """Ask for a database file to open instead (tests replace this)."""
        return await self.prompts.choose_database_file(self.paths.data_dir)

    async def _open_other(self, path: Path) -> None:
        """Use another database file as the user's data for this session."""
        if self._own_lock is not None:
            self._own_lock.unlock()
            self._own_lock = None
        if self._backups is not None:  # they belong to the file left behind
            await self._backups.close()
            self._backups = None
        self.db_url = sqlite_url(path)
        await self._start_own()

    async def _daily_backup(self) -> None:
        """A backup at start when the newest is older than a day, in the background (logged, not shown)."""
        vm = self._backups_vm()
        made = await vm.daily_backup_if_due()
        if made is not None:
            log.info("Daily backup: %s", made.path)

    def _backups_vm(self) -> BackupsViewModel:
        """The backups of the user's own data file (the server's job for a PostgreSQL URL)."""
        from .viewmodels.backups import BackupsViewModel

        if self._backups is None:
            url, path, _location = self._own_location()
            backup_dir = self.paths.backup_dir
            if self.db_url and path is not None:
                backup_dir = path.parent / "backups"
            # On a server, Back Up Now writes a local copy of the household (restore stays the server's job).
            self._backups = BackupsViewModel(path, backup_dir, server_url=url if path is None else None)
            self._backups.error_occurred.connect(self._on_backup_error)
        return self._backups

    def _on_backup_error(self, message: str) -> None:
        if not self._quiet:  # (while a dialog says it instead)
            self.prompts.say(message, "error")

    def _on_sample_requested(self) -> None:
        start(self._switch_to_sample())

    def _on_own_requested(self) -> None:
        start(self._switch_to_own())

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
        log.error("Cannot open data: %s", message)
        self.exit_code = 1
        self.prompts.refuse_open(message)


def _join_driver_threads(timeout: float = 10.0) -> None:
    """Wait until the worker threads of closed aiosqlite connections have ended (at most ``timeout`` s)."""
    import threading
    import time

    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "_connection_worker_thread" in thread.name and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


def _folder_problem(folder: Path) -> str | None:
    from .problems import folder_problem

    problem = folder_problem(folder)
    return problem.message if problem is not None else None


def _import_data_stack() -> None:
    """Import what opening a database needs (SQLAlchemy, repositories, view models), in a worker thread."""
    import homelog_desktop.db.migrate
    import homelog_desktop.repositories
    import homelog_desktop.viewmodels.members
    import homelog_desktop.viewmodels.reading_editor
    import homelog_desktop.viewmodels.source_editor
    import homelog_desktop.viewmodels.sources
    import homelog_desktop.viewmodels.workspace  # noqa: F401
