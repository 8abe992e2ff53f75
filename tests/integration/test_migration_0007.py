"""Migration 0007: interval values get their period start, the previous reading's time, as they meant."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import text

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import HEAD_REVISION, migrate
from homelog_desktop.domain.consumption import Period
from homelog_desktop.services.reports import build_report
from tests.postgres import create_database, drop_database

JAN, FEB, MAR, APR = 1704067200, 1706745600, 1709251200, 1711929600  # 1 Jan/Feb/Mar/Apr 2024, 00:00 UTC
#: A 0006 database: an oil tank with deliveries (interval), a water counter read at the same times,
#: and a second interval metric whose values skip a reading (its start is its own previous value).
SEED_0006 = [
    "INSERT INTO sources (id, name, description, owner_id, is_public, created_at, updated_at)"
    " VALUES (1, 'Oil', '', NULL, FALSE, 1, 1)",
    "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals, digits)"
    " VALUES (1, 1, 0, 'Delivered', 'l', 'interval', 0, NULL), (2, 1, 1, 'Meter', 'l', 'counter', 0, NULL),"
    " (3, 1, 2, 'Bill', 'EUR', 'interval', 2, NULL)",
    "INSERT INTO readings (id, source_id, ts, note, created_at, updated_at) VALUES"
    f" (1, 1, {JAN}, '', 1, 1), (2, 1, {FEB}, '', 1, 1), (3, 1, {MAR}, '', 1, 1), (4, 1, {APR}, '', 1, 1)",
    "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES"
    f" (1, 1, {JAN}, 500), (2, 1, {FEB}, 310), (3, 1, {MAR}, 290), (4, 1, {APR}, 200),"
    f" (1, 2, {JAN}, 1000), (2, 2, {FEB}, 1310), (3, 2, {MAR}, 1600), (4, 2, {APR}, 1800),"
    f" (1, 3, {JAN}, 10), (2, 3, {FEB}, 20), (4, 3, {APR}, 30)",
]
UTC = ZoneInfo("UTC")


async def seeded_0006(db: Database) -> None:
    await migrate(db, target="0006")
    async with db.engine.begin() as conn:
        for sql in SEED_0006:
            await conn.execute(text(sql))


async def starts(db: Database) -> list[tuple[int, int, int | None]]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(text("SELECT metric_id, ts, start_ts FROM reading_values ORDER BY metric_id, ts"))
        return [(int(m), int(t), None if s is None else int(s)) for m, t, s in rows.all()]


def check_migrated(run, db: Database) -> None:
    result = run(migrate(db))
    assert result.current == HEAD_REVISION
    assert run(starts(db)) == [
        # Each interval value starts at its metric's previous value; the first has none (never counted).
        (1, JAN, None),
        (1, FEB, JAN),
        (1, MAR, FEB),
        (1, APR, MAR),
        # Counters keep no start.
        (2, JAN, None),
        (2, FEB, None),
        (2, MAR, None),
        (2, APR, None),
        # No value in March: April's amount runs since February, as it meant before.
        (3, JAN, None),
        (3, FEB, JAN),
        (3, APR, FEB),
    ]
    # The figures are what they were: the first delivery (no start) is not counted, the others are
    # their months' amounts.
    report = run(build_report(db, 1, 1, Period.MONTH, tz=UTC))
    assert [(r.start, r.consumption) for r in report.rows] == [
        (date(2024, 1, 1), 310),
        (date(2024, 2, 1), 290),
        (date(2024, 3, 1), 200),
    ]
    assert report.total_consumption == 800
    assert any("no known period start" in note for note in report.notes)


def test_migration_0007_gives_interval_values_the_previous_reading_as_start_on_sqlite(run, db_path):
    """On a SQLite file, existing interval values start at their metric's previous value; figures stay."""
    db = Database(sqlite_url(db_path))
    try:
        run(seeded_0006(db))
        check_migrated(run, db)
    finally:
        run(db.dispose())


def test_migration_0007_gives_interval_values_the_previous_reading_as_start_on_postgresql(run, pg_server):
    """The same migration on PostgreSQL."""
    url = run(create_database(migrated=False))
    db = Database(url)
    try:
        run(seeded_0006(db))
        check_migrated(run, db)
    finally:
        run(db.dispose())
        run(drop_database(url))
