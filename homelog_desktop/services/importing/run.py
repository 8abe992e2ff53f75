"""The import itself: one transaction, bulk rows through the driver's executemany, all or nothing.

The file is read and converted a chunk at a time in a worker thread, so the event loop only passes
plain lists between threads. Rows reach
the database through the DBAPI driver's own ``executemany`` (aiosqlite runs it in its thread,
asyncpg pipelines it): SQLAlchemy's per-row parameter processing would run on the loop thread and
freeze the window for seconds, and ORM objects are 4 to 76 times slower. Every chunk runs inside
the one ``db.session()`` unit of work: an error or a cancel rolls all of it back.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain, repeat
from typing import Any

from ...db.handle import SessionProvider
from ...domain.entities import MAX_DECIMALS, Metric, Source
from ...domain.errors import HomeLogError, NotFoundError
from ...domain.timeutil import to_epoch, utc_now
from ...repositories import SourceRepository
from .chunks import ChunkConverter
from .model import (
    MAX_LISTED,
    CancelToken,
    ColumnTarget,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportPlan,
    ImportProgress,
    ImportSummary,
    RowProblem,
    TargetRole,
)
from .reader import RowStream
from .rows import open_stream

#: Time a chunk should take to read and store. Progress comes every 200 ms anyway; the size is bounded
#: because each list-wide C call (building, converting, freeing a chunk) holds the GIL throughout,
#: so the event loop waits for it: 100,000-row chunks stalled it for up to 150 ms.
CHUNK_TARGET_S = 0.15
#: Longest time between two progress reports, whatever a chunk takes.
PROGRESS_INTERVAL_S = 0.2
FIRST_CHUNK = 5_000
MAX_CHUNK = 25_000


@dataclass(slots=True)
class _Chunk:
    """Rows read and converted by a worker: the storable ones as columns, the others reported."""

    ts: list[int] = field(default_factory=list)
    #: column -> value per row (None: empty cell).
    values: dict[int, list[float | None]] = field(default_factory=dict)
    notes: list[str] | None = None
    invalid: list[RowProblem] = field(default_factory=list)
    empty_lines: list[int] = field(default_factory=list)
    #: column -> most decimals a value of it needed (columns of created metrics).
    decimals: dict[int, int] = field(default_factory=dict)
    records: int = 0
    bytes_done: int = 0
    done: bool = False
    seconds: float = 0.0
    #: Rows to store when a time occurs twice in the chunk (None: all of them), and how many were left out.
    keep: list[int] | None = None
    repeated: int = 0


class _Reader:
    """Reads and converts chunks of records (only ever one thread at a time)."""

    def __init__(self, plan: ImportPlan, converter: ChunkConverter, stream: RowStream, columns: list[str]) -> None:
        self._replace = plan.duplicates == DuplicatePolicy.REPLACE
        self._plan = plan
        self._converter = converter
        self._stream = stream
        self._columns = columns

    def read(self, size: int, garbage: list[Any] | None = None) -> _Chunk:
        """The next chunk; ``garbage`` (the previous chunk's objects) is freed here, off the loop."""
        if garbage is not None:
            garbage.clear()
        started = time.perf_counter()
        chunk = _Chunk()
        lines, records, chunk.done = self._stream.batch(size, self._plan.settings.data_row)
        chunk.records = len(records)
        chunk.bytes_done = self._stream.bytes_done
        if records:
            self._convert(chunk, lines, records)
            if chunk.ts:
                chunk.keep, chunk.repeated = _first_or_last(chunk.ts, self._replace)
        chunk.seconds = time.perf_counter() - started
        return chunk

    def _convert(self, chunk: _Chunk, lines: list[int], records: list[list[str]]) -> None:
        converted = self._converter.convert(lines, records)
        chunk.decimals = converted.decimals
        chunk.empty_lines = [lines[i] for i in converted.empty]
        for i in sorted(converted.problems):
            column = min(converted.problems[i])
            chunk.invalid.append(RowProblem(lines[i], self._column_name(column), converted.problems[i][column]))
            if not self._plan.skip_invalid:
                return
        dropped = set(converted.empty) | set(converted.problems)
        ts = converted.ts
        if not dropped:
            chunk.ts = ts  # type: ignore[assignment]  # no problem: every timestamp is set
            chunk.values = converted.values
            chunk.notes = converted.notes
            return
        keep = [i for i in range(len(records)) if i not in dropped]
        chunk.ts = [ts[i] for i in keep]  # type: ignore[misc]
        chunk.values = {c: [v[i] for i in keep] for c, v in converted.values.items()}
        if converted.notes is not None:
            notes = converted.notes
            chunk.notes = [notes[i] for i in keep]

    def _column_name(self, column: int) -> str:
        return self._columns[column] if column < len(self._columns) else f"Column {column + 1}"


async def run_import(
    db: SessionProvider,
    plan: ImportPlan,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ImportSummary:
    """Import ``plan`` in one transaction and return what was done.

    Progress is reported on the event loop at least every 250 ms. Without ``plan.skip_invalid`` the
    first invalid row raises ImportFileError naming its line and column; a cancel raises
    ImportCancelledError; in both cases, and for any other error, the database is left exactly as
    it was (the one transaction rolls back).
    """
    with _gc_paused():
        return await _run_import(db, plan, progress, cancel)


class _Collector:
    """How many imports run, and whether the collector was on before the first one."""

    depth = 0
    restore = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while rows stream through (overlapping imports count).

    A full collection walks every container object alive, the chunks' hundreds of thousands of
    tuples included, holding the GIL: measured, it froze the event loop for 220 ms at a time
    (46 ms without it) and slowed the import. Rows hold no reference cycles, so nothing is lost;
    the collector runs again as soon as the last import ends.
    """
    if _Collector.depth == 0:
        _Collector.restore = gc.isenabled()
        gc.disable()
    _Collector.depth += 1
    try:
        yield
    finally:
        _Collector.depth -= 1
        if _Collector.depth == 0 and _Collector.restore:
            gc.enable()


async def _run_import(
    db: SessionProvider,
    plan: ImportPlan,
    progress: Callable[[ImportProgress], None] | None,
    cancel: CancelToken | None,
) -> ImportSummary:
    started = time.perf_counter()
    ChunkConverter(plan)  # settings that cannot work fail here, before the database is touched
    summary = ImportSummary(path=plan.path, source_name=plan.source.name)
    loop = asyncio.get_running_loop()
    columns = await loop.run_in_executor(None, _column_names, plan)
    stream = open_stream(plan)
    await loop.run_in_executor(None, stream.__enter__)
    pending: asyncio.Future[_Chunk] | None = None
    reporter = _Reporter(progress, stream, summary)
    try:
        reporter.report("starting")
        async with db.session() as session:
            source, mapping = await _prepare_source(session, plan, summary)
            converter = ChunkConverter(replace(plan, mapping=mapping))
            summary.ignored_columns = [
                columns[c]
                for c in range(len(columns))
                if c not in (plan.settings.date_column, plan.settings.time_column)
                and mapping.get(c, ColumnTarget()).role is TargetRole.IGNORE
            ]
            metric_of = {c: t.metric.id for c, t in mapping.items() if t.role is TargetRole.METRIC and t.metric}
            conn = await session.connection()
            raw = await conn.get_raw_connection()
            assert source.id is not None
            store = _store_for(conn.dialect.name, raw.driver_connection, source.id, plan.duplicates)
            await store.start()
            reader = _Reader(plan, converter, stream, columns)
            size = FIRST_CHUNK
            max_decimals: dict[int, int] = {}
            pending = loop.run_in_executor(None, reader.read, size)
            cycle_start = time.perf_counter()
            reporter.start()
            while pending is not None:
                chunk = await pending
                pending = None
                _check_cancel(cancel)
                if chunk.invalid and not plan.skip_invalid:
                    problem = chunk.invalid[0]
                    raise ImportFileError(problem.message, problem.line, problem.column)
                _tally(summary, chunk)
                for column, needed in chunk.decimals.items():
                    max_decimals[column] = max(max_decimals.get(column, 0), needed)
                written = await store.write(chunk, metric_of, summary) if chunk.ts else None
                reporter.rows_done += chunk.records
                reporter.bytes_done = chunk.bytes_done
                now = time.perf_counter()
                size = min(_next_size(size, chunk, now - cycle_start), store.max_chunk)
                cycle_start = now
                _check_cancel(cancel)
                reporter.report("reading")
                # A chunk is a hundred thousand objects and more: the worker frees them, not the
                # loop's thread (freeing 100,000 rows there froze it for 100 ms).
                done = chunk.done
                garbage: list[Any] = [chunk, written]
                del chunk, written
                if done:
                    await loop.run_in_executor(None, garbage.clear)
                    break
                # Not while the chunk is stored: sqlite3 takes the GIL back after every row it
                # steps, and a reading thread holding it would make each wait a switch interval.
                pending = loop.run_in_executor(None, reader.read, size, garbage)
                del garbage
            await reporter.stop()
            await _grow_decimals(session, mapping, max_decimals)
            _check_cancel(cancel)
            reporter.bytes_done = stream.bytes_total
            reporter.report("committing")
            # The commit (leaving this block) can take a while on a big import: progress goes on.
            reporter.start("committing")
    except Exception as exc:
        translated = _translated(exc)
        if translated is exc:
            raise
        raise translated from exc
    finally:
        await reporter.stop()
        if pending is not None:
            # A worker may still be reading: let it finish before the file is closed.
            await asyncio.gather(pending, return_exceptions=True)
        stream.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _Reporter:
    """Reports progress after every chunk and, should a chunk take long, every PROGRESS_INTERVAL_S."""

    def __init__(
        self, progress: Callable[[ImportProgress], None] | None, stream: RowStream, summary: ImportSummary
    ) -> None:
        self._progress = progress
        self._stream = stream
        self._summary = summary
        self._ticker: asyncio.Task[None] | None = None
        self._last = 0.0
        self.rows_done = 0
        self.bytes_done = 0
        self.phase = "reading"

    def report(self, phase: str) -> None:
        if self._progress is None:
            return
        summary = self._summary
        self._last = time.perf_counter()
        self._progress(
            ImportProgress(
                self.rows_done,
                self.bytes_done,
                self._stream.bytes_total,
                imported=summary.imported,
                skipped=summary.skipped_duplicates + summary.skipped_empty_rows + summary.invalid_count,
                phase=phase,
            )
        )

    def start(self, phase: str = "reading") -> None:
        """Report ``phase`` at least every PROGRESS_INTERVAL_S until stop()."""
        self.phase = phase
        if self._progress is not None and self._ticker is None:
            self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            await asyncio.gather(self._ticker, return_exceptions=True)
            self._ticker = None

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(max(0.0, self._last + PROGRESS_INTERVAL_S - time.perf_counter()))
            if time.perf_counter() - self._last >= PROGRESS_INTERVAL_S * 0.99:
                self.bytes_done = max(self.bytes_done, self._stream.bytes_done)
                self.report(self.phase)


def _check_cancel(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise ImportCancelledError()


def _next_size(size: int, chunk: _Chunk, cycle_s: float) -> int:
    """The next chunk's rows, so that reading and storing one takes about CHUNK_TARGET_S."""
    if chunk.records < size or cycle_s <= 0:
        return size
    wanted = int(size * CHUNK_TARGET_S / cycle_s)
    return max(200, min(MAX_CHUNK, wanted, size * 2), size // 2)


def _tally(summary: ImportSummary, chunk: _Chunk) -> None:
    summary.skipped_empty_rows += len(chunk.empty_lines)
    room = MAX_LISTED - len(summary.empty_lines)
    if room > 0:
        summary.empty_lines.extend(chunk.empty_lines[:room])
    summary.invalid_count += len(chunk.invalid)
    room = MAX_LISTED - len(summary.invalid)
    if room > 0:
        summary.invalid.extend(chunk.invalid[:room])


def _column_names(plan: ImportPlan) -> list[str]:
    """The plan's column names, or the file's header row read with the plan's settings."""
    width = max([*plan.mapping.keys(), plan.settings.date_column or 0, plan.settings.time_column or 0]) + 1
    names = list(plan.columns)
    header_row = plan.settings.header_row
    if not names and header_row is not None:
        with open_stream(plan) as stream:
            for index, (_line, cells) in enumerate(stream):
                if index == header_row:
                    names = [" ".join(c.split()) for c in cells]
                    break
    names = [n or f"Column {i + 1}" for i, n in enumerate(names)]
    return names + [f"Column {i + 1}" for i in range(len(names), width)]


def _translated(exc: Exception) -> Exception:
    """Errors of the database as messages a user can act on; everything else unchanged."""
    if isinstance(exc, HomeLogError):
        return exc
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return HomeLogError(
            "The database is busy: another program kept it locked for too long. Nothing was imported; try again."
        )
    if "disk is full" in text or "no space" in text:
        return HomeLogError("The disk is full. Nothing was imported.")
    if "readonly" in text or "read-only" in text:
        return HomeLogError("The database cannot be written (read-only file or folder). Nothing was imported.")
    return exc


async def _prepare_source(
    session: Any, plan: ImportPlan, summary: ImportSummary
) -> tuple[Source, dict[int, ColumnTarget]]:
    """The source to import into, created or completed with new metrics; the mapping with metric ids."""
    sources = SourceRepository(session)
    new_metrics = [(c, t.metric) for c, t in sorted(plan.mapping.items()) if t.is_new_metric and t.metric]
    names = [m.name.strip().casefold() for _c, m in new_metrics]
    if len(set(names)) != len(names):
        raise ImportFileError("two columns would create metrics with the same name: rename one")
    if plan.source.id is None:
        metrics = tuple(m for _c, m in new_metrics)
        if not metrics:
            raise ImportFileError("a new source needs at least one column mapped to a new metric")
        source = await sources.add(replace(plan.source, metrics=metrics))
        summary.source_created = True
        summary.metrics_created = [m.label for m in metrics]
    else:
        try:
            source = await sources.get(plan.source.id)
        except NotFoundError:
            raise ImportFileError(f"the source “{plan.source.name}” no longer exists") from None
        if new_metrics:
            existing = {m.name.strip().casefold() for m in source.metrics}
            clash = next((m.name for _c, m in new_metrics if m.name.strip().casefold() in existing), None)
            if clash is not None:
                raise ImportFileError(f"the source “{source.name}” already has a metric named “{clash}”")
            source = await sources.update(replace(source, metrics=source.metrics + tuple(m for _c, m in new_metrics)))
            summary.metrics_created = [m.label for _c, m in new_metrics]
    summary.source_id = source.id
    summary.source_name = source.name
    by_id = {m.id: m for m in source.metrics}
    by_name = {m.name.casefold(): m for m in source.metrics}
    mapping: dict[int, ColumnTarget] = {}
    for column, target in plan.mapping.items():
        if target.role is not TargetRole.METRIC or target.metric is None:
            mapping[column] = target
            continue
        metric: Metric | None
        if target.metric.id is None:
            metric = by_name.get(target.metric.name.strip().casefold())
            if metric is not None:
                # Created above with the file's decimals at least: values may still grow them.
                metric = replace(metric, decimals=min(max(metric.decimals, target.metric.decimals), MAX_DECIMALS))
                mapping[column] = _Growing(TargetRole.METRIC, metric)
                continue
        else:
            metric = by_id.get(target.metric.id)
        if metric is None:
            raise ImportFileError(f"the metric “{target.metric.name}” is no longer part of “{source.name}”")
        mapping[column] = ColumnTarget.to_metric(metric)
    return source, mapping


class _Growing(ColumnTarget):
    """A metric created by this import (it has an id now, but its decimals still follow its values)."""

    __slots__ = ()

    @property
    def is_new_metric(self) -> bool:
        return True


async def _grow_decimals(session: Any, mapping: dict[int, ColumnTarget], needed: dict[int, int]) -> None:
    from sqlalchemy import update

    from ...db.tables import MetricRow

    for column, target in mapping.items():
        if isinstance(target, _Growing) and target.metric is not None and target.metric.id is not None:
            decimals = min(MAX_DECIMALS, max(target.metric.decimals, needed.get(column, 0)))
            await session.execute(update(MetricRow).where(MetricRow.id == target.metric.id).values(decimals=decimals))


# -- the stores: one per driver ---------------------------------------------------------------------


class _Store:
    """Writes chunks of rows with the driver's executemany, handling duplicates of stored readings."""

    #: Most rows per chunk.
    max_chunk = MAX_CHUNK

    def __init__(self, driver: Any, source_id: int, duplicates: DuplicatePolicy) -> None:
        self.driver = driver
        self.source_id = source_id
        self.replace = duplicates == DuplicatePolicy.REPLACE
        self.first_id = 0
        self.now = to_epoch(utc_now())
        #: (first, last) time of the source's stored readings; None when it has none.
        self.stored_range: tuple[int, int] | None = None
        #: (first, last) time of each chunk written, merged as they touch.
        self._written: list[tuple[int, int]] = []

    async def start(self) -> None:
        raise NotImplementedError

    def _overlaps(self, low: int, high: int) -> bool:
        """Whether a stored reading, or a row written before, may have a time in [low, high].

        A sorted file (the usual case) never overlaps what it wrote before, and a new source has
        no stored readings: then no query is needed.
        """
        if self.stored_range is not None and low <= self.stored_range[1] and high >= self.stored_range[0]:
            return True
        return any(low <= b and high >= a for a, b in self._written)

    async def existing(self, stamps: list[int]) -> list[tuple[int, int]]:
        """(ts, id) of the stored readings of the source at these times."""
        raise NotImplementedError

    async def ids(self, n: int) -> list[int]:
        raise NotImplementedError

    async def delete(self, stamps: list[int]) -> None:
        raise NotImplementedError

    async def insert(self, readings: list[tuple[Any, ...]], values: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    async def write(
        self, chunk: _Chunk, metric_of: dict[int, int | None], summary: ImportSummary
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]] | None:
        """Store a chunk's rows; returns the parameter lists, for the caller to free off the loop."""
        loop = asyncio.get_running_loop()
        keep = chunk.keep
        summary.skipped_duplicates += chunk.repeated
        stamps = chunk.ts if keep is None else [chunk.ts[i] for i in keep]
        low, high = min(stamps), max(stamps)
        stored: list[tuple[int, int]] = []
        if self._overlaps(low, high):
            stored = await self.existing(stamps)
        if self._written and self._written[-1][1] <= low:
            self._written[-1] = (self._written[-1][0], high)  # sorted rows: one growing range
        else:
            self._written.append((low, high))
        drop: set[int] = set()
        if stored:
            times = {ts for ts, _id in stored}
            if self.replace:
                own = sum(1 for _ts, rid in stored if rid >= self.first_id)
                summary.replaced += len(stored) - own
                summary.imported -= own  # an earlier row of this file, replaced by a later one
                summary.skipped_duplicates += own
                await self.delete(sorted(times))
            else:
                summary.skipped_duplicates += len(times)
                drop = times
        n = len(stamps) - len(drop)
        if n <= 0:
            return None
        ids = await self.ids(n)
        readings, values = await loop.run_in_executor(
            None, _parameters, chunk, keep, drop, ids, self.source_id, self.now, metric_of
        )
        await self.insert(readings, values)
        summary.imported += len(readings)
        return readings, values


def _first_or_last(stamps: list[int], last: bool) -> tuple[list[int] | None, int]:
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
    chunk: _Chunk,
    keep: list[int] | None,
    drop: set[int],
    ids: list[int],
    source_id: int,
    now: int,
    metric_of: dict[int, int | None],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The executemany parameters of a chunk's rows (run in a worker: plain tuples, built mostly in C)."""
    indexes: list[int] | range = range(len(chunk.ts)) if keep is None else keep
    if drop:
        indexes = [i for i in indexes if chunk.ts[i] not in drop]
    whole = isinstance(indexes, range)
    ts = chunk.ts if whole else [chunk.ts[i] for i in indexes]
    if chunk.notes is None:
        notes: Any = repeat("")
    else:
        notes = chunk.notes if whole else [chunk.notes[i] for i in indexes]
    readings = list(zip(ids, repeat(source_id), ts, notes, repeat(now), repeat(now), strict=False))
    # Values in reading order (r1 Day, r1 Night, r2 Day...): the primary key (reading_id, metric_id)
    # then only ever appends, as a B-tree likes best; metric by metric it would split pages half-full.
    metric_ids = [metric_of[column] for column in chunk.values]
    columns = [v if whole else [v[i] for i in indexes] for v in chunk.values.values()]
    values: list[tuple[Any, ...]]
    if len(columns) == 1:
        (only,) = columns
        metric_id = metric_ids[0]
        if None in only:
            values = [(r, metric_id, t, v) for r, t, v in zip(ids, ts, only, strict=True) if v is not None]
        else:
            values = list(zip(ids, repeat(metric_id), ts, only, strict=False))
    elif not any(None in column for column in columns):
        per_column = [
            list(zip(ids, repeat(m), ts, column, strict=False)) for m, column in zip(metric_ids, columns, strict=True)
        ]
        values = list(chain.from_iterable(zip(*per_column, strict=True)))
    else:
        values = [
            (r, m, t, v)
            for r, t, *row in zip(ids, ts, *columns, strict=True)
            for m, v in zip(metric_ids, row, strict=True)
            if v is not None
        ]
    return readings, values


class _SqliteStore(_Store):
    async def start(self) -> None:
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

    async def existing(self, stamps: list[int]) -> list[tuple[int, int]]:
        cursor = await self.driver.execute(
            "SELECT ts, id FROM readings WHERE source_id = ? AND ts IN (SELECT value FROM json_each(?))",
            (self.source_id, json.dumps(stamps)),
        )
        rows = await cursor.fetchall()
        await cursor.close()
        return [(int(ts), int(rid)) for ts, rid in rows]

    async def ids(self, n: int) -> list[int]:
        first = self._next
        self._next += n
        return list(range(first, first + n))

    async def delete(self, stamps: list[int]) -> None:
        cursor = await self.driver.execute(
            "DELETE FROM readings WHERE source_id = ? AND ts IN (SELECT value FROM json_each(?))",
            (self.source_id, json.dumps(stamps)),
        )
        await cursor.close()

    async def insert(self, readings: list[tuple[Any, ...]], values: list[tuple[Any, ...]]) -> None:
        cursor = await self.driver.executemany(
            "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
            readings,
        )
        await cursor.close()
        cursor = await self.driver.executemany(
            "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES (?, ?, ?, ?)", values
        )
        await cursor.close()


class _PostgresStore(_Store):
    #: asyncpg encodes executemany's rows on the event loop's thread: small chunks keep each call short.
    max_chunk = 10_000

    async def start(self) -> None:
        self._sequence = await self.driver.fetchval("SELECT pg_get_serial_sequence('readings', 'id')")
        self.first_id = int(await self.driver.fetchval("SELECT nextval($1::regclass)", self._sequence))
        self._spare = [self.first_id]
        low, high = await self.driver.fetchrow(
            "SELECT min(ts), max(ts) FROM readings WHERE source_id = $1", self.source_id
        )
        self.stored_range = None if low is None else (int(low), int(high))

    async def existing(self, stamps: list[int]) -> list[tuple[int, int]]:
        rows = await self.driver.fetch(
            "SELECT ts, id FROM readings WHERE source_id = $1 AND ts = ANY($2::bigint[])", self.source_id, stamps
        )
        return [(int(r[0]), int(r[1])) for r in rows]

    async def ids(self, n: int) -> list[int]:
        ids, self._spare = self._spare[:n], self._spare[n:]
        if len(ids) < n:
            rows = await self.driver.fetch(
                "SELECT nextval($1::regclass) FROM generate_series(1, $2)", self._sequence, n - len(ids)
            )
            ids.extend(int(r[0]) for r in rows)
        return ids

    async def delete(self, stamps: list[int]) -> None:
        await self.driver.execute(
            "DELETE FROM readings WHERE source_id = $1 AND ts = ANY($2::bigint[])", self.source_id, stamps
        )

    async def insert(self, readings: list[tuple[Any, ...]], values: list[tuple[Any, ...]]) -> None:
        await self.driver.executemany(
            "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, false, false, $5, $6)",
            readings,
        )
        await self.driver.executemany(
            "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES ($1, $2, $3, $4)", values
        )


def _store_for(dialect: str, driver: Any, source_id: int, duplicates: DuplicatePolicy) -> _Store:
    if dialect == "sqlite":
        return _SqliteStore(driver, source_id, duplicates)
    if dialect == "postgresql" and hasattr(driver, "executemany") and hasattr(driver, "fetchval"):
        return _PostgresStore(driver, source_id, duplicates)
    raise HomeLogError(f"importing into a {dialect} database is not supported")
