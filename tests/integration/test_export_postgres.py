"""Export from a PostgreSQL database: the server path (streamed partitions) gives the same files."""

from __future__ import annotations

import io
import json
import threading
from datetime import UTC
from pathlib import Path

import pytest

from homelog_desktop.services.exporting import ExportCancelledError, ExportFormat, export_readings
from tests.integration import test_export as sqlite_tests
from tests.integration.test_postgres import db, pg_migrated_url  # noqa: F401  (PostgreSQL replaces SQLite here)

pytestmark = pytest.mark.postgres


def test_postgres_export_csv_same_as_sqlite(run, db, add_source, store, tmp_path: Path) -> None:  # noqa: F811
    """The CSV of a PostgreSQL source is byte for byte what the SQLite test expects."""
    sqlite_tests.test_export_csv_exact_contents(run, db, add_source, store, tmp_path)


def test_postgres_export_json(run, db, add_source, store) -> None:  # noqa: F811
    """JSON from PostgreSQL: the same readings, null for missing values."""
    source = sqlite_tests._stored(add_source, store)
    out = io.StringIO()
    result = run(export_readings(db, source, out, ExportFormat.JSON, tz=UTC))
    assert result.rows == 4
    readings = json.loads(out.getvalue())["sources"][0]["readings"]
    assert [(r["values"].get("Day"), r["values"].get("Night")) for r in readings] == [
        (1234.5, 567.0),
        (None, 570.5),
        (1250.0, None),
        (1260.1, 580.9),
    ]


def test_postgres_json_round_trip(run, db, tmp_path: Path) -> None:  # noqa: F811
    """A rich source on PostgreSQL: its JSON export imported into an empty SQLite file exports the same JSON
    again, and imported into PostgreSQL under another name (COPY with flags and authors) too."""
    from homelog_desktop.repositories import SourceRepository
    from homelog_desktop.services.exporting import export_sources
    from homelog_desktop.services.importing.homelog import read_document, run_homelog_import
    from tests.integration.test_roundtrip_sources import NAME, build_rich, fresh_database

    run(build_rich(db))

    async def rich_of(database):
        async with database.session(readonly=True) as session:
            return [s for s in await SourceRepository(session).all() if s.name.startswith("Él")]

    first = tmp_path / "pg.json"
    run(export_sources(db, run(rich_of(db)), first, tz=UTC))
    fresh = run(fresh_database(tmp_path / "fresh.db"))
    try:
        summary = run(run_homelog_import(fresh, read_document(first)))
        assert summary.complete, summary.as_text()
        again = tmp_path / "sqlite.json"
        run(export_sources(fresh, run(rich_of(fresh)), again, tz=UTC))
    finally:
        run(fresh.dispose())
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    renamed = tmp_path / "renamed.json"
    renamed.write_text(first.read_text(encoding="utf-8").replace(NAME, "Élan"), encoding="utf-8")
    summary = run(run_homelog_import(db, read_document(renamed)))
    assert summary.complete and summary.imported == 40, summary.as_text()
    copy = tmp_path / "copy.json"
    run(export_sources(db, [s for s in run(rich_of(db)) if s.name == "Élan"], copy, tz=UTC))
    assert copy.read_text(encoding="utf-8") == renamed.read_text(encoding="utf-8")


def test_postgres_export_cancel(run, db, add_source, store, tmp_path: Path) -> None:  # noqa: F811
    """A cancelled export from PostgreSQL leaves no file."""
    source = sqlite_tests._stored(add_source, store)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelledError):
        run(export_readings(db, source, tmp_path / "x.csv", cancel=cancel))
    assert list(tmp_path.iterdir()) == []
