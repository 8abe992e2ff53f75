"""Where the main window goes next (viewmodels/navigation.next_location), without a window."""

from __future__ import annotations

import pytest

from homelog_desktop.viewmodels.navigation import (
    DashboardChosen,
    Imported,
    Location,
    NavigationViewModel,
    Opened,
    Page,
    ReadingChosen,
    ReadingSaved,
    ReadingsDeleted,
    SourceChosen,
    SourceRemoved,
    SourceSaved,
    SourcesListed,
    Tab,
    TabChosen,
    next_location,
)

ON_READING = Location(Page.SOURCE, 2, Tab.READINGS, 20)
ON_DASHBOARD = Location(Page.DASHBOARD, 2, Tab.READINGS, None)


def test_navigation_opened_waits_for_the_sources_then_shows_the_dashboard():
    """A database just opened shows the dashboard once its sources are listed; Ctrl+2 goes to the remembered one."""
    here = next_location(ON_READING, Opened(remembered_source=3))
    assert here == Location(Page.LOADING, 3, Tab.READINGS, None)
    assert next_location(here, SourcesListed((1, 3))) == Location(Page.DASHBOARD, 3, Tab.READINGS, None)


def test_navigation_opened_with_a_forgotten_source_falls_back_to_the_first():
    """A remembered source that no longer exists gives way to the first listed."""
    here = next_location(Location(), Opened(remembered_source=99))
    assert next_location(here, SourcesListed((4, 5))).source_id == 4


def test_navigation_no_sources_is_the_welcome_page_or_all_archived():
    """No source at all welcomes; only archived (hidden) ones say so instead."""
    assert next_location(ON_READING, SourcesListed(())) == Location(Page.WELCOME, None, Tab.READINGS, None)
    assert next_location(ON_READING, SourcesListed((), archived_hidden=True)).page == Page.NOTHING


def test_navigation_first_source_added_on_the_welcome_page_is_shown():
    """From the welcome page, a saved first source opens its page."""
    welcome = Location(Page.WELCOME)
    here = next_location(welcome, SourceSaved(7))
    assert here == Location(Page.SOURCE, 7, Tab.READINGS, None)
    assert next_location(here, SourcesListed((7,))) == here


def test_navigation_sources_appearing_on_an_empty_page_open_the_first():
    """Sources listed again while nothing was shown (archived ones shown again) open the first."""
    assert next_location(Location(Page.NOTHING), SourcesListed((5, 6))) == Location(Page.SOURCE, 5)


def test_navigation_reading_saved_is_selected_after_the_reload():
    """A saved reading of the shown source becomes the selected one; the reload keeps it."""
    here = next_location(ON_READING, ReadingSaved(2, 21))
    assert here == Location(Page.SOURCE, 2, Tab.READINGS, 21)
    assert next_location(here, SourcesListed((1, 2))) == here


def test_navigation_reading_saved_for_another_source_moves_nothing():
    """The meter round saves other sources' readings: the window stays where it is."""
    assert next_location(ON_READING, ReadingSaved(3, 30)) == ON_READING
    assert next_location(ON_DASHBOARD, ReadingSaved(3, 30)) == ON_DASHBOARD


def test_navigation_readings_deleted_forget_the_selected_reading():
    """After a delete the first row is selected (the selected reading is gone)."""
    assert next_location(ON_READING, ReadingsDeleted(2)).reading_id is None
    assert next_location(ON_READING, ReadingsDeleted(3)) == ON_READING


def test_navigation_source_saved_shows_it_on_its_page():
    """An edited or new source is shown in the tab that was open (its selected reading if it is the same)."""
    reports = Location(Page.SOURCE, 2, Tab.REPORTS, 20)
    assert next_location(reports, SourceSaved(2)) == reports
    assert next_location(reports, SourceSaved(8)) == Location(Page.SOURCE, 8, Tab.REPORTS, None)
    assert next_location(ON_DASHBOARD, SourceSaved(8)).page == Page.SOURCE


