"""Errors the user can understand and act on; anything else is a bug."""

from __future__ import annotations


class HomeLogError(Exception):
    """Base of every expected error; its message is shown to the user as it is."""


class ValidationError(HomeLogError):
    """Input that cannot be stored; ``field`` names where the problem is."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


class NotFoundError(HomeLogError):
    """Something the user acted on no longer exists (deleted elsewhere, for instance)."""


class DuplicateNameError(HomeLogError):
    """A name or e-mail that must be unique is taken already."""


class DatabaseTooNewError(HomeLogError):
    """The data file was written by a newer version of Home Log and must not be opened."""


class DatabaseLockedError(HomeLogError):
    """Another Home Log window already has this data file open."""


class DatabaseOpenError(HomeLogError):
    """The data file cannot be opened (unreadable, not a database, unreachable server)."""


class DatabaseClosedError(HomeLogError):
    """The database was closed (restored from a backup, or the window is closing) while this work
    wanted it: the work was stopped on purpose, like a cancelled task."""


def user_message(error: BaseException) -> str:
    """Return the text to show for an expected error."""
    text = str(error).strip()
    return text or error.__class__.__name__
