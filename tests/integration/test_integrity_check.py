"""check_file on real files: every kind of trouble is told apart, and nothing is ever changed."""

from __future__ import annotations

import sqlite3

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.integrity import Health, check_file
from homelog_desktop.db.migrate import migrate
from homelog_desktop.db.revisions import HEAD_REVISION, REVISIONS
from homelog_desktop.problems import folder_problem
from tests.backup_support import damage, readonly_folder, tree
from tests.conftest import seed_readings


@pytest.fixture
def filled(db, db_path, add_source, run):
    source = add_source("House")
    seed_readings(db_path, source, 1500)
    run(db.dispose())
    return db_path


@pytest.mark.parametrize("quick", [True, False], ids=["quick_check", "integrity_check"])
def test_integrity_of_a_healthy_database(filled, quick):
    """A healthy file: ok, with its schema revision and what it holds."""
    result = check_file(filled, quick=quick)
    assert (result.health, result.revision, result.sources, result.readings) == (Health.OK, HEAD_REVISION, 1, 1500)
    assert ("quick_check ok" if quick else "integrity_check ok") in result.message
    assert not result.broken and not result.needs_upgrade


@pytest.mark.parametrize("quick", [True, False], ids=["quick_check", "integrity_check"])
def test_integrity_finds_a_damaged_file_and_leaves_it_alone(filled, quick):
    """Scribbled pages are found by both checks; the message is one line; the file is not touched."""
    damage(filled)
    before = filled.read_bytes()
    result = check_file(filled, quick=quick)
    assert result.health is Health.DAMAGED and result.broken
    assert "damaged" in result.message and "\n" not in result.message
    assert filled.read_bytes() == before


def test_integrity_of_files_that_are_not_home_log_databases(tmp_path):
    """Missing, empty, text, a folder, someone else's tables, a newer schema: each says what it is."""
    text = tmp_path / "readings.csv"
    text.write_text("date,value\n")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE readings (x)")
    conn.close()
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999')")
    conn.close()
    expected = {
        tmp_path / "missing.db": Health.MISSING,
        text: Health.NOT_DATABASE,
        empty: Health.DAMAGED,  # a database is never 0 bytes: its data is gone
        tmp_path: Health.UNREADABLE,
        foreign: Health.FOREIGN,
        newer: Health.TOO_NEW,
    }
    found = {path: check_file(path).health for path in expected}
    assert found == expected
    assert check_file(text).broken and not check_file(newer).broken
    assert "newer version" in check_file(newer).message


def test_integrity_of_an_older_schema_is_ok_and_needs_an_upgrade(run, tmp_path):
    path = tmp_path / "old.db"
    database = Database(sqlite_url(path))
    run(migrate(database, target=REVISIONS[0]))
    run(database.dispose())
    result = check_file(path)
    assert result.ok and result.revision == REVISIONS[0] and result.needs_upgrade
    assert "upgraded" in result.message


def test_integrity_reads_a_database_in_a_read_only_folder(filled, tmp_path):
    """A healthy file in a read-only folder is read (not reported damaged) and the folder is unchanged."""

    def fill(folder):
        (folder / "homelog.db").write_bytes(filled.read_bytes())

    with readonly_folder(tmp_path / "ro", fill) as folder:
        before = tree(folder)
        assert check_file(folder / "homelog.db").health is Health.OK
        problem = folder_problem(folder)
        assert problem is not None and "read-only" in problem.message
        assert tree(folder) == before
    assert folder_problem(tmp_path) is None


def test_integrity_folder_problem_of_a_file_in_the_way(tmp_path):
    (tmp_path / "data").write_text("x")
    problem = folder_problem(tmp_path / "data")
    assert problem is not None and "a file is in the way" in problem.message
