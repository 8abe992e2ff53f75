"""run_import against a real PostgreSQL server: asyncpg's executemany inside the one transaction.

The server comes from HOMELOG_TEST_PG_URL (see tests/postgres.py); without one these tests are
skipped (or fail with HOMELOG_REQUIRE_PG=1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text

from homelog_desktop.db import Database
from homelog_desktop.services.importing import (
    CancelToken,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportPlan,
    detect,
    new_source_for,
    run_import,
    suggest_mapping,
)
from homelog_desktop.services.importing import run as run_module
from tests.integration.test_import_files import stored
from tests.integration.test_import_run import big_csv, write
from tests.postgres import create_database, drop_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db(run: Callable[..., Any], pg_server: None) -> Iterator[Database]:
    url = run(create_database(migrated=True))
    database = Database(url)
    yield database
    run(database.dispose())
    run(drop_database(url))


def counts(run, db) -> tuple[int, ...]:
    async def go():
        found = []
        async with db.engine.connect() as conn:
            for table in ("sources", "metrics", "readings", "reading_values"):
                found.append((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())
        return tuple(found)

    return run(go())


def test_import_postgres_stores_values_and_skips_duplicates(run, pg_db, tmp_path):
    """A new source and its readings on PostgreSQL; importing again skips every row as a duplicate."""
    path = write(
        tmp_path / "in.csv", "Date,Day (kWh),Night (kWh)\n2024-01-01T06:00Z,100.5,50\n2024-01-02T06:00Z,101,\n"
    )
    detected = detect(path)
    source, mapping = new_source_for("House", detected)
    summary = run(run_import(pg_db, ImportPlan(path, detected.settings, source, mapping)))
    assert summary.imported == 2 and summary.source_created
    stored_source, rows = stored(run, pg_db, summary.source_id)
    assert rows == [
        (datetime(2024, 1, 1, 6, tzinfo=UTC), {"Day": Decimal("100.5"), "Night": Decimal("50")}, ""),
        (datetime(2024, 1, 2, 6, tzinfo=UTC), {"Day": Decimal("101.0")}, ""),
    ]
    again = ImportPlan(path, detected.settings, stored_source, suggest_mapping(detected, stored_source))
    summary = run(run_import(pg_db, again))
    assert (summary.imported, summary.skipped_duplicates) == (0, 2)
    summary = run(run_import(pg_db, replace(again, duplicates=DuplicatePolicy.REPLACE)))
    assert (summary.imported, summary.replaced) == (2, 2)
    assert counts(run, pg_db) == (1, 2, 2, 3)


def test_import_postgres_error_and_cancel_roll_back(run, pg_db, tmp_path, monkeypatch):
    """An invalid row after many stored chunks, or a cancel, leaves the PostgreSQL database as it was."""
    monkeypatch.setattr(run_module, "FIRST_CHUNK", 1_000)
    monkeypatch.setattr(run_module, "MAX_CHUNK", 1_000)
    before = counts(run, pg_db)
    path = big_csv(tmp_path / "bad.csv", 6_000, bad_line=5_500)
    detected = detect(path)
    source, mapping = new_source_for("House", detected)
    with pytest.raises(ImportFileError, match="line 5500"):
        run(run_import(pg_db, ImportPlan(path, detected.settings, source, mapping)))
    assert counts(run, pg_db) == before
    good = big_csv(tmp_path / "good.csv", 6_000)
    token = CancelToken()

    def progress(p) -> None:
        if p.imported >= 2_000:
            token.cancel()

    with pytest.raises(ImportCancelledError):
        run(run_import(pg_db, ImportPlan(good, detected.settings, source, mapping), progress, token))
    assert counts(run, pg_db) == before
    summary = run(run_import(pg_db, ImportPlan(good, detected.settings, source, mapping)))
    assert summary.imported == 6_000
    assert counts(run, pg_db) == (1, 2, 6_000, 12_000)


def test_import_postgres_reading_stored_meanwhile_is_a_clear_error(run, pg_db, tmp_path):
    """A reading another client commits at a row's time during the import: a clear error, the import rolled back."""
    import asyncio

    import asyncpg

    from homelog_desktop.domain.errors import HomeLogError

    first = write(tmp_path / "first.csv", "Date,Day\n2024-01-01T06:00Z,100.5\n")
    detected = detect(first)
    source, mapping = new_source_for("House", detected)
    created = run(run_import(pg_db, ImportPlan(first, detected.settings, source, mapping)))
    stored_source, _rows = stored(run, pg_db, created.source_id)
    second = write(tmp_path / "second.csv", "Date,Day\n2024-01-02T06:00Z,101.5\n2024-01-03T06:00Z,102.5\n")
    plan = ImportPlan(second, detected.settings, stored_source, suggest_mapping(detect(second), stored_source))
    dsn = pg_db.url.set(drivername="postgresql").render_as_string(hide_password=False)
    at = int(datetime(2024, 1, 2, 6, tzinfo=UTC).timestamp())

    async def scenario() -> HomeLogError:
        other = await asyncpg.connect(dsn)
        watcher = await asyncpg.connect(dsn)
        try:
            typed = other.transaction()
            await typed.start()
            await other.execute(
                "INSERT INTO readings (source_id, ts, note, created_at, updated_at) VALUES ($1, $2, 'typed', 0, 0)",
                created.source_id,
                at,
            )
            task = asyncio.ensure_future(run_import(pg_db, plan))
            # The import's insert waits for the other transaction's row: the server sends no event for
            # that, so the condition is polled.
            while not task.done() and not await watcher.fetchval(  # noqa: ASYNC110
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            ):
                await asyncio.sleep(0.02)
            await typed.commit()
            with pytest.raises(HomeLogError) as caught:
                await task
            return caught.value
        finally:
            await other.close()
            await watcher.close()

    error = run(scenario())
    assert "Another program stored a reading" in str(error) and "Nothing was imported" in str(error)
    assert counts(run, pg_db) == (1, 1, 2, 1)  # sources, metrics, readings (first + typed), values


