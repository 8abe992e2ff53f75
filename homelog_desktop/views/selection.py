"""The source last selected in each data file, remembered across runs (QSettings)."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QSettings


def selection_key(location: str) -> str:
    """Settings key of the selection in the data at ``location`` (stable across runs and machines)."""
    return f"selection/{zlib.crc32(location.encode('utf-8')):08x}"


def remembered_source(location: str) -> int | None:
    """The id of the source last selected in the data at ``location``, if any."""
    value = QSettings().value(selection_key(location))
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def remember_source(location: str, source_id: int) -> None:
    QSettings().setValue(selection_key(location), source_id)
