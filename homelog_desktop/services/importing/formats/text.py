"""Shared helpers of the text formats: decoding the bytes, the delimiter of the first line, times."""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime, timedelta, timezone

from ....i18n import translate
from .model import FormatError

#: What "no value" looks like in the cells of standard-format exports.
EMPTY_CELLS = frozenset({"", "nan", "none", "null", "-", "n/a", "na", "unavailable", "unknown"})


def decode(data: bytes, name: str) -> str:
    """The text of a file: UTF-8 (with or without BOM) or UTF-16 with a BOM; Latin-1 as the last resort."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError(
            translate("ImportFormats", "{name} is not valid {encoding} text (byte {start})").format(
                name=name, encoding=encoding, start=exc.start
            )
        ) from None


def head_text(first_bytes: bytes) -> str:
    """The start of a file as text, tolerating a multi-byte character cut at the end."""
    if first_bytes.startswith(codecs.BOM_UTF8):
        return first_bytes[3:].decode("utf-8", errors="ignore")
    if first_bytes.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return first_bytes[: len(first_bytes) // 2 * 2].decode("utf-16", errors="ignore")
    return first_bytes.decode("utf-8", errors="ignore")


def header_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of tab, semicolon and comma (comma if none)."""
    counts = {d: line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.I
)
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_time(text: str) -> datetime:
    """An ISO 8601 date or date-time (``2024-01-15 10:00:00+01:00``, ``…T09:00:00Z``) or ``15.01.2024 10:00``.

    Aware when the text has an offset or ``Z``, naive otherwise. Raises ValueError with a clear message.
    """
    value = text.strip()
    match = _ISO.match(value)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        tz = None
        if zone:
            if zone.upper() == "Z":
                tz = UTC
            else:
                sign = -1 if zone[0] == "-" else 1
                digits = zone[1:].replace(":", "")
                tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=tz)
    match = _DMY.match(value)
    if match:
        day, month, year, hour, minute, second = match.groups()
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    raise ValueError(
        translate(
            "ImportFormats", "“{value}” is not a date and time (expected ISO 8601 such as 2024-01-15 10:00)"
        ).format(value=value)
    )


def parse_number(text: str) -> float | None:
    """A number cell: None for an empty or "no value" cell; ValueError for anything else that is not a number.

    Accepts a decimal point or (when there is no point) a decimal comma; refuses NaN and infinities.
    """
    value = text.strip()
    if value.lower() in EMPTY_CELLS:
        return None
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(translate("ImportFormats", "“{text}” is not a finite number").format(text=text.strip()))
    return number
