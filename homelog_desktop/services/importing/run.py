"""The import itself: one transaction, rows stored in bulk chunks, all or nothing.

The file is read and converted a chunk at a time in a worker thread, so the event loop only passes
plain lists between threads. Rows reach the database through the bulk repository
(``repositories.bulk_readings``: the driver's own ``executemany``). Every chunk runs inside the one
``db.session()`` unit of work: an error or a cancel rolls all of it back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ...db.handle import SessionProvider
from ...domain.entities import MAX_DECIMALS, Metric, MetricKind, Source
from ...domain.errors import HomeLogError, NotFoundError
from ...domain.undo import MAX_UNDO_REPLACED
from ...i18n import translate
from ...repositories import SourceRepository
from ...repositories.bulk_readings import (
    MAX_CHUNK,
    BulkReadingWriter,
    BulkRows,
    fill_interval_starts,
    first_or_last,
    lock_source_name,
    set_metric_decimals,
)
from ..bulk import gc_paused
from ..undo import import_undo
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
    no_value,
)
from .rows import RecordStream, open_stream

#: Time a chunk should take to read and store. Progress comes every 200 ms anyway; the size is bounded
#: because each list-wide C call (building, converting, freeing a chunk) holds the GIL throughout,
#: so the event loop waits for it: 100,000-row chunks stalled it for up to 150 ms.
CHUNK_TARGET_S = 0.15
#: Longest time between two progress reports, whatever a chunk takes.
PROGRESS_INTERVAL_S = 0.2
FIRST_CHUNK = 5_000


@dataclass(slots=True)
class _Chunk:
    """Rows read and converted by a worker: the storable ones as columns, the others reported."""

    ts: list[int] = field(default_factory=list)
    #: The file line of each row of ``ts``.
    lines: list[int] = field(default_factory=list)
    #: column -> value per row (None: empty cell).
    values: dict[int, list[float | None]] = field(default_factory=dict)
    notes: list[str] | None = None
    #: The start of each row's period (interval values), None: since the previous value.
    starts: list[int | None] | None = None
    #: Value column -> its own period start per row (ImportSettings.start_columns).
    column_starts: dict[int, list[int | None]] = field(default_factory=dict)
    invalid: list[RowProblem] = field(default_factory=list)
    empty_lines: list[int] = field(default_factory=list)
    #: Cells of stored rows that mean "no value" (NaN, -, n/a, a word): missing values, listed.
    missing: list[RowProblem] = field(default_factory=list)
    #: Rows that are no reading (a total line, a banner, a repeated header): skipped, listed.
    not_readings: list[RowProblem] = field(default_factory=list)
    #: column -> most decimals a value of it needed (columns of created metrics).
    decimals: dict[int, int] = field(default_factory=dict)
    records: int = 0
    bytes_done: int = 0
    done: bool = False
    seconds: float = 0.0
    #: Rows to store when a time occurs twice in the chunk (None: all of them), and how many were left out.
    keep: list[int] | None = None
    repeated: int = 0
    #: Lines of the rows left out because their time occurs again in the chunk.
    repeated_lines: list[int] = field(default_factory=list)
    #: Home Log's own export: each row's flags and its author's name ("": nobody); None without those columns.
    estimated: list[bool] | None = None
    from_bill: list[bool] | None = None
    authors: list[str] | None = None


class _Reader:
    """Reads and converts chunks of records (only ever one thread at a time)."""

    def __init__(self, plan: ImportPlan, converter: ChunkConverter, stream: RecordStream, columns: list[str]) -> None:
        self._replace = plan.duplicates == DuplicatePolicy.REPLACE
        #: A long file: rows of one time (one per register) are merged into one reading.
        self._merge = merges_rows(plan)
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
            if chunk.ts and self._merge:
                _merge_same_times(chunk, self._replace)
            elif chunk.ts:
                chunk.keep, chunk.repeated = first_or_last(chunk.ts, self._replace)
                if chunk.keep is not None:
                    kept = set(chunk.keep)
                    chunk.repeated_lines = [line for i, line in enumerate(chunk.lines) if i not in kept]
        chunk.seconds = time.perf_counter() - started
        return chunk

    def _convert(self, chunk: _Chunk, lines: list[int], records: list[list[str]]) -> None:
        converted = self._converter.convert(lines, records)
        chunk.decimals = converted.decimals
        chunk.empty_lines = [lines[i] for i in converted.empty]
        chunk.not_readings = [
            RowProblem(lines[i], "", translate("ImportRun", "not a reading: “{text}”").format(text=_shortened(text)))
            for i, text in sorted(converted.not_readings.items())
        ]
        chunk.missing = [
            RowProblem(lines[i], self._column_name(column), no_value(_shortened(text)))
            for i, cells in sorted(converted.missing.items())
            if i not in converted.problems
            for column, text in sorted(cells.items())
        ]
        for i in sorted(converted.problems):
            column = min(converted.problems[i])
            chunk.invalid.append(RowProblem(lines[i], self._column_name(column), converted.problems[i][column]))
            if not self._plan.skip_invalid:
                return
        dropped = set(converted.empty) | set(converted.problems) | set(converted.not_readings)
        ts = converted.ts
        if not dropped:
            chunk.ts = ts  # type: ignore[assignment]  # no problem: every timestamp is set
            chunk.lines = lines
            chunk.values = converted.values
            chunk.notes = converted.notes
            chunk.starts = converted.starts
            chunk.column_starts = converted.column_starts
            chunk.estimated, chunk.from_bill = converted.estimated, converted.from_bill
            chunk.authors = converted.authors
            return
        keep = [i for i in range(len(records)) if i not in dropped]
        chunk.ts = [ts[i] for i in keep]  # type: ignore[misc]
        chunk.lines = [lines[i] for i in keep]
        chunk.values = {c: [v[i] for i in keep] for c, v in converted.values.items()}
        if converted.notes is not None:
            notes = converted.notes
            chunk.notes = [notes[i] for i in keep]
        if converted.starts is not None:
            starts = converted.starts
            chunk.starts = [starts[i] for i in keep]
        chunk.column_starts = {c: [v[i] for i in keep] for c, v in converted.column_starts.items()}
        if converted.estimated is not None:
            chunk.estimated = [converted.estimated[i] for i in keep]
        if converted.from_bill is not None:
            chunk.from_bill = [converted.from_bill[i] for i in keep]
        if converted.authors is not None:
            chunk.authors = [converted.authors[i] for i in keep]

    def _column_name(self, column: int) -> str:
        return self._columns[column] if column < len(self._columns) else f"Column {column + 1}"


async def run_import(
    db: SessionProvider,
    plan: ImportPlan,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
    *,
    undoable: bool = False,
) -> ImportSummary:
    """Import ``plan`` in one transaction and return what was done.

    ``undoable``: keep the stored rows it replaces (``ImportSummary.replaced_rows``, up to
    MAX_UNDO_REPLACED readings), for Edit → Undo to put them back (the window's import; not the CLI's).

    Progress is reported on the event loop at least every 250 ms. Without ``plan.skip_invalid`` the
    first invalid row raises ImportFileError naming its line and column; a cancel raises
    ImportCancelledError; in both cases, and for any other error, the database is left exactly as
    it was (the one transaction rolls back).
    """
    with gc_paused():
        return await _run_import(db, plan, progress, cancel, undoable)


async def _run_import(
    db: SessionProvider,
    plan: ImportPlan,
    progress: Callable[[ImportProgress], None] | None,
    cancel: CancelToken | None,
    undoable: bool = False,
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
            settings = plan.settings
            used = {settings.date_column, settings.time_column, settings.register_column, settings.unit_column}
            used.update(settings.value_columns)  # a long file's values went to the registers' columns
            used.update(settings.day_columns)  # a day row's amounts went to the amount column
            used.add(settings.period_column)  # a period's other end
            used.update(start for _value, start in settings.start_columns)  # an export's "X start" columns
            used.update((settings.estimated_column, settings.from_bill_column, settings.author_column))
            summary.ignored_columns = [
                columns[c]
                for c in range(len(columns))
                if c not in used and mapping.get(c, ColumnTarget()).role is TargetRole.IGNORE
            ]
            metric_of = {c: t.metric.id for c, t in mapping.items() if t.role is TargetRole.METRIC and t.metric}
            intervals = frozenset(
                c
                for c, t in mapping.items()
                if t.role is TargetRole.METRIC and t.metric and t.metric.kind is MetricKind.INTERVAL
            )
            assert source.id is not None
            authors = await _authors(session, plan, summary)
            store = await BulkReadingWriter.open(
                session,
                source.id,
                replace=plan.duplicates == DuplicatePolicy.REPLACE,
                merge=merges_rows(plan),
                keep_replaced=MAX_UNDO_REPLACED if undoable else None,
            )
            summary.first_reading_id = store.first_id
            summary.reading_id_runs = store.id_runs  # filled as the rows are written
            reader = _Reader(plan, converter, stream, columns)
            size = FIRST_CHUNK
            max_decimals: dict[int, int] = {}
            pending = loop.run_in_executor(None, reader.read, size)
            freed: list[Any] | None = None
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
                done = chunk.done
                if store.reads_while_writing and not done:
                    # The server stores this chunk while the worker reads the next one (and frees
                    # the chunk before, ``freed``): the file's parsing hides behind the server's work.
                    pending = loop.run_in_executor(None, reader.read, size, freed)
                    freed = None
                written = await _write(store, chunk, metric_of, intervals, summary, authors) if chunk.ts else None
                reporter.rows_done += chunk.records
                reporter.bytes_done = chunk.bytes_done
                now = time.perf_counter()
                size = min(next_chunk_size(size, chunk.records, now - cycle_start), store.max_chunk)
                cycle_start = now
                _check_cancel(cancel)
                reporter.report("reading")
                # A chunk is a hundred thousand objects and more: the worker frees them, not the
                # loop's thread (freeing 100,000 rows there froze it for 100 ms).
                garbage: list[Any] = [chunk, written]
                del chunk, written
                if done:
                    if freed is not None:
                        garbage.extend(freed)  # (the previous chunk's, when reads overlapped writes)
                        freed = None
                    await loop.run_in_executor(None, garbage.clear)
                    break
                if store.reads_while_writing:
                    freed = garbage  # freed by the read that starts with the next chunk's store
                else:
                    # Not while the chunk is stored: sqlite3 takes the GIL back after every row it
                    # steps, and a reading thread holding it would make each wait a switch interval.
                    pending = loop.run_in_executor(None, reader.read, size, garbage)
                del garbage
            await reporter.stop()
            summary.replaced_rows = store.replaced_rows
            await _grow_decimals(session, mapping, max_decimals)
            # Interval values stored without a start run since the previous value of their metric.
            await fill_interval_starts(session, sorted({m for c, m in metric_of.items() if c in intervals and m}))
            if undoable:
                summary.undo = await import_undo(
                    session,
                    source.id,
                    created=summary.source_created,
                    metrics=summary.created_metric_ids,
                    runs=store.id_runs,
                    replaced=store.replaced_rows,
                )
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
        self, progress: Callable[[ImportProgress], None] | None, stream: RecordStream, summary: ImportSummary
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
                skipped=summary.skipped_rows,
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


def next_chunk_size(size: int, records: int, cycle_s: float) -> int:
    """The next chunk's rows, so that reading and storing one takes about CHUNK_TARGET_S (``records``: the
    rows the last chunk of ``size`` had, which took ``cycle_s``)."""
    if records < size or cycle_s <= 0:
        return size
    wanted = int(size * CHUNK_TARGET_S / cycle_s)
    return max(200, min(MAX_CHUNK, wanted, size * 2), size // 2)


def merges_rows(plan: ImportPlan) -> bool:
    """Whether rows of one time make one reading: a long file (a row per register) or a file of blocks."""
    return plan.settings.register_column is not None or bool(plan.settings.blocks)


def _merge_same_times(chunk: _Chunk, replace: bool) -> None:
    """Merge a long file's rows of one time (one per register) into one row of the chunk.

    A value for a column that an earlier row of that time already gave is a duplicate in the file:
    the first one is kept (``replace``: the last), and a row that brings nothing new is listed as
    skipped for the time of an earlier reading.
    """
    if len(set(chunk.ts)) == len(chunk.ts):
        return
    position: dict[int, int] = {}
    ts: list[int] = []
    lines: list[int] = []
    columns = list(chunk.values.items())
    merged: dict[int, list[float | None]] = {column: [] for column, _values in columns}
    notes = chunk.notes
    merged_notes: list[str] | None = [] if notes is not None else None
    # Period starts go with their values (a register's row brings its own amount and period).
    starts = chunk.starts
    merged_starts: list[int | None] | None = [] if starts is not None else None
    column_starts = list(chunk.column_starts.items())
    merged_column_starts: dict[int, list[int | None]] = {column: [] for column, _s in column_starts}
    repeated: list[int] = []
    for i, moment in enumerate(chunk.ts):
        k = position.get(moment)
        if k is None:
            position[moment] = len(ts)
            ts.append(moment)
            lines.append(chunk.lines[i])
            for column, values in columns:
                merged[column].append(values[i])
            if merged_notes is not None and notes is not None:
                merged_notes.append(notes[i])
            if merged_starts is not None and starts is not None:
                merged_starts.append(starts[i])
            for column, column_start in column_starts:
                merged_column_starts[column].append(column_start[i])
            continue
        new = False
        for column, values in columns:
            value = values[i]
            if value is None:
                continue
            target = merged[column]
            if target[k] is None:
                new = True
            elif not replace:
                continue
            target[k] = value
            if column in merged_column_starts:
                merged_column_starts[column][k] = chunk.column_starts[column][i]
        if merged_starts is not None and starts is not None and (merged_starts[k] is None or replace):
            merged_starts[k] = starts[i] if starts[i] is not None else merged_starts[k]
        if merged_notes is not None and notes is not None and notes[i] and not merged_notes[k]:
            merged_notes[k] = notes[i]
        if not new:
            repeated.append(chunk.lines[i])
    chunk.ts, chunk.lines, chunk.values, chunk.notes = ts, lines, merged, merged_notes
    chunk.starts, chunk.column_starts = merged_starts, merged_column_starts
    chunk.keep = None
    chunk.estimated = chunk.from_bill = chunk.authors = None  # an export's rows never share a time
    chunk.repeated = len(repeated)
    chunk.repeated_lines = repeated


def _shortened(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most] + "…"


def _tally(summary: ImportSummary, chunk: _Chunk) -> None:
    summary.missing_count += len(chunk.missing)
    room = MAX_LISTED - len(summary.missing)
    if room > 0:
        summary.missing.extend(chunk.missing[:room])
    summary.not_reading_count += len(chunk.not_readings)
    room = MAX_LISTED - len(summary.not_readings)
    if room > 0:
        summary.not_readings.extend(chunk.not_readings[:room])
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
            translate(
                "ImportRun",
                "The database is busy: another program kept it locked for too long. Nothing was imported; try again.",
            )
        )
    if "disk is full" in text or "no space" in text:
        return HomeLogError(translate("ImportRun", "The disk is full. Nothing was imported."))
    if "readonly" in text or "read-only" in text:
        return HomeLogError(
            translate("ImportRun", "The database cannot be written (read-only file or folder). Nothing was imported.")
        )
    if "uq_readings_source_id_ts" in text or "readings.source_id, readings.ts" in text:
        # Imports take turns, but a reading typed in a window of another PC may land in between.
        return HomeLogError(
            translate(
                "ImportRun",
                "Another program stored a reading at the time of a row of this file meanwhile. Nothing was imported;"
                " try again (that row is then skipped as a duplicate).",
            )
        )
    if "uq_sources_owner_name" in text or "sources.owner_id, sources.name" in text:
        return HomeLogError(
            translate(
                "ImportRun",
                "Another program created a source with this name meanwhile. Nothing was imported; try again.",
            )
        )
    return exc


async def _prepare_source(
    session: Any, plan: ImportPlan, summary: ImportSummary
) -> tuple[Source, dict[int, ColumnTarget]]:
    """The source to import into, created or completed with new metrics; the mapping with metric ids."""
    sources = SourceRepository(session)
    new_metrics = [(c, t.metric) for c, t in sorted(plan.mapping.items()) if t.is_new_metric and t.metric]
    names = [m.name.strip().casefold() for _c, m in new_metrics]
    if len(set(names)) != len(names):
        raise ImportFileError(translate("ImportRun", "two columns would create metrics with the same name: rename one"))
    existing_source: Source | None = None
    if plan.source.id is None and plan.join_created:
        # Another import may be creating the same source right now: the second waits here for the
        # first to commit, then imports into the source the first created (its duplicates skipped).
        await lock_source_name(session, plan.source.name)
        try:
            existing_source = await sources.get_by_name(plan.source.name.strip())
        except NotFoundError:
            existing_source = None
    if existing_source is not None:
        source = _created_meanwhile(existing_source, [m for _c, m in new_metrics])
    elif plan.source.id is None:
        metrics = tuple(m for _c, m in new_metrics)
        if not metrics:
            raise ImportFileError(
                translate("ImportRun", "a new source needs at least one column mapped to a new metric")
            )
        source = await sources.add(replace(plan.source, metrics=metrics))
        summary.source_created = True
        summary.metrics_created = [m.label for m in metrics]
        summary.created_metric_ids = [m.id for m in source.metrics if m.id is not None]
    else:
        try:
            source = await sources.get(plan.source.id)
        except NotFoundError:
            raise ImportFileError(
                translate("ImportRun", "the source “{name}” no longer exists").format(name=plan.source.name)
            ) from None
        if new_metrics:
            existing = {m.name.strip().casefold() for m in source.metrics}
            clash = next((m.name for _c, m in new_metrics if m.name.strip().casefold() in existing), None)
            if clash is not None:
                raise ImportFileError(
                    translate("ImportRun", "the source “{name}” already has a metric named “{metric}”").format(
                        name=source.name, metric=clash
                    )
                )
            source = await sources.update(replace(source, metrics=source.metrics + tuple(m for _c, m in new_metrics)))
            summary.metrics_created = [m.label for _c, m in new_metrics]
            summary.created_metric_ids = [
                m.id for m in source.metrics if m.id is not None and m.name.strip().casefold() in names
            ]
    if source.virtual:
        raise ImportFileError(
            translate(
                "ImportRun",
                "“{name}” is a virtual meter: its figures are computed from its inputs, it has no readings of its own."
                " Import into one of its inputs instead.",
            ).format(name=source.name)
        )
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
            raise ImportFileError(
                translate("ImportRun", "the metric “{metric}” is no longer part of “{name}”").format(
                    metric=target.metric.name, name=source.name
                )
            )
        mapping[column] = ColumnTarget.to_metric(metric)
    return source, mapping


def _created_meanwhile(source: Source, wanted: list[Metric]) -> Source:
    """The source another import created under the name this one was to create, if it has the metrics wanted."""
    have = {m.name.strip().casefold() for m in source.metrics}
    missing = [m.name for m in wanted if m.name.strip().casefold() not in have]
    if missing:
        raise ImportFileError(
            translate(
                "ImportRun",
                "a source named “{name}” was created meanwhile, without the metric “{metric}”: import into it instead",
            ).format(name=source.name, metric=missing[0])
        )
    return source


class _Growing(ColumnTarget):
    """A metric created by this import (it has an id now, but its decimals still follow its values)."""

    __slots__ = ()

    @property
    def is_new_metric(self) -> bool:
        return True


async def _grow_decimals(session: Any, mapping: dict[int, ColumnTarget], needed: dict[int, int]) -> None:
    for column, target in mapping.items():
        if isinstance(target, _Growing) and target.metric is not None and target.metric.id is not None:
            decimals = min(MAX_DECIMALS, max(target.metric.decimals, needed.get(column, 0)))
            await set_metric_decimals(session, target.metric.id, decimals)


async def _authors(session: Any, plan: ImportPlan, summary: ImportSummary) -> dict[str, int] | None:
    """Member name (casefolded) -> id, when the file names each reading's author and they may be kept.

    Only the administrator (or nobody signed in, a local file without passwords) may enter readings in
    another member's name; anyone else enters them as themselves (``summary.authors_not_kept``).
    """
    from ...db.database import actor_of
    from ...repositories import MemberRepository

    if plan.settings.author_column is None:
        return None
    actor = actor_of(session)
    if actor is not None and not actor.is_admin:
        summary.authors_not_kept = True
        return None
    ids: dict[str, int] = {}
    for member in await MemberRepository(session).all():
        if member.id is not None:
            ids.setdefault(" ".join(member.name.split()).casefold(), member.id)
    return ids


def _author_ids(names: list[str], ids: dict[str, int], summary: ImportSummary) -> list[int | None]:
    """Each row's author as a member id (None: nobody, or not a member here: named in the summary)."""
    result: list[int | None] = []
    unknown = summary.unknown_authors
    for name in names:
        if not name:
            result.append(None)
            continue
        member = ids.get(" ".join(name.split()).casefold())
        if member is None and name not in unknown:
            unknown.append(name)
        result.append(member)
    return result


