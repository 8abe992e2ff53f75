"""One Home Log per database file, whatever the path it is reached by: real processes, a real hard link."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.e2e.test_process import _start
from tests.processes import homelog_env


@pytest.fixture
def holder(tmp_path, migrated_template):
    """A process holding the app's instance lock (instance_lock.try_lock) of data/homelog.db, and a
    hard link other/homelog.db to the same file."""
    data = tmp_path / "data"
    data.mkdir()
    db_file = shutil.copyfile(migrated_template, data / "homelog.db")
    (tmp_path / "other").mkdir()
    link = tmp_path / "other" / "homelog.db"
    os.link(db_file, link)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from homelog_desktop.instance_lock import try_lock;"
            f"lock = try_lock(Path({str(db_file)!r})); assert lock is not None;"
            "print('locked', flush=True); sys.stdin.read(); lock.unlock()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=homelog_env(tmp_path),
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        yield db_file, link
    finally:
        child.communicate("", timeout=30)


def test_instance_lock_a_hard_link_to_an_open_file_is_refused(holder, tmp_path):
    """A second window on the same file through a hard link (another data folder): refused as already running."""
    _db_file, link = holder
    done = _start(tmp_path, "--data-dir", str(link.parent))
    assert done.returncode == 1, done.stdout
    refused = next(line for line in done.stdout.splitlines() if line.startswith("refused "))
    assert "already running" in refused


def test_instance_lock_a_copy_of_the_file_is_not_refused(holder, tmp_path):
    """A copy (another file) opens normally while the original is held."""
    db_file, _link = holder
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(db_file, copy / "homelog.db")
    done = _start(tmp_path, "--data-dir", str(copy))
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(line.startswith("shown ") for line in done.stdout.splitlines())
