"""Meter changes and tariffs in forms: their table models and the small dialogs that edit one of each.

The source dialog lists a source's meter changes and tariffs with these models; the reading dialog
uses ``MeterEventDialog`` when a counter went down. Metrics are referred to by a *key*: the stored
metric id, or a negative number for a metric added in the source dialog and not saved yet.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..domain.entities import MAX_DECIMALS, MeterEvent, MeterEventKind, Metric, MetricKind, Tariff
from ..domain.errors import ValidationError
from ..domain.issues import Field, Issue, MeterEventField, TariffField, error
from ..domain.rules import EVENT_LABELS, TARIFF_LABELS, check_meter_event, check_tariff
from ..domain.validation import parse_value
from ..i18n import QT_TRANSLATE_NOOP, translate

#: The fields of the two forms: problems are placed by these (the rules' field enums).
F_METRIC, F_AT, F_KIND, F_OLD, F_NEW, F_DIGITS, F_NOTE = (
    MeterEventField.METRIC,
    MeterEventField.AT,
    MeterEventField.KIND,
    MeterEventField.OLD_VALUE,
    MeterEventField.NEW_VALUE,
    MeterEventField.DIGITS,
    MeterEventField.NOTE,
)
T_METRIC, F_VALID_FROM, F_PRICE, F_STANDING, F_CURRENCY = (
    TariffField.METRIC,
    TariffField.VALID_FROM,
    TariffField.UNIT_PRICE,
    TariffField.STANDING_CHARGE,
    TariffField.CURRENCY,
)
#: What each field is called in messages.
FIELD_LABELS: dict[Field, str] = {k: v for labels in (EVENT_LABELS, TARIFF_LABELS) for k, v in labels.items()}


class _RefusedError(Exception):
    """The form's input has problems (``issues``): shown under their fields, the form stays open."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues[0].text)
        self.issues = issues


#: Currencies offered first in the currency box (any three-letter code may be typed).
CURRENCIES = ("EUR", "GBP", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD")
#: Decimals a price may have.
PRICE_DECIMALS = MAX_DECIMALS
KIND_TIPS = {
    MeterEventKind.REPLACEMENT: QT_TRANSLATE_NOOP(
        "MeterChanges",
        "The meter was exchanged: the old one ended at its final value, the new one started at its start value.",
    ),
    MeterEventKind.RESET: QT_TRANSLATE_NOOP(
        "MeterChanges", "The register was set back (to the start value, or zero when left blank)."
    ),
    MeterEventKind.ROLLOVER: QT_TRANSLATE_NOOP(
        "MeterChanges", "The register passed its largest value (999…9) and started again from zero."
    ),
}


def date_format(locale: QLocale) -> str:
    """The locale's short date, with a four-digit year."""
    text = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return text if "yyyy" in text else text.replace("yy", "yyyy")


def date_time_format(locale: QLocale) -> str:
    """The locale's short date and time, with a four-digit year and without seconds."""
    time = locale.timeFormat(QLocale.FormatType.ShortFormat)
    for seconds in (":ss", ".ss", ":s"):
        time = time.replace(seconds, "")
    return f"{date_format(locale)} {time}"


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(moment: QDateTime) -> datetime:
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)


def format_number(value: Decimal | None, decimals: int | None = None, locale: QLocale | None = None) -> str:
    """``value`` in the locale's notation with digit grouping; its own decimals unless told."""
    if value is None:
        return ""
    locale = locale or QLocale()
    if decimals is None:
        exponent = value.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return locale.toString(float(value), "f", decimals)


def format_money(value: Decimal, locale: QLocale | None = None) -> str:
    """A price with at least two decimals, as many more as it has (0.3124 stays 0.3124)."""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(2, -exponent) if isinstance(exponent, int) else 2
    return format_number(value, decimals, locale)


def edit_text(value: Decimal | None, locale: QLocale | None = None) -> str:
    """``value`` as it is typed: the locale's decimal separator, no grouping."""
    if value is None:
        return ""
    point = (locale or QLocale()).decimalPoint()
    return format(value, "f").replace(".", point)


