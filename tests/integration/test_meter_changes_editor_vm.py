"""Meter changes and tariffs through the editor view models, on a real SQLite file.

The reading editor stores a meter change together with the reading (one transaction), and checks
readings against recorded changes; the source editor loads a source's changes and tariffs and
saves them with the source in one transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Tariff
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, TariffRepository
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.viewmodels.source_editor import MeterChanges, SourceEditorViewModel, check_changes
from tests.conftest import T0, make_reading, make_source

WEEK = timedelta(days=7)


class Recorder:
    """What a view model emitted."""

    def __init__(self, vm: Any) -> None:
        self.busy: list[bool] = []
        self.errors: list[str] = []
        self.warnings: list[list[Any]] = []
        self.saved: list[Any] = []
        self.changes: list[MeterChanges] = []
        vm.busy_changed.connect(self.busy.append)
        vm.error_occurred.connect(self.errors.append)
        vm.saved.connect(self.saved.append)
        if hasattr(vm, "warnings_raised"):
            vm.warnings_raised.connect(self.warnings.append)
        if hasattr(vm, "changes_loaded"):
            vm.changes_loaded.connect(self.changes.append)


@pytest.fixture
def stored_changes(run, db):
    """The meter changes and tariffs stored for a source."""

    def fetch(source) -> tuple[list[MeterEvent], list[Tariff]]:
        async def go():
            async with db.session(readonly=True) as s:
                events = await MeterEventRepository(s).for_source(source.id)
                tariffs = await TariffRepository(s).for_metrics([m.id for m in source.metrics])
                return events, [t for m in source.metrics for t in tariffs[m.id]]

        return run(go())

    return fetch


def replacement(source, at=T0 + WEEK - timedelta(hours=1), old="1050.0", new="3.0", metric=0) -> MeterEvent:
    return MeterEvent(
        None, source.id, source.metrics[metric].id, at, MeterEventKind.REPLACEMENT, Decimal(old), Decimal(new)
    )


# -- the reading editor ------------------------------------------------------------------------------


def test_reading_vm_saves_replacement_with_reading_in_one_go(
    run, db, add_source, store, stored_readings, stored_changes
):
    """A lower value with its replacement: no warning, and the event and the reading are both stored."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)
    event = replacement(source)

    run(vm.save(make_reading(source, T0 + WEEK, "12.0"), frozenset(), [event]))

    assert rec.errors == [] and rec.warnings == []
    assert len(rec.saved) == 1
    assert [r.values[source.metrics[0].id] for r in stored_readings(source)] == [Decimal("1000.0"), Decimal("12.0")]
    events, _ = stored_changes(source)
    assert [(e.kind, e.old_value, e.new_value, e.at) for e in events] == [
        (MeterEventKind.REPLACEMENT, Decimal("1050.0"), Decimal("3.0"), event.at)
    ]


def test_reading_vm_without_the_event_warns_and_stores_nothing(run, db, add_source, store, stored_readings):
    """The same lower value without a recorded change is a warning to accept first."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.save(make_reading(source, T0 + WEEK, "12.0"), frozenset()))

    assert [[i.code for i in w] for w in rec.warnings] == [["counter-down"]]
    assert len(stored_readings(source)) == 1


def test_reading_vm_context_has_stored_events_and_no_warning(run, db, add_source, store, stored_readings):
    """A change recorded earlier is in the loaded context: a lower value saves without a warning."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))

    async def record():
        async with db.session() as s:
            await MeterEventRepository(s).add(replacement(source))

    run(record())
    vm = ReadingEditorViewModel(db, source)
    run(vm.load_context(T0 + WEEK))
    assert vm.context is not None and [e.kind for e in vm.context.events] == [MeterEventKind.REPLACEMENT]
    rec = Recorder(vm)

    run(vm.save(make_reading(source, T0 + WEEK, "12.0"), frozenset()))

    assert rec.warnings == [] and len(rec.saved) == 1
    assert len(stored_readings(source)) == 2


