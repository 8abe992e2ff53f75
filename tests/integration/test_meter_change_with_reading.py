"""A meter change recorded with a reading belongs to it: deleting the reading removes the change."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Source
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel, warning_key
from homelog_desktop.viewmodels.readings import ReadingsViewModel
from tests.conftest import T0, make_reading
from tests.integration.test_migrations import SEED_0001


def _replacement(source: Source, days: float) -> MeterEvent:
    assert source.id is not None and source.metrics[0].id is not None
    return MeterEvent(
        None,
        source.id,
        source.metrics[0].id,
        T0 + timedelta(days=days),
        MeterEventKind.REPLACEMENT,
        old_value=Decimal("112"),
        new_value=Decimal("0"),
    )


def _events(run: Any, db: Any, source: Source) -> list[MeterEvent]:
    async def go() -> list[MeterEvent]:
        async with db.session(readonly=True) as s:
            return await MeterEventRepository(s).for_source(source.id)

    return run(go())  # type: ignore[no-any-return]


def _consumption(run: Any, db: Any, source: Source) -> list[str]:
    async def go() -> list[str]:
        async with db.session(readonly=True) as s:
            lines = await ReadingRepository(s).page(source, 0, 100)
        return [str(line.consumption.get(source.metrics[0].id, "-")) for line in lines]

    return run(go())  # type: ignore[no-any-return]


def _save_with_change(run: Any, db: Any, source: Source) -> Any:
    """The reading dialog's path: a reading of 12 saved with "Meter replaced" (112 -> 0) before it."""
    vm = ReadingEditorViewModel(db, source)
    reading = make_reading(source, T0 + timedelta(days=7), "12", None)
    warnings: list[Any] = []
    vm.warnings_raised.connect(warnings.append)
    run(vm.save(reading, frozenset(), [_replacement(source, 6)]))
    if warnings:  # accept whatever the rules still warn about
        run(vm.save(reading, frozenset(warning_key(i) for i in warnings[0]), [_replacement(source, 6)]))
    assert vm.reading is not None and vm.reading.id is not None
    return vm.reading


def test_meter_change_saved_with_reading_is_linked_to_it(run, db, add_source, store):
    """The change recorded in the reading dialog is stored with the id of the reading saved with it."""
    source = add_source()
    store(source, make_reading(source, T0, "100", None))
    saved = _save_with_change(run, db, source)
    assert [e.reading_id for e in _events(run, db, source)] == [saved.id]


def test_deleting_reading_deletes_its_meter_change_and_next_consumption_is_right(run, db, add_source, store):
    """Delete the reading saved with "Meter replaced": the change goes too, the next reading's consumption is plain."""
    source = add_source()
    store(source, make_reading(source, T0, "100", None))
    saved = _save_with_change(run, db, source)
    store(source, make_reading(source, T0 + timedelta(days=14), "141", None))
    vm = ReadingsViewModel(db)
    vm.source = source
    run(vm.delete([saved.id]))
    assert _events(run, db, source) == []
    # 141 - 100; with the change left behind it was (112 - 100) + (141 - 0) = 153.
    assert _consumption(run, db, source)[-1] == "41.0"


def test_meter_change_recorded_alone_survives_reading_delete(run, db, add_source, store):
    """A change entered in the source editor (no reading) is not deleted with a neighbouring reading."""
    source = add_source()
    _first, second = store(
        source, make_reading(source, T0, "100", None), make_reading(source, T0 + timedelta(days=7), "12", None)
    )

    async def go() -> None:
        async with db.session() as s:
            await MeterEventRepository(s).add(_replacement(source, 6))
            await ReadingRepository(s).delete(source.id, [second.id])

    run(go())
    assert [e.reading_id for e in _events(run, db, source)] == [None]


def test_linked_meter_changes_are_listed_for_the_delete_question(run, db, add_source, store):
    """for_readings() finds the changes a delete would take with it (for the confirmation)."""
    source = add_source()
    first = store(source, make_reading(source, T0, "100", None))[0]
    saved = _save_with_change(run, db, source)

    async def go(ids: list[int]) -> list[MeterEvent]:
        async with db.session(readonly=True) as s:
            return await MeterEventRepository(s).for_readings(ids)

    assert [e.reading_id for e in run(go([first.id, saved.id]))] == [saved.id]
    assert run(go([first.id])) == []


def test_unbridged_flags_change_with_no_reading_on_one_side(run, db, add_source, store):
    """A change with no reading of its metric after it (or before it) is reported; a bridging one is not."""
    source = add_source()
    store(source, make_reading(source, T0, "100", None), make_reading(source, T0 + timedelta(days=7), "12", None))

    async def go() -> tuple[int, int, int, set[int]]:
        async with db.session() as s:
            repo = MeterEventRepository(s)
            inside = await repo.add(_replacement(source, 6))
            after = await repo.add(_replacement(source, 8))
            before = await repo.add(_replacement(source, -1))
            assert inside.id and after.id and before.id
            return inside.id, after.id, before.id, await repo.unbridged(source.id)

    _inside, after, before, flagged = run(go())
    assert flagged == {after, before}


@pytest.fixture
def unmigrated(run, db_path):
    """A Database on an empty file (not migrated); disposed at the end."""
    database = Database(sqlite_url(db_path))
    yield database
    run(database.dispose())


def test_migration_0005_keeps_stored_meter_changes_unlinked(run, unmigrated):
    """Upgrading from 0003 keeps every meter change (same id) with no reading link."""
    db = unmigrated
    run(migrate(db, target="0003"))

    async def seed() -> None:
        async with db.engine.begin() as conn:
            for sql in SEED_0001:
                await conn.execute(text(sql))
            await conn.execute(
                text(
                    "INSERT INTO meter_events (id, source_id, metric_id, ts, kind, old_value, new_value, note)"
                    " VALUES (7, 1, 1, 1736500000, 'replacement', '12399', '0', 'kept')"
                )
            )

    run(seed())
    run(migrate(db))

    async def read() -> list[MeterEvent]:
        async with db.session(readonly=True) as s:
            return await MeterEventRepository(s).for_source(1)

    events = run(read())
    assert [(e.id, e.note, e.reading_id) for e in events] == [(7, "kept", None)]


def test_readings_vm_names_meter_change_deleted_with_reading(run, db, add_source, store):
    """Before a delete, the view model finds the linked change and words it for the confirmation."""
    from homelog_desktop.viewmodels.readings import delete_detail

    source = add_source()
    store(source, make_reading(source, T0, "100", None))
    saved = _save_with_change(run, db, source)
    vm = ReadingsViewModel(db)
    vm.source = source
    events = run(vm.meter_changes_of([saved.id]))
    expected = "The meter change recorded with it (“Meter replaced” on Day) is deleted too."
    assert delete_detail(events, source) == expected
    assert delete_detail([], source) == ""
