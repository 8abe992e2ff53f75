"""Backups of the user's own data for the window: back up now, list, check, restore (in worker threads)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.backup_files import BackupFile
    from ..db.integrity import CheckResult
    from ..services.restore import RestoreResult

T = TypeVar("T")

#: How many backups, newest first, are checked when looking for the newest good one.
GOOD_BACKUP_SEARCH = 20


class BackupsViewModel(BaseViewModel):
    """Backs up and restores one SQLite file (``db_path``) with its backups folder.

    ``db_path`` is None for a database server: every action then reports that backups are the
    server's job. Work runs in worker threads; progress arrives on the GUI thread.
    """

    #: A backup was written (a BackupFile).
    backed_up = Signal(object)
    #: (step, done, total): step is "backup", "copy" (a restore's copy) or "keep" (the data from before).
    progress_changed = Signal(str, int, int)
    #: A restore finished (a RestoreResult); the caller reopens the database.
    restored = Signal(object)

    def __init__(
        self, db_path: Path | None, backup_dir: Path, parent: QObject | None = None, *, server_url: str | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.backup_dir = backup_dir
        #: Held by every piece of work that reads or replaces the database file (backups, its check,
        #: a restore): a restore waits for a backup under way (the daily one at start) to let go of
        #: the file before it swaps it, and a backup never reads a file being swapped.
        self._file_work = asyncio.Lock()
        #: A household on a server (db_path None): Back Up Now writes a local copy of it (services/copying.py).
        self.server_url = server_url

    @property
    def available(self) -> bool:
        return self.db_path is not None

    @property
    def can_back_up(self) -> bool:
        """A file, or a server whose household is backed up as a local copy."""
        return self.db_path is not None or self.server_url is not None

    async def back_up_now(self, reason: str = "manual") -> BackupFile | None:
        """Back the database up now; None (and ``error_occurred``) if it could not be done."""
        if self.db_path is None and self.server_url is not None:
            return await self._back_up_server()
        async with self._action(), self._file_work:
            return await self._back_up(reason)
        return None

    async def _back_up(self, reason: str) -> BackupFile:
        """The backup itself (the caller holds ``_file_work``)."""
        from ..services.backups import back_up

        path = self._path()
        made = await self._in_thread(lambda report: back_up(path, self.backup_dir, reason, progress=report))
        self.backed_up.emit(made)
        return made

    async def list_backups(self) -> list[BackupFile]:
        from ..db.backup_files import list_backups

        return await asyncio.get_running_loop().run_in_executor(None, list_backups, self.backup_dir)

    async def check(self, path: Path | None = None, *, quick: bool = True) -> CheckResult:
        """The health of ``path`` (default: the database) — never raises for a bad file."""
        from ..db.integrity import check_file

        target = path or self._path()
        if path is not None and path != self.db_path:
            return await asyncio.get_running_loop().run_in_executor(None, lambda: check_file(target, quick=quick))
        async with self._file_work:
            return await asyncio.get_running_loop().run_in_executor(None, lambda: check_file(target, quick=quick))

    async def validate(self, path: Path) -> CheckResult | None:
        """Whether ``path`` can be restored (full check); None and ``error_occurred`` with why not."""
        from ..services.restore import validate_backup

        async with self._action():
            return await asyncio.get_running_loop().run_in_executor(None, validate_backup, path)
        return None

    async def newest_good_backup(self) -> BackupFile | None:
        """The newest backup that passes the full integrity check and has a schema this version knows."""
        from ..services.restore import RestoreError, validate_backup

        for backup in (await self.list_backups())[:GOOD_BACKUP_SEARCH]:
            try:
                await asyncio.get_running_loop().run_in_executor(None, validate_backup, backup.path)
            except RestoreError:
                continue
            return backup
        return None

    async def restore(self, path: Path) -> RestoreResult | None:
        """Replace the database with ``path`` (the caller has closed it); None and ``error_occurred`` on failure."""
        from ..services.restore import restore_file

        async with self._action(), self._file_work:
            target = self._path()
            result = await self._in_thread(
                lambda report: restore_file(path, target, self.backup_dir, progress=report), steps=True
            )
            self.restored.emit(result)
            return result
        return None

    async def daily_backup_if_due(self) -> BackupFile | None:
        """The daily backup, if the newest backup is older than a day (errors are reported, not raised)."""
        from ..db.backup_files import DAILY
        from ..services.backups import daily_backup_due

        if self.db_path is None:
            return None
        async with self._action(), self._file_work:  # (after a restore that ran meanwhile: not due any more)
            due = await asyncio.get_running_loop().run_in_executor(None, daily_backup_due, self.backup_dir)
            return await self._back_up(DAILY) if due else None
        return None

    async def _back_up_server(self) -> BackupFile | None:
        """The household on the server as a checked local SQLite copy in backups/server-…/ (rotated)."""
        from ..domain.errors import HomeLogError
        from ..problems import explain
        from ..services.copying import back_up_server

        assert self.server_url is not None
        url = self.server_url
        async with self._action():
            loop = asyncio.get_running_loop()

            def emit(done: int, total: int) -> None:
                if not self._closed:
                    self.progress_changed.emit("backup", done, total)

            def progress(done: int, total: int, _table: str) -> None:  # (in the copy's thread)
                loop.call_soon_threadsafe(emit, done, total)

            def copy() -> tuple[BackupFile, object]:
                # On its own event loop in a worker thread: the driver's work never runs on the window's thread.
                return asyncio.run(back_up_server(url, self.backup_dir, progress=progress))

            try:
                made, _result = await loop.run_in_executor(None, copy)
            except HomeLogError:
                raise
            except Exception as error:
                problem = explain(error, url)
                if problem is None:
                    raise
                raise HomeLogError(problem.message) from error
            self.backed_up.emit(made)
            return made
        return None

    # -- helpers ---------------------------------------------------------------------------------

    def _path(self) -> Path:
        if self.db_path is None:
            from ..services.backups import ServerBackupError

            raise ServerBackupError()
        return self.db_path

    async def _in_thread(self, work: Callable[[Any], T], *, steps: bool = False) -> T:
        """Run ``work(progress)`` in a worker thread, relaying its progress to ``progress_changed``."""
        loop = asyncio.get_running_loop()

        def emit(step: str, done: int, total: int) -> None:
            if not self._closed:
                self.progress_changed.emit(step, done, total)

        if steps:

            def relay_steps(step: str, done: int, total: int) -> None:
                if step != "wait":  # (a restore waiting for another program's write: the window says "Restoring…")
                    loop.call_soon_threadsafe(emit, step, done, total)

            return await loop.run_in_executor(None, work, relay_steps)

        def relay(done: int, total: int) -> None:
            loop.call_soon_threadsafe(emit, "backup", done, total)

        return await loop.run_in_executor(None, work, relay)

    _closed = False

    async def close(self) -> None:
        self._closed = True
        await super().close()
