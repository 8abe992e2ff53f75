"""The records of a plan's file: opening its stream and skipping to the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .formats.spreadsheet import SheetRowStream, open_row_stream
from .model import ImportPlan
from .reader import RowStream

if TYPE_CHECKING:
    from .blocks import BlockStream
    from .dayrows import DayRowStream
    from .registers import RegisterStream

#: A stream of a file's records: CSV text, a workbook's sheet, a long file widened, or a file of day rows
#: expanded (the same interface).
RecordStream = Union[RowStream, SheetRowStream, "RegisterStream", "DayRowStream", "BlockStream"]


def data_records(stream: RecordStream, data_row: int) -> Iterator[tuple[int, list[str]]]:
    """The records from ``data_row`` on (0-based record index), blank lines left out."""
    for index, (line, cells) in enumerate(stream):
        if index < data_row or not any(cells):
            continue
        yield line, cells


def open_stream(plan: ImportPlan) -> RecordStream:
    """The plan's records; a long file's widened with a column per register (``registers.RegisterStream``)."""
    settings = plan.settings
    stream = open_row_stream(Path(plan.path), plan.kind, settings.encoding, settings.delimiter, settings.sheet)
    if settings.register_column is not None:
        from .registers import RegisterStream

        return RegisterStream(stream, settings)
    if settings.day_columns:
        from .dayrows import DayRowStream

        return DayRowStream(stream, settings)
    if settings.blocks:
        from .blocks import BlockStream

        return BlockStream(stream, settings)
    return stream
