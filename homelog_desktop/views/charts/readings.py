"""ReadingsChart: one metric's readings over time, fast up to millions of points."""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtWidgets import QWidget

from .base import ChartBase, ChartColors, Hover
from .labels import moment_label, quantity, value_decimals

#: Up to this many readings, each one is drawn as a dot on the line.
DOTS_UP_TO = 400
#: Samples drawn per pixel column by the peak downsampling (pyqtgraph's default: 5).
DOWNSAMPLE_FACTOR = 1.5
#: The narrowest time span one can zoom into, in seconds.
MIN_SPAN_S = 3600.0


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
        super().__init__(
            parent,
            title=title,
            empty_text="No readings in this period",
            empty_hint="Readings you enter or import for this meter will appear here.",
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
    ) -> None:
        """Show readings at ``ts`` (epoch seconds UTC, ascending) with ``values``; empty arrays show the
        empty state. ``decimals``: as the metric's (default: from the values' size)."""
        x = np.asarray(ts, dtype=np.float64)
        y = np.asarray(values, dtype=np.float64)
        if x.shape != y.shape or x.ndim != 1:
            raise ValueError(f"ts and values must be 1-D arrays of one length, not {x.shape} and {y.shape}")
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
        self._set_axis_labels(metric_name, unit, bottom="Date")
        if n:
            (low, high), _ = self._home_range() or ((0.0, 1.0), None)
            room = (high - low) * 0.05  # panning stops a little past the first and last readings
            self._view.setLimits(xMin=low - room, xMax=high + room, minXRange=MIN_SPAN_S)
        self._set_has_data(n > 0)
        if n:
            self._fit_smoothing()
            self._curve.setData(x, y, connect="all" if finite else "finite", skipFiniteCheck=finite)

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
            return Hover([moment_label(self._x[j]), "no value"], float(self._x[j]))
        return Hover(
            [moment_label(float(self._x[j])), quantity(value, self._unit, self._decimals)],
            float(self._x[j]),
            [(float(self._x[j]), value, self._colors.primary)],
        )
