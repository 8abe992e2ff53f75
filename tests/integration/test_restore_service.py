"""Restore on real files: what is refused, what is kept, and a swap that leaves no trace of the old file."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.backup_files import BEFORE_RESTORE, list_backups
from homelog_desktop.db.migrate import migrate
from homelog_desktop.db.revisions import HEAD_REVISION, REVISIONS
from homelog_desktop.services.backups import MANUAL, back_up
from homelog_desktop.services.restore import RestoreError, restore_file, validate_backup
from tests.backup_support import contents, damage, integrity, readonly_folder, revision, tree
from tests.conftest import T0, make_reading, seed_readings

NOW = datetime(2026, 11, 24, 21, 30, 5, tzinfo=UTC)


@pytest.fixture
def house(db, db_path, add_source, store):
    """A database with 1,500 readings; returns (source, a backup of it as it is now)."""
    source = add_source("House")
    seed_readings(db_path, source, 1500)
    backup = back_up(db_path, db_path.parent / "backups", MANUAL, now=NOW - timedelta(days=1))
    return source, backup.path


def test_restore_replaces_the_data_and_keeps_what_was_there(run, db, db_path, house, store):
    """After a restore the file holds exactly the backup's data; the data from before is a backup."""
    source, backup = house
    store(source, make_reading(source, T0 - timedelta(days=3), "5.0", "6.0", note="after the backup"))
    before = contents(db_path)
    expected = contents(backup)
    assert before != expected
    run(db.dispose())  # the app closes its connections first
    result = restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
    assert contents(db_path) == expected and integrity(db_path) == "ok"
    assert result.kept is not None and not result.moved_aside
    assert result.kept.name == "homelog-20261124T213005Z-before-restore.db"
    assert contents(result.kept) == before  # including the reading that was only in the WAL
    assert (result.restored.revision, result.restored.readings) == (HEAD_REVISION, 1500)
    for suffix in ("-wal", "-shm", "-journal"):
        assert not (db_path.parent / f"homelog.db{suffix}").exists()
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".partial")] == []


def test_restore_then_the_app_opens_the_restored_data(run, db, db_path, house, stored_readings):
    """The database reopened after a restore (as the controller does) reads the backup's readings."""
    source, backup = house
    seed_readings(db_path, source, 10, start=T0 + timedelta(days=400))
    run(db.dispose())
    restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
    reopened = Database(sqlite_url(db_path))
    try:
        assert run(migrate(reopened)).migrated is False

        async def count() -> int:
            async with reopened.session(readonly=True) as s:
                conn = await s.connection()
                return int((await conn.exec_driver_sql("SELECT count(*) FROM readings")).scalar_one())

        assert run(count()) == 1500
    finally:
        run(reopened.dispose())


def test_restore_is_refused_while_another_program_has_the_file_open(run, db, db_path, house):
    """Another connection holds the database: the restore says so and changes nothing."""
    _source, backup = house
    run(db.dispose())
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM readings").fetchone()
    before = contents(db_path)
    try:
        with pytest.raises(RestoreError, match="in use by another program"):
            restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
    finally:
        other.rollback()
        other.close()
    assert contents(db_path) == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.write_text("date;value\n2025-01-01;1\n"), "not a database"),
        (lambda p: p.write_bytes(b""), "is empty \\(0 bytes\\)"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE stuff (x)").connection.close(), "did not create"),
    ],
    ids=["csv", "empty", "foreign"],
)
def test_restore_refuses_what_is_not_a_home_log_backup(run, db, db_path, house, tmp_path, make, why):
    """A file that is not a Home Log database is refused with the reason; nothing changes."""
    run(db.dispose())
    bad = tmp_path / "chosen.db"
    make(bad)
    before = tree(db_path.parent)
    with pytest.raises(RestoreError, match=why):
        restore_file(bad, db_path, db_path.parent / "backups", now=NOW)
    assert tree(db_path.parent) == before


