"""The neutral result of reading a standard format: series of typed values, and everything skipped, by line."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

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


@dataclass(slots=True)
class Series:
    """The values of one register, channel or meter, in file order."""

    #: The register's name: ``"6123456789 E1"`` (NMI and suffix), an entity id, ``"electricity1"``...
    name: str
    #: Home Log's spelling of the unit (``kWh``, ``m³``, ``°C``), "" when the file gives none.
    unit: str
    kind: MetricKind
    values: list[Value] = field(default_factory=list)
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
