"""Where Home Log keeps its data: the platform's user data folder unless told otherwise."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Environment variable that overrides the data folder (tests, portable installs).
DATA_DIR_ENV = "HOMELOG_DATA_DIR"
DB_FILENAME = "homelog.db"
SAMPLE_FILENAME = "sample-household.db"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders and files of one data folder."""

    data_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def sample_db_path(self) -> Path:
        """The sample household lives in its own file, never mixed with real data."""
        return self.data_dir / "sample" / SAMPLE_FILENAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("HomeLog", appauthor=False, roaming=True)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """``--data-dir`` first, then $HOMELOG_DATA_DIR, then the platform's user data folder."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    path = Path(chosen).expanduser() if chosen else default_data_dir()
    return AppPaths(path.resolve())


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