def test_reading_vm_bad_event_names_the_field_and_stores_nothing(
    run, db, add_source, store, stored_readings, stored_changes
):
    """A replacement without the new meter's start value is refused with that field; nothing is stored."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)
    event = replace(replacement(source), new_value=None)

    run(vm.save(make_reading(source, T0 + WEEK, "12.0"), frozenset(), [event]))

    assert rec.saved == [] and len(rec.errors) == 1
    assert rec.errors[0].startswith("New meter's start value:")
    assert len(stored_readings(source)) == 1
    assert stored_changes(source) == ([], [])
    assert rec.busy == [True, False]


def test_reading_vm_failing_reading_rolls_the_event_back(run, db, add_source, store, stored_readings, stored_changes):
    """The event is written first; when the reading then fails (deleted elsewhere) the event goes too."""
    source = add_source()
    first, second = store(source, make_reading(source, T0, "1000.0"), make_reading(source, T0 + WEEK, "1010.0"))

    async def delete():
        async with db.session() as s:
            await ReadingRepository(s).delete(source.id, [second.id])

    run(delete())
    vm = ReadingEditorViewModel(db, source, second)
    rec = Recorder(vm)

    run(vm.save(replace(second, values={source.metrics[0].id: Decimal("12.0")}), frozenset(), [replacement(source)]))

    assert rec.saved == [] and "no longer exists" in rec.errors[0]
    assert stored_changes(source) == ([], [])
    assert [r.id for r in stored_readings(source)] == [first.id]


# -- the source editor -------------------------------------------------------------------------------


def test_source_vm_load_emits_events_and_tariffs(run, db, add_source):
    """load() sends the source's meter changes (by time) and tariffs (by metric, then day)."""
    source = add_source()
    day, night = source.metrics

    async def record():
        async with db.session() as s:
            events = MeterEventRepository(s)
            await events.add(replacement(source, at=T0 + 2 * WEEK))
            await events.add(replacement(source, at=T0 + WEEK, metric=1))
            tariffs = TariffRepository(s)
            await tariffs.add(Tariff(None, night.id, date(2025, 1, 1), Decimal("0.2")))
            await tariffs.add(Tariff(None, day.id, date(2025, 6, 1), Decimal("0.35")))
            await tariffs.add(Tariff(None, day.id, date(2025, 1, 1), Decimal("0.3")))

    run(record())
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.load())

    (changes,) = rec.changes
    assert [(e.metric_id, e.at) for e in changes.events] == [(night.id, T0 + WEEK), (day.id, T0 + 2 * WEEK)]
    assert [(t.metric_id, t.unit_price) for t in changes.tariffs] == [
        (day.id, Decimal("0.3")),
        (day.id, Decimal("0.35")),
        (night.id, Decimal("0.2")),
    ]
    assert vm.changes == changes


def test_source_vm_new_source_saves_changes_for_new_metrics(run, db, stored_sources, stored_changes):
    """A new source's items refer to its metrics by key; they are stored under the new metric ids."""
    vm = SourceEditorViewModel(db)
    rec = Recorder(vm)
    source = make_source(billing_start_month=4)
    keys = [-1, -2]
    changes = MeterChanges(
        events=(MeterEvent(None, 0, -2, T0, MeterEventKind.RESET, Decimal("99.0")),),
        tariffs=(
            Tariff(None, -1, date(2025, 1, 1), Decimal("0.31"), Decimal("0.45"), "EUR"),
            Tariff(None, -2, date(2025, 1, 1), Decimal("0.22"), Decimal(0), "EUR"),
        ),
    )

    run(vm.save(source, changes, keys))

    assert rec.errors == []
    (stored,) = stored_sources()
    assert stored.billing_start_month == 4
    day, night = stored.metrics
    events, tariffs = stored_changes(stored)
    assert [(e.source_id, e.metric_id, e.old_value) for e in events] == [(stored.id, night.id, Decimal("99.0"))]
    assert [(t.metric_id, t.unit_price, t.standing_charge) for t in tariffs] == [
        (day.id, Decimal("0.31"), Decimal("0.45")),
        (night.id, Decimal("0.22"), Decimal(0)),
    ]
    assert vm.changes == MeterChanges(tuple(events), tuple(tariffs))


