"""Virtual meters on a real SQLite file: stored through SourceRepository, computed by the reports and
dashboard services from their inputs' readings, guarded against losing an input, and private inputs
kept private (the access policy; PostgreSQL's row-level security in test_virtual_meters_postgres.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from homelog_desktop.db import Database
from homelog_desktop.domain.access import Actor, Role
from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.entities import (
    Category,
    Member,
    MeterEvent,
    MeterEventKind,
    Metric,
    Reading,
    Source,
    VirtualTerm,
)
from homelog_desktop.domain.errors import ValidationError
from homelog_desktop.domain.issues import RuleError
from homelog_desktop.domain.virtual import HiddenInputError
from homelog_desktop.repositories import MemberRepository, MeterEventRepository, ReadingRepository, SourceRepository
from homelog_desktop.repositories.member_passwords import MemberPasswordRepository
from homelog_desktop.services.dashboard import dashboard_cards
from homelog_desktop.services.reports import build_report, report_csv


def utc(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def counter(name: str, **fields: Any) -> Source:
    return Source(None, name, Category.ELECTRICITY, metrics=(Metric(None, "Energy", "kWh", decimals=1),), **fields)


def virtual(name: str, *terms: tuple[Source, int], unit: str = "kWh", **fields: Any) -> Source:
    return Source(
        None,
        name,
        Category.ELECTRICITY,
        metrics=(Metric(None, "Consumption", unit, decimals=1),),
        virtual=True,
        terms=tuple(VirtualTerm(s.metrics[0].id or 0, sign) for s, sign in terms),
        **fields,
    )


async def _read(db: Database, source: Source, *points: tuple[datetime, str]) -> None:
    async with db.session() as s:
        mid = source.metrics[0].id
        for when, value in points:
            await ReadingRepository(s).add(source, Reading(None, source.id or 0, when, {mid or 0: Decimal(value)}))


@pytest.fixture
def inputs(run: Callable[..., Any], db: Database) -> tuple[Source, Source]:
    """The house meter (0 on 1 Jan, 200 on 21 Jan, 500 on 10 Feb, 785 on 1 Mar 2025) and the heat pump
    (1000 on 11 Jan, 1350 on 15 Feb, reset on 20 Feb at 1400, 90 on 1 Mar), as in tests/unit/test_virtual.py."""

    async def go() -> tuple[Source, Source]:
        async with db.session() as s:
            house = await SourceRepository(s).add(counter("House"))
            pump = await SourceRepository(s).add(counter("Heat pump"))
        await _read(db, house, (utc(2025, 1, 1), "0"), (utc(2025, 1, 21), "200"), (utc(2025, 2, 10), "500"))
        await _read(db, house, (utc(2025, 3, 1), "785"))
        await _read(db, pump, (utc(2025, 1, 11), "1000"), (utc(2025, 2, 15), "1350"), (utc(2025, 3, 1), "90"))
        async with db.session() as s:
            await MeterEventRepository(s).add(
                MeterEvent(
                    None, pump.id or 0, pump.metrics[0].id or 0, utc(2025, 2, 20), MeterEventKind.RESET, Decimal(1400)
                )
            )
        return house, pump

    return run(go())  # type: ignore[no-any-return]


def add(run: Callable[..., Any], db: Database, source: Source) -> Source:
    async def go() -> Source:
        async with db.session() as s:
            return await SourceRepository(s).add(source)

    return run(go())  # type: ignore[no-any-return]


def update(run: Callable[..., Any], db: Database, source: Source) -> Source:
    async def go() -> Source:
        async with db.session() as s:
            return await SourceRepository(s).update(source)

    return run(go())  # type: ignore[no-any-return]


def monthly(run: Callable[..., Any], db: Database, source: Source) -> list[tuple[date, Decimal | None]]:
    report = run(build_report(db, source.id or 0, source.metrics[0].id or 0, Period.MONTH, tz=UTC))
    return [(r.start, r.consumption) for r in report.rows]


def test_virtual_meter_is_stored_with_its_terms(run, db, inputs):
    """The terms come back in order with their signs; the source says it is virtual."""
    house, pump = inputs
    rest = add(run, db, virtual("House without heat pump", (house, 1), (pump, -1)))
    assert rest.virtual
    assert rest.terms == (VirtualTerm(house.metrics[0].id or 0, 1), VirtualTerm(pump.metrics[0].id or 0, -1))


def test_virtual_meter_monthly_report_hand_computed(run, db, inputs):
    """House − heat pump: 55 kWh in January (from the 11th), 140 in February; the sum 475 and 700."""
    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    both = add(run, db, virtual("Both", (house, 1), (pump, 1)))
    assert monthly(run, db, rest) == [(date(2025, 1, 1), Decimal(55)), (date(2025, 2, 1), Decimal(140))]
    assert monthly(run, db, both) == [(date(2025, 1, 1), Decimal(475)), (date(2025, 2, 1), Decimal(700))]
    report = run(build_report(db, rest.id or 0, rest.metrics[0].id or 0, Period.MONTH, tz=UTC))
    assert report_csv(report).splitlines()[1:] == [
        "2025-01-01,2025-02-01,55.0,21,2.619,",
        "2025-02-01,2025-03-01,140.0,28,5.000,",
    ]


def test_virtual_meter_follows_a_new_reading_of_an_input(run, db, inputs):
    """A reading added to an input changes the virtual meter's figures (nothing is cached)."""
    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    run(_read(db, house, (utc(2025, 2, 1), "410")))  # January: 100 + 210 for the house, 210 for the pump
    assert monthly(run, db, rest)[0] == (date(2025, 1, 1), Decimal(100 + 210 - 210))


