"""Where the main window is (page, source, tab, selected reading) and where it goes next.

``next_location`` is a pure function of the current location and what happened; the window only
shows the location it is given. ``NavigationViewModel`` holds the current one and says when it moves.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Signal


class Page(IntEnum):
    """The pages of the window, in the order of its page stack."""

    LOADING = 0
    WELCOME = 1
    SOURCE = 2
    #: Every source is archived and archived ones are hidden.
    NOTHING = 3
    DASHBOARD = 4


class Tab(IntEnum):
    """The tabs of a source's page."""

    READINGS = 0
    REPORTS = 1


class _Value:
    """An immutable value compared by its fields (``__slots__``): a frozen dataclass without the
    cost of generating one at import time (this module loads while the window starts)."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Value) and type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Location(_Value):
    """Where the window is. On the dashboard ``source_id`` is the source Ctrl+2 goes back to."""

    __slots__ = ("page", "reading_id", "source_id", "tab")
    page: Page
    source_id: int | None
    tab: Tab
    #: The selected reading (None: the first row).
    reading_id: int | None

    def __init__(
        self,
        page: Page = Page.LOADING,
        source_id: int | None = None,
        tab: Tab = Tab.READINGS,
        reading_id: int | None = None,
    ) -> None:
        self._set(page=page, source_id=source_id, tab=tab, reading_id=reading_id)

    def replace(self, **changes: Any) -> Location:
        """A copy with ``changes``."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Location(**values)


# -- what happened -----------------------------------------------------------------------------


class Opened(_Value):
    """A database was opened (start-up, the sample household, back to one's own data, a restore)."""

    __slots__ = ("remembered_source",)
    remembered_source: int | None
    __match_args__ = ("remembered_source",)

    def __init__(self, remembered_source: int | None = None) -> None:
        self._set(remembered_source=remembered_source)


class SourcesListed(_Value):
    """The sidebar's sources were (re)loaded: ``ids`` in their order; ``archived_hidden``: some
    sources exist but are archived and hidden."""

    __slots__ = ("archived_hidden", "ids")
    ids: tuple[int, ...]
    archived_hidden: bool
    __match_args__ = ("ids", "archived_hidden")

    def __init__(self, ids: tuple[int, ...], archived_hidden: bool = False) -> None:
        self._set(ids=ids, archived_hidden=archived_hidden)


class DashboardChosen(_Value):
    """Ctrl+1 or the dashboard button."""

    __slots__ = ()
    __match_args__ = ()


class SourceChosen(_Value):
    """A source was picked (sidebar, dashboard card); ``tab`` None keeps the current tab."""

    __slots__ = ("source_id", "tab")
    source_id: int
    tab: Tab | None
    __match_args__ = ("source_id", "tab")

    def __init__(self, source_id: int, tab: Tab | None = None) -> None:
        self._set(source_id=source_id, tab=tab)


class TabChosen(_Value):
    """Ctrl+2 / Ctrl+3 or a click on a tab (from the dashboard: the source shown last)."""

    __slots__ = ("tab",)
    tab: Tab
    __match_args__ = ("tab",)

    def __init__(self, tab: Tab) -> None:
        self._set(tab=tab)


class ReadingChosen(_Value):
    """The table's current reading changed."""

    __slots__ = ("reading_id",)
    reading_id: int | None
    __match_args__ = ("reading_id",)

    def __init__(self, reading_id: int | None) -> None:
        self._set(reading_id=reading_id)


class ReadingSaved(_Value):
    """A reading of ``source_id`` was saved."""

    __slots__ = ("reading_id", "source_id")
    source_id: int
    reading_id: int
    __match_args__ = ("source_id", "reading_id")

    def __init__(self, source_id: int, reading_id: int) -> None:
        self._set(source_id=source_id, reading_id=reading_id)


class ReadingsDeleted(_Value):
    """Readings of ``source_id`` were deleted."""

    __slots__ = ("source_id",)
    source_id: int
    __match_args__ = ("source_id",)

    def __init__(self, source_id: int) -> None:
        self._set(source_id=source_id)


