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


class ServerUnavailableError(HomeLogError):
    """The database server is out of reach for now (restarted, network gone): nothing was stored,
    and the action can be tried again once it is back."""


class DatabaseClosedError(HomeLogError):
    """The database was closed (restored from a backup, or the window is closing) while this work
    wanted it: the work was stopped on purpose, like a cancelled task."""


def user_message(error: BaseException) -> str:
    """Return the text to show for an expected error."""
    text = str(error).strip()
    return text or error.__class__.__name__


class ConflictError(HomeLogError):
    """Someone else saved the same row after the form was opened: the save is refused, not silently
    overwriting theirs. The form offers to reload (take theirs) or to overwrite (save again over
    ``current_version``). The rule is ``domain.conflicts.refuse_stale``."""

    def __init__(self, what: str, changed_by: str | None, changed_at: str | None, current_version: int) -> None:
        who = changed_by or "someone else (another window or program)"
        when = f" at {changed_at}" if changed_at else ""
        super().__init__(
            f"This {what} was changed by {who}{when}, after you opened it. Your changes are not saved yet."
        )
        #: "reading", "source", "tariff", ...
        self.what = what
        #: The member's name, or None when not known (a local notebook without sign-in, psql).
        self.changed_by = changed_by
        #: Local time of their change, as shown to the user.
        self.changed_at = changed_at
        #: The stored version now: saving again with it overwrites their change knowingly.
        self.current_version = current_version
