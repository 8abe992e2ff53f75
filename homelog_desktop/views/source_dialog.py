"""Dialog to create or edit a source: its details and its metrics in order."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import qasync  # isort: skip  (after PySide6, so qasync picks PySide6)

from ..domain.entities import MAX_DECIMALS, Category, Member, Metric, MetricKind, Source
from ..viewmodels.source_editor import (
    MAX_DIGITS,
    MAX_INTERVAL_DAYS,
    MAX_METRIC_NAME_LENGTH,
    MAX_NAME_LENGTH,
    MAX_UNIT_LENGTH,
    Problem,
    SourceEditorViewModel,
    check_source,
    default_metric,
)
from .icons import category_icon
from .widgets import ask_to_discard

#: What each kind of metric means, for tooltips.
KIND_TIPS = {
    MetricKind.COUNTER: (
        "Counter: a cumulative register, like a kWh or water meter. Consumption is the difference between two readings."
    ),
    MetricKind.INTERVAL: ("Interval: each value is already the amount for its period, like a bill or an oil delivery."),
    MetricKind.GAUGE: (
        "Gauge: an instantaneous value, like a room temperature or a tank level. "
        "Periods show its mean, minimum and maximum."
    ),
}
DIGITS_TIP = (
    "Register digits, for roll-over: a counter with 6 digits goes from 999999 back to 0. Leave blank if unknown."
)
NO_DIGITS_TIP = "Only counters have register digits."
DECIMALS_TIP = "How many decimals the values of this metric are entered with (0–6)."
#: Longest source name shown in the window title.
TITLE_NAME_LENGTH = 60
#: Widest the text of the "Discard …?" question grows to keep its detail on one line.


class MetricColumn(enum.IntEnum):
    NAME = 0
    UNIT = 1
    KIND = 2
    DECIMALS = 3
    DIGITS = 4


#: Column headers, in MetricColumn order.
METRIC_HEADERS = ("Name", "Unit", "Kind", "Decimals", "Digits")


@dataclass(slots=True)
class _MetricRow:
    id: int | None
    name: str
    unit: str
    kind: MetricKind
    decimals: int
    digits: int | None

    @classmethod
    def of(cls, metric: Metric) -> _MetricRow:
        digits = metric.digits if metric.kind is MetricKind.COUNTER else None
        return cls(metric.id, metric.name, metric.unit, metric.kind, metric.decimals, digits)

    def to_metric(self, position: int) -> Metric:
        digits = self.digits if self.kind is MetricKind.COUNTER else None
        return Metric(self.id, self.name.strip(), self.unit.strip(), self.kind, self.decimals, digits, position)


class MetricsTableModel(QAbstractTableModel):
    """The metrics of the source being edited, in order, editable in place.

    ``touched`` turns True on the first change the user makes (an edit, a row added, removed or
    moved), so a new source can keep following its category's default until then.
    """

    #: The Metric of a row (position = row).
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, metrics: Iterable[Metric] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [_MetricRow.of(m) for m in metrics]
        self._problem_rows: dict[int, str] = {}
        self.touched = False
        palette = QGuiApplication.palette()
        self._dim = palette.color(QPalette.ColorRole.PlaceholderText)
        style = QApplication.style()
        self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    # -- public API -------------------------------------------------------------------------

    def metrics(self) -> tuple[Metric, ...]:
        return tuple(row.to_metric(position) for position, row in enumerate(self._rows))

    def metric_at(self, row: int) -> Metric:
        return self._rows[row].to_metric(row)

    def set_metrics(self, metrics: Iterable[Metric]) -> None:
        """Replace every row (not a user change: ``touched`` is left as it is)."""
        self.beginResetModel()
        self._rows = [_MetricRow.of(m) for m in metrics]
        self._problem_rows = {}
        self.endResetModel()

    def insert_metric(self, row: int, metric: Metric) -> None:
        row = max(0, min(row, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, _MetricRow.of(metric))
        self.endInsertRows()
        self._problem_rows = {}
        self.touched = True

    def remove_metric(self, row: int) -> Metric:
        metric = self.metric_at(row)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._problem_rows = {}
        self.touched = True
        return metric

    def move_metric(self, row: int, delta: int) -> int:
        """Move a row up (delta -1) or down (+1); returns where it ended up."""
        target = row + delta
        if delta == 0 or not 0 <= row < len(self._rows) or not 0 <= target < len(self._rows):
            return row
        # Qt's destination is the row before which the moved row lands, counted before the move.
        destination = target if delta < 0 else target + 1
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        self._problem_rows = {}
        self.touched = True
        return target

    def set_problem_rows(self, problems: dict[int, str]) -> None:
        """Mark rows with a warning icon and the problem as tooltip (an empty dict clears them)."""
        changed = set(self._problem_rows) | set(problems)
        self._problem_rows = {r: m for r, m in problems.items() if 0 <= r < len(self._rows)}
        for row in changed:
            if 0 <= row < len(self._rows):
                index = self.index(row, MetricColumn.NAME)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(METRIC_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(METRIC_HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return METRIC_HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                if section == MetricColumn.KIND:
                    return "\n".join(KIND_TIPS.values())
                if section == MetricColumn.DIGITS:
                    return DIGITS_TIP
                if section == MetricColumn.DECIMALS:
                    return DECIMALS_TIP
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        if index.column() == MetricColumn.DIGITS and row.kind is not MetricKind.COUNTER:
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == MetricColumn.NAME and index.row() in self._problem_rows:
                return self._warning_icon
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (MetricColumn.DECIMALS, MetricColumn.DIGITS):
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == MetricColumn.DIGITS and row.kind is not MetricKind.COUNTER:
                return self._dim
            return None
        if role == self.ItemRole:
            return row.to_metric(index.row())
        return None

    def setData(  # noqa: N802
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self._rows[index.row()]
        updated = _updated(row, MetricColumn(index.column()), value)
        if updated is None:
            return False
        if updated == row:
            return True
        self._rows[index.row()] = updated
        self.touched = True
        last = MetricColumn.DIGITS if index.column() == MetricColumn.KIND else index.column()
        self.dataChanged.emit(index, self.index(index.row(), last))
        return True

    # -- helpers ----------------------------------------------------------------------------

    def _display(self, row: _MetricRow, column: int) -> str:
        if column == MetricColumn.NAME:
            return row.name
        if column == MetricColumn.UNIT:
            return row.unit
        if column == MetricColumn.KIND:
            return row.kind.label
        if column == MetricColumn.DECIMALS:
            return str(row.decimals)
        if row.kind is not MetricKind.COUNTER:
            return "—"
        return "" if row.digits is None else str(row.digits)

    def _edit_value(self, row: _MetricRow, column: int) -> Any:
        if column == MetricColumn.NAME:
            return row.name
        if column == MetricColumn.UNIT:
            return row.unit
        if column == MetricColumn.KIND:
            return row.kind.value
        if column == MetricColumn.DECIMALS:
            return row.decimals
        return row.digits or 0

    def _tooltip(self, row_number: int, row: _MetricRow, column: int) -> str | None:
        if column == MetricColumn.NAME:
            problem = self._problem_rows.get(row_number)
            return problem or (row.name or None)
        if column == MetricColumn.KIND:
            return KIND_TIPS[row.kind]
        if column == MetricColumn.DECIMALS:
            return DECIMALS_TIP
        if column == MetricColumn.DIGITS:
            return DIGITS_TIP if row.kind is MetricKind.COUNTER else NO_DIGITS_TIP
        return None


def _updated(row: _MetricRow, column: MetricColumn, value: Any) -> _MetricRow | None:
    """``row`` with ``column`` set to ``value``; None when the value is not acceptable."""
    if column == MetricColumn.NAME:
        return replace(row, name=str(value or "")[:MAX_METRIC_NAME_LENGTH])
    if column == MetricColumn.UNIT:
        return replace(row, unit=str(value or "")[:MAX_UNIT_LENGTH])
    if column == MetricColumn.KIND:
        try:
            kind = MetricKind(str(value))
        except ValueError:
            return None
        return replace(row, kind=kind, digits=row.digits if kind is MetricKind.COUNTER else None)
    number = _as_int(value)
    if column == MetricColumn.DECIMALS:
        if number is None or not 0 <= number <= MAX_DECIMALS:
            return None
        return replace(row, decimals=number)
    if value is None or value == "":
        return replace(row, digits=None)
    if number is None or not 0 <= number <= MAX_DIGITS:
        return None
    return replace(row, digits=number or None)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


class MetricsDelegate(QStyledItemDelegate):
    """Editors of the metrics table: text fields, a kind combo and spin boxes."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        column = index.column()
        if column == MetricColumn.NAME:
            line = QLineEdit(parent)
            line.setMaxLength(MAX_METRIC_NAME_LENGTH)
            line.setPlaceholderText("Name, e.g. Day")
            return line
        if column == MetricColumn.UNIT:
            line = QLineEdit(parent)
            line.setMaxLength(MAX_UNIT_LENGTH)
            line.setPlaceholderText("e.g. kWh")
            return line
        if column == MetricColumn.KIND:
            combo = QComboBox(parent)
            for kind in MetricKind:
                combo.addItem(kind.label, kind.value)
                combo.setItemData(combo.count() - 1, KIND_TIPS[kind], Qt.ItemDataRole.ToolTipRole)
            combo.activated.connect(lambda _index, c=combo: self._commit(c))
            return combo
        spin = QSpinBox(parent)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if column == MetricColumn.DECIMALS:
            spin.setRange(0, MAX_DECIMALS)
            spin.setToolTip(DECIMALS_TIP)
        else:
            spin.setRange(0, MAX_DIGITS)
            spin.setSpecialValueText("—")  # no digits: blank in the table
            spin.setToolTip(DIGITS_TIP)
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
            editor.setToolTip(KIND_TIPS.get(MetricKind(value), ""))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)


