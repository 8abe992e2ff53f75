"""Tariffs and the billing year in the source dialog (pytest-qt, real database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from homelog_desktop.domain.entities import Metric, MetricKind, Tariff
from homelog_desktop.domain.rules import TARIFF_LABELS
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
from homelog_desktop.views.meter_changes import TariffColumn, TariffDialog, TariffsTableModel
from homelog_desktop.views.source_dialog import SourceDialog

#: The form's field for each label a message starts with.
FIELD_OF = {label: field for field, label in TARIFF_LABELS.items()}


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
def stored_tariffs(run, db):
    def fetch(source) -> list[Tariff]:
        async def go():
            async with db.session(readonly=True) as s:
                found = await TariffRepository(s).for_metrics([m.id for m in source.metrics])
                return [t for m in source.metrics for t in found[m.id]]

        return run(go())

    return fetch


@pytest.fixture
def add_tariffs(run, db):
    def add(*tariffs: Tariff) -> list[Tariff]:
        async def go():
            async with db.session() as s:
                return [await TariffRepository(s).add(t) for t in tariffs]

        return run(go())

    return add


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tariff_dialog(dialog: SourceDialog) -> TariffDialog:
    (found,) = [d for d in dialog.findChildren(TariffDialog) if d.isVisible()]
    return found


def fill(form: TariffDialog, metric_id: int, day: date, price: str, standing: str = "", currency: str = "EUR") -> None:
    form.metric_combo.setCurrentIndex(form.metric_combo.findData(metric_id))
    form.valid_from_edit.setDate(QDate(day))
    form.price_edit.setText(price)
    form.standing_edit.setText(standing)
    form.currency_combo.setEditText(currency)


def save_and_wait(qtbot, dialog: SourceDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.save_button)


def test_source_dialog_adds_tariffs_with_the_locale_decimal_comma(
    qtbot, german_locale, open_dialog, add_source, stored_tariffs
):
    """Prices typed with a decimal comma are stored exactly, per metric, when the source is saved."""
    source = add_source()
    day, night = source.metrics
    dialog = open_dialog(source)
    dialog.tabs.setCurrentWidget(dialog.tariffs_page)

    click(qtbot, dialog.add_tariff_button)
    form = tariff_dialog(dialog)
    assert form.price_unit.text() == "EUR per kWh"
    fill(form, day.id, date(2025, 1, 1), "0,3124", "0,4521")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: dialog.tariffs_model.rowCount() == 1)
    click(qtbot, dialog.add_tariff_button)
    form = tariff_dialog(dialog)
    assert form.currency_combo.currentText() == "EUR", "the currency of the tariffs before"
    fill(form, night.id, date(2025, 1, 1), "0,248")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: dialog.tariffs_model.rowCount() == 2)

    assert dialog.tariffs_model.index(0, TariffColumn.UNIT_PRICE).data() == "0,3124 / kWh"
    assert dialog.tabs.tabText(3) == "&Tariffs (2)"
    assert stored_tariffs(source) == []
    save_and_wait(qtbot, dialog)

    assert [
        (t.metric_id, t.valid_from, t.unit_price, t.standing_charge, t.currency) for t in stored_tariffs(source)
    ] == [
        (day.id, date(2025, 1, 1), Decimal("0.3124"), Decimal("0.4521"), "EUR"),
        (night.id, date(2025, 1, 1), Decimal("0.248"), Decimal(0), "EUR"),
    ]


def test_source_dialog_edits_and_removes_tariffs(qtbot, open_dialog, add_source, add_tariffs, stored_tariffs):
    """Edit… changes the price and day of a tariff; Remove drops another; Save stores exactly that."""
    source = add_source()
    day = source.metrics[0]
    add_tariffs(
        Tariff(None, day.id, date(2024, 1, 1), Decimal("0.30"), Decimal("0.40"), "EUR"),
        Tariff(None, day.id, date(2025, 1, 1), Decimal("0.33"), Decimal("0.40"), "EUR"),
    )
    dialog = open_dialog(source)
    assert dialog.tariffs_model.rowCount() == 2

    dialog.tariffs_view.selectRow(1)
    click(qtbot, dialog.edit_tariff_button)
    form = tariff_dialog(dialog)
    assert form.price_edit.text() == "0.33"
    form.price_edit.setText("0.345")
    form.valid_from_edit.setDate(QDate(2025, 4, 1))
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: dialog.tariffs_model.item_at(1).unit_price == Decimal("0.345"))
    dialog.tariffs_view.selectRow(0)
    click(qtbot, dialog.remove_tariff_button)

    save_and_wait(qtbot, dialog)

    assert [(t.valid_from, t.unit_price) for t in stored_tariffs(source)] == [(date(2025, 4, 1), Decimal("0.345"))]


@pytest.mark.parametrize(
    ("price", "standing", "currency", "day", "field", "reason"),
    [
        ("abc", "", "EUR", date(2025, 2, 1), "Unit price", "is not a number"),
        ("", "", "EUR", date(2025, 2, 1), "Unit price", "is needed"),
        ("-0.3", "", "EUR", date(2025, 2, 1), "Unit price", "from 0"),
        ("0.3", "1,234", "EUR", date(2025, 2, 1), "Standing charge", "ambiguous"),
        ("0.3", "", "EU", date(2025, 2, 1), "Currency", "three-letter code"),
        ("0.3", "", "EUR", date(2025, 1, 1), "Valid from", "already has a tariff from"),
    ],
)
def test_tariff_dialog_bad_input_names_the_field(
    qtbot, open_dialog, add_source, add_tariffs, stored_tariffs, price, standing, currency, day, field, reason
):
    """Bad input keeps the tariff form open with the message under the field; nothing is stored."""
    source = add_source()
    metric = source.metrics[0]
    (existing,) = add_tariffs(Tariff(None, metric.id, date(2025, 1, 1), Decimal("0.3")))
    dialog = open_dialog(source)
    click(qtbot, dialog.add_tariff_button)
    form = tariff_dialog(dialog)
    fill(form, metric.id, day, price, standing, currency)

    click(qtbot, form.ok_button)

    assert form.isVisible()
    message = form.error_text(FIELD_OF[field])
    assert message.startswith(f"{field}:") and reason in message, message
    form.reject()
    assert dialog.tariffs_model.items() == [existing]
    save_and_wait(qtbot, dialog)
    assert stored_tariffs(source) == [existing]


def test_tariff_dialog_offers_no_gauges(qtbot, open_dialog, add_source):
    """A gauge has no cost: the tariff form offers counters and interval metrics only."""
    metrics = (
        Metric(None, "Temperature", "°C", MetricKind.GAUGE, 1),
        Metric(None, "Oil delivered", "l", MetricKind.INTERVAL, 0),
    )
    source = add_source("Tank", metrics=metrics)
    dialog = open_dialog(source)
    click(qtbot, dialog.add_tariff_button)
    form = tariff_dialog(dialog)

    assert [form.metric_combo.itemText(i) for i in range(form.metric_combo.count())] == ["Oil delivered (l)"]
    assert form.price_unit.text() == "GBP per l", "the locale's currency when there is no tariff yet"
    form.reject()


def test_source_dialog_stores_the_billing_year_month(qtbot, open_dialog, add_source, stored_sources):
    """The billing year's first month is shown (January by default) and stored."""
    source = add_source()
    dialog = open_dialog(source)
    assert dialog.billing_month_combo.currentData() == 1
    assert dialog.billing_month_combo.currentText() == "January"

    dialog.billing_month_combo.setCurrentIndex(dialog.billing_month_combo.findData(10))
    assert dialog.has_changes()
    save_and_wait(qtbot, dialog)

    assert stored_sources()[0].billing_start_month == 10
    again = open_dialog(stored_sources()[0])
    assert again.billing_month_combo.currentText() == "October"


