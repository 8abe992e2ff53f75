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
   file is renamed over it (``os.replace``: atomic; ``db.swap.replace_database``).

The caller closes its own connections first and reopens (and upgrades) the database after. Sync:
run in a worker thread. No Qt: the command line takes the instance lock itself.
"""

from __future__ import annotations

import os
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
from ..db.integrity import CheckResult, Health, check_file
from ..db.swap import SIDECARS, replace_database
from ..db.writers import restoring
from ..domain.errors import HomeLogError
from ..i18n import translate
from ..problems import folder_problem


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
        raise RestoreError(
            translate("Restore", "{path} holds no Home Log data; nothing was restored.").format(path=path)
        )
    if result.health is Health.TOO_NEW:
        raise RestoreError(translate("Restore", "{message} It was not restored.").format(message=result.message))
    raise RestoreError(translate("Restore", "{message} It cannot be restored.").format(message=result.message))


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
        raise RestoreError(
            translate("Restore", "{source} is the database itself; choose a backup to restore.").format(source=source)
        )
    checked = validate_backup(source)
    folder = db_path.parent
    problem = folder_problem(folder)
    if problem is not None:
        raise RestoreError(problem.message)
    _check_writable(db_path)
    remove_stale_partials(folder)
    staging = partial_name(db_path)
    try:
        copy_into(source, staging, progress=_step(progress, "copy"))
        again = check_file(staging, quick=True, live=False)
        if not again.ok:
            raise RestoreError(
                translate("Restore", "The copy of {source} failed its check ({message}); nothing was changed.").format(
                    source=source, message=again.message
                )
            )
        # No writer, in any process, commits between the copy of the current data and the swap (it
        # would vanish with the replaced file); writers that waited find the file replaced and stop.
        with restoring(db_path, on_wait=lambda: progress("wait", 0, 0) if progress is not None else None):
            kept, moved = _keep_current(db_path, backup_dir, progress, now)
            replace_database(staging, db_path)
    except BaseException as exc:
        remove_partial(staging)
        if isinstance(exc, BackupError) and not isinstance(exc, RestoreError):
            raise RestoreError(str(exc)) from exc
        raise
    return RestoreResult(checked, kept, moved)


def _check_writable(db_path: Path) -> None:
    """RestoreError naming the cause when ``db_path`` is read-only (a read-only file in a writable folder).

    Asked with access(), not by opening the file: closing any descriptor of a database file drops
    the SQLite locks this process holds on it.
    """
    if db_path.exists() and not os.access(db_path, os.W_OK):
        raise RestoreError(
            translate(
                "Restore", "{path} is read-only; nothing was changed. Make it writable for your user, then try again."
            ).format(path=db_path)
        )


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
            raise RestoreError(
                translate("Restore", "The current data could not be kept, so nothing was restored. {exc}").format(
                    exc=exc
                )
            ) from exc
        return kept.path, False
    if current.health is Health.UNREADABLE:
        raise RestoreError(translate("Restore", "{message} Nothing was restored.").format(message=current.message))
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
        raise RestoreError(
            translate("Restore", "Cannot move {path} aside: {reason}. Nothing was restored.").format(
                path=db_path, reason=exc.strerror or exc
            )
        ) from exc
    return target


def _step(progress: Callable[[str, int, int], None] | None, step: str) -> Progress | None:
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(step, done, total)