class SourceSaved(_Value):
    """A source was added or edited: it is shown."""

    __slots__ = ("source_id",)
    source_id: int
    __match_args__ = ("source_id",)

    def __init__(self, source_id: int) -> None:
        self._set(source_id=source_id)


class SourceRemoved(_Value):
    """A source was deleted, or archived while archived sources are hidden."""

    __slots__ = ("source_id",)
    source_id: int
    __match_args__ = ("source_id",)

    def __init__(self, source_id: int) -> None:
        self._set(source_id=source_id)


class Imported(_Value):
    """An import was committed into ``source_id``."""

    __slots__ = ("source_id",)
    source_id: int
    __match_args__ = ("source_id",)

    def __init__(self, source_id: int) -> None:
        self._set(source_id=source_id)


Event = (
    Opened
    | SourcesListed
    | DashboardChosen
    | SourceChosen
    | TabChosen
    | ReadingChosen
    | ReadingSaved
    | ReadingsDeleted
    | SourceSaved
    | SourceRemoved
    | Imported
)

#: Pages shown when there is no source to show.
_EMPTY_PAGES = (Page.LOADING, Page.WELCOME, Page.NOTHING)


def next_location(here: Location, event: Event) -> Location:
    """Where the window goes from ``here`` when ``event`` happens."""
    match event:
        case Opened(remembered_source=remembered):
            # The home page first, once the sources are there; Ctrl+2 goes to the remembered source.
            return Location(Page.LOADING, remembered, Tab.READINGS, None)
        case SourcesListed(ids=ids, archived_hidden=archived_hidden):
            return _listed(here, ids, archived_hidden)
        case DashboardChosen():
            return here.replace(page=Page.DASHBOARD) if here.page not in _EMPTY_PAGES else here
        case SourceChosen(source_id=source_id, tab=tab):
            return _on_source(here, source_id, here.tab if tab is None else tab)
        case TabChosen(tab=tab):
            if here.source_id is None:
                return here
            return here.replace(page=Page.SOURCE, tab=tab)
        case ReadingChosen(reading_id=reading_id):
            return here.replace(reading_id=reading_id)
        case ReadingSaved(source_id=source_id, reading_id=reading_id):
            if here.source_id != source_id:
                return here
            return here.replace(reading_id=reading_id)
        case ReadingsDeleted(source_id=source_id):
            return here.replace(reading_id=None) if here.source_id == source_id else here
        case SourceSaved(source_id=source_id):
            return _on_source(here, source_id, here.tab)
        case SourceRemoved(source_id=source_id):
            if here.source_id != source_id:
                return here
            return here.replace(source_id=None, reading_id=None)
        case Imported(source_id=source_id):
            if here.page == Page.DASHBOARD:
                return here.replace(source_id=source_id, reading_id=None)
            return _on_source(here, source_id, here.tab)
    raise AssertionError(f"unknown event {event!r}")


def _on_source(here: Location, source_id: int, tab: Tab) -> Location:
    reading = here.reading_id if here.source_id == source_id else None
    return Location(Page.SOURCE, source_id, tab, reading)


def _listed(here: Location, ids: tuple[int, ...], archived_hidden: bool) -> Location:
    if not ids:
        return Location(Page.NOTHING if archived_hidden else Page.WELCOME, None, here.tab, None)
    source_id, reading_id = here.source_id, here.reading_id
    if source_id not in ids:
        source_id, reading_id = ids[0], None
    page = here.page
    if page == Page.LOADING:
        page = Page.DASHBOARD  # the home page, once there is something to show on it
    elif page in _EMPTY_PAGES:
        page = Page.SOURCE  # the first source appeared (added, imported, archived ones shown)
    return Location(page, source_id, here.tab, reading_id)


class NavigationViewModel(QObject):
    """The window's current location; ``moved(new, old)`` when an event changes it."""

    moved = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.location = Location()

    def go(self, event: Event) -> Location:
        """Apply ``event``; the new location."""
        old = self.location
        new = self.location = next_location(old, event)
        if new != old:
            self.moved.emit(new, old)
        return new
