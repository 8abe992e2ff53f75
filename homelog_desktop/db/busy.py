"""Telling "another program holds the write lock" apart from other database failures."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError


def is_write_locked(error: BaseException) -> bool:
    """Whether ``error`` is SQLite giving up on the write lock after its busy timeout
    (another program, say a long import from the command line, is writing)."""
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig if error.orig is not None else error).lower()
    return "database is locked" in text or "database is busy" in text
