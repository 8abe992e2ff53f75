"""Edit → Undo/Redo in the main window: Ctrl+Z and Ctrl+Shift+Z, the menu naming the change."""

from __future__ import annotations

import os
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import QMenu, QWidget

from homelog_desktop.views.main.actions import Act
from tests.conftest import make_reading
from tests.ui.test_main_window import (
    CTRL,
    LAST_WEEK,
    SHOTS,
    click_box_button,
    open_window,  # noqa: F401  (the fixture)
    press,
    reading_count,
    settle,
    sidebar,
    sidebar_names,
    table,
    wait_dialog,
)

pytestmark = pytest.mark.usefixtures("isolated_settings")
SHIFT = Qt.KeyboardModifier.ShiftModifier


def edit_menu(window) -> QMenu:
    """The Edit menu, found by its title (PySide6 6.8 deletes the wrapper QAction.menu() returns)."""
    return next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit")


def wait_history(qtbot, window) -> None:
    """Until the undo history has finished its step and the pages reloaded."""
    history = window.workspace.history
    qtbot.waitUntil(lambda: not history.running and not history.busy)
    settle(qtbot, window)


def shoot_menu(window, menu: QMenu, name: str) -> None:
    """The window with ``menu`` open over it, as one picture (offscreen, a popup is its own window)."""
    os.makedirs(SHOTS, exist_ok=True)
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    picture.save(f"{SHOTS}/undo_{name}.png")


def test_window_undo_and_redo_a_delete_through_the_edit_menu(qtbot, open_window, add_source, store, db_path):  # noqa: F811
    """Delete 3 readings, then Ctrl+Z brings them back and Ctrl+Shift+Z deletes them again; the Edit
    menu names the change and is disabled when there is nothing to undo or redo."""
    source = add_source("House")
    store(source, *[make_reading(source, LAST_WEEK.replace(day=1 + i % 27, hour=i), f"{100 + i}.0") for i in range(3)])
    window = open_window()
    undo, redo = window.action(Act.UNDO), window.action(Act.REDO)
    menu = edit_menu(window)
    assert menu.actions()[:2] == [undo, redo]
    assert not undo.isEnabled() and not redo.isEnabled()
    assert undo.toolTip() == "Nothing to undo"

    table(window).selectAll()
    press(qtbot, table(window), Qt.Key.Key_Delete)
    box = wait_dialog(qtbot, window, "confirmDialog")
    assert box.text() == "Delete 3 readings from “House”?"
    assert "cannot be undone" not in box.informativeText()
    assert "Undo" in box.informativeText()
    click_box_button(qtbot, box, "confirmButton")
    settle(qtbot, window)
    assert reading_count(db_path) == 0
    qtbot.waitUntil(undo.isEnabled)
    assert undo.text() == "&Undo Delete 3 Readings"
    assert undo.toolTip() == "Undo Delete 3 Readings"
    assert not redo.isEnabled() and redo.text() == "&Redo"

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL)
    wait_history(qtbot, window)
    assert reading_count(db_path) == 3
    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 3)  # the page refreshed itself
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert redo.isEnabled() and redo.text() == "&Redo Delete 3 Readings"
    assert window.statusBar().currentMessage() == "Undone: Delete 3 Readings"

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, table(window), Qt.Key.Key_Z, CTRL | SHIFT)
    wait_history(qtbot, window)
    assert reading_count(db_path) == 0
    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 0)
    assert undo.text() == "&Undo Delete 3 Readings" and not redo.isEnabled()
    assert window.statusBar().currentMessage() == "Redone: Delete 3 Readings"

    # Through the menu too.
    with qtbot.waitSignal(window.workspace.history.stepped):
        undo.trigger()
    wait_history(qtbot, window)
    assert reading_count(db_path) == 3
    with qtbot.waitSignal(window.workspace.history.stepped):
        redo.trigger()
    wait_history(qtbot, window)
    assert reading_count(db_path) == 0

    menu.popup(window.mapToGlobal(window.menuBar().actionGeometry(menu.menuAction()).bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    shoot_menu(window, menu, "edit_menu")
    menu.hide()
    window.resize(800, 600)
    menu.popup(window.mapToGlobal(window.menuBar().actionGeometry(menu.menuAction()).bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    shoot_menu(window, menu, "edit_menu_800x600")
    assert [a.shortcut().toString() for a in menu.actions()[:2]] == ["Ctrl+Z", "Ctrl+Shift+Z"]
    for standard in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):  # the platform's Redo key too
        assert standard in redo.shortcuts()
    menu.hide()


def test_window_undo_refused_shows_the_message_in_the_banner(qtbot, open_window, add_source, db_path, run, db):  # noqa: F811
    """The source was renamed behind the window's back after it was archived: Undo says so in the
    banner, changes nothing, and stays offered."""
    add_source("House")
    window = open_window()
    banner = window.findChild(QWidget, "banner")
    window.action(Act.ARCHIVE_SOURCE).trigger()
    qtbot.waitUntil(window.action(Act.UNDO).isEnabled)
    settle(qtbot, window)
    assert window.action(Act.UNDO).text() == "&Undo Archive Source “House”"

    async def rename_elsewhere() -> None:
        from dataclasses import replace

        from homelog_desktop.repositories import SourceRepository

        async with db.session() as session:
            (stored,) = await SourceRepository(session).all()
            await SourceRepository(session).update(replace(stored, name="Flat"))

    run(rename_elsewhere())
    window.action(Act.UNDO).trigger()
    qtbot.waitUntil(banner.isVisible)
    wait_history(qtbot, window)
    assert banner.kind == "error"
    assert banner.text.startswith("Cannot undo “Archive Source “House””: this source was changed by")
    assert banner.text.endswith("Nothing was changed.")
    assert names(db_path) == [("Flat", 1)]
    assert window.action(Act.UNDO).isEnabled()  # still there


def names(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT name, archived FROM sources").fetchall()
    finally:
        conn.close()


def test_window_undo_a_source_delete_brings_it_back_in_the_sidebar(qtbot, open_window, add_source, store, db_path):  # noqa: F811
    """Delete a source with its readings (from the welcome page on), Ctrl+Z: it is back in the
    sidebar with its readings; Ctrl+Shift+Z deletes it again."""
    source = add_source("House")
    add_source("Water")
    store(source, *(make_reading(source, LAST_WEEK.replace(hour=h), f"{100 + h}.0") for h in range(3)))
    window = open_window()
    window.action(Act.DELETE_SOURCE).trigger()
    box = wait_dialog(qtbot, window, "confirmDeleteSource")
    assert "cannot be undone" not in box.informativeText() and "Undo brings it back" in box.informativeText()
    deleted = window.current_source().name
    click_box_button(qtbot, box, "confirmButton")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: deleted not in sidebar_names(window))
    assert window.action(Act.UNDO).text() == f"&Undo Delete Source “{deleted}”"

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL)
    wait_history(qtbot, window)
    qtbot.waitUntil(lambda: sorted(sidebar_names(window)) == ["House", "Water"])
    assert reading_count(db_path) == 3

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL | SHIFT)
    wait_history(qtbot, window)
    qtbot.waitUntil(lambda: deleted not in sidebar_names(window))


def test_window_undo_a_standard_format_import(qtbot, open_window, add_source, db_path, tmp_path):  # noqa: F811
    """A NEM12 file imported through the wizard's "Recognised" page is one step: the Edit menu names
    it, Ctrl+Z removes the source it created with its readings, Ctrl+Shift+Z brings them back."""
    from pathlib import Path

    from PySide6.QtWidgets import QWizard

    from homelog_desktop.views.import_wizard import PAGE_RECOGNISED, PAGE_SUMMARY, ImportWizard

    add_source("Water")
    window = open_window()
    nem12 = Path(__file__).resolve().parents[1] / "data" / "formats" / "nem12_two_registers.csv"
    window.import_readings(nem12)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ImportWizard)), timeout=10_000)
    wizard = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RECOGNISED, timeout=10_000)
    wizard.recognised_page.one_source.setChecked(True)
    wizard.recognised_page.source_name.setCurrentText("House")
    qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.currentPage().isComplete(), timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    wizard.accept()
    undo, redo = window.action(Act.UNDO), window.action(Act.REDO)
    qtbot.waitUntil(undo.isEnabled)
    settle(qtbot, window)
    assert undo.text() == "&Undo Import 239 Readings"
    assert reading_count(db_path) == 239 and "House" in sidebar_names(window)

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL)
    wait_history(qtbot, window)
    assert reading_count(db_path) == 0 and names(db_path) == [("Water", 0)]
    qtbot.waitUntil(lambda: sidebar_names(window) == ["Water"])
    assert redo.text() == "&Redo Import 239 Readings"
    assert window.statusBar().currentMessage() == "Undone: Import 239 Readings"

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL | SHIFT)
    wait_history(qtbot, window)
    assert reading_count(db_path) == 239
    qtbot.waitUntil(lambda: sorted(sidebar_names(window)) == ["House", "Water"])


