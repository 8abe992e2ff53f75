"""The import wizard end to end with pytest-qt on real files and a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard

from homelog_desktop.domain.entities import Metric, MetricKind
from homelog_desktop.services.importing import ColumnTarget, DuplicatePolicy, PreviewRow, RowStatus
from homelog_desktop.viewmodels.importing import ImportViewModel, default_source_name
from homelog_desktop.views.import_wizard import (
    PAGE_DUPLICATES,
    PAGE_FILE,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_PROGRESS,
    PAGE_SUMMARY,
    ImportWizard,
)
from homelog_desktop.views.models.importing import (
    MappingColumn,
    MappingTableModel,
    PreviewTableModel,
    ProblemRole,
    SampleTableModel,
)
from tests.conftest import T0, make_reading

#: A supplier's export as people get it: account lines before the header, semicolons, decimal
#: comma with thousands dots, day-first dates with the time in its own column, empty cells, Latin-1.
SUPPLIER_CSV = (
    "Stadtwerke Musterstadt GmbH;;;;\n"
    "Kundennummer;4711-0815;;;\n"
    "Zählernummer;1ESY1160123456;;;\n"
    "Zeitraum;13.01.2024 - 10.02.2024;;;\n"
    ";;;;\n"
    "Datum;Uhrzeit;Zählerstand HT (kWh);Zählerstand NT (kWh);Bemerkung\n"
    "13.01.2024;08:15;12.345,6;4.567,8;\n"
    "20.01.2024;08:20;12.400,1;;Ablesung Kunde\n"
    "27.01.2024;07:55;12.460,0;4.601,2;\n"
    "03.02.2024;08:00;;;\n"
    "10.02.2024;18:10;12.590,4;4.650,0;Zähler geprüft\n"
)


def local(*args: int) -> datetime:
    """A wall-clock time of this computer as UTC (files without an offset are in local time)."""
    return datetime(*args).astimezone().astimezone(UTC)  # type: ignore[arg-type]


@pytest.fixture
def supplier_file(tmp_path: Path) -> Path:
    path = tmp_path / "stadtwerke_export.csv"
    path.write_bytes(SUPPLIER_CSV.encode("latin-1"))
    return path


@pytest.fixture
def open_wizard(qtbot, db, tmp_path):
    """Show the wizard on a file once detection is done (the first page filled)."""

    def factory(path: Path, profiles: Path | None = None) -> ImportWizard:
        vm = ImportViewModel(db, path, profiles or tmp_path / "profiles")
        wizard = ImportWizard(vm)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: vm.detected is not None and not vm.busy, timeout=10_000)
        return wizard

    return factory


def forward(qtbot, wizard: ImportWizard, page: int) -> None:
    """Press Next (or Import on the commit page) as a user does, and wait for ``page``."""
    vm = wizard.vm
    qtbot.waitUntil(lambda: not vm.busy and wizard.currentPage().isComplete(), timeout=10_000)
    button = wizard.button(
        QWizard.WizardButton.CommitButton if wizard.currentPage().isCommitPage() else QWizard.WizardButton.NextButton
    )
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == page, timeout=10_000)


def wait_preview(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.preview_page.model.rowCount() > 0, timeout=10_000)


def test_import_wizard_messy_supplier_csv_end_to_end(
    qtbot, open_wizard, supplier_file, stored_sources, stored_readings
):
    """A supplier export is read right (junk lines, ;, decimal comma, day-first) and imported as shown."""
    wizard = open_wizard(supplier_file)
    page = wizard.file_page
    assert page.delimiter.currentData() == ";"
    assert page.decimal.currentData() == ","
    assert page.thousands.currentData() == "."
    assert page.header_row.value() == 6  # the header is on line 6, after the account lines
    assert page.date_column.currentText() == "Datum"
    assert page.time_column.currentText() == "Uhrzeit"
    assert page.date_format.currentData() == "%d.%m.%Y"
    assert not page.ambiguous.isVisible()
    assert page.sample_model.headerData(2, Qt.Orientation.Horizontal) == "Zählerstand HT (kWh)"

    forward(qtbot, wizard, PAGE_MAPPING)
    mapping = wizard.mapping_page
    assert mapping.new_radio.isChecked()  # the database has no source yet
    assert mapping.new_name.text() == "Stadtwerke export"
    mapping.new_name.clear()
    qtbot.keyClicks(mapping.new_name, "Electricity")
    model = mapping.model
    assert model.data(model.index(2, MappingColumn.NAME)) == "Zählerstand HT"
    assert model.data(model.index(2, MappingColumn.UNIT)) == "kWh"
    assert model.data(model.index(4, MappingColumn.TARGET)) == "Note"
    # The user renames a new metric.
    assert model.setData(model.index(2, MappingColumn.NAME), "Day")
    assert model.setData(model.index(3, MappingColumn.NAME), "Night")

    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    preview = wizard.preview_page.model
    assert preview.rowCount() == 5
    assert [preview.data(preview.index(r, 0)) for r in range(5)] == ["7", "8", "9", "10", "11"]
    assert preview.data(preview.index(0, 2)) == "12345.6"
    assert preview.data(preview.index(1, 3)) == ""  # empty cell: missing, not zero
    assert preview.rows[3].status is RowStatus.EMPTY
    assert "without any value" in wizard.preview_page.counts.text()

    forward(qtbot, wizard, PAGE_DUPLICATES)
    assert wizard.duplicates_page.skip.isChecked()  # skip is the default
    with qtbot.waitSignal(wizard.imported, timeout=20_000) as imported:
        forward(qtbot, wizard, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=10_000)
    assert wizard.summary_page.headline.text() == "Imported 4 readings into “Electricity”. The source is new."
    assert wizard.vm.summary.empty_lines == [10]  # the row without values, reported
    assert "no value" in wizard.summary_page.text.toPlainText()

    (source,) = stored_sources()
    assert imported.args[0] == source.id
    assert [(m.name, m.unit, m.kind, m.decimals) for m in source.metrics] == [
        ("Day", "kWh", MetricKind.COUNTER, 1),
        ("Night", "kWh", MetricKind.COUNTER, 1),
    ]
    day, night = (m.id for m in source.metrics)
    readings = stored_readings(source)
    assert [(r.timestamp, dict(r.values), r.note) for r in readings] == [
        (local(2024, 1, 13, 8, 15), {day: Decimal("12345.6"), night: Decimal("4567.8")}, ""),
        (local(2024, 1, 20, 8, 20), {day: Decimal("12400.1")}, "Ablesung Kunde"),
        (local(2024, 1, 27, 7, 55), {day: Decimal("12460.0"), night: Decimal("4601.2")}, ""),
        (local(2024, 2, 10, 18, 10), {day: Decimal("12590.4"), night: Decimal("4650.0")}, "Zähler geprüft"),
    ]
    # The summary can be saved as text.
    saved = supplier_file.parent / "summary.txt"
    wizard.summary_page.save_to(saved)
    qtbot.waitUntil(lambda: saved.exists() and not wizard.vm.busy)
    assert saved.read_text(encoding="utf-8") == wizard.summary_page.text.toPlainText()
    # Back is gone on the summary (it would import again); Finish closes.
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def test_import_wizard_ambiguous_dates_need_a_choice(qtbot, open_wizard, tmp_path, stored_sources, stored_readings):
    """Dates whose days are all ≤ 12 block Next until the user says day-first or month-first."""
    path = tmp_path / "meter.csv"
    path.write_text("Date,Meter\n01/02/2024,10\n02/03/2024,20\n03/04/2024,30\n", encoding="utf-8")
    wizard = open_wizard(path)
    page = wizard.file_page
    assert page.ambiguous.isVisible()
    assert wizard.vm.needs_date_choice
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "01/02/2024 is 2 January 2024" in page.month_first.text()
    assert "01/02/2024 is 1 February 2024" in page.day_first.text()

    page.month_first.click()
    assert not wizard.vm.needs_date_choice
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    forward(qtbot, wizard, PAGE_MAPPING)
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    forward(qtbot, wizard, PAGE_DUPLICATES)
    forward(qtbot, wizard, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    (source,) = stored_sources()
    assert [r.timestamp for r in stored_readings(source)] == [
        local(2024, 1, 2, 0, 0),
        local(2024, 2, 3, 0, 0),
        local(2024, 3, 4, 0, 0),
    ]


def test_import_wizard_cancel_leaves_database_unchanged(
    qtbot, open_wizard, tmp_path, add_source, store, stored_readings
):
    """Cancel during a large import rolls it back: the stored readings are exactly as before."""
    source = add_source("Electricity")
    before = store(source, make_reading(source, T0, "1.0", "2.0", note="kept"))
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("timestamp,Day,Night\n")
        start = int(datetime(2010, 1, 1, tzinfo=UTC).timestamp())
        f.writelines(f"{datetime.fromtimestamp(start + i * 3600, UTC).isoformat()},{i}.5,{i}\n" for i in range(200_000))
    wizard = open_wizard(path)
    forward(qtbot, wizard, PAGE_MAPPING)
    wizard.mapping_page.existing_radio.click()
    qtbot.waitUntil(lambda: wizard.vm.source.id == source.id)
    assert wizard.vm.mapping_problem() == ""
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    forward(qtbot, wizard, PAGE_DUPLICATES)
    with qtbot.waitSignal(wizard.vm.progress, timeout=10_000):
        forward(qtbot, wizard, PAGE_PROGRESS)
    with qtbot.waitSignal(wizard.vm.cancelled, timeout=30_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY)
    assert wizard.isVisible()
    assert wizard.summary_page.headline.text() == "Import cancelled: nothing was changed."
    assert stored_readings(source) == before


def test_import_wizard_invalid_row_refused_then_skipped(qtbot, open_wizard, tmp_path, stored_sources, stored_readings):
    """An invalid cell is marked in the preview; importing anyway is refused and goes back; skipping works."""
    path = tmp_path / "water.csv"
    path.write_text(
        "Date,Water (m³),Note\n2024-03-01,100.5,\n2024-03-08,1O1.2,typo\n2024-03-15,102.0,\n", encoding="utf-8"
    )
    wizard = open_wizard(path)
    forward(qtbot, wizard, PAGE_MAPPING)
    mapping = wizard.mapping_page.model
    # The typo makes the column look like text: the user says it holds a metric.
    mapping.setData(mapping.index(1, MappingColumn.TARGET), "New metric")
    assert mapping.data(mapping.index(1, MappingColumn.NAME)) == "Water"
    assert mapping.setData(mapping.index(1, MappingColumn.UNIT), "m³")
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    model = wizard.preview_page.model
    assert model.rows[1].status is RowStatus.INVALID
    bad = model.index(1, 2)
    assert model.data(bad) == "1O1.2"
    assert model.data(bad, ProblemRole)
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole) == model.data(bad, ProblemRole)
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is None
    assert "1 invalid" in wizard.preview_page.counts.text()

    forward(qtbot, wizard, PAGE_DUPLICATES)
    with qtbot.waitSignal(wizard.vm.failed, timeout=20_000) as failed:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW)
    assert "line 3" in failed.args[0]
    assert wizard.preview_page.banner.isVisible() and "Nothing was imported" in wizard.preview_page.banner.text
    assert stored_sources() == []

    wait_preview(qtbot, wizard)
    wizard.preview_page.skip_invalid.click()
    forward(qtbot, wizard, PAGE_DUPLICATES)
    forward(qtbot, wizard, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    (source,) = stored_sources()
    assert [r.values[source.metrics[0].id] for r in stored_readings(source)] == [Decimal("100.5"), Decimal("102.0")]
    assert "line 3" in wizard.summary_page.text.toPlainText()


def test_import_wizard_existing_source_by_name_and_profile_next_time(
    qtbot, open_wizard, tmp_path, add_source, stored_readings
):
    """Columns map to a stored source's metrics by name; the next file with that header gets the same choices."""
    source = add_source("Gas", metrics=(Metric(None, "Volume", "m³", MetricKind.COUNTER, decimals=3),))
    first = tmp_path / "gas-2023.csv"
    first.write_text("When;Volume;Other\n2023-05-01;1234,567;x\n", encoding="utf-8")
    profiles = tmp_path / "data"
    wizard = open_wizard(first, profiles)
    forward(qtbot, wizard, PAGE_MAPPING)
    wizard.mapping_page.existing_radio.click()
    qtbot.waitUntil(lambda: wizard.vm.source.id == source.id)
    model = wizard.mapping_page.model
    assert model.data(model.index(1, MappingColumn.TARGET)) == "Volume (m³)"
    assert model.data(model.index(2, MappingColumn.TARGET)) == "Not imported"
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    forward(qtbot, wizard, PAGE_DUPLICATES)
    assert wizard.duplicates_page.remember.isChecked()
    forward(qtbot, wizard, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    wizard.close()

    second = tmp_path / "gas-2024.csv"
    second.write_text("When;Volume;Other\n2024-05-01;1300,001;y\n", encoding="utf-8")
    again = open_wizard(second, profiles)
    assert again.vm.profile_applied
    assert again.vm.source.id == source.id
    assert "last import of a file like this one" in again.file_page._notes.text()
    forward(qtbot, again, PAGE_MAPPING)
    assert again.mapping_page.existing_radio.isChecked()
    assert again.mapping_page.source_combo.currentText() == "Gas"
    forward(qtbot, again, PAGE_PREVIEW)
    wait_preview(qtbot, again)
    forward(qtbot, again, PAGE_DUPLICATES)
    forward(qtbot, again, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: again.currentId() == PAGE_SUMMARY, timeout=20_000)
    volume = source.metrics[0].id
    assert [r.values[volume] for r in stored_readings(source)] == [Decimal("1234.567"), Decimal("1300.001")]


def test_import_wizard_replace_duplicates(qtbot, open_wizard, tmp_path, add_source, store, stored_readings):
    """With “replace”, a row at the time of a stored reading replaces it; skip is the default."""
    source = add_source("Water", metrics=(Metric(None, "Volume", "m³", MetricKind.COUNTER, decimals=1),))
    store(source, make_reading(source, T0, "5.0"))
    path = tmp_path / "water.csv"
    path.write_text(f"timestamp,Volume\n{T0.isoformat()},7.5\n", encoding="utf-8")
    wizard = open_wizard(path)
    forward(qtbot, wizard, PAGE_MAPPING)
    wizard.mapping_page.existing_radio.click()
    qtbot.waitUntil(lambda: wizard.vm.source.id == source.id)
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    forward(qtbot, wizard, PAGE_DUPLICATES)
    wizard.duplicates_page.replace.click()
    assert wizard.vm.duplicates is DuplicatePolicy.REPLACE
    forward(qtbot, wizard, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    assert [r.values[source.metrics[0].id] for r in stored_readings(source)] == [Decimal("7.5")]


def test_import_wizard_unreadable_file_says_why(qtbot, db, tmp_path):
    """A file that is no table shows an error on the first page, and Next stays off."""
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 40)
    vm = ImportViewModel(db, path, tmp_path)
    wizard = ImportWizard(vm)
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(vm.error_occurred, timeout=10_000):
        wizard.show()
    qtbot.waitUntil(lambda: not vm.busy)
    assert wizard.currentId() == PAGE_FILE
    assert wizard.file_page.banner.isVisible()
    assert "cannot be imported" in wizard.file_page._status.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_import_wizard_mapping_combo_changes_target(qtbot, open_wizard, supplier_file):
    """Choosing “Not imported” in a column's combo box drops it; a new source needs one metric at least."""
    wizard = open_wizard(supplier_file)
    forward(qtbot, wizard, PAGE_MAPPING)
    view = wizard.mapping_page.view
    for row in (2, 3):
        combo = view.indexWidget(wizard.mapping_page.model.index(row, MappingColumn.TARGET))
        assert isinstance(combo, QComboBox)
        combo.setCurrentText("Not imported")
        combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: not wizard.mapping_page.isComplete())
    assert wizard.mapping_page.problem.text() == "Choose at least one column to import as a metric."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_default_source_name_is_readable():
    """A file's name proposes the new source's name."""
    assert default_source_name(Path("/x/stadtwerke_export 2024.csv")) == "Stadtwerke export 2024"
    assert default_source_name(Path("___.csv")) == "Imported readings"


