"""The source editor saves conversion factors and advances with the source (one transaction): a new
metric's factor, a conflict when someone else changed the advances since the form opened (nothing
stored), and overwriting it when the user chooses to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import Category, Metric, MetricKind
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from homelog_desktop.viewmodels.energy import EnergySettings
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel


def read(run, db, source):
    async def go():
        async with db.session(readonly=True) as s:
            ids = [m.id for m in source.metrics]
            factors = await ConversionFactorRepository(s).for_metrics(ids)
            return [f for i in ids for f in factors[i]], await AdvancePaymentRepository(s).for_source(source.id)

    return run(go())


def test_a_new_metric_gets_its_factor_in_the_same_save(run, db, add_source) -> None:
    source = add_source("Heat", category=Category.HEAT, metrics=(Metric(None, "Heat", "MWh", MetricKind.COUNTER, 3),))
    vm = SourceEditorViewModel(db, source)
    run(vm.load())
    edited = replace(source, metrics=(*source.metrics, Metric(None, "Hot water", "MWh", MetricKind.COUNTER, 3)))
    vm.energy.wanted = EnergySettings(
        (ConversionFactor(None, -1, date(2024, 1, 1), Decimal(1000)),),
        (AdvancePayment(None, 0, date(2025, 1, 1), Decimal("60")),),
    )
    run(vm.save(edited, vm.changes, [source.metrics[0].id, -1]))
    stored = vm.source
    factors, advances = read(run, db, stored)
    assert [(f.metric_id, f.factor) for f in factors] == [(stored.metrics[1].id, Decimal(1000))]
    assert [a.amount for a in advances] == [Decimal(60)]
    assert vm.energy.loaded is not None and vm.energy.loaded.advances == tuple(advances)


def test_someone_elses_change_is_a_conflict_then_overwritten(run, db, add_source) -> None:
    source = add_source("Gas", category=Category.GAS, metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),))
    mine = SourceEditorViewModel(db, source)
    run(mine.load())

    async def theirs():  # another member's window stores advances after mine opened
        async with db.session() as s:
            await AdvancePaymentRepository(s).replace(
                source.id, [AdvancePayment(None, 0, date(2025, 1, 1), Decimal(90))]
            )

    run(theirs())
    conflicts = []
    mine.conflict_raised.connect(conflicts.append)
    mine.energy.wanted = EnergySettings((), (AdvancePayment(None, 0, date(2025, 1, 1), Decimal("85")),))
    run(mine.save(mine.source, mine.changes))
    assert len(conflicts) == 1 and conflicts[0].what == "advance payment"
    assert [a.amount for a in read(run, db, source)[1]] == [Decimal(90)]
    run(mine.save(mine.source, mine.changes, overwrite=True))
    assert [a.amount for a in read(run, db, source)[1]] == [Decimal(85)]
