"""The dashboard: one card per source with its last reading, this month, cost so far and projection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal

from ..db.handle import SessionProvider
from ..domain.entities import Metric, SourceSummary


@dataclass(frozen=True, slots=True)
class SourceCard:
    summary: SourceSummary  # source + last_reading_at (is_overdue(now) for colour)
    metric: Metric | None  # the metric the card shows (first counter, else first interval/gauge)
    last_value: Decimal | None
    month_so_far: Decimal | None  # this calendar month up to now
    same_month_last_year: Decimal | None  # the same span a year earlier (1st .. same day/time)
    ytd_cost: Decimal | None
    currency: str | None
    projected_annual: Decimal | None
    projected_annual_cost: Decimal | None


async def dashboard_cards(
    db: SessionProvider, now: datetime | None = None, tz: tzinfo | None = None
) -> list[SourceCard]:
    """A card per non-archived source, in sidebar order."""
    raise NotImplementedError
