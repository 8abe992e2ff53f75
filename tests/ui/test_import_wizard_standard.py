"""The import wizard on standard formats (recognised page) and built-in supplier profiles, offscreen."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from homelog_desktop.domain.entities import Metric, MetricKind, Source
from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.views.import_wizard import PAGE_FILE, PAGE_PROGRESS, PAGE_RECOGNISED, PAGE_SUMMARY, ImportWizard

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
PROFILES = ROOT / "tests" / "data" / "profiles"


def _wizard(qtbot, db, tmp_path: Path, path: Path) -> ImportWizard:
    vm = ImportViewModel(db, path, tmp_path / "profiles")
    wizard = ImportWizard(vm)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not vm.busy and (vm.standard is not None or vm.detected is not None), timeout=10_000)
    return wizard


def _press(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.currentPage().isComplete(), timeout=10_000)
    which = (
        QWizard.WizardButton.CommitButton if wizard.currentPage().isCommitPage() else QWizard.WizardButton.NextButton
    )
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_wizard_recognises_nem12_shows_registers_and_imports_into_one_source(
    qtbot, db, tmp_path, stored_sources, stored_readings
):
    wizard = _wizard(qtbot, db, tmp_path, FORMATS / "nem12_two_registers.csv")
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RECOGNISED, timeout=10_000)
    page = wizard.recognised_page
    assert page.title() == "Recognised: AEMO NEM12 interval data"
    table = page.registers
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(4)] == ["6123456789 E1", "kWh", "Interval", "94"]
    assert table.item(1, 0).text() == "6123456789 B1"
    assert "4 rows or cells of the file cannot be read" in page.details.text()
    assert page.per_meter.isChecked() and page.meters.text() == "“6123456789 (meter METER001)”"
    page.one_source.setChecked(True)
    page.source_name.setCurrentText("House")
    _press(qtbot, wizard)  # Import
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    summary = wizard.summary_page
    assert "Imported 239 readings into “House”" in summary.headline.text()
    assert "line 11, interval 11: “x.y” is not a number" in summary.text.toPlainText()
    (source,) = stored_sources()
    assert source.name == "House"
    assert [(m.name, m.unit, m.kind) for m in source.metrics] == [
        ("6123456789 E1", "kWh", MetricKind.INTERVAL),
        ("6123456789 B1", "kWh", MetricKind.INTERVAL),
    ]
    first = stored_readings(source)[0]
    assert first.timestamp == datetime(2024, 1, 13, 14, 30, tzinfo=UTC)
    assert first.values[source.metrics[0].id] == Decimal("0.1")


def test_wizard_standard_import_can_be_cancelled(qtbot, db, tmp_path, stored_sources):
    wizard = _wizard(qtbot, db, tmp_path, FORMATS / "green_button_electricity_gas.xml")
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RECOGNISED, timeout=10_000)
    assert wizard.recognised_page.title() == "Recognised: Green Button (ESPI) XML"
    wizard.vm.progress.connect(lambda _p: wizard.reject() if wizard.vm.running else None)
    _press(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    assert wizard.summary_page.headline.text() == "Import cancelled: nothing was changed."
    assert stored_sources() == []


def test_wizard_applies_a_supplier_profile_and_lets_the_user_switch(qtbot, db, tmp_path, stored_sources):
    wizard = _wizard(qtbot, db, tmp_path, PROFILES / "octopus_consumption.csv")
    vm = wizard.vm
    assert wizard.currentId() == PAGE_FILE
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.profile.currentData() == "octopus", timeout=10_000)
    assert "Read with the profile “octopus”" in page._notes.text()
    assert [(t.metric.name, t.metric.kind) for t in vm.mapping.values() if t.metric] == [
        ("Consumption", MetricKind.INTERVAL)
    ]
    page.profile.setCurrentIndex(page.profile.findData(""))
    page.profile.activated.emit(page.profile.currentIndex())
    qtbot.waitUntil(lambda: vm.builtin_profile is None and not vm.busy, timeout=10_000)
    # Without the profile, detection alone reads the Start/End columns as each amount's period.
    assert all(t.metric is None or t.metric.kind is MetricKind.INTERVAL for t in vm.mapping.values())
    page.profile.setCurrentIndex(page.profile.findData("octopus"))
    page.profile.activated.emit(page.profile.currentIndex())
    qtbot.waitUntil(lambda: vm.builtin_profile is not None and not vm.busy, timeout=10_000)
    # Into a stored source, the profile's metric is matched by its name; back to a new source, it is made.
    vm.sources = [*vm.sources, Source(7, "Octopus", metrics=(Metric(70, "Consumption", "kWh", MetricKind.INTERVAL),))]
    vm.use_source(7)
    assert [(c, t.metric.id) for c, t in vm.mapping.items() if t.metric] == [(0, 70)]
    vm.use_new_source("Grid")
    assert [(t.metric.name, t.metric.kind) for t in vm.mapping.values() if t.metric] == [
        ("Consumption", MetricKind.INTERVAL)
    ]
    for _ in range(4):  # to the mapping, the preview, the duplicates page, then Import
        _press(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() in (PAGE_PROGRESS, PAGE_SUMMARY), timeout=10_000)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    (source,) = stored_sources()
    assert [(m.name, m.unit, m.kind) for m in source.metrics] == [("Consumption", "kWh", MetricKind.INTERVAL)]


def test_wizard_reads_a_liander_file_by_meter_number(qtbot, db, tmp_path, stored_sources, stored_readings):
    """The Liander profile is recognised in the wizard too: the electricity meter's four readings and the gas
    meter's reading become five counters of one new source, one reading per day."""
    wizard = _wizard(qtbot, db, tmp_path, PROFILES / "liander_meetdata.csv")
    vm = wizard.vm
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.profile.currentData() == "liander", timeout=10_000)
    assert "Read with the profile “liander”" in page._notes.text()
    assert "One row per register" not in page._notes.text()  # the profile says which columns become metrics
    vm.use_new_source("Home")
    assert [(t.metric.name, t.metric.unit) for t in vm.mapping.values() if t.metric] == [
        ("Levering laag (El 1)", "kWh"),
        ("Levering hoog (El 2)", "kWh"),
        ("Teruglevering laag (El 3)", "kWh"),
        ("Teruglevering hoog (El 4)", "kWh"),
        ("Gas", "m³"),
    ]
    for _ in range(4):  # to the mapping, the preview, the duplicates page, then Import
        _press(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    (source,) = stored_sources()
    assert all(m.kind is MetricKind.COUNTER for m in source.metrics)
    readings = stored_readings(source)
    assert len(readings) == 4
    gas = next(m for m in source.metrics if m.name == "Gas")
    assert [r.values[gas.id] for r in readings] == [
        Decimal("2875.4"),
        Decimal("2879.1"),
        Decimal("2882.3"),
        Decimal("2884.9"),
    ]
