"""Errors the user can understand and act on; anything else is a bug."""

from __future__ import annotations

from ..i18n import QT_TRANSLATE_NOOP, translate


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
        this = row_words(what)[0]
        if changed_by and changed_at:
            message = translate(
                "Conflicts",
                "{this} was changed by {who} at {when}, after you opened it. Your changes are not saved yet.",
            )
        elif changed_by:
            message = translate(
                "Conflicts", "{this} was changed by {who}, after you opened it. Your changes are not saved yet."
            )
        elif changed_at:
            message = translate(
                "Conflicts",
                "{this} was changed by someone else (another window or program) at {when}, after you opened it. Your"
                " changes are not saved yet.",
            )
        else:
            message = translate(
                "Conflicts",
                "{this} was changed by someone else (another window or program), after you opened it. Your changes"
                " are not saved yet.",
            )
        super().__init__(message.format(this=this, who=changed_by, when=changed_at))
        #: "reading", "source", "tariff", ...
        self.what = what
        #: The member's name, or None when not known (a local notebook without sign-in, psql).
        self.changed_by = changed_by
        #: Local time of their change, as shown to the user.
        self.changed_at = changed_at
        #: The stored version now: saving again with it overwrites their change knowingly.
        self.current_version = current_version


#: A row of each kind in a sentence: (at its start, within it, one of them) — translated whole, as each
#: language's articles differ ("Diese Ablesung", "dieser Tarif", "ein Tarif").
_ROW_WORDS = {
    "member": (
        QT_TRANSLATE_NOOP("Rows", "This member"),
        QT_TRANSLATE_NOOP("Rows", "this member"),
        QT_TRANSLATE_NOOP("Rows", "a member"),
    ),
    "member's password": (
        QT_TRANSLATE_NOOP("Rows", "This member's password"),
        QT_TRANSLATE_NOOP("Rows", "this member's password"),
        QT_TRANSLATE_NOOP("Rows", "a member's password"),
    ),
    "source": (
        QT_TRANSLATE_NOOP("Rows", "This source"),
        QT_TRANSLATE_NOOP("Rows", "this source"),
        QT_TRANSLATE_NOOP("Rows", "a source"),
    ),
    "source's metric": (
        QT_TRANSLATE_NOOP("Rows", "This source's metric"),
        QT_TRANSLATE_NOOP("Rows", "this source's metric"),
        QT_TRANSLATE_NOOP("Rows", "a source's metric"),
    ),
    "reading": (
        QT_TRANSLATE_NOOP("Rows", "This reading"),
        QT_TRANSLATE_NOOP("Rows", "this reading"),
        QT_TRANSLATE_NOOP("Rows", "a reading"),
    ),
    "meter change": (
        QT_TRANSLATE_NOOP("Rows", "This meter change"),
        QT_TRANSLATE_NOOP("Rows", "this meter change"),
        QT_TRANSLATE_NOOP("Rows", "a meter change"),
    ),
    "tariff": (
        QT_TRANSLATE_NOOP("Rows", "This tariff"),
        QT_TRANSLATE_NOOP("Rows", "this tariff"),
        QT_TRANSLATE_NOOP("Rows", "a tariff"),
    ),
    "conversion factor": (
        QT_TRANSLATE_NOOP("Rows", "This conversion factor"),
        QT_TRANSLATE_NOOP("Rows", "this conversion factor"),
        QT_TRANSLATE_NOOP("Rows", "a conversion factor"),
    ),
    "advance payment": (
        QT_TRANSLATE_NOOP("Rows", "This advance payment"),
        QT_TRANSLATE_NOOP("Rows", "this advance payment"),
        QT_TRANSLATE_NOOP("Rows", "an advance payment"),
    ),
    "virtual meter's input": (
        QT_TRANSLATE_NOOP("Rows", "This virtual meter's input"),
        QT_TRANSLATE_NOOP("Rows", "this virtual meter's input"),
        QT_TRANSLATE_NOOP("Rows", "a virtual meter's input"),
    ),
}


def row_words(what: str) -> tuple[str, str, str]:
    """``what`` ("reading") as a sentence names it: "This reading", "this reading", "a reading" (translated)."""
    words = _ROW_WORDS.get(what)
    if words is None:
        return f"This {what}", f"this {what}", f"a {what}"
    start, within, one = words
    return translate("Rows", start), translate("Rows", within), translate("Rows", one)