def default_currency(locale: QLocale | None = None) -> str:
    code = (locale or QLocale()).currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 and code.isalpha() else "EUR"


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


# -- table models ---------------------------------------------------------------------------------


class _ItemsTableModel[T](QAbstractTableModel):
    """A small, fully loaded list of items shown read-only, kept sorted; rows may carry a problem."""

    #: The item of a row (a MeterEvent or a Tariff).
    ItemRole = Qt.ItemDataRole.UserRole + 1
    HEADERS: tuple[str, ...] = ()
    TIPS: ClassVar[Mapping[int, str]] = {}

    def __init__(self, items: Iterable[T] = (), metrics: Iterable[Metric] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._metrics: dict[int, Metric] = {}
        self._order: dict[int, int] = {}
        self._set_metrics(metrics)
        self._items: list[T] = sorted(items, key=self._sort_key)
        self._problems: dict[int, str] = {}
        self._locale = QLocale()
        self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    # -- public API --------------------------------------------------------------------------

    def items(self) -> list[T]:
        return list(self._items)

    def item_at(self, row: int) -> T:
        return self._items[row]

    def set_items(self, items: Iterable[T]) -> None:
        self.beginResetModel()
        self._items = sorted(items, key=self._sort_key)
        self._problems = {}
        self.endResetModel()

    def set_metrics(self, metrics: Iterable[Metric]) -> None:
        """The metrics items refer to (by key, in the form's order): names and decimals to show."""
        self._set_metrics(metrics)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(self.HEADERS) - 1))

    def add_item(self, item: T) -> int:
        """Insert ``item`` where it sorts; returns its row."""
        row = self._row_for(item)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self.endInsertRows()
        self._problems = {}
        return row

    def replace_item(self, row: int, item: T) -> int:
        """Put ``item`` in place of row ``row`` (moving it where it now sorts); returns its row."""
        self.remove_item(row)
        return self.add_item(item)

    def remove_item(self, row: int) -> T:
        item = self._items[row]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self.endRemoveRows()
        self._problems = {}
        return item

    def remove_metric(self, key: int) -> int:
        """Drop the items of a metric that left the form; returns how many."""
        rows = [r for r, item in enumerate(self._items) if self._metric_key(item) == key]
        for row in reversed(rows):
            self.remove_item(row)
        return len(rows)

    def count_for(self, key: int) -> int:
        return sum(1 for item in self._items if self._metric_key(item) == key)

    def set_problems(self, problems: Mapping[int, str]) -> None:
        """Mark rows with a warning icon and the problem as tooltip (empty: clear them)."""
        changed = set(self._problems) | set(problems)
        self._problems = {r: m for r, m in problems.items() if 0 <= r < len(self._items)}
        for row in changed:
            if 0 <= row < len(self._items):
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def metric_name(self, key: int) -> str:
        metric = self._metrics.get(key)
        return metric.label if metric is not None else translate("_ItemsTableModel", "(removed metric)")

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return translate("MeterChanges", self.HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = self.TIPS.get(section)
                return translate("MeterChanges", tip) if tip else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and index.row() in self._problems:
                return self._problems[index.row()]
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._warning_icon if column == 0 and index.row() in self._problems else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == self.ItemRole:
            return item
        return None

    # -- for subclasses ---------------------------------------------------------------------

    def _metric_key(self, item: T) -> int:
        raise NotImplementedError

    def _sort_key(self, item: T) -> tuple[Any, ...]:
        raise NotImplementedError

    def _display(self, item: T, column: int) -> str:
        raise NotImplementedError

    def _tooltip(self, item: T, column: int) -> str | None:
        text = self._display(item, column)
        return text or None

    def _alignment(self, column: int) -> Any:
        return None

    # -- helpers ----------------------------------------------------------------------------

    def _set_metrics(self, metrics: Iterable[Metric]) -> None:
        listed = list(metrics)
        self._metrics = {m.id: m for m in listed if m.id is not None}
        self._order = {m.id: position for position, m in enumerate(listed) if m.id is not None}

    def _row_for(self, item: T) -> int:
        key = self._sort_key(item)
        for row, other in enumerate(self._items):
            if self._sort_key(other) > key:
                return row
        return len(self._items)

    def _right(self) -> Any:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class EventColumn(enum.IntEnum):
    METRIC = 0
    AT = 1
    KIND = 2
    OLD = 3
    NEW = 4
    NOTE = 5


EVENT_HEADERS = (
    QT_TRANSLATE_NOOP("MeterChanges", "Metric"),
    QT_TRANSLATE_NOOP("MeterChanges", "Date and time"),
    QT_TRANSLATE_NOOP("MeterChanges", "Kind"),
    QT_TRANSLATE_NOOP("MeterChanges", "Old final value"),
    QT_TRANSLATE_NOOP("MeterChanges", "New start value"),
    QT_TRANSLATE_NOOP("MeterChanges", "Note"),
)


class MeterEventsTableModel(_ItemsTableModel[MeterEvent]):
    """A source's meter changes, oldest first (read-only rows; edited through MeterEventDialog)."""

    HEADERS = EVENT_HEADERS
    TIPS: ClassVar[Mapping[int, str]] = {
        EventColumn.OLD: QT_TRANSLATE_NOOP("MeterChanges", "The old meter's (or register's) last value"),
        EventColumn.NEW: QT_TRANSLATE_NOOP(
            "MeterChanges", "The new meter's first value (a reset starts from zero when blank)"
        ),
    }

    _unbridged: frozenset[int] = frozenset()

    #: Shown on a change that joins no two readings (see ``set_unbridged``).
    UNBRIDGED_TIP = QT_TRANSLATE_NOOP(
        "MeterChanges",
        "No reading of this meter on one side of this change: it joins nothing. "
        "Was the reading it was recorded with deleted? Delete the change if it no longer applies.",
    )

    def set_unbridged(self, event_ids: Iterable[int]) -> None:
        """Flag the stored changes with no reading before or after them (warning icon and tooltip)."""
        self._unbridged = frozenset(event_ids)
        if self._items:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._items) - 1, 0),
                [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole],
            )

    def is_unbridged(self, row: int) -> bool:
        return 0 <= row < len(self._items) and self._items[row].id in self._unbridged

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = super().data(index, role)
        if found is None and index.isValid() and index.column() == 0 and self.is_unbridged(index.row()):
            if role == Qt.ItemDataRole.DecorationRole:
                return self._warning_icon
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.ToolTipRole:
            if self.is_unbridged(index.row()) and index.row() not in self._problems:
                return translate("MeterChanges", self.UNBRIDGED_TIP)
        return found

    def _metric_key(self, item: MeterEvent) -> int:
        return item.metric_id

    def _sort_key(self, item: MeterEvent) -> tuple[Any, ...]:
        return (item.at, self._order.get(item.metric_id, 1_000_000), item.id or 0)

    def _display(self, item: MeterEvent, column: int) -> str:
        metric = self._metrics.get(item.metric_id)
        decimals = metric.decimals if metric is not None else None
        if column == EventColumn.METRIC:
            return metric.name if metric is not None else self.metric_name(item.metric_id)
        if column == EventColumn.AT:
            return self._locale.toString(to_qdatetime(item.at), date_time_format(self._locale))
        if column == EventColumn.KIND:
            if item.kind is MeterEventKind.ROLLOVER:
                digits = item.digits or (metric.digits if metric is not None else None)
                return (
                    translate("MeterChanges", "Rolled over (%n digits)", None, digits)
                    if digits
                    else translate("MeterChanges", "Rolled over")
                )
            return item.kind.label
        if column == EventColumn.OLD:
            return format_number(item.old_value, decimals, self._locale)
        if column == EventColumn.NEW:
            if item.kind is MeterEventKind.RESET and item.new_value is None:
                return format_number(Decimal(0), decimals, self._locale)
            return format_number(item.new_value, decimals, self._locale)
        return item.note.replace("\n", " ")

    def _tooltip(self, item: MeterEvent, column: int) -> str | None:
        if column == EventColumn.KIND:
            return translate("MeterChanges", KIND_TIPS[item.kind])
        if column == EventColumn.METRIC:
            return self.metric_name(item.metric_id)
        return super()._tooltip(item, column)

    def _alignment(self, column: int) -> Any:
        return self._right() if column in (EventColumn.OLD, EventColumn.NEW) else None


