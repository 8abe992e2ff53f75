"""Windowed Qt table model exposing the readings of one source (a million rows) to the main window.

The model knows only the row count (``ReadingsViewModel.reset``); rows arrive by pages of
``PAGE_SIZE`` when the view first asks for them, are formatted once, and live in a small LRU cache.
Sorting is done in SQL by the view model.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ...background import loop_running, start
from ...domain.entities import Category, Metric, MetricKind, ReadingLine, Source
from ...domain.queries import ReadingOrder
from ...i18n import translate
from ...viewmodels.readings import ReadingsViewModel

if TYPE_CHECKING:
    import asyncio

#: Rows fetched per query.
PAGE_SIZE = 200
#: Pages kept in memory (least recently shown pages are dropped first).
MAX_PAGES = 30
#: Shown in the first cell of a row that is still loading.
PLACEHOLDER = "…"
#: Space between a cell's edge and its text, so a right-aligned number never touches the next text.
CELL_PADDING = 4
#: The longest note text kept for display (the view elides it anyway; the tooltip has it all).
NOTE_DISPLAY_CHARS = 200

_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_SORT = int(Qt.ItemDataRole.UserRole)
_ITEM = _SORT + 1


class ColumnKind(enum.Enum):
    """What a column shows. Columns depend on the source's metrics, so they are built per source."""

    TIMESTAMP = enum.auto()
    VALUE = enum.auto()
    CONSUMPTION = enum.auto()
    NOTE = enum.auto()
    ENTERED_BY = enum.auto()


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: its kind, header and (for value columns) metric."""

    kind: ColumnKind
    header: str
    tooltip: str = ""
    metric: Metric | None = None

    @property
    def is_number(self) -> bool:
        return self.kind in (ColumnKind.VALUE, ColumnKind.CONSUMPTION)


@dataclass(frozen=True, slots=True)
class _Row:
    """A reading formatted once for every column, so that data() only indexes tuples."""

    line: ReadingLine
    display: tuple[str, ...]
    sort: tuple[Any, ...]
    tooltips: tuple[str | None, ...]
    muted: bool


def columns_for(source: Source | None) -> list[Column]:
    """The columns shown for ``source``: time, one per metric, the consumption of counters, who, note.

    The note comes last so that it takes whatever width is left (the last section stretches).
    """
    columns = [
        Column(
            ColumnKind.TIMESTAMP,
            translate("Readings", "Date and time"),
            translate("Readings", "When the meter was read (local time)"),
        )
    ]
    metrics = source.metrics if source is not None else ()
    for metric in metrics:
        columns.append(
            Column(
                ColumnKind.VALUE, metric.label, translate("Readings", "%1 as read").replace("%1", metric.name), metric
            )
        )
    for metric in metrics:
        if metric.kind is MetricKind.COUNTER:
            columns.append(_consumption_column(metric, source))
    columns.append(Column(ColumnKind.ENTERED_BY, translate("Readings", "Entered by")))
    columns.append(Column(ColumnKind.NOTE, translate("Readings", "Note")))
    return columns


class ReadingsTableModel(QAbstractTableModel):
    """The readings of the view model's source, fetched a page at a time as the view shows them.

    ``rowCount`` is the total the view model counted; a row whose page is not loaded yet shows a
    placeholder and starts the load of its page (one task per page). When a page arrives its rows
    are formatted and ``dataChanged`` is emitted for them. Pages from an earlier source, order or
    filter (an older ``generation``) are dropped.
    """

    #: The native value of a cell, for sorting (datetime, float, str).
    SortRole = Qt.ItemDataRole.UserRole
    #: The ReadingLine of the row.
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, vm: ReadingsViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._source: Source | None = vm.source
        self._total = 0
        self._columns = columns_for(None)
        self._pages: OrderedDict[int, list[_Row]] = OrderedDict()
        self._loading: dict[int, asyncio.Task[None]] = {}
        self._failed: set[int] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._last_page = -1
        #: vm.generation when the model was last reset: what the rows show.
        self._generation = vm.generation
        #: Counts resets, so that a page requested before a reset is dropped whatever its generation.
        self._resets = 0
        #: How many page loads were started (for tests and benchmarks).
        self.pages_requested = 0
        vm.first_page_size = PAGE_SIZE  # the first page comes with the count, ready at the reset
        vm.reset.connect(self._on_vm_reset)

    # -- queries for the window and tests ---------------------------------------------------

    @property
    def source(self) -> Source | None:
        return self._source

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def reading_at(self, row: int) -> ReadingLine | None:
        """The reading shown at ``row`` if its page is loaded (never starts a load)."""
        cached = self._cached_row(row, touch=False)
        return cached.line if cached is not None else None

    def loaded_rows(self) -> list[int]:
        """The rows whose data is in memory, in order."""
        rows: list[int] = []
        for page in sorted(self._pages):
            first = page * PAGE_SIZE
            rows.extend(range(first, first + len(self._pages[page])))
        return rows

    async def copy_text(self, rows: list[int]) -> str:
        """The rows as tab-separated text with the headers (see views/table_copy.py).

        Rows whose page is not in memory are fetched first, a range at a time; numbers keep their
        decimals without group separators, times are absolute (``yyyy-MM-dd HH:mm``), notes whole.
        """
        from ..table_copy import as_tsv

        columns, resets = list(self._columns), self._resets
        lines: dict[int, ReadingLine] = {}
        missing: list[int] = []
        for row in rows:
            line = self.reading_at(row)
            if line is None:
                missing.append(row)
            else:
                lines[row] = line
        for first, last in _ranges(missing):
            generation, fetched = await self._vm.fetch_page(first, last - first + 1)
            if resets != self._resets or generation != self._generation:
                return ""  # the table changed under the copy: copy nothing rather than a mixture
            for offset, line in enumerate(fetched):
                lines[first + offset] = line
        locale = QLocale()
        return as_tsv(
            [column.header for column in columns],
            (_copy_cells(lines[row], columns, locale) for row in rows if row in lines),
        )

    def loaded_pages(self) -> list[int]:
        return sorted(self._pages)

    def is_loading(self) -> bool:
        """True while a page of what the model shows now is being fetched."""
        return bool(self._loading)

    def is_idle(self) -> bool:
        """True when no task of this model (a page load, even a stale one, or a sort) is running."""
        return not self._tasks

    def column_of(self, kind: ColumnKind, metric_id: int | None = None) -> int | None:
        """The index of the first column of ``kind`` (for ``metric_id``), if shown."""
        for i, column in enumerate(self._columns):
            if column.kind is kind and (metric_id is None or (column.metric and column.metric.id == metric_id)):
                return i
        return None

    def order_for(self, column: int, order: Qt.SortOrder) -> ReadingOrder | None:
        """The SQL order that sorting by ``column`` means (None: the column cannot be sorted)."""
        if not 0 <= column < len(self._columns):
            return None
        descending = order == Qt.SortOrder.DescendingOrder
        col = self._columns[column]
        if col.kind is ColumnKind.TIMESTAMP:
            return ReadingOrder("timestamp", descending)
        if col.kind is ColumnKind.NOTE:
            return ReadingOrder("note", descending)
        if col.kind is ColumnKind.ENTERED_BY:
            return ReadingOrder("entered_by", descending)
        assert col.metric is not None
        return ReadingOrder("metric", descending, col.metric.id)

    def sort_column(self) -> int:
        """The column that shows the view model's current order (the time column if none does)."""
        order = self._vm.order
        kinds = {
            "timestamp": ColumnKind.TIMESTAMP,
            "note": ColumnKind.NOTE,
            "entered_by": ColumnKind.ENTERED_BY,
        }
        if order.key == "metric":
            found = self.column_of(ColumnKind.VALUE, order.metric_id) if order.metric_id is not None else None
        else:
            found = self.column_of(kinds.get(order.key, ColumnKind.TIMESTAMP))
        return found if found is not None else 0

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._vm.order.descending else Qt.SortOrder.AscendingOrder

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(index.row(), index.column(), int(role))

    def cell(self, row: int, column: int) -> tuple[str, bool, bool]:
        """(text, is a number, muted) of a cell, for painting: one call instead of one per role.

        Like data(), a row that is not loaded yet starts the load of its page.
        """
        cached = self._cached_row(row, touch=True)
        number = self._columns[column].is_number
        if cached is None:
            self._request_page(row // PAGE_SIZE)
            return (PLACEHOLDER if column == 0 else "", number, True)
        return (cached.display[column], number, cached.muted)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGNMENT if column.is_number else _TEXT_ALIGNMENT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the order of ``column`` (SQL does the sorting; nothing happens if unchanged)."""
        wanted = self.order_for(column, order)
        if wanted is None or wanted == self._vm.order:
            return
        start(self._vm.set_order(wanted), self._tasks)

    # -- loading ----------------------------------------------------------------------------

    def _value(self, row_index: int, column: int, role: int) -> Any:
        if role == _ALIGNMENT:
            return _NUMBER_ALIGNMENT if self._columns[column].is_number else _TEXT_ALIGNMENT
        row = self._cached_row(row_index, touch=True)
        if row is None:
            self._request_page(row_index // PAGE_SIZE)
            if role == _DISPLAY:
                return PLACEHOLDER if column == 0 else ""
            return None
        if role == _DISPLAY:
            return row.display[column]
        if role == _FOREGROUND:
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText) if row.muted else None
        if role == _TOOLTIP:
            return row.tooltips[column]
        if role == _SORT:
            return row.sort[column]
        if role == _ITEM:
            return row.line
        return None

    def _on_vm_reset(self, source: Source | None, total: int) -> None:
        self.beginResetModel()
        self._source = source
        self._total = max(0, total)
        self._columns = columns_for(source)
        self._pages.clear()
        self._failed.clear()
        self._last_page = -1
        # Older loads finish on their own and are dropped; they stay referenced in self._tasks.
        self._loading.clear()
        self._generation = self._vm.generation
        self._resets += 1
        first = self._vm.first_page()
        if first:
            self._store(0, first)
        self.endResetModel()
        # A view shows the top after a reset: start on it now rather than at the first paint.
        self._request_page(0)

    def _cached_row(self, row: int, *, touch: bool) -> _Row | None:
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            return None
        if touch and page != self._last_page:
            self._pages.move_to_end(page)
            self._last_page = page
        offset = row - page * PAGE_SIZE
        return rows[offset] if 0 <= offset < len(rows) else None

    def _request_page(self, page: int) -> None:
        """Start loading ``page`` unless it is loading, failed, or a newer reset is on its way."""
        if page in self._loading or page in self._failed or page in self._pages:
            return
        if page < 0 or page * PAGE_SIZE >= self._total or self._vm.generation != self._generation:
            return
        if not loop_running():
            return  # before the event loop (a start-up snapshot): the next paint asks again
        task = start(self._load_page(page, self._resets), self._tasks)
        if task is not None:
            self._loading[page] = task
        self.pages_requested += 1

    async def _load_page(self, page: int, resets: int) -> None:
        try:
            generation, lines = await self._vm.fetch_page(page * PAGE_SIZE, PAGE_SIZE)
        except BaseException:
            if shiboken6.isValid(self) and resets == self._resets:
                self._failed.add(page)  # do not retry on every paint; a reset tries again
            raise
        finally:
            if shiboken6.isValid(self) and self._loading.get(page) is current_task():
                del self._loading[page]
        if not shiboken6.isValid(self) or resets != self._resets:
            return
        if generation != self._generation or generation != self._vm.generation:
            return
        self._store(page, lines)
        if lines:
            first = page * PAGE_SIZE
            last = min(first + len(lines), self._total) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))

    def _store(self, page: int, lines: list[ReadingLine]) -> None:
        """Format ``lines`` as ``page`` and keep them, dropping the least recently used pages."""
        locale = QLocale()
        times = _TimeFormatter(locale)
        self._pages[page] = [self._format(line, locale, times) for line in lines]
        self._pages.move_to_end(page)
        self._last_page = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def _format(self, line: ReadingLine, locale: QLocale, times: _TimeFormatter) -> _Row:
        reading = line.reading
        display: list[str] = []
        sort: list[Any] = []
        tooltips: list[str | None] = []
        for column in self._columns:
            kind = column.kind
            if kind is ColumnKind.TIMESTAMP:
                local = reading.timestamp.astimezone()
                text, tip = times.format(local)
                flags = []
                tips = [tip]
                if reading.estimated:
                    flags.append(translate("Readings", "est."))
                    tips.append(translate("Readings", "Estimated reading"))
                if reading.from_bill:
                    flags.append(translate("Readings", "bill"))
                    tips.append(translate("Readings", "Taken from a bill"))
                display.append(f"{text}  ({', '.join(flags)})" if flags else text)
                sort.append(reading.timestamp)
                tooltips.append("\n".join(tips))
            elif kind is ColumnKind.VALUE:
                assert column.metric is not None and column.metric.id is not None
                value = reading.values.get(column.metric.id)
                display.append("" if value is None else _number(locale, value, column.metric.decimals))
                sort.append(None if value is None else float(value))
                tip = None
                if value is not None and column.metric.kind is MetricKind.INTERVAL:
                    # An amount over its own period: say which (the reading's time is its end).
                    start = reading.starts.get(column.metric.id)
                    tip = (
                        translate("Readings", "The amount from %1 to %2")
                        .replace("%1", times.format(start.astimezone())[0])
                        .replace("%2", times.format(reading.timestamp.astimezone())[0])
                        if start is not None
                        else translate(
                            "Readings", "Its period's start is not known: this amount is not counted in reports"
                        )
                    )
                tooltips.append(tip)
            elif kind is ColumnKind.CONSUMPTION:
                assert column.metric is not None and column.metric.id is not None
                delta = line.consumption.get(column.metric.id)
                display.append("" if delta is None else _signed(locale, delta, column.metric.decimals))
                sort.append(None if delta is None else float(delta))
                tooltips.append(
                    translate("Readings", "Lower than the previous reading: a meter change, a rollover or a typo?")
                    if delta is not None and delta < 0
                    else None
                )
            elif kind is ColumnKind.NOTE:
                note = reading.note.strip()
                first, _, rest = note.partition("\n")
                first = first.strip()
                if len(first) > NOTE_DISPLAY_CHARS or rest.strip():
                    first = first[:NOTE_DISPLAY_CHARS].rstrip() + " …"
                display.append(first)
                sort.append(note.lower())
                tooltips.append(note or None)
            else:
                display.append(line.entered_by_name)
                sort.append(line.entered_by_name.lower())
                tooltips.append(None)
        return _Row(line, tuple(display), tuple(sort), tuple(tooltips), reading.estimated)


def configure_readings_view(view: QTableView) -> None:
    """Set up a table view for a ReadingsTableModel (call after ``setModel``).

    Fixed row height, no word wrap, whole-row extended selection, no editing, SQL sorting with the
    indicator on the time column (newest first), fixed column widths (never ResizeToContents: that
    would read every row), the last column stretched.
    """
    metrics = view.fontMetrics()
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(metrics.height() + 10)
    vertical.hide()
    view.setWordWrap(False)
    view.setItemDelegate(_CellDelegate(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setCornerButtonEnabled(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setSortIndicatorShown(True)
    model = view.model()
    if isinstance(model, ReadingsTableModel):
        header.setSortIndicator(model.sort_column(), model.sort_order())
        model.modelReset.connect(lambda: _on_model_reset(view, model))
        _set_column_widths(view, model)
    else:
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    view.setSortingEnabled(True)


# -- helpers --------------------------------------------------------------------------------


class _CellDelegate(QStyledItemDelegate):
    """Paints a cell straight from the model's formatted row.

    The stock delegate asks data() for seven roles per cell, which dominates the cost of painting
    a screenful of a Python model; this asks once (``ReadingsTableModel.cell``). It draws the
    style's item background (selection, hover), then the text with a little padding, elided.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        model = index.model()
        if not isinstance(model, ReadingsTableModel):
            super().paint(painter, option, index)
            return
        text, number, muted = model.cell(index.row(), index.column())
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        if not text:
            return
        state = option.state
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        else:
            group = QPalette.ColorGroup.Normal
        if state & QStyle.StateFlag.State_Selected:
            role = QPalette.ColorRole.HighlightedText
        elif muted:
            role = QPalette.ColorRole.PlaceholderText
        else:
            role = QPalette.ColorRole.Text
        painter.setPen(option.palette.color(group, role))
        rect = option.rect.adjusted(CELL_PADDING, 0, -CELL_PADDING, 0)
        elided = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, _NUMBER_ALIGNMENT if number else _TEXT_ALIGNMENT, elided)


