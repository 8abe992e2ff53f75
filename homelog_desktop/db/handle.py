"""What view models need of a database (a way to open a unit of work), and a stand-in for one
that is still opening, so the window can be built, and first data shown, before SQLAlchemy loads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import asyncio

    from sqlalchemy.ext.asyncio import AsyncSession

    from .database import Database


class SessionProvider(Protocol):
    """Anything with ``Database.session()``: the Database itself, or a PendingDatabase."""

    def session(self, *, readonly: bool = False) -> AbstractAsyncContextManager[AsyncSession]: ...


class PendingDatabase:
    """Stands in for a Database that is being opened (imported, migrated) in the background.

    ``session()`` waits until ``set()`` hands over the real Database, then behaves exactly like it;
    after ``fail()`` it raises the error that stopped the database from opening (a HomeLogError, so
    view models report it like any expected error).
    """

    def __init__(self) -> None:
        # Built without asyncio (the window may bind to it before the event loop exists).
        self._ready: asyncio.Event | None = None
        self._done = False
        self._db: Database | None = None
        self._error: BaseException | None = None

    @property
    def database(self) -> Database | None:
        return self._db

    def set(self, db: Database) -> None:
        self._db = db
        self._finish()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._finish()

    async def wait(self) -> Database:
        if not self._done:
            if self._ready is None:
                import asyncio

                self._ready = asyncio.Event()
            await self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self._db is not None
        return self._db

    def _finish(self) -> None:
        self._done = True
        if self._ready is not None:
            self._ready.set()

    @asynccontextmanager
    async def session(self, *, readonly: bool = False) -> AsyncIterator[AsyncSession]:
        db = await self.wait()
        async with db.session(readonly=readonly) as session:
            yield session
