"""Backups on real files: consistent copies of a live database, names, rotation, and write failures."""

from __future__ import annotations

import errno
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from homelog_desktop.db import backup_files
from homelog_desktop.db.backup_files import BackupError, list_backups, partial_name, write_backup
from homelog_desktop.services.backups import (
    DAILY,
    MANUAL,
    back_up,
    back_up_async,
    back_up_to,
    daily_backup_due,
    rotate,
)
from tests.backup_support import contents, integrity, readonly_folder, small_filesystem, tree
from tests.conftest import T0, make_reading, seed_readings

NOW = datetime(2026, 11, 24, 21, 30, 5, tzinfo=UTC)


@pytest.fixture
def filled(db, db_path, add_source, store):
    """A database with a source and 2,000 readings, some of them only in the WAL (not checkpointed)."""
    source = add_source("House")
    seed_readings(db_path, source, 2000)
    store(source, make_reading(source, T0 - timedelta(days=1), "1.0", "2.0", note="only in the WAL so far"))
    assert (db_path.parent / "homelog.db-wal").stat().st_size > 0
    return source


def test_backup_is_a_complete_consistent_copy_of_a_live_database(db_path, filled, tmp_path):
    """A backup taken while the app holds the file open has every row (WAL included) in one file."""
    backups = tmp_path / "backups"
    made = back_up(db_path, backups, MANUAL, now=NOW)
    assert made.path.name == "homelog-20261124T213005Z-manual.db"
    assert (made.created, made.reason, made.size) == (NOW, MANUAL, made.path.stat().st_size)
    assert integrity(made.path) == "ok"
    assert contents(made.path) == contents(db_path)
    assert sorted(p.name for p in backups.iterdir()) == [made.path.name]  # no -wal, -shm or temporary file
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_backup_in_the_same_second_gets_its_own_name(db_path, filled, tmp_path):
    """Two backups in one second never overwrite each other; the list shows them newest first."""
    first = back_up(db_path, tmp_path / "b", MANUAL, now=NOW)
    second = back_up(db_path, tmp_path / "b", DAILY, now=NOW)
    third = back_up(db_path, tmp_path / "b", DAILY, now=NOW)
    assert len({first.path, second.path, third.path}) == 3
    assert third.path.name == "homelog-20261124T213005Z-2-daily.db"
    listed = list_backups(tmp_path / "b")
    assert [b.reason for b in listed].count(DAILY) == 2 and len(listed) == 3


def test_backup_stays_consistent_while_another_connection_writes(db_path, filled, tmp_path, monkeypatch):
    """Rows written between the backup's steps never leave a torn copy: it is one moment's data."""
    monkeypatch.setenv(backup_files.STEP_PAGES_ENV, "1")
    writer = sqlite3.connect(db_path, timeout=15)
    written = []
    calls = [0]
    totals = []

    def progress(done, total):
        calls[0] += 1
        totals.append(total)
        if calls[0] in (5, 50):
            with writer:
                writer.execute("UPDATE readings SET note = ? WHERE id = 1", (f"edit {calls[0]}",))
            written.append(calls[0])

    made = back_up(db_path, tmp_path / "b", MANUAL, progress=progress, now=NOW)
    writer.close()
    assert written == [5, 50]
    assert integrity(made.path) == "ok"
    assert contents(made.path) == contents(db_path)  # the backup restarted and copied the final state
    assert calls[0] > max(totals)  # it did restart: more steps than the file has pages


def test_backup_async_reports_progress_on_the_loop(run, db_path, filled, tmp_path, monkeypatch):
    """The async wrapper copies in a worker thread and reports progress, ending at all pages."""
    monkeypatch.setenv(backup_files.STEP_PAGES_ENV, "8")
    seen = []
    made = run(back_up_async(db_path, tmp_path / "b", MANUAL, lambda d, t: seen.append((d, t))))
    assert integrity(made.path) == "ok"
    assert len(seen) > 3 and seen[-1][0] == seen[-1][1] and seen == sorted(seen)


def test_backup_rotation_on_disk_keeps_ten_and_the_monthly_ones(db_path, filled, tmp_path):
    """Forty daily backups plus older monthly ones: rotation leaves the newest ten and one per month."""
    folder = tmp_path / "b"
    for day in range(40):
        write_backup(db_path, folder, DAILY, now=NOW - timedelta(days=day))
    write_backup(db_path, folder, DAILY, now=datetime(2025, 6, 1, tzinfo=UTC))  # older than a year
    deleted = rotate(folder, NOW)
    left = list_backups(folder)
    assert len(deleted) == 41 - len(left)
    assert [b.created for b in left[:10]] == [NOW - timedelta(days=d) for d in range(10)]
    assert [(b.created.month, b.created.day) for b in left[10:]] == [(10, 31)]
    assert all(b.created.year == 2026 for b in left)


