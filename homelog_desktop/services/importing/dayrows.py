"""One row per day with 24, 48 or 96 columns of hour, half-hour or quarter-hour amounts.

Portals write a day per row: ``Datum;00:00;00:15;…;23:45`` (or ``01:00 … 24:00``, ``H1 … H24``,
``1 … 96``, or no header at all). Each such row becomes one record per column that holds an amount:
the row's cells, then the time of day its period starts (``HH:MM``: the k-th column's period starts
k steps after midnight, whether the headers label periods by their start or their end), then the
amount. An empty cell is a missing amount (no record), as anywhere else.

Periods: every record is labelled by its period's START and periods are ``step`` seconds long
(``ImportSettings.day_step``). With the period settings of ``ImportSettings`` (``time_is`` START,
``period_seconds`` = step, see ``detect.with_day_columns``) each amount is stored over its own
[start, start + step).

Known limit: the columns are times on the clock. On the day the clocks go forward, the missing
hour's columns must be empty (a value there is named as a time that does not exist); on the day
they go back, a file of fixed width has no columns for the repeated hour.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...i18n import translate
from .model import ImportFileError, ImportSettings
from .wrapped import WrappedStream

if TYPE_CHECKING:
    from .rows import RecordStream

#: Columns per day -> seconds per period.
STEPS = {24: 3600, 48: 1800, 96: 900}
#: A header naming an hour or a quarter of the day: 00:00, 0:15, 01:00-02:00, H1, Uur 1, 1, 96, 00u15.
_SLOT = re.compile(
    r"\s*(?:(?:h|hr|hour|uur|stunde|std|kwartier|q|qh|interval|periode?)\s*\.?\s*)?"
    r"(?:(\d{1,2})(?:[:.hu](\d{2}))?(?:\s*(?:-|–|to|bis|tot)\s*\d{1,2}(?:[:.hu]\d{2})?)?)\s*(?:h|uur|u)?\s*",
    re.I,
)


def find_day_columns(columns: list[str], numeric: list[int], named: bool) -> tuple[int, ...]:
    """The 24, 48 or 96 consecutive numeric columns of a day row, or () for another table.

    ``named``: the file has a header, whose cells over those columns must each name a time of day
    or a number (the k-th hour or quarter); without a header the count alone decides.
    """
    numbers = set(numeric)
    for count in sorted(STEPS, reverse=True):
        for first in range(0, len(columns) - count + 1):
            run = range(first, first + count)
            if not all(c in numbers for c in run):
                continue
            if named and not all(_SLOT.fullmatch(columns[c]) for c in run):
                continue
            return tuple(run)
    return ()


def slot_times(count: int) -> list[str]:
    """The start of each period of a day of ``count`` columns, as ``HH:MM``."""
    step = 86400 // count
    return [f"{k * step // 3600:02d}:{k * step // 60 % 60:02d}" for k in range(count)]


class DayExpander:
    """Turns a day row into a record per amount (see the module docstring)."""

    def __init__(self, day_columns: tuple[int, ...], base: int) -> None:
        self._columns = day_columns
        self._base = base
        self._times = slot_times(len(day_columns))

    def expanded(self, line: int, cells: list[str]) -> list[list[str]]:
        base = self._base
        head = cells[:base] if len(cells) >= base else cells + [""] * (base - len(cells))
        out = []
        for column, time in zip(self._columns, self._times, strict=True):
            cell = cells[column] if column < len(cells) else ""
            if cell.strip():
                out.append([*head, time, cell])
        if not out:
            # A day without any amount: kept as one record with no value, so it is listed as such.
            out.append([*head, "", ""])
        return out


class DayRowStream(WrappedStream):
    """A record stream of a day-row file, one record per amount: the same interface as the stream it wraps."""

    def __init__(self, inner: RecordStream, settings: ImportSettings) -> None:
        if len(settings.day_columns) not in STEPS:
            raise ImportFileError(translate("ImportConvert", "a day row needs 24, 48 or 96 columns of amounts"))
        self.inner = inner
        self._expander = DayExpander(tuple(settings.day_columns), settings.day_base)
        self._data_row = settings.data_row

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """Records before the data row (the header, lines above it) pass unchanged, one for one; data
        records are expanded."""
        for index, (line, cells) in enumerate(self.inner):
            if index < self._data_row or not any(cells):
                yield line, cells
                continue
            for record in self._expander.expanded(line, cells):
                yield line, record

    def batch(self, size: int, skip: int = 0) -> tuple[list[int], list[list[str]], bool]:
        lines, records, done = self.inner.batch(max(1, size // 24), skip)
        out_lines: list[int] = []
        out_records: list[list[str]] = []
        for line, cells in zip(lines, records, strict=True):
            for record in self._expander.expanded(line, cells):
                out_lines.append(line)
                out_records.append(record)
        return out_lines, out_records, done
