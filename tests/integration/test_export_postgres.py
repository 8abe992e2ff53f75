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
    readings = json.loads(out.getvalue())["readings"]
    assert [(r["Day"], r["Night"]) for r in readings] == [
        (1234.5, 567.0),
        (None, 570.5),
        (1250.0, None),
        (1260.1, 580.9),
    ]


def test_postgres_export_cancel(run, db, add_source, store, tmp_path: Path) -> None:  # noqa: F811
    """A cancelled export from PostgreSQL leaves no file."""
    source = sqlite_tests._stored(add_source, store)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelledError):
        run(export_readings(db, source, tmp_path / "x.csv", cancel=cancel))
    assert list(tmp_path.iterdir()) == []
