"""The Database contract: one session per unit of work, committed once or rolled back, always closed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.db import Database
from homelog_desktop.db.database import BUSY_TIMEOUT_MS
from homelog_desktop.db.tables import SourceRow
from homelog_desktop.domain.entities import Member
from homelog_desktop.domain.errors import ValidationError
from homelog_desktop.repositories import MemberRepository, ReadingRepository, SourceRepository
from tests.conftest import T0, make_reading, make_source


async def count(db: Database, sql: str) -> int:
    """A raw ``SELECT count(*) ...`` on a fresh connection, outside any unit of work."""
    async with db.engine.connect() as conn:
        return int((await conn.execute(text(sql))).scalar_one())


@pytest.fixture
def transactions(db: Database) -> Iterator[dict[str, int]]:
    """Counts the commits and rollbacks the engine's connections perform."""
    counts = {"commit": 0, "rollback": 0}

    def on_commit(_conn: object) -> None:
        counts["commit"] += 1

    def on_rollback(_conn: object) -> None:
        counts["rollback"] += 1

    engine = db.engine.sync_engine
    event.listen(engine, "commit", on_commit)
    event.listen(engine, "rollback", on_rollback)
    yield counts
    event.remove(engine, "commit", on_commit)
    event.remove(engine, "rollback", on_rollback)


@pytest.fixture
def closes(monkeypatch: pytest.MonkeyPatch) -> list[AsyncSession]:
    """Records every AsyncSession that gets closed."""
    closed: list[AsyncSession] = []
    original = AsyncSession.close

    async def close(self: AsyncSession) -> None:
        closed.append(self)
        await original(self)

    monkeypatch.setattr(AsyncSession, "close", close)
    return closed


def test_session_commits_when_block_ends(run, db):
    """Leaving the block normally makes its writes visible to later sessions."""

    async def go() -> None:
        async with db.session() as s:
            await SourceRepository(s).add(make_source("Water"))
        async with db.session(readonly=True) as s:
            assert [src.name for src in await SourceRepository(s).all()] == ["Water"]

    run(go())
    assert run(count(db, "SELECT count(*) FROM sources")) == 1


@pytest.mark.parametrize(
    "error", [RuntimeError("boom"), ValidationError("Name", "bad"), asyncio.CancelledError()], ids=repr
)
def test_session_rolls_back_and_reraises(run, db, transactions, error):
    """Any exception in the block rolls everything back (nothing half-written) and propagates."""

    async def go() -> None:
        async with db.session() as s:
            source = await SourceRepository(s).add(make_source("Gas"))
            await ReadingRepository(s).add(source, make_reading(source, T0, "1.5"))
            raise error

    with pytest.raises(type(error)):
        run(go())
    assert run(count(db, "SELECT count(*) FROM sources")) == 0
    assert run(count(db, "SELECT count(*) FROM metrics")) == 0
    assert run(count(db, "SELECT count(*) FROM readings")) == 0
    assert transactions["commit"] == 0
    assert transactions["rollback"] >= 1


def test_session_commits_exactly_once_per_block(run, db, transactions):
    """A block with several repository calls and flushes commits exactly once."""

    async def go() -> None:
        async with db.session() as s:
            member = await MemberRepository(s).add(Member(None, "Ann", "ann@example.org"))
            source = await SourceRepository(s).add(make_source(owner_id=member.id))
            readings = ReadingRepository(s)
            for day in range(3):
                await readings.add(source, make_reading(source, T0.replace(day=T0.day + day), f"{day}"))
            await s.flush()

    run(go())
    assert transactions["commit"] == 1
    assert run(count(db, "SELECT count(*) FROM readings")) == 3


def test_session_readonly_never_commits(run, db, transactions):
    """A readonly session reads, never commits, and discards anything written in it."""

    async def go() -> None:
        async with db.session(readonly=True) as s:
            await SourceRepository(s).all()
            s.add(SourceRow(name="Sneaky", description="", is_public=False, created_at=0, updated_at=0))
            await s.flush()

    run(go())
    assert transactions["commit"] == 0
    assert run(count(db, "SELECT count(*) FROM sources")) == 0


@pytest.mark.parametrize("readonly", [False, True])
@pytest.mark.parametrize("fails", [False, True])
def test_session_is_always_closed(run, db, closes, readonly, fails):
    """The session is closed and its connection returned to the pool, on success and on error."""
    seen: list[AsyncSession] = []

    async def go() -> None:
        async with db.session(readonly=readonly) as s:
            seen.append(s)
            await s.execute(select(SourceRow.id))
            if fails:
                raise RuntimeError("boom")

    if fails:
        with pytest.raises(RuntimeError):
            run(go())
    else:
        run(go())
    assert closes == seen
    assert not seen[0].in_transaction()
    assert db.engine.sync_engine.pool.checkedout() == 0


