"""Writing a small Excel 97–2003 .xls file for tests (no writer for the old format is installed).

A BIFF8 Workbook stream (globals with the style and two date XF records, a shared string table and
one BOUNDSHEET; one worksheet of NUMBER and LABELSST cells) inside a Compound File v3 with 512-byte
sectors: FAT in sector 0, directory in sector 1, the stream from sector 2 (padded to 4096 bytes so
that it is a regular stream, not in the mini stream).
"""

from __future__ import annotations

import struct
from pathlib import Path

#: XF record index of a date cell and of a date-time cell in the workbook written here.
DATE_XF, DATETIME_XF, GENERAL_XF = 16, 17, 15
_END, _FREE, _FAT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _xf(number_format: int) -> bytes:
    style = 0xFFF5 if number_format == 0 else 0x0001
    return _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, number_format, style, 0x20, 0, 0, 0, 0, 0, 0x20C0))


def biff8_workbook(sheet_name: str, rows: list[list[object]]) -> bytes:
    """The Workbook stream. Cells: str, a number, ("date" | "datetime", Excel day number) or None."""
    strings: list[str] = []
    for row in rows:
        for value in row:
            if isinstance(value, str) and value not in strings:
                strings.append(value)
    table = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings
    )

    def workbook_globals(sheet_offset: int) -> bytes:
        return (
            _bof(0x0005)
            + _record(0x0042, struct.pack("<H", 1200))  # code page: UTF-16
            + b"".join(_xf(0) for _ in range(16))  # 15 style XFs and the default cell XF
            + _xf(14)  # DATE_XF: m/d/yy
            + _xf(22)  # DATETIME_XF: m/d/yy h:mm
            + _record(
                0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, len(sheet_name), 1) + sheet_name.encode("utf-16-le")
            )
            + _record(0x00FC, table)
            + _record(0x000A, b"")
        )

    width = max((len(row) for row in rows), default=0)
    sheet = _bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet += _record(0x00FD, struct.pack("<HHHI", r, c, GENERAL_XF, strings.index(value)))
            elif isinstance(value, tuple):
                xf = DATE_XF if value[0] == "date" else DATETIME_XF
                sheet += _record(0x0203, struct.pack("<HHHd", r, c, xf, float(value[1])))
            else:
                sheet += _record(0x0203, struct.pack("<HHHd", r, c, GENERAL_XF, float(value)))  # type: ignore[arg-type]
    sheet += _record(0x000A, b"")
    return workbook_globals(len(workbook_globals(0))) + sheet


def compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """A Compound File holding one stream called ``name`` (up to 63 KiB)."""
    if len(stream) < 4096:
        stream += b"\0" * (4096 - len(stream))
    sectors = -(-len(stream) // 512)
    if sectors + 2 > 128:
        raise ValueError("the stream is too long for one FAT sector")
    fat = [_FAT, _END, *range(3, 2 + sectors), _END]
    fat += [_FREE] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )

    def entry(label: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (label + "\0").encode("utf-16-le") if label else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _FREE, _FREE, child)
            + b"\0" * 16
            + struct.pack("<I", 0)
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = (
        entry("Root Entry", 5, 1, _END, 0) + entry(name, 2, _FREE, 2, len(stream)) + entry("", 0, _FREE, 0, 0) * 2
    )
    return header + struct.pack("<128I", *fat) + directory + stream.ljust(sectors * 512, b"\0")


def write_xls(path: Path, sheet_name: str, rows: list[list[object]]) -> Path:
    """Write ``rows`` as the one sheet of an .xls file at ``path``."""
    path.write_bytes(compound_file(biff8_workbook(sheet_name, rows)))
    return path
