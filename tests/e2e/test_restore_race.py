"""A restore while an import runs, as real processes with random timing: no import ever vanishes.

Each trial starts ``homelog import`` of a large file into a fresh copy of a data folder, then
starts ``homelog restore`` of an older backup at a random moment of the import (after its k-th
progress line, k drawn at random; k = 0: at once). No sleeps: the trigger is the import's own output.
Whatever the order, an import that exits 0 has its readings in the database afterwards, or (when the
restore came after it) in the copy the restore kept of the data from before; a command that fails
says why in one line, without a traceback.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.test_cli_import import DATA
from tests.e2e.test_crash_import import large_csv
from tests.processes import homelog, homelog_command, homelog_env

TRIALS = int(os.environ.get("HOMELOG_RACE_TRIALS", "30"))
ROWS = 40_000


def _count(db_file: Path, source: str) -> int:
    conn = sqlite3.connect(f"{db_file.as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT count(r.id) FROM readings r JOIN sources s ON s.id = r.source_id WHERE s.name = ?", (source,)
        ).fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(row[0])
    finally:
        conn.close()


def _one_line(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    errors = [
        line
        for line in stderr.splitlines()
        if not line.startswith(("progress ", "homelog: copying", "homelog: keeping", "homelog: waiting"))
    ]
    assert len(errors) == 1 and errors[0].startswith("homelog: error: "), stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A data folder whose database holds a seed source, a backup of it to restore, and a big CSV."""
    root = tmp_path_factory.mktemp("race")
    data = root / "template"
    done = homelog(
        root,
        "import",
        str(DATA / "excel_serial.csv"),
        "--source",
        "Seed",
        "--create",
        "--data-dir",
        str(data),
        TZ="UTC",
    )
    assert done.returncode == 0, done.stderr
    backup = root / "older.db"
    shutil.copyfile(data / "homelog.db", backup)
    big = large_csv(root / "big.csv", ROWS, start=datetime(2012, 1, 1, tzinfo=UTC))
    return data / "homelog.db", backup, big


@pytest.mark.timeout(1200)
def test_restore_race_an_import_never_vanishes(tmp_path, seeded):
    """30 trials of restore during import at random moments: every import that exits 0 has its rows
    in the database, or in the before-restore copy when the restore came after it."""
    template, backup, big = seeded
    rng = random.Random(20261203)
    outcomes: dict[tuple[int, int], int] = {}
    places: dict[str, int] = {}
    for trial in range(TRIALS):
        data = tmp_path / f"trial{trial}"
        data.mkdir()
        shutil.copyfile(template, data / "homelog.db")
        env = homelog_env(tmp_path, TZ="UTC")
        if rng.random() < 0.3:
            # The restore first: the import starts while the restore holds the writers off.
            wait_for = -1
            importer, restorer, import_out, stderr, restore_out, restore_err = _restore_then_import(
                big, backup, data, env
            )
        else:
            wait_for = rng.randrange(0, 12)
            importer, restorer, import_out, stderr, restore_out, restore_err = _import_then_restore(
                big, backup, data, env, wait_for
            )
        imported, restored = importer.returncode, restorer.returncode
        print(f"trial {trial}: after {wait_for} lines import {imported} restore {restored}", flush=True)
        outcomes[(imported, restored)] = outcomes.get((imported, restored), 0) + 1
        where = f"trial {trial} (restore after {wait_for} progress lines): import {imported}, restore {restored}"
        final = _count(data / "homelog.db", "Big")
        if imported == 0:
            assert f"Imported: {ROWS:,} readings." in import_out, where
            kept = re.search(r"the data from before is kept in (.+?\.db)", restore_out) if restored == 0 else None
            before = _count(Path(kept[1]), "Big") if kept else 0
            assert ROWS in (final, before), f"{where}: the import's readings are lost ({final}, {before})"
            landed = "in the database" if final == ROWS else "in the before-restore copy"
            places[landed] = places.get(landed, 0) + 1
        else:
            _one_line(stderr)
            assert final == 0, where  # all or nothing
        if restored != 0:
            _one_line(restore_err)
        else:
            assert "Restored" in restore_out
    print(f"restore race outcomes (import exit, restore exit): count = {outcomes}; imported rows: {places}")


def _start_import(big: Path, data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        homelog_command("import", str(big), "--source", "Big", "--create", "--progress", "--data-dir", str(data)),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _import_then_restore(big: Path, backup: Path, data: Path, env: dict[str, str], wait_for: int) -> tuple:
    """Start the import; start the restore after its ``wait_for``-th progress line; both to the end."""
    importer = _start_import(big, data, env)
    restorer = None
    try:
        assert importer.stderr is not None
        import_err: list[str] = []
        seen = 0
        if wait_for == 0:
            restorer = _start_restore(backup, data, env)
        for line in importer.stderr:
            import_err.append(line)
            if line.startswith("progress "):
                seen += 1
                if restorer is None and seen >= wait_for:
                    restorer = _start_restore(backup, data, env)
        if restorer is None:
            restorer = _start_restore(backup, data, env)
        import_out = importer.communicate(timeout=120)[0]
        restore_out, restore_err = restorer.communicate(timeout=120)
    finally:
        for child in (importer, restorer):
            if child is not None and child.poll() is None:
                child.kill()
    return importer, restorer, import_out, "".join(import_err), restore_out, restore_err


def _restore_then_import(big: Path, backup: Path, data: Path, env: dict[str, str]) -> tuple:
    """Start a (slowed) restore; start the import once the restore keeps the current data; both to the end."""
    restorer = _start_restore(backup, data, {**env, "HOMELOG_BACKUP_PAGES": "1"})
    importer = None
    try:
        assert restorer.stderr is not None
        restore_err: list[str] = []
        for line in restorer.stderr:
            restore_err.append(line)
            if importer is None and "keeping a copy" in line:
                importer = _start_import(big, data, env)
        if importer is None:
            importer = _start_import(big, data, env)
        restore_out = restorer.communicate(timeout=120)[0]
        import_out, import_err = importer.communicate(timeout=120)
    finally:
        for child in (importer, restorer):
            if child is not None and child.poll() is None:
                child.kill()
    return importer, restorer, import_out, import_err, restore_out, "".join(restore_err)


def _start_restore(backup: Path, data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        homelog_command("restore", str(backup), "--data-dir", str(data)),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
