"""A source's Reports page: metric, period and range; the table of periods; charts; CSV and PNG export."""

from __future__ import annotations

import asyncio
import importlib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QLocale, QSignalBlocker, QSize, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.consumption import Period
from ..domain.entities import MetricKind, Source
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..viewmodels.reports import Preset, ReportsViewModel, range_for, whole_periods
from . import figures
from .charts.base import CHART_MIN_HEIGHT
from .flow_layout import FlowLayout
from .models.report import ReportTableModel
from .settlement import settlement_html
from .table_copy import install_copy
from .unit_toggle import UnitToggle
from .warm import run_in_worker

if TYPE_CHECKING:
    from ..domain.consumption import Series
    from ..services.reports import Report

#: The chart tabs, in order: (object name, tab title).
CHART_TABS = (
    ("consumptionChart", QT_TRANSLATE_NOOP("ReportsPage", "Consumption and cost")),
    ("yearOverYearChart", QT_TRANSLATE_NOOP("ReportsPage", "Year over year")),
    ("readingsChart", QT_TRANSLATE_NOOP("ReportsPage", "Readings")),
)
CHART_CONSUMPTION, CHART_YEAR_OVER_YEAR, CHART_READINGS = range(3)


def consumption_tab_title(report: Report) -> str:
    """The first chart tab's title for what it shows: a gauge has no consumption, nor cost."""
    if report.metric.kind is MetricKind.GAUGE:
        return translate("ReportsPage", "Mean, min and max")
    return (
        translate("ReportsPage", "Consumption and cost")
        if report.currency is not None
        else translate("ReportsPage", "Consumption")
    )


