"""One running Home Log per database file: a lock file beside it (Qt's QLockFile), and one keyed by
the file's identity (device and inode) in a per-user folder, so that the same file reached through
another path (a hard link, another mount of the folder) is refused too."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile


class InstanceLock(QLockFile):
    """The lock beside the database, plus the lock of the file's identity; ``unlock()`` releases both."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.identity_lock: QLockFile | None = None

    def unlock(self) -> None:
        if self.identity_lock is not None:
            self.identity_lock.unlock()
            self.identity_lock = None
        super().unlock()


def try_lock(path: Path) -> QLockFile | None:
    """Take the lock of a database file, or None if another running Home Log holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = InstanceLock(str(path) + ".lock")
    if not _take(lock):
        return None
    identity = identity_lock_path(path)
    if identity is not None:
        other = QLockFile(str(identity))
        if not _take(other):
            lock.unlock()
            return None
        lock.identity_lock = other
    return lock


def identity_lock_path(path: Path) -> Path | None:
    """The per-user lock file named after ``path``'s device and inode (None: no file yet, or no folder)."""
    try:
        st = os.stat(path)
    except OSError:
        return None  # a new file: the lock beside it is enough until it exists
    folder = Path(tempfile.gettempdir()) / f"homelog-locks-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder / f"{st.st_dev:x}-{st.st_ino:x}.lock"


def _take(lock: QLockFile) -> bool:
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
    if lock.tryLock(0):
        return True
    return lock.error() == QLockFile.LockError.LockFailedError and lock.removeStaleLockFile() and lock.tryLock(0)
