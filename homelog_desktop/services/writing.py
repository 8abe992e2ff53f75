"""A write unit of work that waits, cancellably, while another program holds the database's write lock."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider

#: Seconds a save may wait for the write lock before the form says it is waiting.
WAIT_NOTICE_SECONDS = 0.4


class WriteCancelledError(Exception):
    """The user stopped waiting for the write lock: nothing was written."""


class PatientWriter:
    """Runs one write session for a form, however long another program keeps the write lock.

    SQLite makes a writer wait up to its busy timeout and then fail. ``run`` instead keeps trying
    until the lock is free, tells the form when the wait has become noticeable
    (``on_waiting(True)``, then ``on_waiting(False)`` once through or stopped), and stops when
    ``cancel()`` is called (``WriteCancelledError``): the work never started, so nothing is
    written, and the form keeps what the user typed.
    """

    def __init__(
        self,
        db: SessionProvider,
        on_waiting: Callable[[bool], None],
        notice_after: float = WAIT_NOTICE_SECONDS,
    ) -> None:
        self._db = db
        self._on_waiting = on_waiting
        self._notice_after = notice_after
        self._stop: asyncio.Event | None = None
        self._waiting = False
        #: Tries to begin the write session so far (one more each time the busy timeout runs out).
        self.attempts = 0
        #: Attempts left behind by cancel(): they end by themselves (rolled back) once SQLite answers.
        self._abandoned: set[asyncio.Future[Any]] = set()

    @property
    def waiting(self) -> bool:
        return self._waiting

    def cancel(self) -> None:
        """Stop waiting for the write lock (does nothing once the work has started)."""
        if self._stop is not None:
            self._stop.set()

    async def run[T](self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """``work(session)`` in one write session once the lock is free; its result."""
        loop = asyncio.get_running_loop()
        self._stop = stop = asyncio.Event()
        started = asyncio.Event()
        notice = loop.call_later(self._notice_after, self._set_waiting, True)

        def entered() -> None:
            started.set()
            notice.cancel()
            self._set_waiting(False)

        attempt = asyncio.ensure_future(self._attempts(work, entered))
        stopper = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({attempt, stopper}, return_when=asyncio.FIRST_COMPLETED)
            if not attempt.done() and not started.is_set():
                # The work never started: leave the blocked attempt to roll back on its own.
                attempt.cancel()
                self._abandoned.add(attempt)
                attempt.add_done_callback(_forget(self._abandoned))
                raise WriteCancelledError
            return await attempt
        except asyncio.CancelledError:
            attempt.cancel()
            raise
        finally:
            notice.cancel()
            stopper.cancel()
            self._stop = None
            self._set_waiting(False)

    async def _attempts[T](self, work: Callable[[AsyncSession], Awaitable[T]], entered: Callable[[], None]) -> T:
        while True:
            began = False
            self.attempts += 1
            try:
                async with self._db.session() as session:
                    began = True
                    entered()
                    return await work(session)
            except Exception as exc:
                from ..db.busy import is_write_locked  # SQLAlchemy is imported lazily for the window's start

                if began or not is_write_locked(exc):
                    raise
                self._set_waiting(True)  # the busy timeout ran out: keep waiting

    def _set_waiting(self, waiting: bool) -> None:
        if waiting != self._waiting:
            self._waiting = waiting
            self._on_waiting(waiting)


def _forget(tasks: set[asyncio.Future[Any]]) -> Callable[[asyncio.Future[Any]], None]:
    def done(task: asyncio.Future[Any]) -> None:
        tasks.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: an abandoned attempt's failure is of no interest

    return done
