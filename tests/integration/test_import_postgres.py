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
