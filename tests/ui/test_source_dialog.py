"""SourceDialog with pytest-qt on a real database: filling the form, editing metrics, inline errors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from homelog_desktop.domain.entities import Category, Metric, MetricKind, Source
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
from homelog_desktop.views.source_dialog import MetricColumn, MetricsTableModel, SourceDialog
from tests.conftest import T0, make_reading, seed_readings


@pytest.fixture
def open_dialog(qtbot, db):
    """Show a SourceDialog for ``source`` (None: a new one) once its members have loaded."""

    def factory(source: Source | None = None) -> SourceDialog:
        vm = SourceEditorViewModel(db, source)
        dialog = SourceDialog(vm)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(vm.value_counts_loaded):
            dialog.show()
        return dialog

    return factory


def edit_cell(qtbot, dialog: SourceDialog, row: int, column: MetricColumn, text: str) -> None:
    """Type into a metrics table cell the way a user does: open its editor, type, press Enter."""
    view = dialog.metrics_view
    index = dialog.metrics_model.index(row, column)
    view.setCurrentIndex(index)
    if view.indexWidget(index) is None:  # "Add metric" already opens the new row's name
        view.edit(index)
    editor = view.indexWidget(index)
    assert editor is not None, "no editor opened"
    if isinstance(editor, QLineEdit):
        editor.selectAll()
        qtbot.keyClicks(editor, text)
    elif isinstance(editor, QSpinBox):
        editor.lineEdit().selectAll()
        qtbot.keyClicks(editor.lineEdit(), text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes its editor through a queued call.
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def set_kind(dialog: SourceDialog, row: int, kind: MetricKind) -> None:
    view = dialog.metrics_view
    index = dialog.metrics_model.index(row, MetricColumn.KIND)
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(kind.value))
    combo.activated.emit(combo.currentIndex())


def save_and_wait(qtbot, dialog: SourceDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def refuse_save(qtbot, dialog: SourceDialog) -> None:
    """Click Save and wait until the view model has answered with an error."""
    with qtbot.waitSignal(dialog._vm.error_occurred):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_source_dialog_new_source_starts_with_category_default(open_dialog):
    """A new source: title "New source", focus on Name, one metric from the category's defaults."""
    dialog = open_dialog()

    assert dialog.objectName() == "sourceDialog"
    assert dialog.windowTitle() == "New source"
    assert dialog.name_edit.hasFocus()
    assert Category(dialog.category_combo.currentData()) is Category.ELECTRICITY
    (metric,) = dialog.metrics_model.metrics()
    assert (metric.name, metric.unit, metric.kind, metric.decimals) == (
        "Electricity",
        "kWh",
        MetricKind.COUNTER,
        1,
    )
    assert dialog.interval_spin.text() == "No reminder"
    assert dialog.owner_combo.currentText() == "—"


def test_source_dialog_category_change_updates_untouched_default(qtbot, open_dialog):
    """Changing the category replaces the untouched default metric, but never one the user edited."""
    dialog = open_dialog()
    combo = dialog.category_combo

    combo.setCurrentIndex(combo.findData(Category.WATER.value))
    (metric,) = dialog.metrics_model.metrics()
    assert (metric.name, metric.unit, metric.decimals) == ("Water", "m³", 3)

    edit_cell(qtbot, dialog, 0, MetricColumn.NAME, "Cold water")
    combo.setCurrentIndex(combo.findData(Category.GAS.value))
    (metric,) = dialog.metrics_model.metrics()
    assert (metric.name, metric.unit) == ("Cold water", "m³")