def test_virtual_meter_of_a_virtual_meter(run, db, inputs):
    """A virtual meter may use another: (house − pump) + pump is the house from 11 January."""
    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    again = add(run, db, virtual("House again", (rest, 1), (pump, 1)))
    assert monthly(run, db, again) == [(date(2025, 1, 1), Decimal(265)), (date(2025, 2, 1), Decimal(420))]


def test_virtual_meter_dashboard_card(run, db, inputs):
    """The card's month so far is computed: 27.5 days of February at 15 − 10 kWh a day."""
    house, pump = inputs
    add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    cards = run(dashboard_cards(db, now=utc(2025, 2, 28, 12), tz=UTC))
    card = next(c for c in cards if c.summary.source.name == "Rest")
    assert card.month_so_far == Decimal("137.5")
    assert card.hidden == ""
    assert card.registers[0].value is None


def test_virtual_meter_takes_no_readings(run, db, inputs):
    """Adding a reading to a virtual meter is refused with the reason; nothing is stored."""
    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    with pytest.raises(RuleError, match="is a virtual meter: its figures are computed"):
        run(_read(db, rest, (utc(2025, 1, 5), "1")))


def test_virtual_meter_refuses_other_units_and_cycles(run, db, inputs):
    """An input in another unit is refused at once; a change that would make a cycle too."""
    house, _pump = inputs
    water = add(run, db, Source(None, "Water", metrics=(Metric(None, "Water", "m³", decimals=3),)))
    with pytest.raises(RuleError, match=r"is in m³, this virtual meter in kWh"):
        add(run, db, virtual("Mixed", (house, 1), (water, 1)))
    one = add(run, db, virtual("One", (house, 1)))
    two = add(run, db, virtual("Two", (one, 1)))
    with pytest.raises(RuleError, match="cannot use itself"):
        update(run, db, replace(one, terms=(VirtualTerm(two.metrics[0].id or 0, 1),)))


def test_virtual_meter_inputs_cannot_be_taken_away(run, db, inputs):
    """Deleting an input's source, removing its metric or changing its unit is refused, naming the meter."""
    house, pump = inputs
    add(run, db, virtual("Rest", (house, 1), (pump, -1)))

    async def delete(source: Source) -> None:
        async with db.session() as s:
            await SourceRepository(s).delete(source.id or 0)

    with pytest.raises(RuleError, match="“Heat pump” is an input of the virtual meter “Rest”: remove it there first"):
        run(delete(pump))
    with pytest.raises(RuleError, match="The metric “Energy” is an input of the virtual meter “Rest”"):
        update(run, db, replace(pump, metrics=(Metric(None, "Other", "kWh"),)))
    with pytest.raises(RuleError, match="The unit of “Energy” cannot change"):
        update(run, db, replace(pump, metrics=(replace(pump.metrics[0], unit="MWh"),)))


