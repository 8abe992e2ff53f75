"""Backup files of a SQLite database: their names, and a consistent copy that is never half written.

A backup is named ``homelog-20261124T213005Z-daily.db`` (a sortable UTC time and the reason). It is
written with SQLite's online backup API (consistent even while the app writes) under a temporary
name in the same folder, flushed to disk, and only then renamed, so a crash or a kill never leaves
a partial file under a backup's name. Only the standard library: the migration, the services, the
command line and the GUI's worker threads all use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..domain.errors import HomeLogError
from ..i18n import QT_TRANSLATE_NOOP, translate

#: Why a backup was taken.
MANUAL, DAILY, BEFORE_MIGRATION, BEFORE_RESTORE = "manual", "daily", "before-migration", "before-restore"
REASONS = (MANUAL, DAILY, BEFORE_MIGRATION, BEFORE_RESTORE)
#: Words shown for each reason (translated where shown: ``BackupFile.reason_text``).
REASON_TEXT = {
    MANUAL: QT_TRANSLATE_NOOP("Backups", "Backed up by you"),
    DAILY: QT_TRANSLATE_NOOP("Backups", "Daily"),
    BEFORE_MIGRATION: QT_TRANSLATE_NOOP("Backups", "Before an upgrade"),
    BEFORE_RESTORE: QT_TRANSLATE_NOOP("Backups", "Before a restore"),
}

#: Pages copied per step of the online backup (a step holds a read lock only briefly).
DEFAULT_STEP_PAGES = 1024
#: Set to a number of pages to copy per step and report every step (tests use 1 to make a copy slow).
STEP_PAGES_ENV = "HOMELOG_BACKUP_PAGES"
#: Temporary files end with this (never listed as backups; removed when their writer is gone).
PARTIAL_SUFFIX = ".partial"
#: What SQLite may add to a temporary file's name (its journal), removed with it.
_PARTIAL_SIDECARS = ("", "-journal", "-wal", "-shm")

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.db$")

#: progress(pages_done, pages_total)
Progress = Callable[[int, int], None]


class BackupError(HomeLogError):
    """A backup or restore could not be written; nothing under a real name was changed."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup in a backups folder."""

    path: Path
    created: datetime  # UTC
    reason: str
    size: int

    @property
    def reason_text(self) -> str:
        if self.reason in REASON_TEXT:
            return translate("Backups", REASON_TEXT[self.reason])
        return self.reason.replace("-", " ").capitalize()


def backup_name(stem: str, created: datetime, reason: str, n: int = 1) -> str:
    """The file name of a backup: sorts by time, says why (``n`` > 1 for a second one in the same second)."""
    stamp = created.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stem}-{stamp}{f'-{n}' if n > 1 else ''}-{reason}.db"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(created, reason) of a backup's file name; None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return created, match["reason"]


