"""Replace the database with a backup, safely: validate, keep the current data, swap atomically.

The order makes every moment of a restore survivable by a crash or a kill:

1. the chosen file is checked (SQLite, ``PRAGMA integrity_check`` ok, Home Log's tables, a schema
   revision this version knows: older ones are upgraded when opened, newer ones are refused);
2. it is copied (online backup API) to a temporary file beside the database and checked again;
3. every writer, in any process, is held off (``db.writers``: a running import finishes first, later
   ones wait and then find the file replaced) until step 4 is done; the current database is kept:
   backed up into ``backups/`` (reason ``before-restore``), or, if it is damaged, moved aside
   unchanged as ``homelog-damaged-<time>.db`` (a bad file is never overwritten);
4. the current database is switched to a rollback journal (its WAL checkpointed into the file, so
   no -wal or -shm can be mistaken for the new file's) and locked exclusively, and the temporary
   file is renamed over it (``os.replace``: atomic).

The caller closes its own connections first and reopens (and upgrades) the database after. Sync:
run in a worker thread. No Qt: the command line takes the instance lock itself.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..db.backup_files import (
    BEFORE_RESTORE,
    BackupError,
    Progress,
    copy_into,
    flush_dir,
    partial_name,
    remove_partial,
    remove_stale_partials,
    write_backup,
)
from ..db.writers import restoring
from ..domain.errors import HomeLogError
from .integrity import CheckResult, Health, check_file, folder_problem

#: Seconds a restore waits for other connections to the database to close before it gives up.
LEAVE_WAL_PATIENCE = 3.0
#: The files SQLite keeps beside a database.
SIDECARS = ("-wal", "-shm", "-journal")


class RestoreError(HomeLogError):
    """The chosen file cannot be restored, or the swap could not be made; nothing was changed."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    #: What was restored, as checked.
    restored: CheckResult
    #: Where the data from before is: a before-restore backup, or the damaged file moved aside.
    kept: Path | None
    #: True when the data from before was damaged and moved aside rather than backed up.
    moved_aside: bool


def validate_backup(path: Path) -> CheckResult:
    """Check that ``path`` can be restored (full integrity check); RestoreError says why not."""
    result = check_file(path, quick=False, live=False)
    if result.health is Health.OK:
        return result
    if result.health is Health.EMPTY:
        raise RestoreError(f"{path} holds no Home Log data; nothing was restored.")
    if result.health is Health.TOO_NEW:
        raise RestoreError(f"{result.message} It was not restored.")
    raise RestoreError(f"{result.message} It cannot be restored.")


def restore_file(
    source: Path,
    db_path: Path,
    backup_dir: Path,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Replace ``db_path`` with the backup ``source`` (see the module's docstring for the steps).

    ``progress(step, done, total)`` reports the copies: step is "copy" (the backup into place) or
    "keep" (the current data into backups/); "wait" (0, 0) once if another program is writing and
    the restore waits for it to finish.
    """
    source = source.expanduser().absolute()
    if source.exists() and db_path.exists() and source.resolve() == db_path.resolve():
        raise RestoreError(f"{source} is the database itself; choose a backup to restore.")
    checked = validate_backup(source)
    folder = db_path.parent
    problem = folder_problem(folder)
    if problem is not None:
        raise RestoreError(problem)
    remove_stale_partials(folder)
    staging = partial_name(db_path)
    try:
        copy_into(source, staging, progress=_step(progress, "copy"))
        again = check_file(staging, quick=True, live=False)
        if not again.ok:
            raise RestoreError(f"The copy of {source} failed its check ({again.message}); nothing was changed.")
        # No writer, in any process, commits between the copy of the current data and the swap (it
        # would vanish with the replaced file); writers that waited find the file replaced and stop.
        with restoring(db_path, on_wait=lambda: progress("wait", 0, 0) if progress is not None else None):
            kept, moved = _keep_current(db_path, backup_dir, progress, now)
            _swap(staging, db_path)
    except BaseException as exc:
        remove_partial(staging)
        if isinstance(exc, BackupError) and not isinstance(exc, RestoreError):
            raise RestoreError(str(exc)) from exc
        raise
    return RestoreResult(checked, kept, moved)


def _keep_current(
    db_path: Path, backup_dir: Path, progress: Callable[[str, int, int], None] | None, now: datetime | None
) -> tuple[Path | None, bool]:
    """Back the current database up, or move it aside if it is damaged; (where it is, moved?)."""
    if not db_path.exists():
        return None, False
    current = check_file(db_path, quick=True)
    if current.health in (Health.OK, Health.EMPTY, Health.TOO_NEW, Health.FOREIGN):
        try:
            kept = write_backup(db_path, backup_dir, BEFORE_RESTORE, progress=_step(progress, "keep"), now=now)
        except BackupError as exc:
            raise RestoreError(f"The current data could not be kept, so nothing was restored. {exc}") from exc
        return kept.path, False
    if current.health is Health.UNREADABLE:
        raise RestoreError(f"{current.message} Nothing was restored.")
    return move_aside(db_path, now), True


def move_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a (damaged) database and its sidecar files to ``<stem>-damaged-<time>.db``, unchanged."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.stem}-damaged-{stamp}{db_path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.stem}-damaged-{stamp}-{n}{db_path.suffix}")
    try:
        for suffix in SIDECARS:
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
        os.replace(db_path, target)
        flush_dir(db_path.parent)
    except OSError as exc:
        raise RestoreError(f"Cannot move {db_path} aside: {exc.strerror or exc}. Nothing was restored.") from exc
    return target


def _swap(staging: Path, db_path: Path) -> None:
    """Put ``staging`` in place of ``db_path`` so no reader ever sees a mix of the two."""
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
        raise RestoreError(f"{db_path} cannot be opened to replace it ({exc}); nothing was changed.") from exc
    try:
        try:
            _leave_wal(conn)
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.Error as exc:
            raise RestoreError(
                f"{db_path} is in use by another program ({exc}); close it and try again. Nothing was changed."
            ) from exc
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{db_path}{suffix}").unlink()
        try:
            os.replace(staging, db_path)
        except OSError as exc:
            raise RestoreError(f"Cannot replace {db_path}: {exc.strerror or exc}. Nothing was changed.") from exc
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


def _step(progress: Callable[[str, int, int], None] | None, step: str) -> Progress | None:
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(step, done, total)
