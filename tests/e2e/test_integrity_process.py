"""Home Log started on a data folder it cannot write: a clear refusal, exit 1, nothing changed."""

from __future__ import annotations

import shutil

from tests.backup_support import readonly_folder, tree
from tests.e2e.test_process import _start


def test_integrity_process_read_only_data_folder_is_refused_clearly(tmp_path, migrated_template):
    """A data folder on a read-only filesystem (or without write permission): the window says so and
    the app exits 1; the database and the folder are exactly as they were."""

    def fill(folder):
        shutil.copyfile(migrated_template, folder / "homelog.db")

    with readonly_folder(tmp_path / "ro", fill) as folder:
        before = tree(folder)
        done = _start(tmp_path, "--data-dir", str(folder))
        assert tree(folder) == before
    assert done.returncode == 1
    refused = next(line for line in done.stdout.splitlines() if line.startswith("refused "))
    assert str(folder) in refused and "read-only" in refused and "already running" not in refused