def test_window_undo_a_home_log_import(qtbot, open_window, add_source, db_path, tmp_path):  # noqa: F811
    """A Home Log file (File → Import) is one step named after its sources: Ctrl+Z removes the source
    it created with its readings, Ctrl+Shift+Z brings them back."""
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QWizard

    from homelog_desktop.domain.entities import Category, Metric, Source
    from homelog_desktop.services.exporting import ExportFormat, export_text
    from homelog_desktop.views.import_wizard import PAGE_HOMELOG, PAGE_SUMMARY, ImportWizard

    add_source("Water")
    meter = Source(7, "Garage", Category.ELECTRICITY, metrics=(Metric(1, "Energy", "kWh", decimals=1),))
    start = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp())
    rows = [(start + 86400 * i, "", 10 + i, None, False, False, None) for i in range(5)]
    path = tmp_path / "garage.json"
    path.write_text(export_text(meter, [rows], ExportFormat.JSON), encoding="utf-8")
    window = open_window()
    window.import_readings(path)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ImportWizard)), timeout=10_000)
    wizard = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_HOMELOG, timeout=10_000)
    qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.currentPage().isComplete(), timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    wizard.accept()
    undo, redo = window.action(Act.UNDO), window.action(Act.REDO)
    qtbot.waitUntil(undo.isEnabled)
    settle(qtbot, window)
    assert undo.text() == "&Undo Import 1 Source"
    assert reading_count(db_path) == 5 and "Garage" in sidebar_names(window)

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL)
    wait_history(qtbot, window)
    assert reading_count(db_path) == 0 and names(db_path) == [("Water", 0)]
    qtbot.waitUntil(lambda: sidebar_names(window) == ["Water"])
    assert redo.text() == "&Redo Import 1 Source"

    with qtbot.waitSignal(window.workspace.history.stepped):
        press(qtbot, sidebar(window), Qt.Key.Key_Z, CTRL | SHIFT)
    wait_history(qtbot, window)
    assert reading_count(db_path) == 5
    qtbot.waitUntil(lambda: sorted(sidebar_names(window)) == ["Garage", "Water"])
