"""The meter round sheet on a real database: due sources first, expected values, keyboard entry,
inline warnings, one transaction for all readings, the sheet kept open on an error, asking before discarding."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from homelog_desktop.domain.entities import Category, Metric, MetricKind
from homelog_desktop.domain.errors import HomeLogError
from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.repositories import ReadingRepository
from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
from homelog_desktop.views.meter_round import MeterRoundDialog
from tests.conftest import make_reading


@pytest.fixture
def household(add_source, store):
    """Electricity (two registers, overdue), water (overdue) and a thermometer (not due).

    Timed from this test's own "now": the expected values run on with the clock, so a "now" taken at
    import would drift by the minutes a long suite takes before this test runs."""
    now = utc_now().replace(second=0)
    power = add_source("Electricity", interval_days=7)
    water = add_source(
        "Water",
        category=Category.WATER,
        interval_days=7,
        metrics=(Metric(None, "Water", "m³", MetricKind.COUNTER, decimals=3),),
    )
    room = add_source(
        "Room",
        category=Category.TEMPERATURE,
        interval_days=30,
        metrics=(Metric(None, "Temperature", "°C", MetricKind.GAUGE, decimals=1),),
    )
    store(
        power,
        make_reading(power, now - timedelta(days=30), "1000.0", "500.0"),
        make_reading(power, now - timedelta(days=20), "1100.0", "540.0"),
    )
    store(
        water,
        make_reading(water, now - timedelta(days=30), "10.000"),
        make_reading(water, now - timedelta(days=10), "12.000"),
    )
    store(room, make_reading(room, now - timedelta(days=2), "20.5"))
    return power, water, room


@pytest.fixture
def sheet(qtbot, db, run):
    created = []

    def opener(vm=None):
        vm = vm or MeterRoundViewModel(db)
        dialog = MeterRoundDialog(vm)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.start()
        qtbot.waitUntil(lambda: bool(dialog.rows) and not vm.busy)
        created.append(vm)
        return dialog

    yield opener
    for vm in created:
        run(vm.close())


def count_readings(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM readings").fetchone()[0]
    finally:
        conn.close()


def edit(dialog, source, metric):
    return dialog.findChild(QLineEdit, f"roundValue_{source.id}_{metric.id}")


def test_meter_round_lists_due_sources_first_with_previous_and_expected(qtbot, household, sheet):
    """Overdue sources come first; the previous value and the expected one (recent rate) are shown."""
    power, _water, room = household
    dialog = sheet()
    order = [(r.line.source.name, r.line.metric.name) for r in dialog.rows]
    assert order == [("Electricity", "Day"), ("Electricity", "Night"), ("Water", "Water"), ("Room", "Temperature")]
    assert [r.line.overdue for r in dialog.rows] == [True, True, True, False]
    # Not due yet: hidden until asked for.
    assert not edit(dialog, room, room.metrics[0]).isVisible()
    dialog.findChild(QCheckBox, "roundShowAll").setChecked(True)
    assert edit(dialog, room, room.metrics[0]).isVisible()
    # 100 kWh in 10 days before the last reading, 20 days ago: expect about 1100 + 20 x 10.
    day_row = dialog.rows[0]
    assert day_row.line.previous.value == Decimal("1100.0")
    assert day_row.line.expected == Decimal("1300.0")
    assert edit(dialog, power, power.metrics[0]).placeholderText() == "≈ 1,300.0"
    assert "1,100.0" in day_row.widgets[3].text()


def test_meter_round_keyboard_enter_and_tab_move_to_the_next_value(qtbot, household, sheet):
    """Enter and Tab go from one value to the next; Enter on the last one saves."""
    power, water, _room = household
    dialog = sheet()
    first = edit(dialog, power, power.metrics[0])
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "1290.5")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    second = edit(dialog, power, power.metrics[1])
    assert second.hasFocus()
    qtbot.keyClicks(second, "620")
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    third = edit(dialog, water, water.metrics[0])
    assert third.hasFocus()
    assert dialog.findChild(QPushButton, "saveButton").text() == "Save"
    assert dialog.isVisible()


def test_meter_round_saves_all_readings_in_one_transaction(qtbot, household, sheet, stored_readings, db_path):
    """Values of two sources are stored together at the round's time; empty lines are skipped."""
    power, water, room = household
    dialog = sheet()
    before = count_readings(db_path)
    qtbot.keyClicks(edit(dialog, power, power.metrics[0]), "1290.5")
    qtbot.keyClicks(edit(dialog, water, water.metrics[0]), "12.500")
    save = dialog.findChild(QPushButton, "saveButton")
    assert save.text() == "Save 2 readings"
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count_readings(db_path) == before + 2
    newest_power = stored_readings(power)[-1]
    newest_water = stored_readings(water)[-1]
    assert newest_power.values == {power.metrics[0].id: Decimal("1290.5")}  # the night register was left empty
    assert newest_water.values == {water.metrics[0].id: Decimal("12.500")}
    assert newest_power.timestamp == newest_water.timestamp == dialog._vm.timestamp
    assert len(stored_readings(room)) == 1


