"""Closing a Database lets go of its SQLite file for real: nothing of this process keeps it open.

The window's restore swaps the file right after closing the Database (db/swap.py needs the only
connection). A query cancelled between its ``execute`` and its ``fetchall`` used to leave its
connection open inside SQLite after ``close()`` (a "zombie" with its read lock, until the garbage
collector freed the cursor): the restore then found the file "in use by another program". These tests
keep the garbage collector off while they run, so nothing is freed behind their back.
"""

from __future__ import annotations

import asyncio
import gc
import random
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.backup_files import BackupError
from homelog_desktop.db.connections import OpenConnections, connection_class
from homelog_desktop.db.database import DatabaseClosedError
from homelog_desktop.db.swap import replace_database
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.conftest import T0, make_reading, make_source

TRIALS = 40


@pytest.fixture
def no_gc() -> Iterator[None]:
    """The garbage collector off: a connection stays open exactly as long as the code keeps it open."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _leave_wal(path: Path) -> str:
    """What a restore's swap first asks of the file: the only connection (journal_mode DELETE), or 'busy'."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        return str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc) or "busy" in str(exc), exc
        return "busy"
    finally:
        conn.close()


def _wal_file_with_rows(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(100)])
    conn.close()


@pytest.mark.parametrize("shortcut", [False, True], ids=["cursor", "connection.execute"])
def test_closing_connection_finishes_a_statement_left_half_read(no_gc, tmp_path, shortcut):
    """A cursor stepped but not finished, then close(): the file is free at once. (A plain sqlite3
    connection, the control, keeps the file until its cursor is freed.)"""
    path = tmp_path / "t.db"
    _wal_file_with_rows(path)

    def half_read(factory: Any) -> tuple[sqlite3.Connection, sqlite3.Cursor]:
        conn = sqlite3.connect(path, isolation_level=None, factory=factory)
        cursor = conn.execute("SELECT x FROM t") if shortcut else conn.cursor().execute("SELECT x FROM t")
        assert cursor.fetchone() == (0,)
        conn.close()
        return conn, cursor

    plain = half_read(sqlite3.Connection)
    assert _leave_wal(path) == "busy"  # the control: SQLite keeps a closed connection with a live statement
    del plain
    assert _leave_wal(path) == "delete"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()

    tracker = OpenConnections()
    kept = half_read(connection_class(tracker))
    assert _leave_wal(path) == "delete"
    assert tracker.count == 0 and tracker.wait_closed(0)
    del kept


def _fill(run: Callable[..., Any], db: Database, readings: int = 300) -> None:
    async def go() -> None:
        async with db.session() as session:
            source = await SourceRepository(session).add(make_source("House"))
            repo = ReadingRepository(session)
            for i in range(readings):
                await repo.add(source, make_reading(source, T0 + timedelta(days=i), str(i), str(i)))

    run(go())


@pytest.fixture
def staging(tmp_path: Path, migrated_template: Path) -> Path:
    """A file to swap in (a restore's checked copy)."""
    target = tmp_path / "staging.db"
    shutil.copyfile(migrated_template, target)
    return target


def test_close_after_cancelled_queries_leaves_the_file_free_for_the_swap(no_gc, run, db, db_path, staging):
    """Trials: reads in flight (counts and pages, several connections) cancelled at a random moment,
    then close(): the swap finds no connection of this process on the file."""
    _fill(run, db)
    run(db.dispose())
    rng = random.Random(10)
    kept: list[Any] = []
    for trial in range(TRIALS):
        database = Database(sqlite_url(db_path))

        async def read(database: Database = database) -> None:
            while True:
                async with database.session(readonly=True) as session:
                    [source] = await SourceRepository(session).all()
                    await ReadingRepository(session).count(source.id)
                    await ReadingRepository(session).page(source, 0, 50)

        async def trial_run(database: Database = database, steps: int = rng.randrange(0, 60)) -> list[Any]:
            tasks = [asyncio.ensure_future(read()) for _ in range(3)]
            for _ in range(steps):  # a random moment: some reads connecting, executing, fetching
                await asyncio.sleep(0)
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks)
            await database.close()
            return tasks

        # The cancelled tasks are kept, as the window's may be for a while (their errors, with the
        # frames of the cancelled queries, go to the error handler): what they hold must not matter.
        kept.append(run(trial_run()))
        assert database._connections.count == 0, f"trial {trial}"
        assert _leave_wal(db_path) == "delete", f"trial {trial}: the file is still open"
    shutil.copyfile(db_path, staging.with_name("before.db"))
    replace_database(staging, db_path)  # and the swap itself goes through


