"""State of a source's Reports page: metric, period and date range; the report, its raw series, CSV export."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..domain.consumption import Period
from ..domain.entities import Metric, MetricKind, Source
from ..domain.errors import HomeLogError
from ..i18n import QT_TRANSLATE_NOOP, translate
from .base import BaseViewModel
from .dashboard import _import_in_thread

if TYPE_CHECKING:
    from ..db.handle import SessionProvider
    from ..domain.consumption import Series
    from ..services.reports import Report

ReportBuilder = Callable[..., Awaitable["Report"]]
SeriesLoader = Callable[..., Awaitable["Series"]]


class Preset:
    """Date-range presets of the Reports page (``range_for`` turns one into dates)."""

    LAST_12_MONTHS = "last_12_months"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"
    LAST_3_YEARS = "last_3_years"
    ALL = "all"
    CUSTOM = "custom"

    LABELS: tuple[tuple[str, str], ...] = (
        (LAST_12_MONTHS, QT_TRANSLATE_NOOP("Preset", "Last 12 months")),
        (THIS_YEAR, QT_TRANSLATE_NOOP("Preset", "This year")),
        (LAST_YEAR, QT_TRANSLATE_NOOP("Preset", "Last year")),
        (LAST_3_YEARS, QT_TRANSLATE_NOOP("Preset", "Last 3 years")),
        (ALL, QT_TRANSLATE_NOOP("Preset", "All")),
        (CUSTOM, QT_TRANSLATE_NOOP("Preset", "Custom")),
    )


def range_for(preset: str, today: date) -> tuple[date | None, date | None]:
    """Local dates [start, end) of a preset; (None, None) for "All" (and for "Custom", which keeps its own)."""
    first_of_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    if preset == Preset.LAST_12_MONTHS:
        return first_of_next_month.replace(year=first_of_next_month.year - 1), first_of_next_month
    if preset == Preset.THIS_YEAR:
        return date(today.year, 1, 1), date(today.year + 1, 1, 1)
    if preset == Preset.LAST_YEAR:
        return date(today.year - 1, 1, 1), date(today.year, 1, 1)
    if preset == Preset.LAST_3_YEARS:
        return first_of_next_month.replace(year=first_of_next_month.year - 3), first_of_next_month
    return None, None


def whole_periods(start: date, end: date, period: Period, billing_start_month: int = 1) -> tuple[date, date]:
    """[start, end) widened to whole periods: "Last 12 months" by quarter starts on a quarter's first day."""
    from ..domain.consumption import next_period_start, period_start

    first = period_start(start, period, billing_start_month)
    last = period_start(end - timedelta(days=1), period, billing_start_month)
    return first, next_period_start(last, period)


