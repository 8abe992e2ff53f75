"""The import wizard's choices of amounts per period (issue 12): each column's kind, which end of its
period a row's time is, the period's length, and the preview of each value with its period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from homelog_desktop.domain.entities import MetricKind
from homelog_desktop.services.importing import PeriodLabel, PreviewRow, RowStatus
from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.views.import_wizard import PAGE_MAPPING, PAGE_PREVIEW, ImportWizard
from homelog_desktop.views.models.importing import KIND_TEXTS, MappingColumn, PreviewTableModel, period_text
from tests.ui.test_import_wizard import forward, wait_preview

T0 = datetime(2024, 1, 13)
AMOUNTS = ["0.25", "0.31", "0.12", "0.40", "0.22", "0.18"]


@pytest.fixture
def open_wizard(qtbot, db, tmp_path):
    """Show the wizard on a file once detection is done."""

    def factory(path: Path) -> ImportWizard:
        vm = ImportViewModel(db, path, tmp_path / "profiles")
        wizard = ImportWizard(vm)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: vm.detected is not None and not vm.busy, timeout=10_000)
        return wizard

    return factory


@pytest.fixture
def quarter_file(tmp_path: Path) -> Path:
    """Quarter hours of a smart meter from midnight, with a meter register beside them."""
    path = tmp_path / "smart_meter.csv"
    lines = ["Date,Usage (kWh),Meter reading (kWh)"]
    total = 1000.0
    for i, amount in enumerate(AMOUNTS):
        total += float(amount)
        lines.append(f"{T0 + timedelta(minutes=15 * i):%Y-%m-%d %H:%M},{amount},{total:.2f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kind_combo(wizard, row: int) -> QComboBox:
    combo = wizard.mapping_page.view.indexWidget(wizard.mapping_page.model.index(row, MappingColumn.KIND))
    assert isinstance(combo, QComboBox)
    return combo


def test_import_wizard_periods_defaults_from_detection(qtbot, open_wizard, quarter_file):
    """Usage is an amount per period, the meter reading a counter; the period box shows start and 15 minutes."""
    wizard = open_wizard(quarter_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert kind_combo(wizard, 1).currentText() == KIND_TEXTS[MetricKind.INTERVAL]
    assert kind_combo(wizard, 2).currentText() == KIND_TEXTS[MetricKind.COUNTER]
    assert page.period_box.isVisible()
    assert page.time_is.currentData() == PeriodLabel.START.value
    assert page.period_length.currentData() == 900
    assert "(detected)" in page.period_length.currentText()


def test_import_wizard_periods_choices_change_the_preview(qtbot, open_wizard, quarter_file):
    """Choosing "end" moves each period back by one step; the preview shows each value with its period."""
    wizard = open_wizard(quarter_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    page.time_is.setCurrentIndex(page.time_is.findData(PeriodLabel.END.value))
    page.time_is.activated.emit(page.time_is.currentIndex())
    assert wizard.vm.settings.time_is is PeriodLabel.END
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    model = wizard.preview_page.model
    first = model.data(model.index(0, 2))
    # 00:00 ends its period: 23:45-00:00 (in this computer's time zone, as the preview shows times).
    start = datetime(2024, 1, 12, 23, 45).astimezone()
    end = datetime(2024, 1, 13, 0, 0).astimezone()
    assert first == f"0.25 kWh · {start:%H:%M}–{end:%H:%M}"
    assert model.data(model.index(0, 3)) == "1000.25"  # the counter: its value alone


def test_import_wizard_kind_choice_hides_the_period_box(qtbot, open_wizard, quarter_file):
    """With no amount per period left (Usage made a gauge) the period choices are hidden."""
    wizard = open_wizard(quarter_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    combo = kind_combo(wizard, 1)
    combo.setCurrentText(KIND_TEXTS[MetricKind.GAUGE])
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: not wizard.mapping_page.period_box.isVisible())
    assert wizard.vm.mapping[1].metric.kind is MetricKind.GAUGE
    assert not wizard.vm.has_intervals


def test_import_wizard_period_columns_are_named(qtbot, open_wizard, tmp_path):
    """A From/To file: the period comes from the file, the From column is marked as the period's start."""
    path = tmp_path / "portal.csv"
    rows = [
        f"{T0 + timedelta(hours=i):%Y-%m-%d %H:%M},{T0 + timedelta(hours=i + 1):%Y-%m-%d %H:%M},{a}"
        for i, a in enumerate(AMOUNTS)
    ]
    path.write_text("From,To,Consumption (kWh)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = open_wizard(path)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.model.data(page.model.index(0, MappingColumn.TARGET)) == "Period start"
    assert page.model.data(page.model.index(1, MappingColumn.TARGET)) == "Period end"
    assert not page.time_is.isVisible()
    assert page.period_note.text() == "Amounts per period: each row's period is “From” to “To”, as the file gives it."


def test_preview_table_model_with_periods_passes_modeltester(qtmodeltester):
    """Amounts per period read ``value unit · period``; the model passes qtmodeltester."""
    model = PreviewTableModel()
    start = datetime(2024, 1, 13, tzinfo=UTC)
    rows = [
        PreviewRow(
            2, ["x", "0.25"], start + timedelta(minutes=15), {1: Decimal("0.25")}, "", RowStatus.OK, period_start=start
        ),
        PreviewRow(3, ["y", "0.5"], start + timedelta(minutes=30), {1: Decimal("0.5")}, "", RowStatus.OK),
    ]
    model.set_rows(rows, [("Usage (kWh)", 1, 2)], None, (0,), periods={1: "kWh"})
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)).startswith("0.25 kWh · ")
    assert "since the previous row" in model.data(model.index(1, 2))


