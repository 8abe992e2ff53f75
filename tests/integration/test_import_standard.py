"""run_standard_import on real databases: SQLite files and (when there is a server) PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from homelog_desktop.db import Database
from homelog_desktop.services.importing import CancelToken, DuplicatePolicy, ImportCancelledError
from homelog_desktop.services.importing.standard import (
    StandardPlan,
    describe,
    read_standard,
    recognise,
    run_standard_import,
    targets_of,
)
from tests.postgres import create_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
NEM12 = ROOT / "tests" / "data" / "formats" / "nem12_two_registers.csv"
ESPI = ROOT / "tests" / "data" / "formats" / "green_button_electricity_gas.xml"


def rows(run: Callable[..., Any], db: Database) -> list[tuple[Any, ...]]:
    """(source, metric, end, value, start, estimated) of every stored value, in order."""

    async def go() -> list[tuple[Any, ...]]:
        async with db.engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT s.name, m.name, v.ts, v.value, v.start_ts, r.estimated FROM reading_values v"
                    " JOIN readings r ON r.id = v.reading_id JOIN sources s ON s.id = r.source_id"
                    " JOIN metrics m ON m.id = v.metric_id ORDER BY s.name, v.ts, m.position"
                )
            )
            return [tuple(row) for row in result]

    return run(go())


def _check_nem12(run: Callable[..., Any], db: Database) -> None:
    parsed = read_standard(NEM12)
    summary = run(run_standard_import(db, StandardPlan(NEM12, parsed, "House")))
    assert summary.imported == 239 and not summary.complete  # the file's unreadable intervals are listed
    assert [s.line for s in summary.skipped] == [4, 4, 10, 11]
    stored = rows(run, db)
    assert len(stored) == 94 + 191
    first = stored[0]
    assert first[:2] == ("House", "6123456789 E1")
    assert first[2] == int(datetime(2024, 1, 13, 14, 30, tzinfo=UTC).timestamp())
    assert first[3] == pytest.approx(0.1)
    assert first[4] == int(datetime(2024, 1, 13, 14, 0, tzinfo=UTC).timestamp())
    estimated = {bool(r[5]) for r in stored}
    assert estimated == {True, False}  # substituted intervals keep their flag, actual ones do not get it
    again = run(run_standard_import(db, StandardPlan(NEM12, parsed, "House")))
    assert again.imported == 0 and again.sources[0].skipped_duplicates == 239
    replaced = run(run_standard_import(db, StandardPlan(NEM12, parsed, "House", DuplicatePolicy.REPLACE)))
    assert replaced.imported == 239 and replaced.sources[0].replaced == 239
    assert rows(run, db) == stored


def test_standard_import_sqlite_periods_flags_and_duplicates(run, db):
    _check_nem12(run, db)


@pytest.mark.postgres
def test_standard_import_postgres_periods_flags_and_duplicates(run, pg_server, tmp_path):
    url = run(create_database(migrated=True))
    database = Database(url)
    try:
        _check_nem12(run, database)
    finally:
        run(database.dispose())
        run(drop_database(url))


def test_standard_import_cancel_changes_nothing(run, db):
    parsed = read_standard(ESPI)
    token = CancelToken()
    token.cancel()
    with pytest.raises(ImportCancelledError):
        run(run_standard_import(db, StandardPlan(ESPI, parsed), cancel=token))
    assert rows(run, db) == []


def test_standard_targets_and_registers(tmp_path):
    assert (
        recognise(NEM12) is not None
        and recognise(ROOT / "tests" / "data" / "profiles" / "octopus_consumption.csv") is None
    )
    parsed = read_standard(ESPI)
    assert [t.source_name for t in targets_of(parsed, ESPI)] == ["Home, 12 Elm Street", "Gas service"]
    assert [t.source_name for t in targets_of(parsed, ESPI, " Home ")] == ["Home"]
    registers = describe(parsed)
    assert [(r.name, r.unit, r.kind.value, r.count) for r in registers] == [
        ("Electricity consumption (delivered)", "Wh", "interval", 4),
        ("Gas consumption (delivered)", "therm", "interval", 2),
    ]
    assert all(r.first is not None and r.last is not None and r.first < r.last for r in registers)


def test_standard_import_refuses_a_register_of_another_unit_or_kind(run, db, tmp_path):
    """A register whose metric the source has already, in another unit or kind: refused, nothing stored."""
    from homelog_desktop.services.importing import ImportFileError

    first = tmp_path / "ha.csv"
    first.write_text(
        "statistic_id,unit,start,state,sum\nsensor.energy,kWh,2024-01-15 09:00:00+00:00,10.5,0\n", encoding="utf-8"
    )
    run(run_standard_import(db, StandardPlan(first, read_standard(first), "Meter")))
    before = rows(run, db)
    other = tmp_path / "ha_wh.csv"
    other.write_text(
        "statistic_id,unit,start,state,sum\nsensor.energy,Wh,2024-01-16 09:00:00+00:00,10600,0\n", encoding="utf-8"
    )
    with pytest.raises(ImportFileError, match=r"is in kWh, but the file.s register “sensor\.energy” is in Wh"):
        run(run_standard_import(db, StandardPlan(other, read_standard(other), "Meter")))
    assert rows(run, db) == before


def test_standard_import_without_skip_invalid_stops_at_the_first_invalid_value(run, db, tmp_path):
    """StandardPlan(skip_invalid=False): the file's first invalid record stops the import before anything is
    stored; a value that cannot be stored (10⁴⁰) stops it inside its transaction, which rolls back whole."""
    from homelog_desktop.services.importing import ImportFileError

    parsed = read_standard(NEM12)
    with pytest.raises(ImportFileError, match=r"^line 10: the 300 record has 55 fields"):
        run(run_standard_import(db, StandardPlan(NEM12, parsed, "House", skip_invalid=False)))
    assert rows(run, db) == []
    dsmr = tmp_path / "dsmr.csv"
    dsmr.write_text(
        "id;hour_start;electricity1;electricity2;electricity1_returned;electricity2_returned;gas\n"
        "101;2024-03-31 00:00:00+01:00;0.212;0.000;0.000;0.000;0.081\n"
        "102;2024-03-31 01:00:00+01:00;1e40;0.000;0.000;0.000;0.077\n",
        encoding="utf-8",
    )
    plan = StandardPlan(dsmr, read_standard(dsmr), "Meter", skip_invalid=False)
    with pytest.raises(ImportFileError, match=r"^line 3, column “Electricity tariff 1”: 1e\+40 is too large"):
        run(run_standard_import(db, plan))

    async def sources() -> int:
        async with db.engine.connect() as conn:
            return int((await conn.execute(text("SELECT count(*) FROM sources"))).scalar_one())

    assert run(sources()) == 0 and rows(run, db) == []