def test_source_dialog_fill_and_save_creates_source(qtbot, open_dialog, add_member, stored_sources, db):
    """Typing a name, metrics, owner and options, then Save, stores exactly that source."""
    ann = add_member("Ann")
    dialog = open_dialog()
    assert dialog.owner_combo.count() == 2

    qtbot.keyClicks(dialog.name_edit, "Electricity")
    qtbot.keyClicks(dialog.description_edit, "Hallway cupboard")
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findData(ann.id))
    dialog.interval_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.interval_spin.lineEdit(), "30")
    qtbot.keyClick(dialog.public_check, Qt.Key.Key_Space)
    edit_cell(qtbot, dialog, 0, MetricColumn.NAME, "Day")
    edit_cell(qtbot, dialog, 0, MetricColumn.DIGITS, "6")

    qtbot.mouseClick(dialog.add_metric_button, Qt.MouseButton.LeftButton)
    editor = dialog.metrics_view.indexWidget(dialog.metrics_model.index(1, MetricColumn.NAME))
    assert isinstance(editor, QLineEdit), "Add metric opens the new row's name for typing"
    qtbot.keyClicks(editor, "Night")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.metrics_model.metrics()[1].name == "Night")
    qtbot.mouseClick(dialog.add_metric_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, dialog, 2, MetricColumn.NAME, "Feed-in")
    edit_cell(qtbot, dialog, 2, MetricColumn.DECIMALS, "2")
    # Put "Feed-in" first, then drop "Night".
    dialog.metrics_view.selectRow(2)
    qtbot.mouseClick(dialog.move_up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.move_up_button, Qt.MouseButton.LeftButton)
    assert not dialog.move_up_button.isEnabled()
    dialog.metrics_view.selectRow(2)
    qtbot.mouseClick(dialog.remove_metric_button, Qt.MouseButton.LeftButton)

    save_and_wait(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = stored_sources()
    assert dialog.result_source == stored
    assert (stored.name, stored.category, stored.description) == (
        "Electricity",
        Category.ELECTRICITY,
        "Hallway cupboard",
    )
    assert (stored.owner_id, stored.interval_days, stored.is_public) == (ann.id, 30, True)
    assert [(m.name, m.unit, m.kind, m.decimals, m.digits) for m in stored.metrics] == [
        ("Feed-in", "kWh", MetricKind.COUNTER, 2, None),
        ("Day", "kWh", MetricKind.COUNTER, 1, 6),
    ]


def test_source_dialog_empty_name_shown_inline_and_stays_open(qtbot, open_dialog, stored_sources):
    """Save with no name shows the problem under Name, keeps the dialog open and stores nothing."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.description_edit, "kept")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text().startswith("Name is required")
    assert dialog.name_edit.hasFocus()
    assert dialog.description_edit.toPlainText() == "kept"
    assert stored_sources() == []

    qtbot.keyClicks(dialog.name_edit, "Meter")
    assert not dialog.name_error.isVisible(), "the message goes once the name is typed"


def test_source_dialog_duplicate_metric_names_shown_inline(qtbot, open_dialog, stored_sources):
    """Two metrics with the same name (any case) are pointed out under the table, on that row."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Electricity")
    edit_cell(qtbot, dialog, 0, MetricColumn.NAME, "Day")
    qtbot.mouseClick(dialog.add_metric_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, dialog, 1, MetricColumn.NAME, "DAY")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.metrics_error.isVisible()
    assert "rows 1 and 2" in dialog.metrics_error.text()
    assert dialog.metrics_model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert dialog.metrics_model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert stored_sources() == []

    edit_cell(qtbot, dialog, 1, MetricColumn.NAME, "Night")
    assert not dialog.metrics_error.isVisible()
    assert dialog.metrics_model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None


