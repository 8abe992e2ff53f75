"""``homelog add`` as a user runs it: a real process on a real data folder, exit codes checked."""

from __future__ import annotations

import asyncio
import subprocess
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Reading
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, SourceRepository
from tests.conftest import T0, make_reading, make_source
from tests.locks import WriteLockHolder
from tests.processes import homelog, homelog_command, homelog_env

AT = (T0 + timedelta(days=7)).isoformat()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with “Electricity” (Day and Night registers) read once at T0."""
    data = tmp_path / "data"
    data.mkdir()

    async def build() -> None:
        db = Database(sqlite_url(data / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as session:
                source = await SourceRepository(session).add(make_source("Electricity"))
                await ReadingRepository(session).add(source, make_reading(source, T0, "1000.0", "500.0"))
        finally:
            await db.dispose()

    asyncio.run(build())
    return data


def stored(data_dir: Path) -> list[Reading]:
    async def read() -> list[Reading]:
        db = Database(sqlite_url(data_dir / "homelog.db"))
        try:
            async with db.session(readonly=True) as session:
                source = await SourceRepository(session).get_by_name("Electricity")
                return [line.reading for line in await ReadingRepository(session).page(source, 0, 100)]
        finally:
            await db.dispose()

    return asyncio.run(read())


def add(tmp_path: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return homelog(tmp_path, "add", *args, "--data-dir", str(data_dir), TZ="UTC")


def test_cli_add_stores_a_reading_and_says_what(tmp_path: Path, data_dir: Path) -> None:
    """A plausible reading is stored (values by metric name, any case) and described on stdout, exit 0."""
    done = add(tmp_path, data_dir, "electricity", "day=1070.5", "Night=530", "--at", AT, "--note", "by hand")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (
        done.stdout.strip()
        == "Added a reading of “Electricity” at 2025-01-13 08:00+00:00: Day 1070.5 kWh, Night 530 kWh"
    )
    newest = stored(data_dir)[-1]
    assert sorted(newest.values.values()) == [Decimal("530"), Decimal("1070.5")]
    assert newest.note == "by hand"


def test_cli_add_warning_stores_nothing_unless_accepted(tmp_path: Path, data_dir: Path) -> None:
    """A counter lower than before prints the warning and stores nothing (exit 1); --accept-warnings stores it."""
    done = add(tmp_path, data_dir, "Electricity", "Day=900", "--at", AT)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == (
        "homelog: warning: Day (kWh): 900 is lower than the previous reading (1000.0); was the meter replaced?"
    )
    assert "--accept-warnings" in lines[1]
    assert len(stored(data_dir)) == 1

    done = add(tmp_path, data_dir, "Electricity", "Day=900", "--at", AT, "--accept-warnings")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("homelog: warning: Day (kWh): 900 is lower")
    assert len(stored(data_dir)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Gas", "Day=1"), "There is no source named “Gas”."),
        (("Electricity", "Peak=1"), "“Electricity” has no metric called “Peak” (its metrics: Day, Night)"),
        (("Electricity", "Day=12x"), "Day (kWh): “12x” is not a number"),
        (("Electricity", "Day=1.25"), "Day (kWh): 1.25 has too many decimals (at most 1 decimal for this metric)"),
        (("Electricity", "Day=1", "Day=2"), "Day (kWh) is given twice"),
        (("Electricity", "Day"), "“Day” is not METRIC=VALUE (for example Day=1234.5)"),
        (("Electricity", "Day=1", "--at", "yesterday"), "“yesterday” is not a date and time such as"),
    ],
)
def test_cli_add_bad_input_is_one_line_and_exit_2(tmp_path: Path, data_dir: Path, args: tuple[str, ...], message: str):
    """Bad input is refused with one line naming what is wrong, exit 2, nothing stored."""
    done = add(tmp_path, data_dir, *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(stored(data_dir)) == 1


def test_cli_add_waits_while_another_program_writes(tmp_path: Path, data_dir: Path) -> None:
    """With another program holding the write lock, ``homelog add`` says it waits, then stores once it is released."""
    holder = WriteLockHolder(data_dir / "homelog.db")
    try:
        process = subprocess.Popen(
            homelog_command("add", "Electricity", "Day=1070.5", "--at", AT, "--data-dir", str(data_dir)),
            env=homelog_env(tmp_path, TZ="UTC"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert process.stderr is not None
        assert process.stderr.readline().startswith("homelog: waiting for another program to finish writing")
        holder.release()
        out, err = process.communicate(timeout=120)
    finally:
        holder.kill()
    assert process.returncode == 0, err
    assert out.startswith("Added a reading of “Electricity”")
    assert len(stored(data_dir)) == 2


def test_cli_add_an_amount_with_its_period(tmp_path: Path) -> None:
    """``homelog add --from``: an interval metric's amount over its own period; a start after the
    reading's time stops with exit code 2 and stores nothing."""
    data = tmp_path / "data"
    csv = tmp_path / "bill.csv"
    csv.write_text("From,To,Billed (kWh)\n2024-01-01T00:00+00:00,2025-01-01T00:00+00:00,3000\n", encoding="utf-8")
    done = homelog(
        tmp_path,
        *("import", str(csv), "--source", "Bills", "--create", "--period-start-column", "From"),
        *("--period-end-column", "To", "--data-dir", str(data)),
    )
    assert done.returncode == 0, done.stderr
    added = homelog(
        tmp_path,
        *("add", "Bills", "Billed=3650", "--from", "2025-01-01T00:00+00:00", "--at", "2026-01-01T00:00+00:00"),
        *("--data-dir", str(data)),
    )
    assert added.returncode == 0, added.stderr
    bad = homelog(
        tmp_path,
        *("add", "Bills", "Billed=1", "--from", "2026-02-01T00:00+00:00", "--at", "2026-01-15T00:00+00:00"),
        *("--data-dir", str(data)),
    )
    assert bad.returncode == 2 and "the period must start before the reading's time" in bad.stderr
    report = homelog(tmp_path, "report", "--source", "Bills", "--period", "year", "--data-dir", str(data), TZ="UTC")
    assert report.returncode == 0, report.stderr
    assert report.stdout.splitlines()[1:] == [
        "2024-01-01,2025-01-01,3000,366,8.20,",
        "2025-01-01,2026-01-01,3650,365,10.00,",
    ]


