"""Streaming the records of a CSV file as lists of text cells, with their line and the bytes read.

The file is never held whole in memory: CSV goes through ``csv.reader`` over a decoding stream.
Workbooks (.xlsx, .xls, .ods) are read by ``formats.spreadsheet.SheetRowStream`` (python-calamine),
which has the same shape; ``open_row_stream`` chooses. ``cell_text`` is how a workbook's cell
becomes the text a CSV would hold (dates in ISO 8601, numbers as written).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from ...i18n import local_number, translate
from .model import ImportFileError, cannot_open

#: A record (a quoted cell with line breaks) over more lines than this is refused: a quote that is never
#: closed turns every following row into one cell.
MAX_RECORD_LINES = 100

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"


#: The kinds of workbook ``file_kind`` tells apart (read by python-calamine).
WORKBOOK_KINDS = ("xlsx", "xlsm", "xlsb", "xls", "ods")


def file_kind(path: Path) -> str:
    """ "xlsx", "xlsm", "xlsb", "xls", "ods" (workbooks) or "csv" (any text); refuses other archives and
    files that cannot be opened."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise ImportFileError(cannot_open(path, exc)) from None
    suffix = path.suffix.lower().lstrip(".")
    if head.startswith(XLSX_MAGIC):
        kind = _zip_workbook_kind(path)
        if kind is None:
            raise ImportFileError(
                translate("ImportFile", "{file} is a ZIP archive, not a table (save it as CSV, .xlsx or .ods)").format(
                    file=path.name
                )
            )
        return suffix if suffix in ("xlsx", "xlsm", "xlsb") and kind == "xlsx" else kind
    if head.startswith(XLS_MAGIC):
        return "xls"  # Excel 97-2003 (BIFF8 in an OLE2 container): calamine reads it
    return "csv"


#: Largest unpacked size of a worksheet, of the shared strings (held in memory whole) and of any other
#: part of an .xlsx file; and the largest packing ratio of a part over ZIP_RATIO_FROM bytes. A real
#: workbook's XML packs 5-20 times; a "zip bomb" packs gigabytes of nothing a thousand times.
XLSX_MAX_SHEET = 2 * 1024**3
XLSX_MAX_STRINGS = 256 * 1024**2
XLSX_MAX_OTHER = 64 * 1024**2
ZIP_MAX_RATIO = 100
ZIP_RATIO_FROM = 16 * 1024**2
#: How much of each XML part is searched for a DTD (it can only come before the root element).
_PROLOG_BYTES = 64 * 1024


