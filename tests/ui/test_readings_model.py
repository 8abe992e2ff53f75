"""ReadingsTableModel: columns, formatting, paging of a large table, stale pages, SQL sorting."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from homelog_desktop.domain.entities import Category, Metric, MetricKind, ReadingLine
from homelog_desktop.repositories import ReadingOrder, ReadingRepository
from homelog_desktop.viewmodels.readings import ReadingsViewModel
from homelog_desktop.views.models import readings as readings_module
from homelog_desktop.views.models.readings import (
    PAGE_SIZE,
    PLACEHOLDER,
    ColumnKind,
    ReadingsTableModel,
    configure_readings_view,
)
from tests.conftest import T0, make_reading, seed_readings


class GatedViewModel(ReadingsViewModel):
    """A real view model whose pages each wait at their own gate before they are handed back."""

    def __init__(self, db):
        super().__init__(db)
        self.gates: list[asyncio.Event] = []

    async def fetch_page(self, offset, limit):
        result = await super().fetch_page(offset, limit)
        gate = asyncio.Event()
        self.gates.append(gate)
        await gate.wait()
        return result


def _texts(model, row):
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def _headers(model):
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def _add_readings(run, db, source, readings):
    async def go():
        async with db.session() as s:
            repo = ReadingRepository(s)
            for reading in readings:
                await repo.add(source, reading)

    run(go())


def _load_all(qtbot, model):
    """Ask for every row (as a view would) and wait until all pages are in."""
    for row in range(0, model.rowCount(), PAGE_SIZE):
        model.data(model.index(row, 0))
    qtbot.waitUntil(lambda: not model.is_loading() and len(model.loaded_rows()) == model.rowCount())


def test_readings_model_passes_modeltester_empty(qtmodeltester, loop, db):
    """A model with no source is a valid, empty table with the fixed columns."""
    model = ReadingsTableModel(ReadingsViewModel(db))
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert _headers(model) == ["Date and time", "Entered by", "Note"]


def test_readings_model_passes_modeltester_loaded_and_after_reset(qtmodeltester, qtbot, run, db, db_path, add_source):
    """The model stays valid while pages load and after a switch to another source."""
    first = add_source("Electricity")
    second = add_source("Water", category=Category.WATER, metrics=(Metric(None, "Water", "m³", decimals=3),))
    seed_readings(db_path, first, 450)
    seed_readings(db_path, second, 20)
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    qtmodeltester.check(model)
    run(vm.load(first))
    assert model.rowCount() == 450
    _load_all(qtbot, model)
    run(vm.load(second))
    assert (model.rowCount(), model.columnCount()) == (20, 5)
    _load_all(qtbot, model)
    run(vm.load(None))
    assert model.rowCount() == 0


def test_readings_model_columns_of_counter_and_gauge_sources(run, loop, db, add_source):
    """Counters get a consumption column each; gauges do not."""
    meter = add_source("Electricity")
    thermo = add_source(
        "Living room",
        category=Category.TEMPERATURE,
        metrics=(Metric(None, "Temperature", "°C", MetricKind.GAUGE, decimals=1),),
    )
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(meter))
    assert _headers(model) == [
        "Date and time",
        "Day (kWh)",
        "Night (kWh)",
        "Day used (kWh)",
        "Night used (kWh)",
        "Entered by",
        "Note",
    ]
    run(vm.load(thermo))
    assert _headers(model) == ["Date and time", "Temperature (°C)", "Entered by", "Note"]


def test_readings_model_formats_rows_once_loaded(qtbot, run, db, add_source, add_member):
    """Values, signed consumption, note first line, flags and who entered it are shown per row."""
    source = add_source()
    ann = add_member("Ann")
    day, night = (m.id for m in source.metrics)
    _add_readings(
        run,
        db,
        source,
        [
            make_reading(source, T0, "1000.0", "500.0", entered_by=ann.id),
            make_reading(
                source,
                T0 + timedelta(days=7),
                "1012.3",
                None,
                note="Swapped the battery\nand checked the seal",
                estimated=True,
            ),
        ],
    )
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    assert model.rowCount() == 2
    assert model.loaded_rows() == [0, 1]  # the first page came with the count
    locale = QLocale()
    newest, oldest = _texts(model, 0), _texts(model, 1)
    assert newest[1:] == [
        locale.toString(1012.3, "f", 1),
        "",
        locale.positiveSign() + locale.toString(12.3, "f", 1),
        "",
        "",
        "Swapped the battery …",
    ]
    assert newest[0].endswith("(est.)")
    assert oldest[1:] == [locale.toString(1000.0, "f", 1), locale.toString(500.0, "f", 1), "", "", "Ann", ""]
    assert not oldest[0].endswith(")")
    ts_index, note_index = model.index(0, 0), model.index(0, 6)
    assert "Estimated reading" in model.data(ts_index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(note_index, Qt.ItemDataRole.ToolTipRole) == "Swapped the battery\nand checked the seal"
    assert model.data(ts_index, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 5), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert model.data(model.index(0, 3), ReadingsTableModel.SortRole) == pytest.approx(12.3)
    line = model.data(model.index(1, 2), ReadingsTableModel.ItemRole)
    assert isinstance(line, ReadingLine) and line.reading.values[night] == Decimal("500.0")
    assert model.reading_at(0).reading.values == {day: Decimal("1012.3")}


def test_readings_model_opens_on_the_first_page_without_a_request(run, loop, db, db_path, add_source):
    """The first page is fetched alongside the count, so the table shows rows at once."""
    source = add_source()
    seed_readings(db_path, source, 3 * PAGE_SIZE)
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    assert model.loaded_rows() == list(range(PAGE_SIZE))
    assert model.data(model.index(0, 0)) != PLACEHOLDER
    assert model.pages_requested == 0


def test_readings_model_requests_one_load_per_page(qtbot, run, db, db_path, add_source):
    """Many cells of one page start a single load; the page's rows then change without a reset."""
    source = add_source()
    seed_readings(db_path, source, 3 * PAGE_SIZE)
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    second_page = range(PAGE_SIZE, 2 * PAGE_SIZE)
    for row in second_page:
        for column in range(model.columnCount()):
            assert model.data(model.index(row, column)) in (PLACEHOLDER, "")
    assert model.pages_requested == 1
    with qtbot.waitSignal(model.dataChanged) as changed:
        pass
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row(), bottom.column()) == (
        PAGE_SIZE,
        2 * PAGE_SIZE - 1,
        model.columnCount() - 1,
    )
    assert model.loaded_rows() == list(range(2 * PAGE_SIZE))
    assert resets == []


