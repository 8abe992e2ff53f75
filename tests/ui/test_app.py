"""The composition root in-process: sample household in its own file, and back to the user's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from homelog_desktop.config import AppPaths, resolve_paths
from homelog_desktop.controller import AppController
from homelog_desktop.views.error_dialog import ErrorHandler
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from tests.conftest import T0 as T0_OF_SEED


@pytest.fixture
def controller(qtbot, loop, tmp_path):
    QCoreApplication.setOrganizationName("HomeLogTests")
    QSettings().clear()
    window = MainWindow()  # owned here, not by qtbot: it must outlive the controller's clean-up
    window.show()
    ctl = AppController(QApplication.instance(), window, AppPaths(tmp_path / "data"), None, ErrorHandler())
    yield ctl
    loop.run_until_complete(ctl._close_current())
    if ctl._own_lock is not None:
        ctl._own_lock.unlock()
    window.close()
    window.deleteLater()


def test_app_sample_household_lives_in_its_own_file_and_back(qtbot, run, controller, tmp_path):
    """Explore sample data opens a separate file with the household; Back to My Data shows the user's own."""
    window = controller.window
    run(controller._start_own())
    qtbot.waitUntil(lambda: window.welcome.isVisible())
    run(controller._switch_to_sample())
    qtbot.waitUntil(lambda: window.sources_model is not None and window.sources_model.rowCount() == 4)
    assert "sample household" in window.windowTitle()
    assert window.action(Act.OWN_DATA).isVisible() and not window.action(Act.SAMPLE_DATA).isVisible()
    assert controller.paths.sample_db_path.exists()
    names = {window.sources_model.summary_at(r).source.name for r in range(4)}
    assert names == {"Electricity", "Gas", "Living room", "Water"}
    run(controller._switch_to_own())
    qtbot.waitUntil(lambda: window.welcome.isVisible())
    assert "sample" not in window.windowTitle()
    assert window.sources_model is not None and window.sources_model.rowCount() == 0


def test_app_sample_household_is_kept_between_visits(qtbot, run, controller):
    """A second visit reopens the same sample file instead of generating it again."""
    run(controller._start_own())
    run(controller._switch_to_sample())
    window = controller.window
    qtbot.waitUntil(lambda: window.sources_model is not None and window.sources_model.rowCount() == 4)
    stamp = controller.paths.sample_db_path.stat().st_mtime_ns
    run(controller._switch_to_own())
    run(controller._switch_to_sample())
    qtbot.waitUntil(lambda: window.sources_model is not None and window.sources_model.rowCount() == 4)
    assert controller.paths.sample_db_path.stat().st_mtime_ns >= stamp
    assert window.sources_model.rowCount() == 4


def test_app_paths_follow_argument_then_environment(monkeypatch, tmp_path):
    """--data-dir wins over HOMELOG_DATA_DIR, which wins over the platform folder."""
    monkeypatch.setenv("HOMELOG_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths(str(tmp_path / "arg")).data_dir == (tmp_path / "arg").resolve()
    assert resolve_paths(None).data_dir == (tmp_path / "env").resolve()
    monkeypatch.delenv("HOMELOG_DATA_DIR")
    default = resolve_paths(None).data_dir
    assert default.name == "HomeLog" and Path.home() in default.parents
    paths = resolve_paths(str(tmp_path))
    assert paths.db_path.parent == paths.data_dir and paths.sample_db_path.parent.parent == paths.data_dir


def test_app_window_shows_a_snapshot_before_the_database_opens(qtbot, run, loop, db, db_path, add_source):
    """Bound to a pending database, the window shows the snapshot; later pages load once it opens."""
    from homelog_desktop.background import start_deferred
    from homelog_desktop.db.handle import PendingDatabase
    from homelog_desktop.db.snapshot import read_snapshot
    from homelog_desktop.startup import FIRST_PAGE_ROWS
    from homelog_desktop.viewmodels.workspace import make_workspace
    from tests.conftest import seed_readings

    QCoreApplication.setOrganizationName("HomeLogTests")
    QSettings().clear()
    source = add_source("House")
    seed_readings(db_path, source, 1000)
    snapshot = read_snapshot(db_path, source.id, FIRST_PAGE_ROWS)
    assert snapshot is not None and snapshot.total == 1000

    pending = PendingDatabase()
    workspace = make_workspace(pending, str(db_path))
    window = MainWindow()
    window.show()
    window.bind(workspace, snapshot)
    window.show_readings()  # the dashboard is the home page: the snapshot's readings are one Ctrl+2 away
    start_deferred()
    model = window.readings_model
    assert model is not None and model.rowCount() == 1000
    assert window.sources_model is not None and window.sources_model.rowCount() == 1
    newest = model.reading_at(0)
    assert newest is not None and newest.reading.timestamp == snapshot.rows[0].reading.timestamp
    generation = workspace.readings.generation

    pending.set(db)
    bar = window.readings_table.verticalScrollBar()

    def at_bottom_with_the_last_row() -> bool:
        bar.setValue(bar.maximum())  # again each time: the first layout scrolls to the selected row
        return model.reading_at(999) is not None

    qtbot.waitUntil(at_bottom_with_the_last_row)
    assert workspace.readings.generation == generation  # the snapshot was not loaded a second time
    oldest = model.reading_at(999)
    assert oldest is not None and oldest.reading.timestamp == T0_OF_SEED
    window.unbind()
    run(workspace.close())
    window.close()
    window.deleteLater()
