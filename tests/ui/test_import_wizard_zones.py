"""The import wizard's time zone of naive times (issue 12): the mapping page's choice for tables, the
Recognised page's for a standard file that names no zone; the preview and the import follow it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.views.import_wizard import (
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_RECOGNISED,
    PAGE_SUMMARY,
    ImportWizard,
    ZoneCombo,
)
from tests.ui.test_import_wizard import forward, wait_preview

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
#: Naive times of the night the clocks go forward in Amsterdam (02:00 -> 03:00 on 2024-03-31).
NIGHT = ["2024-03-31 00:30", "2024-03-31 01:00", "2024-03-31 01:30", "2024-03-31 03:00", "2024-03-31 03:30"]


@pytest.fixture
def open_wizard(qtbot, db, tmp_path):
    def factory(path: Path) -> ImportWizard:
        vm = ImportViewModel(db, path, tmp_path / "profiles")
        wizard = ImportWizard(vm)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: not vm.busy and (vm.detected is not None or vm.standard is not None), timeout=10_000)
        return wizard

    return factory


@pytest.fixture
def night_file(tmp_path: Path) -> Path:
    """A HomeWizard P1 meter export (naive local times) of the night the clocks go forward."""
    path = tmp_path / "p1_meter.csv"
    rows = [f"{t},{1000 + i}.5,{500 + i}.25,0.0,0.0" for i, t in enumerate(NIGHT)]
    header = "time,Import T1 kWh,Import T2 kWh,Export T1 kWh,Export T2 kWh"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def choose_by_typing(qtbot, combo: ZoneCombo, text: str) -> None:
    """Type a zone into the searchable combo and press Enter, as a user does."""
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)


def test_import_wizard_zone_defaults_to_this_computer_and_shifts_preview_and_import(
    qtbot, open_wizard, night_file, stored_sources, stored_readings
):
    """Naive times are read in this computer's zone until Europe/Amsterdam is chosen; then the preview and
    the stored readings are the Amsterdam instants, an hour apart across the spring change (01:30 -> 03:00)."""
    wizard = open_wizard(night_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.zone_box.isVisible() and page.zone.isEnabled()
    assert page.zone.currentData() is None  # this computer's zone, the default
    assert page.zone.currentText().startswith("This computer’s time zone (")
    choose_by_typing(qtbot, page.zone, "Europe/Amsterdam")
    assert wizard.vm.settings.timezone == "Europe/Amsterdam"
    assert page.zone.currentData() == "Europe/Amsterdam"
    first = datetime(2024, 3, 30, 23, 30, tzinfo=UTC).astimezone()
    assert page.zone_note.text() == (
        f"The first row’s 2024-03-31 00:30 is {first:%Y-%m-%d %H:%M} in this computer’s time zone."
    )
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    model = wizard.preview_page.model
    expected = [datetime.fromisoformat(t).replace(tzinfo=AMSTERDAM).astimezone(UTC) for t in NIGHT]
    assert expected[3] - expected[2] == timedelta(minutes=30)  # 01:30 CET to 03:00 CEST
    assert [r.timestamp for r in model.rows] == expected
    assert model.data(model.index(0, 1)) == expected[0].astimezone().strftime("%Y-%m-%d %H:%M")
    forward(qtbot, wizard, wizard.currentId() + 1)  # duplicates
    forward(qtbot, wizard, PAGE_SUMMARY)  # Import
    (source,) = stored_sources()
    assert [r.timestamp for r in stored_readings(source)] == expected


def test_import_wizard_zone_back_to_this_computer(qtbot, open_wizard, night_file):
    """Choosing "this computer's" zone again reads the times as before (no zone in the settings)."""
    wizard = open_wizard(night_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    combo = wizard.mapping_page.zone
    choose_by_typing(qtbot, combo, "amsterdam")  # searched case-insensitively, part of the name
    assert wizard.vm.settings.timezone == "Europe/Amsterdam"
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert wizard.vm.settings.timezone is None


def test_import_wizard_zone_not_a_zone_is_refused(qtbot, open_wizard, night_file):
    """Text that names no zone leaves the choice as it was."""
    wizard = open_wizard(night_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    combo = wizard.mapping_page.zone
    choose_by_typing(qtbot, combo, "Atlantis/Capital")
    assert wizard.vm.settings.timezone is None
    assert combo.currentData() is None


def test_import_wizard_zone_stated_by_the_header_is_the_default(qtbot, open_wizard, tmp_path):
    """``Date/time UTC``: UTC is chosen, and the note says the header says so; another zone can be chosen."""
    path = tmp_path / "inverter.csv"
    path.write_text("Date/time UTC,Energy produced Wh\n" + "\n".join(f"{t},{i}" for i, t in enumerate(NIGHT)) + "\n")
    wizard = open_wizard(path)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.zone.currentData() == "UTC"
    assert page.zone_note.text().startswith("Detected: the header of the time column says UTC.")
    choose_by_typing(qtbot, page.zone, "Europe/Amsterdam")
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    assert wizard.preview_page.model.rows[0].timestamp == datetime(2024, 3, 30, 23, 30, tzinfo=UTC)


def test_import_wizard_zone_recognised_dsmr_days(qtbot, open_wizard, stored_sources, stored_readings):
    """A DSMR-reader day export names no zone: the Recognised page offers the choice; its From/To follow it, and
    the days are stored as Amsterdam's days (31 March: 23 hours)."""
    wizard = open_wizard(FORMATS / "dsmr_reader_days.csv")
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RECOGNISED, timeout=10_000)
    page = wizard.recognised_page
    assert page.zone_row.isVisible()
    assert page.zone.currentData() is None
    first = page.registers.item(0, 4).text()
    assert first == datetime(2024, 3, 30).strftime("%Y-%m-%d %H:%M")  # read in this computer's zone
    choose_by_typing(qtbot, page.zone, "Europe/Amsterdam")
    assert wizard.vm.zone == "Europe/Amsterdam"
    shown = datetime(2024, 3, 30, tzinfo=AMSTERDAM).astimezone().strftime("%Y-%m-%d %H:%M")
    assert page.registers.item(0, 4).text() == shown
    page.one_source.setChecked(True)
    page.source_name.setCurrentText("DSMR")
    forward(qtbot, wizard, PAGE_SUMMARY)
    (source,) = stored_sources()
    metric = next(m for m in source.metrics if m.name == "Electricity tariff 1")
    days = [r for r in stored_readings(source) if metric.id in r.values]
    ends = [r.timestamp for r in days][:2]
    assert ends == [datetime(2024, 3, 30, 23, tzinfo=UTC), datetime(2024, 3, 31, 22, tzinfo=UTC)]


def test_import_wizard_zone_not_offered_for_a_file_with_offsets(qtbot, open_wizard):
    """NEM12 states its zone: the Recognised page offers no choice."""
    wizard = open_wizard(FORMATS / "nem12_two_registers.csv")
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RECOGNISED, timeout=10_000)
    assert not wizard.recognised_page.zone_row.isVisible()


def test_import_wizard_zone_stays_when_another_profile_is_chosen(qtbot, open_wizard, night_file):
    """The file read again with another profile (or none) keeps the zone the user chose."""
    wizard = open_wizard(night_file)
    vm = wizard.vm
    assert vm.builtin_profile is not None and vm.builtin_profile.name == "homewizard"
    forward(qtbot, wizard, PAGE_MAPPING)
    choose_by_typing(qtbot, wizard.mapping_page.zone, "Europe/Amsterdam")
    vm.spawn(vm.use_builtin_profile(None))
    qtbot.waitUntil(lambda: vm.builtin_profile is None and not vm.busy)
    assert vm.settings.timezone == "Europe/Amsterdam"
    assert wizard.mapping_page.zone.currentData() == "Europe/Amsterdam"
