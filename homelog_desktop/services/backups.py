"""Backups of the user's SQLite file: on demand, daily at start, before migrations; and their rotation.

The copies are made by ``db.backup_files`` (SQLite's online backup API, written under a temporary
name and renamed when complete). This module decides when to back up and which old backups to
delete: the newest ten are kept, plus the newest of each of the last twelve months, and always the
three newest that pass the integrity check (whatever their age: damaged copies never push out the
last good ones). A backup dated in the future (a wrong clock) counts as neither new nor recent.
A household on a PostgreSQL server is backed up as a local SQLite copy (``services/copying.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..db.backup_files import (
    BEFORE_MIGRATION,
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    BackupError,
    BackupFile,
    Progress,
    copy_database,
    known_good,
    list_backups,
    remember_good,
    write_backup,
)
from ..db.writers import make_private
from ..domain.errors import HomeLogError
from ..i18n import translate

__all__ = [
    "BEFORE_MIGRATION",
    "BEFORE_RESTORE",
    "DAILY",
    "KEEP_GOOD",
    "KEEP_LAST",
    "KEEP_MONTHS",
    "MANUAL",
    "BackupError",
    "BackupFile",
    "ServerBackupError",
    "back_up",
    "back_up_async",
    "back_up_to",
    "daily_backup_due",
    "list_backups",
    "rotate",
    "to_delete",
]

#: Rotation: the newest KEEP_LAST backups, plus the newest of each of the last KEEP_MONTHS months.
KEEP_LAST = 10
KEEP_MONTHS = 12
#: Rotation never deletes the newest KEEP_GOOD backups that pass the check, whatever their age.
KEEP_GOOD = 3
#: A daily backup is taken at start when the newest backup is older than this.
DAILY_AGE = timedelta(days=1)
#: A backup dated later than now plus this was made under a wrong clock (it is not "recent").
CLOCK_SLACK = timedelta(minutes=10)

SERVER_BACKUP_TEXT = (
    "Home Log does not restore a household on a PostgreSQL server. To bring a backup back, copy it into a new, "
    "empty server database (homelog copy --db sqlite+aiosqlite:///BACKUP --to URL), or use the server's own "
    "tools (pg_dump and pg_restore)."
)


class ServerBackupError(HomeLogError):
    """Home Log does not back up or restore a database server."""

    def __init__(self) -> None:
        super().__init__(SERVER_BACKUP_TEXT)


def to_delete(
    created: Sequence[datetime], now: datetime, keep_last: int = KEEP_LAST, months: int = KEEP_MONTHS
) -> set[int]:
    """Which backups rotation deletes, by index into ``created`` (their UTC times, in any order).

    Kept: the ``keep_last`` newest, and the newest of each calendar month (UTC) among the
    ``months`` months up to and including the month of ``now``. Everything else goes.
    """
    current = now.astimezone(UTC)
    # Backups dated in the future (a wrong clock) rank after the others: they never push out real ones.
    order = sorted(range(len(created)), key=lambda i: (created[i] <= current + CLOCK_SLACK, created[i]), reverse=True)
    keep = set(order[:keep_last])
    first_month = current.year * 12 + current.month - 1 - (months - 1)
    seen: set[int] = set()
    for i in order:
        moment = created[i].astimezone(UTC)
        month = moment.year * 12 + moment.month - 1
        if first_month <= month and month not in seen:
            seen.add(month)
            keep.add(i)
    return set(range(len(created))) - keep


def rotate(backup_dir: Path, now: datetime | None = None, keep_good: int = KEEP_GOOD) -> list[Path]:
    """Delete the backups rotation does not keep; returns the deleted files.

    The newest ``keep_good`` backups that pass the check are kept whatever their age (checked only
    when something is to be deleted; a backup this process wrote or checked is not read again).
    """
    backups = list_backups(backup_dir)
    moment = now or datetime.now(UTC)
    doomed = to_delete([b.created for b in backups], moment)
    if doomed:
        doomed -= _newest_good(backups, moment, keep_good)
    for i, backup in enumerate(backups):
        if i not in doomed:
            make_private(backup.path)  # (backups written by an older Home Log were readable by all)
    deleted = []
    for i in sorted(doomed):
        with contextlib.suppress(FileNotFoundError):
            backups[i].path.unlink()
            deleted.append(backups[i].path)
    return deleted


def _newest_good(backups: Sequence[BackupFile], now: datetime, count: int) -> set[int]:
    """Indexes of the newest ``count`` backups that pass the quick check (future-dated ones last)."""
    from ..db.integrity import check_file

    late = now.astimezone(UTC) + CLOCK_SLACK
    order = sorted(range(len(backups)), key=lambda i: (backups[i].created <= late, backups[i].created), reverse=True)
    good: set[int] = set()
    for i in order:
        if len(good) >= count:
            break
        path = backups[i].path
        if known_good(path) or check_file(path, quick=True, live=False).ok:
            remember_good(path)
            good.add(i)
    return good


def back_up(
    db_path: Path,
    backup_dir: Path,
    reason: str = MANUAL,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> BackupFile:
    """Back ``db_path`` up into ``backup_dir``, then rotate the backups there (sync: run in a thread)."""
    if not db_path.is_file():
        raise BackupError(translate("Backups", "There is no database at {path} to back up.").format(path=db_path))
    made = write_backup(db_path, backup_dir, reason, progress=progress, now=now)
    rotate(backup_dir, now)
    return made


def back_up_to(db_path: Path, target: Path, *, progress: Progress | None = None) -> Path:
    """Back ``db_path`` up to a file of the user's choosing (replacing it if it exists; not rotated)."""
    if not db_path.is_file():
        raise BackupError(translate("Backups", "There is no database at {path} to back up.").format(path=db_path))
    target = target.expanduser().absolute()
    if target.exists() and target.resolve() == db_path.resolve():
        raise BackupError(
            translate("Backups", "{target} is the database itself; choose another file for the backup.").format(
                target=target
            )
        )
    if target.is_dir():
        raise BackupError(
            translate("Backups", "{target} is a folder; give the name of the backup file.").format(target=target)
        )
    copy_database(db_path, target, progress=progress, overwrite=True)
    return target


def daily_backup_due(backup_dir: Path, now: datetime | None = None) -> bool:
    """True when no backup is younger than a day.

    A backup dated in the future (made while the clock was wrong) does not count: it would otherwise
    stop the daily backups until that date.
    """
    moment = now or datetime.now(UTC)
    dated = [b.created for b in list_backups(backup_dir) if b.created <= moment + CLOCK_SLACK]
    if not dated:
        return True
    return moment - max(dated) >= DAILY_AGE


async def back_up_async(
    db_path: Path, backup_dir: Path, reason: str = MANUAL, progress: Progress | None = None
) -> BackupFile:
    """``back_up`` in a worker thread; ``progress`` is called on the event loop's thread."""
    loop = asyncio.get_running_loop()
    report: Progress | None = None
    if progress is not None:
        callback = progress

        def report(done: int, total: int) -> None:
            loop.call_soon_threadsafe(callback, done, total)

    return await loop.run_in_executor(None, lambda: back_up(db_path, backup_dir, reason, progress=report))