def test_source_vm_save_updates_deletes_and_swaps(run, db, add_source, stored_changes):
    """Edited items are updated, missing ones deleted, and two tariffs may swap their days."""
    source = add_source()
    day, _night = source.metrics

    async def record():
        async with db.session() as s:
            events = MeterEventRepository(s)
            kept = await events.add(replacement(source, at=T0))
            dropped = await events.add(replacement(source, at=T0 + WEEK))
            tariffs = TariffRepository(s)
            a = await tariffs.add(Tariff(None, day.id, date(2025, 1, 1), Decimal("0.30")))
            b = await tariffs.add(Tariff(None, day.id, date(2025, 7, 1), Decimal("0.40")))
            return kept, dropped, a, b

    kept, dropped, a, b = run(record())
    vm = SourceEditorViewModel(db, source)
    run(vm.load())
    rec = Recorder(vm)
    changes = MeterChanges(
        events=(replace(kept, note="new smart meter", new_value=Decimal("7.0")),),
        tariffs=(replace(a, valid_from=b.valid_from), replace(b, valid_from=a.valid_from)),
    )

    run(vm.save(source, changes))

    assert rec.errors == []
    events, tariffs = stored_changes(source)
    assert [(e.id, e.note, e.new_value) for e in events] == [(kept.id, "new smart meter", Decimal("7.0"))]
    assert dropped.id not in {e.id for e in events}
    assert [(t.valid_from, t.unit_price) for t in tariffs] == [
        (date(2025, 1, 1), Decimal("0.40")),
        (date(2025, 7, 1), Decimal("0.30")),
    ]


def test_source_vm_refused_tariff_names_the_row_and_stores_nothing(run, db, add_source, stored_sources, stored_changes):
    """Two tariffs of a metric on one day: refused with the row, and the renamed source is not stored."""
    source = add_source()
    day = source.metrics[0]
    vm = SourceEditorViewModel(db, source)
    run(vm.load())
    rec = Recorder(vm)
    changes = MeterChanges(
        events=(replacement(source),),
        tariffs=(
            Tariff(None, day.id, date(2025, 1, 1), Decimal("0.3")),
            Tariff(None, day.id, date(2025, 1, 1), Decimal("0.4")),
        ),
    )

    run(vm.save(replace(source, name="Renamed"), changes))

    assert len(rec.errors) == 1 and rec.saved == []
    problem = vm.last_problem
    assert problem is not None and (problem.where, problem.row) == ("tariffs", 1)
    assert "Valid from" in problem.message
    assert stored_sources()[0].name == "Electricity"
    assert stored_changes(source) == ([], [])


def test_source_vm_event_on_a_gauge_is_refused_on_its_row(run, db, add_source, stored_changes):
    """A meter change of a metric turned into a gauge is refused with the row of the change."""
    source = add_source()
    vm = SourceEditorViewModel(db, source)
    run(vm.load())
    rec = Recorder(vm)
    gauge = replace(source, metrics=(replace(source.metrics[0], kind=MetricKind.GAUGE), source.metrics[1]))

    run(vm.save(gauge, MeterChanges(events=(replacement(source),))))

    assert len(rec.errors) == 1
    assert vm.last_problem is not None and (vm.last_problem.where, vm.last_problem.row) == ("events", 0)
    assert "counters only" in vm.last_problem.message
    assert stored_changes(source) == ([], [])


def test_source_vm_items_of_a_removed_metric_are_dropped(run, db, add_source, stored_changes):
    """Removing a metric takes its items along; the others are stored."""
    source = add_source()
    day = source.metrics[0]
    vm = SourceEditorViewModel(db, source)
    run(vm.load())
    changes = MeterChanges(
        events=(replacement(source, metric=1),), tariffs=(Tariff(None, day.id, T0.date(), Decimal(1)),)
    )

    run(vm.save(replace(source, metrics=(day,)), changes))

    events, tariffs = stored_changes(replace(source, metrics=(day,)))
    assert events == [] and [t.metric_id for t in tariffs] == [day.id]


def test_check_changes_points_at_rows_the_metrics_no_longer_allow():
    """Events need counters and tariffs need a metric with a cost: problems name the row."""
    metrics = (Metric(-1, "Temp", "°C", MetricKind.GAUGE), Metric(5, "Oil", "l", MetricKind.INTERVAL))
    changes = MeterChanges(
        events=(MeterEvent(None, 0, 5, T0, MeterEventKind.RESET, Decimal(1)),),
        tariffs=(Tariff(None, 5, T0.date(), Decimal(1)), Tariff(None, -1, T0.date(), Decimal(1))),
    )
    problems = check_changes(metrics, changes)
    assert [(p.where, p.row) for p in problems] == [("events", 0), ("tariffs", 1)]
    assert "“Oil” is no longer a counter" in problems[0].message
