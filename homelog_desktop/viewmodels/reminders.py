"""Reminders of due meters: fed with the sources as they load, told the time, says when to remind."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from ..domain.entities import SourceSummary
from ..domain.reminders import Reminder, due_reminder, remind_today


class RemindersViewModel(QObject):
    """``remind(Reminder)`` at start and at most once a day while meters are due (unless turned off).

    ``sources_loaded`` of the sources view model feeds ``update``; a timer of the view calls
    ``check`` (hourly), so that a day that starts while Home Log runs brings its reminder.
    """

    remind = Signal(object)

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._summaries: list[SourceSummary] = []
        self._loaded = False
        self.last_reminded: date | None = None

    def update(self, summaries: list[SourceSummary], now: datetime) -> None:
        """The sources were (re)loaded at ``now``; remind if today's reminder is still to come."""
        self._summaries = [s for s in summaries if not s.source.archived]
        self._loaded = True
        self.check(now)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled

    def check(self, now: datetime) -> Reminder | None:
        """Remind now if it is time (``now`` is tz-aware; the day is the computer's local day)."""
        if not self.enabled or not self._loaded:
            return None
        today = now.astimezone().date()
        if not remind_today(self.last_reminded, today):
            return None
        reminder = due_reminder(self._summaries, now)
        if reminder is None:
            return None  # nothing due now: a meter that falls due later today still gets its reminder
        self.last_reminded = today
        self.remind.emit(reminder)
        return reminder
