"""The import itself: one transaction, bulk rows through the driver's executemany, all or nothing.

The file is read and converted a chunk at a time in a worker thread (the next chunk is parsed while
the current one is stored), so the event loop only passes plain lists between threads. Rows reach
the database through the DBAPI driver's own ``executemany`` (aiosqlite runs it in its thread,
asyncpg pipelines it): SQLAlchemy's per-row parameter processing would run on the loop thread and
freeze the window for seconds, and ORM objects are 4 to 76 times slower. Every chunk runs inside
the one ``db.session()`` unit of work: an error or a cancel rolls all of it back.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ...db.handle import SessionProvider
from ...domain.entities import MAX_DECIMALS, Metric, Source
from ...domain.errors import HomeLogError, NotFoundError
from ...domain.timeutil import to_epoch, utc_now
from ...repositories import SourceRepository
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
from .rows import RowConverter, data_records, open_stream

#: Time a chunk should take to read and store, well under the 250 ms between progress reports.
CHUNK_TARGET_S = 0.08
FIRST_CHUNK = 2_000
MAX_CHUNK = 50_000


@dataclass(slots=True)
class _Chunk:
    """Rows read by a worker: ``rows`` are (line, ts, [(column, value)], note)."""

    rows: list[tuple[int, int, list[tuple[int, float]], str]] = field(default_factory=list)
    invalid: list[RowProblem] = field(default_factory=list)
    empty_lines: list[int] = field(default_factory=list)
    #: column -> most decimals a value of it needed.
    decimals: dict[int, int] = field(default_factory=dict)
    records: int = 0
    bytes_done: int = 0
    done: bool = False
    seconds: float = 0.0


class _Reader:
    """Reads chunks of converted rows from the stream (only ever one thread at a time)."""

    def __init__(self, plan: ImportPlan, converter: RowConverter, stream: RowStream, columns: list[str]) -> None:
        self._plan = plan
        self._converter = converter
        self._stream = stream
        self._records: Iterator[tuple[int, list[str]]] = data_records(stream, plan.settings.data_row)
        self._columns = columns
        self._value_columns = {c for c, _p in converter.value_columns}

    def read(self, size: int) -> _Chunk:
        started = time.perf_counter()
        chunk = _Chunk()
        convert = self._converter.convert
        rows = chunk.rows
        decimals = chunk.decimals
        for line, cells in self._records:
            chunk.records += 1
            row = convert(line, cells)
            if row.problems:
                if not row.values and not any(c in self._value_columns for c in row.problems):
                    chunk.empty_lines.append(line)  # nothing to store: skipped, whatever its date says
                else:
                    column = min(row.problems)
                    problem = RowProblem(line, self._column_name(column), row.problems[column])
                    if not self._plan.skip_invalid:
                        chunk.invalid.append(problem)
                        break
                    chunk.invalid.append(problem)
            elif not row.values:
                chunk.empty_lines.append(line)
            else:
                assert row.ts is not None
                rows.append((line, row.ts, row.values, row.note))
                for (column, _value), needed in zip(row.values, row.decimals, strict=True):
                    if needed > decimals.get(column, 0):
                        decimals[column] = needed
            if chunk.records >= size:
                break
        else:
            chunk.done = True
        chunk.bytes_done = self._stream.bytes_done
        chunk.seconds = time.perf_counter() - started
        return chunk

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
    started = time.perf_counter()
    RowConverter(plan)  # settings that cannot work fail here, before the database is touched
    summary = ImportSummary(path=plan.path, source_name=plan.source.name)
    loop = asyncio.get_running_loop()
    columns = await loop.run_in_executor(None, _column_names, plan)
    stream = open_stream(plan)
    await loop.run_in_executor(None, stream.__enter__)
    pending: asyncio.Future[_Chunk] | None = None
    try:
        if progress is not None:
            progress(ImportProgress(0, 0, stream.bytes_total, phase="starting"))
        async with db.session() as session:
            source, mapping = await _prepare_source(session, plan, summary)
            converter = RowConverter(replace(plan, mapping=mapping))
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
            rows_done = 0
            pending = loop.run_in_executor(None, reader.read, size)
            while pending is not None:
                chunk = await pending
                pending = None
                _check_cancel(cancel)
                if chunk.invalid and not plan.skip_invalid:
                    problem = chunk.invalid[0]
                    raise ImportFileError(problem.message, problem.line, problem.column)
                size = _next_size(size, chunk)
                if not chunk.done:
                    pending = loop.run_in_executor(None, reader.read, size)
                _tally(summary, chunk)
                for column, needed in chunk.decimals.items():
                    max_decimals[column] = max(max_decimals.get(column, 0), needed)
                if chunk.rows:
                    await store.write(chunk.rows, metric_of, summary)
                rows_done += chunk.records
                _check_cancel(cancel)
                if progress is not None:
                    progress(
                        ImportProgress(
                            rows_done,
                            chunk.bytes_done,
                            stream.bytes_total,
                            imported=summary.imported,
                            skipped=summary.skipped_duplicates + summary.skipped_empty_rows + summary.invalid_count,
                        )
                    )
                if chunk.done:
                    break
            await _grow_decimals(session, mapping, max_decimals)
            _check_cancel(cancel)
            if progress is not None:
                progress(
                    ImportProgress(
                        rows_done,
                        stream.bytes_total,
                        stream.bytes_total,
                        imported=summary.imported,
                        skipped=summary.skipped_duplicates + summary.skipped_empty_rows + summary.invalid_count,
                        phase="committing",
                    )
                )
    except Exception as exc:
        raise _translated(exc) from exc
    finally:
        if pending is not None:
            # A worker may still be reading: let it finish before the file is closed.
            await asyncio.gather(pending, return_exceptions=True)
        stream.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _check_cancel(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise ImportCancelledError()


def _next_size(size: int, chunk: _Chunk) -> int:
    if chunk.seconds <= 0 or chunk.records < size:
        return size
    # The parse is about half of a chunk's time; aim the whole at CHUNK_TARGET_S.
    wanted = int(size * (CHUNK_TARGET_S / 2) / chunk.seconds)
    return max(500, min(MAX_CHUNK, wanted, size * 4))


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

    def __init__(self, driver: Any, source_id: int, duplicates: DuplicatePolicy) -> None:
        self.driver = driver
        self.source_id = source_id
        self.replace = duplicates == DuplicatePolicy.REPLACE
        self.first_id = 0
        self.now = to_epoch(utc_now())

    async def start(self) -> None:
        raise NotImplementedError

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
        self,
        rows: list[tuple[int, int, list[tuple[int, float]], str]],
        metric_of: dict[int, int | None],
        summary: ImportSummary,
    ) -> None:
        # Duplicates within the chunk: skip keeps the first row of a time, replace the last.
        keep: dict[int, int] = {}
        for index, (_line, ts, _values, _note) in enumerate(rows):
            if ts in keep:
                summary.skipped_duplicates += 1
                if not self.replace:
                    continue
            keep[ts] = index
        stored = await self.existing(list(keep))
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
                for ts in times:
                    del keep[ts]
        order = sorted(keep.values())
        ids = await self.ids(len(order))
        now = self.now
        source_id = self.source_id
        readings = []
        values = []
        for reading_id, index in zip(ids, order, strict=True):
            _line, ts, cells, note = rows[index]
            readings.append((reading_id, source_id, ts, note, now, now))
            for column, value in cells:
                values.append((reading_id, metric_of[column], ts, value))
        if readings:
            await self.insert(readings, values)
        summary.imported += len(readings)


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
    async def start(self) -> None:
        self._sequence = await self.driver.fetchval("SELECT pg_get_serial_sequence('readings', 'id')")
        self.first_id = int(await self.driver.fetchval("SELECT nextval($1::regclass)", self._sequence))
        self._spare = [self.first_id]

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
