"""Edit → Undo on a shared PostgreSQL database: two members, two connections (Ann's PC and Bob's).

Undoing a change to a row that someone else changed since is refused with a message naming them,
and nothing changes; undo and redo of a source's delete bring it back with its ids on the server.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Tariff
from homelog_desktop.domain.undo import BOOKKEEPING
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, TariffRepository
from homelog_desktop.viewmodels.changes import DataChanged
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.viewmodels.readings import ReadingsViewModel
from homelog_desktop.viewmodels.sources import SourcesViewModel
from homelog_desktop.viewmodels.undo import UndoHistory
from tests.conftest import T0, make_reading
from tests.live_support import TwoPCs

TABLES = (
    "members",
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


def dump(run: Any, db: Any, *, bookkeeping: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the data tables as the server holds them (read as the administrator)."""

    async def go() -> dict[str, list[tuple[Any, ...]]]:
        tables: dict[str, list[tuple[Any, ...]]] = {}
        async with db.session(readonly=True) as session:
            for table in TABLES:
                result = await session.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2"))
                names = list(result.keys())
                keep = [i for i, n in enumerate(names) if bookkeeping or n not in BOOKKEEPING]
                tables[table] = [tuple(row[i] for i in keep) for row in result.all()]
        return tables

    return run(go())  # type: ignore[no-any-return]


def _history(db: Any) -> tuple[UndoHistory, list[str]]:
    history = UndoHistory(db, DataChanged())
    errors: list[str] = []
    history.error_occurred.connect(errors.append)
    return history, errors


def test_undo_on_postgresql_refused_when_another_member_changed_the_row(two_pg_pcs: TwoPCs, run):
    """Ann edits a reading, Bob edits it after her on his PC: Ann's undo is refused, naming Bob, and
    his change stays as he made it."""
    pcs = two_pg_pcs

    async def add() -> Any:
        async with pcs.ann_db.session() as session:
            return await ReadingRepository(session).add(pcs.source, make_reading(pcs.source, T0, "100", "50"))

    reading = run(add())
    history, errors = _history(pcs.ann_db)
    ann = ReadingEditorViewModel(pcs.ann_db, pcs.source, reading)
    ann.history = history
    run(ann.save(replace(reading, note="Ann's note"), frozenset()))
    assert ann.reading is not None and history.undo_text() == "Edit Reading"

    async def bob_edits() -> None:
        async with pcs.bob_db.session() as session:
            stored = await ReadingRepository(session).get(pcs.source, reading.id)
            await ReadingRepository(session).update(pcs.source, replace(stored, note="Bob's note"))

    run(bob_edits())
    state = dump(run, pcs.ann_db, bookkeeping=True)

    run(history.undo())

    assert len(errors) == 1
    assert errors[0].startswith("Cannot undo “Edit Reading”: this reading was changed by Bob at ")
    assert errors[0].endswith("since. Nothing was changed.")
    assert dump(run, pcs.ann_db, bookkeeping=True) == state  # Bob's note stays, nothing rewritten
    assert history.can_undo() and not history.can_redo()  # the history did not move


def test_undo_on_postgresql_refused_when_another_member_deleted_a_reading_of_the_step(two_pg_pcs: TwoPCs, run):
    """Ann deletes readings and undoes; Bob deletes one of them again on his PC: Ann's redo is refused."""
    pcs = two_pg_pcs

    async def add() -> list[Any]:
        async with pcs.ann_db.session() as session:
            repo = ReadingRepository(session)
            return [
                await repo.add(pcs.source, make_reading(pcs.source, T0 + timedelta(days=i), str(100 + i), "50"))
                for i in range(3)
            ]

    stored = run(add())
    history, errors = _history(pcs.ann_db)
    readings = ReadingsViewModel(pcs.ann_db)
    readings.history = history
    readings.source = pcs.source
    before = dump(run, pcs.ann_db)
    run(readings.delete([r.id for r in stored[:2]]))
    after = dump(run, pcs.ann_db)
    run(history.undo())
    assert not errors and dump(run, pcs.ann_db) == before  # put back on the server, with their ids

    async def bob_deletes() -> None:
        async with pcs.bob_db.session() as session:
            await ReadingRepository(session).delete(pcs.source.id, [stored[0].id])

    run(bob_deletes())
    state = dump(run, pcs.ann_db, bookkeeping=True)
    run(history.redo())
    assert len(errors) == 1
    assert errors[0].startswith("Cannot redo “Delete 2 Readings”: this reading was deleted since")
    assert dump(run, pcs.ann_db, bookkeeping=True) == state
    assert after != state