def test_navigation_source_deleted_goes_to_the_first_remaining():
    """The shown source deleted (or archived and hidden): the first source left is shown."""
    here = next_location(ON_READING, SourceRemoved(2))
    assert here.source_id is None and here.page == Page.SOURCE
    assert next_location(here, SourcesListed((1, 3))) == Location(Page.SOURCE, 1, Tab.READINGS, None)
    # Archived while archived sources are hidden: the same, from the list alone.
    assert next_location(ON_READING, SourcesListed((1, 3))) == Location(Page.SOURCE, 1, Tab.READINGS, None)


def test_navigation_another_source_deleted_moves_nothing():
    """Deleting a source that is not shown leaves the window where it is."""
    assert next_location(ON_READING, SourceRemoved(5)) == ON_READING


def test_navigation_import_shows_its_source_or_stays_on_the_dashboard():
    """An import opens its source's page; on the dashboard it only becomes the Ctrl+2 source."""
    assert next_location(ON_READING, Imported(9)) == Location(Page.SOURCE, 9, Tab.READINGS, None)
    assert next_location(ON_DASHBOARD, Imported(9)) == Location(Page.DASHBOARD, 9, Tab.READINGS, None)
    assert next_location(Location(Page.WELCOME), Imported(9)).page == Page.SOURCE


def test_navigation_tabs_from_the_dashboard_go_back_to_the_source_shown_last():
    """Ctrl+2 and Ctrl+3 from the dashboard open the source shown before, in that tab."""
    assert next_location(ON_DASHBOARD, TabChosen(Tab.REPORTS)) == Location(Page.SOURCE, 2, Tab.REPORTS, None)
    assert next_location(Location(Page.WELCOME), TabChosen(Tab.READINGS)) == Location(Page.WELCOME)


def test_navigation_dashboard_keeps_the_source_and_reading_for_later():
    """Ctrl+1 keeps the source and its selected reading; there is no dashboard without sources."""
    assert next_location(ON_READING, DashboardChosen()) == Location(Page.DASHBOARD, 2, Tab.READINGS, 20)
    assert next_location(Location(Page.WELCOME), DashboardChosen()) == Location(Page.WELCOME)


def test_navigation_choosing_a_source_keeps_or_sets_the_tab():
    """A sidebar click keeps the tab; a dashboard card may ask for one; another source forgets the reading."""
    assert next_location(ON_READING, SourceChosen(3)) == Location(Page.SOURCE, 3, Tab.READINGS, None)
    assert next_location(ON_READING, SourceChosen(3, Tab.REPORTS)).tab == Tab.REPORTS
    assert next_location(ON_READING, SourceChosen(2)) == ON_READING


def test_navigation_reading_chosen_is_remembered():
    """The table's current reading is part of the location (a refresh selects it again)."""
    assert next_location(ON_READING, ReadingChosen(25)).reading_id == 25


@pytest.mark.parametrize(
    "event",
    [Opened(1), SourcesListed((1,)), DashboardChosen(), TabChosen(Tab.READINGS), SourceRemoved(1), Imported(1)],
)
def test_navigation_is_pure(event):
    """The same location and event always give the same answer, and the location is not changed."""
    here = Location(Page.SOURCE, 1, Tab.REPORTS, 10)
    assert next_location(here, event) == next_location(here, event)
    assert here == Location(Page.SOURCE, 1, Tab.REPORTS, 10)


def test_navigation_view_model_says_when_it_moves(qtbot):
    """moved(new, old) fires when an event changes the location, and not when it does not."""
    vm = NavigationViewModel()
    moves = []
    vm.moved.connect(lambda new, old: moves.append((new, old)))
    vm.go(SourcesListed((1, 2)))
    vm.go(SourcesListed((1, 2)))
    assert moves == [(Location(Page.DASHBOARD, 1), Location())]
    assert vm.location == Location(Page.DASHBOARD, 1)
