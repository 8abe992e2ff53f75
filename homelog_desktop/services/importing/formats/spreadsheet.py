"""Reading .xlsx, .xlsm, .xlsb, .xls and .ods rows with python-calamine (Rust), as text cells with their line.

``SheetRowStream`` has the shape of ``reader.RowStream`` for workbooks: ``with SheetRowStream(path) as
rows: for line, cells in rows: ...``, ``batch(size, skip)``, ``bytes_done``/``bytes_total``,
``sheet_names()``, ``line``; cells are text as a CSV would hold them (``reader.cell_text``: dates in
ISO 8601, whole numbers without ``.0``), rows keep their sheet row number as ``line`` and start at
column A, trailing empty cells are dropped. calamine holds the sheet's cells in its own compact
memory and hands Python one row at a time; rows are turned into text a block at a time, column by
column, so that a column of numbers or dates is converted by C loops over remembered texts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from itertools import compress, islice
from operator import add
from pathlib import Path
from types import TracebackType
from typing import Any

from ....i18n import translate
from ..model import ImportFileError, cannot_open
from ..reader import WORKBOOK_KINDS, RowStream, cell_text, check_xlsx_archive

#: The workbook kinds calamine reads (file suffixes, lower case).
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _duration(value: timedelta) -> str:
    """A duration cell ([h]:mm) as hours:minutes:seconds, past 24 hours too."""
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class _NumberTexts(dict[float | str, str]):
    """Number → text, remembered: meter exports repeat the same amounts over and over (bounded).

    Text cells of a number column (empty cells, "n/a") map to themselves, so that a number column
    with gaps is still converted by one C loop (``map``).
    """

    def __missing__(self, value: float | str) -> str:
        if type(value) is str:
            text = value
        else:
            assert isinstance(value, float)
            text = str(int(value)) if value.is_integer() and -1e15 < value < 1e15 else repr(value)
        if len(self) < 65536:
            self[value] = text
        return text


class _DayTexts(dict[int, str]):
    """Day ordinal → ``YYYY-MM-DD``, remembered (ten years are 3,653 days)."""

    def __missing__(self, ordinal: int) -> str:
        text = date.fromordinal(ordinal).isoformat()
        if len(self) < 65536:
            self[ordinal] = text
        return text


class _TimeTexts(dict[time | None, str]):
    """Time of day → `` HH:MM:SS`` (with microseconds if any), remembered; midnight and None → "".

    As in ``cell_text``, a date-time at midnight is its date alone (.ods gives dates that way).
    """

    def __missing__(self, moment: time | None) -> str:
        text = "" if moment is None or moment == time(0) else " " + moment.isoformat()
        if len(self) < 65536:
            self[moment] = text
        return text


_NUMBER_COLUMN = frozenset({float, str})
_DATE_COLUMN = frozenset({datetime, date, str})


class _CellTexts:
    """Cell values → the text ``reader.cell_text`` gives, a column of a block of rows at a time.

    A column of one kind (all numbers, all date-times, all text) is converted by C loops (map,
    join) with no Python call per cell; a mixed column goes cell by cell.
    """

    def __init__(self) -> None:
        self.numbers = _NumberTexts()
        self.days = _DayTexts()
        self.times = _TimeTexts()
        number = self.numbers.__getitem__
        self._one: dict[type, Callable[[Any], str]] = {
            float: number,
            datetime: lambda value: self._dates((value,), {datetime})[0],
            date: date.isoformat,
            int: str,
            bool: cell_text,
            time: time.isoformat,
            timedelta: _duration,
        }

    def column(self, values: Sequence[Any]) -> Sequence[str]:
        kinds = set(map(type, values))
        if kinds == {str}:
            return values
        if kinds <= _NUMBER_COLUMN:
            return list(map(self.numbers.__getitem__, values))
        if kinds <= _DATE_COLUMN:
            return self._dates(values, kinds)
        one, fallback = self._one, cell_text
        return [value if type(value) is str else one.get(type(value), fallback)(value) for value in values]

    def _dates(self, values: Sequence[Any], kinds: set[type]) -> list[str]:
        """Dates and (naive, as calamine gives them) date-times as ``cell_text`` writes them.

        The day and the time of day are looked up apart (a quarter-hour export has 96 times of day
        and one new day every 96 rows), by C loops: about a fifth of the time of str() per cell.
        """
        days, times = self.days.__getitem__, self.times.__getitem__
        if str in kinds:  # a date column with empty or text cells
            return [
                value
                if type(value) is str
                else days(value.toordinal()) + times(value.time() if type(value) is datetime else None)
                for value in values
            ]
        if kinds == {datetime}:
            moments: list[time | None] = list(map(datetime.time, values))
        else:
            moments = [value.time() if type(value) is datetime else None for value in values]
        return list(map(add, map(days, map(date.toordinal, values)), map(times, moments)))

    def rows(self, block: list[list[Any]], pad: int) -> list[list[str]]:
        """A block of sheet rows as text cells, from column A, without trailing empty cells."""
        if len(set(map(len, block))) != 1:  # calamine's rows are as wide as the sheet; just in case
            texts = [list(self.column(row)) for row in block]
        else:
            columns = [self.column(column) for column in zip(*block, strict=True)]
            if not columns or "" not in columns[-1]:
                return (
                    list(map(list, zip(*columns, strict=True))) if not pad else self._padded(columns, pad, len(block))
                )
            last = columns[-1]
            head = columns[:-1]
            if head and "" not in head[-1]:
                # The usual case: only the last column (a note now and then) has empty cells. The rows
                # are built without it and its filled cells appended, by C loops (no step per row).
                texts = list(map(list, zip(*head, strict=True))) if not pad else self._padded(head, pad, len(block))
                deque(map(list.append, compress(texts, last), compress(last, last)), maxlen=0)
                return texts
            texts = list(map(list, zip(*columns, strict=True))) if not pad else self._padded(columns, pad, len(block))
        for cells in texts:
            if cells and not cells[-1]:
                while cells and not cells[-1]:
                    cells.pop()
        return texts

    @staticmethod
    def _padded(columns: list[Sequence[str]], pad: int, count: int) -> list[list[str]]:
        blank: Sequence[str] = ("",) * count
        return list(map(list, zip(*([blank] * pad), *columns, strict=True)))


class SheetRowStream:
    """The rows of one sheet of a workbook (the first unless ``sheet`` names one), as (line, text cells).

    The constructor takes RowStream's arguments (``kind``, ``encoding`` and ``delimiter`` are not used
    for workbooks) so that it can stand in for it. Errors become ImportFileError naming the file.
    """

    #: Rows converted at a time (column by column).
    BLOCK = 4096

    def __init__(
        self, path: Path, kind: str = "", encoding: str = "", delimiter: str = "", sheet: str | None = None
    ) -> None:
        self.path = Path(path)
        self.kind = kind
        self.sheet = sheet
        self.bytes_total = 0
        self.line = 0
        self._workbook: Any = None
        self._sheet: Any = None
        self._rows_total = 0
        self._rows: Iterator[list[Any]] | None = None
        self._skip = 0
        self._pad = 0
        self._texts = _CellTexts()

    def __enter__(self) -> SheetRowStream:
        try:
            self.bytes_total = self.path.stat().st_size
        except OSError as exc:
            raise ImportFileError(cannot_open(self.path, exc)) from None
        if self.kind != "xls" and self.path.suffix.lower() != ".xls":
            # A ZIP-based workbook: refused before it is opened if it would unpack to far more than it
            # holds (a "zip bomb") or declares XML entities (a "billion laughs").
            check_xlsx_archive(self.path)
        from python_calamine import CalamineWorkbook

        try:
            self._workbook = CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine's own errors (zip, XML, password) share no base class
            raise ImportFileError(
                translate("ImportFile", "{name} cannot be read as a workbook ({exc})").format(
                    name=self.path.name, exc=exc
                )
            ) from None
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._sheet = None
        self._rows = None
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None

    def sheet_names(self) -> list[str]:
        return list(self._workbook.sheet_names) if self._workbook is not None else []

    def worksheet(self) -> Any:
        """The calamine sheet read (loaded on first use)."""
        if self._sheet is None:
            assert self._workbook is not None, "use SheetRowStream in a with block"
            names = self.sheet_names()
            if self.sheet:
                if self.sheet not in names:
                    raise ImportFileError(
                        translate("ImportFile", "the workbook has no sheet named “{sheet}”").format(sheet=self.sheet)
                    )
                name = self.sheet
            elif names:
                name = names[0]
            else:
                raise ImportFileError(translate("ImportFile", "{name} has no sheet").format(name=self.path.name))
            try:
                self._sheet = self._workbook.get_sheet_by_name(name)
            except Exception as exc:  # damaged sheet XML, unsupported records
                raise ImportFileError(
                    translate("ImportFile", "the sheet “{name}” cannot be read ({exc})").format(name=name, exc=exc)
                ) from None
        return self._sheet

    @property
    def bytes_done(self) -> int:
        if self._rows_total:
            return min(self.bytes_total, self.bytes_total * self.line // self._rows_total)
        return 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        rows = self._start()
        line = 0
        while True:
            block = list(islice(rows, 256))  # small blocks: a caller may stop after a few rows
            if not block:
                return
            for cells in self._convert(block):
                line += 1
                self.line = line
                yield line, cells

    def batch(self, size: int, skip: int = 0) -> tuple[list[int], list[list[str]], bool]:
        """Up to ``size`` more rows that hold something, with their lines, and whether the sheet ended.

        The first call leaves out the first ``skip`` rows (the lines up to the header).
        """
        if self._rows is None:
            self._rows = self._start()
            self._skip = skip
        lines: list[int] = []
        records: list[list[str]] = []
        while len(records) < size:
            block = list(islice(self._rows, min(self.BLOCK, size - len(records))))
            if not block:
                return lines, records, True
            first = self.line + 1
            self.line += len(block)
            if self._skip:
                dropped = min(self._skip, len(block))
                self._skip -= dropped
                first += dropped
                block = block[dropped:]
                if not block:
                    continue
            texts = self._convert(block)
            lines.extend(compress(range(first, first + len(texts)), texts))  # the rows that hold something
            records.extend(filter(None, texts))
        return lines, records, False

    def _start(self) -> Iterator[list[Any]]:
        sheet = self.worksheet()
        start = sheet.start
        self._rows_total = int(sheet.height + (start[0] if start else 0))
        self._pad = start[1] if start else 0
        self.line = 0
        return iter(sheet.iter_rows())

    def _convert(self, block: list[list[Any]]) -> list[list[str]]:
        try:
            return self._texts.rows(block, self._pad)
        except (ValueError, TypeError, OverflowError) as exc:
            raise ImportFileError(
                translate("ImportFile", "the sheet cannot be read near here ({exc})").format(exc=exc), self.line + 1
            ) from None


def open_row_stream(
    path: Path, kind: str, encoding: str, delimiter: str, sheet: str | None = None
) -> SheetRowStream | RowStream:
    """``SheetRowStream`` for a workbook kind (xlsx, xls, ods...), ``reader.RowStream`` for text."""
    if kind in WORKBOOK_KINDS:
        return SheetRowStream(path, kind, encoding, delimiter, sheet)
    return RowStream(path, kind, encoding, delimiter, sheet)