def list_backups(backup_dir: Path) -> list[BackupFile]:
    """The backups in ``backup_dir``, newest first (temporary and foreign files are left out)."""
    found = []
    try:
        entries = list(os.scandir(backup_dir))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        parsed = parse_backup_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        with contextlib.suppress(OSError):
            found.append(BackupFile(Path(entry.path), parsed[0], parsed[1], entry.stat().st_size))
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def step_pages() -> tuple[int, bool]:
    """Pages per backup step, and whether every step is reported (set by $HOMELOG_BACKUP_PAGES)."""
    raw = os.environ.get(STEP_PAGES_ENV, "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw), True
    return DEFAULT_STEP_PAGES, False


def write_backup(
    source: Path,
    backup_dir: Path,
    reason: str,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> BackupFile:
    """Back ``source`` up into ``backup_dir`` under a new timestamped name (never overwriting one)."""
    try:
        backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(write_problem(backup_dir, exc)) from exc
    from .writers import make_private

    make_private(backup_dir, 0o700)
    remove_stale_partials(backup_dir)
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    n = 1
    target = backup_dir / backup_name(source.stem, created, reason)
    while target.exists():
        n += 1
        target = backup_dir / backup_name(source.stem, created, reason, n)
    copy_database(source, target, progress=progress)
    return BackupFile(target, created, reason, target.stat().st_size)


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: Progress | None = None,
    journal_delete: bool = True,
    overwrite: bool = False,
) -> None:
    """Copy the SQLite database ``source`` consistently to ``target`` through a temporary file.

    The copy is made by the online backup API in steps (another connection may write in between),
    switched to a plain rollback journal so it is one self-contained file, flushed to disk and then
    renamed into place. On any failure the temporary file is removed and BackupError says why;
    ``target`` is then exactly as before (absent, or, with ``overwrite``, the old file).
    """
    if target.exists() and not overwrite:
        raise BackupError(
            translate("Backups", "{target} exists already; it was not overwritten.").format(target=target)
        )
    if source.is_file() and source.stat().st_size == 0:
        raise BackupError(
            translate(
                "Backups",
                "{source} is empty (0 bytes): the data it held is gone, so it was not backed up. The backups made"
                " before were kept; restore the newest good one (homelog restore FILE, or File → Restore from"
                " Backup).",
            ).format(source=source)
        )
    temp = partial_name(target)
    try:
        copy_into(source, temp, progress=progress, journal_delete=journal_delete)
        problem = copy_problem(temp)
        if problem is not None:
            raise BackupError(_damage_text(source, temp, problem))
        os.replace(temp, target)
        flush_dir(target.parent)
        remember_good(target)
    except BaseException as exc:
        remove_partial(temp)
        if isinstance(exc, OSError):
            raise BackupError(write_problem(target.parent, exc)) from exc
        raise


def copy_problem(path: Path, *, quick: bool = True) -> str | None:
    """What is wrong with the copy ``path`` (SQLite's quick_check, or the full integrity_check); None if ok.

    The copy holds the same pages as its source at one moment, so a damaged source shows here too.
    """
    from .writers import first_problem

    try:
        conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}(3)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    if rows == ["ok"]:
        return None
    return first_problem(rows)


def _damage_text(source: Path, copy: Path, problem: str) -> str:
    from .writers import quick_problem

    if quick_problem(source) is None:  # the source is fine: the copy went wrong (the disk?)
        return translate(
            "Backups",
            "The copy of {source} failed its check ({problem}): the disk it was written to may be failing. It was"
            " not kept; your data was not changed.",
        ).format(source=source, problem=problem)
    return translate(
        "Backups",
        "{source} is damaged ({problem}), so it was not backed up: a copy of damaged data is no backup. The"
        " backups made before were kept; restore the newest good one (homelog restore FILE, or File → Restore from"
        " Backup in the window).",
    ).format(source=source, problem=problem)


#: Backups this process wrote or checked and found good: (path, size, mtime_ns).
_good: set[tuple[str, int, int]] = set()


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path), st.st_size, st.st_mtime_ns


def remember_good(path: Path) -> None:
    """Note that the backup ``path`` passed its check (unchanged since, it need not be checked again)."""
    stamp = _stamp(path)
    if stamp is not None:
        _good.add(stamp)


def known_good(path: Path) -> bool:
    stamp = _stamp(path)
    return stamp is not None and stamp in _good


def remove_partial(temp: Path) -> None:
    """Remove a temporary file and anything SQLite left beside it (its journal)."""
    for suffix in _PARTIAL_SIDECARS:
        with contextlib.suppress(OSError):
            Path(f"{temp}{suffix}").unlink()


