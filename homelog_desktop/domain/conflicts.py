"""The rule for two people saving the same row: the second save is told, never silently applied.

Every edited row carries a version counted up by each save. A form remembers the version it was
opened with; a save whose version is no longer the stored one is refused with a ``ConflictError``
naming who changed it and when. Saving again with the version now stored overwrites knowingly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from .errors import ConflictError
from .timeutil import to_local

#: A version a form has not read (a new row, or a caller that does not track versions): never a conflict.
UNKNOWN = 0


def is_stale(expected: int, stored: int) -> bool:
    """Whether a save that started from ``expected`` would overwrite a change it has not seen."""
    return expected != UNKNOWN and expected != stored


def refuse_stale(what: str, expected: int, stored: int, changed_by: str | None, changed_at: datetime | None) -> None:
    """Raise ``ConflictError`` if a save that started from version ``expected`` is stale."""
    if is_stale(expected, stored):
        raise conflict(what, changed_by, changed_at, stored)


def changed_items(seen: Mapping[int, int], stored: Mapping[int, int]) -> set[int]:
    """Ids (of a list a form saves as a whole, such as a source's tariffs) changed since the form read
    them: another version, added, or deleted. ``seen`` and ``stored`` map id to version."""
    return {i for i in seen.keys() | stored.keys() if seen.get(i) != stored.get(i)}


def conflict(what: str, changed_by: str | None, changed_at: datetime | None, stored: int) -> ConflictError:
    """The refusal, naming who changed it and when (local time)."""
    when = to_local(changed_at).strftime("%Y-%m-%d %H:%M") if changed_at is not None else None
    return ConflictError(what, changed_by, when, stored)
