"""Where Home Log keeps its data: the platform's user data folder unless told otherwise."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime, tzinfo
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


def make_private_folders(paths: AppPaths) -> None:
    """Tighten what an older Home Log left readable by others (it created folders 0755): the data
    folder, its logs/, backups/ and sample/ lose group's and others' rights (0755 -> 0700) and so do
    the files directly in them (0644 -> 0600); the user's own rights are kept as they are (a file
    made read-only stays read-only).

    POSIX only; only folders and files the user owns (never through a symbolic link); never fails.
    New files are private anyway (the umask set at start-up).
    """
    if os.name != "posix":
        return
    import stat

    uid = os.getuid()
    folders = dict.fromkeys((paths.data_dir, paths.log_dir, paths.backup_dir, paths.sample_db_path.parent))
    for folder in folders:
        try:
            st = os.lstat(folder)
            if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid:
                continue
            if st.st_mode & 0o077:  # never adds a right: a read-only folder (0555) stays read-only (0500)
                os.chmod(folder, stat.S_IMODE(st.st_mode) & 0o700)
            with os.scandir(folder) as entries:
                for entry in entries:
                    found = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(found.st_mode) and found.st_uid == uid and found.st_mode & 0o077:
                        os.chmod(entry.path, stat.S_IMODE(found.st_mode) & 0o700)
        except OSError:
            continue  # a folder not there (yet) or not ours to change: the open itself says what is wrong


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


def system_zone(platform: str = sys.platform) -> tzinfo:
    """The computer's time zone as an IANA zone, with its DST rules (day and month boundaries depend on it).

    $TZ if it names a zone; else the system's setting through tzlocal: /etc/localtime on Linux and
    macOS, the registry's TimeZoneKeyName on Windows (mapped to its IANA name; the zone data comes
    from the tzdata package there). Only if all that fails, the current UTC offset, which is wrong
    across DST changes (logged as a warning).
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    try:
        if platform == "win32":
            from tzlocal.win32 import get_localzone_name
        else:
            from tzlocal import get_localzone_name
        found = get_localzone_name()
        if found:
            return ZoneInfo(found)
    except Exception as exc:  # no tzlocal, no registry key, an unknown zone, no tzdata: the fallbacks below
        logging.getLogger("homelog").debug("tzlocal found no time zone: %r", exc)
    if platform != "win32":
        try:
            with open("/etc/localtime", "rb") as file:
                return ZoneInfo.from_file(file, key="localtime")
        except (ValueError, OSError):
            pass
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    logging.getLogger("homelog").warning(
        "The computer's time zone is unknown: using the fixed offset %s (reports may be an hour off across DST)",
        zone,
    )
    return zone
