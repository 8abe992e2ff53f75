"""Crash safety with real processes: kill -9 in the middle of a large import; two imports at once.

No sleeps: the test waits for the child's own progress lines (``homelog import --progress``), which
come after rows were written inside the import's transaction.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.test_cli_import import DATA, dump, homelog
from tests.e2e.test_process import _env


def large_csv(path: Path, rows: int, *, start: datetime, column: str = "Day") -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"timestamp,{column}\n")
        f.writelines(f"{(start + timedelta(minutes=15 * i)).isoformat()},{i * 0.5:.1f}\n" for i in range(rows))
    return path


def start_import(tmp_path: Path, data: Path, path: Path, source: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "homelog_desktop",
            "import",
            str(path),
            "--source",
            source,
            "--create",
            "--progress",
            "--data-dir",
            str(data),
        ],
        env=_env(tmp_path, TZ="UTC"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_crash_kill_9_during_a_large_import_leaves_the_data_as_before(tmp_path):
    """kill -9 after rows were written in the import's transaction: the database opens, passes the
    integrity check and holds exactly what it held before."""
    data = tmp_path / "data"
    first = homelog(tmp_path, str(DATA / "supplier_export.csv"), "--source", "House", "--create", data=data)
    assert first.returncode == 0, first.stderr
    db_file = data / "homelog.db"
    before = dump(db_file)
    big = large_csv(tmp_path / "big.csv", 400_000, start=datetime(2010, 1, 1, tzinfo=UTC))
    child = start_import(tmp_path, data, big, "Big")
    try:
        assert child.stderr is not None
        written = 0
        for line in child.stderr:
            if line.startswith("progress reading"):
                written = int(line.split("rows=")[1].split()[0])
                if written >= 5_000:
                    break
        assert written >= 5_000, "the child ended before it wrote anything"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert dump(db_file) == before
    # The app's own way in opens it too, and the next import works.
    again = homelog(tmp_path, str(DATA / "day_first_gaps.csv"), "--source", "After", "--create", data=data)
    assert again.returncode == 3, again.stderr  # imported; the file's row with no value is skipped (listed)
    assert "Imported: 4 readings." in again.stdout


def test_crash_two_processes_importing_into_the_same_file_lose_nothing(tmp_path):
    """Two imports started together into one database file: both finish and every row of both is there."""
    data = tmp_path / "data"
    assert homelog(tmp_path, str(DATA / "excel_serial.csv"), "--source", "Seed", "--create", data=data).returncode == 0
    one = large_csv(tmp_path / "one.csv", 30_000, start=datetime(2015, 1, 1, tzinfo=UTC), column="Gas")
    two = large_csv(tmp_path / "two.csv", 30_000, start=datetime(2016, 1, 1, tzinfo=UTC), column="Water")
    children = [start_import(tmp_path, data, one, "Gas meter"), start_import(tmp_path, data, two, "Water meter")]
    results = []
    try:
        for child in children:
            results.append(child.communicate(timeout=120))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "Imported: 30,000 readings." in out
    conn = sqlite3.connect(data / "homelog.db")
    try:
        counts = dict(
            conn.execute(
                "SELECT s.name, count(r.id) FROM sources s LEFT JOIN readings r ON r.source_id = s.id GROUP BY s.name"
            ).fetchall()
        )
        assert counts == {"Seed": 3, "Gas meter": 30_000, "Water meter": 30_000}
        assert conn.execute("SELECT count(*) FROM reading_values").fetchone()[0] == 3 + 60_000
        ids = [r[0] for r in conn.execute("SELECT id FROM readings ORDER BY id")]
        assert len(set(ids)) == len(ids) == 60_003
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
