"""The import's vocabulary: what detection found, the user's plan, preview rows, progress and the summary."""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.entities import PERIOD_START_SUFFIX, Metric, MetricKind, Source
from ...domain.errors import HomeLogError
from ...i18n import translate

if TYPE_CHECKING:
    from ...domain.undo import ImportUndo, KeptRows
    from .blocks import Block

#: ``date_format`` of ISO 8601 timestamps (with or without seconds, "T", time zone offset or "Z").
ISO_FORMAT = "iso"
#: ``date_format`` of Excel serial day numbers (days since 1899-12-30, the fraction is the time of day).
EXCEL_FORMAT = "excel"
#: How many problems (invalid rows, skipped empty rows) a summary lists one by one; the counts are exact.
MAX_LISTED = 1000


class PeriodLabel(enum.StrEnum):
    """Which end of an interval value's period the row's time (the date column) gives."""

    #: The row's time is the end of its period (the default: a meter read at that moment).
    END = "end"
    #: The row's time is the start of its period (``00:00`` holds 00:00-00:15).
    START = "start"


class DuplicatePolicy(enum.StrEnum):
    """What to do with a row whose source and timestamp are those of a stored reading (or an earlier row)."""

    SKIP = "skip"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class ImportSettings:
    """How to read a file: what ``detect`` found, each field overridable by the user.

    ``header_row`` is the 0-based index (among the file's records) of the header; rows before it
    are junk (a supplier's account lines). None means the file has no header row: data starts at
    ``data_row``. ``date_column`` holds the date (or date and time); ``time_column``, if any, the
    time of day. ``date_format`` is a strptime-style date pattern (``%d.%m.%Y``; any time of day in
    the same cell is read whatever its form), or ``ISO_FORMAT`` or ``EXCEL_FORMAT``; None while
    undecided (ambiguous dates). Timestamps without an offset are in ``timezone`` (an IANA name;
    None: the computer's local time).

    Periods of interval values (``time_is``, ``period_column``, ``period_seconds``; counters and
    gauges ignore them):

    How an import gives each interval value its period [start, end), for the engineers who build
    detection, the wizard and the command line (``homelog import --time-is/--period-start-column/
    --period-end-column/--period``). The reading's time (``ts``) is always the period's END.

    ========================  =================  ====================  ===================================
    ``time_is``               ``period_column``  ``period_seconds``    period of a row
    ========================  =================  ====================  ===================================
    END (default)             None               None                  [previous value of the metric, t)
    END                       None               p                     [t - p, t)
    END                       column S           (ignored)             [S, t)
    START                     None               p                     [t, t + p)
    START                     None               None                  [t, t + most common step)
    START                     column E           (ignored)             [t, E)
    END                       the date column    (ignored)             [S, E) of a cell ``S to E``
    ========================  =================  ====================  ===================================

    (t: the date column's time.) A ``period_column`` equal to ``date_column`` means each date cell
    holds both ends (``2024-01-01 00:00 to 2024-01-01 00:15``, or `` - `` / `` – `` between them); the
    reading's time is the end. ``detect`` fills these settings where the file says so
    (``periods.with_periods``); the user's choices replace them. A period that does not end after it
    starts, or a period cell that cannot be read, is a problem of that row at the period column (the
    date column for START without a column). ``Converted.starts`` / ``BulkRows.starts`` carry the starts per row to the
    writer (``repositories.bulk_readings``), which stores them with interval metrics' values only.
    A value whose start is None runs since the previous value of its metric (filled in by
    ``fill_interval_starts`` at the end of the import); the very first value of a metric then has no
    start (period unknown: not counted in reports until it gets one).
    """

    encoding: str = "utf-8"
    delimiter: str = ","
    decimal: str = "."
    thousands: str = ""
    header_row: int | None = 0
    data_row: int = 1
    date_column: int | None = 0
    time_column: int | None = None
    date_format: str | None = ISO_FORMAT
    timezone: str | None = None
    #: Worksheet of a workbook (None: the first one); unused for CSV.
    sheet: str | None = None
    # -- periods of interval values (see ``PERIODS`` below; counters and gauges ignore them) --
    #: Whether the date column's time is the END (default) or the START of each row's period.
    time_is: PeriodLabel = PeriodLabel.END
    #: A column holding the period's other end (its start when ``time_is`` is END, its end when
    #: START), read like the date column (a date and time in one cell); None: no such column. The
    #: date column itself: its cells hold both ends (``start to end``).
    period_column: int | None = None
    #: (value column, start column) pairs: the values of that column each have their own period start
    #: in the start column (Home Log's export writes ``Day start`` after an interval metric ``Day``;
    #: ``start_columns_of`` finds them). They override the rules above for that column.
    start_columns: tuple[tuple[int, int], ...] = ()
    #: Home Log's own CSV export (``own_columns_of``): the columns of each reading's flags (``yes`` or
    #: empty) and of the name of the member who entered it. None: not in the file.
    estimated_column: int | None = None
    from_bill_column: int | None = None
    author_column: int | None = None
    #: The period's length in seconds when there is no ``period_column`` (900 for 15 minutes; a
    #: whole number of days counts local calendar days). None: with END, each amount runs "since
    #: the previous value" of its metric; with START, the most common step between rows' times.
    period_seconds: int | None = None

    #: The later blocks of a file of several (``blocks.Block``: an electricity block, then a gas block,
    #: each with its own header); their values go to columns after ``block_base`` (the file's width).
    blocks: tuple[Block, ...] = ()
    block_base: int = 0
    #: A day per row: the 24, 48 or 96 columns of hour, half-hour or quarter-hour amounts, in order
    #: (``dayrows``); each row becomes a record per amount: its cells up to ``day_base``, the time its
    #: period starts, the amount. () for any other table.
    day_columns: tuple[int, ...] = ()
    #: The file's width: a day row's record holds its period's start at ``day_base`` and its amount after it.
    day_base: int = 0
    #: A column stating each row's time zone (``CET``/``CEST``, ``+01:00``): exact, whatever the order.
    zone_column: int | None = None
    #: A "long" file (one row per register, channel or meter): the column naming each row's register
    #: (``Afname Dag``, ``Gas``, or a unit such as ``m³``); None for a table with a column per register.
    register_column: int | None = None
    #: The column naming each row's unit (``kWh``, ``m³``), if the file has one.
    unit_column: int | None = None
    #: The registers the register column names, in the order they first appear in the whole file.
    registers: tuple[str, ...] = ()
    #: The columns of a long file that hold the values (each row's value belongs to its register).
    value_columns: tuple[int, ...] = ()
    #: The first of the columns made for the registers (the file's width): column
    #: ``register_base + k * len(value_columns) + j`` holds register k's value from value column j.
    register_base: int = 0

    def __post_init__(self) -> None:
        # Settings read back from JSON (a saved profile) have plain strings and lists here.
        object.__setattr__(self, "time_is", PeriodLabel(self.time_is))
        object.__setattr__(self, "start_columns", tuple((int(v), int(s)) for v, s in self.start_columns))
        for name in ("day_columns", "value_columns"):
            object.__setattr__(self, name, tuple(int(i) for i in getattr(self, name)))
        object.__setattr__(self, "registers", tuple(str(r) for r in self.registers))
        if any(isinstance(block, dict) for block in self.blocks):
            from .blocks import Block

            blocks = tuple(Block(**b) if isinstance(b, dict) else b for b in self.blocks)
            object.__setattr__(self, "blocks", blocks)
        else:
            object.__setattr__(self, "blocks", tuple(self.blocks))