def _chart_class(name: str) -> Any:
    """A chart class of views.charts (imported in a worker thread first: pyqtgraph is big)."""
    package = importlib.import_module("homelog_desktop.views.charts")
    found = getattr(package, name, None)
    if found is not None:
        return found
    for module in ("consumption", "readings", "year_over_year", "yoy", "yearly"):
        try:
            found = getattr(importlib.import_module(f"homelog_desktop.views.charts.{module}"), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


def _import_charts() -> None:
    package = importlib.import_module("homelog_desktop.views.charts")
    preload = getattr(package, "preload", None)
    if preload is not None:
        preload()  # pyqtgraph itself
    for name in ("ConsumptionChart", "YearOverYearChart", "ReadingsChart"):
        _chart_class(name)


class ReportsPage(QWidget):
    """The Reports tab of a source. Loads in the background (a busy bar shows meanwhile); every
    change of metric, period or range supersedes the load still running."""

    def __init__(self, vm: ReportsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.vm = vm
        self.model = ReportTableModel(self)
        self.charts: list[Any] = [None, None, None]
        self._charts_task: asyncio.Task[Any] | None = None
        self._charts_ready = False
        self._series: tuple[int, Series] | None = None
        #: (source id, metric id) of a metric whose report over all dates came back empty.
        self._never_read: tuple[int | None, int | None] | None = None
        self._events: list[Any] = []
        self._months: Report | None = None
        self._stale = False
        self._setup_ui()
        vm.report_loaded.connect(self._on_report_loaded)
        vm.series_loaded.connect(self._on_series_loaded)
        vm.year_over_year_loaded.connect(self._on_year_over_year_loaded)
        vm.loading_changed.connect(self._on_loading_changed)
        vm.exported.connect(
            lambda path: self._status(translate("ReportsPage", "Saved {name}").format(name=Path(path).name))
        )
        self._apply_preset(Preset.LAST_12_MONTHS, request=False)

    # -- public ----------------------------------------------------------------------------------

    def set_source(self, source: Source, *, load: bool = True) -> None:
        """Report on ``source``; with ``load`` False only remember it (the tab is hidden)."""
        same = self.vm.source is not None and self.vm.source.id == source.id and self.vm.source == source
        if same and not self._stale:
            return
        if not load:
            self.vm.source = source
            self._stale = True
            return
        self._stale = False
        self._fill_metrics(source)
        self._fill_periods(source)
        if source.billing_start_month != 1 and self._preset.currentData() != Preset.CUSTOM:
            self.vm.source = source
            self._apply_preset(self._preset.currentData(), request=False)
        self._ensure_charts()
        self.vm.set_source(source)
        self._request_chart_data()

    def refresh(self, *, load: bool = True) -> None:
        """Build the report again (readings changed); later if hidden."""
        if not load:
            self._stale = True
            return
        self._stale = False
        self.vm.refresh()
        self._request_chart_data()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.vm.source is not None:
            source = self.vm.source
            self.vm.source = None
            self.set_source(source)

    # -- user actions ----------------------------------------------------------------------------

    def export_csv(self) -> QFileDialog | None:
        """Ask where to write the table as CSV (not blocking), then write it there."""
        report = self.vm.report
        if report is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = f"{report.source.name} - {report.metric.name} - {report.period.label}.csv"
        name = "".join(ch if ch not in '\\/:*?"<>|' else " " for ch in name)
        dialog = QFileDialog(self, translate("ReportsPage", "Export report as CSV"), str(Path(folder) / name))
        dialog.setObjectName("exportCsvDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(translate("ReportsPage", "CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.vm.spawn(self.vm.export_csv(path)))
        dialog.open()
        return dialog

    def save_chart(self) -> Any:
        """Ask where to save the chart shown as PNG."""
        chart = self.charts[self.chart_tabs.currentIndex()]
        if chart is None:
            return None
        return chart.save_png_dialog(self)

    # -- view-model signals ----------------------------------------------------------------------

    def _on_report_loaded(self, report: Report) -> None:
        if not report.rows and report.start is None and report.end is None:
            self._never_read = (report.source.id, report.metric.id)
        self.model.set_report(report)
        self.unit_toggle.show_for(report)
        self._configure_header()
        self._content.setCurrentIndex(0 if report.rows else 1)
        if not report.rows:
            self._empty.setText(self._empty_text())
        if report.rows:
            self.table.scrollToBottom()
        self._footer.setText(self._footer_text(report))
        self._export_button.setEnabled(bool(report.rows))
        if self._preset.currentData() == Preset.ALL and report.rows:
            self._show_dates(report.rows[0].start, report.rows[-1].end)
        self.chart_tabs.setTabText(CHART_CONSUMPTION, consumption_tab_title(report))
        self._feed_report_charts()
        self._feed_series_chart()  # the readings of the chosen dates

    def _on_year_over_year_loaded(self, report: Report) -> None:
        self._months = report
        self._feed_year_over_year()

    def _on_series_loaded(self, metric_id: int, series: Series, events: list[Any]) -> None:
        self._series = (metric_id, series)
        self._events = events
        self._empty.setText(self._empty_text())
        self._feed_series_chart()

    def _on_loading_changed(self, loading: bool) -> None:
        self._busy.setVisible(loading)
        self._busy_label.setVisible(loading)

    # -- charts ----------------------------------------------------------------------------------

    def _ensure_charts(self) -> None:
        if self._charts_task is None and self.charts[0] is None:
            self._charts_task = self.vm.spawn(self._build_charts())

    async def _build_charts(self) -> None:
        """Import pyqtgraph and the charts in a worker thread, then build the chart shown (GUI thread);
        the others are built when their tab is first shown."""
        await run_in_worker(_import_charts)
        if not shiboken6.isValid(self):
            return  # closed meanwhile
        self._charts_ready = True
        self._ensure_chart(self.chart_tabs.currentIndex())

    def _ensure_chart(self, index: int) -> None:
        """Build the chart of tab ``index`` if it is not there yet, and give it its data."""
        if not self._charts_ready or not 0 <= index < len(self.charts) or self.charts[index] is not None:
            return
        cls = _chart_class(("ConsumptionChart", "YearOverYearChart", "ReadingsChart")[index])
        if cls is None:
            return
        chart = cls(self._chart_layouts[index].parentWidget())
        chart.setObjectName(CHART_TABS[index][0])
        if hasattr(chart, "png_saved"):
            chart.png_saved.connect(
                lambda path: self._status(translate("ReportsPage", "Saved {name}").format(name=Path(path).name))
            )
        if hasattr(chart, "png_failed"):
            chart.png_failed.connect(lambda message: self._status(message))
        self._chart_layouts[index].addWidget(chart)
        self._chart_placeholders[index].hide()
        self.charts[index] = chart
        self._save_chart_button.setEnabled(True)
        (self._feed_report_charts, self._feed_year_over_year, self._feed_series_chart)[index]()

    def _waits_for_its_tab(self, index: int) -> bool:
        """A chart is fed when its tab is shown: a million readings handed to a hidden chart would
        stall the loop for nothing (and again for every change of metric)."""
        if self.chart_tabs.currentIndex() == index:
            self._unfed.discard(index)
            return False
        self._unfed.add(index)
        return True

    def _request_chart_data(self) -> None:
        """The year-over-year months and the raw readings are loaded only for their charts, when shown
        (each is as much work as the report itself)."""
        index = self.chart_tabs.currentIndex()
        if index == CHART_YEAR_OVER_YEAR:
            self.vm.request_year_over_year()
        elif index == CHART_READINGS:
            self.vm.request_series()

    def _on_chart_tab_changed(self, index: int) -> None:
        self._request_chart_data()
        if 0 <= index < len(self.charts) and self.charts[index] is None:
            self._ensure_chart(index)  # built and fed
            return
        if index in self._unfed:
            (self._feed_report_charts, self._feed_year_over_year, self._feed_series_chart)[index]()

    def _feed_report_charts(self) -> None:
        report = self.vm.report
        if report is None or self._waits_for_its_tab(CHART_CONSUMPTION):
            return
        metric = report.metric
        consumption = self.charts[CHART_CONSUMPTION]
        if consumption is not None:
            consumption.set_title(f"{report.source.name} · {metric.name} {report.period.per}")
            consumption.set_rows(
                report.rows,
                period=report.period.value,
                unit=metric.unit,
                currency=report.currency,
                metric_name=metric.name,
            )
            if not report.rows:
                consumption.set_empty_text(
                    translate("ReportsPage", "No readings of {name} in this range").format(name=metric.name),
                    translate("ReportsPage", "Choose another range, or “All”."),
                )

    def _feed_year_over_year(self) -> None:
        """Every year's months of the metric (whatever the period and range chosen for the table)."""
        chart, months = self.charts[CHART_YEAR_OVER_YEAR], self._months
        if chart is None or months is None or self.vm.metric is None or months.metric.id != self.vm.metric.id:
            return
        if self._waits_for_its_tab(CHART_YEAR_OVER_YEAR):
            return
        chart.set_title(
            translate("ReportsPage", "{source} · {metric}: months year over year").format(
                source=months.source.name, metric=months.metric.name
            )
        )
        chart.set_rows(months.rows, unit=months.metric.unit, metric_name=months.metric.name)

    def _feed_series_chart(self) -> None:
        chart = self.charts[CHART_READINGS]
        metric = self.vm.metric
        source = self.vm.source
        if chart is not None and source is not None and source.virtual:
            # Nothing was read: its figures are computed per period (the first tab), not a meter's values.
            chart.set_title(
                translate("ReportsPage", "{name} · {metric} readings").format(
                    name=source.name, metric=metric.name if metric else ""
                )
            )
            chart.set_empty_text(
                translate("ReportsPage", "A virtual meter has no readings"),
                translate(
                    "ReportsPage",
                    "“{name}” is computed from its inputs' readings: its consumption per period is on"
                    " the “Consumption and cost” tab.",
                ).format(name=source.name),
            )
            chart.clear()
            self._unfed.discard(CHART_READINGS)
            return
        if chart is not None:
            chart.set_empty_text(
                translate("ReportsPage", "No readings in this period"),
                translate("ReportsPage", "Readings you enter or import for this meter will appear here."),
            )
        if chart is None or self._series is None or metric is None or self._series[0] != metric.id:
            return
        if self._waits_for_its_tab(CHART_READINGS):
            return
        series = self._series[1]
        low, high = self._range_epochs()
        first = 0 if low is None else int(series.ts.searchsorted(low, side="left"))
        last = len(series) if high is None else int(series.ts.searchsorted(high, side="left"))
        events = [
            e
            for e in self._events
            if (low is None or e.at.timestamp() >= low) and (high is None or e.at.timestamp() < high)
        ]
        chart.set_title(
            translate("ReportsPage", "{source} · {metric} readings").format(
                source=source.name if source else "", metric=metric.name
            )
        )
        chart.set_data(
            series.ts[first:last],
            series.values[first:last],
            unit=metric.unit,
            metric_name=metric.name,
            decimals=metric.decimals,
            events=events,
        )

    def _range_epochs(self) -> tuple[int | None, int | None]:
        """The chosen dates [start, end) as epoch seconds (local midnights; None: open)."""

        def epoch(day: date | None) -> int | None:
            return None if day is None else int(datetime(day.year, day.month, day.day).astimezone().timestamp())

        return epoch(self.vm.start), epoch(self.vm.end)

    # -- controls --------------------------------------------------------------------------------

    def _fill_metrics(self, source: Source) -> None:
        with QSignalBlocker(self._metric):
            self._metric.clear()
            for metric in source.metrics:
                self._metric.addItem(metric.label, metric.id)
            current = self.vm.metric.id if self.vm.metric is not None else None
            row = self._metric.findData(current) if current is not None else -1
            if row < 0:
                first_counter = next((m for m in source.metrics if m.kind is MetricKind.COUNTER), None)
                row = self._metric.findData(first_counter.id) if first_counter is not None else 0
            self._metric.setCurrentIndex(max(row, 0))
        several = len(source.metrics) > 1
        self._metric_group.setVisible(several)

    def _fill_periods(self, source: Source) -> None:
        with QSignalBlocker(self._period):
            current = self._period.currentData() or Period.MONTH.value
            self._period.clear()
            for period in Period:
                label = period.label
                if period is Period.BILLING_YEAR and source.billing_start_month != 1:
                    month = QLocale().standaloneMonthName(source.billing_start_month)
                    label += translate("ReportsPage", " (from {month})").format(month=month)
                elif period is Period.HEATING_SEASON:
                    label += translate("ReportsPage", " (July–June)")
                self._period.addItem(label, period.value)
            self._period.setCurrentIndex(max(0, self._period.findData(current)))

    def _on_metric_chosen(self, _index: int) -> None:
        metric_id = self._metric.currentData()
        if metric_id is not None:
            self.vm.set_metric(int(metric_id))
            self._request_chart_data()

    def _on_period_chosen(self, _index: int) -> None:
        value = self._period.currentData()
        if value is None:
            return
        preset = self._preset.currentData()
        if preset == Preset.CUSTOM:
            self.vm.set_period(Period(value))
            return
        self.vm.period = Period(value)
        self._apply_preset(preset, request=True)  # whole periods of the new kind

    def _on_preset_chosen(self, _index: int) -> None:
        self._apply_preset(self._preset.currentData(), request=True)

    def _apply_preset(self, preset: str, *, request: bool) -> None:
        if preset == Preset.CUSTOM:
            return
        start, end = range_for(preset, date.today())
        if start is not None and end is not None:
            billing = self.vm.source.billing_start_month if self.vm.source is not None else 1
            start, end = whole_periods(start, end, self.vm.period, billing)
            self._show_dates(start, end)
        self.vm.start, self.vm.end = start, end
        if request:
            self.vm.request()

    def _on_date_changed(self, *_args: object) -> None:
        """A date changed by the user (typed, stepped or picked in the calendar): the preset no
        longer holds unless the dates are still its own; the report follows once the user pauses."""
        self._sync_preset()
        self._date_timer.start()

    def _on_date_edited(self) -> None:
        self._date_timer.stop()
        start = self._from.date().toPython()
        last = self._to.date().toPython()
        assert isinstance(start, date) and isinstance(last, date)
        if last < start:
            start, last = last, start
        self._sync_preset()
        if (start, last + timedelta(days=1)) != (self.vm.start, self.vm.end):
            self.vm.set_range(start, last + timedelta(days=1))

    def _sync_preset(self) -> None:
        """Show "Custom" when the dates shown are not the chosen preset's."""
        preset = self._preset.currentData()
        if preset == Preset.CUSTOM:
            return
        start, end = range_for(preset, date.today())
        if start is not None and end is not None:
            billing = self.vm.source.billing_start_month if self.vm.source is not None else 1
            start, end = whole_periods(start, end, self.vm.period, billing)
        shown_start, shown_last = self._from.date().toPython(), self._to.date().toPython()
        assert isinstance(shown_start, date) and isinstance(shown_last, date)
        if preset == Preset.ALL:
            report = self.vm.report
            if report is not None and report.rows:
                start, end = report.rows[0].start, report.rows[-1].end
        if start is None or end is None or (shown_start, shown_last + timedelta(days=1)) != (start, end):
            with QSignalBlocker(self._preset):
                self._preset.setCurrentIndex(self._preset.findData(Preset.CUSTOM))

    def _show_dates(self, start: date, end: date) -> None:
        """Show [start, end) in the date edits (``To`` is the last day, inclusive)."""
        last = end - timedelta(days=1)
        with QSignalBlocker(self._from), QSignalBlocker(self._to):
            self._from.setDate(QDate(start.year, start.month, start.day))
            self._to.setDate(QDate(last.year, last.month, last.day))

    def _configure_header(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(
                [metrics.horizontalAdvance(title)]
                + [
                    metrics.horizontalAdvance(str(self.model.index(r, column).data() or ""))
                    for r in range(min(self.model.rowCount(), 400))
                ]
            )
            self.table.setColumnWidth(column, widest + 18)
        # The last column takes the room left; the period keeps its width (a narrow window scrolls
        # the table sideways rather than eliding every period to "…").
        header.setStretchLastSection(True)

    def _empty_text(self) -> str:
        metric, source = self.vm.metric, self.vm.source
        if metric is None or source is None:
            return ""
        series = self._series
        never_read = source.id is not None and self._never_read == (source.id, metric.id)
        self._show_all_button.setVisible(self._preset.currentData() != Preset.ALL and not never_read)
        if never_read or (series is not None and series[0] == metric.id and len(series[1]) == 0):
            return translate(
                "ReportsPage",
                "No readings of {name} yet.\n\nRecord them on the Readings tab (Ctrl+N), or in a meter round (Ctrl+R).",
            ).format(name=metric.name)
        return translate(
            "ReportsPage", "No readings of {name} in this range.\n\nChoose another range, or “All”."
        ).format(name=metric.name)

    def _footer_text(self, report: Report) -> str:
        locale = QLocale()
        metric = report.metric
        parts: list[str] = []
        if report.rows:
            days = sum((r.days for r in report.rows), start=type(report.rows[0].days)(0))
            if report.total_consumption is not None:
                total = figures.quantity(
                    report.total_consumption,
                    metric.unit,
                    figures.decimals_for(report.total_consumption, metric.decimals),
                    locale,
                )
                text = translate("ReportsPage", "<b>Total {amount}</b>").format(amount=total)
                if report.total_cost is not None:
                    text += f" · <b>{figures.money(report.total_cost, report.currency, locale)}</b>"
                text += translate("ReportsPage", " over {days} days").format(days=figures.number(days, 0, locale))
                parts.append(text)
        projection = report.projection
        if projection is not None:
            yearly = figures.quantity(
                projection.annual_consumption,
                metric.unit,
                figures.decimals_for(projection.annual_consumption, metric.decimals),
                locale,
            )
            title = (
                translate("ReportsPage", "Projected {year}").format(year=projection.year)
                if projection.year is not None
                else translate("ReportsPage", "Projected year")
            )
            text = f"{title}: {yearly}"
            if projection.annual_cost is not None:
                text += f" · {figures.money(projection.annual_cost, report.currency, locale)}"
            basis = figures.projection_basis(projection.method, projection.scale, projection.year, locale)
            text += f" ({basis}"
            if projection.last_year_consumption is not None:
                before = figures.quantity(
                    projection.last_year_consumption,
                    metric.unit,
                    figures.decimals_for(projection.last_year_consumption, metric.decimals),
                    locale,
                )
                text += translate("ReportsPage", "; last 365 days: {amount}").format(amount=before)
            parts.append(text + ")")
            self._footer.setToolTip(figures.projection_basis_tip(projection.method, projection.year))
        if report.currency is None and metric.kind is not MetricKind.GAUGE and report.rows:
            parts.append(translate("ReportsPage", "No tariff: add one in the source's settings to see costs"))
        text = "&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts)
        settlement = getattr(report, "settlement", None)
        if settlement is not None:
            text += "<br>" + settlement_html(settlement, locale)
        notes = getattr(report, "notes", ())
        if notes:
            text += "<br>" + "<br>".join(f"⚠ {_escape(note)}" for note in notes)
        return text

    def _status(self, text: str) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 5000)

    def _setup_ui(self) -> None:
        self._metric_caption = QLabel(translate("ReportsPage", "Metric"))
        self._metric = QComboBox()
        self._metric.setObjectName("reportMetric")
        self._metric.setAccessibleName(translate("ReportsPage", "Metric"))
        self._metric.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._metric.currentIndexChanged.connect(self._on_metric_chosen)
        self._metric_caption.setBuddy(self._metric)
        period_caption = QLabel(translate("ReportsPage", "Per"))
        self._period = QComboBox()
        self._period.setObjectName("reportPeriod")
        self._period.setAccessibleName(translate("ReportsPage", "Period"))
        self._period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._period.setMaximumWidth(self._period.fontMetrics().horizontalAdvance("x") * 34)
        for period in Period:
            self._period.addItem(period.label, period.value)
        self._period.setCurrentIndex(self._period.findData(Period.MONTH.value))
        self._period.currentIndexChanged.connect(self._on_period_chosen)
        period_caption.setBuddy(self._period)
        self._preset = QComboBox()
        self._preset.setObjectName("reportRange")
        self._preset.setAccessibleName(translate("ReportsPage", "Date range"))
        for key, label in Preset.LABELS:
            self._preset.addItem(translate("Preset", label), key)
        self._preset.currentIndexChanged.connect(self._on_preset_chosen)
        self._from = QDateEdit()
        self._from.setObjectName("reportFrom")
        self._to = QDateEdit()
        self._to.setObjectName("reportTo")
        #: A date changed without "editing finished" (the calendar, the arrow keys): report it shortly.
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(600)
        self._date_timer.timeout.connect(self._on_date_edited)
        for edit, name in (
            (self._from, translate("ReportsPage", "From")),
            (self._to, translate("ReportsPage", "To (inclusive)")),
        ):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.setToolTip(name)
            edit.editingFinished.connect(self._on_date_edited)
            edit.dateChanged.connect(self._on_date_changed)
        dash = QLabel("–")
        self._busy = QProgressBar()
        self._busy.setObjectName("reportBusy")
        self._busy.setRange(0, 0)
        self._busy.setTextVisible(False)
        self._busy.setFixedSize(60, 10)
        self._busy.hide()
        self._busy_label = QLabel(translate("ReportsPage", "Calculating…"))
        self._busy_label.setEnabled(False)
        self._busy_label.hide()
        self._export_button = QPushButton(translate("ReportsPage", "Export CSV…"))
        self._export_button.setObjectName("exportCsvButton")
        self._export_button.setToolTip(
            translate("ReportsPage", "Save this table as a CSV file (the same as “homelog report --format csv”)")
        )
        self._export_button.setEnabled(False)
        self._export_button.clicked.connect(self.export_csv)

        # Groups that wrap onto a second line when the page is narrow (800×600, a large font).
        def group(*widgets: QWidget, spacing: int = 6) -> QWidget:
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(spacing)
            for widget in widgets:
                row.addWidget(widget)
            return box

        self._metric_group = group(self._metric_caption, self._metric)
        busy = group(self._busy, self._busy_label)
        busy.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        controls = FlowLayout(spacing=14)
        controls.addWidget(self._metric_group)
        controls.addWidget(group(period_caption, self._period))
        self.unit_toggle = UnitToggle()
        self.unit_toggle.converted_changed.connect(self.vm.set_converted)
        controls.addWidget(self.unit_toggle)
        controls.addWidget(group(self._preset, self._from, dash, self._to))
        controls.addWidget(self._export_button)
        controls.addWidget(busy)

        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setAccessibleName(translate("ReportsPage", "Report"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.copy_action = install_copy(self.table, self.model.copy_text)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self._empty = QLabel()
        self._empty.setObjectName("reportEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        self._show_all_button = QPushButton(translate("ReportsPage", "Show all readings"))
        self._show_all_button.setObjectName("reportShowAll")
        self._show_all_button.clicked.connect(lambda: self._preset.setCurrentIndex(self._preset.findData(Preset.ALL)))
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addStretch()
        empty_layout.addWidget(self._empty)
        empty_layout.addWidget(self._show_all_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch()
        self._content = QStackedWidget()
        self._content.addWidget(self.table)
        self._content.addWidget(empty_page)
        self._footer = QLabel()
        self._footer.setObjectName("reportFooter")
        self._footer.setWordWrap(True)
        self._footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Wrapped labels would otherwise ask for the height of their text at a tiny width.
        self._footer.setMinimumSize(1, self._footer.fontMetrics().height())
        self._empty.setMinimumSize(1, self._empty.fontMetrics().height())
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self._content, 1)
        table_layout.addWidget(self._footer)

        self._unfed: set[int] = set()
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setObjectName("chartTabs")
        self.chart_tabs.setDocumentMode(True)
        self._chart_layouts: list[QVBoxLayout] = []
        self._chart_placeholders: list[QLabel] = []
        for _name, title in CHART_TABS:
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 4, 0, 0)
            placeholder = QLabel(translate("ReportsPage", "Preparing the chart…"))
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setEnabled(False)
            layout.addWidget(placeholder)
            self._chart_layouts.append(layout)
            self._chart_placeholders.append(placeholder)
            self.chart_tabs.addTab(holder, translate("ReportsPage", title))
        self._save_chart_button = QPushButton(translate("ReportsPage", "Save PNG…"))
        self._save_chart_button.setToolTip(translate("ReportsPage", "Save the chart shown as a PNG image"))
        self._save_chart_button.setObjectName("saveChartButton")
        self._save_chart_button.setEnabled(False)
        self._save_chart_button.clicked.connect(self.save_chart)
        self.chart_tabs.setCornerWidget(self._save_chart_button, Qt.Corner.TopRightCorner)
        self.chart_tabs.currentChanged.connect(self._on_chart_tab_changed)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("reportSplitter")
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(self.chart_tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 330])
        # Enough for the header and four periods, whatever the window's size (a scroll for more).
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 4 * rows + 4)
        # The tab bar and a chart at its least height (the chart is built later: say it now).
        self.chart_tabs.setMinimumHeight(self.chart_tabs.tabBar().sizeHint().height() + CHART_MIN_HEIGHT + 6)

        # Everything in a scroll area: where the window is too small for the controls, four rows of
        # the table and a chart (800 × 600 with a large font), a scroll bar appears, nothing is cut.
        content = _Content(controls, self.splitter)
        content.setObjectName("reportContent")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 6, 0, 0)
        inner.addLayout(controls)
        inner.addWidget(self.splitter, 1)
        self._scroll = QScrollArea()
        self._scroll.setObjectName("reportScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)


class _Content(QWidget):
    """The page's content in its scroll area: as tall as the window allows, never shorter than its
    controls (wrapped at the width it has) above the table's and the chart's minimum heights.

    Its height for a width is that least height, not its layout's preferred one (the whole table):
    the scroll area sizes it by that.
    """

    def __init__(self, controls: FlowLayout, below: QWidget) -> None:
        super().__init__()
        self._controls = controls
        self._below = below

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """The least height at ``width`` (QScrollArea asks this of a layout with height-for-width)."""
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        margins = layout.contentsMargins()
        inner = max(width, super().minimumSizeHint().width()) - margins.left() - margins.right()
        height = self._controls.heightForWidth(inner) + layout.spacing() + self._below.minimumSizeHint().height()
        return height + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the controls may wrap differently: a new minimum height


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
