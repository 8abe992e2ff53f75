"""``homelog import`` as a user runs it: real processes, a real data folder, exit codes and messages checked."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from tests.processes import homelog as run_homelog
from tests.processes import homelog_command, homelog_env

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "import"


def homelog(tmp_path: Path, *args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    where = ["--data-dir", str(data if data is not None else tmp_path / "data")] if "--db" not in args else []
    return run_homelog(tmp_path, "import", *args, *where, TZ="UTC")


def readings(db_file: Path, source: str) -> list[tuple]:
    """(UTC time, metric, value) of a source's readings, in order."""
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(
            "SELECT r.ts, m.name, v.value FROM readings r JOIN sources s ON s.id = r.source_id"
            " JOIN reading_values v ON v.reading_id = r.id JOIN metrics m ON m.id = v.metric_id"
            " WHERE s.name = ? ORDER BY r.ts, m.position",
            (source,),
        ).fetchall()
    finally:
        conn.close()
    return [(datetime.fromtimestamp(ts, UTC), name, value) for ts, name, value in rows]


def dump(db_file: Path) -> list[tuple]:
    conn = sqlite3.connect(db_file)
    try:
        return [
            (table, *row)
            for table in ("sources", "metrics", "readings", "reading_values")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]
    finally:
        conn.close()


def test_cli_import_creates_a_source_and_prints_a_summary(tmp_path):
    """--create makes the source from the numeric columns; the summary counts the skipped empty row (exit 3:
    imported, with something skipped)."""
    done = homelog(tmp_path, str(DATA / "day_first_gaps.csv"), "--source", "Meters", "--create")
    assert done.returncode == 3, done.stderr
    assert "Imported: 4 readings." in done.stdout
    assert "Skipped: 1 row with no value (line 5)." in done.stdout
    assert "Metrics created: Electricity, Water, Gas." in done.stdout
    rows = readings(tmp_path / "data" / "homelog.db", "Meters")
    assert rows[:3] == [
        (datetime(2024, 1, 3, tzinfo=UTC), "Electricity", 1000.5),
        (datetime(2024, 1, 3, tzinfo=UTC), "Water", 250.125),
        (datetime(2024, 1, 3, tzinfo=UTC), "Gas", 4000.0),
    ]
    assert len(rows) == 10  # four readings, two empty cells left out


def test_cli_import_invalid_row_exits_2_naming_line_and_column_and_stores_nothing(tmp_path):
    """Any invalid row: exit 2, one line naming the line and column, and the database unchanged."""
    first = homelog(tmp_path, str(DATA / "day_first_gaps.csv"), "--source", "Meters", "--create")
    assert first.returncode == 3, first.stderr
    db_file = tmp_path / "data" / "homelog.db"
    before = dump(db_file)
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Electricity,Water\n01/02/2024,1100,260\n15/02/2024,1110,2.6.0\n29/02/2024,1120,270\n")
    done = homelog(tmp_path, str(bad), "--source", "meters")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "homelog: error: line 3, column “Water”: “2.6.0” is not a number; nothing was imported"
    )
    assert dump(db_file) == before
    skipped = homelog(tmp_path, str(bad), "--source", "meters", "--skip-invalid")
    assert skipped.returncode == 3, skipped.stderr
    assert "Imported: 2 readings." in skipped.stdout
    assert "line 3, column “Water”: “2.6.0” is not a number" in skipped.stdout


def test_cli_import_unknown_source_needs_create(tmp_path):
    """Without --create an unknown source is refused (exit 2) and says how to create it."""
    homelog(tmp_path, str(DATA / "excel_serial.csv"), "--source", "A", "--create")
    done = homelog(tmp_path, str(DATA / "excel_serial.csv"), "--source", "Nope")
    assert done.returncode == 2
    assert "there is no source named “Nope” (add --create to create it)" in done.stderr


def test_cli_import_columns_matching_no_metric_are_refused(tmp_path):
    """A file none of whose columns names a metric of the source is refused with both lists."""
    homelog(tmp_path, str(DATA / "excel_serial.csv"), "--source", "A", "--create")
    done = homelog(tmp_path, str(DATA / "utf16_export.txt"), "--source", "A")
    assert done.returncode == 2
    assert "no column of utf16_export.txt matches a metric of “A”" in done.stderr
    assert "columns: Zeitpunkt, Strom (kWh); metrics: Reading" in done.stderr


def test_cli_import_ambiguous_dates_need_a_date_format(tmp_path):
    """01/02/2024 is refused until --date-format says how to read it; then it is read that way."""
    done = homelog(tmp_path, str(DATA / "ambiguous_dates.csv"), "--source", "M", "--create")
    assert done.returncode == 2
    assert "could be day-first or month-first" in done.stderr and "--date-format" in done.stderr
    assert not (tmp_path / "data" / "homelog.db").exists() or readings(tmp_path / "data" / "homelog.db", "M") == []
    done = homelog(tmp_path, str(DATA / "ambiguous_dates.csv"), "--source", "M", "--create", "--date-format", "mdy")
    assert done.returncode == 0, done.stderr
    assert [r[0] for r in readings(tmp_path / "data" / "homelog.db", "M")] == [
        datetime(2024, 1, 2, tzinfo=UTC),
        datetime(2024, 2, 3, tzinfo=UTC),
        datetime(2024, 3, 4, tzinfo=UTC),
    ]
    strptime = homelog(
        tmp_path, str(DATA / "ambiguous_dates.csv"), "--source", "N", "--create", "--date-format", "%d/%m/%Y"
    )
    assert strptime.returncode == 0, strptime.stderr
    assert readings(tmp_path / "data" / "homelog.db", "N")[0][0] == datetime(2024, 2, 1, tzinfo=UTC)


