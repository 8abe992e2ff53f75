"""One "data changed" notification after every committed write, for every page to refresh itself.

The composition root (viewmodels/workspace.py) gives each workspace one ``DataChanged`` hub; view
models emit on it once their unit of work has committed, and the pages listen. Nobody re-wires
refreshes by hand after a particular kind of save.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Flag, auto

from PySide6.QtCore import QObject, Signal


class What(Flag):
    """What a committed write changed."""

    READINGS = auto()
    SOURCES = auto()
    MEMBERS = auto()
    TARIFFS = auto()
    METER_CHANGES = auto()
    #: Anything (a refresh asked for by the user, data changed by another program).
    EVERYTHING = READINGS | SOURCES | MEMBERS | TARIFFS | METER_CHANGES


class DataChange:
    """``what`` changed, for the sources ``source_ids`` (empty: for any or every source). A value
    (immutable, compared by its fields), written out rather than a dataclass: it loads at start-up."""

    __slots__ = ("source_ids", "what")
    what: What
    source_ids: frozenset[int]

    def __init__(self, what: What, source_ids: frozenset[int] = frozenset()) -> None:
        object.__setattr__(self, "what", what)
        object.__setattr__(self, "source_ids", source_ids)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("DataChange is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataChange) and (self.what, self.source_ids) == (other.what, other.source_ids)

    def __hash__(self) -> int:
        return hash((self.what, self.source_ids))

    def __repr__(self) -> str:
        return f"DataChange({self.what!r}, {set(self.source_ids) or 'every source'})"

    def touches(self, source_id: int | None) -> bool:
        """Whether the data of ``source_id`` may have changed."""
        return not self.source_ids or (source_id is not None and source_id in self.source_ids)

    @classmethod
    def of(cls, what: What, source_ids: Iterable[int | None] = ()) -> DataChange:
        return cls(what, frozenset(i for i in source_ids if i is not None))


class DataChanged(QObject):
    """The hub: ``changed(DataChange)`` after each committed write of one open database.

    A virtual meter follows its inputs: a change of an input's data is also one of the virtual
    meters computed from it (``set_dependents``, kept up to date by the sources list), so their pages
    refresh too, whichever page or PC made the change.
    """

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dependents: dict[int, frozenset[int]] = {}

    def set_dependents(self, dependents: Mapping[int, Iterable[int]]) -> None:
        """Source id -> the virtual meters computed from it (directly or through another)."""
        self._dependents = {k: frozenset(v) for k, v in dependents.items()}

    def notify(self, what: What, source_ids: Iterable[int | None] = ()) -> None:
        ids = [i for i in source_ids if i is not None]
        if ids and self._dependents and what & (What.READINGS | What.SOURCES | What.METER_CHANGES):
            followers = {v for i in ids for v in self._dependents.get(i, ())}
            ids += sorted(followers - set(ids))
            if followers:
                what |= What.READINGS
        self.changed.emit(DataChange.of(what, ids))
