"""Finding out how a file is written: encoding, delimiter, numbers, header row and dates.

Only the start of the file is read (256 KiB or 200 records); the guesses are shown to the user, who
can change each of them (``ImportSettings``) before anything is stored.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ...domain.entities import Metric
from ...i18n import QT_TRANSLATE_NOOP, local_number, translate
from .convert import CellError, timestamp_parser, value_parser
from .formats.spreadsheet import open_row_stream
from .formats.units import unit_of
from .mapping import split_unit
from .model import EXCEL_FORMAT, ISO_FORMAT, Detected, ImportFileError, ImportSettings, cannot_open
from .reader import WORKBOOK_KINDS, file_kind

SAMPLE_BYTES = 256 * 1024
SAMPLE_RECORDS = 200
#: Rows kept in ``Detected.sample_rows``.
SAMPLE_ROWS = 50
DELIMITERS = (",", ";", "\t", "|")
#: Most columns a file may have (a meter export has a few; a header of 100,000 is not a table of readings).
MAX_COLUMNS = 1000
#: Header words of a date or time column (several languages), for Excel day numbers.
_DATE_WORDS = re.compile(r"date|datum|time|zeit|timestamp|day|tag|fecha|data|jour|heure|uhrzeit|when|period", re.I)
_TIME_WORDS = re.compile(r"time|zeit|uhrzeit|heure|hora|ora", re.I)
_ISO_START = re.compile(r"\s*\d{4}-\d{2}-\d{2}")
_DMY = re.compile(r"\s*(\d{1,4})([./-])(\d{1,2})\2(\d{2}|\d{4})(?!\d)")
_TIME_CELL = re.compile(r"\s*\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*")
_NUMBERISH = re.compile(r"\s*[+-]?[\d.,' \u00a0\u202f]*\d[\d.,' \u00a0\u202f]*\s*")
_PROBE = Metric(None, "probe", decimals=6)
_STARTS_WITH_DIGIT = re.compile(r"\s*\d")
#: Excel's first line naming the separator: ``sep=;``.
_SEP_LINE = re.compile(r"[ \t]*sep=(.)[ \t]*\r?\n", re.I)
#: Numbers grouped in thousands with a decimal part, in either convention (``1.893,469`` / ``1,893.469``):
#: one anywhere in the file decides its separators, as far down as line 368 or beyond.
_GROUPED_COMMA = re.compile(rb"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
_GROUPED_POINT = re.compile(rb"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,])")
_DOT_GROUP = re.compile(rb"\.\d{3},\d")
_COMMA_GROUP = re.compile(rb",\d{3}\.\d")
#: Bytes of the file read at a time when its whole text is searched for grouped numbers.
_SCAN_BLOCK = 4 * 1024 * 1024


#: The note on dates that could be day-first or month-first (a supplier's profile that knows them drops it).
AMBIGUOUS_DATES_NOTE = QT_TRANSLATE_NOOP(
    "ImportDetect", "Every day in the sample is 12 or less: choose whether dates are day-first or month-first."
)

#: ``detect``'s ``register_column`` default: find out whether the file is a long one.
AUTO = "auto"


def detect(path: Path, sheet: str | None = None, register_column: int | str | None = AUTO) -> Detected:
    """Read the start of ``path`` and guess how to import it (sync: run it in a thread from the GUI).

    ``sheet`` chooses the worksheet of a workbook (default: the first). ``register_column`` says which
    column names each row's register in a long file (an index or a column name; None: the file has a
    column per register; AUTO: detected where the data says so). Raises ImportFileError for a file
    that cannot be read as a table of dates and values.
    """
    path = Path(path)
    kind = file_kind(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(cannot_open(path, exc)) from None
    if size == 0:
        raise ImportFileError(translate("ImportDetect", "{file} is empty").format(file=path.name))
    notes: list[str] = []
    sheets: list[str] = []
    if kind in WORKBOOK_KINDS:
        with open_row_stream(path, kind, "", "", sheet) as stream:
            sheets = stream.sheet_names()
            records = []
            for _line, cells in stream:
                records.append(cells)
                if len(records) >= SAMPLE_RECORDS:
                    break
        encoding, delimiter = "", ""
    else:
        encoding, records, delimiter = _read_csv_sample(path, notes)
    detected = _analyse(path, kind, size, encoding, delimiter, records, notes, sheets)
    if kind == "csv":
        detected = _whole_file_separators(detected, notes)
    if sheet is not None and kind in WORKBOOK_KINDS:
        detected = replace(detected, settings=replace(detected.settings, sheet=sheet))
    if register_column != AUTO:
        detected = replace(detected, settings=replace(detected.settings, register_column=None))
        if register_column is not None:
            column = _column_index(detected.columns, register_column)
            detected = replace(detected, settings=replace(detected.settings, register_column=column))
    if is_own_export(detected):
        # Home Log's own export is one table, a column per metric: no day rows, registers or blocks
        # to look for (a note of several lines is no block header).
        return with_own_columns(detected)
    from .periods import with_periods

    days = with_day_columns(detected)
    if days is not detected:
        return with_periods(days)
    detected = with_registers(detected, required=register_column not in (AUTO, None))
    if detected.settings.register_column is None:
        detected = with_blocks(detected, size)
    return with_periods(with_own_columns(detected))


def is_own_export(detected: Detected) -> bool:
    """Whether the file is a CSV written by Home Log's export (its header says so)."""
    from .model import own_columns_of

    return detected.kind == "csv" and bool(own_columns_of(detected.columns))


