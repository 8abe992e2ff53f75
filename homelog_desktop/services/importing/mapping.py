"""Columns to metrics: by name for a stored source, or new metrics from the numeric columns."""

from __future__ import annotations

from ...domain.entities import Source
from .model import ColumnTarget, Detected


def suggest_mapping(detected: Detected, source: Source | None) -> dict[int, ColumnTarget]:
    """Map each column to a metric of ``source`` by name (case-insensitive, "(unit)" ignored), a note
    column to the note; with ``source`` None, every numeric column to a new counter metric."""
    raise NotImplementedError


def new_source_for(name: str, detected: Detected) -> tuple[Source, dict[int, ColumnTarget]]:
    """A new source (not stored) named ``name`` with the mapping ``suggest_mapping(detected, None)``."""
    raise NotImplementedError
