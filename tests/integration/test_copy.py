"""Copying a household between a SQLite file and a real PostgreSQL server (the trust server of tests/postgres.py).

The copy keeps every row, id and link, moves the id sequences, refuses a target that holds data, is
all or nothing (a broken row, a lost connection, a checksum mismatch or a cancel leave the target
empty), and never changes its source.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from homelog_desktop.db import Database
from homelog_desktop.db import copying as sql
from homelog_desktop.db.backup_files import list_backups
from homelog_desktop.domain.entities import Reading
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.services.copying import (
    ChecksumMismatchError,
    CopyCancelledError,
    TargetNotEmptyError,
    back_up_server,
    copy_from_server,
    copy_to_server,
    server_backup_dir,
)
from homelog_desktop.services.importing import CancelToken
from tests.conftest import make_source
from tests.copy_support import build_household, drop_roles, dump, file_digest, pg_counts, sequences
from tests.postgres import admin_connection, create_database, drop_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def run() -> Callable[..., Any]:
    """Each coroutine on its own plain asyncio loop: the copy needs no Qt, and qasync's socket notifiers
    can crash the process when a server connection closes inside one of their callbacks (a lost
    connection, a database dropped), which these tests do on purpose."""
    import asyncio

    return asyncio.run


@pytest.fixture(scope="module")
def household(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_household(tmp_path_factory.mktemp("household") / "homelog.db")


@pytest.fixture
def local(household: Path, tmp_path: Path) -> Path:
    """A fresh copy of the household file for one test."""
    path = tmp_path / "homelog.db"
    path.write_bytes(household.read_bytes())
    return path


@pytest.fixture
def server(run: Callable[..., Any], pg_server: None) -> Iterator[str]:
    """An empty scratch database (not migrated: the copy migrates it); dropped with its roles afterwards."""
    url = run(create_database(migrated=False))
    yield url

    async def clean() -> None:
        await drop_database(url)
        admin = await admin_connection()
        try:
            await drop_roles(admin, make_url(url).database or "")
        finally:
            await admin.close()

    run(clean())


def empty(counts: dict[str, int]) -> bool:
    return not any(counts.values())


def test_copy_round_trip_keeps_every_row_id_and_link(run, local, server, tmp_path):
    """SQLite -> PostgreSQL -> SQLite gives the same rows in every table, and the same id sequences."""
    before = dump(local)
    assert all(before[t] for t in ("members", "member_passwords", "sources", "readings", "meter_events", "tariffs"))
    there = run(copy_to_server(local, server))
    assert there.counts == {t: len(rows) for t, rows in before.items()}
    back = tmp_path / "back" / "homelog.db"
    again = run(copy_from_server(server, back))
    assert again.counts == there.counts
    assert dump(back) == before
    # The highest reading id ever given (above the highest stored: one was deleted) travels both ways.
    assert sequences(back)["readings"] == sequences(local)["readings"] > max(r[0] for r in before["readings"])


def test_copy_moves_the_sequences_past_the_copied_ids(run, local, server):
    """New sources and readings on the server get new ids after every copied one (and after deleted ones)."""
    highest = sequences(local)
    run(copy_to_server(local, server))

    async def add() -> tuple[int, int]:
        db = Database(server)
        try:
            async with db.session() as session:
                source = await SourceRepository(session).add(make_source("After the move"))
                assert source.id is not None
                when = datetime(2026, 1, 1, tzinfo=UTC)
                reading = Reading(None, source.id, when, {source.metrics[0].id: Decimal(5)})
                stored = await ReadingRepository(session).add(source, reading)
                assert stored.id is not None
                return source.id, stored.id
        finally:
            await db.dispose()

    source_id, reading_id = run(add())
    assert source_id == highest["sources"] + 1
    assert reading_id == highest["readings"] + 1


def test_copy_leaves_the_local_file_untouched(run, local, server):
    """The file's bytes are the same after the copy, with no journal left beside it."""
    before = file_digest(local)
    run(copy_to_server(local, server))
    assert file_digest(local) == before


def test_copy_refuses_a_target_that_holds_data(run, local, server):
    """A second copy into the same database is refused, naming what it holds; nothing changes."""
    run(copy_to_server(local, server))
    counts = run(pg_counts(server))
    with pytest.raises(TargetNotEmptyError, match=r"already holds data .*readings.*Nothing was copied"):
        run(copy_to_server(local, server))
    assert run(pg_counts(server)) == counts


def test_copy_from_server_refuses_a_file_that_holds_data(run, local, server):
    """The way back never writes into a file with a household in it."""
    run(copy_to_server(local, server))
    before = file_digest(local)
    with pytest.raises(TargetNotEmptyError, match="already holds data"):
        run(copy_from_server(server, local))
    assert file_digest(local) == before


def test_copy_a_broken_row_rolls_everything_back(run, local, server):
    """A value whose reading does not exist fails on the server mid-copy: the server keeps nothing."""
    import sqlite3

    conn = sqlite3.connect(local)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES (999999, 1, 5, 1.5)")
    conn.close()
    with pytest.raises(Exception, match="foreign key"):
        run(copy_to_server(local, server))
    assert empty(run(pg_counts(server)))