def with_own_columns(detected: Detected) -> Detected:
    """``detected`` reading Home Log's own CSV export back: each interval metric's ``X start`` column as
    its values' period starts, and the reading's flags and author from their columns."""
    from .model import own_columns_of, start_columns_of

    own = own_columns_of(detected.columns)
    starts = start_columns_of(detected.columns)
    if not own and not starts:
        return detected
    settings = replace(
        detected.settings,
        start_columns=starts,
        estimated_column=own.get("estimated_column"),
        from_bill_column=own.get("from_bill_column"),
        author_column=own.get("author_column"),
    )
    return replace(detected, settings=settings)


def with_blocks(detected: Detected, size: int) -> Detected:
    """``detected`` with the later blocks of a file of several (``blocks``): each later header followed by
    rows of dates is read like the first, and its value columns become columns of their own."""
    from .blocks import MAX_BLOCKS_FILE, Block, find_blocks_in_text

    settings = detected.settings
    path, kind = detected.path, detected.kind
    if size > MAX_BLOCKS_FILE:
        return detected  # a statement of several blocks is small; a big export is one table
    found = None
    if kind == "csv":
        data_line = _line_of_record(detected, settings.data_row)
        found = find_blocks_in_text(path, settings.encoding, settings.delimiter, data_line, _is_block_header)
    if found is None:
        found = _blocks_of_rows(detected)
    if not found:
        return detected
    width = len(detected.columns)
    columns = list(detected.columns)
    numeric = list(detected.numeric_columns)
    decimals = dict(detected.column_decimals)
    taken = {split_unit(c)[0].casefold() for c in columns}
    blocks: list[Block] = []
    new_notes = list(detected.notes)
    first = [c.casefold() for c in detected.columns[:width]]
    for number, (header_line, layout, title, rows) in enumerate(found, start=2):
        try:
            part = _analyse(path, kind, size, settings.encoding, settings.delimiter, rows, [], detected.sheets)
        except ImportFileError:
            continue
        if [c.casefold() for c in part.columns] == first:
            continue  # the first block's header again (a page break): that line is no reading, and named
        if part.settings.date_format != settings.date_format or part.settings.date_column is None:
            new_notes.append(
                translate(
                    "ImportDetect", "The block at line {line} writes its dates otherwise than the first: read as it is."
                ).format(line=header_line)
            )
            continue
        values = [c for c in part.numeric_columns if c not in (part.settings.date_column, part.settings.time_column)]
        targets = list(range(len(columns), len(columns) + len(values)))
        for value, target in zip(values, targets, strict=True):
            name = part.columns[value]
            base, unit = split_unit(name)
            if base.casefold() in taken:
                base = f"{title or f'Block {number}'} {base}"
                name = f"{base} ({unit})" if unit else base
            taken.add(base.casefold())
            columns.append(name)
            numeric.append(target)
            decimals[target] = part.column_decimals.get(value, 0)
        blocks.append(
            Block(
                header_line,
                tuple(layout),
                part.settings.date_column,
                part.settings.time_column,
                tuple(values),
                tuple(targets),
                title,
            )
        )
    if not blocks:
        return detected
    shown = ", ".join(
        (
            translate("ImportDetect", "line {line} ({title})").format(line=b.header_line, title=b.title)
            if b.title
            else translate("ImportDetect", "line {line}").format(line=b.header_line)
        )
        for b in blocks
    )
    new_notes.append(
        translate(
            "ImportDetect",
            "The file holds %n blocks, each with its own header: more at {lines}.",
            None,
            len(blocks) + 1,
        ).format(lines=shown)
    )
    extra = len(columns) - width
    return replace(
        detected,
        settings=replace(settings, blocks=tuple(blocks), block_base=width),
        columns=columns,
        numeric_columns=numeric,
        column_decimals=decimals,
        sample_rows=[row[:width] + [""] * (width - len(row[:width])) + [""] * extra for row in detected.sample_rows],
        notes=new_notes,
    )


def _blocks_of_rows(detected: Detected) -> list[tuple[int, list[int], str, list[list[str]]]]:
    """``blocks.find_blocks`` over every row of the file (workbooks, UTF-16 text)."""
    from .blocks import find_blocks

    settings = detected.settings
    date_column = settings.date_column or 0

    def starts_like_data(cells: list[str]) -> bool:
        # Cheap, for every row of the file: a row of data has its date (digits) where the first block
        # has it; a header, a title or a total starts with a word.
        return len(cells) >= 2 and date_column < len(cells) and _STARTS_WITH_DIGIT.match(cells[date_column]) is not None

    kind = detected.kind
    with open_row_stream(detected.path, kind, settings.encoding, settings.delimiter, settings.sheet) as stream:
        indexed = ((line, cells) for index, (line, cells) in enumerate(stream) if index >= settings.data_row)
        return find_blocks(indexed, 0, starts_like_data, _is_block_header)


def _line_of_record(detected: Detected, record: int) -> int:
    """The 1-based line of a record of a CSV file (record indexes count records; a quoted cell may span lines)."""
    settings = detected.settings
    with open_row_stream(detected.path, detected.kind, settings.encoding, settings.delimiter, settings.sheet) as stream:
        for index, (line, _cells) in enumerate(stream):
            if index >= record:
                return line
    return record + 1