def test_source_dialog_no_metrics_shown_inline(qtbot, open_dialog):
    """Removing the last metric and saving says a source needs one."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Meter")
    dialog.metrics_view.selectRow(0)
    qtbot.mouseClick(dialog.remove_metric_button, Qt.MouseButton.LeftButton)
    assert dialog.metrics_model.rowCount() == 0

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "at least one metric" in dialog.metrics_error.text()


def test_source_dialog_duplicate_source_name_from_database_inline(qtbot, open_dialog, add_source, stored_sources):
    """A name another source has is refused by the database and shown under Name; typing is kept."""
    add_source("Electricity")
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "electricity")
    qtbot.keyClicks(dialog.description_edit, "second meter")

    refuse_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.name_error.isVisible()
    assert "already a source called" in dialog.name_error.text()
    assert not dialog.form_error.isVisible()
    assert dialog.name_edit.text() == "electricity"
    assert dialog.description_edit.toPlainText() == "second meter"
    assert dialog.save_button.isEnabled()
    assert len(stored_sources()) == 1

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name_edit, " 2")
    assert not dialog.name_error.isVisible()
    save_and_wait(qtbot, dialog)
    assert sorted(s.name for s in stored_sources()) == ["Electricity", "electricity 2"]


def test_source_dialog_edit_keeps_metric_ids(qtbot, open_dialog, add_source, add_member, db_path, stored_sources):
    """Editing shows the stored source and saves it in place: ids kept, title names the source."""
    ann = add_member("Ann")
    source = add_source(owner_id=ann.id, description="Cellar", is_public=True)
    seed_readings(db_path, source, 2)
    dialog = open_dialog(source)

    assert dialog.windowTitle() == "Edit source — Electricity"
    assert dialog.name_edit.text() == "Electricity"
    assert dialog.owner_combo.currentData() == ann.id
    assert dialog.public_check.isChecked()
    assert dialog.interval_spin.value() == 7
    assert [m.name for m in dialog.metrics_model.metrics()] == ["Day", "Night"]

    edit_cell(qtbot, dialog, 1, MetricColumn.NAME, "Low rate")
    set_kind(dialog, 1, MetricKind.INTERVAL)
    assert dialog.metrics_model.index(1, MetricColumn.DIGITS).data() == "—"
    dialog.metrics_view.selectRow(1)
    qtbot.mouseClick(dialog.move_up_button, Qt.MouseButton.LeftButton)
    save_and_wait(qtbot, dialog)

    (stored,) = stored_sources()
    day, night = source.metrics
    assert [(m.id, m.name, m.kind) for m in stored.metrics] == [
        (night.id, "Low rate", MetricKind.INTERVAL),
        (day.id, "Day", MetricKind.COUNTER),
    ]
    assert stored.owner_id == ann.id and stored.description == "Cellar"


def test_source_dialog_remove_metric_with_values_asks_first(
    qtbot, run, db, open_dialog, add_source, db_path, stored_sources
):
    """Removing a metric with stored values asks, stating how many; Cancel keeps it, Remove drops it."""
    source = add_source()
    seed_readings(db_path, source, 3)
    dialog = open_dialog(source)
    day, night = source.metrics

    dialog.metrics_view.selectRow(1)
    qtbot.mouseClick(dialog.remove_metric_button, Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, "removeMetricBox")
    assert box is not None and box.isVisible()
    assert "Night" in box.text()
    assert "3 stored values will be deleted" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.metrics_model.rowCount() == 2

    dialog.metrics_view.selectRow(1)
    qtbot.mouseClick(dialog.remove_metric_button, Qt.MouseButton.LeftButton)
    box = next(b for b in dialog.findChildren(QMessageBox, "removeMetricBox") if b.isVisible())
    destructive = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    destructive.click()
    assert [m.id for m in dialog.metrics_model.metrics()] == [day.id]

    save_and_wait(qtbot, dialog)

    assert [m.id for m in stored_sources()[0].metrics] == [day.id]

    async def count() -> int:
        async with db.session(readonly=True) as s:
            return await SourceRepository(s).count_values(night.id)

    assert run(count()) == 0


def test_source_dialog_remove_new_metric_needs_no_confirmation(qtbot, open_dialog, add_source):
    """A metric added in this dialog has no values: it goes without a question."""
    dialog = open_dialog(add_source())
    qtbot.mouseClick(dialog.add_metric_button, Qt.MouseButton.LeftButton)
    dialog.metrics_view.selectRow(2)

    qtbot.mouseClick(dialog.remove_metric_button, Qt.MouseButton.LeftButton)

    assert dialog.findChild(QMessageBox) is None
    assert dialog.metrics_model.rowCount() == 2


def test_source_dialog_lower_decimals_refusal_shown_inline(qtbot, run, db, open_dialog, add_source, stored_sources):
    """Fewer decimals than stored values need: the database's refusal is shown under the table."""
    source = add_source()

    async def store() -> None:
        async with db.session() as s:
            await ReadingRepository(s).add(source, make_reading(source, T0, "100.5", "7"))

    run(store())
    dialog = open_dialog(source)
    edit_cell(qtbot, dialog, 0, MetricColumn.DECIMALS, "0")

    refuse_save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.metrics_error.isVisible()
    assert "Day" in dialog.metrics_error.text() and "decimals" in dialog.metrics_error.text()
    assert dialog.metrics_model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert dialog.metrics_model.metrics()[0].decimals == 0, "what was typed is kept"
    assert stored_sources()[0].metrics[0].decimals == 1


