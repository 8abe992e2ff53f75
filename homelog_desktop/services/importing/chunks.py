"""A plan's records converted a chunk at a time, column by column.

A million rows must cost about what ``csv.reader`` and ``float`` cost, so the common cells take a
path that runs in C: one regex per number cell that encodes every check of the metric (digits,
decimals, range), ``map(float, ...)``, ``datetime.fromisoformat``. Any cell the fast path does not
accept goes through the general per-cell parsers of ``convert``, which either read it (grouping,
exponents, other shapes) or say exactly what is wrong with it. The fast path only ever accepts
what the general path accepts, with the same value.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

from ...domain.entities import MAX_DECIMALS, Metric, MetricKind
from ...domain.validation import MAX_SIGNIFICANT_DIGITS
from ...i18n import translate
from ..exporting import unescape_formula
from .convert import (
    MAX_YEAR,
    MIN_YEAR,
    CellError,
    ValueParser,
    local_zone,
    timestamp_parser,
    value_parser,
)
from .model import ISO_FORMAT, ImportFileError, ImportPlan, PeriodLabel, TargetRole

#: How the flag columns of an export (``estimated``, ``from bill``) may say yes and no.
_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"", "no", "n", "false", "0"})
_LOWEST = int(datetime(MIN_YEAR, 1, 1, tzinfo=UTC).timestamp()) - 86400
_HIGHEST = int(datetime(MAX_YEAR, 12, 31, tzinfo=UTC).timestamp()) + 86400
_NAIVE_EPOCH = datetime(1970, 1, 1)
_ISO_DATE_START = re.compile(r"^\d{4}-", re.MULTILINE)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
#: Spreadsheet error values: a formula that could not be computed holds no value.
_EXCEL_ERROR = re.compile(r"#(?:N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|GETTING_DATA|SPILL!|CALC!)", re.I)


def no_value(cell: str) -> bool:
    """Whether a non-empty cell of a number column means "no value": no digit at all (``NaN``, ``-``,
    ``n/a``, a unit such as ``kwh``, a word) or a spreadsheet error (``#DIV/0!``). Such a cell is a
    missing value of its row, listed in the summary; a cell with digits that cannot be read
    (``12.3.4``) stays an invalid row."""
    text = cell.strip()
    return bool(text) and (_DIGIT.search(text) is None or _EXCEL_ERROR.fullmatch(text) is not None)


def not_a_reading(cells: list[str], date_cell: str) -> bool:
    """Whether a row whose date cannot be read is no reading at all, but text among the data: a total
    line (``Totaal;;1.893,46900``), a repeated header, a banner, an advert or a footer. Its date cell
    holds a word without digits, or the row holds one cell of text and nothing else."""
    text = date_cell.strip()
    if text and _DIGIT.search(text) is None:
        return True
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and _LETTER.search(filled[0]) is not None


@dataclass(slots=True)
class Converted:
    """A chunk's records: per record its timestamp and, per mapped column, its value (None: empty or bad)."""

    lines: list[int]
    records: list[list[str]]
    ts: list[int | None]
    values: dict[int, list[float | None]]
    notes: list[str] | None
    #: record index -> column -> message (the date column for timestamp problems).
    problems: dict[int, dict[int, str]] = field(default_factory=dict)
    #: Records with no value in any mapped column (skipped and reported).
    empty: list[int] = field(default_factory=list)
    #: column -> most decimals a value of it needs (columns of metrics the import creates).
    decimals: dict[int, int] = field(default_factory=dict)
    #: Per record, the start of its period for interval values (``ts`` is the end); None for the whole
    #: chunk, or for a record, means "since the previous value" (see ``ImportSettings``).
    starts: list[int | None] | None = None
    #: Value column -> the start of each record's period for that column alone (``start_columns``).
    column_starts: dict[int, list[int | None]] = field(default_factory=dict)
    #: record index -> column -> the cell's text, for cells that mean "no value" (NaN, -, n/a, a word)
    #: in rows that are stored: those cells are missing values, listed in the summary.
    missing: dict[int, dict[int, str]] = field(default_factory=dict)
    #: record index -> the text that shows it is no reading (a total, a banner, a repeated header).
    not_readings: dict[int, str] = field(default_factory=dict)
    #: Home Log's own export: per record its flags and its author's name ("": nobody); None without those columns.
    estimated: list[bool] | None = None
    from_bill: list[bool] | None = None
    authors: list[str] | None = None


@dataclass(slots=True)
class _Column:
    index: int
    metric: Metric
    grow: bool
    parse: ValueParser
    fast: Callable[[str], object]
    comma: bool
    fractions: re.Pattern[str]


class ChunkConverter:
    """Converts chunks of records by a plan's settings and mapping (built once per import)."""

    def __init__(self, plan: ImportPlan) -> None:
        settings = plan.settings
        if settings.date_column is None:
            raise ImportFileError(translate("ImportConvert", "choose the column that holds the date"))
        self.date_column = settings.date_column
        self.time_column = settings.time_column
        self.date_format = settings.date_format
        #: A long file's register column: the daylight-saving order is followed per register.
        self.key_column = settings.register_column
        #: A column stating each row's zone: its offset is added to the row's time.
        self.zone_column = settings.zone_column
        try:
            self.timestamp = timestamp_parser(settings.date_format, settings.timezone)
            self.zone: tzinfo | None = local_zone(settings.timezone)
        except CellError as exc:
            raise ImportFileError(str(exc)) from None
        self.columns: list[_Column] = []
        self.note_column: int | None = None
        for column, target in sorted(plan.mapping.items()):
            if column in (self.date_column, self.time_column, settings.period_column) or column < 0:
                continue
            if column in {start for _value, start in settings.start_columns}:
                continue
            if target.role is TargetRole.METRIC and target.metric is not None:
                grow = target.is_new_metric
                self.columns.append(_column(column, target.metric, grow, settings.decimal, settings.thousands))
            elif target.role is TargetRole.NOTE and self.note_column is None:
                self.note_column = column
        if not self.columns:
            raise ImportFileError(translate("ImportConvert", "no column is mapped to a metric: choose at least one"))
        self.value_columns = {c.index for c in self.columns}
        self.has_intervals = any(c.metric.kind is MetricKind.INTERVAL for c in self.columns)
        self.time_is = settings.time_is
        self.period_column = settings.period_column
        #: The date cells hold both ends of their period (``start to end``): the period column is the date's.
        self.range_cells = self.period_column is not None and self.period_column == self.date_column
        if self.range_cells and (self.time_column is not None or self.time_is is not PeriodLabel.END):
            raise ImportFileError(
                translate("ImportConvert", "a date cell that holds a whole period (start to end) needs no time column")
            )
        if self.period_column is not None and self.period_column == self.time_column:
            raise ImportFileError(
                translate("ImportConvert", "the period's other end must be another column than the date")
            )
        if settings.period_seconds is not None and settings.period_seconds <= 0:
            raise ImportFileError(translate("ImportConvert", "the length of a period must be more than zero"))
        self.start_columns = dict(settings.start_columns)
        self.estimated_column = settings.estimated_column
        self.from_bill_column = settings.from_bill_column
        self.author_column = settings.author_column
        #: The period's length (START without a column: found from the first chunk's steps).
        self.period_seconds = settings.period_seconds

    def convert(self, lines: list[int], records: list[list[str]]) -> Converted:
        problems: dict[int, dict[int, str]] = {}
        missing: dict[int, dict[int, str]] = {}
        not_readings: dict[int, str] = {}
        ranges = self._ranges(records, problems) if self.range_cells else None
        ts = self._timestamps(records, problems, not_readings, ranges[1] if ranges is not None else None)
        starts: list[int | None] | None = None
        if self.has_intervals:  # counters and gauges ignore the periods: their times are the rows' own
            ts, starts = self._periods(records, ts, problems, ranges)
        values: dict[int, list[float | None]] = {}
        decimals: dict[int, int] = {}
        for column in self.columns:
            values[column.index], needed = _values(column, _cells(records, column.index), problems, missing)
            if column.grow:
                decimals[column.index] = needed
        for i in not_readings:
            # Not a reading: nothing of it is stored, so its cells are neither invalid nor missing.
            problems.pop(i, None)
            missing.pop(i, None)
            for column_values in values.values():
                column_values[i] = None
        notes = None
        if self.note_column is not None:
            # A note a spreadsheet could run as a formula was exported as '=...: undo that escape.
            notes = [unescape_formula(c.strip()) for c in _cells(records, self.note_column)]
        empty: list[int] = []
        first, *others = values.values()
        candidates = (
            [i for i, v in enumerate(first) if v is None and all(col[i] is None for col in others)]
            if None in first
            else []
        )
        for i in candidates:
            if i in not_readings:
                continue
            bad = problems.get(i)
            if bad is None or not any(c in self.value_columns for c in bad):
                empty.append(i)
                problems.pop(i, None)  # nothing to store: skipped, whatever its date says
                missing.pop(i, None)  # the row is listed as one with no value
        column_starts = self._column_starts(records, ts, values, problems)
        estimated = self._flags(records, self.estimated_column, problems)
        from_bill = self._flags(records, self.from_bill_column, problems)
        authors = None
        if self.author_column is not None:
            authors = [unescape_formula(c.strip()) for c in _cells(records, self.author_column)]
        return Converted(
            lines,
            records,
            ts,
            values,
            notes,
            problems,
            empty,
            decimals,
            starts=starts,
            column_starts=column_starts,
            missing=missing,
            not_readings=not_readings,
            estimated=estimated,
            from_bill=from_bill,
            authors=authors,
        )

    @staticmethod
    def _flags(records: list[list[str]], column: int | None, problems: dict[int, dict[int, str]]) -> list[bool] | None:
        """A flag column of Home Log's export (``yes`` or empty; true/false, 1/0, x too) as booleans."""
        if column is None:
            return None
        flags: list[bool] = []
        for i, cell in enumerate(_cells(records, column)):
            text = cell.strip().casefold()
            if text in _YES:
                flags.append(True)
            else:
                flags.append(False)
                if text not in _NO:
                    problems.setdefault(i, {})[column] = translate(
                        "ImportConvert", "“{text}” is neither yes nor empty"
                    ).format(text=cell.strip()[:20])
        return flags

    # -- periods --------------------------------------------------------------------------------

    def _ranges(
        self, records: list[list[str]], problems: dict[int, dict[int, str]]
    ) -> tuple[list[str], list[str], list[int]]:
        """Date cells that hold whole periods split into (start texts, end texts, rows without a start)."""
        from .periods import split_range

        starts: list[str] = []
        ends: list[str] = []
        blank: list[int] = []
        for i, cell in enumerate(_cells(records, self.date_column)):
            found = split_range(cell)
            if found is None:
                starts.append("")
                ends.append(cell)
                blank.append(i)
                if _DIGIT.search(cell) is not None:
                    problems.setdefault(i, {})[self.date_column] = translate(
                        "ImportConvert", "“{text}” is not a period such as “2024-01-01 00:00 to 2024-01-01 00:15”"
                    ).format(text=cell.strip()[:40])
                continue
            starts.append(found[0])
            ends.append(found[1])
        return starts, ends, blank

    def _periods(
        self,
        records: list[list[str]],
        ts: list[int | None],
        problems: dict[int, dict[int, str]],
        ranges: tuple[list[str], list[str], list[int]] | None = None,
    ) -> tuple[list[int | None], list[int | None] | None]:
        """(the reading times: the periods' ends, the periods' starts) by the settings' period rules."""
        if self.period_column is None and self.time_is is PeriodLabel.END:
            if self.period_seconds is None:
                return ts, None  # since the previous value
            return ts, [None if t is None else self._shift(t, -self.period_seconds) for t in ts]
        if ranges is not None:
            column = self.date_column
            other = self._moments(ranges[0], column, problems, ranges[2])
            starts, ends = other, ts
        elif self.period_column is not None:
            column = self.period_column
            other = self._moments(_cells(records, column), column, problems)
            starts, ends = (other, ts) if self.time_is is PeriodLabel.END else (ts, other)
        else:
            column = self.date_column
            if self.period_seconds is None:
                self.period_seconds = _common_step(ts)
                if self.period_seconds is None:
                    raise ImportFileError(
                        translate(
                            "ImportConvert",
                            "the length of each period cannot be told from the times of the rows: give it",
                        )
                    )
            length = self.period_seconds
            starts, ends = ts, [None if t is None else self._shift(t, length) for t in ts]
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if start is not None and end is not None and end <= start:
                problems.setdefault(i, {})[column] = _not_ending()
        return ends, starts

    def _column_starts(
        self,
        records: list[list[str]],
        ts: list[int | None],
        values: dict[int, list[float | None]],
        problems: dict[int, dict[int, str]],
    ) -> dict[int, list[int | None]]:
        """Each ``start_columns`` value column's own period starts (an empty cell: since the previous value)."""
        result: dict[int, list[int | None]] = {}
        for value_column, start_column in self.start_columns.items():
            if value_column not in values:
                continue
            cells = _cells(records, start_column)
            blank = [i for i, text in enumerate(cells) if not text.strip()]
            for i in blank:
                cells[i] = "1970-01-01T00:00:00+00:00" if self.date_format == ISO_FORMAT else cells[i]
            starts = self._moments(cells, start_column, problems, blank)
            for i, (start, end) in enumerate(zip(starts, ts, strict=True)):
                if start is not None and end is not None and start >= end:
                    problems.setdefault(i, {})[start_column] = _not_ending()
            result[value_column] = starts
        return result

    def _moments(
        self, cells: list[str], column: int, problems: dict[int, dict[int, str]], blank: list[int] | None = None
    ) -> list[int | None]:
        """A column of dates and times (a period's other end) as epoch seconds; ``blank`` rows give None."""
        moments: list[int | None] | None = None
        if self.date_format == ISO_FORMAT:
            moments = self._iso_fast(cells)
        if moments is None:
            moments = []
            skip = set(blank or ())
            for i, text in enumerate(cells):
                if i in skip:
                    moments.append(None)
                    continue
                try:
                    moments.append(self.timestamp(text, None, ""))
                except CellError as exc:
                    moments.append(None)
                    problems.setdefault(i, {})[column] = str(exc)
        for i in blank or ():
            moments[i] = None
        return moments

    def _shift(self, moment: int, seconds: int) -> int:
        """``moment`` moved by ``seconds``; whole days count local calendar days (23 or 25 hours at DST)."""
        if seconds % 86400:
            return moment + seconds
        days = timedelta(days=seconds // 86400)
        if self.zone is None:  # the computer's local time
            return int((datetime.fromtimestamp(moment) + days).timestamp())
        local = datetime.fromtimestamp(moment, self.zone).replace(tzinfo=None) + days
        return int(local.replace(tzinfo=self.zone).timestamp())

    # -- timestamps -----------------------------------------------------------------------------

    def _timestamps(
        self,
        records: list[list[str]],
        problems: dict[int, dict[int, str]],
        not_readings: dict[int, str],
        dates: list[str] | None = None,
    ) -> list[int | None]:
        """The rows' times (``dates``: the date cells' texts to read, when not the cells themselves)."""
        if dates is None:
            dates = _cells(records, self.date_column)
        if self.zone_column is not None:
            return self._zoned(records, dates, problems, not_readings)
        if self.time_column is None and self.date_format == ISO_FORMAT:
            fast = self._iso_fast(dates)
            if fast is not None:
                return fast
        times = _cells(records, self.time_column) if self.time_column is not None else None
        keys = _cells(records, self.key_column) if self.key_column is not None else None
        parse = self.timestamp
        result: list[int | None] = []
        append = result.append
        for i, text in enumerate(dates):
            time_text = times[i] if times is not None else None
            try:
                append(parse(text, time_text, keys[i].strip() if keys is not None else ""))
            except CellError as exc:
                append(None)
                if not_a_reading(records[i], text):
                    not_readings[i] = " ".join(c.strip() for c in records[i] if c.strip())
                    continue
                column = self.date_column
                if time_text and exc.of_time and self.time_column is not None:
                    column = self.time_column
                problems.setdefault(i, {})[column] = str(exc)
        return result

    def _zoned(
        self,
        records: list[list[str]],
        dates: list[str],
        problems: dict[int, dict[int, str]],
        not_readings: dict[int, str],
    ) -> list[int | None]:
        """Times whose zone a column states: the zone's offset is written after the time, then read."""
        from .zones import offset_of

        zones = _cells(records, self.zone_column) if self.zone_column is not None else []
        times = _cells(records, self.time_column) if self.time_column is not None else None
        result: list[int | None] = []
        for i, text in enumerate(dates):
            offset = offset_of(zones[i]) if zones[i].strip() else None
            if zones[i].strip() and offset is None:
                result.append(None)
                problems.setdefault(i, {})[self.zone_column or 0] = translate(
                    "ImportConvert", "“{text}” is not a time zone"
                ).format(text=zones[i].strip())
                continue
            time_text = times[i] if times is not None else None
            if offset is not None:
                if time_text is not None and time_text.strip():
                    time_text = time_text.strip() + offset
                elif re.search(r"\d[:.]\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*$", text):
                    text = text.rstrip() + offset
            try:
                result.append(self.timestamp(text, time_text, ""))
            except CellError as exc:
                result.append(None)
                if not_a_reading(records[i], text):
                    not_readings[i] = " ".join(c.strip() for c in records[i] if c.strip())
                else:
                    problems.setdefault(i, {})[self.date_column] = str(exc)
        return result

    def _iso_fast(self, dates: list[str]) -> list[int | None] | None:
        """ISO 8601 cells through ``datetime.fromisoformat`` in one go; None sends the chunk to the slow path."""
        try:
            moments = list(map(datetime.fromisoformat, dates))
        except (ValueError, TypeError):
            return None
        if len(_ISO_DATE_START.findall("\n".join(dates))) != len(dates):
            return None  # fromisoformat also reads 20240105: the general path refuses it with a message
        try:
            return self._iso_epochs(moments)
        except (ValueError, OverflowError, OSError):
            return None  # a year out of range: the slow path names it

    def _iso_epochs(self, moments: list[datetime]) -> list[int | None] | None:
        zone = self.zone
        result: list[int | None] = []
        append = result.append
        offsets: dict[int, int] = {}
        for moment in moments:
            if moment.tzinfo is not None:
                append(int(moment.timestamp()))
                continue
            # Local time: the UTC offset of each naive hour, computed once (zones change on whole hours).
            naive = (moment - _NAIVE_EPOCH) // _SECOND
            hour = naive // 3600
            offset = offsets.get(hour)
            if offset is None:
                start = moment.replace(minute=0, second=0, microsecond=0)
                local = start.replace(tzinfo=zone) if zone is not None else start
                offset = hour * 3600 - int(local.timestamp())
                if int(local.replace(fold=1).timestamp()) != hour * 3600 - offset:
                    # A skipped or repeated hour (daylight saving): the general path decides, in file order.
                    return None
                offsets[hour] = offset
            append(naive - offset)
        lowest, highest = min(result), max(result)  # type: ignore[type-var]
        if lowest is not None and highest is not None and (lowest < _LOWEST or highest > _HIGHEST):
            return None  # some year is out of range: the slow path names it
        return result


_SECOND = datetime(1970, 1, 1, 0, 0, 1) - _NAIVE_EPOCH


def _common_step(ts: list[int | None]) -> int | None:
    """The most common positive step between consecutive times (the length of regular periods)."""
    known = sorted({t for t in ts if t is not None})
    steps = Counter(b - a for a, b in itertools.pairwise(known))
    return steps.most_common(1)[0][0] if steps else None


def _cells(records: list[list[str]], column: int) -> list[str]:
    try:
        return [r[column] for r in records]
    except IndexError:
        return [r[column] if column < len(r) else "" for r in records]


def _column(index: int, metric: Metric, grow: bool, decimal: str, thousands: str) -> _Column:
    allowed = MAX_DECIMALS if grow else metric.decimals
    whole = min(12, MAX_SIGNIFICANT_DIGITS - allowed)
    if metric.kind is MetricKind.COUNTER and metric.digits:
        whole = min(whole, metric.digits)
    point = re.escape(decimal)
    if whole >= 1:
        fraction = rf"(?:{point}\d{{1,{allowed}}}0*)?" if allowed else rf"(?:{point}0+)?"
        fast = re.compile(rf"(?:-?0*\d{{1,{whole}}}{fraction})?").fullmatch
    else:
        fast = re.compile(r"").fullmatch  # only empty cells take the fast path
    return _Column(
        index=index,
        metric=metric,
        grow=grow,
        parse=value_parser(metric, decimal, thousands, grow=grow),
        fast=fast,
        comma=decimal == ",",
        fractions=re.compile(rf"{point}(\d*[1-9])0*$", re.MULTILINE),
    )


def _values(
    column: _Column, cells: list[str], problems: dict[int, dict[int, str]], missing: dict[int, dict[int, str]]
) -> tuple[list[float | None], int]:
    """The column's values (None: empty, no value or invalid) and the most decimals one needs."""
    matches = list(map(column.fast, cells))
    needed = 0
    if column.grow:
        found = column.fractions.findall("\n".join(cells))
        needed = max(map(len, found), default=0)
    if all(matches):
        if column.comma:
            return [float(c.replace(",", ".")) if c else None for c in cells], needed
        return [float(c) if c else None for c in cells], needed
    values: list[float | None] = []
    append = values.append
    parse = column.parse
    comma = column.comma
    for i, (cell, match) in enumerate(zip(cells, matches, strict=True)):
        if match is not None:
            append((float(cell.replace(",", ".")) if comma else float(cell)) if cell else None)
            continue
        if no_value(cell):
            append(None)
            missing.setdefault(i, {})[column.index] = cell.strip()
            continue
        try:
            parsed = parse(cell)
        except CellError as exc:
            append(None)
            problems.setdefault(i, {})[column.index] = str(exc)
            continue
        if parsed is None:
            append(None)
        else:
            append(parsed[0])
            needed = max(needed, parsed[1])
    return values, min(needed, MAX_DECIMALS)


def _not_ending() -> str:
    return translate("ImportConvert", "the period does not end after it starts")
