"""Export sources' readings to CSV or JSON, streamed, with spreadsheet formulas defused.

Everything needed to import an export again with nothing lost is written: ``homelog import`` and
the import wizard recognise Home Log's own files without options, and a source exported to JSON
and imported into an empty database is the same source (ids aside).

CSV (one source): ``timestamp`` (ISO 8601 with the UTC offset, whole seconds), one column per
metric named by the metric, in the source's order, then ``note``, ``estimated`` and ``from bill``
(``yes`` or empty) and ``entered by`` (the member's name, empty: nobody). Numbers are written with
a dot and exactly the metric's decimals; a metric that was not read is an empty cell. An interval
metric ``X`` is followed by ``X start``: the start of each value's period (the reading's time is
its end), empty when not read or not known. A CSV carries the readings, not the source's
definition (units, kinds, tariffs, meter changes): import it into a source that has its metrics,
or use JSON.

JSON (``homelog-readings``, version 2; one or more sources)::

    {"format": "homelog-readings", "version": 2,
     "sources": [{
        "name": "Electricity", "category": "electricity", "description": "", "owner": "Anna" | null,
        "public": false, "members_may_add_readings": false, "interval_days": 30 | null,
        "archived": false, "billing_start_month": 1,
        "metrics": [{"name": "Day", "unit": "kWh", "kind": "counter", "decimals": 1, "digits": 6 | null,
                     "conversion_factors": [{"valid_from": "2024-01-01", "factor": "11.2",
                                             "z_number": "0.95", "unit": "kWh"}]}],
        "tariffs": [{"metric": "Day", "valid_from": "2024-01-01", "unit_price": "0.3120",
                     "standing_charge": "0.45", "currency": "EUR"}],
        "meter_changes": [{"metric": "Day", "at": "2024-03-01T10:00:00+01:00", "kind": "replacement",
                           "old_value": "12345.6" | null, "new_value": "0.0" | null, "digits": null,
                           "note": "", "reading": "2024-03-01T10:00:00+01:00" | null}],
        "advance_payments": [{"valid_from": "2024-01-01", "amount": "85.00", "currency": "EUR"}],
        "readings": [{"timestamp": "2024-01-31T08:00:00+01:00", "values": {"Day": 1234.5},
                      "starts": {"Oil": "2024-01-01T08:00:00+01:00"}, "note": "read by hand",
                      "estimated": true, "from_bill": true, "entered_by": "Anna"}]
     }]}

Times are ISO 8601 with their offset; values are JSON numbers written with exactly their metric's
decimals (read them as decimals, not floats); money, factors and meter-change values are decimal
strings. ``conversion_factors`` (of a metric) and ``advance_payments`` appear only where there are some.
In a reading, ``values`` holds the metrics that were read (by name); ``starts`` the period start of
each interval value whose period is known; ``note``, ``estimated``, ``from_bill`` and
``entered_by`` appear only when set. A meter change's ``reading`` is the time of the reading it was
recorded with. Members are named, not numbered: an import maps them by name to the members of the
database it imports into. Version 1 (one ``source`` and flat ``readings`` keyed by the CSV's
column names) is still read by the import.

Formula injection: in CSV, a text cell (a note, a metric's name in the header) that would start
with ``= + - @`` (or their fullwidth forms ``＝ ＋ － ＠``), a tab or a carriage return, also after
leading blanks (`` =1+1``), is written with a leading apostrophe (``'=SUM(A1)``),
which spreadsheets show as text. To keep this reversible, a text that already starts with
apostrophes followed by one of those characters gets one more. ``unescape_formula`` undoes it
exactly; the importer applies it to text cells. JSON holds the texts as they are (no spreadsheet
opens it).

A virtual meter (domain/virtual.py) has no readings: its export is its computed consumption per
month, the rows of its monthly report (CSV: ``homelog report``'s columns; JSON: format
``homelog-virtual-consumption``).

Readings are never loaded as ORM objects (``repositories.bulk_readings`` reads them): on a SQLite
file a worker thread reads them with the standard library's sqlite3 (one read transaction, rows
fetched in chunks); elsewhere (PostgreSQL) they are streamed from the server in partitions and
formatted in a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import enum
import io
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from ..domain.energy import ConversionFactor
from ..domain.entities import PERIOD_START_SUFFIX as START_SUFFIX
from ..domain.entities import MeterEvent, Metric, MetricKind, Source, Tariff
from ..domain.errors import HomeLogError
from ..domain.settlement import AdvancePayment
from ..i18n import translate
from ..repositories.bulk_readings import sqlite_reading_rows, stream_reading_rows
from .bulk import gc_paused

if TYPE_CHECKING:
    from ..db.database import Database
    from ..db.handle import SessionProvider

#: Characters that make a spreadsheet read a cell as a formula (OWASP's list), with their fullwidth
#: forms, which spreadsheets in East Asian locales read as the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: Blanks a spreadsheet may skip before a formula character (" =1+1" can run as =1+1).
_LEADING_BLANKS = " \t\r\n\u00a0\u3000"
#: Readings fetched and written per step.
CHUNK_ROWS = 5000
#: Seconds between two progress reports.
PROGRESS_INTERVAL_S = 0.1
#: The value of the JSON document's "format" key, and the version written.
JSON_FORMAT_NAME = "homelog-readings"
JSON_VERSION = 2
#: The CSV's columns after ``note``: the reading's flags (``yes`` or empty) and its author's name.
ESTIMATED_COLUMN = "estimated"
FROM_BILL_COLUMN = "from bill"
AUTHOR_COLUMN = "entered by"
#: How a set flag is written in CSV.
YES = "yes"


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return f".{self.value}"


class ExportCancelledError(HomeLogError):
    """The user cancelled the export; no file was written."""

    def __init__(self) -> None:
        super().__init__(translate("Exporting", "Export cancelled: no file was written."))


class Cancel(Protocol):
    """Anything with ``is_set()`` (a threading.Event); checked between chunks, from a worker thread."""

    def is_set(self) -> bool: ...


#: progress(rows written, rows in all); called on the event loop's thread.
ExportProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ExportResult:
    source: Source
    rows: int
    #: The file written, or None when written to a stream.
    path: Path | None
    format: ExportFormat
    #: How many sources the file holds (``source`` is the first).
    sources: int = 1
    #: Virtual meters left out of an export of several sources (they have no readings of their own).
    left_out: tuple[str, ...] = ()


def escape_formula(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula (reversible: unescape_formula)."""
    if _formula_like(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The text escape_formula() was given (a cell it did not change comes back unchanged)."""
    if text.startswith("'") and _formula_like(text):
        return text[1:]
    return text


def _formula_like(text: str) -> bool:
    """Whether ``text``, past any apostrophes and blanks, starts with a formula character.

    The same test decides escaping and unescaping, and an apostrophe added in front does not change
    its answer: that is what makes the two exact inverses.
    """
    unquoted = text.lstrip("'")
    return unquoted.startswith(FORMULA_STARTS) or unquoted.lstrip(_LEADING_BLANKS).startswith(FORMULA_STARTS)


def header(source: Source) -> list[str]:
    """The CSV columns of an export of ``source``: timestamp, its metrics by name (an interval metric
    followed by ``<name> start``), note, estimated, from bill, entered by."""
    names = ["timestamp"]
    for metric in source.metrics:
        names.append(metric.name)
        if metric.kind is MetricKind.INTERVAL:
            names.append(metric.name + START_SUFFIX)
    return [*names, "note", ESTIMATED_COLUMN, FROM_BILL_COLUMN, AUTHOR_COLUMN]


def suggested_filename(source: Source, fmt: ExportFormat) -> str:
    """A file name for the export of ``source``: its name without characters file systems refuse."""
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in source.name).strip(" .") or "readings"
    return f"{safe}{fmt.suffix}"


async def find_source(db: SessionProvider, name: str) -> Source:
    """The source called ``name`` (case-insensitive); NotFoundError names it otherwise."""
    from ..repositories import SourceRepository

    async with db.session(readonly=True) as session:
        return await SourceRepository(session).get_by_name(name)


async def export_readings(
    db: SessionProvider,
    source: Source,
    out: Path | TextIO,
    fmt: ExportFormat = ExportFormat.CSV,
    *,
    tz: tzinfo | None = None,
    progress: ExportProgress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write every reading of ``source``, oldest first, to ``out`` (a file path or a text stream).

    A path is written through a temporary file in the same folder and renamed at the end, so a
    cancelled or failed export leaves no file (and an existing one untouched). Times are shown in
    ``tz`` (default: the computer's time zone) with their offset. Never blocks the event loop:
    reading and formatting run in a worker thread.
    """
    return await export_sources(db, [source], out, fmt, tz=tz, progress=progress, cancel=cancel)


async def export_sources(
    db: SessionProvider,
    sources: Sequence[Source],
    out: Path | TextIO,
    fmt: ExportFormat = ExportFormat.JSON,
    *,
    tz: tzinfo | None = None,
    progress: ExportProgress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Like ``export_readings``, for several sources in one JSON document (CSV holds one source).

    The result names the first source and counts the readings of all of them.
    """
    if not sources:
        raise ValueError("nothing to export")
    if fmt is ExportFormat.CSV and len(sources) > 1:
        raise HomeLogError(
            translate("Exporting", "A CSV file holds the readings of one source: export several sources as JSON.")
        )
    with gc_paused():
        return await _export(db, list(sources), out, fmt, tz, progress, cancel)


async def _export(
    db: SessionProvider,
    sources: list[Source],
    out: Path | TextIO,
    fmt: ExportFormat,
    tz: tzinfo | None,
    progress: ExportProgress | None,
    cancel: Cancel | None,
) -> ExportResult:
    loop = asyncio.get_running_loop()
    fresh = [await _fresh(db, source) for source in sources]
    if len(fresh) == 1 and fresh[0].virtual:
        return await _export_virtual(db, fresh[0], out, fmt, tz, loop)
    # A virtual meter has no readings of its own (its figures are computed): an export of several
    # sources leaves it out and names it (ExportResult.left_out).
    left_out = tuple(s.name for s in fresh if s.virtual)
    fresh = [s for s in fresh if not s.virtual]
    if not fresh:
        raise HomeLogError(translate("Exporting", "Only virtual meters were chosen: export each one on its own."))
    located = [await _locate(db, source) for source in fresh]
    details = [await _details(db, source) if fmt is ExportFormat.JSON else None for source in fresh]
    reporter = _Reporter(loop, progress, sum(total for _path, total in located))

    async def write(stream: TextIO) -> int:
        count = 0
        for index, (source, (sqlite_path, _total), extra) in enumerate(zip(fresh, located, details, strict=True)):
            writer: _Writer
            if fmt is ExportFormat.JSON:
                writer = _JsonWriter(stream, source, tz, extra, index == 0, index == len(fresh) - 1)
            else:
                writer = _CsvWriter(stream, source, tz)
            reporter.base = count
            if sqlite_path is not None:

                def write_file(path: Path, writer: _Writer = writer, source: Source = source) -> int:
                    return _write_all(writer, sqlite_reading_rows(path, source), reporter, cancel)

                database = await _database(db)
                if database is not None:  # closing it (a restore) waits until the export has let go of the file
                    count += await database.read_file(write_file)
                else:
                    count += await loop.run_in_executor(None, write_file, sqlite_path)
            else:
                count += await _write_streamed(db, source, writer, reporter, cancel)
        return count

    first = fresh[0]
    if not isinstance(out, Path):
        count = await write(out)
        reporter.final(count)
        return ExportResult(first, count, None, fmt, len(fresh), left_out)
    stream, temp = await loop.run_in_executor(None, _open_temp, out)
    try:
        try:
            count = await write(stream)
        finally:
            await loop.run_in_executor(None, stream.close)
        await loop.run_in_executor(None, os.replace, temp, out)
    except BaseException:
        await loop.run_in_executor(None, _remove, temp)
        raise
    reporter.final(count)
    return ExportResult(first, count, out, fmt, len(fresh), left_out)


@dataclass(frozen=True, slots=True)
class SourceDetails:
    """What a JSON export writes about a source besides its readings."""

    owner: str | None = None
    tariffs: tuple[Tariff, ...] = ()
    meter_changes: tuple[MeterEvent, ...] = ()
    #: reading id -> its time (epoch seconds), for the meter changes recorded with a reading.
    reading_times: dict[int, int] | None = None
    #: The metrics' conversion factors and the source's advance payments.
    energy: EnergyExport | None = None


async def _details(db: SessionProvider, source: Source) -> SourceDetails:
    from ..domain.errors import NotFoundError
    from ..repositories import MemberRepository, MeterEventRepository, TariffRepository
    from ..repositories.bulk_readings import reading_times

    assert source.id is not None
    async with db.session(readonly=True) as session:
        owner: str | None = None
        if source.owner_id is not None:
            try:
                owner = (await MemberRepository(session).get(source.owner_id)).name
            except NotFoundError:
                owner = None
        by_metric = await TariffRepository(session).for_metrics([m.id for m in source.metrics if m.id is not None])
        tariffs = tuple(t for m in source.metrics if m.id is not None for t in by_metric.get(m.id, []))
        events = tuple(await MeterEventRepository(session).for_source(source.id))
        linked = [e.reading_id for e in events if e.reading_id is not None]
        times = await reading_times(session, source.id, linked)
    return SourceDetails(owner, tariffs, events, times, await _energy(db, source))


#: The value of a virtual meter's JSON document's "format" key.
JSON_VIRTUAL_FORMAT_NAME = "homelog-virtual-consumption"


async def _export_virtual(
    db: SessionProvider,
    source: Source,
    out: Path | TextIO,
    fmt: ExportFormat,
    tz: tzinfo | None,
    loop: asyncio.AbstractEventLoop,
) -> ExportResult:
    """A virtual meter has no readings: its export is its computed consumption per month (the CSV of
    ``homelog report``, or the same rows in JSON), each month's figure its inputs' signed sum."""
    from ..domain.consumption import Period
    from .reports import build_report, report_csv

    assert source.id is not None and source.metrics and source.metrics[0].id is not None
    report = await build_report(db, source.id, source.metrics[0].id, Period.MONTH, tz=tz)
    if fmt is ExportFormat.JSON:
        metric = report.metric
        document = {
            "format": JSON_VIRTUAL_FORMAT_NAME,
            "source": source.name,
            "metric": metric.name,
            "unit": metric.unit,
            "period": "month",
            "rows": [
                {
                    "period_start": row.start.isoformat(),
                    "period_end": row.end.isoformat(),
                    "consumption": float(row.consumption) if row.consumption is not None else None,
                    "days": float(row.days),
                }
                for row in report.rows
            ],
        }
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    else:
        text = report_csv(report)
    if not isinstance(out, Path):
        await loop.run_in_executor(None, out.write, text)
        return ExportResult(source, len(report.rows), None, fmt)
    stream, temp = await loop.run_in_executor(None, _open_temp, out)
    try:
        try:
            await loop.run_in_executor(None, stream.write, text)
        finally:
            await loop.run_in_executor(None, stream.close)
        await loop.run_in_executor(None, os.replace, temp, out)
    except BaseException:
        await loop.run_in_executor(None, _remove, temp)
        raise
    return ExportResult(source, len(report.rows), out, fmt)


def _open_temp(target: Path) -> tuple[TextIO, Path]:
    """A new temporary file beside ``target``, to be renamed over it once complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    return open(handle, "w", encoding="utf-8", newline=""), Path(name)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def export_text(source: Source, rows: Iterable[Sequence[Any]], fmt: ExportFormat, tz: tzinfo | None = None) -> str:
    """The export of ``rows`` ((epoch seconds, note, value of each metric...)) as a string (tests, previews)."""
    buffer = io.StringIO(newline="")
    writer = _JsonWriter(buffer, source, tz) if fmt is ExportFormat.JSON else _CsvWriter(buffer, source, tz)
    writer.begin()
    writer.write(rows)
    writer.end()
    return buffer.getvalue()


# -- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EnergyExport:
    """What a JSON export adds to a source: conversion factors per metric id, advance payments."""

    factors: dict[int, list[ConversionFactor]]
    advances: list[AdvancePayment]


async def _energy(db: SessionProvider, source: Source) -> EnergyExport:
    from ..repositories.energy import AdvancePaymentRepository, ConversionFactorRepository

    assert source.id is not None
    async with db.session(readonly=True) as session:
        ids = [m.id for m in source.metrics if m.id is not None]
        factors = await ConversionFactorRepository(session).for_metrics(ids)
        advances = await AdvancePaymentRepository(session).for_source(source.id)
    return EnergyExport(factors, advances)


async def _fresh(db: SessionProvider, source: Source) -> Source:
    """The source as stored now (its metrics may have changed since the window loaded it)."""
    from ..repositories import SourceRepository

    assert source.id is not None
    async with db.session(readonly=True) as session:
        return await SourceRepository(session).get(source.id)


async def _database(db: SessionProvider) -> Database | None:
    """The Database behind ``db`` (None for another kind of session provider)."""
    from ..db.database import Database
    from ..db.handle import PendingDatabase

    database = await db.wait() if isinstance(db, PendingDatabase) else db
    return database if isinstance(database, Database) and database.sqlite_path is not None else None


async def _locate(db: SessionProvider, source: Source) -> tuple[Path | None, int]:
    """The SQLite file to read with sqlite3 (None for a server) and how many readings there are."""
    from ..repositories import SourceRepository

    assert source.id is not None
    async with db.session(readonly=True) as session:
        total = await SourceRepository(session).count_readings(source.id)
        url = session.get_bind().engine.url
        path: Path | None = None
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            path = Path(url.database)
    return path, total


async def _write_streamed(
    db: SessionProvider, source: Source, writer: _Writer, reporter: _Reporter, cancel: Cancel | None
) -> int:
    """Server databases: stream the pivot in partitions, format each in a worker thread."""
    loop = asyncio.get_running_loop()
    count = 0
    await loop.run_in_executor(None, writer.begin)
    async with db.session(readonly=True) as session:
        async for rows in stream_reading_rows(session, source, CHUNK_ROWS):
            if cancel is not None and cancel.is_set():
                raise ExportCancelledError
            await loop.run_in_executor(None, writer.write, [rows])
            count += len(rows)
            reporter.report(count)
    await loop.run_in_executor(None, writer.end)
    return count


def _write_all(writer: _Writer, chunks: Iterator[Sequence[Any]], reporter: _Reporter, cancel: Cancel | None) -> int:
    """Write every chunk (worker thread); ExportCancelledError when ``cancel`` is set."""
    count = 0
    try:
        writer.begin()
        for chunk in chunks:
            if cancel is not None and cancel.is_set():
                raise ExportCancelledError
            writer.write([chunk])
            count += len(chunk)
            reporter.report_threadsafe(count)
        writer.end()
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()  # in this thread: the sqlite3 connection belongs to it
    return count


class _Reporter:
    """Progress reports at most every PROGRESS_INTERVAL_S, delivered on the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, progress: ExportProgress | None, total: int) -> None:
        self._loop = loop
        self._progress = progress
        self.total = total
        #: Readings of the sources written before the current one.
        self.base = 0
        self._last = 0.0

    def report(self, done: int) -> None:
        if self._progress is not None and self._due():
            done += self.base
            self._progress(done, max(done, self.total))

    def report_threadsafe(self, done: int) -> None:
        if self._progress is not None and self._due():
            done += self.base
            self._loop.call_soon_threadsafe(self._progress, done, max(done, self.total))

    def final(self, done: int) -> None:
        if self._progress is not None:
            self._progress(done, max(done, self.total))

    def _due(self) -> bool:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            return True
        return False


# -- writing -------------------------------------------------------------------------------------


class _Writer:
    """Formats rows (ts, note, value per metric..., start per interval metric..., estimated,
    from_bill, author's name) into ``stream``; rows without the last three (tests) mean none."""

    def __init__(self, stream: TextIO, source: Source, tz: tzinfo | None) -> None:
        self._stream = stream
        self._source = source
        self._timestamp = _Timestamps(tz)
        self._formats = [_number_format(m) for m in source.metrics]
        #: Per metric: the index of its period start in a row (after the values), or None.
        self._start_at: list[int | None] = []
        extra = 2 + len(source.metrics)
        for metric in source.metrics:
            self._start_at.append(extra if metric.kind is MetricKind.INTERVAL else None)
            extra += metric.kind is MetricKind.INTERVAL
        self._periods = any(i is not None for i in self._start_at)
        #: Where the reading's flags and author are in a row.
        self._flags_at = extra

    def begin(self) -> None:
        raise NotImplementedError

    def write(self, chunks: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def end(self) -> None:
        raise NotImplementedError

    def _numbers(self, row: Sequence[Any]) -> list[str | None]:
        """The metrics' values as text, each interval metric's followed by its period start (None: empty)."""
        values = row[2 : 2 + len(self._formats)]
        if not self._periods:
            return [None if v is None else fmt(v) for fmt, v in zip(self._formats, values, strict=True)]
        cells: list[str | None] = []
        stamp = self._timestamp
        for fmt, v, at in zip(self._formats, values, self._start_at, strict=True):
            cells.append(None if v is None else fmt(v))
            if at is not None:
                start = row[at]
                cells.append(None if start is None else stamp(int(start)))
        return cells

    def _flags(self, row: Sequence[Any]) -> tuple[bool, bool, str | None]:
        """(estimated, from a bill, author's name) of a row."""
        at = self._flags_at
        if len(row) <= at:
            return False, False, None
        return bool(row[at]), bool(row[at + 1]), row[at + 2]


class _CsvWriter(_Writer):
    def begin(self) -> None:
        self._csv = csv.writer(self._stream, lineterminator="\r\n")
        self._csv.writerow([escape_formula(name) for name in header(self._source)])

    def write(self, chunks: Iterable[Sequence[Any]]) -> None:
        out = self._csv
        stamp = self._timestamp
        numbers = self._numbers
        flags = self._flags
        for chunk in chunks:
            rows = []
            for row in chunk:
                estimated, from_bill, author = flags(row)
                rows.append(
                    [
                        stamp(row[0]),
                        *("" if v is None else v for v in numbers(row)),
                        escape_formula(row[1] or ""),
                        YES if estimated else "",
                        YES if from_bill else "",
                        escape_formula(author or ""),
                    ]
                )
            out.writerows(rows)

    def end(self) -> None:
        self._stream.flush()


class _JsonWriter(_Writer):
    """One source's object of a JSON document (see the module's docstring); the first writes the
    document's head, the last its end."""

    def __init__(
        self,
        stream: TextIO,
        source: Source,
        tz: tzinfo | None,
        details: SourceDetails | None = None,
        first: bool = True,
        last: bool = True,
    ) -> None:
        super().__init__(stream, source, tz)
        self._details = details or SourceDetails()
        self._opens = first
        self._closes = last

    def begin(self) -> None:
        source = self._source
        details = self._details
        stamp = self._timestamp
        names = {m.id: m.name for m in source.metrics}
        times = details.reading_times or {}
        energy = details.energy
        metrics = []
        for m in source.metrics:
            described: dict[str, Any] = {
                "name": m.name,
                "unit": m.unit,
                "kind": m.kind.value,
                "decimals": m.decimals,
                "digits": m.digits,
            }
            factors = energy.factors.get(m.id or 0, []) if energy is not None else []
            if factors:
                described["conversion_factors"] = [
                    {
                        "valid_from": f.valid_from.isoformat(),
                        "factor": str(f.factor),
                        "z_number": str(f.z_number),
                        "unit": f.unit,
                    }
                    for f in factors
                ]
            metrics.append(described)
        head: dict[str, Any] = {
            "name": source.name,
            "category": source.category.value,
            "description": source.description,
            "owner": details.owner,
            "public": source.is_public,
            "members_may_add_readings": source.members_may_add_readings,
            "interval_days": source.interval_days,
            "archived": source.archived,
            "billing_start_month": source.billing_start_month,
            "metrics": metrics,
            "tariffs": [
                {
                    "metric": names.get(t.metric_id, ""),
                    "valid_from": t.valid_from.isoformat(),
                    "unit_price": str(t.unit_price),
                    "standing_charge": str(t.standing_charge),
                    "currency": t.currency,
                }
                for t in details.tariffs
            ],
            "meter_changes": [
                {
                    "metric": names.get(e.metric_id, ""),
                    "at": stamp(_epoch(e.at)),
                    "kind": e.kind.value,
                    "old_value": None if e.old_value is None else str(e.old_value),
                    "new_value": None if e.new_value is None else str(e.new_value),
                    "digits": e.digits,
                    "note": e.note,
                    "reading": stamp(times[e.reading_id]) if e.reading_id in times else None,
                }
                for e in details.meter_changes
            ],
        }
        if energy is not None and energy.advances:
            head["advance_payments"] = [
                {"valid_from": a.valid_from.isoformat(), "amount": str(a.amount), "currency": a.currency}
                for a in energy.advances
            ]
        text = json.dumps(head, ensure_ascii=False, indent=1)
        body = "\n".join("  " + line for line in text[: text.rfind("}")].rstrip().splitlines())
        if self._opens:
            opening = json.dumps({"format": JSON_FORMAT_NAME, "version": JSON_VERSION}, ensure_ascii=False)
            self._stream.write(opening[:-1] + ',\n "sources": [\n')
        else:
            self._stream.write(",\n")
        self._stream.write(body + ',\n   "readings": [')
        self._first = True
        dumps = json.dumps
        self._names = [dumps(m.name, ensure_ascii=False) for m in source.metrics]

    def write(self, chunks: Iterable[Sequence[Any]]) -> None:
        names = self._names
        start_at = self._start_at
        formats = self._formats
        stamp = self._timestamp
        flags = self._flags
        dumps = json.dumps
        parts: list[str] = []
        for chunk in chunks:
            for row in chunk:
                values = []
                starts = []
                for i, (name, fmt) in enumerate(zip(names, formats, strict=True)):
                    v = row[2 + i]
                    if v is None:
                        continue
                    values.append(f"{name}: {fmt(v)}")
                    at = start_at[i]
                    if at is not None and row[at] is not None:
                        # An ISO timestamp holds no character JSON escapes.
                        starts.append(f'{name}: "{stamp(int(row[at]))}"')
                text = f'{{"timestamp": "{stamp(row[0])}", "values": {{{", ".join(values)}}}'
                if starts:
                    text += f', "starts": {{{", ".join(starts)}}}'
                if row[1]:
                    text += f', "note": {dumps(row[1], ensure_ascii=False)}'
                estimated, from_bill, author = flags(row)
                if estimated:
                    text += ', "estimated": true'
                if from_bill:
                    text += ', "from_bill": true'
                if author:
                    text += f', "entered_by": {dumps(author, ensure_ascii=False)}'
                parts.append(",\n    " + text + "}")
        if parts and self._first:
            parts[0] = "\n    " + parts[0][6:]
            self._first = False
        self._stream.write("".join(parts))

    def end(self) -> None:
        self._stream.write("\n   ]\n  }" if not self._first else "]\n  }")
        if self._closes:
            self._stream.write("\n ]\n}\n")
        self._stream.flush()


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _number_format(metric: Metric) -> Callable[[float], str]:
    """A stored double as the decimal text that was entered, with the metric's decimals.

    Below 10**(15 - decimals) the double has at most 15 significant digits, so printf-style
    rounding gives exactly what was entered (and is 2.5x faster than Decimal); beyond, the
    shortest repr is rounded as the app shows it.
    """
    q = Decimal(1).scaleb(-metric.decimals)
    fast = f"%.{metric.decimals}f"
    limit = 10.0 ** (15 - metric.decimals)

    def fmt(value: float) -> str:
        if -limit < value < limit:
            return fast % value
        return format(Decimal(repr(float(value))).quantize(q), "f")

    return fmt


class _Timestamps:
    """Epoch seconds as ISO 8601 with the offset of ``tz`` (None: the computer's zone), as
    ``datetime.isoformat()`` writes them, without a datetime per reading: readings come in time
    order, so the offset of the current six hours (per second where it changes within them) and
    the current day's date are worked out once and reused."""

    #: Seconds for which an offset is looked up once (no zone changes its offset twice in six hours).
    _BUCKET = 6 * 3600

    def __init__(self, tz: tzinfo | None) -> None:
        self._tz = tz
        self._bucket: int | None = None
        self._bucket_offset: tuple[int, str] | None = None
        self._day: int | None = None
        self._day_text = ""

    def __call__(self, ts: int) -> str:
        bucket = ts // self._BUCKET
        if bucket != self._bucket:
            start, end = self._offset(bucket * self._BUCKET), self._offset(bucket * self._BUCKET + self._BUCKET - 1)
            self._bucket, self._bucket_offset = bucket, (start if start == end else None)
        offset = self._bucket_offset
        if offset is None:  # the offset changes within these six hours
            offset = self._offset(ts)
        seconds, text = offset
        day, rest = divmod(ts + seconds, 86400)
        if day != self._day:
            self._day, self._day_text = day, date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
        hours, rest = divmod(rest, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{self._day_text}T{hours:02d}:{minutes:02d}:{secs:02d}{text}"

    def _offset(self, ts: int) -> tuple[int, str]:
        moment = datetime.fromtimestamp(ts, UTC)
        local = moment.astimezone(self._tz) if self._tz is not None else moment.astimezone()
        text = local.isoformat()[19:]  # "+01:00" (or "+00:53:28"): after YYYY-MM-DDTHH:MM:SS
        delta = local.utcoffset()
        return (int(delta.total_seconds()) if delta is not None else 0), text


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