class FieldError(QLabel):
    """A message shown under the part of the form it is about; hidden while empty."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_message(self, message: str) -> None:
        if message:
            self._apply_color()  # the palette may have turned dark or light since
        self.setText(message)
        self.setVisible(bool(message))

    def _apply_color(self) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff8a80" if dark else "#b3261e"))
        self.setPalette(palette)


class SourceDialog(QDialog):
    """Create a source (the view model has none) or edit one.

    Loads members and value counts when shown; Save checks the form first and shows problems next
    to the part they concern; a refusal from the database (a taken name, fewer decimals than stored
    values need) is shown the same way. The dialog accepts only once the view model has saved, and
    keeps everything typed when saving fails.
    """

    def __init__(self, vm: SourceEditorViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceDialog")
        self._vm = vm
        self._loaded = False
        self._attempted = False
        #: A refusal from the database, shown until the part it concerns changes.
        self._server_problem: Problem | None = None
        self._showing_problems = False
        source = vm.source
        self._original = source
        self._pending_owner = source.owner_id if source is not None else None
        self._value_counts: dict[int, int] = {}
        self.result_source: Source | None = None
        self._discard_box: QMessageBox | None = None
        self._setup_ui()
        self._fill(source)
        #: The form as it was opened, to tell whether closing throws something away.
        self._initial = self.current_source()
        self._connect()

    # -- public -----------------------------------------------------------------------------

    @property
    def metrics_model(self) -> MetricsTableModel:
        return self._metrics

    def current_source(self) -> Source:
        """The source as the form shows it now."""
        original = self._original
        interval = self.interval_spin.value()
        return Source(
            id=original.id if original is not None else None,
            name=self.name_edit.text().strip(),
            category=Category(self.category_combo.currentData()),
            description=self.description_edit.toPlainText().strip(),
            owner_id=self._owner_id(),
            is_public=self.public_check.isChecked(),
            interval_days=interval or None,
            archived=original.archived if original is not None else False,
            metrics=self._metrics.metrics(),
        )

    def has_changes(self) -> bool:
        """True when the form differs from what it showed when the dialog opened.

        Picking another category for a new source is not a change by itself: its untouched
        default metric just follows the category.
        """
        current = self.current_source()
        initial = self._initial
        if self._vm.is_new and current.metrics == (default_metric(current.category),):
            initial = replace(initial, category=current.category, metrics=current.metrics)
        return current != initial

    # -- Qt overrides -----------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc or the close button; with changes, ask before throwing them away."""
        self._commit_metric_editor()
        if not self.isVisible() or self.result_source is not None or not self.has_changes():
            super().reject()
            return
        if self._discard_box is not None:
            return
        if self._vm.is_new or self._original is None:
            question, detail = "Discard this new source?", "The source you started has not been saved."
        else:
            name = _elided(self._original.name, TITLE_NAME_LENGTH)
            question, detail = "Discard your changes to this source?", f"Your changes to “{name}” have not been saved."
        self._discard_box = ask_to_discard(self, "discardSourceBox", question, detail, self._on_discard_answered)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._loaded:
            self._loaded = True
            self._load()

    # -- construction -----------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setWindowTitle(_title(self._original))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.resize(680, 620)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setPlaceholderText("e.g. Electricity meter, Cellar water")
        self.name_error = FieldError("nameError", self)

        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("categoryCombo")
        for category in Category:
            self.category_combo.addItem(category_icon(category), category.label, category.value)

        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText("Optional: where it is, the meter number…")
        lines = self.description_edit.fontMetrics().lineSpacing()
        self.description_edit.setFixedHeight(lines * 3 + 14)

        self.owner_combo = QComboBox(self)
        self.owner_combo.setObjectName("ownerCombo")
        self.owner_combo.addItem("—", None)
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner_combo.setMinimumContentsLength(20)

        self.interval_spin = QSpinBox(self)
        self.interval_spin.setObjectName("intervalSpin")
        self.interval_spin.setRange(0, MAX_INTERVAL_DAYS)
        self.interval_spin.setSpecialValueText("No reminder")
        self.interval_spin.setSuffix(" days")
        self.interval_spin.setToolTip(
            "Home Log marks the source as overdue when no reading was entered for this many days."
        )
        self.interval_spin.setMinimumWidth(self.interval_spin.fontMetrics().horizontalAdvance("No reminder") + 48)
        self.interval_error = FieldError("intervalError", self)

        self.public_check = QCheckBox("Public", self)
        self.public_check.setObjectName("publicCheck")
        public_hint = QLabel("Other members can see this source when the database is shared.", self)
        public_hint.setWordWrap(True)
        hint_palette = public_hint.palette()
        hint_palette.setColor(QPalette.ColorRole.WindowText, hint_palette.color(QPalette.ColorRole.PlaceholderText))
        public_hint.setPalette(hint_palette)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name:", with_error(self.name_edit, self.name_error))
        form.addRow("&Category:", _left(self.category_combo))
        form.addRow("&Description:", self.description_edit)
        form.addRow("&Owner:", _left(self.owner_combo))
        form.addRow("Expected reading &interval:", with_error(_left(self.interval_spin), self.interval_error))
        public_box = QVBoxLayout()
        public_box.setSpacing(2)
        public_box.addWidget(self.public_check)
        public_box.addWidget(public_hint)
        form.addRow("Visibility:", public_box)

        self._metrics = MetricsTableModel(parent=self)
        self.metrics_view = QTableView(self)
        self.metrics_view.setObjectName("metricsView")
        self.metrics_view.setModel(self._metrics)
        self.metrics_view.setItemDelegate(MetricsDelegate(self.metrics_view))
        self.metrics_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.metrics_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.metrics_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.metrics_view.setTabKeyNavigation(False)
        self.metrics_view.setWordWrap(False)
        self.metrics_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.metrics_view.setAlternatingRowColors(True)
        self.metrics_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.metrics_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.metrics_view.verticalHeader().hide()
        header = self.metrics_view.horizontalHeader()
        header.setSectionResizeMode(MetricColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, sample in (
            (MetricColumn.UNIT, "Unit unit"),
            (MetricColumn.KIND, "Interval ▾▾"),
            (MetricColumn.DECIMALS, "Decimals ▾"),
            (MetricColumn.DIGITS, "Digits ▾▾"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 28)
        self.metrics_view.setMinimumHeight(self.metrics_view.verticalHeader().defaultSectionSize() * 4 + 30)

        self.add_metric_button = QPushButton("&Add metric", self)
        self.add_metric_button.setObjectName("addMetricButton")
        self.remove_metric_button = QPushButton("&Remove", self)
        self.remove_metric_button.setObjectName("removeMetricButton")
        self.move_up_button = QPushButton("Move &up", self)
        self.move_up_button.setObjectName("moveUpButton")
        self.move_down_button = QPushButton("Move do&wn", self)
        self.move_down_button.setObjectName("moveDownButton")
        metric_buttons = QHBoxLayout()
        for button in (
            self.add_metric_button,
            self.remove_metric_button,
            self.move_up_button,
            self.move_down_button,
        ):
            button.setAutoDefault(False)
            metric_buttons.addWidget(button)
        metric_buttons.addStretch(1)
        self.metrics_error = FieldError("metricsError", self)

        metrics_label = QLabel("<b>Metrics</b> — the registers or values read from this source, in order", self)
        metrics_label.setWordWrap(True)
        metrics_label.setBuddy(self.metrics_view)

        self.form_error = FieldError("formError", self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(metrics_label)
        layout.addWidget(self.metrics_view, 1)
        layout.addLayout(metric_buttons)
        layout.addWidget(self.metrics_error)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _fill(self, source: Source | None) -> None:
        if source is None:
            category = Category.ELECTRICITY
            self._select_category(category)
            self._metrics.set_metrics([default_metric(category)])
        else:
            self.name_edit.setText(source.name)
            self._select_category(source.category)
            self.description_edit.setPlainText(source.description)
            self.public_check.setChecked(source.is_public)
            self.interval_spin.setValue(source.interval_days or 0)
            self._metrics.set_metrics(source.metrics)
        if self._metrics.rowCount():
            self.metrics_view.selectRow(0)
        self._update_metric_buttons()

    def _connect(self) -> None:
        vm = self._vm
        vm.members_loaded.connect(self._on_vm_members_loaded)
        vm.value_counts_loaded.connect(self._on_vm_value_counts_loaded)
        vm.saved.connect(self._on_vm_saved)
        vm.error_occurred.connect(self._on_vm_error_occurred)
        vm.busy_changed.connect(self._on_vm_busy_changed)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)
        self.add_metric_button.clicked.connect(self._on_add_metric_clicked)
        self.remove_metric_button.clicked.connect(self._on_remove_metric_clicked)
        self.move_up_button.clicked.connect(self._on_move_up_clicked)
        self.move_down_button.clicked.connect(self._on_move_down_clicked)
        self.metrics_view.selectionModel().selectionChanged.connect(self._update_metric_buttons)
        self.name_edit.textChanged.connect(self._on_name_changed)
        self.interval_spin.valueChanged.connect(self._on_interval_changed)
        for signal in (
            self._metrics.dataChanged,
            self._metrics.rowsInserted,
            self._metrics.rowsRemoved,
            self._metrics.rowsMoved,
            self._metrics.modelReset,
        ):
            signal.connect(self._on_metrics_changed)

    # -- async slots (one line each) --------------------------------------------------------

    @qasync.asyncSlot()
    async def _load(self) -> None:
        await self._vm.load()

    @qasync.asyncSlot(object)
    async def _save(self, source: Source) -> None:
        await self._vm.save(source)

    # -- view model signals -----------------------------------------------------------------

    def _on_vm_members_loaded(self, members: Sequence[Member]) -> None:
        wanted = self._owner_id()
        self.owner_combo.clear()
        self.owner_combo.addItem("—", None)
        names = [m.name.casefold() for m in members]
        for member in members:
            label = member.name
            if member.email and names.count(member.name.casefold()) > 1:
                label = f"{member.name} ({member.email})"  # tell namesakes apart
            self.owner_combo.addItem(label, member.id)
            if member.email:
                self.owner_combo.setItemData(self.owner_combo.count() - 1, member.email, Qt.ItemDataRole.ToolTipRole)
        index = self.owner_combo.findData(wanted) if wanted is not None else 0
        self.owner_combo.setCurrentIndex(max(0, index))
        self._pending_owner = None

    def _on_vm_value_counts_loaded(self, counts: dict[int, int]) -> None:
        self._value_counts = dict(counts)

    def _on_vm_saved(self, source: Source) -> None:
        self.result_source = source
        if self._discard_box is not None:
            self._discard_box.reject()  # saved after all: nothing left to discard
        self.accept()

    def _on_vm_error_occurred(self, message: str) -> None:
        problem = self._vm.last_problem or Problem("", message)
        self._server_problem = problem
        self._show_problems()
        self._focus_problem(problem)

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    # -- widget signals ---------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        self._commit_metric_editor()
        self._attempted = True
        self._server_problem = None
        source = self.current_source()
        problems = self._show_problems()
        if problems:
            self._focus_problem(problems[0])
            return
        self._save(source)

    def _on_category_changed(self, _index: int) -> None:
        if self._vm.is_new and not self._metrics.touched and self._metrics.rowCount() <= 1:
            self._metrics.set_metrics([default_metric(Category(self.category_combo.currentData()))])
            self.metrics_view.selectRow(0)

    def _on_discard_answered(self, discard: bool) -> None:
        self._discard_box = None
        if discard:
            super().reject()

    def _on_add_metric_clicked(self) -> None:
        model = self._metrics
        row = model.rowCount()
        if row:
            template = model.metric_at(row - 1)
            metric = Metric(None, "", template.unit, template.kind, template.decimals)
        else:
            metric = default_metric(Category(self.category_combo.currentData()))
        model.insert_metric(row, metric)
        index = model.index(row, MetricColumn.NAME)
        self.metrics_view.setCurrentIndex(index)
        self.metrics_view.scrollTo(index)
        self.metrics_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.metrics_view.edit(index)

    def _on_remove_metric_clicked(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        metric = self._metrics.metric_at(row)
        if metric.id is None:
            self._remove_row(row)
            return
        count = self._value_counts.get(metric.id)
        if count == 0:
            self._remove_row(row)
            return
        self._confirm_remove(row, metric, count)

    def _on_move_up_clicked(self) -> None:
        self._move_selected(-1)

    def _on_move_down_clicked(self) -> None:
        self._move_selected(1)

    def _on_name_changed(self, _text: str) -> None:
        if self._server_problem is not None and self._server_problem.where == "name":
            self._server_problem = None
        self._refresh_problems()

    def _on_interval_changed(self, _value: int) -> None:
        if self._server_problem is not None and self._server_problem.where == "interval":
            self._server_problem = None
        self._refresh_problems()

    def _on_metrics_changed(self, *_args: object) -> None:
        if self._showing_problems:
            return  # only the warning marks changed
        if self._server_problem is not None and self._server_problem.where == "metrics":
            self._server_problem = None
        self._refresh_problems()
        self._update_metric_buttons()

    # -- helpers ----------------------------------------------------------------------------

    def _confirm_remove(self, row: int, metric: Metric, count: int | None) -> None:
        if count is None:
            detail = "Its stored values will be deleted when you save."
        else:
            values = "value" if count == 1 else "values"
            detail = f"Its {count:,} stored {values} will be deleted when you save."
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Remove metric",
            f"Remove the metric “{_elided(metric.name, 60)}”?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("removeMetricBox")
        box.setInformativeText(f"{detail} Cancel keeps them.")
        remove = box.addButton("Remove metric and values", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        metric_id = metric.id

        def on_finished(_result: int) -> None:
            if box.clickedButton() is remove:
                current = self._row_of_metric(metric_id)
                if current is not None:
                    self._remove_row(current)
            box.deleteLater()

        box.finished.connect(on_finished)
        box.open()

    def _commit_metric_editor(self) -> None:
        """Store what is being typed in the metrics table before the form is read."""
        editor = self.metrics_view.indexWidget(self.metrics_view.currentIndex())
        if editor is not None:
            self.metrics_view.commitData(editor)
            self.metrics_view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _remove_row(self, row: int) -> None:
        self._metrics.remove_metric(row)
        remaining = self._metrics.rowCount()
        if remaining:
            self.metrics_view.selectRow(min(row, remaining - 1))

    def _move_selected(self, delta: int) -> None:
        row = self._selected_row()
        if row is None:
            return
        target = self._metrics.move_metric(row, delta)
        self.metrics_view.selectRow(target)
        self._update_metric_buttons()

    def _selected_row(self) -> int | None:
        rows = self.metrics_view.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        current = self.metrics_view.currentIndex()
        return current.row() if current.isValid() else None

    def _row_of_metric(self, metric_id: int | None) -> int | None:
        for row, metric in enumerate(self._metrics.metrics()):
            if metric.id == metric_id:
                return row
        return None

    def _update_metric_buttons(self, *_args: object) -> None:
        row = self._selected_row()
        count = self._metrics.rowCount()
        self.remove_metric_button.setEnabled(row is not None)
        self.move_up_button.setEnabled(row is not None and row > 0)
        self.move_down_button.setEnabled(row is not None and row < count - 1)

    def _owner_id(self) -> int | None:
        if self._pending_owner is not None:
            return self._pending_owner  # members not loaded yet: keep the stored owner
        data = self.owner_combo.currentData()
        return int(data) if data is not None else None

    def _select_category(self, category: Category) -> None:
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(category.value)))

    def _refresh_problems(self) -> None:
        if self._attempted or self._server_problem is not None:
            self._show_problems()

    def _show_problems(self) -> list[Problem]:
        """Show the form's problems (and the database's refusal) where they belong; return them."""
        self._showing_problems = True
        try:
            return self._place_problems()
        finally:
            self._showing_problems = False

    def _place_problems(self) -> list[Problem]:
        problems = check_source(self.current_source())
        if self._server_problem is not None:
            problems.append(self._server_problem)
        by_place: dict[str, list[str]] = {}
        rows: dict[int, str] = {}
        for problem in problems:
            by_place.setdefault(problem.where, []).append(problem.message)
            if problem.row is not None:
                rows.setdefault(problem.row, problem.message)
        for where, label in (
            ("name", self.name_error),
            ("interval", self.interval_error),
            ("metrics", self.metrics_error),
            ("", self.form_error),
        ):
            label.set_message("\n".join(by_place.get(where, [])))
        self._metrics.set_problem_rows(rows)
        return problems

    def _focus_problem(self, problem: Problem) -> None:
        if problem.where == "name":
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.name_edit.selectAll()
        elif problem.where == "interval":
            self.interval_spin.setFocus(Qt.FocusReason.OtherFocusReason)
        elif problem.where == "metrics":
            self.metrics_view.setFocus(Qt.FocusReason.OtherFocusReason)
            if problem.row is not None and problem.row < self._metrics.rowCount():
                self.metrics_view.selectRow(problem.row)


def with_error(field: QWidget, error: FieldError) -> QWidget:
    """``field`` with its error message right under it, as one form row."""
    box = QWidget(field.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(field)
    layout.addWidget(error)
    return box


def _left(widget: QWidget) -> QWidget:
    """``widget`` at its preferred width, on the left of its form row."""
    box = QWidget(widget.parentWidget())
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _elided(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _title(source: Source | None) -> str:
    if source is None or source.id is None:
        return "New source"
    return f"Edit source — {_elided(source.name, TITLE_NAME_LENGTH)}"
