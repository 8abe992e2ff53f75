"""``homelog copy`` and ``homelog backup`` on a server, as real processes: output, exit codes, one-line errors."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from homelog_desktop.db import rls
from homelog_desktop.db.backup_files import list_backups
from homelog_desktop.services.copying import server_backup_dir
from tests.copy_support import build_household, drop_roles, dump, file_digest
from tests.pg_cluster import Cluster, password_cluster  # noqa: F401  (the fixture)
from tests.postgres import admin_connection, create_database, drop_database, pg_server  # noqa: F401
from tests.processes import homelog


@pytest.fixture(scope="module")
def household(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_household(tmp_path_factory.mktemp("household") / "homelog.db")


@pytest.fixture
def data(household: Path, tmp_path: Path) -> Path:
    """A data folder holding the household."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(household, folder / "homelog.db")
    return folder


@pytest.fixture
def server(pg_server: None) -> Iterator[str]:  # noqa: F811
    url = asyncio.run(create_database(migrated=False))
    yield url

    async def clean() -> None:
        await drop_database(url)
        admin = await admin_connection()
        try:
            await drop_roles(admin, make_url(url).database or "")
        finally:
            await admin.close()

    asyncio.run(clean())


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("homelog: error: ") and "Traceback" not in stderr, stderr
    return lines[0]


def test_cli_copy_to_a_server_and_back(data, server, tmp_path):
    """copy --to URL then copy --from URL --to FILE: the same household; the local file unchanged; roles listed."""
    local = data / "homelog.db"
    before = file_digest(local)
    done = _homelog_with_input(
        tmp_path,
        "long enough secret\n",
        "copy",
        "--to",
        server,
        "--data-dir",
        str(data),
        "--member-password",
        "alex morgan",
    )
    assert done.returncode == 0, done.stderr
    database = make_url(server).database or ""
    admin_role = rls.member_role_name(database, 1)
    assert f"role {admin_role}, signs in with the password given" in done.stdout
    assert "has no password yet" in done.stdout and "readings" in done.stdout
    assert file_digest(local) == before
    back = tmp_path / "back.db"
    done = homelog(tmp_path, "copy", "--from", server, "--to", str(back))
    assert done.returncode == 0, done.stderr
    assert dump(back) == dump(local)


def _homelog_with_input(tmp_path: Path, text: str, *args: str):  # type: ignore[no-untyped-def]
    import subprocess

    from tests.processes import homelog_command, homelog_env

    return subprocess.run(
        homelog_command(*args),
        env=homelog_env(tmp_path),
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_cli_copy_refuses_a_server_database_with_data(data, server, tmp_path):
    """A second copy into the same database: one line saying it holds data, exit 1."""
    assert homelog(tmp_path, "copy", "--to", server, "--data-dir", str(data)).returncode == 0
    done = homelog(tmp_path, "copy", "--to", server, "--data-dir", str(data))
    assert done.returncode == 1
    assert "already holds data" in one_line(done.stderr)


def test_cli_copy_to_an_unreachable_server(data, tmp_path):
    """Nobody listens on the port: one line naming the server, exit 1."""
    done = homelog(
        tmp_path, "copy", "--to", "postgresql+asyncpg://someone@127.0.0.1:9/homelog", "--data-dir", str(data)
    )
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "127.0.0.1:9/homelog" in line and "No database server answers" in line


def test_cli_copy_with_a_wrong_password(data, password_cluster: Cluster, tmp_path):  # noqa: F811
    """The server refuses the login: one line saying so, without the password, exit 1."""
    url = password_cluster.url(password="not-the-password-42")
    done = homelog(tmp_path, "copy", "--to", url, "--data-dir", str(data))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "refused the login" in line and "not-the-password-42" not in done.stderr + done.stdout


def test_cli_copy_bad_arguments(data, tmp_path):
    """No direction, or a file where a server URL is needed: exit 2, one line."""
    done = homelog(tmp_path, "copy", "--data-dir", str(data))
    assert done.returncode == 2 and "--to URL" in one_line(done.stderr)
    done = homelog(tmp_path, "copy", "--to", str(tmp_path / "x.db"), "--data-dir", str(data))
    assert done.returncode == 2 and "PostgreSQL URL" in one_line(done.stderr)
    done = homelog(tmp_path, "copy", "--to", "postgresql://u@h/d", "--data-dir", str(data))
    assert done.returncode == 2 and "asyncpg" in one_line(done.stderr)


def test_cli_copy_unknown_member_password(data, server, tmp_path):
    """--member-password for a name that is no member: exit 2, nothing copied."""
    done = homelog(tmp_path, "copy", "--to", server, "--data-dir", str(data), "--member-password", "Nobody")
    assert done.returncode == 2 and "no member called “Nobody”" in one_line(done.stderr)


def test_cli_backup_of_a_server(data, server, tmp_path):
    """backup --db URL writes a checked local copy into the data folder's backups/server-…/ folder."""
    assert homelog(tmp_path, "copy", "--to", server, "--data-dir", str(data)).returncode == 0
    folder = tmp_path / "fresh"
    done = homelog(tmp_path, "backup", "--db", server, HOMELOG_DATA_DIR=str(folder))
    assert done.returncode == 0, done.stderr
    [made] = list_backups(server_backup_dir(folder / "backups", server))
    assert str(made.path) in done.stdout
    assert dump(made.path) == dump(data / "homelog.db")
    target = tmp_path / "server.db"
    done = homelog(tmp_path, "backup", "--db", server, "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert dump(target) == dump(data / "homelog.db")


def test_cli_copy_from_a_server_into_a_file_with_data(data, server, tmp_path):
    """The way back never overwrites a household: one line, exit 1, the file unchanged."""
    assert homelog(tmp_path, "copy", "--to", server, "--data-dir", str(data)).returncode == 0
    before = file_digest(data / "homelog.db")
    done = homelog(tmp_path, "copy", "--from", server, "--data-dir", str(data))
    assert done.returncode == 1 and "already holds data" in one_line(done.stderr)
    assert file_digest(data / "homelog.db") == before
