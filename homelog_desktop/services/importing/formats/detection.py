"""Recognising a standard format from the first bytes of a file and its name, without options."""

from __future__ import annotations

import csv
import io
import re
import struct
import zlib

from .model import FormatId
from .tables import DSMR_AMOUNTS, DSMR_TIME_COLUMNS, HA_ID_COLUMNS, HA_VALUE_COLUMNS, header_names
from .text import head_text, header_delimiter
from .units import unit_of

#: How much of a file ``detect_format`` needs to see.
HEAD_BYTES = 64 * 1024
_ESPI_NAMESPACE = b"naesb.org/espi"
_NMI = re.compile(r"^[A-Z0-9]{10}$")
_DATE = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


def detect_format(first_bytes: bytes, filename: str) -> FormatId | None:
    """The standard format a file is in, from its first bytes (``HEAD_BYTES`` is plenty), or None.

    Only what the format's own markers say counts: NEM12/NEM13's ``100,NEM12`` header (or a
    200/250 first record followed by 300 records), the ESPI namespace in an Atom feed, Home Assistant's
    ``statistic_id``/``entity_id`` + ``start`` + ``state``/``sum``/``mean`` header, DSMR-reader's
    ``day``/``hour_start`` + ``electricity1`` + ``electricity2`` header. A .zip is looked into: the
    first member's start is decompressed and recognised in turn (a zipped NEM12 file or ESPI feed);
    spreadsheets (.xlsx, .ods) are not standard formats. An ordinary CSV returns None.
    """
    if first_bytes.startswith(b"PK\x03\x04"):
        member = _first_zip_member(first_bytes)
        if member is None:
            return None
        inner_name, inner = member
        return detect_format(inner, inner_name) if inner else None
    text = head_text(first_bytes).lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("<"):
        head = first_bytes[:HEAD_BYTES]
        if _ESPI_NAMESPACE in head and (b"<feed" in head or b":feed" in head or b"<entry" in head):
            return FormatId.GREEN_BUTTON
        return None
    lines = [line for line in stripped.splitlines() if line.strip()][:3]
    if not lines:
        return None
    nem = _nem(lines)
    if nem is not None:
        return nem
    return _header_format(lines[0])


def _nem(lines: list[str]) -> FormatId | None:
    fields = [line.split(",") for line in lines]
    first = [f.strip().strip('"').upper() for f in fields[0]]
    if first[0] == "100" and len(first) > 1 and first[1] in ("NEM12", "NEM13"):
        return FormatId(first[1].lower())
    if len(fields) < 2:
        return None
    second = [f.strip() for f in fields[1]]
    if first[0] == "200" and len(first) >= 9 and _NMI.match(first[1]) and unit_of(first[7]) is not None:
        if first[8] in ("5", "15", "30") and second[0] == "300" and len(second) > 1 and _DATE.match(second[1]):
            return FormatId.NEM12
    if first[0] == "250" and len(first) >= 20 and _NMI.match(first[1]) and unit_of(first[19]) is not None:
        return FormatId.NEM13
    return None


def _header_format(line: str) -> FormatId | None:
    try:
        cells = next(csv.reader(io.StringIO(line), delimiter=header_delimiter(line)))
    except (StopIteration, csv.Error):
        return None
    names = set(header_names(cells))
    if (
        any(c in names for c in HA_ID_COLUMNS)
        and ("start" in names or "start_ts" in names)
        and any(c in names for c in HA_VALUE_COLUMNS)
    ):
        return FormatId.HOME_ASSISTANT
    if any(c in names for c in DSMR_TIME_COLUMNS) and sum(c in names for c in DSMR_AMOUNTS) >= 2:
        if "electricity1" in names and "electricity2" in names:
            return FormatId.DSMR_READER
    return None


def _first_zip_member(data: bytes) -> tuple[str, bytes] | None:
    """The name and the (partly) decompressed start of a zip's first member, from its local header."""
    if len(data) < 30:
        return None
    _sig, _version, flags, method, _t, _d, _crc, _csize, _usize, name_len, extra_len = struct.unpack(
        "<IHHHHHIIIHH", data[:30]
    )
    name = data[30 : 30 + name_len].decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
    body = data[30 + name_len + extra_len :]
    if name.lower().endswith((".xlsx", ".ods")) or name in ("mimetype", "[Content_Types].xml") or name.endswith("/"):
        return None
    if flags & 0x1:  # encrypted
        return None
    if method == 0:
        return name, body[:HEAD_BYTES]
    if method == 8:
        try:
            return name, zlib.decompressobj(-15).decompress(body, HEAD_BYTES)
        except zlib.error:
            return None
    return None
