"""Workbook rows read with python-calamine: the same lines and text cells as openpyxl gives (the oracle), .ods too."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook

from homelog_desktop.services.importing.formats.spreadsheet import SheetRowStream, open_row_stream
from homelog_desktop.services.importing.model import ImportFileError
from homelog_desktop.services.importing.reader import RowStream, cell_text
from tests.xls_writer import write_xls


def openpyxl_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The oracle: every row of the first sheet as openpyxl reads it, cells as ``cell_text`` writes them."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = []
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            rows.append((number, cells))
        return rows
    finally:
        book.close()


def oracle_batches(path: Path, size: int, skip: int) -> list[tuple[list[int], list[list[str]], bool]]:
    """What ``batch(size, skip)`` must return, call after call, computed from the oracle's rows."""
    kept = [(line, cells) for line, cells in openpyxl_rows(path)[skip:] if any(cells)]
    out = []
    for first in range(0, len(kept), size):
        part = kept[first : first + size]
        out.append(([line for line, _c in part], [cells for _l, cells in part], False))
    if not out or len(out[-1][0]) == size:
        out.append(([], [], True))
    else:
        out[-1] = (out[-1][0], out[-1][1], True)
    return out


def write_xlsx(path: Path) -> Path:
    """A workbook shaped like a hand-kept meter log: a title, blank rows, a header at C3, mixed cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Readings"
    sheet["B1"] = "Meter log 2024"
    sheet["C3"], sheet["D3"], sheet["E3"], sheet["F3"] = "Date", "Electricity kWh", "Water m³", "Note"
    rows = [
        (datetime(2024, 1, 1), 12345.6, 123, "start"),
        (datetime(2024, 1, 8, 18, 30), 12401, 124.25, None),
        (date(2024, 1, 15), 12456.75, None, "estimated"),
        (None, None, None, None),
        (datetime(2024, 1, 22, 7, 5, 9), 1e20, 0.1 + 0.2, True),
        (time(13, 30), -4.5, 0, "=SUM(D4:D5)"),
    ]
    for offset, row in enumerate(rows):
        for column, value in zip("CDEF", row, strict=True):
            if value is not None:
                sheet[f"{column}{4 + offset}"] = value
    other = book.create_sheet("Gas")
    other.append(["Datum", "m³"])
    other.append([datetime(2024, 2, 1), 4321.123])
    book.save(path)
    return path


def ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, datetime):
        attrs = f'office:value-type="date" office:date-value="{value.isoformat()}"'
        return f"<table:table-cell {attrs}><text:p>{value}</text:p></table:table-cell>"
    if isinstance(value, int | float):
        attrs = f'office:value-type="float" office:value="{value!r}"'
        return f"<table:table-cell {attrs}><text:p>{value}</text:p></table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    """An OpenDocument spreadsheet written by hand (mimetype first and stored, manifest, content.xml)."""
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        if row
        else "<table:table-row><table:table-cell/></table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Meter">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_sheet_row_stream_gives_the_same_rows_as_openpyxl(tmp_path: Path) -> None:
    """Lines, leading blanks, dates, numbers, booleans and times come out exactly as openpyxl reads them."""
    path = write_xlsx(tmp_path / "log.xlsx")
    expected = openpyxl_rows(path)
    with SheetRowStream(path) as rows:
        got = list(rows)
    assert got == expected
    assert got[2] == (3, ["", "", "Date", "Electricity kWh", "Water m³", "Note"])
    assert got[3] == (4, ["", "", "2024-01-01", "12345.6", "123", "start"])
    assert got[4] == (5, ["", "", "2024-01-08 18:30:00", "12401", "124.25"])
    assert got[7][0] == 8 and got[7][1][2:] == ["2024-01-22 07:05:09", "1e+20", "0.3", "TRUE"]


def test_sheet_row_stream_reads_the_named_sheet(tmp_path: Path) -> None:
    """``sheet`` chooses the worksheet; sheet_names lists them all."""
    path = write_xlsx(tmp_path / "log.xlsx")
    with SheetRowStream(path, sheet="Gas") as rows:
        assert rows.sheet_names() == ["Readings", "Gas"]
        assert list(rows) == [(1, ["Datum", "m³"]), (2, ["2024-02-01", "4321.123"])]


def test_sheet_row_stream_refuses_a_missing_sheet_and_a_damaged_file(tmp_path: Path) -> None:
    """A sheet that is not there and a file that is no workbook are errors naming them."""
    path = write_xlsx(tmp_path / "log.xlsx")
    with SheetRowStream(path, sheet="Heat") as rows, pytest.raises(ImportFileError, match="no sheet named “Heat”"):
        list(rows)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(path.read_bytes()[:900])
    with pytest.raises(ImportFileError, match=r"damaged\.xlsx cannot be read"):
        SheetRowStream(damaged).__enter__()
    with pytest.raises(ImportFileError, match="cannot open"):
        SheetRowStream(tmp_path / "missing.xlsx").__enter__()


def test_sheet_row_stream_batches_like_row_stream(tmp_path: Path) -> None:
    """batch(size, skip) leaves out the lines up to the header and empty rows."""
    path = write_xlsx(tmp_path / "log.xlsx")

    def batches(stream: SheetRowStream) -> list[tuple[list[int], list[list[str]], bool]]:
        out = [stream.batch(2, 3)]
        while not out[-1][2]:
            out.append(stream.batch(2, 3))
        return out

    with SheetRowStream(path) as b:
        got = batches(b)
        assert got == oracle_batches(path, 2, 3)
        assert b.bytes_done == b.bytes_total
    assert [line for lines, _records, _done in got for line in lines] == [4, 5, 6, 8, 9]


def test_sheet_row_stream_reads_ods(tmp_path: Path) -> None:
    """An OpenDocument spreadsheet is read with the same text cells."""
    path = write_ods(
        tmp_path / "log.ods",
        [
            ["Date", "Gas m³", "Note"],
            [],
            [datetime(2024, 3, 1, 8, 0), 4321.5, "read by Ann"],
            [datetime(2024, 4, 1), 4400, None],
        ],
    )
    with SheetRowStream(path, "ods") as rows:
        assert rows.sheet_names() == ["Meter"]
        assert list(rows) == [
            (1, ["Date", "Gas m³", "Note"]),
            (2, []),
            (3, ["2024-03-01 08:00:00", "4321.5", "read by Ann"]),
            (4, ["2024-04-01", "4400"]),
        ]


def test_sheet_row_stream_reads_xls(tmp_path: Path) -> None:
    """An Excel 97–2003 .xls file is read with the same text cells: dates, date-times, numbers, text."""
    path = write_xls(
        tmp_path / "log.xls",
        "Readings",
        [
            ["Date", "Electricity kWh", "Note"],
            [("date", 45292), 12345.6, "start"],
            [("datetime", 45299 + 18.5 / 24), 12401, None],
            [],
            [("date", 45306), 0.25, "estimated"],
        ],
    )
    with SheetRowStream(path, "xls") as rows:
        assert rows.sheet_names() == ["Readings"]
        assert list(rows) == [
            (1, ["Date", "Electricity kWh", "Note"]),
            (2, ["2024-01-01", "12345.6", "start"]),
            (3, ["2024-01-08 18:30:00", "12401"]),
            (4, []),
            (5, ["2024-01-15", "0.25", "estimated"]),
        ]


def test_sheet_row_stream_writes_durations_as_hours(tmp_path: Path) -> None:
    """A duration cell ([h]:mm) is hours:minutes:seconds, past 24 hours too."""
    book = Workbook()
    book.active["A1"] = timedelta(hours=25, minutes=5)
    book.save(tmp_path / "d.xlsx")
    with SheetRowStream(tmp_path / "d.xlsx") as rows:
        assert list(rows) == [(1, ["25:05:00"])]


def test_open_row_stream_chooses_the_reader_by_kind(tmp_path: Path) -> None:
    """Workbook kinds get the calamine reader; CSV keeps the text reader."""
    assert isinstance(open_row_stream(tmp_path / "a.xlsx", "xlsx", "", ""), SheetRowStream)
    assert isinstance(open_row_stream(tmp_path / "a.ods", "ods", "", ""), SheetRowStream)
    assert isinstance(open_row_stream(tmp_path / "a.csv", "csv", "utf-8", ","), RowStream)


def test_sheet_row_stream_matches_row_stream_over_many_blocks(tmp_path: Path) -> None:
    """Over several conversion blocks, with gaps, text in number columns and booleans, batches match openpyxl."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    sheet.append(["Export of meter 42"])
    sheet.append([])
    sheet.append(["Start", "Import kWh", "Export kWh", "Note", "Checked"])
    start = datetime(2024, 3, 30, 23, 0)
    for i in range(SheetRowStream.BLOCK * 2 + 123):
        when = start + timedelta(minutes=15 * i)
        amount = None if i % 17 == 0 else ("n/a" if i % 29 == 0 else round(0.01 * (i % 50), 3))
        note = "estimated" if i % 250 == 0 else None
        checked = (i % 2 == 0) if i % 1000 == 0 else None
        sheet.append([when, amount, float(i % 7), note, checked] if i % 333 else [])
    book.save(tmp_path / "long.xlsx")

    def everything(stream: SheetRowStream) -> tuple[list[int], list[list[str]]]:
        lines: list[int] = []
        records: list[list[str]] = []
        done = False
        while not done:
            more_lines, more_records, done = stream.batch(1000, 3)
            lines += more_lines
            records += more_records
        return lines, records

    with SheetRowStream(tmp_path / "long.xlsx") as b:
        got = everything(b)
    kept = [(line, cells) for line, cells in openpyxl_rows(tmp_path / "long.xlsx")[3:] if any(cells)]
    assert got == ([line for line, _c in kept], [cells for _l, cells in kept])
    assert got[0][:2] == [5, 6]  # the row of i = 0 is empty
    assert got[1][0] == ["2024-03-30 23:15:00", "0.01", "1"]
    assert got[1][3] == ["2024-03-31", "0.04", "4"]  # midnight: a date cell, like openpyxl's
    assert got[1][16] == ["2024-03-31 03:15:00", "", "3"]  # i = 17: no amount