def test_readings_model_scroll_to_end_loads_only_last_pages(qtbot, run, db, db_path, add_source):
    """Opening 100,000 readings and jumping to the end fetches a few pages, not the table."""
    source = add_source()
    total = 100_000
    seed_readings(db_path, source, total)
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    configure_readings_view(view)
    view.resize(800, 500)
    view.show()
    run(vm.load(source))
    qtbot.waitUntil(lambda: model.reading_at(0) is not None)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.reading_at(total - 1) is not None)
    assert model.reading_at(total - 1).reading.timestamp == T0  # newest first: the oldest is last
    assert model.reading_at(0).reading.timestamp == T0 + timedelta(hours=total - 1)
    assert model.pages_requested <= 4
    last_page = (total - 1) // PAGE_SIZE
    assert set(model.loaded_pages()) <= {0, 1, last_page - 1, last_page}


def test_readings_model_drops_pages_of_a_previous_source(qtbot, run, db, db_path, add_source):
    """A page that arrives after the source changed is dropped and the new source's page is loaded."""
    old = add_source("Old meter")
    new = add_source("New meter")
    seed_readings(db_path, old, PAGE_SIZE + 50)
    seed_readings(db_path, new, PAGE_SIZE + 30, start=T0 + timedelta(days=3650))
    vm = GatedViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(old))
    model.data(model.index(PAGE_SIZE, 0))
    qtbot.waitUntil(lambda: len(vm.gates) == 1)  # the old source's 2nd page is fetched, held at its gate
    run(vm.load(new))
    model.data(model.index(PAGE_SIZE, 0))
    qtbot.waitUntil(lambda: len(vm.gates) == 2)
    vm.gates[1].set()  # the new page arrives first...
    qtbot.waitUntil(lambda: model.reading_at(PAGE_SIZE) is not None)
    vm.gates[0].set()  # ...then the old one, which must not replace it
    qtbot.waitUntil(model.is_idle)
    assert model.pages_requested == 2
    assert model.rowCount() == PAGE_SIZE + 30
    assert {model.reading_at(r).reading.source_id for r in model.loaded_rows()} == {new.id}
    assert len(model.loaded_rows()) == PAGE_SIZE + 30