def test_close_waits_for_work_under_way_and_refuses_new_work(run, db, db_path, loop):
    """close() returns only after the units of work under way have ended; then every session is refused."""
    release = asyncio.Event()
    inside = asyncio.Event()

    async def saving() -> None:
        async with db.session() as session:
            inside.set()
            await release.wait()
            await SourceRepository(session).add(make_source("Typed"))

    async def go() -> None:
        save = asyncio.ensure_future(saving())
        await inside.wait()
        closing = asyncio.ensure_future(db.close())
        for _ in range(20):
            await asyncio.sleep(0)
        assert not closing.done()  # the save under way is not cut off
        release.set()
        await closing
        await save  # (it committed)
        with pytest.raises(DatabaseClosedError, match="nothing was read or written"):
            async with db.session(readonly=True):
                pass

    run(go())
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT name FROM sources").fetchall() == [("Typed",)]
    conn.close()
    assert _leave_wal(db_path) == "delete"


def test_a_file_reader_counts_until_its_thread_ends_even_when_cancelled(run, db, db_path):
    """read_file: cancelling the caller does not stop the thread, so close() waits for the thread."""
    started = threading.Event()
    finish = threading.Event()

    def reader(path: Path) -> int:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            cursor = conn.execute("SELECT count(*) FROM sources")
            started.set()
            finish.wait(30)
            return int(cursor.fetchone()[0])
        finally:
            conn.close()

    async def go() -> None:
        reading = asyncio.ensure_future(db.read_file(reader))
        assert await asyncio.get_running_loop().run_in_executor(None, started.wait, 30)
        reading.cancel()
        closing = asyncio.ensure_future(db.close())
        for _ in range(20):
            await asyncio.sleep(0)
        assert not closing.done()  # the thread still has the file open
        finish.set()
        await closing
        with pytest.raises(DatabaseClosedError):
            await db.read_file(reader)

    run(go())
    assert _leave_wal(db_path) == "delete"


@pytest.mark.parametrize("query", ["count", "page"])
def test_a_query_cancelled_while_it_executes_leaves_no_connection_behind(no_gc, run, db, db_path, query):
    """The window's case, made exact: the task is cancelled as its query is sent to the driver's
    thread, which runs it anyway (the cursor then holds a statement with a row ready); the task is
    kept (as a cancelled task is until its error is read). close(): the file is free."""
    from sqlalchemy import event

    _fill(run, db, readings=60)
    run(db.dispose())
    database = Database(sqlite_url(db_path))

    def cancel_me(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if ("count(" in statement) == (query == "count") and "reading" in statement:
            task = asyncio.current_task()
            assert task is not None
            task.cancel()

    async def read() -> None:
        async with database.session(readonly=True) as session:
            [source] = await SourceRepository(session).all()
            event.listen(database.engine.sync_engine, "before_cursor_execute", cancel_me)
            if query == "count":
                await ReadingRepository(session).count(source.id)
            else:
                await ReadingRepository(session).page(source, 0, 50)

    async def go() -> asyncio.Task[None]:
        task = asyncio.ensure_future(read())
        await asyncio.wait([task])
        assert task.cancelled()
        await database.close()
        return task

    kept = run(go())
    assert database._connections.count == 0
    assert _leave_wal(db_path) == "delete"
    del kept


def test_swap_refuses_while_another_program_has_the_file_open(db_path, staging, run, db):
    """The other side: a connection of another program (here a plain one, open in a read) still stops
    the swap, with "in use by another program", and nothing is changed."""
    run(db.close())
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM sources").fetchone()
    try:
        with pytest.raises(BackupError, match="in use by another program"):
            replace_database(staging, db_path)
    finally:
        other.close()
    assert staging.exists()
