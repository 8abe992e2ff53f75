"""VirtualMeterDialog with pytest-qt on a real database: choosing inputs, units checked as you go,
saving; the inputs' list model (qtmodeltester); the window's pages for a virtual meter."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source, Tariff, VirtualTerm
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.virtual_editor import VirtualMeterEditorViewModel
from homelog_desktop.views.conflict_dialog import KEEP_EDITING, OVERWRITE, RELOAD
from homelog_desktop.views.models.virtual_inputs import VirtualInputsModel
from homelog_desktop.views.virtual_meter_dialog import VirtualMeterDialog
from tests.ui.test_main_window import open_window  # noqa: F401  (a fixture)


@pytest.fixture
def meters(run, db) -> dict[str, Source]:
    """A house meter and a heat pump in kWh, a water meter in m³ and a thermometer (a gauge)."""

    async def go() -> dict[str, Source]:
        async with db.session() as s:
            repo = SourceRepository(s)
            kwh = (Metric(None, "Energy", "kWh"),)
            made = {
                "house": await repo.add(Source(None, "House", Category.ELECTRICITY, metrics=kwh)),
                "pump": await repo.add(Source(None, "Heat pump", Category.ELECTRICITY, metrics=kwh)),
                "water": await repo.add(Source(None, "Water", Category.WATER, metrics=(Metric(None, "Cold", "m³"),))),
                "room": await repo.add(
                    Source(None, "Room", Category.TEMPERATURE, metrics=(Metric(None, "T", "°C", MetricKind.GAUGE),))
                ),
            }  # fmt: skip
            for key, values in (("house", ("0", "310")), ("pump", ("0", "100"))):
                source = made[key]
                for day, value in zip((1, 31), values, strict=True):
                    reading = Reading(
                        None, source.id, datetime(2025, 1, day, tzinfo=UTC), {source.metrics[0].id: Decimal(value)}
                    )
                    await ReadingRepository(s).add(source, reading)
        return made

    return run(go())  # type: ignore[no-any-return]


@pytest.fixture
def open_dialog(qtbot, db):
    def factory(source: Source | None = None) -> VirtualMeterDialog:
        vm = VirtualMeterEditorViewModel(db, source)
        dialog = VirtualMeterDialog(vm)
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(vm.choices_loaded):
            dialog.start()
        return dialog

    return factory


def save_button(dialog: VirtualMeterDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def choose(dialog: VirtualMeterDialog, row: int, label: str) -> None:
    combo = dialog.rows[row].input_combo
    index = combo.findText(label)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def test_virtual_dialog_offers_counters_of_other_meters_not_gauges(open_dialog, meters):
    """The pickers list every counter and interval metric; the thermometer is not among them."""
    dialog = open_dialog()
    combo = dialog.rows[0].input_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["Heat pump · Energy (kWh)", "House · Energy (kWh)", "Water · Cold (m³)"]


def test_virtual_dialog_creates_house_minus_heat_pump(qtbot, open_dialog, meters, stored_sources):
    """Two rows are ready (+ then −); naming the meter and saving stores its terms."""
    dialog = open_dialog()
    choose(dialog, 0, "House · Energy (kWh)")
    choose(dialog, 1, "Heat pump · Energy (kWh)")
    assert dialog.rows[1].sign_combo.currentData() == -1
    assert not save_button(dialog).isEnabled()  # no name yet
    qtbot.keyClicks(dialog.name_edit, "House without heat pump")
    assert dialog.unit_label.text() == "Unit: kWh"
    assert save_button(dialog).isEnabled()
    with qtbot.waitSignal(dialog._vm.saved):
        save_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = next(s for s in stored_sources() if s.name == "House without heat pump")
    assert stored.virtual and stored.metrics[0].unit == "kWh"
    assert stored.terms == (
        VirtualTerm(meters["house"].metrics[0].id, 1),
        VirtualTerm(meters["pump"].metrics[0].id, -1),
    )


def test_virtual_dialog_explains_units_that_do_not_match(qtbot, open_dialog, meters):
    """Water in m³ beside the house in kWh: the reason is shown under the inputs and Save stays off."""
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Mixed")
    choose(dialog, 0, "House · Energy (kWh)")
    choose(dialog, 1, "Water · Cold (m³)")
    assert dialog.problems_label.isVisible()
    assert "is in m³, this virtual meter in kWh: only metrics of the same unit" in dialog.problems_label.text()
    assert not save_button(dialog).isEnabled()
    dialog.rows[1].remove_button.click()
    qtbot.waitUntil(lambda: not dialog.problems_label.isVisible())
    assert save_button(dialog).isEnabled()


def test_virtual_dialog_edits_a_stored_virtual_meter(qtbot, run, db, open_dialog, meters, stored_sources):
    """Editing shows the stored terms; flipping a sign and saving stores it."""
    house, pump = meters["house"], meters["pump"]

    async def add() -> Source:
        async with db.session() as s:
            return await SourceRepository(s).add(
                Source(None, "Both", metrics=(Metric(None, "Consumption", "kWh", decimals=1),), virtual=True,
                       terms=(VirtualTerm(house.metrics[0].id, 1), VirtualTerm(pump.metrics[0].id, 1)))
            )  # fmt: skip

    both = run(add())
    dialog = open_dialog(both)
    assert [r.input_combo.currentText() for r in dialog.rows] == ["House · Energy (kWh)", "Heat pump · Energy (kWh)"]
    assert dialog.name_edit.text() == "Both"
    dialog.rows[1].sign_combo.setCurrentIndex(1)
    with qtbot.waitSignal(dialog._vm.saved):
        save_button(dialog).click()
    stored = next(s for s in stored_sources() if s.name == "Both")
    assert stored.terms[1] == VirtualTerm(pump.metrics[0].id, -1)


def test_virtual_inputs_model_passes_qtmodeltester(qtmodeltester, open_dialog, meters):
    """The inputs' list model is a well-behaved Qt model, before and after its rows arrive."""
    model = VirtualInputsModel()
    qtmodeltester.check(model)
    dialog = open_dialog()
    model.set_rows([dialog._model.item(i) for i in range(dialog._model.rowCount())])
    qtmodeltester.check(model)
    assert model.row_of(meters["water"].metrics[0].id) == 2


