"""PatientWriter against a real lock held by another connection: it keeps trying past SQLite's busy
timeout, says when it waits, writes once the lock is free, and Cancel writes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from homelog_desktop.db import Database, database, sqlite_url
from homelog_desktop.db.busy import is_write_locked
from homelog_desktop.services.writing import PatientWriter, WriteCancelledError


@pytest.fixture
def quick_db(monkeypatch, run, db, db_path: Path):
    """The test database with a busy timeout of 50 ms, so that SQLite gives up (and the writer retries) quickly."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    quick = Database(sqlite_url(db_path))
    yield quick
    run(quick.dispose())


@pytest.fixture
def lock(db_path: Path):
    """Another connection holding the write lock (BEGIN IMMEDIATE) until the test releases it."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def members(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [name for (name,) in conn.execute("SELECT name FROM members ORDER BY name")]
    finally:
        conn.close()


async def insert(session, name: str = "Ann") -> str:
    await session.execute(text("INSERT INTO members (name, created_at) VALUES (:name, 0)"), {"name": name})
    return name


def test_patient_writer_retries_past_the_busy_timeout_and_writes_when_free(qtbot, loop, quick_db, lock, db_path):
    """SQLite gives up after its busy timeout; the writer tries again, says it waits, and writes once released."""
    seen: list[bool] = []
    writer = PatientWriter(quick_db, seen.append, notice_after=0)
    task = loop.create_task(writer.run(insert))
    qtbot.waitUntil(lambda: writer.attempts >= 3, timeout=30_000)
    assert seen == [True] and not task.done()
    lock.execute("COMMIT")
    qtbot.waitUntil(task.done, timeout=30_000)
    assert task.result() == "Ann"
    assert seen == [True, False]
    assert members(db_path) == ["Ann"]


def test_patient_writer_cancel_writes_nothing(qtbot, loop, quick_db, lock, db_path):
    """Cancel while waiting raises WriteCancelledError; the work never runs, even after the lock is released."""
    seen: list[bool] = []
    writer = PatientWriter(quick_db, seen.append, notice_after=0)
    task = loop.create_task(writer.run(insert))
    qtbot.waitUntil(lambda: seen == [True], timeout=30_000)
    writer.cancel()
    qtbot.waitUntil(task.done, timeout=30_000)
    with pytest.raises(WriteCancelledError):
        task.result()
    assert seen == [True, False]
    lock.execute("COMMIT")
    qtbot.waitUntil(lambda: not writer._abandoned, timeout=30_000)
    assert members(db_path) == []


def test_patient_writer_other_errors_are_not_waited_on(run, quick_db, db_path):
    """A failure that is not the write lock propagates at once (one attempt) and writes nothing."""
    writer = PatientWriter(quick_db, lambda _waiting: None)

    async def broken(session):
        await insert(session)
        await session.execute(text("INSERT INTO no_such_table VALUES (1)"))

    with pytest.raises(Exception) as caught:
        run(writer.run(broken))
    assert not is_write_locked(caught.value)
    assert writer.attempts == 1
    assert members(db_path) == []


def test_is_write_locked_recognises_sqlite_giving_up(run, quick_db, lock):
    """The error SQLite raises when another connection keeps the write lock is recognised as such."""

    async def attempt():
        async with quick_db.session():
            pass

    with pytest.raises(Exception) as caught:
        run(attempt())
    assert is_write_locked(caught.value)
    assert not is_write_locked(ValueError("database is locked"))
