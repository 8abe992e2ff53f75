"""The reading dialog's meter-change flow (pytest-qt, real database): a counter that went down."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind
from homelog_desktop.domain.rules import EVENT_LABELS
from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.repositories import MeterEventRepository
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.views.meter_changes import MeterEventDialog
from homelog_desktop.views.reading_dialog import ReadingDialog
from tests.conftest import make_reading

#: The form's field for each label a message starts with.
FIELD_OF = {label: field for field, label in EVENT_LABELS.items()}

LAST_WEEK = utc_now().replace(second=0) - timedelta(days=7)


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


@pytest.fixture
def stored_events(run, db):
    def fetch(source) -> list[MeterEvent]:
        async def go():
            async with db.session(readonly=True) as s:
                return await MeterEventRepository(s).for_source(source.id)

        return run(go())

    return fetch


def widget(dialog, kind, name):
    return dialog.findChild(kind, name)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def event_form(dialog) -> MeterEventDialog:
    (form,) = [d for d in dialog.findChildren(MeterEventDialog) if d.isVisible()]
    return form


def test_counter_down_offers_meter_replaced_and_saves_both_together(
    qtbot, open_dialog, add_source, store, stored_readings, stored_events
):
    """Lower than before: "Meter replaced…" asks for the old final and new start values; afterwards
    the warning is gone, the consumption runs on, and Save stores the change and the reading."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "48211.4", "500.0"))
    dialog, vm = open_dialog(source)
    edit = widget(dialog, QLineEdit, "valueEdit_0")

    qtbot.keyClicks(edit, "112.6")
    message = widget(dialog, QLabel, "valueMessage_0")
    assert "lower than the previous reading" in message.text()
    replaced = widget(dialog, QPushButton, "meterReplacedButton_0")
    assert replaced.isVisible()
    assert widget(dialog, QPushButton, "saveButton").text() == "Save anyway"

    click(qtbot, replaced)
    form = event_form(dialog)
    assert not form.metric_combo.isEnabled(), "the metric is the one that went down"
    assert form.kind is MeterEventKind.REPLACEMENT
    form.old_edit.setText("48230.1")
    form.new_edit.setText("12")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())

    assert not message.isVisible(), "no warning with the replacement recorded"
    assert not replaced.isVisible()
    # 48,230.1 - 48,211.4 on the old meter + 112.6 - 12 on the new one.
    assert widget(dialog, QLabel, "consumption_0").text() == "+ 119.3 kWh"
    assert "Meter replaced" in widget(dialog, QLabel, "meterChangeText_0").text()
    save = widget(dialog, QPushButton, "saveButton")
    assert save.text() == "Save"
    with qtbot.waitSignal(vm.saved):
        click(qtbot, save)

    readings = stored_readings(source)
    assert [r.values[source.metrics[0].id] for r in readings] == [Decimal("48211.4"), Decimal("112.6")]
    (event,) = stored_events(source)
    assert (event.kind, event.old_value, event.new_value) == (
        MeterEventKind.REPLACEMENT,
        Decimal("48230.1"),
        Decimal(12),
    )
    assert LAST_WEEK < event.at <= readings[-1].timestamp


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("48200.0", "12", "Old meter's final value", "lower than the previous reading"),
        ("48230.1", "200", "New meter's start value", "higher than this reading"),
        ("48230.1", "x", "New meter's start value", "is not a number"),
    ],
)
def test_meter_replaced_bad_values_name_the_field(
    qtbot, open_dialog, add_source, store, stored_readings, stored_events, old, new, field, reason
):
    """Values that cannot be right keep the form open with the field named; nothing is stored."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "48211.4"))
    dialog, _vm = open_dialog(source)
    qtbot.keyClicks(widget(dialog, QLineEdit, "valueEdit_0"), "112.6")
    click(qtbot, widget(dialog, QPushButton, "meterReplacedButton_0"))
    form = event_form(dialog)
    form.old_edit.setText(old)
    form.new_edit.setText(new)

    click(qtbot, form.ok_button)

    assert form.isVisible()
    assert form.error_text(FIELD_OF[field]).startswith(f"{field}:") and reason in form.error_text(FIELD_OF[field])
    form.reject()
    assert widget(dialog, QLabel, "valueMessage_0").isVisible(), "the warning is still there"
    assert len(stored_readings(source)) == 1 and stored_events(source) == []


def test_register_rollover_is_offered_when_it_wraps_by_a_little(
    qtbot, open_dialog, add_source, store, stored_readings, stored_events
):
    """A 5-digit register read just past 99999: "Register rolled over" records it without questions."""
    metrics = (Metric(None, "Water", "m³", MetricKind.COUNTER, 1, 5),)
    source = add_source("Water", metrics=metrics)
    store(source, make_reading(source, LAST_WEEK, "99990.0"))
    dialog, vm = open_dialog(source)
    qtbot.keyClicks(widget(dialog, QLineEdit, "valueEdit_0"), "15.0")
    rollover = widget(dialog, QPushButton, "rolloverButton_0")
    assert rollover.isVisible()

    click(qtbot, rollover)

    assert widget(dialog, QLabel, "consumption_0").text() == "+ 25.0 m³"
    assert not widget(dialog, QLabel, "valueMessage_0").isVisible()
    with qtbot.waitSignal(vm.saved):
        click(qtbot, widget(dialog, QPushButton, "saveButton"))
    (event,) = stored_events(source)
    assert event.kind is MeterEventKind.ROLLOVER and event.digits is None
    assert LAST_WEEK < event.at < stored_readings(source)[-1].timestamp


def test_no_rollover_offered_for_a_big_drop(qtbot, open_dialog, add_source, store):
    """Half the register lower is a replacement, not a wrap: no rollover button."""
    metrics = (Metric(None, "Water", "m³", MetricKind.COUNTER, 1, 5),)
    source = add_source("Water", metrics=metrics)
    store(source, make_reading(source, LAST_WEEK, "50000.0"))
    dialog, _vm = open_dialog(source)
    qtbot.keyClicks(widget(dialog, QLineEdit, "valueEdit_0"), "15.0")

    assert widget(dialog, QPushButton, "meterReplacedButton_0").isVisible()
    assert not widget(dialog, QPushButton, "rolloverButton_0").isVisible()


def test_removing_the_recorded_change_brings_the_warning_back(qtbot, open_dialog, add_source, store):
    """ "Remove" drops the change recorded here: the value is lower than before again."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "1000.0"))
    dialog, _vm = open_dialog(source)
    qtbot.keyClicks(widget(dialog, QLineEdit, "valueEdit_0"), "5.0")
    click(qtbot, widget(dialog, QPushButton, "meterResetButton_0"))
    form = event_form(dialog)
    assert form.kind is MeterEventKind.RESET
    form.old_edit.setText("1001.0")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not widget(dialog, QLabel, "valueMessage_0").isVisible())
    assert widget(dialog, QLabel, "consumption_0").text() == "+ 6.0 kWh"

    click(qtbot, widget(dialog, QPushButton, "removeMeterChangeButton_0"))

    assert "lower than the previous reading" in widget(dialog, QLabel, "valueMessage_0").text()
    assert widget(dialog, QPushButton, "meterReplacedButton_0").isVisible()


