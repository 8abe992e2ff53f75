"""Ctrl+C on the readings and report tables: the selected rows, tab-separated, for a spreadsheet."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from homelog_desktop.viewmodels.readings import ReadingsViewModel
from homelog_desktop.views.models.readings import PAGE_SIZE, ReadingsTableModel, configure_readings_view
from homelog_desktop.views.table_copy import as_tsv, clean_cell, install_copy, plain_number
from tests.conftest import T0, make_reading, seed_readings


def _select_rows(view: QTableView, rows: list[int]) -> None:
    selection = view.selectionModel()
    selection.clear()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.model().index(row, 0), flags)


def _clipboard_after_copy(qtbot, view: QTableView) -> str:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("")
    action = next(a for a in view.actions() if a.objectName() == "copyRows")
    action.trigger()
    qtbot.waitUntil(lambda: clipboard.text() != "", timeout=10000)
    return clipboard.text()


def test_cells_are_one_line_and_numbers_lose_their_group_separators():
    assert clean_cell("Swapped the battery\nand\tchecked") == "Swapped the battery and checked"
    assert plain_number("1,234,567.5", QLocale("en_GB")) == "1234567.5"
    assert plain_number("1.234,5", QLocale("de_DE")) == "1234,5"
    assert as_tsv(["a", "b"], [["1", "x\ty"]]) == "a\tb\n1\tx y\n"


def test_readings_copy_selected_rows_with_headers(qtbot, run, db, add_source, store):
    """Two chosen rows: headers, absolute times, values without grouping, whole notes on one line."""
    source = add_source()
    store(
        source,
        make_reading(source, T0, "1000.0", "500.0"),
        make_reading(source, T0 + timedelta(days=7), "1234.5", None, note="New battery\nchecked seal"),
        make_reading(source, T0 + timedelta(days=14), "1300.0", "520.0"),
    )
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    configure_readings_view(view)
    install_copy(view, model.copy_text)
    run(vm.load(source))
    qtbot.waitUntil(lambda: not model.is_loading())
    _select_rows(view, [0, 1])  # newest first: day 14, then day 7
    text = _clipboard_after_copy(qtbot, view)
    lines = text.splitlines()
    assert lines[0].split("\t") == [
        "Date and time",
        "Day (kWh)",
        "Night (kWh)",
        "Day used (kWh)",
        "Night used (kWh)",
        "Entered by",
        "Note",
    ]
    day14 = (T0 + timedelta(days=14)).astimezone().strftime("%Y-%m-%d %H:%M")
    day7 = (T0 + timedelta(days=7)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert lines[1].split("\t")[:3] == [day14, "1300.0", "520.0"]
    assert lines[2].split("\t")[:3] == [day7, "1234.5", ""]
    assert lines[2].split("\t")[-1] == "New battery checked seal"
    assert len(lines) == 3


def test_readings_copy_fetches_rows_not_in_memory(qtbot, run, db, db_path, add_source):
    """Selecting everything of a big table copies every row, also those whose page never loaded."""
    source = add_source()
    total = PAGE_SIZE * 3 + 17
    seed_readings(db_path, source, total)
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    configure_readings_view(view)
    install_copy(view, model.copy_text)
    run(vm.load(source))
    qtbot.waitUntil(lambda: not model.is_loading())
    assert len(model.loaded_rows()) < total
    view.selectAll()
    text = _clipboard_after_copy(qtbot, view)
    lines = text.splitlines()
    assert len(lines) == total + 1
    # Newest first; counters rise by 0.5 a reading from 1000.
    assert lines[1].split("\t")[1] == f"{1000 + (total - 1) * 0.5:.1f}"
    assert lines[-1].split("\t")[1] == "1000.0"


def test_report_copy_selected_periods(qtbot, run, db, add_source, store):
    from homelog_desktop.viewmodels.reports import Preset, ReportsViewModel
    from homelog_desktop.views.reports_page import ReportsPage

    source = add_source()
    store(
        source,
        *(make_reading(source, T0 + timedelta(days=30 * i), str(1000 + 1500 * i), str(500 + 10 * i)) for i in range(5)),
    )
    vm = ReportsViewModel(db)
    page = ReportsPage(vm)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))
    page.set_source(source)
    qtbot.waitUntil(lambda: page.model.rowCount() > 2 and not vm.loading and not vm._tasks, timeout=15000)
    view = page.table
    _select_rows(view, [0, 1])
    text = _clipboard_after_copy(qtbot, view)
    lines = text.splitlines()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert lines[0].split("\t") == headers
    assert len(lines) == 3
    for row, line in zip((0, 1), lines[1:], strict=True):
        cells = line.split("\t")
        shown = [page.model.data(page.model.index(row, c)) for c in range(page.model.columnCount())]
        assert cells[0] == shown[0]
        assert cells[1:] == ["" if s == "—" else plain_number(s) for s in shown[1:]]
        assert all("," not in c for c in cells[1:])  # 1,500 kWh a month: copied without grouping
    run(vm.close())
