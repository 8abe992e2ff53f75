"""``homelog import`` says what is really wrong with a hostile or odd file, in one safe line, quickly."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.processes import homelog as run_homelog
from tests.processes import homelog_command, homelog_env

#: Runs a command and writes its peak memory (ru_maxrss, KiB) to the file named first.
_MEASURED = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(done.returncode)\n"
)


def homelog(tmp_path: Path, *args: str):
    return run_homelog(tmp_path, "import", *args, "--data-dir", str(tmp_path / "data"), TZ="UTC")


def error_line(done) -> str:
    """The one line of stderr, checked to be a plain error (no traceback, no raw control character)."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in lines[0]), repr(lines[0])
    return lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_cli_import_huge_note_is_named_not_no_rows(tmp_path):
    """A 1 MB note on line 2 is named as a cell too long, not "no rows with a date and values"."""
    csv = write(tmp_path / "in.csv", 'Date,Day,Note\n2024-01-01,1,"' + "x" * 1_000_000 + '"\n2024-01-02,2,ok\n')
    line = error_line(homelog(tmp_path, str(csv), "--source", "M", "--create"))
    assert "line 2 is longer than 256 KiB" in line and "no rows" not in line


def test_cli_import_note_over_the_cell_limit_is_named(tmp_path):
    """A 200 KB quoted note within the sample is named with its line, not "no columns found"."""
    csv = write(
        tmp_path / "in.csv", 'Date,Day,Note\n2024-01-01,1,ok\n2024-01-02,2,"' + "x" * 200_000 + '"\n2024-01-03,3,ok\n'
    )
    line = error_line(homelog(tmp_path, str(csv), "--source", "M", "--create"))
    assert "line 3" in line and "longer than 128 KiB" in line


def test_cli_import_100000_columns_says_too_many_columns(tmp_path):
    """A header of 100,000 columns is refused as too many columns, not "no columns found"."""
    csv = write(
        tmp_path / "in.csv",
        ",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" for _ in range(100_000)) + "\n",
    )
    line = error_line(homelog(tmp_path, str(csv), "--source", "M", "--create"))
    assert "columns" in line and "at most 1,000 columns" in line and "no columns found" not in line


def test_cli_import_one_bad_offset_names_its_line(tmp_path):
    """One ISO time with an impossible offset is named by its line, not "no column of dates"."""
    csv = write(
        tmp_path / "in.csv",
        "Time,Day\n2024-01-01T00:00:00+01:00,1\n2024-01-02T00:00:00+25:00,2\n2024-01-03T00:00:00+01:00,3\n",
    )
    line = error_line(homelog(tmp_path, str(csv), "--source", "M", "--create"))
    assert "line 3" in line and "2024-01-02T00:00:00+25:00" in line and "no column of dates" not in line


@pytest.mark.parametrize(
    "text, column",
    [
        ("Date,Time,Day\n2016-12-31,23:59:59,1\n2016-12-31,23:59:60,2\n2017-01-01,00:00:01,3\n", "Time"),
        ("Time,Day\n2016-12-31T23:59:59Z,1\n2016-12-31T23:59:60Z,2\n2017-01-01T00:00:01Z,3\n", "Time"),
    ],
)
def test_cli_import_leap_second_is_named_as_one(tmp_path, text, column):
    """23:59:60 is called a leap second (in its own column), not "23:59 is not a time of day"."""
    csv = write(tmp_path / "in.csv", text)
    line = error_line(homelog(tmp_path, str(csv), "--source", "M", "--create"))
    assert f"line 3, column “{column}”" in line and "leap second" in line
    assert "is not a time of day" not in line


def test_cli_import_escape_codes_are_never_echoed_raw(tmp_path):
    """Terminal escape codes in a cell and a header come back escaped (\\x1b), never as raw control characters."""
    rows = "".join(f"2024-01-{d:02d},{d}\n" for d in range(1, 28))
    csv = write(tmp_path / "in.csv", "Date,Day\x1b]0;title\x07\n" + rows + "2024-02-01,\x1b[31mred\x1b[2J\n")
    line = error_line(homelog(tmp_path, str(csv), "--source", "M", "--create"))
    assert "line 29" in line and "\\x1b[31mred\\x1b[2J" in line and "\\x1b]0;title\\x07" in line


def _xlsx(part: str | None = None, content: bytes = b"") -> bytes:
    """A small valid workbook, with one part replaced by ``content``."""
    workbook = Workbook()
    sheet = workbook.active
    for row in (["Date", "Day"], ["2024-01-01", 1], ["2024-01-02", 2]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if part is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, content if info.filename == part else source.read(info.filename))
    return out.getvalue()


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>&lol9;</t></is></c>'
    "</row></sheetData></worksheet>"
).encode()
BOMB = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + b" " * (300 * 1024 * 1024)
    + b"<sheetData/></worksheet>"
)


@pytest.mark.parametrize(
    "name, content, expected",
    [("laughs", LAUGHS, "declares XML entities"), ("zipbomb", BOMB, "would unpack to 300 MB")],
)
def test_cli_import_xlsx_bombs_are_refused_quickly_with_bounded_memory(tmp_path, name, content, expected):
    """A billion-laughs or zip-bomb .xlsx is refused with one line, using little memory (checked on the child)."""
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(_xlsx("xl/worksheets/sheet1.xml", content))
    peak = tmp_path / "peak"
    command = homelog_command("import", str(path), "--source", "M", "--create", "--data-dir", str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak), *command],
        env=homelog_env(tmp_path, TZ="UTC"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    line = error_line(done)
    assert expected in line
    assert int(peak.read_text()) < 250 * 1024  # KiB: the unchecked zip bomb took 694 MB


def test_cli_import_plain_xlsx_still_imports(tmp_path):
    """An ordinary workbook passes the checks and imports."""
    path = tmp_path / "plain.xlsx"
    path.write_bytes(_xlsx())
    done = homelog(tmp_path, str(path), "--source", "M", "--create")
    assert done.returncode == 0, done.stderr
    assert "Imported: 2 readings." in done.stdout
