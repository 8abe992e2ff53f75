"""Several blocks in one file: an electricity block, then a gas block, each with its own header.

Suppliers put every energy of an account in one download: a title (``Gas``), a header, its rows,
a blank line or a banner, then the next block. The first block is read as any table; ``find_blocks``
looks through the whole file for each later header followed by rows of dates, reads that block's
header like the first one's, and gives its value columns columns of their own after the file's
width. At import, ``BlockStream`` places a later block's date (and time) where the first block has
them and its values in its own columns; the blocks' headers and their titles are part of the layout
and left out; every other line among the rows (a total, a banner) is read, and named if it is no
reading. Rows of one time from different blocks merge into one reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...i18n import translate
from .model import ImportFileError, ImportSettings
from .wrapped import WrappedStream

if TYPE_CHECKING:
    from .rows import RecordStream

#: Largest file searched for later blocks (a supplier's statement of several blocks is far smaller; a
#: ten-year export of 35 MB is one table, and searching it would only slow its detection down).
MAX_BLOCKS_FILE = 24 * 1024 * 1024
#: Most blocks read from one file.
MAX_BLOCKS = 20
#: Rows of a later block read to find out how it is written.
BLOCK_SAMPLE = 60


@dataclass(frozen=True, slots=True)
class Block:
    """A later block of a file: where it starts and how its rows map onto the first block's layout."""

    #: 1-based line of the block's header.
    header_line: int
    #: Lines that are the block's layout, not data: its header and the title lines just above it.
    layout_lines: tuple[int, ...]
    date_column: int
    time_column: int | None
    #: The block's value columns (in its own rows) and the columns they become (after the file's width).
    value_columns: tuple[int, ...]
    targets: tuple[int, ...]
    #: The block's title (``Gas``), "" when it has none.
    title: str = ""


def find_blocks(
    records: Iterator[tuple[int, list[str]]],
    first_data_line: int,
    is_data: Callable[[list[str]], bool],
    is_header: Callable[[list[str]], bool],
) -> list[tuple[int, list[int], str, list[list[str]]]]:
    """The later blocks of a file: (header line, layout lines, title, [header, rows...]) for each header
    after the first block's data that is followed by rows of dates. ``records`` is the whole file."""
    found: list[tuple[int, list[int], str, list[list[str]]]] = []
    recent: list[tuple[int, list[str]]] = []  # non-data lines since the last data row
    current: list[list[str]] | None = None
    seen_data = False
    for line, cells in records:
        if line < first_data_line or not any(c.strip() for c in cells):
            continue
        data = is_data(cells)
        if data and recent and seen_data and len(found) < MAX_BLOCKS:
            header_line, header = recent[-1]
            if is_header(header):
                # The block's title: one line of one cell right above its header (a banner further up is
                # read, and named as no reading).
                titles = [
                    (n, c) for n, c in recent[-2:-1] if len([x for x in c if x.strip()]) == 1 and n == header_line - 1
                ]
                title = next((x.strip() for _n, c in titles[-1:] for x in c if x.strip()), "")
                current = [header]
                found.append((header_line, [header_line, *(n for n, _c in titles)], title, current))
        if current is not None and len(current) <= BLOCK_SAMPLE:
            current.append(cells)
        if data:
            recent = []
            seen_data = True
        else:
            recent.append((line, cells))
    return found


#: Lines that start with something else than a digit (after blanks and quotes): headers, titles, totals.
_WORD_LINE = re.compile(rb"\n[ \t\"']*(?=[^\d\s\"'])")
#: More such lines than this: no file of blocks (a table whose dates are not in its first column, or with
#: a note per row); the search stops.
MAX_WORD_LINES = 5000


