"""Swap a database file for another atomically: the last step of a restore.

The current database is switched to a rollback journal (its WAL checkpointed into the file, so no
-wal or -shm can be mistaken for the new file's) and locked exclusively, and the new file is
renamed over it (``os.replace``: atomic). Sync: run in a worker thread.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from ..i18n import translate
from ..problems import Kind, explain
from .backup_files import BackupError, flush_dir

#: Seconds a restore waits for other connections to the database to close before it gives up.
LEAVE_WAL_PATIENCE = 3.0
#: The files SQLite keeps beside a database.
SIDECARS = ("-wal", "-shm", "-journal")


def replace_database(staging: Path, db_path: Path) -> None:
    """Put ``staging`` in place of ``db_path`` so no reader ever sees a mix of the two (BackupError says
    why not; nothing is changed then). The caller holds off every writer meanwhile."""
    if not db_path.exists():
        for suffix in SIDECARS:  # left by a file moved aside? never apply them to the new file
            with contextlib.suppress(FileNotFoundError):
                Path(f"{db_path}{suffix}").unlink()
        os.replace(staging, db_path)
        flush_dir(db_path.parent)
        return
    try:
        conn = sqlite3.connect(db_path, timeout=5, isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupError(f"{db_path} cannot be opened to replace it ({exc}); nothing was changed.") from exc
    try:
        try:
            _leave_wal(conn)
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.Error as exc:
            problem = explain(exc, db_path)
            if problem is not None and problem.kind is not Kind.BUSY:
                raise BackupError(problem.message) from exc
            raise BackupError(
                f"{db_path} is in use by another program ({exc}); close it and try again. Nothing was changed."
            ) from exc
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{db_path}{suffix}").unlink()
        try:
            os.replace(staging, db_path)
        except OSError as exc:
            raise BackupError(
                translate("Database", "Cannot replace {path}: {reason}. Nothing was changed.").format(
                    path=db_path, reason=exc.strerror or exc
                )
            ) from exc
        flush_dir(db_path.parent)
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        conn.close()


def _leave_wal(conn: sqlite3.Connection, patience: float = LEAVE_WAL_PATIENCE) -> None:
    """Switch the database out of WAL mode (checkpointing everything into the file and removing its
    -wal and -shm). That needs the only connection, so it also proves that no other program has the
    file open. SQLite answers "busy" at once rather than waiting, so a connection that is just being
    closed (a cancelled query of the window's) is given ``patience`` seconds to go."""
    deadline = time.monotonic() + patience
    while True:
        try:
            mode = str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            mode = "busy"
        if mode == "delete":
            return
        if time.monotonic() >= deadline:
            raise sqlite3.OperationalError("database is locked")
        time.sleep(0.05)