class _FailingSecond(ReadingRepository):
    """Stores the first reading of a round, then fails (as a full disk would)."""

    calls = 0

    async def add(self, source, reading, **kwargs):
        type(self).calls += 1
        if type(self).calls == 2:
            raise HomeLogError("The disk is full.")
        return await super().add(source, reading, **kwargs)


def test_meter_round_error_stores_nothing_and_keeps_the_sheet(qtbot, db, household, sheet, db_path):
    """A failure on the second reading rolls the first back; the sheet stays open with the message and the values."""
    power, water, _room = household
    _FailingSecond.calls = 0
    dialog = sheet(MeterRoundViewModel(db, repo_factory=_FailingSecond))
    before = count_readings(db_path)
    qtbot.keyClicks(edit(dialog, power, power.metrics[0]), "1290.5")
    qtbot.keyClicks(edit(dialog, water, water.metrics[0]), "12.500")
    banner = dialog.findChild(QWidget, "roundError")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(banner.isVisible)
    qtbot.waitUntil(lambda: not dialog._vm.busy)
    assert banner.text == "The disk is full."
    assert dialog.isVisible()
    assert count_readings(db_path) == before  # all or nothing
    assert edit(dialog, power, power.metrics[0]).text() == "1290.5"
    assert edit(dialog, water, water.metrics[0]).text() == "12.500"
    assert dialog.findChild(QPushButton, "saveButton").isEnabled()


def test_meter_round_warns_inline_and_refuses_what_cannot_be_read(qtbot, household, sheet, db_path):
    """A counter below the previous reading warns beside it (Save anyway); text that is no number blocks Save."""
    power, water, _room = household
    dialog = sheet()
    day = edit(dialog, power, power.metrics[0])
    qtbot.keyClicks(day, "900")
    message = dialog.findChild(QLabel, f"roundMessage_{power.id}_{power.metrics[0].id}")
    assert message.isVisible() and "lower than the previous" in message.text()
    save = dialog.findChild(QPushButton, "saveButton")
    assert save.text() == "Save anyway"
    qtbot.keyClicks(edit(dialog, water, water.metrics[0]), "12,5x")
    water_message = dialog.findChild(QLabel, f"roundMessage_{water.id}_{water.metrics[0].id}")
    assert "is not a number" in water_message.text()
    assert not save.isEnabled()


def test_meter_round_asks_before_discarding_typed_values(qtbot, household, sheet, db_path):
    """Cancel with values typed asks first; "Keep editing" keeps the sheet, "Discard" closes it without saving."""
    power, _water, _room = household
    dialog = sheet()
    before = count_readings(db_path)
    qtbot.keyClicks(edit(dialog, power, power.metrics[0]), "1290.5")
    dialog.reject()
    box = dialog.findChild(QMessageBox, "discardRoundBox")
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    with qtbot.waitSignal(box.finished):
        qtbot.mouseClick(box.findChild(QPushButton, "keepEditingButton"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert edit(dialog, power, power.metrics[0]).text() == "1290.5"
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "discardRoundBox") is not None)
    box = dialog.findChild(QMessageBox, "discardRoundBox")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(box.findChild(QPushButton, "discardButton"), Qt.MouseButton.LeftButton)
    assert count_readings(db_path) == before


def test_meter_round_empty_sheet_closes_without_asking(qtbot, household, sheet):
    """Nothing typed: Cancel closes at once."""
    dialog = sheet()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert dialog.findChild(QMessageBox, "discardRoundBox") is None


def test_meter_round_enter_on_the_last_value_saves_after_warnings(qtbot, household, sheet, db_path):
    """Enter on the last box saves; with a warning the first Enter goes to "Save anyway", the second saves."""
    power, water, _room = household
    dialog = sheet()
    before = count_readings(db_path)
    last = edit(dialog, water, water.metrics[0])
    qtbot.keyClicks(edit(dialog, power, power.metrics[0]), "900")  # lower than before: a warning
    last.setFocus()
    qtbot.waitUntil(last.hasFocus)
    qtbot.keyClicks(last, "12.500")
    qtbot.keyClick(last, Qt.Key.Key_Return)
    save = dialog.findChild(QPushButton, "saveButton")
    assert save.hasFocus() and save.text() == "Save anyway"
    assert dialog.isVisible() and count_readings(db_path) == before
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(save, Qt.Key.Key_Return)
    assert count_readings(db_path) == before + 2


