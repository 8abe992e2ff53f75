"""Who may write to a SQLite file, across processes: the writers' lock, and the file's identity.

Every unit of work that writes (the window's saves, the importer, the command line) holds the
writers' lock of the file *shared* while it writes; a restore holds it *exclusive* from before it
keeps a copy of the current data until the backup has been swapped in. So nothing commits between
the restore's copy of the data and the swap, where it would vanish with the replaced file.

A writer that waited for a restore finds the file replaced: the Database remembers the identity
(device and inode) of the file its connections opened, and a write to a file that is no longer the
one at its path is refused loudly (DatabaseReplacedError): the unit of work read the old data and
must not land in the restored file by accident. The first write of a Database also runs a quick
integrity check (once, cheap): a damaged file is never written to (DatabaseDamagedError).

The lock is a file beside the database (``homelog.db.writers``), locked with ``flock`` (POSIX) or
``LockFileEx`` (Windows): a lock held by a killed process is released by the system.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from ..domain.errors import DatabaseOpenError, HomeLogError
from ..i18n import translate

#: The writers' lock file is the database's path with this suffix.
LOCK_SUFFIX = ".writers"
#: Seconds a write waits for a restore to finish before it gives up.
WRITE_PATIENCE = 15.0
#: Seconds a restore waits for the writes under way (an import) to finish before it gives up.
RESTORE_PATIENCE = 60.0
_POLL = 0.02

Identity = tuple[int, int]

#: Files (device, inode, size, mtime) a check in this process found healthy: not checked again before writing.
_verified: set[tuple[int, int, int, int]] = set()


class DatabaseReplacedError(HomeLogError):
    """The file was replaced (restored from a backup) after this program opened it; nothing was written."""


class DatabaseDamagedError(DatabaseOpenError):
    """The file is damaged: nothing is written to it."""


class DatabaseBusyError(HomeLogError):
    """Another program holds the file for longer than we wait (a restore, or a long import)."""


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}{LOCK_SUFFIX}")


def identity(path: Path) -> Identity | None:
    """(device, inode) of ``path``; None when there is no file."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st.st_dev, st.st_ino


