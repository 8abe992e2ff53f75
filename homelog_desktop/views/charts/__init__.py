"""Charts of the Reports page: readings over time, consumption per period, months year over year.

Importing this package is cheap: pyqtgraph is imported (and configured: no OpenGL, anti-aliasing
only on items with few points) when the first chart is *created*, which then takes ~0.2–0.5 s on
the GUI thread. ``preload()`` does that import beforehand, in a worker thread if you like
(``await loop.run_in_executor(None, charts.preload)``): the first chart then takes ~30 ms.

Public API (all three are QWidgets; put them in any layout)::

    ReadingsChart(parent=None, *, title="")
        .set_data(ts, values, *, unit="", metric_name="", decimals=None, events=())
            ts: numpy int64 epoch seconds UTC, ascending; values: numpy float64 (NaN leaves a gap).
            Dates are shown in local time. 1,000,000 points draw in tens of milliseconds.
            events: the metric's MeterEvents (or (epoch seconds, label) pairs): the line breaks
            there and a dashed marker says "Meter replaced" (no cliff down to the new meter).
        .set_events(events)                       # the same, for readings already shown
        .set_series(series, **same keywords)      # a domain.consumption.Series
        .point_count, .event_count

    ConsumptionChart(parent=None, *, title="")
        .set_data(starts, ends, consumption, cost=None, *, days=None, period=None, unit="",
                  currency=None, metric_name="")
            starts/ends: lists of date (end exclusive); consumption/cost: Decimal | float | None
            (None: no bar / no cost point); days: days covered by readings (partial periods get a
            paler bar); period: a Period value ("day", "week", "month", "quarter", "year",
            "billing_year", "heating_season") for the axis and hover labels.
        .set_gauge_data(starts, ends, mean, minimum=None, maximum=None, *, period=None, unit="",
                        metric_name="")
            a gauge (temperature...): the mean per period as dots on a line over a pale
            lowest-to-highest bar; no cost.
        .set_rows(report.rows, period=..., unit=..., currency=..., metric_name=...)   # ReportRow list
            rows without consumption but with a mean (a gauge's) go to set_gauge_data.
        .set_cost_visible(bool), .show_cost_action (checkable QAction, also in the context menu)
        .bar_count, .cost_point_count, .mean_point_count, .has_cost, .tick_labels()

    YearOverYearChart(parent=None, *, title="")
        .set_data({year: [12 values Jan..Dec, None where missing]}, *, unit="", metric_name="")
        .set_rows(monthly report.rows, unit=..., metric_name=...)
            rows that are not calendar months are skipped; if none is, the empty state asks
            for the "Month" period.
        .years (most recent first), .legend_entries(), .month_values(year)

Shared by all three (ChartBase):
    .clear()                           show the empty state ("No readings in this period", ...)
    .set_title(text), .title           bold title above the plot (elided; the PNG includes it)
    .set_empty_text(text, hint="")     change the empty-state message (set_data/set_rows put back
                                       the chart's own: call it after them)
    .is_empty                          True while the message is shown instead of the plot
    .reset_zoom(), .zoom_by(factor)    show everything / scale the visible x range (< 1 zooms in)
    .zoom_in_action, .zoom_out_action, .reset_zoom_action (Ctrl++, Ctrl+-, Ctrl+0 while the
    chart has the focus), .save_png_action    QActions for a page's toolbar or menu
    .export_png(path) -> bool          write the chart as shown (no hover label) to a PNG
    .save_png_dialog(parent=None)      ask for a file (non-blocking QFileDialog) and export there
    .hover_text, .show_hover_at(x)     the hover label ("" when hidden)
    .view_range()                      ((x0, x1), (y0, y1)) visible, in data coordinates
    signals: hovered(str)  (the hover text, "" when it hides), png_saved(str path), png_failed(str message)

Mouse: hover shows the date or period and the values with units; the wheel zooms in time and a
drag pans (values follow the visible data); double-click resets the zoom; right-click opens a
short menu (Show cost, Zoom in, Zoom out, Reset zoom, Save as PNG…) instead of pyqtgraph's own.
Colours follow the widget's palette (light or dark) and change with it (PaletteChange and
ApplicationPaletteChange).
"""

from __future__ import annotations

from .base import ChartBase
from .consumption import ConsumptionChart
from .readings import ReadingsChart
from .year_over_year import YearOverYearChart

__all__ = ["ChartBase", "ConsumptionChart", "ReadingsChart", "YearOverYearChart", "preload"]


def preload() -> None:
    """Import and configure pyqtgraph and the charts' pyqtgraph parts; creates no Qt object, so it may
    run in a worker thread while the GUI goes on."""
    from . import _items  # noqa: F401  (the axes; imports pyqtgraph)
    from .base import pyqtgraph

    pyqtgraph()
