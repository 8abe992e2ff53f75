"""The server password never lands in a file the app writes: logs, crash file, settings, exports, backups.

Real processes against a real password-protected PostgreSQL cluster: the window (offscreen, quitting
after its first data), the commands (successful and failing ones), then every file under the test's
home, configuration and data folders is searched for the password.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.pg_cluster import PASSWORD, Cluster
from tests.processes import homelog_command, homelog_env


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return homelog_env(
        tmp_path,
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
        XDG_CACHE_HOME=str(tmp_path / "home" / "cache"),
        XDG_STATE_HOME=str(tmp_path / "home" / "state"),
        HOMELOG_DATA_DIR=str(tmp_path / "data"),
        **extra,
    )


def _run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        homelog_command(*args), env=_env(tmp_path, **extra), capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.postgres
def test_no_password_in_files_after_window_and_commands(password_cluster: Cluster, tmp_path: Path) -> None:
    """A window and every command on a password URL (and a wrong one): the password is in no file, no output."""
    url = password_cluster.url()
    csv = tmp_path / "in.csv"
    csv.write_text("time,kWh\n2025-01-01T00:00:00+00:00,1\n2025-01-02T00:00:00+00:00,2\n")
    runs = [
        _run(tmp_path, "import", str(csv), "--source", "Power", "--create", "--db", url),
        _run(tmp_path, "report", "--source", "Power", "--period", "day", "--db", url),
        _run(tmp_path, "export", "--source", "Power", "-o", str(tmp_path / "data" / "out.json"), "--db", url),
        _run(tmp_path, "check", "--db", url),
        _run(tmp_path, "backup", "--db", url),
        _run(tmp_path, "report", "--source", "Power", "--period", "day", "--db", url.replace("/homelog", "/nodb")),
        _run(tmp_path, "report", "--source", "Nope", "--period", "day", "--db", url),
        _run(tmp_path, "--db", url.replace("+asyncpg", "")),
        _run(tmp_path, "--db", url, HOMELOG_STARTUP_PROBE="1"),
    ]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[1].returncode == 0, runs[1].stderr
    assert "data " in runs[-1].stdout, runs[-1].stdout + runs[-1].stderr
    for done in runs:
        assert PASSWORD not in done.stdout + done.stderr, done.args
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != csv]
    assert any(p.name == "homelog.log" for p in written)
    leaks = [str(p) for p in written if PASSWORD.encode() in p.read_bytes()]
    assert leaks == []
