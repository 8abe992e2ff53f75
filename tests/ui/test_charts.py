"""The Reports page's charts as real widgets offscreen: data in, points and bars out, hover, zoom, palette, PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QContextMenuEvent, QFontMetrics, QImage, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from homelog_desktop.views.charts import ChartBase, ConsumptionChart, ReadingsChart, YearOverYearChart
from homelog_desktop.views.charts.labels import money, period_axis_label, period_hover_label
from tests.screenshots import dark_palette

ROOT = Path(__file__).resolve().parents[2]
#: 2024-03-05 08:15 UTC.
T = int(datetime(2024, 3, 5, 8, 15, tzinfo=datetime.now().astimezone().tzinfo).timestamp())


def months(year: int, count: int = 12) -> tuple[list[date], list[date]]:
    starts = [date(year + (m // 12), m % 12 + 1, 1) for m in range(count)]
    ends = [date(s.year + (s.month == 12), s.month % 12 + 1, 1) for s in starts]
    return starts, ends


@pytest.fixture
def show(qtbot):
    """Show a chart at a known size and wait until it has painted."""

    def shown(chart: ChartBase, width: int = 800, height: int = 400) -> ChartBase:
        qtbot.addWidget(chart)
        chart.resize(width, height)
        chart.show()
        qtbot.waitExposed(chart)
        chart.grab()  # pyqtgraph sizes its axes while painting
        qtbot.waitUntil(lambda: chart.plot_widget.viewport().width() > 0)
        return chart

    return shown


def pixel_of(chart: ChartBase, x: float, y: float) -> QPoint:
    """The plot viewport's pixel of data point (x, y)."""
    scene = chart._view.mapViewToScene(QPointF(x, y))
    return chart.plot_widget.mapFromScene(scene)


