"""A throwaway PostgreSQL cluster with password (scram-sha-256) authentication, for the tests of wrong
passwords, missing roles and passwords leaking into files. Needs root (the cluster runs as the
``postgres`` system user) and the server binaries; otherwise the tests that use it are skipped."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
#: The role and password of the cluster's owner (and of the Home Log database in it).
USER, PASSWORD, DATABASE = "homelog", "Pw-9f3c1e-secret", "homelog"


@dataclass(frozen=True)
class Cluster:
    port: int

    def url(self, *, user: str = USER, password: str = PASSWORD, database: str = DATABASE) -> str:
        return f"postgresql+asyncpg://{user}:{password}@127.0.0.1:{self.port}/{database}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def password_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster on a free port where every login needs a password (scram-sha-256)."""
    if os.geteuid() != 0 or not BIN_DIRS or shutil.which("runuser") is None:
        pytest.skip("a throwaway PostgreSQL cluster needs root and the server binaries")
    bindir = BIN_DIRS[0]
    folder = Path(tempfile.mkdtemp(prefix="homelog-pg-"))
    folder.chmod(0o755)
    data, pwfile = folder / "data", folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    shutil.chown(folder, "postgres")
    shutil.chown(pwfile, "postgres")

    def as_postgres(*cmd: str) -> None:
        env = {**os.environ, "PGPASSWORD": PASSWORD}
        subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, capture_output=True, timeout=120, env=env)

    port = _free_port()
    as_postgres(
        str(bindir / "initdb"), "-D", str(data), "-U", USER, "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8"
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        as_postgres(str(bindir / "createdb"), "-h", str(folder), "-p", str(port), "-U", USER, DATABASE)
        yield Cluster(port)
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)