class TariffColumn(enum.IntEnum):
    METRIC = 0
    VALID_FROM = 1
    UNIT_PRICE = 2
    STANDING = 3
    CURRENCY = 4


TARIFF_HEADERS = (
    QT_TRANSLATE_NOOP("MeterChanges", "Metric"),
    QT_TRANSLATE_NOOP("MeterChanges", "Valid from"),
    QT_TRANSLATE_NOOP("MeterChanges", "Unit price"),
    QT_TRANSLATE_NOOP("MeterChanges", "Standing charge / day"),
    QT_TRANSLATE_NOOP("MeterChanges", "Currency"),
)


class TariffsTableModel(_ItemsTableModel[Tariff]):
    """The tariffs of a source's metrics, by metric and date (read-only rows; edited through TariffDialog)."""

    HEADERS = TARIFF_HEADERS
    TIPS: ClassVar[Mapping[int, str]] = {
        TariffColumn.VALID_FROM: QT_TRANSLATE_NOOP(
            "MeterChanges", "The price applies from this day until the metric's next tariff"
        ),
        TariffColumn.UNIT_PRICE: QT_TRANSLATE_NOOP("MeterChanges", "Price per unit of the metric (per kWh, per m³…)"),
        TariffColumn.STANDING: QT_TRANSLATE_NOOP("MeterChanges", "Fixed charge per day, whatever is used"),
    }

    def _metric_key(self, item: Tariff) -> int:
        return item.metric_id

    def _sort_key(self, item: Tariff) -> tuple[Any, ...]:
        return (self._order.get(item.metric_id, 1_000_000), item.valid_from, item.id or 0)

    def _display(self, item: Tariff, column: int) -> str:
        if column == TariffColumn.METRIC:
            metric = self._metrics.get(item.metric_id)
            return metric.name if metric is not None else self.metric_name(item.metric_id)
        if column == TariffColumn.VALID_FROM:
            return self._locale.toString(QDate(item.valid_from), date_format(self._locale))
        if column == TariffColumn.UNIT_PRICE:
            metric = self._metrics.get(item.metric_id)
            unit = f" / {metric.unit}" if metric is not None and metric.unit else ""
            return format_money(item.unit_price, self._locale) + unit
        if column == TariffColumn.STANDING:
            return format_money(item.standing_charge, self._locale)
        return item.currency

    def _tooltip(self, item: Tariff, column: int) -> str | None:
        if column == TariffColumn.METRIC:
            return self.metric_name(item.metric_id)
        return super()._tooltip(item, column)

    def _alignment(self, column: int) -> Any:
        return self._right() if column in (TariffColumn.UNIT_PRICE, TariffColumn.STANDING) else None


