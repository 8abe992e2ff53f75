"""``homelog restore FILE``: replace the database with a backup, keeping a copy of the current data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .backups import locate, progress_printer
from .common import FAILED, OK, CommandError, add_location_arguments, fail, open_database, run_command

STEP_TEXT = {"copy": "copying the backup", "keep": "keeping a copy of the current data"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Replace the database with FILE (a backup). FILE is checked first (integrity, schema version); the "
        "current data is kept in backups/ (or, if damaged, moved aside); the swap is atomic. A command that is "
        "writing (an import) finishes first and is kept too; one that starts meanwhile waits and then stops "
        "without writing. Close Home Log first: a database open in the app is not replaced."
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    add_location_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..domain.errors import HomeLogError, user_message
    from ..services.backups import ServerBackupError

    try:
        db_path, backup_dir = locate(args, must_exist=False)
    except ServerBackupError as error:
        return fail(str(error), FAILED)
    except CommandError as error:
        return fail(str(error), error.code)
    if not args.file.is_file():
        return fail(f"{args.file} is not a file", FAILED)
    from ..instance_lock import try_lock
    from ..problems import folder_problem

    problem = folder_problem(db_path.parent)  # a lock cannot be taken there either: say why, not "open"
    if problem is not None:
        return fail(problem.message, FAILED)
    lock = try_lock(db_path)
    if lock is None:
        return fail(
            f"Home Log is open on {db_path}; close the app, then run homelog restore again. Nothing was changed.",
            FAILED,
        )
    try:
        from ..services.restore import restore_file

        def report(step: str, done: int, total: int) -> None:
            if step == "wait":
                print("homelog: waiting for another program to finish writing to the database…", file=sys.stderr)
                return
            progress_printer(STEP_TEXT.get(step, step))(done, total)

        try:
            result = restore_file(args.file, db_path, backup_dir, progress=report)
        except HomeLogError as error:
            return fail(user_message(error), FAILED)
        code = run_command(lambda: _upgrade(args))
        if code != OK:
            return code
    finally:
        lock.unlock()
    kept = (
        f"the damaged file from before was moved aside to {result.kept}"
        if result.moved_aside
        else f"the data from before is kept in {result.kept}"
        if result.kept
        else "there was no data before"
    )
    checked = result.restored
    print(
        f"Restored {args.file} into {db_path} (schema {checked.revision}, {checked.sources or 0} sources, "
        f"{checked.readings or 0} readings); {kept}."
    )
    return OK


async def _upgrade(args: argparse.Namespace) -> int:
    """Open the restored database as the app would: an older schema is upgraded now (after a backup)."""
    async with open_database(args, sign_in=False):
        pass
    return OK
