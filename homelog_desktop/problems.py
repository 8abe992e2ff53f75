"""What went wrong around Home Log (disk, file, lock, server), in words the user can act on.

The one place where environment exceptions (OSError, sqlite3 and asyncpg errors, whether raw or
wrapped by SQLAlchemy or aiosqlite) become messages: the command line prints ``Problem.message`` as
one line, the window shows it in a dialog. ``explain`` returns None for anything else: that is a
bug, and goes to the "unexpected error" handling with its traceback.

Nothing here imports SQLAlchemy, asyncpg or Qt: errors are recognised by their errno, their
SQLSTATE or their message, so explaining an error costs nothing at start-up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .i18n import translate  # English on the command line: no translation is installed there

#: Exit codes (as cli.common): 1 failed (the environment), 2 bad input (a URL that cannot work).
FAILED, BAD_INPUT = 1, 2


class Kind(StrEnum):
    """What sort of problem, for callers that act on it (the window offers a retry for a server)."""

    READ_ONLY = "read-only"
    DISK_FULL = "disk-full"
    BUSY = "busy"
    DAMAGED = "damaged"
    MISSING = "missing"
    SERVER_UNREACHABLE = "server-unreachable"
    SERVER_LOGIN = "server-login"
    SERVER_NO_DATABASE = "server-no-database"
    CONNECTION_LOST = "connection-lost"
    BAD_URL = "bad-url"
    NOT_INSTALLED = "not-installed"
    IO = "io"


@dataclass(frozen=True, slots=True)
class Problem:
    kind: Kind
    #: One sentence or two: the cause, then what to do. Never a password.
    message: str
    code: int = FAILED

    @property
    def is_server(self) -> bool:
        return self.kind in (
            Kind.SERVER_UNREACHABLE,
            Kind.SERVER_LOGIN,
            Kind.SERVER_NO_DATABASE,
            Kind.CONNECTION_LOST,
        )


def explain(error: BaseException, where: str | Path | None = None) -> Problem | None:
    """The environment problem behind ``error`` (or any error it wraps), or None if it is none.

    ``where`` is the data file or the database URL the command was working on; a URL is shown
    without its password.
    """
    place = _place(where)
    for cause in _chain(error):
        problem = _explain_one(cause, place, where)
        if problem is not None:
            return problem
    return None


def describe(error: BaseException, where: str | Path | None = None) -> str | None:
    """``explain(error, where).message``, or None when ``error`` is not an environment problem."""
    problem = explain(error, where)
    return problem.message if problem is not None else None


def url_problem(url: str) -> Problem | None:
    """A database URL that cannot work with Home Log (checked before connecting), or None."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not scheme:
        return Problem(
            Kind.BAD_URL,
            translate(
                "Problems",
                "“{url}” is not a database URL: use sqlite+aiosqlite:///path/to/file.db or"
                " postgresql+asyncpg://user@host/database.",
            ).format(url=redact_urls(url)),
            BAD_INPUT,
        )
    backend, _, driver = scheme.partition("+")
    if backend in ("postgresql", "postgres") and driver != "asyncpg":
        fixed = "postgresql+asyncpg://" + url.split("://", 1)[1]
        return Problem(
            Kind.BAD_URL,
            translate(
                "Problems",
                "Home Log needs the asyncpg driver for PostgreSQL: write the URL as {url}, starting with"
                " postgresql+asyncpg:// instead of {scheme}://.",
            ).format(url=redact_urls(fixed), scheme=scheme),
            BAD_INPUT,
        )
    if backend == "sqlite" and driver != "aiosqlite":
        return Problem(
            Kind.BAD_URL,
            translate("Problems", "use sqlite+aiosqlite:///… for a SQLite file, not {scheme}://….").format(
                scheme=scheme
            ),
            BAD_INPUT,
        )
    if backend not in ("sqlite", "postgresql", "postgres"):
        return Problem(
            Kind.BAD_URL,
            translate(
                "Problems",
                "Home Log works with SQLite files and PostgreSQL servers, not {scheme}://…; use"
                " sqlite+aiosqlite:///path/to/file.db or postgresql+asyncpg://user@host/database.",
            ).format(scheme=scheme),
            BAD_INPUT,
        )
    return None


def without_url(message: str) -> str:
    """``message`` for a dialog whose fields stand for the URL: without its words "in the URL"."""
    # The words as every translated explanation writes them (German: " in der URL").
    return message.replace(translate("Problems", " in the URL"), "").replace(" in the URL", "")


#: user:password@ in a URL (any scheme); the password part is replaced by ***.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*):(?P<password>[^@\s/]*)@")


