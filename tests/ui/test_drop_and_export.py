"""The main window's import and export entry points: dropping a file, File → Import…, Source → Export Readings…."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWizard

from homelog_desktop.services.exporting import ExportFormat
from homelog_desktop.viewmodels.workspace import make_workspace
from homelog_desktop.views.exporting import ExportProgress
from homelog_desktop.views.import_wizard import PAGE_DUPLICATES, PAGE_MAPPING, PAGE_PREVIEW, PAGE_SUMMARY, ImportWizard
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from tests.conftest import T0, make_reading, seed_readings

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot, run, db, db_path):
    """The main window bound to the test database, first data shown."""
    win = MainWindow()
    qtbot.addWidget(win, before_close_func=lambda w: w.unbind())
    workspace = make_workspace(db, str(db_path))
    with qtbot.waitSignal(win.first_data_shown):
        win.bind(workspace)
        win.show()
    yield win
    run(workspace.close())


def _mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(window: MainWindow, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` over the window and drop it; (enter accepted, drop accepted)."""
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:  # PySide6 6.12 deprecates the QPoint form; 6.8 (the floor) has only that one
        enter = QDragEnterEvent(QPointF(200, 200), actions, mime, buttons, modifiers)
    except TypeError:
        enter = QDragEnterEvent(QPoint(200, 200), actions, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(200, 200), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def _wizards(window: MainWindow) -> list[ImportWizard]:
    return [w for w in window.findChildren(ImportWizard) if w.isVisible()]


def test_drop_csv_file_starts_the_wizard(qtbot, window, tmp_path):
    """Dropping a .csv file (among others) on the window opens the import wizard on it."""
    csv_file = tmp_path / "readings.csv"
    csv_file.write_text("Date,Meter\n2024-01-31,10.5\n", encoding="utf-8")
    assert window.acceptDrops()
    entered, dropped = _drop(window, _mime(tmp_path / "notes.pdf", csv_file))
    assert entered and dropped
    qtbot.waitUntil(lambda: len(_wizards(window)) == 1)
    wizard = _wizards(window)[0]
    assert wizard.vm.path == csv_file
    qtbot.waitUntil(lambda: wizard.vm.detected is not None and not wizard.vm.busy)
    assert wizard.windowTitle() == "Import — readings.csv"
    wizard.reject()


def test_drop_green_button_file_opens_the_recognised_page(qtbot, window, tmp_path):
    """A standard-format file (Green Button XML) dropped on the window: the wizard says what it recognised."""
    from pathlib import Path

    from homelog_desktop.views.import_wizard import PAGE_RECOGNISED

    source = Path(__file__).resolve().parents[2] / "tests" / "data" / "formats" / "green_button_electricity_gas.xml"
    feed = tmp_path / "greenbutton.xml"
    feed.write_bytes(source.read_bytes())
    entered, dropped = _drop(window, _mime(feed))
    assert entered and dropped
    qtbot.waitUntil(lambda: len(_wizards(window)) == 1)
    wizard = _wizards(window)[0]
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RECOGNISED, timeout=10_000)
    assert wizard.currentPage().title() == "Recognised: Green Button (ESPI) XML"
    wizard.reject()


@pytest.mark.parametrize("name", ["photo.png", "report.pdf", "archive.7z"])
def test_drop_other_files_is_refused(qtbot, window, tmp_path, name):
    """Files the importer does not read are refused at the door; no wizard opens."""
    other = tmp_path / name
    other.write_bytes(b"\x89PNG")
    entered, dropped = _drop(window, _mime(other))
    assert not entered and not dropped
    assert _wizards(window) == []


def test_drop_text_without_urls_is_refused(window):
    """Dragged text (no file) is not accepted."""
    mime = QMimeData()
    mime.setText("2024-01-01,12")
    assert _drop(window, mime) == (False, False)


def test_import_action_asks_for_a_file(qtbot, window):
    """File → Import… (Ctrl+I) opens a file dialog filtered to tables, then the wizard."""
    assert window.action(Act.IMPORT).shortcut().toString() == "Ctrl+I"
    assert window.action(Act.IMPORT).isEnabled()
    window.action(Act.IMPORT).trigger()
    qtbot.waitUntil(lambda: window.findChild(QFileDialog, "importFileDialog") is not None)
    dialog = window.findChild(QFileDialog, "importFileDialog")
    assert dialog.nameFilters()[0] == (
        "Tables, meter data and Home Log exports (*.csv *.xlsx *.xls *.ods *.txt *.tsv *.xml *.zip *.json)"
    )
    dialog.reject()


def test_import_through_window_refreshes_and_shows_the_source(qtbot, window, tmp_path):
    """After an import the sidebar lists the new source and the table shows its readings."""
    path = tmp_path / "heat_pump.csv"
    path.write_text("Date;Energy (kWh)\n01.03.2024;100,5\n15.03.2024;180,25\n31.03.2024;240\n", encoding="utf-8")
    window.import_readings(path)
    qtbot.waitUntil(lambda: len(_wizards(window)) == 1)
    wizard = _wizards(window)[0]
    qtbot.waitUntil(lambda: wizard.vm.detected is not None and not wizard.vm.busy)
    for page in (PAGE_MAPPING, PAGE_PREVIEW, PAGE_DUPLICATES):
        qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.currentPage().isComplete())
        wizard.next()
        qtbot.waitUntil(lambda p=page: wizard.currentId() == p)
    qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.currentPage().isComplete())
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    qtbot.waitUntil(lambda: (s := window.current_source()) is not None and s.name == "Heat pump")
    qtbot.waitUntil(lambda: window.readings_model is not None and window.readings_model.rowCount() == 3)
    assert "Imported 3 readings into “Heat pump”" in window.statusBar().currentMessage()


