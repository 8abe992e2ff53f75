"""``homelog check``: is the database healthy (integrity) and of a schema this version knows?"""

from __future__ import annotations

import argparse

from ..config import sqlite_file
from .common import FAILED, OK, add_location_arguments, database_url, fail, run_command


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check the database without changing it: SQLite's integrity check and the schema version. "
        "Exits 0 when all is well, 1 with the reason otherwise."
    )
    parser.add_argument(
        "--quick", action="store_true", help="PRAGMA quick_check instead of the full integrity_check (faster)"
    )
    add_location_arguments(parser)


def run(args: argparse.Namespace) -> int:
    url = database_url(args)
    path = sqlite_file(url)
    if path is None:
        return run_command(lambda: _check_server(url))
    from ..db.integrity import check_file

    result = check_file(path, quick=args.quick)
    if not result.ok:
        return fail(result.message, FAILED)
    print(f"ok: {result.message}")
    return OK


async def _check_server(url: str) -> int:
    """A database server checks its own integrity; the schema revision is checked here."""
    from ..db import Database
    from ..db.migrate import current_revision
    from ..db.revisions import HEAD_REVISION, REVISIONS

    db = Database(url)
    try:
        revision = await current_revision(db)
    finally:
        await db.dispose()
    where = db.display_name
    if revision is None:
        return fail(f"{where} holds no Home Log data yet", FAILED)
    if revision not in REVISIONS:
        return fail(f"{where} was written by a newer version of Home Log (schema {revision})", FAILED)
    state = "current" if revision == HEAD_REVISION else f"older, upgraded to {HEAD_REVISION} when opened"
    print(f"ok: {where}: schema {revision} ({state}); the server checks its own integrity.")
    return OK