def test_backup_rotation_ignores_files_that_are_not_backups(db_path, filled, tmp_path):
    """Rotation only ever deletes files named as backups."""
    folder = tmp_path / "b"
    for day in range(12):
        write_backup(db_path, folder, DAILY, now=NOW - timedelta(days=day))
    (folder / "my notes.txt").write_text("mine")
    (folder / "homelog-damaged.db").write_bytes(b"x")
    rotate(folder, NOW + timedelta(days=400))
    assert (folder / "my notes.txt").exists() and (folder / "homelog-damaged.db").exists()
    assert len(list_backups(folder)) == 10


def test_daily_backup_is_due_after_a_day(db_path, filled, tmp_path):
    """No backup, or the newest older than a day: due; a younger one: not due."""
    folder = tmp_path / "b"
    assert daily_backup_due(folder, NOW)
    write_backup(db_path, folder, MANUAL, now=NOW - timedelta(hours=23))
    assert not daily_backup_due(folder, NOW)
    assert daily_backup_due(folder, NOW + timedelta(hours=1))


def test_backup_to_a_chosen_file_replaces_it_atomically(db_path, filled, tmp_path):
    """-o FILE writes a complete copy there (replacing an older file) and refuses the database itself."""
    target = tmp_path / "out" / "copy.db"
    target.parent.mkdir()
    target.write_bytes(b"an older file")
    assert back_up_to(db_path, target) == target
    assert contents(target) == contents(db_path)
    with pytest.raises(BackupError, match="is the database itself"):
        back_up_to(db_path, db_path)


def test_backup_on_a_full_disk_leaves_nothing_behind(db_path, filled, tmp_path, monkeypatch):
    """ENOSPC while the copy is flushed: a clear message, no backup under a real name, no temporary file."""

    def full(_path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files, "flush", full)
    folder = tmp_path / "b"
    with pytest.raises(BackupError, match="the disk is full") as caught:
        back_up(db_path, folder, MANUAL, now=NOW)
    assert "Nothing was changed" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_backup_onto_a_really_full_filesystem(db_path, filled, tmp_path):
    """A 64 KB filesystem cannot hold the backup: SQLite's own 'disk is full', and nothing is left there."""
    with small_filesystem(tmp_path / "tiny", "64k") as tiny:
        with pytest.raises(BackupError, match="the disk is full"):
            back_up(db_path, tiny / "backups", MANUAL, now=NOW)
        assert list((tiny / "backups").iterdir()) == []


def test_backup_into_a_read_only_folder_says_so(db_path, filled, tmp_path):
    """A read-only backups folder: a clear message and the folder exactly as it was."""

    def fill(folder):
        (folder / "backups").mkdir()

    with readonly_folder(tmp_path / "ro", fill) as folder:
        before = tree(folder)
        with pytest.raises(BackupError, match="read-only"):
            back_up(db_path, folder / "backups", MANUAL, now=NOW)
        assert tree(folder) == before


def test_backup_where_a_file_is_in_the_way(db_path, filled, tmp_path):
    """A file where the backups folder should be: a clear message."""
    (tmp_path / "b").write_text("not a folder")
    with pytest.raises(BackupError, match="a file is in the way"):
        back_up(db_path, tmp_path / "b", MANUAL, now=NOW)


def test_backup_leftovers_of_a_killed_writer_are_removed(db_path, filled, tmp_path):
    """A temporary file of a process that is gone is cleaned up by the next backup; a live one's is not."""
    folder = tmp_path / "b"
    folder.mkdir()
    dead = folder / ".homelog-20261124T213005Z-manual.db.999999999.partial"
    dead.write_bytes(b"half")
    mine = partial_name(folder / "homelog-x.db")
    mine.write_bytes(b"in progress")
    back_up(db_path, folder, MANUAL, now=NOW)
    assert not dead.exists() and mine.exists()
    assert len(list_backups(folder)) == 1


def test_backup_of_a_missing_database_is_refused(tmp_path):
    with pytest.raises(BackupError, match="no database"):
        back_up(tmp_path / "none.db", tmp_path / "b", MANUAL)
