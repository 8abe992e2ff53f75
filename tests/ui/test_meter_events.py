"""Meter changes in the source dialog (pytest-qt, real database): listing, adding, editing, removing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMessageBox

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind
from homelog_desktop.domain.rules import EVENT_LABELS
from homelog_desktop.repositories import MeterEventRepository
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
from homelog_desktop.views.meter_changes import EventColumn, MeterEventDialog, MeterEventsTableModel
from homelog_desktop.views.source_dialog import MetricColumn, SourceDialog
from tests.conftest import T0

#: The form's field for each label a message starts with.
FIELD_OF = {label: field for field, label in EVENT_LABELS.items()}


@pytest.fixture
def open_dialog(qtbot, db):
    """A SourceDialog for ``source`` once its meter changes and tariffs have loaded."""

    def factory(source=None) -> SourceDialog:
        vm = SourceEditorViewModel(db, source)
        dialog = SourceDialog(vm)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(vm.changes_loaded):
            dialog.show()
        return dialog

    return factory


@pytest.fixture
def stored_events(run, db):
    def fetch(source) -> list[MeterEvent]:
        async def go():
            async with db.session(readonly=True) as s:
                return await MeterEventRepository(s).for_source(source.id)

        return run(go())

    return fetch


@pytest.fixture
def record(run, db):
    def add(*events: MeterEvent) -> list[MeterEvent]:
        async def go():
            async with db.session() as s:
                return [await MeterEventRepository(s).add(e) for e in events]

        return run(go())

    return add


def replacement(source, at=T0, metric=0, old="1234.5", new="0.5", note="") -> MeterEvent:
    return MeterEvent(
        None,
        source.id,
        source.metrics[metric].id,
        at,
        MeterEventKind.REPLACEMENT,
        Decimal(old),
        Decimal(new),
        note=note,
    )


def event_dialog(qtbot, dialog: SourceDialog) -> MeterEventDialog:
    found = dialog.findChildren(MeterEventDialog)
    visible = [d for d in found if d.isVisible()]
    assert len(visible) == 1, "one meter change dialog open"
    return visible[0]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_and_wait(qtbot, dialog: SourceDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.save_button)


def test_source_dialog_lists_stored_meter_changes(open_dialog, add_source, record):
    """An existing source's meter changes are listed oldest first, with the tab counting them."""
    source = add_source()
    record(replacement(source, T0 + timedelta(days=9), note="smart meter"), replacement(source, T0, metric=1))
    dialog = open_dialog(source)

    model = dialog.events_model
    assert model.rowCount() == 2
    assert [model.index(r, EventColumn.METRIC).data() for r in range(2)] == ["Night", "Day"]
    assert model.index(1, EventColumn.KIND).data() == "Meter replaced"
    assert model.index(1, EventColumn.OLD).data() == "1,234.5"
    assert model.index(1, EventColumn.NOTE).data() == "smart meter"
    assert dialog.tabs.tabText(2) == "Meter c&hanges (2)"


def test_source_dialog_adds_a_meter_change_saved_with_the_source(qtbot, open_dialog, add_source, stored_events):
    """Add…, fill in the replacement and OK: it is listed, and stored only when the source is saved."""
    source = add_source()
    dialog = open_dialog(source)
    dialog.tabs.setCurrentWidget(dialog.events_page)

    click(qtbot, dialog.add_event_button)
    form = event_dialog(qtbot, dialog)
    form.metric_combo.setCurrentIndex(form.metric_combo.findData(source.metrics[1].id))
    form.time_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(T0.timestamp())))
    form.old_edit.setText("23,107.8")
    form.new_edit.setText("0")
    form.note_edit.setPlainText("new meter")
    click(qtbot, form.ok_button)

    qtbot.waitUntil(lambda: dialog.events_model.rowCount() == 1)
    assert stored_events(source) == [], "nothing is stored before Save"
    assert dialog.has_changes()
    save_and_wait(qtbot, dialog)

    (stored,) = stored_events(source)
    assert (stored.metric_id, stored.at, stored.kind) == (source.metrics[1].id, T0, MeterEventKind.REPLACEMENT)
    assert (stored.old_value, stored.new_value, stored.note) == (Decimal("23107.8"), Decimal("0"), "new meter")


