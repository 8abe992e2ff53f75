"""Export then import into an empty database gives the same readings (through the services).

The importer reads CSV and .xlsx, not JSON, so the round trip is through CSV. A CSV carries the
metrics' names but not their units or kinds; the readings (times, values, notes) come back exactly.
"""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import Metric, MetricKind, Reading, Source
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.services.exporting import ExportFormat, export_readings
from homelog_desktop.services.importing import ImportPlan, detect, new_source_for, run_import
from tests.conftest import T0, make_reading

NOTES = [
    "",
    "plain",
    'comma, "quotes"; semicolon',
    "Zähler geprüft — ünïcödé ✓",
    "=SUM(A1:A9)",
    "+49 30 123456",
    "-5 after the repair",
    "@admin",
    "'=already quoted",
    "'tis fine",
    '＝HYPERLINK("http://x")',
    "＋１",
    " =1+1",
    "'\t=already escaped with a tab",
]


async def _all(db: Database, name: str) -> tuple[Source, list[Reading]]:
    async with db.session(readonly=True) as session:
        source = await SourceRepository(session).get_by_name(name)
        lines = await ReadingRepository(session).page(source, 0, 100_000)
    return source, [line.reading for line in lines]


def _by_name(source: Source, reading: Reading) -> tuple[Any, ...]:
    names = {m.id: m.name for m in source.metrics}
    return (reading.timestamp, {names[k]: v for k, v in reading.values.items()}, reading.note)


def _round_trip(run: Any, db: Database, source: Source, tmp_path: Path, *, notes: bool) -> None:
    target = tmp_path / "export.csv"
    run(export_readings(db, source, target, ExportFormat.CSV, tz=timezone(timedelta(hours=2))))
    fresh = Database(sqlite_url(tmp_path / "fresh.db"))
    try:
        run(migrate(fresh))
        detected = detect(target)
        new_source, mapping = new_source_for(source.name, detected)
        plan = ImportPlan(target, detected.settings, new_source, mapping, kind=detected.kind)
        summary = run(run_import(fresh, plan))
        assert summary.invalid_count == 0
        original_source, original = run(_all(db, source.name))
        copy_source, copy = run(_all(fresh, source.name))
    finally:
        run(fresh.dispose())
    assert [m.name for m in copy_source.metrics] == [m.name for m in original_source.metrics]
    keep = (lambda r: r) if notes else (lambda r: r[:2])
    assert [keep(_by_name(copy_source, r)) for r in copy] == [keep(_by_name(original_source, r)) for r in original]
    assert summary.imported == len(original)


def test_round_trip_csv_values_and_times(run, db, add_source, store, tmp_path):
    """Times (any offset), values with their decimals and missing values survive CSV export and import."""
    source = add_source(
        "Electricity",
        metrics=(
            Metric(None, "Day", "kWh", MetricKind.COUNTER, decimals=1),
            Metric(None, "Night", "kWh", MetricKind.COUNTER, decimals=3),
            Metric(None, "Inside", "°C", MetricKind.GAUGE, decimals=2),
        ),
    )
    readings = []
    for i in range(40):
        values = [f"{1000 + i * 7.5:.1f}", f"{200 + i * 0.125:.3f}" if i % 3 else None, f"{-5 + i * 0.25:.2f}"]
        if i == 7:
            values = [None, None, "21.50"]
        readings.append(make_reading(source, T0 + timedelta(days=i, minutes=13 * i), *values))
    store(source, *readings)
    _round_trip(run, db, source, tmp_path, notes=False)


def test_round_trip_csv_notes_with_formulas(run, db, add_source, store, tmp_path):
    """Notes come back exactly: quotes, separators, Unicode and formula-like text (escaped on export)."""
    source = add_source("Water", metrics=(Metric(None, "Volume", "m³", MetricKind.COUNTER, decimals=3),))
    store(
        source,
        *(make_reading(source, T0 + timedelta(days=i), f"{i}.125", note=note) for i, note in enumerate(NOTES)),
    )
    _round_trip(run, db, source, tmp_path, notes=True)