def wheel(chart: ChartBase, at: QPoint, steps: int) -> None:
    viewport = chart.plot_widget.viewport()
    event = QWheelEvent(
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


# ---- ReadingsChart --------------------------------------------------------------------------------


def test_readings_chart_draws_every_reading(show):
    """A thousand readings are a thousand points of the curve, and the plot replaces the empty state."""
    chart = show(ReadingsChart())
    ts = T + np.arange(1000, dtype=np.int64) * 3600
    chart.set_data(ts, np.linspace(100.0, 200.0, 1000), unit="kWh", metric_name="Day")
    chart.grab()
    assert chart.point_count == 1000
    assert not chart.is_empty
    x, y = chart._curve.getData()
    assert len(x) == 1000
    assert y[0] == 100.0 and y[-1] == 200.0
    assert chart._item.getAxis("left").labelText == "Day (kWh)"


def test_readings_chart_downsamples_a_million_points(show):
    """A million readings keep all their data but draw about two points per pixel column."""
    chart = show(ReadingsChart(), 600, 300)
    n = 1_000_000
    chart.set_data(T + np.arange(n, dtype=np.int64) * 60, np.cumsum(np.ones(n)))
    chart.grab()
    assert chart.point_count == n
    drawn = len(chart._curve.getData()[0])
    assert 0 < drawn < 10 * chart._view.width()
    assert not chart._curve.curve.opts["antialias"]  # dense: vertical strokes, no smoothing needed
    chart._view.setXRange(T, T + 200 * 60, padding=0)  # 200 readings on ~500 pixels
    assert chart._curve.curve.opts["antialias"]


def test_readings_chart_empty_state(show):
    """No readings: a message instead of an empty grid, and nothing to export or zoom."""
    chart = show(ReadingsChart())
    chart.set_data(np.array([T], dtype=np.int64), np.array([1.0]))
    assert not chart.is_empty
    chart.clear()
    assert chart.is_empty
    assert chart.empty_text == "No readings in this period"
    assert chart._empty_label.isVisible()
    assert not chart.plot_widget.isVisible()
    assert not chart.save_png_action.isEnabled()
    assert not chart.reset_zoom_action.isEnabled()


def test_readings_chart_hover_shows_local_time_and_value(show, qtbot):
    """Moving the mouse near a reading shows its local date and time and its value with the unit."""
    chart = show(ReadingsChart())
    ts = np.array([T - 7 * 86400, T, T + 7 * 86400], dtype=np.int64)
    chart.set_data(ts, np.array([1000.0, 1234.5, 1300.0]), unit="kWh", decimals=1)
    chart.grab()
    with qtbot.waitSignal(chart.hovered) as hovered:
        qtbot.mouseMove(chart.plot_widget.viewport(), pixel_of(chart, T + 3600, 1200.0))
    local = datetime.fromtimestamp(T)
    expected_when = f"{local:%a} {local.day} {local:%b %Y, %H:%M}"
    assert hovered.args == [f"{expected_when}\n1,234.5 kWh"]
    assert chart.hover_text == f"{expected_when}\n1,234.5 kWh"
    assert chart._hover_label.isVisible()
    chart.hide_hover()
    assert chart.hover_text == ""


def test_readings_chart_values_follow_the_time_in_view(show):
    """Zoomed in between two weekly readings, the value axis spans them both: the line stays in view."""
    chart = show(ReadingsChart())
    ts = T + np.arange(10, dtype=np.int64) * 7 * 86400
    chart.set_data(ts, np.arange(10.0) * 100)
    chart._view.setXRange(float(ts[3]) + 86400, float(ts[3]) + 3 * 86400, padding=0)  # no reading in view
    low, high = chart.view_range()[1]
    assert low <= 300 and 400 <= high
    assert high - low < 150  # not the whole 0..900
    chart.reset_zoom()
    low, high = chart.view_range()[1]
    assert low <= 0 and 900 <= high


def test_date_axis_names_the_month_of_its_first_day(show):
    """Ten days in view: the first day label says its month ("20 Dec"), the others only the day."""
    chart = show(ReadingsChart())
    day = QDateTime(QDate(2023, 12, 18), QTime(0, 0)).toSecsSinceEpoch()
    chart.set_data(day + np.arange(30, dtype=np.int64) * 86400, np.arange(30.0))
    chart._view.setXRange(day + 1.5 * 86400, day + 11.5 * 86400, padding=0)
    chart.grab()
    axis = chart._item.getAxis("bottom")
    days = [float(day + d * 86400) for d in (2, 3, 4)]
    assert axis.tickStrings(days, 1, 86400) == ["20 Dec", "21", "22"]


def test_readings_chart_breaks_the_line_at_a_meter_change(show):
    """A meter replaced between two readings: no line from the old value to the new one, a marker."""
    from homelog_desktop.domain.entities import MeterEvent, MeterEventKind

    chart = show(ReadingsChart())
    ts = T + np.arange(6, dtype=np.int64) * 86400
    values = np.array([41000.0, 41010.0, 41020.0, 5.0, 15.0, 25.0])
    replaced = datetime.fromtimestamp(float(ts[2] + 43200)).astimezone()
    event = MeterEvent(None, 1, 1, replaced, MeterEventKind.REPLACEMENT, Decimal(41025), Decimal(0))
    chart.set_data(ts, values, unit="kWh", events=[event])
    x, y = chart._curve.getData()
    assert len(x) == 7 and np.isnan(y[3]) and x[3] == ts[2] + 43200
    assert chart._curve.opts["connect"] == "finite"
    assert chart.event_count == 1
    assert chart._event_lines[0].label.toPlainText() == "Meter replaced"
    assert chart.point_count == 6  # the gap is not a reading
    chart.set_events([])
    assert len(chart._curve.getData()[0]) == 6 and chart.event_count == 0


def test_readings_chart_sorts_readings_given_out_of_order(show):
    chart = show(ReadingsChart())
    chart.set_data(np.array([T + 200, T, T + 100], dtype=np.int64), np.array([3.0, 1.0, 2.0]))
    assert list(chart._curve.getData()[1]) == [1.0, 2.0, 3.0]


def test_readings_chart_leaves_a_gap_at_nan(show):
    """A NaN value breaks the line (connect='finite') and hovers as "no value"."""
    chart = show(ReadingsChart())
    ts = T + np.arange(5, dtype=np.int64) * 86400
    chart.set_data(ts, np.array([1.0, 2.0, np.nan, 4.0, 5.0]), unit="°C")
    assert chart._curve.opts["connect"] == "finite"
    assert chart.show_hover_at(float(ts[2])).endswith("no value")
    chart.set_data(ts, np.arange(5.0))
    assert chart._curve.opts["connect"] == "all"


def test_readings_chart_refuses_arrays_of_different_lengths():
    chart = ReadingsChart()
    with pytest.raises(ValueError, match="one length"):
        chart.set_data(np.arange(3, dtype=np.int64), np.arange(4.0))


def test_readings_chart_wheel_zooms_in_time_and_double_click_resets(show, qtbot):
    """The wheel narrows the time range around the cursor; a double-click shows all readings again."""
    chart = show(ReadingsChart())
    ts = T + np.arange(100, dtype=np.int64) * 86400
    chart.set_data(ts, np.arange(100.0))
    chart.grab()
    home = chart.view_range()
    middle = pixel_of(chart, float(ts[50]), 50.0)
    wheel(chart, middle, 3)
    zoomed = chart.view_range()
    assert zoomed[0][1] - zoomed[0][0] < 0.9 * (home[0][1] - home[0][0])
    assert zoomed[0][0] < ts[50] < zoomed[0][1]
    qtbot.mouseDClick(chart.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert chart.view_range()[0] == pytest.approx(home[0])


# ---- ConsumptionChart ------------------------------------------------------------------------------


def consumption_chart(show, **kwargs) -> ConsumptionChart:
    chart = show(ConsumptionChart(title="Electricity"), **kwargs)
    starts, ends = months(2024)
    use: list[Decimal | None] = [Decimal(100 + 10 * m) for m in range(12)]
    use[5] = None
    cost = [Decimal("30.00") + Decimal(m) for m in range(12)]
    days = [Decimal((e - s).days) for s, e in zip(starts, ends, strict=True)]
    days[11] = Decimal("10.5")
    chart.set_data(starts, ends, use, cost, days=days, period="month", unit="kWh", currency="EUR", metric_name="Day")
    chart.grab()
    return chart


def test_consumption_chart_bar_per_period_and_cost_line(show):
    """Eleven periods with a consumption are eleven bars (one paler: partly covered); twelve costs."""
    chart = consumption_chart(show)
    assert chart.bar_count == 11
    assert len(chart._bars.opts["x"]) == 10
    assert list(chart._partial_bars.opts["x"]) == [11.0]
    assert chart.cost_point_count == 12
    assert chart.tick_labels()[:3] == ["Jan 2024", "Feb 2024", "Mar 2024"]
    assert chart._item.getAxis("right").isVisible()
    assert "Cost" in chart._legend.text() and "Partly covered" in chart._legend.text()


def test_consumption_chart_cost_axis_reads_money(show):
    """The cost line is drawn in bar units; the right axis scales it back, so its ticks read the cost."""
    chart = consumption_chart(show)
    axis = chart._item.getAxis("right")
    _x, y = chart._cost_line.getData()
    assert y[3] * axis.scale == pytest.approx(33.0)
    assert axis.labelText == "Cost (€)"


def test_consumption_chart_hover_gives_period_amount_and_cost(show, qtbot):
    """Hovering over April's bar names the month and gives the consumption and the cost in euros."""
    chart = consumption_chart(show)
    with qtbot.waitSignal(chart.hovered) as hovered:
        qtbot.mouseMove(chart.plot_widget.viewport(), pixel_of(chart, 3.1, 50.0))
    assert hovered.args == ["April 2024\n130.0 kWh\nCost €33.00"]
    assert chart.show_hover_at(11) == "December 2024\n210.0 kWh\nCost €41.00\nReadings cover 10.5 of 31 days"
    assert chart.show_hover_at(5).splitlines()[1] == "No consumption"


def test_consumption_chart_hover_compares_with_last_year(show):
    """With last year's figures (a report's rows), the hover label gives them and the change."""
    from homelog_desktop.services.reports import ReportRow

    chart = show(ConsumptionChart())
    starts, ends = months(2024, 2)
    rows = [
        ReportRow(starts[0], ends[0], Decimal(105), Decimal(31), None, None, Decimal(100), Decimal("0.05")),
        ReportRow(starts[1], ends[1], Decimal(90), Decimal(29), None, None, None, None),
    ]
    chart.set_rows(rows, period="month", unit="kWh")
    assert chart.show_hover_at(0) == "January 2024\n105.0 kWh\nLast year 100.0 kWh (+5.0 %)"
    assert chart.show_hover_at(1) == "February 2024\n90.0 kWh"


def test_consumption_chart_cost_can_be_hidden(show):
    """Unticking "Show cost" removes the line and its axis; the hover label still gives the cost."""
    chart = consumption_chart(show)
    chart.show_cost_action.setChecked(False)
    assert chart.cost_point_count == 0
    assert not chart._item.getAxis("right").isVisible()
    assert "Cost €33.00" in chart.show_hover_at(3)
    assert "Cost" not in chart._legend.text()


def test_consumption_chart_without_tariff_has_no_cost_axis(show):
    chart = show(ConsumptionChart())
    starts, ends = months(2024, 3)
    chart.set_data(starts, ends, [Decimal(1), Decimal(2), Decimal(3)], [None, None, None], period="month", unit="m³")
    assert chart.bar_count == 3
    assert not chart.has_cost
    assert not chart._item.getAxis("right").isVisible()
    assert "Show cost" not in [a.text() for a in chart.context_menu().actions()]
    assert chart.show_hover_at(0) == "January 2024\n1.00 m³"


def test_consumption_chart_labels_never_overlap(show):
    """156 weeks on a narrow chart: only some labels are drawn, each clear of the next."""
    chart = show(ConsumptionChart(), 500, 300)
    starts = [date(2022, 1, 3) + timedelta(weeks=w) for w in range(156)]
    ends = [s + timedelta(weeks=1) for s in starts]
    chart.set_data(starts, ends, [Decimal(50)] * 156, period="week", unit="kWh")
    chart.grab()
    axis = chart._item.getAxis("bottom")
    (x0, x1), _ = chart.view_range()
    stride, shown = axis.labels_at(x0, x1, axis.width())
    assert 2 <= len(shown) < 156 and stride > 1
    metrics = QFontMetrics(axis.style["tickFont"])
    widths = [metrics.horizontalAdvance(text) for text in axis.shown_texts(shown)]
    centres = [pixel_of(chart, i, 0).x() for i in shown]
    for k in range(len(shown) - 1):
        assert centres[k + 1] - centres[k] > (widths[k] + widths[k + 1]) / 2


def test_consumption_chart_writes_the_year_once(show):
    """Twelve months on a wide chart: every month labelled, the year only where it starts or changes."""
    chart = show(ConsumptionChart(), 900, 300)
    starts = [date(2025 + (m // 12), m % 12 + 1, 1) for m in range(11, 23)]
    ends = [date(s.year + (s.month == 12), s.month % 12 + 1, 1) for s in starts]
    chart.set_data(starts, ends, [Decimal(100)] * 12, period="month", unit="kWh")
    chart.grab()
    axis = chart._item.getAxis("bottom")
    (x0, x1), _ = chart.view_range()
    stride, shown = axis.labels_at(x0, x1, axis.width())
    assert stride == 1
    assert axis.shown_texts(shown) == [
        "Dec",
        "Jan 2026",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sept",
        "Oct",
        "Nov",
    ]


def test_consumption_chart_set_rows_reads_report_rows(show):
    """A report's rows (start, end, consumption, days, cost) fill the chart as set_data does."""
    from homelog_desktop.services.reports import ReportRow

    chart = show(ConsumptionChart())
    starts, ends = months(2023, 2)
    rows = [
        ReportRow(s, e, Decimal(v), Decimal((e - s).days), None, Decimal("9.99"), None, None)
        for s, e, v in zip(starts, ends, (40, 50), strict=True)
    ]
    chart.set_rows(rows, period="month", unit="kWh", currency="GBP")
    assert chart.bar_count == 2
    assert chart.show_hover_at(1) == "February 2023\n50.0 kWh\nCost £9.99"


def test_consumption_chart_shows_a_gauge_as_means_and_ranges(show):
    """A gauge's rows (no consumption; mean, lowest, highest) draw mean dots over lowest-to-highest bars."""
    from homelog_desktop.services.reports import ReportRow

    chart = show(ConsumptionChart())
    starts, ends = months(2024, 3)
    rows = [
        ReportRow(
            s, e, None, Decimal(28), None, None, None, None, mean=Decimal(m), minimum=Decimal(lo), maximum=Decimal(hi)
        )
        for s, e, m, lo, hi in zip(starts, ends, ("19.5", "20.25", "21"), (15, 16, 17), (23, 24, "25.5"), strict=True)
    ]
    chart.set_rows(rows, period="month", unit="°C", currency="EUR", metric_name="Living room")
    assert not chart.is_empty
    assert chart.mean_point_count == 3 and chart.bar_count == 0 and not chart.has_cost
    assert list(chart._range_bars.opts["y1"]) == [23.0, 24.0, 25.5]
    assert chart.show_hover_at(1) == "February 2024\nMean 20.3 °C\nLowest 16.0 °C, highest 24.0 °C"
    assert "Mean" in chart._legend.text()
    low, high = chart.view_range()[1]
    assert 10 < low < 15 and 25.5 < high < 30  # not from zero: a temperature scale
    chart.set_rows(rows[:0], period="month")
    assert chart.is_empty and chart.empty_text == "No consumption in this period"


def test_consumption_chart_empty_when_no_period_has_a_value(show):
    chart = show(ConsumptionChart())
    starts, ends = months(2024, 2)
    chart.set_data(starts, ends, [None, None])
    assert chart.is_empty
    assert chart.empty_text == "No consumption in this period"


# ---- YearOverYearChart ---------------------------------------------------------------------------------


def test_year_over_year_line_per_year_with_legend(show):
    """Three years are three lines over Jan..Dec, the legend lists them newest first."""
    chart = show(YearOverYearChart())
    data = {
        2022: [Decimal(100 + m) for m in range(12)],
        2023: [Decimal(200)] * 12,
        2024: [Decimal(300)] * 3 + [None] * 9,
    }
    chart.set_data(data, unit="kWh")
    assert chart.years == [2024, 2023, 2022]
    assert chart.legend_entries() == ["2024", "2023", "2022"]
    assert len(chart._curves) == 3
    legend = chart._legend.text()
    assert legend.index("2024") < legend.index("2023") < legend.index("2022")
    x, y = chart._curves[2022].getData()
    assert list(x) == list(range(12)) and y[11] == 111.0
    assert chart.month_values(2024)[:4] == [300.0, 300.0, 300.0, None]
    assert chart._axes["bottom"].tickStrings([0.0, 11.0], 1, 1) == ["Jan", "Dec"]


def test_year_over_year_hover_compares_the_month(show):
    chart = show(YearOverYearChart())
    chart.set_data({2023: [Decimal(200)] * 12, 2024: [Decimal("312.4")] * 2 + [None] * 10}, unit="kWh")
    assert chart.show_hover_at(1) == "February\n2024: 312.4 kWh\n2023: 200.0 kWh"
    assert chart.show_hover_at(4) == "May\n2024: no data\n2023: 200.0 kWh"


def test_year_over_year_set_rows_keeps_calendar_months(show):
    """Monthly rows fill their year and month; a row that is not a calendar month is left out."""
    from homelog_desktop.services.reports import ReportRow

    chart = show(YearOverYearChart())
    rows = [
        ReportRow(date(2023, 12, 1), date(2024, 1, 1), Decimal(5), Decimal(31), None, None, None, None),
        ReportRow(date(2024, 1, 1), date(2024, 2, 1), Decimal(7), Decimal(31), None, None, None, None),
        ReportRow(date(2024, 1, 1), date(2025, 1, 1), Decimal(99), Decimal(366), None, None, None, None),
    ]
    chart.set_rows(rows, unit="kWh")
    assert chart.years == [2024, 2023]
    assert chart.month_values(2023)[11] == 5.0
    assert chart.month_values(2024)[:2] == [7.0, None]


def test_year_over_year_marks_a_month_partly_covered(show):
    """This month so far is a hollow dot, and its hover says how many days the readings cover."""
    from homelog_desktop.services.reports import ReportRow

    chart = show(YearOverYearChart())
    rows = [
        ReportRow(date(2024, 4, 1), date(2024, 5, 1), Decimal(300), Decimal(30), None, None, None, None),
        ReportRow(date(2025, 4, 1), date(2025, 5, 1), Decimal(120), Decimal("12.4"), None, None, None, None),
    ]
    chart.set_rows(rows, unit="kWh")
    assert chart.show_hover_at(3) == "April\n2025: 120.0 kWh (12.4 of 30 days)\n2024: 300.0 kWh"
    brushes = chart._curves[2025].opts["symbolBrush"]
    assert brushes[3].color() == chart.plot_widget.backgroundBrush().color()  # hollow
    assert chart._curves[2024].opts["symbolBrush"][3].color() != chart.plot_widget.backgroundBrush().color()
    assert "partly covered" in chart._legend.text()


def test_year_over_year_asks_for_months_when_rows_are_not_months(show):
    """Weekly rows cannot be compared month by month: the empty state says which period to choose."""
    from homelog_desktop.services.reports import ReportRow

    chart = show(YearOverYearChart())
    week = ReportRow(date(2024, 3, 4), date(2024, 3, 11), Decimal(5), Decimal(7), None, None, None, None)
    chart.set_rows([week], unit="kWh")
    assert chart.is_empty
    assert "Month" in chart._empty_hint.text()


def test_year_over_year_empty(show):
    chart = show(YearOverYearChart())
    chart.set_data({2024: [None] * 12})
    assert chart.is_empty
    with pytest.raises(ValueError, match="12 monthly values"):
        chart.set_data({2024: [1, 2, 3]})


# ---- shared: palette, export, menu, lazy import ---------------------------------------------------------


def filled(chart: ChartBase) -> ChartBase:
    ts = T + np.arange(30, dtype=np.int64) * 86400
    if isinstance(chart, ReadingsChart):
        chart.set_data(ts, np.arange(30.0), unit="kWh")
    elif isinstance(chart, ConsumptionChart):
        starts, ends = months(2024)
        chart.set_data(starts, ends, [Decimal(m + 1) for m in range(12)], [Decimal(2)] * 12, currency="EUR")
    else:
        chart.set_data({2024: [Decimal(m) for m in range(12)], 2023: [Decimal(1)] * 12})
    return chart


def series_color(chart: ChartBase) -> QColor:
    if isinstance(chart, ReadingsChart):
        return chart._curve.opts["pen"].color()
    if isinstance(chart, ConsumptionChart):
        return chart._bars.opts["brush"].color()
    return chart._curves[chart.years[0]].opts["pen"].color()


@pytest.mark.parametrize("cls", [ReadingsChart, ConsumptionChart, YearOverYearChart])
def test_chart_follows_the_palette(show, cls):
    """Switching the widget to a dark palette re-colours background, axes and series, and back."""
    chart = show(filled(cls()))
    light_background = chart.plot_widget.backgroundBrush().color()
    light_series = series_color(chart)
    axis = chart._item.getAxis("left")
    chart.setPalette(dark_palette())
    dark = dark_palette()
    assert chart.plot_widget.backgroundBrush().color() == dark.color(QPalette.ColorRole.Base)
    assert series_color(chart) != light_series
    assert series_color(chart).lightness() > light_series.lightness()
    assert axis.textPen().color() == dark.color(QPalette.ColorRole.Text)
    chart.setPalette(QPalette())
    assert chart.plot_widget.backgroundBrush().color() == light_background
    assert series_color(chart) == light_series


def test_chart_follows_the_application_palette(show, qtbot):
    """A palette set on the whole application (the user's theme changing) re-colours the chart too."""
    chart = show(filled(ReadingsChart()))
    before = QApplication.palette()
    light = series_color(chart)
    try:
        QApplication.setPalette(dark_palette())
        qtbot.waitUntil(lambda: chart.plot_widget.backgroundBrush().color() == QColor("#1e1f22"))
        assert series_color(chart) != light
    finally:
        QApplication.setPalette(before)
    qtbot.waitUntil(lambda: chart.plot_widget.backgroundBrush().color() == before.color(QPalette.ColorRole.Base))
    assert series_color(chart) == light


@pytest.mark.parametrize("cls", [ReadingsChart, ConsumptionChart, YearOverYearChart])
def test_export_png_writes_the_chart(show, tmp_path, cls):
    """export_png writes a PNG of the widget's size with the chart on it (not a blank image)."""
    chart = show(filled(cls(title="Electricity")), 640, 360)
    chart.show_hover_at(chart.view_range()[0][0] + 1)
    path = tmp_path / "chart.png"
    assert chart.export_png(path)
    image = QImage(str(path))
    ratio = chart.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(640 * ratio), round(360 * ratio))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5
    assert chart.hover_text == ""  # no hover label on the picture
    assert not chart.export_png(tmp_path / "missing" / "chart.png")


def test_save_png_dialog_exports_to_the_chosen_file(show, qtbot, tmp_path):
    """The save dialog suggests a name from the title and exports where the user chose."""
    chart = show(filled(ConsumptionChart(title="Gas: 2024/25")))
    assert chart.suggested_file_name() == "Gas 2024 25.png"
    dialog = chart.save_png_dialog()
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    target = tmp_path / "gas.png"
    with qtbot.waitSignal(chart.png_saved) as saved:
        dialog.fileSelected.emit(str(target))
    dialog.close()
    assert saved.args == [str(target)]
    assert target.stat().st_size > 1000
    with qtbot.waitSignal(chart.png_failed) as failed:
        chart._on_png_file_selected(str(tmp_path / "nowhere" / "x.png"))
    assert "Could not save the chart" in failed.args[0]


def test_reset_zoom_restores_the_view(show):
    """After zooming in, reset_zoom (the menu action) shows the whole range again."""
    chart = show(filled(ConsumptionChart()))
    home = chart.view_range()
    chart._view.setXRange(2, 6, padding=0)
    assert chart.view_range()[0] == pytest.approx((2, 6))
    chart.reset_zoom_action.trigger()
    assert chart.view_range()[0] == pytest.approx(home[0])
    assert chart.view_range()[1] == pytest.approx(home[1])


def test_keyboard_zooms_in_and_out(show, qtbot):
    """With the focus on the chart, Ctrl++ / Ctrl+- narrow and widen the range, Ctrl+0 resets it."""
    chart = show(filled(ReadingsChart()))
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    (x0, x1), _ = home = chart.view_range()
    qtbot.keyClick(chart, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    (a0, a1), _ = chart.view_range()
    assert a1 - a0 == pytest.approx((x1 - x0) / 1.5)
    assert (a0 + a1) / 2 == pytest.approx((x0 + x1) / 2)
    qtbot.keyClick(chart, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert chart.view_range()[0] == pytest.approx(home[0])
    chart.zoom_by(0.25)
    qtbot.keyClick(chart, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert chart.view_range()[0] == pytest.approx(home[0])


def test_context_menu_offers_only_chart_actions(show):
    """The right-click menu holds our actions; pyqtgraph's own menus (plot options, export) are off."""
    chart = show(filled(ConsumptionChart()))
    assert [a.text() for a in chart.context_menu().actions() if not a.isSeparator()] == [
        "Show cost",
        "Zoom in",
        "Zoom out",
        "Reset zoom",
        "Save as PNG…",
    ]
    assert not chart._item.menuEnabled()
    assert not chart._view.menuEnabled()


def test_right_click_opens_the_chart_menu(show, qtbot):
    """A right click on the plot pops up the chart's menu (not pyqtgraph's), without blocking."""
    chart = show(filled(ReadingsChart()))
    viewport = chart.plot_widget.viewport()
    at = viewport.rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    QApplication.sendEvent(viewport, event)
    menu = chart.findChild(QMenu)
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert "Reset zoom" in [a.text() for a in menu.actions()]
    menu.close()


def test_long_title_is_elided_with_a_tooltip(show):
    chart = show(filled(ReadingsChart(title="A very long metric name " * 10)), 400, 300)
    assert chart._title.text().endswith("…")
    assert chart._title.toolTip() == chart.title


def test_long_metric_name_is_shortened_before_its_unit(show, qtbot):
    """On the value axis the unit stays whole; a long metric name gives way."""
    chart = show(ReadingsChart(), 500, 260)
    ts = T + np.arange(3, dtype=np.int64) * 86400
    chart.set_data(ts, np.arange(3.0), unit="litres", metric_name="Day tariff register of the main house " * 3)
    qtbot.waitUntil(lambda: "…" in chart._item.getAxis("left").labelText)
    assert chart._item.getAxis("left").labelText.endswith("… (litres)")


def test_importing_charts_does_not_import_pyqtgraph():
    """The app's start-up pays for pyqtgraph only when a chart is created, or preload() runs (in a thread)."""
    code = (
        "import sys, threading, homelog_desktop.views.charts as charts\n"
        "print('pyqtgraph' in sys.modules)\n"
        "worker = threading.Thread(target=charts.preload)\n"
        "worker.start(); worker.join()\n"
        "print('pyqtgraph' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert out.stdout.split() == ["False", "True"]


# ---- labels -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end", "axis", "hover"),
    [
        ("day", date(2024, 3, 5), date(2024, 3, 6), "5 Mar 2024", "Tuesday 5 March 2024"),
        ("week", date(2024, 3, 4), date(2024, 3, 11), "4 Mar 2024", "Week 10, 4–10 Mar 2024"),
        ("week", date(2024, 12, 30), date(2025, 1, 6), "30 Dec 2024", "Week 1, 30 Dec 2024 – 5 Jan 2025"),
        ("month", date(2024, 2, 1), date(2024, 3, 1), "Feb 2024", "February 2024"),
        ("quarter", date(2024, 4, 1), date(2024, 7, 1), "Q2 2024", "Q2 2024 (1 Apr – 30 Jun 2024)"),
        ("year", date(2024, 1, 1), date(2025, 1, 1), "2024", "2024"),
        (
            "billing_year",
            date(2023, 4, 1),
            date(2024, 4, 1),
            "2023/24",
            "Billing year 2023/24 (1 Apr 2023 – 31 Mar 2024)",
        ),
        (
            "heating_season",
            date(2023, 7, 1),
            date(2024, 7, 1),
            "2023/24",
            "Heating season 2023/24 (1 Jul 2023 – 30 Jun 2024)",
        ),
    ],
)
def test_period_labels(period, start, end, axis, hover):
    assert period_axis_label(period, start, end) == axis
    assert period_hover_label(period, start, end) == hover


def test_money_labels():
    """Charts show money as the rest of the window does (views/figures.money)."""
    assert money(Decimal("1234.567"), "EUR") == "€1,234.57"
    assert money(Decimal("-3.2"), "GBP") == "-£3.20"
    assert money(12.5, "CHF") == "CHF 12.50"  # where the locale puts it (German: "12,50 CHF")
    assert money(12.5, None) == "12.50"