# -- models ---------------------------------------------------------------------------------------


def test_sample_table_model_passes_modeltester(qtmodeltester):
    model = SampleTableModel()
    qtmodeltester.check(model)
    model.set_rows(["a", "b"], [["1", "2"], ["3"], ["4", "5", "6"]])
    qtmodeltester.check(model)
    assert model.columnCount() == 3 and model.headerData(2, Qt.Orientation.Horizontal) == "Column 3"


def test_mapping_table_model_passes_modeltester(qtmodeltester):
    changes: list[tuple[int, ColumnTarget]] = []
    model = MappingTableModel(lambda c, t: changes.append((c, t)), lambda c: Metric(None, f"M{c}", decimals=1))
    qtmodeltester.check(model)
    metric = Metric(None, "Day", "kWh", decimals=1)
    model.refresh(
        ["Date", "Day", "Note"], ["2024", "1", "x"], {1: ColumnTarget.to_metric(metric)}, metric_source(), {0: "Date"}
    )
    qtmodeltester.check(model)
    assert model.setData(model.index(1, MappingColumn.UNIT), "MWh")
    assert changes[-1][1].metric.unit == "MWh"
    assert not model.setData(model.index(0, MappingColumn.TARGET), "Note")  # the date column is fixed
    assert model.setData(model.index(2, MappingColumn.TARGET), "Note")
    assert changes[-1] == (2, ColumnTarget.to_note())


