"""Home Log as a user starts it: real processes, real data folders, exit codes checked."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.revisions import HEAD_REVISION
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.conftest import T0, make_reading, make_source
from tests.processes import homelog, homelog_env

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """As the app starts, printing its start-up milestones (the probe) and quitting at the first data."""
    return homelog_env(tmp_path, **{"HOMELOG_STARTUP_PROBE": "1", **extra})


def _start(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return homelog(tmp_path, *args, **{"HOMELOG_STARTUP_PROBE": "1", **env})


def _shown(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("shown "))


def test_process_first_start_creates_migrates_and_restart_finds_the_data(tmp_path):
    """A first start creates the data folder and database; data stored there is shown on the next start."""
    data = tmp_path / "data"
    first = _start(tmp_path, "--data-dir", str(data))
    assert first.returncode == 0, first.stderr
    assert _shown(first.stdout) == "shown sources=0 readings=0"
    db_file = data / "homelog.db"
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    conn.close()
    assert (data / "logs" / "homelog.log").exists()
    assert not (data / "homelog.db.lock").exists()  # released at exit

    async def add() -> None:
        db = Database(sqlite_url(db_file))
        async with db.session() as s:
            source = await SourceRepository(s).add(make_source("House meter"))
            for day, (a, b) in enumerate([("100.0", "50.0"), ("110.5", "55.0")]):
                await ReadingRepository(s).add(source, make_reading(source, T0.replace(day=1 + day), a, b))
        await db.dispose()

    asyncio.run(add())
    second = _start(tmp_path, "--data-dir", str(data))
    assert second.returncode == 0, second.stderr
    assert _shown(second.stdout) == "shown sources=1 readings=2"


def test_process_data_dir_comes_from_the_environment(tmp_path):
    """HOMELOG_DATA_DIR chooses the data folder when --data-dir is not given."""
    data = tmp_path / "from-env"
    done = _start(tmp_path, HOMELOG_DATA_DIR=str(data))
    assert done.returncode == 0, done.stderr
    assert (data / "homelog.db").exists()


def test_process_refuses_a_file_from_a_newer_version_untouched(tmp_path):
    """A database of an unknown (newer) schema is refused with a clear message, exit 1, file unchanged."""
    data = tmp_path / "data"
    data.mkdir()
    db_file = data / "homelog.db"
    conn = sqlite3.connect(db_file)
    with conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999')")
        conn.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY)")
    conn.close()
    before = db_file.read_bytes()
    done = _start(tmp_path, "--data-dir", str(data))
    assert done.returncode == 1
    refused = next(line for line in done.stdout.splitlines() if line.startswith("refused "))
    assert "newer version of Home Log" in refused
    assert db_file.read_bytes() == before
    assert not (data / "backups").exists()


def test_process_second_instance_on_the_same_file_is_refused(tmp_path):
    """While one process holds the data file, a second start says so and exits 1."""
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from PySide6.QtCore import QLockFile;"
            f"lock = QLockFile({str(data / 'homelog.db.lock')!r}); assert lock.tryLock(0);"
            "print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        done = _start(tmp_path, "--data-dir", str(data))
    finally:
        holder.communicate("", timeout=30)
    assert done.returncode == 1
    refused = next(line for line in done.stdout.splitlines() if line.startswith("refused "))
    assert "already running" in refused


def test_process_self_test_passes(tmp_path):
    """`homelog --self-test` writes and reads a reading through the app's layers and exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "homelog_desktop", "--self-test", "--data-dir", str(tmp_path)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "self-test passed" in done.stdout
    assert "the main window shows the source and its reading" in done.stdout
    assert list(tmp_path.glob("homelog-selftest-*")) == []  # the temporary database is removed


def test_process_self_test_fails_clearly_where_it_cannot_write(tmp_path):
    """A self-test that cannot create its folder (the path is a file) exits non-zero and says why."""
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where a folder should be")
    done = subprocess.run(
        [sys.executable, "-m", "homelog_desktop", "--self-test", "--data-dir", str(not_a_folder)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Self-test FAILED" in done.stderr
    assert str(not_a_folder) in done.stderr


def test_process_version_and_help(tmp_path):
    """--version prints the version; --help documents --data-dir, --db and --self-test."""
    from homelog_desktop import __version__

    version = _start(tmp_path, "--version")
    assert version.returncode == 0 and __version__ in version.stdout
    helptext = _start(tmp_path, "--help")
    assert helptext.returncode == 0
    for flag in ("--data-dir", "--db", "--self-test"):
        assert flag in helptext.stdout


def test_process_db_url_opens_a_sqlite_file_anywhere(tmp_path):
    """--db with a SQLite URL creates, migrates and opens that file (and no default data folder)."""
    target = tmp_path / "elsewhere" / "house.db"
    done = _start(tmp_path, "--db", f"sqlite+aiosqlite:///{target}", HOME=str(tmp_path / "home"))
    assert done.returncode == 0, done.stderr
    assert _shown(done.stdout) == "shown sources=0 readings=0"
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    conn.close()


def test_process_db_url_opens_a_postgresql_database(tmp_path, pg_server):
    """--db with a PostgreSQL URL migrates the server's database and shows what it holds."""
    from tests.postgres import create_database, drop_database

    url = asyncio.run(create_database(migrated=False))
    try:
        first = _start(tmp_path, "--db", url)
        assert first.returncode == 0, first.stderr
        assert _shown(first.stdout) == "shown sources=0 readings=0"

        async def add() -> None:
            db = Database(url)
            async with db.session() as s:
                source = await SourceRepository(s).add(make_source("Shared meter"))
                await ReadingRepository(s).add(source, make_reading(source, T0, "1.0", "2.0"))
            await db.dispose()

        asyncio.run(add())
        second = _start(tmp_path, "--db", url)
        assert second.returncode == 0, second.stderr
        assert _shown(second.stdout) == "shown sources=1 readings=1"
    finally:
        asyncio.run(drop_database(url))
