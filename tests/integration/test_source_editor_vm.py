"""SourceEditorViewModel on a real SQLite file: members and value counts, adding and updating sources."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from homelog_desktop.domain.entities import Category, Metric, MetricKind, Source
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.source_editor import (
    SourceEditorViewModel,
    check_source,
    default_metric,
)
from tests.conftest import T0, make_reading, make_source, seed_readings


class Recorder:
    """Everything the view model emitted, by signal."""

    def __init__(self, vm: SourceEditorViewModel) -> None:
        self.busy: list[bool] = []
        self.errors: list[str] = []
        self.members: list[list[Any]] = []
        self.counts: list[dict[int, int]] = []
        self.saved: list[Source] = []
        vm.busy_changed.connect(self.busy.append)
        vm.error_occurred.connect(self.errors.append)
        vm.members_loaded.connect(self.members.append)
        vm.value_counts_loaded.connect(self.counts.append)
        vm.saved.connect(self.saved.append)


@pytest.fixture
def value_count(run, db):
    def count(metric_id: int) -> int:
        async def go():
            async with db.session(readonly=True) as s:
                return await SourceRepository(s).count_values(metric_id)

        return run(go())

    return count


def test_source_editor_load_emits_members_and_value_counts(qtbot, run, db, db_path, add_source, add_member):
    """load() sends the members for the owner combo and the number of stored values per metric."""
    add_member("Zoe")
    add_member("Ann", "ann@example.org")
    source = add_source()
    seed_readings(db_path, source, 3)
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.load())

    assert [m.name for m in rec.members[0]] == ["Ann", "Zoe"]
    day, night = source.metrics
    assert rec.counts == [{day.id: 3, night.id: 3}]
    assert rec.busy == [True, False]
    assert rec.errors == []


def test_source_editor_load_new_source_has_no_counts(qtbot, run, db):
    """A new source has no stored values: the counts are empty, and it is new."""
    vm = SourceEditorViewModel(db)
    rec = Recorder(vm)

    run(vm.load())

    assert vm.is_new and vm.source is None
    assert rec.members == [[]]
    assert rec.counts == [{}]
    assert rec.busy == [True, False]


def test_source_editor_save_new_stores_source_with_metrics(qtbot, run, db, add_member, stored_sources):
    """Saving a new source adds it with its metrics in order and emits the stored source."""
    owner = add_member("Ann")
    vm = SourceEditorViewModel(db)
    rec = Recorder(vm)
    source = make_source("Water", category=Category.WATER, owner_id=owner.id, is_public=True)

    run(vm.save(source))

    assert rec.errors == []
    assert rec.busy == [True, False]
    (saved,) = rec.saved
    assert saved.id is not None and saved.name == "Water"
    assert [m.name for m in saved.metrics] == ["Day", "Night"]
    assert vm.source == saved and not vm.is_new
    (stored,) = stored_sources()
    assert stored == saved
    assert stored.owner_id == owner.id and stored.is_public and stored.interval_days == 7


def test_source_editor_save_edit_keeps_metric_ids_and_values(qtbot, run, db, db_path, add_source, value_count):
    """Editing renames metrics in place: same ids, the stored values stay attached."""
    source = add_source()
    seed_readings(db_path, source, 4)
    day, night = source.metrics
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)
    edited = replace(
        source,
        name="Main meter",
        description="Hallway",
        interval_days=None,
        metrics=(replace(day, name="High rate", digits=6), replace(night, name="Low rate", decimals=2)),
    )

    run(vm.save(edited))

    assert rec.errors == [] and rec.busy == [True, False]
    (saved,) = rec.saved
    assert saved.id == source.id and saved.name == "Main meter" and saved.interval_days is None
    assert [(m.id, m.name) for m in saved.metrics] == [(day.id, "High rate"), (night.id, "Low rate")]
    assert saved.metrics[0].digits == 6 and saved.metrics[1].decimals == 2
    assert value_count(day.id) == 4 and value_count(night.id) == 4


def test_source_editor_reorder_persists_positions(qtbot, run, db, add_source, stored_sources):
    """Moving metrics stores their new order (positions), keeping their ids."""
    source = add_source(metrics=tuple(Metric(None, name, "kWh", MetricKind.COUNTER, 1) for name in ("A", "B", "C")))
    a, b, c = source.metrics
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.save(replace(source, metrics=(c, a, b))))

    assert rec.errors == []
    (stored,) = stored_sources()
    assert [(m.id, m.name, m.position) for m in stored.metrics] == [
        (c.id, "C", 0),
        (a.id, "A", 1),
        (b.id, "B", 2),
    ]


def test_source_editor_removing_metric_removes_its_values(qtbot, run, db, db_path, add_source, value_count):
    """A metric left out of the saved source is deleted with its values; the others keep theirs."""
    source = add_source()
    seed_readings(db_path, source, 5)
    day, night = source.metrics
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.save(replace(source, metrics=(day,))))

    assert rec.errors == [] and rec.busy == [True, False]
    assert [m.id for m in rec.saved[0].metrics] == [day.id]
    assert value_count(night.id) == 0
    assert value_count(day.id) == 5


def test_source_editor_duplicate_name_reports_error_and_stores_nothing(qtbot, run, db, add_source, stored_sources):
    """A taken name (any case) becomes error_occurred placed at the name field; nothing is stored."""
    add_source("Electricity")
    vm = SourceEditorViewModel(db)
    rec = Recorder(vm)

    run(vm.save(make_source("ELECTRICITY", category=Category.GAS)))

    assert rec.busy == [True, False]
    assert rec.saved == []
    assert len(rec.errors) == 1 and "already a source called" in rec.errors[0]
    assert vm.last_problem is not None and vm.last_problem.where == "name"
    assert [s.name for s in stored_sources()] == ["Electricity"]
    assert vm.is_new


def test_source_editor_lower_decimals_refused_points_at_metric_row(qtbot, run, db, add_source, stored_sources):
    """Fewer decimals than stored values need is refused; the problem names the metric's row."""
    source = add_source()
    day, night = source.metrics

    async def store() -> None:
        async with db.session() as s:
            await ReadingRepository(s).add(source, make_reading(source, T0, "100.5", "20.5"))

    run(store())
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.save(replace(source, metrics=(day, replace(night, decimals=0)))))

    assert rec.busy == [True, False] and rec.saved == []
    assert len(rec.errors) == 1 and "Night" in rec.errors[0]
    assert vm.last_problem is not None
    assert (vm.last_problem.where, vm.last_problem.row) == ("metrics", 1)
    assert stored_sources()[0].metrics[1].decimals == 1


