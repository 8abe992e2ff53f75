"""What every command shares: where the data is, opening it, and reporting failure in one line."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from ..config import AppPaths, resolve_paths, sqlite_file, sqlite_url

if TYPE_CHECKING:
    from ..db import Database

#: Exit codes.
OK, FAILED, BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    """A failure the command reports as one line and an exit code (default 2: bad input)."""

    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def add_location_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data-dir DIR`` or ``--db URL``, as the app takes them."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir", metavar="DIR", help="the app's data folder (default: as the app; HOMELOG_DATA_DIR)"
    )
    where.add_argument("--db", metavar="URL", help="any SQLAlchemy async URL instead of the data folder's database")


def paths_of(args: argparse.Namespace) -> AppPaths:
    return resolve_paths(getattr(args, "data_dir", None))


def database_url(args: argparse.Namespace) -> str:
    return str(args.db) if getattr(args, "db", None) else sqlite_url(paths_of(args).db_path)


@asynccontextmanager
async def open_database(args: argparse.Namespace, *, create: bool = False) -> AsyncIterator[Database]:
    """The database the app would open, migrated (after a backup) like the app does, then disposed.

    Without ``create`` a missing SQLite file is an error instead of a new empty database.
    """
    from ..db import Database
    from ..db.migrate import migrate

    url = database_url(args)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        if not create:
            raise CommandError(f"no database at {path} (start the app once, or pass --data-dir or --db)")
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(url)
    try:
        backup_dir = paths_of(args).backup_dir if path is not None and not getattr(args, "db", None) else None
        migrated = await migrate(db, backup_dir)
        for note in migrated.notes:  # e.g. readings stored twice, removed by migration 0004
            print(f"note: {note}", file=sys.stderr)
        yield db
    finally:
        await db.dispose()


def run_command(action: Callable[[], Awaitable[int]]) -> int:
    """Run an async command; expected errors become one line on stderr and a non-zero exit code."""
    from ..domain.errors import HomeLogError, NotFoundError, ValidationError, user_message

    try:
        return asyncio.run(action())  # type: ignore[arg-type]
    except CommandError as error:
        return fail(str(error), error.code)
    except (NotFoundError, ValidationError) as error:
        return fail(user_message(error), BAD_INPUT)
    except HomeLogError as error:
        return fail(user_message(error), FAILED)
    except OSError as error:
        return fail(f"{error.strerror or error}{f': {error.filename}' if error.filename else ''}", FAILED)
    except Exception as error:  # a damaged file (sqlite3 / SQLAlchemy DatabaseError): one line, no traceback
        from ..db.writers import damage_text

        damaged = damage_text(error)
        if damaged is None:
            raise
        return fail(damaged, FAILED)


def fail(message: str, code: int = BAD_INPUT) -> int:
    print(f"homelog: error: {' '.join(message.split())}", file=sys.stderr)
    return code