def _is_block_header(cells: list[str]) -> bool:
    """A later block's header: at least two names, none a date or a number (a total line is no header)."""
    return _is_name_row(cells) and len([c for c in cells if c.strip()]) >= 2


def with_day_columns(detected: Detected) -> Detected:
    """``detected`` read as a file of day rows when 24, 48 or 96 consecutive columns hold a day's hour,
    half-hour or quarter-hour amounts (``dayrows``): a record per amount, labelled by the start of its
    period, one metric of interval amounts; ``detected`` itself for any other table."""
    from . import model
    from .dayrows import STEPS, DayExpander, find_day_columns

    settings = detected.settings
    day_columns = find_day_columns(detected.columns, detected.numeric_columns, settings.header_row is not None)
    if not day_columns:
        return detected
    width = len(detected.columns)
    step = STEPS[len(day_columns)]
    unit = ""
    if settings.unit_column is not None:
        for row in detected.sample_rows:
            if settings.unit_column < len(row) and unit_of(row[settings.unit_column]):
                unit = unit_of(row[settings.unit_column]).symbol  # type: ignore[union-attr]
                break
    value = width + 1
    decimals = dict(detected.column_decimals)
    decimals[value] = max((detected.column_decimals.get(c, 0) for c in day_columns), default=0)
    expander = DayExpander(day_columns, width)
    sample = [record for row in detected.sample_rows for record in expander.expanded(0, row)][:SAMPLE_ROWS]
    long_settings = replace(settings, time_column=width, day_columns=day_columns, day_base=width, register_column=None)
    label = getattr(model, "PeriodLabel", None)
    if label is not None and hasattr(long_settings, "period_seconds"):
        # The periods of the amounts: each record is labelled by its period's start, ``step`` long.
        long_settings = replace(long_settings, time_is=label.START, period_seconds=step)
    minutes = step // 60
    return replace(
        detected,
        settings=long_settings,
        columns=[*detected.columns, "Period start", f"Amount ({unit})" if unit else "Amount"],
        numeric_columns=[c for c in detected.numeric_columns if c not in day_columns] + [value],
        column_decimals=decimals,
        sample_rows=sample,
        notes=[
            *detected.notes,
            translate(
                "ImportDetect",
                "One row per day with {count} columns of amounts: each becomes an amount over its own {minutes}"
                " minutes, from “{first}” to “{last}”.",
            ).format(
                count=len(day_columns),
                minutes=minutes,
                first=detected.columns[day_columns[0]],
                last=detected.columns[day_columns[-1]],
            ),
        ],
    )


def _column_index(columns: list[str], wanted: int | str) -> int:
    if isinstance(wanted, int):
        if 0 <= wanted < len(columns):
            return wanted
    else:
        text = wanted.strip()
        if text.isdigit() and 1 <= int(text) <= len(columns):
            return int(text) - 1  # a column number, 1 for the first
        for index, name in enumerate(columns):
            if " ".join(name.split()).casefold() == " ".join(text.split()).casefold():
                return index
    raise ImportFileError(
        translate("ImportDetect", "the file has no column “{name}” (columns: {columns})").format(
            name=wanted, columns=_listed(columns)
        )
    )


def with_registers(detected: Detected, *, required: bool = False) -> Detected:
    """``detected`` read as a long file when its settings name a register column: the registers are
    collected from the whole file, and each (with each value column) gets a column of its own.

    ``required``: the user chose the column, so a column that names no registers is an error (else the
    file is simply read as a wide one).
    """
    from .registers import Widener, long_settings, register_columns, scan_registers

    settings = detected.settings
    column = settings.register_column
    if column is None:
        return detected
    unit_column = settings.unit_column if settings.unit_column != column else None
    value_columns = [c for c in detected.numeric_columns if c not in (column, unit_column)]
    name = detected.columns[column]
    if not value_columns:
        if required:
            raise ImportFileError(
                translate("ImportDetect", "“{name}” names the registers, but no other column holds numbers").format(
                    name=name
                )
            )
        return replace(detected, settings=replace(settings, register_column=None))
    probe = replace(settings, register_column=None)
    with open_row_stream(detected.path, detected.kind, probe.encoding, probe.delimiter, probe.sheet) as stream:
        found = scan_registers(stream, probe.data_row, column, unit_column)
    if found is None or (len(found[0]) < 2 and not required):
        if required:
            raise ImportFileError(
                translate(
                    "ImportDetect", "the column “{name}” names no registers (or more than 100 different ones)"
                ).format(name=name)
            )
        return replace(detected, settings=replace(settings, register_column=None))
    registers, units = found
    width = len(detected.columns)
    names, resolved = register_columns(detected.columns, registers, units, value_columns)
    made = list(range(width, width + len(names)))
    decimals = dict(detected.column_decimals)
    for k in range(len(registers)):
        for j, value_column in enumerate(value_columns):
            decimals[width + k * len(value_columns) + j] = detected.column_decimals.get(value_column, 0)
    shown = ", ".join(registers[:6])
    if len(registers) > 6:
        shown = translate("ImportDetect", "{names} and %n more", None, len(registers) - 6).format(names=shown)
    notes = [
        *detected.notes,
        translate(
            "ImportDetect",
            "One row per register: the column “{name}” names %n ({names}); each becomes its own metric.",
            None,
            len(registers),
        ).format(name=name, names=shown),
    ]
    return replace(
        detected,
        settings=replace(long_settings(settings, width, registers, value_columns), unit_column=unit_column),
        columns=[*detected.columns, *names],
        numeric_columns=[c for c in detected.numeric_columns if c not in value_columns] + made,
        column_decimals=decimals,
        sample_rows=list(
            map(Widener(column, tuple(registers), tuple(value_columns), width).widened, detected.sample_rows)
        ),
        notes=notes,
        register_units=resolved,
    )


