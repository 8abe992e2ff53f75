"""A damaged database (16 KB of damage in the middle of a real file), as the command line meets it.

Nothing writes to it, nothing backs it up as if it were good, rotation never deletes the last good
backups, and every command says so in one line (exit 1, no traceback). A 0-byte homelog.db is a
damaged file too, never a new empty database. A backup dated in the future (a wrong clock) does not
stop the daily backups.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from homelog_desktop.db.backup_files import DAILY, MANUAL, backup_name, list_backups, write_backup
from homelog_desktop.db.integrity import check_file
from homelog_desktop.services.backups import KEEP_GOOD, back_up, daily_backup_due, rotate
from tests.conftest import seed_readings
from tests.e2e.test_cli_import import DATA
from tests.processes import homelog

DAMAGE = b"\xde\xad\xbe\xef" * 4096  # 16 KB


def damage_middle(path: Path) -> None:
    """Write 16 KB of garbage into the middle of the file (its header and first pages intact)."""
    size = path.stat().st_size
    assert size > 8 * len(DAMAGE), "a file with some data is needed"
    with path.open("r+b") as f:
        f.seek(size // 2 // 4096 * 4096 + 100)
        f.write(DAMAGE)


def one_line_error(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("homelog: backing up")]
    assert len(lines) == 1 and lines[0].startswith("homelog: error: "), stderr
    return lines[0]


@pytest.fixture
def healthy(run, db, db_path, add_source):
    """A data folder (tmp_path) whose homelog.db holds a source "House" with 20,000 readings."""
    source = add_source("House")
    seed_readings(db_path, source, 20_000)
    run(db.dispose())
    return db_path.parent


@pytest.fixture
def damaged(healthy):
    """The same data folder, its database damaged in the middle."""
    damage_middle(healthy / "homelog.db")
    return healthy


def test_damaged_database_import_is_refused_and_nothing_written(damaged, tmp_path):
    """`homelog import` into a damaged file: exit 1, one line saying it is damaged, the file unchanged."""
    before = (damaged / "homelog.db").read_bytes()
    done = homelog(
        tmp_path, "import", str(DATA / "excel_serial.csv"), "--source", "New", "--create", "--data-dir", str(damaged)
    )
    assert done.returncode == 1, done.stdout
    line = one_line_error(done.stderr)
    assert "is damaged" in line and "nothing was written" in line and "restore" in line
    assert (damaged / "homelog.db").read_bytes() == before


def test_damaged_database_backup_is_refused_and_leaves_no_file(damaged, tmp_path):
    """`homelog backup` of a damaged file: exit 1, "not backed up", no backup and no temporary file left."""
    done = homelog(tmp_path, "backup", "--data-dir", str(damaged))
    assert done.returncode == 1, done.stdout
    line = one_line_error(done.stderr)
    assert "is damaged" in line and "not backed up" in line
    assert list((damaged / "backups").iterdir()) == []
    out = homelog(tmp_path, "backup", "-o", str(tmp_path / "copy.db"), "--data-dir", str(damaged))
    assert out.returncode == 1 and "not backed up" in one_line_error(out.stderr)
    assert not (tmp_path / "copy.db").exists()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_damaged_database_report_is_one_line(damaged, tmp_path):
    """`homelog report` on a damaged file: exit 1, one line naming the damage, no traceback."""
    done = homelog(
        tmp_path, "report", "--source", "House", "--metric", "Day", "--period", "month", "--data-dir", str(damaged)
    )
    assert done.returncode == 1, done.stdout[-300:]
    assert "damaged" in one_line_error(done.stderr)


def test_damaged_database_rotation_keeps_the_newest_good_backups(healthy):
    """Good backups two years old, then many damaged copies (as an older Home Log made them): a new
    backup's rotation deletes damaged ones but keeps the newest good ones, whatever their age."""
    db_path = healthy / "homelog.db"
    backup_dir = healthy / "backups"
    now = datetime.now(UTC).replace(microsecond=0)
    old_good = [write_backup(db_path, backup_dir, DAILY, now=now - timedelta(days=730 + 31 * i)).path for i in range(4)]
    bad = healthy / "bad.db"
    shutil.copyfile(db_path, bad)
    damage_middle(bad)
    for day in range(1, 13):
        shutil.copyfile(bad, backup_dir / backup_name("homelog", now - timedelta(days=day), DAILY))
    made = back_up(db_path, backup_dir, MANUAL, now=now)
    left = {b.path for b in list_backups(backup_dir)}
    good = [p for p in left if check_file(p, quick=True, live=False).ok]
    assert made.path in left and len(good) >= KEEP_GOOD
    assert old_good[0] in left and old_good[1] in left  # the newest two of the old good ones
    assert old_good[3] not in left  # older good ones go as rotation says
    # Rotating again (another day) never touches the three good ones.
    rotate(backup_dir, now + timedelta(days=40))
    assert {made.path, old_good[0], old_good[1]} <= {b.path for b in list_backups(backup_dir)}


@pytest.mark.parametrize(
    "command",
    [
        ["import", str(DATA / "excel_serial.csv"), "--source", "New", "--create"],
        ["report", "--source", "House", "--metric", "Day", "--period", "month"],
        ["backup"],
        ["check"],
        ["export", "--source", "House"],
    ],
    ids=["import", "report", "backup", "check", "export"],
)
def test_damaged_database_zero_length_file_is_damaged_not_new(tmp_path, command):
    """A 0-byte homelog.db: every command says it is empty (0 bytes) in one line, exit 1, and leaves it so."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "homelog.db").write_bytes(b"")
    done = homelog(tmp_path, *command, "--data-dir", str(data))
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "0 bytes" in one_line_error(done.stderr)
    assert (data / "homelog.db").stat().st_size == 0
    assert not (data / "backups").exists() or list_backups(data / "backups") == []


def test_damaged_database_future_dated_backup_does_not_stop_daily_backups(healthy):
    """A backup dated 2099 (made under a wrong clock) does not count as recent: the daily backup is due."""
    db_path = healthy / "homelog.db"
    backup_dir = healthy / "backups"
    now = datetime.now(UTC)
    write_backup(db_path, backup_dir, DAILY, now=datetime(2099, 1, 1, tzinfo=UTC))
    assert daily_backup_due(backup_dir, now)
    write_backup(db_path, backup_dir, DAILY, now=now - timedelta(hours=2))
    assert not daily_backup_due(backup_dir, now)
    assert daily_backup_due(backup_dir, now + timedelta(days=1, hours=1))
    # Nor does it push the real ones out of rotation.
    for hours in range(3, 15):
        write_backup(db_path, backup_dir, DAILY, now=now - timedelta(hours=hours))
    made = back_up(db_path, backup_dir, MANUAL, now=now)
    assert made.path in {b.path for b in list_backups(backup_dir)}
