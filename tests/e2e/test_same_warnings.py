"""Same input, same warnings: the reading dialog, the meter round and ``homelog add`` check a reading
with the same rules in the same context (stored readings and meter changes), so they agree."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Reading, Source
from homelog_desktop.domain.issues import Issue
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from tests.conftest import T0, make_reading, make_source
from tests.processes import homelog

DAY = timedelta(days=1)
AT = T0 + 7 * DAY


@dataclass(frozen=True)
class Case:
    #: Day register values stored before, by days from T0.
    stored: tuple[tuple[int, str], ...]
    #: A replacement stored between T0 and AT: (old meter's final value, new meter's start value).
    replaced: tuple[str, str] | None
    #: The value typed for the Day register at AT.
    typed: str
    #: The warning codes all three must find.
    codes: tuple[str, ...]


CASES = {
    "lower-than-before": Case(((0, "48211.4"),), None, "48100.0", ("counter-down",)),
    "after-a-recorded-replacement": Case(((0, "48211.4"),), ("48300.0", "0.0"), "112.6", ()),
    "below-the-new-meters-start": Case(((0, "48211.4"),), ("48211.5", "200.0"), "112.6", ("counter-down",)),
    "jump": Case(((-21, "48000.0"), (-14, "48070.0"), (-7, "48140.0"), (0, "48210.0")), None, "49500.0", ("jump",)),
    "higher-than-next": Case(((0, "48211.4"), (10, "48300.0")), None, "48400.0", ("counter-above-next",)),
    "fine": Case(((0, "48211.4"),), None, "48290.0", ()),
}


def build(folder: Path, case: Case, run: Callable[..., Any]) -> None:
    """A data folder with a source “Electricity” holding the case's readings and replacement."""
    folder.mkdir(parents=True)

    async def fill() -> None:
        db = Database(sqlite_url(folder / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as session:
                source = await SourceRepository(session).add(make_source("Electricity"))
                for days, value in case.stored:
                    await ReadingRepository(session).add(source, make_reading(source, T0 + days * DAY, value))
                if case.replaced is not None:
                    old, new = (Decimal(v) for v in case.replaced)
                    day = source.metrics[0].id
                    at = T0 + 3 * DAY
                    event = MeterEvent(None, source.id, day, at, MeterEventKind.REPLACEMENT, old, new)
                    await MeterEventRepository(session).add(event)
        finally:
            await db.dispose()

    run(fill())


async def electricity(db: Database) -> Source:
    async with db.session(readonly=True) as session:
        return await SourceRepository(session).get_by_name("Electricity")


def with_database(folder: Path, run: Callable[..., Any], body: Callable[[Database], Any]) -> Any:
    db = Database(sqlite_url(folder / "homelog.db"))
    try:
        return run(body(db))
    finally:
        run(db.dispose())


def dialog_warnings(folder: Path, run: Callable[..., Any], typed: str) -> tuple[list[Issue], bool]:
    """What the reading dialog's view model reports on Save (nothing accepted), and whether it stored."""
    raised: list[list[Issue]] = []
    saved: list[Reading] = []

    async def body(db: Database) -> None:
        source = await electricity(db)
        vm = ReadingEditorViewModel(db, source)
        vm.warnings_raised.connect(raised.append)
        vm.saved.connect(saved.append)
        await vm.load()
        await vm.save(make_reading(source, AT, typed), frozenset())

    with_database(folder, run, body)
    return [i for w in raised for i in w], bool(saved)


def round_warnings(folder: Path, run: Callable[..., Any], typed: str) -> tuple[list[str], list[str], bool]:
    """What the meter round shows as typed, what its Save reports (nothing accepted), and whether it stored."""
    raised: list[list[Issue]] = []
    saved: list[list[Reading]] = []
    shown: list[Issue] = []

    async def body(db: Database) -> None:
        source = await electricity(db)
        vm = MeterRoundViewModel(db)
        vm.warnings_raised.connect(raised.append)
        vm.saved.connect(saved.append)
        await vm.load(AT)
        values = {source.metrics[0].id: Decimal(typed)}
        shown.extend(vm.check(source.id, values))
        await vm.save({source.id: values})

    with_database(folder, run, body)
    return [i.text for i in shown], [i.text for w in raised for i in w], bool(saved)


def cli_warnings(tmp_path: Path, folder: Path, typed: str) -> tuple[list[str], int]:
    """What ``homelog add`` prints as warnings, and its exit code."""
    done = homelog(
        tmp_path, "add", "electricity", f"Day={typed}", "--at", AT.isoformat(), "--data-dir", str(folder), TZ="UTC"
    )
    prefix = "homelog: warning: "
    lines = [line.removeprefix(prefix) for line in done.stderr.splitlines() if line.startswith(prefix)]
    assert "Traceback" not in done.stderr, done.stderr
    return lines, done.returncode


@pytest.mark.parametrize("name", list(CASES))
def test_same_input_same_warnings_in_dialog_round_and_cli(tmp_path: Path, run: Callable[..., Any], name: str) -> None:
    """The reading dialog, the meter round (as typed and on Save) and ``homelog add`` find the same warnings."""
    case = CASES[name]
    template = tmp_path / "template"
    build(template, case, run)
    folders = {path: tmp_path / path for path in ("dialog", "round", "cli")}
    for folder in folders.values():
        shutil.copytree(template, folder)

    found, dialog_stored = dialog_warnings(folders["dialog"], run, case.typed)
    shown, round_saved, round_stored = round_warnings(folders["round"], run, case.typed)
    cli, code = cli_warnings(tmp_path, folders["cli"], case.typed)

    dialog = [i.text for i in found]
    assert tuple(i.code for i in found) == case.codes
    assert dialog == shown == round_saved == cli
    expected_stored = not case.codes
    assert dialog_stored is round_stored is expected_stored
    assert code == (0 if expected_stored else 1)


def test_same_warnings_after_replacement_names_no_counter_going_down(tmp_path: Path, run: Callable[..., Any]) -> None:
    """After a recorded replacement the meter round no longer warns “lower than before” (it did)."""
    case = CASES["after-a-recorded-replacement"]
    build(tmp_path / "data", case, run)
    shown, on_save, stored = round_warnings(tmp_path / "data", run, case.typed)
    assert shown == on_save == [] and stored
