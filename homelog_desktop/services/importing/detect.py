"""Finding out how a file is written: encoding, delimiter, numbers, header row and dates."""

from __future__ import annotations

from pathlib import Path

from .model import Detected


def detect(path: Path) -> Detected:
    """Read the start of ``path`` and guess how to import it (sync: run it in a thread from the GUI).

    Raises ImportFileError for a file that cannot be read as a table.
    """
    raise NotImplementedError


def parse_date_format_option(text: str, detected: Detected) -> str:
    """A ``--date-format`` value (strptime pattern, "iso", "excel", "dmy", "mdy", "ymd") as a date_format."""
    raise NotImplementedError