def test_source_editor_save_of_deleted_source_reports_error(qtbot, run, db, add_source):
    """Saving a source deleted elsewhere reports it, not bound to a field."""
    source = add_source()

    async def delete() -> None:
        async with db.session() as s:
            await SourceRepository(s).delete(source.id)

    run(delete())
    vm = SourceEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.save(replace(source, name="Renamed")))

    assert rec.busy == [True, False]
    assert rec.errors == ["That source no longer exists."]
    assert vm.last_problem is None
    assert rec.saved == []


def test_source_editor_saved_values_round_trip(qtbot, run, db, add_source, stored_sources):
    """The stored copy of a new source with a value-bearing metric keeps decimals and digits."""
    vm = SourceEditorViewModel(db)
    rec = Recorder(vm)
    metric = replace(default_metric(Category.GAS), digits=5)

    run(vm.save(Source(None, "  Gas  ", Category.GAS, metrics=(metric,))))

    (saved,) = rec.saved
    assert saved.name == "Gas"
    assert (saved.metrics[0].name, saved.metrics[0].unit, saved.metrics[0].decimals) == ("Gas", "m³", 3)
    assert saved.metrics[0].digits == 5
    assert stored_sources()[0].metrics == saved.metrics


def test_check_source_finds_form_problems():
    """check_source names the field: empty name, no metrics, nameless and duplicate metrics."""
    problems = check_source(Source(None, "  ", metrics=()))
    assert [(p.where, p.row) for p in problems] == [("name", None), ("metrics", None)]
    assert problems[0].message.startswith("Name")

    metrics = (
        Metric(None, "Day"),
        Metric(None, ""),
        Metric(None, " day "),
    )
    problems = check_source(Source(None, "Meter", interval_days=0, metrics=metrics))
    assert [(p.where, p.row) for p in problems] == [("interval", None), ("metrics", 1), ("metrics", 2)]
    assert "row 2 needs a name" in problems[1].message
    assert "rows 1 and 3" in problems[2].message

    assert check_source(make_source()) == []


def test_default_metric_follows_category_defaults():
    """A new source's first metric takes its name, unit, kind and decimals from the category."""
    metric = default_metric(Category.TEMPERATURE)
    assert (metric.id, metric.name, metric.unit, metric.kind, metric.decimals) == (
        None,
        "Temperature",
        "°C",
        MetricKind.GAUGE,
        1,
    )
