"""Migrations: every path to the head schema keeps the data, backs the file up, or refuses safely."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import HEAD_REVISION, MIGRATIONS_DIR, REVISIONS, current_revision, migrate
from homelog_desktop.db.tables import Base
from homelog_desktop.db.writers import DatabaseDamagedError
from homelog_desktop.domain.entities import Category
from homelog_desktop.domain.errors import DatabaseOpenError, DatabaseTooNewError
from homelog_desktop.repositories import ReadingRepository, SourceRepository

#: What a 0001 database held: a member, a source with two metrics, two readings (one incomplete).
SEED_0001 = [
    "INSERT INTO members (id, name, email, created_at) VALUES (1, 'Ann', 'ann@example.org', 1700000000)",
    "INSERT INTO sources (id, name, description, owner_id, is_public, created_at, updated_at)"
    " VALUES (1, 'Electricity', 'House meter', 1, TRUE, 1700000000, 1700000000)",
    "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals, digits)"
    " VALUES (1, 1, 0, 'Day', 'kWh', 'counter', 1, 6), (2, 1, 1, 'Night', 'kWh', 'counter', 3, NULL)",
    "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at)"
    " VALUES (1, 1, 1736150400, 'first', 1, 1736150400, 1736150400),"
    " (2, 1, 1736755200, '', NULL, 1736755200, 1736755200)",
    "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
    " VALUES (1, 1, 1736150400, 12345.6), (1, 2, 1736150400, 999.001), (2, 1, 1736755200, 12400.1)",
]


def script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and mtime, and what else is in its folder."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def schema_differences(db: Database, run) -> list[object]:
    async def go() -> list[object]:
        async with db.engine.connect() as conn:
            return await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
            )

    return run(go())  # type: ignore[no-any-return]


@pytest.fixture
def fresh(run, db_path):
    """A Database on ``db_path`` that has not been migrated; disposed at the end."""
    databases: list[Database] = []

    def factory() -> Database:
        databases.append(Database(sqlite_url(db_path)))
        return databases[-1]

    yield factory
    for database in databases:
        run(database.dispose())


def test_revisions_agree_with_alembic():
    """REVISIONS lists Alembic's revisions oldest first and HEAD_REVISION is its only head."""
    scripts = script_directory()
    assert scripts.get_heads() == [HEAD_REVISION]
    oldest_first = [rev.revision for rev in reversed(list(scripts.walk_revisions()))]
    assert tuple(oldest_first) == REVISIONS


def test_migrate_new_file_to_head(run, db_path, fresh):
    """A file that does not exist yet becomes a head-schema database, with no backup."""
    db = fresh()
    result = run(migrate(db))
    assert (result.previous, result.current, result.backup) == (None, HEAD_REVISION, None)
    assert run(current_revision(db)) == HEAD_REVISION
    assert not (db_path.parent / "backups").exists()


def test_migrate_refuses_an_empty_file(run, db_path, fresh):
    """A 0-byte file is damaged (its data was cut short), never made into a new database; it is left as it is."""
    db_path.touch()
    db = fresh()
    with pytest.raises(DatabaseDamagedError, match=r"is empty \(0 bytes\)"):
        run(migrate(db))
    assert db_path.stat().st_size == 0
    assert not (db_path.parent / "backups").exists()


def test_migrated_schema_matches_tables(run, db):
    """The schema the migrations build is exactly what the ORM tables declare."""
    assert schema_differences(db, run) == []


def test_migrate_from_previous_revision_keeps_data_and_backs_up(run, db_path, fresh):
    """Upgrading a 0001 file keeps every row, fills new columns with defaults, and backs up first."""
    db = fresh()
    run(migrate(db, target="0001"))

    async def seed() -> None:
        async with db.engine.begin() as conn:
            for sql in SEED_0001:
                await conn.execute(text(sql))

    run(seed())
    result = run(migrate(db))
    assert (result.previous, result.current) == ("0001", HEAD_REVISION)

    # The backup: a timestamped, valid SQLite copy of the 0001 file with the data in it.
    assert result.backup is not None and result.backup.parent == db_path.parent / "backups"
    assert re.fullmatch(r"homelog-\d{8}T\d{6}Z-before-migration\.db", result.backup.name)
    backup = sqlite3.connect(result.backup)
    try:
        assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT count(*) FROM reading_values").fetchone() == (3,)
        assert backup.execute("SELECT name FROM sources").fetchall() == [("Electricity",)]
    finally:
        backup.close()

    async def read() -> tuple:
        async with db.session(readonly=True) as s:
            source = await SourceRepository(s).get(1)
            lines = await ReadingRepository(s).page(source, 0, 10)
            return source, lines

    source, lines = run(read())
    assert (source.name, source.description, source.owner_id, source.is_public) == (
        "Electricity",
        "House meter",
        1,
        True,
    )
    assert (source.category, source.archived, source.interval_days) == (Category.OTHER, False, None)
    assert [(m.name, m.decimals, m.digits) for m in source.metrics] == [("Day", 1, 6), ("Night", 3, None)]
    assert [{k: str(v) for k, v in line.reading.values.items()} for line in lines] == [
        {1: "12345.6", 2: "999.001"},
        {1: "12400.1"},
    ]
    assert [(line.reading.note, line.entered_by_name, line.reading.estimated) for line in lines] == [
        ("first", "Ann", False),
        ("", "", False),
    ]
    assert str(lines[1].consumption[1]) == "54.5"
    assert schema_differences(db, run) == []


def test_migrate_up_to_date_does_nothing(run, db, db_path):
    """Migrating a database that is already at the head changes nothing and makes no backup."""
    result = run(migrate(db))
    assert (result.previous, result.current, result.backup, result.migrated) == (
        HEAD_REVISION,
        HEAD_REVISION,
        None,
        False,
    )
    assert not (db_path.parent / "backups").exists()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_migrate_refuses_newer_database_untouched(run, db_path, fresh, journal_mode):
    """A file from a newer Home Log (unknown revision) is refused and left byte for byte as it was."""
    db = fresh()
    run(migrate(db))
    run(db.dispose())
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f"PRAGMA journal_mode={journal_mode}")
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    finally:
        conn.close()
    before = snapshot(db_path)

    newer = fresh()
    with pytest.raises(DatabaseTooNewError, match="9999"):
        run(migrate(newer))
    run(newer.dispose())
    assert snapshot(db_path) == before


def test_migrate_refuses_non_sqlite_file_untouched(run, db_path, fresh):
    """Random bytes are refused with DatabaseOpenError and not modified."""
    db_path.write_bytes(os.urandom(8192))
    before = snapshot(db_path)
    with pytest.raises(DatabaseOpenError):
        run(migrate(fresh()))
    assert snapshot(db_path) == before


def test_migrate_refuses_foreign_database(run, db_path, fresh):
    """A SQLite file with tables of its own named like ours is not taken over."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute("CREATE TABLE readings (x INTEGER)")
    finally:
        conn.close()
    with pytest.raises(DatabaseOpenError, match="did not create"):
        run(migrate(fresh()))
