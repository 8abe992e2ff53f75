"""Export a source's readings to CSV or JSON, streamed, with spreadsheet formulas defused.

Layout (both formats): ``timestamp`` (ISO 8601 with the UTC offset, whole seconds), one column per
metric named by the metric, in the source's order, then ``note``. Numbers are written with a dot
and exactly the metric's decimals; a metric that was not read is an empty cell (``null`` in JSON).
An interval metric ``X`` is followed by ``X start``: the start of each value's period (the
reading's time is its end), empty (``null``) when not read or not known; ``homelog import`` and
the wizard read it back (``start_columns_of``), so an export imported again has the same periods.

Formula injection: in CSV, a text cell (a note, a metric's name in the header) that would start
with ``= + - @`` (or their fullwidth forms ``＝ ＋ － ＠``), a tab or a carriage return, also after
leading blanks (`` =1+1``), is written with a leading apostrophe (``'=SUM(A1)``),
which spreadsheets show as text. To keep this reversible, a text that already starts with
apostrophes followed by one of those characters gets one more. ``unescape_formula`` undoes it
exactly; the importer applies it to text cells. JSON holds the texts as they are (no spreadsheet
opens it).

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
from ..domain.entities import Metric, MetricKind, Source
from ..domain.errors import HomeLogError
from ..domain.settlement import AdvancePayment
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
#: The value of the JSON document's "format" key.
JSON_FORMAT_NAME = "homelog-readings"


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return f".{self.value}"


class ExportCancelledError(HomeLogError):
    """The user cancelled the export; no file was written."""

    def __init__(self) -> None:
        super().__init__("Export cancelled: no file was written.")


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
    """The columns of an export of ``source``: timestamp, its metrics by name (an interval metric
    followed by ``<name> start``), note."""
    names = ["timestamp"]
    for metric in source.metrics:
        names.append(metric.name)
        if metric.kind is MetricKind.INTERVAL:
            names.append(metric.name + START_SUFFIX)
    return [*names, "note"]


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
    with gc_paused():
        return await _export(db, source, out, fmt, tz, progress, cancel)


async def _export(
    db: SessionProvider,
    source: Source,
    out: Path | TextIO,
    fmt: ExportFormat,
    tz: tzinfo | None,
    progress: ExportProgress | None,
    cancel: Cancel | None,
) -> ExportResult:
    assert source.id is not None
    loop = asyncio.get_running_loop()
    source = await _fresh(db, source)
    sqlite_path, total = await _locate(db, source)
    reporter = _Reporter(loop, progress, total)
    writer_factory = _JsonWriter if fmt is ExportFormat.JSON else _CsvWriter

    energy = await _energy(db, source) if fmt is ExportFormat.JSON else None

    async def write(stream: TextIO) -> int:
        writer = writer_factory(stream, source, tz)
        if isinstance(writer, _JsonWriter) and energy is not None:
            writer.energy = energy
        if sqlite_path is not None:

            def write_file(path: Path) -> int:
                return _write_all(writer, sqlite_reading_rows(path, source), reporter, cancel)

            database = await _database(db)
            if database is not None:  # closing it (a restore) waits until the export has let go of the file
                return await database.read_file(write_file)
            return await loop.run_in_executor(None, write_file, sqlite_path)
        return await _write_streamed(db, source, writer, reporter, cancel)

    if not isinstance(out, Path):
        count = await write(out)
        reporter.final(count)
        return ExportResult(source, count, None, fmt)
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
    return ExportResult(source, count, out, fmt)


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
    writer = (_JsonWriter if fmt is ExportFormat.JSON else _CsvWriter)(buffer, source, tz)
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
        self._last = 0.0

    def report(self, done: int) -> None:
        if self._progress is not None and self._due():
            self._progress(done, max(done, self.total))

    def report_threadsafe(self, done: int) -> None:
        if self._progress is not None and self._due():
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
    """Formats rows ((ts, note, value per metric...)) into ``stream``."""

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


class _CsvWriter(_Writer):
    def begin(self) -> None:
        self._csv = csv.writer(self._stream, lineterminator="\r\n")
        self._csv.writerow([escape_formula(name) for name in header(self._source)])

    def write(self, chunks: Iterable[Sequence[Any]]) -> None:
        out = self._csv
        stamp = self._timestamp
        numbers = self._numbers
        for chunk in chunks:
            out.writerows(
                [stamp(row[0]), *("" if v is None else v for v in numbers(row)), escape_formula(row[1] or "")]
                for row in chunk
            )

    def end(self) -> None:
        self._stream.flush()


class _JsonWriter(_Writer):
    """A JSON object: ``format``, ``version``, the ``source`` (with its metrics, their conversion
    factors and the source's advance payments, where it has them) and ``readings``."""

    #: Conversion factors and advance payments to write with the source (None: none loaded).
    energy: EnergyExport | None = None

    def begin(self) -> None:
        source = self._source
        energy = self.energy
        metrics = []
        for m in source.metrics:
            described: dict[str, Any] = {"name": m.name, "unit": m.unit, "kind": m.kind.value, "decimals": m.decimals}
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
        described_source: dict[str, Any] = {"name": source.name, "category": source.category.value, "metrics": metrics}
        if energy is not None and energy.advances:
            described_source["advance_payments"] = [
                {"valid_from": a.valid_from.isoformat(), "amount": str(a.amount), "currency": a.currency}
                for a in energy.advances
            ]
        head = {"format": JSON_FORMAT_NAME, "version": 1, "source": described_source}
        text = json.dumps(head, ensure_ascii=False, indent=1)
        self._stream.write(text[: text.rfind("}")].rstrip() + ',\n "readings": [')
        self._first = True
        self._keys = [json.dumps(name, ensure_ascii=False) for name in header(source)]
        self._start_keys = {
            json.dumps(m.name + START_SUFFIX, ensure_ascii=False)
            for m in source.metrics
            if m.kind is MetricKind.INTERVAL
        }

    def write(self, chunks: Iterable[Sequence[Any]]) -> None:
        time_key, *metric_keys, note_key = self._keys
        starts = self._start_keys
        stamp = self._timestamp
        numbers = self._numbers
        dumps = json.dumps
        parts: list[str] = []
        for chunk in chunks:
            for row in chunk:
                values = "".join(
                    f", {k}: {'null' if v is None else (f'"{v}"' if k in starts else v)}"
                    for k, v in zip(metric_keys, numbers(row), strict=True)
                )
                note = dumps(row[1], ensure_ascii=False) if row[1] else '""'
                # An ISO timestamp holds no character JSON escapes.
                parts.append(f',\n  {{{time_key}: "{stamp(row[0])}"{values}, {note_key}: {note}}}')
        if parts and self._first:
            parts[0] = "\n" + parts[0][2:]
            self._first = False
        self._stream.write("".join(parts))

    def end(self) -> None:
        self._stream.write("\n ]\n}\n" if not self._first else "]\n}\n")
        self._stream.flush()


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
