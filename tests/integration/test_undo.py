"""Edit → Undo/Redo against a real SQLite file: every kind of edit, done, undone and redone.

Each test does an edit through its view model (as the window does), then undoes it (the database
holds exactly the rows it held before, compared row by row, table by table) and redoes it (exactly
the rows the edit left), twice over. Rows rewritten by a step count their version up and record
who and when (the bookkeeping columns), so those are left out of the comparison; rows put back
after a delete come back whole, with their ids and versions.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.domain.entities import Member, MeterEvent, MeterEventKind, Metric, MetricKind, Tariff
from homelog_desktop.domain.errors import ConflictError
from homelog_desktop.domain.undo import BOOKKEEPING, Image, Scope, find_conflict, plan
from homelog_desktop.repositories import MeterEventRepository, SourceRepository, TariffRepository
from homelog_desktop.services.importing import ColumnTarget, DuplicatePolicy
from homelog_desktop.viewmodels.changes import DataChanged, What
from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.viewmodels.members import MembersViewModel
from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.viewmodels.readings import ReadingsViewModel
from homelog_desktop.viewmodels.source_editor import MeterChanges, SourceEditorViewModel
from homelog_desktop.viewmodels.sources import SourcesViewModel
from homelog_desktop.viewmodels.undo import UndoHistory
from tests.conftest import T0, make_reading, make_source, seed_readings

#: The tables an edit may touch (sqlite_sequence, alembic_version and the like are not data).
TABLES = (
    "members",
    "member_passwords",
    "sources",
    "metrics",
    "readings",
    "reading_values",
    "meter_events",
    "tariffs",
    "conversion_factors",
    "advance_payments",
    "virtual_terms",
)


def dump(path: Path, *, bookkeeping: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, ordered (without version/updated_at/updated_by unless asked)."""
    conn = sqlite3.connect(path)
    try:
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if bookkeeping or n not in BOOKKEEPING]
            tables[table] = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
        return tables
    finally:
        conn.close()


class Steps:
    """A history bound to a database, with the hub it notifies."""

    def __init__(self, run: Any, db: Any) -> None:
        self.run = run
        self.changes = DataChanged()
        self.history = UndoHistory(db, self.changes)
        self.errors: list[str] = []
        self.notified: list[Any] = []
        self.history.error_occurred.connect(self.errors.append)
        self.changes.changed.connect(self.notified.append)

    def undo(self) -> None:
        self.run(self.history.undo())
        assert not self.errors, self.errors

    def redo(self) -> None:
        self.run(self.history.redo())
        assert not self.errors, self.errors


def round_trip(steps: Steps, db_path: Path, before: dict[str, Any], name: str) -> None:
    """The edit just done is named ``name``; undo gives ``before``, redo the state after, twice over."""
    after = dump(db_path)
    assert after != before
    assert steps.history.undo_text() == name
    assert steps.history.can_undo() and not steps.history.can_redo()
    for _ in range(2):
        steps.undo()
        assert dump(db_path) == before
        assert steps.history.redo_text() == name and not steps.history.can_undo()
        steps.redo()
        assert dump(db_path) == after
        assert steps.history.undo_text() == name
    assert steps.notified, "each step tells the pages to refresh"


@pytest.fixture
def steps(run: Any, db: Any) -> Steps:
    return Steps(run, db)


# -- readings ---------------------------------------------------------------------------------


def test_undo_add_reading(run, db, db_path, steps, add_source, add_member):
    """Adding a reading is undone by removing it, and redone with the same id."""
    source = add_source()
    ann = add_member("Ann")
    before = dump(db_path)
    vm = ReadingEditorViewModel(db, source)
    vm.history = steps.history
    run(vm.save(make_reading(source, T0, "100.5", "50.0", entered_by=ann.id, note="first"), frozenset()))
    assert vm.reading is not None
    round_trip(steps, db_path, before, "Add Reading")


def test_undo_edit_reading_with_a_meter_change(run, db, db_path, steps, add_source, store):
    """Editing a reading (values, time, flags, note, a meter change recorded with it) is undone whole."""
    source = add_source()
    _first, second = store(
        source, make_reading(source, T0, "100", "50"), make_reading(source, T0 + timedelta(days=7), "110", "55")
    )
    before = dump(db_path)
    vm = ReadingEditorViewModel(db, source, second)
    vm.history = steps.history
    day = source.metrics[0].id
    assert day is not None
    at = T0 + timedelta(days=8)
    replaced = at - timedelta(hours=1)
    event = MeterEvent(None, source.id, day, replaced, MeterEventKind.REPLACEMENT, Decimal(112), Decimal(0))
    changed = replace(second, timestamp=at, values={day: Decimal(3)}, note="new meter", estimated=True)
    run(vm.save(changed, frozenset(), [event]))
    assert not vm.conflict and vm.reading is not None and vm.reading.note == "new meter"
    round_trip(steps, db_path, before, "Edit Reading")


