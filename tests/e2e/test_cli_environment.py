"""Every command against every broken environment, as real processes: one line on stderr naming the
cause and what to do, exit code 1 or 2, never a traceback, and the stored data untouched.

The environments are real: folders and files made read-only (as root, the process runs without the
capability that overrides file permissions), a small tmpfs filled to the last byte (root only), a
lock held by the ``sqlite3`` program in another process, 16 KB of damage in the middle of the file,
and PostgreSQL servers that refuse in each of their ways (a throwaway password cluster for the
wrong password and the missing role). ``print_matrix`` at the end prints every case's exit code.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.pg_cluster import PASSWORD, Cluster
from tests.postgres import PG_URL, create_database, drop_database
from tests.processes import homelog_command, homelog_env

IS_ROOT = os.geteuid() == 0
#: As root, a process without these capabilities obeys file permissions like any user.
AS_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if IS_ROOT else []
#: Lines a command prints on stderr while working (progress), not failure lines.
PROGRESS = re.compile(r"^(homelog: [a-z ]+ \d+% \(|progress |note: |homelog: note: )")
COMMANDS = ("backup", "check", "export", "import", "import-create", "report", "restore", "self-test")
#: The exit codes of every case, printed at the end (the closing note's figures).
RESULTS: dict[tuple[str, str], int] = {}
#: The line each failing case printed (shown by test_cli_environment_matrix_printed).
MESSAGES: dict[tuple[str, str], str] = {}


@dataclass
class Seeded:
    db: Path
    backup: Path
    csv: Path
    big_csv: Path


@dataclass
class Env:
    """A broken environment: a data folder per command (or a URL), how to run, what must stay."""

    name: str
    where: Callable[[str], list[str]]
    prefix: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    #: Commands that write and so must fail here (the others may succeed, e.g. a report from a read-only file).
    must_fail: frozenset[str] = frozenset()
    #: A password in the URL, which no output may show.
    secret: str | None = None


def _start(seeded: Seeded, env: Env, command: str, tmp_path: Path) -> subprocess.Popen[str]:
    where = env.where(command)
    args = {
        "backup": ["backup", *where],
        "check": ["check", *where],
        "export": ["export", "--source", "Power", *where],
        "import": ["import", str(seeded.csv), "--source", "Power", *where],
        "import-create": ["import", str(seeded.csv), "--source", "New meter", "--create", *where],
        "report": ["report", "--source", "Power", "--period", "month", *where],
        "restore": ["restore", str(seeded.backup), *where],
        "self-test": ["--self-test", *where],
    }[command]
    return subprocess.Popen(
        [*env.prefix, *homelog_command(*args)],
        env=homelog_env(tmp_path, TZ="Europe/Berlin", HOME=str(tmp_path / "home")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _problems(env: Env, command: str, process: subprocess.Popen[str]) -> list[str]:
    out, err = process.communicate(timeout=120)
    code = process.returncode
    RESULTS[(env.name, command)] = code
    lines = [line for line in err.splitlines() if line.strip() and not PROGRESS.match(line)]
    MESSAGES[(env.name, command)] = lines[-1] if lines else ""
    where = f"{env.name}/{command} (exit {code})"
    found = []
    if "Traceback" in err or "Traceback" in out:
        found.append(f"{where}: a traceback:\n{err[-2000:]}")
    if code not in (0, 1, 2):
        found.append(f"{where}: exit code {code}: {err[-500:]}")
    if code != 0 and len(lines) != 1:
        found.append(f"{where}: {len(lines)} lines on stderr instead of one:\n{err[-1500:]}")
    if env.secret and env.secret in out + err:
        found.append(f"{where}: the password is in the output: {err[-300:]}")
    if code == 0 and command in env.must_fail:
        found.append(f"{where}: succeeded where it cannot: {out[-300:]} {err[-300:]}")
    return found


def _run_all(seeded: Seeded, env: Env, tmp_path: Path, commands: tuple[str, ...] = COMMANDS) -> list[str]:
    """Run the commands at once (each on its own copy of the environment) and collect what went wrong."""
    before = {name: _digest(path) for name, path in env.files.items()}
    processes = {command: _start(seeded, env, command, tmp_path) for command in commands}
    found = [problem for command, p in processes.items() for problem in _problems(env, command, p)]
    for name, path in env.files.items():
        if _digest(path) != before[name]:
            found.append(f"{env.name}: the stored data changed: {path}")
    return found


def _assert_clean(found: list[str]) -> None:
    if found:
        pytest.fail("\n\n".join(found), pytrace=False)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """A database with a meter "Power" and 200 readings, a backup of it, and CSV files to import."""
    folder = tmp_path_factory.mktemp("seed")
    db_path = folder / "homelog.db"
    start = datetime(2024, 1, 1, tzinfo=UTC)

    async def build() -> None:
        db = Database(sqlite_url(db_path))
        try:
            await migrate(db)
            async with db.session() as s:
                power = await SourceRepository(s).add(
                    Source(
                        None,
                        "Power",
                        Category.ELECTRICITY,
                        metrics=(Metric(None, "kWh", "kWh", MetricKind.COUNTER, 1),),
                    )
                )
                metric = power.metrics[0].id
                for i in range(200):
                    when = start + timedelta(days=i)
                    await ReadingRepository(s).add(power, Reading(None, power.id, when, {metric: Decimal(i * 10)}))
        finally:
            await db.dispose()

    asyncio.run(build())
    backup = folder / "backup.db"
    shutil.copyfile(db_path, backup)
    rows = [f"{(start + timedelta(days=300, hours=i)).isoformat()},{5000 + i}" for i in range(3000)]
    csv = folder / "more.csv"
    csv.write_text("time,kWh\n" + "\n".join(rows) + "\n")
    big = [f"{(start + timedelta(days=400, minutes=15 * i)).isoformat()},{9000 + i}" for i in range(300_000)]
    big_csv = folder / "big.csv"
    big_csv.write_text("time,kWh\n" + "\n".join(big) + "\n")
    return Seeded(db_path, backup, csv, big_csv)


def _folders(root: Path, seeded: Seeded, *, with_db: bool = True) -> dict[str, Path]:
    """A data folder per command, each with its own copy of the database."""
    folders = {}
    for command in COMMANDS:
        folder = root / command
        folder.mkdir(parents=True)
        if with_db and command != "import-create":
            shutil.copyfile(seeded.db, folder / "homelog.db")
        folders[command] = folder
    return folders


def _data_dir(folders: dict[str, Path]) -> Callable[[str], list[str]]:
    return lambda command: ["--data-dir", str(folders[command])]


def _db_files(folders: dict[str, Path]) -> dict[str, Path]:
    return {c: f / "homelog.db" for c, f in folders.items() if (f / "homelog.db").exists()}


# -- SQLite environments -------------------------------------------------------------------------


def test_cli_healthy_environment_works(seeded: Seeded, tmp_path: Path) -> None:
    """In a healthy data folder every command succeeds (the baseline for the broken ones below)."""
    folders = _folders(tmp_path / "data", seeded)
    env = Env("healthy", _data_dir(folders))
    _run_all(seeded, env, tmp_path)
    failed = {c: code for (e, c), code in RESULTS.items() if e == "healthy" and code != 0}
    assert failed == {}


def test_cli_read_only_folder_is_one_line(seeded: Seeded, tmp_path: Path) -> None:
    """A read-only data folder: writing commands fail with one line, nothing prints a traceback."""
    folders = _folders(tmp_path / "data", seeded)
    for folder in folders.values():
        folder.chmod(0o555)
    env = Env(
        "read-only folder",
        _data_dir(folders),
        AS_USER,
        _db_files(folders),
        frozenset({"import", "import-create", "restore", "backup", "self-test"}),
    )
    try:
        _assert_clean(_run_all(seeded, env, tmp_path))
    finally:
        for folder in folders.values():
            folder.chmod(0o755)
    _assert_says("read-only folder", ("restore", "backup", "import-create"), "read-only", "Home Log is open")


def _assert_says(env: str, commands: tuple[str, ...], cause: str, *wrong: str) -> None:
    """The line each of ``commands`` printed in ``env`` names ``cause`` and none of the ``wrong`` ones."""
    for command in commands:
        line = MESSAGES[(env, command)]
        assert cause in line, f"{env}/{command}: {line}"
        for other in wrong:
            assert other not in line, f"{env}/{command}: {line}"


def test_cli_read_only_file_is_one_line(seeded: Seeded, tmp_path: Path) -> None:
    """A read-only database file in a writable folder: imports fail with one line; reading works."""
    folders = _folders(tmp_path / "data", seeded)
    files = _db_files(folders)
    for path in files.values():
        path.chmod(0o444)
    env = Env("read-only file", _data_dir(folders), AS_USER, files, frozenset({"import", "restore"}))
    _assert_clean(_run_all(seeded, env, tmp_path))
    _assert_says("read-only file", ("import", "restore"), "read-only", "in use by another program")


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs (root only), unmounted afterwards."""
    if not IS_ROOT:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    """Write until the disk is full."""
    with open(folder / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        except OSError:
            pass


def test_cli_full_disk_is_one_line(seeded: Seeded, full_disk: Path, tmp_path: Path) -> None:
    """A full disk: commands that write fail with one line, no 0-byte database is left, data untouched."""
    folders = _folders(full_disk, seeded)
    _fill(full_disk)
    env = Env(
        "full disk",
        _data_dir(folders),
        files=_db_files(folders),
        must_fail=frozenset({"import", "import-create", "backup", "restore"}),
    )
    _assert_clean(_run_all(seeded, env, tmp_path))
    assert not (folders["import-create"] / "homelog.db").exists()
    _assert_says("full disk", ("restore", "backup", "import", "import-create"), "disk is full", "Home Log is open")


@pytest.fixture
def sqlite_locks() -> Iterator[Callable[[Path], None]]:
    """Hold an exclusive lock on a database with the sqlite3 program in another process."""
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 program is not installed")
    holders: list[subprocess.Popen[str]] = []

    def hold(path: Path) -> None:
        holder = subprocess.Popen(
            ["sqlite3", str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        holders.append(holder)
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write(
            "PRAGMA locking_mode=EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT count(*) FROM sources;\n.print locked\n"
        )
        holder.stdin.flush()
        while holder.stdout.readline().strip() != "locked":
            pass

    yield hold
    for holder in holders:
        assert holder.stdin is not None
        holder.stdin.write("ROLLBACK;\n.quit\n")
        holder.stdin.close()
        holder.wait(timeout=30)


def test_cli_locked_file_says_busy(seeded: Seeded, sqlite_locks: Callable[[Path], None], tmp_path: Path) -> None:
    """A file locked by another program: "busy, try again" in one line, never "not a Home Log database"."""
    folders = _folders(tmp_path / "data", seeded)
    files = _db_files(folders)
    for path in files.values():
        sqlite_locks(path)
    env = Env("locked", _data_dir(folders), files=files, must_fail=frozenset({"import", "report", "export", "restore"}))
    commands = tuple(c for c in COMMANDS if c not in ("self-test", "import-create"))
    _assert_clean(_run_all(seeded, env, tmp_path, commands))
    for command in ("import", "report", "export"):
        assert RESULTS[("locked", command)] == 1
    for command in ("backup", "check", "restore"):
        assert RESULTS[("locked", command)] == 1
    _assert_says("locked", ("import", "report", "export", "backup", "check", "restore"), "busy", "cannot be read")
    _assert_says("locked", ("import", "report", "export", "backup", "check", "restore"), "try again")


def test_cli_damaged_file_is_one_line(seeded: Seeded, tmp_path: Path) -> None:
    """16 KB of damage in the middle of the file: every command answers in one line (report included)."""
    folders = _folders(tmp_path / "data", seeded)
    files = _db_files(folders)
    for path in files.values():
        data = bytearray(path.read_bytes())
        middle = len(data) // 2
        data[middle : middle + 16384] = os.urandom(16384)
        path.write_bytes(bytes(data))
    env = Env("damaged", _data_dir(folders), files=files, must_fail=frozenset({"import", "report", "export"}))
    commands = tuple(c for c in COMMANDS if c != "restore")  # restoring over a damaged file is the way out
    _assert_clean(_run_all(seeded, env, tmp_path, commands))


# -- PostgreSQL ----------------------------------------------------------------------------------


def _pg_env(name: str, url: str) -> Env:
    return Env(name, lambda _command: ["--db", url], must_fail=frozenset({"import", "report", "export", "check"}))


PG_COMMANDS = ("check", "export", "import", "import-create", "report", "backup", "restore", "self-test")


@pytest.mark.postgres
@pytest.mark.usefixtures("pg_server")
@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("pg wrong port", "postgresql+asyncpg://postgres@127.0.0.1:1/test"),
        ("pg wrong host", "postgresql+asyncpg://postgres@no-such-host.invalid:5432/test"),
        ("pg missing database", "postgresql+asyncpg://postgres@127.0.0.1:5432/homelog_no_such_database"),
        ("pg without +asyncpg", PG_URL.replace("+asyncpg", "")),
        ("pg missing role", "postgresql+asyncpg://ghost@127.0.0.1:5432/test"),
    ],
)
def test_cli_unreachable_server_is_one_line(name: str, url: str, seeded: Seeded, tmp_path: Path) -> None:
    """A server that cannot be reached or lacks the database: one line naming it, exit 1 or 2."""
    env = _pg_env(name, url)
    _assert_clean(_run_all(seeded, env, tmp_path, PG_COMMANDS))


@pytest.mark.postgres
@pytest.mark.parametrize("wrong", ["password", "role"])
def test_cli_refused_login_is_one_line(wrong: str, password_cluster: Cluster, seeded: Seeded, tmp_path: Path) -> None:
    """A wrong password or a missing role: one line naming it (and never the password), exit 1 or 2."""
    url = (
        password_cluster.url(password="not-the-password") if wrong == "password" else password_cluster.url(user="ghost")
    )
    env = _pg_env(f"pg wrong {wrong}", url)
    env.secret = "not-the-password" if wrong == "password" else PASSWORD
    _assert_clean(_run_all(seeded, env, tmp_path, PG_COMMANDS))


@pytest.mark.postgres
@pytest.mark.usefixtures("pg_server")
def test_cli_connection_killed_mid_import_is_one_line(seeded: Seeded, tmp_path: Path) -> None:
    """The server ends the connection in the middle of an import: one line, exit 1, nothing imported."""
    url = asyncio.run(create_database(migrated=True))
    try:
        first = subprocess.run(
            homelog_command("import", str(seeded.csv), "--source", "Power", "--create", "--db", url),
            env=homelog_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert first.returncode == 0, first.stderr
        before = asyncio.run(_count_readings(url))
        process = subprocess.Popen(
            homelog_command("import", str(seeded.big_csv), "--source", "Power", "--progress", "--db", url),
            env=homelog_env(tmp_path),
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            if line.startswith("progress"):
                break
        asyncio.run(_terminate_backends(url))
        _out, rest = process.communicate(timeout=120)
        err = "".join(seen) + rest
        lines = [line for line in err.splitlines() if line.strip() and not PROGRESS.match(line)]
        RESULTS[("pg connection killed", "import")] = process.returncode
        MESSAGES[("pg connection killed", "import")] = lines[-1] if lines else ""
        assert "Traceback" not in err
        assert process.returncode == 1, err
        assert len(lines) == 1, err
        assert asyncio.run(_count_readings(url)) == before
    finally:
        asyncio.run(drop_database(url))


async def _count_readings(url: str) -> int:
    from sqlalchemy import text

    db = Database(url)
    try:
        async with db.session(readonly=True) as s:
            return int((await s.execute(text("SELECT count(*) FROM readings"))).scalar_one())
    finally:
        await db.dispose()


async def _terminate_backends(url: str) -> None:
    from sqlalchemy.engine import make_url

    from tests.postgres import admin_connection

    admin = await admin_connection()
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            make_url(url).database,
        )
    finally:
        await admin.close()


def test_cli_environment_matrix_printed() -> None:
    """Prints the exit code of every case above (run with -s to see it; the figures of the closing note)."""
    codes: dict[int, int] = {}
    for code in RESULTS.values():
        codes[code] = codes.get(code, 0) + 1
    print(f"\n{len(RESULTS)} cases; exit codes: {dict(sorted(codes.items()))}", file=sys.stderr)
    for (env, command), code in sorted(RESULTS.items()):
        print(f"  {env:22} {command:14} {code}  {MESSAGES.get((env, command), '')[:150]}", file=sys.stderr)
