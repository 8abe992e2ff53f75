"""The one SQL form of "sources this actor may see" selects exactly what ``can_view_source`` allows.

hypothesis draws households (members, sources with any owner, public flag and "members may add
readings" choice, ownerless ones too) and an actor of any role; SQLite (a real file) and, when a
test server is reachable, PostgreSQL select with ``visible_sources`` and the result is compared with
the pure policy, source by source.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, create_engine, delete, insert, select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from homelog_desktop.db.tables import Base, MemberRow, SourceRow
from homelog_desktop.domain.access import Actor, Role, SourceFacts, can_view_source
from homelog_desktop.repositories.access import visible_sources
from tests.postgres import PG_URL

MEMBERS = (1, 2, 3)

sources = st.lists(
    st.tuples(st.sampled_from((None, *MEMBERS)), st.booleans(), st.booleans()),
    max_size=12,
)
actors = st.builds(Actor, st.sampled_from(MEMBERS), st.sampled_from(Role))


def _check(conn: Connection, drawn: list[tuple[int | None, bool, bool]], actor: Actor | None) -> None:
    conn.execute(delete(SourceRow))
    rows = [
        {
            "id": i + 1,
            "name": f"s{i}",
            "description": "",
            "owner_id": owner,
            "is_public": public,
            "members_may_add_readings": may_add,
            "created_at": 0,
            "updated_at": 0,
        }
        for i, (owner, public, may_add) in enumerate(drawn)
    ]
    if rows:
        conn.execute(insert(SourceRow), rows)
    selected = set(conn.scalars(select(SourceRow.id).where(visible_sources(actor))))
    allowed = {
        i + 1
        for i, (owner, public, may_add) in enumerate(drawn)
        if actor is None or can_view_source(actor, SourceFacts(owner, public, may_add))
    }
    assert selected == allowed


def _seed_members(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    conn.execute(
        insert(MemberRow),
        [{"id": m, "name": f"m{m}", "created_at": 0, "updated_at": 0, "role": "member"} for m in MEMBERS],
    )


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("predicate") / "predicate.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        _seed_members(conn)
    yield engine
    engine.dispose()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=sources, actor=st.one_of(st.none(), actors))
def test_access_predicate_matches_the_policy_on_sqlite(sqlite_engine: Engine, drawn, actor) -> None:
    """On SQLite, the predicate selects exactly the sources can_view_source allows."""
    with sqlite_engine.begin() as conn:
        _check(conn, drawn, actor)


@pytest.fixture(scope="module")
def pg_schema(pg_server: None) -> Iterator[tuple[str, str]]:
    """A schema of its own on the test server (parallel runs do not collide), dropped afterwards."""
    schema = f"predicate_{uuid.uuid4().hex[:10]}"

    async def run(sql: str, *, seed: bool = False) -> None:
        engine = create_async_engine(PG_URL, poolclass=NullPool)
        try:
            async with engine.begin() as conn:
                await conn.exec_driver_sql(sql)
                if seed:
                    await conn.exec_driver_sql(f"SET LOCAL search_path = {schema}")
                    await conn.run_sync(_seed_members)
        finally:
            await engine.dispose()

    asyncio.run(run(f"CREATE SCHEMA {schema}", seed=True))
    try:
        yield PG_URL, schema
    finally:
        asyncio.run(run(f"DROP SCHEMA {schema} CASCADE"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=sources, actor=st.one_of(st.none(), actors))
def test_access_predicate_matches_the_policy_on_postgresql(pg_schema: tuple[str, str], drawn, actor) -> None:
    """On PostgreSQL too (booleans and NULL owners behave as on SQLite)."""
    url, schema = pg_schema

    async def check() -> None:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.begin() as conn:
                await conn.exec_driver_sql(f"SET LOCAL search_path = {schema}")
                await conn.run_sync(_check, drawn, actor)
        finally:
            await engine.dispose()

    asyncio.run(check())