def test_undo_delete_readings_brings_back_ids_flags_and_meter_changes(run, db, db_path, steps, add_source, add_member):
    """Deleting readings is undone with their ids, values, authors, flags, notes and linked meter changes."""
    source = add_source()
    ann = add_member("Ann")
    editor = ReadingEditorViewModel(db, source)
    day = source.metrics[0].id
    assert day is not None
    run(editor.save(make_reading(source, T0, "100", "50", entered_by=ann.id, from_bill=True, note="bill"), frozenset()))
    event = MeterEvent(None, source.id, day, T0 + timedelta(days=6), MeterEventKind.RESET, Decimal(105), Decimal(0))
    run(editor.save(make_reading(source, T0 + timedelta(days=7), "2", "55"), frozenset(), [event]))
    editor = ReadingEditorViewModel(db, source)
    run(editor.save(make_reading(source, T0 + timedelta(days=14), "9", "60", estimated=True), frozenset()))
    keep = make_reading(source, T0 + timedelta(days=21), "15", "65")
    run(ReadingEditorViewModel(db, source).save(keep, frozenset()))
    full_before = dump(db_path, bookkeeping=True)
    before = dump(db_path)
    readings = ReadingsViewModel(db)
    readings.history = steps.history
    readings.source = source
    ids = [row[0] for row in before["readings"]][:3]
    run(readings.delete(ids))
    assert len(dump(db_path)["readings"]) == 1
    round_trip(steps, db_path, before, "Delete 3 Readings")
    steps.undo()
    after_undo = dump(db_path, bookkeeping=True)
    # Put back whole: the same rows to the last column, versions included.
    assert after_undo["readings"] == full_before["readings"]
    assert after_undo["meter_events"] == full_before["meter_events"]


def test_undo_meter_round(run, db, db_path, steps, add_source, add_member):
    """A meter round is one step: all its readings go, and come back."""
    power = add_source("Power")
    water = add_source("Water", metrics=(Metric(None, "Cold", "m³", MetricKind.COUNTER, decimals=3),))
    ann = add_member("Ann")
    before = dump(db_path)
    vm = MeterRoundViewModel(db)
    vm.history = steps.history
    run(vm.load(T0))
    entries = {
        power.id: {power.metrics[0].id: Decimal("10.5"), power.metrics[1].id: Decimal("5.5")},
        water.id: {water.metrics[0].id: Decimal("3.250")},
    }
    run(vm.save(entries, entered_by=ann.id))
    assert len(dump(db_path)["readings"]) == 2
    round_trip(steps, db_path, before, "Meter Round (2 Readings)")


# -- sources ----------------------------------------------------------------------------------


def test_undo_add_source(run, db, db_path, steps):
    before = dump(db_path)
    vm = SourceEditorViewModel(db)
    vm.history = steps.history
    run(vm.load())
    run(vm.save(make_source("Gas", metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, decimals=3),))))
    assert vm.source is not None and vm.source.id is not None
    round_trip(steps, db_path, before, "Add Source “Gas”")


def test_undo_edit_source_metrics_tariffs_and_meter_changes(run, db, db_path, steps, add_source, store):
    """Renaming, removing (with its values) and adding metrics, tariffs and meter changes: one step."""
    source = add_source()
    day, night = (m.id for m in source.metrics)
    assert day is not None and night is not None
    store(source, make_reading(source, T0, "100", "50"), make_reading(source, T0 + timedelta(days=7), "110", "55"))

    async def seed() -> None:
        async with db.session() as session:
            await TariffRepository(session).add(Tariff(None, day, date(2024, 1, 1), Decimal("0.30"), Decimal("0.2")))
            await MeterEventRepository(session).add(
                MeterEvent(None, source.id, day, T0 + timedelta(days=3), MeterEventKind.ROLLOVER, digits=6)
            )

    run(seed())
    before = dump(db_path)
    vm = SourceEditorViewModel(db, source)
    vm.history = steps.history
    run(vm.load())
    stored = vm.changes
    edited = replace(
        source,
        name="Electricity (flat)",
        description="the flat's meter",
        metrics=(
            replace(source.metrics[0], name="Peak", decimals=2),
            Metric(None, "Solar", "kWh", MetricKind.INTERVAL, decimals=1),
        ),
    )
    changes = MeterChanges(
        events=(),
        tariffs=(
            replace(stored.tariffs[0], unit_price=Decimal("0.35")),
            Tariff(None, day, date(2025, 1, 1), Decimal("0.40"), Decimal("0.25")),
        ),
    )
    run(vm.save(edited, changes, [day, -1]))
    assert vm.conflict is None and vm.source is not None and vm.source.name == "Electricity (flat)"
    after = dump(db_path)
    assert len(after["metrics"]) == 2 and not after["meter_events"]
    assert len(after["reading_values"]) == 2  # the night values went with their metric
    round_trip(steps, db_path, before, "Edit Source “Electricity (flat)”")


def test_undo_edit_source_conversion_factors_and_advance_payments(run, db, db_path, steps, add_source):
    """The energy tab's conversion factors and advance payments are saved with the source: undone with it."""
    from homelog_desktop.domain.energy import ConversionFactor
    from homelog_desktop.domain.settlement import AdvancePayment
    from homelog_desktop.viewmodels.energy import EnergySettings

    source = add_source("Gas", metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, decimals=3),))
    before = dump(db_path)
    vm = SourceEditorViewModel(db, source)
    vm.history = steps.history
    run(vm.load())
    gas = source.metrics[0].id
    assert gas is not None
    vm.energy.wanted = EnergySettings(
        (ConversionFactor(None, gas, date(2024, 1, 1), Decimal("11.2"), Decimal("0.9")),),
        (AdvancePayment(None, source.id, date(2025, 1, 1), Decimal("60")),),
    )
    run(vm.save(source, vm.changes, [gas]))
    assert dump(db_path)["conversion_factors"] and dump(db_path)["advance_payments"]
    round_trip(steps, db_path, before, "Edit Source “Gas”")


