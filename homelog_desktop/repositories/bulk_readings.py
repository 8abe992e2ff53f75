"""Readings in bulk: the import's writer (driver-level executemany, COPY on PostgreSQL) and the export's reader.

Bulk rows never become ORM objects: SQLAlchemy's per-row parameter processing runs on the event
loop's thread and would freeze the window for seconds, and ORM objects are 4 to 76 times slower.
The writer hands the DBAPI driver whole lists (aiosqlite runs ``executemany`` in its own thread;
on PostgreSQL they go in with asyncpg's binary ``COPY``); the reader (one pivot query) fetches
plain tuples. Like every repository, nothing here commits: the caller's ``db.session()`` is the
one transaction, and an error or a cancel rolls all of it back.

Concurrency: readings are unique per (source, time) (migration 0004). Two imports into one source
never interleave: on SQLite the write transaction (BEGIN IMMEDIATE) already holds the file, on
PostgreSQL the writer takes a transaction-level advisory lock on the source before it reads what
is stored, so the second import waits for the first to commit and then sees its rows as duplicates
("importing a file twice changes nothing" holds for two imports at once). A source created by an
import is locked by name the same way (``lock_source_name``), so two ``import --create`` of one
name make one source.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import zlib
from bisect import bisect_right
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise, repeat
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.database import actor_of
from ..db.tables import MetricRow, ReadingRow
from ..domain.access import Action
from ..domain.entities import MetricKind, Source
from ..domain.errors import HomeLogError
from ..domain.timeutil import to_epoch, utc_now
from ..domain.undo import KeptRows
from ..i18n import translate
from . import access

#: Most rows per chunk (SQLite; PostgreSQL has its own, smaller limit).
MAX_CHUNK = 25_000
#: Readings fetched per step by the export's reader.
READ_CHUNK_ROWS = 5000
#: First key of the PostgreSQL advisory locks taken here ("hl" + 1: imports into a source, + 2: source names).
_LOCK_SOURCE = 0x686C01
_LOCK_NAME = 0x686C02


@dataclass(slots=True)
class BulkRows:
    """A chunk of rows to store, as columns (plain lists, built in a worker thread)."""

    ts: list[int]
    #: file column -> value per row (None: not read).
    values: dict[int, list[float | None]]
    notes: list[str] | None = None
    #: Rows to store when a time occurs twice in the chunk (None: all of them).
    keep: list[int] | None = None
    #: Per row, the start of its period (epoch seconds), stored with the values of interval columns
    #: only (``ts`` is the period's end). None (for the chunk or a row): since the previous value of
    #: the metric, see ``fill_interval_starts``.
    starts: list[int | None] | None = None
    #: File column -> its own period start per row (overrides ``starts`` for that column).
    column_starts: dict[int, list[int | None]] = field(default_factory=dict)
    #: Per row, the reading's flags (None: not estimated, not from a bill): a standard format's quality flag,
    #: or Home Log's own export.
    estimated: list[bool] | None = None
    from_bill: list[bool] | None = None
    #: Per row, the member who entered the reading (None for a row: nobody), replacing the writer's
    #: ``entered_by`` (None for the chunk: every row is the writer's). The caller decides whether the
    #: signed-in member may name others.
    authors: list[int | None] | None = None


@dataclass(slots=True)
class BulkWrite:
    """What writing a chunk did; ``garbage`` holds the parameter lists, for the caller to free off the loop."""

    imported: int = 0
    replaced: int = 0
    skipped: int = 0
    #: Times of the rows skipped for the time of a stored reading (or one written before by this writer).
    skipped_times: frozenset[int] = frozenset()
    garbage: Any = None


class BulkReadingWriter:
    """Writes chunks of one source's readings with the driver's executemany, handling stored duplicates.

    ``replace``: a row at the time of a stored reading replaces it; otherwise the stored one stays
    and the row is skipped. Rows of this writer that come again later in the file count as
    skipped (or replaced) duplicates of the file itself, unless ``merge``: a long file writes one
    time once per register, so a later row at the time of a reading this writer stored adds its
    values to that reading (a value of a metric the reading has already is a duplicate: kept, or
    with ``replace`` replaced).
    """

    #: Most rows per chunk.
    max_chunk = MAX_CHUNK
    #: Whether the next chunk may be read (in a worker) while this writer stores one: true where the
    #: storing is the server's work, not this process's.
    reads_while_writing = False

    def __init__(self, driver: Any, source_id: int, replace: bool, merge: bool = False) -> None:
        self.driver = driver
        self.source_id = source_id
        self.replace = replace
        self.merge = merge
        self.first_id = 0
        #: The ids this writer gave its readings, as inclusive runs (lo, hi): on PostgreSQL another
        #: program's reading may take an id between two of ours, so the first id alone does not say.
        self.id_runs: list[tuple[int, int]] = []
        self.now = to_epoch(utc_now())
        #: (first, last) time of the source's stored readings; None when it has none.
        self.stored_range: tuple[int, int] | None = None
        #: (first, last) time of each chunk written, merged as they touch.
        self._written: list[tuple[int, int]] = []
        #: The member who enters the rows (None: nobody signed in).
        self.entered_by: int | None = None
        #: metric id -> time of its last value written, while the rows come in time order after
        #: everything stored (interval values without a start then run since it).
        self._last_of: dict[int, int] = {}
        #: Most stored readings replaced whose rows are kept (None: none are kept, the usual case).
        self.keep_replaced: int | None = None
        #: The stored rows replaced (readings, their values and meter changes, by table and key), as
        #: they were: what undoing the import puts back. None: not kept (not asked, or too many).
        self.replaced_rows: KeptRows | None = None
        self._kept = 0

    @staticmethod
    async def open(
        session: AsyncSession, source_id: int, *, replace: bool, merge: bool = False, keep_replaced: int | None = None
    ) -> BulkReadingWriter:
        """A writer on the session's connection (PostgreSQL: after taking the source's import lock).

        ``keep_replaced``: keep the rows of up to this many stored readings it replaces
        (``replaced_rows``), for an undo of the import to put them back.

        With a signed-in member the rows are theirs (``entered_by``), the access policy must let them
        add readings to the source, and replacing stored readings needs its consent to delete
        each of the source's readings that someone else entered.
        """
        await access.ensure_visible(session, source_id)
        await access.require_source(session, Action.ADD_READING, source_id)
        actor = actor_of(session)
        if replace and actor is not None:
            await access.require_readings(session, Action.DELETE_READING, await _others_readings(session, source_id))
        conn = await session.connection()
        raw = await conn.get_raw_connection()
        driver = raw.driver_connection
        dialect = conn.dialect.name
        writer: BulkReadingWriter
        if dialect == "sqlite":
            writer = _SqliteWriter(driver, source_id, replace, merge)
        elif dialect == "postgresql" and hasattr(driver, "executemany") and hasattr(driver, "fetchval"):
            writer = _PostgresWriter(driver, source_id, replace, merge)
        else:
            raise HomeLogError(f"importing into a {dialect} database is not supported")
        writer.entered_by = actor.member_id if actor is not None else None
        if replace and keep_replaced is not None:
            writer.keep_replaced = keep_replaced
            writer.replaced_rows = KeptRows()
        await writer._start()
        return writer

    async def write(
        self, rows: BulkRows, metric_of: dict[int, int | None], intervals: frozenset[int] = frozenset()
    ) -> BulkWrite:
        """Store a chunk's rows (``metric_of``: file column -> metric id; ``intervals``: the columns of
        interval metrics, whose values are stored with ``rows.starts``)."""
        loop = asyncio.get_running_loop()
        keep = rows.keep
        result = BulkWrite()
        stamps = rows.ts if keep is None else [rows.ts[i] for i in keep]
        low, high = min(stamps), max(stamps)
        stored: list[tuple[int, int]] = []
        overlaps = self._overlaps(low, high)
        # "Since the previous value" can be filled in here when the rows follow everything stored
        # and written, in time order; otherwise fill_interval_starts does it at the end.
        previous: dict[int, int] | None = None
        if intervals and rows.starts is None and not rows.column_starts:
            in_order = not overlaps and all(a < b for a, b in pairwise(stamps))
            if in_order and (self.stored_range is None or low > self.stored_range[1]):
                previous = self._last_of
            else:
                self._last_of = {}
        if overlaps:
            stored = await self._existing(stamps)
        if self._written and self._written[-1][1] <= low:
            self._written[-1] = (self._written[-1][0], high)  # sorted rows: one growing range
        else:
            self._written.append((low, high))
        drop: set[int] = set()
        if stored and self.merge:
            mine = {ts: rid for ts, rid in stored if rid >= self.first_id}
            if mine:
                duplicates = await self._merge_into(mine, rows, metric_of, intervals)
                result.skipped += len(duplicates)
                result.skipped_times = frozenset(duplicates)
                drop = set(mine)
                stored = [(ts, rid) for ts, rid in stored if rid < self.first_id]
        if stored:
            times = {ts for ts, _id in stored}
            if self.replace:
                own = sum(1 for _ts, rid in stored if rid >= self.first_id)
                result.replaced += len(stored) - own
                result.imported -= own  # an earlier row of this file, replaced by a later one
                result.skipped += own
                if self.replaced_rows is not None:
                    await self._keep([rid for _ts, rid in stored if not _in_runs(self.id_runs, rid)])
                await self._delete(sorted(times))
            else:
                result.skipped += len(times)
                result.skipped_times = result.skipped_times | frozenset(times)
                drop |= times
        n = len(stamps) - len(drop)
        if n <= 0:
            return result
        ids = await self._ids(n)
        _add_runs(self.id_runs, ids)
        readings, values = await loop.run_in_executor(
            None,
            _parameters,
            rows,
            drop,
            ids,
            self.source_id,
            self.now,
            metric_of,
            intervals,
            previous,
            self.entered_by,
        )
        await self._insert(readings, values)
        result.imported += len(readings)
        result.garbage = (readings, values)
        return result

    async def _merge_into(
        self,
        own: dict[int, int],
        rows: BulkRows,
        metric_of: dict[int, int | None],
        intervals: frozenset[int] = frozenset(),
    ) -> set[int]:
        """Add the values of rows at the times of readings this writer stored to those readings; returns the
        times of the rows that brought nothing new (duplicates of the file). Interval values keep their
        period start (``rows.column_starts``, else ``rows.starts``)."""
        have = await self._existing_values(sorted(set(own.values())))
        added: list[tuple[Any, ...]] = []
        replaced: list[tuple[int, int]] = []
        duplicates: set[int] = set()
        columns = [
            (metric_of[column], values, rows.column_starts.get(column, rows.starts) if column in intervals else None)
            for column, values in rows.values.items()
        ]
        indexes = range(len(rows.ts)) if rows.keep is None else rows.keep
        for i in indexes:
            ts = rows.ts[i]
            rid = own.get(ts)
            if rid is None:
                continue
            new = False
            for metric_id, values, starts in columns:
                value = values[i]
                if value is None or metric_id is None:
                    continue
                if (rid, metric_id) in have:
                    if not self.replace:
                        continue
                    replaced.append((rid, metric_id))
                added.append((rid, metric_id, ts, value, starts[i] if starts is not None else None))
                have.add((rid, metric_id))
                new = True
            if not new:
                duplicates.add(ts)
        if replaced:
            await self._delete_values(replaced)
        if added:
            await self._insert_values(added)
        return duplicates

    async def _keep(self, reading_ids: list[int]) -> None:
        """Keep the rows of these stored readings (about to be replaced) with their values and meter
        changes; past ``keep_replaced`` readings in all, none are kept (an import that replaces that
        many cannot be undone)."""
        kept = self.replaced_rows
        if kept is None or not reading_ids:
            return
        self._kept += len(reading_ids)
        if self.keep_replaced is None or self._kept > self.keep_replaced:
            self.replaced_rows = None
            return
        for name in ("readings", "reading_values", "meter_events"):
            columns, fetched = await self._rows_of(name, reading_ids)
            if fetched:
                kept.add(name, columns, fetched)

    async def _rows_of(self, table: str, reading_ids: list[int]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """(column names, rows) of ``table``'s rows of these readings, as stored."""
        raise NotImplementedError

    def _overlaps(self, low: int, high: int) -> bool:
        """Whether a stored reading, or a row written before, may have a time in [low, high].

        A sorted file (the usual case) never overlaps what it wrote before, and a new source has
        no stored readings: then no query is needed.
        """
        if self.stored_range is not None and low <= self.stored_range[1] and high >= self.stored_range[0]:
            return True
        return any(low <= b and high >= a for a, b in self._written)

    async def _start(self) -> None:
        raise NotImplementedError

    async def _existing(self, stamps: list[int]) -> list[tuple[int, int]]:
        """(ts, id) of the stored readings of the source at these times."""
        raise NotImplementedError

    async def _ids(self, n: int) -> list[int]:
        raise NotImplementedError

    async def _delete(self, stamps: list[int]) -> None:
        raise NotImplementedError

    async def _insert(self, readings: list[tuple[Any, ...]], values: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    async def _existing_values(self, reading_ids: list[int]) -> set[tuple[int, int]]:
        """(reading id, metric id) of the values stored for these readings."""
        raise NotImplementedError

    async def _delete_values(self, pairs: list[tuple[int, int]]) -> None:
        raise NotImplementedError

    async def _insert_values(self, values: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError


async def _others_readings(session: AsyncSession, source_id: int) -> list[int]:
    """One reading of the source per other author (and one without an author): enough to ask the
    policy whether every reading someone else entered may be deleted."""
    actor = actor_of(session)
    assert actor is not None
    query = (
        select(func.min(ReadingRow.id))
        .where(ReadingRow.source_id == source_id)
        .where(or_(ReadingRow.entered_by.is_(None), ReadingRow.entered_by != actor.member_id))
        .group_by(ReadingRow.entered_by)
    )
    return [rid for rid in await session.scalars(query) if rid is not None]


async def lock_source_name(session: AsyncSession, name: str) -> None:
    """Hold off, until this transaction ends, any other import creating a source called ``name``.

    SQLite needs nothing: a write transaction already holds the whole file. On PostgreSQL the
    second of two ``import --create`` waits here, then finds the first one's source.
    """
    conn = await session.connection()
    if conn.dialect.name != "postgresql":
        return
    key = zlib.crc32(name.strip().casefold().encode("utf-8")) - 2**31
    await conn.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": _LOCK_NAME, "b": key})


async def set_metric_decimals(session: AsyncSession, metric_id: int, decimals: int) -> None:
    """Set a metric's decimals (an import grows those of the metrics it created to what its values need)."""
    await session.execute(update(MetricRow).where(MetricRow.id == metric_id).values(decimals=decimals))


def first_or_last(stamps: list[int], last: bool) -> tuple[list[int] | None, int]:
    """Rows to keep when a time occurs twice in a chunk (skip: the first, replace: the last): (indexes, dropped).

    None keeps every row (no time occurs twice, the usual case, found at C speed).
    """
    if len(set(stamps)) == len(stamps):
        return None, 0
    chosen: dict[int, int] = {}
    for index, ts in enumerate(stamps):
        if last or ts not in chosen:
            chosen[ts] = index
    keep = sorted(chosen.values())
    return keep, len(stamps) - len(keep)


def _parameters(
    rows: BulkRows,
    drop: set[int],
    ids: list[int],
    source_id: int,
    now: int,
    metric_of: dict[int, int | None],
    intervals: frozenset[int] = frozenset(),
    previous: dict[int, int] | None = None,
    entered_by: int | None = None,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The executemany parameters of a chunk's rows (run in a worker: plain tuples, built mostly in C).

    Values are (reading id, metric id, ts, value, start): ``start`` from ``rows.starts`` for interval
    columns, None for the others. ``previous`` (metric id -> time of its last value written, updated
    here) is given when the rows are in time order after everything stored: an interval value
    without a start then starts at the previous value of its metric.
    """
    keep = rows.keep
    indexes: list[int] | range = range(len(rows.ts)) if keep is None else keep
    if drop:
        indexes = [i for i in indexes if rows.ts[i] not in drop]
    whole = isinstance(indexes, range)
    ts = rows.ts if whole else [rows.ts[i] for i in indexes]
    if rows.notes is None:
        notes: Any = repeat("")
    else:
        notes = rows.notes if whole else [rows.notes[i] for i in indexes]
    authors: Any = repeat(entered_by)
    if rows.authors is not None:
        authors = rows.authors if whole else [rows.authors[i] for i in indexes]
    estimated: Any = repeat(False)
    if rows.estimated is not None:
        estimated = rows.estimated if whole else [rows.estimated[i] for i in indexes]
    from_bill: Any = repeat(False)
    if rows.from_bill is not None:
        from_bill = rows.from_bill if whole else [rows.from_bill[i] for i in indexes]
    readings = list(
        zip(
            ids,
            repeat(source_id),
            ts,
            notes,
            estimated,
            from_bill,
            repeat(now),
            repeat(now),
            authors,
            strict=False,
        )
    )
    given: list[int | None] | None = None
    if rows.starts is not None:
        given = rows.starts if whole else [rows.starts[i] for i in indexes]
    # Values in reading order (r1 Day, r1 Night, r2 Day...): the primary key (reading_id, metric_id)
    # then only ever appends, as a B-tree likes best; metric by metric it would split pages half-full.
    metric_ids = [metric_of[column] for column in rows.values]
    columns = [v if whole else [v[i] for i in indexes] for v in rows.values.values()]
    starts: list[Any] = []
    for column, metric_id, column_values in zip(rows.values, metric_ids, columns, strict=True):
        if column not in intervals:
            starts.append(repeat(None))
        elif column in rows.column_starts:
            own = rows.column_starts[column]
            starts.append(own if whole else [own[i] for i in indexes])
        elif given is not None:
            starts.append(given)
        elif previous is not None and metric_id is not None:
            starts.append(_since_previous(ts, column_values, previous, metric_id))
        else:
            starts.append(repeat(None))
    values: list[tuple[Any, ...]]
    if len(columns) == 1:
        (only,) = columns
        (start,) = starts
        metric_id = metric_ids[0]
        if None in only:
            values = [
                (r, metric_id, t, v, s) for r, t, v, s in zip(ids, ts, only, start, strict=False) if v is not None
            ]
        else:
            values = list(zip(ids, repeat(metric_id), ts, only, start, strict=False))
    elif not any(None in column for column in columns):
        per_column = [
            list(zip(ids, repeat(m), ts, column, start, strict=False))
            for m, column, start in zip(metric_ids, columns, starts, strict=True)
        ]
        values = list(chain.from_iterable(zip(*per_column, strict=True)))
    else:
        values = [
            (r, m, t, v, s)
            for r, t, *row in zip(
                ids, ts, *[zip(c, s, strict=False) for c, s in zip(columns, starts, strict=True)], strict=False
            )
            for m, (v, s) in zip(metric_ids, row, strict=True)
            if v is not None
        ]
    return readings, values


def _paired(values: list[float | None], starts: Any) -> Any:
    return zip(values, starts, strict=False)


def _since_previous(
    ts: list[int], values: list[float | None], previous: dict[int, int], metric_id: int
) -> list[int | None]:
    """Each value's start: the time of the metric's previous value (rows in time order)."""
    last = previous.get(metric_id)
    result: list[int | None] = []
    append = result.append
    for t, v in zip(ts, values, strict=True):
        append(last)
        if v is not None:
            last = t
    if last is not None:
        previous[metric_id] = last
    return result


async def fill_interval_starts(session: AsyncSession, metric_ids: Sequence[int]) -> None:
    """Give every value of these (interval) metrics that has no start the time of the metric's previous
    value: "since the previous reading", as an amount typed by hand or imported without a period
    means. The first value of a metric has none and keeps no start (its period is unknown)."""
    if not metric_ids:
        return
    await session.execute(
        text(
            "UPDATE reading_values SET start_ts = ("
            " SELECT max(p.ts) FROM reading_values p"
            " WHERE p.metric_id = reading_values.metric_id AND p.ts < reading_values.ts)"
            " WHERE start_ts IS NULL AND metric_id IN (" + ", ".join(str(int(m)) for m in metric_ids) + ")"
        )
    )


def _in_runs(runs: list[tuple[int, int]], rid: int) -> bool:
    """Whether ``rid`` is in one of ``runs`` (inclusive (lo, hi), ascending: ids are given in order)."""
    at = bisect_right(runs, (rid, _MAX_ID)) - 1
    return at >= 0 and runs[at][0] <= rid <= runs[at][1]


_MAX_ID = 2**63


def _add_runs(runs: list[tuple[int, int]], ids: list[int]) -> None:
    """Add ``ids`` to ``runs`` (inclusive (lo, hi) runs of consecutive ids, in the order given)."""
    if ids and ids == list(range(ids[0], ids[0] + len(ids))):  # SQLite's always are: no loop on the event loop
        if runs and runs[-1][1] + 1 == ids[0]:
            runs[-1] = (runs[-1][0], ids[-1])
        else:
            runs.append((ids[0], ids[-1]))
        return
    for i in ids:
        if runs and runs[-1][1] + 1 == i:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))


class _SqliteWriter(BulkReadingWriter):
    async def _start(self) -> None:
        # The session's write transaction began with BEGIN IMMEDIATE: no other writer until it ends,
        # so the ids after the highest one ever given are ours.
        cursor = await self.driver.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'readings'), 0),"
            " coalesce((SELECT max(id) FROM readings), 0))"
        )
        row = await cursor.fetchone()
        await cursor.close()
        self.first_id = int(row[0]) + 1
        self._next = self.first_id
        cursor = await self.driver.execute(
            "SELECT min(ts), max(ts) FROM readings WHERE source_id = ?", (self.source_id,)
        )
        low, high = await cursor.fetchone()
        await cursor.close()
        self.stored_range = None if low is None else (int(low), int(high))

    async def _existing(self, stamps: list[int]) -> list[tuple[int, int]]:
        cursor = await self.driver.execute(
            "SELECT ts, id FROM readings WHERE source_id = ? AND ts IN (SELECT value FROM json_each(?))",
            (self.source_id, json.dumps(stamps)),
        )
        rows = await cursor.fetchall()
        await cursor.close()
        return [(int(ts), int(rid)) for ts, rid in rows]

    async def _ids(self, n: int) -> list[int]:
        first = self._next
        self._next += n
        return list(range(first, first + n))

    async def _rows_of(self, table: str, reading_ids: list[int]) -> tuple[list[str], list[tuple[Any, ...]]]:
        column = "id" if table == "readings" else "reading_id"
        cursor = await self.driver.execute(
            f"SELECT * FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(reading_ids),)
        )
        rows = await cursor.fetchall()
        columns = [d[0] for d in cursor.description]
        await cursor.close()
        return columns, rows

    async def _delete(self, stamps: list[int]) -> None:
        cursor = await self.driver.execute(
            "DELETE FROM readings WHERE source_id = ? AND ts IN (SELECT value FROM json_each(?))",
            (self.source_id, json.dumps(stamps)),
        )
        await cursor.close()

    async def _insert(self, readings: list[tuple[Any, ...]], values: list[tuple[Any, ...]]) -> None:
        cursor = await self.driver.executemany(
            "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, created_at, updated_at, entered_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            readings,
        )
        await cursor.close()
        await self._insert_values(values)

    async def _existing_values(self, reading_ids: list[int]) -> set[tuple[int, int]]:
        cursor = await self.driver.execute(
            "SELECT reading_id, metric_id FROM reading_values WHERE reading_id IN (SELECT value FROM json_each(?))",
            (json.dumps(reading_ids),),
        )
        rows = await cursor.fetchall()
        await cursor.close()
        return {(int(r), int(m)) for r, m in rows}

    async def _delete_values(self, pairs: list[tuple[int, int]]) -> None:
        cursor = await self.driver.executemany(
            "DELETE FROM reading_values WHERE reading_id = ? AND metric_id = ?", pairs
        )
        await cursor.close()

    async def _insert_values(self, values: list[tuple[Any, ...]]) -> None:
        cursor = await self.driver.executemany(
            "INSERT INTO reading_values (reading_id, metric_id, ts, value, start_ts) VALUES (?, ?, ?, ?, ?)", values
        )
        await cursor.close()


#: The columns of a chunk's parameter tuples (``_parameters``).
_READING_COLUMNS = ["id", "source_id", "ts", "note", "estimated", "from_bill", "created_at", "updated_at", "entered_by"]
_VALUE_COLUMNS = ["reading_id", "metric_id", "ts", "value", "start_ts"]


class _PostgresWriter(BulkReadingWriter):
    #: asyncpg encodes COPY's rows on the event loop's thread: small chunks keep each call short.
    max_chunk = 10_000
    #: While COPY waits for the server, the GIL is free: reading the next chunk meanwhile overlaps
    #: the client's parsing with the server's inserting (sqlite3, in contrast, holds the GIL per row).
    #: Measured (300,000 rows): 84 % of an import's time is the server's COPY, the same work as
    #: ``psql \copy``. Migration 0008's notify triggers (BEFORE ROW, skipped by a WHEN clause after
    #: a transaction's first row per table and source) are not the cost: the server's CPU for a COPY
    #: was 5.0-5.5 s with them, 5.4-6.0 s without any, 6.0-6.7 s with statement-level triggers
    #: reading a transition table instead (200,000 readings, 400,000 values; five rounds).
    reads_while_writing = True

    async def _start(self) -> None:
        # Another import into this source waits here until this transaction ends (and this one for
        # it): what is stored is read only once no other import can add to it.
        await self.driver.execute("SELECT pg_advisory_xact_lock($1, $2)", _LOCK_SOURCE, self.source_id)
        self._sequence = await self.driver.fetchval("SELECT pg_get_serial_sequence('readings', 'id')")
        self.first_id = int(await self.driver.fetchval("SELECT nextval($1::regclass)", self._sequence))
        self._spare = [self.first_id]
        low, high = await self.driver.fetchrow(
            "SELECT min(ts), max(ts) FROM readings WHERE source_id = $1", self.source_id
        )
        self.stored_range = None if low is None else (int(low), int(high))

    async def _existing(self, stamps: list[int]) -> list[tuple[int, int]]:
        rows = await self.driver.fetch(
            "SELECT ts, id FROM readings WHERE source_id = $1 AND ts = ANY($2::bigint[])", self.source_id, stamps
        )
        return [(int(r[0]), int(r[1])) for r in rows]

    async def _ids(self, n: int) -> list[int]:
        ids, self._spare = self._spare[:n], self._spare[n:]
        if len(ids) < n:
            rows = await self.driver.fetch(
                "SELECT nextval($1::regclass) FROM generate_series(1, $2)", self._sequence, n - len(ids)
            )
            ids.extend(int(r[0]) for r in rows)
        return ids

    async def _rows_of(self, table: str, reading_ids: list[int]) -> tuple[list[str], list[tuple[Any, ...]]]:
        column = "id" if table == "readings" else "reading_id"
        records = await self.driver.fetch(f"SELECT * FROM {table} WHERE {column} = ANY($1::bigint[])", reading_ids)
        return (list(records[0].keys()) if records else []), [tuple(r) for r in records]

    async def _delete(self, stamps: list[int]) -> None:
        await self.driver.execute(
            "DELETE FROM readings WHERE source_id = $1 AND ts = ANY($2::bigint[])", self.source_id, stamps
        )

    async def _insert(self, readings: list[tuple[Any, ...]], values: list[tuple[Any, ...]]) -> None:
        # COPY (binary), not INSERT: the server's fastest way in. It is safe without a staging table: the
        # source's import lock is held and the stored duplicates were dropped or deleted above, so a row
        # that still hits the unique (source_id, ts) index (a reading saved meanwhile from a window)
        # fails the import as a whole, as an INSERT would.
        await self.driver.copy_records_to_table("readings", records=readings, columns=_READING_COLUMNS)
        await self._insert_values(values)

    async def _existing_values(self, reading_ids: list[int]) -> set[tuple[int, int]]:
        rows = await self.driver.fetch(
            "SELECT reading_id, metric_id FROM reading_values WHERE reading_id = ANY($1::bigint[])", reading_ids
        )
        return {(int(r[0]), int(r[1])) for r in rows}

    async def _delete_values(self, pairs: list[tuple[int, int]]) -> None:
        await self.driver.executemany("DELETE FROM reading_values WHERE reading_id = $1 AND metric_id = $2", pairs)

    async def _insert_values(self, values: list[tuple[Any, ...]]) -> None:
        await self.driver.copy_records_to_table("reading_values", records=values, columns=_VALUE_COLUMNS)


# -- the export's reader ---------------------------------------------------------------------------


def _pivot_sql(source: Source, param: Callable[[int], str]) -> tuple[str, list[Any]]:
    """One row per reading: ts, note, each metric's value (NULL when not read), then the period start
    of each interval metric's value (NULL when not read or not known), in the source's order, then
    the reading's flags (estimated, from a bill) and the name of the member who entered it (NULL: nobody).

    ``param(i)`` is the driver's placeholder of the i-th parameter; the parameters come back in order.
    """
    params: list[Any] = [m.id for m in source.metrics]
    columns = "".join(
        f", (SELECT v.value FROM reading_values v WHERE v.reading_id = r.id AND v.metric_id = {param(i)})"
        for i in range(len(params))
    )
    for metric in source.metrics:
        if metric.kind is MetricKind.INTERVAL:
            params.append(metric.id)
            columns += (
                ", (SELECT v.start_ts FROM reading_values v WHERE v.reading_id = r.id"
                f" AND v.metric_id = {param(len(params) - 1)})"
            )
    columns += ", r.estimated, r.from_bill, (SELECT m.name FROM members m WHERE m.id = r.entered_by)"
    params.append(source.id)
    sql = (
        f"SELECT r.ts, r.note{columns} FROM readings r WHERE r.source_id = {param(len(params) - 1)} ORDER BY r.ts, r.id"
    )
    return sql, params


def sqlite_reading_rows(path: Path, source: Source) -> Iterator[Sequence[Any]]:
    """Chunks of (ts, note, value of each metric...) rows of a SQLite file, oldest first.

    Blocking: run it in a worker thread (its own sqlite3 connection, one read transaction, closed
    in the same thread when the generator ends or is closed).
    """
    sql, params = _pivot_sql(source, lambda _i: "?")
    conn = sqlite3.connect(path, timeout=15, isolation_level=None)
    try:
        conn.execute("PRAGMA query_only=1")
        conn.execute("BEGIN")
        cursor = conn.execute(sql, params)
        while chunk := cursor.fetchmany(READ_CHUNK_ROWS):
            yield chunk
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise HomeLogError(
            translate("Exporting", "Cannot read the readings for the export: {exc}").format(exc=exc)
        ) from exc
    finally:
        conn.close()


async def stream_reading_rows(
    session: AsyncSession, source: Source, size: int = READ_CHUNK_ROWS
) -> AsyncIterator[list[tuple[Any, ...]]]:
    """Partitions of (ts, note, value of each metric...) rows streamed from a server, oldest first."""
    await access.ensure_visible(session, source.id)
    sql, params = _pivot_sql(source, lambda i: f":p{i}")
    values = {f"p{i}": value for i, value in enumerate(params)}
    result = await session.stream(text(sql), values)
    async for partition in result.partitions(size):
        yield [tuple(row) for row in partition]


async def reading_times(session: AsyncSession, source_id: int, reading_ids: Sequence[int]) -> dict[int, int]:
    """Reading id -> its time, for these readings of a source (an export names a meter change's reading by time)."""
    if not reading_ids:
        return {}
    await access.ensure_visible(session, source_id)
    rows = await session.execute(
        select(ReadingRow.id, ReadingRow.ts).where(
            ReadingRow.source_id == source_id, ReadingRow.id.in_(list(reading_ids))
        )
    )
    return {int(rid): int(ts) for rid, ts in rows}


async def readings_at(session: AsyncSession, source_id: int, stamps: Sequence[int]) -> dict[int, int]:
    """Time -> reading id, for the source's readings at these times (an import links a meter change to its reading)."""
    if not stamps:
        return {}
    await access.ensure_visible(session, source_id)
    rows = await session.execute(
        select(ReadingRow.ts, ReadingRow.id).where(ReadingRow.source_id == source_id, ReadingRow.ts.in_(list(stamps)))
    )
    return {int(ts): int(rid) for ts, rid in rows}