def test_source_dialog_edits_and_removes_meter_changes(qtbot, open_dialog, add_source, record, stored_events):
    """Edit… changes a stored change in place (same id); Remove drops the other one on Save."""
    source = add_source()
    first, second = record(replacement(source, T0), replacement(source, T0 + timedelta(days=30)))
    dialog = open_dialog(source)

    dialog.events_view.selectRow(0)
    click(qtbot, dialog.edit_event_button)
    form = event_dialog(qtbot, dialog)
    assert form.old_edit.text() == "1234.5"
    form.select_kind(MeterEventKind.RESET)
    form.old_edit.setText("1300")
    form.new_edit.clear()
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: dialog.events_model.item_at(0).kind is MeterEventKind.RESET)
    dialog.events_view.selectRow(1)
    click(qtbot, dialog.remove_event_button)
    assert dialog.events_model.rowCount() == 1

    save_and_wait(qtbot, dialog)

    (stored,) = stored_events(source)
    assert stored.id == first.id
    assert (stored.kind, stored.old_value, stored.new_value) == (MeterEventKind.RESET, Decimal("1300"), None)
    assert second.id not in {e.id for e in stored_events(source)}


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("12x", "0", "Old meter's final value", "is not a number"),
        ("", "0", "Old meter's final value", "is needed for a replacement"),
        ("100", "", "New meter's start value", "is needed for a replacement"),
        ("100.25", "0", "Old meter's final value", "too many decimals"),
    ],
)
def test_meter_change_dialog_bad_input_names_the_field(
    qtbot, open_dialog, add_source, stored_events, old, new, field, reason
):
    """Bad input keeps the form open with the message under the field; nothing is added or stored."""
    source = add_source()
    dialog = open_dialog(source)
    click(qtbot, dialog.add_event_button)
    form = event_dialog(qtbot, dialog)
    form.old_edit.setText(old)
    form.new_edit.setText(new)

    click(qtbot, form.ok_button)

    assert form.isVisible()
    assert form.error_text(FIELD_OF[field]).startswith(f"{field}:")
    assert reason in form.error_text(FIELD_OF[field])
    form.reject()
    assert dialog.events_model.rowCount() == 0
    assert stored_events(source) == []


def test_meter_change_dialog_rollover_needs_no_values(qtbot, open_dialog, add_source, stored_events):
    """A rollover hides the values and takes the register's digits."""
    metrics = (Metric(None, "Day", "kWh", MetricKind.COUNTER, 1, 5),)
    source = add_source(metrics=metrics)
    dialog = open_dialog(source)
    click(qtbot, dialog.add_event_button)
    form = event_dialog(qtbot, dialog)

    form.select_kind(MeterEventKind.ROLLOVER)

    assert not form.old_edit.isVisible() and form.digits_spin.isVisible()
    assert form.digits_spin.value() == 5
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: dialog.events_model.rowCount() == 1)
    assert dialog.events_model.index(0, EventColumn.KIND).data() == "Rolled over (5 digits)"
    save_and_wait(qtbot, dialog)
    (stored,) = stored_events(source)
    assert (stored.kind, stored.digits, stored.old_value) == (MeterEventKind.ROLLOVER, 5, None)


def test_source_dialog_meter_change_on_a_gauge_is_shown_on_its_row(
    qtbot, open_dialog, add_source, record, stored_events
):
    """Turning a metric with a meter change into a gauge: Save shows why on the change's row, stores nothing."""
    source = add_source()
    record(replacement(source))
    dialog = open_dialog(source)
    dialog.metrics_model.setData(dialog.metrics_model.index(0, MetricColumn.KIND), MetricKind.GAUGE.value)

    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.events_page
    assert dialog.events_error.isVisible()
    assert "“Day” is no longer a counter" in dialog.events_error.text()
    assert dialog.events_model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert not dialog.tabs.tabIcon(2).isNull()
    assert stored_events(source)[0].metric_id == source.metrics[0].id

    click(qtbot, dialog.remove_event_button)
    assert not dialog.events_error.isVisible()


def test_source_dialog_removing_a_metric_takes_its_meter_changes(qtbot, open_dialog, add_source, record, stored_events):
    """Removing a metric with a meter change asks first and removes the change with it."""
    source = add_source()
    record(replacement(source, metric=1))
    dialog = open_dialog(source)
    dialog.metrics_view.selectRow(1)

    click(qtbot, dialog.remove_metric_button)
    box = next(b for b in dialog.findChildren(QMessageBox, "removeMetricBox") if b.isVisible())
    assert "meter change" in box.informativeText()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()

    assert dialog.events_model.rowCount() == 0
    save_and_wait(qtbot, dialog)
    assert stored_events(source) == []