def test_import_postgres_long_file_sorted_by_register_merges_across_chunks(run, pg_db, tmp_path, monkeypatch):
    """A long file sorted by register, over several chunks: each time is one reading with both registers'
    values (the writer adds a later chunk's values to the readings it stored), also with replace."""
    monkeypatch.setattr(run_module, "FIRST_CHUNK", 1_000)
    lines = ["Time,Channel,Value"]
    for channel in ("Import", "Export"):
        lines += [f"2024-01-01T{h // 60:02d}:{h % 60:02d}:00Z,{channel},{h % 7}.25" for h in range(1_200)]
    path = write(tmp_path / "long.csv", "\n".join(lines) + "\n")
    detected = detect(path)
    assert detected.settings.registers == ("Import", "Export")
    source, mapping = new_source_for("Meter", detected)
    summary = run(run_import(pg_db, ImportPlan(path, detected.settings, source, mapping, columns=detected.columns)))
    assert summary.imported == 1_200 and summary.complete
    _source, rows = stored(run, pg_db, summary.source_id)
    assert rows[61] == (
        datetime(2024, 1, 1, 1, 1, tzinfo=UTC),
        {"Import": Decimal("5.25"), "Export": Decimal("5.25")},
        "",
    )
    assert counts(run, pg_db)[2:] == (1_200, 2_400)


def test_import_postgres_reads_next_chunk_while_storing_and_keeps_duplicate_rules(run, pg_db, tmp_path, monkeypatch):
    """On a server the next chunk is read while the server stores one; a file whose times come again in
    later chunks (out of order) still stores each time once and counts the rest as duplicates."""
    from homelog_desktop.repositories.bulk_readings import BulkReadingWriter

    monkeypatch.setattr(run_module, "FIRST_CHUNK", 500)
    monkeypatch.setattr(run_module, "MAX_CHUNK", 500)
    overlapped: list[bool] = []
    original = BulkReadingWriter.write

    async def watched(self, rows, metric_of, intervals=frozenset()):
        result = await original(self, rows, metric_of, intervals)
        overlapped.append(self.reads_while_writing)
        return result

    monkeypatch.setattr(BulkReadingWriter, "write", watched)
    lines = ["Date,Day"]
    hours = [*range(2_000), *range(0, 2_000, 4)]  # the second pass repeats every fourth time
    start = datetime(2024, 1, 1, tzinfo=UTC)
    from datetime import timedelta

    lines += [f"{(start + timedelta(hours=h)).isoformat()},{h}.5" for h in hours]
    path = write(tmp_path / "again.csv", "\n".join(lines) + "\n")
    detected = detect(path)
    source, mapping = new_source_for("House", detected)
    summary = run(run_import(pg_db, ImportPlan(path, detected.settings, source, mapping)))
    assert (summary.imported, summary.skipped_duplicates) == (2_000, 500)
    assert len(overlapped) >= 5 and all(overlapped)
    assert counts(run, pg_db) == (1, 1, 2_000, 2_000)