START_SUFFIX = PERIOD_START_SUFFIX


def start_columns_of(columns: list[str]) -> tuple[tuple[int, int], ...]:
    """(value column, start column) for each column ``X start`` beside a column ``X`` (an export's)."""
    names = {" ".join(n.split()).casefold(): i for i, n in enumerate(columns)}
    pairs = []
    for index, name in enumerate(columns):
        key = " ".join(name.split()).casefold()
        if key.endswith(START_SUFFIX) and key[: -len(START_SUFFIX)] in names:
            pairs.append((names[key[: -len(START_SUFFIX)]], index))
    return tuple(pairs)


def own_columns_of(columns: list[str]) -> dict[str, int]:
    """The settings of the flag and author columns of Home Log's own CSV export (``estimated``,
    ``from bill``, ``entered by`` after ``note``, ``timestamp`` first); empty for any other header."""
    from ..exporting import AUTHOR_COLUMN, ESTIMATED_COLUMN, FROM_BILL_COLUMN

    keys = [" ".join(n.split()).casefold() for n in columns]
    wanted = {
        "estimated_column": ESTIMATED_COLUMN,
        "from_bill_column": FROM_BILL_COLUMN,
        "author_column": AUTHOR_COLUMN,
    }
    if not keys or keys[0] != "timestamp" or "note" not in keys:
        return {}
    found = {setting: keys.index(name) for setting, name in wanted.items() if name in keys}
    return found if len(found) == len(wanted) else {}