def test_stored_change_means_no_warning(qtbot, run, db, open_dialog, add_source, store):
    """With a replacement already recorded since the previous reading, a lower value is not questioned."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "1000.0"))

    async def record():
        async with db.session() as s:
            await MeterEventRepository(s).add(
                MeterEvent(
                    None,
                    source.id,
                    source.metrics[0].id,
                    LAST_WEEK + timedelta(days=2),
                    MeterEventKind.REPLACEMENT,
                    Decimal("1004.0"),
                    Decimal("0.0"),
                )
            )

    run(record())
    dialog, _vm = open_dialog(source)
    qtbot.keyClicks(widget(dialog, QLineEdit, "valueEdit_0"), "3.0")

    assert not widget(dialog, QLabel, "valueMessage_0").isVisible()
    assert not widget(dialog, QPushButton, "meterReplacedButton_0").isVisible()
    assert widget(dialog, QLabel, "consumption_0").text() == "+ 7.0 kWh"
    assert widget(dialog, QPushButton, "saveButton").text() == "Save"


def test_recorded_change_counts_as_typed(qtbot, open_dialog, add_source, store, stored_events):
    """A change recorded here is not thrown away silently: Cancel asks first."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "1000.0"))
    dialog, _vm = open_dialog(source)
    qtbot.keyClicks(widget(dialog, QLineEdit, "valueEdit_0"), "5.0")
    click(qtbot, widget(dialog, QPushButton, "meterReplacedButton_0"))
    form = event_form(dialog)
    form.old_edit.setText("1001.0")
    form.new_edit.setText("0")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    widget(dialog, QLineEdit, "valueEdit_0").clear()

    assert "enter the value read" in widget(dialog, QLabel, "valueMessage_0").text()
    assert not widget(dialog, QPushButton, "saveButton").isEnabled()
    dialog.reject()
    assert any(b.isVisible() for b in dialog.findChildren(QMessageBox, "discardReadingBox"))
    assert stored_events(source) == []