def copy_into(source: Path, dest_path: Path, *, progress: Progress | None = None, journal_delete: bool = True) -> None:
    """Write a consistent copy of ``source`` to the new file ``dest_path``, flushed to disk.

    The caller renames it into place (or removes it: on failure ``dest_path`` may be half written).
    """
    pages, every_step = step_pages()
    try:
        src = open_readonly(source)
    except sqlite3.Error as exc:
        from ..problems import describe

        raise BackupError(describe(exc, source) or f"{source} cannot be read: {exc}.") from exc
    try:
        try:
            # Created private (0600) whatever the umask; SQLite writes into the empty file.
            os.close(os.open(dest_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            os.chmod(dest_path, 0o600)
            dest = sqlite3.connect(dest_path)
            # No rollback journal while copying: a kill would leave a -journal file beside the temporary
            # one (the temporary file itself is thrown away on any failure, so it needs none).
            dest.execute("PRAGMA journal_mode=OFF")
        except OSError as exc:
            raise BackupError(write_problem(dest_path.parent, exc)) from exc
        except sqlite3.Error as exc:
            raise BackupError(write_problem(dest_path.parent, exc)) from exc
        try:
            reported = [-1]

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is None:
                    return
                done = total - remaining
                twentieth = done * 20 // max(total, 1)
                if every_step or twentieth != reported[0]:
                    reported[0] = twentieth
                    progress(done, total)

            src.backup(dest, pages=pages, progress=step)
            if journal_delete:
                dest.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as exc:
            if _is_damage(exc):
                raise BackupError(
                    translate("Backups", "{source} is damaged and cannot be copied ({exc}).").format(
                        source=source, exc=exc
                    )
                ) from exc
            raise BackupError(write_problem(dest_path.parent, exc)) from exc
        finally:
            dest.close()
        flush(dest_path)
    finally:
        src.close()


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that reads ``path`` and never creates or changes it (nor its folder, if it can)."""
    if not path.is_file():
        raise sqlite3.OperationalError(f"no such file: {path}")
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as exc:
        conn.close()
        if "unable to open" not in str(exc):
            raise
    # A WAL file in a folder this process cannot write (no -shm can be made): read it as it is.
    return sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)


def partial_name(target: Path) -> Path:
    """The temporary name ``target`` is written under (same folder, so the rename is atomic)."""
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove temporary files left in ``folder`` by writers that no longer run (a kill, a crash)."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            base = next((name[: -len(s)] for s in _PARTIAL_SIDECARS[1:] if s and name.endswith(s)), name)
            if not (base.startswith(".") and base.endswith(PARTIAL_SUFFIX)):
                continue
            pid_text = base[: -len(PARTIAL_SUFFIX)].rsplit(".", 1)[-1]
            if pid_text.isdigit() and not _alive(int(pid_text)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def flush_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _probe(folder: Path) -> int | None:
    """The errno of creating a file in ``folder`` (None if that works)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".homelog-write-test-", dir=folder)
    except OSError as exc:
        return exc.errno
    os.close(fd)
    os.unlink(name)
    return None


def write_problem(folder: Path, exc: BaseException) -> str:
    """A clear sentence for a failed write in ``folder``."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code is None and "unable to open" in text:
        code = _probe(folder)  # SQLite does not say why: find out
    if code == errno.ENOSPC or "disk is full" in text or "disk full" in text:
        message = translate(
            "Backups",
            "Could not write to {folder}: the disk is full. Free some space and try again. Nothing was changed.",
        )
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "read-only" in text:
        message = translate(
            "Backups",
            "Could not write to {folder}: the folder is read-only or not yours. Choose a folder you can write to."
            " Nothing was changed.",
        )
    elif code in (errno.ENOTDIR, errno.EEXIST):
        message = translate(
            "Backups",
            "Could not write to {folder}: a file is in the way where a folder should be. Nothing was changed.",
        )
    elif "unable to open" in text:
        message = translate(
            "Backups",
            "Could not write to {folder}: the folder cannot be written (read-only, missing or not yours). Nothing was"
            " changed.",
        )
    else:
        message = translate("Backups", "Could not write to {folder}: {reason}. Nothing was changed.")
    return message.format(folder=folder, reason=exc)