# -- the window ------------------------------------------------------------------------------


@pytest.fixture
def with_virtual(run, db, meters) -> Source:
    house, pump = meters["house"], meters["pump"]

    async def add() -> Source:
        async with db.session() as s:
            return await SourceRepository(s).add(
                Source(None, "Rest", Category.ELECTRICITY, metrics=(Metric(None, "Consumption", "kWh", decimals=1),),
                       virtual=True, terms=(VirtualTerm(house.metrics[0].id, 1), VirtualTerm(pump.metrics[0].id, -1)))
            )  # fmt: skip

    return run(add())  # type: ignore[no-any-return]


def test_virtual_meter_readings_tab_says_it_is_computed(qtbot, open_window, with_virtual):  # noqa: F811
    """The readings tab names the inputs instead of an empty table; New Reading is off; the round skips it."""
    from homelog_desktop.views.main.actions import Act
    from tests.ui.test_main_window import settle

    window = open_window()
    window.open_source(with_virtual.id, 0)
    qtbot.waitUntil(lambda: (s := window.current_source()) is not None and s.name == "Rest")
    settle(qtbot, window)
    page = window.source_page
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    assert "“Rest” is a virtual meter, computed from its inputs:\nHouse − Heat pump" in page.empty_label.text()
    assert "virtual meter: House − Heat pump" in page._details.text()
    assert not window.action(Act.ADD_READING).isEnabled()
    assert window.action(Act.ADD_VIRTUAL_METER).isEnabled()
    window.open_meter_round()
    sheet = window.dialogs.open[-1]
    qtbot.waitUntil(lambda: not sheet._vm.busy and bool(sheet.rows))
    assert sorted({r.line.source.name for r in sheet.rows}) == ["Heat pump", "House", "Room", "Water"]