def check_xlsx_archive(path: Path) -> None:
    """Refuse an .xlsx or .ods file that would take unbounded time or memory to read, before it is opened.

    Sizes come from the ZIP directory (zipfile never unpacks more than a part declares); every XML
    part's prolog is searched for entity declarations, which a workbook never has and an XML bomb
    ("billion laughs") needs.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if name.startswith("xl/worksheets/") or name == "content.xml":
                    limit = XLSX_MAX_SHEET
                elif name == "xl/sharedStrings.xml":
                    limit = XLSX_MAX_STRINGS
                else:
                    limit = XLSX_MAX_OTHER
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > limit or (info.file_size > ZIP_RATIO_FROM and ratio > ZIP_MAX_RATIO):
                    raise ImportFileError(
                        translate(
                            "ImportFile",
                            "{file} cannot be read safely: its part {part} would unpack to {size} MB ({ratio} times its"
                            " packed size); save the workbook again, or as CSV",
                        ).format(
                            file=path.name,
                            part=name,
                            size=local_number(round(info.file_size / 1024**2), grouped=True),
                            ratio=local_number(round(ratio), grouped=True),
                        )
                    )
                if name.endswith((".xml", ".rels", ".vml")):
                    with archive.open(info) as part:
                        prolog = part.read(_PROLOG_BYTES)
                    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                        raise ImportFileError(
                            translate(
                                "ImportFile",
                                "{file} cannot be read safely: its part {part} declares XML entities, which workbooks"
                                " never do (an “XML bomb”); save it again, or as CSV",
                            ).format(file=path.name, part=name)
                        )
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise ImportFileError(
            translate("ImportFile", "{file} cannot be read as an .xlsx workbook ({reason})").format(
                file=path.name, reason=exc
            )
        ) from None


def _zip_workbook_kind(path: Path) -> str | None:
    """ "xlsx" (Office Open XML, also .xlsm/.xlsb), "ods" (OpenDocument) or None for another ZIP archive."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return "xlsx"
            if "mimetype" in names and "content.xml" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _quote_left_open(path: Path, encoding: str, delimiter: str, start: int) -> bool:
    """Whether the CSV record starting at line ``start`` (the file's last) ends inside a quoted cell."""
    with open(path, encoding=encoding, errors="replace", newline="") as text:
        rest = itertools.islice(text, start - 1, None)
        try:
            for _cells in csv.reader(rest, delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            return "unexpected end of data" in str(exc)
    return False


def cell_text(value: Any) -> str:
    """An .xlsx cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date().isoformat()  # a date cell: its time (if any) is in another column
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


class RowStream:
    """``with RowStream(path, kind, encoding, delimiter) as rows: for line, cells in rows: ...`` (CSV text)

    ``line`` is the 1-based line of the record (where it ends);
    ``bytes_done``/``bytes_total`` measure progress. Decoding and CSV errors (a cell longer than
    csv's 128 KiB limit, which protects memory against a file without line breaks) become
    ImportFileError naming the line.
    """

    def __init__(self, path: Path, kind: str, encoding: str, delimiter: str, sheet: str | None = None) -> None:
        self.path = path
        self.kind = kind
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.bytes_total = 0
        self._raw: BinaryIO | None = None
        self.line = 0
        self._started = False
        self._batches: Any = None
        self._skip = 0
        self._text: io.TextIOWrapper | None = None

    def __enter__(self) -> RowStream:
        try:
            self.bytes_total = self.path.stat().st_size
            self._raw = open(self.path, "rb")
        except OSError as exc:
            raise ImportFileError(cannot_open(self.path, exc)) from None
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._text is not None:
            with contextlib.suppress(ValueError):
                self._text.detach()  # the raw file is closed below, once
            self._text = None
        if self._raw is not None:
            self._raw.close()
            self._raw = None

    @property
    def bytes_done(self) -> int:
        if self._raw is not None:
            try:
                return min(self._raw.tell(), self.bytes_total)
            except (OSError, ValueError):
                return 0
        return 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self._csv_rows()

    def sheet_names(self) -> list[str]:
        """A text file has no sheets (``SheetRowStream`` has the same method)."""
        return []

    def batch(self, size: int, skip: int = 0) -> tuple[list[int], list[list[str]], bool]:
        """Up to ``size`` more records that hold something, with their lines, and whether the file ended.

        The first call leaves out the first ``skip`` records (the lines up to the header). For CSV
        this is a tight loop over csv.reader (no generator per row: a million rows go through it).
        """
        if not self._started:
            self._started = True
            self._batches = self._csv_reader()
            self._skip = skip
        lines: list[int] = []
        records: list[list[str]] = []
        add_line, add_record = lines.append, records.append
        left = size
        reader = self._batches
        previous = end = self.line
        try:
            for cells in reader:
                previous, end = end, reader.line_num
                # A record over several lines has a quoted cell with line breaks: fine for a short
                # note, but a quote that is never closed swallows every following row.
                if end - previous > MAX_RECORD_LINES:
                    self._unclosed_quote(previous + 1, end)
                if self._skip:
                    self._skip -= 1
                    continue
                if any(cells):
                    add_line(end)
                    add_record(cells)
                    left -= 1
                    if not left:
                        self.line = end
                        return lines, records, False
        except UnicodeDecodeError:
            raise ImportFileError(self._not_valid_text(), reader.line_num + 1) from None
        except csv.Error as exc:
            raise self._csv_error(exc, end + 1, reader.line_num) from None
        self.line = end
        self._check_last_record(previous + 1, end)
        return lines, records, True

    def _csv_reader(self) -> Any:
        assert self._raw is not None
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ImportFileError(
                translate("ImportFile", "unknown text encoding “{encoding}”").format(encoding=self.encoding)
            ) from None
        self._text = io.TextIOWrapper(self._raw, encoding=self.encoding, errors="strict", newline="")
        return csv.reader(self._text, delimiter=self.delimiter or ",", strict=False)

    # -- CSV ------------------------------------------------------------------------------------

    def _csv_rows(self) -> Iterator[tuple[int, list[str]]]:
        assert self._raw is not None
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise ImportFileError(
                translate("ImportFile", "unknown text encoding “{encoding}”").format(encoding=self.encoding)
            ) from None
        text = io.TextIOWrapper(self._raw, encoding=self.encoding, errors="strict", newline="")
        reader = csv.reader(text, delimiter=self.delimiter or ",", strict=False)
        previous = 0
        try:
            for cells in reader:
                previous, self.line = self.line, reader.line_num
                if self.line - previous > MAX_RECORD_LINES:
                    self._unclosed_quote(previous + 1, self.line)
                yield reader.line_num, cells
            self._check_last_record(previous + 1, self.line)
        except UnicodeDecodeError:
            raise ImportFileError(self._not_valid_text(), self.line + 1) from None
        except csv.Error as exc:
            raise self._csv_error(exc, self.line + 1, reader.line_num) from None
        finally:
            with contextlib.suppress(ValueError):  # the file may be closed already
                text.detach()

    def _not_valid_text(self) -> str:
        return translate("ImportFile", "the file is not valid {encoding} text here (choose another encoding)").format(
            encoding=self.encoding
        )

    def _unclosed_quote(self, start: int, end: int) -> None:
        raise ImportFileError(
            translate(
                "ImportFile", 'a quoted cell runs from here to line {line}: a closing quote (") is probably missing'
            ).format(line=end),
            start,
        )

    def _csv_error(self, exc: csv.Error, start: int, end: int) -> ImportFileError:
        if "field larger than field limit" in str(exc):
            return ImportFileError(
                translate(
                    "ImportFile",
                    'a cell longer than {size} KiB starts here (it runs past line {line}): a closing quote (") is'
                    " probably missing",
                ).format(size=csv.field_size_limit() // 1024, line=end),
                start,
            )
        return ImportFileError(
            translate("ImportFile", "the file cannot be read as CSV here ({reason})").format(reason=exc), end or 1
        )

    def _check_last_record(self, start: int, end: int) -> None:
        """At the end of the file: refuse a last record (lines ``start``-``end``) whose quote was never closed.

        ``csv.reader`` (not strict) hands back a cell left open at the end of the file as if it had
        been closed there, silently turning every following row into one note. Only a last record
        over several lines can be one: its lines are read again with a strict reader.
        """
        if end <= start:
            return
        if _quote_left_open(self.path, self.encoding, self.delimiter or ",", start):
            self._unclosed_quote(start, end)
