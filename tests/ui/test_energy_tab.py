"""The source editor's Energy tab: conversion factors and advance payments typed in place (decimal comma
in German), saved with the source, read back, a bad entry refused with nothing stored, a new metric's factor."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit

from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
from homelog_desktop.views.energy_tab import AdvanceColumn, EnergyTab, FactorColumn
from homelog_desktop.views.source_dialog import SourceDialog


@pytest.fixture
def german_locale(british_locale):
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))


@pytest.fixture
def open_dialog(qtbot, db):
    def factory(source=None) -> SourceDialog:
        vm = SourceEditorViewModel(db, source)
        dialog = SourceDialog(vm)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(vm.changes_loaded):
            dialog.show()
        return dialog

    return factory


@pytest.fixture
def stored(run, db):
    def fetch(source):
        async def go():
            async with db.session(readonly=True) as s:
                factors = await ConversionFactorRepository(s).for_metric(source.metrics[0].id)
                advances = await AdvancePaymentRepository(s).for_source(source.id)
                return factors, advances

        return run(go())

    return fetch


@pytest.fixture
def gas_source(add_source):
    return add_source("Gas", category=Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def set_cell(tab_table, row: int, column: int, text: str) -> None:
    tab_table.item(row, column).setText(text)


def set_date(table, row: int, column: int, day: date) -> None:
    edit = table.cellWidget(row, column)
    assert isinstance(edit, QDateEdit)
    edit.setDate(QDate(day.year, day.month, day.day))


def test_energy_tab_saves_factors_and_advances_with_the_source(qtbot, german_locale, open_dialog, gas_source, stored):
    dialog = open_dialog(gas_source)
    tab = dialog.energy_page
    assert isinstance(tab, EnergyTab)
    dialog.tabs.setCurrentWidget(tab)
    click(qtbot, tab.add_factor_button)
    click(qtbot, tab.add_factor_button)
    table = tab.factors_table
    combo = table.cellWidget(0, FactorColumn.METRIC)
    assert isinstance(combo, QComboBox) and combo.currentText() == "Gas (m³)"
    # A new gas row starts from a bill's usual figures, in the locale's way (decimal comma).
    assert (table.item(0, FactorColumn.FACTOR).text(), table.item(0, FactorColumn.Z_NUMBER).text()) == ("11,2", "0,95")
    set_date(table, 0, FactorColumn.VALID_FROM, date(2024, 1, 1))
    set_date(table, 1, FactorColumn.VALID_FROM, date(2025, 2, 15))
    set_cell(table, 1, FactorColumn.FACTOR, "11,4")
    click(qtbot, tab.add_advance_button)
    set_date(tab.advances_table, 0, AdvanceColumn.VALID_FROM, date(2025, 1, 1))
    set_cell(tab.advances_table, 0, AdvanceColumn.AMOUNT, "85,50")
    assert dialog.has_changes()
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.save_button)
    factors, advances = stored(gas_source)
    assert [(f.valid_from, f.factor, f.z_number, f.unit) for f in factors] == [
        (date(2024, 1, 1), Decimal("11.2"), Decimal("0.95"), "kWh"),
        (date(2025, 2, 15), Decimal("11.4"), Decimal("0.95"), "kWh"),
    ]
    assert [(a.valid_from, a.amount, a.currency) for a in advances] == [(date(2025, 1, 1), Decimal("85.50"), "EUR")]


def test_energy_tab_shows_what_is_stored_and_refuses_a_bad_number(qtbot, run, db, open_dialog, gas_source, stored):
    metric = gas_source.metrics[0].id

    async def seed():
        async with db.session() as s:
            await ConversionFactorRepository(s).replace(
                metric, [ConversionFactor(None, metric, date(2024, 1, 1), Decimal("11.2"), Decimal("0.95"))]
            )
            await AdvancePaymentRepository(s).replace(
                gas_source.id, [AdvancePayment(None, gas_source.id, date(2025, 1, 1), Decimal("85"))]
            )

    run(seed())
    dialog = open_dialog(gas_source)
    tab = dialog.energy_page
    assert tab.factors_table.rowCount() == 1 and tab.advances_table.rowCount() == 1
    assert tab.factors_table.item(0, FactorColumn.FACTOR).text() == "11.2"
    assert not dialog.has_changes()
    set_cell(tab.advances_table, 0, AdvanceColumn.AMOUNT, "eighty")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.tabs.currentWidget() is tab
    assert tab.error.text() == "Advance payments, row 1: Amount per month “eighty” is not a number"
    assert stored(gas_source)[1][0].amount == Decimal(85)
    # A factor of 0 passes the form but not the rule: the database refuses, nothing is stored.
    set_cell(tab.advances_table, 0, AdvanceColumn.AMOUNT, "90")
    set_cell(tab.factors_table, 0, FactorColumn.FACTOR, "0")
    with qtbot.waitSignal(dialog._vm.error_occurred):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "row 1: Factor" in tab.error.text())
    factors, advances = stored(gas_source)
    assert factors[0].factor == Decimal("11.2") and advances[0].amount == Decimal(85)
    # Removing both rows and saving removes them.
    tab.factors_table.selectRow(0)
    click(qtbot, tab.remove_factor_button)
    tab.advances_table.selectRow(0)
    click(qtbot, tab.remove_advance_button)
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.save_button)
    assert stored(gas_source) == ([], [])


def test_energy_tab_factor_of_a_new_source(qtbot, open_dialog, stored_sources, run, db):
    """A new oil source: its default metric (litres) gets a factor of 9.8 kWh per litre, stored with it."""
    dialog = open_dialog(None)
    dialog.name_edit.setText("Oil")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData(Category.OIL.value))
    tab = dialog.energy_page
    click(qtbot, tab.add_factor_button)
    assert tab.factors_table.item(0, FactorColumn.FACTOR).text() == "9.8"
    assert tab.factors_table.item(0, FactorColumn.Z_NUMBER).text() == "1"
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.save_button)
    (oil,) = [s for s in stored_sources() if s.name == "Oil"]
    factors, _ = run(_read(db, oil))
    assert [(f.metric_id, f.factor, f.unit) for f in factors] == [(oil.metrics[0].id, Decimal("9.8"), "kWh")]


async def _read(db, source):
    async with db.session(readonly=True) as s:
        return await ConversionFactorRepository(s).for_metric(source.metrics[0].id), []