def test_copy_a_lost_connection_rolls_everything_back(run, local, server):
    """The server connection is killed half-way: an error, and the server database holds nothing."""
    database = make_url(server).database
    killed = []

    def progress(done: int, total: int, _table: str) -> None:
        if not killed and done > total // 2:
            killed.append(
                subprocess.run(
                    [
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        "postgres",
                        "-d",
                        "postgres",
                        "-Atc",
                        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
                        " AND pid <> pg_backend_pid()",
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )

    with pytest.raises(Exception) as raised:
        run(copy_to_server(local, server, progress=progress))
    assert killed and "t" in killed[0]
    from homelog_desktop.problems import Kind, explain

    problem = explain(raised.value, server)
    assert problem is not None and problem.kind is Kind.CONNECTION_LOST
    assert empty(run(pg_counts(server)))


def test_copy_a_checksum_mismatch_rolls_everything_back(run, local, server, monkeypatch):
    """A table that does not match its source is an error naming it; the server keeps nothing."""
    real = sql.pg_checksum

    async def wrong(driver: Any, spec: sql.TableSpec) -> tuple[int, int]:
        count, total = await real(driver, spec)
        return (count, total + 1) if spec.name == "tariffs" else (count, total)

    monkeypatch.setattr(sql, "pg_checksum", wrong)
    with pytest.raises(ChecksumMismatchError, match=r"table tariffs does not match .*undone"):
        run(copy_to_server(local, server))
    assert empty(run(pg_counts(server)))


def test_copy_cancel_rolls_everything_back(run, local, server):
    """Cancel during the copy: CopyCancelledError, and the server database holds nothing."""
    token = CancelToken()
    with pytest.raises(CopyCancelledError):
        run(copy_to_server(local, server, progress=lambda *_a: token.cancel(), cancel=token))
    assert empty(run(pg_counts(server)))


def test_copy_from_server_failure_removes_the_new_file(run, local, server, tmp_path, monkeypatch):
    """The way back: a mismatch leaves no file behind where there was none."""
    run(copy_to_server(local, server))
    real = sql.SqliteSide.checksum

    def wrong(self: sql.SqliteSide, spec: sql.TableSpec) -> tuple[int, int]:
        count, total = real(self, spec)
        return count, total + (spec.name == "readings")

    monkeypatch.setattr(sql.SqliteSide, "checksum", wrong)
    target = tmp_path / "new" / "homelog.db"
    with pytest.raises(ChecksumMismatchError, match="readings"):
        run(copy_from_server(server, target))
    assert not target.exists() and not list(target.parent.glob("homelog.db*"))


def test_copy_refuses_a_weak_member_password(run, local, server):
    """A member's server password follows the password rules; nothing is copied otherwise."""
    from homelog_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="too short"):
        run(copy_to_server(local, server, passwords={1: "short"}))
    assert empty(run(pg_counts(server)))


def test_back_up_server_writes_a_checked_local_copy(run, local, server, tmp_path):
    """homelog backup on a server: a SQLite file in its own backups folder, equal to the household."""
    run(copy_to_server(local, server))
    made, result = run(back_up_server(server, tmp_path / "backups"))
    folder = server_backup_dir(tmp_path / "backups", server)
    assert made.path.parent == folder and [b.path for b in list_backups(folder)] == [made.path]
    assert dump(made.path) == dump(local)
    assert result.counts["readings"] == len(dump(local)["readings"])
    assert not [p for p in folder.iterdir() if p != made.path]  # no partial file left


def test_back_up_server_rotates(run, local, server, tmp_path):
    """Server backups rotate like local ones: the newest ten (and one per month) are kept."""
    run(copy_to_server(local, server))
    for day in range(1, 13):
        run(back_up_server(server, tmp_path / "backups", now=datetime(2026, 11, day, 12, tzinfo=UTC)))
    kept = list_backups(server_backup_dir(tmp_path / "backups", server))
    assert len(kept) == 10 and kept[0].created == datetime(2026, 11, 12, 12, tzinfo=UTC)


def test_copy_progress_counts_every_row(run, local, server):
    """Progress reaches the total number of rows, table by table, never going back."""
    seen: list[tuple[int, int, str]] = []
    result = run(copy_to_server(local, server, progress=lambda d, t, n: seen.append((d, t, n))))
    assert seen[-1][0] == seen[-1][1] == result.rows
    assert [d for d, _t, _n in seen] == sorted(d for d, _t, _n in seen)


def test_back_up_now_on_a_server_writes_a_local_copy(run, local, server, tmp_path, qapp):
    """File → Back Up Now on a server: the backups view model writes a checked local copy, with progress."""
    from homelog_desktop.viewmodels.backups import BackupsViewModel

    run(copy_to_server(local, server))
    vm = BackupsViewModel(None, tmp_path / "backups", server_url=server)
    made_signals: list[Any] = []
    steps: list[tuple[str, int, int]] = []
    errors: list[str] = []
    vm.backed_up.connect(made_signals.append)
    vm.progress_changed.connect(lambda step, done, total: steps.append((step, done, total)))
    vm.error_occurred.connect(errors.append)
    made = run(vm.back_up_now())
    assert not errors and made is not None and made_signals == [made]
    assert dump(made.path) == dump(local) and steps and steps[-1][1] == steps[-1][2]
    broken = BackupsViewModel(None, tmp_path / "backups", server_url="postgresql+asyncpg://x@127.0.0.1:9/none")
    broken.error_occurred.connect(errors.append)
    assert run(broken.back_up_now()) is None
    assert len(errors) == 1 and "No database server answers" in errors[0]
