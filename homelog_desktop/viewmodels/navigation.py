"""Where the main window is (page, source, tab, selected reading) and where it goes next.

``next_location`` is a pure function of the current location and what happened; the window only
shows the location it is given. ``NavigationViewModel`` holds the current one and says when it moves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

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


@dataclass(frozen=True)
class Location:
    """Where the window is. On the dashboard ``source_id`` is the source Ctrl+2 goes back to."""

    page: Page = Page.LOADING
    source_id: int | None = None
    tab: Tab = Tab.READINGS
    #: The selected reading (None: the first row).
    reading_id: int | None = None


# -- what happened -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """A database was opened (start-up, the sample household, back to one's own data, a restore)."""

    remembered_source: int | None = None


@dataclass(frozen=True)
class SourcesListed:
    """The sidebar's sources were (re)loaded: ``ids`` in their order."""

    ids: tuple[int, ...]
    #: Some sources exist but are archived and hidden.
    archived_hidden: bool = False


@dataclass(frozen=True)
class DashboardChosen:
    """Ctrl+1 or the dashboard button."""


@dataclass(frozen=True)
class SourceChosen:
    """A source was picked (sidebar, dashboard card); ``tab`` None keeps the current tab."""

    source_id: int
    tab: Tab | None = None


@dataclass(frozen=True)
class TabChosen:
    """Ctrl+2 / Ctrl+3 or a click on a tab (from the dashboard: the source shown last)."""

    tab: Tab


@dataclass(frozen=True)
class ReadingChosen:
    """The table's current reading changed."""

    reading_id: int | None


@dataclass(frozen=True)
class ReadingSaved:
    source_id: int
    reading_id: int


@dataclass(frozen=True)
class ReadingsDeleted:
    source_id: int


@dataclass(frozen=True)
class SourceSaved:
    """A source was added or edited: it is shown."""

    source_id: int


@dataclass(frozen=True)
class SourceRemoved:
    """A source was deleted, or archived while archived sources are hidden."""

    source_id: int


@dataclass(frozen=True)
class Imported:
    """An import was committed into ``source_id``."""

    source_id: int


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
            return replace(here, page=Page.DASHBOARD) if here.page not in _EMPTY_PAGES else here
        case SourceChosen(source_id=source_id, tab=tab):
            return _on_source(here, source_id, here.tab if tab is None else tab)
        case TabChosen(tab=tab):
            if here.source_id is None:
                return here
            return replace(here, page=Page.SOURCE, tab=tab)
        case ReadingChosen(reading_id=reading_id):
            return replace(here, reading_id=reading_id)
        case ReadingSaved(source_id=source_id, reading_id=reading_id):
            if here.source_id != source_id:
                return here
            return replace(here, reading_id=reading_id)
        case ReadingsDeleted(source_id=source_id):
            return replace(here, reading_id=None) if here.source_id == source_id else here
        case SourceSaved(source_id=source_id):
            return _on_source(here, source_id, here.tab)
        case SourceRemoved(source_id=source_id):
            if here.source_id != source_id:
                return here
            return replace(here, source_id=None, reading_id=None)
        case Imported(source_id=source_id):
            if here.page == Page.DASHBOARD:
                return replace(here, source_id=source_id, reading_id=None)
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
