"""ReadingDialog on a real database: typing, live checks, accepting warnings, saving and cancelling."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)

from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.repositories import ReadingRepository
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.views.reading_dialog import ReadingDialog
from tests.conftest import make_reading

#: A week before now, on the minute: the previous reading of most tests.
LAST_WEEK = utc_now().replace(second=0) - timedelta(days=7)


@pytest.fixture
def german_locale(british_locale):
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))


@pytest.fixture
def open_dialog(qtbot, db):
    """Show a dialog for ``source`` (editing ``reading`` if given) once its context has loaded."""

    def opener(source, reading=None, default_member_id=None):
        vm = ReadingEditorViewModel(db, source, reading, default_member_id)
        dialog = ReadingDialog(vm)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: vm.context is not None and not vm.busy)
        return dialog, vm

    return opener


def edit(dialog, index):
    return dialog.findChild(QLineEdit, f"valueEdit_{index}")


def label(dialog, name):
    return dialog.findChild(QLabel, name)


def save_button(dialog):
    return dialog.findChild(QPushButton, "saveButton")


def discard_box(dialog):
    """The visible "Discard this reading?" question, if any."""
    boxes = [b for b in dialog.findChildren(QMessageBox, "discardReadingBox") if b.isVisible()]
    assert len(boxes) <= 1
    return boxes[0] if boxes else None


def test_reading_dialog_new_reading_defaults(open_dialog, add_source, add_member):
    """A new reading is titled after the source, starts now, preselects the default member."""
    source = add_source("House")
    add_member("Ann")
    bob = add_member("Bob")

    dialog, _ = open_dialog(source, default_member_id=bob.id)

    assert dialog.objectName() == "readingDialog"
    assert dialog.windowTitle() == "New reading — House"
    shown = dialog.findChild(QDateTimeEdit, "timestampEdit").dateTime().toSecsSinceEpoch()
    assert abs(shown - utc_now().timestamp()) < 120
    combo = dialog.findChild(QComboBox, "enteredByCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == ["—", "Ann", "Bob"]
    assert combo.currentData() == bob.id
    assert edit(dialog, 0).placeholderText() == "not read"
    assert label(dialog, "previous_0").text() == "no earlier reading"
    assert not save_button(dialog).isEnabled()
    assert label(dialog, "footerMessage").text() == "Enter at least one value to save."


def test_reading_dialog_saves_typed_values(qtbot, open_dialog, add_source, add_member, store, stored_readings):
    """Typed values, note, flags and member are stored, and the dialog closes accepted."""
    source = add_source()
    ann = add_member("Ann")
    store(source, make_reading(source, LAST_WEEK, "1000.0", "500.0"))
    dialog, vm = open_dialog(source, default_member_id=ann.id)

    qtbot.keyClicks(edit(dialog, 0), "1012.3")
    assert label(dialog, "consumption_0").text() == "+ 12.3 kWh"
    assert label(dialog, "previous_0").text().startswith("previous 1,000.0 on ")
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "noteEdit"), "after the holidays")
    dialog.findChild(QCheckBox, "estimatedCheck").setChecked(True)
    with qtbot.waitSignal(vm.saved):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    readings = stored_readings(source)
    assert len(readings) == 2
    new = readings[-1]
    assert new.values == {source.metrics[0].id: Decimal("1012.3")}
    assert (new.note, new.estimated, new.from_bill, new.entered_by) == (
        "after the holidays",
        True,
        False,
        ann.id,
    )


def test_reading_dialog_accepts_decimal_comma(qtbot, german_locale, open_dialog, add_source, stored_readings):
    """With a German locale "1234,5" is 1234.5, and so is "1234.5"."""
    source = add_source()
    dialog, vm = open_dialog(source)

    qtbot.keyClicks(edit(dialog, 0), "1234,5")
    qtbot.keyClicks(edit(dialog, 1), "99.5")
    assert save_button(dialog).isEnabled()
    assert not label(dialog, "valueMessage_0").isVisibleTo(dialog)
    with qtbot.waitSignal(vm.saved):
        qtbot.keyClick(edit(dialog, 1), Qt.Key.Key_Return)

    day, night = (m.id for m in source.metrics)
    assert stored_readings(source)[0].values == {day: Decimal("1234.5"), night: Decimal("99.5")}


def test_reading_dialog_prefills_edit_with_locale_separator(german_locale, open_dialog, add_source, store):
    """Editing shows the stored values with the metric's decimals and the locale's decimal comma."""
    source = add_source("Strom")
    [reading] = store(source, make_reading(source, LAST_WEEK, "12345.6", None, note="Zählertausch"))

    dialog, _ = open_dialog(source, reading)

    assert dialog.windowTitle() == "Edit reading — Strom"
    assert edit(dialog, 0).text() == "12345,6"
    assert edit(dialog, 1).text() == ""
    assert dialog.findChild(QPlainTextEdit, "noteEdit").toPlainText() == "Zählertausch"
    shown = dialog.findChild(QDateTimeEdit, "timestampEdit").dateTime().toSecsSinceEpoch()
    assert shown == int(reading.timestamp.timestamp())


def test_reading_dialog_error_disables_save(qtbot, open_dialog, add_source):
    """Text in a number field shows a red message naming the field and disables Save until fixed."""
    source = add_source()
    dialog, _ = open_dialog(source)

    qtbot.keyClicks(edit(dialog, 0), "12a")

    message = label(dialog, "valueMessage_0")
    assert message.isVisibleTo(dialog)
    assert "Day (kWh)" in message.text() and "is not a number" in message.text()
    assert not save_button(dialog).isEnabled()
    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Return)
    qtbot.keyClick(edit(dialog, 1), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert edit(dialog, 0).hasFocus()  # Enter with an error goes back to it

    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_End)
    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Backspace)
    assert not message.isVisibleTo(dialog)
    assert save_button(dialog).isEnabled()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("nan", "is not a finite number"), ("1.25", "too many decimals"), ("2e12", "is too large")],
)
def test_reading_dialog_shows_each_kind_of_error(qtbot, open_dialog, add_source, typed, expected):
    """NaN, too many decimals and huge values are errors shown next to the field."""
    source = add_source()
    dialog, _ = open_dialog(source)

    qtbot.keyClicks(edit(dialog, 1), typed)

    assert expected in label(dialog, "valueMessage_1").text()
    assert "Night (kWh)" in label(dialog, "valueMessage_1").text()
    assert not save_button(dialog).isEnabled()


def test_reading_dialog_warning_needs_acceptance(qtbot, open_dialog, add_source, store, stored_readings):
    """A counter lower than before warns; Enter does not save but moves to "Save anyway", which does."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "1000.0", "500.0"))
    dialog, vm = open_dialog(source)

    qtbot.keyClicks(edit(dialog, 0), "900")
    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Return)
    qtbot.keyClicks(edit(dialog, 1), "510")

    message = label(dialog, "valueMessage_0")
    assert "was the meter replaced?" in message.text()
    assert save_button(dialog).text() == "Save anyway"
    assert save_button(dialog).isEnabled()
    assert "− 100.0 kWh" == label(dialog, "consumption_0").text()

    qtbot.keyClick(edit(dialog, 1), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert save_button(dialog).hasFocus()
    assert len(stored_readings(source)) == 1

    with qtbot.waitSignal(vm.saved):
        qtbot.keyClick(save_button(dialog), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [r.values[source.metrics[0].id] for r in stored_readings(source)] == [
        Decimal("1000.0"),
        Decimal("900.0"),
    ]


def test_reading_dialog_editing_a_value_withdraws_acceptance(qtbot, open_dialog, add_source, store):
    """After a failed save the accepted warning must be accepted again once the value is changed."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "1000.0"))
    dialog, _ = open_dialog(source)
    dialog._accepted.add(f"counter-down:{source.metrics[0].id}")

    qtbot.keyClicks(edit(dialog, 0), "950")

    assert save_button(dialog).text() == "Save anyway"


def test_reading_dialog_refuses_a_time_taken_meanwhile(qtbot, open_dialog, add_source, store, stored_readings):
    """A reading stored meanwhile at the same time refuses the save with a message; the dialog stays open."""
    source = add_source()
    dialog, vm = open_dialog(source)
    qtbot.keyClicks(edit(dialog, 0), "100")
    assert save_button(dialog).text() == "Save"
    at = datetime.fromtimestamp(dialog.findChild(QDateTimeEdit, "timestampEdit").dateTime().toSecsSinceEpoch(), UTC)
    store(source, make_reading(source, at, "100.0"))

    with qtbot.waitSignal(vm.error_occurred) as raised:
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert "same time" in raised.args[0]
    assert dialog.isVisible()
    assert edit(dialog, 0).text() == "100"
    assert len(stored_readings(source)) == 1


def test_reading_dialog_edit_updates_and_ignores_itself(qtbot, open_dialog, add_source, store, stored_readings):
    """Editing compares with the reading before, not with itself, and updates it in place."""
    source = add_source()
    first, second = store(
        source,
        make_reading(source, LAST_WEEK - timedelta(days=7), "900.0"),
        make_reading(source, LAST_WEEK, "1000.0"),
    )
    dialog, vm = open_dialog(source, second)

    assert label(dialog, "previous_0").text().startswith("previous 900.0 on ")
    assert not label(dialog, "timestampMessage").isVisibleTo(dialog)
    edit(dialog, 0).selectAll()
    qtbot.keyClicks(edit(dialog, 0), "1001.5")
    assert label(dialog, "consumption_0").text() == "+ 101.5 kWh"
    with qtbot.waitSignal(vm.saved):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    readings = stored_readings(source)
    assert [r.id for r in readings] == [first.id, second.id]
    assert readings[1].values == {source.metrics[0].id: Decimal("1001.5")}
    assert readings[1].timestamp == second.timestamp


def test_reading_dialog_error_banner_keeps_dialog_open(qtbot, run, db, open_dialog, add_source, store):
    """An error while saving shows a banner in the dialog, which stays open with what was typed."""
    source = add_source()
    [reading] = store(source, make_reading(source, LAST_WEEK, "1000.0"))
    dialog, _ = open_dialog(source, reading)

    async def delete():
        async with db.session() as s:
            await ReadingRepository(s).delete(source.id, [reading.id])

    run(delete())
    edit(dialog, 0).selectAll()
    qtbot.keyClicks(edit(dialog, 0), "1010")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert save_button(dialog).text() == "Saving…"
    assert not save_button(dialog).isEnabled()

    banner = dialog.findChild(QLabel, "errorBannerText")
    qtbot.waitUntil(lambda: banner.isVisibleTo(dialog))
    assert "no longer exists" in banner.text()
    assert dialog.isVisible()
    assert edit(dialog, 0).text() == "1010"
    qtbot.waitUntil(lambda: save_button(dialog).text() == "Save")
    assert save_button(dialog).isEnabled()


def test_reading_dialog_enter_moves_through_fields(qtbot, open_dialog, add_source):
    """Enter in the time goes to the first value, and in a value to the next one."""
    source = add_source()
    dialog, _ = open_dialog(source)
    timestamp = dialog.findChild(QDateTimeEdit, "timestampEdit")
    timestamp.setFocus()

    qtbot.keyClick(timestamp, Qt.Key.Key_Return)
    assert edit(dialog, 0).hasFocus()
    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Enter)
    assert edit(dialog, 1).hasFocus()
    assert dialog.isVisible()


def test_reading_dialog_tab_order_is_top_to_bottom(qtbot, open_dialog, add_source):
    """Tab goes from the time through the values to the note, flags, member and buttons."""
    source = add_source()
    dialog, _ = open_dialog(source)
    expected = [
        dialog.findChild(QDateTimeEdit, "timestampEdit"),
        edit(dialog, 0),
        edit(dialog, 1),
        dialog.findChild(QPlainTextEdit, "noteEdit"),
        dialog.findChild(QCheckBox, "estimatedCheck"),
        dialog.findChild(QCheckBox, "fromBillCheck"),
        dialog.findChild(QComboBox, "enteredByCombo"),
        save_button(dialog),
    ]
    edit(dialog, 0).setText("1")  # Save is enabled, so it takes focus too
    # Tab inside the time moves between its sections (Qt's way); Shift+Tab from the first value reaches it.
    edit(dialog, 0).setFocus()
    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert expected[0].hasFocus()
    expected[1].setFocus()
    for widget, following in itertools.pairwise(expected[1:]):
        assert widget.hasFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        assert following.hasFocus(), following.objectName()


def test_reading_dialog_timestamp_change_reloads_context(qtbot, open_dialog, add_source, store):
    """Moving the time before every stored reading shows that there is no earlier reading."""
    source = add_source()
    store(source, make_reading(source, LAST_WEEK, "1000.0"))
    dialog, vm = open_dialog(source)
    assert label(dialog, "previous_0").text().startswith("previous 1,000.0")

    earlier = QDateTime.fromSecsSinceEpoch(int((LAST_WEEK - timedelta(days=30)).timestamp()))
    with qtbot.waitSignal(vm.context_loaded, timeout=3000):
        dialog.findChild(QDateTimeEdit, "timestampEdit").setDateTime(earlier)

    assert label(dialog, "previous_0").text() == "no earlier reading"
    assert "next 1,000.0" in label(dialog, "previous_0").toolTip()


def test_reading_dialog_future_time_warns(qtbot, open_dialog, add_source):
    """A time in the future is a warning under the time field."""
    source = add_source()
    dialog, _ = open_dialog(source)
    qtbot.keyClicks(edit(dialog, 0), "5")

    later = QDateTime.fromSecsSinceEpoch(int((utc_now() + timedelta(days=2)).timestamp()))
    dialog.findChild(QDateTimeEdit, "timestampEdit").setDateTime(later)

    assert "in the future" in label(dialog, "timestampMessage").text()
    assert save_button(dialog).text() == "Save anyway"


def test_reading_dialog_cancel_without_values_closes(qtbot, open_dialog, add_source):
    """Esc on an untouched form closes it at once."""
    source = add_source()
    dialog, _ = open_dialog(source)

    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Escape)

    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_reading_dialog_cancel_with_values_asks_first(qtbot, open_dialog, add_source, stored_readings):
    """Esc with typed values asks; "Keep editing" keeps the form, "Discard" closes it unsaved."""
    source = add_source()
    dialog, _ = open_dialog(source)
    qtbot.keyClicks(edit(dialog, 0), "123")

    qtbot.keyClick(edit(dialog, 0), Qt.Key.Key_Escape)
    box = discard_box(dialog)
    assert box is not None
    qtbot.mouseClick(box.findChild(QPushButton, "keepEditingButton"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and edit(dialog, 0).text() == "123"
    assert discard_box(dialog) is None

    dialog.reject()
    box = discard_box(dialog)
    assert box is not None
    qtbot.mouseClick(box.findChild(QPushButton, "discardButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert stored_readings(source) == []


def test_reading_dialog_six_long_metrics_are_not_truncated(open_dialog, add_source):
    """Long metric names and previous values fit: no label is narrower than its text."""
    from homelog_desktop.domain.entities import Metric, MetricKind

    metrics = tuple(
        Metric(None, f"Heat pump register number {i} with a long name", "kWh", MetricKind.COUNTER, 2) for i in range(6)
    )
    source = add_source("Heat pump", metrics=metrics)
    dialog, _ = open_dialog(source)

    for i in range(6):
        for name in (f"valueLabel_{i}", f"previous_{i}"):
            widget = label(dialog, name)
            assert widget.width() >= widget.fontMetrics().horizontalAdvance(widget.text())
    assert dialog.width() >= 560


def test_reading_dialog_new_reading_defaults_to_the_only_member(qtbot, open_dialog, add_source, add_member):
    """With one member and none remembered, a new reading is entered by that member."""
    source = add_source()
    ann = add_member("Ann")
    dialog, _ = open_dialog(source)
    combo = dialog.findChild(QComboBox, "enteredByCombo")
    assert combo.currentData() == ann.id
