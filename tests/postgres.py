"""A PostgreSQL server for the tests that need one: scratch databases created and dropped per use.

The server comes from HOMELOG_TEST_PG_URL (default: postgres with trust auth on 127.0.0.1:5432).
Without a reachable server the tests that need it are skipped, unless HOMELOG_REQUIRE_PG=1 (as in
CI), where they fail instead.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from homelog_desktop.db import Database
from homelog_desktop.db.migrate import migrate

TABLES = "members, sources, metrics, readings, reading_values"

PG_URL = os.environ.get("HOMELOG_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


TABLES = "members, sources, metrics, readings, reading_values"


async def admin_connection() -> Any:
    """A plain asyncpg connection to the server's "postgres" database (to create and drop ours)."""
    import asyncpg

    url = make_url(PG_URL).set(drivername="postgresql", database="postgres")
    return await asyncpg.connect(url.render_as_string(hide_password=False), timeout=5)


async def create_database(migrated: bool) -> str:
    """Create a uniquely named database (migrated to the head if asked) and return its URL."""
    admin = await admin_connection()
    try:
        name = f"homelog_test_{uuid.uuid4().hex[:12]}"
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    if migrated:
        database = Database(url)
        try:
            await migrate(database)
        finally:
            await database.dispose()
    return url


async def drop_database(url: str) -> None:
    admin = await admin_connection()
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
def pg_server() -> None:
    """Skip (or, with HOMELOG_REQUIRE_PG=1, fail) when the test server cannot be reached."""

    async def probe() -> None:
        await (await admin_connection()).close()

    try:
        asyncio.run(probe())
    except Exception as exc:  # refused, timed out, unknown host, no asyncpg: all mean "no server"
        reason = f"PostgreSQL at {make_url(PG_URL).render_as_string()} is not reachable: {exc!r}"
        if os.environ.get("HOMELOG_REQUIRE_PG") == "1":
            pytest.fail(reason + " (HOMELOG_REQUIRE_PG=1)")
        pytest.skip(reason)
