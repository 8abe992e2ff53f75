"""Reminders of due meters in the window: the tray icon's notification (or the status bar where the
desktop has no tray), clicking it opens the meter round, and the choice to turn them off is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog

from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.viewmodels.workspace import make_workspace
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from homelog_desktop.views.tray import ENABLED_KEY
from tests.conftest import make_reading

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def open_window(qtbot, run, db, db_path):
    opened = []

    def opener(*, is_sample=False):
        window = MainWindow()
        qtbot.addWidget(window, before_close_func=lambda w: w.unbind())
        workspace = make_workspace(db, str(db_path), is_sample=is_sample)
        opened.append(workspace)
        with qtbot.waitSignal(window.first_data_shown):
            window.bind(workspace)
            window.show()
        return window

    yield opener
    for workspace in opened:
        run(workspace.close())


@pytest.fixture
def due(add_source, store):
    """A weekly meter last read ten days ago, and one read yesterday."""
    water = add_source("Water")
    store(water, make_reading(water, utc_now() - timedelta(days=10), "100.0"))
    power = add_source("Power")
    store(power, make_reading(power, utc_now() - timedelta(days=1), "100.0"))
    return water


def test_due_meter_is_reminded_at_start(qtbot, due, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: window.reminders is not None and bool(window.reminders.shown))
    (reminder,) = window.reminders.shown
    assert reminder.title == "A meter reading is due"
    assert reminder.names == "Water"
    if not window.reminders.tray.isVisible():  # offscreen: no tray, the status bar says it
        assert window.statusBar().currentMessage() == "A meter reading is due: Water (Ctrl+R: meter round)"
    assert window.action(Act.REMINDERS).isChecked()


def test_clicking_the_notification_opens_the_meter_round(qtbot, due, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: window.reminders is not None and bool(window.reminders.shown))
    window.reminders.tray.messageClicked.emit()
    qtbot.waitUntil(
        lambda: any(d.objectName() == "meterRoundDialog" and d.isVisible() for d in window.findChildren(QDialog))
    )
    for dialog in window.findChildren(QDialog):
        dialog.reject()


def test_turned_off_stays_off_and_reminds_nothing(qtbot, due, open_window):
    first = open_window()
    qtbot.waitUntil(lambda: first.reminders is not None and bool(first.reminders.shown))
    first.action(Act.REMINDERS).trigger()  # off
    assert first._settings.value(ENABLED_KEY, True, type=bool) is False
    assert not first.reminders.tray.isVisible()
    second = open_window()
    assert second.reminders is not None
    assert not second.action(Act.REMINDERS).isChecked()
    qtbot.waitUntil(lambda: second.workspace is not None and second.workspace.sources.loaded)
    assert second.reminders.shown == []
    second.action(Act.REMINDERS).trigger()  # on again: today's reminder comes at once
    assert [r.names for r in second.reminders.shown] == ["Water"]


def test_sample_household_reminds_nothing(qtbot, due, open_window):
    window = open_window(is_sample=True)
    assert window.reminders is None