def _consumption_column(metric: Metric, source: Source | None) -> Column:
    unit = f" ({metric.unit})" if metric.unit else ""
    if source is not None and source.category is Category.SOLAR:
        return Column(
            ColumnKind.CONSUMPTION,
            f"Δ {metric.name}{unit}",
            translate("Readings", "How much %1 rose since the previous reading").replace("%1", metric.name),
            metric,
        )
    return Column(
        ColumnKind.CONSUMPTION,
        translate("Readings", "%1 used").replace("%1", metric.name) + unit,
        translate("Readings", "How much %1 was used since the previous reading").replace("%1", metric.name),
        metric,
    )


class _TimeFormatter:
    """Formats local datetimes in the locale's short format, fast.

    A QDateTime costs ~50 µs to build (a time-zone lookup); a QDate and a QTime cost a few, and
    the date part is cached (readings share days). Locales whose short date-time format is not
    "date time" go the slow way.
    """

    def __init__(self, locale: QLocale) -> None:
        self._locale = locale
        self._date_format = locale.dateFormat(QLocale.FormatType.ShortFormat)
        self._time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
        self._split = locale.dateTimeFormat(QLocale.FormatType.ShortFormat) == (
            f"{self._date_format} {self._time_format}"
        )
        self._dates: dict[tuple[int, int, int], tuple[str, str]] = {}

    def format(self, local: datetime) -> tuple[str, str]:
        """(short date and time, long date and short time) of ``local``."""
        key = (local.year, local.month, local.day)
        dates = self._dates.get(key)
        if dates is None:
            date = QDate(*key)
            dates = (
                self._locale.toString(date, self._date_format),
                self._locale.toString(date, QLocale.FormatType.LongFormat),
            )
            self._dates[key] = dates
        time = self._locale.toString(QTime(local.hour, local.minute, local.second), self._time_format)
        if self._split:
            return f"{dates[0]} {time}", f"{dates[1]} {time}"
        moment = QDateTime(QDate(*key), QTime(local.hour, local.minute, local.second))
        return self._locale.toString(moment, QLocale.FormatType.ShortFormat), f"{dates[1]} {time}"


