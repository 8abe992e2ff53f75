"""ReadingDialog for an interval metric: the amount's period start, shown, editable and checked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QLineEdit, QPushButton

from homelog_desktop.domain.entities import Category, Metric, MetricKind
from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.views.reading_dialog import NO_START_TEXT, ReadingDialog
from tests.conftest import make_reading

NOW = utc_now().replace(second=0, microsecond=0)
LAST_MONTH = NOW - timedelta(days=30)


@pytest.fixture
def bill_source(add_source):
    """A source with one interval metric (the amounts of the supplier's bills)."""
    return add_source(
        "Bills",
        category=Category.ELECTRICITY,
        metrics=(Metric(None, "Billed", "kWh", MetricKind.INTERVAL, decimals=1),),
    )


@pytest.fixture
def open_dialog(qtbot, db):
    def opener(source, reading=None):
        vm = ReadingEditorViewModel(db, source, reading)
        dialog = ReadingDialog(vm)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: vm.context is not None and not vm.busy)
        return dialog, vm

    return opener


def start_edit(dialog) -> QDateTimeEdit:
    return dialog.findChild(QDateTimeEdit, "periodStartEdit_0")


def shown_start(dialog) -> datetime:
    return datetime.fromtimestamp(start_edit(dialog).dateTime().toSecsSinceEpoch(), UTC)


def set_start(dialog, moment: datetime) -> None:
    start_edit(dialog).setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))


def save(qtbot, dialog, vm) -> None:
    with qtbot.waitSignal(vm.saved):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def message(dialog) -> str:
    return dialog.findChild(QLabel, "valueMessage_0").text()


def test_the_period_starts_at_the_previous_reading_by_default(qtbot, open_dialog, bill_source, store, stored_readings):
    """The start field shows the previous reading's time and the amount is stored with it."""
    store(bill_source, make_reading(bill_source, LAST_MONTH, "300.0"))
    dialog, vm = open_dialog(bill_source)
    assert start_edit(dialog) is not None and start_edit(dialog).isVisible()
    assert shown_start(dialog) == LAST_MONTH
    assert dialog.findChild(QLabel, "periodStartLabel_0").text() == "for the period from"
    # Counters have no such field.
    assert dialog.findChild(QDateTimeEdit, "periodStartEdit_1") is None

    qtbot.keyClicks(dialog.findChild(QLineEdit, "valueEdit_0"), "250.5")
    assert message(dialog) == ""
    save(qtbot, dialog, vm)
    new = stored_readings(bill_source)[-1]
    assert new.values == {bill_source.metrics[0].id: Decimal("250.5")}
    assert new.starts == {bill_source.metrics[0].id: LAST_MONTH}


def test_a_start_of_its_own_is_stored_and_an_overlap_is_a_warning(
    qtbot, open_dialog, bill_source, store, stored_readings
):
    """A start before the previous reading overlaps its period: a warning, then "Save anyway" stores it."""
    store(bill_source, make_reading(bill_source, LAST_MONTH, "300.0"))
    dialog, vm = open_dialog(bill_source)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "valueEdit_0"), "900")
    earlier = LAST_MONTH - timedelta(days=60)
    set_start(dialog, earlier)
    assert "starts before the previous reading" in message(dialog)
    assert dialog.findChild(QPushButton, "saveButton").text() == "Save anyway"
    save(qtbot, dialog, vm)
    assert stored_readings(bill_source)[-1].starts == {bill_source.metrics[0].id: earlier}


def test_a_start_after_the_reading_is_refused(qtbot, open_dialog, bill_source, store):
    """A period that would start at or after the reading's time is an error: Save is disabled."""
    store(bill_source, make_reading(bill_source, LAST_MONTH, "300.0"))
    dialog, _vm = open_dialog(bill_source)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "valueEdit_0"), "100")
    set_start(dialog, NOW + timedelta(days=1))
    assert "the period must start before the reading's time" in message(dialog)
    assert not dialog.findChild(QPushButton, "saveButton").isEnabled()
    # Back to the default: the error goes.
    qtbot.mouseClick(dialog.findChild(QPushButton, "periodStartResetButton_0"), Qt.MouseButton.LeftButton)
    assert shown_start(dialog) == LAST_MONTH
    assert message(dialog) == ""
    assert dialog.findChild(QPushButton, "saveButton").isEnabled()


def test_the_first_amount_asks_for_a_start(qtbot, open_dialog, bill_source, stored_readings):
    """With no earlier reading the start is "not known" (a warning: not counted); giving one clears it."""
    dialog, vm = open_dialog(bill_source)
    assert start_edit(dialog).text() == NO_START_TEXT
    qtbot.keyClicks(dialog.findChild(QLineEdit, "valueEdit_0"), "3650")
    assert "has no period start" in message(dialog)
    year_ago = NOW - timedelta(days=365)
    set_start(dialog, year_ago)
    assert message(dialog) == ""
    save(qtbot, dialog, vm)
    assert stored_readings(bill_source)[0].starts == {bill_source.metrics[0].id: year_ago}


def test_editing_shows_the_stored_start(qtbot, open_dialog, bill_source, store, stored_readings):
    """An amount opened for editing shows its own stored start, which stays unless changed."""
    own = LAST_MONTH - timedelta(days=3)
    store(bill_source, make_reading(bill_source, LAST_MONTH - timedelta(days=40), "100.0"))
    store(bill_source, make_reading(bill_source, LAST_MONTH, "300.0", starts={bill_source.metrics[0].id: own}))
    reading = stored_readings(bill_source)[-1]
    assert reading.starts == {bill_source.metrics[0].id: own}
    dialog, vm = open_dialog(bill_source, reading)
    assert shown_start(dialog) == own
    save(qtbot, dialog, vm)
    assert stored_readings(bill_source)[-1].starts == {bill_source.metrics[0].id: own}
