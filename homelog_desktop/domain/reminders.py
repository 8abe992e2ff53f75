"""When to remind the household of due meters, and what the reminder says (pure).

A source with an expected reading interval is due when the interval has passed since its last
reading (``SourceSummary.is_overdue``). The reminder names the due sources (the first few, then
how many more); it is given when Home Log starts and then at most once a calendar day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..i18n import translate
from .entities import SourceSummary

#: How many source names a reminder lists before "and N more".
LISTED = 3


@dataclass(frozen=True, slots=True)
class Reminder:
    title: str
    #: The due sources: "Electricity, Water and 2 more".
    names: str
    #: The notification's text (the names and what clicking it does).
    text: str
    source_ids: tuple[int, ...]


def due_sources(summaries: Sequence[SourceSummary], now: datetime) -> list[SourceSummary]:
    """The due sources, the longest waiting first (never read at all before everything else)."""
    due = [s for s in summaries if s.is_overdue(now)]
    return sorted(due, key=lambda s: (s.last_reading_at is not None, s.last_reading_at or now, s.source.name.lower()))


def due_reminder(summaries: Sequence[SourceSummary], now: datetime) -> Reminder | None:
    """The reminder for ``summaries`` at ``now``; None when no meter is due."""
    due = due_sources(summaries, now)
    if not due:
        return None
    names = [s.source.name for s in due[:LISTED]]
    more = len(due) - len(names)
    listed = ", ".join(names) + (translate("Reminders", " and %n more", None, more) if more else "")
    title = (
        translate("Reminders", "A meter reading is due")
        if len(due) == 1
        else translate("Reminders", "%n meter readings are due", None, len(due))
    )
    text = translate("Reminders", "{names}. Click to enter them in the meter round.").format(names=listed)
    return Reminder(title, listed, text, tuple(s.source.id for s in due if s.source.id is not None))


def remind_today(last_reminded: date | None, today: date) -> bool:
    """Whether to remind now: at start (never reminded yet), then once each new calendar day."""
    return last_reminded is None or today > last_reminded
