"""``homelog import --create`` and ``--skip-invalid`` on standard formats, as for tables (real processes)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli_import import ROOT, dump, homelog
from tests.e2e.test_cli_import_standard import values

FORMATS = ROOT / "tests" / "data" / "formats"
PROFILES = ROOT / "tests" / "data" / "profiles"


def test_standard_file_into_an_unknown_source_needs_create(tmp_path: Path) -> None:
    """A standard file into a --source that does not exist: a one-line error without --create, nothing stored."""
    sample = str(FORMATS / "dsmr_reader_hours.csv")
    first = homelog(tmp_path, sample, "--source", "Known", "--create")
    assert first.returncode == 0, first.stdout + first.stderr
    db = tmp_path / "data" / "homelog.db"
    before = dump(db)
    refused = homelog(tmp_path, sample, "--source", "House")
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr == "homelog: error: there is no source named “House” (add --create to create it)\n"
    assert dump(db) == before
    known = homelog(tmp_path, sample, "--source", "Known")  # a source that exists needs no --create
    assert known.returncode == 3, known.stdout + known.stderr  # every hour is already stored
    assert "Imported: 0 readings." in known.stdout
    created = homelog(tmp_path, sample, "--source", "House", "--create")
    assert created.returncode == 0, created.stdout + created.stderr
    assert "The source was created by this import." in created.stdout
    assert values(db, "House") == values(db, "Known")


def test_standard_file_without_source_or_database_creates_them(tmp_path: Path) -> None:
    """Without --source each meter of the file becomes a source, created as needed (no option needed)."""
    done = homelog(tmp_path, str(FORMATS / "dsmr_reader_hours.csv"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The source was created by this import." in done.stdout
    with_create = homelog(tmp_path / "other", str(FORMATS / "dsmr_reader_hours.csv"), "--create")
    assert with_create.returncode == 0, with_create.stdout + with_create.stderr


def test_standard_file_invalid_cell_stops_the_import_unless_skip_invalid(tmp_path: Path) -> None:
    """An unreadable value of a Home Assistant export stops the import (exit 2, nothing stored); --skip-invalid
    skips it and names it (exit 3); a cell with no value ("unavailable", line 4) is no invalid cell."""
    sample = str(FORMATS / "home_assistant_statistics.csv")
    stopped = homelog(tmp_path, sample, "--source", "HA", "--create")
    assert stopped.returncode == 2, stopped.stdout + stopped.stderr
    assert stopped.stderr == (
        "homelog: error: line 5, column “state”: “18212.3x” is not a number; nothing was imported\n"
    )
    db = tmp_path / "data" / "homelog.db"
    assert values(db, "HA") == []
    skipped = homelog(tmp_path, sample, "--source", "HA", "--create", "--skip-invalid")
    assert skipped.returncode == 3, skipped.stdout + skipped.stderr
    assert "line 5, state: “18212.3x” is not a number" in skipped.stdout
    grid = [(row[3].isoformat(), row[4]) for row in values(db, "HA") if row[0] == "sensor.grid_import_energy"]
    assert grid == [("2024-01-15T10:00:00+00:00", 18210.412), ("2024-01-15T11:00:00+00:00", 18211.05)]


def test_standard_value_too_large_to_store_is_invalid_too(tmp_path: Path) -> None:
    """A value the file reads but Home Log cannot store (10⁴⁰) stops the import inside its transaction (the
    source it would create is not created); --skip-invalid skips that hour and stores the others."""
    sample = tmp_path / "dsmr.csv"
    sample.write_text(
        "id;hour_start;electricity1;electricity2;electricity1_returned;electricity2_returned;gas\n"
        "101;2024-03-31 00:00:00+01:00;0.212;0.000;0.000;0.000;0.081\n"
        "102;2024-03-31 01:00:00+01:00;1e40;0.000;0.000;0.000;0.077\n"
        "103;2024-03-31 03:00:00+02:00;0.190;0.000;0.000;0.000;0.079\n",
        encoding="utf-8",
    )
    stopped = homelog(tmp_path, str(sample), "--source", "DSMR", "--create")
    assert stopped.returncode == 2, stopped.stdout + stopped.stderr
    assert stopped.stderr.startswith("homelog: error: line 3, column “Electricity tariff 1”: 1e+40 is too large")
    assert stopped.stderr.endswith("; nothing was imported\n")
    db = tmp_path / "data" / "homelog.db"
    assert dump(db) == []
    skipped = homelog(tmp_path, str(sample), "--source", "DSMR", "--create", "--skip-invalid")
    assert skipped.returncode == 3, skipped.stdout + skipped.stderr
    stored = [(row[0], row[3].isoformat(), row[4]) for row in values(db, "DSMR") if row[0] == "Electricity tariff 1"]
    assert stored == [
        ("Electricity tariff 1", "2024-03-31T00:00:00+00:00", 0.212),
        ("Electricity tariff 1", "2024-03-31T02:00:00+00:00", 0.19),
    ]


def test_supplier_profile_honours_create_and_skip_invalid(tmp_path: Path) -> None:
    """A profile (Liander) into an unknown source needs --create; an unreadable reading stops the import unless
    --skip-invalid; the Liander metrics match a source made from Eneco's export by name (no new metric)."""
    sample = tmp_path / "meetdata.csv"
    # The Liander sample in April (after the Eneco sample's days), its second day's first reading unreadable.
    lines = (PROFILES / "liander_meetdata.csv").read_text(encoding="utf-8").replace("-03-2024", "-04-2024").splitlines()
    lines[2] = lines[2].replace("4221.7", "4221.7x")
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    zone = ("--timezone", "Europe/Amsterdam")
    eneco = homelog(tmp_path, str(PROFILES / "eneco_meterstanden.csv"), "--source", "Home", "--create", *zone)
    assert eneco.returncode == 0, eneco.stdout + eneco.stderr
    db = tmp_path / "data" / "homelog.db"
    before = dump(db)
    unknown = homelog(tmp_path, str(sample), "--source", "Elsewhere", *zone)
    assert unknown.returncode == 2
    assert unknown.stderr.endswith("there is no source named “Elsewhere” (add --create to create it)\n")
    stopped = homelog(tmp_path, str(sample), "--source", "Home", *zone)
    assert stopped.returncode == 2, stopped.stdout + stopped.stderr
    assert stopped.stderr.endswith(
        "error: line 3, column “E0053001234567890 reading1”: “4221.7x” is not a number; nothing was imported\n"
    )
    assert dump(db) == before
    skipped = homelog(tmp_path, str(sample), "--source", "Home", "--skip-invalid", *zone)
    assert skipped.returncode == 3, skipped.stdout + skipped.stderr
    assert "Metrics created" not in skipped.stdout
    assert "line 3, column “E0053001234567890 reading1”: “4221.7x” is not a number" in skipped.stdout
    # April: UTC+2. The invalid row's electricity is skipped; the gas meter's row of that day is not.
    stored = {(row[0], row[3].isoformat()): row[4] for row in values(db, "Home")}
    assert stored[("Levering laag (El 1)", "2024-04-02T22:00:00+00:00")] == 4233.1
    assert stored[("Gas", "2024-04-01T22:00:00+00:00")] == 2879.1
    assert ("Levering laag (El 1)", "2024-04-01T22:00:00+00:00") not in stored


def test_skip_invalid_is_refused_for_a_home_log_export(tmp_path: Path) -> None:
    """A Home Log JSON export is imported whole or not at all: --skip-invalid is refused in one line."""
    from tests.processes import homelog as run_homelog

    data = tmp_path / "data"
    assert homelog(tmp_path, str(FORMATS / "dsmr_reader_hours.csv"), "--source", "DSMR", "--create").returncode == 0
    export = tmp_path / "household.json"
    exported = run_homelog(tmp_path, "export", "--all", "-o", str(export), "--data-dir", str(data), TZ="UTC")
    assert exported.returncode == 0, exported.stderr
    refused = homelog(tmp_path / "other", str(export), "--create", "--skip-invalid")
    assert refused.returncode == 2
    assert refused.stderr == (
        "homelog: error: --skip-invalid does not apply to a Home Log export: it is imported whole or not at all\n"
    )
    assert not (tmp_path / "other" / "data").exists()
    imported = homelog(tmp_path / "other", str(export), "--create")
    assert imported.returncode == 0, imported.stdout + imported.stderr