def metric_source():
    from homelog_desktop.domain.entities import Source

    return Source(None, "New")


def test_preview_table_model_passes_modeltester(qtmodeltester):
    model = PreviewTableModel()
    qtmodeltester.check(model)
    rows = [
        PreviewRow(2, ["2024-01-01", "1.5"], T0, {1: Decimal("1.5")}, "", RowStatus.OK),
        PreviewRow(3, ["2024-01-02", "x"], T0, {}, "", RowStatus.INVALID, {1: "“x” is not a number"}),
        PreviewRow(4, ["", ""], None, {}, "", RowStatus.EMPTY, {0: "no date"}, "no value"),
    ]
    model.set_rows(rows, [("Day (kWh)", 1, 1)], None, (0,))
    qtmodeltester.check(model)
    assert model.data(model.index(1, 2), ProblemRole) == "“x” is not a number"
    assert model.data(model.index(2, 1), ProblemRole) == "no date"
    assert model.data(model.index(2, 4), ProblemRole) == "no value"
    assert model.data(model.index(0, 2)) == "1.5"


def test_preview_table_model_shows_cells_without_a_value_and_lines_that_are_no_reading(qtmodeltester):
    """A cell that holds no value shows its text, in the warning tone, with why in its tooltip; the row is OK
    with that many cells left empty; a line that is no reading says so."""
    model = PreviewTableModel()
    missing = {1: "“NaN” is no value: left empty"}
    rows = [
        PreviewRow(2, ["2024-01-01", "NaN", "3"], T0, {1: None, 2: Decimal(3)}, "", RowStatus.OK, missing=missing),
        PreviewRow(3, ["Totaal", "12", "9"], None, {}, "", RowStatus.NOT_READING, {}, "Not a reading: skipped."),
    ]
    model.set_rows(rows, [("Day (kWh)", 1, 1), ("Night (kWh)", 2, 0)], None, (0,))
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)) == "NaN"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole) == "“NaN” is no value: left empty"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 3)) == "3"
    assert model.data(model.index(0, 5)) == "OK, 1 cell left empty"
    assert model.data(model.index(1, 5)) == "Not a reading: skipped"


