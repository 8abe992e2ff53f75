"""ReadingEditorViewModel against a real SQLite file: loading, checking and saving readings."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from homelog_desktop.domain.entities import Reading
from homelog_desktop.repositories import ReadingRepository
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel, warning_key
from tests.conftest import T0, make_reading


class Recorder:
    """Everything a view model emitted, by signal."""

    def __init__(self, vm: ReadingEditorViewModel) -> None:
        self.busy: list[bool] = []
        self.errors: list[str] = []
        self.warnings: list[list[Any]] = []
        self.saved: list[Reading] = []
        self.contexts: list[Any] = []
        self.members: list[list[Any]] = []
        vm.busy_changed.connect(self.busy.append)
        vm.error_occurred.connect(self.errors.append)
        vm.warnings_raised.connect(self.warnings.append)
        vm.saved.connect(self.saved.append)
        vm.context_loaded.connect(self.contexts.append)
        vm.members_loaded.connect(self.members.append)


def test_reading_editor_vm_load_emits_members_and_context(run, db, add_source, add_member, store):
    """load() sends the members and the previous value of each metric before now."""
    source = add_source()
    ann = add_member("Ann")
    bob = add_member("Bob")
    store(source, make_reading(source, T0, "100.5", "50.0"))
    vm = ReadingEditorViewModel(db, source, default_member_id=bob.id)
    rec = Recorder(vm)

    run(vm.load())

    assert rec.members == [[ann, bob]]
    assert len(rec.contexts) == 1
    day, night = (m.id for m in source.metrics)
    assert rec.contexts[0].previous[day].value == Decimal("100.5")
    assert rec.contexts[0].previous[night].timestamp == T0
    assert rec.busy == [True, False]
    assert vm.is_new and vm.initial_timestamp.second == 0


def test_reading_editor_vm_save_new_stores_reading(run, db, add_source, add_member, store, stored_readings):
    """Saving a new, plausible reading adds it and emits saved with the stored reading."""
    source = add_source()
    ann = add_member("Ann")
    store(source, make_reading(source, T0, "100.0", "50.0"))
    vm = ReadingEditorViewModel(db, source, default_member_id=ann.id)
    rec = Recorder(vm)
    new = make_reading(source, T0 + timedelta(days=7), "120.0", None, note="weekly", entered_by=ann.id)

    run(vm.save(new, frozenset()))

    assert rec.errors == [] and rec.warnings == []
    assert len(rec.saved) == 1 and rec.saved[0].id is not None
    readings = stored_readings(source)
    assert len(readings) == 2
    last = readings[-1]
    assert last.values == {source.metrics[0].id: Decimal("120.0")}
    assert (last.note, last.entered_by) == ("weekly", ann.id)
    assert rec.busy == [True, False]
    assert vm.reading == rec.saved[0] and not vm.is_new


def test_reading_editor_vm_save_edit_updates_reading(run, db, add_source, store, stored_readings):
    """Saving an edited reading changes it in place; no reading is added."""
    source = add_source()
    first, second = store(
        source,
        make_reading(source, T0, "100.0", "50.0"),
        make_reading(source, T0 + timedelta(days=7), "110.0"),
    )
    vm = ReadingEditorViewModel(db, source, second)
    rec = Recorder(vm)
    day, night = (m.id for m in source.metrics)
    edited = Reading(
        id=second.id,
        source_id=source.id,
        timestamp=second.timestamp,
        values={day: Decimal("111.5"), night: Decimal("55.0")},
        estimated=True,
    )

    run(vm.save(edited, frozenset()))

    assert rec.errors == [] and rec.warnings == []
    assert rec.saved[0].id == second.id
    readings = stored_readings(source)
    assert [r.id for r in readings] == [first.id, second.id]
    assert readings[1].values == {day: Decimal("111.5"), night: Decimal("55.0")}
    assert readings[1].estimated is True
    assert rec.busy == [True, False]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((), "Enter a value for at least one metric."),
        (("12.34",), "Day (kWh): 12.34 has too many decimals"),
        (("1e13",), "Day (kWh): 1E+13 is too large"),
    ],
)
def test_reading_editor_vm_save_refuses_errors(run, db, add_source, stored_readings, values, expected):
    """A reading with an error is refused with a message naming the field, and nothing is stored."""
    source = add_source()
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)

    run(vm.save(make_reading(source, T0, *values), frozenset({"future", "duplicate"})))

    assert len(rec.errors) == 1 and rec.errors[0].startswith(expected)
    assert rec.saved == [] and rec.warnings == []
    assert stored_readings(source) == []
    assert rec.busy == [True, False]


def test_reading_editor_vm_save_names_every_field_in_error(run, db, add_source, stored_readings):
    """Two bad values give one message naming both fields."""
    source = add_source()
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)
    day, night = (m.id for m in source.metrics)
    bad = Reading(None, source.id, T0, {day: Decimal("1.23"), night: Decimal("NaN")})

    run(vm.save(bad, frozenset()))

    assert len(rec.errors) == 1
    assert "Day (kWh)" in rec.errors[0] and "Night (kWh)" in rec.errors[0]
    assert stored_readings(source) == []
    assert rec.busy == [True, False]


def test_reading_editor_vm_save_raises_warnings_until_accepted(run, db, add_source, store, stored_readings):
    """A counter lower than before is sent back as a warning; once accepted by key it is stored."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0", "500.0"))
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)
    day = source.metrics[0].id
    lower = make_reading(source, T0 + timedelta(days=7), "900.0", "510.0")

    run(vm.save(lower, frozenset()))

    assert rec.saved == [] and rec.errors == []
    assert len(rec.warnings) == 1
    [issue] = rec.warnings[0]
    assert warning_key(issue) == f"counter-down:{day}"
    assert "was the meter replaced?" in issue.message
    assert len(stored_readings(source)) == 1
    assert rec.contexts and rec.contexts[-1].previous[day].value == Decimal("1000.0")
    assert rec.busy == [True, False]

    run(vm.save(lower, frozenset({f"counter-down:{day}"})))

    assert len(rec.saved) == 1
    assert len(rec.warnings) == 1
    assert [r.values[day] for r in stored_readings(source)] == [Decimal("1000.0"), Decimal("900.0")]
    assert rec.busy == [True, False, True, False]


