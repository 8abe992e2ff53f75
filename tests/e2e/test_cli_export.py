"""``homelog export`` as a user runs it: real processes on a real data folder, exit codes checked."""

from __future__ import annotations

import asyncio
import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.conftest import T0, make_reading, make_source
from tests.processes import homelog

ROOT = Path(__file__).resolve().parents[2]


def _homelog(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return homelog(tmp_path, *args, TZ="UTC")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with a source “Electricity” holding three readings (one with a formula-like note)."""
    data = tmp_path / "data"
    data.mkdir()

    async def build() -> None:
        db = Database(sqlite_url(data / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as session:
                source = await SourceRepository(session).add(make_source("Electricity"))
                readings = ReadingRepository(session)
                await readings.add(source, make_reading(source, T0, "100.5", "20.0"))
                await readings.add(source, make_reading(source, T0 + timedelta(days=1), "101.0", None, note="=1+2"))
                await readings.add(source, make_reading(source, T0 + timedelta(days=2), None, "21.5", note="ok"))
        finally:
            await db.dispose()

    asyncio.run(build())
    return data


EXPECTED_CSV = (
    "timestamp,Day,Night,note,estimated,from bill,entered by\n"
    "2025-01-06T08:00:00+00:00,100.5,20.0,,,,\n"
    "2025-01-07T08:00:00+00:00,101.0,,'=1+2,,,\n"
    "2025-01-08T08:00:00+00:00,,21.5,ok,,,\n"
)


def test_cli_export_csv_to_stdout(tmp_path: Path, data_dir: Path) -> None:
    """Without -o the CSV goes to standard output, exit 0 and nothing on stderr."""
    done = _homelog(tmp_path, "export", "--source", "electricity", "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    assert done.stdout.replace("\r\n", "\n") == EXPECTED_CSV
    assert done.stderr == ""


def test_cli_export_json_to_file(tmp_path: Path, data_dir: Path) -> None:
    """--format json -o FILE writes the JSON document and says how many readings went out."""
    target = tmp_path / "out.json"
    done = _homelog(
        tmp_path,
        "export",
        "--source",
        "Electricity",
        "--format",
        "json",
        "-o",
        str(target),
        "--data-dir",
        str(data_dir),
    )
    assert done.returncode == 0, done.stderr
    assert "Exported 3 readings" in done.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    readings = document["sources"][0]["readings"]
    assert [r.get("note", "") for r in readings] == ["", "=1+2", "ok"]
    assert readings[1] == {"timestamp": "2025-01-07T08:00:00+00:00", "values": {"Day": 101.0}, "note": "=1+2"}


def test_cli_export_db_url_and_suffix_picks_json(tmp_path: Path, data_dir: Path) -> None:
    """--db URL works like --data-dir; an output file ending in .json is written as JSON."""
    target = tmp_path / "x.json"
    url = sqlite_url(data_dir / "homelog.db")
    done = _homelog(tmp_path, "export", "--source", "Electricity", "-o", str(target), "--db", url)
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["sources"][0]["name"] == "Electricity"


def test_cli_export_unknown_source_exits_2(tmp_path: Path, data_dir: Path) -> None:
    """An unknown source is bad input: exit 2, one line naming it, no output file."""
    target = tmp_path / "none.csv"
    done = _homelog(tmp_path, "export", "--source", "Gas", "-o", str(target), "--data-dir", str(data_dir))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["homelog: error: There is no source named “Gas”."]
    assert not target.exists()


def test_cli_export_missing_database_fails(tmp_path: Path) -> None:
    """A data folder without a database is refused (non-zero, one line) instead of creating one."""
    empty = tmp_path / "empty"
    done = _homelog(tmp_path, "export", "--source", "X", "--data-dir", str(empty))
    assert done.returncode != 0
    assert "no database" in done.stderr
    assert not (empty / "homelog.db").exists()
