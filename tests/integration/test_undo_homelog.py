"""Edit → Undo/Redo of a Home Log file's import (whole sources with tariffs, factors, meter changes):
one step that removes what the import added, refused when something of it was changed since."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.db import Database
from homelog_desktop.domain.entities import Member, Tariff
from homelog_desktop.repositories import (
    MemberRepository,
    MeterEventRepository,
    ReadingRepository,
    SourceRepository,
    TariffRepository,
)
from homelog_desktop.services.exporting import export_sources
from homelog_desktop.services.importing.homelog import HomeLogSummary, read_document, run_homelog_import
from homelog_desktop.viewmodels.importing import ImportViewModel
from tests.integration.test_roundtrip_sources import NAME, build_rich, fresh_database
from tests.integration.test_undo import Steps, dump, round_trip


@pytest.fixture
def steps(run: Any, db: Database) -> Steps:
    return Steps(run, db)


@pytest.fixture
def export(run: Any, db: Database, tmp_path: Path) -> Path:
    """The rich household (two sources: tariffs, factors, advances, meter changes, 45 readings) as a
    Home Log file; the database under test has the same two members and nothing else."""
    rich = run(fresh_database(tmp_path / "rich.db", members=()))
    try:
        run(build_rich(rich))

        async def sources() -> Any:
            async with rich.session(readonly=True) as session:
                return await SourceRepository(session).all()

        target = tmp_path / "household.json"
        run(export_sources(rich, run(sources()), target))
    finally:
        run(rich.dispose())

    async def members() -> None:
        async with db.session() as session:
            for name in ("Ann", "Bjørn Ødegård"):
                await MemberRepository(session).add(Member(None, name))

    run(members())
    return target


def _import(run: Any, db: Database, steps: Steps, path: Path) -> HomeLogSummary:
    vm = ImportViewModel(db, path, None)
    vm.history = steps.history
    vm.save_profile = False
    run(vm.detect())
    assert vm.homelog is not None
    summary = run(vm.run())
    assert isinstance(summary, HomeLogSummary) and summary.undo_note == ""
    return summary


async def _source(db: Database, name: str = NAME) -> Any:
    async with db.session(readonly=True) as session:
        return next(s for s in await SourceRepository(session).all() if s.name == name)


def test_undo_homelog_import_of_new_sources(run, db, db_path, steps, export):
    """Both sources created with all they hold: one step "Import 2 Sources", undone to the database
    as it was, redone to the same rows (same ids), twice over."""
    before = dump(db_path)
    summary = _import(run, db, steps, export)
    assert all(o.created for o in summary.sources) and summary.imported == 45
    after = dump(db_path)
    assert len(after["tariffs"]) == 3 and len(after["meter_events"]) == 2 and len(after["conversion_factors"]) == 2
    round_trip(steps, db_path, before, "Import 2 Sources")


def test_undo_homelog_import_into_stored_sources_removes_only_what_it_added(run, db, db_path, steps, export):
    """The file imported once (not recorded), then some of it removed (readings, a tariff, a meter
    change, a metric): the second import adds them back, and its undo removes exactly those again."""
    run(run_homelog_import(db, read_document(export)))

    async def remove_some() -> None:
        async with db.session() as session:
            stored = next(s for s in await SourceRepository(session).all() if s.name == NAME)
            lines = await ReadingRepository(session).page(stored, 0, 100)
            await ReadingRepository(session).delete(stored.id, [lines[1].reading.id, lines[7].reading.id])
            tariffs = TariffRepository(session)
            day_tariffs = await tariffs.for_metric(stored.metrics[0].id)
            await tariffs.delete(day_tariffs[0].id)
            changes = MeterEventRepository(session)
            unlinked = next(e for e in await changes.for_source(stored.id) if e.reading_id is None)
            await changes.delete(unlinked.id)
            stored = await SourceRepository(session).get(stored.id)
            kept = tuple(m for m in stored.metrics if m.name != "Température")
            await SourceRepository(session).update(replace(stored, metrics=kept))

    run(remove_some())
    before = dump(db_path)
    summary = _import(run, db, steps, export)
    outcome = next(o for o in summary.sources if o.name == NAME)
    assert not outcome.created and outcome.imported == 2
    assert (outcome.tariffs_added, outcome.changes_added) == (1, 1)
    assert [label.split(" ")[0] for label in outcome.metrics_created] == ["Température"]
    round_trip(steps, db_path, before, "Import 2 Sources")


def test_undo_homelog_import_refused_once_a_tariff_was_added_to_a_source_it_created(run, db, db_path, steps, export):
    """A tariff added since to a source the import created: undoing would delete it, so it is
    refused with the reason, nothing changes, and the step stays to try again."""
    _import(run, db, steps, export)
    source = run(_source(db))

    async def tariff() -> None:
        async with db.session() as session:
            metric = source.metrics[0].id
            await TariffRepository(session).add(
                Tariff(None, metric, date(2026, 1, 1), Decimal("0.4"), Decimal(0), "EUR")
            )

    run(tariff())
    state = dump(db_path, bookkeeping=True)
    run(steps.history.undo())
    assert steps.errors and steps.errors[0].startswith("Cannot undo “Import 2 Sources”: a tariff was added since by")
    assert steps.errors[0].endswith("Nothing was changed.")
    assert dump(db_path, bookkeeping=True) == state
    assert steps.history.can_undo()


def test_undo_homelog_import_refused_once_a_source_it_created_was_renamed(run, db, db_path, steps, export):
    """A source the import created, renamed since: refused, naming the source."""
    _import(run, db, steps, export)
    source = run(_source(db))

    async def rename() -> None:
        async with db.session() as session:
            await SourceRepository(session).update(replace(source, name="Keller"))

    run(rename())
    state = dump(db_path, bookkeeping=True)
    run(steps.history.undo())
    assert steps.errors and steps.errors[0].startswith("Cannot undo “Import 2 Sources”: this source was changed by")
    assert dump(db_path, bookkeeping=True) == state


def test_undo_homelog_import_with_replace_puts_back_the_readings_it_replaced(run, db, db_path, steps, export):
    """The file imported again with "replace": every stored reading is replaced (a meter change
    linked to one goes and comes back with the file's); undo puts the replaced readings back whole
    (ids, versions, linked meter change), redo replaces them again."""
    from homelog_desktop.services.importing import DuplicatePolicy

    run(run_homelog_import(db, read_document(export)))
    full_before = dump(db_path, bookkeeping=True)
    before = dump(db_path)
    vm = ImportViewModel(db, export, None)
    vm.history = steps.history
    run(vm.detect())
    vm.duplicates = DuplicatePolicy.REPLACE
    summary = run(vm.run())
    assert isinstance(summary, HomeLogSummary) and summary.replaced == 45 and summary.undo_note == ""
    assert steps.history.undo_text() == "Import 2 Sources"
    after = dump(db_path)
    assert [r[0] for r in after["readings"]] != [r[0] for r in before["readings"]]  # new ids
    linked = [e[-1] for e in after["meter_events"] if e[-1] is not None]
    assert len(linked) == 1 and linked[0] in {r[0] for r in after["readings"]} - {r[0] for r in before["readings"]}
    steps.undo()
    assert dump(db_path, bookkeeping=True) == full_before
    steps.redo()
    assert dump(db_path) == after
    steps.undo()
    assert dump(db_path, bookkeeping=True) == full_before
