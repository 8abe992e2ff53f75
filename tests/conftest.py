"""Shared fixtures: a qasync loop per test, a migrated database on a real SQLite file, factories."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import PySide6.QtWidgets  # noqa: F401  (import PySide6 before qasync so it picks PySide6)
import pytest
import qasync

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import Category, Member, Metric, MetricKind, Reading, Source
from homelog_desktop.domain.timeutil import to_epoch
from homelog_desktop.repositories import MemberRepository, ReadingRepository, SourceRepository
from tests.live_support import pg_database, restartable_server, two_pcs, two_pg_pcs  # noqa: F401  (fixtures)
from tests.pg_cluster import password_cluster  # noqa: F401  (a fixture for every test module)
from tests.postgres import pg_server  # noqa: F401  (a fixture for every test module)

#: A fixed "now" for tests that must not depend on the clock.
T0 = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


#: How long the loop fixture waits for the tasks a test left behind to finish their cancellation.
TEARDOWN_WAIT_S = 30


@pytest.fixture
def loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop that is also the running loop, so qtbot.waitUntil/waitSignal pump its tasks."""
    from homelog_desktop.views.gui_gc import install

    install(qapp)  # cyclic garbage collected on the GUI thread only, as in the app (views/gui_gc.py)
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    asyncio.events._set_running_loop(event_loop)
    try:
        yield event_loop
    finally:
        asyncio.events._set_running_loop(None)
        pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
        for task in pending:
            task.cancel()
        stuck: set[asyncio.Task[Any]] = set()
        if pending:
            # Bounded: a task that ignores its cancellation fails this test with where it waits,
            # instead of hanging the whole run until pytest-timeout kills it.
            _done, stuck = event_loop.run_until_complete(asyncio.wait(pending, timeout=TEARDOWN_WAIT_S))
        event_loop.run_until_complete(event_loop.shutdown_asyncgens())
        if stuck:
            where = "\n".join(f"{task!r}: {task.get_stack(limit=8)}" for task in stuck)
            raise AssertionError(f"tasks still running {TEARDOWN_WAIT_S} s after they were cancelled:\n{where}")
        event_loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def run(loop: asyncio.AbstractEventLoop) -> Callable[[Coroutine[Any, Any, Any]], Any]:
    """Run a coroutine to completion on the test's loop."""

    def runner(coro: Coroutine[Any, Any, Any]) -> Any:
        asyncio.events._set_running_loop(None)
        try:
            return loop.run_until_complete(coro)
        finally:
            asyncio.events._set_running_loop(loop)

    return runner


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "homelog.db"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file migrated once per run: copying it is ~25x faster than migrating per test."""
    path = tmp_path_factory.mktemp("template") / "homelog.db"

    async def build() -> None:
        database = Database(sqlite_url(path))
        try:
            await migrate(database)
        finally:
            await database.dispose()  # checkpoints the WAL into the file, so one file is all of it

    asyncio.run(build())
    return path


@pytest.fixture
def db(run: Callable[..., Any], db_path: Path, migrated_template: Path) -> Iterator[Database]:
    """A migrated database on a real SQLite file."""
    shutil.copyfile(migrated_template, db_path)
    database = Database(sqlite_url(db_path))
    run(migrate(database))  # already at the head: only checks the revision
    yield database
    run(database.dispose())


def make_source(name: str = "Electricity", **overrides: Any) -> Source:
    """A two-register electricity meter unless overridden."""
    fields: dict[str, Any] = {
        "id": None,
        "name": name,
        "category": Category.ELECTRICITY,
        "interval_days": 7,
        "metrics": (
            Metric(None, "Day", "kWh", MetricKind.COUNTER, decimals=1),
            Metric(None, "Night", "kWh", MetricKind.COUNTER, decimals=1),
        ),
    }
    fields.update(overrides)
    return Source(**fields)


def make_reading(source: Source, at: datetime = T0, *values: str | None, **overrides: Any) -> Reading:
    """A reading of ``source``; ``values`` are given in metric order, None leaves a metric empty."""
    assert source.id is not None
    mapping = {m.id: Decimal(v) for m, v in zip(source.metrics, values, strict=False) if v is not None}
    fields: dict[str, Any] = {"id": None, "source_id": source.id, "timestamp": at, "values": mapping}
    fields.update(overrides)
    return Reading(**fields)


@pytest.fixture
def add_source(run: Callable[..., Any], db: Database) -> Callable[..., Source]:
    def factory(name: str = "Electricity", **overrides: Any) -> Source:
        async def go() -> Source:
            async with db.session() as session:
                return await SourceRepository(session).add(make_source(name, **overrides))

        return run(go())  # type: ignore[no-any-return]

    return factory


@pytest.fixture
def add_member(run: Callable[..., Any], db: Database) -> Callable[..., Member]:
    def factory(name: str = "Ann", email: str | None = None) -> Member:
        async def go() -> Member:
            async with db.session() as session:
                return await MemberRepository(session).add(Member(None, name, email))

        return run(go())  # type: ignore[no-any-return]

    return factory


@pytest.fixture
def store(run: Callable[..., Any], db: Database) -> Callable[..., list[Reading]]:
    """Store readings of a source through the repository (behind any window's back)."""

    def add(source: Source, *readings: Reading) -> list[Reading]:
        async def go() -> list[Reading]:
            async with db.session() as session:
                return [await ReadingRepository(session).add(source, r) for r in readings]

        return run(go())  # type: ignore[no-any-return]

    return add


@pytest.fixture
def stored_readings(run: Callable[..., Any], db: Database) -> Callable[[Source], list[Reading]]:
    """The readings of a source in the database, oldest first."""

    def fetch(source: Source) -> list[Reading]:
        async def go() -> list[Reading]:
            async with db.session(readonly=True) as session:
                return [line.reading for line in await ReadingRepository(session).page(source, 0, 10_000)]

        return run(go())  # type: ignore[no-any-return]

    return fetch


@pytest.fixture
def stored_sources(run: Callable[..., Any], db: Database) -> Callable[[], list[Source]]:
    """Every source in the database, as the repository returns them."""

    def fetch() -> list[Source]:
        async def go() -> list[Source]:
            async with db.session(readonly=True) as session:
                return await SourceRepository(session).all()

        return run(go())  # type: ignore[no-any-return]

    return fetch


@pytest.fixture
def stored_members(run: Callable[..., Any], db: Database) -> Callable[[], list[Member]]:
    """Every member in the database, as the repository returns them."""

    def fetch() -> list[Member]:
        async def go() -> list[Member]:
            async with db.session(readonly=True) as session:
                return await MemberRepository(session).all()

        return run(go())  # type: ignore[no-any-return]

    return fetch


def seed_readings(
    path: Path, source: Source, n: int, *, start: datetime = T0, step: timedelta = timedelta(hours=1)
) -> None:
    """Insert ``n`` readings of ``source`` straight through sqlite3 (fast: for big-table tests).

    Counters rise by 0.5 per reading; every metric gets a value.
    """
    assert source.id is not None
    conn = sqlite3.connect(path)
    try:
        with conn:
            first = conn.execute("SELECT coalesce(max(id), 0) FROM readings").fetchone()[0] + 1
            t0 = to_epoch(start)
            dt = int(step.total_seconds())
            conn.executemany(
                "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, created_at, updated_at)"
                " VALUES (?, ?, ?, '', 0, 0, ?, ?)",
                ((first + i, source.id, t0 + i * dt, t0, t0) for i in range(n)),
            )
            for metric in source.metrics:
                conn.executemany(
                    "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES (?, ?, ?, ?)",
                    ((first + i, metric.id, t0 + i * dt, 1000 + i * 0.5) for i in range(n)),
                )
    finally:
        conn.close()