def test_source_dialog_long_names_keep_dialog_size(qtbot, open_dialog, add_source):
    """A very long source name is elided in the title and does not widen the dialog."""
    long_name = "Heat pump " + "with a very long name " * 8
    metrics = tuple(Metric(None, f"Register {i} " + "x" * 80, "kWh", MetricKind.COUNTER, 1) for i in range(6))
    dialog = open_dialog(add_source(long_name.strip(), metrics=metrics))
    width = dialog.width()

    assert dialog.windowTitle().endswith("…")
    assert len(dialog.windowTitle()) < 80
    assert dialog.metrics_model.rowCount() == 6
    assert dialog.sizeHint().width() <= max(width, 700)


def test_metrics_table_model_passes_modeltester(qtmodeltester):
    """The metrics model is a correct Qt model, also after inserts, moves and removals."""
    model = MetricsTableModel(
        [
            Metric(1, "Day", "kWh", MetricKind.COUNTER, 1, 6),
            Metric(2, "Temperature", "°C", MetricKind.GAUGE, 1),
        ]
    )
    qtmodeltester.check(model)
    model.insert_metric(1, Metric(None, "Night", "kWh"))
    assert model.move_metric(0, 1) == 1
    assert model.move_metric(2, -1) == 1
    model.remove_metric(0)
    model.set_problem_rows({0: "a problem"})
    qtmodeltester.check(model)
    assert [m.name for m in model.metrics()] == ["Temperature", "Day"]
    assert [m.position for m in model.metrics()] == [0, 1]


def test_metrics_table_model_digits_only_for_counters(qtmodeltester):
    """Digits are editable for counters only; turning a counter into a gauge clears them."""
    model = MetricsTableModel([Metric(1, "Day", "kWh", MetricKind.COUNTER, 1, 6)])
    digits = model.index(0, MetricColumn.DIGITS)
    assert model.flags(digits) & Qt.ItemFlag.ItemIsEditable
    assert not model.touched

    assert model.setData(model.index(0, MetricColumn.KIND), MetricKind.GAUGE.value)

    assert model.touched
    assert model.metrics()[0].digits is None
    assert not model.flags(digits) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(digits, 5)
    assert not model.setData(model.index(0, MetricColumn.DECIMALS), 9), "decimals stop at 6"
    assert model.index(0, MetricColumn.KIND).data(Qt.ItemDataRole.ToolTipRole).startswith("Gauge")
    qtmodeltester.check(model)


def test_source_dialog_keeps_owner_until_members_load(qtbot, db, add_member, add_source):
    """The stored owner survives even if the form is read before the members arrive."""
    ann = add_member("Ann")
    source = add_source(owner_id=ann.id)
    dialog = SourceDialog(SourceEditorViewModel(db, source))
    qtbot.addWidget(dialog)

    assert dialog.current_source().owner_id == ann.id


# -- discarding what was typed ----------------------------------------------------------------


def discard_box(dialog: SourceDialog) -> QMessageBox | None:
    """The visible "Discard …?" question over ``dialog``, if any (never more than one)."""
    boxes = [b for b in dialog.findChildren(QMessageBox, "discardSourceBox") if b.isVisible()]
    assert len(boxes) <= 1
    return boxes[0] if boxes else None


def answer(qtbot, box: QMessageBox, button: str) -> None:
    qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)


def test_source_dialog_escape_on_untouched_new_source_closes_at_once(qtbot, open_dialog):
    """Esc on a new source nobody typed into closes it without a question."""
    dialog = open_dialog()

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)

    assert discard_box(dialog) is None
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_source_dialog_cancel_on_untouched_stored_source_closes_at_once(qtbot, open_dialog, add_source, add_member):
    """Cancel on a stored source (with owner and description) that was not changed closes at once."""
    ann = add_member("Ann")
    dialog = open_dialog(add_source(owner_id=ann.id, description="Cellar  \n", is_public=True))
    assert dialog.owner_combo.currentData() == ann.id

    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    assert discard_box(dialog) is None
    assert not dialog.isVisible()


