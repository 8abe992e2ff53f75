"""Where the data lives: on a (simulated) Windows, the local profile folder, not the roaming one."""

from __future__ import annotations

from pathlib import Path

import pytest

from homelog_desktop.config import DATA_DIR_ENV, resolve_paths


@pytest.fixture
def windows_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A simulated Windows: the shell's known folders (the OS call platformdirs makes) point into tmp_path."""
    import platformdirs.windows

    roaming, local = tmp_path / "AppData" / "Roaming", tmp_path / "AppData" / "Local"
    folders = {"CSIDL_APPDATA": str(roaming), "CSIDL_LOCAL_APPDATA": str(local)}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    return roaming, local


def test_resolve_paths_windows_uses_the_local_profile(windows_folders: tuple[Path, Path]) -> None:
    """A new install on Windows keeps its database, backups and logs in AppData\\Local."""
    _roaming, local = windows_folders
    paths = resolve_paths(platform="win32")
    assert paths.data_dir == (local / "HomeLog").resolve()
    assert paths.backup_dir.is_relative_to(local) and paths.log_dir.is_relative_to(local)


def test_resolve_paths_windows_keeps_an_old_roaming_database(windows_folders: tuple[Path, Path]) -> None:
    """A database an earlier version left in AppData\\Roaming stays in use; logs and backups go local."""
    roaming, local = windows_folders
    (roaming / "HomeLog").mkdir(parents=True)
    (roaming / "HomeLog" / "homelog.db").write_bytes(b"")
    paths = resolve_paths(platform="win32")
    assert paths.db_path == (roaming / "HomeLog" / "homelog.db").resolve()
    assert paths.backup_dir == (local / "HomeLog" / "backups").resolve()
    assert paths.log_dir == (local / "HomeLog" / "logs").resolve()


def test_resolve_paths_data_dir_holds_everything(tmp_path: Path) -> None:
    """--data-dir keeps the database, backups and logs together in that one folder."""
    paths = resolve_paths(tmp_path / "mine", platform="win32")
    assert paths.backup_dir.parent == paths.log_dir.parent == paths.data_dir == (tmp_path / "mine").resolve()