def test_import_wizard_changed_settings_read_the_file_again(qtbot, open_wizard, supplier_file):
    """Choosing another separator or header line splits the file again; choosing back restores the columns."""
    wizard = open_wizard(supplier_file)
    page = wizard.file_page
    vm = wizard.vm
    assert len(vm.columns) == 5

    page.delimiter.setCurrentIndex(page.delimiter.findData(","))
    page.delimiter.activated.emit(page.delimiter.currentIndex())
    qtbot.waitUntil(lambda: not vm.busy and vm.settings.delimiter == "," and len(vm.columns) != 5)
    assert page.sample_model.columnCount() == len(vm.columns)

    page.delimiter.setCurrentIndex(page.delimiter.findData(";"))
    page.delimiter.activated.emit(page.delimiter.currentIndex())
    qtbot.waitUntil(lambda: not vm.busy and len(vm.columns) == 5)
    assert vm.columns[2] == "Zählerstand HT (kWh)"
    assert page.sample_model.data(page.sample_model.index(0, 2)) == "12.345,6"

    page.header_row.setValue(7)  # line 7 (the first data row) as the column names
    page.header_row.editingFinished.emit()
    qtbot.waitUntil(lambda: not vm.busy and vm.columns[0] == "13.01.2024")
    assert page.sample_model.data(page.sample_model.index(0, 0)) == "20.01.2024"


