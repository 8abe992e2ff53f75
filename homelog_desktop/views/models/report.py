"""Qt table model exposing a report's rows (one per period) to the Reports page."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication

from ...domain.entities import Category, MetricKind
from ...i18n import QT_TRANSLATE_NOOP, translate
from .. import figures
from ..widgets import is_dark

if TYPE_CHECKING:
    from ...services.reports import Report, ReportRow

_Index = QModelIndex | QPersistentModelIndex


class ReportColumn(enum.Enum):
    PERIOD = QT_TRANSLATE_NOOP("Report", "Period")
    CONSUMPTION = QT_TRANSLATE_NOOP("Report", "Consumption")
    #: A converted report (kWh): the row's amount as the meter counts it (m³).
    METERED = QT_TRANSLATE_NOOP("Report", "Metered")
    DAYS = QT_TRANSLATE_NOOP("Report", "Days")
    PER_DAY = QT_TRANSLATE_NOOP("Report", "Per day")
    COST = QT_TRANSLATE_NOOP("Report", "Cost")
    CHANGE = QT_TRANSLATE_NOOP("Report", "vs last year")
    MEAN = QT_TRANSLATE_NOOP("Report", "Mean")
    MINIMUM = QT_TRANSLATE_NOOP("Report", "Min")
    MAXIMUM = QT_TRANSLATE_NOOP("Report", "Max")


#: Columns of counters and interval metrics, and of gauges.
USAGE_COLUMNS = (
    ReportColumn.PERIOD,
    ReportColumn.CONSUMPTION,
    ReportColumn.DAYS,
    ReportColumn.PER_DAY,
    ReportColumn.COST,
    ReportColumn.CHANGE,
)
#: A converted report's columns: the metered amount beside the converted one (as the bill shows both).
CONVERTED_COLUMNS = (ReportColumn.PERIOD, ReportColumn.CONSUMPTION, ReportColumn.METERED, *USAGE_COLUMNS[2:])
GAUGE_COLUMNS = (ReportColumn.PERIOD, ReportColumn.MEAN, ReportColumn.MINIMUM, ReportColumn.MAXIMUM, ReportColumn.DAYS)


@dataclass(frozen=True, slots=True)
class _Line:
    row: ReportRow
    texts: tuple[str, ...]
    sort: tuple[Any, ...]
    #: "good", "bad" or "" for the change column's colour.
    trend: str
    tooltip: str


class ReportTableModel(QAbstractTableModel):
    """A report's rows, oldest first, formatted once when the report arrives (``data()`` is a lookup)."""

    #: The native value of a cell (a Decimal, a date), for sorting.
    SortRole = Qt.ItemDataRole.UserRole
    #: The ReportRow of a row.
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self._columns: tuple[ReportColumn, ...] = USAGE_COLUMNS
        self._headers: tuple[str, ...] = tuple(translate("Report", c.value) for c in USAGE_COLUMNS)
        self._lines: list[_Line] = []

    @property
    def columns(self) -> tuple[ReportColumn, ...]:
        return self._columns

    def column_of(self, column: ReportColumn) -> int | None:
        return self._columns.index(column) if column in self._columns else None

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self._lines = []
        if report is not None:
            gauge = report.metric.kind is MetricKind.GAUGE
            metered = report.original_metric
            self._columns = GAUGE_COLUMNS if gauge else CONVERTED_COLUMNS if metered is not None else USAGE_COLUMNS
            unit = report.metric.unit
            currency = report.currency
            self._headers = tuple(
                _header(c, metered.unit if c is ReportColumn.METERED and metered else unit, currency)
                for c in self._columns
            )
            locale = QLocale()
            more_is_good = report.source.category is Category.SOLAR
            self._lines = [self._line(row, report, locale, more_is_good) for row in report.rows]
        self.endResetModel()

    def copy_text(self, rows: list[int]) -> str:
        """The rows as tab-separated text with the headers (see views/table_copy.py); "—" (no
        figure) is copied as an empty cell."""
        from ..table_copy import as_tsv, plain_number

        locale = QLocale()

        def cell(column: ReportColumn, text: str) -> str:
            if text == "—":
                return ""
            return text if column is ReportColumn.PERIOD else plain_number(text, locale)

        lines = [self._lines[row] for row in rows if 0 <= row < len(self._lines)]
        return as_tsv(
            self._headers,
            ([cell(c, t) for c, t in zip(self._columns, line.texts, strict=True)] for line in lines),
        )

    def row_at(self, row: int) -> ReportRow | None:
        return self._lines[row].row if 0 <= row < len(self._lines) else None

    def text(self, row: int, column: ReportColumn) -> str:
        index = self.column_of(column)
        return self._lines[row].texts[index] if index is not None and 0 <= row < len(self._lines) else ""

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self._lines))
            or not (0 <= index.column() < len(self._columns))
        ):
            return None
        line = self._lines[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.texts[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column is ReportColumn.PERIOD:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column is ReportColumn.CHANGE and line.trend:
            return _trend_color(line.trend)
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltip
        if role == self.SortRole:
            return line.sort[index.column()]
        if role == self.RowRole:
            return line.row
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                left = self._columns[section] is ReportColumn.PERIOD
                return int(
                    (Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight)
                    | Qt.AlignmentFlag.AlignVCenter
                )
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._lines)
        ):
            return str(section + 1)
        return None

    # -- helpers ---------------------------------------------------------------------------------

    def _line(self, row: ReportRow, report: Report, locale: QLocale, more_is_good: bool) -> _Line:
        metric = report.metric
        decimals = metric.decimals
        texts: list[str] = []
        sort: list[Any] = []
        for column in self._columns:
            text, value = _cell(column, row, report, locale, decimals)
            texts.append(text)
            sort.append(value)
        trend = ""
        if row.change is not None and row.change != 0:
            trend = "good" if (row.change < 0) != more_is_good else "bad"
        tooltip = ""
        if row.last_year is not None:
            tooltip = translate("Report", "Same period a year earlier: ") + figures.quantity(
                row.last_year, metric.unit, figures.decimals_for(row.last_year, decimals), locale
            )
        span = (row.end - row.start).days
        if row.not_covered:
            tooltip = (tooltip + "\n" if tooltip else "") + translate(
                "Report", "No amount covers this period: a gap in the data"
            )
        elif row.days < span:
            covered = figures.number(row.days, 1, locale)
            tooltip = (tooltip + "\n" if tooltip else "") + translate(
                "Report", "Readings cover %1 of its %n day(s)", None, span
            ).replace("%1", covered)
            if row.uncovered_days > 0:
                gap = figures.number(row.uncovered_days, 1, locale)
                tooltip += translate("Report", " (%1 days in a gap between amounts, not counted as zero)").replace(
                    "%1", gap
                )
        return _Line(row, tuple(texts), tuple(sort), trend, tooltip)


