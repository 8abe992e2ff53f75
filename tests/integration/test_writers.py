"""The writers' lock and the file's identity (db/writers.py) on real files: a write never lands in a
file that was replaced under it, waits for a restore, and never goes into a damaged file."""

from __future__ import annotations

import shutil
import threading

import pytest

from homelog_desktop.db import writers
from homelog_desktop.db.backup_files import MANUAL, write_backup
from homelog_desktop.db.writers import DatabaseBusyError, DatabaseDamagedError, DatabaseReplacedError, restoring
from homelog_desktop.repositories import SourceRepository
from homelog_desktop.services.restore import restore_file
from tests.backup_support import contents, damage
from tests.conftest import make_source, seed_readings


def _add(run, db, name):
    async def go():
        async with db.session() as session:
            return await SourceRepository(session).add(make_source(name))

    return run(go())


def _names(path):
    return sorted(row[1] for row in contents(path)["sources"])


def test_writers_a_write_after_the_file_was_replaced_fails_loudly(run, db, db_path, tmp_path):
    """The Database read the old file; a restore replaced it; the next write raises and writes nowhere."""
    _add(run, db, "Before")
    backup = write_backup(db_path, tmp_path, MANUAL).path
    _add(run, db, "Old file")
    run(db.engine.dispose())  # connections closed (as the window does before a restore), the Database kept
    restore_file(backup, db_path, tmp_path / "backups")
    with pytest.raises(DatabaseReplacedError, match="replaced"):
        _add(run, db, "Lost?")
    assert _names(db_path) == ["Before"]


def test_writers_a_write_waits_for_a_restore_then_finds_the_file_replaced(run, db, db_path, tmp_path, monkeypatch):
    """While a restore holds the writers off, a write waits; when the swap is done it fails, not vanishes."""
    _add(run, db, "Before")
    backup = write_backup(db_path, tmp_path, MANUAL).path
    run(db.engine.dispose())
    waiting = threading.Event()
    real_try = writers.FileLock.try_acquire

    def observed(self, *, exclusive):
        taken = real_try(self, exclusive=exclusive)
        if not taken and not exclusive:
            waiting.set()  # the write found the lock held and waits
        return taken

    monkeypatch.setattr(writers.FileLock, "try_acquire", observed)
    held, release = threading.Event(), threading.Event()

    def restore() -> None:
        with restoring(db_path):
            held.set()
            release.wait(30)
            # The swap, as restore_file does it (the lock is not re-entrant, so swap by hand here).
            staging = db_path.with_name("staging.db")
            shutil.copyfile(backup, staging)
            staging.replace(db_path)

    worker = threading.Thread(target=restore)
    worker.start()
    assert held.wait(30)

    async def write_then_let_go():
        import asyncio

        task = asyncio.ensure_future(_write(db, "Waited"))
        while not waiting.is_set():
            await asyncio.sleep(0)  # let the write start: it finds the lock held
            assert not task.done()
        release.set()
        return await task

    with pytest.raises(DatabaseReplacedError):
        run(write_then_let_go())
    worker.join(30)
    assert _names(db_path) == ["Before"]


async def _write(db, name):
    async with db.session() as session:
        return await SourceRepository(session).add(make_source(name))


def test_writers_a_write_gives_up_with_a_clear_error_when_held_off_too_long(run, db, db_path, monkeypatch):
    """A restore that holds the writers off longer than a write's patience: DatabaseBusyError, nothing written."""
    monkeypatch.setattr(writers, "WRITE_PATIENCE", 0.3)
    fresh = type(db)(db.url)
    try:
        with restoring(db_path), pytest.raises(DatabaseBusyError, match="busy"):
            _add(run, fresh, "Too late")
    finally:
        run(fresh.dispose())
    assert _names(db_path) == []


def test_writers_a_damaged_file_is_never_written_to(run, db, db_path, add_source):
    """The first write of a Database on a damaged file is refused before anything is written."""
    seed_readings(db_path, add_source("House"), 3000)
    run(db.dispose())
    damage(db_path)
    before = db_path.read_bytes()
    fresh = type(db)(db.url)
    try:
        with pytest.raises(DatabaseDamagedError, match="damaged"):
            _add(run, fresh, "Into damage")
    finally:
        run(fresh.dispose())
    assert db_path.read_bytes() == before
