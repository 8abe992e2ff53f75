"""The pyqtgraph pieces of the charts: axes with locale-formatted, non-overlapping tick labels.

Imports pyqtgraph at module level, so only the chart widgets import this module, and only when a
chart is created (see ``base.pyqtgraph()``); the app's start-up never pays for pyqtgraph.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, cast

import pyqtgraph as pg
import pyqtgraph.graphicsItems.DateAxisItem as _dates  # noqa: N813  (the module, not the class)
from PySide6.QtCore import QDate, QDateTime, QLocale, QRectF, QTime
from PySide6.QtGui import QFont, QFontMetrics

from .labels import decimals_for_step

#: Room kept between two tick labels, in pixels.
LABEL_GAP = 10
#: How far a period label may reach past the ends of the x axis, in pixels.
LABEL_OVERHANG = 60
#: Pixels between two date labels that leave room for the first one's year or month.
CONTEXT_GAP = 56
#: Pixels wanted between two labels of a value axis.
TICK_SPACING = 40
#: How far a value axis' end labels may reach past the plot, in pixels.
END_ROOM = 15


class NumberAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A value axis whose tick labels use the locale ("12,500", "0.25") and never SI prefixes ("kkWh")."""

    def __init__(self, orientation: str, **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.setStyle(hideOverlappingLabels=False)  # the "0" at the very bottom is worth showing

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N802, N803
        """One level of round steps (1, 2 or 5 × 10ⁿ) about TICK_SPACING pixels apart: labels and grid
        lines both, instead of pyqtgraph's two levels (0, 50, 100 and every 10 between, when it fits)."""
        span = maxVal - minVal
        if span <= 0 or size <= 0 or not math.isfinite(span):
            return list(super().tickSpacing(minVal, maxVal, size))
        raw = span / max(2.0, size / TICK_SPACING)
        power = 10.0 ** math.floor(math.log10(raw))
        step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * 0.999)
        return [(step, 0.0)]

    def boundingRect(self) -> QRectF:  # noqa: N802
        # With a grid, pyqtgraph forgets the room for labels at the ends: the "0" would be dropped.
        rect = QRectF(super().boundingRect())
        if self.grid is not False and self.orientation in ("left", "right"):
            rect = rect.adjusted(0, -END_ROOM, 0, END_ROOM)
        return rect

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        locale = QLocale()
        decimals = decimals_for_step(spacing * scale)
        return [locale.toString(v * scale + 0.0, "f", decimals) for v in values]


