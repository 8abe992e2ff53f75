"""The Reports page on a real database: the table matches build_report for each period and metric,
CSV export, charts fed, background loading where a newer request supersedes an older one."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.entities import Metric, MetricKind, Tariff
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.services.reports import build_report, report_csv
from homelog_desktop.viewmodels.reports import Preset, ReportsViewModel, range_for
from homelog_desktop.views import figures
from homelog_desktop.views.models.report import ReportColumn, ReportTableModel
from homelog_desktop.views.reports_page import CHART_CONSUMPTION, CHART_READINGS, CHART_YEAR_OVER_YEAR, ReportsPage
from tests.conftest import make_reading

START = datetime(2023, 1, 3, 9, 30).astimezone()


@pytest.fixture
def meter(add_source, store, run, db):
    """Two counters read every 9 days for over two years, the day register with a tariff."""
    source = add_source(
        "House",
        metrics=(
            Metric(None, "Day", "kWh", MetricKind.COUNTER, decimals=1),
            Metric(None, "Night", "kWh", MetricKind.COUNTER, decimals=1),
        ),
    )
    readings = []
    day, night = Decimal(1000), Decimal(500)
    for i in range(90):
        at = START + timedelta(days=9 * i, hours=i % 5)
        readings.append(make_reading(source, at, str(day), str(night)))
        day += Decimal(70 + (i % 7) * 3)
        night += Decimal(30 + (i % 3))
    store(source, *readings)

    async def tariff():
        async with db.session() as session:
            await TariffRepository(session).add(
                Tariff(None, source.metrics[0].id, date(2023, 1, 1), Decimal("0.28"), Decimal("0.15"), "EUR")
            )

    run(tariff())
    return source


@pytest.fixture
def page(qtbot, db, run):
    vm = ReportsViewModel(db)
    widget = ReportsPage(vm)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    run(vm.close())


def loaded(qtbot, page, period, metric_id):
    """Wait until the page shows the report of ``period`` and ``metric_id`` and nothing is loading."""

    def done():
        report = page.vm.report
        return (
            report is not None
            and report.period is period
            and report.metric.id == metric_id
            and not page.vm.loading
            and not page.vm._tasks
        )

    qtbot.waitUntil(done, timeout=15000)
    return page.vm.report


def expected(run, db, source, metric, period, start, end):
    return run(build_report(db, source.id, metric.id, period, start, end))


def table_texts(model, column):
    return [model.text(row, column) for row in range(model.rowCount())]


def test_reports_page_table_matches_build_report_per_period_and_metric(qtbot, run, db, meter, page):
    """Month, then quarter, then the night register: each time the rows are build_report's."""
    start, end = range_for(Preset.LAST_3_YEARS, date(2025, 4, 15))
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))
    day, night = meter.metrics
    page.set_source(meter)
    shown = loaded(qtbot, page, Period.MONTH, day.id)
    want = expected(run, db, meter, day, Period.MONTH, None, None)
    assert [(r.start, r.end, r.consumption, r.cost) for r in shown.rows] == [
        (r.start, r.end, r.consumption, r.cost) for r in want.rows
    ]
    model = page.model
    assert model.rowCount() == len(want.rows) > 20
    assert table_texts(model, ReportColumn.CONSUMPTION) == [
        figures.number(r.consumption, 1) if r.consumption is not None else "—" for r in want.rows
    ]
    assert table_texts(model, ReportColumn.COST) == [figures.number(r.cost, 2) for r in want.rows]
    assert table_texts(model, ReportColumn.PERIOD)[0] == "Jan 2023"
    changes = table_texts(model, ReportColumn.CHANGE)
    assert changes[0] == "—"  # nothing a year before
    assert all(text.startswith(("▲", "▼", "±")) for text in changes[13:])
    assert page.findChild(QLabel, "reportFooter").text().startswith("<b>Total ")

    period_box = page.findChild(QComboBox, "reportPeriod")
    period_box.setCurrentIndex(period_box.findData(Period.QUARTER.value))
    shown = loaded(qtbot, page, Period.QUARTER, day.id)
    want = expected(run, db, meter, day, Period.QUARTER, None, None)
    assert [(r.start, r.consumption) for r in shown.rows] == [(r.start, r.consumption) for r in want.rows]
    assert table_texts(page.model, ReportColumn.PERIOD)[:2] == ["Q1 2023", "Q2 2023"]

    metric_box = page.findChild(QComboBox, "reportMetric")
    assert metric_box.isVisible()
    metric_box.setCurrentIndex(metric_box.findData(night.id))
    shown = loaded(qtbot, page, Period.QUARTER, night.id)
    want = expected(run, db, meter, night, Period.QUARTER, None, None)
    assert [r.consumption for r in shown.rows] == [r.consumption for r in want.rows]
    assert table_texts(page.model, ReportColumn.COST) == ["—"] * len(want.rows)  # no tariff for the night
    assert start < end  # the preset helper gives a range