def test_restore_refuses_a_damaged_backup(run, db, db_path, house):
    """A backup that fails the integrity check is refused; the database and backups are unchanged."""
    _source, backup = house
    run(db.dispose())
    damage(backup)
    before = tree(db_path.parent)
    with pytest.raises(RestoreError, match="damaged"):
        restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
    assert tree(db_path.parent) == before


def test_restore_refuses_a_backup_from_a_newer_version(run, db, db_path, house):
    """A schema this version does not know is refused: it could not be read correctly."""
    _source, backup = house
    run(db.dispose())
    conn = sqlite3.connect(backup)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(RestoreError, match="newer version of Home Log"):
        validate_backup(backup)


def test_restore_of_an_older_schema_is_accepted_and_upgraded_on_open(run, tmp_path):
    """A backup of schema 0001 is restored as it is, and the next open upgrades it (after a backup)."""
    old = tmp_path / "old.db"
    database = Database(sqlite_url(old))
    run(migrate(database, target=REVISIONS[0]))
    run(database.dispose())
    target = tmp_path / "data" / "homelog.db"
    result = restore_file(old, target, tmp_path / "data" / "backups", now=NOW)
    assert result.kept is None and result.restored.revision == REVISIONS[0] and result.restored.needs_upgrade
    reopened = Database(sqlite_url(target))
    try:
        migrated = run(migrate(reopened, tmp_path / "data" / "backups"))
    finally:
        run(reopened.dispose())
    assert (migrated.previous, migrated.current) == (REVISIONS[0], HEAD_REVISION)
    assert revision(target) == HEAD_REVISION


def test_restore_over_a_damaged_database_moves_it_aside_unchanged(run, db, db_path, house):
    """The damaged file is never overwritten: it is renamed aside, byte for byte, and the backup put in place."""
    _source, backup = house
    run(db.dispose())
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    result = restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
    assert result.moved_aside and result.kept == db_path.parent / "homelog-damaged-20261124T213005Z.db"
    assert result.kept.read_bytes() == damaged_bytes
    assert contents(db_path) == contents(backup) and integrity(db_path) == "ok"
    assert [b.reason for b in list_backups(db_path.parent / "backups")] == [MANUAL]


def test_restore_into_a_read_only_folder_changes_nothing(run, db, db_path, house, tmp_path):
    """A read-only data folder: a clear message, and every file there exactly as before."""
    _source, backup = house
    run(db.dispose())

    def fill(folder):
        (folder / "homelog.db").write_bytes(db_path.read_bytes())
        (folder / "backups").mkdir()

    with readonly_folder(tmp_path / "ro", fill) as folder:
        before = tree(folder)
        with pytest.raises(RestoreError, match="read-only") as caught:
            restore_file(backup, folder / "homelog.db", folder / "backups", now=NOW)
        assert tree(folder) == before
    assert "nothing was changed" in str(caught.value).lower()


def test_restore_of_the_database_onto_itself_is_refused(run, db, db_path, house):
    run(db.dispose())
    with pytest.raises(RestoreError, match="is the database itself"):
        restore_file(db_path, db_path, db_path.parent / "backups")


def test_restore_keeps_a_before_restore_copy_named_for_it(run, db, db_path, house):
    """The copy of the data from before carries the reason before-restore, listed with the others."""
    _source, backup = house
    run(db.dispose())
    restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
    assert [b.reason for b in list_backups(db_path.parent / "backups")] == [BEFORE_RESTORE, MANUAL]


def test_restore_async_safe_to_call_from_a_thread(run, db, db_path, house):
    """The service is sync; run in the default executor (as the GUI does) it completes the same way."""
    _source, backup = house
    run(db.dispose())

    async def go():
        return await asyncio.get_running_loop().run_in_executor(
            None, lambda: restore_file(backup, db_path, db_path.parent / "backups", now=NOW)
        )

    assert run(go()).restored.readings == 1500
