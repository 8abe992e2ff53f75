"""Importing readings from CSV and .xlsx files: one service for the wizard and ``homelog import``.

Typical use (``detect`` and ``preview`` are synchronous: run them in a thread from the GUI)::

    detected = detect(path)                          # encoding, delimiter, header, dates, numbers
    mapping = suggest_mapping(detected, source)      # source: a stored Source, or None for a new one
    plan = ImportPlan(path, detected.settings, source_or_new, mapping, kind=detected.kind)
    rows = preview(plan)                             # the first rows as they will be stored
    summary = await run_import(db, plan, progress, cancel)   # one transaction, all or nothing

``run_import`` raises ``ImportFileError`` (the first invalid row, unless ``skip_invalid``) or
``ImportCancelledError``; either way the database is exactly as it was.
"""

from __future__ import annotations

from .detect import detect, parse_date_format_option
from .mapping import new_source_for, suggest_mapping
from .model import (
    EXCEL_FORMAT,
    ISO_FORMAT,
    MAX_LISTED,
    CancelToken,
    ColumnTarget,
    Detected,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportPlan,
    ImportProgress,
    ImportSettings,
    ImportSummary,
    PeriodLabel,
    PreviewRow,
    RowProblem,
    RowStatus,
    TargetRole,
)
from .preview import preview
from .profiles import Profile, load_profile, save_profile
from .run import run_import

__all__ = [
    "EXCEL_FORMAT",
    "ISO_FORMAT",
    "MAX_LISTED",
    "CancelToken",
    "ColumnTarget",
    "Detected",
    "DuplicatePolicy",
    "ImportCancelledError",
    "ImportFileError",
    "ImportPlan",
    "ImportProgress",
    "ImportSettings",
    "ImportSummary",
    "PeriodLabel",
    "PreviewRow",
    "Profile",
    "RowProblem",
    "RowStatus",
    "TargetRole",
    "detect",
    "load_profile",
    "new_source_for",
    "parse_date_format_option",
    "preview",
    "run_import",
    "save_profile",
    "suggest_mapping",
]