def test_source_dialog_added_meter_change_asks_before_discarding(qtbot, open_dialog, add_source, stored_events):
    """A meter change added but not saved counts as typed: Cancel asks before throwing it away."""
    source = add_source()
    dialog = open_dialog(source)
    assert not dialog.has_changes()
    click(qtbot, dialog.add_event_button)
    form = event_dialog(qtbot, dialog)
    form.old_edit.setText("10")
    form.new_edit.setText("0")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: dialog.events_model.rowCount() == 1)

    dialog.reject()

    box = next(b for b in dialog.findChildren(QMessageBox, "discardSourceBox") if b.isVisible())
    assert box.text() == "Discard your changes to this source?"
    assert dialog.isVisible()
    assert stored_events(source) == []


def test_meter_events_model_passes_modeltester(qtmodeltester):
    """The meter changes model is a correct Qt model through adds, replacements, removals and marks."""
    metrics = [Metric(1, "Day", "kWh", MetricKind.COUNTER, 1, 6), Metric(-1, "Night", "kWh", MetricKind.COUNTER, 1)]
    model = MeterEventsTableModel(
        [
            MeterEvent(1, 1, 1, T0 + timedelta(days=2), MeterEventKind.RESET, Decimal("5")),
            MeterEvent(2, 1, -1, T0, MeterEventKind.ROLLOVER),
        ],
        metrics,
    )
    qtmodeltester.check(model)
    assert [e.id for e in model.items()] == [2, 1], "oldest first"
    row = model.add_item(
        MeterEvent(None, 1, 1, T0 + timedelta(days=1), MeterEventKind.REPLACEMENT, Decimal(9), Decimal(0))
    )
    assert row == 1
    assert model.replace_item(0, MeterEvent(2, 1, -1, T0 + timedelta(days=3), MeterEventKind.ROLLOVER)) == 2
    model.set_problems({0: "a problem"})
    qtmodeltester.check(model)
    assert model.index(2, EventColumn.KIND).data() == "Rolled over"
    assert model.index(1, EventColumn.KIND).data() == "Meter reset"
    assert model.index(1, EventColumn.NEW).data() == "0.0", "a reset without a start value starts at zero"
    assert model.remove_metric(-1) == 1
    model.remove_item(0)
    qtmodeltester.check(model)
    assert [e.kind for e in model.items()] == [MeterEventKind.RESET]


def test_meter_changes_list_keyboard_enter_edits_and_delete_removes(qtbot, open_dialog, add_source, record):
    """On the list, Enter opens the selected change for editing and Delete removes it."""
    source = add_source()
    record(replacement(source))
    dialog = open_dialog(source)
    dialog.tabs.setCurrentWidget(dialog.events_page)
    dialog.events_view.setFocus()
    dialog.events_view.selectRow(0)

    qtbot.keyClick(dialog.events_view, Qt.Key.Key_Return)
    form = event_dialog(qtbot, dialog)
    assert form.old_edit.text() == "1234.5"
    form.reject()
    qtbot.waitUntil(lambda: dialog._item_dialog is None)
    qtbot.keyClick(dialog.events_view, Qt.Key.Key_Delete)

    assert dialog.events_model.rowCount() == 0


def test_source_dialog_flags_meter_change_with_no_reading_after_it(open_dialog, add_source, record, store):
    """A change left with no reading on one side (its reading deleted) shows a warning icon and says why."""
    from tests.conftest import make_reading

    source = add_source()
    store(source, make_reading(source, T0, "100", None), make_reading(source, T0 + timedelta(days=7), "12", None))
    record(replacement(source, T0 + timedelta(days=6)), replacement(source, T0 + timedelta(days=8)))
    dialog = open_dialog(source)

    model = dialog.events_model
    icons = [model.index(r, EventColumn.METRIC).data(Qt.ItemDataRole.DecorationRole) for r in range(2)]
    assert icons[0] is None and icons[1] is not None
    assert "joins nothing" in model.index(1, EventColumn.METRIC).data(Qt.ItemDataRole.ToolTipRole)
