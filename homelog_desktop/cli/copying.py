"""``homelog copy``: move the household to a PostgreSQL server, or copy a server's household to a local file."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ..config import sqlite_file
from .common import (
    BAD_INPUT,
    OK,
    CommandError,
    add_location_arguments,
    database_url,
    fail,
    open_database,
    run_command,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Copy the household between this computer and a PostgreSQL server, keeping every id and link. "
        "`homelog copy --to postgresql+asyncpg://USER@HOST/DATABASE` copies the data folder's household (or "
        "--data-dir / --db FILE-URL) into an empty server database: it is upgraded to this version's schema, "
        "gets every table in one transaction, each table checked (rows and checksum) on both sides, row-level "
        "security switched on and a PostgreSQL role per member (their passwords: --member-password). "
        "`homelog copy --from URL [--to FILE]` copies a server's household into a new or empty local file "
        "(default: the data folder's database). The source is never changed; a failure changes nothing. The "
        "server's password comes from PGPASSWORD or ~/.pgpass when the URL has none."
    )
    parser.add_argument("--to", metavar="URL|FILE", help="the server URL to copy to (or, with --from, the file)")
    parser.add_argument("--from", dest="source", metavar="URL", help="the server URL to copy from")
    parser.add_argument(
        "--member-password",
        metavar="NAME",
        action="append",
        default=[],
        help="set this member's password on the server (name or e-mail; asked on the terminal, or one line per "
        "name read from standard input); the others get a role without a password until the administrator "
        "sets one in Household Members",
    )
    parser.add_argument("--progress", action="store_true", help="print progress lines on standard error")
    add_location_arguments(parser)


def _is_server(url: str | None) -> bool:
    return bool(url) and str(url).split("://", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def run(args: argparse.Namespace) -> int:
    try:
        server = _server_url(args)
    except CommandError as error:
        return fail(str(error), error.code)
    if args.source:
        if args.to and "://" not in str(args.to):
            args.to = str(Path(args.to).expanduser().absolute())
        return run_command(lambda: _from_server(args, server), server)
    return run_command(lambda: _to_server(args, server), server)


def _server_url(args: argparse.Namespace) -> str:
    """The server's URL (checked), from --from or --to."""
    from ..problems import url_problem

    if args.source:
        server = str(args.source)
        if not _is_server(server):
            raise CommandError("--from takes a PostgreSQL URL (postgresql+asyncpg://USER@HOST/DATABASE)")
        if args.member_password:
            raise CommandError("--member-password is for a copy to a server (--to URL)")
    elif args.to:
        server = str(args.to)
        if not _is_server(server):
            raise CommandError(
                "--to takes a PostgreSQL URL (postgresql+asyncpg://USER@HOST/DATABASE); "
                "to copy a server to a file use --from URL --to FILE"
            )
    else:
        raise CommandError("say where to copy: --to URL (to a server) or --from URL (from a server)")
    problem = url_problem(server)
    if problem is not None:
        raise CommandError(problem.message, problem.code)
    return server


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return None
    last = [-1]

    def report(done: int, total: int, table: str) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            print(f"homelog: copying {percent}% ({done:,}/{total:,} rows, {table})", file=sys.stderr, flush=True)

    return report


def _ask_passwords(names: list[str], members: list) -> dict[int, str]:  # type: ignore[type-arg]
    chosen: dict[int, str] = {}
    for name in names:
        wanted = name.strip().casefold()
        found = [m for m in members if m.name.casefold() == wanted or (m.email or "").casefold() == wanted]
        if not found:
            known = ", ".join(m.name for m in members) or "none"
            raise CommandError(f"no member called “{name}” in this household (members: {known})")
        member = found[0]
        if sys.stdin.isatty():
            password = getpass.getpass(f"Password on the server for {member.name}: ")
            if getpass.getpass("The same password again: ") != password:
                raise CommandError(f"the two passwords for {member.name} differ; nothing was copied")
        else:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError(f"no password for {member.name} on standard input; nothing was copied")
        chosen[member.id] = password
    return chosen


async def _to_server(args: argparse.Namespace, url: str) -> int:
    from ..services.copying import copy_to_server, local_members

    local = sqlite_file(database_url(args))
    if local is None:
        raise CommandError(
            "the household to copy must be a local file (--data-dir DIR or --db sqlite+aiosqlite:///FILE)"
        )
    # An older file is upgraded first (after a backup), as by every command. Like a backup, the copy
    # takes the whole file (every member's sources): no member signs in for it.
    async with open_database(args, sign_in=False):
        pass
    passwords = _ask_passwords(args.member_password, await local_members(local)) if args.member_password else {}
    result = await copy_to_server(local, url, passwords=passwords, progress=_progress(args.progress))
    print(f"Copied {local} to {result.target}: {result.summary()}.")
    print("Every table was checked on both sides (rows and checksum); the local file was not changed.")
    for role in result.roles:
        state = "signs in with the password given" if role.has_password else "has no password yet"
        print(f"  {role.member}{' (administrator)' if role.admin else ''}: role {role.role}, {state}")
    if any(not r.has_password for r in result.roles):
        print("Members without a password cannot sign in until the administrator sets one (Household Members).")
    return OK


async def _from_server(args: argparse.Namespace, url: str) -> int:
    from ..services.copying import copy_from_server

    if args.to:
        target = sqlite_file(args.to) if "://" in str(args.to) else Path(args.to)
        if target is None:
            raise CommandError(f"--to with --from takes a file name, not {args.to}", BAD_INPUT)
    else:
        target = sqlite_file(database_url(args))
        if target is None:
            raise CommandError("give the file to copy into: --to FILE")
    result = await copy_from_server(url, target, progress=_progress(args.progress))
    print(f"Copied {result.source} to {target}: {result.summary()}.")
    print("Every table was checked on both sides (rows and checksum); the server was not changed.")
    return OK