def test_cli_import_decimal_option_overrides_detection(tmp_path):
    """1,234 is read as 1.234 by default (a decimal comma); --decimal . makes it 1234."""
    path = tmp_path / "in.csv"
    path.write_text("Date;Reading\n2024-01-01;1,234\n2024-01-02;2,500\n")
    done = homelog(tmp_path, str(path), "--source", "Comma", "--create")
    assert done.returncode == 0, done.stderr
    assert [r[2] for r in readings(tmp_path / "data" / "homelog.db", "Comma")] == [1.234, 2.5]
    done = homelog(tmp_path, str(path), "--source", "Dot", "--create", "--decimal", ".")
    assert done.returncode == 0, done.stderr
    assert [r[2] for r in readings(tmp_path / "data" / "homelog.db", "Dot")] == [1234.0, 2500.0]


def test_cli_import_duplicates_skip_or_replace(tmp_path):
    """Importing the same file again skips every row; --duplicates replace replaces them."""
    args = (str(DATA / "supplier_export.csv"), "--source", "House", "--create")
    assert homelog(tmp_path, *args).returncode == 0
    again = homelog(tmp_path, *args)
    assert again.returncode == 3 and "Imported: 0 readings." in again.stdout
    assert "Skipped: 4 rows with the time of a stored or earlier reading (lines 7, 8, 9, 10)." in again.stdout
    replaced = homelog(tmp_path, *args, "--duplicates", "replace")
    assert replaced.returncode == 0 and "Replaced: 4 stored readings with the same time." in replaced.stdout
    assert len(readings(tmp_path / "data" / "homelog.db", "House")) == 8


def test_cli_import_with_a_db_url_and_an_xlsx_file(tmp_path):
    """--db takes a SQLite URL; .xlsx files are imported like CSV."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Date", "Oil (l)"])
    book.active.append([datetime(2024, 10, 1), 1500])
    book.active.append([datetime(2024, 11, 1), 1210.5])
    path = tmp_path / "oil.xlsx"
    book.save(path)
    db_file = tmp_path / "elsewhere.db"
    done = homelog(tmp_path, str(path), "--source", "Tank", "--create", "--db", f"sqlite+aiosqlite:///{db_file}")
    assert done.returncode == 0, done.stderr
    assert readings(db_file, "Tank") == [
        (datetime(2024, 10, 1, tzinfo=UTC), "Oil", 1500.0),
        (datetime(2024, 11, 1, tzinfo=UTC), "Oil", 1210.5),
    ]


def test_cli_import_unreadable_files_fail_with_one_line(tmp_path):
    """A missing file, an empty file, a damaged .xls and a binary file: exit 2 and a one-line reason."""
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 20)
    for path, reason in [
        (tmp_path / "missing.csv", "no file at"),
        (empty, "empty.csv is empty"),
        (xls, "old.xls cannot be read as a workbook"),
        (binary, "does not look like a table"),
    ]:
        done = homelog(tmp_path, str(path), "--source", "X", "--create")
        assert done.returncode == 2, (path, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and reason in done.stderr, done.stderr


def test_cli_import_waits_for_the_window_and_loses_no_write(tmp_path):
    """While another connection (the window) holds a write transaction, the command waits, then both are kept."""
    data = tmp_path / "data"
    assert homelog(tmp_path, str(DATA / "excel_serial.csv"), "--source", "Meter", "--create").returncode == 0
    db_file = data / "homelog.db"
    window = sqlite3.connect(db_file, isolation_level=None, timeout=30)
    window.execute("BEGIN IMMEDIATE")
    source_id = window.execute("SELECT id FROM sources WHERE name = 'Meter'").fetchone()[0]
    window.execute(
        "INSERT INTO readings (source_id, ts, note, estimated, from_bill, created_at, updated_at)"
        " VALUES (?, 1800000000, 'typed in the window', 0, 0, 0, 0)",
        (source_id,),
    )
    child = subprocess.Popen(
        homelog_command(
            "import",
            str(DATA / "day_first_gaps.csv"),
            "--source",
            "Other",
            "--create",
            "--progress",
            "--data-dir",
            str(data),
        ),
        env=homelog_env(tmp_path, TZ="UTC"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stderr is not None
        assert child.stderr.readline().startswith("progress starting")  # about to wait for our lock
        window.execute("COMMIT")
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        window.close()
    assert child.returncode == 3, err  # imported; the file's row with no value is skipped
    assert "Imported: 4 readings." in out
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT count(*) FROM readings WHERE note = 'typed in the window'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM readings").fetchone()[0] == 3 + 1 + 4
    conn.close()


def test_cli_import_create_needs_a_column_of_numbers(tmp_path):
    """--create with no numeric column: exit 2, saying why."""
    path = tmp_path / "status.csv"
    path.write_text("Date,Status\n2024-01-01,ok\n2024-01-02,ok\n")
    done = homelog(tmp_path, str(path), "--source", "Q", "--create")
    assert done.returncode == 2
    assert "status.csv has no column of numbers to make a metric of (columns: Date, Status)" in done.stderr