def test_reports_page_date_range_and_presets(qtbot, run, db, meter, page):
    """Editing the dates switches to "Custom" and reports that range (To is inclusive)."""
    day = meter.metrics[0]
    page.set_source(meter)
    loaded(qtbot, page, Period.MONTH, day.id)
    page._from.setDate(page._from.date().fromString("2024-02-01", Qt.DateFormat.ISODate))
    page._to.setDate(page._to.date().fromString("2024-05-31", Qt.DateFormat.ISODate))
    page._on_date_edited()
    qtbot.waitUntil(lambda: page.vm.report is not None and page.vm.report.start == date(2024, 2, 1))
    shown = loaded(qtbot, page, Period.MONTH, day.id)
    assert page._preset.currentData() == Preset.CUSTOM
    assert shown.end == date(2024, 6, 1)
    want = expected(run, db, meter, day, Period.MONTH, date(2024, 2, 1), date(2024, 6, 1))
    assert [r.consumption for r in shown.rows] == [r.consumption for r in want.rows]
    assert table_texts(page.model, ReportColumn.PERIOD) == ["Feb 2024", "Mar 2024", "Apr 2024", "May 2024"]


def test_reports_page_csv_export_writes_report_csv(qtbot, run, db, meter, page, tmp_path):
    """Export CSV… writes exactly report_csv() of the report shown."""
    day = meter.metrics[0]
    page.set_source(meter)
    shown = loaded(qtbot, page, Period.MONTH, day.id)
    dialog = page.export_csv()
    assert dialog is not None and dialog.objectName() == "exportCsvDialog"
    target = tmp_path / "out.csv"
    with qtbot.waitSignal(page.vm.exported):
        dialog.fileSelected.emit(str(target))
    dialog.reject()
    want = report_csv(expected(run, db, meter, day, Period.MONTH, shown.start, shown.end))
    assert target.read_text(encoding="utf-8") == want
    assert want.splitlines()[0] == "period_start,period_end,consumption,days,avg_per_day,cost"


def test_reports_page_csv_export_error_is_reported(qtbot, meter, page, tmp_path):
    """A folder that cannot be written gives an error message, not a crash."""
    page.set_source(meter)
    loaded(qtbot, page, Period.MONTH, meter.metrics[0].id)
    with qtbot.waitSignal(page.vm.error_occurred) as signal:
        page.vm.spawn(page.vm.export_csv(str(tmp_path / "missing" / "out.csv")))
    assert "Cannot write" in signal.args[0]


