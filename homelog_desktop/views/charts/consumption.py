"""ConsumptionChart: bars of consumption per period, with the cost on a second axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMenu, QWidget

from ...i18n import translate
from .base import ChartBase, ChartColors, Hover
from .labels import (
    currency_label,
    money,
    number,
    period_axis_label,
    period_axis_short_label,
    period_hover_label,
    quantity,
    value_decimals,
)

#: Width of a bar, as a share of its period's slot.
BAR_WIDTH = 0.72
#: Below this many pixels per period the bars touch: gaps of a pixel or two flicker and look uneven.
MIN_GAP_SLOT_PX = 7
#: Label strides by period: months keep to quarters and years, weeks to months and quarters...
STRIDES = {
    "day": (1, 2, 7, 14, 28, 56, 91, 182, 364, 728),
    "week": (1, 2, 4, 13, 26, 52, 104, 260),
    "month": (1, 2, 3, 6, 12, 24, 60, 120),
    "quarter": (1, 2, 4, 8, 20, 40),
}
#: Up to this many periods, the cost and mean lines have a dot per period.
DOTS_UP_TO = 120
#: Width of a gauge's lowest-to-highest bar, as a share of its period's slot.
GAUGE_RANGE_WIDTH = 0.4
#: Periods whose axis labels name the year once, then "Feb", "Mar"... (years themselves: each its own).
YEAR_GROUPED = ("day", "week", "month", "quarter")
#: A period counts as partly covered below this share of its days (its bar is drawn paler).
FULL_SHARE = Decimal("0.995")

Number = Decimal | float | int


class _RowLike(Protocol):
    """What the chart reads of a ``ReportRow`` (read-only, as in the frozen dataclass)."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...
    @property
    def consumption(self) -> Decimal | None: ...
    @property
    def days(self) -> Decimal: ...
    @property
    def cost(self) -> Decimal | None: ...