def test_import_wizard_xlsx_workbook(qtbot, open_wizard, tmp_path, stored_sources, stored_readings):
    """An Excel workbook (real dates and numbers in cells, a title row above) imports like a CSV."""
    from openpyxl import Workbook

    path = tmp_path / "gas.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Readings"
    sheet.append(["Gas readings 2024"])
    sheet.append(["Date", "Gas (m³)", "Note"])
    sheet.append([datetime(2024, 1, 5, 7, 30), 1234.567, "first"])
    sheet.append([datetime(2024, 2, 5, 7, 45), 1301.5, None])
    book.save(path)
    wizard = open_wizard(path)
    assert wizard.file_page.sheet.isVisible() and wizard.file_page.sheet.currentText() == "Readings"
    assert not wizard.file_page.delimiter.isEnabled()  # no separators in a workbook
    forward(qtbot, wizard, PAGE_MAPPING)
    forward(qtbot, wizard, PAGE_PREVIEW)
    wait_preview(qtbot, wizard)
    forward(qtbot, wizard, PAGE_DUPLICATES)
    forward(qtbot, wizard, PAGE_PROGRESS)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    (source,) = stored_sources()
    assert (source.metrics[0].name, source.metrics[0].unit) == ("Gas", "m³")
    gas = source.metrics[0].id
    assert [(r.timestamp, r.values[gas], r.note) for r in stored_readings(source)] == [
        (local(2024, 1, 5, 7, 30), Decimal("1234.567"), "first"),
        (local(2024, 2, 5, 7, 45), Decimal("1301.500"), ""),
    ]
