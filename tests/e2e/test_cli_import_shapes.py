"""``homelog import`` on the shapes real files come in (issue 12), one real process per shape family.

Exit code 0: every row and cell went in; 3: imported, with skipped rows or cells named by line.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.test_cli_import import ROOT, homelog, readings
from tests.processes import homelog as run_homelog
from tests.xls_writer import write_xls

SHAPES = ROOT / "tests" / "data" / "shapes"


def test_cli_import_shapes_exit_codes_are_in_the_help(tmp_path: Path) -> None:
    """--help documents 0 (all imported), 3 (imported with skips), 2 and 1, and the register column option."""
    done = run_homelog(tmp_path, "import", "--help")
    assert done.returncode == 0
    assert "0  imported: every row and every cell of the file went in" in done.stdout
    assert "3  imported, but something was skipped" in done.stdout
    assert "--register-column COLUMN" in done.stdout


def test_cli_import_shapes_noise_and_cells_without_a_value(tmp_path: Path) -> None:
    """sep=; , account lines, NaN / - / n/a / kwh cells, a total at line 368 and an advert: imported, exit 3,
    each skipped line and empty cell named."""
    done = homelog(tmp_path, str(SHAPES / "portal_noise.csv"), "--source", "Strom", "--create")
    assert done.returncode == 3, done.stderr
    out = done.stdout
    assert "Imported: 358 readings." in out
    assert "Skipped: 1 row with no value (line 16)." in out
    assert "line 368: not a reading: “Summe 1.893,46900 12,600”" in out
    assert "line 370: not a reading:" in out
    assert "line 12, column “Bezug T1 kWh”: “NaN” is no value: left empty" in out
    assert "line 15, column “Einspeisung kWh”: “kwh” is no value: left empty" in out
    assert "note: The file says its separator: “sep=;”" in done.stderr
    stored = readings(tmp_path / "data" / "homelog.db", "Strom")
    assert stored[:2] == [
        (datetime(2024, 1, 1, tzinfo=UTC), "Bezug T1", 0.05),
        (datetime(2024, 1, 1, tzinfo=UTC), "Einspeisung", 0.0),
    ]


def test_cli_import_shapes_long_file_registers(tmp_path: Path) -> None:
    """A long file: each register its metric (detected, or chosen with --register-column); with
    --register-column none the rows of one time collide, and each one skipped is named."""
    path = str(SHAPES / "fluvius_kwartier.csv")
    done = homelog(tmp_path, path, "--source", "Fluvius", "--create", "--timezone", "Europe/Brussels")
    assert done.returncode == 3, done.stderr  # one row has no volume (line 25)
    assert "Metrics created: Afname Dag (kWh), Afname Nacht (kWh), Injectie Dag (kWh), Injectie Nacht (kWh)." in (
        done.stdout
    )
    assert "Imported: 32 readings." in done.stdout and "(line 25)" in done.stdout
    stored = readings(tmp_path / "data" / "homelog.db", "Fluvius")
    assert len(stored) == 32 * 4 - 1
    # Read with the built-in Fluvius profile: each amount over [Van, Tot), stored at its end (22:15 local).
    assert "Read with the profile “fluvius”" in done.stderr
    assert stored[:2] == [
        (datetime(2024, 10, 26, 20, 15, tzinfo=UTC), "Afname Dag", 0.0),
        (datetime(2024, 10, 26, 20, 15, tzinfo=UTC), "Afname Nacht", 0.021),
    ]
    chosen = homelog(
        tmp_path, path, "--source", "Chosen", "--create", "--timezone", "Europe/Brussels", "--register-column", "8"
    )
    assert chosen.returncode == 3 and "Imported: 32 readings." in chosen.stdout, chosen.stderr
    wide = homelog(
        tmp_path, path, "--source", "Wide", "--create", "--timezone", "Europe/Brussels", "--register-column", "none"
    )
    assert wide.returncode == 3, wide.stderr
    assert "Metrics created: Volume." in wide.stdout
    assert "rows with the time of a stored or earlier reading (lines 3, 4, 5," in wide.stdout
    bad = homelog(tmp_path, path, "--source", "Bad", "--create", "--register-column", "Tarif")
    assert bad.returncode == 2 and "the file has no column “Tarif”" in bad.stderr


def test_cli_import_shapes_blocks_and_day_rows(tmp_path: Path) -> None:
    """A file of two blocks (exit 3: its totals and banner are named) and a file of day rows (exit 0)."""
    blocks = homelog(
        tmp_path, str(SHAPES / "blocks_stroom_gas.csv"), "--source", "Huis", "--create", "--date-format", "dmy"
    )
    assert blocks.returncode == 3, blocks.stderr
    assert "Metrics created: Dag (kWh), Nacht (kWh), Verbruik (m³)." in blocks.stdout
    assert "Imported: 5 readings." in blocks.stdout and "Skipped: 3 lines that are no reading:" in blocks.stdout
    assert len(readings(tmp_path / "data" / "homelog.db", "Huis")) == 15
    days = homelog(tmp_path, str(SHAPES / "hourly_water_per_day.csv"), "--source", "Water", "--create")
    assert days.returncode == 0, days.stderr
    assert "Imported: 48 readings." in days.stdout
    water = readings(tmp_path / "data" / "homelog.db", "Water")
    start = datetime(2024, 7, 14, tzinfo=UTC)
    assert [at for at, _name, _value in water][:3] in (
        [start + timedelta(hours=h) for h in range(3)],  # labelled by each period's start
        [start + timedelta(hours=h + 1) for h in range(3)],  # stored at each period's end (interval periods)
    )


def test_cli_import_shapes_time_zones_and_workbooks(tmp_path: Path) -> None:
    """A zone column makes times exact whatever --timezone says; an .xls workbook is read with calamine."""
    done = homelog(tmp_path, str(SHAPES / "zone_column.csv"), "--source", "Meter", "--create")
    assert done.returncode == 0, done.stderr
    stored = readings(tmp_path / "data" / "homelog.db", "Meter")
    assert [at for at, _n, _v in stored] == [
        datetime(2024, 10, 26, 23, 30, tzinfo=UTC) + timedelta(minutes=30 * i) for i in range(6)
    ]
    xls = write_xls(
        tmp_path / "log.xls",
        "Meter",
        [["Date", "Gas m³"], [("datetime", 45352 + 8 / 24), 4321.5], [("date", 45383), 4400.25]],
    )
    done = homelog(tmp_path, str(xls), "--source", "Gas", "--create")
    assert done.returncode == 0, done.stderr
    assert readings(tmp_path / "data" / "homelog.db", "Gas") == [
        (datetime(2024, 3, 1, 8, 0, tzinfo=UTC), "Gas", 4321.5),
        (datetime(2024, 4, 1, tzinfo=UTC), "Gas", 4400.25),
    ]
