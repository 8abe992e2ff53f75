"""Importing a standard-format file (NEM12/13, Green Button, Home Assistant, DSMR-reader) without options.

``formats.parse_file`` reads the file into series (a register with its unit and kind, typed values
with their period or instant and estimated flag). Here each series becomes a metric of a source:

- with a source name (``homelog import FILE --source NAME``, the wizard's chosen source) every series
  goes into that source, created when it does not exist;
- without one, each meter of the file (an NMI, a usage point, a Home Assistant statistic) becomes a
  source named after it, and the series of no meter (DSMR-reader) go into a source named after the file.

A metric is found by its name (case aside) among the source's metrics, or created with the series'
unit and kind. Interval values keep their own period [start, end); counters and gauges are stored at
their instant. Readings are written by the same bulk writer as every table import
(``repositories.bulk_readings``), in one transaction for the whole file: a cancel or an error leaves
the database as it was, and importing the file again adds nothing (a reading at a stored time is a
duplicate: skipped, or with ``DuplicatePolicy.REPLACE`` replaced). Every row or cell the file's parser
skipped and every value that could not be stored is listed by line in the summary.
"""

from __future__ import annotations

import asyncio
import heapq
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Any

from ...db.handle import SessionProvider
from ...domain.entities import MAX_DECIMALS, MAX_MAGNITUDE, Category, Metric, MetricKind, Source
from ...domain.errors import NotFoundError
from ...domain.undo import MAX_UNDO_REPLACED
from ...i18n import translate
from ...repositories import SourceRepository
from ...repositories.bulk_readings import BulkReadingWriter, BulkRows, lock_source_name
from ..bulk import gc_paused
from ..undo import import_undo
from .convert import CellError, LocalTimes, local_zone
from .formats import EpochColumns, FormatError, FormatId, ParsedFile, Series, Skipped, detect_format, parse_file
from .formats.detection import HEAD_BYTES
from .model import (
    MAX_LISTED,
    CancelToken,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportProgress,
    ImportSummary,
    RowProblem,
    printable,
)
from .run import FIRST_CHUNK, _translated, next_chunk_size
from .summary import summary_text

#: Units that make a new source an electricity meter (anything else: "other").
_ELECTRIC_UNITS = frozenset({"Wh", "kWh", "MWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar"})