class LocalDateAxis(pg.DateAxisItem):  # type: ignore[misc]
    """Dates of epoch seconds in local time (daylight saving included), month and day names of the locale."""

    _FORMATS = (  # (smallest tick spacing in seconds, Qt date format)
        (365 * 86400, "yyyy"),
        (28 * 86400, "MMM"),
        (86400, "d"),
        (60, "HH:mm"),
        (1, "HH:mm:ss"),
    )
    #: The first label of a level, with the coarser unit it may lack, and the room that takes (pixels).
    _WITH_CONTEXT: ClassVar[dict[str, tuple[str, int]]] = {
        "MMM": ("MMM yyyy", CONTEXT_GAP),
        "d": ("d MMM", CONTEXT_GAP),
        "HH:mm": ("d MMM, HH:mm", 2 * CONTEXT_GAP),
    }

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.setStyle(hideOverlappingLabels=False)  # "2022" on the first of January at the left edge
        # Hours beside "Fri 15 Mar", months beside years: pyqtgraph drops the finer labels a bit early.
        self.setStyle(textFillLimits=[(0, 0.9), (2, 0.75), (4, 0.55), (6, 0.35)])
        # Years and, where they fit, every 1, 3 or 6 months on calendar quarters (pyqtgraph's default
        # level shows all twelve months or none: years alone over three years of data).
        year_month = _dates.ZoomLevel(
            [
                _dates.TickSpec(_dates.YEAR_SPACING, _dates.makeYStepper(1), "%Y", autoSkip=[1, 5, 10, 25]),
                _dates.TickSpec(_dates.MONTH_SPACING, _aligned_month_step, "%b", autoSkip=[1, 3, 6]),
            ],
            "YYYY",
        )
        levels: OrderedDict[float, Any] = OrderedDict(
            (spacing, year_month if level is _dates.YEAR_MONTH_ZOOM_LEVEL else level)
            for spacing, level in cast(Any, self).zoomLevels.items()
        )
        self.zoomLevels = levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        locale = QLocale()
        fmt = next((f for step, f in self._FORMATS if spacing >= step), "HH:mm:ss")
        if fmt == "d" and getattr(self.zoomLevel, "exampleText", "") == "MMM 00":
            fmt = "ddd d MMM"  # days beside hours: say which day (hours leave room for it)
        out = []
        for v in values:
            try:
                out.append(locale.toString(QDateTime.fromSecsSinceEpoch(round(v)), fmt))
            except (OverflowError, ValueError):
                out.append("")
        wider, room = self._WITH_CONTEXT.get(fmt, ("", 0))
        if wider and out and self._gap_px(values) >= room and not self._unit_shown(values[0], fmt):
            # The leftmost "Apr" or "5" gets its year or month: the coarser tick that says it may be off-screen.
            out[0] = locale.toString(QDateTime.fromSecsSinceEpoch(round(values[0])), wider)
        return out

    def _unit_shown(self, value: float, fmt: str) -> bool:
        """Whether the start of ``value``'s year (for months), month (days) or day (hours) is in view:
        its own label then names it."""
        moment = QDateTime.fromSecsSinceEpoch(round(value))
        day = moment.date()
        start = {
            "MMM": QDate(day.year(), 1, 1),
            "d": QDate(day.year(), day.month(), 1),
        }.get(fmt, day)
        return bool(QDateTime(start, QTime(0, 0)).toSecsSinceEpoch() >= min(self.range))

    def _gap_px(self, values: list[float]) -> float:
        low, high = self.range
        if len(values) < 2 or high == low:
            return math.inf if values else 0.0
        return float(abs(values[1] - values[0]) * self.width() / abs(high - low))