def test_virtual_dialog_edits_tariffs_with_the_source_forms_tariff_dialog(qtbot, run, db, open_dialog, meters):
    """A new virtual meter gets a tariff through the tariff dialog of the source form; editing it shows
    the stored tariff, changing its price and removing nothing stores the change (qtmodeltester on the list)."""
    from datetime import date

    from PySide6.QtCore import QDate, Qt

    from homelog_desktop.repositories import TariffRepository
    from homelog_desktop.views.meter_changes import TariffColumn, TariffDialog

    def tariff_form() -> TariffDialog:
        qtbot.waitUntil(lambda: any(d.isVisible() for d in dialog.findChildren(TariffDialog)))
        (found,) = [d for d in dialog.findChildren(TariffDialog) if d.isVisible()]
        return found

    def stored(source: Source):
        async def go():
            async with db.session(readonly=True) as s:
                return await TariffRepository(s).for_metric(source.metrics[0].id)

        return run(go())

    dialog = open_dialog()
    assert not dialog.edit_tariff_button.isEnabled() and dialog.add_tariff_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Rest")
    choose(dialog, 0, "House · Energy (kWh)")
    choose(dialog, 1, "Heat pump · Energy (kWh)")
    assert dialog.tabs.tabText(1) == "&Tariffs"
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.add_tariff_button, Qt.MouseButton.LeftButton)
    form = tariff_form()
    assert form.price_unit.text().endswith(" per kWh")  # the virtual meter's unit
    form.currency_combo.setEditText("EUR")
    form.valid_from_edit.setDate(QDate(2025, 1, 1))
    form.price_edit.setText("0.32")
    form.standing_edit.setText("0.10")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._tariffs.rowCount() == 1)
    assert dialog._tariffs.index(0, TariffColumn.UNIT_PRICE).data() == "0.32 / kWh"
    assert dialog.tariffs_view.isColumnHidden(TariffColumn.METRIC)
    assert dialog.tabs.tabText(1) == "&Tariffs (1)"
    with qtbot.waitSignal(dialog._vm.saved):
        save_button(dialog).click()
    rest = dialog.result_source
    assert rest is not None
    assert [(t.valid_from, t.unit_price, t.standing_charge) for t in stored(rest)] == [
        (date(2025, 1, 1), Decimal("0.32"), Decimal("0.10"))
    ]

    dialog = open_dialog(rest)
    assert dialog._tariffs.rowCount() == 1
    dialog.tabs.setCurrentIndex(1)
    dialog.tariffs_view.selectRow(0)
    assert dialog.edit_tariff_button.isEnabled() and dialog.remove_tariff_button.isEnabled()
    qtbot.mouseClick(dialog.edit_tariff_button, Qt.MouseButton.LeftButton)
    form = tariff_form()
    assert form.price_edit.text() == "0.32"
    form.price_edit.setText("0.35")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._tariffs.item_at(0).unit_price == Decimal("0.35"))
    with qtbot.waitSignal(dialog._vm.saved):
        save_button(dialog).click()
    assert [t.unit_price for t in stored(rest)] == [Decimal("0.35")]
    rest = dialog.result_source  # its stored version now

    dialog = open_dialog(rest)
    dialog.tariffs_view.selectRow(0)
    dialog.remove_tariff_button.click()
    assert dialog._tariffs.rowCount() == 0 and not dialog.remove_tariff_button.isEnabled()
    with qtbot.waitSignal(dialog._vm.saved):
        save_button(dialog).click()
    assert stored(rest) == []


def test_virtual_dialog_tariffs_model_passes_qtmodeltester(qtmodeltester, open_dialog, meters):
    dialog = open_dialog()
    qtmodeltester.check(dialog._tariffs)


def test_virtual_meter_tariff_from_the_window_gives_its_report_a_cost(qtbot, open_window, with_virtual):  # noqa: F811
    """Edit source… on a virtual meter, a tariff added on its Tariffs tab, saved: its report, open
    beside, gets a cost at once (310 − 100 = 210 kWh at 0.30, no standing charge);
    Edit → Undo takes the tariff away again and the report says no cost."""
    from PySide6.QtCore import QDate

    from homelog_desktop.viewmodels.reports import Preset
    from homelog_desktop.views.main.actions import Act
    from homelog_desktop.views.meter_changes import TariffDialog
    from homelog_desktop.views.reports_page import ReportsPage
    from tests.ui.test_main_window import settle

    window = open_window()
    window.open_source(with_virtual.id, 1)
    qtbot.waitUntil(lambda: (p := window.findChild(ReportsPage)) is not None and p.vm.report is not None)
    page = window.findChild(ReportsPage)
    page._preset.setCurrentIndex(page._preset.findData(Preset.ALL))  # January 2025
    qtbot.waitUntil(lambda: not page.vm._tasks and bool(page.vm.report.rows), timeout=15000)
    assert page.vm.report.source.id == with_virtual.id and page.vm.report.total_cost is None
    settle(qtbot, window)
    window.edit_source()
    dialog = window.dialogs.open[-1]
    assert isinstance(dialog, VirtualMeterDialog)
    qtbot.waitUntil(lambda: dialog.loaded and bool(dialog.rows))
    dialog.tabs.setCurrentIndex(1)
    dialog.add_tariff_button.click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in dialog.findChildren(TariffDialog)))
    (form,) = [d for d in dialog.findChildren(TariffDialog) if d.isVisible()]
    form.valid_from_edit.setDate(QDate(2024, 1, 1))
    form.price_edit.setText("0.30")
    form.currency_combo.setEditText("EUR")
    form.ok_button.click()
    qtbot.waitUntil(lambda: dialog._tariffs.rowCount() == 1)
    with qtbot.waitSignal(dialog._vm.saved):
        save_button(dialog).click()
    qtbot.waitUntil(lambda: page.vm.report is not None and page.vm.report.total_cost is not None, timeout=15000)
    assert page.vm.report.total_cost == Decimal("63.0")  # 210 kWh × 0.30
    assert window.action(Act.UNDO).text().startswith("&Undo Edit Virtual Meter")
    window.action(Act.UNDO).trigger()
    qtbot.waitUntil(lambda: page.vm.report is not None and page.vm.report.total_cost is None, timeout=15000)