#: Settings that describe one file's own layout (its registers, blocks and day columns, found in the whole
#: file): a saved profile never keeps them, and a file read with a profile takes them from its own detection.
FILE_LAYOUT_SETTINGS = (
    "registers",
    "value_columns",
    "register_base",
    "blocks",
    "block_base",
    "day_columns",
    "day_base",
)


@dataclass(frozen=True, slots=True)
class Detected:
    """What ``detect(path)`` found out about a file."""

    path: Path
    #: "csv", or a workbook: "xlsx", "xlsm", "xlsb", "xls", "ods".
    kind: str
    settings: ImportSettings
    #: Column names (from the header row, or "Column 1", "Column 2"... without one).
    columns: list[str]
    #: Candidate date formats when the sample cannot tell day-first from month-first (settings.date_format
    #: is then None and the user, or ``--date-format``, must choose); empty otherwise.
    ambiguous_date_formats: list[str] = field(default_factory=list)
    #: Indexes of the columns whose sample cells are mostly numbers (and not the date/time columns).
    numeric_columns: list[int] = field(default_factory=list)
    #: Most decimals seen per numeric column in the sample.
    column_decimals: dict[int, int] = field(default_factory=dict)
    #: The first data rows as text, cells as in the file.
    sample_rows: list[list[str]] = field(default_factory=list)
    #: File size in bytes.
    size: int = 0
    #: Remarks for the user ("3 lines before the header were skipped", "decimal comma assumed"...).
    notes: list[str] = field(default_factory=list)
    #: Worksheets of a workbook.
    sheets: list[str] = field(default_factory=list)
    #: A long file's register -> its unit (from the unit column, the register itself, or the value
    #: column's header), for the registers of ``settings.registers``.
    register_units: dict[str, str] = field(default_factory=dict)
    #: Each value column's kind as the headers and the sample suggest (``periods.with_periods``): a
    #: counter, an amount per period (interval) or a gauge; new metrics start with it.
    column_kinds: dict[int, MetricKind] = field(default_factory=dict)

    @property
    def is_ambiguous(self) -> bool:
        return self.settings.date_format is None and bool(self.ambiguous_date_formats)


