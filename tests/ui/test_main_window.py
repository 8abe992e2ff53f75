"""The main window end to end: built as the app builds it, on a real database, driven by keys and clicks."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSlider,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolBar,
    QWidget,
)

from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.workspace import make_workspace
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from homelog_desktop.views.models.readings import PLACEHOLDER, ColumnKind
from homelog_desktop.views.models.sources import SourcesListModel
from tests.conftest import T0, make_reading, seed_readings

#: Where screenshots of suspicious states go (never into the repository).
SHOTS = "/tmp/shots"
CTRL = Qt.KeyboardModifier.ControlModifier
LAST_WEEK = utc_now().replace(second=0, microsecond=0) - timedelta(days=7)


pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def open_window(qtbot, run, db, db_path):
    """Build, bind and show the window as the app does; return it once the first data is on screen."""
    opened = []

    def opener(*, is_sample=False, page="readings"):
        """``page="readings"`` goes on from the dashboard (the home page) to the readings, as Ctrl+2 does."""
        window = MainWindow()
        # pytest-qt closes and deletes its widgets before fixtures end: unbind first, as the app does.
        qtbot.addWidget(window, before_close_func=lambda w: w.unbind())
        workspace = make_workspace(db, str(db_path), is_sample=is_sample)
        opened.append((window, workspace))
        with qtbot.waitSignal(window.first_data_shown):
            window.bind(workspace)
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        settle(qtbot, window)
        if page == "readings" and window.findChild(QWidget, "dashboardPage").isVisible():
            window.action(Act.SHOW_READINGS).trigger()
            settle(qtbot, window)
        return window

    yield opener
    for _window, workspace in opened:
        run(workspace.close())


# -- helpers ---------------------------------------------------------------------------------


def settle(qtbot, window):
    """Wait until the window has no view-model work or page load running."""
    workspace = window.workspace

    def idle():
        model = window.readings_model
        return (
            not workspace.sources._tasks
            and not workspace.sources.busy
            and not workspace.readings.busy
            and (model is None or model.is_idle())
        )

    qtbot.waitUntil(idle)


def dialog(window, name):
    """The visible dialog (or message box) named ``name``, if exactly one is open."""
    found = [d for d in window.findChildren(QDialog, name) if d.isVisible()]
    assert len(found) <= 1
    return found[0] if found else None


def wait_dialog(qtbot, window, name):
    qtbot.waitUntil(lambda: dialog(window, name) is not None)
    return dialog(window, name)


def visible(window, name):
    widget = window.findChild(QWidget, name)
    assert widget is not None, name
    return widget.isVisible()


def sidebar(window):
    return window.findChild(QListView, "sourceList")


def table(window):
    return window.findChild(QTableView, "readingsTable")


def sidebar_names(window):
    model = sidebar(window).model()
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def selected_source_name(window):
    rows = sidebar(window).selectionModel().selectedRows()
    assert len(rows) == 1
    return rows[0].data()


def column(window, kind, metric=None):
    index = window.readings_model.column_of(kind, metric.id if metric is not None else None)
    assert index is not None
    return index


def cell(window, row, col):
    model = window.readings_model
    return model.data(model.index(row, col))


def selected_rows(window):
    return sorted(index.row() for index in table(window).selectionModel().selectedRows())


def activate(qtbot, window):
    """Make ``window`` active again, as the window manager does when a dialog closes (offscreen does not)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key as the user presses it on ``widget`` (focused first), through the shortcut map."""
    activate(qtbot, widget.window())
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key, modifier)


def press_anywhere(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed wherever the focus happens to be in ``window``."""
    activate(qtbot, window)
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def save_reading(qtbot, window, name="readingDialog"):
    """Click Save in the open reading dialog and wait until it closed and the window caught up."""
    reading_dialog = dialog(window, name)
    with qtbot.waitSignal(reading_dialog.finished):
        qtbot.mouseClick(reading_dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def click_box_button(qtbot, box, name_or_button):
    if isinstance(name_or_button, str):
        button = box.findChild(QPushButton, name_or_button)
    else:
        button = box.button(name_or_button)
    assert button is not None
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def reading_count(db_path, source_id=None):
    conn = sqlite3.connect(db_path)
    try:
        if source_id is None:
            return conn.execute("SELECT count(*) FROM readings").fetchone()[0]
        return conn.execute("SELECT count(*) FROM readings WHERE source_id = ?", (source_id,)).fetchone()[0]
    finally:
        conn.close()


def shot(widget, name):
    widget.grab().save(f"{SHOTS}/main_window_{name}.png")


# -- tests -----------------------------------------------------------------------------------


def test_main_window_empty_database_welcomes_and_adds_first_meter(qtbot, open_window, run, db):
    """An empty database shows the welcome page; "Add your first meter" creates and selects a source."""
    window = open_window()

    assert visible(window, "welcomePage")
    assert not window.action(Act.ADD_READING).isEnabled()
    shot(window, "welcome")

    qtbot.mouseClick(window.findChild(QPushButton, "addFirstMeterButton"), Qt.MouseButton.LeftButton)
    source_dialog = wait_dialog(qtbot, window, "sourceDialog")
    qtbot.keyClicks(source_dialog.findChild(QLineEdit, "nameEdit"), "Main meter")
    with qtbot.waitSignal(source_dialog.finished):
        qtbot.mouseClick(source_dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    async def names():
        async with db.session(readonly=True) as s:
            return [source.name for source in await SourceRepository(s).all()]

    assert run(names()) == ["Main meter"]
    assert sidebar_names(window) == ["Main meter"]
    assert selected_source_name(window) == "Main meter"
    assert not visible(window, "welcomePage")
    assert visible(window, "emptyReadings")
    empty = window.findChild(QLabel, "emptyReadings").text()
    assert "No readings of “Main meter” yet." in empty and "Ctrl+N" in empty
    assert window.action(Act.ADD_READING).isEnabled()
    shot(window, "first_meter")


def test_main_window_keyboard_adds_edits_and_deletes_a_reading(
    qtbot, open_window, add_source, stored_readings, db_path
):
    """Ctrl+N adds, Enter edits, Delete asks first (Cancel keeps, Delete removes) the selected reading."""
    source = add_source("House")
    window = open_window()
    day = source.metrics[0]
    assert visible(window, "emptyReadings")

    press_anywhere(qtbot, window, Qt.Key.Key_N, CTRL)
    new_dialog = wait_dialog(qtbot, window, "readingDialog")
    assert new_dialog.windowTitle() == "New reading — House"
    qtbot.keyClicks(new_dialog.findChild(QLineEdit, "valueEdit_0"), "1234.5")
    save_reading(qtbot, window)

    assert window.readings_model.rowCount() == 1
    assert cell(window, 0, column(window, ColumnKind.VALUE, day)) == "1,234.5"
    assert visible(window, "readingsTable")
    assert window.findChild(QLabel, "readingCount").text() == "1 reading"
    last_text = sidebar(window).model().index(0, 0).data(SourcesListModel.LastReadingTextRole)
    assert last_text.startswith("Today · ")
    assert selected_rows(window) == [0]
    assert table(window).currentIndex().row() == 0

    press(qtbot, table(window), Qt.Key.Key_Return)
    edit_dialog = wait_dialog(qtbot, window, "readingDialog")
    assert edit_dialog.windowTitle() == "Edit reading — House"
    value = edit_dialog.findChild(QLineEdit, "valueEdit_0")
    assert value.text() == "1234.5"
    value.selectAll()
    qtbot.keyClicks(value, "1240.5")
    save_reading(qtbot, window)

    assert window.readings_model.rowCount() == 1
    assert cell(window, 0, column(window, ColumnKind.VALUE, day)) == "1,240.5"
    assert [r.values[day.id] for r in stored_readings(source)] == [Decimal("1240.5")]
    assert selected_rows(window) == [0]

    press(qtbot, table(window), Qt.Key.Key_Delete)
    box = wait_dialog(qtbot, window, "confirmDialog")
    assert box.text().startswith("Delete the reading of ") and "“House”" in box.text()
    shot(box, "confirm_delete_reading")
    click_box_button(qtbot, box, QMessageBox.StandardButton.Cancel)
    settle(qtbot, window)
    assert window.readings_model.rowCount() == 1
    assert reading_count(db_path) == 1

    press(qtbot, table(window), Qt.Key.Key_Delete)
    click_box_button(qtbot, wait_dialog(qtbot, window, "confirmDialog"), "confirmButton")
    settle(qtbot, window)
    assert window.readings_model.rowCount() == 0
    assert reading_count(db_path) == 0
    assert visible(window, "emptyReadings")
    last_text = sidebar(window).model().index(0, 0).data(SourcesListModel.LastReadingTextRole)
    assert last_text == "No readings yet"


def test_main_window_ctrl_shift_n_opens_the_source_dialog(qtbot, open_window, add_source):
    """Ctrl+Shift+N opens an empty source dialog from anywhere in the window."""
    add_source("House")
    window = open_window()

    press_anywhere(qtbot, window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)

    source_dialog = wait_dialog(qtbot, window, "sourceDialog")
    assert source_dialog.findChild(QLineEdit, "nameEdit").text() == ""
    assert dialog(window, "readingDialog") is None
    qtbot.waitUntil(lambda: source_dialog._vm.loaded and not source_dialog._vm.busy)  # before the test's loop ends
    source_dialog.reject()


def test_main_window_f5_shows_readings_added_elsewhere(qtbot, open_window, add_source, store):
    """A reading stored behind the window's back appears after F5."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0"))
    window = open_window()
    assert window.readings_model.rowCount() == 1

    store(source, make_reading(source, LAST_WEEK + timedelta(days=1), "110.0"))
    assert window.readings_model.rowCount() == 1
    press(qtbot, table(window), Qt.Key.Key_F5)
    settle(qtbot, window)

    assert window.readings_model.rowCount() == 2
    assert cell(window, 0, column(window, ColumnKind.VALUE, source.metrics[0])) == "110.0"
    assert window.findChild(QLabel, "readingCount").text() == "2 readings"


def test_main_window_ctrl_f_filters_by_note_and_month(qtbot, open_window, add_source, store):
    """Ctrl+F focuses the filter; a note fragment or "2025-03" narrows the table and the count."""
    source = add_source("House")
    store(
        source,
        make_reading(source, datetime(2025, 2, 10, 12).astimezone(), "100.0", note="after the holiday"),
        make_reading(source, datetime(2025, 3, 5, 12).astimezone(), "110.0"),
        make_reading(source, datetime(2025, 3, 20, 12).astimezone(), "120.0", note="new battery"),
    )
    window = open_window()
    filter_edit = window.findChild(QLineEdit, "filterEdit")
    count = window.findChild(QLabel, "readingCount")
    value_column = column(window, ColumnKind.VALUE, source.metrics[0])
    assert count.text() == "3 readings"

    press(qtbot, table(window), Qt.Key.Key_F, CTRL)
    assert filter_edit.hasFocus()
    qtbot.keyClicks(filter_edit, "holiday")
    qtbot.waitUntil(lambda: count.text() == "1 matching")
    settle(qtbot, window)
    assert window.readings_model.rowCount() == 1
    assert cell(window, 0, value_column) == "100.0"

    press(qtbot, table(window), Qt.Key.Key_F, CTRL)
    assert filter_edit.selectedText() == "holiday"  # typing replaces the old filter
    qtbot.keyClicks(filter_edit, "2025-03")
    qtbot.waitUntil(lambda: count.text() == "2 matching")
    settle(qtbot, window)
    assert [cell(window, row, value_column) for row in range(2)] == ["120.0", "110.0"]

    filter_edit.selectAll()
    qtbot.keyClicks(filter_edit, "nothing like this")
    qtbot.waitUntil(lambda: count.text() == "0 matching")
    assert visible(window, "emptyReadings")
    assert window.findChild(QLabel, "emptyReadings").text() == "No readings match the filter."
    shot(window, "filter_no_match")


def test_main_window_enter_and_delete_in_filter_box_stay_there(qtbot, open_window, add_source, store, db_path):
    """Enter and Delete typed in the filter box edit the filter, never the selected reading."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0", note="spring"))
    window = open_window()
    table(window).selectRow(0)
    assert window.action(Act.DELETE_READING).isEnabled()
    filter_edit = window.findChild(QLineEdit, "filterEdit")

    press(qtbot, filter_edit, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(filter_edit, "xspring")
    qtbot.keyClick(filter_edit, Qt.Key.Key_Home)
    qtbot.keyClick(filter_edit, Qt.Key.Key_Delete)
    qtbot.keyClick(filter_edit, Qt.Key.Key_Return)
    qtbot.keyClick(filter_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    settle(qtbot, window)

    assert filter_edit.text() == "spring"
    assert filter_edit.hasFocus()
    assert dialog(window, "readingDialog") is None
    assert dialog(window, "confirmDialog") is None
    assert reading_count(db_path) == 1


def test_main_window_warning_needs_save_anyway_then_stores(qtbot, open_window, add_source, store, stored_readings):
    """A counter lower than the previous reading is stored only after "Save anyway"."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "1000.0"))
    window = open_window()

    press(qtbot, table(window), Qt.Key.Key_N, CTRL)
    reading_dialog = wait_dialog(qtbot, window, "readingDialog")
    qtbot.waitUntil(lambda: reading_dialog.findChild(QLabel, "previous_0").text().startswith("previous"))
    qtbot.keyClicks(reading_dialog.findChild(QLineEdit, "valueEdit_0"), "900")
    save = reading_dialog.findChild(QPushButton, "saveButton")
    assert save.text() == "Save anyway"
    assert "was the meter replaced?" in reading_dialog.findChild(QLabel, "valueMessage_0").text()
    save_reading(qtbot, window)

    assert [r.values[source.metrics[0].id] for r in stored_readings(source)] == [Decimal("1000.0"), Decimal("900.0")]
    assert window.readings_model.rowCount() == 2
    assert cell(window, 0, column(window, ColumnKind.CONSUMPTION, source.metrics[0])) == "-100.0"


def test_main_window_error_keeps_save_disabled_and_stores_nothing(qtbot, open_window, add_source, db_path):
    """A letter in a number keeps Save disabled; cancelling stores nothing."""
    add_source("House")
    window = open_window()

    press_anywhere(qtbot, window, Qt.Key.Key_N, CTRL)
    reading_dialog = wait_dialog(qtbot, window, "readingDialog")
    qtbot.keyClicks(reading_dialog.findChild(QLineEdit, "valueEdit_0"), "12a")
    save = reading_dialog.findChild(QPushButton, "saveButton")
    assert not save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.keyClick(reading_dialog.findChild(QLineEdit, "valueEdit_1"), Qt.Key.Key_Return, CTRL)
    assert reading_dialog.isVisible()

    reading_dialog.reject()
    discard = wait_dialog(qtbot, reading_dialog, "discardReadingBox")
    click_box_button(qtbot, discard, "discardButton")
    qtbot.waitUntil(lambda: not reading_dialog.isVisible())
    settle(qtbot, window)
    assert reading_count(db_path) == 0
    assert window.readings_model.rowCount() == 0


def test_main_window_archive_hides_and_show_archived_brings_back(qtbot, open_window, add_source):
    """Archiving hides a source; "Show Archived Sources" lists it greyed and marked; it can be unarchived."""
    add_source("Gas")
    add_source("Water")
    window = open_window()
    sources = sidebar(window)
    sources.setCurrentIndex(sources.model().index(sidebar_names(window).index("Water"), 0))
    settle(qtbot, window)
    assert window.action(Act.ARCHIVE_SOURCE).text() == "Archive Source"

    window.action(Act.ARCHIVE_SOURCE).trigger()
    settle(qtbot, window)
    assert sidebar_names(window) == ["Gas"]
    assert selected_source_name(window) == "Gas"

    window.action(Act.SHOW_ARCHIVED).trigger()
    settle(qtbot, window)
    assert sidebar_names(window) == ["Gas", "Water (archived)"]
    archived = sources.model().index(1, 0)
    assert archived.data(SourcesListModel.ArchivedRole) is True
    assert archived.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert selected_source_name(window) == "Gas"
    shot(window, "show_archived")

    qtbot.mouseClick(sources.viewport(), Qt.MouseButton.LeftButton, pos=sources.visualRect(archived).center())
    settle(qtbot, window)
    assert selected_source_name(window) == "Water (archived)"
    assert window.findChild(QLabel, "sourceTitle").text() == "Water  (archived)"
    assert window.action(Act.ARCHIVE_SOURCE).text() == "Unarchive Source"

    window.action(Act.ARCHIVE_SOURCE).trigger()
    settle(qtbot, window)
    assert sidebar_names(window) == ["Gas", "Water"]
    assert selected_source_name(window) == "Water"
    assert window.action(Act.ARCHIVE_SOURCE).text() == "Archive Source"


def test_main_window_archiving_the_only_source_is_not_a_welcome(qtbot, open_window, add_source):
    """With every source archived and hidden the window says so instead of welcoming a new user."""
    add_source("House")
    window = open_window()

    window.action(Act.ARCHIVE_SOURCE).trigger()
    settle(qtbot, window)

    assert sidebar_names(window) == []
    assert not window.welcome.isVisible()
    assert visible(window, "nothingPage")
    assert "archived" in window.findChild(QLabel, "nothingLabel").text()
    assert not window.action(Act.ADD_READING).isEnabled()
    shot(window, "all_archived")

    window.action(Act.SHOW_ARCHIVED).trigger()
    settle(qtbot, window)
    assert sidebar_names(window) == ["House (archived)"]
    assert visible(window, "readingsTable") or visible(window, "emptyReadings")


def test_main_window_delete_source_states_readings_and_removes_them(qtbot, open_window, add_source, store, db_path):
    """Deleting a source names its reading count; confirming removes it and its readings."""
    source = add_source("House")
    store(source, *(make_reading(source, LAST_WEEK + timedelta(days=i), str(100 + i)) for i in range(3)))
    window = open_window()

    window.action(Act.DELETE_SOURCE).trigger()
    box = wait_dialog(qtbot, window, "confirmDeleteSource")
    assert box.text() == "Delete “House” and its 3 readings?"
    shot(box, "confirm_delete_source")
    click_box_button(qtbot, box, QMessageBox.StandardButton.Cancel)
    settle(qtbot, window)
    assert reading_count(db_path) == 3

    window.action(Act.DELETE_SOURCE).trigger()
    click_box_button(qtbot, wait_dialog(qtbot, window, "confirmDeleteSource"), "confirmButton")
    settle(qtbot, window)

    assert reading_count(db_path) == 0
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM reading_values").fetchone()[0] == 0
    finally:
        conn.close()
    assert sidebar_names(window) == []
    assert visible(window, "welcomePage")
    assert not window.action(Act.ADD_READING).isEnabled()
    assert not window.action(Act.DELETE_SOURCE).isEnabled()


def test_main_window_expected_error_shows_in_banner(qtbot, run, db, open_window, add_source):
    """Archiving a source deleted elsewhere shows the view model's error in the banner; busy ends."""
    source = add_source("House")
    window = open_window()
    banner = window.findChild(QWidget, "banner")
    assert not banner.isVisible()

    async def delete_elsewhere():
        async with db.session() as s:
            await SourceRepository(s).delete(source.id)

    run(delete_elsewhere())
    window.action(Act.ARCHIVE_SOURCE).trigger()
    qtbot.waitUntil(banner.isVisible)
    settle(qtbot, window)

    assert banner.text == "That source no longer exists."
    assert banner.kind == "error"
    assert not window.statusBar().findChild(QProgressBar).isVisible()
    shot(window, "error_banner")


def test_main_window_editing_a_reading_deleted_elsewhere_says_so(
    qtbot, run, db, db_path, open_window, add_source, store
):
    """Saving a reading deleted behind the window's back shows the error in the open dialog; nothing is stored."""
    source = add_source("House")
    [reading] = store(source, make_reading(source, LAST_WEEK, "100.0"))
    window = open_window()
    table(window).selectRow(0)
    press(qtbot, table(window), Qt.Key.Key_Return)
    edit_dialog = wait_dialog(qtbot, window, "readingDialog")

    async def delete_elsewhere():
        async with db.session() as s:
            await ReadingRepository(s).delete(source.id, [reading.id])

    run(delete_elsewhere())
    value = edit_dialog.findChild(QLineEdit, "valueEdit_0")
    value.selectAll()
    qtbot.keyClicks(value, "101.5")
    qtbot.mouseClick(edit_dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    error = edit_dialog.findChild(QWidget, "errorBanner")
    qtbot.waitUntil(error.isVisible)
    settle(qtbot, window)

    assert "no longer exists" in edit_dialog.findChild(QLabel, "errorBannerText").text()
    assert edit_dialog.isVisible()
    assert not window.statusBar().findChild(QProgressBar).isVisible()
    assert reading_count(db_path) == 0
    shot(edit_dialog, "edit_deleted_elsewhere")


def test_main_window_busy_indicator_follows_view_models(qtbot, open_window, add_source):
    """The status-bar busy indicator shows while a view model works and hides when it ends."""
    add_source("House")
    window = open_window()
    progress = window.statusBar().findChild(QProgressBar)
    assert not progress.isVisible()

    window.workspace.readings.busy_changed.emit(True)
    assert progress.isVisible()
    window.workspace.readings.error_occurred.emit("The disk is full.")
    window.workspace.readings.busy_changed.emit(False)

    assert not progress.isVisible()
    assert window.banner.isVisible() and window.banner.text == "The disk is full."


def test_main_window_selection_survives_refresh(qtbot, open_window, add_source, store):
    """F5 keeps the selected source and the selected reading."""
    add_source("Gas")
    water = add_source("Water")
    add_source("Zinc")
    store(water, *(make_reading(water, LAST_WEEK + timedelta(days=i), str(10 + i)) for i in range(3)))
    window = open_window()
    sources = sidebar(window)
    sources.setCurrentIndex(sources.model().index(1, 0))
    settle(qtbot, window)
    table(window).selectRow(1)
    assert selected_rows(window) == [1]

    press(qtbot, table(window), Qt.Key.Key_F5)
    settle(qtbot, window)

    assert selected_source_name(window) == "Water"
    assert window.current_source().id == water.id
    assert selected_rows(window) == [1]
    assert table(window).currentIndex().row() == 1


def test_main_window_refresh_and_save_keep_the_filter(qtbot, open_window, add_source, store):
    """F5 and saving a reading keep what the filter box says and the table filtered by it."""
    source = add_source("House")
    store(
        source,
        make_reading(source, LAST_WEEK - timedelta(days=7), "100.0", note="battery"),
        make_reading(source, LAST_WEEK, "110.0"),
    )
    window = open_window()
    filter_edit = window.findChild(QLineEdit, "filterEdit")
    count = window.findChild(QLabel, "readingCount")
    press(qtbot, table(window), Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(filter_edit, "battery")
    qtbot.waitUntil(lambda: count.text() == "1 matching")
    settle(qtbot, window)

    press(qtbot, table(window), Qt.Key.Key_F5)
    settle(qtbot, window)
    assert filter_edit.text() == "battery"
    assert count.text() == "1 matching"
    assert window.readings_model.rowCount() == 1

    press(qtbot, table(window), Qt.Key.Key_Return)
    wait_dialog(qtbot, window, "readingDialog")
    save_reading(qtbot, window)
    assert filter_edit.text() == "battery"
    assert count.text() == "1 matching"
    assert selected_rows(window) == [0]


def test_main_window_switching_source_clears_the_filter(qtbot, open_window, add_source, store):
    """Another source starts unfiltered, and its count says so."""
    gas = add_source("Gas")
    water = add_source("Water")
    store(
        gas,
        make_reading(gas, LAST_WEEK - timedelta(days=1), "1.0", note="battery"),
        make_reading(gas, LAST_WEEK, "2.0"),
    )
    store(water, make_reading(water, LAST_WEEK, "3.0"))
    window = open_window()
    filter_edit = window.findChild(QLineEdit, "filterEdit")
    count = window.findChild(QLabel, "readingCount")
    press(qtbot, table(window), Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(filter_edit, "battery")
    qtbot.waitUntil(lambda: count.text() == "1 matching")

    sidebar(window).setCurrentIndex(sidebar(window).model().index(1, 0))
    settle(qtbot, window)

    assert filter_edit.text() == ""
    assert count.text() == "1 reading"
    assert window.current_source().id == water.id


def test_main_window_remembers_selected_source(qtbot, open_window, add_source):
    """A window opened again on the same data selects the source selected last time."""
    add_source("Gas")
    add_source("Water")
    first = open_window()
    sources = sidebar(first)
    sources.setCurrentIndex(sources.model().index(1, 0))
    settle(qtbot, first)
    first.close()

    second = open_window()

    assert selected_source_name(second) == "Water"
    assert second.findChild(QLabel, "sourceTitle").text() == "Water"


def test_main_window_sample_workspace_title_and_back_action(open_window):
    """A sample workspace says so in the title and offers "Back to My Data"; own data does not."""
    own = open_window()
    assert "sample" not in own.windowTitle()
    assert not own.action(Act.OWN_DATA).isVisible()
    assert own.action(Act.SAMPLE_DATA).isVisible()

    assert not own.findChild(QWidget, "sampleBanner").isVisible()

    sample = open_window(is_sample=True)
    assert sample.windowTitle() == "Home Log — sample household"
    assert sample.action(Act.OWN_DATA).isVisible()
    assert not sample.action(Act.SAMPLE_DATA).isVisible()
    assert not sample.welcome.sample_button.isVisible()
    sample_banner = sample.findChild(QWidget, "sampleBanner")
    assert sample_banner.isVisible()
    assert "sample household" in sample_banner.text and "Back to My Data" in sample_banner.text
    assert not sample.banner.isVisible()
    shot(sample, "sample")


def test_main_window_opens_and_pages_a_hundred_thousand_readings(qtbot, open_window, add_source, db_path):
    """100,000 readings open at once; dragging the scroll bar down pages in the oldest reading at the bottom."""
    source = add_source("House")
    total = 100_000
    seed_readings(db_path, source, total)
    window = open_window()
    view = table(window)
    model = window.readings_model
    assert model.rowCount() == total
    assert window.findChild(QLabel, "readingCount").text() == "100,000 readings"

    assert model.loaded_pages() == [0]

    bar = view.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    qtbot.waitUntil(lambda: model.reading_at(total - 1) is not None)  # the paint asked for the last page
    settle(qtbot, window)

    assert bar.value() == bar.maximum()
    last_rect = view.visualRect(model.index(total - 1, 0))
    assert last_rect.isValid() and view.viewport().rect().contains(last_rect)
    assert model.reading_at(total - 1).reading.timestamp == T0
    value_column = column(window, ColumnKind.VALUE, source.metrics[0])
    assert cell(window, total - 1, value_column) == "1,000.0"
    assert cell(window, total - 1, 0) != PLACEHOLDER
    assert model.pages_requested <= 4
    shot(window, "hundred_thousand_bottom")


def test_main_window_fits_800_by_600_and_does_not_widen_for_reports(qtbot, open_window, add_source, store):
    """At 800×600 the window keeps its size with Reports open; the report scrolls, the sidebar never sideways."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0"), make_reading(source, LAST_WEEK + timedelta(days=1), "104"))
    window = open_window()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.size().toTuple() == (800, 600))
    window.show_reports()
    qtbot.waitUntil(lambda: window.source_page.reports_page is not None, timeout=20_000)
    qtbot.waitUntil(lambda: window.source_page.reports_page.isVisible())
    settle(qtbot, window)

    assert window.size().toTuple() == (800, 600)
    hint = window.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600, hint
    assert window.findChild(QWidget, "reportsScroll").isAncestorOf(window.source_page.reports_page)
    assert sidebar(window).horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert sidebar(window).width() >= sidebar(window).minimumWidth()
    shot(window, "800x600_reports")


def test_main_window_toolbar_drops_its_texts_when_narrow(qtbot, open_window, add_source):
    """A narrow window shows the toolbar's icons only (tooltips keep the names); a wide one their texts."""
    add_source("House")
    window = open_window()
    toolbar = window.findChild(QToolBar, "mainToolbar")
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.resize(500, 500)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)
    assert window.action(Act.ADD_READING).toolTip()


def test_main_window_binding_other_data_drops_the_banner_of_the_data_before(qtbot, open_window, run, db, db_path):
    """A message about the data left behind (e.g. "Restored …") is not carried into the sample household."""
    window = open_window()
    window.banner.show_message("Restored homelog-2026-01-01.db.", "success")
    assert window.banner.isVisible()
    window.unbind()
    sample = make_workspace(db, str(db_path), is_sample=True)
    try:
        with qtbot.waitSignal(sample.sources.sources_loaded):
            window.bind(sample)
        assert not window.banner.isVisible()
        assert window.findChild(QWidget, "sampleBanner").isVisible()
    finally:
        window.unbind()
        run(sample.close())


def test_main_window_delete_question_names_the_meter_change_recorded_with_the_reading(
    qtbot, open_window, run, db, add_source, store
):
    """Deleting a reading saved with "Meter replaced…" asks, naming the meter change that goes with it."""
    from tests.conftest import T0, make_reading
    from tests.integration.test_meter_change_with_reading import _save_with_change

    source = add_source("House")
    store(source, make_reading(source, T0, "100", None))
    _save_with_change(run, db, source)
    window = open_window()
    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 2)
    table(window).selectRow(0)  # newest first: the reading saved with the change
    press(qtbot, table(window), Qt.Key.Key_Delete)
    box = wait_dialog(qtbot, window, "confirmDialog")
    assert "The meter change recorded with it (“Meter replaced” on " in box.informativeText()
    assert "Edit → Undo brings them back." in box.informativeText()
    click_box_button(qtbot, box, QMessageBox.StandardButton.Cancel)


def test_main_window_move_to_server_action(open_window, qtbot):
    """File → Move to a Shared Server… asks the composition root; it is off for the sample household."""
    window = open_window(page="dashboard")
    action = window.action(Act.MOVE_TO_SERVER)
    # (found by title: PySide6 6.8 deletes the wrapper QAction.menu() returns)
    file_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File")
    assert action in file_menu.actions() and action.isEnabled()
    with qtbot.waitSignal(window.move_requested):
        action.trigger()
    sample = open_window(is_sample=True, page="dashboard")
    assert not sample.action(Act.MOVE_TO_SERVER).isEnabled()
