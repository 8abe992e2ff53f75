"""Backups from the window: File → Back Up Now, the daily backup, and File → Restore from Backup…"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from homelog_desktop.config import AppPaths
from homelog_desktop.controller import AppController
from homelog_desktop.db.backup_files import BEFORE_RESTORE, DAILY, MANUAL, list_backups, write_backup
from homelog_desktop.views.error_dialog import ErrorHandler
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from tests.backup_support import contents


def dialog(name):
    """The visible top-level widget called ``name``, or None."""
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


def source_names(window):
    model = window.sources_model
    if model is None:
        return []
    return sorted(model.summary_at(r).source.name for r in range(model.rowCount()))


@pytest.fixture
def start(qtbot, loop, run, db, db_path, tmp_path):
    """Start the app's controller on the data folder of ``db`` (closed by the test first)."""
    QCoreApplication.setOrganizationName("HomeLogTests")
    QSettings().clear()
    made = []

    def go(opened=True):
        run(db.dispose())
        window = MainWindow()
        window.show()
        controller = AppController(QApplication.instance(), window, AppPaths(db_path.parent), None, ErrorHandler())
        made.append(controller)
        controller.connect_window()
        if opened:
            run(controller._start_own())
        return controller

    yield go
    for controller in made:
        loop.run_until_complete(controller._close_current())
        if controller._backups is not None:
            loop.run_until_complete(controller._backups.close())
        if controller._own_lock is not None:
            controller._own_lock.unlock()
        controller.window.close()
        controller.window.deleteLater()


def test_backup_window_back_up_now_writes_a_backup_and_says_where(qtbot, start, add_source, db_path):
    """File → Back Up Now: a manual backup with all the data, and the status bar names the file."""
    add_source("House")
    write_backup(db_path, db_path.parent / "backups", DAILY)  # today's daily backup exists already
    controller = start()
    window = controller.window
    qtbot.waitUntil(lambda: source_names(window) == ["House"])
    assert window.action(Act.BACKUP_NOW).isEnabled()
    window.action(Act.BACKUP_NOW).trigger()
    qtbot.waitUntil(lambda: any(b.reason == MANUAL for b in list_backups(db_path.parent / "backups")))
    [manual] = [b for b in list_backups(db_path.parent / "backups") if b.reason == MANUAL]
    qtbot.waitUntil(lambda: str(manual.path) in window.statusBar().currentMessage())
    assert contents(manual.path) == contents(db_path)


def test_backup_window_takes_the_daily_backup_when_the_newest_is_old(qtbot, start, add_source, db_path):
    """At start, with the newest backup two days old, a daily backup is taken in the background."""
    add_source("House")
    folder = db_path.parent / "backups"
    write_backup(db_path, folder, MANUAL, now=datetime.now(UTC) - timedelta(days=2))
    controller = start()
    qtbot.waitUntil(lambda: source_names(controller.window) == ["House"])
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(folder)] == [DAILY, MANUAL])


def test_backup_window_no_daily_backup_when_one_is_recent(qtbot, run, start, add_source, db_path):
    """A backup younger than a day: no daily backup."""
    add_source("House")
    folder = db_path.parent / "backups"
    write_backup(db_path, folder, MANUAL, now=datetime.now(UTC) - timedelta(hours=2))
    controller = start()
    qtbot.waitUntil(lambda: source_names(controller.window) == ["House"])
    assert run(controller._backups_vm().daily_backup_if_due()) is None
    assert [b.reason for b in list_backups(folder)] == [MANUAL]


@pytest.fixture
def two_states(add_source, db_path):
    """A backup holding the source "Before"; the database then also holds "After"."""
    add_source("Before")
    backup = write_backup(db_path, db_path.parent / "backups", MANUAL, now=datetime.now(UTC) - timedelta(hours=1))
    add_source("After")
    return backup


