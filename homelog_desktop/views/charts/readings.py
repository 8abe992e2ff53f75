"""ReadingsChart: one metric's readings over time, fast up to millions of points."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ...i18n import translate
from .base import ChartBase, ChartColors, Hover
from .labels import moment_label, quantity, value_decimals

#: Up to this many readings, each one is drawn as a dot on the line.
DOTS_UP_TO = 400
#: Samples drawn per pixel column by the peak downsampling (pyqtgraph's default: 5).
DOWNSAMPLE_FACTOR = 1.5
#: The narrowest time span one can zoom into, in seconds.
MIN_SPAN_S = 3600.0


class _EventKind(Protocol):
    @property
    def label(self) -> str: ...


class _EventLike(Protocol):
    """A ``MeterEvent``: when (aware datetime) and what."""

    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> _EventKind: ...


def _event_marks(events: Sequence[_EventLike | tuple[float, str]]) -> list[tuple[float, str]]:
    marks = []
    for event in events:
        if isinstance(event, tuple):
            marks.append((float(event[0]), str(event[1])))
        else:
            marks.append((event.at.timestamp(), event.kind.label))
    return sorted(marks)


class _SeriesLike(Protocol):
    ts: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]


class ReadingsChart(ChartBase):
    """A metric's readings as a line over local time (dates on the x axis, the unit on the y axis).

    Draws 1,000,000 points in tens of milliseconds: peak downsampling to the pixels on screen,
    only the visible part is drawn, no per-point checks when all values are finite. NaN values
    leave a gap.
    """

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        self._x: npt.NDArray[np.float64] = np.empty(0)
        self._y: npt.NDArray[np.float64] = np.empty(0)
        self._unit = ""
        self._decimals = 2
        self._finite = True
        self._events: list[tuple[float, str]] = []
        self._event_lines: list[Any] = []
        super().__init__(
            parent,
            title=title,
            empty_text=translate("ReadingsChart", "No readings in this period"),
            empty_hint=translate("ReadingsChart", "Readings you enter or import for this meter will appear here."),
        )

    @property
    def point_count(self) -> int:
        """How many readings the chart holds (all of them, not only those drawn)."""
        return int(self._x.shape[0])

    def set_data(
        self,
        ts: npt.NDArray[np.int64],
        values: npt.NDArray[np.float64],
        *,
        unit: str = "",
        metric_name: str = "",
        decimals: int | None = None,
        events: Sequence[_EventLike | tuple[float, str]] = (),
    ) -> None:
        """Show readings at ``ts`` (epoch seconds UTC, ascending) with ``values``; empty arrays show the
        empty state. ``decimals``: as the metric's (default: from the values' size). ``events``: meter
        changes (``MeterEvent``s, or ``(epoch seconds, label)``): the line breaks there, and a dashed
        marker says what happened (no steep line from the old meter's value to the new one's)."""
        x = np.asarray(ts, dtype=np.float64)
        y = np.asarray(values, dtype=np.float64)
        if x.shape != y.shape or x.ndim != 1:
            raise ValueError(f"ts and values must be 1-D arrays of one length, not {x.shape} and {y.shape}")
        if x.size > 1 and not bool(np.all(x[1:] >= x[:-1])):  # the drawing assumes time order
            order = np.argsort(x, kind="stable")
            x, y = x[order], y[order]
        self._events = _event_marks(events)
        self._x, self._y = x, y
        self._unit = unit
        n = int(x.shape[0])
        finite = bool(np.isfinite(y).all()) if n else True
        self._finite = finite
        if decimals is None:
            sample = y[:: max(1, n // 1000)] if n else y
            decimals = value_decimals([float(v) for v in sample[np.isfinite(sample)][:1000]])
        self._decimals = decimals
        # Style, labels and view range first, on an empty curve; then the data, once: pyqtgraph
        # downsamples the points again after each of these changes.
        self._curve.clear()
        self._curve.setSymbol("o" if n <= DOTS_UP_TO else None)
        self._recolor(self._colors)
        self._set_axis_labels(metric_name, unit, bottom=translate("ReadingsChart", "Date"))
        if n:
            (low, high), _ = self._home_range() or ((0.0, 1.0), None)
            room = (high - low) * 0.05  # panning stops a little past the first and last readings
            self._view.setLimits(xMin=low - room, xMax=high + room, minXRange=MIN_SPAN_S)
        self._set_has_data(n > 0)
        self._draw_events()
        if n:
            self._fit_smoothing()
            self._draw_curve()

    @property
    def event_count(self) -> int:
        """How many meter changes are marked."""
        return len(self._events)

    def set_events(self, events: Sequence[_EventLike | tuple[float, str]]) -> None:
        """Mark meter changes on the readings already shown (see ``set_data``'s ``events``)."""
        self._events = _event_marks(events)
        self._draw_events()
        if self.point_count:
            self._draw_curve()

    def set_series(self, series: _SeriesLike, **kwargs: Any) -> None:
        """``set_data(series.ts, series.values, **kwargs)`` for a domain ``Series``."""
        self.set_data(series.ts, series.values, **kwargs)

    def clear(self) -> None:
        self.set_data(np.empty(0, dtype=np.int64), np.empty(0))

    # ---- ChartBase hooks ----------------------------------------------------------------------

    def _make_axes(self) -> dict[str, Any]:
        from ._items import LocalDateAxis, NumberAxis

        return {"bottom": LocalDateAxis("bottom"), "left": NumberAxis("left")}

    def _setup_plot(self) -> None:
        self._curve = self._line(antialias=True)
        self._item.addItem(self._curve)
        self._view.sigXRangeChanged.connect(self._fit_smoothing)
        self._view.sigResized.connect(self._fit_smoothing)
        self._view.setAutoVisible(y=False)
        self._view.enableAutoRange(y=False)
        self._view.sigXRangeChanged.connect(self._fit_values)
        # Set on the PlotItem: addItem() gives its items the PlotItem's own downsampling and clipping.
        self._item.setDownsampling(auto=True, mode="peak")
        self._item.setClipToView(True)
        self._curve.setSkipFiniteCheck(True)
        self._curve.setDynamicRangeLimit(None)  # y zoom never needs the points again
        # Peak downsampling keeps each pixel column's min and max: ~1.5 samples per pixel show the same
        # picture as pyqtgraph's default of 5 and draw 3x faster. (No setter; the option is documented.)
        self._curve.opts["autoDownsampleFactor"] = DOWNSAMPLE_FACTOR

    def _recolor(self, colors: ChartColors) -> None:
        color = colors.primary
        self._curve.setPen(self._pen(color, 1.6))
        self._curve.setSymbolBrush(self._pg.mkBrush(color))
        self._curve.setSymbolPen(self._pen(colors.background, 1))
        self._curve.setSymbolSize(6)
        self._recolor_events(colors)

    def _draw_curve(self) -> None:
        """The readings, with a gap at each meter change that falls between two of them."""
        x, y, finite = self._x, self._y, self._finite
        n = self.point_count
        if self._events:
            times = np.array([t for t, _ in self._events])
            at = np.searchsorted(x, times)
            inside = (at > 0) & (at < n)
            if inside.any():
                x = np.insert(x, at[inside], times[inside])
                y = np.insert(y, at[inside], np.nan)
                finite = False
        self._curve.setData(x, y, connect="all" if finite else "finite", skipFiniteCheck=finite)

    def _draw_events(self) -> None:
        for line in self._event_lines:
            self._view.removeItem(line)
        self._event_lines = []
        for at, label in self._events:
            # The label to the right of the line, near the top: a new meter starts low, so that is
            # usually free; it is drawn over the readings, on the chart's background.
            line = self._pg.InfiniteLine(
                pos=at, angle=90, movable=False, label=label, labelOpts={"position": 0.94, "anchors": [(0, 0.5)] * 2}
            )
            line.setZValue(20)
            self._view.addItem(line, ignoreBounds=True)
            self._event_lines.append(line)
        self._recolor_events(self._colors)

    def _recolor_events(self, colors: ChartColors) -> None:
        fill = QColor(colors.background)
        fill.setAlphaF(0.85)
        for line in self._event_lines:
            line.setPen(self._pen(colors.muted, 1, Qt.PenStyle.DashLine))
            line.label.setColor(colors.muted)
            line.label.fill = self._pg.mkBrush(fill)
            line.label.update()

    def _fit_smoothing(self, *_args: object) -> None:
        """Anti-alias the line while it has at most a point per pixel column. Denser, the line is
        mostly vertical strokes that look the same without it, and noisy data then draws 3x faster."""
        (x0, x1), _ = self._view.viewRange()
        visible = int(np.searchsorted(self._x, x1, side="right") - np.searchsorted(self._x, x0))
        smooth = visible <= max(1.0, self._view.width())
        if self._curve.opts["antialias"] != smooth:
            self._curve.opts["antialias"] = smooth
            self._curve.curve.opts["antialias"] = smooth
            self._curve.curve.update()

    def _home_range(self) -> tuple[tuple[float, float], tuple[float, float] | None] | None:
        n = self.point_count
        if not n:
            return None
        first, last = float(self._x[0]), float(self._x[-1])
        pad = max((last - first) * 0.01, 12 * 3600.0)
        return (first - pad, last + pad), self._values_range(first - pad, last + pad)

    def _values_range(self, x0: float, x1: float) -> tuple[float, float] | None:
        """The y range of the readings from ``x0`` to ``x1`` and of the one just outside on each side:
        the line to them crosses the view and stays inside it (pyqtgraph fits the points in view only)."""
        n = self.point_count
        first = max(0, int(np.searchsorted(self._x, x0)) - 1)
        last = min(n, int(np.searchsorted(self._x, x1, side="right")) + 1)
        values = self._y[first:last]
        if not self._finite:
            values = values[np.isfinite(values)]
        if not values.size:
            return None
        low, high = float(values.min()), float(values.max())
        margin = (high - low) * 0.05 or max(abs(high) * 0.001, 0.5)
        return low - margin, high + margin

    def _fit_values(self, *_args: object) -> None:
        """Follow the readings in view with the value axis (while zooming and panning in time)."""
        if not self.point_count or self.is_empty:
            return
        (x0, x1), _ = self._view.viewRange()
        y_range = self._values_range(x0, x1)
        if y_range is not None:
            self._view.setYRange(*y_range, padding=0)

    def _hover_at(self, x: float, y: float) -> Hover | None:
        n = self.point_count
        if not n:
            return None
        i = int(np.searchsorted(self._x, x))
        candidates = [j for j in (i - 1, i) if 0 <= j < n]
        j = min(candidates, key=lambda k: abs(float(self._x[k]) - x))
        value = float(self._y[j])
        if not np.isfinite(value):
            return Hover([moment_label(self._x[j]), translate("ReadingsChart", "no value")], float(self._x[j]))
        return Hover(
            [moment_label(float(self._x[j])), quantity(value, self._unit, self._decimals)],
            float(self._x[j]),
            [(float(self._x[j]), value, self._colors.primary)],
        )
