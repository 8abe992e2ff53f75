"""What every command shares: where the data is, opening it, and reporting failure in one line."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import AppPaths, resolve_paths, sqlite_file, sqlite_url

if TYPE_CHECKING:
    from ..db import Database

#: Exit codes.
OK, FAILED, BAD_INPUT = 0, 1, 2

#: The database the running command works on (set by cli.main), named in messages about it.
current_location: ContextVar[str | None] = ContextVar("current_location", default=None)


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
async def open_database(
    args: argparse.Namespace, *, create: bool = False, sign_in: bool = True
) -> AsyncIterator[Database]:
    """The database the app would open, migrated (after a backup) like the app does, then disposed.

    Without ``create`` a missing SQLite file is an error instead of a new empty database. With
    ``sign_in`` the command acts as its member (``cli/identity.py``): it sees and changes only what
    the access policy lets that member.
    """
    from ..db import Database
    from ..db.migrate import migrate
    from .identity import as_server_member, with_server_password
    from .identity import sign_in as sign_in_member

    url = database_url(args)
    path = sqlite_file(url)
    created = False
    if path is not None and not path.exists():
        if not create:
            raise CommandError(f"no database at {path} (start the app once, or pass --data-dir or --db)")
        path.parent.mkdir(parents=True, exist_ok=True)
        created = True
    db = Database(url)
    try:
        if path is None:
            db = await as_server_member(db, args)  # --member NAME: that member's own role
            # The password: asked on the terminal, when nothing else gives it.
            db = await with_server_password(db, getattr(args, "member", None))
        backup_dir = paths_of(args).backup_dir if path is not None and not getattr(args, "db", None) else None
        try:
            migrated = await migrate(db, backup_dir)
        except BaseException:
            if created and path is not None:
                await db.dispose()
                _remove_new_database(path)
            raise
        for note in migrated.notes:  # e.g. readings stored twice, removed by migration 0004
            print(f"note: {note}", file=sys.stderr)
        if sign_in:
            await sign_in_member(db, args)
        yield db
    finally:
        await db.dispose()


def _remove_new_database(path: Path) -> None:
    """A database this command created but could not set up (a full disk, say) is not left behind."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        (path.parent / name).unlink(missing_ok=True)


def location(args: argparse.Namespace) -> str | None:
    """The database a command works on (its URL or file), for messages; None if there is none."""
    if not hasattr(args, "data_dir") and not hasattr(args, "db"):
        return None
    try:
        url = database_url(args)
    except Exception:  # a data folder that cannot even be resolved: the error itself will say so
        return None
    path = sqlite_file(url)
    return str(path) if path is not None else url


def run_command(action: Callable[[], Awaitable[int]], where: str | None = None) -> int:
    """Run an async command; expected errors become one line on stderr and a non-zero exit code.

    Environment problems (disk, permissions, locks, servers) are explained by ``problems.explain``;
    anything else propagates to ``cli.main``, which reports it as a bug in one line too.
    """
    from ..domain.errors import HomeLogError, NotFoundError, ValidationError, user_message
    from ..problems import explain

    try:
        return asyncio.run(action())  # type: ignore[arg-type]
    except CommandError as error:
        return fail(str(error), error.code)
    except (NotFoundError, ValidationError) as error:
        return fail(user_message(error), BAD_INPUT)
    except Exception as error:
        problem = explain(error, where or current_location.get())
        if problem is not None:
            return fail(problem.message, problem.code)
        if isinstance(error, HomeLogError):
            return fail(user_message(error), FAILED)
        if isinstance(error, OSError):
            return fail(f"{error.strerror or error}{f': {error.filename}' if error.filename else ''}", FAILED)
        from ..db.writers import damage_text

        damaged = damage_text(error)  # a damaged file (sqlite3 / SQLAlchemy DatabaseError)
        if damaged is None:
            raise
        return fail(damaged, FAILED)


def fail(message: str, code: int = BAD_INPUT) -> int:
    """Say what went wrong in one line on stderr (never a password) and return the exit code."""
    from ..problems import redact_urls

    print(f"homelog: error: {redact_urls(' '.join(message.split()))}", file=sys.stderr)
    return code
