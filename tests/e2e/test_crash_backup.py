"""kill -9 in the middle of a backup and of a restore: the data is exactly as before, nothing is half written.

The child copies one page per step and reports every step on stderr ($HOMELOG_BACKUP_PAGES=1). The
test reads the first line of the step it wants to interrupt, then stops reading: the child blocks
on its full stderr pipe long before the copy ends (the file has several thousand pages), so the
kill always lands mid-way, with no sleeps and no timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
from datetime import timedelta

import pytest

from homelog_desktop.db.backup_files import BEFORE_RESTORE, PARTIAL_SUFFIX, list_backups
from tests.backup_support import contents, integrity
from tests.conftest import T0, seed_readings
from tests.processes import homelog, homelog_command, homelog_env

#: Readings in the big database: ~100,000 readings → ~4,700 pages of 4 KB, while the child blocks on
#: its stderr pipe (64 KB) after ~1,300 more progress lines.
READINGS = 100_000


@pytest.fixture
def big(run, db, db_path, add_source):
    """A data folder with a database of several thousand pages, closed by the app."""
    source = add_source("House")
    seed_readings(db_path, source, READINGS)
    run(db.dispose())
    return db_path.parent, source


def _kill_at(tmp_path, args, marker):
    """Start ``homelog ARGS``, read stderr until a line containing ``marker``, then kill -9 it."""
    child = subprocess.Popen(
        homelog_command(*args),
        env=homelog_env(tmp_path, HOMELOG_BACKUP_PAGES="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    seen = []
    try:
        for line in child.stderr:
            seen.append(line)
            if marker in line:
                break
        else:
            pytest.fail(f"the child ended before {marker!r}: {''.join(seen[-5:])}")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=60)
    return child.pid, seen[-1]


def _partials(folder):
    if not folder.is_dir():
        return []
    # A temporary file and anything SQLite may have put beside it (its -journal).
    return sorted(p.name for p in folder.iterdir() if PARTIAL_SUFFIX in p.name)


def test_crash_during_backup_leaves_the_database_whole_and_no_backup_under_a_real_name(big, tmp_path):
    """kill -9 mid-backup: the database passes integrity_check with the same rows; only a temporary
    file is left (no -journal beside it), which is not listed as a backup and is removed, with any
    .partial-journal an older version left, by the next backup."""
    data, _source = big
    before = contents(data / "homelog.db")
    # What an older Home Log left when killed: a temporary copy and its journal, of a process long gone.
    (data / "backups").mkdir()
    for name in (".homelog-x.db.999999999.partial", ".homelog-x.db.999999999.partial-journal"):
        (data / "backups" / name).write_bytes(b"left over")
    pid, line = _kill_at(tmp_path, ["backup", "--data-dir", str(data)], "backing up")
    done, total = (int(x) for x in line.split("(")[1].split()[0].split("/"))
    assert 0 < done < total and total > 3000, line
    assert list_backups(data / "backups") == []
    assert any(str(pid) in name for name in _partials(data / "backups")), "the kill landed mid-copy"
    assert [n for n in _partials(data / "backups") if n.endswith("-journal")] == [], "a copy keeps no journal"
    assert integrity(data / "homelog.db") == "ok"
    assert contents(data / "homelog.db") == before
    again = homelog(tmp_path, "backup", "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    [made] = list_backups(data / "backups")
    assert contents(made.path) == before and _partials(data / "backups") == []


@pytest.mark.parametrize("marker", ["copying the backup", "keeping a copy of the current data"])
def test_crash_during_restore_leaves_the_data_from_before(big, tmp_path, marker):
    """kill -9 while the backup is copied into place, or while the current data is being kept: the
    database holds exactly the data from before, passes integrity_check, and a new restore works."""
    data, source = big
    backup = tmp_path / "saved.db"
    assert homelog(tmp_path, "backup", "-o", str(backup), "--data-dir", str(data)).returncode == 0
    seed_readings(data / "homelog.db", source, 10, start=T0 + timedelta(days=9000))
    before = contents(data / "homelog.db")
    assert before != contents(backup)
    pid, line = _kill_at(tmp_path, ["restore", str(backup), "--data-dir", str(data)], marker)
    done, total = (int(x) for x in line.split("(")[1].split()[0].split("/"))
    assert 0 < done < total, line
    assert integrity(data / "homelog.db") == "ok"
    assert contents(data / "homelog.db") == before
    assert [b for b in list_backups(data / "backups") if b.reason == BEFORE_RESTORE] == []
    assert any(str(pid) in name for name in _partials(data) + _partials(data / "backups"))
    # The killed process's lock file may be left: the next restore takes a dead owner's lock over.
    again = homelog(tmp_path, "restore", str(backup), "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert contents(data / "homelog.db") == contents(backup)
    [kept] = [b for b in list_backups(data / "backups") if b.reason == BEFORE_RESTORE]
    assert contents(kept.path) == before
    assert _partials(data) == [] and _partials(data / "backups") == []
