"""Other PCs' committed changes, as they happen: a dedicated asyncpg connection LISTENs on the
household database's channel (the triggers of migration 0008 notify it), and bursts are coalesced.

No Qt here: the view model viewmodels/live.py turns notices into the "data changed" hub's signal.
The listener keeps itself connected: a lost connection (server restarted, network gone) is reported
(``on_connected(False)``), retried with a growing pause, and once back the caller is told to
refresh everything (``on_changes`` with one notice for every table), since notifications sent
meanwhile are lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("homelog")

#: The channel the triggers notify (PostgreSQL delivers it only to listeners of the same database).
CHANNEL = "homelog_changes"
#: Seconds to gather notices before reporting them: an import's burst becomes one refresh.
COALESCE_SECONDS = 0.1
#: Seconds between the checks that the listening connection still answers (a silent network loss).
KEEPALIVE_SECONDS = 5.0
#: The first and the longest pause between attempts to reconnect.
RETRY_FIRST, RETRY_MAX = 0.25, 5.0


@dataclass(frozen=True, slots=True)
class Notice:
    """One table changed (``op``: insert, update, delete; "refresh": anything may have) for a source
    (None: for any source, or not about one)."""

    table: str
    op: str
    source_id: int | None = None


#: What to refresh after the connection was lost: notifications sent meanwhile never arrive.
EVERYTHING = Notice("*", "refresh")


def parse_notice(payload: str) -> Notice:
    """The trigger's JSON payload as a Notice; anything unreadable means "refresh everything"."""
    try:
        data = json.loads(payload)
        source = data.get("source")
        return Notice(str(data["table"]), str(data["op"]), int(source) if source is not None else None)
    except (ValueError, KeyError, TypeError, AttributeError):
        return EVERYTHING


class LiveListener:
    """Listens for the household's changes until ``stop()``; see the module docstring.

    ``connect`` opens a new asyncpg connection (Database.connect_listener); ``own_pids`` are the
    server processes of this window's own connections, whose changes the window knows already.
    """

    def __init__(
        self,
        connect: Callable[[], Any],
        on_changes: Callable[[list[Notice]], None],
        on_connected: Callable[[bool], None],
        *,
        own_pids: Callable[[], Collection[int]] = frozenset,
        coalesce: float = COALESCE_SECONDS,
        keepalive: float = KEEPALIVE_SECONDS,
    ) -> None:
        self._connect = connect
        self._on_changes = on_changes
        self._on_connected = on_connected
        self._own_pids = own_pids
        self._coalesce = coalesce
        self._keepalive = keepalive
        self._pending: list[Notice] = []
        self._flush_handle: asyncio.TimerHandle | None = None
        self._task: asyncio.Task[None] | None = None
        #: Whether the listening connection is up (None before the first attempt ends).
        self.connected: bool | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="homelog-live")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- the connection ------------------------------------------------------------------------

    async def _run(self) -> None:
        delay = RETRY_FIRST
        lost_before = False
        while True:
            try:
                conn = await self._connect()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # refused, timed out, password, DNS: all wait and try again
                log.info("Live updates: cannot connect (%s); trying again in %.1f s", exc, delay)
                self._set_connected(False)
                lost_before = True
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX)
                continue
            delay = RETRY_FIRST
            try:
                await self._listen(conn, refresh=lost_before)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.info("Live updates: connection lost (%s)", exc)
            finally:
                conn.terminate()
            lost_before = True
            self._set_connected(False)

    async def _listen(self, conn: Any, *, refresh: bool) -> None:
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        await conn.add_listener(CHANNEL, self._on_notification)
        self._set_connected(True)
        if refresh:
            self._add(EVERYTHING)
        while not lost.is_set():
            try:
                await asyncio.wait_for(lost.wait(), self._keepalive)
            except TimeoutError:
                await conn.fetchval("SELECT 1", timeout=self._keepalive)

    def _set_connected(self, connected: bool) -> None:
        if self.connected is not connected:
            self.connected = connected
            self._on_connected(connected)

    # -- notices -------------------------------------------------------------------------------

    def _on_notification(self, _conn: Any, pid: int, _channel: str, payload: str) -> None:
        if pid in self._own_pids():
            return
        self._add(parse_notice(payload))

    def _add(self, notice: Notice) -> None:
        self._pending.append(notice)
        if self._flush_handle is None:
            self._flush_handle = asyncio.get_running_loop().call_later(self._coalesce, self._flush)

    def _flush(self) -> None:
        self._flush_handle = None
        pending, self._pending = self._pending, []
        if pending:
            self._on_changes(pending)


#: Seconds between two looks at a SQLite file's change counter.
POLL_SECONDS = 1.0


class DataVersionPoller:
    """For a SQLite file: notices commits by other programs on this PC (``homelog import`` while the
    window is open) by polling ``PRAGMA data_version`` on a connection of its own (cheap: it reads a
    counter in the WAL index, nothing else).

    The counter also moves for this window's own commits; ``own_writes()`` (a count of them) tells
    those apart: a poll that saw only own writes reports nothing, the window has refreshed already.
    An outside commit in the same second as an own one is then missed (F5 shows it).
    """

    #: There is no connection to lose: never "reconnecting".
    connected: bool | None = None

    def __init__(
        self,
        connect: Callable[[], Awaitable[Any]],
        on_changes: Callable[[list[Notice]], None],
        own_writes: Callable[[], int],
        *,
        interval: float = POLL_SECONDS,
    ) -> None:
        self._connect = connect
        self._on_changes = on_changes
        self._own_writes = own_writes
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="homelog-data-version")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        try:
            conn = await self._connect()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the file went away, a disk error: the window says so on its next action
            log.info("Live updates: cannot watch the file (%s)", exc)
            return
        try:
            last, writes = await _data_version(conn), self._own_writes()
            while True:
                await asyncio.sleep(self._interval)
                version, now_writes = await _data_version(conn), self._own_writes()
                if version != last and now_writes == writes:
                    self._on_changes([EVERYTHING])
                last, writes = version, now_writes
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the file went away, a disk error: the window says so on its next action
            log.info("Live updates: stopped watching the file (%s)", exc)
        finally:
            await conn.close()  # (also when cancelled: the file is let go before the Database closes)


async def _data_version(conn: Any) -> int:
    async with conn.execute("PRAGMA data_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0