# -- editing one item -----------------------------------------------------------------------------


class _ItemDialog(QDialog):
    """A small form whose OK checks the input, shows problems under the field they concern and
    accepts only what may be stored."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._locale = QLocale()
        self._errors: dict[Field, FieldError] = {}
        self._fields: dict[Field, QWidget] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.form_error = FieldError("formError", self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add_field(self, label: str, field: Field, widget: QWidget, name: str, stretch: bool = False) -> None:
        """A form row for ``field`` with its error label under it."""
        error = FieldError(f"{name}Error", self)
        self._errors[field] = error
        self._fields[field] = widget
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        if stretch:
            column.addWidget(widget)
        else:
            row = QHBoxLayout()
            row.addWidget(widget)
            row.addStretch(1)
            column.addLayout(row)
        column.addWidget(error)
        widget.setObjectName(name)
        self.form.addRow(label, box)

    def error_text(self, field: Field) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and label.isVisible() else ""

    def show_issues(self, issues: list[Issue]) -> None:
        """Show each problem under its field (or under the form) and put the cursor on the first."""
        self.clear_errors()
        by_field: dict[Field | None, list[str]] = {}
        for issue in issues:
            place = issue.field if issue.field in self._errors else None
            by_field.setdefault(place, []).append(issue.text)
        for place, texts in by_field.items():
            (self._errors[place] if place is not None else self.form_error).set_message("\n".join(texts))
        self._fit_height()
        first = next((i.field for i in issues if i.field in self._fields), None)
        if first is None:
            return
        widget = self._fields[first]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _fit_height(self) -> None:
        """Grow to show a message that appeared (a dialog does not grow with its layout by itself)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.set_message("")
        self.form_error.set_message("")

    def _on_ok_clicked(self) -> None:
        try:
            self._build()
        except _RefusedError as exc:
            self.show_issues(exc.issues)
            return
        self.accept()

    def _build(self) -> None:
        raise NotImplementedError

    def _number(self, edit: QLineEdit, field: Field, decimals: int, digits: int | None = None) -> Decimal | None:
        kind = MetricKind.COUNTER if digits else MetricKind.INTERVAL
        label = translate("Rules", FIELD_LABELS[field])
        try:
            return parse_value(
                edit.text(), Metric(None, label, "", kind, decimals, digits), self._locale.decimalPoint()
            )
        except ValidationError as exc:
            raise _RefusedError([error("invalid-number", field, exc.message, subject=label)]) from exc

    def _number_edit(self, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("8,888,888.888") + 24)
        return edit