def test_virtual_meter_keeps_counting_an_archived_input(run, db, inputs):
    """An archived input's readings are history: the virtual meter's figures stay."""
    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))

    async def archive() -> None:
        async with db.session() as s:
            await SourceRepository(s).set_archived(pump.id or 0, True)

    run(archive())
    assert monthly(run, db, rest)[1] == (date(2025, 2, 1), Decimal(140))


def test_virtual_meter_saved_by_an_editor_unaware_of_terms_keeps_them(run, db, inputs):
    """The source dialog saves a Source without ``virtual``: the terms stay; a meter cannot become virtual."""
    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    saved = update(run, db, replace(rest, name="Rest of house", virtual=False, terms=()))
    assert saved.virtual and saved.terms == rest.terms and saved.name == "Rest of house"
    with pytest.raises(ValidationError, match="an existing meter cannot become one"):
        update(run, db, replace(house, virtual=True, terms=(VirtualTerm(pump.metrics[0].id or 0),)))


# -- privacy ---------------------------------------------------------------------------------


@pytest.fixture
def members(run, db) -> tuple[Actor, Actor]:
    async def go() -> tuple[Actor, Actor]:
        async with db.session() as s:
            ann = await MemberRepository(s).add(Member(None, "Ann"))
            bob = await MemberRepository(s).add(Member(None, "Bob"))
            await MemberPasswordRepository(s).set_role(ann.id or 0, Role.ADMIN)
        return Actor(ann.id or 0, Role.ADMIN), Actor(bob.id or 0, Role.MEMBER)

    return run(go())  # type: ignore[no-any-return]


def test_virtual_meter_public_refuses_a_private_input(run, db, members):
    """A public virtual meter over a private meter would show its consumption to everyone: refused."""
    ann, _bob = members
    private = add(run, db, counter("Ann's meter", owner_id=ann.member_id))
    with pytest.raises(RuleError, match="is a private meter, and this virtual meter is public"):
        add(run, db, virtual("Everyone's", (private, 1), owner_id=ann.member_id, is_public=True))
    mine = add(run, db, virtual("Ann's rest", (private, 1), owner_id=ann.member_id))
    assert mine.virtual


def test_virtual_meter_figures_hidden_when_an_input_became_private(run, db, members):
    """Bob sees a public virtual meter's figures; once its input is made private he gets a message, not figures."""
    ann, bob = members
    public = add(run, db, counter("Shared meter", owner_id=ann.member_id, is_public=True))
    run(_read(db, public, (utc(2025, 1, 1), "0"), (utc(2025, 2, 1), "310")))
    shown = add(run, db, virtual("Shared rest", (public, 1), owner_id=ann.member_id, is_public=True))
    db.sign_in_as(bob)
    assert monthly(run, db, shown) == [(date(2025, 1, 1), Decimal(310))]
    db.sign_in_as(None)
    update(run, db, replace(public, is_public=False))
    db.sign_in_as(bob)
    with pytest.raises(HiddenInputError, match="is computed from a meter you cannot see"):
        monthly(run, db, shown)
    card = next(c for c in run(dashboard_cards(db, tz=UTC)) if c.summary.source.name == "Shared rest")
    assert card.hidden and card.month_so_far is None
    db.sign_in_as(ann)
    assert monthly(run, db, shown) == [(date(2025, 1, 1), Decimal(310))]


# -- export and live refresh ---------------------------------------------------------------------


def test_virtual_meter_export_writes_computed_consumption_per_month(run, db, inputs, tmp_path):
    """Export of a virtual meter: its monthly consumption (CSV as ``homelog report``, or JSON), not readings."""
    import json

    from homelog_desktop.services.exporting import ExportFormat, export_readings

    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    result = run(export_readings(db, rest, tmp_path / "rest.csv", tz=UTC))
    assert result.rows == 2
    assert (tmp_path / "rest.csv").read_text(encoding="utf-8").splitlines() == [
        "period_start,period_end,consumption,days,avg_per_day,cost",
        "2025-01-01,2025-02-01,55.0,21,2.619,",
        "2025-02-01,2025-03-01,140.0,28,5.000,",
    ]
    run(export_readings(db, rest, tmp_path / "rest.json", ExportFormat.JSON, tz=UTC))
    document = json.loads((tmp_path / "rest.json").read_text(encoding="utf-8"))
    assert document["format"] == "homelog-virtual-consumption" and document["unit"] == "kWh"
    assert [(r["period_start"], r["consumption"]) for r in document["rows"]] == [
        ("2025-01-01", 55.0),
        ("2025-02-01", 140.0),
    ]


