"""Qt table models of the import wizard: the file's first rows, the column mapping, the preview."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ...domain.entities import Metric, MetricKind, Source
from ...i18n import QT_TRANSLATE_NOOP, translate
from ...services.importing import ColumnTarget, PreviewRow, RowStatus, TargetRole
from ..widgets import tone

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
#: The problem text of a cell (tests and delegates read it; the tooltip shows it).
ProblemRole = Qt.ItemDataRole.UserRole + 1


class SampleTableModel(QAbstractTableModel):
    """The file's first data rows as text, cells as in the file, under its column names."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._rows: list[list[str]] = []

    def set_rows(self, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        width = max([len(self._columns), *(len(r) for r in rows)]) if rows or columns else 0
        self._columns += [
            translate("ImportModels", "Column {number}").format(number=i + 1) for i in range(len(self._columns), width)
        ]
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if 0 <= section < len(self._columns) else None
        return str(section + 1)


class MappingColumn(enum.IntEnum):
    COLUMN = 0
    SAMPLE = 1
    TARGET = 2
    NAME = 3
    UNIT = 4
    KIND = 5


MAPPING_HEADERS = (
    QT_TRANSLATE_NOOP("ImportModels", "Column in the file"),
    QT_TRANSLATE_NOOP("ImportModels", "First values"),
    QT_TRANSLATE_NOOP("ImportModels", "Import as"),
    QT_TRANSLATE_NOOP("ImportModels", "Metric"),
    QT_TRANSLATE_NOOP("ImportModels", "Unit"),
    QT_TRANSLATE_NOOP("ImportModels", "Kind"),
)
#: Shown for a column that is not imported.
IGNORE_TEXT = QT_TRANSLATE_NOOP("ImportModels", "Not imported")
NOTE_TEXT = QT_TRANSLATE_NOOP("ImportModels", "Note")
NEW_METRIC_TEXT = QT_TRANSLATE_NOOP("ImportModels", "New metric")
#: Shown for the date (and time) column in the mapping: set on the first page.
DATE_TEXT, TIME_TEXT = (
    QT_TRANSLATE_NOOP("ImportModels", "Date and time"),
    QT_TRANSLATE_NOOP("ImportModels", "Time of day"),
)
#: How the mapping page names each kind of metric (what the column's values are; shown through
#: ``kind_text``).
KIND_TEXTS = {
    MetricKind.COUNTER: QT_TRANSLATE_NOOP("ImportModels", "Counter"),
    MetricKind.INTERVAL: QT_TRANSLATE_NOOP("ImportModels", "Amount per period"),
    MetricKind.GAUGE: QT_TRANSLATE_NOOP("ImportModels", "Gauge"),
}
#: Shown for the period's ends (a ``From``/``To`` column) in the mapping (through ``translate``).
PERIOD_TEXT = QT_TRANSLATE_NOOP("ImportModels", "Period start")
PERIOD_END_TEXT = QT_TRANSLATE_NOOP("ImportModels", "Period end")


def kind_text(kind: MetricKind) -> str:
    """The mapping page's name of a kind of metric, in the user's language."""
    return translate("ImportModels", KIND_TEXTS[kind])


class MappingTableModel(QAbstractTableModel):
    """One row per column of the file: where its cells go.

    ``TARGET`` is edited with one of ``choices()`` (its text); a new metric's name, unit and kind
    are editable, an existing metric's are shown as stored. Changes go to ``on_change(column,
    target)`` (the view model's ``set_target``), after which the owner calls ``refresh()``.
    """

    def __init__(self, on_change: Callable[[int, ColumnTarget], None], new_metric: Callable[[int], Metric]) -> None:
        super().__init__()
        self._on_change = on_change
        self._new_metric = new_metric
        self._columns: list[str] = []
        self._samples: list[str] = []
        self._mapping: dict[int, ColumnTarget] = {}
        self._source: Source = Source(None, "")
        self._fixed: dict[int, str] = {}

    def refresh(
        self,
        columns: Sequence[str],
        samples: Sequence[str],
        mapping: dict[int, ColumnTarget],
        source: Source,
        fixed: dict[int, str],
    ) -> None:
        """Show ``columns`` (``fixed``: column -> role text of the date and time columns)."""
        if len(columns) != len(self._columns):
            self.beginResetModel()
            self._set(columns, samples, mapping, source, fixed)
            self.endResetModel()
            return
        self._set(columns, samples, mapping, source, fixed)
        if self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._columns) - 1, len(MappingColumn) - 1))

    def choices(self, row: int) -> list[str]:
        """The texts the TARGET cell of ``row`` can take."""
        if row in self._fixed:
            return [self._fixed[row]]
        stored = [m.label for m in self._source.metrics if m.id is not None]
        return [
            translate("ImportModels", IGNORE_TEXT),
            translate("ImportModels", NOTE_TEXT),
            *stored,
            translate("ImportModels", NEW_METRIC_TEXT),
        ]

    def target(self, row: int) -> ColumnTarget:
        return self._mapping.get(row, ColumnTarget.ignored())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(MappingColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal or not 0 <= section < len(MAPPING_HEADERS):
            return None
        return translate("ImportModels", MAPPING_HEADERS[section])

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row, column = index.row(), index.column()
        if row in self._fixed:
            return base
        target = self.target(row)
        editable = column == MappingColumn.TARGET or (
            target.is_new_metric and column in (MappingColumn.NAME, MappingColumn.UNIT, MappingColumn.KIND)
        )
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == MappingColumn.COLUMN or self.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return None
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role not in (_DISPLAY, _EDIT, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == MappingColumn.COLUMN:
            return self._columns[row]
        if column == MappingColumn.SAMPLE:
            return self._samples[row] if row < len(self._samples) else ""
        if row in self._fixed:
            return self._fixed[row] if column == MappingColumn.TARGET else ""
        target = self.target(row)
        metric = target.metric if target.role is TargetRole.METRIC else None
        if column == MappingColumn.TARGET:
            if target.role is TargetRole.NOTE:
                return translate("ImportModels", NOTE_TEXT)
            if metric is None:
                return translate("ImportModels", IGNORE_TEXT)
            return translate("ImportModels", NEW_METRIC_TEXT) if metric.id is None else metric.label
        if metric is None:
            return ""
        if column == MappingColumn.NAME:
            return metric.name
        if column == MappingColumn.UNIT:
            return metric.unit
        if column == MappingColumn.KIND:
            return kind_text(metric.kind)
        return None

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:  # noqa: N802
        if not index.isValid() or role != _EDIT or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), index.column()
        text = str(value).strip()
        target = self.target(row)
        if column == MappingColumn.TARGET:
            new = self._target_for(row, text)
            if new is None:
                return False
        else:
            metric = target.metric
            assert metric is not None
            if column == MappingColumn.NAME:
                if not text:
                    return False
                metric = Metric(None, text, metric.unit, metric.kind, metric.decimals, metric.digits)
            elif column == MappingColumn.UNIT:
                metric = Metric(None, metric.name, text, metric.kind, metric.decimals, metric.digits)
            else:
                kind = next((k for k in MetricKind if text in (kind_text(k), KIND_TEXTS[k], k.label, k.value)), None)
                if kind is None:
                    return False
                metric = Metric(None, metric.name, metric.unit, kind, metric.decimals, metric.digits)
            new = ColumnTarget.to_metric(metric)
        self._on_change(row, new)
        return True

    # -- helpers -----------------------------------------------------------------------------

    def _set(
        self,
        columns: Sequence[str],
        samples: Sequence[str],
        mapping: dict[int, ColumnTarget],
        source: Source,
        fixed: dict[int, str],
    ) -> None:
        self._columns = list(columns)
        self._samples = list(samples)
        self._mapping = dict(mapping)
        self._source = source
        self._fixed = dict(fixed)

    def _target_for(self, row: int, text: str) -> ColumnTarget | None:
        if text == translate("ImportModels", IGNORE_TEXT):
            return ColumnTarget.ignored()
        if text == translate("ImportModels", NOTE_TEXT):
            return ColumnTarget.to_note()
        if text == translate("ImportModels", NEW_METRIC_TEXT):
            current = self.target(row)
            if current.is_new_metric:
                return current
            return ColumnTarget.to_metric(self._new_metric(row))
        metric = next((m for m in self._source.metrics if m.id is not None and m.label == text), None)
        return ColumnTarget.to_metric(metric) if metric is not None else None


class PreviewTableModel(QAbstractTableModel):
    """The first rows as they will be stored: line, time, each imported metric, note, status.

    A cell with a problem is coloured (the palette's error tone) and says why in its tooltip
    (``ProblemRole`` holds the text too).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        #: (title, file column, decimals) of each metric shown after Line and Time.
        self._metrics: list[tuple[str, int, int]] = []
        self._note_column: int | None = None
        self._period_texts: list[str] = []
        self._date_columns: tuple[int, ...] = ()
        self._format_time: Callable[[datetime], str] = lambda moment: moment.astimezone().strftime("%Y-%m-%d %H:%M")
        self._format_value: Callable[[Any, int], str] = lambda value, _decimals: str(value)
        #: file column -> unit of the metrics of amounts per period: their cells show the value with its period.
        self._periods: dict[int, str] = {}

    def set_rows(
        self,
        rows: Sequence[PreviewRow],
        metrics: Sequence[tuple[str, int, int]],
        note_column: int | None,
        date_columns: tuple[int, ...],
        format_time: Callable[[datetime], str] | None = None,
        format_value: Callable[[Any, int], str] | None = None,
        periods: dict[int, str] | None = None,
    ) -> None:
        """``periods``: file column -> unit of each amount per period (shown as ``0.25 kWh · 00:00–00:15``)."""
        self.beginResetModel()
        self._periods = dict(periods or {})
        self._rows = list(rows)
        # Formatted once, when the rows arrive: data() stays O(1).
        self._period_texts = [period_text(r.period_start, r.timestamp) for r in self._rows]
        self._metrics = list(metrics)
        self._note_column = note_column
        self._date_columns = date_columns
        if format_time is not None:
            self._format_time = format_time
        if format_value is not None:
            self._format_value = format_value
        self.endResetModel()

    @property
    def rows(self) -> list[PreviewRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4 + len(self._metrics)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        titles = [
            translate("PreviewTableModel", "Line"),
            translate("PreviewTableModel", "Time"),
            *(title for title, _c, _d in self._metrics),
            translate("PreviewTableModel", "Note"),
            translate("PreviewTableModel", "Status"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def file_column(self, column: int) -> int | None:
        """The file's column behind preview column ``column`` (None for line and status)."""
        if column == 1:
            return self._date_columns[0] if self._date_columns else None
        if 2 <= column < 2 + len(self._metrics):
            return self._metrics[column - 2][1]
        if column == 2 + len(self._metrics):
            return self._note_column
        return None

    def problem(self, row: int, column: int) -> str:
        """What is wrong with the cell at (row, column); "" if nothing."""
        line = self._rows[row]
        if column == self.columnCount() - 1:
            if line.status is RowStatus.INVALID and not line.row_problem:
                return "; ".join(line.problems.values())
            return line.row_problem
        if column == 1:
            return next((line.problems[c] for c in self._date_columns if c in line.problems), "")
        file_column = self.file_column(column)
        if file_column is None:
            return ""
        # A cell that holds no value (NaN, -, n/a, a word) is left empty; the row is kept.
        return line.problems.get(file_column, "") or line.missing.get(file_column, "")

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        line = self._rows[row]
        if role in (Qt.ItemDataRole.ToolTipRole, ProblemRole):
            problem = self.problem(row, column)
            if role == ProblemRole:
                return problem
            return problem or None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            problem = self.problem(row, column)
            if not problem:
                return None
            kind = "error" if line.status is RowStatus.INVALID else "warning"
            background, foreground = tone(kind, QApplication.palette())
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column < 2 + len(self._metrics):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != _DISPLAY:
            return None
        if column == 0:
            return str(line.line)
        if column == 1:
            if line.timestamp is not None:
                return self._format_time(line.timestamp)
            return " ".join(line.cells[c] for c in self._date_columns if c < len(line.cells))
        if column == self.columnCount() - 1:
            if line.status is RowStatus.INVALID:
                reason = line.row_problem or next(iter(line.problems.values()), "")
                return (
                    translate("ImportModels", "Invalid: {reason}").format(reason=reason)
                    if reason
                    else translate("ImportModels", _STATUS_TEXT[line.status])
                )
            if line.status is RowStatus.OK and line.missing:
                return translate("ImportModels", "OK, %n cell(s) left empty", None, len(line.missing))
            return translate("ImportModels", _STATUS_TEXT[line.status])
        if column == 2 + len(self._metrics):
            return line.note
        _title, file_column, decimals = self._metrics[column - 2]
        if file_column in line.problems or file_column in line.missing:
            return line.cells[file_column] if file_column < len(line.cells) else ""
        value = line.values.get(file_column)
        if value is None:
            return ""
        text = self._format_value(value, decimals)
        if file_column in self._periods:
            unit = self._periods[file_column]
            return f"{text} {unit} · {self._period_texts[row]}" if unit else f"{text} · {self._period_texts[row]}"
        return text


def period_text(start: datetime | None, end: datetime | None) -> str:
    """A period in local time, as short as it reads: ``00:00–00:15``, ``2024-01-01`` (a whole day),
    ``01-01 22:00–01-02 06:00``; "since the previous row" without a start."""
    if end is None:
        return ""
    finish = end.astimezone()
    if start is None:
        return translate("ImportModels", "since the previous row – {time}").format(time=f"{finish:%H:%M}")
    begin = start.astimezone()
    midnight = (begin.hour, begin.minute, finish.hour, finish.minute) == (0, 0, 0, 0)
    days = (finish.date() - begin.date()).days
    if midnight and days == 1:
        return f"{begin:%Y-%m-%d}"
    if midnight and days > 1:
        return f"{begin:%Y-%m-%d}–{(finish - _DAY):%Y-%m-%d}"
    if days == 0 or (days == 1 and (finish.hour, finish.minute) == (0, 0)):
        return f"{begin:%H:%M}–{finish:%H:%M}"
    return f"{begin:%m-%d %H:%M}–{finish:%m-%d %H:%M}"


_DAY = timedelta(days=1)


_STATUS_TEXT = {
    RowStatus.OK: "OK",
    RowStatus.EMPTY: QT_TRANSLATE_NOOP("ImportModels", "No value: skipped"),
    RowStatus.INVALID: QT_TRANSLATE_NOOP("ImportModels", "Invalid"),
    RowStatus.DUPLICATE: QT_TRANSLATE_NOOP("ImportModels", "Same time as an earlier row"),
    RowStatus.NOT_READING: QT_TRANSLATE_NOOP("ImportModels", "Not a reading: skipped"),
}