async def _write(
    store: BulkReadingWriter,
    chunk: _Chunk,
    metric_of: dict[int, int | None],
    intervals: frozenset[int],
    summary: ImportSummary,
    authors: dict[str, int] | None = None,
) -> Any:
    """Store a chunk and count what happened; returns the parameter lists, for the caller to free off the loop."""
    summary.skipped_duplicates += chunk.repeated
    _list(summary.duplicate_lines, chunk.repeated_lines)
    rows = BulkRows(chunk.ts, chunk.values, chunk.notes, chunk.keep, chunk.starts, chunk.column_starts)
    rows.estimated, rows.from_bill = chunk.estimated, chunk.from_bill
    if authors is not None and chunk.authors is not None:
        rows.authors = _author_ids(chunk.authors, authors, summary)
    done = await store.write(rows, metric_of, intervals)
    summary.imported += done.imported
    summary.replaced += done.replaced
    summary.skipped_duplicates += done.skipped
    if done.skipped_times and len(summary.duplicate_lines) < MAX_LISTED:
        times = done.skipped_times
        kept = range(len(chunk.ts)) if chunk.keep is None else chunk.keep
        _list(summary.duplicate_lines, [chunk.lines[i] for i in kept if chunk.ts[i] in times])
    return done.garbage


def _list(listed: list[int], lines: list[int]) -> None:
    """Add ``lines`` to a summary's list of lines, up to MAX_LISTED."""
    room = MAX_LISTED - len(listed)
    if room > 0 and lines:
        listed.extend(lines[:room])