class TargetRole(enum.StrEnum):
    IGNORE = "ignore"
    #: Values of a metric: an existing one (``metric.id`` set) or one created by the import (id None).
    METRIC = "metric"
    #: The reading's note.
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class ColumnTarget:
    """Where one column's cells go."""

    role: TargetRole = TargetRole.IGNORE
    #: For METRIC: the metric (id None: created by the import, with this name, unit, kind and decimals;
    #: a created metric's decimals grow to what its values need, up to MAX_DECIMALS).
    metric: Metric | None = None

    @classmethod
    def ignored(cls) -> ColumnTarget:
        return cls()

    @classmethod
    def to_metric(cls, metric: Metric) -> ColumnTarget:
        return cls(TargetRole.METRIC, metric)

    @classmethod
    def to_note(cls) -> ColumnTarget:
        return cls(TargetRole.NOTE)

    @property
    def is_new_metric(self) -> bool:
        return self.role is TargetRole.METRIC and self.metric is not None and self.metric.id is None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Everything ``preview`` and ``run_import`` need: the file, how to read it and where its cells go.

    ``source`` is a stored source (id set) or a new one (id None) created in the import's
    transaction; its metrics are the METRIC targets of ``mapping`` (column index -> target; a column
    absent from it is ignored), existing ones or new ones added to it.
    """

    path: Path
    settings: ImportSettings
    source: Source
    mapping: Mapping[int, ColumnTarget]
    duplicates: DuplicatePolicy = DuplicatePolicy.SKIP
    #: Skip (and report) invalid rows instead of refusing the whole file.
    skip_invalid: bool = False
    #: "csv", or a workbook: "xlsx", "xlsm", "xlsb", "xls", "ods".(``Detected.kind``).
    kind: str = "csv"
    #: The column names (``Detected.columns``), for messages; read from the header row when empty.
    columns: list[str] = field(default_factory=list)
    #: A new source (id None) whose name another import took meanwhile is imported into when it has
    #: the metrics wanted (``homelog import --create``: "create it if it does not exist"), instead of
    #: refusing the import.
    join_created: bool = False

    @property
    def source_id(self) -> int | None:
        return self.source.id


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A problem with a row: 1-based ``line`` of the file, the column's name ("" for the whole row)."""

    line: int
    column: str
    message: str

    @property
    def text(self) -> str:
        return where_in_file(self.message, self.line, self.column)


class RowStatus(enum.StrEnum):
    OK = "ok"
    #: No value in any mapped column: skipped and reported.
    EMPTY = "empty"
    INVALID = "invalid"
    #: Same timestamp as an earlier row of the file.
    DUPLICATE = "duplicate"
    #: Not a reading at all (a total line, a banner, a repeated header): skipped and reported.
    NOT_READING = "not_reading"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One data row as it will be stored; ``problems`` maps a column index to what is wrong with its cell."""

    line: int
    cells: list[str]
    #: UTC, or None when the timestamp could not be read. For interval values: the period's end.
    timestamp: datetime | None
    #: column index -> value (None: the cell is empty, a missing value).
    values: dict[int, Decimal | None]
    note: str
    status: RowStatus
    problems: dict[int, str] = field(default_factory=dict)
    #: A problem of the row as a whole (no value, duplicate, not a reading), if any.
    row_problem: str = ""
    #: UTC start of the row's period for its interval values (None: since the previous value, or not known).
    period_start: datetime | None = None
    #: column index -> why its cell is left empty (it holds no value: NaN, -, n/a, a word); the row is kept.
    missing: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Reported at least every 250 ms while an import runs."""

    rows_done: int
    bytes_done: int
    bytes_total: int
    imported: int = 0
    skipped: int = 0
    #: "starting" (waiting for the database's write lock), "reading" while rows are read and stored
    #: (after every chunk and at least every 200 ms), "committing" at the end.
    phase: str = "reading"

    @property
    def fraction(self) -> float:
        return min(1.0, self.bytes_done / self.bytes_total) if self.bytes_total else 0.0