def test_tariffs_model_passes_modeltester(qtmodeltester):
    """The tariffs model is a correct Qt model, sorted by metric order then day, through changes."""
    metrics = [Metric(2, "Day", "kWh", MetricKind.COUNTER, 1), Metric(1, "Night", "kWh", MetricKind.COUNTER, 1)]
    model = TariffsTableModel(
        [
            Tariff(1, 1, date(2025, 1, 1), Decimal("0.2")),
            Tariff(2, 2, date(2025, 6, 1), Decimal("0.35")),
            Tariff(3, 2, date(2025, 1, 1), Decimal("0.3"), Decimal("0.45")),
        ],
        metrics,
    )
    qtmodeltester.check(model)
    assert [t.id for t in model.items()] == [3, 2, 1]
    assert model.index(0, TariffColumn.STANDING).data() == "0.45"
    assert model.index(2, TariffColumn.STANDING).data() == "0.00"
    assert model.index(0, TariffColumn.UNIT_PRICE).data() == "0.30 / kWh"
    assert model.add_item(Tariff(None, 1, date(2024, 1, 1), Decimal("0.1"))) == 2
    model.set_problems({1: "a problem"})
    model.set_metrics(list(reversed(metrics)))
    qtmodeltester.check(model)
    model.set_items([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
