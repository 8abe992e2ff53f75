"""Is a file a healthy Home Log database? Integrity and schema revision, read without changing it.

``check_file`` opens the file read-only with the standard library's sqlite3 (sync: call it in a
worker thread) and classifies it: ok, missing, not a database, damaged, someone else's tables, a
schema from a newer Home Log, or unreadable (permissions, a folder that cannot be written...).
``quick`` runs ``PRAGMA quick_check`` (linear in the file's size, skips index cross-checks);
otherwise the full ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .backup_files import open_readonly
from .revisions import HEAD_REVISION, REVISIONS
from .writers import mark_verified


class Health(StrEnum):
    OK = "ok"
    EMPTY = "empty"  # a database without Home Log's tables yet (a new file)
    MISSING = "missing"
    NOT_DATABASE = "not-database"
    DAMAGED = "damaged"
    FOREIGN = "foreign"
    TOO_NEW = "too-new"
    UNREADABLE = "unreadable"


#: States in which the file must not be opened, and the recovery dialog is offered.
BROKEN = frozenset({Health.NOT_DATABASE, Health.DAMAGED})


@dataclass(frozen=True, slots=True)
class CheckResult:
    path: Path
    health: Health
    #: One line for the user.
    message: str
    revision: str | None = None
    sources: int | None = None
    readings: int | None = None

    @property
    def ok(self) -> bool:
        return self.health is Health.OK

    @property
    def broken(self) -> bool:
        return self.health in BROKEN

    @property
    def needs_upgrade(self) -> bool:
        return self.ok and self.revision != HEAD_REVISION


def check_file(path: Path, *, quick: bool = True, live: bool = True) -> CheckResult:
    """Check ``path`` without changing it (see the module's docstring).

    ``live``: the file may be written meanwhile (the user's database). Otherwise (a backup, a file
    chosen to restore) it is read as immutable when no -wal is beside it, which leaves no -wal and
    -shm behind; a database being written must never be read that way (a checkpoint during the
    check would look like damage).
    """
    if not path.exists():
        return CheckResult(path, Health.MISSING, f"There is no database at {path}.")
    if path.is_dir():
        return CheckResult(path, Health.UNREADABLE, f"{path} is a folder, not a database file.")
    try:
        with path.open("rb") as f:
            header = f.read(16)
    except OSError as exc:
        return CheckResult(path, Health.UNREADABLE, _unreadable(path, exc))
    if header and header != b"SQLite format 3\x00":
        return CheckResult(path, Health.NOT_DATABASE, f"{path} is not a database file (it holds something else).")
    if not header:
        # SQLite never leaves a database at 0 bytes once it was written: the data was lost (a full disk,
        # a crash, a copy cut short). Not a new database: the backups are offered.
        return CheckResult(
            path,
            Health.DAMAGED,
            f"{path} is empty (0 bytes): the data it held is gone, perhaps cut short by a full disk.",
        )
    try:
        conn = open_readonly(path) if live else _open_for_check(path)
    except sqlite3.Error as exc:
        return _classify(path, exc)
    try:
        result = _check(conn, path, quick)
        if live and result.ok:
            mark_verified(path)  # the next write to it need not check it again
        return result
    except sqlite3.Error as exc:
        return _classify(path, exc)
    finally:
        conn.close()


def _open_for_check(path: Path) -> sqlite3.Connection:
    """Read-only; a file no one has open in WAL mode (no -wal beside it) is read as immutable, so that
    checking leaves no -wal and -shm files behind (a read-only connection cannot remove them)."""
    if Path(f"{path}-wal").exists():
        return open_readonly(path)
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path, quick: bool) -> CheckResult:
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(5)")]
    if rows != ["ok"]:
        lines = [ln.strip() for row in rows for ln in row.splitlines() if ln.strip() and not ln.startswith("***")]
        detail = (lines[0] if lines else "errors")[:100]
        more = f" and {len(lines) - 1} more problems" if len(lines) > 1 else ""
        return CheckResult(path, Health.DAMAGED, f"{path} is damaged ({pragma}: {detail}{more}).")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        if tables:
            return CheckResult(path, Health.FOREIGN, f"{path} holds tables Home Log did not create.")
        return CheckResult(path, Health.EMPTY, f"{path} holds no Home Log data yet.")
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else None
    if revision is None:
        return CheckResult(path, Health.EMPTY, f"{path} holds no Home Log data yet.")
    if revision not in REVISIONS:
        return CheckResult(
            path,
            Health.TOO_NEW,
            f"{path} was written by a newer version of Home Log (schema {revision}); install the newest Home Log.",
            revision,
        )
    sources = readings = None
    if {"sources", "readings"} <= tables:
        sources = int(conn.execute("SELECT count(*) FROM sources").fetchone()[0])
        readings = int(conn.execute("SELECT count(*) FROM readings").fetchone()[0])
    state = "current" if revision == HEAD_REVISION else f"older, upgraded to {HEAD_REVISION} when opened"
    return CheckResult(
        path,
        Health.OK,
        f"{path}: {pragma} ok, schema {revision} ({state}), {sources or 0} sources, {readings or 0} readings.",
        revision,
        sources,
        readings,
    )


def _classify(path: Path, exc: sqlite3.Error) -> CheckResult:
    text = str(exc)
    lowered = text.lower()
    if "not a database" in lowered:
        return CheckResult(path, Health.NOT_DATABASE, f"{path} is not a database file ({text}).")
    if "malformed" in lowered or "corrupt" in lowered:
        return CheckResult(path, Health.DAMAGED, f"{path} is damaged ({text}).")
    return CheckResult(path, Health.UNREADABLE, _unreadable(path, exc))


def _unreadable(path: Path, exc: Exception) -> str:
    """The environment's cause (busy, read-only, full disk...) in words, else the error's own text."""
    from ..problems import describe

    return describe(exc, path) or f"{path} cannot be read ({exc})."