def test_reading_editor_vm_save_refuses_a_taken_time(run, db, add_source, store, stored_readings):
    """A reading at the time of a stored one is refused, whatever warnings were accepted."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)
    day = source.metrics[0].id

    run(vm.save(make_reading(source, T0, "900.0"), frozenset({f"counter-down:{day}", "duplicate"})))

    assert rec.saved == [] and rec.warnings == []
    assert len(rec.errors) == 1 and "same time" in rec.errors[0]
    assert len(stored_readings(source)) == 1
    assert rec.busy == [True, False]


def test_reading_editor_vm_context_excludes_edited_reading(run, db, add_source, store):
    """When editing, the reading itself is neither its own previous value nor a duplicate."""
    source = add_source()
    _first, second = store(
        source,
        make_reading(source, T0, "100.0", "50.0"),
        make_reading(source, T0 + timedelta(days=7), "200.0", "60.0"),
    )
    vm = ReadingEditorViewModel(db, source, second)
    rec = Recorder(vm)
    day = source.metrics[0].id

    run(vm.load())
    run(vm.load_context(second.timestamp + timedelta(minutes=1)))

    for context in rec.contexts:
        assert context.previous[day].value == Decimal("100.0")
        assert context.duplicate_at is None
        assert day not in context.next
    assert vm.initial_timestamp == second.timestamp

    run(vm.save(second, frozenset()))

    assert rec.warnings == [] and rec.errors == []
    assert rec.saved[0].id == second.id
    assert rec.busy == [True, False] * 3


def test_reading_editor_vm_load_context_drops_stale_results(run, db, add_source, store):
    """Of two overlapping context loads only the newer one is emitted."""
    source = add_source()
    store(
        source,
        make_reading(source, T0, "100.0"),
        make_reading(source, T0 + timedelta(days=7), "200.0"),
    )
    vm = ReadingEditorViewModel(db, source)
    rec = Recorder(vm)
    day = source.metrics[0].id

    async def both():
        await asyncio.gather(vm.load_context(T0 + timedelta(days=1)), vm.load_context(T0 + timedelta(days=8)))

    run(both())

    assert len(rec.contexts) == 1
    assert rec.contexts[0].previous[day].value == Decimal("200.0")
    assert vm.context is rec.contexts[0]
    assert rec.busy == [True, False]


def test_reading_editor_vm_save_reports_reading_deleted_elsewhere(run, db, add_source, store, stored_readings):
    """Editing a reading that was deleted meanwhile reports an error and stores nothing."""
    source = add_source()
    [reading] = store(source, make_reading(source, T0, "100.0"))

    async def delete():
        async with db.session() as s:
            await ReadingRepository(s).delete(source.id, [reading.id])

    run(delete())
    vm = ReadingEditorViewModel(db, source, reading)
    rec = Recorder(vm)

    run(vm.save(reading, frozenset()))

    assert rec.saved == [] and len(rec.errors) == 1
    assert "no longer exists" in rec.errors[0]
    assert stored_readings(source) == []
    assert rec.busy == [True, False]


def test_reading_editor_vm_rejects_reading_of_other_source(db, add_source, store):
    """A reading of another source is a programming error, caught at construction."""
    water = add_source("Water")
    power = add_source("Power")
    [reading] = store(water, make_reading(water, T0, "1.0"))

    with pytest.raises(ValueError, match="another source"):
        ReadingEditorViewModel(db, power, reading)