def test_reports_page_feeds_the_charts(qtbot, meter, page):
    """The bar chart gets the report's periods, year over year every year, the readings chart every reading."""
    day = meter.metrics[0]
    page._preset.setCurrentIndex(page._preset.findData(Preset.LAST_YEAR))
    page._from.setDate(page._from.date().fromString("2024-01-01", Qt.DateFormat.ISODate))
    page._to.setDate(page._to.date().fromString("2024-12-31", Qt.DateFormat.ISODate))
    page._on_date_edited()
    page.set_source(meter)
    report = loaded(qtbot, page, Period.MONTH, day.id)
    qtbot.waitUntil(lambda: page.charts[CHART_CONSUMPTION] is not None, timeout=15000)
    # Hidden charts are built, and their data loaded, when their tab is shown.
    assert page.charts[CHART_READINGS] is None and page._series is None and page._months is None
    page.chart_tabs.setCurrentIndex(CHART_READINGS)
    readings = page.charts[CHART_READINGS]
    # The readings of the dates chosen (2024), not every reading.
    in_2024 = sum(1 for i in range(90) if (START + timedelta(days=9 * i, hours=i % 5)).year == 2024)
    qtbot.waitUntil(lambda: readings.point_count == in_2024)
    assert 30 < in_2024 < 90
    assert page._months is None
    page.chart_tabs.setCurrentIndex(CHART_YEAR_OVER_YEAR)
    bars, yoy = page.charts[CHART_CONSUMPTION], page.charts[CHART_YEAR_OVER_YEAR]
    qtbot.waitUntil(lambda: bool(yoy.years))
    assert bars.bar_count == len(report.rows) == 12
    assert bars.has_cost
    assert sorted(yoy.years) == [2023, 2024, 2025]
    assert page.findChild(QWidget, "saveChartButton").isEnabled()


def test_reports_page_newer_request_supersedes_older(qtbot, db, meter, run):
    """While a slow report loads, a newer choice wins: the old one is never shown; the busy bar shows meanwhile."""
    release = asyncio.Event()
    built = []

    async def builder(_db, source_id, metric_id, period, start, end):
        built.append(period)
        if period is Period.MONTH and len(built) == 1:
            await release.wait()
        return await build_report(db, source_id, metric_id, period, start, end)

    vm = ReportsViewModel(db, builder=builder)
    page = ReportsPage(vm)
    qtbot.addWidget(page)
    page.show()
    shown = []
    vm.report_loaded.connect(lambda report: shown.append(report.period))
    page.set_source(meter)
    qtbot.waitUntil(lambda: built[:1] == [Period.MONTH])
    assert page.findChild(QWidget, "reportBusy").isVisible()
    page._period.setCurrentIndex(page._period.findData(Period.YEAR.value))
    qtbot.waitUntil(lambda: Period.YEAR in shown)
    release.set()
    qtbot.waitUntil(lambda: not vm._tasks, timeout=15000)
    assert shown == [Period.YEAR]  # the monthly report of the first request never appeared
    assert vm.report is not None and vm.report.period is Period.YEAR
    assert not page.findChild(QWidget, "reportBusy").isVisible()
    run(vm.close())


def test_report_table_model_passes_qtmodeltester(qtmodeltester, run, db, meter):
    """The table model is a well-behaved Qt model, for counters and for gauges."""
    model = ReportTableModel()
    model.set_report(run(build_report(db, meter.id, meter.metrics[0].id, Period.MONTH)))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.set_report(None)
    qtmodeltester.check(model)


def test_report_table_model_gauge_columns(run, db, add_source, store):
    """A gauge's report shows mean, minimum and maximum instead of consumption and cost."""
    source = add_source("Room", metrics=(Metric(None, "Temperature", "°C", MetricKind.GAUGE, decimals=1),))
    store(*(source, *(make_reading(source, START + timedelta(days=i), str(18 + i % 4)) for i in range(60))))
    model = ReportTableModel()
    model.set_report(run(build_report(db, source.id, source.metrics[0].id, Period.MONTH)))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Period", "Mean (°C)", "Min (°C)", "Max (°C)", "Days"]
    assert model.text(0, ReportColumn.MAXIMUM) == "21.0"


