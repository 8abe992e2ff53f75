"""Bring a database to the schema this version expects, backing the file up first.

Checking the version needs no Alembic: the stored revision is compared with ``HEAD_REVISION`` and
Alembic is imported only when there is something to migrate, which keeps start-up fast.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, inspect, text

from ..domain.errors import DatabaseOpenError, DatabaseTooNewError
from ..i18n import translate
from .backup_files import BEFORE_MIGRATION, write_backup
from .database import Database
from .revisions import HEAD_REVISION as HEAD_REVISION
from .revisions import REVISIONS as REVISIONS
from .writers import DatabaseDamagedError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The PostgreSQL advisory lock held while a database is upgraded ("hl" + 0).
_MIGRATION_LOCK = 0x686C00


@dataclass(frozen=True, slots=True)
class MigrationResult:
    previous: str | None
    current: str
    backup: Path | None
    #: What a migration changed in the data and the user should know (e.g. duplicates removed by 0004).
    notes: tuple[str, ...] = ()

    @property
    def migrated(self) -> bool:
        return self.previous != self.current


async def current_revision(db: Database) -> str | None:
    """The schema revision stored in the database; None for an empty one.

    A SQLite file is read through a plain connection that changes nothing (the engine's first
    connection would switch the file to WAL), so a file this version must refuse is left as it was.
    """
    path = db.sqlite_path
    if path is not None:
        return await asyncio.get_running_loop().run_in_executor(None, _read_sqlite_revision, path)
    async with db.engine.connect() as conn:
        return await conn.run_sync(_read_revision)


async def migrate(
    db: Database,
    backup_dir: Path | None = None,
    target: str = HEAD_REVISION,
    *,
    before_upgrade: Callable[[], Awaitable[None]] | None = None,
) -> MigrationResult:
    """Upgrade ``db`` to ``target``; back up an existing SQLite file first.

    Raises DatabaseTooNewError for a file written by a newer Home Log, and DatabaseOpenError for a
    file that is not a Home Log database. ``before_upgrade`` runs only when there is something to
    upgrade, before the backup (the app checks the file's integrity there: a damaged file is never
    written to).
    """
    path = db.sqlite_path
    if path is not None and path.is_file() and path.stat().st_size == 0:
        # Never a new database: SQLite leaves no file at 0 bytes once written (the data was cut short).
        raise DatabaseDamagedError(
            f"{path} is empty (0 bytes): the data it held is gone, perhaps cut short by a full disk. It was left "
            "as it is; restore a backup (homelog restore FILE, or File → Restore from Backup)."
        )
    previous = await current_revision(db)
    if previous == target:
        return MigrationResult(previous, target, None)
    if previous is not None and previous not in REVISIONS:
        raise DatabaseTooNewError(
            translate(
                "Database",
                "{name} was written by a newer version of Home Log (schema {schema}). Install the newest Home Log to"
                " open it; the file has not been changed.",
            ).format(name=db.display_name, schema=previous)
        )
    if before_upgrade is not None:
        await before_upgrade()
    backup = None
    if previous is not None and path is not None:
        backup_dir = backup_dir or path.parent / "backups"
        backup = await asyncio.get_running_loop().run_in_executor(None, backup_sqlite_file, path, backup_dir)
    # Alembic takes about half a second to import: not on the event loop (run_sync runs there).
    await asyncio.get_running_loop().run_in_executor(None, _import_alembic)
    async with db.engine.connect() as conn:
        driver: Any = None
        if db.is_sqlite:
            # Batch migrations rebuild a table (copy, DROP, rename); with foreign keys on, the DROP
            # would cascade and delete every metric, reading and value of the old table. The pragma
            # only works outside a transaction, so it is set on the driver connection before BEGIN.
            driver = (await conn.get_raw_connection()).driver_connection
            await driver.execute("PRAGMA foreign_keys=OFF")
        try:
            # Another program may be upgrading the same database right now (two `homelog import
            # --create` on a new database): one waits for the other (SQLite: BEGIN IMMEDIATE;
            # PostgreSQL: an advisory lock), then finds the schema up to date and does nothing.
            conn = await conn.execution_options(homelog_write=True)
            async with conn.begin():
                if not db.is_sqlite:
                    await conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                if await conn.run_sync(_read_revision) == target:
                    return MigrationResult(previous, target, backup)
                notes = await conn.run_sync(_upgrade, target)
                if db.is_sqlite:
                    broken = (await conn.exec_driver_sql("PRAGMA foreign_key_check")).all()
                    if broken:
                        raise DatabaseOpenError(
                            translate(
                                "Database",
                                "Upgrading {name} would break %Ln reference(s); the file has not been changed.",
                                None,
                                len(broken),
                            ).format(name=db.display_name)
                        )
        finally:
            if driver is not None:
                await driver.execute("PRAGMA foreign_keys=ON")
    return MigrationResult(previous, target, backup, tuple(notes))


def backup_sqlite_file(path: Path, backup_dir: Path, reason: str = BEFORE_MIGRATION) -> Path:
    """Copy a live SQLite file consistently (online backup API) to a new timestamped backup.

    Raises BackupError (the migration then does not run) when the backup cannot be written.
    """
    return write_backup(path, backup_dir, reason).path


def _read_revision(conn: Connection) -> str | None:
    inspector = inspect(conn)
    try:
        tables = set(inspector.get_table_names())
    except Exception as exc:  # sqlite3.DatabaseError: "file is not a database"
        if _environment_problem(exc):  # busy, read-only, a full disk: not a question of what the file is
            raise
        raise DatabaseOpenError(
            translate("Database", "This file is not a Home Log database ({reason}).").format(reason=exc)
        ) from exc
    if not _is_ours(tables):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if rows else None


def _read_sqlite_revision(path: Path) -> str | None:
    """``_read_revision`` for a SQLite file, reading only (runs in an executor)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(f"{path} cannot be opened ({exc}).") from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not _is_ours(tables):
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error as exc:  # "file is not a database", a damaged file
        if _environment_problem(exc):
            raise
        raise DatabaseOpenError(f"{path} is not a Home Log database ({exc}).") from exc
    finally:
        conn.close()


def _environment_problem(error: BaseException) -> bool:
    """A busy, read-only or full file: the file may be fine, and is not called "not a Home Log database"."""
    from ..problems import Kind, explain

    problem = explain(error)
    return problem is not None and problem.kind is not Kind.DAMAGED


def _is_ours(tables: set[str]) -> bool:
    """True if the schema has a revision; refuse a database with tables Home Log did not create."""
    if "alembic_version" in tables:
        return True
    if tables & {"sources", "readings"}:
        raise DatabaseOpenError(
            translate("Database", "This database has tables Home Log did not create; it was not opened.")
        )
    return False


def _import_alembic() -> None:
    import alembic.command
    import alembic.config  # noqa: F401


def _upgrade(conn: Connection, target: str) -> list[str]:
    """Run the migrations up to ``target``; returns the notes they left (``attributes["notes"]``)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    attributes: dict[str, Any] = config.attributes
    attributes["connection"] = conn
    notes: list[str] = []
    attributes["notes"] = notes
    command.upgrade(config, target)
    return notes