def _whole_file_separators(detected: Detected, notes: list[str]) -> Detected:
    """The decimal and thousands separators decided on the whole file, not only its start.

    A file whose first lines hold only small numbers (``0,469``) may have a total line far down
    (``1.893,46900``): one grouped number in either convention, anywhere, settles the thousands
    separator (and the decimal one, when the start of the file could not tell).
    """
    settings = detected.settings
    if settings.thousands in (".", ",") or detected.settings.encoding.startswith("utf-16"):
        return detected
    if settings.delimiter == ",":
        return detected  # a grouping comma would split the cell: such files quote numbers, or use no grouping
    comma = point = 0
    # Only the evidence that can change something is searched for (each search reads every byte).
    want_comma = settings.decimal == "," or not _uses_decimal_point(detected)
    want_point = settings.decimal == "."
    try:
        with open(detected.path, "rb") as f:
            tail = b""
            while True:
                block = f.read(_SCAN_BLOCK)
                text = tail + block
                cut = text.rfind(b"\n") + 1 if block else len(text)
                if want_comma:
                    comma += _grouped(text, cut, _DOT_GROUP, _GROUPED_COMMA)
                if want_point:
                    point += _grouped(text, cut, _COMMA_GROUP, _GROUPED_POINT)
                tail = text[cut:]
                if not block:
                    break
    except OSError:
        return detected
    decimal, thousands = settings.decimal, settings.thousands
    if comma > point and settings.delimiter != "," and decimal in (",", "."):
        if decimal == "." and not _uses_decimal_point(detected):
            decimal = ","
        if decimal == ",":
            thousands = "."
    elif point > comma and decimal == "." and settings.delimiter != ",":
        thousands = ","
    if (decimal, thousands) == (settings.decimal, settings.thousands):
        return detected
    notes.append(
        translate(
            "ImportDetect",
            "Numbers grouped in thousands further down the file ({example}) decide the separators:"
            " decimal “{decimal}”, thousands “{thousands}”.",
        ).format(example="1.893,46" if thousands == "." else "1,893.46", decimal=decimal, thousands=thousands)
    )
    return replace(detected, settings=replace(settings, decimal=decimal, thousands=thousands))


def _grouped(text: bytes, end: int, hint: re.Pattern[bytes], full: re.Pattern[bytes]) -> int:
    """How many numbers of ``text[:end]`` match ``full``, found by ``hint`` (a pattern starting with a
    literal character, which the regex engine finds fast) and checked around each hit."""
    count = 0
    for found in hint.finditer(text, 0, end):
        start = found.start()
        line_start = text.rfind(b"\n", 0, start) + 1
        line_end = text.find(b"\n", start)
        line = text[line_start : line_end if line_end >= 0 else end]
        count += 1 if full.search(line, max(0, start - line_start - 16)) else 0
    return count


def _uses_decimal_point(detected: Detected) -> bool:
    """Whether the sample holds numbers with a decimal point (1.5) in its value columns."""
    settings = detected.settings
    skip = {settings.date_column, settings.time_column}
    return any(
        re.fullmatch(r"\s*[+-]?\d+\.\d{1,2}\s*|\s*[+-]?\d+\.\d{4,}\s*", cell)
        for row in detected.sample_rows
        for c, cell in enumerate(row)
        if c not in skip
    )


def parse_date_format_option(text: str, detected: Detected) -> str:
    """A ``--date-format`` value: a strptime pattern (``%d/%m/%Y``), "iso", "excel", or "dmy"/"mdy"/"ymd"
    (day-first, month-first, year-first with the file's own separator)."""
    value = text.strip()
    lowered = value.lower()
    if lowered in (ISO_FORMAT, "iso8601", "iso-8601"):
        return ISO_FORMAT
    if lowered == EXCEL_FORMAT:
        return EXCEL_FORMAT
    if lowered in ("dmy", "mdy", "ymd"):
        sep = "/"
        year = "%Y"
        for candidate in [*detected.ambiguous_date_formats, detected.settings.date_format or ""]:
            found = re.search(r"%[dmYy]([./-])", candidate)
            if found:
                sep = found[1]
                year = "%y" if "%y" in candidate else "%Y"
                break
        order = {"dmy": ("%d", "%m", year), "mdy": ("%m", "%d", year), "ymd": (year, "%m", "%d")}[lowered]
        return sep.join(order)
    try:
        timestamp_parser(value, None)
    except CellError as exc:
        raise ImportFileError(str(exc)) from None
    return value


# -- CSV text -------------------------------------------------------------------------------------