def _number(locale: QLocale, value: Decimal, decimals: int) -> str:
    return locale.toString(float(value), "f", decimals)


def _signed(locale: QLocale, value: Decimal, decimals: int) -> str:
    text = locale.toString(float(value), "f", decimals)
    return locale.positiveSign() + text if value > 0 else text


def _ranges(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _copy_cells(line: ReadingLine, columns: list[Column], locale: QLocale) -> list[str]:
    """A reading's cells for the clipboard: what a spreadsheet reads back as times and numbers."""
    reading = line.reading
    plain = QLocale(locale)
    plain.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    cells: list[str] = []
    for column in columns:
        kind = column.kind
        if kind is ColumnKind.TIMESTAMP:
            cells.append(reading.timestamp.astimezone().strftime("%Y-%m-%d %H:%M"))
        elif kind is ColumnKind.VALUE or kind is ColumnKind.CONSUMPTION:
            assert column.metric is not None and column.metric.id is not None
            source = reading.values if kind is ColumnKind.VALUE else line.consumption
            value = source.get(column.metric.id)
            cells.append("" if value is None else plain.toString(float(value), "f", column.metric.decimals))
        elif kind is ColumnKind.NOTE:
            cells.append(reading.note)
        else:
            cells.append(line.entered_by_name)
    return cells


def current_task() -> asyncio.Task[Any] | None:
    import asyncio

    return asyncio.current_task()


def _on_model_reset(view: QTableView, model: ReadingsTableModel) -> None:
    if not shiboken6.isValid(view):
        return
    _set_column_widths(view, model)
    # Follows the view model's order; a different header indicator re-sorts (model.sort ignores no-ops).
    view.horizontalHeader().setSortIndicator(model.sort_column(), model.sort_order())


def _set_column_widths(view: QTableView, model: ReadingsTableModel) -> None:
    metrics = view.fontMetrics()
    pad = 2 * CELL_PADDING + 20  # cell margins plus room for the sort indicator
    sample_time = QLocale().toString(QDateTime(QDate(2025, 12, 28), QTime(23, 58)), QLocale.FormatType.ShortFormat)
    for i, column in enumerate(model.columns):
        header_width = metrics.horizontalAdvance(column.header) + pad
        if column.kind is ColumnKind.TIMESTAMP:
            # Room for the rarer flag too; both flags at once are elided (the tooltip has them).
            width = metrics.horizontalAdvance(f"{sample_time}  (est.)") + pad
        elif column.metric is not None:
            decimals = column.metric.decimals
            sample = "+000000" + ("." + "0" * decimals if decimals else "")
            width = max(header_width, metrics.horizontalAdvance(sample) + pad)
        elif column.kind is ColumnKind.NOTE:
            width = max(header_width, metrics.averageCharWidth() * 16)  # the last column: it stretches
        else:
            width = max(header_width, metrics.averageCharWidth() * 14)
        view.setColumnWidth(i, width)