def test_undo_add_and_edit_virtual_meter(run, db, db_path, steps, add_source):
    """A virtual meter's inputs (its terms) are part of its rows: added, edited, undone and redone."""
    from homelog_desktop.domain.entities import Category, Source, VirtualTerm
    from homelog_desktop.viewmodels.virtual_editor import VirtualMeterEditorViewModel

    house = add_source("House", metrics=(Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1),))
    pump = add_source("Heat pump", metrics=(Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1),))
    solar = add_source("Solar", metrics=(Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1),))
    h, p, s = (x.metrics[0].id for x in (house, pump, solar))
    assert h is not None and p is not None and s is not None
    before = dump(db_path)
    vm = VirtualMeterEditorViewModel(db, None)
    vm.history = steps.history
    rest = Source(
        None,
        "Rest",
        Category.ELECTRICITY,
        metrics=(Metric(None, "Consumption", "kWh", decimals=1),),
        virtual=True,
        terms=(VirtualTerm(h, 1), VirtualTerm(p, -1)),
    )
    run(vm.save(rest))
    assert vm.source is not None and vm.source.id is not None and len(dump(db_path)["virtual_terms"]) == 2
    round_trip(steps, db_path, before, "Add Virtual Meter “Rest”")

    before = dump(db_path)
    again = Steps(run, db)
    edit = VirtualMeterEditorViewModel(db, vm.source)
    edit.history = again.history
    run(edit.save(replace(vm.source, terms=(VirtualTerm(h, 1), VirtualTerm(p, -1), VirtualTerm(s, -1)))))
    assert len(dump(db_path)["virtual_terms"]) == 3
    round_trip(again, db_path, before, "Edit Virtual Meter “Rest”")


def test_undo_archive_source(run, db, db_path, steps, add_source):
    source = add_source()
    before = dump(db_path)
    vm = SourcesViewModel(db)
    vm.history = steps.history
    run(vm.set_archived(source, True))
    round_trip(steps, db_path, before, "Archive Source “Electricity”")


def test_undo_delete_source_restores_everything_with_its_ids(run, db, db_path, steps, add_source, add_member, store):
    """Undoing a source's delete brings back its metrics, tariffs, meter changes, readings and values."""
    ann = add_member("Ann")
    source = add_source(owner_id=ann.id)
    other = add_source("Water", metrics=(Metric(None, "Cold", "m³", MetricKind.COUNTER, decimals=3),))
    store(other, make_reading(other, T0, "1.5"))
    day = source.metrics[0].id
    assert day is not None
    store(source, *[make_reading(source, T0 + timedelta(days=i), str(100 + i), str(50 + i)) for i in range(20)])

    async def seed() -> None:
        from homelog_desktop.domain.energy import ConversionFactor
        from homelog_desktop.domain.settlement import AdvancePayment
        from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository

        async with db.session() as session:
            await TariffRepository(session).add(Tariff(None, day, date(2024, 1, 1), Decimal("0.30"), Decimal("0.2")))
            await MeterEventRepository(session).add(
                MeterEvent(None, source.id, day, T0 + timedelta(hours=36), MeterEventKind.ROLLOVER, digits=6)
            )
            factor = ConversionFactor(None, day, date(2024, 1, 1), Decimal("10.5"), Decimal("0.95"))
            await ConversionFactorRepository(session).replace(day, [factor])
            await AdvancePaymentRepository(session).replace(
                source.id, [AdvancePayment(None, source.id, date(2024, 1, 1), Decimal(80))]
            )

    run(seed())
    full_before = dump(db_path, bookkeeping=True)
    assert full_before["conversion_factors"] and full_before["advance_payments"]
    before = dump(db_path)
    vm = SourcesViewModel(db)
    vm.history = steps.history
    run(vm.delete(source.id))
    assert len(dump(db_path)["sources"]) == 1
    round_trip(steps, db_path, before, "Delete Source “Electricity”")
    steps.undo()
    assert dump(db_path, bookkeeping=True) == full_before  # nothing was rewritten: all of it back as it was


# -- members ----------------------------------------------------------------------------------


def test_undo_add_member(run, db, db_path, steps, add_member):
    add_member("Ann")
    before = dump(db_path)
    vm = MembersViewModel(db)
    vm.history = steps.history
    run(vm.add("Bob", "bob@example.org"))
    round_trip(steps, db_path, before, "Add Member “Bob”")


def test_undo_edit_member(run, db, db_path, steps, add_member):
    bob = add_member("Bob", "bob@example.org")
    before = dump(db_path)
    vm = MembersViewModel(db)
    vm.history = steps.history
    run(vm.update(Member(bob.id, "Robert", "robert@example.org")))
    round_trip(steps, db_path, before, "Edit Member “Robert”")


