"""The neutral result of reading a standard format: series of typed values, and everything skipped, by line."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import overload

from ....domain.entities import MetricKind
from ....i18n import QT_TRANSLATE_NOOP, translate

#: Largest file (or .zip member) read whole into memory: ten years of 15-minute NEM12 data for two
#: registers is about 40 MB; a bigger one is refused instead of filling the memory.
MAX_BYTES = 512 * 1024 * 1024


class FormatId(enum.StrEnum):
    """The standard formats recognised without options."""

    NEM12 = "nem12"
    NEM13 = "nem13"
    GREEN_BUTTON = "green_button"
    HOME_ASSISTANT = "home_assistant_statistics"
    DSMR_READER = "dsmr_reader"

    @property
    def label(self) -> str:
        return translate("ImportFormats", _LABELS[self])


_LABELS = {
    FormatId.NEM12: QT_TRANSLATE_NOOP("ImportFormats", "AEMO NEM12 interval data"),
    FormatId.NEM13: QT_TRANSLATE_NOOP("ImportFormats", "AEMO NEM13 accumulated meter readings"),
    FormatId.GREEN_BUTTON: QT_TRANSLATE_NOOP("ImportFormats", "Green Button (ESPI) XML"),
    FormatId.HOME_ASSISTANT: QT_TRANSLATE_NOOP("ImportFormats", "Home Assistant long-term statistics"),
    FormatId.DSMR_READER: QT_TRANSLATE_NOOP("ImportFormats", "DSMR-reader statistics export"),
}


class FormatError(Exception):
    """The file says it is in a standard format but cannot be read as one (the message says where and why)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a series.

    An amount per period (``MetricKind.INTERVAL``) covers [``start``, ``end``). A counter or gauge
    reading has ``start`` None and is taken at ``end`` (see ``instant``); a gauge with a ``start`` is
    the mean (or min/max) over that period. Times are aware when the file states its zone or offset,
    naive (local time) when it does not.
    """

    start: datetime | None
    end: datetime
    value: float
    estimated: bool = False
    #: Where the value came from in the file (line number).
    line: int = 0

    @property
    def instant(self) -> datetime:
        """The time of a counter or gauge reading (the end of a period for an amount)."""
        return self.end


@dataclass(frozen=True, slots=True)
class EpochColumns:
    """A series' values as columns of epoch seconds (see ``Values.epoch_columns``)."""

    #: Period start per value (None: an instant), end (the instant of a counter or gauge).
    starts: list[int | None]
    ends: list[int]
    amounts: list[float]
    estimated: list[bool]
    lines: list[int]
    #: The file's zone, in which the times are shown.
    zone: tzinfo


