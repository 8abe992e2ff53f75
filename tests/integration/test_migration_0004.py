"""Migration 0004: readings stored twice are reported and resolved (the older kept), then made impossible."""

from __future__ import annotations

import logging
import sqlite3

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import HEAD_REVISION, migrate
from tests.postgres import create_database, drop_database
from tests.processes import homelog

#: A 0003 database holding what two concurrent imports left: readings 1 and 2 at one time, 3 and 4
#: at another (3 with a value 4 lacks), 5 alone, and 6 at reading 1's time but of another source.
SEED_0003 = [
    "INSERT INTO sources (id, name, description, owner_id, is_public, created_at, updated_at)"
    " VALUES (1, 'Electricity', '', NULL, FALSE, 1, 1), (2, 'Water', '', NULL, FALSE, 1, 1)",
    "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals, digits)"
    " VALUES (1, 1, 0, 'Day', 'kWh', 'counter', 1, NULL), (2, 1, 1, 'Night', 'kWh', 'counter', 1, NULL),"
    " (3, 2, 0, 'Water', 'm3', 'counter', 3, NULL)",
    "INSERT INTO readings (id, source_id, ts, note, created_at, updated_at) VALUES"
    " (1, 1, 1704067200, 'first', 1, 1), (2, 1, 1704067200, 'copy', 2, 2), (3, 1, 1704153600, '', 3, 3),"
    " (4, 1, 1704153600, 'copy', 4, 4), (5, 1, 1704240000, '', 5, 5), (6, 2, 1704067200, '', 6, 6)",
    "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES"
    " (1, 1, 1704067200, 10.5), (1, 2, 1704067200, 5.5), (2, 1, 1704067200, 10.5), (2, 2, 1704067200, 5.5),"
    " (3, 1, 1704153600, 11.5), (3, 2, 1704153600, 6.5), (4, 1, 1704153600, 11.5),"
    " (5, 1, 1704240000, 12.5), (6, 3, 1704067200, 1.25)",
]


async def seeded_0003(db: Database) -> None:
    await migrate(db, target="0003")
    async with db.engine.begin() as conn:
        for sql in SEED_0003:
            await conn.execute(text(sql))


async def stored(db: Database) -> tuple[list[tuple], list[tuple]]:
    async with db.engine.connect() as conn:
        readings = (await conn.execute(text("SELECT id, source_id, ts, note FROM readings ORDER BY id"))).all()
        values = (
            await conn.execute(text("SELECT reading_id, metric_id, value FROM reading_values ORDER BY 1, 2"))
        ).all()
    return [tuple(r) for r in readings], [tuple(v) for v in values]


async def insert_duplicate(db: Database) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO readings (source_id, ts, note, created_at, updated_at) VALUES (1, 1704240000, '', 9, 9)")
        )


def check_resolved(run, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="homelog_desktop.db.migrations"):
        result = run(migrate(db))
    assert result.current == HEAD_REVISION
    assert result.notes == (
        "2 readings stored twice at the same time were removed (2 of “Electricity”); "
        "the older reading of each time was kept",
    )
    logged = caplog.text
    assert (
        "removed reading 2 of “Electricity” at 2024-01-01T00:00:00+00:00 (Day=10.5, Night=5.5; note 'copy')" in logged
    )
    assert "removed reading 4 of “Electricity” at 2024-01-02T00:00:00+00:00 (Day=11.5; note 'copy')" in logged
    readings, values = run(stored(db))
    assert [r[0] for r in readings] == [1, 3, 5, 6]
    assert values == [(1, 1, 10.5), (1, 2, 5.5), (3, 1, 11.5), (3, 2, 6.5), (5, 1, 12.5), (6, 3, 1.25)]
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        run(insert_duplicate(db))


def test_migration_0004_keeps_the_older_of_duplicate_readings_on_sqlite(run, db_path, caplog):
    """A SQLite file with readings stored twice keeps the oldest of each time, logs and reports the rest."""
    db = Database(sqlite_url(db_path))
    try:
        run(seeded_0003(db))
        check_resolved(run, db, caplog)
        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()
    finally:
        run(db.dispose())


def test_migration_0004_keeps_the_older_of_duplicate_readings_on_postgresql(run, pg_server, caplog):
    """A PostgreSQL database with readings stored twice keeps the oldest of each time, logs and reports the rest."""
    url = run(create_database(migrated=False))
    db = Database(url)
    try:
        run(seeded_0003(db))
        check_resolved(run, db, caplog)
    finally:
        run(db.dispose())
        run(drop_database(url))


def test_migration_0004_reports_the_removed_duplicates_on_the_command_line(run, tmp_path):
    """``homelog`` opening a pre-0004 file with duplicates says how many readings it removed, and backs up first."""
    data = tmp_path / "data"
    data.mkdir()
    db = Database(sqlite_url(data / "homelog.db"))
    try:
        run(seeded_0003(db))
    finally:
        run(db.dispose())
    csv = tmp_path / "more.csv"
    csv.write_text("Time,Day,Night\n2024-01-04T00:00:00+00:00,13.5,7.5\n", encoding="utf-8")
    done = homelog(tmp_path, "import", str(csv), "--source", "Electricity", "--data-dir", str(data), TZ="UTC")
    assert done.returncode == 0, done.stderr
    assert (
        "note: 2 readings stored twice at the same time were removed (2 of “Electricity”); "
        "the older reading of each time was kept" in done.stderr
    )
    assert "Imported: 1 reading." in done.stdout
    backups = list((data / "backups").glob("*before-migration*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("SELECT count(*) FROM readings").fetchone() == (6,)
    finally:
        conn.close()