def test_undo_remove_member_gives_back_their_readings_and_sources(run, db, db_path, steps, add_member, add_source):
    """A removed member comes back, and so do the names on their readings and sources."""
    add_member("Ann")
    bob = add_member("Bob")
    source = add_source(owner_id=bob.id)
    run(ReadingEditorViewModel(db, source).save(make_reading(source, T0, "1", "2", entered_by=bob.id), frozenset()))
    before = dump(db_path)
    vm = MembersViewModel(db)
    vm.history = steps.history
    run(vm.load())
    run(vm.delete(bob.id))
    assert dump(db_path)["readings"][0] != before["readings"][0]  # its author was cleared
    round_trip(steps, db_path, before, "Remove Member “Bob”")


# -- import -----------------------------------------------------------------------------------


def _import(
    run: Any, db: Any, steps: Steps, path: Path, source: Any = None, *, duplicates: Any = None, new_metrics: Any = ()
) -> Any:
    vm = ImportViewModel(db, path, None)
    vm.history = steps.history
    vm.save_profile = False
    run(vm.detect(source))
    vm.settings = replace(vm.settings, timezone="UTC")
    if source is not None:
        vm.use_source(source.id)
    for column in new_metrics:  # columns of the file that become new metrics of the stored source
        vm.set_target(column, ColumnTarget.to_metric(vm.new_metric_for(column)))
    if duplicates is not None:
        vm.duplicates = duplicates
    summary = run(vm.run())
    assert summary is not None and summary.imported > 0
    return summary


def test_undo_import_into_a_stored_source(run, db, db_path, steps, add_source, store, tmp_path):
    """An import is undone as one step: its readings removed, the stored ones untouched."""
    source = add_source()
    store(source, make_reading(source, datetime(2023, 12, 1, tzinfo=UTC), "1", "1"))
    before = dump(db_path)
    path = tmp_path / "in.csv"
    path.write_text("Date,Day,Night\n2024-01-01,10,5\n2024-01-02,11,6\n2024-01-03,12,7\n", encoding="utf-8")
    summary = _import(run, db, steps, path, source)
    assert summary.imported == 3
    round_trip(steps, db_path, before, "Import 3 Readings")


def test_undo_import_into_a_new_source_removes_the_source(run, db, db_path, steps, tmp_path):
    before = dump(db_path)
    path = tmp_path / "meter.csv"
    path.write_text("Date,Reading\n2024-01-01,10\n2024-01-02,11\n", encoding="utf-8")
    summary = _import(run, db, steps, path)
    assert summary.source_created
    round_trip(steps, db_path, before, "Import 2 Readings")


def test_undo_import_refused_once_a_reading_was_edited(run, db, db_path, steps, add_source, tmp_path):
    """A reading of the import edited since: undoing the import is refused, nothing removed."""
    source = add_source()
    path = tmp_path / "in.csv"
    path.write_text("Date,Day,Night\n2024-01-01,10,5\n2024-01-02,11,6\n", encoding="utf-8")
    _import(run, db, steps, path, source)
    readings = ReadingsViewModel(db)
    readings.source = source
    lines = run(readings.fetch_page(0, 10))[1]
    editor = ReadingEditorViewModel(db, source, lines[0].reading)
    run(editor.save(replace(lines[0].reading, note="checked"), frozenset()))
    state = dump(db_path)
    run(steps.history.undo())
    assert steps.errors and "Cannot undo “Import 2 Readings”" in steps.errors[0]
    assert dump(db_path) == state
    assert steps.history.can_undo()  # still there to try again


def test_undo_import_keeps_a_reading_another_program_added_since(run, db, db_path, steps, add_source, store, tmp_path):
    """A reading added to the same source after the import (by ``homelog add``, another PC) has a
    higher id than the import's: undoing the import removes the import's readings only."""
    source = add_source()
    path = tmp_path / "in.csv"
    path.write_text("Date,Day,Night\n2024-01-01,10,5\n2024-01-02,11,6\n", encoding="utf-8")
    summary = _import(run, db, steps, path, source)
    assert summary.reading_id_runs and summary.reading_id_runs[-1][1] - summary.reading_id_runs[0][0] == 1
    (later,) = store(source, make_reading(source, datetime(2024, 2, 1, tzinfo=UTC), "20", "9"))
    run(steps.history.undo())
    assert not steps.errors
    assert [row[0] for row in dump(db_path)["readings"]] == [later.id]


def _import_with_a_new_metric(run: Any, db: Any, steps: Steps, source: Any, tmp_path: Path) -> Any:
    """The stored source's Day and Night, and a column "Peak" that becomes a new metric of it."""
    path = tmp_path / "peak.csv"
    path.write_text("Date,Day,Night,Peak\n2024-01-01,10,5,1\n2024-01-02,11,6,2\n2024-01-03,12,7,3\n", encoding="utf-8")
    summary = _import(run, db, steps, path, source, new_metrics=[3])
    assert summary.metrics_created == ["Peak"] and len(summary.created_metric_ids) == 1
    return summary


