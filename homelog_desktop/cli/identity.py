"""Who a command acts as: the signed-in member, as in the window.

- A local file whose members have no password: nobody signs in; the command may do everything (one
  person's notebook, as before).
- A local file where some member has a password: ``--member NAME_OR_EMAIL`` is required, and the
  password comes from ``HOMELOG_PASSWORD`` or is asked on the terminal (never echoed, never
  logged). A wrong name or password is one line that does not say which part was wrong.
- PostgreSQL: ``--member NAME_OR_EMAIL`` with a URL without a user (the server's sign-in role finds
  that member's role, as the sign-in dialog does), or the URL names the member's role; without a
  password: the driver reads it from ``PGPASSWORD`` or ``~/.pgpass``, else, when the server wants
  one, it is asked on the terminal.
  The server checks it and maps the role to its member (``db/rls.py``); any other role (the
  database's owner) is unrestricted.

Everything the command then reads or writes goes through the repositories, which apply the access
policy for that member.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import BAD_INPUT, CommandError

if TYPE_CHECKING:
    from ..db import Database

#: The environment variable with the member's password on a local file.
PASSWORD_ENV = "HOMELOG_PASSWORD"


def add_member_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--member",
        metavar="NAME_OR_EMAIL",
        help="act as this household member (needed once members have passwords; the password comes from "
        f"{PASSWORD_ENV} or is asked; on a server, from PGPASSWORD or ~/.pgpass or asked, and a URL "
        "without a user)",
    )


async def as_server_member(db: Database, args: argparse.Namespace) -> Database:
    """``db``, or, with ``--member`` on a server URL without a user, the same database as that
    member's own role (found through the household's sign-in role, as the sign-in dialog does). An
    unknown name is refused with the same words as a wrong password."""
    login = (getattr(args, "member", None) or "").strip()
    if db.is_sqlite or not login:
        return db
    if db.url.username:
        raise CommandError(
            f"--member {login} and the URL's user {db.url.username} both say who signs in: pass only one", BAD_INPUT
        )
    from ..db import Database
    from ..db.server import ServerAddress
    from ..services.auth import WRONG_CREDENTIALS, role_of_login

    address = ServerAddress.from_url(db.url)
    assert address is not None
    role = await role_of_login(address, login)  # a server problem: its own one line (ServerProblemError)
    if role is None:
        raise CommandError(WRONG_CREDENTIALS, 1)
    await db.dispose()
    return Database(db.url.set(username=role))


async def with_server_password(db: Database, who: str | None = None) -> Database:
    """``db``, or, when the server refuses a login for want of a password that nothing could give
    (no password in the URL, no ``PGPASSWORD``, no password file: the driver reads both itself), the
    same database with the password asked on the terminal. A server that lets the user in without
    a password (trust) is never asked for one."""
    url = db.url
    if db.is_sqlite or url.password is not None or os.environ.get("PGPASSWORD") or _password_file().is_file():
        return db
    if not _interactive():
        return db
    try:
        async with db.engine.connect():
            return db
    except Exception as error:
        if not _wrong_password(error):
            raise
    await db.dispose()
    if who is None:
        who = url.username or ""
    at = f"{who}@" if who else ""
    password = await asyncio.to_thread(getpass.getpass, f"Password for {at}{url.host or 'localhost'}: ")
    from ..db import Database

    return Database(url.set(password=password))


def _wrong_password(error: BaseException) -> bool:
    """Whether ``error`` (or one it wraps) is the server's "password authentication failed" (28P01)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if getattr(current, "sqlstate", None) == "28P01":
            return True
        orig = getattr(current, "orig", None)
        todo += [current.__cause__, current.__context__, orig if isinstance(orig, BaseException) else None]
    return False


async def sign_in(db: Database, args: argparse.Namespace) -> None:
    """Sign the command in as its member (see the module's docstring), or leave it unrestricted."""
    from ..repositories.access import server_member
    from ..services.auth import AuthService

    if not db.is_sqlite:
        async with db.session(readonly=True) as session:
            db.sign_in_as(await server_member(session))
        return
    auth = AuthService(db)
    if not await auth.sign_in_needed():
        return
    login = (getattr(args, "member", None) or "").strip()
    if not login:
        raise CommandError(
            f"this household's members sign in: pass --member NAME_OR_EMAIL (the password from {PASSWORD_ENV} "
            "or asked on the terminal)",
            BAD_INPUT,
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not _interactive():
            raise CommandError(f"no password for {login}: set {PASSWORD_ENV} or run the command in a terminal")
        password = await asyncio.to_thread(getpass.getpass, f"Password for {login}: ")
    signed = await auth.sign_in(login, password)  # SignInRefusedError: one line, exit 1
    db.sign_in_as(signed.actor)


def _password_file() -> Path:
    return Path(os.environ.get("PGPASSFILE") or Path.home() / ".pgpass")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()