class Values(Sequence[Value]):
    """The values of a series, in file order.

    Most formats add them one by one (``append``) and they are kept as ``Value`` objects. A big file of
    amounts in a fixed zone (NEM12: ten years of quarter hours are 700,000 values) adds them a day at a
    time as columns of epoch seconds and floats (``extend_epochs``): no object per value to build,
    to convert back to epoch seconds for the database, or to keep the cyclic collector busy. Read as a
    sequence, such values are made into ``Value`` objects on demand (their times in the file's zone), so
    both kinds read alike; ``epoch_columns`` hands the columns themselves to the import.
    """

    __slots__ = ("_columns", "_items")

    def __init__(self, values: Iterable[Value] = ()) -> None:
        self._items: list[Value] = list(values)
        self._columns: EpochColumns | None = None

    def append(self, value: Value) -> None:
        self._objects().append(value)

    def clear(self) -> None:
        self._items.clear()
        self._columns = None

    def extend_epochs(
        self,
        starts: Iterable[int | None],
        ends: Iterable[int],
        amounts: Iterable[float],
        estimated: Iterable[bool],
        lines: Iterable[int],
        zone: tzinfo,
    ) -> None:
        """Add values given as columns: times in epoch seconds, shown in ``zone`` (aware)."""
        columns = self._columns
        if self._items or (columns is not None and columns.zone is not zone):
            added = EpochColumns(list(starts), list(ends), list(amounts), list(estimated), list(lines), zone)
            self._objects().extend(_materialised(added, 0, len(added.ends)))
            return
        if columns is None:
            columns = self._columns = EpochColumns([], [], [], [], [], zone)
        columns.starts.extend(starts)
        columns.ends.extend(ends)
        columns.amounts.extend(amounts)
        columns.estimated.extend(estimated)
        columns.lines.extend(lines)

    def epoch_columns(self) -> EpochColumns | None:
        """The values as columns when they were added so (None: they are ``Value`` objects)."""
        return self._columns

    def span(self) -> tuple[datetime, datetime] | None:
        """(earliest start, or instant when it has none; latest end), None without values."""
        columns = self._columns
        if columns is None:
            if not self._items:
                return None
            return min((v.start or v.end) for v in self._items), max(v.end for v in self._items)
        if not columns.ends:
            return None
        starts = columns.starts
        first = min(e if s is None else s for s, e in zip(starts, columns.ends, strict=True))
        last = max(e for e in columns.ends)  # (bytecode: a worker lets the event loop in meanwhile)
        zone = columns.zone
        return datetime.fromtimestamp(first, zone), datetime.fromtimestamp(last, zone)

    def __len__(self) -> int:
        return len(self._items) if self._columns is None else len(self._columns.ends)

    @overload
    def __getitem__(self, index: int) -> Value: ...

    @overload
    def __getitem__(self, index: slice) -> list[Value]: ...

    def __getitem__(self, index: int | slice) -> Value | list[Value]:
        columns = self._columns
        if columns is None:
            return self._items[index]
        if isinstance(index, slice):
            return list(_materialised(columns, *index.indices(len(columns.ends))))
        if index < 0:
            index += len(columns.ends)
        if not 0 <= index < len(columns.ends):
            raise IndexError("value index out of range")
        return next(_materialised(columns, index, index + 1))

    def __iter__(self) -> Iterator[Value]:
        columns = self._columns
        if columns is None:
            return iter(self._items)
        return _materialised(columns, 0, len(columns.ends))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Values | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Values({len(self)} values)"

    def _objects(self) -> list[Value]:
        """The values as objects, from now on (columns added before are made into objects once)."""
        if self._columns is not None:
            self._items = list(_materialised(self._columns, 0, len(self._columns.ends)))
            self._columns = None
        return self._items


def _materialised(columns: EpochColumns, first: int, stop: int, step: int = 1) -> Iterator[Value]:
    zone = columns.zone
    at = datetime.fromtimestamp
    for i in range(first, stop, step):
        start = columns.starts[i]
        yield Value(
            None if start is None else at(start, zone),
            at(columns.ends[i], zone),
            columns.amounts[i],
            columns.estimated[i],
            columns.lines[i],
        )


@dataclass(slots=True)
class Series:
    """The values of one register, channel or meter, in file order."""

    #: The register's name: ``"6123456789 E1"`` (NMI and suffix), an entity id, ``"electricity1"``...
    name: str
    #: Home Log's spelling of the unit (``kWh``, ``m³``, ``°C``), "" when the file gives none.
    unit: str
    kind: MetricKind
    values: Values = field(default_factory=Values)
    #: The meter or point the register belongs to (NMI, usage point, entity id), "" if the file has none.
    meter: str = ""
    #: The unit as the file writes it (``KWH``, ``72`` with its multiplier), for the summary.
    file_unit: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row or cell that was not taken, with where it is and why."""

    line: int
    reason: str
    #: The cell or field within the line ("interval 17", "sum"); "" for a whole row.
    cell: str = ""
    #: Whether the file is wrong there (a value or time that cannot be read), as an invalid row of a table:
    #: the import stops at the first one unless invalid rows are skipped. False for what the format leaves
    #: out by design (a null interval, a cell with no value, a record of no values).
    invalid: bool = False


@dataclass(slots=True)
class ParsedFile:
    """Everything a standard-format file holds, as neutral series, and everything left out, by line."""

    format: FormatId
    series: list[Series] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Things the user should know that are not values: columns not imported (costs), header facts.
    notes: list[str] = field(default_factory=list)

    def by_name(self, name: str) -> Series:
        """The series called ``name`` (KeyError naming the ones there are)."""
        for series in self.series:
            if series.name == name:
                return series
        raise KeyError(f"no series {name!r}; there are {[s.name for s in self.series]}")