def _metric_names(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [name for (name,) in conn.execute("SELECT name FROM metrics ORDER BY id")]
    finally:
        conn.close()


def test_undo_import_removes_the_metric_it_added_to_a_stored_source(run, db, db_path, steps, add_source, store):
    """An import that added a metric to a stored source: undo removes its readings and the metric
    (the source's own metrics and readings untouched); redo puts both back with the same ids."""
    source = add_source()
    store(source, make_reading(source, datetime(2023, 12, 1, tzinfo=UTC), "1", "1"))
    before = dump(db_path)
    tmp_path = db_path.parent
    _import_with_a_new_metric(run, db, steps, source, tmp_path)
    assert _metric_names(db_path) == ["Day", "Night", "Peak"]
    after_full = dump(db_path, bookkeeping=True)
    round_trip(steps, db_path, before, "Import 3 Readings")
    steps.undo()
    assert _metric_names(db_path) == ["Day", "Night"]
    steps.redo()
    assert dump(db_path, bookkeeping=True)["metrics"] == after_full["metrics"]  # same id, same version
    assert dump(db_path, bookkeeping=True)["readings"] == after_full["readings"]


def test_undo_import_refused_once_a_tariff_was_added_to_its_metric(run, db, db_path, steps, add_source, tmp_path):
    """A tariff set on the metric the import created, since: undoing the import would delete it with
    the metric, so it is refused, naming the tariff, and nothing changes."""
    source = add_source()
    summary = _import_with_a_new_metric(run, db, steps, source, tmp_path)

    async def tariff() -> None:
        async with db.session() as session:
            await TariffRepository(session).add(
                Tariff(None, summary.created_metric_ids[0], date(2024, 1, 1), Decimal("0.30"), Decimal(0), "EUR")
            )

    run(tariff())
    state = dump(db_path, bookkeeping=True)
    run(steps.history.undo())
    assert steps.errors and steps.errors[0].startswith("Cannot undo “Import 3 Readings”: a tariff was added since")
    assert dump(db_path, bookkeeping=True) == state
    assert steps.history.can_undo()


def test_undo_import_refused_once_a_value_of_its_metric_was_entered(
    run, db, db_path, steps, add_source, store, tmp_path
):
    """A reading entered since in the stored source with a value of the metric the import created:
    refused (the value would go with the metric); one without such a value does not stand in the way."""
    source = add_source()
    summary = _import_with_a_new_metric(run, db, steps, source, tmp_path)
    peak = summary.created_metric_ids[0]
    metrics = (*source.metrics, Metric(peak, "Peak", "", MetricKind.COUNTER))
    later = replace(source, metrics=metrics)
    (entered,) = store(later, make_reading(later, datetime(2024, 2, 1, tzinfo=UTC), "20", "9", "4"))
    state = dump(db_path, bookkeeping=True)
    run(steps.history.undo())
    assert steps.errors and steps.errors[0].startswith("Cannot undo “Import 3 Readings”: a reading was added since")
    assert dump(db_path, bookkeeping=True) == state
    steps.errors.clear()
    readings = ReadingsViewModel(db)
    readings.source = source
    run(readings.delete([entered.id]))
    store(source, make_reading(source, datetime(2024, 2, 2, tzinfo=UTC), "21", "10"))
    steps.undo()
    assert _metric_names(db_path) == ["Day", "Night"] and len(dump(db_path)["readings"]) == 1


def test_undo_import_refused_once_a_reading_was_added_to_the_source_it_created(
    run, db, db_path, steps, store, tmp_path
):
    """A reading entered since in the source the import created: undoing the import (which deletes
    the source) is refused instead of deleting that reading too."""
    path = tmp_path / "meter.csv"
    path.write_text("Date,Reading\n2024-01-01,10\n2024-01-02,11\n", encoding="utf-8")
    summary = _import(run, db, steps, path)
    assert summary.source_created

    async def created() -> Any:
        async with db.session() as session:
            return await SourceRepository(session).get(summary.source_id)

    source = run(created())
    store(source, make_reading(source, datetime(2024, 2, 1, tzinfo=UTC), "12"))
    state = dump(db_path, bookkeeping=True)
    run(steps.history.undo())
    assert steps.errors and steps.errors[0].startswith("Cannot undo “Import 2 Readings”: a reading was added since")
    assert dump(db_path, bookkeeping=True) == state


def _replaced_setup(run: Any, db: Any, add_source: Any, add_member: Any, tmp_path: Path) -> tuple[Any, Path]:
    """A source with stored readings on 1 and 2 January (an author, a note, one edited to version 2,
    one with a linked meter change) and one on 10 January; a file with rows on 1 to 3 January."""
    source = add_source()
    ann = add_member("Ann")
    day = source.metrics[0].id
    editor = ReadingEditorViewModel(db, source)
    run(editor.save(make_reading(source, datetime(2024, 1, 1, tzinfo=UTC), "1", "1", entered_by=ann.id), frozenset()))
    assert editor.reading is not None
    run(
        ReadingEditorViewModel(db, source, editor.reading).save(replace(editor.reading, note="read twice"), frozenset())
    )
    event = MeterEvent(None, source.id, day, datetime(2024, 1, 1, 12, tzinfo=UTC), MeterEventKind.RESET, Decimal(1))
    second = make_reading(source, datetime(2024, 1, 2, tzinfo=UTC), "0.5", "2", estimated=True)
    run(ReadingEditorViewModel(db, source).save(second, frozenset(), [event]))
    run(
        ReadingEditorViewModel(db, source).save(
            make_reading(source, datetime(2024, 1, 10, tzinfo=UTC), "20", "9"), frozenset()
        )
    )
    path = tmp_path / "in.csv"
    path.write_text("Date,Day,Night\n2024-01-01,10,5\n2024-01-02,11,6\n2024-01-03,12,7\n", encoding="utf-8")
    return source, path


def test_undo_import_that_replaced_stored_readings_puts_them_back(
    run, db, db_path, steps, add_source, add_member, tmp_path
):
    """An import with "replace" is one step: undo removes its readings and puts back the ones it
    replaced, whole (ids, versions, authors, flags, notes, values, linked meter changes); redo
    replaces them again."""
    source, path = _replaced_setup(run, db, add_source, add_member, tmp_path)
    full_before = dump(db_path, bookkeeping=True)
    before = dump(db_path)
    summary = _import(run, db, steps, path, source, duplicates=DuplicatePolicy.REPLACE)
    assert (summary.imported, summary.replaced) == (3, 2)
    assert summary.undo_note == "" and "cannot be undone" not in summary.as_text()
    after = dump(db_path)
    assert len(after["readings"]) == 4 and not after["meter_events"]  # the linked meter change went with its reading
    round_trip(steps, db_path, before, "Import 3 Readings")
    steps.undo()
    assert dump(db_path, bookkeeping=True) == full_before  # to the last column: ids and versions too
    steps.redo()
    assert dump(db_path) == after


def test_undo_import_replace_refused_once_a_put_back_reading_was_edited(
    run, db, db_path, steps, add_source, add_member, tmp_path
):
    """After the undo, a reading it put back is edited: redoing the import is refused, nothing changes."""
    source, path = _replaced_setup(run, db, add_source, add_member, tmp_path)
    _import(run, db, steps, path, source, duplicates=DuplicatePolicy.REPLACE)
    steps.undo()
    readings = ReadingsViewModel(db)
    readings.source = source
    lines = run(readings.fetch_page(0, 10))[1]
    line = next(x for x in lines if x.reading.timestamp == datetime(2024, 1, 2, tzinfo=UTC))
    run(ReadingEditorViewModel(db, source, line.reading).save(replace(line.reading, note="again"), frozenset()))
    state = dump(db_path, bookkeeping=True)
    run(steps.history.redo())
    assert steps.errors and steps.errors[0].startswith("Cannot redo “Import 3 Readings”: this reading was changed")
    assert dump(db_path, bookkeeping=True) == state


def test_import_replacing_more_than_can_be_kept_is_not_recorded_and_says_so(
    run, db, db_path, steps, add_source, add_member, tmp_path, monkeypatch
):
    """Past the bound of replaced readings kept (200,000; 1 here) the import is not recorded, and its
    summary says why instead of leaving it silently out of Edit → Undo."""
    import homelog_desktop.services.importing.run as importing_run

    monkeypatch.setattr(importing_run, "MAX_UNDO_REPLACED", 1)
    source, path = _replaced_setup(run, db, add_source, add_member, tmp_path)
    summary = _import(run, db, steps, path, source, duplicates=DuplicatePolicy.REPLACE)
    assert summary.replaced == 2 and summary.replaced_rows is None
    assert summary.undo_note == "This import cannot be undone: it replaced 2 readings."
    assert summary.undo_note in summary.as_text()
    assert steps.history.count() == 0 and not steps.history.can_undo()


def test_the_command_line_import_keeps_no_replaced_rows(run, db, add_source, add_member, tmp_path):
    """``run_import`` without ``undoable`` (``homelog import``) keeps nothing of what it replaces."""
    from homelog_desktop.services.importing import ImportPlan, detect, run_import, suggest_mapping

    source, path = _replaced_setup(run, db, add_source, add_member, tmp_path)
    detected = detect(path)
    plan = ImportPlan(
        path,
        replace(detected.settings, timezone="UTC"),
        source,
        suggest_mapping(detected, source),
        DuplicatePolicy.REPLACE,
    )
    summary = run(run_import(db, plan))
    assert summary.replaced == 2 and summary.replaced_rows is None and summary.undo_note == ""


# -- standard formats -------------------------------------------------------------------------

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def _import_standard(run: Any, db: Any, steps: Steps | None, path: Path, **options: Any) -> Any:
    vm = ImportViewModel(db, path, None)
    vm.history = steps.history if steps is not None else None
    run(vm.detect())
    assert vm.standard is not None
    for name, value in options.items():
        setattr(vm, name, value)
    summary = run(vm.run())
    assert summary is not None
    return summary


def test_undo_standard_format_import_into_new_sources(run, db, db_path, steps):
    """A Green Button file goes into a source per meter: one step, undone by removing both sources."""
    before = dump(db_path)
    summary = _import_standard(run, db, steps, FORMATS / "green_button_electricity_gas.xml")
    assert len(summary.sources) == 2 and all(s.source_created for s in summary.sources)
    assert len(dump(db_path)["sources"]) == 2
    round_trip(steps, db_path, before, f"Import {summary.imported} Readings")


def test_undo_standard_format_import_into_existing_and_new_sources_with_replace(run, db, db_path, steps):
    """A Green Button file again with "replace", its gas source deleted meanwhile: one step over both
    sources; undo puts back the electricity readings it replaced (ids and versions) and removes the
    gas source it created again; redo does both again."""
    first = _import_standard(run, db, None, FORMATS / "green_button_electricity_gas.xml")
    gas = next(s for s in first.sources if s.source_name == "Gas service")
    run(SourcesViewModel(db).delete(gas.source_id))
    full_before = dump(db_path, bookkeeping=True)
    before = dump(db_path)
    summary = _import_standard(
        run, db, steps, FORMATS / "green_button_electricity_gas.xml", duplicates=DuplicatePolicy.REPLACE
    )
    electricity, created = summary.sources
    assert electricity.replaced == electricity.imported > 0 and not electricity.source_created
    assert created.source_created and created.imported > 0
    round_trip(steps, db_path, before, f"Import {summary.imported} Readings")
    steps.undo()
    assert dump(db_path, bookkeeping=True) == full_before


def test_undo_nem12_import_into_one_source(run, db, db_path, steps):
    """NEM12 into a chosen source: its 239 readings (two registers) undone and redone as one step."""
    before = dump(db_path)
    summary = _import_standard(run, db, steps, FORMATS / "nem12_two_registers.csv", standard_source="House")
    assert summary.imported == 239
    round_trip(steps, db_path, before, "Import 239 Readings")


def test_undo_standard_format_import_that_added_a_register_to_a_stored_source(run, db, db_path, steps, add_source):
    """NEM12 into a stored source that has one of its two registers: undo removes the readings and
    the register's metric it added; redo puts them back."""
    add_source("House", metrics=(Metric(None, "6123456789 E1", "kWh", MetricKind.INTERVAL, decimals=3),))
    before = dump(db_path)
    summary = _import_standard(run, db, steps, FORMATS / "nem12_two_registers.csv", standard_source="House")
    (part,) = summary.sources
    assert not part.source_created and part.metrics_created and len(part.created_metric_ids) == 1
    assert len(_metric_names(db_path)) == 2
    round_trip(steps, db_path, before, f"Import {summary.imported} Readings")


# -- refusals and the history itself ----------------------------------------------------------


def test_undo_refused_when_the_row_changed_since(run, db, db_path, steps, add_source, store):
    """Someone else edited the reading after the edit: undo says so and changes nothing."""
    source = add_source()
    (reading,) = store(source, make_reading(source, T0, "100", "50"))
    vm = ReadingEditorViewModel(db, source, reading)
    vm.history = steps.history
    run(vm.save(replace(reading, note="mine"), frozenset()))
    other = ReadingEditorViewModel(db, source, vm.reading)
    assert vm.reading is not None
    run(other.save(replace(vm.reading, note="theirs"), frozenset()))
    state = dump(db_path, bookkeeping=True)
    run(steps.history.undo())
    assert len(steps.errors) == 1
    assert steps.errors[0].startswith("Cannot undo “Edit Reading”: this reading was changed by")
    assert "Nothing was changed." in steps.errors[0]
    assert dump(db_path, bookkeeping=True) == state
    assert steps.history.undo_text() == "Edit Reading" and not steps.history.can_redo()


def test_a_new_edit_drops_the_redo_steps_and_clear_forgets_all(run, db, db_path, steps, add_source):
    source = add_source()
    sources = SourcesViewModel(db)
    sources.history = steps.history
    run(sources.set_archived(source, True))
    steps.undo()
    assert steps.history.can_redo()
    run(sources.set_archived(source, False))  # (a no-op archive: still a step)
    assert not steps.history.can_redo() and steps.history.count() == 1
    steps.history.clear()
    assert not steps.history.can_undo() and steps.history.count() == 0


def test_a_step_notifies_what_it_changed(run, db, steps, add_source):
    source = add_source()
    sources = SourcesViewModel(db)
    sources.history = steps.history
    run(sources.set_archived(source, True))
    steps.undo()
    (change,) = steps.notified
    assert change.what & What.SOURCES and change.touches(source.id)


# -- the rule, without a database -------------------------------------------------------------


def test_plan_and_conflict_rules():
    """The rule of a step: the rows stored now must be those it expects; then delete, update, insert."""
    reading = {"id": 1, "note": "a", "version": 2, "updated_at": 5, "updated_by": None}
    stored = Image.of({"readings": [reading]})
    assert find_conflict(stored, stored) is None
    newer = Image.of({"readings": [{**reading, "version": 3}]})
    changed = find_conflict(stored, newer)
    assert changed is not None and changed.table == "readings" and changed.stored is not None
    gone = find_conflict(stored, Image())
    assert gone is not None and gone.stored is None
    value = {"reading_id": 1, "metric_id": 4, "ts": 0, "value": 1.0, "start_ts": None}
    assert find_conflict(Image.of({"reading_values": [value]}), Image.of({"reading_values": [{**value, "value": 2.0}]}))
    target = Image.of({"readings": [{**reading, "note": "b"}, {"id": 7, "note": "x", "version": 1}]})
    steps = plan(target, stored)
    assert [r["id"] for r in steps.updates["readings"]] == [1]
    assert [r["id"] for r in steps.inserts["readings"]] == [7]
    assert plan(Image(), stored).deletes["readings"] == [reading]
    assert plan(stored, Image.of({"readings": [{**reading, "version": 9}]})).empty  # bookkeeping only
    assert (Scope(readings=frozenset([1])) | Scope(sources=frozenset([2]))).sources == {2}
    assert issubclass(type(ConflictError("reading", None, None, 1)), Exception)


def test_undo_delete_big_source_goes_through_the_driver(run, db, db_path, steps, add_source):
    """A source with thousands of readings: read and put back by the driver in one call each, whole."""
    source = add_source()
    seed_readings(db_path, source, 3000)
    full_before = dump(db_path, bookkeeping=True)
    vm = SourcesViewModel(db)
    vm.history = steps.history
    run(vm.delete(source.id))
    assert not dump(db_path)["readings"]
    steps.undo()
    assert dump(db_path, bookkeeping=True) == full_before
    steps.redo()
    assert not dump(db_path)["readings"] and not dump(db_path)["sources"]


def test_closing_the_database_clears_its_history(run, db, db_path, add_source):
    """Another database opened, a backup restored, the window closed: the workspace closes, its steps go."""
    from homelog_desktop.viewmodels.workspace import make_workspace

    source = add_source()
    workspace = make_workspace(db, str(db_path))
    assert workspace.history is not None and workspace.sources.history is workspace.history
    run(workspace.sources.set_archived(source, True))
    assert workspace.history.undo_text() == "Archive Source “Electricity”"
    run(workspace.close())
    assert workspace.history.count() == 0 and not workspace.history.can_undo()


def test_an_edit_recorded_while_a_step_runs_clears_the_history(run, db):
    """The history is one line: should an edit be recorded while an undo is under way (its commit
    landing in between), the history is cleared rather than moved over the wrong step."""
    from homelog_desktop.viewmodels.undo import Change

    history = UndoHistory(db, DataChanged())
    messages: list[str] = []
    history.stepped.connect(messages.append)

    class Racing:
        async def apply(self, step, scope, target, expected):
            history.record(Change("Add Reading", Scope(), Image(), Image(), What.READINGS))
            return target

    history._service = Racing()  # type: ignore[assignment]
    history.record(Change("Archive Source “Flat”", Scope(), Image(), Image(), What.SOURCES))
    run(history.undo())
    assert history.count() == 0 and not history.can_undo() and not history.can_redo()
    assert messages == [
        "Undone: Archive Source “Flat”. Another change was saved meanwhile: nothing more to undo or redo."
    ]


def test_an_edit_saved_after_an_undo_drops_the_redo(run, db, steps, add_source):
    source = add_source()
    sources = SourcesViewModel(db)
    sources.history = steps.history
    run(sources.set_archived(source, True))
    steps.undo()
    run(sources.set_archived(source, False))
    assert steps.history.undo_text() == "Unarchive Source “Electricity”" and not steps.history.can_redo()


def test_undo_virtual_meter_tariff_edit_is_part_of_its_step(run, db, db_path, steps, add_source):
    """A virtual meter's tariffs are part of its step: added with it ("Add Virtual Meter"), changed and
    added in its form ("Edit Virtual Meter"), each undone and redone."""
    from homelog_desktop.domain.entities import Category, Source, VirtualTerm
    from homelog_desktop.viewmodels.virtual_editor import VirtualMeterEditorViewModel

    house = add_source("House", metrics=(Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1),))
    pump = add_source("Heat pump", metrics=(Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1),))
    h, p = (x.metrics[0].id for x in (house, pump))
    assert h is not None and p is not None
    before = dump(db_path)
    vm = VirtualMeterEditorViewModel(db, None)
    vm.history = steps.history
    first = Tariff(None, -1, date(2025, 1, 1), Decimal("0.30"), Decimal(0), "EUR")
    rest = Source(
        None,
        "Rest",
        Category.ELECTRICITY,
        metrics=(Metric(None, "Consumption", "kWh", decimals=1),),
        virtual=True,
        terms=(VirtualTerm(h, 1), VirtualTerm(p, -1)),
    )
    run(vm.save(rest, [first]))
    assert vm.source is not None and len(dump(db_path)["tariffs"]) == 1
    round_trip(steps, db_path, before, "Add Virtual Meter “Rest”")  # its tariff comes and goes with it

    before = dump(db_path)
    again = Steps(run, db)
    edit = VirtualMeterEditorViewModel(db, vm.source)
    edit.history = again.history
    run(edit.load())
    metric_id = vm.source.metrics[0].id
    assert metric_id is not None
    changed = [replace(edit.tariffs[0], unit_price=Decimal("0.35"))]
    changed.append(Tariff(None, metric_id, date(2025, 6, 1), Decimal("0.40"), Decimal("0.12"), "EUR"))
    run(edit.save(replace(vm.source, name="Rest of house"), changed))
    assert len(dump(db_path)["tariffs"]) == 2
    round_trip(again, db_path, before, "Edit Virtual Meter “Rest of house”")
