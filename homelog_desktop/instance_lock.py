"""One running Home Log per database file: a lock file beside it (Qt's QLockFile)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def try_lock(path: Path) -> QLockFile | None:
    """Take the lock of a database file, or None if another running Home Log holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError and lock.removeStaleLockFile() and lock.tryLock(0):
        return lock
    return None
