"""YearOverYearChart: the months of several years laid over each other, one line per year."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

import numpy as np
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ...i18n import QT_TRANSLATE_NOOP, translate
from .base import ChartBase, ChartColors, Hover
from .labels import long_month_name, month_names, quantity, value_decimals

#: At most this many years are drawn (the most recent ones).
MAX_YEARS = 8
#: A month counts as partly covered below this share of its days.
PARTIAL_BELOW = 0.995
EMPTY_TEXT = QT_TRANSLATE_NOOP("Charts", "No months to compare yet")
EMPTY_HINT = QT_TRANSLATE_NOOP("Charts", "The comparison appears once readings cover at least one month.")

Number = Decimal | float | int


class _RowLike(Protocol):
    """What the chart reads of a ``ReportRow`` (read-only, as in the frozen dataclass)."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...
    @property
    def consumption(self) -> Decimal | None: ...


class YearOverYearChart(ChartBase):
    """Consumption per month, Jan..Dec on the x axis, one coloured line per year (the latest thickest).

    The legend beside the title names the years, most recent first.
    """

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        self._years: list[int] = []
        self._values: dict[int, np.ndarray] = {}
        self._unit = ""
        self._decimals = 1
        self._curves: dict[int, Any] = {}
        self._coverage: dict[int, list[tuple[float, int] | None]] = {}
        super().__init__(
            parent, title=title, empty_text=translate("Charts", EMPTY_TEXT), empty_hint=translate("Charts", EMPTY_HINT)
        )

    @property
    def years(self) -> list[int]:
        """The years drawn, most recent first (as in the legend)."""
        return list(self._years)

    def legend_entries(self) -> list[str]:
        """The legend's texts, most recent year first."""
        return [str(year) for year in self._years]

    def month_values(self, year: int) -> list[float | None]:
        """The 12 monthly values drawn for ``year`` (None where there is none)."""
        return [None if math.isnan(v) else float(v) for v in self._values[year]]

    def set_data(
        self,
        by_year: Mapping[int, Sequence[Number | None]],
        *,
        unit: str = "",
        metric_name: str = "",
        coverage: Mapping[int, Sequence[tuple[float, int] | None]] | None = None,
    ) -> None:
        """Show ``by_year[year]``: 12 values, January to December (None: no value for that month).

        ``coverage[year][m]``: (days covered by readings, days of the month); a month only partly
        covered (the current one, the first) gets a hollow dot and says so when hovered."""
        for year, months in by_year.items():
            if len(months) != 12:
                raise ValueError(f"{year}: 12 monthly values expected, not {len(months)}")
        years = sorted((y for y, months in by_year.items() if any(v is not None for v in months)), reverse=True)
        self._years = years[:MAX_YEARS]
        self._values = {
            y: np.array([float(v) if v is not None else np.nan for v in by_year[y]], dtype=float) for y in self._years
        }
        self._coverage = {y: list((coverage or {}).get(y) or [None] * 12) for y in self._years}
        self._unit = unit
        self._decimals = value_decimals([float(v) for y in self._years for v in self._values[y]])
        for curve in self._curves.values():
            self._item.removeItem(curve)
        self._curves = {}
        x = np.arange(12, dtype=float)
        for rank, year in enumerate(reversed(self._years)):  # the latest year drawn last, on top
            curve = self._line(x=x, y=self._values[year], connect="finite", antialias=True, symbol="o")
            curve.setZValue(rank)
            self._item.addItem(curve)
            self._curves[year] = curve
        self._recolor(self._colors)
        self._set_axis_labels(
            metric_name or ("" if unit else translate("YearOverYearChart", "Consumption")),
            unit,
            bottom=translate("YearOverYearChart", "Month"),
        )
        self._set_has_data(bool(self._years))

    def set_rows(self, rows: Sequence[_RowLike], **kwargs: Any) -> None:
        """``set_data`` from monthly report rows (``ReportRow``); rows that are not calendar months are skipped."""
        by_year: dict[int, list[Number | None]] = {}
        coverage: dict[int, list[tuple[float, int] | None]] = {}
        for row in rows:
            if row.start.day != 1 or (row.end.year * 12 + row.end.month) - (row.start.year * 12 + row.start.month) != 1:
                continue
            by_year.setdefault(row.start.year, [None] * 12)[row.start.month - 1] = row.consumption
            days = getattr(row, "days", None)
            if days is not None:
                cover = (float(days), (row.end - row.start).days)
                coverage.setdefault(row.start.year, [None] * 12)[row.start.month - 1] = cover
        self.set_data(by_year, coverage=coverage, **kwargs)
        if rows and not by_year:
            self.set_empty_text(
                translate("YearOverYearChart", "Year over year compares months"),
                translate("YearOverYearChart", "Choose “Month” as the period to see the months of each year."),
            )
        else:
            self.set_empty_text(translate("Charts", EMPTY_TEXT), translate("Charts", EMPTY_HINT))

    def clear(self) -> None:
        self.set_data({})

    # ---- ChartBase hooks ----------------------------------------------------------------------

    def _setup_plot(self) -> None:
        self._axes["bottom"].set_labels(month_names(), strides=(1, 2, 3, 6))
        self._view.setLimits(xMin=-1, xMax=12, minXRange=3)

    def _recolor(self, colors: ChartColors) -> None:
        any_partial = False
        for year, color, width in self._styles(colors):
            curve = self._curves[year]
            partial = [self._partial(year, m) for m in range(12)]
            any_partial = any_partial or any(partial)
            curve.setPen(self._pen(color, width))
            # A hollow dot (the background inside the series colour) for a month only partly covered.
            curve.opts["symbolBrush"] = [self._pg.mkBrush(colors.background if p else color) for p in partial]
            curve.opts["symbolPen"] = [self._pen(color if p else colors.background, 1.5 if p else 1) for p in partial]
            curve.opts["symbolSize"] = 7 if width > 2 else 5
            curve.updateItems(styleUpdate=True)  # (setSymbolBrush takes one brush, not one per point)
        legend = [(str(year), color, "━") for year, color, _ in self._styles(colors)]
        if any_partial:
            legend.append((translate("YearOverYearChart", "month partly covered"), colors.muted, "○"))
        self._set_legend(legend)

    def _home_range(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        if not self._years:
            return None
        values = np.concatenate([self._values[y] for y in self._years])
        finite = values[np.isfinite(values)]
        low = min(0.0, float(finite.min())) if finite.size else 0.0
        high = float(finite.max()) if finite.size else 1.0
        if high <= low:
            high = low + 1
        return (-0.5, 11.5), (low - (high - low) * 0.015, high + (high - low) * 0.08)

    def _hover_at(self, x: float, y: float) -> Hover | None:
        month = round(x)
        if not 0 <= month < 12 or not self._years:
            return None
        lines = [long_month_name(month + 1)]
        points: list[tuple[float, float, QColor]] = []
        keys: dict[int, QColor] = {}
        for year, color, _ in self._styles(self._colors):
            keys[len(lines)] = color
            value = float(self._values[year][month])
            if math.isfinite(value):
                cover = self._coverage[year][month]
                part = f" ({_days(cover[0])} of {cover[1]} days)" if cover and self._partial(year, month) else ""
                lines.append(f"{year}: {quantity(value, self._unit, self._decimals)}{part}")
                points.append((float(month), value, color))
            else:
                lines.append(translate("YearOverYearChart", "{year}: no data").format(year=year))
        return Hover(lines, float(month), points, keys)

    # ---- private ------------------------------------------------------------------------------

    def _partial(self, year: int, month: int) -> bool:
        cover = self._coverage.get(year, [None] * 12)[month]
        return cover is not None and cover[0] < cover[1] * PARTIAL_BELOW and math.isfinite(self._values[year][month])

    def _styles(self, colors: ChartColors) -> list[tuple[int, QColor, float]]:
        """(year, colour, line width), most recent first: the latest year stands out."""
        return [
            (year, colors.series[rank % len(colors.series)], 2.6 if rank == 0 else 1.6)
            for rank, year in enumerate(self._years)
        ]


def _days(days: float) -> str:
    return f"{days:.0f}" if abs(days - round(days)) < 0.05 else f"{days:.1f}"
