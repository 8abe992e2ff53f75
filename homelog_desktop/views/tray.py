"""The system tray's reminders of due meters (``QSystemTrayIcon``).

While Home Log runs, a tray icon offers the window and the meter round; when meters are due it
shows a notification at start and then once a day (``RemindersViewModel``), and clicking the
notification opens the meter round. Where the desktop has no tray, the reminder goes to the
window's status bar instead. Reminders can be turned off (Reading → Remind Me of Due Readings),
which is remembered.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from .. import APP_NAME
from ..domain.reminders import Reminder
from ..domain.timeutil import utc_now
from ..i18n import translate
from ..viewmodels.reminders import RemindersViewModel
from .icons import app_icon

#: QSettings key of the on/off choice.
ENABLED_KEY = "reminders/enabled"
#: How often a running Home Log looks whether a new day's reminder is due.
CHECK_MS = 60 * 60 * 1000
#: How long a notification stays (the desktop may shorten it).
MESSAGE_MS = 15_000


def reminders_enabled(settings: QSettings) -> bool:
    return bool(settings.value(ENABLED_KEY, True, type=bool))


class TrayReminders(QObject):
    """The tray icon and its reminders for one window.

    ``show_window`` brings the window forward; ``open_round`` opens the meter round.
    """

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        show_window: Callable[[], None],
        open_round: Callable[[], None],
        toggle: QAction,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._open_round = open_round
        self.vm = RemindersViewModel(reminders_enabled(settings), self)
        self.vm.remind.connect(self._show)
        #: Every reminder shown (newest last), for tests and the status bar fallback.
        self.shown: list[Reminder] = []
        self.tray = QSystemTrayIcon(app_icon(), window)
        self.tray.setToolTip(APP_NAME)
        menu = QMenu(window)
        menu.addAction(translate("TrayReminders", "Show {app}").format(app=APP_NAME), show_window)
        menu.addAction(translate("TrayReminders", "Meter Round…"), open_round)
        menu.addSeparator()
        menu.addAction(toggle)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(self._on_activated)
        self.tray.messageClicked.connect(self._on_message_clicked)
        self._show_window = show_window
        toggle.setChecked(self.vm.enabled)
        toggle.toggled.connect(self.set_enabled)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(lambda: self.vm.check(utc_now()))
        self._timer.start()
        self._sync_visibility()

    @property
    def has_tray(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def set_enabled(self, enabled: bool) -> None:
        self._settings.setValue(ENABLED_KEY, enabled)
        self.vm.set_enabled(enabled)
        self._sync_visibility()
        if enabled:
            self.vm.check(utc_now())

    def close(self) -> None:
        self._timer.stop()
        self.tray.hide()

    def _sync_visibility(self) -> None:
        self.tray.setVisible(self.vm.enabled and self.has_tray)

    def _show(self, reminder: Reminder) -> None:
        self.shown.append(reminder)
        if self.tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(reminder.title, reminder.text, app_icon(), MESSAGE_MS)
        else:
            status = self._window.statusBar()
            status.showMessage(
                f"{reminder.title}: {reminder.names} " + translate("TrayReminders", "(Ctrl+R: meter round)"), 60_000
            )

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self._show_window()

    def _on_message_clicked(self) -> None:
        self._show_window()
        self._open_round()
