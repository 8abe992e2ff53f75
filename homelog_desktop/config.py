"""Where Home Log keeps its data: the platform's user data folder unless told otherwise."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: Environment variable that overrides the data folder (tests, portable installs).
DATA_DIR_ENV = "HOMELOG_DATA_DIR"
DB_FILENAME = "homelog.db"
SAMPLE_FILENAME = "sample-household.db"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders and files of one data folder.

    ``bulk_dir`` holds what grows and need not follow the user from PC to PC (logs, backups): on
    Windows the local profile folder while the data folder may be a roaming one; by default (and
    with --data-dir) the data folder itself.
    """

    data_dir: Path
    bulk_dir: Path | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def sample_db_path(self) -> Path:
        """The sample household lives in its own file, never mixed with real data."""
        return self.data_dir / "sample" / SAMPLE_FILENAME

    @property
    def log_dir(self) -> Path:
        return (self.bulk_dir or self.data_dir) / "logs"

    @property
    def backup_dir(self) -> Path:
        return (self.bulk_dir or self.data_dir) / "backups"


def default_paths(platform: str = sys.platform) -> AppPaths:
    """The platform's user data folder: on Windows the local (not roaming) profile folder, so that
    neither the database nor its backups and logs are copied around at every sign-in.

    A data file kept by an earlier version in the roaming folder stays in use there (it is never
    left behind unseen); its logs and new backups go to the local folder all the same.
    """
    from platformdirs import PlatformDirs
    from platformdirs.api import PlatformDirsABC

    dirs: type[PlatformDirsABC] = PlatformDirs
    if platform == "win32":
        from platformdirs.windows import Windows

        dirs = Windows
    local = dirs("HomeLog", appauthor=False, roaming=False).user_data_path
    roaming = dirs("HomeLog", appauthor=False, roaming=True).user_data_path
    if roaming != local and (roaming / DB_FILENAME).is_file() and not (local / DB_FILENAME).exists():
        return AppPaths(roaming, bulk_dir=local)
    return AppPaths(local)


def default_data_dir() -> Path:
    return default_paths().data_dir


def resolve_paths(data_dir: str | os.PathLike[str] | None = None, *, platform: str = sys.platform) -> AppPaths:
    """``--data-dir`` first, then $HOMELOG_DATA_DIR, then the platform's user data folder."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if chosen:
        return AppPaths(Path(chosen).expanduser().resolve())
    paths = default_paths(platform)
    return AppPaths(paths.data_dir.resolve(), paths.bulk_dir.resolve() if paths.bulk_dir else None)


def sqlite_url(path: Path | str) -> str:
    """The async SQLAlchemy URL of a SQLite file."""
    return f"sqlite+aiosqlite:///{Path(path)}"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL such as sqlite+aiosqlite:///path; None for other databases and
    :memory: (parsed here, without SQLAlchemy, so start-up need not import it)."""
    scheme, sep, rest = url.partition(":///")
    if not sep or not scheme.startswith("sqlite") or not rest or rest.startswith(":memory:"):
        return None
    return Path(rest.split("?", 1)[0]).expanduser().resolve()