def _aligned_month_step(value: float, n: int, first: bool) -> float:
    """The first day of the next month after ``value`` whose number is a multiple of ``n`` (Jan, Apr...)."""
    if not _dates.MIN_REGULAR_TIMESTAMP <= value <= _dates.MAX_REGULAR_TIMESTAMP:
        return math.inf
    day = _dates.utcfromtimestamp(value)
    month = day.year * 12 + day.month - 1
    following = (month // n + 1) * n
    return (datetime(following // 12, following % 12 + 1, 1) - datetime(1970, 1, 1)).total_seconds()


class LabelAxis(pg.AxisItem):  # type: ignore[misc]
    """A category axis (bars by period, months): text labels at whole positions, thinned so none overlap.

    ``set_labels(labels, keys, strides, short, groups)``: ``labels[i]`` is drawn at x = i. A label
    whose ``groups[i]`` (the year) is that of the label shown before it is drawn short
    (``short[i]``: "Feb" after "Jan 2024"), so the year is written once. When they don't all fit,
    only every ``stride``-th label is shown (the smallest of ``strides`` that fits), at the positions
    whose ``keys[i] % stride == 0``: months keyed by ``year * 12 + month - 1`` land on Jan/Apr/Jul/Oct.
    """

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.setStyle(hideOverlappingLabels=False)  # the first period's label may reach past the plot's edge
        self._labels: list[str] = []
        self._short: list[str] = []
        self._groups: list[int] = []
        self._keys: list[int] = []
        self._strides: Sequence[int] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
        self._long_px: list[int] = []
        self._short_px: list[int] = []
        self.shown_stride = 1  #: the stride of the last drawn labels (for tests and screenshots)

    def boundingRect(self) -> QRectF:  # noqa: N802
        # Room for the first and last labels to reach past the plot's ends (into the empty corners).
        return QRectF(super().boundingRect()).adjusted(-LABEL_OVERHANG, 0, LABEL_OVERHANG, 0)

    def set_labels(
        self,
        labels: Sequence[str],
        keys: Sequence[int] | None = None,
        strides: Sequence[int] = (),
        short: Sequence[str] | None = None,
        groups: Sequence[int] | None = None,
    ) -> None:
        n = len(labels)
        self._labels = list(labels)
        self._short = list(short) if short is not None else list(labels)
        self._groups = list(groups) if groups is not None else list(range(n))
        self._keys = list(keys) if keys is not None else list(range(n))
        if strides:
            self._strides = strides
        self._measure()
        self.picture = None
        self.update()

    def set_font(self, font: QFont) -> None:
        self.setStyle(tickFont=font)
        self._measure()

    def shown_texts(self, positions: Sequence[int]) -> list[str]:
        """The texts drawn at ``positions`` (ascending): long for the first and at each new year."""
        flags = self._long(positions)
        return [self._labels[i] if long else self._short[i] for i, long in zip(positions, flags, strict=True)]

    def _long(self, positions: Sequence[int]) -> list[bool]:
        """Which labels name their year: each first of a year, and the very first unless the next label
        (already in the next year: "Dec", "Jan 2026") does."""
        groups = [self._groups[i] for i in positions]
        flags = [k > 0 and groups[k] != groups[k - 1] for k in range(len(groups))]
        if flags:
            flags[0] = len(groups) == 1 or groups[1] == groups[0]
        return flags

    def labels_at(self, first: float, last: float, pixels: float) -> tuple[int, list[int]]:
        """The stride and positions of the labels shown when x runs from ``first`` to ``last`` on ``pixels``."""
        n = len(self._labels)
        if n == 0 or pixels <= 0 or last <= first:
            return 1, []
        lo = max(0, math.ceil(first - 1e-9))
        hi = min(n - 1, math.floor(last + 1e-9))
        if hi < lo:
            return 1, []
        per_unit = pixels / (last - first)
        narrowest = min(self._short_px[lo : hi + 1])
        for stride in self._candidate_strides(hi - lo + 1):
            if stride * per_unit < narrowest + LABEL_GAP:
                continue  # not even the shortest labels fit
            positions = (
                list(range(lo, hi + 1))
                if stride == 1
                else [i for i in range(lo, hi + 1) if self._keys[i] % stride == 0]
            )
            if not positions:  # zoomed in between two aligned periods: name the first in view
                return stride, [lo]
            if self._fits(positions, per_unit):
                return stride, positions
        return n, [lo]

    def tickValues(self, low: float, high: float, size: float) -> list[tuple[float, list[float]]]:  # noqa: N802
        stride, positions = self.labels_at(low, high, size)
        self.shown_stride = stride
        return [(float(stride), [float(i) for i in positions])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        n = len(self._labels)
        positions = [round(v) for v in values if 0 <= round(v) < n]
        return self.shown_texts(positions) if len(positions) == len(values) else ["" for _ in values]

    def _candidate_strides(self, count: int) -> list[int]:
        strides = list(self._strides)
        while strides[-1] < count:  # beyond the table: keep doubling
            strides.append(strides[-1] * 2)
        return strides

    def _fits(self, positions: list[int], per_unit: float) -> bool:
        """Whether the labels at ``positions`` (long or short, as drawn) leave LABEL_GAP between them."""
        widths = [
            self._long_px[i] if long else self._short_px[i]
            for i, long in zip(positions, self._long(positions), strict=True)
        ]
        return all(
            (widths[k] + widths[k + 1]) / 2 + LABEL_GAP <= (positions[k + 1] - positions[k]) * per_unit
            for k in range(len(positions) - 1)
        )

    def _measure(self) -> None:
        font = self.style.get("tickFont") or self.font()
        metrics = QFontMetrics(font)
        self._long_px = [metrics.horizontalAdvance(text) for text in self._labels]
        self._short_px = [metrics.horizontalAdvance(text) for text in self._short]
