"""One "data changed" notification after a committed write reaches every page, which refreshes itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QWidget

from homelog_desktop.viewmodels.changes import DataChange, What
from homelog_desktop.views.main.actions import Act
from tests.conftest import make_reading
from tests.ui.test_main_window import LAST_WEEK, open_window, settle  # noqa: F401 (open_window: the fixture)

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _changes(window):
    seen = []
    window.workspace.changes.changed.connect(seen.append)
    return seen


def test_data_changed_reloads_the_sidebar(qtbot, open_window, add_source, store):  # noqa: F811 (the fixture)
    """The sidebar lists the sources again: a reading stored elsewhere shows as the last one."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0"))
    window = open_window()
    store(source, make_reading(source, LAST_WEEK + timedelta(days=2), "150.0"))

    with qtbot.waitSignal(window.workspace.sources.sources_loaded):
        window.workspace.changes.notify(What.READINGS, [source.id])
    settle(qtbot, window)

    assert window.sources_model.summary_at(0).last_reading_at == LAST_WEEK + timedelta(days=2)


def test_data_changed_reloads_the_readings_of_the_shown_source_only(qtbot, open_window, add_source, store):  # noqa: F811 (the fixture)
    """The readings table reloads for a change of its source, and not for another source's."""
    house = add_source("House")
    garden = add_source("Garden")
    store(house, make_reading(house, LAST_WEEK, "100.0"))
    window = open_window()
    window.open_source(house.id)
    settle(qtbot, window)
    assert window.readings_model.rowCount() == 1
    store(house, make_reading(house, LAST_WEEK + timedelta(days=1), "110.0"))

    resets = []
    window.workspace.readings.reset.connect(lambda *args: resets.append(args))
    window.workspace.changes.notify(What.READINGS, [garden.id])
    settle(qtbot, window)
    assert resets == []
    assert window.readings_model.rowCount() == 1

    with qtbot.waitSignal(window.workspace.readings.reset):
        window.workspace.changes.notify(What.READINGS, [house.id])
    settle(qtbot, window)
    assert window.readings_model.rowCount() == 2


def test_data_changed_recomputes_the_dashboard_when_shown(qtbot, open_window, add_source, store):  # noqa: F811 (the fixture)
    """On the dashboard, the cards are computed again."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0"))
    window = open_window(page="dashboard")
    assert window.findChild(QWidget, "dashboardPage").isVisible()
    qtbot.waitUntil(lambda: window._dashboard_vm is not None and not window._dashboard_vm._tasks)

    with qtbot.waitSignal(window._dashboard_vm.cards_loaded, timeout=20_000):
        window.workspace.changes.notify(What.READINGS, [source.id])
    settle(qtbot, window)


def test_data_changed_refreshes_the_reports(qtbot, open_window, add_source, store):  # noqa: F811 (the fixture)
    """The Reports tab builds its report again."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0"), make_reading(source, LAST_WEEK + timedelta(days=1), "104"))
    window = open_window()
    window.show_reports()
    qtbot.waitUntil(lambda: window.source_page.reports_page is not None, timeout=20_000)
    vm = window.source_page.reports_page.vm
    qtbot.waitUntil(lambda: not vm.busy and vm.report is not None, timeout=20_000)

    with qtbot.waitSignal(vm.report_loaded, timeout=20_000):
        window.workspace.changes.notify(What.READINGS, [source.id])
    settle(qtbot, window)


def test_data_changed_once_per_committed_delete(qtbot, open_window, add_source, store):  # noqa: F811 (the fixture)
    """Deleting readings says so once, naming the source; the pages catch up from it alone."""
    source = add_source("House")
    store(source, make_reading(source, LAST_WEEK, "100.0"), make_reading(source, LAST_WEEK + timedelta(days=1), "110"))
    window = open_window()
    seen = _changes(window)

    window.run(window.workspace.readings.delete([window.readings_model.reading_at(0).reading.id]))
    qtbot.waitUntil(lambda: len(seen) == 1)
    settle(qtbot, window)

    assert seen == [DataChange(What.READINGS, frozenset({source.id}))]
    assert window.readings_model.rowCount() == 1
    assert window.sources_model.summary_at(0).last_reading_at == LAST_WEEK


def test_data_changed_once_per_archived_source(qtbot, open_window, add_source):  # noqa: F811 (the fixture)
    """Archiving a source says so once; the sidebar lists what is left and shows it."""
    add_source("House")
    garden = add_source("Garden")
    window = open_window()
    window.open_source(garden.id)
    settle(qtbot, window)
    seen = _changes(window)

    window.action(Act.ARCHIVE_SOURCE).trigger()
    qtbot.waitUntil(lambda: len(seen) == 1)
    settle(qtbot, window)

    assert seen[0].source_ids == frozenset({garden.id}) and seen[0].what & What.SOURCES
    assert window.sources_model.rowCount() == 1
    assert window.current_source().name == "House"


def test_data_changed_refresh_is_everything(qtbot, open_window, add_source):  # noqa: F811 (the fixture)
    """F5 (Refresh) is a change of everything, for every source."""
    add_source("House")
    window = open_window()
    seen = _changes(window)
    window.action(Act.REFRESH).trigger()
    settle(qtbot, window)
    assert seen == [DataChange(What.EVERYTHING)]
    assert seen[0].touches(12345)
