"""Privacy of the user's files: started with umask 022, Home Log still makes everything it writes
private (folders 0700, files 0600), and a restore keeps the database so. Real processes (POSIX)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_cli_import import DATA
from tests.processes import homelog_command, homelog_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def run_with_umask_022(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        homelog_command(*args),
        env=homelog_env(tmp_path, TZ="UTC", **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),
    )


def modes(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (itself included) with its permission bits."""
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def test_private_files_with_umask_022_everything_is_the_users_alone(tmp_path):
    """Import, back up, export, restore and a window start, all with umask 022: the data folder, the
    database, the backups, the logs and the export are 0700 folders and 0600 files."""
    data = tmp_path / "data"
    imported = run_with_umask_022(
        tmp_path, "import", str(DATA / "excel_serial.csv"), "--source", "Meter", "--create", "--data-dir", str(data)
    )
    assert imported.returncode == 0, imported.stderr
    backed_up = run_with_umask_022(tmp_path, "backup", "--data-dir", str(data))
    assert backed_up.returncode == 0, backed_up.stderr
    export = tmp_path / "out" / "meter.csv"
    exported = run_with_umask_022(tmp_path, "export", "--source", "Meter", "-o", str(export), "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    [backup] = (data / "backups").glob("*-manual.db")
    restored = run_with_umask_022(tmp_path, "restore", str(backup), "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    window = run_with_umask_022(tmp_path, "--data-dir", str(data), HOMELOG_STARTUP_PROBE="1")
    assert window.returncode == 0, window.stderr
    assert (data / "logs").is_dir() and (data / "homelog.db").is_file()
    found = modes(data)
    loose = {name: mode for name, mode in found.items() if mode != ("0o700" if (data / name).is_dir() else "0o600")}
    assert loose == {}, found
    assert oct(stat.S_IMODE(export.stat().st_mode)) == "0o600"


def test_private_files_a_restore_keeps_the_database_private(tmp_path):
    """A database at 0600 stays 0600 after a restore (it used to become 0644), even with umask 022; older
    backups readable by all are made private by the next backup."""
    data = tmp_path / "data"
    done = run_with_umask_022(
        tmp_path, "import", str(DATA / "excel_serial.csv"), "--source", "Meter", "--create", "--data-dir", str(data)
    )
    assert done.returncode == 0, done.stderr
    db_file = data / "homelog.db"
    os.chmod(db_file, 0o600)
    chosen = tmp_path / "chosen.db"
    chosen.write_bytes(db_file.read_bytes())
    os.chmod(chosen, 0o644)
    restored = run_with_umask_022(tmp_path, "restore", str(chosen), "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    assert oct(stat.S_IMODE(db_file.stat().st_mode)) == "0o600"
    for kept in (data / "backups").iterdir():
        assert oct(stat.S_IMODE(kept.stat().st_mode)) == "0o600", kept
    # Backups an older Home Log left readable by all are made private by the next backup.
    [old] = (data / "backups").iterdir()
    os.chmod(old, 0o644)
    os.chmod(data / "backups", 0o755)
    assert run_with_umask_022(tmp_path, "backup", "--data-dir", str(data)).returncode == 0
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in (data / "backups").iterdir()} == {"0o600"}
    assert oct(stat.S_IMODE((data / "backups").stat().st_mode)) == "0o700"


def loosen(data: Path) -> None:
    """Make ``data`` look like an older Home Log left it: folders 0755, files 0644."""
    for path in [data, *data.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("start", ["command", "window"])
def test_private_files_an_older_data_folder_is_tightened_when_opened(tmp_path, start):
    """A data folder, logs/ and backups/ an older version made 0755 (files 0644) become 0700 and 0600 when
    a command or the window opens it; a read-only file stays read-only; someone else's file is left alone."""
    data = tmp_path / "data"
    done = run_with_umask_022(
        tmp_path, "import", str(DATA / "excel_serial.csv"), "--source", "Meter", "--create", "--data-dir", str(data)
    )
    assert done.returncode == 0, done.stderr
    assert run_with_umask_022(tmp_path, "backup", "--data-dir", str(data)).returncode == 0
    (data / "logs").mkdir(exist_ok=True)
    (data / "logs" / "homelog.log.1").write_text("an older log\n")
    foreign = data / "someone-elses.txt"
    foreign.write_text("not Home Log's\n")
    loosen(data)
    kept_read_only = data / "backups" / "kept-read-only.db"
    kept_read_only.write_text("")
    os.chmod(kept_read_only, 0o444)
    if os.geteuid() == 0:
        os.chown(foreign, 65534, 65534)
    assert modes(data)["."] == "0o755"
    if start == "command":
        opened = run_with_umask_022(tmp_path, "check", "--data-dir", str(data))
    else:
        opened = run_with_umask_022(tmp_path, "--data-dir", str(data), HOMELOG_STARTUP_PROBE="1")
    assert opened.returncode == 0, opened.stderr
    found = modes(data)
    expected = {name: ("0o700" if (data / name).is_dir() else "0o600") for name in found if name != foreign.name}
    expected["backups/kept-read-only.db"] = "0o400"  # others' rights go; no right is added
    if os.geteuid() == 0:
        expected[foreign.name] = "0o644"
    else:
        expected[foreign.name] = "0o600"  # the user's own file (no one else to own it here)
    assert found == expected
