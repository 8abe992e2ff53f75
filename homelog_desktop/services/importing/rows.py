"""A plan's rows: each record of the file to (timestamp, values, note), or the problems of its cells."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .convert import CellError, TimestampParser, ValueParser, timestamp_parser, value_parser
from .model import ImportFileError, ImportPlan, TargetRole
from .reader import RowStream


@dataclass(slots=True)
class Row:
    """One data record: ``values`` holds (column, value) of the non-empty mapped cells."""

    line: int
    cells: list[str]
    ts: int | None = None
    values: list[tuple[int, float]] = field(default_factory=list)
    decimals: list[int] = field(default_factory=list)
    note: str = ""
    #: column index -> message; the date column for timestamp problems.
    problems: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


class RowConverter:
    """Converts records by a plan's settings and mapping (built once, used for a million rows)."""

    def __init__(self, plan: ImportPlan) -> None:
        settings = plan.settings
        self.plan = plan
        if settings.date_column is None:
            raise ImportFileError("choose the column that holds the date")
        self.date_column = settings.date_column
        self.time_column = settings.time_column
        try:
            self.timestamp: TimestampParser = timestamp_parser(settings.date_format, settings.timezone)
        except CellError as exc:
            raise ImportFileError(str(exc)) from None
        self.value_columns: list[tuple[int, ValueParser]] = []
        self.note_column: int | None = None
        for column, target in sorted(plan.mapping.items()):
            if column in (self.date_column, self.time_column):
                continue
            if target.role is TargetRole.METRIC and target.metric is not None:
                parser = value_parser(target.metric, settings.decimal, settings.thousands, grow=target.is_new_metric)
                self.value_columns.append((column, parser))
            elif target.role is TargetRole.NOTE and self.note_column is None:
                self.note_column = column
        if not self.value_columns:
            raise ImportFileError("no column is mapped to a metric: choose at least one")

    def convert(self, line: int, cells: list[str]) -> Row:
        row = Row(line, cells)
        width = len(cells)
        date_text = cells[self.date_column] if self.date_column < width else ""
        time_text = None
        if self.time_column is not None:
            time_text = cells[self.time_column] if self.time_column < width else ""
        try:
            row.ts = self.timestamp(date_text, time_text)
        except CellError as exc:
            column = self.date_column
            if time_text and "time of day" in str(exc):
                column = self.time_column if self.time_column is not None else column
            row.problems[column] = str(exc)
        values = row.values
        decimals = row.decimals
        for column, parse in self.value_columns:
            if column >= width:
                continue
            try:
                parsed = parse(cells[column])
            except CellError as exc:
                row.problems[column] = str(exc)
                continue
            if parsed is not None:
                values.append((column, parsed[0]))
                decimals.append(parsed[1])
        if self.note_column is not None and self.note_column < width:
            row.note = cells[self.note_column].strip()
        return row


def is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def data_records(stream: RowStream, data_row: int) -> Iterator[tuple[int, list[str]]]:
    """The records from ``data_row`` on (0-based record index), blank lines left out."""
    for index, (line, cells) in enumerate(stream):
        if index < data_row or is_blank(cells):
            continue
        yield line, cells


def open_stream(plan: ImportPlan) -> RowStream:
    settings = plan.settings
    return RowStream(Path(plan.path), plan.kind, settings.encoding, settings.delimiter, settings.sheet)
