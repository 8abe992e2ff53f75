"""``homelog --self-test --db URL`` tests the database it is given (and changes nothing in it), and
fails with one line when it cannot reach or use it. Real processes, real files, a real server port."""

from __future__ import annotations

import socket

from tests.backup_support import contents, damage
from tests.conftest import seed_readings
from tests.processes import homelog


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _one_line_failure(done) -> str:
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    [line] = [ln for ln in done.stderr.splitlines() if ln.startswith("Self-test FAILED")]
    return line


def test_selftest_db_tests_the_given_database_and_changes_nothing(run, db, db_path, add_source, tmp_path):
    """--db of a good file: passes, names the file and its readings, and its rows are exactly as before."""
    seed_readings(db_path, add_source("House"), 300)
    run(db.dispose())
    before = contents(db_path)
    done = homelog(tmp_path, "--self-test", "--db", f"sqlite+aiosqlite:///{db_path}")
    assert done.returncode == 0, done.stderr
    assert f"database {db_path}: reachable" in done.stdout and "300 readings" in done.stdout
    assert contents(db_path) == before


def test_selftest_db_fails_in_one_line_when_it_cannot_use_the_database(run, db, db_path, add_source, tmp_path):
    """A missing file, a damaged file and a server nobody listens on: exit 1, one line naming it (no password)."""
    seed_readings(db_path, add_source("House"), 3000)
    run(db.dispose())
    damage(db_path)
    missing = tmp_path / "nowhere" / "homelog.db"
    assert "no database at" in _one_line_failure(
        homelog(tmp_path, "--self-test", "--db", f"sqlite+aiosqlite:///{missing}")
    )
    assert "damaged" in _one_line_failure(homelog(tmp_path, "--self-test", "--db", f"sqlite+aiosqlite:///{db_path}"))
    url = f"postgresql+asyncpg://someone:s3cret@127.0.0.1:{_free_port()}/homelog"
    line = _one_line_failure(homelog(tmp_path, "--self-test", "--db", url))
    assert "cannot use the database" in line and "127.0.0.1" in line and "s3cret" not in line