#: The consumption cell of a row of an interval metric that lies wholly in a gap between periods.
NOT_COVERED = QT_TRANSLATE_NOOP("Report", "not covered")


def _header(column: ReportColumn, unit: str, currency: str | None) -> str:
    if (
        column
        in (
            ReportColumn.CONSUMPTION,
            ReportColumn.METERED,
            ReportColumn.MEAN,
            ReportColumn.MINIMUM,
            ReportColumn.MAXIMUM,
        )
        and unit
    ):
        return f"{translate('Report', column.value)} ({unit})"
    if column is ReportColumn.PER_DAY and unit:
        return translate("Report", "%1 per day").replace("%1", unit)
    if column is ReportColumn.COST and currency:
        return translate("Report", "Cost (%1)").replace("%1", currency)
    return translate("Report", column.value)


def _cell(column: ReportColumn, row: ReportRow, report: Report, locale: QLocale, decimals: int) -> tuple[str, Any]:
    if column is ReportColumn.PERIOD:
        label = figures.period_label(report.period, row.start, row.end, locale)
        if not _whole(row, report):
            # Cut by the range: say which days it holds ("Q4 2025 (1 Dec – 31 Dec)").
            last = row.end - timedelta(days=1)
            label += f" ({_day(row.start, locale)} – {_day(last, locale)})"
        return label, row.start
    if column is ReportColumn.CONSUMPTION:
        if row.not_covered:
            return translate("Report", NOT_COVERED), _sortable(None)
        return figures.number(row.consumption, decimals_of(row.consumption, decimals), locale), _sortable(
            row.consumption
        )
    if column is ReportColumn.METERED:
        metered = report.original_metric
        places = decimals_of(row.original, metered.decimals) if metered is not None else 0
        return figures.number(row.original, places, locale), _sortable(row.original)
    if column is ReportColumn.DAYS:
        whole = row.days == row.days.to_integral_value()
        return figures.number(row.days, 0 if whole else 1, locale), row.days
    if column is ReportColumn.PER_DAY:
        return figures.number(row.avg_per_day, max(2, decimals), locale), _sortable(row.avg_per_day)
    if column is ReportColumn.COST:
        return figures.number(row.cost, 2, locale), _sortable(row.cost)
    if column is ReportColumn.CHANGE:
        return figures.change(row.change, locale), _sortable(row.change)
    if column is ReportColumn.MEAN:
        return figures.number(row.mean, decimals, locale), _sortable(row.mean)
    if column is ReportColumn.MINIMUM:
        return figures.number(row.minimum, decimals, locale), _sortable(row.minimum)
    return figures.number(row.maximum, decimals, locale), _sortable(row.maximum)


def _whole(row: ReportRow, report: Report) -> bool:
    from ...domain.consumption import next_period_start, period_start

    billing = report.source.billing_start_month
    return period_start(row.start, report.period, billing) == row.start and row.end == next_period_start(
        row.start, report.period
    )


def _day(day: date, locale: QLocale) -> str:
    return locale.toString(QDate(day.year, day.month, day.day), "d MMM")


def decimals_of(value: Decimal | None, metric_decimals: int) -> int:
    """Decimals of a consumption cell: the metric's (at most 3)."""
    return min(metric_decimals, 3)


def _sortable(value: Decimal | None) -> float:
    return float(value) if value is not None else float("-inf")


def _trend_color(trend: str) -> QColor:
    dark = is_dark(QGuiApplication.palette())
    if trend == "good":
        return QColor("#7ad48f" if dark else "#1e7b34")
    return QColor("#ffb27a" if dark else "#a8460c")
