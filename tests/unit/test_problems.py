"""problems.explain / url_problem / redact_urls: environment errors in words, never a password."""

from __future__ import annotations

import errno
import sqlite3

from homelog_desktop.problems import Kind, explain, redact_urls, url_problem


def test_redact_urls_hides_every_password() -> None:
    """The password of each URL in a text becomes ***; user, host and database stay."""
    text = "open postgresql+asyncpg://anna:s3cr%40t@db.local:5432/home and postgres://bob:pw@x/y failed"
    expected = "open postgresql+asyncpg://anna:***@db.local:5432/home and postgres://bob:***@x/y failed"
    assert redact_urls(text) == expected


def test_redact_urls_leaves_urls_without_password() -> None:
    """A URL with no password, or a SQLite path, is left as it is."""
    text = "postgresql+asyncpg://anna@db/home sqlite+aiosqlite:///C:/data/homelog.db 12:30"
    assert redact_urls(text) == text


def test_url_problem_asks_for_asyncpg() -> None:
    """A PostgreSQL URL without +asyncpg is bad input, naming the URL to use, without the password."""
    problem = url_problem("postgresql://anna:secret@db/home")
    assert problem is not None and problem.code == 2
    assert "postgresql+asyncpg://anna:***@db/home" in problem.message
    assert "secret" not in problem.message


def test_url_problem_accepts_the_supported_urls() -> None:
    """The two supported kinds of URL pass."""
    assert url_problem("postgresql+asyncpg://anna@db/home") is None
    assert url_problem("sqlite+aiosqlite:////tmp/x.db") is None


def test_explain_locked_file_is_busy_not_damaged() -> None:
    """SQLite's "database is locked", even wrapped, means busy: try again."""
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("while opening") from inner
    except RuntimeError as error:
        problem = explain(error, "/data/homelog.db")
    assert problem is not None and problem.kind is Kind.BUSY
    assert "/data/homelog.db" in problem.message and "try again" in problem.message


def test_explain_os_errors_by_errno() -> None:
    """A full disk, a read-only disk and a missing permission each get their own words."""
    full = explain(OSError(errno.ENOSPC, "No space left on device", "/d/x"))
    read_only = explain(OSError(errno.EROFS, "Read-only file system", "/d/x"))
    denied = explain(PermissionError(errno.EACCES, "Permission denied", "/d/x"))
    assert full is not None and full.kind is Kind.DISK_FULL
    assert read_only is not None and read_only.kind is Kind.READ_ONLY and "read-only disk" in read_only.message
    assert denied is not None and denied.kind is Kind.READ_ONLY and "permission" in denied.message.lower()


def test_explain_server_name_has_no_password() -> None:
    """A refused connection names the server without user or password."""
    problem = explain(ConnectionRefusedError(errno.ECONNREFUSED, "refused"), "postgresql+asyncpg://a:pw@h:1/db")
    assert problem is not None and problem.kind is Kind.SERVER_UNREACHABLE
    assert "h:1/db" in problem.message and "pw" not in problem.message


def test_explain_unknown_error_is_none() -> None:
    """Anything that is not an environment problem is left to the unexpected-error handling."""
    assert explain(KeyError("x")) is None