def _read_csv_sample(path: Path, notes: list[str]) -> tuple[str, list[list[str]], str]:
    try:
        with open(path, "rb") as f:
            raw = f.read(SAMPLE_BYTES)
            complete = len(raw) < SAMPLE_BYTES or not f.read(1)
    except OSError as exc:
        raise ImportFileError(cannot_open(path, exc)) from None
    encoding = _encoding(raw)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        text = decoder.decode(raw, final=complete)
    except UnicodeDecodeError:  # pragma: no cover - _encoding checked it
        raise ImportFileError(
            translate("ImportDetect", "{file} is not text in any encoding this program knows").format(file=path.name)
        ) from None
    if not complete:
        # The sample ends somewhere in a record: drop the incomplete last line.
        cut = max(text.rfind("\n"), 0)
        _check_line_length(path, text[:cut], text[cut:])
        text = text[:cut]
    if "\x00" in text or _mostly_binary(text):
        raise ImportFileError(
            translate("ImportDetect", "{file} does not look like a table (it holds binary data, not text)").format(
                file=path.name
            )
        )
    if encoding == "cp1252":
        notes.append(translate("ImportDetect", "The file is not UTF-8: read as Windows-1252 (Latin-1)."))
    best: tuple[float, str, list[list[str]]] | None = None
    stated = _SEP_LINE.match(text.lstrip("\ufeff"))
    candidates = (stated[1],) if stated else DELIMITERS
    if stated:
        notes.append(
            translate("ImportDetect", "The file says its separator: “sep={separator}” (Excel's first line).").format(
                separator=stated[1]
            )
        )
    for delimiter in candidates:
        try:
            records = _records(text, delimiter)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                line = text.count("\n", 0, _start_of_long_cell(text)) + 1
                raise ImportFileError(
                    translate(
                        "ImportDetect",
                        "a cell longer than {size} KiB starts here: a note this long cannot be imported (or a closing"
                        " quote is missing)",
                    ).format(size=csv.field_size_limit() // 1024),
                    line,
                ) from None
            continue
        score = _delimiter_score(records)
        if best is None or score > best[0]:
            best = (score, delimiter, records)
    if best is None or best[0] <= 0:
        raise ImportFileError(
            translate(
                "ImportDetect",
                "{file}: no columns found: a file needs a date column and a value column separated by commas,"
                " semicolons, tabs or |",
            ).format(file=path.name)
        )
    return encoding, best[2], best[1]


def _check_line_length(path: Path, complete_lines: str, rest: str) -> None:
    """Refuse a sample whose last, unfinished line is most of it: a line too long to be a row of readings."""
    if len(rest) < SAMPLE_BYTES // 4 or complete_lines.count("\n") >= 2:
        return
    line = complete_lines.count("\n") + (2 if complete_lines else 1)
    count = max(rest.count(d) for d in DELIMITERS)
    if count + 1 > MAX_COLUMNS:
        raise ImportFileError(
            translate(
                "ImportDetect",
                "{file} has more than {count} columns on line {line}: Home Log imports files of at most {most} columns",
            ).format(
                file=path.name,
                count=local_number(count + 1, grouped=True),
                line=line,
                most=local_number(MAX_COLUMNS, grouped=True),
            )
        )
    raise ImportFileError(
        translate(
            "ImportDetect",
            "{file}: line {line} is longer than {size} KiB: a cell this long (a huge note, or a quote that is never"
            " closed) cannot be imported",
        ).format(file=path.name, line=line, size=SAMPLE_BYTES // 1024)
    )


def _start_of_long_cell(text: str) -> int:
    """Where the quoted cell that is too long for csv starts (the quote followed by the most text)."""
    limit = csv.field_size_limit()
    for found in re.finditer('"', text):
        end = text.find('"', found.end())
        if end < 0 or end - found.end() > limit:
            return found.start()
    return 0


def _encoding(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = raw[:4096]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > half * 0.4 and even_nuls < half * 0.1:
            return "utf-16-le"
        if even_nuls > half * 0.4 and odd_nuls < half * 0.1:
            return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _mostly_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control > len(sample) * 0.05


def _records(text: str, delimiter: str) -> list[list[str]]:
    records = []
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False):
        records.append(cells)
        if len(records) >= SAMPLE_RECORDS:
            break
    return records


def _delimiter_score(records: list[list[str]]) -> float:
    rows = [r for r in records if any(c.strip() for c in r)]
    if not rows:
        return 0.0
    counts = Counter(len(r) for r in rows if len(r) > 1)
    if not counts:
        return 0.0
    mode, n_mode = max(counts.items(), key=lambda item: (item[1], item[0]))
    typed = total = 0
    for row in rows:
        if len(row) != mode:
            continue
        for cell in row:
            total += 1
            if _is_typed(cell):
                typed += 1
    return n_mode * (0.5 + 0.5 * (typed / total if total else 0))


def _is_typed(cell: str) -> bool:
    text = cell.strip()
    return not text or bool(_NUMBERISH.fullmatch(text) or _date_family(text) or _TIME_CELL.fullmatch(text))


# -- analysis -------------------------------------------------------------------------------------


def _date_family(text: str) -> str | None:
    """ "iso", "dmy-like" or None: whether a cell looks like a date (not yet which order)."""
    if _ISO_START.match(text):
        try:
            datetime.fromisoformat(text.strip())
            return "iso"
        except ValueError:
            pass
    found = _DMY.match(text)
    if found is not None:
        rest = text[found.end() :].strip()
        if not rest or re.match(r"[T ,]?\s*\d{1,2}[:.]\d{2}", rest):
            return "pattern"
    return None


def _is_data_row(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return len(row) >= 2 and any(_date_family(c) for c in cells)


def _analyse(
    path: Path,
    kind: str,
    size: int,
    encoding: str,
    delimiter: str,
    records: list[list[str]],
    notes: list[str],
    sheets: list[str],
) -> Detected:
    nonblank = [i for i, r in enumerate(records) if any(c.strip() for c in r)]
    if not nonblank:
        raise ImportFileError(translate("ImportDetect", "{file} holds no rows").format(file=path.name))
    first_data = _first_data_run(records, nonblank, _is_data_row)
    is_data = _is_data_row
    if first_data is None:
        # Dates may be Excel day numbers: data rows are then all numbers.
        first_data = _first_data_run(records, nonblank, _is_numeric_row)
        is_data = _is_numeric_row
    if first_data is None:
        raise ImportFileError(
            translate(
                "ImportDetect", "{file}: no rows with a date and values were found at the start of the file"
            ).format(file=path.name)
        )
    header_row, header, units, upper = _header(records, nonblank, first_data)
    junk = len([i for i in nonblank if i < (upper if upper is not None else first_data)])
    if junk:
        notes.append(translate("ImportDetect", "%n line(s) before the header was/were skipped.", None, junk))
    # The rows the guesses are made on: data rows only (a footer, an advert or a total line among
    # them is no reading; the import skips and lists it).
    data = [records[i] for i in nonblank if i >= first_data and is_data(records[i])]
    widest = max(len(r) for r in records)
    if widest > MAX_COLUMNS:
        raise ImportFileError(
            translate(
                "ImportDetect", "{file} has {count} columns: Home Log imports files of at most {most} columns"
            ).format(
                file=path.name, count=local_number(widest, grouped=True), most=local_number(MAX_COLUMNS, grouped=True)
            )
        )
    width = max([len(r) for r in data[:SAMPLE_ROWS]] + [len(header)])
    columns = _column_names(header, width)
    if units:
        columns = [
            f"{name} ({units[i]})" if i < len(units) and units[i] and split_unit(name)[1] == "" else name
            for i, name in enumerate(columns)
        ]
    while (
        len(columns) > 1
        and columns[-1].startswith("Column ")
        and all(len(r) < len(columns) or not r[len(columns) - 1].strip() for r in data)
    ):
        columns.pop()  # a trailing delimiter on every line: an empty last column
    date_column, date_format, ambiguous = _find_date_column(columns, data)
    if date_column is None:
        raise ImportFileError(
            translate("ImportDetect", "{file}: no column of dates was found (columns: {columns})").format(
                file=path.name, columns=_listed(columns)
            )
        )
    time_column = None
    if date_format in (ISO_FORMAT, EXCEL_FORMAT) or ambiguous or date_format:
        time_column = _find_time_column(columns, data, date_column)
    from .zones import is_zone_column, zone_of_header

    zone_column = next(
        (
            c
            for c in range(len(columns))
            if c not in (date_column, time_column) and is_zone_column([r[c] for r in data if c < len(r)])
        ),
        None,
    )
    stated_zone = zone_of_header(columns[date_column], columns[time_column] if time_column is not None else "")
    if zone_column is not None:
        notes.append(
            translate("ImportDetect", "Each row's time zone is in the column “{name}”.").format(
                name=columns[zone_column]
            )
        )
    elif stated_zone is not None:
        notes.append(
            translate("ImportDetect", "Times are in {zone}, as the header of the time column says.").format(
                zone=stated_zone
            )
        )
    value_columns = [c for c in range(len(columns)) if c not in (date_column, time_column, zone_column)]
    decimal, thousands = _numbers(data, value_columns, delimiter, notes)
    numeric: list[int] = []
    decimals: dict[int, int] = {}
    for c in value_columns:
        parse = value_parser(_PROBE, decimal, thousands, grow=True)
        cells = [r[c] for r in data if c < len(r) and r[c].strip()]
        if not cells:
            continue
        parsed = []
        for cell in cells:
            try:
                parsed.append(parse(cell))
            except CellError:
                pass
        if len(parsed) * 2 <= len(cells):
            continue  # mostly text: a few numbers in a text column make it no metric
        numeric.append(c)
        decimals[c] = max((p[1] for p in parsed if p is not None), default=0)
    from .registers import find_register_column

    register_column, unit_column = find_register_column(
        columns, data, date_column, time_column, numeric, exclude=zone_column
    )
    settings = ImportSettings(
        zone_column=zone_column,
        timezone=stated_zone if zone_column is None else None,
        register_column=register_column,
        unit_column=unit_column,
        encoding=encoding,
        delimiter=delimiter,
        decimal=decimal,
        thousands=thousands,
        header_row=header_row,
        data_row=first_data,
        date_column=date_column,
        time_column=time_column,
        date_format=None if ambiguous else date_format,
        sheet=sheets[0] if sheets else None,
    )
    if ambiguous:
        notes.append(translate("ImportDetect", AMBIGUOUS_DATES_NOTE))
    return Detected(
        path=path,
        kind=kind,
        settings=settings,
        columns=columns,
        ambiguous_date_formats=ambiguous,
        numeric_columns=numeric,
        column_decimals=decimals,
        sample_rows=[list(r) for r in data[:SAMPLE_ROWS]],
        size=size,
        notes=notes,
        sheets=sheets,
    )


def _listed(names: list[str], most: int = 8) -> str:
    """Column names for a message: the first few, each shortened."""
    shown = [n if len(n) <= 30 else n[:30] + "…" for n in names[:most]]
    if len(names) <= most:
        return ", ".join(shown)
    return translate("ImportDetect", "{names} and %n more", None, len(names) - most).format(names=", ".join(shown))


def _is_header(cells: list[str]) -> bool:
    return len([c for c in cells if c.strip()]) >= 2 and not any(_date_family(c) for c in cells)


def _is_units(cells: list[str]) -> bool:
    """A line of units (``""``, ``kWh``, ``[m³]``, ``°C``), as some meters export under or over the names:
    every cell is empty or a unit of the vocabulary, and at least one is a unit."""
    texts = [c.strip() for c in cells if c.strip()]
    return bool(texts) and all(unit_of(t) is not None for t in texts)


def _is_name_row(cells: list[str]) -> bool:
    """A row of column names: text that holds no date and is not all numbers (an account line's
    ``Klantnummer;123456789`` is no row of names)."""
    texts = [c.strip() for c in cells if c.strip()]
    return bool(texts) and not any(_date_family(c) for c in texts) and not any(_NUMBERISH.fullmatch(c) for c in texts)


def _header(
    records: list[list[str]], nonblank: list[int], first_data: int
) -> tuple[int | None, list[str], list[str], int | None]:
    """The header above the data at ``first_data``: (its row, its names, a unit per column, its first row).

    The header is the row of names right above the data. A row of units (``kWh``, ``[m³]``) under it
    or over it gives each column its unit; a second row of names over it (``Afname`` over ``Dag``
    and ``Nacht``, written once over the columns it spans) makes two-line names (``Afname Dag``).
    No row of names: no header (columns are then called Column 1, Column 2...).
    """
    before = [i for i in nonblank if i < first_data]
    units: list[str] = []
    position = len(before) - 1
    if position >= 1 and _is_units(records[before[position]]) and _is_name_row(records[before[position - 1]]):
        units = [u.strip() for u in records[before[position]]]
        position -= 1
    if position < 0 or not _is_header_row(records[before[position]]):
        return None, [], units, None
    header_row = before[position]
    header = [" ".join(c.split()) for c in records[header_row]]
    upper: int | None = header_row
    if position >= 1 and before[position - 1] == header_row - 1:
        above = records[before[position - 1]]
        if not units and _is_units(above):
            units, upper = [u.strip() for u in above], before[position - 1]
        elif _is_name_row(above) and _spans(above, header):
            header = _two_line_names(above, header)
            upper = before[position - 1]
    return header_row, header, [_unit_text(u) for u in units], upper


def _is_header_row(cells: list[str]) -> bool:
    return _is_header(cells)


def _spans(above: list[str], below: list[str]) -> bool:
    """Whether ``above`` is the upper line of a two-line header over ``below``: a name over several
    columns is written once, so it has an empty cell over a named column of ``below``."""
    width = max(len(above), len(below))
    top = [above[i].strip() if i < len(above) else "" for i in range(width)]
    bottom = [below[i].strip() if i < len(below) else "" for i in range(width)]
    last_top = max((i for i, t in enumerate(top) if t), default=-1)
    return any(not t and b and 0 < i for i, (t, b) in enumerate(zip(top, bottom, strict=True))) and last_top > 0


def _two_line_names(above: list[str], below: list[str]) -> list[str]:
    """``Afname;;Injectie;`` over ``Dag;Nacht;Dag;Nacht`` → ``Afname Dag``, ``Afname Nacht``, ``Injectie Dag``..."""
    width = max(len(above), len(below))
    names: list[str] = []
    carried = ""
    for i in range(width):
        top = " ".join(above[i].split()) if i < len(above) else ""
        bottom = " ".join(below[i].split()) if i < len(below) else ""
        if top:
            carried = top
        elif not bottom:
            carried = ""
        group = top or (carried if i > 0 else "")
        names.append(" ".join(part for part in (group, bottom) if part))
    return names


def _unit_text(cell: str) -> str:
    unit = unit_of(cell) if cell.strip() else None
    return unit.symbol if unit is not None else ""


def _is_numeric_row(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return len(row) >= 2 and len(cells) >= 2 and all(_NUMBERISH.fullmatch(c) for c in cells)


def _first_data_run(records: list[list[str]], nonblank: list[int], is_data: Callable[[list[str]], bool]) -> int | None:
    """Where the data starts: the first run of consecutive data rows that is long enough to be the table.

    Account lines above the header may hold dates too (``Periode;01-01-2024;31-01-2024``), but they
    come one or two at a time, broken off by other lines; the table is a long run of them. The first
    run at least half as long as the longest (and at least 3 rows, when there is one) is taken: an
    earlier block of readings is never mistaken for junk above a later, longer one.
    """
    runs: list[tuple[int, int]] = []  # (first record index, length)
    start: int | None = None
    length = 0
    for index in nonblank:
        if is_data(records[index]):
            if start is None:
                start, length = index, 0
            length += 1
        elif start is not None:
            runs.append((start, length))
            start = None
    if start is not None:
        runs.append((start, length))
    if not runs:
        return None
    longest = max(length for _start, length in runs)
    wanted = max(min(3, longest), (longest + 1) // 2)
    return next(first for first, length in runs if length >= wanted)


def _column_names(header: list[str], width: int) -> list[str]:
    names: list[str] = []
    seen: Counter[str] = Counter()
    for index in range(max(width, len(header))):
        name = " ".join(header[index].split()) if index < len(header) else ""
        name = name or f"Column {index + 1}"
        seen[name.lower()] += 1
        if seen[name.lower()] > 1:
            name = f"{name} ({seen[name.lower()]})"
        names.append(name)
    return names


def _cells(data: list[list[str]], column: int) -> list[str]:
    return [r[column].strip() for r in data if column < len(r) and r[column].strip()]


def _find_date_column(columns: list[str], data: list[list[str]]) -> tuple[int | None, str | None, list[str]]:
    """The first column whose cells are mostly dates (a few bad cells are the user's to see in the preview)."""
    for column in range(len(columns)):
        cells = _cells(data, column)
        if not cells:
            continue
        families = Counter(_date_family(c) for c in cells)
        iso_like = sum(1 for c in cells if _ISO_START.match(c))
        if families["iso"] >= families["pattern"] and families["iso"] and iso_like >= 0.8 * len(cells):
            # ISO dates with a few bad cells (an offset of +25:00): the import names those lines.
            return column, ISO_FORMAT, []
        family, count = families.most_common(1)[0]
        if family is None or count < 0.8 * len(cells):
            continue
        if family == "iso":
            return column, ISO_FORMAT, []
        found = _pattern_format([c for c in cells if _date_family(c) == "pattern"])
        if found is not None:
            return column, found[0], found[1]
    for column, name in enumerate(columns):
        cells = _cells(data, column)
        if cells and (_DATE_WORDS.search(name) or column == 0) and all(_is_excel_day(c) for c in cells):
            return column, EXCEL_FORMAT, []
    return None, None, []


def _is_excel_day(cell: str) -> bool:
    try:
        value = float(cell)
    except ValueError:
        return False
    return 367 <= value < 110_000  # 1901 to 2201


def _pattern_format(cells: list[str]) -> tuple[str | None, list[str]] | None:
    seps: set[str] = set()
    first_max = second_max = 0
    year_lengths: set[int] = set()
    year_first = False
    for cell in cells:
        found = _DMY.match(cell)
        if found is None:
            return None
        a, sep, b, c = found[1], found[2], found[3], found[4]
        seps.add(sep)
        if len(a) == 4:
            year_first = True
            year_lengths.add(4)
            continue
        if len(a) > 2:
            return None
        first_max = max(first_max, int(a))
        second_max = max(second_max, int(b))
        year_lengths.add(len(c))
    if len(seps) != 1 or len(year_lengths) != 1:
        return None
    sep = seps.pop()
    year = "%Y" if year_lengths.pop() == 4 else "%y"
    if year_first:
        return f"%Y{sep}%m{sep}%d", []
    day_first, month_first = f"%d{sep}%m{sep}{year}", f"%m{sep}%d{sep}{year}"
    if first_max > 12 and second_max > 12:
        return None
    if first_max > 12:
        return day_first, []
    if second_max > 12:
        return month_first, []
    if sep == ".":
        return day_first, []  # dd.mm.yyyy: dotted dates are day-first
    return None, [day_first, month_first]


def _find_time_column(columns: list[str], data: list[list[str]], date_column: int) -> int | None:
    date_cells = _cells(data, date_column)
    if any(re.search(r"\d:\d{2}", c[8:]) and not re.search(r"\b0?0:00(:00)?\s*$", c) for c in date_cells):
        return None  # the date column holds the time already
    for column in range(len(columns)):
        if column == date_column:
            continue
        cells = _cells(data, column)
        if cells and all(_TIME_CELL.fullmatch(c) for c in cells):
            return column
    for column, name in enumerate(columns):
        cells = _cells(data, column)
        if column != date_column and cells and _TIME_WORDS.search(name) and all(_is_day_fraction(c) for c in cells):
            return column
    return None


def _is_day_fraction(cell: str) -> bool:
    try:
        return 0 <= float(cell) < 1
    except ValueError:
        return False


def _numbers(data: list[list[str]], columns: list[int], delimiter: str, notes: list[str]) -> tuple[str, str]:
    comma = dot = 0
    thousands = ""
    only_three_comma = only_three_dot = 0
    for row in data:
        for column in columns:
            if column >= len(row):
                continue
            cell = row[column].strip()
            if not cell or not _NUMBERISH.fullmatch(cell):
                continue
            if re.search(r"\d\.\d{3},\d", cell) or re.fullmatch(r"[+-]?\d{1,3}(\.\d{3}){2,}(,\d*)?", cell):
                comma += 1
                thousands = "."
            elif re.search(r"\d,\d{3}\.\d", cell) or re.fullmatch(r"[+-]?\d{1,3}(,\d{3}){2,}(\.\d*)?", cell):
                dot += 1
                thousands = ","
            elif re.search(r",(\d{1,2}|\d{4,})$", cell):
                comma += 1
            elif re.search(r"\.(\d{1,2}|\d{4,})$", cell):
                dot += 1
            elif re.search(r"\d,\d{3}$", cell):
                only_three_comma += 1
            elif re.search(r"\d\.\d{3}$", cell):
                only_three_dot += 1
            if not thousands and re.search(r"\d[ \u00a0\u202f']\d{3}", cell):
                thousands = "'" if "'" in cell else " "
    if comma > dot:
        decimal = ","
    elif dot > comma:
        decimal = "."
    elif only_three_comma and not only_three_dot:
        decimal = ","
        notes.append(
            translate(
                "ImportDetect",
                "Numbers such as 1,234 were read with a decimal comma (change it if they are thousands).",
            )
        )
    else:
        decimal = "."
        if only_three_dot:
            notes.append(
                translate(
                    "ImportDetect",
                    "Numbers such as 1.234 were read with a decimal point (change it if they are thousands).",
                )
            )
    if thousands == decimal:
        thousands = ""
    if delimiter == decimal:
        decimal = "." if decimal == "," else decimal
    return decimal, thousands
