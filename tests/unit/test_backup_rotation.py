"""Rotation of backups: the newest ten plus the newest of each of the last twelve months."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.db.backup_files import backup_name, parse_backup_name
from homelog_desktop.services.backups import KEEP_LAST, KEEP_MONTHS, to_delete

NOW = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)

moments = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 11, 24, 21, 30), timezones=st.just(UTC))


def month_index(moment: datetime) -> int:
    return moment.year * 12 + moment.month - 1


def test_backup_rotation_keeps_everything_up_to_ten():
    """Ten or fewer backups, however old, are all kept."""
    old = [datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=40 * i) for i in range(KEEP_LAST)]
    assert to_delete(old, NOW) == set()


def test_backup_rotation_of_a_year_of_daily_backups():
    """A year of daily backups: the ten newest plus one per month for the twelve months up to now."""
    days = [NOW - timedelta(days=d) for d in range(400)]
    doomed = to_delete(days, NOW)
    kept = sorted((days[i] for i in range(len(days)) if i not in doomed), reverse=True)
    assert kept[:KEEP_LAST] == days[:KEEP_LAST]
    older = kept[KEEP_LAST:]
    # The current month (November, 24 days) is covered by the newest ten; one for each of the 11 before.
    assert [(m.year, m.month) for m in older] == [(2026, m) for m in range(10, 0, -1)] + [(2025, 12)]
    assert all(m.day == (datetime(m.year + m.month // 12, m.month % 12 + 1, 1) - timedelta(days=1)).day for m in older)
    assert len(kept) == KEEP_LAST + 11


def test_backup_rotation_deletes_nothing_new_and_nothing_twice():
    """Applying rotation to what it kept deletes nothing more (it is stable)."""
    days = [NOW - timedelta(hours=7 * i) for i in range(500)]
    doomed = to_delete(days, NOW)
    kept = [days[i] for i in range(len(days)) if i not in doomed]
    assert to_delete(kept, NOW) == set()


@settings(max_examples=300, deadline=None)
@given(st.lists(moments, max_size=60))
def test_backup_rotation_properties(created):
    """For any set of backup times: the newest ten stay, each recent month keeps its newest, nothing else."""
    doomed = to_delete(created, NOW)
    assert doomed <= set(range(len(created)))
    kept = [created[i] for i in range(len(created)) if i not in doomed]
    newest = sorted(created, reverse=True)[:KEEP_LAST]
    assert sorted(newest) == sorted(sorted(kept, reverse=True)[: len(newest)])
    first_month = month_index(NOW) - (KEEP_MONTHS - 1)
    for month in {month_index(c) for c in created if month_index(c) >= first_month}:
        in_month = [c for c in created if month_index(c) == month]
        assert max(in_month) in kept, "the newest backup of a recent month is kept"
    for i in doomed:
        moment = created[i]
        assert moment <= min(newest)  # (equal times: one of them goes)
        month = month_index(moment)
        assert month < first_month or any(month_index(k) == month and k >= moment for k in kept)
    assert len(kept) <= KEEP_LAST + KEEP_MONTHS
    assert to_delete(kept, NOW) == set()


@given(moments, st.sampled_from(["manual", "daily", "before-migration", "before-restore"]), st.integers(1, 5))
def test_backup_names_sort_by_time_and_read_back(created, reason, n):
    """A backup's name gives back its UTC time (to the second) and reason; names sort like times."""
    name = backup_name("homelog", created, reason, n)
    assert parse_backup_name(name) == (created.replace(microsecond=0), reason)
    later = backup_name("homelog", created + timedelta(seconds=1), reason)
    assert later > backup_name("homelog", created, reason)


def test_backup_names_of_other_files_are_not_backups():
    """Temporary, damaged and foreign files are not taken for backups."""
    for name in (".homelog-20261124T213005Z-daily.db.123.partial", "homelog.db", "notes.txt", "homelog-2026-daily.db"):
        assert parse_backup_name(name) is None
