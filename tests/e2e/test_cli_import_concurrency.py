"""Two ``homelog import`` processes at once into one database: every reading stored once, on both databases."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.postgres import create_database, drop_database, pg_server  # noqa: F401  (fixture)
from tests.processes import homelog_command, homelog_env

#: Rows per file: enough that the two imports overlap in time.
ROWS = 20_000
RUNS = 3


def write_csv(path: Path, rows: int = ROWS) -> Path:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    lines = ["Time,Day (kWh),Night (kWh)"]
    lines += [
        f"{(start + timedelta(minutes=15 * i)).isoformat()},{1000.5 + i * 0.5:.1f},{500.25 + i * 0.25:.2f}"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_import(tmp_path: Path, location: list[str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        homelog_command("import", *args, *location),
        env=homelog_env(tmp_path, TZ="UTC"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def both(tmp_path: Path, location: list[str], *args: str) -> list[tuple[int, str, str]]:
    """Start two identical imports at once and wait for both; (exit code, stdout, stderr) of each."""
    processes = [start_import(tmp_path, location, *args) for _ in range(2)]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        results.append((process.returncode, out, err))
    return results


def imported(out: str) -> int:
    found = re.search(r"Imported: ([\d,]+) reading", out)
    assert found is not None, out
    return int(found[1].replace(",", ""))


def skipped(out: str) -> int:
    found = re.search(r"Skipped: ([\d,]+) rows? with the time of a stored", out)
    return int(found[1].replace(",", "")) if found else 0


def exit_code_says_what_was_skipped(code: int, out: str, err: str) -> None:
    """0 when the import stored every row, 3 when it skipped some (the other import's, named by line)."""
    assert code == (3 if skipped(out) else 0), (code, out, err)


def check_summaries(results: list[tuple[int, str, str]]) -> None:
    """Both succeed; together they stored every row once, and the other one's rows are named as skipped."""
    for code, out, err in results:
        exit_code_says_what_was_skipped(code, out, err)
        assert "Traceback" not in err
    assert sum(imported(out) for _c, out, _e in results) == ROWS
    for _code, out, _err in results:
        assert imported(out) + skipped(out) == ROWS, out


def sqlite_counts(db_file: Path) -> tuple[int, int, int, int]:
    """(sources, readings, distinct (source, time), values)."""
    conn = sqlite3.connect(db_file)
    try:
        return (
            conn.execute("SELECT count(*) FROM sources").fetchone()[0],
            conn.execute("SELECT count(*) FROM readings").fetchone()[0],
            conn.execute("SELECT count(*) FROM (SELECT DISTINCT source_id, ts FROM readings)").fetchone()[0],
            conn.execute("SELECT count(*) FROM reading_values").fetchone()[0],
        )
    finally:
        conn.close()


async def pg_counts(url: str) -> tuple[int, int, int, int]:
    from homelog_desktop.db import Database

    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            found = []
            for sql in (
                "SELECT count(*) FROM sources",
                "SELECT count(*) FROM readings",
                "SELECT count(*) FROM (SELECT DISTINCT source_id, ts FROM readings) d",
                "SELECT count(*) FROM reading_values",
            ):
                found.append((await conn.exec_driver_sql(sql)).scalar_one())
            return tuple(found)  # type: ignore[return-value]
    finally:
        await db.dispose()


@pytest.fixture
def pg_url(pg_server: None):  # noqa: F811
    url = asyncio.run(create_database(migrated=True))
    yield url
    asyncio.run(drop_database(url))


@pytest.mark.parametrize("attempt", range(RUNS))
def test_cli_import_two_at_once_on_postgresql_store_each_reading_once(tmp_path, pg_url, attempt):
    """Two imports of one file into one PostgreSQL source at once store every reading once."""
    csv = write_csv(tmp_path / "meter.csv")
    first = subprocess.run(
        homelog_command(
            "import", str(write_csv(tmp_path / "one.csv", 1)), "--source", "Meter", "--create", "--db", pg_url
        ),
        env=homelog_env(tmp_path, TZ="UTC"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    results = both(tmp_path, ["--db", pg_url], str(csv), "--source", "Meter")
    for code, out, err in results:
        exit_code_says_what_was_skipped(code, out, err)
    # The one row imported first is a duplicate for both.
    assert sum(imported(out) for _c, out, _e in results) == ROWS - 1
    assert asyncio.run(pg_counts(pg_url)) == (1, ROWS, ROWS, 2 * ROWS)


@pytest.mark.parametrize("attempt", range(RUNS))
def test_cli_import_two_create_at_once_on_postgresql_make_one_source(tmp_path, pg_url, attempt):
    """Two ``import --create`` of one name at once on PostgreSQL: one source, each reading once, both exit 0."""
    csv = write_csv(tmp_path / "meter.csv")
    results = both(tmp_path, ["--db", pg_url], str(csv), "--source", "Meter", "--create")
    check_summaries(results)
    assert asyncio.run(pg_counts(pg_url)) == (1, ROWS, ROWS, 2 * ROWS)


def test_cli_import_two_create_at_once_into_one_sqlite_file(tmp_path):
    """Two ``import --create`` of one name at once into one SQLite file: one source, each reading once."""
    csv = write_csv(tmp_path / "meter.csv")
    db_file = tmp_path / "home.db"
    url = f"sqlite+aiosqlite:///{db_file}"
    # The file exists and is migrated first: creating the file itself is not what this test is about.
    setup = subprocess.run(
        homelog_command(
            "import", str(write_csv(tmp_path / "other.csv", 1)), "--source", "Other", "--create", "--db", url
        ),
        env=homelog_env(tmp_path, TZ="UTC"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    results = both(tmp_path, ["--db", url], str(csv), "--source", "Meter", "--create")
    check_summaries(results)
    assert sqlite_counts(db_file) == (2, ROWS + 1, ROWS + 1, 2 * ROWS + 2)


@pytest.mark.parametrize("attempt", range(RUNS))
def test_cli_import_two_create_at_once_into_a_new_postgresql_database(tmp_path, pg_server, attempt):  # noqa: F811
    """Two ``import --create`` at once into an empty PostgreSQL database: one upgrades it, the other waits."""
    url = asyncio.run(create_database(migrated=False))
    try:
        csv = write_csv(tmp_path / "meter.csv", 2000)
        results = both(tmp_path, ["--db", url], str(csv), "--source", "Meter", "--create")
        for code, out, err in results:
            exit_code_says_what_was_skipped(code, out, err)
        assert sum(imported(out) for _c, out, _e in results) == 2000
        assert asyncio.run(pg_counts(url)) == (1, 2000, 2000, 4000)
    finally:
        asyncio.run(drop_database(url))


@pytest.mark.parametrize("attempt", range(RUNS))
def test_cli_import_two_create_at_once_into_a_new_data_folder(tmp_path, attempt):
    """Two ``import --create`` at once into a data folder with no database yet: one file, one source."""
    csv = write_csv(tmp_path / "meter.csv", 2000)
    results = both(tmp_path, ["--data-dir", str(tmp_path / "data")], str(csv), "--source", "Meter", "--create")
    for code, out, err in results:
        exit_code_says_what_was_skipped(code, out, err)
    assert sum(imported(out) for _c, out, _e in results) == 2000
    assert sqlite_counts(tmp_path / "data" / "homelog.db") == (1, 2000, 2000, 4000)