def recognise(path: Path | str) -> FormatId | None:
    """The standard format of the file at ``path``, from its first bytes (None: an ordinary table)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError:
        return None
    return detect_format(head, path.name)


def read_standard(path: Path | str) -> ParsedFile:
    """Read a standard-format file (sync: run it in a thread); ImportFileError when it cannot be read."""
    try:
        return parse_file(path)
    except FormatError as exc:
        raise ImportFileError(str(exc)) from None


async def load_standard(path: Path | str) -> ParsedFile:
    """``read_standard`` in a worker thread, the event loop left free.

    The cyclic collector is paused meanwhile, and what the file holds is then frozen out of later
    collections (``gc_paused(keep_frozen=True)``): it holds no cycles, so reference counting still frees
    it. A big file's values are columns of numbers anyway (``formats.Values``), not an object each: ten
    years of quarter hours were 700,000 objects for a collection to walk, a stall of 100 ms and more.
    """
    loop = asyncio.get_running_loop()
    with gc_paused(keep_frozen=True):
        return await loop.run_in_executor(None, read_standard, path)


@dataclass(frozen=True, slots=True)
class SourceTarget:
    """The series of a file that go into one source."""

    source_name: str
    series: tuple[Series, ...]


def targets_of(parsed: ParsedFile, path: Path, source_name: str | None = None) -> list[SourceTarget]:
    """Where the series go: all into ``source_name``; without one, a source per meter of the file
    (named after the meter), and the series of no meter into a source named after the file."""
    if source_name and source_name.strip():
        return [SourceTarget(source_name.strip(), tuple(parsed.series))]
    by_meter: dict[str, list[Series]] = {}
    for series in parsed.series:
        name = series.meter.strip() or Path(path.name).stem
        by_meter.setdefault(name, []).append(series)
    return [SourceTarget(name, tuple(series)) for name, series in by_meter.items()]


@dataclass(frozen=True, slots=True)
class StandardPlan:
    """A standard-format file to import: what it holds and where it goes."""

    path: Path
    parsed: ParsedFile
    #: The source for every series; None: a source per meter (``targets_of``).
    source_name: str | None = None
    duplicates: DuplicatePolicy = DuplicatePolicy.SKIP
    #: Zone of the file's naive times (DSMR-reader days); None: the computer's local time.
    timezone: str | None = None
    #: Skip the file's invalid rows and cells (a value or time that cannot be read) and list them; False:
    #: the first one stops the import and nothing is stored, as for a table (``homelog import`` without
    #: ``--skip-invalid``). The wizard lists them.
    skip_invalid: bool = True

    @property
    def targets(self) -> list[SourceTarget]:
        return targets_of(self.parsed, self.path, self.source_name)


@dataclass(slots=True)
class StandardSummary:
    """What the import of a standard-format file did: a summary per source, and what the file's reader left out."""

    path: Path
    format: FormatId
    sources: list[ImportSummary] = field(default_factory=list)
    #: Rows and cells the file's reader did not take (each with its line).
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Why the import cannot be undone, when it cannot ("": it can, or undo was not asked about).
    undo_note: str = ""

    @property
    def imported(self) -> int:
        return sum(s.imported for s in self.sources)

    @property
    def source_name(self) -> str:
        """The source's name (several: their names, comma-separated)."""
        return ", ".join(s.source_name for s in self.sources)

    @property
    def source_id(self) -> int | None:
        """The source's id (the first one's when the file went into several)."""
        return self.sources[0].source_id if self.sources else None

    @property
    def source_created(self) -> bool:
        return any(s.source_created for s in self.sources)

    @property
    def complete(self) -> bool:
        """Whether everything in the file went in: nothing skipped by the reader or by the import."""
        return not self.skipped and all(s.complete for s in self.sources)

    def as_text(self) -> str:
        lines = [
            translate("ImportSummary", "Recognised: {format} ({file})").format(
                format=self.format.label, file=printable(self.path.name)
            )
        ]
        for note in self.notes:
            lines.append(translate("ImportSummary", "Note: {note}").format(note=printable(note)))
        if self.skipped:
            count = len(self.skipped)
            lines.append(translate("ImportSummary", "Skipped in the file: %Ln row(s) or cell(s):", None, count))
            for item in self.skipped[:MAX_LISTED]:
                where = (
                    translate("ImportSummary", "line {line}, {cell}").format(line=item.line, cell=printable(item.cell))
                    if item.cell
                    else translate("ImportSummary", "line {line}").format(line=item.line)
                )
                lines.append(f"  {where}: {printable(item.reason)}")
            if count > MAX_LISTED:
                lines.append(translate("ImportSummary", "  … and %Ln more", None, count - MAX_LISTED))
        text = "\n".join(lines) + "\n"
        for summary in self.sources:
            text += summary_text(summary)
        if self.undo_note:
            text += self.undo_note + "\n"
        if self.seconds:
            text += f"Took {self.seconds:.1f} s in all.\n"
        return text


@dataclass(slots=True)
class _Table:
    """A source's series as one table: a row per time, a column per series (built in a worker thread)."""

    ts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    values: dict[int, list[float | None]] = field(default_factory=dict)
    starts: dict[int, list[int | None]] = field(default_factory=dict)
    estimated: list[bool] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    duplicate_lines: list[int] = field(default_factory=list)
    #: column -> decimals its values need.
    decimals: dict[int, int] = field(default_factory=dict)