def test_reports_page_presets_cover_whole_periods_and_cut_periods_say_so(qtbot, meter, page):
    """A preset widens to whole quarters; a custom range that cuts a month names the days it holds."""
    day = meter.metrics[0]
    page.set_source(meter)
    loaded(qtbot, page, Period.MONTH, day.id)
    page._period.setCurrentIndex(page._period.findData(Period.QUARTER.value))
    loaded(qtbot, page, Period.QUARTER, day.id)
    assert page.vm.start is not None and page.vm.start.day == 1 and page.vm.start.month in (1, 4, 7, 10)
    assert page.vm.end is not None and page.vm.end.day == 1 and page.vm.end.month in (1, 4, 7, 10)
    page._period.setCurrentIndex(page._period.findData(Period.MONTH.value))
    loaded(qtbot, page, Period.MONTH, day.id)
    page._from.setDate(page._from.date().fromString("2024-02-15", Qt.DateFormat.ISODate))
    page._to.setDate(page._to.date().fromString("2024-03-31", Qt.DateFormat.ISODate))
    page._on_date_edited()
    qtbot.waitUntil(lambda: page.vm.report is not None and page.vm.report.start == date(2024, 2, 15))
    loaded(qtbot, page, Period.MONTH, day.id)
    assert table_texts(page.model, ReportColumn.PERIOD) == ["Feb 2024 (15 Feb – 29 Feb)", "Mar 2024"]


def test_reports_page_readings_chart_marks_meter_changes(qtbot, run, db, meter, page):
    """A recorded meter replacement is marked on the readings chart."""
    from homelog_desktop.domain.entities import MeterEvent, MeterEventKind
    from homelog_desktop.repositories import MeterEventRepository

    day = meter.metrics[0]

    async def replace():
        async with db.session() as session:
            await MeterEventRepository(session).add(
                MeterEvent(
                    None,
                    meter.id,
                    day.id,
                    START + timedelta(days=400, hours=1),
                    MeterEventKind.REPLACEMENT,
                    Decimal("9000"),
                    Decimal("0"),
                )
            )

    run(replace())
    page.chart_tabs.setCurrentIndex(CHART_READINGS)
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))  # the chart shows the chosen dates
    page.set_source(meter)
    qtbot.waitUntil(lambda: page.charts[CHART_READINGS] is not None, timeout=15000)
    chart = page.charts[CHART_READINGS]
    qtbot.waitUntil(lambda: chart.point_count == 90 and not page.vm._tasks)
    assert chart.event_count == 1


def test_reports_page_empty_range_offers_all_readings(qtbot, meter, page):
    """Nothing in the last 12 months (old readings): the empty state offers "Show all readings"."""
    day = meter.metrics[0]
    page.set_source(meter)
    report = loaded(qtbot, page, Period.MONTH, day.id)
    assert report.rows == []  # the readings end in 2025, the range is the last 12 months
    empty, button = page.findChild(QLabel, "reportEmpty"), page.findChild(QWidget, "reportShowAll")
    assert empty.isVisible() and "in this range" in empty.text()
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.vm.report is not None and page.vm.report.start is None)
    assert loaded(qtbot, page, Period.MONTH, day.id).rows
    assert page.table.isVisible()


def test_reports_page_readings_chart_follows_the_chosen_dates(qtbot, meter, page):
    """The Readings chart shows the readings of the range chosen, and follows a new range."""
    page.chart_tabs.setCurrentIndex(CHART_READINGS)
    page.set_source(meter)
    qtbot.waitUntil(lambda: page.charts[CHART_READINGS] is not None, timeout=15000)
    chart = page.charts[CHART_READINGS]
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))
    qtbot.waitUntil(lambda: chart.point_count == 90 and not page.vm._tasks, timeout=15000)
    page._from.setDate(QDate(2024, 1, 1))
    page._to.setDate(QDate(2024, 3, 31))
    page._on_date_edited()
    in_q1 = sum(1 for i in range(90) if (START + timedelta(days=9 * i, hours=i % 5)).date() < date(2024, 4, 1))
    in_q1 -= sum(1 for i in range(90) if (START + timedelta(days=9 * i, hours=i % 5)).year < 2024)
    qtbot.waitUntil(lambda: chart.point_count == in_q1 and not page.vm._tasks, timeout=15000)
    assert 5 <= in_q1 <= 11


