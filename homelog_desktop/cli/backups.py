"""``homelog backup [-o FILE]``: an online backup of the SQLite database, safe while the app runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..config import sqlite_file
from .common import FAILED, OK, CommandError, add_location_arguments, database_url, fail, paths_of


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Back the database up with SQLite's online backup (safe while Home Log is open). Without -o the "
        "copy goes into the data folder's backups/ folder, which keeps the newest 10, one per month for a "
        "year, and always the 3 newest that pass the integrity check. The copy is checked before it is kept: "
        "a damaged database is not backed up (exit 1). On a PostgreSQL server (--db URL) the household is copied into "
        "a local SQLite file (no pg_dump needed): in backups/server-HOST-PORT-DATABASE/ of the data folder, rotated "
        "the same way, or FILE with -o; every table is checked against the server (rows and checksum)."
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the backup to FILE instead")
    add_location_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..domain.errors import HomeLogError, user_message
    from ..services.backups import MANUAL, ServerBackupError, back_up, back_up_to

    if getattr(args, "db", None) and sqlite_file(str(args.db)) is None:
        return _server_backup(args)
    try:
        db_path, backup_dir = locate(args)
        report = progress_printer("backing up")
        if args.output is not None:
            target = back_up_to(db_path, args.output, progress=report)
            size = target.stat().st_size
        else:
            made = back_up(db_path, backup_dir, MANUAL, progress=report)
            target, size = made.path, made.size
    except ServerBackupError as error:
        return fail(str(error), FAILED)
    except CommandError as error:
        return fail(str(error), error.code)
    except HomeLogError as error:
        return fail(user_message(error), FAILED)
    print(f"Backed up {db_path} to {target} ({format_size(size)}).")
    return OK


def locate(args: argparse.Namespace, *, must_exist: bool = True) -> tuple[Path, Path]:
    """The database file and its backups folder; ServerBackupError for a server URL."""
    from ..services.backups import ServerBackupError

    path = sqlite_file(database_url(args))
    if path is None:
        raise ServerBackupError()
    if must_exist and not path.is_file():
        raise CommandError(f"no database at {path} (start the app once, or pass --data-dir or --db)", FAILED)
    backup_dir = path.parent / "backups" if getattr(args, "db", None) else paths_of(args).backup_dir
    return path, backup_dir


def progress_printer(what: str) -> Callable[[int, int], None]:
    """A progress callback printing ``homelog: <what> 45% (123/274 pages)`` lines on stderr."""

    def report(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        print(f"homelog: {what} {percent}% ({done}/{total} pages)", file=sys.stderr, flush=True)

    return report


def format_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def _server_backup(args: argparse.Namespace) -> int:
    """A server's household as a local SQLite file (the way ``homelog copy --from`` writes one)."""
    from .common import run_command

    url = str(args.db)

    output = Path(args.output).expanduser().absolute() if args.output is not None else None

    async def go() -> int:
        from ..services.copying import back_up_server, back_up_server_to

        if output is not None:
            result = await back_up_server_to(url, output)
            target = Path(result.target)
        else:
            made, result = await back_up_server(url, paths_of(args).backup_dir)
            target = made.path
        size = target.stat().st_size
        print(f"Backed up {result.source} to {target} ({format_size(size)}; {result.summary()}).")
        return OK

    return run_command(go, url)
