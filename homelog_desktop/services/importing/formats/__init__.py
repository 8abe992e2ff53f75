"""Standard meter-data formats recognised without options, read into one neutral, typed result.

``detect_format(first_bytes, filename)`` names the format (or None for an ordinary table);
``parse_file(path)`` / ``parse_bytes(data, filename)`` read every register of the file into
``ParsedFile``: series with a register name, a unit from the vocabulary of real units, a kind
(counter, interval, gauge) and values with their period or instant and estimated flag, plus every
skipped row and cell with its line and reason. ``spreadsheet.SheetRowStream`` reads .xlsx, .xls and
.ods rows with python-calamine.
"""

from __future__ import annotations

from pathlib import Path

from ....i18n import translate
from ..model import cannot_open
from .detection import HEAD_BYTES, detect_format
from .espi import parse_espi
from .model import MAX_BYTES, EpochColumns, FormatError, FormatId, ParsedFile, Series, Skipped, Value, Values
from .nem import parse_nem
from .tables import parse_dsmr_reader, parse_home_assistant
from .text import decode
from .units import normalise_unit, unit_of

__all__ = [
    "HEAD_BYTES",
    "EpochColumns",
    "FormatError",
    "FormatId",
    "ParsedFile",
    "Series",
    "Skipped",
    "Value",
    "Values",
    "detect_format",
    "normalise_unit",
    "parse_bytes",
    "parse_file",
    "unit_of",
]


def parse_file(path: Path | str) -> ParsedFile:
    """Recognise and read a standard-format file (sync: run it in an executor from the GUI).

    Raises FormatError when the file is in none of the formats, or says it is one but cannot be read.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FormatError(
                translate("ImportFormats", "{name} is larger than {size} MiB").format(
                    name=path.name, size=MAX_BYTES // 2**20
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(cannot_open(path, exc)) from None
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, filename: str) -> ParsedFile:
    """Recognise and read a standard-format file's content (see ``parse_file``)."""
    found = detect_format(data[:HEAD_BYTES], filename)
    if found is None:
        raise FormatError(
            translate(
                "ImportFormats",
                "{filename} is not in a standard format (NEM12/13, Green Button, Home Assistant, DSMR-reader)",
            ).format(filename=filename)
        )
    if found is FormatId.GREEN_BUTTON:
        return parse_espi(data, filename)
    if data.startswith(b"PK\x03\x04"):
        data, filename = _single_member(data, filename)
    text = decode(data, filename)
    if found in (FormatId.NEM12, FormatId.NEM13):
        return parse_nem(text, filename)
    if found is FormatId.HOME_ASSISTANT:
        return parse_home_assistant(text, filename)
    return parse_dsmr_reader(text, filename)


def _single_member(data: bytes, filename: str) -> tuple[bytes, str]:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise FormatError(
                    translate("ImportFormats", "{filename} holds {count} files; one data file was expected").format(
                        filename=filename, count=len(members)
                    )
                )
            if members[0].file_size > MAX_BYTES:
                raise FormatError(
                    translate("ImportFormats", "{filename}: {member} is larger than {size} MiB").format(
                        filename=filename, member=members[0].filename, size=MAX_BYTES // 2**20
                    )
                )
            return archive.read(members[0]), f"{filename}/{members[0].filename}"
    except zipfile.BadZipFile as exc:
        raise FormatError(
            translate("ImportFormats", "{filename} is a damaged .zip archive ({exc})").format(
                filename=filename, exc=exc
            )
        ) from None