def test_reports_page_preset_turns_custom_when_a_date_is_picked(qtbot, meter, page):
    """Picking a date in the calendar (no "editing finished") shows "Custom" and reports the new dates."""
    page.set_source(meter)
    loaded(qtbot, page, Period.MONTH, meter.metrics[0].id)
    assert page._preset.currentData() == Preset.LAST_12_MONTHS
    page._from.setDate(QDate(2024, 2, 1))  # as the calendar popup does
    assert page._preset.currentData() == Preset.CUSTOM
    qtbot.waitUntil(lambda: page.vm.report is not None and page.vm.report.start == date(2024, 2, 1), timeout=15000)
    # Back to the preset's own dates through the preset: it stays selected.
    page._preset.setCurrentIndex(page._preset.findData(Preset.LAST_12_MONTHS))
    page._on_date_edited()  # focus leaving a date box changes nothing
    assert page._preset.currentData() == Preset.LAST_12_MONTHS


def test_reports_page_gauge_chart_tab_is_not_consumption_and_cost(qtbot, run, db, add_source, store, page):
    """A temperature's first chart tab says what it shows (mean, min and max), not "Consumption and cost"."""
    room = add_source("Room", metrics=(Metric(None, "Temperature", "°C", MetricKind.GAUGE, decimals=1),))
    store(room, *[make_reading(room, START + timedelta(days=d), str(19 + d % 3)) for d in range(40)])
    page.set_source(room)
    loaded(qtbot, page, Period.MONTH, room.metrics[0].id)
    assert page.chart_tabs.tabText(CHART_CONSUMPTION) == "Mean, min and max"


def test_reports_page_fits_800_by_600_with_four_rows_or_more(qtbot, meter, page):
    """In what an 800 × 600 window leaves it, the page needs no more width, wraps its controls and
    shows at least four periods of the table."""
    page.set_source(meter)
    loaded(qtbot, page, Period.MONTH, meter.metrics[0].id)
    assert page.minimumSizeHint().width() <= 520
    page.resize(520, 420)
    qtbot.waitUntil(lambda: page.width() == 520)
    rows = page.table.verticalHeader().defaultSectionSize()
    assert page.table.viewport().height() >= 4 * rows
    for name in ("reportMetric", "reportPeriod", "reportRange", "reportFrom", "reportTo", "exportCsvButton"):
        widget = page.findChild(QWidget, name)
        box = widget.geometry().translated(widget.parentWidget().mapTo(page, widget.parentWidget().rect().topLeft()))
        assert page.rect().contains(box), name


def test_reports_page_readings_chart_of_a_virtual_meter_explains_itself(qtbot, run, db, meter, page):
    """A virtual meter's readings chart says it has none and where its figures are (not a blank grid);
    a real meter shown next gets its readings and the usual empty text back."""
    from homelog_desktop.domain.entities import Source, VirtualTerm
    from homelog_desktop.repositories import SourceRepository

    day, night = meter.metrics

    async def add():
        async with db.session() as session:
            return await SourceRepository(session).add(
                Source(None, "Day minus night", metrics=(Metric(None, "Consumption", "kWh", decimals=1),),
                       virtual=True, terms=(VirtualTerm(day.id, 1), VirtualTerm(night.id, -1)))
            )  # fmt: skip

    rest = run(add())
    page.chart_tabs.setCurrentIndex(CHART_READINGS)
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))
    page.set_source(rest)
    report = loaded(qtbot, page, Period.MONTH, rest.metrics[0].id)
    assert report.rows  # its consumption is computed: the first tab has it
    qtbot.waitUntil(lambda: page.charts[CHART_READINGS] is not None, timeout=15000)
    chart = page.charts[CHART_READINGS]
    qtbot.waitUntil(lambda: chart.empty_text == "A virtual meter has no readings" and not page.vm._tasks)
    assert chart.is_empty and chart.point_count == 0
    assert "“Day minus night” is computed from its inputs' readings" in chart._empty_hint.text()
    assert "“Consumption and cost” tab" in chart._empty_hint.text()
    page.set_source(meter)
    qtbot.waitUntil(lambda: chart.point_count == 90 and not page.vm._tasks, timeout=15000)
    assert chart.empty_text == "No readings in this period" and not chart.is_empty