class MeterEventDialog(_ItemDialog):
    """Add or edit one meter change: metric, time, kind and the values the kind needs.

    ``after``/``before`` bound the time (a change recorded from the reading dialog lies between the
    previous reading and the new one); ``previous_value`` and ``reading_value`` let it refuse an old
    final value below the previous reading and a start value above the new one. After OK, ``result_event``
    holds the checked event (``source_id`` as given: the caller sets it when the source is saved).
    """

    def __init__(
        self,
        metrics: Sequence[Metric],
        event: MeterEvent | None = None,
        *,
        source_id: int = 0,
        kind: MeterEventKind = MeterEventKind.REPLACEMENT,
        at: datetime | None = None,
        after: datetime | None = None,
        before: datetime | None = None,
        previous_value: Decimal | None = None,
        reading_value: Decimal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            translate("MeterEventDialog", "Record a meter change")
            if event is None
            else translate("MeterEventDialog", "Edit meter change")
        )
        super().__init__(title, parent)
        self.setObjectName("meterEventDialog")
        self._counters = [m for m in metrics if m.kind is MetricKind.COUNTER and m.id is not None]
        self._original = event
        self._source_id = event.source_id if event is not None else source_id
        self._after, self._before = after, before
        self._previous_value, self._reading_value = previous_value, reading_value
        self.result_event: MeterEvent | None = None

        self.metric_combo = QComboBox(self)
        for metric in self._counters:
            self.metric_combo.addItem(metric.label, metric.id)
        self.metric_combo.setEnabled(len(self._counters) > 1)
        self.time_edit = QDateTimeEdit(self)
        self.time_edit.setCalendarPopup(True)
        self.time_edit.setDisplayFormat(date_time_format(self._locale))
        self.kind_combo = QComboBox(self)
        for item in MeterEventKind:
            self.kind_combo.addItem(item.label, item.value)
            self.kind_combo.setItemData(
                self.kind_combo.count() - 1, translate("MeterChanges", KIND_TIPS[item]), Qt.ItemDataRole.ToolTipRole
            )
        self.old_edit = self._number_edit()
        self.new_edit = self._number_edit()
        self.digits_spin = QSpinBox(self)
        self.digits_spin.setRange(0, 12)
        self.digits_spin.setSpecialValueText("—")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            translate("MeterEventDialog", "Optional: the new meter's number, who changed it…")
        )
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.kind_hint = QLabel(self)
        self.kind_hint.setObjectName("kindHint")
        self.kind_hint.setWordWrap(True)
        hint_palette = self.kind_hint.palette()
        hint_palette.setColor(QPalette.ColorRole.WindowText, hint_palette.color(QPalette.ColorRole.PlaceholderText))
        self.kind_hint.setPalette(hint_palette)

        self.add_field(translate("MeterEventDialog", "&Metric:"), F_METRIC, self.metric_combo, "metricCombo")
        self.add_field(translate("MeterEventDialog", "&Date and time:"), F_AT, self.time_edit, "timeEdit")
        self.add_field(translate("MeterEventDialog", "&Kind:"), F_KIND, self.kind_combo, "kindCombo")
        self.form.addRow("", self.kind_hint)
        self.add_field(translate("MeterEventDialog", "&Old meter's final value:"), F_OLD, self.old_edit, "oldValueEdit")
        self.add_field(translate("MeterEventDialog", "&New meter's start value:"), F_NEW, self.new_edit, "newValueEdit")
        self.add_field(translate("MeterEventDialog", "Register d&igits:"), F_DIGITS, self.digits_spin, "digitsSpin")
        self.add_field(translate("MeterEventDialog", "N&ote:"), F_NOTE, self.note_edit, "noteEdit", stretch=True)
        self.setMinimumWidth(460)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.metric_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._fill(event, kind, at)
        self._on_kind_changed()

    # -- public -----------------------------------------------------------------------------

    @property
    def kind(self) -> MeterEventKind:
        return MeterEventKind(self.kind_combo.currentData())

    def select_kind(self, kind: MeterEventKind) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind.value)))

    # -- helpers ----------------------------------------------------------------------------

    def _fill(self, event: MeterEvent | None, kind: MeterEventKind, at: datetime | None) -> None:
        if event is None:
            self.select_kind(kind)
            moment = at or datetime.now(UTC).replace(second=0, microsecond=0)
            self.time_edit.setDateTime(to_qdatetime(moment))
            return
        self.metric_combo.setCurrentIndex(max(0, self.metric_combo.findData(event.metric_id)))
        self.time_edit.setDateTime(to_qdatetime(event.at))
        self.select_kind(event.kind)
        self.old_edit.setText(edit_text(event.old_value, self._locale))
        self.new_edit.setText(edit_text(event.new_value, self._locale))
        self.digits_spin.setValue(event.digits or 0)
        self.note_edit.setPlainText(event.note)

    def _metric(self) -> Metric | None:
        key = self.metric_combo.currentData()
        return next((m for m in self._counters if m.id == key), None)

    def _on_kind_changed(self, *_args: object) -> None:
        kind = self.kind
        rollover = kind is MeterEventKind.ROLLOVER
        metric = self._metric()
        for field, visible in ((F_OLD, not rollover), (F_NEW, not rollover), (F_DIGITS, rollover)):
            self.form.setRowVisible(self._row_box(field), visible)
        if kind is MeterEventKind.RESET:
            self.new_edit.setPlaceholderText("0")
        else:
            self.new_edit.setPlaceholderText("")
        if rollover and metric is not None and metric.digits and not self.digits_spin.value():
            self.digits_spin.setValue(metric.digits)
        if self._previous_value is not None and not rollover:
            self.old_edit.setPlaceholderText(
                translate("MeterChanges", "at least {value}").format(
                    value=format_number(self._previous_value, None, self._locale)
                )
            )
        self.kind_hint.setText(translate("MeterChanges", KIND_TIPS[kind]))

    def _row_box(self, field: Field) -> QWidget:
        widget = self._fields[field]
        box = widget.parentWidget()
        while box is not None and box.parentWidget() is not self:
            box = box.parentWidget()
        return box if box is not None else widget

    def _build(self) -> None:
        metric = self._metric()
        if metric is None or metric.id is None:
            label = translate("Rules", EVENT_LABELS[F_METRIC])
            message = translate("MeterEventDialog", "choose a counter (meter changes apply to counters only)")
            raise _RefusedError([error("not-a-counter", F_METRIC, message, subject=label)])
        kind = self.kind
        old = new = None
        digits: int | None = None
        if kind is MeterEventKind.ROLLOVER:
            digits = self.digits_spin.value() or None
        else:
            old = self._number(self.old_edit, F_OLD, metric.decimals, metric.digits)
            new = self._number(self.new_edit, F_NEW, metric.decimals, metric.digits)
        event = MeterEvent(
            id=self._original.id if self._original is not None else None,
            source_id=self._source_id,
            metric_id=metric.id,
            at=from_qdatetime(self.time_edit.dateTime()),
            kind=kind,
            old_value=old,
            new_value=new,
            digits=digits,
            note=self.note_edit.toPlainText().strip(),
        )
        issues = check_meter_event(
            event,
            metric,
            after=self._after,
            before=self._before,
            previous_value=self._previous_value,
            reading_value=self._reading_value,
            show_number=lambda value: format_number(value, metric.decimals, self._locale),
            show_time=lambda moment: self._locale.toString(to_qdatetime(moment), date_time_format(self._locale)),
        )
        if issues:
            raise _RefusedError(issues)
        self.result_event = event


