"""``homelog import`` never drops a row without naming it: unclosed quotes and daylight-saving changes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.processes import homelog as run_homelog


def homelog(tmp_path: Path, *args: str, tz: str = "UTC"):
    return run_homelog(tmp_path, "import", *args, "--data-dir", str(tmp_path / "data"), TZ=tz)


def stored(tmp_path: Path) -> list[tuple[datetime, float, str]]:
    """(UTC time, first value, note) of every stored reading, in time order."""
    db_file = tmp_path / "data" / "homelog.db"
    if not db_file.exists():
        return []
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(
            "SELECT r.ts, min(v.value), r.note FROM readings r JOIN reading_values v ON v.reading_id = r.id"
            " GROUP BY r.id ORDER BY r.ts"
        ).fetchall()
    finally:
        conn.close()
    return [(datetime.fromtimestamp(ts, UTC), value, note) for ts, value, note in rows]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_cli_import_unclosed_quote_at_the_end_is_an_error_naming_its_line(tmp_path):
    """A quote never closed (1,000 rows after it) stops the import naming its line; nothing is stored."""
    rows = [f"2024-01-{1 + i % 28:02d}T{i // 28 % 24:02d}:00:00+00:00,{100 + i},ok" for i in range(1002)]
    rows[1] = rows[1].replace(",ok", ',"oops, forgot to close')
    csv = write(tmp_path / "in.csv", "Time,Day,Note\n" + "\n".join(rows) + "\n")
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create")
    assert done.returncode == 2, done.stdout
    assert "line 3" in done.stderr and "closing quote" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert stored(tmp_path) == []


def test_cli_import_unclosed_quote_closed_far_below_is_an_error(tmp_path):
    """A quote closed only hundreds of lines later (by another note's quote) is refused too, naming both lines."""
    rows = [f"2024-02-{1 + i % 28:02d}T{i // 28 % 24:02d}:00:00+00:00,{100 + i},ok" for i in range(400)]
    rows[4] = rows[4].replace(",ok", ',"unclosed')
    rows[300] = rows[300].replace(",ok", ',"a quoted note"')
    csv = write(tmp_path / "in.csv", "Time,Day,Note\n" + "\n".join(rows) + "\n")
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create")
    assert done.returncode == 2
    assert "line 6" in done.stderr and "to line 302" in done.stderr, done.stderr
    assert stored(tmp_path) == []


def test_cli_import_multi_line_note_still_imports(tmp_path):
    """A properly quoted note over two lines is one reading's note, as before."""
    csv = write(
        tmp_path / "in.csv",
        'Time,Day,Note\n2024-01-01T00:00:00+00:00,1,"two\nlines"\n2024-01-02T00:00:00+00:00,2,\n',
    )
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create")
    assert done.returncode == 0, done.stderr
    assert [note for *_x, note in stored(tmp_path)] == ["two\nlines", ""]


BERLIN_SPRING = "Date,Day\n2024-03-31 01:30,1\n2024-03-31 02:30,2\n2024-03-31 03:30,3\n"


@pytest.mark.parametrize("zone_args, tz", [(("--timezone", "Europe/Berlin"), "UTC"), ((), "Europe/Berlin")])
def test_cli_import_time_in_the_spring_gap_is_an_error_naming_its_line(tmp_path, zone_args, tz):
    """02:30 on the night clocks go forward never happened: an error naming line 3, nothing stored."""
    csv = write(tmp_path / "in.csv", BERLIN_SPRING)
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create", *zone_args, tz=tz)
    assert done.returncode == 2, done.stdout
    assert "line 3" in done.stderr and "2024-03-31 02:30 does not exist" in done.stderr, done.stderr
    assert stored(tmp_path) == []


def test_cli_import_time_in_the_spring_gap_skipped_and_listed(tmp_path):
    """With --skip-invalid the gap's row is skipped and listed; the real 03:30 reading is kept."""
    csv = write(tmp_path / "in.csv", BERLIN_SPRING)
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create", "--timezone", "Europe/Berlin", "--skip-invalid")
    assert done.returncode == 3, done.stderr  # imported, with a row skipped
    assert "Imported: 2 readings." in done.stdout
    assert "Skipped: 1 invalid row:" in done.stdout and "line 3" in done.stdout, done.stdout
    assert [(at, value) for at, value, _n in stored(tmp_path)] == [
        (datetime(2024, 3, 31, 0, 30, tzinfo=UTC), 1.0),
        (datetime(2024, 3, 31, 1, 30, tzinfo=UTC), 3.0),
    ]


BERLIN_AUTUMN = (
    "Date,Day\n"
    "2024-10-27 01:30,1\n2024-10-27 02:00,2\n2024-10-27 02:30,3\n"  # before the change (CEST, +02:00)
    "2024-10-27 02:00,4\n2024-10-27 02:30,5\n2024-10-27 03:00,6\n"  # after it (CET, +01:00)
)


@pytest.mark.parametrize("zone_args, tz", [(("--timezone", "Europe/Berlin"), "UTC"), ((), "Europe/Berlin")])
def test_cli_import_repeated_autumn_hour_is_resolved_by_order(tmp_path, zone_args, tz):
    """The hour that happens twice keeps both readings: the first before the change, the second after it."""
    csv = write(tmp_path / "in.csv", BERLIN_AUTUMN)
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create", *zone_args, tz=tz)
    assert done.returncode == 0, done.stderr
    assert "Imported: 6 readings." in done.stdout and "Skipped" not in done.stdout, done.stdout
    assert [(at, value) for at, value, _n in stored(tmp_path)] == [
        (datetime(2024, 10, 26, 23, 30, tzinfo=UTC), 1.0),
        (datetime(2024, 10, 27, 0, 0, tzinfo=UTC), 2.0),
        (datetime(2024, 10, 27, 0, 30, tzinfo=UTC), 3.0),
        (datetime(2024, 10, 27, 1, 0, tzinfo=UTC), 4.0),
        (datetime(2024, 10, 27, 1, 30, tzinfo=UTC), 5.0),
        (datetime(2024, 10, 27, 2, 0, tzinfo=UTC), 6.0),
    ]


def test_cli_import_iso_times_across_both_changes_in_one_file(tmp_path):
    """A year of naive ISO times (the fast path) keeps every row of the repeated hour and refuses none."""
    lines = ["Time,Day"]
    value = 0
    for day, hours in (
        ("2024-03-31", ["01:00", "01:45", "03:00", "03:15"]),
        ("2024-10-27", ["01:45", "02:15", "02:45", "02:15", "02:45", "03:15"]),
    ):
        for hour in hours:
            value += 1
            lines.append(f"{day}T{hour}:00,{value}")
    csv = write(tmp_path / "in.csv", "\n".join(lines) + "\n")
    done = homelog(tmp_path, str(csv), "--source", "Meter", "--create", "--timezone", "Europe/Berlin")
    assert done.returncode == 0, done.stderr
    assert "Imported: 10 readings." in done.stdout, done.stdout
    times = [at for at, _v, _n in stored(tmp_path)]
    assert len(set(times)) == 10
    assert times[-5:] == [
        datetime(2024, 10, 27, 0, 15, tzinfo=UTC),
        datetime(2024, 10, 27, 0, 45, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 15, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 45, tzinfo=UTC),
        datetime(2024, 10, 27, 2, 15, tzinfo=UTC),
    ]


def test_cli_import_names_the_lines_of_skipped_duplicates(tmp_path):
    """Rows skipped for a time already stored, or repeated in the file, are listed by line in the summary."""
    first = write(tmp_path / "first.csv", "Time,Day\n2024-01-01T00:00:00Z,1\n2024-01-02T00:00:00Z,2\n")
    assert homelog(tmp_path, str(first), "--source", "Meter", "--create").returncode == 0
    again = write(
        tmp_path / "again.csv",
        "Time,Day\n2024-01-02T00:00:00Z,2\n2024-01-03T00:00:00Z,3\n2024-01-03T00:00:00Z,4\n2024-01-01T00:00:00Z,1\n",
    )
    done = homelog(tmp_path, str(again), "--source", "Meter")
    assert done.returncode == 3, done.stderr  # imported, with rows skipped
    assert "Imported: 1 reading." in done.stdout
    assert "Skipped: 3 rows with the time of a stored or earlier reading (lines 2, 4, 5)." in done.stdout, done.stdout