def default_metric(source: Source) -> Metric | None:
    """The metric a report opens on: the first counter, else the first metric."""
    return next(
        (m for m in source.metrics if m.kind is MetricKind.COUNTER), source.metrics[0] if source.metrics else None
    )


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What the page asks for; a report answers exactly one request."""

    source: Source
    metric: Metric
    period: Period
    start: date | None
    end: date | None


class ReportsViewModel(BaseViewModel):
    """One source's report: the page sets metric, period and range, and gets ``report_loaded``.

    Each change starts a new load and cancels the one still running, so a slow old report never
    replaces a newer one. The raw series (for the readings chart) is loaded once per metric.
    """

    #: Report (the newest request's answer).
    report_loaded = Signal(object)
    #: (metric id, Series, list[MeterEvent]): the metric's raw readings and meter changes, for the readings chart.
    series_loaded = Signal(int, object, list)
    #: True while a report is being loaded.
    loading_changed = Signal(bool)
    #: Report: a monthly report of all the metric's readings, for the year-over-year chart.
    year_over_year_loaded = Signal(object)
    #: Path of a CSV file written by export_csv.
    exported = Signal(str)

    def __init__(
        self,
        db: SessionProvider,
        builder: ReportBuilder | None = None,
        series_loader: SeriesLoader | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._builder = builder
        self._series_loader = series_loader
        self.source: Source | None = None
        self.metric: Metric | None = None
        self.period = Period.MONTH
        self.start: date | None = None
        self.end: date | None = None
        self.report: Report | None = None
        #: A metric with conversion factors is shown converted (kWh) unless the user chose as metered.
        self.converted = True
        self.loading = False
        self._generation = 0
        self._task: asyncio.Task[Any] | None = None
        self._series_task: asyncio.Task[Any] | None = None
        self._series_metric: int | None = None
        self._yoy_task: asyncio.Task[Any] | None = None
        self._yoy_metric: int | None = None

    # -- the page's requests (each starts a load) ------------------------------------------------

    def set_source(self, source: Source | None) -> None:
        """Show ``source``: keep the metric if it has one of the same id, else its default one."""
        self.source = source
        if source is None:
            self.metric = None
            self.report = None
            return
        keep = self.metric.id if self.metric is not None else None
        self.metric = source.metric(keep) if keep is not None else None
        self.metric = self.metric or default_metric(source)
        self.request()

    def set_metric(self, metric_id: int) -> None:
        if self.source is None:
            return
        self.metric = self.source.metric(metric_id) or self.metric
        self.request()

    def set_period(self, period: Period) -> None:
        self.period = period
        self.request()

    def set_converted(self, converted: bool) -> None:
        """Show a metric with conversion factors in the converted unit (kWh) or as metered (m³)."""
        if converted != self.converted:
            self.converted = converted
            self._yoy_metric = None
            self.request()

    def set_range(self, start: date | None, end: date | None) -> None:
        self.start, self.end = start, end
        self.request()

    def refresh(self) -> None:
        """The readings changed: load the report again (and the series and months when asked for)."""
        self._series_metric = None
        self._yoy_metric = None
        self.request()

    def request(self) -> None:
        """(Re)load the report for the current choices in the background, superseding an older load."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self.source is None or self.metric is None:
            return
        self._task = self.spawn(self.load())

    def request_series(self) -> None:
        """Load the metric's raw readings (for the readings chart) unless loaded or loading already."""
        metric_id = self.metric.id if self.metric is not None else None
        if metric_id is not None and metric_id != self._series_metric:
            if self._series_task is not None and not self._series_task.done():
                self._series_task.cancel()
            self._series_metric = metric_id
            self._series_task = self.spawn(self.load_series(metric_id))

    def request_year_over_year(self) -> None:
        """Load every month of the metric (for the year-over-year chart) unless loaded or loading already."""
        metric_id = self.metric.id if self.metric is not None else None
        if metric_id is not None and metric_id != self._yoy_metric:
            if self._yoy_task is not None and not self._yoy_task.done():
                self._yoy_task.cancel()
            self._yoy_metric = metric_id
            self._yoy_task = self.spawn(self.load_year_over_year(metric_id))

    # -- work ------------------------------------------------------------------------------------

    def current_request(self) -> ReportRequest | None:
        if self.source is None or self.metric is None:
            return None
        return ReportRequest(self.source, self.metric, self.period, self.start, self.end)

    async def load(self) -> None:
        """Build the report of the current choices; drop it if the choices changed meanwhile."""
        wanted = self.current_request()
        if wanted is None or wanted.source.id is None or wanted.metric.id is None:
            return
        self._generation += 1
        generation = self._generation
        self._set_loading(True)
        try:
            async with self._action():
                builder = self._builder
                if builder is None:
                    builder = self._builder = await _import_in_thread(
                        "homelog_desktop.services.reports", "build_report"
                    )
                report = await builder(
                    self._db,
                    wanted.source.id,
                    wanted.metric.id,
                    wanted.period,
                    wanted.start,
                    wanted.end,
                    **self._unit_choice(),
                )
                if generation != self._generation:
                    return
                self.report = report
                self.report_loaded.emit(report)
        finally:
            if generation == self._generation:
                self._set_loading(False)

    async def load_series(self, metric_id: int) -> None:
        """The raw readings of a metric, for the readings chart."""
        async with self._action():
            loader = self._series_loader
            if loader is None:
                loader = self._series_loader = await _import_in_thread(
                    "homelog_desktop.services.reports", "load_series"
                )
            series = await loader(self._db, metric_id)
            events: list[Any] = []
            if self.metric is not None and self.metric.kind is MetricKind.COUNTER:
                from ..repositories import MeterEventRepository  # loaded with the reports service

                async with self._db.session(readonly=True) as session:
                    events = list(await MeterEventRepository(session).for_metric(metric_id))
            if self.metric is not None and self.metric.id == metric_id:
                self.series_loaded.emit(metric_id, series, events)

    async def load_year_over_year(self, metric_id: int) -> None:
        """A monthly report of all the metric's readings (the year-over-year chart shows every year)."""
        source = self.source
        if source is None or source.id is None:
            return
        async with self._action():
            builder = self._builder
            if builder is None:
                builder = self._builder = await _import_in_thread("homelog_desktop.services.reports", "build_report")
            report = await builder(self._db, source.id, metric_id, Period.MONTH, None, None, **self._unit_choice())
            if self.metric is not None and self.metric.id == metric_id and self.source is source:
                self.year_over_year_loaded.emit(report)

    async def export_csv(self, path: str) -> None:
        """Write the shown report as CSV (the same text as ``homelog report --format csv``)."""
        report = self.report
        if report is None:
            return
        from ..services.reports import report_csv

        text = report_csv(report)
        async with self._action():
            try:
                await asyncio.get_running_loop().run_in_executor(None, _write_text, Path(path), text)
            except OSError as exc:
                raise HomeLogError(
                    translate("ReportsPage", "Cannot write {path}: {reason}").format(
                        path=path, reason=exc.strerror or exc
                    )
                ) from exc
            self.exported.emit(path)

    def _unit_choice(self) -> dict[str, Any]:
        """The builder's unit argument: only passed when the metered unit was chosen."""
        return {} if self.converted else {"converted": False}

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)


def _write_text(path: Path, text: str) -> None:
    # newline="" keeps the CSV's own line ends (csv writes \r\n) as they are.
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