def find_blocks_in_text(
    path: Path, encoding: str, delimiter: str, first_data_line: int, is_header: Callable[[list[str]], bool]
) -> list[tuple[int, list[int], str, list[list[str]]]] | None:
    """``find_blocks`` for a CSV file without parsing every row: only the lines that start with a word are
    looked at (a row of readings starts with its date), and the rows after a later header are read to
    find out how its block is written. None when the file cannot be searched so (UTF-16, or too many such
    lines): the caller then reads every row."""
    if encoding.startswith("utf-16"):
        return None
    data = path.read_bytes()
    words: list[tuple[int, int]] = []  # (1-based line, byte offset of its start)
    line, last = 1, 0
    for found in _WORD_LINE.finditer(data):
        start = found.start() + 1
        line += data.count(b"\n", last, start)
        last = start
        if line > first_data_line:
            words.append((line, start))
            if len(words) > MAX_WORD_LINES:
                return None
    found_blocks: list[tuple[int, list[int], str, list[list[str]]]] = []
    previous: tuple[int, int] | None = None
    for line, start in words:
        end = data.find(b"\n", start)
        after = data[end + 1 : end + 200] if end >= 0 else b""
        next_is_data = bool(re.match(rb"[ \t\"']*\d", after))
        if next_is_data and len(found_blocks) < MAX_BLOCKS:
            rows = _csv_lines(data, start, encoding, delimiter, BLOCK_SAMPLE + 1)
            if rows and is_header(rows[0]):
                layout = [line]
                title = ""
                if previous is not None and previous[0] == line - 1:
                    above = _csv_lines(data, previous[1], encoding, delimiter, 1)
                    texts = [c.strip() for c in above[0] if c.strip()] if above else []
                    if len(texts) == 1:
                        title = texts[0]
                        layout.append(line - 1)
                found_blocks.append((line, layout, title, rows))
        previous = (line, start)
    return found_blocks


def _csv_lines(data: bytes, start: int, encoding: str, delimiter: str, count: int) -> list[list[str]]:
    import csv
    import io

    end = start
    for _ in range(count):
        end = data.find(b"\n", end) + 1
        if end <= 0:
            end = len(data)
            break
    text = data[start:end].decode(encoding, errors="replace")
    return [cells for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or ",") if any(cells)]


class BlockStream(WrappedStream):
    """A record stream whose later blocks' rows are mapped onto the first block's layout (see the module
    docstring): the same interface as the stream it wraps."""

    def __init__(self, inner: RecordStream, settings: ImportSettings) -> None:
        if settings.date_column is None:
            raise ImportFileError(translate("ImportConvert", "choose the column that holds the date"))
        self.inner = inner
        self._blocks = sorted(settings.blocks, key=lambda b: b.header_line)
        self._layout = {line for block in self._blocks for line in block.layout_lines}
        self._date = settings.date_column
        self._time = settings.time_column
        self._width = settings.block_base
        self._extra = max((t for b in self._blocks for t in b.targets), default=self._width - 1) + 1 - self._width

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        for line, cells in self.inner:
            if line in self._layout:
                yield line, []  # a block's header or title: a blank line for the reader
                continue
            yield line, self._mapped(line, cells)

    def batch(self, size: int, skip: int = 0) -> tuple[list[int], list[list[str]], bool]:
        lines, records, done = self.inner.batch(size, skip)
        out_lines: list[int] = []
        out_records: list[list[str]] = []
        for line, cells in zip(lines, records, strict=True):
            if line in self._layout:
                continue
            out_lines.append(line)
            out_records.append(self._mapped(line, cells))
        return out_lines, out_records, done

    def _mapped(self, line: int, cells: list[str]) -> list[str]:
        width = self._width
        block = None
        for candidate in self._blocks:
            if candidate.header_line < line:
                block = candidate
            else:
                break
        if block is None:
            record = cells[:width] if len(cells) >= width else cells + [""] * (width - len(cells))
            return record + [""] * self._extra
        record = [""] * (width + self._extra)

        def cell(column: int | None) -> str:
            return cells[column] if column is not None and column < len(cells) else ""

        date = cell(block.date_column)
        if self._time is not None:
            record[self._time] = cell(block.time_column)
        elif block.time_column is not None and cell(block.time_column).strip():
            date = f"{date.strip()} {cell(block.time_column).strip()}"
        record[self._date] = date
        for source, target in zip(block.value_columns, block.targets, strict=True):
            record[target] = cell(source)
        return record
