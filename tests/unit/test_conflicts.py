"""The rule for two people saving the same row (domain/conflicts.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from homelog_desktop.domain.conflicts import UNKNOWN, changed_items, is_stale, refuse_stale
from homelog_desktop.domain.errors import ConflictError, HomeLogError
from homelog_desktop.domain.timeutil import to_local


def test_conflicts_a_save_from_the_stored_version_is_not_stale() -> None:
    """The version read is still the stored one: the save goes ahead."""
    assert not is_stale(3, 3)
    refuse_stale("reading", 3, 3, "Ann", None)


def test_conflicts_an_unknown_version_is_never_stale() -> None:
    """A new row, or a caller that does not track versions, is not checked."""
    assert not is_stale(UNKNOWN, 7)


def test_conflicts_a_stale_save_is_refused_naming_who_and_when() -> None:
    """Another save came in between: ConflictError names the member, the local time and the version now."""
    at = datetime(2026, 12, 3, 13, 5, tzinfo=UTC)
    with pytest.raises(ConflictError) as caught:
        refuse_stale("reading", 2, 3, "Ann", at)
    error = caught.value
    assert isinstance(error, HomeLogError)
    assert error.current_version == 3 and error.changed_by == "Ann" and error.what == "reading"
    assert error.changed_at == to_local(at).strftime("%Y-%m-%d %H:%M")
    assert str(error).startswith(f"This reading was changed by Ann at {error.changed_at}, after you opened it.")


def test_conflicts_an_unknown_author_is_said_so() -> None:
    """Without a signed-in member (a local notebook, psql) the message still says what happened."""
    with pytest.raises(ConflictError, match="changed by someone else"):
        refuse_stale("source", 1, 2, None, None)


def test_conflicts_changed_items_finds_changed_added_and_deleted() -> None:
    """Of a list saved as a whole: other versions, new ids and vanished ids all count."""
    assert changed_items({1: 1, 2: 1, 3: 4}, {1: 1, 2: 2, 4: 1}) == {2, 3, 4}
    assert changed_items({1: 1}, {1: 1}) == set()