class ConsumptionChart(ChartBase):
    """Consumption per period as bars; the cost, when there is one, as a line on the right-hand axis.

    Bars of periods only partly covered by readings (the first and the current one, usually) are
    paler, and the hover label says how many days they cover.
    """

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        self._starts: list[date] = []
        self._labels: list[str] = []
        self._ends: list[date] = []
        self._consumption = np.empty(0)
        self._cost = np.empty(0)
        self._last_year = np.empty(0)
        self._days: list[Decimal | None] = []
        self._partial = np.empty(0, dtype=bool)
        self._period: str | None = None
        self._unit = ""
        self._currency: str | None = None
        self._cost_scale = 1.0
        self._decimals = 1
        self._bar_width = BAR_WIDTH
        self._gauge = False  # means (and lowest..highest) of a gauge instead of consumption bars
        self._mean = np.empty(0)
        self._low = np.empty(0)
        self._high = np.empty(0)
        super().__init__(
            parent,
            title=title,
            empty_text=translate("ConsumptionChart", "No consumption in this period"),
            empty_hint=translate(
                "ConsumptionChart",
                "Consumption needs at least two readings of a counter, or one of an interval metric.",
            ),
        )
        self.show_cost_action = QAction(translate("ConsumptionChart", "Show cost"), self)
        self.show_cost_action.setObjectName("showCostAction")
        self.show_cost_action.setCheckable(True)
        self.show_cost_action.setChecked(True)
        self.show_cost_action.toggled.connect(self.set_cost_visible)

    # ---- public API -------------------------------------------------------------------------

    @property
    def bar_count(self) -> int:
        """How many bars are drawn (periods with a consumption)."""
        return int(np.isfinite(self._consumption).sum())

    @property
    def cost_point_count(self) -> int:
        """How many periods have a cost on the cost line (0 when hidden or without a tariff)."""
        if not self._cost_line.isVisible():
            return 0
        return int(np.isfinite(self._cost).sum())

    @property
    def mean_point_count(self) -> int:
        """How many periods have a mean (a gauge's chart; 0 for consumption)."""
        return int(np.isfinite(self._mean).sum()) if self._gauge else 0

    @property
    def has_cost(self) -> bool:
        return bool(np.isfinite(self._cost).any())

    def tick_labels(self) -> list[str]:
        """The period labels on the x axis (all of them; fewer are drawn when they would overlap)."""
        return list(self._labels)

    def set_data(
        self,
        starts: Sequence[date],
        ends: Sequence[date],
        consumption: Sequence[Number | None],
        cost: Sequence[Number | None] | None = None,
        *,
        days: Sequence[Number | None] | None = None,
        last_year: Sequence[Number | None] | None = None,
        period: str | None = None,
        unit: str = "",
        currency: str | None = None,
        metric_name: str = "",
    ) -> None:
        """Show a bar per period ``starts[i]``..``ends[i]`` (end exclusive) of height ``consumption[i]``
        (None: no bar), and ``cost[i]`` on the right axis in ``currency``.

        ``days[i]``: days of the period covered by readings (fewer than the period has: a paler bar).
        ``last_year[i]``: the same period's consumption a year earlier, for the hover label.
        ``period``: a ``Period`` value ("day", "week", "month", ...) for the labels.
        """
        n = len(starts)
        if not (len(ends) == len(consumption) == n) or (cost is not None and len(cost) != n):
            raise ValueError("starts, ends, consumption and cost must have one length")
        if (days is not None and len(days) != n) or (last_year is not None and len(last_year) != n):
            raise ValueError("days and last_year must have as many items as starts")
        self._gauge = False
        self._mean = self._low = self._high = np.empty(0)
        self._starts, self._ends = list(starts), list(ends)
        self._period = str(period) if period is not None else None
        self._unit, self._currency = unit, currency
        self._consumption = _floats(consumption)
        self._cost = _floats(cost) if cost is not None else np.full(n, np.nan)
        self._days = [Decimal(str(d)) if d is not None else None for d in days] if days is not None else [None] * n
        self._last_year = _floats(last_year) if last_year is not None else np.full(n, np.nan)
        self._partial = np.array(
            [
                d is not None and Decimal((e - s).days) > 0 and d < Decimal((e - s).days) * FULL_SHARE
                for s, e, d in zip(self._starts, self._ends, self._days, strict=True)
            ],
            dtype=bool,
        )
        self._decimals = value_decimals([float(v) for v in self._consumption])
        self.set_empty_text(
            translate("ConsumptionChart", "No consumption in this period"),
            translate(
                "ConsumptionChart",
                "Consumption needs at least two readings of a counter, or one of an interval metric.",
            ),
        )
        self._show(metric_name, unit, currency, bool(np.isfinite(self._consumption).any() or self.has_cost))

    def set_gauge_data(
        self,
        starts: Sequence[date],
        ends: Sequence[date],
        mean: Sequence[Number | None],
        minimum: Sequence[Number | None] | None = None,
        maximum: Sequence[Number | None] | None = None,
        *,
        period: str | None = None,
        unit: str = "",
        metric_name: str = "",
    ) -> None:
        """For a gauge (temperature, tank level): the mean per period as a line of dots over a pale bar
        from the lowest to the highest value (None: nothing for that period)."""
        n = len(starts)
        for name, values in (("mean", mean), ("minimum", minimum), ("maximum", maximum)):
            if len(ends) != n or (values is not None and len(values) != n):
                raise ValueError(f"starts, ends and {name} must have one length")
        self._gauge = True
        self._starts, self._ends = list(starts), list(ends)
        self._period = str(period) if period is not None else None
        self._unit, self._currency = unit, None
        self._mean = _floats(mean)
        self._last_year = np.full(n, np.nan)
        self._low = _floats(minimum) if minimum is not None else self._mean.copy()
        self._high = _floats(maximum) if maximum is not None else self._mean.copy()
        self._consumption = np.full(n, np.nan)
        self._cost = np.full(n, np.nan)
        self._days = [None] * n
        self._partial = np.zeros(n, dtype=bool)
        self._decimals = value_decimals([float(v) for v in np.concatenate([self._low, self._high])])
        self.set_empty_text(
            translate("ConsumptionChart", "No readings in this period"),
            translate("ConsumptionChart", "Readings of this sensor will appear here."),
        )
        self._show(metric_name, unit, None, bool(np.isfinite(self._mean).any()))

    def set_rows(self, rows: Sequence[_RowLike], **kwargs: Any) -> None:
        """``set_data`` from a report's rows (``ReportRow``: start, end, consumption, days, cost); a gauge's
        rows (no consumption, a mean) go to ``set_gauge_data``."""
        means = [getattr(r, "mean", None) for r in rows]
        if rows and all(r.consumption is None for r in rows) and any(m is not None for m in means):
            kwargs.pop("currency", None)
            self.set_gauge_data(
                [r.start for r in rows],
                [r.end for r in rows],
                means,
                [getattr(r, "minimum", None) for r in rows],
                [getattr(r, "maximum", None) for r in rows],
                **kwargs,
            )
            return
        self.set_data(
            [r.start for r in rows],
            [r.end for r in rows],
            [r.consumption for r in rows],
            [r.cost for r in rows],
            days=[r.days for r in rows],
            last_year=[getattr(r, "last_year", None) for r in rows],
            **kwargs,
        )

    def clear(self) -> None:
        self.set_data([], [], [])

    def set_cost_visible(self, visible: bool) -> None:
        """Show or hide the cost line and its axis (the hover label always gives the cost)."""
        if self.show_cost_action.isChecked() != visible:
            self.show_cost_action.setChecked(visible)  # comes back here through toggled
            return
        self._draw()
        self._update_legend()

    def hide_hover(self) -> None:
        super().hide_hover()
        if hasattr(self, "_highlight"):
            self._highlight.setOpts(x=[], height=[], width=self._bar_width)

    def context_menu(self) -> QMenu:
        menu = super().context_menu()
        if self.has_cost:
            menu.insertAction(menu.actions()[0], self.show_cost_action)
        return menu

    # ---- ChartBase hooks ----------------------------------------------------------------------

    def _make_axes(self) -> dict[str, Any]:
        from ._items import LabelAxis, NumberAxis

        return {"bottom": LabelAxis("bottom"), "left": NumberAxis("left"), "right": NumberAxis("right")}

    def _setup_plot(self) -> None:
        pg = self._pg
        self._bars = pg.BarGraphItem(x=[], height=[], width=self._bar_width)
        self._partial_bars = pg.BarGraphItem(x=[], height=[], width=self._bar_width)
        self._cost_line = self._line(connect="finite", antialias=True, symbol="o", symbolSize=7)
        self._cost_line.setZValue(10)
        self._highlight = pg.BarGraphItem(x=[], height=[], width=self._bar_width)  # the bar under the mouse
        self._highlight.setZValue(5)
        self._range_bars = pg.BarGraphItem(x=[], y0=[], y1=[], width=GAUGE_RANGE_WIDTH)
        self._mean_line = self._line(connect="finite", antialias=True, symbol="o", symbolSize=6)
        self._mean_line.setZValue(10)
        for item in (self._bars, self._partial_bars, self._cost_line, self._range_bars, self._mean_line):
            self._item.addItem(item)
        self._view.addItem(self._highlight, ignoreBounds=True)
        self._view.setAutoVisible(y=True)
        self._item.getAxis("right").setGrid(False)  # the grid follows the consumption axis only
        self._view.sigXRangeChanged.connect(self._fit_bar_width)
        self._view.sigResized.connect(self._fit_bar_width)

    def _recolor(self, colors: ChartColors) -> None:
        bar = colors.primary
        pale = QColor(bar)
        pale.setAlphaF(0.4)
        self._bars.setOpts(brush=self._pg.mkBrush(bar), pen=self._pg.mkPen(None))
        self._partial_bars.setOpts(brush=self._pg.mkBrush(pale), pen=self._pen(bar, 1, Qt.PenStyle.DashLine))
        self._highlight.setOpts(brush=self._pg.mkBrush(None), pen=self._pen(colors.text, 2))
        self._range_bars.setOpts(brush=self._pg.mkBrush(pale), pen=self._pg.mkPen(None))
        self._mean_line.setPen(self._pen(bar, 1.6))
        self._mean_line.setSymbolBrush(self._pg.mkBrush(bar))
        self._mean_line.setSymbolPen(self._pen(colors.background, 1))
        self._cost_line.setPen(self._pen(colors.cost, 2))
        self._cost_line.setSymbolBrush(self._pg.mkBrush(colors.cost))
        self._cost_line.setSymbolPen(self._pen(colors.background, 1.5))
        right = self._item.getAxis("right")
        right.setTextPen(self._pen(colors.cost, 1))
        right.setPen(self._pen(colors.cost, 1))
        self._update_legend()

    def _home_range(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        n = len(self._starts)
        if not n:
            return None
        shown = max(n, 3)
        pad = (shown - n) / 2
        if self._gauge:
            values = np.concatenate([self._low, self._high, self._mean])
            values = values[np.isfinite(values)]
            low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
            margin = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
            return (-0.6 - pad, n - 0.4 + pad), (low - margin, high + margin)
        heights = [0.0, *self._consumption[np.isfinite(self._consumption)].tolist()]
        if self._cost_line.isVisible():
            heights += (self._cost[np.isfinite(self._cost)] / self._cost_scale).tolist()
        low, high = min(heights), max(heights)
        if high <= low:
            high = low + 1
        return (-0.6 - pad, n - 0.4 + pad), (low - (high - low) * 0.015, high + (high - low) * 0.08)

    def _hover_at(self, x: float, y: float) -> Hover | None:
        n = len(self._starts)
        i = round(x)
        if not 0 <= i < n:
            return None
        lines = [period_hover_label(self._period, self._starts[i], self._ends[i])]
        points: list[tuple[float, float, QColor]] = []
        if self._gauge:
            mean, low, high = float(self._mean[i]), float(self._low[i]), float(self._high[i])
            if not math.isfinite(mean):
                return Hover([*lines, translate("ConsumptionChart", "No readings")], float(i))
            lines.append(
                translate("ConsumptionChart", "Mean {amount}").format(amount=quantity(mean, self._unit, self._decimals))
            )
            if math.isfinite(low) and math.isfinite(high):
                lowest = quantity(low, self._unit, self._decimals)
                lines.append(
                    translate("ConsumptionChart", "Lowest {low}, highest {high}").format(
                        low=lowest, high=quantity(high, self._unit, self._decimals)
                    )
                )
            return Hover(lines, float(i), [(float(i), mean, self._colors.primary)])
        value = float(self._consumption[i])
        if math.isfinite(value):
            lines.append(quantity(value, self._unit, self._decimals))
            self._highlight.setOpts(x=[float(i)], height=[value], width=self._bar_width)
        else:
            lines.append(translate("ConsumptionChart", "No consumption"))
            self._highlight.setOpts(x=[], height=[], width=self._bar_width)
        keys = {1: self._colors.primary}
        cost = float(self._cost[i])
        if math.isfinite(cost):
            keys[len(lines)] = self._colors.cost
            lines.append(translate("ConsumptionChart", "Cost {amount}").format(amount=money(cost, self._currency)))
            if self._cost_line.isVisible():
                points.append((float(i), cost / self._cost_scale, self._colors.cost))
        before = float(self._last_year[i])
        if math.isfinite(before) and math.isfinite(value):
            # A period only partly covered is not compared in %: its readings stop before its end.
            change = f" ({_percent((value - before) / before)})" if before and not self._partial[i] else ""
            lines.append(
                translate("ConsumptionChart", "Last year {amount}").format(
                    amount=quantity(before, self._unit, self._decimals)
                )
                + change
            )
        days = self._days[i]
        if self._partial[i] and days is not None:
            total = (self._ends[i] - self._starts[i]).days
            lines.append(
                translate("ConsumptionChart", "Readings cover {days} of %n day(s)", None, total).format(
                    days=_days(days)
                )
            )
        return Hover(lines, float(i), points, keys if self.has_cost and self._cost_line.isVisible() else {})

    # ---- private ------------------------------------------------------------------------------

    def _show(self, metric_name: str, unit: str, currency: str | None, has_data: bool) -> None:
        n = len(self._starts)
        spans = list(zip(self._starts, self._ends, strict=True))
        self._labels = [period_axis_label(self._period, s, e) for s, e in spans]
        self._axes["bottom"].set_labels(
            self._labels,
            self._label_keys(),
            STRIDES.get(self._period or "", ()),
            short=[period_axis_short_label(self._period, s, e) for s, e in spans],
            groups=[s.year for s in self._starts] if self._period in YEAR_GROUPED else None,
        )
        self._draw()
        from ...domain.consumption import Period

        known = {period.value for period in Period}
        period_name = Period(self._period).label if self._period in known else translate("ConsumptionChart", "Period")
        name = metric_name or (
            ""
            if unit
            else translate("ConsumptionChart", "Mean")
            if self._gauge
            else translate("ConsumptionChart", "Consumption")
        )
        self._set_axis_labels(
            name,
            unit,
            bottom=period_name,
            right=translate("ConsumptionChart", "Cost ({currency})").format(currency=currency_label(currency)),
        )
        self._view.setLimits(xMin=-1.5, xMax=n + 0.5, minXRange=min(3, n))
        self._update_legend()
        self._set_has_data(bool(n) and has_data)

    def _draw(self) -> None:
        n = len(self._starts)
        x = np.arange(n, dtype=float)
        have = np.isfinite(self._consumption)
        full, part = have & ~self._partial, have & self._partial
        self._bars.setOpts(x=x[full], height=self._consumption[full], width=self._bar_width)
        self._partial_bars.setOpts(x=x[part], height=self._consumption[part], width=self._bar_width)
        if self._gauge:
            spans = np.isfinite(self._low) & np.isfinite(self._high)
            self._range_bars.setOpts(x=x[spans], y0=self._low[spans], y1=self._high[spans], width=GAUGE_RANGE_WIDTH)
            self._mean_line.setData(x, self._mean, symbol="o" if n <= DOTS_UP_TO else None)
        else:
            self._range_bars.setOpts(x=[], y0=[], y1=[], width=GAUGE_RANGE_WIDTH)
            self._mean_line.setData([], [])
        show_cost = self.has_cost and self._cost_wanted()
        right = self._item.getAxis("right")
        if show_cost:
            costs = self._cost[np.isfinite(self._cost)]
            top_cost = float(np.max(np.abs(costs))) if costs.size else 0.0
            top_use = float(np.max(np.abs(self._consumption[have]))) if have.any() else 0.0
            # The cost is drawn in consumption units; the right axis shows it back in money.
            self._cost_scale = top_cost / top_use if top_cost > 0 and top_use > 0 else 1.0
            self._cost_line.setData(x, self._cost / self._cost_scale, symbol="o" if n <= DOTS_UP_TO else None)
            self._cost_line.show()
            right.setScale(self._cost_scale)
        else:
            self._cost_scale = 1.0
            self._cost_line.setData([], [])
            self._cost_line.hide()
            right.setScale(1.0)
        self._item.showAxis("right", show_cost)
        if self._has_data:
            self.reset_zoom()

    def _fit_bar_width(self, *_args: object) -> None:
        (x0, x1), _ = self._view.viewRange()
        pixels = self._view.width()
        slot_px = pixels / (x1 - x0) if x1 > x0 and pixels > 0 else 100.0
        width = BAR_WIDTH if slot_px >= MIN_GAP_SLOT_PX else 1.0
        if width != self._bar_width:
            self._bar_width = width
            for bars in (self._bars, self._partial_bars, self._highlight):
                bars.setOpts(width=width)

    def _cost_wanted(self) -> bool:
        action = getattr(self, "show_cost_action", None)  # None while ChartBase.__init__ runs
        return action is None or action.isChecked()

    def _update_legend(self) -> None:
        if not hasattr(self, "_cost_line") or not len(self._starts):
            self._set_legend([])
            return
        if self._gauge:
            pale = QColor(self._colors.primary)
            pale.setAlphaF(0.4)
            self._set_legend(
                [
                    (translate("ConsumptionChart", "Mean"), self._colors.primary, "●"),
                    (translate("ConsumptionChart", "Lowest to highest"), pale, "■"),
                ]
            )
            return
        entries = [(translate("ConsumptionChart", "Consumption"), self._colors.primary, "■")]
        if self._partial.any():
            pale = QColor(self._colors.primary)
            pale.setAlphaF(0.45)
            entries.append((translate("ConsumptionChart", "Partly covered"), pale, "■"))
        if self._cost_line.isVisible():
            entries.append((translate("ConsumptionChart", "Cost"), self._colors.cost, "●"))
        self._set_legend(entries if len(entries) > 1 else [])  # bars alone explain themselves

    def _label_keys(self) -> list[int]:
        if self._period == "month":
            return [s.year * 12 + s.month - 1 for s in self._starts]
        if self._period == "quarter":
            return [s.year * 4 + (s.month - 1) // 3 for s in self._starts]
        return list(range(len(self._starts)))


def _floats(values: Sequence[Number | None]) -> np.ndarray:
    return np.array([float(v) if v is not None else np.nan for v in values], dtype=float)


def _percent(share: float) -> str:
    """+4.8 %, −12.0 %, ±0.0 %, in the locale's decimal point."""
    sign = "+" if share > 0.0005 else "−" if share < -0.0005 else "±"
    return f"{sign}{number(abs(share) * 100, 1)} %"


def _days(days: Decimal) -> str:
    rounded = days.quantize(Decimal("0.1"))
    return str(rounded.normalize()) if rounded == rounded.to_integral() else str(rounded)
