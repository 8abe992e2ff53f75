"""Home Log's own JSON export imported back: whole sources, nothing lost.

``is_homelog_file(path)`` recognises the document (``"format": "homelog-readings"``, see
``services.exporting`` for its schema, versions 1 and 2); ``read_document`` reads and checks all of
it (sync: run it in a worker thread), and ``run_homelog_import`` stores it in one transaction through
the same repositories as everything else (sources, tariffs and meter changes through theirs, readings
through the bulk writer of every import):

- a source the database does not have is created with its fields, metrics, tariffs, conversion
  factors, advance payments, meter changes and readings: exported and imported into an empty
  database, it is the same source (ids aside);
- into a source of the same name only what is missing is added (its metrics, tariffs, conversion
  factors, advance payments and meter changes the database lacks, by day or time; readings at a
  time the source has a reading of are skipped, or with ``DuplicatePolicy.REPLACE`` replaced), and
  the summary says what was added and what was there;
- members are named in the file: an author (or owner) is the member of that name in the database;
  one who is not a member there is named in the summary, and their readings are kept without an
  author. Only the administrator (or nobody, on a local file without passwords) may enter readings in
  another member's name; anyone else enters them as themselves.

Progress is counted in readings; a cancel between two chunks rolls everything back.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...db.handle import SessionProvider
from ...domain.energy import ConversionFactor
from ...domain.entities import PERIOD_START_SUFFIX as START_SUFFIX
from ...domain.entities import Category, MeterEvent, MeterEventKind, Metric, MetricKind, Source, Tariff
from ...domain.errors import HomeLogError
from ...domain.settlement import AdvancePayment
from ...domain.timeutil import from_epoch
from ...domain.undo import MAX_UNDO_REPLACED, ImportUndo, KeptRows, Scope
from ...i18n import local_number, translate
from ...repositories.bulk_readings import BulkRows
from ..bulk import gc_paused
from ..exporting import JSON_FORMAT_NAME
from .convert import CellError, value_parser
from .model import (
    CancelToken,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportProgress,
    ImportSummary,
    cannot_open,
)
from .summary import summary_text

#: Readings stored per step (progress and cancel between steps).
CHUNK_ROWS = 5000
#: Versions of the document this reads.
VERSIONS = (1, 2)
#: Bytes read from the start of a file to recognise the document.
_SNIFF_BYTES = 4096
_FORMAT = re.compile(r'"format"\s*:\s*"' + re.escape(JSON_FORMAT_NAME) + '"')


def is_homelog_file(path: Path) -> bool:
    """Whether ``path`` is a JSON document written by Home Log's export (looks at its first bytes only)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    return text.startswith("{") and _FORMAT.search(text) is not None


