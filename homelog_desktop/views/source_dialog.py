"""Dialog to create or edit a source: its details and its metrics in order."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QPalette, QShortcut, QShowEvent
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..i18n import QT_TRANSLATE_NOOP, translate

import qasync  # isort: skip  (after PySide6, so qasync picks PySide6)

from ..domain.entities import MAX_DECIMALS, Category, Member, Metric, MetricKind, Source
from ..domain.errors import ConflictError
from ..domain.rules import MAX_DIGITS, MAX_INTERVAL_DAYS, MAX_METRIC_NAME_LENGTH, MAX_NAME_LENGTH, MAX_UNIT_LENGTH
from ..viewmodels.source_editor import MeterChanges, Problem, SourceEditorViewModel, default_metric
from .conflict_dialog import OVERWRITE, RELOAD, ConflictQuestion, ask
from .energy_tab import EnergyTab
from .icons import category_icon
from .meter_changes import (
    EventColumn,
    MeterEventDialog,
    MeterEventsTableModel,
    TariffColumn,
    TariffsTableModel,
    open_item_dialog,
    open_tariff_dialog,
)
from .meter_changes import FieldError as FieldError  # re-exported: the members dialog uses it
from .widgets import DiscardQuestion, preferred_size

#: What each kind of metric means, for tooltips.
KIND_TIPS = {
    MetricKind.COUNTER: (
        QT_TRANSLATE_NOOP(
            "SourceDialog",
            "Counter: a cumulative register, like a kWh or water meter. Consumption is the difference between two "
            "readings.",
        )
    ),
    MetricKind.INTERVAL: (
        QT_TRANSLATE_NOOP(
            "SourceDialog", "Interval: each value is already the amount for its period, like a bill or an oil delivery."
        )
    ),
    MetricKind.GAUGE: (
        QT_TRANSLATE_NOOP(
            "SourceDialog",
            "Gauge: an instantaneous value, like a room temperature or a tank level. "
            "Periods show its mean, minimum and maximum.",
        )
    ),
}
DIGITS_TIP = QT_TRANSLATE_NOOP(
    "SourceDialog",
    "Register digits, for roll-over: a counter with 6 digits goes from 999999 back to 0. Leave blank if unknown.",
)
NO_DIGITS_TIP = QT_TRANSLATE_NOOP("SourceDialog", "Only counters have register digits.")
DECIMALS_TIP = QT_TRANSLATE_NOOP("SourceDialog", "How many decimals the values of this metric are entered with (0–6).")
BILLING_TIP = QT_TRANSLATE_NOOP(
    "SourceDialog", "Reports by billing year start in this month (the first month of your supplier's year)."
)
EVENTS_TEXT = QT_TRANSLATE_NOOP(
    "SourceDialog",
    "<b>Meter changes</b> — a meter replaced or reset, or a register that rolled over. With the change "
    "recorded, consumption runs on across it instead of dropping or jumping.",
)
TARIFFS_TEXT = QT_TRANSLATE_NOOP(
    "SourceDialog",
    "<b>Tariffs</b> — the price of each metric from a day on: per unit and a standing charge per day. "
    "Costs in reports use the tariff in force at each moment.",
)
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
METRIC_HEADERS = (
    QT_TRANSLATE_NOOP("SourceDialog", "Name"),
    QT_TRANSLATE_NOOP("SourceDialog", "Unit"),
    QT_TRANSLATE_NOOP("SourceDialog", "Kind"),
    QT_TRANSLATE_NOOP("SourceDialog", "Decimals"),
    QT_TRANSLATE_NOOP("SourceDialog", "Digits"),
)


#: Keys of metrics not stored yet (negative, so they never meet a stored id).
_new_keys = itertools.count(-1, -1)


@dataclass(slots=True)
class _MetricRow:
    id: int | None
    name: str
    unit: str
    kind: MetricKind
    decimals: int
    digits: int | None
    #: What meter changes and tariffs in the form refer to: the id, or a negative number if new.
    key: int = 0

    @classmethod
    def of(cls, metric: Metric) -> _MetricRow:
        digits = metric.digits if metric.kind is MetricKind.COUNTER else None
        key = metric.id if metric.id is not None else next(_new_keys)
        return cls(metric.id, metric.name, metric.unit, metric.kind, metric.decimals, digits, key)

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

    def keys(self) -> list[int]:
        """The key of each metric, in order (see ``keyed_metrics``)."""
        return [row.key for row in self._rows]

    def keyed_metrics(self) -> tuple[Metric, ...]:
        """The metrics with their key as id: what the meter change and tariff lists refer to."""
        return tuple(replace(row.to_metric(position), id=row.key) for position, row in enumerate(self._rows))

    def key_at(self, row: int) -> int:
        return self._rows[row].key

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
                return translate("SourceDialog", METRIC_HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                if section == MetricColumn.KIND:
                    return "\n".join(translate("SourceDialog", tip) for tip in KIND_TIPS.values())
                if section == MetricColumn.DIGITS:
                    return translate("SourceDialog", DIGITS_TIP)
                if section == MetricColumn.DECIMALS:
                    return translate("SourceDialog", DECIMALS_TIP)
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
            return translate("SourceDialog", KIND_TIPS[row.kind])
        if column == MetricColumn.DECIMALS:
            return translate("SourceDialog", DECIMALS_TIP)
        if column == MetricColumn.DIGITS:
            return (
                translate("SourceDialog", DIGITS_TIP)
                if row.kind is MetricKind.COUNTER
                else translate("SourceDialog", NO_DIGITS_TIP)
            )
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
            line.setPlaceholderText(translate("MetricsDelegate", "Name, e.g. Day"))
            return line
        if column == MetricColumn.UNIT:
            line = QLineEdit(parent)
            line.setMaxLength(MAX_UNIT_LENGTH)
            line.setPlaceholderText(translate("MetricsDelegate", "e.g. kWh"))
            return line
        if column == MetricColumn.KIND:
            combo = QComboBox(parent)
            for kind in MetricKind:
                combo.addItem(kind.label, kind.value)
                combo.setItemData(
                    combo.count() - 1, translate("SourceDialog", KIND_TIPS[kind]), Qt.ItemDataRole.ToolTipRole
                )
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
            editor.setToolTip(translate("SourceDialog", KIND_TIPS.get(MetricKind(value), "")))
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
        self._discard = DiscardQuestion(self, "discardSourceBox")
        #: The meter changes and tariffs as loaded (None until they are), to tell what was changed.
        self._loaded_changes: MeterChanges | None = None
        self._item_dialog: QDialog | None = None
        #: The question after a conflicting save, while it is open (tests answer it).
        self.conflict_question: ConflictQuestion | None = None
        #: The user kept editing after a conflict: the next Save overwrites the other change.
        self._overwrite_next = False
        self._setup_ui()
        self._fill(source)
        #: The form as it was opened, to tell whether closing throws something away.
        self._initial = self.current_source()
        self._connect()

    # -- public -----------------------------------------------------------------------------

    @property
    def metrics_model(self) -> MetricsTableModel:
        return self._metrics

    @property
    def events_model(self) -> MeterEventsTableModel:
        return self._events

    @property
    def tariffs_model(self) -> TariffsTableModel:
        return self._tariffs

    def current_changes(self) -> MeterChanges:
        """The meter changes and tariffs as the form shows them (metric ids are metric keys)."""
        return MeterChanges(tuple(self._events.items()), tuple(self._tariffs.items()))

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
            members_may_add_readings=self.public_check.isChecked() and self.members_add_check.isChecked(),
            interval_days=interval or None,
            archived=original.archived if original is not None else False,
            metrics=self._metrics.metrics(),
            billing_start_month=int(self.billing_month_combo.currentData()),
            version=original.version if original is not None else 0,
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
        loaded = self._loaded_changes or MeterChanges()
        return current != initial or self.current_changes() != loaded or self.energy_page.changed()

    # -- Qt overrides -----------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Esc or the close button; with changes, ask before throwing them away."""
        self._commit_metric_editor()
        if self._item_dialog is not None:
            return  # a meter change or tariff is being edited over the form: it answers Esc itself
        if not self.isVisible() or self.result_source is not None or not self.has_changes():
            super().reject()
            return
        if self._discard.is_open:
            return
        if self._vm.is_new or self._original is None:
            question, detail = (
                translate("SourceDialog", "Discard this new source?"),
                translate("SourceDialog", "The source you started has not been saved."),
            )
        else:
            name = _elided(self._original.name, TITLE_NAME_LENGTH)
            question, detail = (
                translate("SourceDialog", "Discard your changes to this source?"),
                translate("SourceDialog", "Your changes to “{name}” have not been saved.").format(name=name),
            )
        self._discard.ask(question, detail, super().reject)

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
        self.resize(preferred_size(self, 780, 620, chars=110, lines=32))

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setPlaceholderText(translate("SourceDialog", "e.g. Electricity meter, Cellar water"))
        self.name_error = FieldError("nameError", self)

        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("categoryCombo")
        for category in Category:
            self.category_combo.addItem(category_icon(category), category.label, category.value)

        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(translate("SourceDialog", "Optional: where it is, the meter number…"))
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
        self.interval_spin.setSpecialValueText(translate("SourceDialog", "No reminder"))
        self.interval_spin.setSuffix(translate("SourceDialog", " days"))
        self.interval_spin.setToolTip(
            translate(
                "SourceDialog", "Home Log marks the source as overdue when no reading was entered for this many days."
            )
        )
        self.interval_spin.setMinimumWidth(
            self.interval_spin.fontMetrics().horizontalAdvance(translate("SourceDialog", "No reminder")) + 48
        )
        self.interval_error = FieldError("intervalError", self)

        self.public_check = QCheckBox(translate("SourceDialog", "Public"), self)
        self.public_check.setObjectName("publicCheck")
        public_hint = QLabel(
            translate("SourceDialog", "Other members can see this source when the database is shared."), self
        )
        public_hint.setWordWrap(True)
        hint_palette = public_hint.palette()
        hint_palette.setColor(QPalette.ColorRole.WindowText, hint_palette.color(QPalette.ColorRole.PlaceholderText))
        public_hint.setPalette(hint_palette)
        self.members_add_check = QCheckBox(translate("SourceDialog", "Household members may add readings"), self)
        self.members_add_check.setObjectName("membersMayAddCheck")
        self.members_add_check.setToolTip(
            translate(
                "SourceDialog",
                "Every member can then record readings of this public source (each may change only their own).",
            )
        )
        self.members_add_check.setEnabled(False)
        self.public_check.toggled.connect(self.members_add_check.setEnabled)

        self.billing_month_combo = QComboBox(self)
        self.billing_month_combo.setObjectName("billingMonthCombo")
        locale = QLocale()
        for month in range(1, 13):
            self.billing_month_combo.addItem(locale.standaloneMonthName(month), month)
        self.billing_month_combo.setToolTip(translate("SourceDialog", BILLING_TIP))
        billing_hint = _hint(
            QLabel(translate("SourceDialog", "The month your supplier's accounting year starts in."), self)
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("SourceDialog", "&Name:"), with_error(self.name_edit, self.name_error))
        form.addRow(translate("SourceDialog", "&Category:"), _left(self.category_combo))
        form.addRow(translate("SourceDialog", "&Description:"), self.description_edit)
        form.addRow(translate("SourceDialog", "&Owner:"), _left(self.owner_combo))
        form.addRow(
            translate("SourceDialog", "Expected reading &interval:"),
            with_error(_left(self.interval_spin), self.interval_error),
        )
        public_box = QVBoxLayout()
        public_box.setSpacing(2)
        public_box.addWidget(self.public_check)
        public_box.addWidget(public_hint)
        public_box.addWidget(self.members_add_check)
        form.addRow(translate("SourceDialog", "Visibility:"), public_box)
        billing_label = QLabel(translate("SourceDialog", "&Billing year starts in:"), self)
        billing_label.setBuddy(self.billing_month_combo)
        billing_box = QVBoxLayout()
        billing_box.setSpacing(2)
        billing_box.addWidget(_left(self.billing_month_combo))
        billing_box.addWidget(billing_hint)
        form.addRow(billing_label, billing_box)

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
            (MetricColumn.UNIT, translate("SourceDialog", "Unit unit")),
            (MetricColumn.KIND, translate("SourceDialog", "Interval ▾▾")),
            (MetricColumn.DECIMALS, translate("SourceDialog", "Decimals ▾")),
            (MetricColumn.DIGITS, translate("SourceDialog", "Digits ▾▾")),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 28)
        self.metrics_view.setMinimumHeight(self.metrics_view.verticalHeader().defaultSectionSize() * 4 + 30)

        self.add_metric_button = QPushButton(translate("SourceDialog", "&Add metric"), self)
        self.add_metric_button.setObjectName("addMetricButton")
        self.remove_metric_button = QPushButton(translate("SourceDialog", "&Remove"), self)
        self.remove_metric_button.setObjectName("removeMetricButton")
        self.move_up_button = QPushButton(translate("SourceDialog", "Move &up"), self)
        self.move_up_button.setObjectName("moveUpButton")
        self.move_down_button = QPushButton(translate("SourceDialog", "Move do&wn"), self)
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

        metrics_label = QLabel(
            translate("SourceDialog", "<b>Metrics</b> — the registers or values read from this source, in order"), self
        )
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

        self._setup_changes_tabs()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sourceTabs")
        self.tabs.setDocumentMode(False)
        self.general_page = QWidget(self)
        self.general_page.setObjectName("generalPage")
        general = QVBoxLayout(self.general_page)
        general.addLayout(form)
        general.addStretch(1)
        self.metrics_page = QWidget(self)
        self.metrics_page.setObjectName("metricsPage")
        metrics_layout = QVBoxLayout(self.metrics_page)
        metrics_layout.addWidget(metrics_label)
        metrics_layout.addWidget(self.metrics_view, 1)
        metrics_layout.addLayout(metric_buttons)
        metrics_layout.addWidget(self.metrics_error)
        self.tabs.addTab(self.general_page, translate("SourceDialog", "&General"))
        self.tabs.addTab(self.metrics_page, translate("SourceDialog", "&Metrics"))
        self.tabs.addTab(self.events_page, translate("SourceDialog", "Meter c&hanges"))
        self.tabs.addTab(self.tariffs_page, translate("SourceDialog", "&Tariffs"))
        self.energy_page = EnergyTab(self)
        self.tabs.addTab(self.energy_page, translate("SourceDialog", "E&nergy"))
        self.energy_page.set_metrics(self._metrics.keyed_metrics())
        self.energy_page.edited.connect(self._on_changes_edited)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _setup_changes_tabs(self) -> None:
        """The "Meter changes" and "Tariffs" pages: a list each, with Add, Edit and Remove."""
        self._events = MeterEventsTableModel(parent=self)
        self.events_view = _list_view(self, "eventsView", self._events)
        header = self.events_view.horizontalHeader()
        for column, sample in (
            (EventColumn.METRIC, translate("SourceDialog", "Heat pump (high)")),
            (EventColumn.AT, "28/12/2088 22:22"),
            (EventColumn.KIND, translate("SourceDialog", "Rolled over (12 digits)")),
            (EventColumn.OLD, translate("SourceDialog", "Old final value")),
            (EventColumn.NEW, translate("SourceDialog", "New start value")),
        ):
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(EventColumn.NOTE, QHeaderView.ResizeMode.Stretch)
        self.add_event_button = _button(self, translate("SourceDialog", "&Add…"), "addEventButton")
        self.edit_event_button = _button(self, translate("SourceDialog", "&Edit…"), "editEventButton")
        self.remove_event_button = _button(self, translate("SourceDialog", "&Remove"), "removeEventButton")
        self.events_error = FieldError("eventsError", self)
        events_label = QLabel(translate("SourceDialog", EVENTS_TEXT), self)
        events_label.setWordWrap(True)
        events_label.setBuddy(self.events_view)
        self.events_page = _page(
            self,
            "eventsPage",
            events_label,
            self.events_view,
            (self.add_event_button, self.edit_event_button, self.remove_event_button),
            self.events_error,
        )

        self._tariffs = TariffsTableModel(parent=self)
        self.tariffs_view = _list_view(self, "tariffsView", self._tariffs)
        header = self.tariffs_view.horizontalHeader()
        for tariff_column, sample in (
            (TariffColumn.METRIC, translate("SourceDialog", "Heat pump (high tariff)")),
            (TariffColumn.VALID_FROM, "28/12/2088 "),
            (TariffColumn.UNIT_PRICE, translate("SourceDialog", "0.888888 / kWh")),
            (TariffColumn.STANDING, translate("SourceDialog", "Standing charge / day")),
        ):
            header.resizeSection(tariff_column, self.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(TariffColumn.CURRENCY, QHeaderView.ResizeMode.Stretch)
        self.add_tariff_button = _button(self, translate("SourceDialog", "A&dd…"), "addTariffButton")
        self.edit_tariff_button = _button(self, translate("SourceDialog", "Ed&it…"), "editTariffButton")
        self.remove_tariff_button = _button(self, translate("SourceDialog", "Remo&ve"), "removeTariffButton")
        self.tariffs_error = FieldError("tariffsError", self)
        tariffs_label = QLabel(translate("SourceDialog", TARIFFS_TEXT), self)
        tariffs_label.setWordWrap(True)
        tariffs_label.setBuddy(self.tariffs_view)
        self.tariffs_page = _page(
            self,
            "tariffsPage",
            tariffs_label,
            self.tariffs_view,
            (self.add_tariff_button, self.edit_tariff_button, self.remove_tariff_button),
            self.tariffs_error,
        )

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
            self.members_add_check.setChecked(source.members_may_add_readings)
            self.interval_spin.setValue(source.interval_days or 0)
            self._metrics.set_metrics(source.metrics)
        month = source.billing_start_month if source is not None else 1
        self.billing_month_combo.setCurrentIndex(max(0, self.billing_month_combo.findData(month)))
        self._events.set_metrics(self._metrics.keyed_metrics())
        self._tariffs.set_metrics(self._metrics.keyed_metrics())
        if self._metrics.rowCount():
            self.metrics_view.selectRow(0)
        self._update_metric_buttons()
        self._update_change_buttons()

    def _connect(self) -> None:
        vm = self._vm
        vm.members_loaded.connect(self._on_vm_members_loaded)
        vm.value_counts_loaded.connect(self._on_vm_value_counts_loaded)
        vm.changes_loaded.connect(self._on_vm_changes_loaded)
        vm.saved.connect(self._on_vm_saved)
        vm.error_occurred.connect(self._on_vm_error_occurred)
        vm.conflict_raised.connect(self._on_vm_conflict_raised)
        vm.reloaded.connect(self._on_vm_reloaded)
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
        self.add_event_button.clicked.connect(self._on_add_event_clicked)
        self.edit_event_button.clicked.connect(self._on_edit_event_clicked)
        self.remove_event_button.clicked.connect(self._on_remove_event_clicked)
        self.events_view.doubleClicked.connect(self._on_edit_event_clicked)
        self.events_view.selectionModel().selectionChanged.connect(self._update_change_buttons)
        self.add_tariff_button.clicked.connect(self._on_add_tariff_clicked)
        self.edit_tariff_button.clicked.connect(self._on_edit_tariff_clicked)
        self.remove_tariff_button.clicked.connect(self._on_remove_tariff_clicked)
        self.tariffs_view.doubleClicked.connect(self._on_edit_tariff_clicked)
        self.tariffs_view.selectionModel().selectionChanged.connect(self._update_change_buttons)
        for model in (self._events, self._tariffs):
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self._on_changes_edited)
        # Keyboard on the lists: Enter edits the selected item, Delete removes it.
        for view, edit, remove in (
            (self.events_view, self.edit_event_button, self.remove_event_button),
            (self.tariffs_view, self.edit_tariff_button, self.remove_tariff_button),
        ):
            for keys, button in (("Return", edit), ("Enter", edit), ("Delete", remove)):
                shortcut = QShortcut(QKeySequence(keys), view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(button.click)

    # -- async slots (one line each) --------------------------------------------------------

    @qasync.asyncSlot()
    async def _load(self) -> None:
        await self._vm.load()

    @qasync.asyncSlot(object, object, object)
    async def _save(self, source: Source, changes: MeterChanges | None, keys: list[int]) -> None:
        await self._vm.save(source, changes, keys)

    @qasync.asyncSlot(object, object, object)
    async def _overwrite(self, source: Source, changes: MeterChanges | None, keys: list[int]) -> None:
        await self._vm.save(source, changes, keys, overwrite=True)

    @qasync.asyncSlot()
    async def _reload(self) -> None:
        await self._vm.reload()

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
        owner, may_choose = self._vm.permissions.owner_choice(self._original)
        if not may_choose:  # a member's source stays theirs: shown, with the policy's reason
            wanted = owner
            self._initial = replace(self._initial, owner_id=owner)  # not a change of the user's
        self.owner_combo.setEnabled(bool(may_choose))
        self.owner_combo.setToolTip("" if may_choose else may_choose.reason)
        index = self.owner_combo.findData(wanted) if wanted is not None else 0
        self.owner_combo.setCurrentIndex(max(0, index))
        self._pending_owner = None

    def _on_vm_value_counts_loaded(self, counts: dict[int, int]) -> None:
        self._value_counts = dict(counts)

    def _on_vm_changes_loaded(self, changes: MeterChanges) -> None:
        self._loaded_changes = changes
        self._events.set_items(changes.events)
        self._events.set_unbridged(changes.unbridged)
        self._tariffs.set_items(changes.tariffs)
        self.energy_page.set_metrics(self._metrics.keyed_metrics(), Category(self.category_combo.currentData()))
        self.energy_page.set_settings(self._vm.energy.loaded)
        self._update_change_buttons()

    def _on_vm_saved(self, source: Source) -> None:
        self.result_source = source
        self._discard.withdraw()  # saved after all: nothing left to discard
        self.accept()

    def _on_vm_error_occurred(self, message: str) -> None:
        problem = self._vm.last_problem or Problem("", message)
        self._server_problem = problem
        self._show_problems()
        self._focus_problem(problem)

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def _on_vm_conflict_raised(self, conflict: ConflictError) -> None:
        """Someone else saved this source (or its tariffs) meanwhile: nothing was stored; ask."""
        self.conflict_question = ask(conflict, self, self._on_conflict_answered)

    def _on_conflict_answered(self, choice: str) -> None:
        self.conflict_question = None
        if choice == RELOAD:
            self._reload()
        elif choice == OVERWRITE:
            changes = self.current_changes() if self._loaded_changes is not None else None
            self._overwrite(self.current_source(), changes, self._metrics.keys())
        else:
            self._overwrite_next = True
            self._server_problem = Problem(
                "", (f"{self._vm.conflict or ''} " + translate("SourceDialog", "Save again to overwrite it.")).strip()
            )
            self._show_problems()

    def _on_vm_reloaded(self, source: Source) -> None:
        self._overwrite_next = False
        self._original = source
        self._server_problem = None
        self._fill(source)
        self._initial = self.current_source()
        self._show_problems()

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
        # Meter changes and tariffs are saved with the source, in its transaction; None until loaded
        # (nothing of them can have been changed before). So are the energy settings.
        energy = self.energy_page.collect()
        if energy is None:
            self.tabs.setCurrentWidget(self.energy_page)
            return
        self._vm.energy.wanted = energy if self._loaded_changes is not None else None
        changes = self.current_changes() if self._loaded_changes is not None else None
        if self._overwrite_next:  # after a conflict the user chose to keep editing: this save overwrites
            self._overwrite_next = False
            self._overwrite(source, changes, self._metrics.keys())
            return
        self._save(source, changes, self._metrics.keys())

    def _on_category_changed(self, _index: int) -> None:
        if self._vm.is_new and not self._metrics.touched and self._metrics.rowCount() <= 1:
            self._metrics.set_metrics([default_metric(Category(self.category_combo.currentData()))])
            self.metrics_view.selectRow(0)

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
        key = self._metrics.key_at(row)
        attached = self._events.count_for(key) + self._tariffs.count_for(key)
        count = 0 if metric.id is None else self._value_counts.get(metric.id)
        if count == 0 and not attached:
            self._remove_row(row)
            return
        self._confirm_remove(row, metric, count, attached)

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
        keyed = self._metrics.keyed_metrics()
        self._events.set_metrics(keyed)
        self._tariffs.set_metrics(keyed)
        self.energy_page.set_metrics(keyed, Category(self.category_combo.currentData()))
        self._refresh_problems()
        self._update_metric_buttons()
        self._update_change_buttons()

    def _on_changes_edited(self, *_args: object) -> None:
        if self._showing_problems:
            return
        if self._server_problem is not None and self._server_problem.where in ("events", "tariffs", "energy"):
            self._server_problem = None
        self._refresh_problems()
        self._update_change_buttons()

    def _on_add_event_clicked(self) -> None:
        self._edit_event(None)

    def _on_edit_event_clicked(self, *_args: object) -> None:
        row = _selected(self.events_view)
        if row is not None:
            self._edit_event(row)

    def _on_remove_event_clicked(self) -> None:
        row = _selected(self.events_view)
        if row is None:
            return
        self._events.remove_item(row)
        _select_near(self.events_view, row)

    def _on_add_tariff_clicked(self) -> None:
        self._edit_tariff(None)

    def _on_edit_tariff_clicked(self, *_args: object) -> None:
        row = _selected(self.tariffs_view)
        if row is not None:
            self._edit_tariff(row)

    def _on_remove_tariff_clicked(self) -> None:
        row = _selected(self.tariffs_view)
        if row is None:
            return
        self._tariffs.remove_item(row)
        _select_near(self.tariffs_view, row)

    # -- helpers ----------------------------------------------------------------------------

    def _confirm_remove(self, row: int, metric: Metric, count: int | None, attached: int = 0) -> None:
        if count is None:
            detail = translate("SourceDialog", "Its stored values will be deleted when you save.")
        elif count == 0:
            detail = ""
        else:
            detail = translate("SourceDialog", "Its %Ln stored value(s) will be deleted when you save.", None, count)
        if attached:
            items = translate("SourceDialog", "Its %Ln meter change(s) and tariff(s) go with it.", None, attached)
            detail = f"{detail} {items}".strip()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("SourceDialog", "Remove metric"),
            translate("SourceDialog", "Remove the metric “{name}”?").format(name=_elided(metric.name, 60)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("removeMetricBox")
        box.setInformativeText(f"{detail} " + translate("SourceDialog", "Cancel keeps them."))
        remove = box.addButton(
            translate("SourceDialog", "Remove metric and values"), QMessageBox.ButtonRole.DestructiveRole
        )
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
        key = self._metrics.key_at(row)
        self._metrics.remove_metric(row)
        self._events.remove_metric(key)
        self._tariffs.remove_metric(key)
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

    def _update_change_buttons(self, *_args: object) -> None:
        loaded = self._loaded_changes is not None
        keyed = self._metrics.keyed_metrics()
        counters = any(m.kind is MetricKind.COUNTER for m in keyed)
        priced = any(m.kind is not MetricKind.GAUGE for m in keyed)
        event_row = _selected(self.events_view)
        tariff_row = _selected(self.tariffs_view)
        self.add_event_button.setEnabled(loaded and counters)
        self.add_event_button.setToolTip(
            "" if counters else translate("SourceDialog", "Only counters have meter changes: add a counter first.")
        )
        self.edit_event_button.setEnabled(loaded and event_row is not None)
        self.remove_event_button.setEnabled(loaded and event_row is not None)
        self.add_tariff_button.setEnabled(loaded and priced)
        self.add_tariff_button.setToolTip(
            "" if priced else translate("SourceDialog", "Gauges have no cost: add a counter or interval metric.")
        )
        self.edit_tariff_button.setEnabled(loaded and tariff_row is not None)
        self.remove_tariff_button.setEnabled(loaded and tariff_row is not None)
        events, tariffs = self._events.rowCount(), self._tariffs.rowCount()
        self.tabs.setTabText(
            2,
            translate("SourceDialog", "Meter c&hanges ({count})").format(count=events)
            if events
            else translate("SourceDialog", "Meter c&hanges"),
        )
        self.tabs.setTabText(
            3,
            translate("SourceDialog", "&Tariffs ({count})").format(count=tariffs)
            if tariffs
            else translate("SourceDialog", "&Tariffs"),
        )

    def _edit_event(self, row: int | None) -> None:
        if self._item_dialog is not None:
            return
        event = self._events.item_at(row) if row is not None else None
        dialog = MeterEventDialog(self._metrics.keyed_metrics(), event, parent=self)
        self._item_dialog = dialog

        def done(accepted: bool) -> None:
            self._item_dialog = None
            if not accepted or dialog.result_event is None:
                return
            if row is None:
                new_row = self._events.add_item(dialog.result_event)
            else:
                new_row = self._events.replace_item(row, dialog.result_event)
            self.events_view.selectRow(new_row)
            self.events_view.setFocus(Qt.FocusReason.OtherFocusReason)

        open_item_dialog(dialog, done)

    def _edit_tariff(self, row: int | None) -> None:
        if self._item_dialog is not None:
            return

        def stored(new_row: int) -> None:
            self._item_dialog = None
            if new_row >= 0:
                self.tariffs_view.selectRow(new_row)
                self.tariffs_view.setFocus(Qt.FocusReason.OtherFocusReason)

        self._item_dialog = open_tariff_dialog(self._tariffs, self._metrics.keyed_metrics(), row, self, stored)

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
        problems = self._vm.check(self.current_source(), self._metrics.keyed_metrics(), self.current_changes())
        if self._server_problem is not None:
            problems.append(self._server_problem)
        by_place: dict[str, list[str]] = {}
        rows: dict[str, dict[int, str]] = {"metrics": {}, "events": {}, "tariffs": {}}
        for problem in problems:
            by_place.setdefault(problem.where, []).append(problem.message)
            if problem.row is not None and problem.where in rows:
                rows[problem.where].setdefault(problem.row, problem.message)
        for where, label in (
            ("name", self.name_error),
            ("interval", self.interval_error),
            ("metrics", self.metrics_error),
            ("events", self.events_error),
            ("tariffs", self.tariffs_error),
            ("", self.form_error),
        ):
            label.set_message("\n".join(by_place.get(where, [])))
        self.energy_page.set_error("\n".join(by_place.get("energy", [])))
        self._metrics.set_problem_rows(rows["metrics"])
        self._events.set_problems(rows["events"])
        self._tariffs.set_problems(rows["tariffs"])
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for tab, places in enumerate((("name", "interval"), ("metrics",), ("events",), ("tariffs",), ("energy",))):
            bad = any(by_place.get(place) for place in places)
            self.tabs.setTabIcon(tab, warning if bad else QIcon())
        return problems

    def _focus_problem(self, problem: Problem) -> None:
        page = {
            "name": self.general_page,
            "interval": self.general_page,
            "metrics": self.metrics_page,
            "events": self.events_page,
            "tariffs": self.tariffs_page,
            "energy": self.energy_page,
        }.get(problem.where)
        if page is not None:
            self.tabs.setCurrentWidget(page)
        if problem.where in ("events", "tariffs"):
            view = self.events_view if problem.where == "events" else self.tariffs_view
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            if problem.row is not None and problem.row < view.model().rowCount():
                view.selectRow(problem.row)
            return
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


def _hint(label: QLabel) -> QLabel:
    """``label`` in the muted colour of explanations."""
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def _button(parent: QWidget, text: str, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


def _list_view(parent: QWidget, name: str, model: QAbstractTableModel) -> QTableView:
    """A read-only table of a few rows, one row selected at a time."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 14)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


def _page(
    parent: QWidget,
    name: str,
    label: QLabel,
    view: QTableView,
    buttons: Sequence[QPushButton],
    error: FieldError,
) -> QWidget:
    page = QWidget(parent)
    page.setObjectName(name)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    layout.addWidget(view, 1)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addWidget(error)
    return page


def _selected(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def _select_near(view: QTableView, row: int) -> None:
    count = view.model().rowCount()
    if count:
        view.selectRow(min(row, count - 1))


def _elided(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _title(source: Source | None) -> str:
    if source is None or source.id is None:
        return translate("SourceDialog", "New source")
    return translate("SourceDialog", "Edit source — {name}").format(name=_elided(source.name, TITLE_NAME_LENGTH))
