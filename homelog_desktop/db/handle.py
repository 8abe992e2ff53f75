"""What view models need of a database (a way to open a unit of work), and a stand-in for one
that is still opening, so the window can be built, and first data shown, before SQLAlchemy loads."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
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
        self._ready = asyncio.Event()
        self._db: Database | None = None
        self._error: BaseException | None = None

    @property
    def database(self) -> Database | None:
        return self._db

    def set(self, db: Database) -> None:
        self._db = db
        self._ready.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._ready.set()

    async def wait(self) -> Database:
        await self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self._db is not None
        return self._db

    @asynccontextmanager
    async def session(self, *, readonly: bool = False) -> AsyncIterator[AsyncSession]:
        db = await self.wait()
        async with db.session(readonly=readonly) as session:
            yield session