def test_export_readings_action_writes_the_file(qtbot, window, add_source, store, tmp_path):
    """Source → Export Readings… saves the selected source's readings; the status bar says so."""
    source = add_source("Electricity")
    store(source, make_reading(source, T0, "10.5", "2.0"), make_reading(source, T0 + timedelta(days=1), "11.0"))
    window.refresh()
    qtbot.waitUntil(lambda: window.current_source() is not None and window.action(Act.EXPORT_READINGS).isEnabled())
    window.action(Act.EXPORT_READINGS).trigger()
    qtbot.waitUntil(lambda: window.findChild(QFileDialog, "exportFileDialog") is not None)
    dialog = window.findChild(QFileDialog, "exportFileDialog")
    assert dialog.nameFilters() == ["CSV file (*.csv)", "JSON file (*.json)"]
    assert dialog.selectedFiles()[0].endswith("Electricity.csv")
    target = tmp_path / "out.json"
    dialog.selectNameFilter("JSON file (*.json)")
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    qtbot.waitUntil(target.exists)
    qtbot.waitUntil(lambda: "Exported 2 readings" in window.statusBar().currentMessage())
    readings = json.loads(target.read_text(encoding="utf-8"))["sources"][0]["readings"]
    assert [(r["values"].get("Day"), r["values"].get("Night")) for r in readings] == [(10.5, 2.0), (11.0, None)]


def test_export_all_sources_action_writes_one_json_file(qtbot, window, add_source, store, tmp_path):
    """File → Export All Sources… saves every source, whole, in one JSON file; the status bar says so."""
    first = add_source("Electricity")
    second = add_source("Water")
    store(first, make_reading(first, T0, "10.5", "2.0"))
    store(second, make_reading(second, T0, "1.0"), make_reading(second, T0 + timedelta(days=1), "2.0"))
    window.refresh()
    qtbot.waitUntil(lambda: window.action(Act.EXPORT_ALL).isEnabled())
    window.action(Act.EXPORT_ALL).trigger()
    qtbot.waitUntil(lambda: window.findChild(QFileDialog, "exportAllFileDialog") is not None)
    dialog = window.findChild(QFileDialog, "exportAllFileDialog")
    assert dialog.nameFilters() == ["JSON file (*.json)"]
    assert dialog.selectedFiles()[0].endswith("Home Log export.json")
    target = tmp_path / "all.json"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    qtbot.waitUntil(lambda: "Exported 3 readings of 2 sources" in window.statusBar().currentMessage())
    document = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(s["name"] for s in document["sources"]) == ["Electricity", "Water"]


def test_export_big_source_shows_progress_and_cancels(qtbot, window, add_source, db_path, tmp_path):
    """A big export gets a progress dialog whose Cancel stops it: no file is written."""
    source = add_source("Electricity")
    seed_readings(db_path, source, 300_000)
    window.refresh()
    qtbot.waitUntil(lambda: window.current_source() is not None)
    target = tmp_path / "big.csv"
    window.export_readings_to(window.current_source(), target, ExportFormat.CSV)
    qtbot.waitUntil(lambda: window.findChild(ExportProgress) is not None)
    progress = window.findChild(ExportProgress)
    (cancel,) = progress.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: "Export cancelled" in window.statusBar().currentMessage(), timeout=20_000)
    assert not target.exists()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_to_unwritable_folder_shows_error(qtbot, window, add_source, store, tmp_path):
    """An export that cannot be written says so in the window's banner."""
    source = add_source("Electricity")
    store(source, make_reading(source, T0, "1.0", "1.0"))
    window.refresh()
    qtbot.waitUntil(lambda: window.current_source() is not None)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    window.export_readings_to(window.current_source(), blocker / "sub" / "out.csv")
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert "Cannot write" in window.banner.text
    assert not (blocker / "sub").exists()


def test_second_start_with_a_file_opens_the_wizard(qtbot, window, tmp_path):
    """``homelog FILE.csv`` while the window runs: the window comes forward with the wizard on the file."""
    csv_file = tmp_path / "meter.csv"
    csv_file.write_text("Date,Meter\n2024-01-31,10.5\n", encoding="utf-8")
    window.showMinimized()
    window.bring_forward([csv_file, tmp_path / "second.csv"])
    assert not window.isMinimized()
    qtbot.waitUntil(lambda: len(_wizards(window)) == 1)
    assert _wizards(window)[0].vm.path == csv_file
    assert "second.csv" in window.statusBar().currentMessage()  # one file at a time, the others named
    _wizards(window)[0].reject()


def test_file_given_before_the_data_is_bound_waits_for_it(qtbot, run, db, db_path, tmp_path):
    """A first start with a file: the wizard opens once the window has its data."""
    csv_file = tmp_path / "meter.csv"
    csv_file.write_text("Date,Meter\n2024-01-31,10.5\n", encoding="utf-8")
    win = MainWindow()
    qtbot.addWidget(win, before_close_func=lambda w: w.unbind())
    win.show()
    win.bring_forward([csv_file])
    assert not _wizards(win)
    workspace = make_workspace(db, str(db_path))
    win.bind(workspace)
    qtbot.waitUntil(lambda: len(_wizards(win)) == 1)
    assert _wizards(win)[0].vm.path == csv_file
    _wizards(win)[0].reject()
    run(workspace.close())
