"""The source editor's "Energy" tab: conversion factors per metric (gas m³ → kWh) and advance payments.

Two small tables edited in place (a few rows each, so a QTableWidget with a metric combo and a date
editor per row). ``collect()`` reads them back as domain objects, or shows why it cannot; the
source editor saves them with the source (``viewmodels/energy.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.energy import DEFAULT_UNIT, ConversionFactor
from ..domain.entities import Category, Metric, MetricKind
from ..domain.errors import ValidationError
from ..domain.settlement import AdvancePayment
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..viewmodels.energy import EnergySettings
from .meter_changes import FieldError

INTRO = QT_TRANSLATE_NOOP(
    "EnergyTab",
    "Gas is billed in kWh: kWh = m³ × calorific value × Z-number (see your bill). Reports, costs "
    "(tariffs per kWh) and the dashboard then show kWh. Oil litres or MWh convert the same way.",
)
ADVANCES_TEXT = QT_TRANSLATE_NOOP(
    "EnergyTab", "Your monthly advance (due on the 1st), for the billing year's forecast settlement."
)
#: Calorific values a gas bill typically prints (kWh per m³), offered for a new gas row.
GAS_DEFAULT = ("11.2", "0.95")
OIL_DEFAULT = ("9.8", "1")


class FactorColumn(enum.IntEnum):
    METRIC = 0
    VALID_FROM = 1
    FACTOR = 2
    Z_NUMBER = 3
    UNIT = 4


class AdvanceColumn(enum.IntEnum):
    VALID_FROM = 0
    AMOUNT = 1
    CURRENCY = 2


FACTOR_HEADERS = (
    QT_TRANSLATE_NOOP("EnergyTab", "Metric"),
    QT_TRANSLATE_NOOP("EnergyTab", "Valid from"),
    QT_TRANSLATE_NOOP("EnergyTab", "Calorific value / factor"),
    QT_TRANSLATE_NOOP("EnergyTab", "Z-number"),
    QT_TRANSLATE_NOOP("EnergyTab", "Into"),
)
ADVANCE_HEADERS = (
    QT_TRANSLATE_NOOP("EnergyTab", "Valid from"),
    QT_TRANSLATE_NOOP("EnergyTab", "Amount per month"),
    QT_TRANSLATE_NOOP("EnergyTab", "Currency"),
)


class EnergyTab(QWidget):
    """Edits a source's conversion factors and advance payments; ``edited`` on every change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("energyPage")
        self._metrics: list[Metric] = []
        self._category = Category.OTHER
        self._loaded = EnergySettings()
        self._setup_ui()

    # -- public ------------------------------------------------------------------------------

    def set_metrics(self, metrics: Sequence[Metric], category: Category | None = None) -> None:
        """The form's metrics (``id``: the metric's key), offered in the factors' metric column."""
        if category is not None:
            self._category = category
        usage = [m for m in metrics if m.kind is not MetricKind.GAUGE]
        if [(m.id, m.label) for m in usage] == [(m.id, m.label) for m in self._metrics]:
            return
        self._metrics = usage
        for row in range(self.factors_table.rowCount()):
            combo = self._combo(row)
            chosen = combo.currentData()
            self._fill_combo(combo, chosen)
        self._update_buttons()

    def set_settings(self, settings: EnergySettings | None) -> None:
        """Show the stored settings (the form's starting point)."""
        self._loaded = settings or EnergySettings()
        self.factors_table.setRowCount(0)
        for factor in self._loaded.factors:
            self._add_factor_row(factor)
        self.advances_table.setRowCount(0)
        for advance in self._loaded.advances:
            self._add_advance_row(advance)
        self.set_error("")
        self._update_buttons()

    def settings(self) -> EnergySettings:
        """What the tables hold (raises ValidationError naming the row and column of a bad entry)."""
        factors = []
        for row in range(self.factors_table.rowCount()):
            where = translate("EnergyTab", "Conversion factors, row {row}").format(row=row + 1)
            metric_key = self._combo(row).currentData()
            if metric_key is None:
                raise ValidationError(where, translate("EnergyTab", "choose a metric"))
            unit = self._text(self.factors_table, row, FactorColumn.UNIT) or DEFAULT_UNIT
            stored = self._stored_factor(row)
            factors.append(
                ConversionFactor(
                    stored.id if stored is not None else None,
                    int(metric_key),
                    self._date(self.factors_table, row, FactorColumn.VALID_FROM),
                    self._number(
                        self.factors_table,
                        row,
                        FactorColumn.FACTOR,
                        where,
                        translate("EnergyTab", "Calorific value / factor"),
                    ),
                    self._number(
                        self.factors_table,
                        row,
                        FactorColumn.Z_NUMBER,
                        where,
                        translate("EnergyTab", "Z-number"),
                        empty="1",
                    ),
                    unit,
                    version=stored.version if stored is not None else 0,
                )
            )
        advances = []
        for row in range(self.advances_table.rowCount()):
            where = translate("EnergyTab", "Advance payments, row {row}").format(row=row + 1)
            stored_advance = self._stored_advance(row)
            advances.append(
                AdvancePayment(
                    stored_advance.id if stored_advance is not None else None,
                    0,
                    self._date(self.advances_table, row, AdvanceColumn.VALID_FROM),
                    self._number(
                        self.advances_table,
                        row,
                        AdvanceColumn.AMOUNT,
                        where,
                        translate("EnergyTab", "Amount per month"),
                    ),
                    (self._text(self.advances_table, row, AdvanceColumn.CURRENCY) or "EUR").upper(),
                    version=stored_advance.version if stored_advance is not None else 0,
                )
            )
        return EnergySettings(tuple(factors), tuple(advances))

    def collect(self) -> EnergySettings | None:
        """``settings()``, or None after showing why not (the form then does not save)."""
        try:
            settings = self.settings()
        except ValidationError as exc:
            self.set_error(str(exc))
            return None
        self.set_error("")
        return settings

    def changed(self) -> bool:
        """Whether the tables differ from the stored settings (a bad entry counts as a change)."""
        try:
            current = self.settings()
        except ValidationError:
            return True
        loaded = EnergySettings(self._loaded.factors, tuple(replace(a, source_id=0) for a in self._loaded.advances))
        return current != loaded

    def set_error(self, message: str) -> None:
        self.error.set_message(message)

    # -- rows ----------------------------------------------------------------------------------

    def _add_factor_row(self, factor: ConversionFactor | None = None) -> int:
        table = self.factors_table
        row = table.rowCount()
        table.insertRow(row)
        combo = QComboBox(table)
        combo.setObjectName("factorMetricCombo")
        self._fill_combo(combo, factor.metric_id if factor is not None else None)
        combo.currentIndexChanged.connect(self.edited)
        table.setCellWidget(row, FactorColumn.METRIC, combo)
        table.setCellWidget(row, FactorColumn.VALID_FROM, self._date_edit(table, factor.valid_from if factor else None))
        default = OIL_DEFAULT if self._category is Category.OIL else GAS_DEFAULT
        values = (
            (str(factor.factor), str(factor.z_number), factor.unit)
            if factor is not None
            else (default[0], default[1], DEFAULT_UNIT)
        )
        for column, text in zip((FactorColumn.FACTOR, FactorColumn.Z_NUMBER, FactorColumn.UNIT), values, strict=True):
            item = QTableWidgetItem(self._shown_number(text) if column is not FactorColumn.UNIT else text)
            if column is not FactorColumn.UNIT:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column is FactorColumn.FACTOR:
                item.setData(Qt.ItemDataRole.UserRole, factor)
            table.setItem(row, column, item)
        return row

    def _add_advance_row(self, advance: AdvancePayment | None = None) -> int:
        table = self.advances_table
        row = table.rowCount()
        table.insertRow(row)
        table.setCellWidget(
            row, AdvanceColumn.VALID_FROM, self._date_edit(table, advance.valid_from if advance else None)
        )
        amount = QTableWidgetItem(self._shown_number(str(advance.amount)) if advance is not None else "")
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        amount.setData(Qt.ItemDataRole.UserRole, advance)
        table.setItem(row, AdvanceColumn.AMOUNT, amount)
        table.setItem(row, AdvanceColumn.CURRENCY, QTableWidgetItem(advance.currency if advance else "EUR"))
        return row

    def _stored_factor(self, row: int) -> ConversionFactor | None:
        item = self.factors_table.item(row, FactorColumn.FACTOR)
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, ConversionFactor) else None

    def _stored_advance(self, row: int) -> AdvancePayment | None:
        item = self.advances_table.item(row, AdvanceColumn.AMOUNT)
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, AdvancePayment) else None

    def _combo(self, row: int) -> QComboBox:
        combo = self.factors_table.cellWidget(row, FactorColumn.METRIC)
        assert isinstance(combo, QComboBox)
        return combo

    def _fill_combo(self, combo: QComboBox, chosen: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        for metric in self._metrics:
            combo.addItem(metric.label, metric.id)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
        combo.blockSignals(False)

    def _date_edit(self, parent: QWidget, day: date | None) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setObjectName("validFromEdit")
        edit.setCalendarPopup(True)
        edit.setFrame(False)
        today = QDate.currentDate()
        first = QDate(today.year(), today.month(), 1)
        edit.setDate(QDate(day.year, day.month, day.day) if day is not None else first)
        edit.dateChanged.connect(self.edited)
        return edit

    # -- parsing --------------------------------------------------------------------------------

    def _text(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _date(self, table: QTableWidget, row: int, column: int) -> date:
        edit = table.cellWidget(row, column)
        assert isinstance(edit, QDateEdit)
        day = edit.date()
        return date(day.year(), day.month(), day.day())

    def _number(
        self, table: QTableWidget, row: int, column: int, where: str, name: str, *, empty: str | None = None
    ) -> Decimal:
        text = self._text(table, row, column) or (empty or "")
        locale = self.locale()
        plain = text.replace(locale.groupSeparator(), "").replace(locale.decimalPoint(), ".").replace(" ", "")
        try:
            value = Decimal(plain)
        except InvalidOperation:
            value = Decimal("NaN")
        if not text or not value.is_finite():
            shown = (
                translate("EnergyTab", "“{text}” is not a number").format(text=text)
                if text
                else translate("EnergyTab", "is empty")
            )
            raise ValidationError(where, f"{name} {shown}")
        return value

    def _shown_number(self, text: str) -> str:
        """A stored decimal (dot) as the locale writes it (no grouping: the user edits it)."""
        return text.replace(".", self.locale().decimalPoint())

    # -- ui --------------------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        intro = QLabel(translate("EnergyTab", INTRO), self)
        intro.setWordWrap(True)
        self.factors_table = _table(self, "factorsTable", FACTOR_HEADERS)
        header = self.factors_table.horizontalHeader()
        for column, sample in (
            (FactorColumn.METRIC, translate("EnergyTab", "Gas (m³)   ")),
            (FactorColumn.VALID_FROM, "28/12/2088    "),
            (FactorColumn.FACTOR, translate("EnergyTab", "Calorific value / factor")),
            (FactorColumn.Z_NUMBER, translate("EnergyTab", "Z-number ")),
        ):
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(FactorColumn.UNIT, QHeaderView.ResizeMode.Stretch)
        self.add_factor_button = _button(self, translate("EnergyTab", "Add &factor"), "addFactorButton")
        self.remove_factor_button = _button(self, translate("EnergyTab", "Remove factor"), "removeFactorButton")
        factors_box = QGroupBox(translate("EnergyTab", "Conversion factors"), self)
        factors_layout = QVBoxLayout(factors_box)
        factors_layout.addWidget(intro)
        factors_layout.addWidget(self.factors_table, 1)
        factors_layout.addLayout(_row(self.add_factor_button, self.remove_factor_button))

        advances_intro = QLabel(translate("EnergyTab", ADVANCES_TEXT), self)
        advances_intro.setWordWrap(True)
        self.advances_table = _table(self, "advancesTable", ADVANCE_HEADERS)
        header = self.advances_table.horizontalHeader()
        for advance_column, sample in (
            (AdvanceColumn.VALID_FROM, "28/12/2088    "),
            (AdvanceColumn.AMOUNT, translate("EnergyTab", "Amount per month")),
        ):
            header.resizeSection(advance_column, self.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(AdvanceColumn.CURRENCY, QHeaderView.ResizeMode.Stretch)
        self.add_advance_button = _button(self, translate("EnergyTab", "Add ad&vance"), "addAdvanceButton")
        self.remove_advance_button = _button(self, translate("EnergyTab", "Remove advance"), "removeAdvanceButton")
        advances_box = QGroupBox(translate("EnergyTab", "Advance payments"), self)
        advances_layout = QVBoxLayout(advances_box)
        advances_layout.addWidget(advances_intro)
        advances_layout.addWidget(self.advances_table, 1)
        advances_layout.addLayout(_row(self.add_advance_button, self.remove_advance_button))

        self.error = FieldError("energyError", self)
        layout = QVBoxLayout(self)
        layout.addWidget(factors_box, 3)
        layout.addWidget(advances_box, 2)
        layout.addWidget(self.error)

        self.add_factor_button.clicked.connect(self._on_add_factor_clicked)
        self.remove_factor_button.clicked.connect(self._on_remove_factor_clicked)
        self.add_advance_button.clicked.connect(self._on_add_advance_clicked)
        self.remove_advance_button.clicked.connect(self._on_remove_advance_clicked)
        for table in (self.factors_table, self.advances_table):
            table.itemChanged.connect(self.edited)
            table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_factor_button.setEnabled(bool(self._metrics))
        self.add_factor_button.setToolTip(
            "" if self._metrics else translate("EnergyTab", "Add a counter or interval metric first.")
        )
        self.remove_factor_button.setEnabled(self.factors_table.currentRow() >= 0)
        self.remove_advance_button.setEnabled(self.advances_table.currentRow() >= 0)

    def _on_add_factor_clicked(self) -> None:
        row = self._add_factor_row()
        self.factors_table.setCurrentCell(row, FactorColumn.FACTOR)
        self.edited.emit()
        self._update_buttons()

    def _on_remove_factor_clicked(self) -> None:
        row = self.factors_table.currentRow()
        if row >= 0:
            self.factors_table.removeRow(row)
            self.edited.emit()
        self._update_buttons()

    def _on_add_advance_clicked(self) -> None:
        row = self._add_advance_row()
        self.advances_table.setCurrentCell(row, AdvanceColumn.AMOUNT)
        item = self.advances_table.item(row, AdvanceColumn.AMOUNT)
        if item is not None:
            self.advances_table.editItem(item)
        self.edited.emit()
        self._update_buttons()

    def _on_remove_advance_clicked(self) -> None:
        row = self.advances_table.currentRow()
        if row >= 0:
            self.advances_table.removeRow(row)
            self.edited.emit()
        self._update_buttons()


def _table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([translate("EnergyTab", header) for header in headers])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
    table.horizontalHeader().setHighlightSections(False)
    return table


def _button(parent: QWidget, text: str, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