def test_readings_model_sort_by_metric_reorders_rows(qtbot, run, db, add_source):
    """Sorting by a metric (or its consumption column) re-queries in that metric's order."""
    source = add_source(
        "Garden tank",
        category=Category.WATER,
        metrics=(Metric(None, "Level", "l", MetricKind.GAUGE, decimals=0),),
    )
    levels = ["30", "10", "50", "20", "40"]
    _add_readings(run, db, source, [make_reading(source, T0 + timedelta(days=i), v) for i, v in enumerate(levels)])
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    _load_all(qtbot, model)
    level = model.column_of(ColumnKind.VALUE)
    assert [model.data(model.index(r, level), ReadingsTableModel.SortRole) for r in range(5)] == [
        40,
        20,
        50,
        10,
        30,
    ]
    with qtbot.waitSignal(model.modelReset):
        model.sort(level, Qt.SortOrder.AscendingOrder)
    assert vm.order == ReadingOrder("metric", False, source.metrics[0].id)
    _load_all(qtbot, model)
    assert [model.data(model.index(r, level), ReadingsTableModel.SortRole) for r in range(5)] == [
        10,
        20,
        30,
        40,
        50,
    ]
    assert model.sort_column() == level


def test_readings_model_consumption_column_sorts_like_its_metric(run, loop, db, add_source):
    """The consumption column of a counter maps to the order of that counter's values."""
    source = add_source()
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    night = source.metrics[1].id
    column = model.column_of(ColumnKind.CONSUMPTION, night)
    assert model.order_for(column, Qt.SortOrder.DescendingOrder) == ReadingOrder("metric", True, night)
    assert model.order_for(0, Qt.SortOrder.AscendingOrder) == ReadingOrder("timestamp", False)
    assert model.order_for(model.columnCount() - 2, Qt.SortOrder.AscendingOrder) == ReadingOrder("entered_by")
    assert model.order_for(model.columnCount() - 1, Qt.SortOrder.AscendingOrder) == ReadingOrder("note")


def test_readings_model_keeps_a_bounded_page_cache(qtbot, run, db, db_path, add_source, monkeypatch):
    """Only the most recently used pages stay in memory."""
    monkeypatch.setattr(readings_module, "MAX_PAGES", 3)
    source = add_source()
    seed_readings(db_path, source, 6 * PAGE_SIZE)
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    for page in range(6):
        model.data(model.index(page * PAGE_SIZE, 0))
        qtbot.waitUntil(lambda p=page: model.reading_at(p * PAGE_SIZE) is not None)
    assert model.loaded_pages() == [3, 4, 5]
    assert model.data(model.index(0, 0)) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.reading_at(0) is not None)
    assert model.loaded_pages() == [0, 4, 5]


def test_configure_readings_view_sets_up_a_fast_table(qtbot, run, db, add_source):
    """The view gets fixed rows, row selection, no editing and SQL sorting newest first."""
    source = add_source()
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    configure_readings_view(view)
    run(vm.load(source))
    header = view.horizontalHeader()
    assert view.isSortingEnabled()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.DescendingOrder)
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert all(header.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents for c in range(7))
    assert header.stretchLastSection()
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not view.wordWrap()
    assert vm.order == ReadingOrder(descending=True)
    assert model.rowCount(QModelIndex()) == 0


def test_configure_readings_view_follows_the_order_across_sources(qtbot, run, db, add_source):
    """The header shows the view model's order; a metric order falls back to time on another source."""
    meter = add_source("Electricity")
    tank = add_source("Tank", category=Category.OIL, metrics=(Metric(None, "Level", "l", MetricKind.GAUGE),))
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    configure_readings_view(view)
    run(vm.load(meter))
    header = view.horizontalHeader()
    night = model.column_of(ColumnKind.VALUE, meter.metrics[1].id)
    with qtbot.waitSignal(model.modelReset):
        header.setSortIndicator(night, Qt.SortOrder.AscendingOrder)
    assert vm.order == ReadingOrder("metric", False, meter.metrics[1].id)
    assert header.sortIndicatorSection() == night
    run(vm.load(tank))
    qtbot.waitUntil(lambda: vm.order.key == "timestamp" and model.is_idle())
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.AscendingOrder)


def test_readings_model_says_which_period_an_amount_covers(qtmodeltester, run, db, add_source):
    """An interval metric's value tells its period on hover (or that its start is not known)."""
    source = add_source(
        "Oil", category=Category.OIL, metrics=(Metric(None, "Delivered", "l", MetricKind.INTERVAL, decimals=0),)
    )
    _add_readings(
        run, db, source, [make_reading(source, T0, "800"), make_reading(source, T0 + timedelta(days=30), "600")]
    )
    vm = ReadingsViewModel(db)
    model = ReadingsTableModel(vm)
    run(vm.load(source))
    qtmodeltester.check(model)
    newest = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    oldest = model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole)
    assert newest.startswith("The amount from ") and " to " in newest
    assert oldest == "Its period's start is not known: this amount is not counted in reports"