def redact_urls(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ***."""
    return _URL_PASSWORD.sub(lambda m: f"{m.group('head')}:***@", text)


# -- internals -------------------------------------------------------------------------------------


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what it wraps: SQLAlchemy's ``orig``, ``__cause__`` and ``__context__``."""
    seen: set[int] = set()
    todo = [error]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for inner in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(inner, BaseException):
                todo.append(inner)
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)


def _place(where: str | Path | None) -> str:
    if where is None:
        return ""
    text = str(where)
    if "://" in text and not text.startswith("sqlite"):
        return _server_name(text)
    if text.startswith("sqlite"):
        text = text.split(":///", 1)[-1]
    return text


def _server_name(url: str) -> str:
    """host:port/database of a server URL (no user, no password)."""
    rest = url.split("://", 1)[-1]
    rest = rest.rsplit("@", 1)[-1]
    return rest.split("?", 1)[0]


def _explain_one(error: BaseException, place: str, where: str | Path | None) -> Problem | None:
    if isinstance(getattr(error, "orig", None), BaseException):
        return None  # a SQLAlchemy wrapper (its text carries the SQL): the driver's own error follows
    sqlstate = getattr(error, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        problem = _server_problem(sqlstate, error, place)
        if problem is not None:
            return problem
    kind = type(error).__name__
    text = str(error)
    if kind in ("ConnectionDoesNotExistError", "ConnectionResetError", "InterfaceError") and (
        "closed" in text or "connection" in text.lower()
    ):
        return _connection_lost(place)
    if isinstance(error, ModuleNotFoundError):
        return _missing_module(error, where)
    if isinstance(error, socket.gaierror):
        return Problem(
            Kind.SERVER_UNREACHABLE,
            (
                translate(
                    "Problems",
                    "The database server's name in {place} is unknown ({reason}). Check the host name in the URL"
                    " and the network.",
                )
                if place
                else translate(
                    "Problems",
                    "The database server's name in the URL is unknown ({reason}). Check the host name in the URL"
                    " and the network.",
                )
            ).format(place=place, reason=error.strerror),
        )
    if isinstance(error, OSError) and error.errno is not None:
        return _os_problem(error, place)
    if isinstance(error, TimeoutError):
        return Problem(
            Kind.SERVER_UNREACHABLE,
            (
                translate(
                    "Problems",
                    "The database server at {place} did not answer in time. Check that it is running and"
                    " reachable, then try again.",
                )
                if place
                else translate(
                    "Problems",
                    "The database server at the URL did not answer in time. Check that it is running and"
                    " reachable, then try again.",
                )
            ).format(place=place),
        )
    if kind in ("OperationalError", "DatabaseError", "IntegrityError", "ProgrammingError") or (
        type(error).__module__ in ("sqlite3", "_sqlite3")
    ):
        return _sqlite_problem(text, place, where)
    if kind == "ArgumentError" and "Could not parse" in text:
        return Problem(
            Kind.BAD_URL,
            translate("Problems", "The database URL cannot be read: {reason}.").format(reason=redact_urls(text)),
            BAD_INPUT,
        )
    if kind == "NoSuchModuleError":
        return url_problem(str(where)) if where is not None else None
    return None


def _server_problem(sqlstate: str, error: BaseException, place: str) -> Problem | None:
    text = str(error)
    if sqlstate == "28P01":
        user = re.search(r'for user "([^"]+)"', text)
        return Problem(
            Kind.SERVER_LOGIN,
            (
                translate(
                    "Problems",
                    "The database server at {place} refused the login of the user “{user}”: a wrong password, or"
                    " no such user. Check the user name and password in the URL.",
                )
                if user
                else translate(
                    "Problems",
                    "The database server at {place} refused the login: a wrong password, or no such user. Check"
                    " the user name and password in the URL.",
                )
            ).format(place=place, user=user.group(1) if user else ""),
        )
    if sqlstate == "28000":
        role = re.search(r'role "([^"]+)"', text)
        return Problem(
            Kind.SERVER_LOGIN,
            (
                translate(
                    "Problems",
                    "The database server at {place} does not let the user “{user}” in ({reason}). Check the user"
                    " name in the URL, or ask the server's administrator for access.",
                )
                if role
                else translate(
                    "Problems",
                    "The database server at {place} does not let this user in ({reason}). Check the user name in"
                    " the URL, or ask the server's administrator for access.",
                )
            ).format(place=place, user=role.group(1) if role else "", reason=_first_line(text)),
        )
    if sqlstate == "3D000":
        return Problem(
            Kind.SERVER_NO_DATABASE,
            translate(
                "Problems",
                "The database server has no database {name} ({place}). Check the name in the URL, or create it"
                " (createdb NAME).",
            ).format(name=repr(place.rsplit("/", 1)[-1]), place=place),
        )
    if sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03"):
        return _connection_lost(place)
    if sqlstate == "53300":
        return Problem(
            Kind.SERVER_UNREACHABLE,
            translate(
                "Problems", "The database server at {place} has too many connections. Try again in a moment."
            ).format(place=place),
        )
    if sqlstate == "42501":
        return Problem(
            Kind.SERVER_LOGIN,
            translate(
                "Problems",
                "The database server at {place} does not allow this ({reason}). Ask the server's administrator for"
                " the rights Home Log needs.",
            ).format(place=place, reason=_first_line(text)),
        )
    return None


def _connection_lost(place: str) -> Problem:
    return Problem(
        Kind.CONNECTION_LOST,
        (
            translate(
                "Problems",
                "The connection to the database server at {place} was lost; what was in progress was not saved."
                " Try again when the server is back.",
            )
            if place
            else translate(
                "Problems",
                "The connection to the database server was lost; what was in progress was not saved. Try again"
                " when the server is back.",
            )
        ).format(place=place),
    )


def _missing_module(error: ModuleNotFoundError, where: str | Path | None) -> Problem | None:
    name = (error.name or "").split(".")[0]
    if name in ("psycopg2", "psycopg", "pg8000", "pysqlite2") and where is not None:
        return url_problem(str(where))
    if name == "asyncpg":
        return Problem(
            Kind.NOT_INSTALLED,
            translate(
                "Problems", "PostgreSQL support is not installed: pip install 'homelog-desktop[postgres]' (asyncpg)."
            ),
        )
    return None


def _os_problem(error: OSError, place: str) -> Problem | None:
    name = str(error.filename or place)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return Problem(Kind.DISK_FULL, _disk_full(name))
    if error.errno == errno.EROFS:
        return Problem(
            Kind.READ_ONLY,
            (
                translate(
                    "Problems",
                    "{name} is on a read-only disk; nothing was changed. Use a writable folder (--data-dir FOLDER),"
                    " or remount the disk writable.",
                )
                if name
                else translate(
                    "Problems",
                    "The data is on a read-only disk; nothing was changed. Use a writable folder (--data-dir"
                    " FOLDER), or remount the disk writable.",
                )
            ).format(name=name),
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return Problem(
            Kind.READ_ONLY,
            (
                translate(
                    "Problems",
                    "No permission to use {name}; nothing was changed. Make it readable and writable for your user,"
                    " or use another folder (--data-dir FOLDER).",
                )
                if name
                else translate(
                    "Problems",
                    "No permission; nothing was changed. Make the data readable and writable for your user, or use"
                    " another folder (--data-dir FOLDER).",
                )
            ).format(name=name),
        )
    if error.errno == errno.ENOENT:
        return Problem(
            Kind.MISSING,
            translate("Problems", "{name} does not exist.").format(name=name)
            if name
            else translate("Problems", "A file does not exist."),
        )
    if error.errno == errno.ECONNREFUSED or isinstance(error, ConnectionRefusedError):
        return Problem(
            Kind.SERVER_UNREACHABLE,
            (
                translate(
                    "Problems",
                    "No database server answers at {place}. Check the host and port in the URL and that the server"
                    " is running.",
                )
                if place
                else translate(
                    "Problems",
                    "No database server answers at the address in the URL. Check the host and port in the URL and"
                    " that the server is running.",
                )
            ).format(place=place),
        )
    if error.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT):
        return Problem(
            Kind.SERVER_UNREACHABLE,
            (
                translate(
                    "Problems",
                    "The database server at {place} cannot be reached ({reason}). Check the network and the host in"
                    " the URL.",
                )
                if place
                else translate(
                    "Problems",
                    "The database server at the URL cannot be reached ({reason}). Check the network and the host in"
                    " the URL.",
                )
            ).format(place=place, reason=error.strerror),
        )
    if error.errno in (errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED):
        return _connection_lost(place)
    if error.errno == errno.EIO:
        return Problem(
            Kind.IO,
            (
                translate(
                    "Problems",
                    "The disk reported an error reading or writing {name}; nothing was changed. Check the disk, then"
                    " try again.",
                )
                if name
                else translate(
                    "Problems", "The disk reported an error; nothing was changed. Check the disk, then try again."
                )
            ).format(name=name),
        )
    return None


def _sqlite_problem(text: str, place: str, where: str | Path | None) -> Problem | None:
    low = text.lower()
    if "database is locked" in low or "database table is locked" in low or "database is busy" in low:
        return Problem(
            Kind.BUSY,
            (
                translate(
                    "Problems",
                    "The data file {file} is busy: another program is using it. Nothing was changed; try again when"
                    " it has finished.",
                )
                if place
                else translate(
                    "Problems",
                    "The data file is busy: another program is using it. Nothing was changed; try again when it has"
                    " finished.",
                )
            ).format(file=place),
        )
    if "disk is full" in low:
        return Problem(Kind.DISK_FULL, _disk_full(place))
    if "readonly database" in low or "read-only" in low:
        return Problem(
            Kind.READ_ONLY,
            (
                translate(
                    "Problems",
                    "The data file {file} is read-only; nothing was changed. Make it (and its folder) writable for"
                    " your user, or use another folder (--data-dir FOLDER).",
                )
                if place
                else translate(
                    "Problems",
                    "The data file is read-only; nothing was changed. Make it (and its folder) writable for your"
                    " user, or use another folder (--data-dir FOLDER).",
                )
            ).format(file=place),
        )
    if "malformed" in low or "file is not a database" in low or "file is encrypted" in low:
        return Problem(
            Kind.DAMAGED,
            (
                translate(
                    "Problems",
                    "The data file {file} is damaged ({reason}). It was not changed: run homelog check, then restore"
                    " a backup with homelog restore FILE (backups are in the data folder's backups/).",
                )
                if place
                else translate(
                    "Problems",
                    "The data file is damaged ({reason}). It was not changed: run homelog check, then restore a"
                    " backup with homelog restore FILE (backups are in the data folder's backups/).",
                )
            ).format(file=place, reason=text),
        )
    if "unable to open database file" in low or "disk i/o error" in low:
        in_folder = _folder_problem(Path(place).parent) if place and "://" not in str(where) else None
        if in_folder is not None:
            return in_folder
        return Problem(
            Kind.IO,
            (
                translate(
                    "Problems",
                    "The data file {file} cannot be opened ({reason}); nothing was changed. Check that it and its"
                    " folder exist and are writable, and that the disk is working.",
                )
                if place
                else translate(
                    "Problems",
                    "The data file cannot be opened ({reason}); nothing was changed. Check that it and its folder"
                    " exist and are writable, and that the disk is working.",
                )
            ).format(file=place, reason=text),
        )
    return None


def folder_problem(folder: Path) -> Problem | None:
    """Why Home Log cannot write in ``folder`` (read-only, full disk, a file in the way), or None if it can.

    The folder is created if missing; then a small file is written and removed for real: permissions
    alone do not tell (root, a read-only mount, a disk with inodes but no space left).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            return Problem(
                Kind.IO,
                translate(
                    "Problems",
                    "Home Log cannot write to {folder}: a file is in the way where the folder should be. Nothing was"
                    " changed. Move the file, or keep the data elsewhere (homelog --data-dir FOLDER).",
                ).format(folder=folder),
            )
        return _folder_write_problem(exc, folder)
    return _folder_problem(folder)


def _folder_write_problem(exc: OSError, folder: Path) -> Problem:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return Problem(
            Kind.READ_ONLY,
            translate(
                "Problems",
                "The folder {folder} is read-only; nothing was changed. Make it writable for your user, or use"
                " another folder (--data-dir FOLDER).",
            ).format(folder=folder),
        )
    return _os_problem(exc, str(folder)) or Problem(
        Kind.IO,
        translate("Problems", "Home Log cannot write to {folder} ({reason}); nothing was changed.").format(
            folder=folder, reason=exc.strerror or exc
        ),
    )


def _folder_problem(folder: Path) -> Problem | None:
    """Why nothing can be written in ``folder`` (tried for real: permissions alone do not tell)."""
    name = None
    try:
        fd, name = tempfile.mkstemp(prefix=".homelog-write-test-", dir=folder)
        try:  # as much as SQLite needs beside the file (its shared-memory index), so a full disk shows
            os.write(fd, b"\0" * 65536)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return _folder_write_problem(exc, folder)
    finally:
        if name is not None:
            with contextlib.suppress(OSError):
                os.unlink(name)
    return None


def _disk_full(name: str) -> str:
    if name:
        return translate(
            "Problems", "The disk is full (writing {file}); nothing was changed. Make room on the disk, then try again."
        ).format(file=name)
    return translate("Problems", "The disk is full; nothing was changed. Make room on the disk, then try again.")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