def test_undo_on_postgresql_delete_source_round_trip(two_pg_pcs: TwoPCs, run):
    """A source deleted on the server comes back with its ids, tariffs, meter changes and readings."""
    pcs = two_pg_pcs
    day = pcs.source.metrics[0].id

    async def seed() -> None:
        async with pcs.ann_db.session() as session:
            repo = ReadingRepository(session)
            for i in range(5):
                await repo.add(pcs.source, make_reading(pcs.source, T0 + timedelta(days=i), str(100 + i), "50"))
            await TariffRepository(session).add(Tariff(None, day, date(2024, 1, 1), Decimal("0.30")))
            await MeterEventRepository(session).add(
                MeterEvent(None, pcs.source.id, day, T0 + timedelta(hours=30), MeterEventKind.ROLLOVER, digits=6)
            )
            # More readings than the driver's one-call path starts at (copied back in one call).
            start = int(T0.timestamp()) + 10 * 86400
            await session.execute(
                text(
                    "INSERT INTO readings (source_id, ts, note, estimated, from_bill, created_at, updated_at)"
                    " SELECT :source, :start + n * 3600, '', n % 2 = 0, false, :start, :start"
                    " FROM generate_series(1, 1500) AS n"
                ),
                {"source": pcs.source.id, "start": start},
            )
            await session.execute(
                text(
                    "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
                    " SELECT id, :metric, ts, 1000 + id * 0.5 FROM readings WHERE ts > :start"
                ),
                {"metric": day, "start": start},
            )

    run(seed())
    full_before = dump(run, pcs.ann_db, bookkeeping=True)
    history, errors = _history(pcs.ann_db)
    sources = SourcesViewModel(pcs.ann_db)
    sources.history = history
    run(sources.delete(pcs.source.id))
    after = dump(run, pcs.ann_db)
    assert not after["sources"] and len(full_before["readings"]) == 1505
    for _ in range(2):
        run(history.undo())
        assert not errors
        assert dump(run, pcs.ann_db, bookkeeping=True) == full_before
        run(history.redo())
        assert not errors
        assert dump(run, pcs.ann_db) == after


def test_undo_on_postgresql_import_that_replaced_readings(two_pg_pcs: TwoPCs, run, tmp_path):
    """Ann imports a file with "replace" over readings on the server, one of them edited by Bob (its
    version moved on): undo removes the import's readings and puts back the replaced ones with their
    ids and versions (more than the driver's one-call path starts at: copied back in one call); redo
    replaces them again."""
    from homelog_desktop.services.importing import DuplicatePolicy
    from homelog_desktop.viewmodels.importing import ImportViewModel

    pcs = two_pg_pcs
    start = int(T0.timestamp())

    async def seed() -> Any:
        async with pcs.ann_db.session() as session:
            first = await ReadingRepository(session).add(pcs.source, make_reading(pcs.source, T0, "100", "50"))
            day = pcs.source.metrics[0].id
            await session.execute(
                text(
                    "INSERT INTO readings (source_id, ts, note, estimated, from_bill, created_at, updated_at)"
                    " SELECT :source, :start + n * 3600, 'old', n % 2 = 0, false, :start, :start"
                    " FROM generate_series(1, 1199) AS n"
                ),
                {"source": pcs.source.id, "start": start},
            )
            await session.execute(
                text(
                    "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
                    " SELECT id, :metric, ts, 100 + id * 0.5 FROM readings WHERE ts > :start"
                ),
                {"metric": day, "start": start},
            )
            return first

    first = run(seed())

    async def bob_edits() -> None:
        async with pcs.bob_db.session() as session:
            stored = await ReadingRepository(session).get(pcs.source, first.id)
            await ReadingRepository(session).update(pcs.source, replace(stored, note="Bob's note"))

    run(bob_edits())
    path = tmp_path / "in.csv"
    lines = ["Time,Day,Night"]
    lines += [f"{(T0 + timedelta(hours=n)).isoformat()},{1000 + n},{500 + n}" for n in range(1300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full_before = dump(run, pcs.ann_db, bookkeeping=True)
    before = dump(run, pcs.ann_db)
    assert len(before["readings"]) == 1200
    history, errors = _history(pcs.ann_db)
    vm = ImportViewModel(pcs.ann_db, path, None)
    vm.history = history
    vm.save_profile = False
    run(vm.detect(pcs.source))
    vm.use_source(pcs.source.id)
    vm.duplicates = DuplicatePolicy.REPLACE
    summary = run(vm.run())
    assert summary is not None and (summary.imported, summary.replaced) == (1300, 1200)
    assert history.undo_text() == "Import 1,300 Readings"
    after = dump(run, pcs.ann_db)
    assert {r[0] for r in after["readings"]}.isdisjoint(r[0] for r in before["readings"])
    for _ in range(2):
        run(history.undo())
        assert not errors
        assert dump(run, pcs.ann_db, bookkeeping=True) == full_before  # ids, versions, Bob's edit
        run(history.redo())
        assert not errors
        assert dump(run, pcs.ann_db) == after