@dataclass(slots=True)
class FileReadings:
    """A source's readings as columns (metric index: the metric's position in ``FileSource.source.metrics``)."""

    ts: list[int] = field(default_factory=list)
    values: dict[int, list[float | None]] = field(default_factory=dict)
    #: Interval metric index -> each value's period start (None: not read, or the period is not known).
    starts: dict[int, list[int | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    estimated: list[bool] = field(default_factory=list)
    from_bill: list[bool] = field(default_factory=list)
    #: Each reading's author's name ("": nobody).
    authors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FileSource:
    """One source of the document: its definition (no ids), who owns it, its tariffs, changes and readings."""

    source: Source
    owner: str | None = None
    #: (metric name, tariff with metric_id 0).
    tariffs: list[tuple[str, Tariff]] = field(default_factory=list)
    #: (metric name, change with source and metric 0, time of the reading it was recorded with or None).
    meter_changes: list[tuple[str, MeterEvent, int | None]] = field(default_factory=list)
    readings: FileReadings = field(default_factory=FileReadings)
    #: (metric name, conversion factor with metric_id 0).
    factors: list[tuple[str, ConversionFactor]] = field(default_factory=list)
    #: The source's advance payments (source_id 0).
    advances: list[AdvancePayment] = field(default_factory=list)


@dataclass(slots=True)
class HomeLogDocument:
    path: Path
    version: int
    sources: list[FileSource]

    @property
    def reading_count(self) -> int:
        return sum(len(s.readings.ts) for s in self.sources)

    def only(self, name: str) -> HomeLogDocument:
        """The document with only the source called ``name`` (any case); ImportFileError if it has none."""
        wanted = name.strip().casefold()
        chosen = [s for s in self.sources if s.source.name.strip().casefold() == wanted]
        if not chosen:
            names = ", ".join(f"“{s.source.name}”" for s in self.sources)
            raise ImportFileError(
                translate("ImportHomeLog", "{file} holds no source named “{name}” (it holds {names})").format(
                    file=self.path.name, name=name, names=names
                )
            )
        return HomeLogDocument(self.path, self.version, chosen)


@dataclass(slots=True)
class SourceOutcome:
    """What the import did to one source."""

    name: str
    source_id: int | None = None
    created: bool = False
    metrics_created: list[str] = field(default_factory=list)
    imported: int = 0
    replaced: int = 0
    skipped: int = 0
    #: Times of the readings skipped for a stored one (the first few, for the summary).
    skipped_times: list[int] = field(default_factory=list)
    tariffs_added: int = 0
    tariffs_there: int = 0
    changes_added: int = 0
    changes_there: int = 0
    factors_added: int = 0
    factors_there: int = 0
    advances_added: int = 0
    advances_there: int = 0
    #: The stored readings it replaced, kept for an undo (``undoable``; None: not kept).
    replaced_rows: KeptRows | None = None
    #: What undoing it removes from this source (``undoable``; None: undo was not asked about).
    undo: ImportUndo | None = None


@dataclass(slots=True)
class HomeLogSummary(ImportSummary):
    """An ImportSummary (totals over the sources; the first source's name and id) with each source's outcome."""

    sources: list[SourceOutcome] = field(default_factory=list)

    def as_text(self) -> str:
        return homelog_summary_text(self)


# -- reading the document --------------------------------------------------------------------------


async def load_document(path: Path) -> HomeLogDocument:
    """``read_document`` in a worker thread, the cyclic collector paused meanwhile (a collection among the
    parsed readings would hold the GIL, and so the window, for a second)."""
    with gc_paused():
        return await asyncio.get_running_loop().run_in_executor(None, read_document, path)


def read_document(path: Path) -> HomeLogDocument:
    """Read and check the whole document (sync); ImportFileError names what is wrong and where."""
    try:
        data = _load(path)
    except OSError as exc:
        raise ImportFileError(cannot_open(path, exc)) from None
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(
            translate("ImportHomeLog", "{file} is not valid JSON: {exc}").format(file=path.name, exc=exc)
        ) from None
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT_NAME:
        raise ImportFileError(translate("ImportHomeLog", "{file} is not a Home Log export").format(file=path.name))
    version = data.get("version")
    if version not in VERSIONS:
        raise ImportFileError(
            translate(
                "ImportHomeLog",
                "{name} is a Home Log export of version {version}, which this Home Log cannot read (it reads versions"
                " {versions}): update Home Log",
            ).format(name=path.name, version=f"{version!r}", versions=", ".join(map(str, VERSIONS)))
        )
    items: Any = [_version_1(data)] if version == 1 else data.get("sources")
    if version != 1:
        if not isinstance(items, list):
            raise ImportFileError(translate("ImportHomeLog", "{name}: “sources” is not a list").format(name=path.name))
    sources = [_source(item, number) for number, item in enumerate(items, start=1)]
    names = [s.source.name.strip().casefold() for s in sources]
    if len(set(names)) != len(names):
        raise ImportFileError(
            translate("ImportHomeLog", "{name} holds two sources of the same name").format(name=path.name)
        )
    return HomeLogDocument(path, int(version), sources)


#: What stands for the k-th list of readings in the document's skeleton (``_load``).
_PLACEHOLDER = "\x00readings {}"


def _load(path: Path) -> Any:
    """The document, parsed a reading at a time where it is laid out as Home Log writes it (a reading per
    line): ``json.load`` holds the GIL for the whole file, which froze the window for seconds on a big
    export; one short ``json.loads`` per line lets the event loop's thread run in between. Any other
    layout (a file someone re-formatted) is parsed whole."""
    skeleton: list[str] = []
    lists: list[list[Any]] = []
    current: list[Any] | None = None
    loads = json.loads
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            text = line.strip()
            if current is None:
                if text.endswith('"readings": ['):
                    current = []
                    lists.append(current)
                    skeleton.append(text[:-1] + json.dumps(_PLACEHOLDER.format(len(lists) - 1)) + "\n")
                else:
                    skeleton.append(line)
            elif text.startswith("]"):
                skeleton.append(text[1:] + "\n")
                current = None
            elif text:
                try:
                    current.append(loads(text.removesuffix(","), parse_float=Decimal))
                except ValueError:
                    handle.seek(0)
                    return json.load(handle, parse_float=Decimal)  # not a reading per line
    data = json.loads("".join(skeleton), parse_float=Decimal)
    if lists:
        _fill(data, lists)
    return data


def _fill(data: Any, lists: list[list[Any]]) -> None:
    """Put each list of readings back where its placeholder stands."""
    holders = [data] if isinstance(data, dict) else []
    if isinstance(data, dict) and isinstance(data.get("sources"), list):
        holders.extend(item for item in data["sources"] if isinstance(item, dict))
    for holder in holders:
        value = holder.get("readings")
        if isinstance(value, str) and value.startswith(_PLACEHOLDER.format("")):
            holder["readings"] = lists[int(value.rsplit(" ", 1)[1])]


def _version_1(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document (one ``source``, flat readings keyed by the CSV's columns) as a version 2 source."""
    source = data.get("source")
    if not isinstance(source, dict):
        raise ImportFileError(translate("ImportHomeLog", "the export has no “source”"))
    metrics: list[Any] = source["metrics"] if isinstance(source.get("metrics"), list) else []
    names = [str(m.get("name")) for m in metrics if isinstance(m, dict)]
    readings = []
    for row in data.get("readings") or []:
        if not isinstance(row, dict):
            readings.append(row)
            continue
        values = {n: row[n] for n in names if row.get(n) is not None}
        starts = {n: row[n + START_SUFFIX] for n in names if row.get(n + START_SUFFIX)}
        readings.append(
            {"timestamp": row.get("timestamp"), "values": values, "starts": starts, "note": row.get("note")}
        )
    return {**source, "readings": readings}


def _named_source(name: str) -> str:
    return translate("ImportHomeLog", "source “{name}”").format(name=name)


class _Where:
    """Where in the document a problem is, for its message."""

    def __init__(self, text: str) -> None:
        self.text = text

    def error(self, message: str) -> ImportFileError:
        return ImportFileError(f"{self.text}: {message}")


def _source(item: Any, number: int) -> FileSource:
    where = _Where(translate("ImportHomeLog", "source {number}").format(number=number))
    if not isinstance(item, dict):
        raise where.error(translate("ImportHomeLog", "not an object"))
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise where.error(translate("ImportHomeLog", "it has no name"))
    where = _Where(_named_source(name))
    try:
        category = Category(item.get("category") or "other")
    except ValueError:
        raise where.error(
            translate("ImportHomeLog", "unknown category {category}").format(category=f"{item.get('category')!r}")
        ) from None
    described = item.get("metrics") or []
    metrics = [_metric(m, where, i) for i, m in enumerate(described)]
    if not metrics:
        raise where.error(translate("ImportHomeLog", "it has no metrics"))
    if len({m.name.strip().casefold() for m in metrics}) != len(metrics):
        raise where.error(translate("ImportHomeLog", "two metrics have the same name"))
    source = Source(
        None,
        name.strip(),
        category,
        description=_text(item.get("description"), where, "description"),
        is_public=bool(item.get("public", False)),
        interval_days=_optional_int(item.get("interval_days"), where, "interval_days"),
        archived=bool(item.get("archived", False)),
        metrics=tuple(metrics),
        billing_start_month=_optional_int(item.get("billing_start_month"), where, "billing_start_month") or 1,
        members_may_add_readings=bool(item.get("members_may_add_readings", False)),
    )
    owner = item.get("owner")
    result = FileSource(source, owner.strip() if isinstance(owner, str) and owner.strip() else None)
    by_name = {m.name: m for m in metrics}
    for index, tariff in enumerate(item.get("tariffs") or [], start=1):
        result.tariffs.append(_tariff(tariff, by_name, _Where(f"{where.text}, tariff {index}")))
    for index, change in enumerate(item.get("meter_changes") or [], start=1):
        result.meter_changes.append(
            _change(
                change,
                by_name,
                _Where(translate("ImportHomeLog", "{text}, meter change {index}").format(text=where.text, index=index)),
            )
        )
    for metric, described_metric in zip(metrics, described, strict=True):
        for index, factor in enumerate(described_metric.get("conversion_factors") or [], start=1):
            at = _Where(
                translate("ImportHomeLog", "{text}, conversion factor {index} of “{name}”").format(
                    text=where.text, index=index, name=metric.name
                )
            )
            result.factors.append((metric.name, _factor(factor, at)))
    for index, advance in enumerate(item.get("advance_payments") or [], start=1):
        result.advances.append(
            _advance(
                advance,
                _Where(
                    translate("ImportHomeLog", "{text}, advance payment {index}").format(text=where.text, index=index)
                ),
            )
        )
    result.readings = _readings(item.get("readings") or [], metrics, where)
    return result


def _factor(item: Any, where: _Where) -> ConversionFactor:
    if not isinstance(item, dict):
        raise where.error(translate("ImportHomeLog", "not an object"))
    try:
        return ConversionFactor(
            None,
            0,
            date.fromisoformat(str(item.get("valid_from"))),
            Decimal(str(item.get("factor"))),
            Decimal(str(item.get("z_number") or "1")),
            str(item.get("unit") or "kWh"),
        )
    except (ValueError, ArithmeticError) as exc:
        raise where.error(translate("ImportHomeLog", "cannot be read ({exc})").format(exc=exc)) from None


def _advance(item: Any, where: _Where) -> AdvancePayment:
    if not isinstance(item, dict):
        raise where.error(translate("ImportHomeLog", "not an object"))
    try:
        return AdvancePayment(
            None,
            0,
            date.fromisoformat(str(item.get("valid_from"))),
            Decimal(str(item.get("amount"))),
            str(item.get("currency") or "EUR"),
        )
    except (ValueError, ArithmeticError) as exc:
        raise where.error(translate("ImportHomeLog", "cannot be read ({exc})").format(exc=exc)) from None


def _metric(item: Any, where: _Where, index: int) -> Metric:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise where.error(translate("ImportHomeLog", "metric {number} has no name").format(number=index + 1))
    try:
        kind = MetricKind(item.get("kind") or "counter")
    except ValueError:
        raise where.error(
            translate("ImportHomeLog", "metric “{name}” has an unknown kind {kind}").format(
                name=item["name"], kind=f"{item.get('kind')!r}"
            )
        ) from None
    decimals = _optional_int(item.get("decimals"), where, "decimals")
    return Metric(
        None,
        item["name"].strip(),
        _text(item.get("unit"), where, "unit"),
        kind,
        decimals=2 if decimals is None else decimals,
        digits=_optional_int(item.get("digits"), where, "digits"),
        position=index,
    )


def _tariff(item: Any, metrics: dict[str, Metric], where: _Where) -> tuple[str, Tariff]:
    if not isinstance(item, dict) or item.get("metric") not in metrics:
        raise where.error(translate("ImportHomeLog", "it names no metric of the source"))
    try:
        tariff = Tariff(
            None,
            0,
            date.fromisoformat(str(item.get("valid_from"))),
            Decimal(str(item.get("unit_price"))),
            Decimal(str(item.get("standing_charge") or "0")),
            str(item.get("currency") or "EUR"),
        )
    except (ValueError, ArithmeticError) as exc:
        raise where.error(translate("ImportHomeLog", "cannot be read ({exc})").format(exc=exc)) from None
    return str(item["metric"]), tariff


def _change(item: Any, metrics: dict[str, Metric], where: _Where) -> tuple[str, MeterEvent, int | None]:
    if not isinstance(item, dict) or item.get("metric") not in metrics:
        raise where.error(translate("ImportHomeLog", "it names no metric of the source"))
    try:
        kind = MeterEventKind(str(item.get("kind")))
        old = None if item.get("old_value") is None else Decimal(str(item["old_value"]))
        new = None if item.get("new_value") is None else Decimal(str(item["new_value"]))
    except (ValueError, ArithmeticError) as exc:
        raise where.error(translate("ImportHomeLog", "cannot be read ({exc})").format(exc=exc)) from None
    at = _moment(item.get("at"), where)
    reading = None if item.get("reading") is None else _moment(item.get("reading"), where)
    event = MeterEvent(
        None,
        0,
        0,
        from_epoch(at),
        kind,
        old,
        new,
        _optional_int(item.get("digits"), where, "digits"),
        _text(item.get("note"), where, "note"),
    )
    return str(item["metric"]), event, reading


def _readings(items: Any, metrics: list[Metric], where: _Where) -> FileReadings:
    if not isinstance(items, list):
        raise where.error(translate("ImportHomeLog", "“readings” is not a list"))
    result = FileReadings()
    index_of = {m.name: i for i, m in enumerate(metrics)}
    parsers = [value_parser(m, ".", "") for m in metrics]
    n = len(items)
    for i in range(len(metrics)):
        result.values[i] = [None] * n
    for i, m in enumerate(metrics):
        if m.kind is MetricKind.INTERVAL:
            result.starts[i] = [None] * n
    for row_number in range(n):
        # Each parsed reading is freed as soon as it is read: freeing them all at once at the end is one
        # long C call that holds the GIL (the window froze for half a second on 200,000 readings).
        item, items[row_number] = items[row_number], None
        at = _Where(f"{where.text}, reading {row_number + 1}")
        if not isinstance(item, dict):
            raise at.error(translate("ImportHomeLog", "not an object"))
        result.ts.append(_moment(item.get("timestamp"), at))
        values = item.get("values") or {}
        if not isinstance(values, dict):
            raise at.error(translate("ImportHomeLog", "“values” is not an object"))
        for name, value in values.items():
            column = index_of.get(name)
            if column is None:
                raise at.error(translate("ImportHomeLog", "“{name}” is no metric of the source").format(name=name))
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | Decimal):
                raise at.error(translate("ImportHomeLog", "the value of “{name}” is not a number").format(name=name))
            try:
                parsed = parsers[column](str(value))
            except CellError as exc:
                raise at.error(
                    translate("ImportHomeLog", "the value of “{name}”: {exc}").format(name=name, exc=exc)
                ) from None
            result.values[column][row_number] = None if parsed is None else parsed[0]
        for name, start in (item.get("starts") or {}).items():
            column = index_of.get(name)
            if column is None or column not in result.starts:
                raise at.error(
                    translate("ImportHomeLog", "“{name}” is no interval metric of the source").format(name=name)
                )
            if start is not None:
                moment = _moment(start, at)
                if moment >= result.ts[-1]:
                    raise at.error(
                        translate("ImportHomeLog", "the period of “{name}” does not end after it starts").format(
                            name=name
                        )
                    )
                result.starts[column][row_number] = moment
        result.notes.append(_text(item.get("note"), at, "note"))
        result.estimated.append(item.get("estimated") is True)
        result.from_bill.append(item.get("from_bill") is True)
        author = item.get("entered_by")
        result.authors.append(author.strip() if isinstance(author, str) else "")
    return result


def _moment(value: Any, where: _Where) -> int:
    """An ISO 8601 time with its offset as epoch seconds."""
    if not isinstance(value, str):
        raise where.error(translate("ImportHomeLog", "a time is missing"))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise where.error(translate("ImportHomeLog", "“{value}” is not an ISO 8601 time").format(value=value)) from None
    if moment.tzinfo is None:
        raise where.error(translate("ImportHomeLog", "“{value}” has no UTC offset").format(value=value))
    return int(moment.timestamp())


def _text(value: Any, where: _Where, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise where.error(translate("ImportHomeLog", "“{name}” is not a text").format(name=name))
    return value


def _optional_int(value: Any, where: _Where, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(translate("ImportHomeLog", "“{name}” is not a whole number").format(name=name))
    return value


# -- storing it ------------------------------------------------------------------------------------


async def run_homelog_import(
    db: SessionProvider,
    document: HomeLogDocument,
    duplicates: DuplicatePolicy = DuplicatePolicy.SKIP,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
    *,
    undoable: bool = False,
) -> HomeLogSummary:
    """Store ``document`` in one transaction (see the module's docstring); ImportCancelledError on a cancel,
    ImportFileError when something of it breaks a rule (a meter change, a tariff); either way nothing is stored.

    ``undoable``: each source's outcome says what undoing the import removes (``SourceOutcome.undo``:
    the source if it created it, else the metrics, tariffs, meter changes, conversion factors,
    advance payments and readings it added) and keeps the stored readings it replaced (up to
    MAX_UNDO_REPLACED in all), for Edit → Undo (as ``run_import``)."""
    with gc_paused():
        return await _run(db, document, duplicates, progress, cancel, undoable)


async def _run(
    db: SessionProvider,
    document: HomeLogDocument,
    duplicates: DuplicatePolicy,
    progress: Callable[[ImportProgress], None] | None,
    cancel: CancelToken | None,
    undoable: bool = False,
) -> HomeLogSummary:
    from ...db.database import actor_of
    from ...repositories import MemberRepository, MeterEventRepository, SourceRepository, TariffRepository
    from ...repositories.bulk_readings import BulkReadingWriter, fill_interval_starts, lock_source_name
    from ..undo import capture, import_undo

    started = time.perf_counter()
    first = document.sources[0].source.name if document.sources else ""
    summary = HomeLogSummary(path=document.path, source_name=first)
    total = document.reading_count
    done = 0

    def report(phase: str) -> None:
        if progress is not None:
            progress(ImportProgress(done, done, total, summary.imported, summary.skipped_duplicates, phase))

    report("starting")
    async with db.session() as session:
        members: dict[str, int] = {}
        for member in await MemberRepository(session).all():
            if member.id is not None:
                members.setdefault(_key(member.name), member.id)
        actor = actor_of(session)
        keep_authors = actor is None or actor.is_admin
        repository = SourceRepository(session)
        budget = MAX_UNDO_REPLACED if undoable else None
        for part in document.sources:
            outcome = SourceOutcome(part.source.name)
            summary.sources.append(outcome)
            await lock_source_name(session, part.source.name)
            # By name in any case, in Python: SQLite's lower() knows only ASCII ("Élec" and "élec").
            wanted = _key(part.source.name)
            stored = next((s for s in await repository.all() if _key(s.name) == wanted), None)
            # A stored source's rows before the import adds to them: what it added is the rest.
            there = None
            if undoable and stored is not None and stored.id is not None:
                there = await capture(session, Scope(sources=frozenset([stored.id])))
            try:
                if stored is None:
                    owner = members.get(_key(part.owner)) if part.owner else None
                    if part.owner and owner is None:
                        _name_unknown(summary, part.owner)
                    stored = await repository.add(replace(part.source, owner_id=owner))
                    outcome.created = True
                    outcome.metrics_created = [m.label for m in stored.metrics]
                else:
                    have = {_key(m.name) for m in stored.metrics}
                    missing = [m for m in part.source.metrics if _key(m.name) not in have]
                    if missing:
                        added = tuple(replace(m, position=len(stored.metrics) + i) for i, m in enumerate(missing))
                        stored = await repository.update(replace(stored, metrics=stored.metrics + added))
                        outcome.metrics_created = [m.label for m in missing]
            except HomeLogError as exc:
                raise ImportFileError(f"{_named_source(part.source.name)}: {exc}") from None
            assert stored.id is not None
            outcome.source_id = stored.id
            metric_of_name = {_key(m.name): m for m in stored.metrics}
            targets = [metric_of_name[_key(m.name)] for m in part.source.metrics]
            await _add_tariffs(TariffRepository(session), part, targets, outcome)
            await _add_energy(session, part, targets, stored.id, outcome)
            # Readings, a chunk at a time, through the writer of every import.
            writer = await BulkReadingWriter.open(
                session, stored.id, replace=duplicates is DuplicatePolicy.REPLACE, merge=False, keep_replaced=budget
            )
            metric_of: dict[int, int | None] = {i: m.id for i, m in enumerate(targets)}
            intervals = frozenset(i for i, m in enumerate(targets) if m.kind is MetricKind.INTERVAL)
            readings = part.readings
            for low in range(0, len(readings.ts), CHUNK_ROWS):
                _check(cancel)
                high = low + CHUNK_ROWS
                rows, repeated = _rows(readings, low, high, intervals, duplicates)
                if keep_authors:
                    rows.authors = [_author(name, members, summary) for name in readings.authors[low:high]]
                elif any(readings.authors[low:high]):
                    summary.authors_not_kept = True
                written = await writer.write(rows, metric_of, intervals)
                outcome.imported += written.imported
                outcome.replaced += written.replaced
                outcome.skipped += written.skipped + repeated
                if len(outcome.skipped_times) < 20:
                    outcome.skipped_times.extend(sorted(written.skipped_times)[: 20 - len(outcome.skipped_times)])
                summary.imported += written.imported
                summary.replaced += written.replaced
                summary.skipped_duplicates += written.skipped + repeated
                done = min(total, done + len(rows.ts))
                report("reading")
                await asyncio.sleep(0)
            # A metric that is an interval metric here but was not in the file: its values run since the previous one.
            guessed = [m.id for i, m in enumerate(targets) if i in intervals and i not in readings.starts and m.id]
            await fill_interval_starts(session, guessed)
            await _add_changes(session, MeterEventRepository(session), part, targets, stored.id, outcome)
            if undoable:
                outcome.replaced_rows = writer.replaced_rows
                if budget is not None:  # the sources' replaced rows are kept up to the bound in all
                    budget = max(0, budget - outcome.replaced)
                new_rows: dict[str, set[int]] = {}
                if there is not None:
                    now = await capture(session, Scope(sources=frozenset([stored.id])))
                    for table in ("metrics", "tariffs", "conversion_factors", "advance_payments", "meter_events"):
                        new_rows[table] = now.ids(table) - there.ids(table)
                metrics = [m.id for m in stored.metrics if m.id is not None] if outcome.created else []
                outcome.undo = await import_undo(
                    session,
                    stored.id,
                    created=outcome.created,
                    metrics=metrics or new_rows.pop("metrics", set()),
                    runs=writer.id_runs,
                    replaced=writer.replaced_rows,
                    rows=new_rows,
                )
            _check(cancel)
        summary.source_id = summary.sources[0].source_id if summary.sources else None
        summary.source_created = any(o.created for o in summary.sources)
        report("committing")
    summary.seconds = time.perf_counter() - started
    return summary


def _rows(
    readings: FileReadings, low: int, high: int, intervals: frozenset[int], duplicates: DuplicatePolicy
) -> tuple[BulkRows, int]:
    """A chunk for the bulk writer, and how many of its rows were left out as repeated times in the file."""
    from ...repositories.bulk_readings import first_or_last

    ts = readings.ts[low:high]
    keep, repeated = first_or_last(ts, duplicates is DuplicatePolicy.REPLACE)
    rows = BulkRows(
        ts,
        {i: values[low:high] for i, values in readings.values.items()},
        readings.notes[low:high],
        keep,
        None,
        {i: starts[low:high] for i, starts in readings.starts.items() if i in intervals},
    )
    rows.estimated = readings.estimated[low:high]
    rows.from_bill = readings.from_bill[low:high]
    return rows, repeated


async def _add_tariffs(tariffs: Any, part: FileSource, targets: list[Metric], outcome: SourceOutcome) -> None:
    by_name = {m.name: t for m, t in zip(part.source.metrics, targets, strict=True)}
    ids = [m.id for m in targets if m.id is not None]
    stored = await tariffs.for_metrics(ids)
    have = {(t.metric_id, t.valid_from) for found in stored.values() for t in found}
    for name, tariff in part.tariffs:
        metric_id = by_name[name].id
        assert metric_id is not None
        if (metric_id, tariff.valid_from) in have:
            outcome.tariffs_there += 1
            continue
        try:
            await tariffs.add(replace(tariff, metric_id=metric_id))
        except HomeLogError as exc:
            where = translate("ImportHomeLog", "source “{name}”, tariff of “{metric}” from {date}").format(
                name=part.source.name, metric=name, date=tariff.valid_from
            )
            raise ImportFileError(f"{where}: {exc}") from None
        have.add((metric_id, tariff.valid_from))
        outcome.tariffs_added += 1


async def _add_energy(
    session: Any, part: FileSource, targets: list[Metric], source_id: int, outcome: SourceOutcome
) -> None:
    """The metrics' conversion factors and the source's advance payments that the database lacks (by day)."""
    from ...repositories.energy import AdvancePaymentRepository, ConversionFactorRepository

    where = _named_source(part.source.name)
    if part.factors:
        factors = ConversionFactorRepository(session)
        by_name = {m.name: t for m, t in zip(part.source.metrics, targets, strict=True)}
        stored = await factors.for_metrics([t.id for t in targets if t.id is not None])
        wanted: dict[int, list[ConversionFactor]] = {}
        for name, factor in part.factors:
            metric_id = by_name[name].id
            assert metric_id is not None
            if any(f.valid_from == factor.valid_from for f in stored.get(metric_id, [])):
                outcome.factors_there += 1
            else:
                wanted.setdefault(metric_id, []).append(replace(factor, metric_id=metric_id))
        for metric_id, missing in wanted.items():
            try:
                await factors.replace(metric_id, [*stored.get(metric_id, []), *missing])
            except HomeLogError as exc:
                raise ImportFileError(
                    translate("ImportHomeLog", "{where}, conversion factors: {reason}").format(where=where, reason=exc)
                ) from None
            outcome.factors_added += len(missing)
    if part.advances:
        advances = AdvancePaymentRepository(session)
        have = await advances.for_source(source_id)
        days = {a.valid_from for a in have}
        missing_advances = [replace(a, source_id=source_id) for a in part.advances if a.valid_from not in days]
        outcome.advances_there += len(part.advances) - len(missing_advances)
        if missing_advances:
            try:
                await advances.replace(source_id, [*have, *missing_advances])
            except HomeLogError as exc:
                raise ImportFileError(
                    translate("ImportHomeLog", "{where}, advance payments: {reason}").format(where=where, reason=exc)
                ) from None
            outcome.advances_added += len(missing_advances)


async def _add_changes(
    session: Any, changes: Any, part: FileSource, targets: list[Metric], source_id: int, outcome: SourceOutcome
) -> None:
    from ...repositories.bulk_readings import readings_at

    if not part.meter_changes:
        return
    by_name = {m.name: t for m, t in zip(part.source.metrics, targets, strict=True)}
    have = {(e.metric_id, int(e.at.timestamp()), e.kind) for e in await changes.for_source(source_id)}
    wanted = [ts for _n, _e, ts in part.meter_changes if ts is not None]
    reading_of = await readings_at(session, source_id, wanted)
    for name, event, reading_ts in part.meter_changes:
        metric_id = by_name[name].id
        assert metric_id is not None
        key = (metric_id, int(event.at.timestamp()), event.kind)
        if key in have:
            outcome.changes_there += 1
            continue
        linked = reading_of.get(reading_ts) if reading_ts is not None else None
        try:
            await changes.add(replace(event, source_id=source_id, metric_id=metric_id, reading_id=linked))
        except HomeLogError as exc:
            raise ImportFileError(
                translate("ImportHomeLog", "source “{name}”, meter change of “{metric}”: {exc}").format(
                    name=part.source.name, metric=name, exc=exc
                )
            ) from None
        have.add(key)
        outcome.changes_added += 1


def _author(name: str, members: dict[str, int], summary: ImportSummary) -> int | None:
    if not name:
        return None
    member = members.get(_key(name))
    if member is None:
        _name_unknown(summary, name)
    return member


def _name_unknown(summary: ImportSummary, name: str) -> None:
    if name not in summary.unknown_authors:
        summary.unknown_authors.append(name)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise ImportCancelledError()


# -- the summary -----------------------------------------------------------------------------------


def _added(added: int, there: int, only_added: str, with_there: str) -> str:
    """A summary line of what was added and what was there already (two translated templates)."""
    if there:
        return with_there.format(added=local_number(added, grouped=True), there=local_number(there, grouped=True))
    return only_added.format(added=local_number(added, grouped=True))


def homelog_summary_text(summary: HomeLogSummary) -> str:
    from .model import printable

    count = len(summary.sources)
    lines = [
        translate("ImportHomeLog", "Import of {file} (a Home Log export of %Ln source(s))", None, count).format(
            file=printable(summary.path.name)
        )
    ]
    for outcome in summary.sources:
        name = printable(outcome.name)
        if outcome.created:
            lines.append(
                translate("ImportHomeLog", "“{name}”: created, with the metrics {metrics}.").format(
                    name=name, metrics=printable(", ".join(outcome.metrics_created))
                )
            )
        else:
            lines.append(
                translate("ImportHomeLog", "“{name}”: already here; only what it lacked was added.").format(name=name)
            )
            if outcome.metrics_created:
                lines.append(
                    translate("ImportHomeLog", "  Metrics added: {metrics}.").format(
                        metrics=printable(", ".join(outcome.metrics_created))
                    )
                )
        parts = [translate("ImportHomeLog", "%Ln imported", None, outcome.imported)]
        if outcome.replaced:
            parts.append(translate("ImportHomeLog", "%Ln replaced", None, outcome.replaced))
        if outcome.skipped:
            shown = ", ".join(from_epoch(t).astimezone().strftime("%Y-%m-%d %H:%M") for t in outcome.skipped_times)
            more = " …" if outcome.skipped > len(outcome.skipped_times) else ""
            parts.append(
                translate(
                    "ImportHomeLog",
                    "%Ln skipped: a reading of that time is already stored ({times})",
                    None,
                    outcome.skipped,
                ).format(times=shown + more)
            )
        lines.append(translate("ImportHomeLog", "  Readings: {counts}.").format(counts=", ".join(parts)))
        if outcome.tariffs_added or outcome.tariffs_there:
            lines.append(
                _added(
                    outcome.tariffs_added,
                    outcome.tariffs_there,
                    translate("ImportHomeLog", "  Tariffs: {added} added."),
                    translate("ImportHomeLog", "  Tariffs: {added} added, {there} already here."),
                )
            )
        if outcome.factors_added or outcome.factors_there:
            lines.append(
                _added(
                    outcome.factors_added,
                    outcome.factors_there,
                    translate("ImportHomeLog", "  Conversion factors: {added} added."),
                    translate("ImportHomeLog", "  Conversion factors: {added} added, {there} already here."),
                )
            )
        if outcome.advances_added or outcome.advances_there:
            lines.append(
                _added(
                    outcome.advances_added,
                    outcome.advances_there,
                    translate("ImportHomeLog", "  Advance payments: {added} added."),
                    translate("ImportHomeLog", "  Advance payments: {added} added, {there} already here."),
                )
            )
        if outcome.changes_added or outcome.changes_there:
            lines.append(
                _added(
                    outcome.changes_added,
                    outcome.changes_there,
                    translate("ImportHomeLog", "  Meter changes: {added} added."),
                    translate("ImportHomeLog", "  Meter changes: {added} added, {there} already here."),
                )
            )
    rest = summary_text(
        ImportSummary(
            path=summary.path,
            source_name="",
            unknown_authors=summary.unknown_authors,
            authors_not_kept=summary.authors_not_kept,
            seconds=summary.seconds,
            undo_note=summary.undo_note,
        )
    ).splitlines()
    lines.extend(line for line in rest[2:])  # past the heading and the count of readings
    return "\n".join(lines) + "\n"