def test_virtual_meter_changes_of_an_input_reach_the_virtual_meter(run, db, inputs, qtbot):
    """The data-changed hub names the virtual meters computed from a changed source (through another too)."""
    from homelog_desktop.viewmodels.changes import DataChanged, What
    from homelog_desktop.viewmodels.sources import SourcesViewModel

    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    again = add(run, db, virtual("Again", (rest, 1)))
    changes = DataChanged()
    sources = SourcesViewModel(db, changes=changes)
    run(sources.load())
    with qtbot.waitSignal(changes.changed) as blocker:
        changes.notify(What.READINGS, [pump.id])
    change = blocker.args[0]
    assert change.touches(rest.id) and change.touches(again.id) and not change.touches(house.id)
    with qtbot.waitSignal(changes.changed) as blocker:
        changes.notify(What.METER_CHANGES, [house.id])
    assert blocker.args[0].what & What.READINGS and blocker.args[0].touches(rest.id)
    with qtbot.waitSignal(changes.changed) as blocker:
        changes.notify(What.MEMBERS)
    assert blocker.args[0].source_ids == frozenset()


def test_virtual_meter_in_the_annual_report_not_in_the_household_totals(run, db, inputs):
    """The annual report has the virtual meter's page; the cover's totals count only real meters."""
    from homelog_desktop.services.annual_report import YearKind, build_annual_report

    house, pump = inputs
    add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    report = run(build_annual_report(db, YearKind.CALENDAR, 2025, tz=UTC))
    rest = next(s for s in report.sections if s.source.name == "Rest")
    assert rest.metrics[0].months.total_consumption == Decimal(195)
    assert set(report.totals[0].sources) == {"Heat pump", "House"}
    assert report.totals[0].amount == Decimal(785) + Decimal(1400 - 1000 + 90)


def test_virtual_meter_import_is_refused_with_a_message(run, db, inputs, tmp_path):
    """An import into a virtual meter is refused before anything is stored."""
    from homelog_desktop.services.importing import run_import
    from homelog_desktop.services.importing.model import ImportFileError
    from tests.integration.test_import_run import plan_for, write

    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    path = write(tmp_path / "in.csv", "Date,Consumption\n2025-01-01,1\n2025-01-02,2\n")
    with pytest.raises(ImportFileError, match="“Rest” is a virtual meter"):
        run(run_import(db, plan_for(path, rest)))


def test_virtual_meter_tariffs_saved_by_its_editor_give_costs(run, db, inputs):
    """The virtual meter form's tariffs are stored with it (the source form's path): the report costs
    55 kWh × 0.30 + 21 days × 0.10 in January, 140 × 0.30 + 28 × 0.10 in February; the card has a cost."""
    from homelog_desktop.domain.entities import Tariff
    from homelog_desktop.repositories import TariffRepository
    from homelog_desktop.viewmodels.virtual_editor import VirtualMeterEditorViewModel

    house, pump = inputs
    vm = VirtualMeterEditorViewModel(db, None)
    tariff = Tariff(None, -1, date(2024, 1, 1), Decimal("0.30"), Decimal("0.10"), "EUR")
    run(vm.save(virtual("Rest", (house, 1), (pump, -1)), [tariff]))
    rest = vm.source
    assert rest is not None and rest.metrics[0].id is not None
    assert [(t.metric_id, t.unit_price) for t in vm.tariffs] == [(rest.metrics[0].id, Decimal("0.30"))]
    report = run(build_report(db, rest.id or 0, rest.metrics[0].id, Period.MONTH, tz=UTC))
    assert report.currency == "EUR"
    assert [r.cost for r in report.rows] == [Decimal("16.5") + Decimal("2.1"), Decimal("42") + Decimal("2.8")]
    card = next(c for c in run(dashboard_cards(db, now=utc(2025, 2, 28, 12), tz=UTC)) if c.summary.source.id == rest.id)
    assert card.currency == "EUR" and card.ytd_cost is not None and card.untariffed == ()

    # Edited again: the stored tariff replaced by a dearer one from February on, the first kept.
    again = VirtualMeterEditorViewModel(db, rest)
    run(again.load())
    dearer = Tariff(None, rest.metrics[0].id, date(2025, 2, 1), Decimal("0.40"), Decimal("0.10"), "EUR")
    run(again.save(rest, [*again.tariffs, dearer]))

    async def stored() -> list[Tariff]:
        async with db.session(readonly=True) as s:
            return await TariffRepository(s).for_metric(rest.metrics[0].id or 0)

    assert [t.valid_from for t in run(stored())] == [date(2024, 1, 1), date(2025, 2, 1)]
    report = run(build_report(db, rest.id or 0, rest.metrics[0].id, Period.MONTH, tz=UTC))
    assert report.rows[1].cost == Decimal("56") + Decimal("2.8")