def test_restore_window_replaces_the_data_and_shows_it(qtbot, start, two_states, db_path):
    """Restore dialog → pick the backup → confirm: the window shows the backup's data; the data from
    before is kept as a before-restore backup."""
    controller = start()
    window = controller.window
    qtbot.waitUntil(lambda: source_names(window) == ["After", "Before"])
    before = contents(db_path)
    window.action(Act.RESTORE).trigger()
    qtbot.waitUntil(lambda: dialog("restoreDialog") is not None)
    chooser = dialog("restoreDialog")
    assert chooser.table.topLevelItemCount() == 1
    assert chooser.table.topLevelItem(0).text(1) == "Backed up by you"
    assert chooser.restore_button.isEnabled()
    qtbot.mouseClick(chooser.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog("confirmRestore") is not None)
    confirm = dialog("confirmRestore")
    assert "1 sources" in confirm.informativeText() or "1 source" in confirm.informativeText()
    assert "kept as a backup" in confirm.informativeText()
    qtbot.mouseClick(confirm.findChild(type(chooser.restore_button), "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: source_names(window) == ["Before"] or "Nothing was restored" in window.banner.text)
    assert source_names(window) == ["Before"], window.banner.text
    qtbot.waitUntil(lambda: "Restored" in window.banner.text)
    [kept] = [b for b in list_backups(db_path.parent / "backups") if b.reason == BEFORE_RESTORE]
    assert contents(kept.path) == before
    assert str(kept.path) in window.banner.text
    assert contents(db_path) == contents(two_states.path)


@pytest.fixture
def daily_due(add_source, db_path):
    """A backup two days old holding "Before" (so a daily backup is due at start); the database also holds "After"."""
    add_source("Before")
    backup = write_backup(db_path, db_path.parent / "backups", MANUAL, now=datetime.now(UTC) - timedelta(days=2))
    add_source("After")
    return backup


def _restored(qtbot, window, db_path, backup):
    qtbot.waitUntil(lambda: source_names(window) == ["Before"] or "Nothing was restored" in window.banner.text)
    assert source_names(window) == ["Before"], window.banner.text
    assert "Restored" in window.banner.text
    assert contents(db_path) == contents(backup.path)
    kept = [b for b in list_backups(db_path.parent / "backups") if b.reason == BEFORE_RESTORE]
    assert len(kept) == 1


@pytest.mark.parametrize("trial", range(5))
def test_restore_window_right_after_start_while_start_up_work_runs(qtbot, run, start, daily_due, db_path, trial):
    """A restore at once after start: the daily backup, the sources' and the table's first loads are
    still running. The restore stops and closes them all (and waits for the backup) before the swap."""
    controller = start()
    window = controller.window
    assert run(controller._restore(daily_due.path)) is True
    _restored(qtbot, window, db_path, daily_due)
    assert DAILY in [b.reason for b in list_backups(db_path.parent / "backups")]  # the daily backup was not cut off


@pytest.mark.parametrize("trial", range(5))
def test_restore_window_while_the_database_is_still_opening(qtbot, run, start, daily_due, db_path, trial):
    """A restore asked for while the start-up is still opening (and migrating) the file waits for the
    opening to end, then closes it: no connection is opened behind its back."""
    controller = start(opened=False)
    window = controller.window

    async def both():
        opening = asyncio.ensure_future(controller._start_own())
        for _ in range(trial):
            await asyncio.sleep(0)
        restored = await controller._restore(daily_due.path)
        await opening
        return restored

    assert run(both()) is True
    _restored(qtbot, window, db_path, daily_due)


def _handles_on(db_path):
    """This process's open file handles on the database, its -wal and -shm (Linux: /proc/self/fd)."""
    names = {str(db_path), f"{db_path}-wal", f"{db_path}-shm"}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/self/fd/{fd}") in names:
                found.append(fd)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="lists open files through /proc")
def test_closing_the_window_data_leaves_no_handle_on_the_file(qtbot, run, start, daily_due, db_path):
    """Closing the data (as at the window's end, or before a restore) while its first loads and the
    daily backup run: afterwards this process has no handle left on the file, -wal or -shm."""
    controller = start()
    run(controller._close_current())
    run(controller._backups_vm()._file_work.acquire())  # (the daily backup has ended)
    controller._backups_vm()._file_work.release()
    assert _handles_on(db_path) == []


def test_restore_window_cancelled_changes_nothing(qtbot, start, two_states, db_path):
    """Cancel in the confirmation: the data stays as it was, no before-restore backup."""
    controller = start()
    window = controller.window
    qtbot.waitUntil(lambda: source_names(window) == ["After", "Before"])
    before = contents(db_path)
    window.action(Act.RESTORE).trigger()
    qtbot.waitUntil(lambda: dialog("restoreDialog") is not None)
    qtbot.mouseClick(dialog("restoreDialog").restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog("confirmRestore") is not None)
    dialog("confirmRestore").reject()
    qtbot.waitUntil(lambda: dialog("confirmRestore") is None)
    assert source_names(window) == ["After", "Before"] and contents(db_path) == before
    assert [b.reason for b in list_backups(db_path.parent / "backups")] == [MANUAL]


def test_restore_window_refuses_another_file_that_is_not_a_backup(qtbot, start, two_states, db_path, tmp_path):
    """Other file… with a text file: a message says why; the data is untouched."""
    controller = start()
    window = controller.window
    qtbot.waitUntil(lambda: source_names(window) == ["After", "Before"])
    before = contents(db_path)
    text = tmp_path / "readings.db"
    text.write_text("date,value\n")
    window.action(Act.RESTORE).trigger()
    qtbot.waitUntil(lambda: dialog("restoreDialog") is not None)
    dialog("restoreDialog").choose(text)
    qtbot.waitUntil(lambda: dialog("restoreRefused") is not None)
    refused = dialog("restoreRefused")
    assert "not a database" in refused.informativeText() and "not been changed" in refused.informativeText()
    refused.accept()
    assert source_names(window) == ["After", "Before"] and contents(db_path) == before
    assert window.banner.isHidden()  # said once, in the message box


def test_restore_dialog_without_backups_says_so(qtbot, tmp_path):
    """An empty backups folder: the dialog says where backups go and offers another file."""
    from homelog_desktop.views.backup_dialog import RestoreDialog

    chooser = RestoreDialog([], tmp_path / "backups")
    qtbot.addWidget(chooser)
    chooser.show()
    assert chooser.empty.isVisible() and not chooser.table.isVisible()
    assert str(tmp_path / "backups") in chooser.empty.text()
    assert not chooser.restore_button.isEnabled() and chooser.other_button.isEnabled()


def test_restore_dialog_lists_newest_first_with_local_time_and_size(qtbot, db, db_path, add_source, run):
    """Backups newest first; each row: local date and time, the reason in words, the size."""
    from homelog_desktop.views.backup_dialog import RestoreDialog

    add_source("House")
    run(db.dispose())
    folder = db_path.parent / "backups"
    moments = [datetime(2026, 3, d, 9, 30, tzinfo=UTC) for d in (1, 3, 2)]
    for moment, reason in zip(moments, (DAILY, "before-migration", MANUAL), strict=True):
        write_backup(db_path, folder, reason, now=moment)
    chooser = RestoreDialog(list_backups(folder), folder)
    qtbot.addWidget(chooser)
    rows = [[chooser.table.topLevelItem(r).text(c) for c in range(3)] for r in range(3)]
    assert [r[1] for r in rows] == ["Before an upgrade", "Backed up by you", "Daily"]
    assert "3 March 2026" in rows[0][0] and "1 March 2026" in rows[2][0]
    assert all(r[2].endswith("KB") for r in rows)
    assert chooser.selected_path() == list_backups(folder)[0].path
    conn = sqlite3.connect(chooser.selected_path())
    assert conn.execute("SELECT count(*) FROM sources").fetchone() == (1,)
    conn.close()


def test_backup_window_first_start_takes_no_backup_of_an_empty_file(qtbot, qapp, loop, run, tmp_path):
    """A first start creates the database but no daily backup of it (there is nothing in it to keep)."""
    QCoreApplication.setOrganizationName("HomeLogTests")
    QSettings().clear()
    window = MainWindow()
    window.show()
    controller = AppController(QApplication.instance(), window, AppPaths(tmp_path / "data"), None, ErrorHandler())
    try:
        run(controller._start_own())
        qtbot.waitUntil(lambda: window.welcome.isVisible())
        from homelog_desktop import background

        qtbot.waitUntil(lambda: not background.pending())  # background work (a daily backup would be one) done
        assert (tmp_path / "data" / "homelog.db").exists()
        assert not (tmp_path / "data" / "backups").exists()
        assert window.action(Act.BACKUP_NOW).isEnabled() and window.action(Act.RESTORE).isEnabled()
    finally:
        loop.run_until_complete(controller._close_current())
        if controller._own_lock is not None:
            controller._own_lock.unlock()
        window.close()
        window.deleteLater()
