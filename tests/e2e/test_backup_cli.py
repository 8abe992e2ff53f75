"""homelog backup, restore and check as real processes: output, exit codes and files."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from homelog_desktop.db.backup_files import BEFORE_RESTORE, MANUAL, list_backups
from homelog_desktop.db.revisions import HEAD_REVISION
from tests.backup_support import contents, damage, integrity, lock_held, readonly_folder, tree
from tests.conftest import T0, seed_readings
from tests.processes import homelog


@pytest.fixture
def data(run, db, db_path, add_source):
    """A data folder (tmp_path) whose homelog.db holds a source with 1,000 readings; nothing holds it open."""
    source = add_source("House")
    seed_readings(db_path, source, 1000)
    run(db.dispose())
    return db_path.parent


def test_backup_cli_makes_a_backup_in_the_data_folder(data, tmp_path):
    """`homelog backup` writes a manual backup into backups/ and says where, exit 0."""
    done = homelog(tmp_path, "backup", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    [made] = list_backups(data / "backups")
    assert made.reason == MANUAL and str(made.path) in done.stdout
    assert contents(made.path) == contents(data / "homelog.db")


def test_backup_cli_to_a_chosen_file(data, tmp_path):
    """`homelog backup -o FILE` writes FILE and nothing in backups/."""
    target = tmp_path / "elsewhere" / "copy.db"
    target.parent.mkdir()
    done = homelog(tmp_path, "backup", "-o", str(target), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert integrity(target) == "ok" and contents(target) == contents(data / "homelog.db")
    assert not (data / "backups").exists()


def test_backup_cli_with_a_sqlite_url(data, tmp_path):
    """--db with a SQLite file backs up into the backups/ folder beside that file."""
    moved = tmp_path / "other" / "house.db"
    moved.parent.mkdir()
    shutil.copyfile(data / "homelog.db", moved)
    done = homelog(tmp_path, "backup", "--db", f"sqlite+aiosqlite:///{moved}")
    assert done.returncode == 0, done.stderr
    assert [b.path.name.startswith("house-") for b in list_backups(moved.parent / "backups")] == [True]


def test_backup_cli_of_an_unreachable_server(tmp_path):
    """A server backup (a local copy) of a server that cannot be reached: one line naming it, exit 1, no file."""
    done = homelog(
        tmp_path, "backup", "--db", "postgresql+asyncpg://someone@127.0.0.1:9/homelog", HOMELOG_DATA_DIR=str(tmp_path)
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "127.0.0.1:9/homelog" in done.stderr and "Traceback" not in done.stderr
    assert not list((tmp_path / "backups").rglob("*.db"))


def test_backup_cli_without_a_database(tmp_path):
    done = homelog(tmp_path, "backup", "--data-dir", str(tmp_path / "empty"))
    assert done.returncode == 1 and "no database at" in done.stderr
    assert not (tmp_path / "empty" / "backups").exists()


def test_backup_cli_into_a_read_only_folder(data, tmp_path):
    """A read-only data folder: exit 1, one line saying so, and the folder unchanged."""

    def fill(folder):
        shutil.copyfile(data / "homelog.db", folder / "homelog.db")

    with readonly_folder(tmp_path / "ro", fill) as folder:
        before = tree(folder)
        done = homelog(tmp_path, "backup", "--data-dir", str(folder))
        assert tree(folder) == before
    assert done.returncode == 1 and "read-only" in done.stderr and done.stderr.count("\n") == 1


def test_restore_cli_restores_and_keeps_the_current_data(data, tmp_path):
    """`homelog restore FILE`: the file's data is in place, the data from before is a before-restore backup."""
    backup = tmp_path / "saved.db"
    assert homelog(tmp_path, "backup", "-o", str(backup), "--data-dir", str(data)).returncode == 0
    expected = contents(backup)
    import sqlite3

    conn = sqlite3.connect(data / "homelog.db")
    with conn:
        conn.execute("DELETE FROM reading_values WHERE reading_id > 500")
        conn.execute("DELETE FROM readings WHERE id > 500")
    conn.close()
    before = contents(data / "homelog.db")
    done = homelog(tmp_path, "restore", str(backup), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert contents(data / "homelog.db") == expected and integrity(data / "homelog.db") == "ok"
    [kept] = [b for b in list_backups(data / "backups") if b.reason == BEFORE_RESTORE]
    assert contents(kept.path) == before
    assert "1000 readings" in done.stdout and str(kept.path) in done.stdout


def test_restore_cli_refuses_while_the_app_has_the_file_open(data, tmp_path):
    """While a Home Log window holds the file's lock, restore refuses (exit 1) and changes nothing."""
    backup = tmp_path / "saved.db"
    shutil.copyfile(data / "homelog.db", backup)
    seed_readings(data / "homelog.db", _source(data), 5, start=T0 + timedelta(days=500))
    before = tree(data)
    with lock_held(tmp_path, data / "homelog.db"):
        done = homelog(tmp_path, "restore", str(backup), "--data-dir", str(data))
    assert done.returncode == 1
    assert "close the app" in done.stderr and done.stderr.count("\n") == 1
    assert tree(data) == before


def test_restore_cli_refuses_a_damaged_or_foreign_file(data, tmp_path):
    """A damaged backup or a text file is refused with the reason; nothing changes."""
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(data / "homelog.db", damaged)
    damage(damaged)
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    before = tree(data)
    for bad, why in ((damaged, "damaged"), (text, "not a database"), (tmp_path / "missing.db", "not a file")):
        done = homelog(tmp_path, "restore", str(bad), "--data-dir", str(data))
        assert done.returncode == 1 and why in done.stderr, done.stderr
    assert tree(data) == before


def test_restore_cli_upgrades_an_older_schema(tmp_path, run):
    """A backup of schema 0001 is restored and upgraded at once (after its own backup)."""
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.db.revisions import HEAD_REVISION, REVISIONS
    from tests.backup_support import revision

    old = tmp_path / "old.db"
    database = Database(sqlite_url(old))
    run(migrate(database, target=REVISIONS[0]))
    run(database.dispose())
    data = tmp_path / "data"
    done = homelog(tmp_path, "restore", str(old), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert revision(data / "homelog.db") == HEAD_REVISION
    assert revision(old) == REVISIONS[0]  # the chosen file itself is never changed


def test_check_cli_ok_and_problems(data, tmp_path):
    """`homelog check`: exit 0 with the schema for a healthy file; exit 1 and one line otherwise."""
    ok = homelog(tmp_path, "check", "--data-dir", str(data))
    assert ok.returncode == 0, ok.stderr
    assert "integrity_check ok" in ok.stdout and f"schema {HEAD_REVISION}" in ok.stdout
    quick = homelog(tmp_path, "check", "--quick", "--data-dir", str(data))
    assert quick.returncode == 0 and "quick_check ok" in quick.stdout
    damage(data / "homelog.db")
    bad = homelog(tmp_path, "check", "--data-dir", str(data))
    assert bad.returncode == 1 and "damaged" in bad.stderr and bad.stderr.count("\n") == 1
    missing = homelog(tmp_path, "check", "--data-dir", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "no database" in missing.stderr
    assert not (tmp_path / "nothing").exists()


def _source(data):
    from homelog_desktop.db.snapshot import read_snapshot

    snap = read_snapshot(data / "homelog.db", None, 1)
    assert snap is not None and snap.source is not None
    return snap.source


def test_restore_and_check_cli_with_a_postgresql_url(tmp_path):
    """restore refuses a server URL (pg_restore is the server's tool); exit 1, one line."""
    backup = tmp_path / "x.db"
    backup.write_bytes(b"")
    done = homelog(tmp_path, "restore", str(backup), "--db", "postgresql+asyncpg://someone@nowhere/homelog")
    assert done.returncode == 1 and "pg_dump" in done.stderr and done.stderr.count("\n") == 1


def test_check_cli_on_a_postgresql_database(tmp_path, pg_server):
    """check on a server: the schema version is checked (exit 0); integrity is the server's own business."""
    import asyncio

    from tests.postgres import create_database, drop_database

    url = asyncio.run(create_database(migrated=True))
    try:
        done = homelog(tmp_path, "check", "--db", url)
        backup = homelog(tmp_path, "backup", "--db", url, HOMELOG_DATA_DIR=str(tmp_path / "data"))
    finally:
        asyncio.run(drop_database(url))
    assert done.returncode == 0, done.stderr
    assert f"schema {HEAD_REVISION} (current)" in done.stdout and "the server checks its own integrity" in done.stdout
    # backup on a server: a local copy of the (empty) household, no pg_dump needed (tests/e2e/test_cli_copy.py)
    assert backup.returncode == 0 and "Backed up" in backup.stdout and "0 readings" in backup.stdout
