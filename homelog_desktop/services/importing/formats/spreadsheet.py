"""Reading .xlsx, .xlsm, .xlsb, .xls and .ods rows with python-calamine (Rust), as text cells with their line.

``SheetRowStream`` has the shape of ``reader.RowStream`` for workbooks: ``with SheetRowStream(path) as
rows: for line, cells in rows: ...``, ``batch(size, skip)``, ``bytes_done``/``bytes_total``,
``sheet_names()``, ``line``; cells are text as a CSV would hold them (``reader.cell_text``: dates in
ISO 8601, whole numbers without ``.0``), rows keep their sheet row number as ``line`` and start at
column A, trailing empty cells are dropped. calamine holds the sheet's cells in its own compact
memory and hands Python one row at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from ..model import ImportFileError
from ..reader import cell_text

#: The workbook kinds calamine reads (file suffixes, lower case).
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _duration(value: timedelta) -> str:
    """A duration cell ([h]:mm) as hours:minutes:seconds, past 24 hours too."""
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _converters(floats: dict[float, str]) -> dict[type, Callable[[Any], str]]:
    """Cell value → text, by the value's exact type; the same text as ``reader.cell_text``.

    Numbers are remembered (meter exports repeat the same amounts over and over; the memory is
    bounded, in ``floats``): the conversion of a float is most of the time of a numeric cell.
    """

    def number(value: float) -> str:
        text = floats.get(value)
        if text is None:
            text = str(int(value)) if value.is_integer() and -1e15 < value < 1e15 else repr(value)
            if len(floats) < 65536:
                floats[value] = text
        return text

    return {
        float: number,
        datetime: cell_text,
        date: date.isoformat,
        int: str,
        bool: cell_text,
        time: time.isoformat,
        timedelta: _duration,
    }


class SheetRowStream:
    """The rows of one sheet of a workbook (the first unless ``sheet`` names one), as (line, text cells).

    The constructor takes RowStream's arguments (``kind``, ``encoding`` and ``delimiter`` are not used
    for workbooks) so that it can stand in for it. Errors become ImportFileError naming the file.
    """

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
        self._rows: Iterator[tuple[int, list[Any]]] | None = None
        self._skip = 0
        self._pad: list[str] = []
        self._floats: dict[float, str] = {}
        self._converters: dict[type, Callable[[Any], str]] = {}

    def __enter__(self) -> SheetRowStream:
        try:
            self.bytes_total = self.path.stat().st_size
        except OSError as exc:
            raise ImportFileError(f"cannot open {self.path.name}: {exc.strerror or exc}") from None
        from python_calamine import CalamineWorkbook

        try:
            self._workbook = CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine's own errors (zip, XML, password) share no base class
            raise ImportFileError(f"{self.path.name} cannot be read as a workbook ({exc})") from None
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._sheet = None
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
                    raise ImportFileError(f"the workbook has no sheet named “{self.sheet}”")
                name = self.sheet
            elif names:
                name = names[0]
            else:
                raise ImportFileError(f"{self.path.name} has no sheet")
            try:
                self._sheet = self._workbook.get_sheet_by_name(name)
            except Exception as exc:  # damaged sheet XML, unsupported records
                raise ImportFileError(f"the sheet “{name}” cannot be read ({exc})") from None
        return self._sheet

    @property
    def bytes_done(self) -> int:
        if self._rows_total:
            return min(self.bytes_total, self.bytes_total * self.line // self._rows_total)
        return 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        rows = self._start()
        while True:
            lines, records, done = self._read(rows, 1, keep_empty=True)
            if records:
                yield lines[0], records[0]
            if done:
                return

    def batch(self, size: int, skip: int = 0) -> tuple[list[int], list[list[str]], bool]:
        """Up to ``size`` more rows that hold something, with their lines, and whether the sheet ended.

        The first call leaves out the first ``skip`` rows (the lines up to the header).
        """
        if self._rows is None:
            self._rows = self._start()
            self._skip = skip
        return self._read(self._rows, size, keep_empty=False)

    def _start(self) -> Iterator[tuple[int, list[Any]]]:
        sheet = self.worksheet()
        start = sheet.start
        self._rows_total = int(sheet.height + (start[0] if start else 0))
        self._pad = [""] * (start[1] if start else 0)
        self._floats = {}
        self._converters = _converters(self._floats)
        return enumerate(sheet.iter_rows(), start=1)

    def _read(
        self, rows: Iterator[tuple[int, list[Any]]], size: int, keep_empty: bool
    ) -> tuple[list[int], list[list[str]], bool]:
        """The next ``size`` rows as text (one tight loop: a million cells go through it)."""
        lines: list[int] = []
        records: list[list[str]] = []
        add_line, add_record = lines.append, records.append
        converters, fallback, pad = self._converters, cell_text, self._pad
        floats = converters[float]
        cached = self._floats.get
        left = size
        number = self.line
        try:
            for number, values in rows:
                if self._skip:
                    self._skip -= 1
                    continue
                # Inline for the common kinds (no Python call per cell): text, numbers (remembered),
                # date-times (str() is isoformat(sep=" "); a whole day, as .ods gives it, is its date).
                cells = [
                    value
                    if (kind := type(value)) is str
                    else (cached(value) or floats(value))
                    if kind is float
                    else (text[:-9] if (text := str(value)).endswith(" 00:00:00") else text)
                    if kind is datetime
                    else converters.get(kind, fallback)(value)
                    for value in values
                ]
                if pad:
                    cells[:0] = pad
                if cells and cells[-1] == "":
                    while cells and cells[-1] == "":
                        cells.pop()
                if cells or keep_empty:
                    add_line(number)
                    add_record(cells)
                    left -= 1
                    if not left:
                        self.line = number
                        return lines, records, False
        except (ValueError, TypeError, OverflowError) as exc:
            raise ImportFileError(f"the sheet cannot be read here ({exc})", number + 1) from None
        self.line = number
        return lines, records, True


def open_row_stream(path: Path, kind: str, encoding: str, delimiter: str, sheet: str | None = None) -> Any:
    """``SheetRowStream`` for a workbook kind (xlsx, xls, ods...), ``reader.RowStream`` for text."""
    if kind in ("xlsx", "xlsm", "xlsb", "xls", "ods"):
        return SheetRowStream(path, kind, encoding, delimiter, sheet)
    from ..reader import RowStream

    return RowStream(path, kind, encoding, delimiter, sheet)
