"""The records of a plan's file: opening its stream and skipping to the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .model import ImportPlan
from .reader import RowStream


def data_records(stream: RowStream, data_row: int) -> Iterator[tuple[int, list[str]]]:
    """The records from ``data_row`` on (0-based record index), blank lines left out."""
    for index, (line, cells) in enumerate(stream):
        if index < data_row or not any(cells):
            continue
        yield line, cells


def open_stream(plan: ImportPlan) -> RowStream:
    settings = plan.settings
    return RowStream(Path(plan.path), plan.kind, settings.encoding, settings.delimiter, settings.sheet)
