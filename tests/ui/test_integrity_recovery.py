"""A damaged or foreign data file on open: the recovery dialog's three ways on, and the bad file kept."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel

from homelog_desktop.config import AppPaths
from homelog_desktop.controller import AppController
from homelog_desktop.db.backup_files import MANUAL, write_backup
from homelog_desktop.views.error_dialog import ErrorHandler
from homelog_desktop.views.main import MainWindow
from tests.backup_support import contents, damage, integrity
from tests.conftest import seed_readings
from tests.ui.test_backup_window import dialog, source_names


@pytest.fixture
def broken(run, db, db_path, add_source):
    """The data folder's database has "Good" with 3,000 readings and a backup; then the file is damaged.

    Returns (the backup, the damaged file's bytes)."""
    source = add_source("Good")
    seed_readings(db_path, source, 3000)
    run(db.dispose())
    backup = write_backup(db_path, db_path.parent / "backups", MANUAL, now=datetime.now(UTC) - timedelta(hours=5))
    damage(db_path)
    return backup


@pytest.fixture
def app(qtbot, loop, run, db_path):
    QCoreApplication.setOrganizationName("HomeLogTests")
    QSettings().clear()
    window = MainWindow()
    window.show()
    controller = AppController(QApplication.instance(), window, AppPaths(db_path.parent), None, ErrorHandler())
    controller.connect_window()
    yield controller
    opening = getattr(controller, "opening", None)
    if opening is not None and not opening.done():
        opening.cancel()
    loop.run_until_complete(controller._close_current())
    if controller._backups is not None:
        loop.run_until_complete(controller._backups.close())
    if controller._own_lock is not None:
        controller._own_lock.unlock()
    window.close()
    window.deleteLater()


def recovery(qtbot, run, app):
    """Start opening the app's own data (a task: it waits for the dialog); the recovery dialog shown."""
    app.opening = asyncio.ensure_future(app._start_own())
    qtbot.waitUntil(lambda: dialog("recoveryDialog") is not None)
    return dialog("recoveryDialog")


def reason(shown):
    """The dialog's words: the plain explanation, the file, and the technical details."""
    names = ("recoveryReason", "recoveryFile", "recoveryDetails")
    return " ".join(shown.findChild(QLabel, name).text() for name in names)


def test_integrity_recovery_restores_the_newest_good_backup(qtbot, run, app, broken, db_path):
    """A damaged file: the dialog names the problem and offers the backup; choosing it shows the data,
    and the damaged file is moved aside byte for byte."""
    damaged = db_path.read_bytes()
    shown = recovery(qtbot, run, app)
    assert "damaged" in reason(shown) and str(db_path) in reason(shown)
    assert shown.restore_button.isEnabled() and "Restore the backup of" in shown.restore_button.text()
    qtbot.mouseClick(shown.restore_button, Qt.MouseButton.LeftButton)
    window = app.window
    qtbot.waitUntil(lambda: source_names(window) == ["Good"])
    qtbot.waitUntil(lambda: window.readings_model is not None and window.readings_model.rowCount() == 3000)
    assert integrity(db_path) == "ok" and contents(db_path) == contents(broken.path)
    [aside] = list(db_path.parent.glob("homelog-damaged-*.db"))
    assert aside.read_bytes() == damaged
    assert "moved aside" in window.banner.text and app.exit_code == 0


def test_integrity_recovery_opens_another_file(qtbot, run, app, broken, db_path, tmp_path, monkeypatch):
    """Open another file…: that file becomes the data for this session; the damaged one stays untouched."""
    other = tmp_path / "elsewhere" / "house.db"
    other.parent.mkdir()
    shutil.copyfile(broken.path, other)
    damaged = db_path.read_bytes()

    async def choose():
        return other

    monkeypatch.setattr(app, "choose_database_file", choose)
    shown = recovery(qtbot, run, app)
    qtbot.mouseClick(shown.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: source_names(app.window) == ["Good"])
    assert app.current is not None and app.current.workspace.location == str(other)
    assert db_path.read_bytes() == damaged


def test_integrity_recovery_quit_leaves_the_file_as_it_was(qtbot, run, app, broken, db_path):
    """Quit: the window closes with exit code 1 and every file in the folder is as it was."""
    damaged = db_path.read_bytes()
    shown = recovery(qtbot, run, app)
    qtbot.mouseClick(shown.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not app.window.isVisible())
    assert app.exit_code == 1
    assert db_path.read_bytes() == damaged
    assert not list(db_path.parent.glob("homelog-damaged-*"))


def test_integrity_recovery_of_a_file_that_is_not_a_database(qtbot, run, app, db_path, tmp_path):
    """A text file where the database should be, and no backups: restore is offered as unavailable."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text("meter;value\n2025-01-01;12\n")
    shown = recovery(qtbot, run, app)
    assert "not a Home Log data file" in reason(shown) and "not a database" in reason(shown)
    assert not shown.restore_button.isEnabled() and "none found" in shown.restore_button.text()
    assert shown.open_button.isDefault()
    shown.reject()
    qtbot.waitUntil(lambda: not app.window.isVisible())
    assert app.exit_code == 1 and db_path.read_text().startswith("meter;value")


def test_integrity_recovery_a_damaged_file_is_not_upgraded(qtbot, run, app, db, db_path, add_source):
    """A damaged file of an older schema: no upgrade and no before-migration backup, the dialog instead."""
    import sqlite3

    seed_readings(db_path, add_source("Old"), 3000)
    run(db.dispose())
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage(db_path)
    damaged = db_path.read_bytes()
    shown = recovery(qtbot, run, app)
    assert "damaged" in reason(shown)
    assert db_path.read_bytes() == damaged
    assert not (db_path.parent / "backups").exists()
    shown.reject()
    qtbot.waitUntil(lambda: not app.window.isVisible())


def test_integrity_recovery_a_zero_length_file_offers_the_backups(qtbot, run, app, db, db_path, add_source):
    """A 0-byte homelog.db (cut short by a full disk) is damaged, not a new database: the dialog offers
    the backup, and restoring it shows the data again (the empty file moved aside)."""
    seed_readings(db_path, add_source("Kept"), 500)
    run(db.dispose())
    backup = write_backup(db_path, db_path.parent / "backups", MANUAL, now=datetime.now(UTC) - timedelta(hours=3))
    db_path.write_bytes(b"")
    shown = recovery(qtbot, run, app)
    assert "0 bytes" in reason(shown)
    assert shown.restore_button.isEnabled()
    qtbot.mouseClick(shown.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: source_names(app.window) == ["Kept"])
    assert contents(db_path) == contents(backup.path)
    [aside] = list(db_path.parent.glob("homelog-damaged-*.db"))
    assert aside.stat().st_size == 0