def test_virtual_meter_card_widget_says_its_inputs_were_not_read_this_month(qtbot, run, db, inputs):
    """In April, before any input is read: "its inputs have no reading yet this month" (a virtual meter
    is never read itself), under "Virtual meter" with no reading age line between."""
    from PySide6.QtCore import QLocale

    from homelog_desktop.domain.cards import MonthStatus
    from homelog_desktop.views.dashboard import SourceCardWidget

    house, pump = inputs
    add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    cards = run(dashboard_cards(db, now=utc(2025, 4, 5), tz=UTC))
    card = next(c for c in cards if c.summary.source.name == "Rest")
    assert card.month_status is MonthStatus.NO_READING_THIS_MONTH
    widget = SourceCardWidget()
    qtbot.addWidget(widget)
    widget.set_card(card.summary, card, utc(2025, 4, 5), QLocale.c())
    widget.show()
    assert widget.month_label.text() == "its inputs have no reading yet this month"
    assert [c.text() for c, _v in widget._register_rows] == ["Virtual meter"]
    assert not widget.age_label.isVisible() and not widget._age_caption.isVisible()


def test_virtual_meter_tariffs_changed_meanwhile_are_not_overwritten(run, db, inputs):
    """The form saves its tariffs as a whole: if another member changed one since it was opened, the save
    is a conflict (who changed it) and nothing is stored, as in the source form; then Reload takes
    theirs, or Overwrite (``save(..., overwrite=True)``) stores the form's over them."""
    from homelog_desktop.domain.entities import Tariff
    from homelog_desktop.domain.errors import ConflictError
    from homelog_desktop.repositories import TariffRepository
    from homelog_desktop.viewmodels.virtual_editor import VirtualMeterEditorViewModel

    house, pump = inputs
    rest = add(run, db, virtual("Rest", (house, 1), (pump, -1)))
    metric_id = rest.metrics[0].id or 0

    async def other_member_adds() -> None:
        async with db.session() as s:
            await TariffRepository(s).add(Tariff(None, metric_id, date(2025, 1, 1), Decimal("0.25")))

    form = VirtualMeterEditorViewModel(db, rest)
    run(form.load())
    run(other_member_adds())
    messages: list[str] = []
    form.error_occurred.connect(messages.append)
    conflicts: list[ConflictError] = []
    form.conflict_raised.connect(conflicts.append)
    saved: list[Source] = []
    form.saved.connect(saved.append)
    mine = [Tariff(None, metric_id, date(2025, 2, 1), Decimal("0.40"))]
    run(form.save(replace(rest, name="Rest renamed"), mine))
    assert saved == [] and messages == [] and len(conflicts) == 1
    assert conflicts[0].what == "tariff" and form.conflict is conflicts[0]

    async def stored() -> tuple[str, list[Tariff]]:
        async with db.session(readonly=True) as s:
            return (await SourceRepository(s).get(rest.id or 0)).name, await TariffRepository(s).for_metric(metric_id)

    name, tariffs = run(stored())
    assert name == "Rest" and [t.unit_price for t in tariffs] == [Decimal("0.25")]
    reloaded: list[Source] = []
    form.reloaded.connect(reloaded.append)
    run(form.reload())
    assert [s.name for s in reloaded] == ["Rest"] and [t.unit_price for t in form.tariffs] == [Decimal("0.25")]
    assert form.conflict is None
    run(form.save(replace(rest, name="Rest renamed"), mine, overwrite=True))
    assert len(saved) == 1 and messages == []
    name, tariffs = run(stored())
    assert name == "Rest renamed" and [t.unit_price for t in tariffs] == [Decimal("0.40")]