def stored_events(data_dir: Path) -> list[MeterEvent]:
    async def read() -> list[MeterEvent]:
        db = Database(sqlite_url(data_dir / "homelog.db"))
        try:
            async with db.session(readonly=True) as session:
                source = await SourceRepository(session).get_by_name("Electricity")
                assert source.id is not None
                return await MeterEventRepository(session).for_source(source.id)
        finally:
            await db.dispose()

    return asyncio.run(read())


def test_cli_add_records_a_meter_replacement_with_the_reading(tmp_path: Path, data_dir: Path) -> None:
    """``--replaced Day=OLD:NEW``: a value below the previous one is no warning when the meter was
    exchanged; the change is stored with the reading, a minute before it, as the window proposes."""
    done = add(tmp_path, data_dir, "Electricity", "Day=12.4", "Night=520", "--at", AT, "--replaced", "Day=1070:0")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[-1] == "Recorded with it: meter replaced of Day, 2025-01-13 07:59"
    newest = stored(data_dir)[-1]
    (event,) = stored_events(data_dir)
    assert event.kind is MeterEventKind.REPLACEMENT
    assert (event.old_value, event.new_value) == (Decimal("1070"), Decimal("0"))
    assert event.at == T0 + timedelta(days=7, minutes=-1)
    assert event.reading_id == newest.id


def test_cli_add_meter_reset_at_a_given_time(tmp_path: Path, data_dir: Path) -> None:
    """``--reset Night=OLD`` with ``--changed-at``: the register was set back to zero at that time."""
    changed = (T0 + timedelta(days=3)).isoformat()
    done = add(
        tmp_path, data_dir, "Electricity", "Night=4", "--at", AT, "--reset", "Night=510", "--changed-at", changed
    )
    assert done.returncode == 0, done.stderr
    (event,) = stored_events(data_dir)
    assert event.kind is MeterEventKind.RESET and event.old_value == Decimal("510") and event.new_value is None
    assert event.at == T0 + timedelta(days=3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Day=12", "--replaced", "Day=1070"), "give the new meter's first value too"),
        (("Day=12", "--replaced", "Day=abc:0"), "is not METRIC=OLD:NEW"),
        (("Day=12", "--rollover", "Day"), "set the number of digits of Day"),
        (("Day=12", "--replaced", "Day=1070:0", "--reset", "Day=1070"), "only one meter change per metric"),
        (("Day=12", "--replaced", "Water=1:0"), "has no metric called “Water”"),
    ],
)
def test_cli_add_bad_meter_change_is_one_line_and_stores_nothing(
    tmp_path: Path, data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    done = add(tmp_path, data_dir, "Electricity", *args, "--at", AT)
    assert done.returncode == 2, done.stdout
    assert message in done.stderr.strip().splitlines()[-1] and "Traceback" not in done.stderr, done.stderr
    assert len(stored(data_dir)) == 1 and stored_events(data_dir) == []
