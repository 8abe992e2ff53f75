"""The records of a plan's file: opening its stream and skipping to the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .formats.spreadsheet import SheetRowStream, open_row_stream
from .model import ImportPlan
from .reader import RowStream

#: A stream of a file's records: CSV text or a workbook's sheet (the same interface).
RecordStream = RowStream | SheetRowStream


def data_records(stream: RecordStream, data_row: int) -> Iterator[tuple[int, list[str]]]:
    """The records from ``data_row`` on (0-based record index), blank lines left out."""
    for index, (line, cells) in enumerate(stream):
        if index < data_row or not any(cells):
            continue
        yield line, cells


def open_stream(plan: ImportPlan) -> RecordStream:
    settings = plan.settings
    return open_row_stream(Path(plan.path), plan.kind, settings.encoding, settings.delimiter, settings.sheet)