def test_meter_round_time_change_reloads_around_it_and_keeps_typed_values(qtbot, household, sheet, stored_readings):
    """Moving the round's time shows the readings before that time; what was typed stays; Save uses that time."""
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QDateTimeEdit

    power, _water, _room = household
    dialog = sheet()
    qtbot.keyClicks(edit(dialog, power, power.metrics[0]), "1050")
    earlier = utc_now().replace(second=0) - timedelta(days=25)
    dialog.findChild(QDateTimeEdit, "roundTimestamp").setDateTime(
        QDateTime.fromSecsSinceEpoch(int(earlier.timestamp()))
    )
    qtbot.waitUntil(lambda: dialog._vm.timestamp == earlier and dialog.rows[0].line.previous.value == Decimal("1000.0"))
    assert edit(dialog, power, power.metrics[0]).text() == "1050"
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    stored = [r for r in stored_readings(power) if r.timestamp == earlier]
    assert [r.values[power.metrics[0].id] for r in stored] == [Decimal("1050")]


def test_meter_round_interval_metric_runs_since_the_previous_reading(qtbot, add_source, store, sheet, stored_readings):
    """An amount per period typed in the round starts at the previous reading, as in the reading dialog
    (``default_period_start``); the line says so, and the stored value has that start."""
    now = utc_now().replace(second=0)
    heat = add_source(
        "Heat delivered",
        interval_days=7,
        metrics=(Metric(None, "Delivered", "kWh", MetricKind.INTERVAL, decimals=1),),
    )
    before = now - timedelta(days=9)
    store(heat, make_reading(heat, before, "120.0"))
    dialog = sheet()
    (row,) = [r for r in dialog.rows if r.line.source.id == heat.id]
    assert row.line.period_start == before
    assert "since this reading" in row.widgets[3].toolTip()
    qtbot.keyClicks(edit(dialog, heat, heat.metrics[0]), "35.5")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    newest = stored_readings(heat)[-1]
    assert newest.values == {heat.metrics[0].id: Decimal("35.5")}
    assert newest.starts == {heat.metrics[0].id: before}


def test_meter_round_interval_period_start_is_editable_and_stored(qtbot, add_source, store, sheet, stored_readings):
    """The period start of an amount per period shows the previous reading's time and can be changed (for a
    delivery that covers another period); the stored value has the start typed; "Since the previous reading"
    goes back to the default."""
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QDateTimeEdit

    now = utc_now().replace(second=0)
    heat = add_source(
        "Heat delivered", interval_days=7, metrics=(Metric(None, "Delivered", "kWh", MetricKind.INTERVAL, decimals=1),)
    )
    before = now - timedelta(days=9)
    store(heat, make_reading(heat, before, "120.0"))
    dialog = sheet()
    key = f"{heat.id}_{heat.metrics[0].id}"
    start = dialog.findChild(QDateTimeEdit, f"roundPeriodStart_{key}")
    reset = dialog.findChild(QPushButton, f"roundPeriodReset_{key}")
    assert start.isVisible() and not reset.isVisible()
    assert start.dateTime().toSecsSinceEpoch() == int(before.timestamp())
    chosen = before + timedelta(days=2)
    start.setDateTime(QDateTime.fromSecsSinceEpoch(int(chosen.timestamp())))
    assert reset.isVisible()
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert start.dateTime().toSecsSinceEpoch() == int(before.timestamp()) and not reset.isVisible()
    start.setDateTime(QDateTime.fromSecsSinceEpoch(int(chosen.timestamp())))
    qtbot.keyClicks(edit(dialog, heat, heat.metrics[0]), "35.5")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    newest = stored_readings(heat)[-1]
    assert newest.values == {heat.metrics[0].id: Decimal("35.5")}
    assert newest.starts == {heat.metrics[0].id: chosen}


def test_meter_round_period_start_checked_by_the_reading_rules(qtbot, add_source, store, sheet, db_path):
    """A start after the round's time is the reading form's error (the period must start before its end): said
    beside the value, and nothing is stored; a start before the previous reading is its overlap warning."""
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QDateTimeEdit

    now = utc_now().replace(second=0)
    heat = add_source(
        "Heat delivered", interval_days=7, metrics=(Metric(None, "Delivered", "kWh", MetricKind.INTERVAL, decimals=1),)
    )
    before = now - timedelta(days=9)
    store(heat, make_reading(heat, before, "120.0"))
    dialog = sheet()
    key = f"{heat.id}_{heat.metrics[0].id}"
    start = dialog.findChild(QDateTimeEdit, f"roundPeriodStart_{key}")
    message = dialog.findChild(QLabel, f"roundMessage_{key}")
    qtbot.keyClicks(edit(dialog, heat, heat.metrics[0]), "35.5")
    start.setDateTime(QDateTime.fromSecsSinceEpoch(int((now + timedelta(hours=1)).timestamp())))
    assert message.isVisible() and "the period must start before the reading's time" in message.text()
    start.setDateTime(QDateTime.fromSecsSinceEpoch(int((before - timedelta(days=1)).timestamp())))
    assert "starts before the previous reading" in message.text()
    assert dialog.findChild(QPushButton, "saveButton").text() == "Save anyway"
    start.setDateTime(QDateTime.fromSecsSinceEpoch(int((now + timedelta(hours=1)).timestamp())))
    readings = count_readings(db_path)
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "roundError").isVisible())
    assert dialog.isVisible() and count_readings(db_path) == readings
