"""Reminders of due meters: who is due, what the reminder says, once at start and once a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from homelog_desktop.domain.entities import Source, SourceSummary
from homelog_desktop.domain.reminders import due_reminder, due_sources, remind_today
from homelog_desktop.viewmodels.reminders import RemindersViewModel

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _summary(source_id: int, name: str, days: int | None, last_days_ago: float | None, archived: bool = False):
    source = Source(source_id, name, interval_days=days, archived=archived)
    last = None if last_days_ago is None else NOW - timedelta(days=last_days_ago)
    return SourceSummary(source, last)


def test_due_sources_longest_waiting_first_never_read_before_all():
    summaries = [
        _summary(1, "Water", 7, 8),
        _summary(2, "Gas", 30, 45),
        _summary(3, "New meter", 7, None),
        _summary(4, "Fresh", 7, 1),
        _summary(5, "No interval", None, 400),
        _summary(6, "Archived", 7, 100, archived=True),
    ]
    assert [s.source.name for s in due_sources(summaries, NOW)] == ["New meter", "Gas", "Water"]


def test_reminder_texts():
    one = due_reminder([_summary(1, "Water", 7, 8)], NOW)
    assert one is not None
    assert one.title == "A meter reading is due"
    assert one.names == "Water"
    assert one.text == "Water. Click to enter them in the meter round."
    many = due_reminder([_summary(i, f"Meter {i}", 7, 10 + i) for i in range(1, 6)], NOW)
    assert many is not None
    assert many.title == "5 meter readings are due"
    assert many.names == "Meter 5, Meter 4, Meter 3 and 2 more"
    assert many.source_ids == (5, 4, 3, 2, 1)
    assert due_reminder([_summary(1, "Fresh", 7, 1)], NOW) is None


def test_remind_at_start_then_once_a_day():
    assert remind_today(None, date(2026, 11, 20))
    assert not remind_today(date(2026, 11, 20), date(2026, 11, 20))
    assert remind_today(date(2026, 11, 20), date(2026, 11, 21))
    assert not remind_today(date(2026, 11, 21), date(2026, 11, 20))  # the clock went back


def test_view_model_reminds_at_load_then_next_day_only(qapp):
    vm = RemindersViewModel()
    shown = []
    vm.remind.connect(shown.append)
    assert vm.check(NOW) is None  # nothing loaded yet
    vm.update([_summary(1, "Water", 7, 8)], NOW)
    assert [r.names for r in shown] == ["Water"]
    vm.update([_summary(1, "Water", 7, 8)], NOW + timedelta(hours=3))  # a reload the same day
    assert vm.check(NOW + timedelta(hours=5)) is None
    assert len(shown) == 1
    assert vm.check(NOW + timedelta(days=1)) is not None
    assert len(shown) == 2


def test_view_model_nothing_due_keeps_todays_reminder_for_later(qapp):
    vm = RemindersViewModel()
    shown = []
    vm.remind.connect(shown.append)
    vm.update([_summary(1, "Water", 7, 6.9)], NOW)  # due in a few hours
    assert shown == []
    assert vm.check(NOW + timedelta(hours=4)) is not None  # it fell due: today's reminder comes


def test_view_model_turned_off_says_nothing(qapp):
    vm = RemindersViewModel(enabled=False)
    shown = []
    vm.remind.connect(shown.append)
    vm.update([_summary(1, "Water", 7, 8)], NOW)
    assert shown == []
    vm.set_enabled(True)
    assert vm.check(NOW) is not None
