"""The Database: owner of the async engine and of the one way in, ``session()``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from ..config import sqlite_url as sqlite_url  # re-exported: db.sqlite_url
from ..domain.access import Actor
from ..domain.errors import DatabaseClosedError, HomeLogError, ServerUnavailableError
from ..i18n import translate
from ..problems import Kind, explain
from .connections import OpenConnections, connection_class
from .connections import connect as connect_driver
from .writers import WriteGuard

log = logging.getLogger("homelog")

#: Milliseconds a connection waits for another writer (another window, the CLI) before failing.
BUSY_TIMEOUT_MS = 15_000
_WRITE_OPTION = "homelog_write"
#: The key of the signed-in Actor in ``AsyncSession.info``.
ACTOR_KEY = "homelog_actor"
#: Seconds ``close()`` waits for SQLite to let go of the file once the engine is disposed (closes
#: of cancelled connections run in their driver threads, after the statement under way).
CLOSE_PATIENCE = 60.0


def actor_of(session: AsyncSession) -> Actor | None:
    """The member a session acts for (None: a local notebook without passwords, unrestricted)."""
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


class Database:
    """Owns the engine and hands out unit-of-work sessions.

    ``async with db.session() as s:`` yields an AsyncSession; leaving the block normally commits,
    any exception rolls back and re-raises, and the session is always closed. Repositories never
    commit. Write sessions are serialised inside this process by a lock and, on SQLite, start with
    BEGIN IMMEDIATE so that another process waits (busy timeout) instead of failing half-way.
    """

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {"echo": echo}
        #: The SQLite connections open now (they close their cursors first: db/connections.py).
        self._connections = OpenConnections()
        if self.is_sqlite:
            kwargs["connect_args"] = {
                "timeout": BUSY_TIMEOUT_MS / 1000,
                "factory": connection_class(self._connections),
                "async_creator_fn": connect_driver,
            }
        else:
            # After a server restart the pooled connections are dead: test each one when it is taken
            # (one round trip), so the first action after the server is back just works.
            kwargs["pool_pre_ping"] = True
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        #: The server processes of this Database's own connections (PostgreSQL): the live updates
        #: skip their notifications, which this window has reported already.
        self.own_pids: set[int] = set()
        #: Write units of work committed so far (the SQLite live poller tells own commits apart by it).
        self.write_count = 0
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _on_sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _on_sqlite_begin)
        else:
            # New connections sign in with the current password (a member may change theirs meanwhile).
            event.listen(self.engine.sync_engine, "do_connect", self._on_server_connect)
        if self.is_postgresql:
            event.listen(self.engine.sync_engine, "connect", self._on_pg_connect)
            event.listen(self.engine.sync_engine, "close", self._on_pg_close)
        self._sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock()
        path = self.sqlite_path
        #: The writers' lock and file checks across processes (db/writers.py), for a SQLite file.
        self._guard = WriteGuard(path, self.engine.sync_engine) if path is not None else None
        #: Who is signed in; None for a local notebook without passwords (nobody is restricted).
        #: Every session carries it as ``session.info["actor"]`` (read it with ``actor_of``).
        self.actor: Actor | None = None
        #: Units of work (and file readers) under way; ``close()`` waits until there are none.
        self._users = 0
        self._idle: asyncio.Event | None = None
        self._closed = False

    def use_password(self, password: str) -> None:
        """Connections opened from now on sign in with ``password`` (the member changed their own
        on the server; connections already open stay signed in)."""
        self.url = self.url.set(password=password)

    def _on_server_connect(self, _dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        if self.url.password is not None:
            cparams["password"] = self.url.password

    @property
    def is_postgresql(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    async def connect_watcher(self) -> Any:
        """A connection of its own to the SQLite file (aiosqlite), for a watcher that keeps one open
        (db/live.py's change counter). Counted with the Database's connections, so ``close()`` waits
        until its owner has closed it, and never stranded by a cancelled opening."""
        path = self.sqlite_path
        assert path is not None, "connect_watcher is for a database on a SQLite file"
        self._enter()
        try:
            return await connect_driver(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, factory=connection_class(self._connections)
            )
        finally:
            self._leave()

    async def connect_listener(self) -> Any:
        """A new asyncpg connection to the same server, database and role as the engine's, outside the
        pool: for LISTEN (db/live.py), which keeps a connection of its own."""
        import asyncpg

        _args, params = self.engine.dialect.create_connect_args(self.url)
        params = {k: v for k, v in params.items() if k in _ASYNCPG_PARAMS}
        params.setdefault("timeout", 5)
        return await asyncpg.connect(**params)

    def sign_in_as(self, actor: Actor | None) -> None:
        """From now on every session acts for ``actor`` (None: unrestricted, a local notebook)."""
        self.actor = actor

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, for a SQLite database on disk; None otherwise."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    @property
    def display_name(self) -> str:
        """Where the data lives, for titles and messages (no password)."""
        path = self.sqlite_path
        if path is not None:
            return str(path)
        return self.url.render_as_string(hide_password=True)

    @property
    def closed(self) -> bool:
        return self._closed

    @asynccontextmanager
    async def session(self, *, readonly: bool = False) -> AsyncIterator[AsyncSession]:
        """One unit of work. ``readonly`` sessions take no write lock and never commit.

        On a server, a lost connection or a server that does not answer becomes
        ``ServerUnavailableError`` (nothing was stored; the caller keeps what the user typed).
        DatabaseClosedError once ``close()`` was called (nothing is read or written then).
        """
        self._enter()
        try:
            if self.is_sqlite:
                async with self._unit_of_work(readonly=readonly) as session:
                    yield session
                return
            try:
                async with self._unit_of_work(readonly=readonly) as session:
                    yield session
            except HomeLogError:
                raise
            except Exception as exc:
                problem = explain(exc, self.display_name)
                if problem is None or problem.kind not in (Kind.CONNECTION_LOST, Kind.SERVER_UNREACHABLE):
                    raise
                if readonly:
                    message = translate(
                        "Database",
                        "The database server at {place} cannot be reached just now: what is shown may be out of date"
                        " until it is back.",
                    )
                else:
                    message = translate(
                        "Database",
                        "The database server at {place} cannot be reached just now: nothing was saved. What you typed"
                        " is kept: save again once the server is back.",
                    )
                place = f"{self.url.host or 'localhost'}:{self.url.port or 5432}"
                raise ServerUnavailableError(message.format(place=place)) from exc
        finally:
            self._leave()

    async def read_file[T](self, work: Callable[[Path], T]) -> T:
        """``work(path)`` in a worker thread, for readers of the SQLite file with their own ``sqlite3``
        connection (it must close it before returning). It counts as a unit of work until the thread
        has finished, even when the caller is cancelled (a thread cannot be stopped): ``close()``
        waits for it. DatabaseClosedError once closed."""
        path = self.sqlite_path
        assert path is not None, "read_file is for a database on a SQLite file"
        loop = asyncio.get_running_loop()
        self._enter()
        try:
            running = _file_readers().submit(work, path)
        except BaseException:
            self._leave()
            raise

        def ended(_done: object) -> None:
            with contextlib.suppress(RuntimeError):  # (the loop is closed: nobody waits any more)
                loop.call_soon_threadsafe(self._leave)

        running.add_done_callback(ended)
        return await asyncio.wrap_future(running)

    def _enter(self) -> None:
        if self._closed:
            raise DatabaseClosedError(
                f"{self.display_name} was closed (restored from a backup, or the window is closing); "
                "nothing was read or written."
            )
        self._users += 1
        if self._idle is not None:
            self._idle.clear()

    def _leave(self) -> None:
        self._users -= 1
        if self._users == 0 and self._idle is not None:
            self._idle.set()

    @asynccontextmanager
    async def _unit_of_work(self, *, readonly: bool) -> AsyncIterator[AsyncSession]:
        if readonly:
            async with self._sessionmaker(info={ACTOR_KEY: self.actor}) as session:
                try:
                    yield session
                finally:
                    await session.rollback()
            return
        guard = self._guard.writing() if self._guard is not None else contextlib.nullcontext()
        async with self._write_lock, guard, self._sessionmaker(info={ACTOR_KEY: self.actor}) as session:
            try:
                await session.connection(execution_options={_WRITE_OPTION: True})
                yield session
                await session.commit()
                self.write_count += 1
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        """Close the connections not in use (the Database stays usable: later sessions open new ones)."""
        await self.engine.dispose()

    async def close(self) -> None:
        """Let go of the file for good: refuse new units of work (DatabaseClosedError), wait for those
        under way to end (their owners cancel them first), close every connection, and return once
        SQLite has none of them open. Before a restore replaces the file, and at the end."""
        self._closed = True
        if self._users:
            if self._idle is None:
                self._idle = asyncio.Event()
            await self._idle.wait()
        await self.engine.dispose()
        if self._connections.count:
            closed = await asyncio.get_running_loop().run_in_executor(
                None, self._connections.wait_closed, CLOSE_PATIENCE
            )
            if not closed:
                log.warning("%s: %d connection(s) still open after closing", self.display_name, self._connections.count)

    def _on_pg_connect(self, dbapi_connection: Any, _record: Any) -> None:
        pid = _server_pid(dbapi_connection)
        if pid is not None:
            self.own_pids.add(pid)

    def _on_pg_close(self, dbapi_connection: Any, _record: Any) -> None:
        pid = _server_pid(dbapi_connection)
        if pid is not None:
            self.own_pids.discard(pid)


#: The connect arguments of SQLAlchemy's asyncpg dialect that asyncpg.connect itself takes.
_ASYNCPG_PARAMS = frozenset({"host", "port", "user", "password", "database", "ssl", "server_settings", "timeout"})


def _server_pid(dbapi_connection: Any) -> int | None:
    driver = getattr(dbapi_connection, "driver_connection", None)
    get_pid = getattr(driver, "get_server_pid", None)
    return int(get_pid()) if get_pid is not None else None


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


_readers: ThreadPoolExecutor | None = None


def _file_readers() -> ThreadPoolExecutor:
    """The threads of ``Database.read_file`` (a concurrent.futures pool: its futures say when the work ended)."""
    global _readers
    if _readers is None:
        _readers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="homelog-file-reader")
    return _readers