class TariffDialog(_ItemDialog):
    """Add or edit one tariff: metric, the day it starts, unit price, standing charge per day, currency.

    ``taken`` holds the (metric key, day) pairs other tariffs of the form already use. After OK,
    ``result_tariff`` holds the checked tariff.
    """

    def __init__(
        self,
        metrics: Sequence[Metric],
        tariff: Tariff | None = None,
        *,
        taken: Iterable[tuple[int, date]] = (),
        currency: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("TariffDialog", "Add tariff") if tariff is None else translate("TariffDialog", "Edit tariff"),
            parent,
        )
        self.setObjectName("tariffDialog")
        self._metrics = [m for m in metrics if m.kind is not MetricKind.GAUGE and m.id is not None]
        self._original = tariff
        self._taken = set(taken)
        self.result_tariff: Tariff | None = None

        self.metric_combo = QComboBox(self)
        for metric in self._metrics:
            self.metric_combo.addItem(metric.label, metric.id)
        self.metric_combo.setEnabled(len(self._metrics) > 1)
        self.valid_from_edit = QDateEdit(self)
        self.valid_from_edit.setCalendarPopup(True)
        self.valid_from_edit.setDisplayFormat(date_format(self._locale))
        self.price_edit = self._number_edit("e.g. " + edit_text(Decimal("0.3120"), self._locale))
        self.standing_edit = self._number_edit("0")
        self.currency_combo = QComboBox(self)
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_combo.addItems(list(CURRENCIES))
        line = self.currency_combo.lineEdit()
        assert line is not None
        line.setMaxLength(3)
        self.price_unit = QLabel(self)
        self.price_unit.setObjectName("priceUnit")

        self.add_field(translate("TariffDialog", "&Metric:"), T_METRIC, self.metric_combo, "metricCombo")
        self.add_field(translate("TariffDialog", "&Valid from:"), F_VALID_FROM, self.valid_from_edit, "validFromEdit")
        price_box = QWidget(self)
        price_row = QHBoxLayout(price_box)
        price_row.setContentsMargins(0, 0, 0, 0)
        price_row.addWidget(self.price_edit)
        price_row.addWidget(self.price_unit)
        self.add_field(translate("TariffDialog", "&Unit price:"), F_PRICE, price_box, "priceBox")
        self.price_edit.setObjectName("priceEdit")
        self._fields[F_PRICE] = self.price_edit
        standing_box = QWidget(self)
        standing_row = QHBoxLayout(standing_box)
        standing_row.setContentsMargins(0, 0, 0, 0)
        standing_row.addWidget(self.standing_edit)
        standing_row.addWidget(QLabel(translate("TariffDialog", "per day"), self))
        self.add_field(translate("TariffDialog", "&Standing charge:"), F_STANDING, standing_box, "standingBox")
        self.standing_edit.setObjectName("standingEdit")
        self._fields[F_STANDING] = self.standing_edit
        self.add_field(translate("TariffDialog", "C&urrency:"), F_CURRENCY, self.currency_combo, "currencyCombo")
        self.setMinimumWidth(440)

        self.metric_combo.currentIndexChanged.connect(self._on_metric_changed)
        self.currency_combo.currentTextChanged.connect(self._on_metric_changed)
        self._fill(tariff, currency)
        self._on_metric_changed()

    def _fill(self, tariff: Tariff | None, currency: str | None) -> None:
        if tariff is None:
            self.valid_from_edit.setDate(QDate.currentDate())
            self._set_currency(currency or default_currency(self._locale))
            return
        self.metric_combo.setCurrentIndex(max(0, self.metric_combo.findData(tariff.metric_id)))
        self.valid_from_edit.setDate(QDate(tariff.valid_from))
        self.price_edit.setText(edit_text(tariff.unit_price, self._locale))
        self.standing_edit.setText(edit_text(tariff.standing_charge, self._locale))
        self._set_currency(tariff.currency)

    def _set_currency(self, code: str) -> None:
        index = self.currency_combo.findText(code)
        if index >= 0:
            self.currency_combo.setCurrentIndex(index)
        else:
            self.currency_combo.setEditText(code)

    def _metric(self) -> Metric | None:
        key = self.metric_combo.currentData()
        return next((m for m in self._metrics if m.id == key), None)

    def _on_metric_changed(self, *_args: object) -> None:
        metric = self._metric()
        currency = self.currency_combo.currentText().strip().upper() or "…"
        if metric is not None and metric.unit:
            text = translate("MeterChanges", "{currency} per {unit}").format(currency=currency, unit=metric.unit)
        else:
            text = translate("MeterChanges", "{currency} per unit").format(currency=currency)
        self.price_unit.setText(text)

    def _build(self) -> None:
        metric = self._metric()
        if metric is None or metric.id is None:
            message = translate("TariffDialog", "choose a counter or interval metric (gauges have no cost)")
            raise _RefusedError(
                [error("gauge", T_METRIC, message, subject=translate("Rules", TARIFF_LABELS[T_METRIC]))]
            )
        day = self.valid_from_edit.date().toPython()
        assert isinstance(day, date)
        price = self._number(self.price_edit, F_PRICE, PRICE_DECIMALS)
        if price is None:
            message = translate("TariffDialog", "is needed (the price per unit; 0 if only a standing charge applies)")
            raise _RefusedError(
                [error("price-missing", F_PRICE, message, subject=translate("Rules", TARIFF_LABELS[F_PRICE]))]
            )
        standing = self._number(self.standing_edit, F_STANDING, PRICE_DECIMALS)
        tariff = Tariff(
            id=self._original.id if self._original is not None else None,
            metric_id=metric.id,
            valid_from=day,
            unit_price=price,
            standing_charge=standing if standing is not None else Decimal(0),
            currency=self.currency_combo.currentText().strip().upper(),
        )
        taken = {d for key, d in self._taken if key == metric.id}
        issues = check_tariff(
            tariff,
            metric,
            taken=taken,
            show_date=lambda d: self._locale.toString(QDate(d), date_format(self._locale)),
        )
        if issues:
            raise _RefusedError(issues)
        self.result_tariff = tariff


