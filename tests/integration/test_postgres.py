"""The same Database, migrations and repositories against a real PostgreSQL server.

The server comes from HOMELOG_TEST_PG_URL (default: postgres with trust auth on 127.0.0.1:5432).
One migrated database serves the run (its tables are emptied before each test); the migration
tests get new empty databases. All are uniquely named and dropped afterwards. Without a server
the tests are skipped, unless HOMELOG_REQUIRE_PG=1 (as in CI), where they fail instead.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import text

from homelog_desktop.db import Database
from homelog_desktop.db.migrate import HEAD_REVISION, current_revision, migrate
from homelog_desktop.domain.errors import DatabaseTooNewError
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.integration import test_database as database_tests
from tests.integration import test_migrations as migration_tests
from tests.integration import test_repositories as repository_tests
from tests.integration.test_repositories import act  # noqa: F401  (fixture used by the shared tests)
from tests.postgres import TABLES, create_database, drop_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="session")
def pg_migrated_url(pg_server: None) -> Iterator[str]:
    """One migrated database for the whole run (emptied before each test); dropped at the end."""
    url = asyncio.run(create_database(migrated=True))
    yield url
    asyncio.run(drop_database(url))


@pytest.fixture
def pg_url(run: Callable[..., Any], pg_server: None) -> Iterator[str]:
    """The URL of a new, empty database; dropped at the end (for the migration tests)."""
    url = run(create_database(migrated=False))
    yield url
    run(drop_database(url))


@pytest.fixture
def db(run: Callable[..., Any], pg_migrated_url: str) -> Iterator[Database]:
    """The migrated database with empty tables and ids from 1 (replaces the SQLite ``db`` here)."""
    database = Database(pg_migrated_url)

    async def empty() -> None:
        async with database.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))

    run(empty())
    yield database
    run(database.dispose())


# -- the shared contract, run here on PostgreSQL ---------------------------------------------------

SHARED = {
    database_tests: [
        "test_session_commits_when_block_ends",
        "test_session_rolls_back_and_reraises",
        "test_session_commits_exactly_once_per_block",
        "test_session_readonly_never_commits",
        "test_session_is_always_closed",
        "test_session_concurrent_writes_are_serialised",
        "test_session_reads_are_not_blocked_by_a_writer",
        "test_delete_source_cascades_to_metrics_readings_and_values",
        "test_delete_metric_cascades_to_its_values",
        "test_delete_member_clears_owner_and_entered_by",
        "test_foreign_keys_refuse_orphans",
    ],
    migration_tests: ["test_migrated_schema_matches_tables", "test_migrate_up_to_date_does_nothing"],
    # All of them but those that reach into the SQLite file.
    repository_tests: [
        name
        for name, test in vars(repository_tests).items()
        if name.startswith("test_") and "db_path" not in inspect.signature(test).parameters
    ],
}
for _module, _names in SHARED.items():
    for _name in _names:
        globals()[_name] = getattr(_module, _name)
# These fixtures come from the shared modules; the db above replaces the SQLite one they would use.
transactions = database_tests.transactions
closes = database_tests.closes


@pytest.fixture
def db_path(tmp_path):
    """No file on PostgreSQL: tests that check for a backups folder look in an empty temp folder."""
    return tmp_path / "not-a-file"


# -- PostgreSQL-only checks ------------------------------------------------------------------------


def test_postgres_migrate_empty_database_to_head(run, pg_url):
    """An empty PostgreSQL database is migrated to the head schema, with no backup (not a file)."""
    database = Database(pg_url)
    try:
        result = run(migrate(database))
        assert (result.previous, result.current, result.backup) == (None, HEAD_REVISION, None)
        assert run(current_revision(database)) == HEAD_REVISION
        assert migration_tests.schema_differences(database, run) == []
    finally:
        run(database.dispose())


def test_postgres_migrate_from_previous_revision_keeps_data(run, pg_url):
    """A 0001 database with data is upgraded in place with every row kept."""
    database = Database(pg_url)
    try:
        run(migrate(database, target="0001"))

        async def seed() -> None:
            async with database.engine.begin() as conn:
                for sql in migration_tests.SEED_0001:
                    await conn.execute(text(sql))

        run(seed())
        result = run(migrate(database))
        assert (result.previous, result.current, result.backup) == ("0001", HEAD_REVISION, None)

        async def read() -> tuple[Any, Any]:
            async with database.session(readonly=True) as s:
                source = await SourceRepository(s).get(1)
                return source, await ReadingRepository(s).page(source, 0, 10)

        source, lines = run(read())
        assert (source.name, source.is_public, source.archived) == ("Electricity", True, False)
        assert [{k: str(v) for k, v in line.reading.values.items()} for line in lines] == [
            {1: "12345.6", 2: "999.001"},
            {1: "12400.1"},
        ]
        assert migration_tests.schema_differences(database, run) == []
    finally:
        run(database.dispose())


def test_postgres_refuses_newer_schema(run, pg_url):
    """A database stamped with an unknown revision is refused and its revision left as it was."""
    database = Database(pg_url)
    try:
        run(migrate(database))

        async def stamp() -> None:
            async with database.engine.begin() as conn:
                await conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))

        run(stamp())
        with pytest.raises(DatabaseTooNewError, match="9999"):
            run(migrate(database))

        async def revision() -> str:
            async with database.engine.connect() as conn:
                return str((await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one())

        assert run(revision()) == "9999"
    finally:
        run(database.dispose())
