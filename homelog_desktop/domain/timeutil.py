"""Conversions between stored UTC epoch seconds and local, timezone-aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def to_epoch(moment: datetime) -> int:
    """Whole seconds since the epoch; ``moment`` must be timezone-aware."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def to_local(moment: datetime) -> datetime:
    """The same moment in the computer's local time zone."""
    return moment.astimezone()