def open_item_dialog(dialog: _ItemDialog, on_done: Callable[[bool], None]) -> None:
    """Show ``dialog`` without blocking; ``on_done(True)`` once it was accepted with a checked item."""

    def finished(result: int) -> None:
        dialog.deleteLater()
        on_done(result == QDialog.DialogCode.Accepted)

    dialog.finished.connect(finished)
    dialog.open()


def open_tariff_dialog(
    model: TariffsTableModel,
    metrics: Sequence[Metric],
    row: int | None,
    parent: QWidget,
    on_stored: Callable[[int], None],
) -> TariffDialog:
    """The tariff dialog for row ``row`` of ``model`` (None: a new tariff), shown without blocking;
    once accepted the tariff is put into ``model`` and ``on_stored(row)`` names its row. The source form
    and the virtual meter form share it (the new tariff's currency is the last other tariff's)."""
    tariff = model.item_at(row) if row is not None else None
    others = [t for r, t in enumerate(model.items()) if r != row]
    dialog = TariffDialog(
        list(metrics),
        tariff,
        taken=[(t.metric_id, t.valid_from) for t in others],
        currency=others[-1].currency if others else None,
        parent=parent,
    )

    def done(accepted: bool) -> None:
        if not accepted or dialog.result_tariff is None:
            on_stored(-1)
            return
        if row is None:
            on_stored(model.add_item(dialog.result_tariff))
        else:
            on_stored(model.replace_item(row, dialog.result_tariff))

    open_item_dialog(dialog, done)
    return dialog