@pytest.mark.parametrize("choice", [RELOAD, OVERWRITE, KEEP_EDITING])
def test_virtual_dialog_tariff_conflict_offers_reload_or_overwrite(qtbot, run, db, open_dialog, meters, choice):
    """A tariff of the virtual meter changed in another window after the form loaded it: saving
    stores nothing and asks, as the source form does (the same question): Reload shows their
    tariff, Overwrite saves the form's over it, Keep Editing lets the next Save overwrite."""
    from dataclasses import replace
    from datetime import date

    from homelog_desktop.repositories import TariffRepository

    house, pump = meters["house"], meters["pump"]

    async def add() -> tuple[Source, Tariff]:
        async with db.session() as s:
            rest = await SourceRepository(s).add(
                Source(None, "Rest", Category.ELECTRICITY, metrics=(Metric(None, "Consumption", "kWh", decimals=1),),
                       virtual=True, terms=(VirtualTerm(house.metrics[0].id, 1), VirtualTerm(pump.metrics[0].id, -1)))
            )  # fmt: skip
            tariff = await TariffRepository(s).add(
                Tariff(None, rest.metrics[0].id, date(2025, 1, 1), Decimal("0.30"), Decimal("0.10"), "EUR")
            )
            return rest, tariff

    async def theirs(tariff: Tariff) -> None:  # another window, behind the form's back
        async with db.session() as s:
            await TariffRepository(s).update(replace(tariff, unit_price=Decimal("0.40")))

    async def stored() -> tuple[str, list[Decimal]]:
        async with db.session(readonly=True) as s:
            source = await SourceRepository(s).get(rest.id)
            return source.name, [t.unit_price for t in await TariffRepository(s).for_metric(source.metrics[0].id)]

    rest, tariff = run(add())
    dialog = open_dialog(rest)
    assert dialog._tariffs.item_at(0).unit_price == Decimal("0.30")
    run(theirs(tariff))
    dialog.name_edit.setText("Rest of the house")
    save_button(dialog).click()
    qtbot.waitUntil(lambda: dialog.conflict_question is not None and dialog.conflict_question.isVisible())
    assert dialog.conflict_question.text().startswith("This tariff was changed by")
    assert run(stored()) == ("Rest", [Decimal("0.40")])  # nothing stored
    if choice == RELOAD:
        dialog.conflict_question.choice_button(RELOAD).click()
        qtbot.waitUntil(
            lambda: dialog._tariffs.rowCount() == 1 and dialog._tariffs.item_at(0).unit_price == Decimal("0.40")
        )
        assert dialog.name_edit.text() == "Rest" and dialog.conflict_question is None
        with qtbot.waitSignal(dialog._vm.saved):
            save_button(dialog).click()  # saved without a question: the form now holds what is stored
        assert run(stored()) == ("Rest", [Decimal("0.40")])
        return
    if choice == OVERWRITE:
        with qtbot.waitSignal(dialog._vm.saved):
            dialog.conflict_question.choice_button(OVERWRITE).click()
    else:
        dialog.conflict_question.choice_button(KEEP_EDITING).click()
        qtbot.waitUntil(lambda: dialog.conflict_question is None)
        assert dialog.isVisible() and "Save again to overwrite it." in dialog.problems_label.text()
        with qtbot.waitSignal(dialog._vm.saved):
            save_button(dialog).click()
    assert run(stored()) == ("Rest of the house", [Decimal("0.30")])  # the form's, over theirs