def _decimals(value: float) -> int:
    """The decimals ``value`` needs as written (0.125 → 3), at most MAX_DECIMALS."""
    text = repr(value)
    if "e" in text or "E" in text:
        try:
            exponent = Decimal(text).normalize().as_tuple().exponent
        except InvalidOperation:
            return 0
        return min(MAX_DECIMALS, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
    point = text.find(".")
    if point < 0:
        return 0
    fraction = text[point + 1 :].rstrip("0")
    return min(MAX_DECIMALS, len(fraction))


#: Largest magnitude of a value, as a float.
_LIMIT = float(MAX_MAGNITUDE)
#: A value of a series as stored: (value, period start, estimated, line).
_Cell = tuple[float, int | None, bool, int]


@dataclass(frozen=True, slots=True)
class _Column:
    """One series' storable values as columns, by time (one value per time)."""

    ends: list[int]
    amounts: list[float]
    #: The period start of each value (interval series only, else None).
    starts: list[int | None] | None
    estimated: list[bool]
    lines: list[int]


def _table(series: Sequence[Series], zone_name: str | None, replace_later: bool) -> _Table:
    """The series as rows by time; a series' value at a time it has already had is a duplicate of the file
    (the first kept, with ``replace_later`` the last), and a time that cannot be stored is a problem."""
    table = _Table()
    try:
        times = LocalTimes(local_zone(zone_name))
    except CellError as exc:
        raise ImportFileError(str(exc)) from None
    columns = [_column(one, times, replace_later, table) for one in series]
    for index, column in enumerate(columns):
        # The set of values is small (a meter's resolution) even when the values are many.
        distinct: set[float] = set()
        for part in _parts(len(column.amounts)):
            distinct.update(column.amounts[part])
        table.decimals[index] = max(map(_decimals, distinct), default=0)
    first = columns[0].ends
    if all(_same(column.ends, first) for column in columns[1:]):
        # The usual case (the registers of one meter, read at the same times): the columns as they are.
        table.ts = first
        for index, column in enumerate(columns):
            table.values[index] = column.amounts  # type: ignore[assignment]  # (only read)
            if column.starts is not None:
                table.starts[index] = column.starts
        if len(columns) == 1:
            table.lines, table.estimated = columns[0].lines, columns[0].estimated
        else:
            for part in _parts(len(first)):
                table.lines.extend(map(min, *(c.lines[part] for c in columns)))
                table.estimated.extend(map(max, *(c.estimated[part] for c in columns)))
        return table
    # Each column is in time order: merged in Python (a worker holding the GIL in one long C call,
    # such as sorting a set of 700,000 times, would freeze the event loop meanwhile).
    table.ts = list(dict.fromkeys(heapq.merge(*(c.ends for c in columns))))
    count = len(table.ts)
    lines: list[int | None] = [None] * count
    estimated = [False] * count
    for index, column in enumerate(columns):
        position: dict[int, int] = {}
        for part in _parts(len(column.ends)):
            position.update(zip(column.ends[part], range(part.start, part.stop), strict=True))
        at = [position.get(t) for t in table.ts]
        amounts, starts = column.amounts, column.starts
        table.values[index] = [None if i is None else amounts[i] for i in at]
        if starts is not None:
            table.starts[index] = [None if i is None else starts[i] for i in at]
        for row, i in enumerate(at):
            if i is None:
                continue
            line = lines[row]
            if line is None or column.lines[i] < line:
                lines[row] = column.lines[i]
            if column.estimated[i]:
                estimated[row] = True
    table.lines = lines  # type: ignore[assignment]  # every time has a value of some column
    table.estimated = estimated
    return table


#: Most items one C call (a list's slice, ``set.update``, ``map``) takes in a worker: it holds the GIL
#: throughout, and the event loop waits for it (a whole 350,000-value column took up to 100 ms).
_PART = 20_000


def _parts(count: int) -> Iterator[slice]:
    """Slices of ``range(count)``, _PART items at most each."""
    for first in range(0, count, _PART):
        yield slice(first, min(first + _PART, count))


def _same(a: list[int], b: list[int]) -> bool:
    """``a == b``, a part at a time."""
    return len(a) == len(b) and all(a[part] == b[part] for part in _parts(len(a)))


def _column(one: Series, times: LocalTimes, replace_later: bool, table: _Table) -> _Column:
    """The storable values of a series by time; its duplicates and problems go to ``table``."""
    given = one.values.epoch_columns()
    if given is not None:
        column = _epoch_column(given, one.kind is MetricKind.INTERVAL)
        if column is not None:
            return column
    own = _by_time(one, times, replace_later, table)
    ends = sorted(own)
    cells = [own[t] for t in ends]
    return _Column(
        ends,
        [c[0] for c in cells],
        [c[1] for c in cells] if one.kind is MetricKind.INTERVAL else None,
        [c[2] for c in cells],
        [c[3] for c in cells],
    )


def _epoch_column(given: EpochColumns, interval: bool) -> _Column | None:
    """A series given as columns of epoch seconds, taken as they are when every value can be stored and the
    times follow each other (NEM12: the usual case); None: the values must be looked at one by one."""
    amounts, ends, starts = given.amounts, given.ends, given.starts
    for part in _parts(len(amounts)):
        some = amounts[part]
        try:
            if not (math.isfinite(math.fsum(some)) and -_LIMIT < min(some) and max(some) < _LIMIT):
                return None
        except (OverflowError, ValueError):  # huge values; inf and -inf
            return None
    if not all(a < b for a, b in pairwise(ends)):
        return None
    if interval and not all(s is None or s < e for s, e in zip(starts, ends, strict=True)):
        return None
    return _Column(ends, amounts, starts if interval else None, given.estimated, given.lines)


def _by_time(one: Series, times: LocalTimes, replace_later: bool, table: _Table) -> dict[int, _Cell]:
    """A series' values by time (epoch seconds), one by one: naive local times, duplicates, problems."""
    own: dict[int, _Cell] = {}
    interval = one.kind is MetricKind.INTERVAL
    start_key = one.name + "\x1fstart"
    # Amounts usually follow each other: a period's start is the previous one's end, already converted.
    previous: datetime | None = None
    previous_end = 0
    for value in one.values:
        amount = value.value
        try:
            if not -_LIMIT < amount < _LIMIT:  # NaN too
                raise CellError(translate("ImportConvert", "{value} is too large to store").format(value=f"{amount:g}"))
            moment = value.end
            # An aware time is exact; a naive one is local time, its repeated autumn hour followed in order.
            end = int(moment.timestamp()) if moment.tzinfo is not None else times.epoch(moment, one.name)
            start = None
            if interval and value.start is not None:
                begin = value.start
                if begin.tzinfo is not None and previous is not None and begin == previous:
                    start = previous_end
                elif begin.tzinfo is not None:
                    start = int(begin.timestamp())
                else:
                    start = times.epoch(begin, start_key)
                if start >= end:
                    raise CellError(translate("ImportConvert", "the period does not end after it starts"))
            previous, previous_end = moment, end
        except (CellError, OverflowError, OSError, ValueError) as exc:
            table.problems.append(RowProblem(value.line, one.name, str(exc)))
            continue
        earlier = own.get(end)
        if earlier is not None:
            if not replace_later:
                table.duplicate_lines.append(value.line)
                continue
            table.duplicate_lines.append(earlier[3])
        own[end] = (amount, start, value.estimated, value.line)
    return own


def _category(series: Sequence[Series]) -> Category:
    units = {s.unit for s in series}
    if units and units <= _ELECTRIC_UNITS:
        return Category.ELECTRICITY
    return Category.OTHER


def _metric_for(series: Series, decimals: int) -> Metric:
    return Metric(None, series.name, series.unit, series.kind, decimals=max(decimals, 0))


async def run_standard_import(
    db: SessionProvider,
    plan: StandardPlan,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
    *,
    undoable: bool = False,
) -> StandardSummary:
    """Import ``plan`` in one transaction; a cancel raises ImportCancelledError and changes nothing.

    ``undoable``: each source's summary keeps the ids of the readings stored and the stored rows
    replaced (up to MAX_UNDO_REPLACED readings in all), for Edit → Undo (as ``run_import``). The cyclic
    collector is paused meanwhile, as for tables (``gc_paused``)."""
    with gc_paused():
        return await _run_standard_import(db, plan, progress, cancel, undoable=undoable)


async def _run_standard_import(
    db: SessionProvider,
    plan: StandardPlan,
    progress: Callable[[ImportProgress], None] | None,
    cancel: CancelToken | None,
    *,
    undoable: bool,
) -> StandardSummary:
    started = time.perf_counter()
    parsed = plan.parsed
    summary = StandardSummary(plan.path, parsed.format, skipped=list(parsed.skipped), notes=list(parsed.notes))
    if not plan.skip_invalid:
        invalid = next((s for s in sorted(parsed.skipped, key=lambda s: s.line) if s.invalid), None)
        if invalid is not None:
            raise ImportFileError(invalid.reason, invalid.line, invalid.cell)
    if not any(s.values for s in parsed.series):
        raise ImportFileError(
            translate("ImportConvert", "{file} holds no values to import").format(file=plan.path.name)
        )
    targets = plan.targets
    total = sum(len(s.values) for s in parsed.series) or 1
    done = 0
    replacing = plan.duplicates is DuplicatePolicy.REPLACE
    budget = MAX_UNDO_REPLACED if undoable else None

    def report(phase: str) -> None:
        if progress is not None:
            skipped = sum(s.skipped_rows for s in summary.sources)
            imported = sum(s.imported for s in summary.sources)
            progress(ImportProgress(done, done, total, imported=imported, skipped=skipped, phase=phase))

    loop = asyncio.get_running_loop()
    report("starting")
    try:
        async with db.session() as session:
            for target in targets:
                series = [s for s in target.series if s.values]
                if not series:
                    continue
                table = await loop.run_in_executor(None, _table, series, plan.timezone, replacing)
                _check(cancel)
                if table.problems and not plan.skip_invalid:
                    problem = min(table.problems, key=lambda p: p.line)
                    raise ImportFileError(problem.message, problem.line, problem.column)
                result = ImportSummary(path=plan.path, source_name=target.source_name)
                summary.sources.append(result)
                result.invalid = table.problems[:MAX_LISTED]
                result.invalid_count = len(table.problems)
                result.skipped_duplicates = len(table.duplicate_lines)
                result.duplicate_lines = table.duplicate_lines[:MAX_LISTED]
                source, metric_ids = await _prepare(session, target.source_name, series, table, result)
                store = await BulkReadingWriter.open(session, source, replace=replacing, keep_replaced=budget)
                result.first_reading_id = store.first_id
                result.reading_id_runs = store.id_runs  # filled as the rows are written
                intervals = frozenset(table.starts)
                # As a table's import: chunks sized to take about CHUNK_TARGET_S each, cut in a worker,
                # and each chunk's objects freed in the worker that cuts the next one, not on the loop.
                size = FIRST_CHUNK
                first = 0
                garbage: list[Any] | None = None
                cycle_start = time.perf_counter()
                while first < len(table.ts):
                    rows = await loop.run_in_executor(None, _rows_of, table, first, size, garbage)
                    garbage = None
                    written = await store.write(rows, metric_ids, intervals)
                    result.imported += written.imported
                    result.replaced += written.replaced
                    result.skipped_duplicates += written.skipped
                    if written.skipped_times and len(result.duplicate_lines) < MAX_LISTED:
                        lines = [table.lines[first + i] for i, t in enumerate(rows.ts) if t in written.skipped_times]
                        result.duplicate_lines.extend(lines[: MAX_LISTED - len(result.duplicate_lines)])
                    first += len(rows.ts)
                    done = min(total, done + len(rows.ts) * len(series))
                    now = time.perf_counter()
                    size = min(next_chunk_size(size, len(rows.ts), now - cycle_start), store.max_chunk)
                    cycle_start = now
                    garbage = [rows, written]
                    del rows, written
                    _check(cancel)
                    report("reading")
                if garbage is not None:
                    await loop.run_in_executor(None, garbage.clear)
                    garbage = None
                result.duplicate_lines = sorted(set(result.duplicate_lines))
                result.replaced_rows = store.replaced_rows
                if undoable:
                    result.undo = await import_undo(
                        session,
                        source,
                        created=result.source_created,
                        metrics=result.created_metric_ids,
                        runs=store.id_runs,
                        replaced=store.replaced_rows,
                    )
                if budget is not None:  # the sources' replaced rows are kept up to the bound in all
                    budget = max(0, budget - result.replaced)
            _check(cancel)
            done = total
            report("committing")
    except Exception as exc:
        translated = _translated(exc)
        if translated is exc:
            raise
        raise translated from exc
    summary.seconds = time.perf_counter() - started
    for result in summary.sources:
        result.seconds = 0.0
    return summary


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise ImportCancelledError()


def _rows_of(table: _Table, first: int, size: int, garbage: list[Any] | None) -> BulkRows:
    """The table's rows [first, first + size) to store (run in a worker, which frees ``garbage`` first)."""
    if garbage is not None:
        garbage.clear()
    part = slice(first, first + size)
    return BulkRows(
        table.ts[part],
        {c: v[part] for c, v in table.values.items()},
        estimated=table.estimated[part],
        column_starts={c: s[part] for c, s in table.starts.items()},
    )


async def _prepare(
    session: Any, name: str, series: list[Series], table: _Table, result: ImportSummary
) -> tuple[int, dict[int, int | None]]:
    """The source's id (created, or completed with the metrics it lacks) and column -> metric id."""
    sources = SourceRepository(session)
    await lock_source_name(session, name)
    try:
        source: Source | None = await sources.get_by_name(name)
    except NotFoundError:
        source = None
    wanted = [_metric_for(s, table.decimals.get(c, 0)) for c, s in enumerate(series)]
    if source is None:
        unique: dict[str, Metric] = {}
        for metric in wanted:
            unique.setdefault(metric.name.strip().casefold(), metric)
        source = await sources.add(Source(None, name, _category(series), metrics=tuple(unique.values())))
        result.source_created = True
        result.metrics_created = [m.label for m in unique.values()]
        result.created_metric_ids = [m.id for m in source.metrics if m.id is not None]
    else:
        have = {m.name.strip().casefold(): m for m in source.metrics}
        missing: dict[str, Metric] = {}
        for one, metric in zip(series, wanted, strict=True):
            key = metric.name.strip().casefold()
            stored = have.get(key)
            if stored is None:
                missing.setdefault(key, metric)
            elif stored.unit and one.unit and stored.unit != one.unit:
                raise ImportFileError(
                    translate(
                        "ImportConvert",
                        "the metric “{metric}” of “{source}” is in {unit}, but the file's register “{register}” is in"
                        " {file_unit}: import into another source",
                    ).format(
                        metric=stored.name, source=source.name, unit=stored.unit, register=one.name, file_unit=one.unit
                    )
                )
            elif stored.kind is not one.kind:
                raise ImportFileError(
                    translate(
                        "ImportConvert",
                        "the metric “{metric}” of “{source}” is of the kind “{kind}”, but the file's register"
                        " “{register}” holds values of the kind “{file_kind}”: import into another source",
                    ).format(
                        metric=stored.name,
                        source=source.name,
                        kind=stored.kind.label,
                        register=one.name,
                        file_kind=one.kind.label,
                    )
                )
        if missing:
            source = await sources.update(replace(source, metrics=source.metrics + tuple(missing.values())))
            result.metrics_created = [m.label for m in missing.values()]
            result.created_metric_ids = [
                m.id for m in source.metrics if m.id is not None and m.name.strip().casefold() in missing
            ]
    assert source.id is not None
    result.source_id = source.id
    result.source_name = source.name
    by_name = {m.name.strip().casefold(): m for m in source.metrics}
    metric_ids = {column: by_name[one.name.strip().casefold()].id for column, one in enumerate(series)}
    return source.id, metric_ids


@dataclass(frozen=True, slots=True)
class RegisterInfo:
    """One register of a recognised file, as the wizard and the command line show it."""

    name: str
    unit: str
    kind: MetricKind
    count: int
    first: datetime | None
    last: datetime | None
    meter: str = ""


def states_zone(parsed: ParsedFile) -> bool:
    """Whether the file's times carry their zone or offset (NEM12, Green Button, Home Assistant); False for
    naive local times (DSMR-reader), which are read in a zone the user may choose (``StandardPlan.timezone``)."""
    return all(one.values[0].end.tzinfo is not None for one in parsed.series if one.values)


def describe(parsed: ParsedFile) -> list[RegisterInfo]:
    """Each register of the file: name, unit, kind, number of values and the time they span."""
    rows = []
    for one in parsed.series:
        first, last = one.values.span() or (None, None)
        rows.append(RegisterInfo(one.name, one.unit, one.kind, len(one.values), first, last, one.meter))
    return rows