def test_source_dialog_category_change_alone_closes_at_once(qtbot, open_dialog):
    """Choosing another category (its default metric follows) is not typing: Esc still closes at once."""
    dialog = open_dialog()
    combo = dialog.category_combo

    for category in Category:
        combo.setCurrentIndex(combo.findData(category.value))
        assert not dialog.has_changes(), category
    combo.setCurrentIndex(combo.findData(Category.WATER.value))
    assert dialog.metrics_model.metrics()[0].unit == "m³"
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)

    assert discard_box(dialog) is None
    assert not dialog.isVisible()


def test_source_dialog_typed_name_asks_before_discarding(qtbot, open_dialog, stored_sources):
    """With a typed name Esc asks; "Keep editing" keeps the text, "Discard" closes and stores nothing."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Cellar water")

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    box = discard_box(dialog)
    assert box is not None
    assert box.text() == "Discard this new source?"
    assert box.defaultButton() is box.findChild(QPushButton, "keepEditingButton")
    assert box.buttonRole(box.findChild(QPushButton, "discardButton")) == QMessageBox.ButtonRole.DestructiveRole
    dialog.close()  # the window's close button while asking: still one question
    assert dialog.isVisible() and discard_box(dialog) is box
    answer(qtbot, box, "keepEditingButton")

    assert dialog.isVisible() and discard_box(dialog) is None
    assert dialog.name_edit.text() == "Cellar water"

    dialog.close()
    box = discard_box(dialog)
    assert box is not None
    answer(qtbot, box, "discardButton")

    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.result_source is None
    assert stored_sources() == []


def test_source_dialog_changed_metric_unit_asks_on_cancel(qtbot, open_dialog, add_source, stored_sources):
    """Editing a stored source, a changed metric unit makes Cancel ask; "Discard" keeps the stored unit."""
    source = add_source()
    dialog = open_dialog(source)
    edit_cell(qtbot, dialog, 0, MetricColumn.UNIT, "MWh")
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    box = discard_box(dialog)
    assert box is not None
    assert box.text() == "Discard your changes to this source?"
    answer(qtbot, box, "discardButton")

    assert not dialog.isVisible()
    (stored,) = stored_sources()
    assert stored.metrics[0].unit == source.metrics[0].unit == "kWh"


def test_source_dialog_unsaved_cell_text_counts_as_a_change(qtbot, open_dialog, add_source):
    """Text still in an open metric cell editor counts: closing the window asks."""
    dialog = open_dialog(add_source())
    index = dialog.metrics_model.index(0, MetricColumn.NAME)
    dialog.metrics_view.setCurrentIndex(index)
    dialog.metrics_view.edit(index)
    editor = dialog.metrics_view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Peak")

    dialog.close()

    assert discard_box(dialog) is not None
    assert dialog.metrics_model.metrics()[0].name == "Peak"


def test_source_dialog_after_save_closes_without_question(qtbot, open_dialog, stored_sources):
    """A saved source closes without a question, and a later reject() does not ask either."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Cellar water")

    save_and_wait(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.reject()

    assert discard_box(dialog) is None
    assert [s.name for s in stored_sources()] == ["Cellar water"]


def test_source_dialog_save_finishing_while_asking_closes_question(qtbot, open_dialog, stored_sources):
    """Esc pressed while the save is still running: the save wins and the question goes away."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Cellar water")

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
        assert discard_box(dialog) is not None

    qtbot.waitUntil(lambda: discard_box(dialog) is None)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [s.name for s in stored_sources()] == ["Cellar water"]


def test_source_dialog_members_may_add_readings_on_a_public_source(qtbot, open_dialog, add_source, stored_sources):
    """ "Household members may add readings" is offered for a public source only, and stored."""
    source = add_source("Hall water")
    dialog = open_dialog(source)
    check = dialog.findChild(QCheckBox, "membersMayAddCheck")
    assert not check.isEnabled()
    dialog.public_check.setChecked(True)
    assert check.isEnabled()
    check.setChecked(True)
    import pathlib

    shots = pathlib.Path("/tmp/actor/shots")
    shots.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(shots / "source_dialog_members_may_add.png"))
    save_and_wait(qtbot, dialog)
    (stored,) = stored_sources()
    assert stored.is_public and stored.members_may_add_readings
