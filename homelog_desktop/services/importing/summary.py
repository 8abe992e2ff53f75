"""The summary of an import as text the user can save."""

from __future__ import annotations

from .model import ImportSummary


def summary_text(summary: ImportSummary) -> str:
    raise NotImplementedError
