"""``homelog export`` then ``homelog import`` as a user runs them (real processes, real data folders): a
rich source comes back identical, compared field by field."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

from homelog_desktop.db import Database
from homelog_desktop.repositories import SourceRepository
from tests.integration.test_roundtrip_sources import NAME, build_rich, fresh_database, rich_definition
from tests.processes import homelog
from tests.roundtrip_support import differences, snapshot


def _homelog(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return homelog(tmp_path, *args, TZ="Europe/Berlin")


def _folder(tmp_path: Path, name: str, *, rich: bool = False, members: tuple[str, ...] = ()) -> Path:
    """A data folder with a migrated database: the rich sources, or just these members."""
    folder = tmp_path / name
    folder.mkdir()

    async def build() -> None:
        db: Database = await fresh_database(folder / "homelog.db", members=members)
        try:
            if rich:
                await build_rich(db)
        finally:
            await db.dispose()

    asyncio.run(build())
    return folder


def test_cli_json_round_trip_is_identical(tmp_path: Path) -> None:
    """--all to JSON, imported into an empty household with the same members: every source the same; imported
    again: nothing added, exit 3 and the summary says what was there."""
    original = _folder(tmp_path, "original", rich=True)
    export = tmp_path / "household.json"
    done = _homelog(tmp_path, "export", "--all", "-o", str(export), "--data-dir", str(original))
    assert done.returncode == 0, done.stderr
    assert "Exported 45 readings of 2 sources" in done.stderr
    copy = _folder(tmp_path, "copy", members=("Ann", "Bjørn Ødegård"))
    done = _homelog(tmp_path, "import", str(export), "--data-dir", str(copy))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "a Home Log export of 2 sources" in done.stdout and "Meter changes: 2 added." in done.stdout
    for name in (NAME, "Wasser"):
        assert differences(snapshot(original / "homelog.db", name), snapshot(copy / "homelog.db", name)) == []
    again = _homelog(tmp_path, "import", str(export), "--data-dir", str(copy), "--source", "wasser")
    assert again.returncode == 3, again.stdout + again.stderr
    assert "“Wasser”: already here" in again.stdout and "5 skipped" in again.stdout
    assert NAME not in again.stdout


def test_cli_json_into_a_new_database_names_missing_members(tmp_path: Path) -> None:
    original = _folder(tmp_path, "original", rich=True)
    export = tmp_path / "one.json"
    done = _homelog(tmp_path, "export", "--source", NAME, "-o", str(export), "--data-dir", str(original))
    assert done.returncode == 0, done.stderr
    fresh = tmp_path / "fresh"
    done = _homelog(tmp_path, "import", str(export), "--data-dir", str(fresh), "--create")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Not members here: “Ann”, “Bjørn Ødegård”" in done.stdout
    copied = snapshot(fresh / "homelog.db", NAME)
    assert {r[4] for r in copied["readings"]} == {None}
    assert len(copied["readings"]) == 40


def test_cli_csv_round_trip_keeps_periods_flags_and_authors(tmp_path: Path) -> None:
    """The CSV of a source imported into a source of the same definition, no options: the readings are the same."""
    original = _folder(tmp_path, "original", rich=True)
    export = tmp_path / "one.csv"
    done = _homelog(tmp_path, "export", "--source", NAME, "-o", str(export), "--data-dir", str(original))
    assert done.returncode == 0, done.stderr
    copy = _folder(tmp_path, "copy", members=("Ann", "Bjørn Ødegård"))

    async def define() -> None:
        db = await fresh_database(copy / "homelog.db", members=())
        try:
            async with db.session() as session:
                await SourceRepository(session).add(rich_definition(None))
        finally:
            await db.dispose()

    asyncio.run(define())
    done = _homelog(tmp_path, "import", str(export), "--source", NAME, "--data-dir", str(copy))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Columns not imported" not in done.stdout
    original_readings = snapshot(original / "homelog.db", NAME, with_definition=False)
    assert differences(original_readings, snapshot(copy / "homelog.db", NAME, with_definition=False)) == []


def test_cli_export_of_several_sources_to_csv_is_refused(tmp_path: Path) -> None:
    original = _folder(tmp_path, "original", rich=True)
    done = _homelog(tmp_path, "export", "--source", NAME, "--source", "Wasser", "--format", "csv",
                    "--data-dir", str(original))  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "a CSV file holds one source" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_import_of_a_table_without_source_says_what_is_missing(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("date,value\n2024-01-01,1\n", encoding="utf-8")
    done = _homelog(tmp_path, "import", str(table), "--data-dir", str(tmp_path / "d"))
    assert done.returncode == 2
    assert "--source NAME is needed" in done.stderr