@dataclass(slots=True)
class ImportSummary:
    """What an import did; ``as_text()`` is what the user can save."""

    path: Path
    source_name: str
    source_id: int | None = None
    source_created: bool = False
    metrics_created: list[str] = field(default_factory=list)
    imported: int = 0
    replaced: int = 0
    skipped_duplicates: int = 0
    #: Lines of the rows skipped for the time of a stored or earlier reading (the first MAX_LISTED).
    duplicate_lines: list[int] = field(default_factory=list)
    skipped_empty_rows: int = 0
    #: Lines of the rows skipped for having no value (the first MAX_LISTED).
    empty_lines: list[int] = field(default_factory=list)
    invalid_count: int = 0
    #: Invalid rows skipped (with skip_invalid), the first MAX_LISTED.
    invalid: list[RowProblem] = field(default_factory=list)
    #: Columns of the file that were not imported.
    ignored_columns: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Cells of stored rows that mean "no value" (NaN, -, n/a, a word such as kwh): left empty, the
    #: row's other values stored. The first MAX_LISTED, and how many there were.
    missing: list[RowProblem] = field(default_factory=list)
    missing_count: int = 0
    #: Rows among the data that are no reading (a total line, a banner, a repeated header): skipped.
    not_readings: list[RowProblem] = field(default_factory=list)
    not_reading_count: int = 0
    #: Authors named by the file who are no members of the database: their readings were kept without an author.
    unknown_authors: list[str] = field(default_factory=list)
    #: The file named authors, but the signed-in member (not the administrator) may only enter readings as
    #: themselves: every reading is theirs.
    authors_not_kept: bool = False
    #: The first id the import's readings took (each stored reading has this one or a higher one):
    #: what undoing the import removes. None: nothing was written.
    first_reading_id: int | None = None
    #: The ids of the readings this import stored, as inclusive runs (lo, hi) (what undo removes).
    reading_id_runs: list[tuple[int, int]] = field(default_factory=list)
    #: The stored rows it replaced, as they were (table -> key -> row: readings, their values and
    #: meter changes), kept for an undo to put back when asked (``run_import(undoable=True)``);
    #: None: not kept (not asked, or more than domain/undo.py's MAX_UNDO_REPLACED readings).
    replaced_rows: KeptRows | None = None
    #: Why the import cannot be undone, when it cannot ("": it can, or undo was not asked about).
    undo_note: str = ""
    #: The ids of the metrics it created (with the source, or added to a stored one).
    created_metric_ids: list[int] = field(default_factory=list)
    #: What undoing it removes (its readings, and the source or metrics it created), when undo was
    #: asked about (``undoable``); None otherwise.
    undo: ImportUndo | None = None

    @property
    def skipped_rows(self) -> int:
        """Rows of the file that were not stored, for whatever reason (each listed by line)."""
        return self.skipped_duplicates + self.skipped_empty_rows + self.invalid_count + self.not_reading_count

    @property
    def complete(self) -> bool:
        """Whether every row and every cell of the file went in: nothing skipped, no cell left empty."""
        return not self.skipped_rows and not self.missing_count and not self.unknown_authors

    def as_text(self) -> str:
        from .summary import summary_text

        return summary_text(self)


class CancelToken:
    """Set by the user (any thread); the import stops at the next chunk and rolls back."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


#: Characters a terminal or a text field would act on instead of showing: C0 and C1 controls (escape
#: sequences, bells, line breaks), DEL, and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` from a file, safe to show in a message: every control character as an escape (``\\x1b``)."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class ImportFileError(HomeLogError):
    """The file cannot be imported as it is; nothing was stored. ``line``/``column`` say where, if known."""

    def __init__(self, message: str, line: int | None = None, column: str = "") -> None:
        super().__init__(where_in_file(message, line, column) if line is not None else printable(message))
        self.line = line
        self.column = column
        self.message = message


def where_in_file(message: str, line: int, column: str = "") -> str:
    """``message`` after the line (and the column) of the file it is about."""
    if column:
        return translate("ImportFile", "line {line}, column “{column}”: {message}").format(
            line=line, column=printable(column), message=printable(message)
        )
    return translate("ImportFile", "line {line}: {message}").format(line=line, message=printable(message))


def no_value(text: str) -> str:
    """The note on a cell that says there is no value ("-", "n/a")."""
    return translate("ImportFile", "“{text}” is no value: left empty").format(text=text)


def cannot_open(path: Path, exc: OSError) -> str:
    """The message of a file that cannot be opened (the system's reason, as it gives it)."""
    return translate("ImportFile", "cannot open {file}: {reason}").format(file=path.name, reason=exc.strerror or exc)


class ImportCancelledError(HomeLogError):
    """The user cancelled the import; the database is as it was."""

    def __init__(self) -> None:
        super().__init__(translate("ImportFile", "Import cancelled; nothing was changed."))
