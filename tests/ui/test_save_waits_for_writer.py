"""Saving while another program holds the SQLite write lock (a long import from the command line):
the reading dialog and the meter round say they are waiting, offer Cancel, keep what was typed, and
save once the lock is released. The lock is real: BEGIN IMMEDIATE in another process."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.views.meter_round import MeterRoundDialog
from homelog_desktop.views.reading_dialog import ReadingDialog
from homelog_desktop.views.waiting import WAITING_TEXT
from tests.conftest import make_reading
from tests.locks import WriteLockHolder


@pytest.fixture
def hold_lock(db_path: Path) -> Iterator[Any]:
    holders: list[WriteLockHolder] = []

    def start() -> WriteLockHolder:
        holders.append(WriteLockHolder(db_path))
        return holders[-1]

    yield start
    for holder in holders:
        holder.kill()


def count(db_path: Path, table: str) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def waiting_bar(dialog: QWidget) -> QWidget:
    bar = dialog.findChild(QWidget, "waitingBar")
    assert bar is not None
    return bar


@pytest.fixture
def reading_dialog(qtbot, db, run, add_source, store):
    """A reading dialog for “Electricity” (read a week ago), loaded."""
    source = add_source("Electricity")
    store(source, make_reading(source, utc_now().replace(second=0) - timedelta(days=7), "100.0"))
    vm = ReadingEditorViewModel(db, source)
    dialog = ReadingDialog(vm)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: vm.context is not None and not vm.busy)
    yield dialog, vm
    run(vm.close())


def test_reading_dialog_waits_for_another_writer_then_saves(qtbot, db_path, reading_dialog, hold_lock):
    """While another process writes, Save says it is waiting (with Cancel), keeps the dialog and the
    value, and stores the reading as soon as the lock is released."""
    dialog, vm = reading_dialog
    before = count(db_path, "readings")
    holder = hold_lock()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "valueEdit_0"), "107.5")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)

    bar = waiting_bar(dialog)
    qtbot.waitUntil(bar.isVisible)
    assert bar.findChild(QWidget, "waitingText").text() == WAITING_TEXT
    assert bar.findChild(QPushButton, "waitingCancelButton").isEnabled()
    assert dialog.isVisible()
    assert dialog.findChild(QLineEdit, "valueEdit_0").text() == "107.5"
    assert count(db_path, "readings") == before

    with qtbot.waitSignal(vm.saved, timeout=30_000):
        holder.release()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not bar.isVisible()
    assert count(db_path, "readings") == before + 1
    assert count(db_path, "members") == 1  # the other program's write is there too


def test_reading_dialog_cancel_waiting_keeps_the_reading_unsaved(qtbot, db_path, reading_dialog, hold_lock):
    """Cancel stops waiting: nothing is stored (not even after the lock is released), the dialog keeps
    the value, and Save works again once the other program has finished."""
    dialog, vm = reading_dialog
    before = count(db_path, "readings")
    holder = hold_lock()
    value = dialog.findChild(QLineEdit, "valueEdit_0")
    save = dialog.findChild(QPushButton, "saveButton")
    left = Qt.MouseButton.LeftButton
    qtbot.keyClicks(value, "107.5")
    qtbot.mouseClick(save, left)
    bar = waiting_bar(dialog)
    qtbot.waitUntil(bar.isVisible)

    with qtbot.waitSignal(vm.save_cancelled):
        qtbot.mouseClick(bar.findChild(QPushButton, "waitingCancelButton"), left)
    assert not bar.isVisible()
    assert dialog.isVisible() and value.text() == "107.5"
    assert save.isEnabled() and save.text() == "Save"

    holder.release()
    qtbot.waitUntil(lambda: not vm._writer._abandoned)  # the abandoned attempt has rolled back
    assert count(db_path, "readings") == before
    with qtbot.waitSignal(vm.saved):
        qtbot.mouseClick(save, left)
    assert count(db_path, "readings") == before + 1


def test_meter_round_waits_for_another_writer_then_saves(qtbot, db, db_path, run, add_source, hold_lock):
    """The meter round waits the same way and stores its readings when the lock is released."""
    add_source("Electricity", interval_days=7)
    vm = MeterRoundViewModel(db)
    dialog = MeterRoundDialog(vm)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.rows) and not vm.busy)
    try:
        holder = hold_lock()
        dialog.rows[0].edit.setFocus()
        qtbot.keyClicks(dialog.rows[0].edit, "1234.5")
        left = Qt.MouseButton.LeftButton
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), left)
        bar = waiting_bar(dialog)
        qtbot.waitUntil(bar.isVisible)
        assert dialog.isVisible() and dialog.rows[0].edit.text() == "1234.5"
        assert count(db_path, "readings") == 0
        with qtbot.waitSignal(vm.saved, timeout=30_000):
            holder.release()
        assert count(db_path, "readings") == 1
    finally:
        run(vm.close())
