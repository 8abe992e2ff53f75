"""The window's backups view model: work in threads, progress and results as signals, errors as messages."""

from __future__ import annotations

import threading

from homelog_desktop.db import backup_files
from homelog_desktop.db.backup_files import DAILY, MANUAL, list_backups
from homelog_desktop.viewmodels.backups import BackupsViewModel
from tests.backup_support import contents, damage
from tests.conftest import seed_readings


def test_backup_vm_backs_up_with_progress_on_the_gui_thread(qtbot, run, db, db_path, add_source, monkeypatch):
    """Back up now: progress signals arrive on the GUI thread, then backed_up with the new file."""
    seed_readings(db_path, add_source("House"), 3000)
    monkeypatch.setenv(backup_files.STEP_PAGES_ENV, "16")
    vm = BackupsViewModel(db_path, db_path.parent / "backups")
    seen, threads, made = [], set(), []
    vm.progress_changed.connect(lambda step, d, t: (seen.append((step, d, t)), threads.add(threading.get_ident())))
    vm.backed_up.connect(made.append)
    result = run(vm.back_up_now())
    assert result is not None and made == [result] and result.reason == MANUAL
    assert threads == {threading.get_ident()} and len(seen) > 3 and seen[-1][1] == seen[-1][2]
    assert {s[0] for s in seen} == {"backup"}
    assert contents(result.path) == contents(db_path)


def test_backup_vm_for_a_database_server_says_whose_job_it_is(qtbot, run, tmp_path):
    """No file (PostgreSQL): back up now reports that the server's pg_dump does it; nothing is written."""
    vm = BackupsViewModel(None, tmp_path / "backups")
    errors = []
    vm.error_occurred.connect(errors.append)
    assert not vm.available and run(vm.back_up_now()) is None
    assert len(errors) == 1 and "pg_dump" in errors[0]
    assert not (tmp_path / "backups").exists()


def test_backup_vm_newest_good_backup_skips_damaged_ones(qtbot, run, db, db_path, add_source):
    """The newest backup that passes the full check is offered, not a newer damaged one."""
    seed_readings(db_path, add_source("House"), 3000)
    vm = BackupsViewModel(db_path, db_path.parent / "backups")
    good = run(vm.back_up_now(DAILY))
    newer = run(vm.back_up_now(MANUAL))
    damage(newer.path)
    assert list_backups(vm.backup_dir)[0].path == newer.path
    assert run(vm.newest_good_backup()).path == good.path


def test_backup_vm_restore_error_is_a_message(qtbot, run, db, db_path, add_source, tmp_path):
    """Restoring a file that is not a backup: error_occurred with the reason, restored not emitted."""
    add_source("House")
    run(db.dispose())
    vm = BackupsViewModel(db_path, db_path.parent / "backups")
    text = tmp_path / "x.db"
    text.write_text("hello")
    errors, restored = [], []
    vm.error_occurred.connect(errors.append)
    vm.restored.connect(restored.append)
    assert run(vm.restore(text)) is None
    assert restored == [] and "not a database" in errors[0]
