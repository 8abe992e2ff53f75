"""What the readings table asks for: a filter and a sort order (plain values, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ReadingFilter:
    """What the readings table is narrowed to: note text and/or a time range (UTC, end exclusive)."""

    text: str = ""
    start: datetime | None = None
    end: datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text and self.start is None and self.end is None


@dataclass(frozen=True, slots=True)
class ReadingOrder:
    """Sort order of the readings table: by "timestamp", "note", "entered_by" or "metric" (``metric_id``)."""

    key: str = "timestamp"
    descending: bool = False
    metric_id: int | None = None