def test_session_concurrent_writes_are_serialised(run, db):
    """Two write units started together run one after the other, and both land."""
    log: list[str] = []

    async def write(name: str) -> None:
        async with db.session() as s:
            log.append(f"start {name}")
            sources = SourceRepository(s)
            source = await sources.add(make_source(name))
            await ReadingRepository(s).add(source, make_reading(source, T0, "1"))
            await sources.count_readings(source.id)  # more awaits for the other task to barge in
            log.append(f"end {name}")

    run(asyncio.gather(write("A"), write("B")))
    assert log == ["start A", "end A", "start B", "end B"]
    assert run(count(db, "SELECT count(*) FROM sources")) == 2
    assert run(count(db, "SELECT count(*) FROM readings")) == 2


def test_session_reads_are_not_blocked_by_a_writer(run, db):
    """A readonly session can run while a write unit is open (it sees the last committed state)."""

    async def go() -> int:
        async with db.session() as s:
            await SourceRepository(s).add(make_source("Water"))
            async with db.session(readonly=True) as r:
                return len(await SourceRepository(r).all())

    assert run(go()) == 0
    assert run(count(db, "SELECT count(*) FROM sources")) == 1


def test_session_sqlite_connection_settings(run, db):
    """SQLite connections enforce foreign keys, use WAL and wait for other writers."""

    async def go() -> tuple[int, str, int]:
        async with db.session(readonly=True) as s:
            fk = (await s.execute(text("PRAGMA foreign_keys"))).scalar_one()
            journal = (await s.execute(text("PRAGMA journal_mode"))).scalar_one()
            timeout = (await s.execute(text("PRAGMA busy_timeout"))).scalar_one()
            return fk, journal, timeout

    fk, journal, timeout = run(go())
    assert fk == 1
    assert journal == "wal"
    assert timeout > 0 and timeout == BUSY_TIMEOUT_MS


# -- ON DELETE CASCADE / SET NULL ----------------------------------------------------------------


def test_delete_source_cascades_to_metrics_readings_and_values(run, db, add_source):
    """Deleting a source removes its metrics, readings and values, and nothing of another source."""
    source = add_source("Electricity")
    other = add_source("Water")

    async def go() -> None:
        async with db.session() as s:
            readings = ReadingRepository(s)
            for src in (source, other):
                await readings.add(src, make_reading(src, T0, "1.5", "2.5"))
                await readings.add(src, make_reading(src, T0.replace(day=7), "3.5"))
        async with db.session() as s:
            await SourceRepository(s).delete(source.id)

    run(go())
    assert run(count(db, f"SELECT count(*) FROM metrics WHERE source_id = {source.id}")) == 0
    assert run(count(db, f"SELECT count(*) FROM readings WHERE source_id = {source.id}")) == 0
    ids = ", ".join(str(m.id) for m in source.metrics)
    assert run(count(db, f"SELECT count(*) FROM reading_values WHERE metric_id IN ({ids})")) == 0
    assert run(count(db, "SELECT count(*) FROM sources")) == 1
    assert run(count(db, "SELECT count(*) FROM metrics")) == 2
    assert run(count(db, "SELECT count(*) FROM readings")) == 2
    assert run(count(db, "SELECT count(*) FROM reading_values")) == 3


def test_delete_metric_cascades_to_its_values(run, db, add_source):
    """Removing a metric from a source removes its values and keeps the other metric's."""
    source = add_source()
    day, night = source.metrics

    async def go() -> None:
        async with db.session() as s:
            await ReadingRepository(s).add(source, make_reading(source, T0, "1.5", "2.5"))
        async with db.session() as s:
            await SourceRepository(s).update(replace(source, metrics=(day,)))

    run(go())
    assert run(count(db, f"SELECT count(*) FROM metrics WHERE id = {night.id}")) == 0
    assert run(count(db, f"SELECT count(*) FROM reading_values WHERE metric_id = {night.id}")) == 0
    assert run(count(db, f"SELECT count(*) FROM reading_values WHERE metric_id = {day.id}")) == 1
    assert run(count(db, "SELECT count(*) FROM readings")) == 1


def test_delete_member_clears_owner_and_entered_by(run, db, add_member, add_source):
    """Deleting a member keeps their sources and readings, with owner and author set to NULL."""
    ann = add_member("Ann")
    source = add_source(owner_id=ann.id)

    async def go() -> None:
        async with db.session() as s:
            await ReadingRepository(s).add(source, make_reading(source, T0, "1.5", entered_by=ann.id))
        async with db.session() as s:
            await MemberRepository(s).delete(ann.id)

    run(go())
    assert run(count(db, "SELECT count(*) FROM members")) == 0
    assert run(count(db, "SELECT count(*) FROM sources WHERE owner_id IS NULL")) == 1
    assert run(count(db, "SELECT count(*) FROM readings WHERE entered_by IS NULL")) == 1
    assert run(count(db, "SELECT count(*) FROM reading_values")) == 1


def test_foreign_keys_refuse_orphans(run, db):
    """A value for a reading that does not exist is refused by the database itself."""

    async def go() -> None:
        async with db.session() as s:
            await s.execute(text("INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES (99, 99, 0, 1)"))

    with pytest.raises(Exception, match=r"(?i)foreign key"):
        run(go())
    assert run(count(db, "SELECT count(*) FROM reading_values")) == 0