def test_period_text_reads_short():
    day = datetime(2024, 1, 13).astimezone()
    assert period_text(day, day + timedelta(minutes=15)) == "00:00–00:15"
    assert period_text(day, day + timedelta(days=1)) == "2024-01-13"
    assert period_text(day + timedelta(hours=23), day + timedelta(days=1)) == "23:00–00:00"


def test_import_wizard_period_in_one_cell(qtbot, open_wizard, tmp_path):
    """``start - end`` in one cell: the column is the period, and the preview shows each amount with it."""
    path = tmp_path / "zeitraum.csv"
    rows = [
        f"{T0 + timedelta(minutes=15 * i):%d.%m.%Y %H:%M} - {T0 + timedelta(minutes=15 * (i + 1)):%d.%m.%Y %H:%M};"
        + a.replace(".", ",")
        for i, a in enumerate(AMOUNTS)
    ]
    path.write_text("Zeitraum;Wert (kWh)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = open_wizard(path)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.model.data(page.model.index(0, MappingColumn.TARGET)) == "Period (start to end)"
    assert page.period_note.text() == (
        "Amounts per period: each row's period is each cell of “Zeitraum” (start to end), as the file gives it."
    )
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    model = wizard.preview_page.model
    start, end = T0.astimezone(), (T0 + timedelta(minutes=15)).astimezone()
    assert model.data(model.index(0, 2)) == f"0.25 kWh · {start:%H:%M}–{end:%H:%M}"


def choose_column(wizard, combo: QComboBox, name: str | None) -> None:
    """Pick a column (None: the "none" item) in a first-page combo, as a user does."""
    index = combo.findText(name) if name is not None else 0
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_import_wizard_choosing_the_start_column_as_date_redetects_the_periods(qtbot, open_wizard, tmp_path):
    """From/To: detection takes To as the time. The user chooses From: periods are detected again with From as
    each period's start and To its end (never "start to end" in one cell); the mapping page and the preview say so."""
    path = tmp_path / "portal.csv"
    rows = [
        f"{T0 + timedelta(hours=i):%Y-%m-%d %H:%M},{T0 + timedelta(hours=i + 1):%Y-%m-%d %H:%M},{a}"
        for i, a in enumerate(AMOUNTS)
    ]
    path.write_text("From,To,Consumption (kWh)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = open_wizard(path)
    vm = wizard.vm
    assert (vm.settings.date_column, vm.settings.period_column, vm.settings.time_is) == (1, 0, PeriodLabel.END)
    choose_column(wizard, wizard.file_page.date_column, "From")
    qtbot.waitUntil(lambda: vm.settings.date_column == 0 and not vm.busy)
    assert (vm.settings.date_column, vm.settings.period_column, vm.settings.time_is) == (0, 1, PeriodLabel.START)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.model.data(page.model.index(0, MappingColumn.TARGET)) == "Period start"
    assert page.model.data(page.model.index(1, MappingColumn.TARGET)) == "Period end"
    assert page.period_note.text() == "Amounts per period: each row's period is “From” to “To”, as the file gives it."
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    model = wizard.preview_page.model
    start, end = T0.astimezone(), (T0 + timedelta(hours=1)).astimezone()
    assert model.data(model.index(0, 2)) == f"0.25 kWh · {start:%H:%M}–{end:%H:%M}"
    assert model.rows[0].timestamp == end.astimezone(UTC)


def test_import_wizard_changing_the_time_column_redetects_periods_and_kinds(qtbot, open_wizard, tmp_path):
    """Date and Hour columns of quarter hours: without the Hour column the dates repeat, so "Grid" is a counter
    with no periods; choosing Hour again finds amounts per 15 minutes starting at each row's time. The mapping
    page's kind and period choices and the preview follow each change."""
    path = tmp_path / "grid.csv"
    rows = [f"{T0 + timedelta(minutes=15 * i):%Y-%m-%d,%H:%M},{a}" for i, a in enumerate(AMOUNTS)]
    path.write_text("Date,Hour,Grid (kWh)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = open_wizard(path)
    vm = wizard.vm
    assert vm.mapping[2].metric.kind is MetricKind.INTERVAL
    choose_column(wizard, wizard.file_page.time_column, None)
    qtbot.waitUntil(lambda: vm.settings.time_column is None and not vm.busy)
    assert vm.settings.time_column is None
    assert vm.mapping[2].metric.kind is MetricKind.COUNTER
    assert (vm.settings.time_is, vm.settings.period_seconds) == (PeriodLabel.END, None)
    assert not any(n.startswith("Amounts per") for n in vm.detected.notes)
    choose_column(wizard, wizard.file_page.time_column, "Hour")
    qtbot.waitUntil(lambda: vm.settings.time_column == 1 and not vm.busy)
    assert vm.mapping[2].metric.kind is MetricKind.INTERVAL
    assert (vm.settings.time_is, vm.settings.period_seconds) == (PeriodLabel.START, 900)
    assert sum(n.startswith("Amounts per 15 minutes") for n in vm.detected.notes) == 1
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert kind_combo(wizard, 2).currentText() == KIND_TEXTS[MetricKind.INTERVAL]
    assert page.period_box.isVisible()
    assert page.time_is.currentData() == PeriodLabel.START.value
    assert page.period_length.currentData() == 900
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    model = wizard.preview_page.model
    start, end = T0.astimezone(), (T0 + timedelta(minutes=15)).astimezone()
    assert model.data(model.index(0, 2)) == f"0.25 kWh · {start:%H:%M}–{end:%H:%M}"


def test_import_wizard_redetection_keeps_a_kind_the_user_chose(qtbot, open_wizard, tmp_path, run):
    """A kind the user chose on the mapping page stays when the time column changes; only detected kinds follow."""
    from dataclasses import replace

    path = tmp_path / "grid.csv"
    rows = [f"{T0 + timedelta(minutes=15 * i):%Y-%m-%d,%H:%M},{a},{a}" for i, a in enumerate(AMOUNTS)]
    path.write_text("Date,Hour,Grid (kWh),Other (kWh)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = open_wizard(path)
    vm = wizard.vm
    chosen = replace(vm.mapping[3].metric, kind=MetricKind.GAUGE)
    vm.set_target(3, type(vm.mapping[3]).to_metric(chosen))
    run(vm.set_settings(replace(vm.settings, time_column=None)))
    assert vm.mapping[2].metric.kind is MetricKind.COUNTER
    assert vm.mapping[3].metric.kind is MetricKind.GAUGE