def _version(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def mark_verified(path: Path) -> None:
    """Note that ``path`` passed an integrity check just now (unchanged, the next write need not check it)."""
    version = _version(path)
    if version is not None:
        _verified.add(version)


class FileLock:
    """A shared or exclusive lock on a lock file, released by the system if its holder dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self, *, exclusive: bool) -> bool:
        """Take the lock if no one holds it in the other mode (never waits)."""
        assert self._fd is None, "already held"
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            taken = _lock(fd, exclusive)
        except BaseException:
            os.close(fd)
            raise
        if not taken:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)


def _lock(fd: int, exclusive: bool) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        return _windows_lock(fd, exclusive)
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        _windows_unlock(fd)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _windows_call(fd: int, name: str, *args: int) -> bool:  # pragma: no cover - Windows
    """``kernel32.<name>(handle of fd, *args, &OVERLAPPED)``: LockFileEx or UnlockFileEx on the first byte."""
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    kernel32: Any = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = msvcrt.get_osfhandle(fd)  # type: ignore[attr-defined]
    return bool(getattr(kernel32, name)(wintypes.HANDLE(handle), *args, ctypes.byref(Overlapped())))


def _windows_lock(fd: int, exclusive: bool) -> bool:  # pragma: no cover - Windows
    flags = 0x1 | (0x2 if exclusive else 0)  # LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK
    return _windows_call(fd, "LockFileEx", flags, 0, 1, 0)


def _windows_unlock(fd: int) -> None:  # pragma: no cover - Windows
    _windows_call(fd, "UnlockFileEx", 0, 1, 0)


@contextmanager
def restoring(
    db_path: Path, patience: float = RESTORE_PATIENCE, on_wait: Callable[[], object] | None = None
) -> Iterator[None]:
    """Hold every writer of ``db_path`` off (in any process) for the block; waits for writes under way.

    Sync (a restore runs in a worker thread). ``on_wait`` is called once if it has to wait.
    DatabaseBusyError after ``patience`` seconds.
    """
    lock = FileLock(lock_path(db_path))
    deadline = time.monotonic() + patience
    try:
        while not lock.try_acquire(exclusive=True):
            if on_wait is not None:
                on_wait()
                on_wait = None
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(
                    translate(
                        "Database",
                        "{path} is being written by another program (an import?) for longer than {seconds} s; try"
                        " again when it has finished. Nothing was changed.",
                    ).format(path=db_path, seconds=f"{patience:.0f}")
                )
            time.sleep(_POLL)
    except OSError as exc:
        raise DatabaseBusyError(
            translate("Database", "Cannot lock {path}: {reason}. Nothing was changed.").format(
                path=lock.path, reason=exc.strerror or exc
            )
        ) from exc
    try:
        yield
    finally:
        lock.release()


class WriteGuard:
    """The writers' lock, the file's identity and the quick check, for one Database on a SQLite file."""

    def __init__(self, path: Path, sync_engine: Any) -> None:
        from sqlalchemy import event

        self.path = path
        #: The file this Database's connections opened first (None until the first connection).
        self.identity: Identity | None = None
        #: True once the file passed the quick check before this Database's first write.
        self._checked = False
        event.listen(sync_engine, "do_connect", self._before_connect)
        # First of the connect listeners: before the WAL files are made (SQLite gives them the file's mode).
        event.listen(sync_engine, "connect", self._after_connect, insert=True)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[None]:
        """Hold the writers' lock shared; refuse a replaced or damaged file (before anything is written)."""
        lock = FileLock(lock_path(self.path))
        deadline = time.monotonic() + WRITE_PATIENCE
        while True:
            try:
                taken = lock.try_acquire(exclusive=False)
            except OSError:
                # The lock file cannot be made (a read-only folder): no restore can happen there either.
                taken = None
            if taken is not False:
                break
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(
                    f"{self.path} is busy: another program is restoring it from a backup. Try again in a "
                    "moment; nothing was written."
                )
            await asyncio.sleep(_POLL)
        try:
            current = identity(self.path)
            if self.identity is not None and current != self.identity:
                raise DatabaseReplacedError(
                    f"{self.path} was replaced (restored from a backup) while this was waiting to write; "
                    "nothing was written. Run it again on the restored data."
                )
            if current is not None and not self._checked:
                if _version(self.path) not in _verified:
                    problem = await asyncio.get_running_loop().run_in_executor(None, quick_problem, self.path)
                    if problem is not None:
                        raise DatabaseDamagedError(problem)
                self._checked = True
            yield
        finally:
            lock.release()

    def _before_connect(self, _dialect: Any, record: Any, _cargs: Any, _cparams: Any) -> None:
        record.info["homelog_file_before"] = identity(self.path)

    def _after_connect(self, _dbapi_connection: Any, record: Any) -> None:
        before = record.info.pop("homelog_file_before", None)
        after = identity(self.path)
        if before is not None and before != after:
            raise DatabaseReplacedError(
                f"{self.path} was replaced (restored from a backup) while it was being opened; try again."
            )
        if self.identity is None:
            self.identity = after
            for name in (self.path, f"{self.path}-wal", f"{self.path}-shm"):
                make_private(Path(name))


def make_private(path: Path, mode: int = 0o600) -> None:
    """Take group and others' access away from the user's own file or folder (POSIX; never fails)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        st = os.stat(path)
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, mode)


def quick_problem(path: Path) -> str | None:
    """Why ``path`` must not be written to (damaged, empty), or None: a quick check, reading only."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # no file yet: SQLite makes a new one
    if size == 0:
        return f"{path} is empty (0 bytes): its data is gone. Nothing was written to it; restore a backup."
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None  # cannot be read here: the write itself will say why
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if not _is_damage_text(text):
            return None  # locked, unreadable...: the write itself will say why
        rows = [text]
    finally:
        conn.close()
    if rows == ["ok"]:
        return None
    detail = first_problem(rows)
    return (
        f"{path} is damaged ({detail}); nothing was written to it. Restore a good backup "
        "(homelog restore FILE, or File → Restore from Backup in the window)."
    )


def first_problem(rows: list[str]) -> str:
    """The first line of SQLite's check output that says something (not a "*** in database" heading)."""
    lines = [ln.strip() for row in rows for ln in row.splitlines() if ln.strip() and not ln.startswith("***")]
    return (lines[0] if lines else "errors")[:100]


def damage_text(error: BaseException) -> str | None:
    """A one-line message when ``error`` (any SQLite or SQLAlchemy error) says the file is damaged; else None."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, sqlite3.DatabaseError) and _is_damage_text(str(seen)):
            return (
                f"the database is damaged ({seen}). Nothing was changed. Check it with homelog check, and restore "
                "a good backup (homelog restore FILE, or File → Restore from Backup in the window)."
            )
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def _is_damage_text(text: str) -> bool:
    lowered = text.lower()
    return "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered
