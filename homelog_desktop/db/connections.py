"""SQLite connections that really close, and a count of the ones still open.

``sqlite3.Connection.close()`` leaves the database open inside SQLite while one of its cursors still
holds a statement it has stepped but not finished: SQLite keeps such a connection alive (a "zombie",
``sqlite3_close_v2``) with its read transaction, its locks and its -wal/-shm handles until the
cursor is freed, which for a cursor caught in a reference cycle is whenever the garbage collector
runs. That happens when a query is cancelled between its ``execute`` and its ``fetchall`` (the window
cancels its queries when it closes a database): the driver thread runs the ``execute`` anyway and
SQLAlchemy then closes the connection. The file then looks in use by another program, and a
restore's swap is refused.

A ``ClosingConnection`` closes its cursors before itself, so ``close()`` releases the file at once,
and tells its ``OpenConnections`` so its owner can wait until every connection is closed (closes of
cancelled connections happen later, in the driver's thread).

``connect`` opens the driver's (aiosqlite's) connection so that a caller cancelled meanwhile does not
strand it: aiosqlite drops a connection that its thread finishes opening after the caller was
cancelled, unclosed (only the garbage collector would close it).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import weakref
from typing import Any, ClassVar


class OpenConnections:
    """How many connections of one Database are open or being opened (thread-safe); waits until none is."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0

    @property
    def count(self) -> int:
        with self._changed:
            return self._count

    def opened(self) -> None:
        with self._changed:
            self._count += 1

    def closed(self) -> None:
        with self._changed:
            self._count -= 1
            self._changed.notify_all()

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Block until every connection is closed (True), or ``timeout`` seconds have passed (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, timeout)


class ClosingConnection(sqlite3.Connection):
    """A sqlite3 connection whose ``close()`` finishes its cursors first (see the module's text)."""

    #: Where this class's connections are counted (set by ``connection_class``).
    tracker: ClassVar[OpenConnections]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cursors: weakref.WeakSet[sqlite3.Cursor] = weakref.WeakSet()
        self._counted = True
        self.tracker.opened()

    def cursor(self, factory: Any = sqlite3.Cursor) -> Any:
        made = super().cursor(factory)
        self._cursors.add(made)
        return made

    # The connection's shortcuts make their cursors without calling cursor(): route them through it.
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)  # type: ignore[no-any-return]

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)  # type: ignore[no-any-return]

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        return self.cursor().executescript(script)  # type: ignore[no-any-return]

    def close(self) -> None:
        for cursor in list(self._cursors):
            with contextlib.suppress(sqlite3.Error):
                cursor.close()  # finishes its statement: nothing keeps the file open after close
        try:
            super().close()
        finally:
            self._uncount()

    def __del__(self) -> None:  # freed without close() (the driver closes it then)
        self._uncount()

    def _uncount(self) -> None:
        if getattr(self, "_counted", False):
            self._counted = False
            self.tracker.closed()


def connection_class(tracker: OpenConnections) -> type[ClosingConnection]:
    """A ClosingConnection class counted by ``tracker`` (for ``sqlite3.connect(..., factory=)``)."""
    return type("ClosingConnection", (ClosingConnection,), {"tracker": tracker})


async def connect(*args: Any, **kwargs: Any) -> Any:
    """``aiosqlite.connect(*args, **kwargs)``, awaited; if the caller is cancelled meanwhile, the
    connection is closed (in its thread) once it is open. For SQLAlchemy's ``async_creator_fn``."""
    import aiosqlite

    driver = aiosqlite.connect(*args, **kwargs)
    # As SQLAlchemy does: a connection's thread never holds the exit up (aiosqlite before 0.21 is a
    # Thread itself; later ones keep one in ``_thread``).
    thread: Any = getattr(driver, "_thread", driver)
    thread.daemon = True

    async def open_it() -> Any:
        return await driver

    # Counted from now, not only once its thread has made it: a Database closed meanwhile waits for it.
    tracker: OpenConnections | None = getattr(kwargs.get("factory"), "tracker", None)
    if tracker is not None:
        tracker.opened()
    opening = asyncio.ensure_future(open_it())
    if tracker is not None:
        opening.add_done_callback(lambda _opening: tracker.closed())  # (the connection counts itself)
    try:
        return await asyncio.shield(opening)
    except asyncio.CancelledError:
        opening.add_done_callback(_close_stranded)
        raise


def _close_stranded(opening: asyncio.Future[Any]) -> None:
    if opening.cancelled() or opening.exception() is not None:
        return  # nothing was opened (aiosqlite stopped the thread itself)
    opening.result().stop()  # closes the connection in its thread, then ends the thread
