"""Reports: a metric's consumption, cost and comparison per calendar period (the Reports page and CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from decimal import Decimal

from ..db.handle import SessionProvider
from ..domain.consumption import Period, Series
from ..domain.entities import Metric, Source


@dataclass(frozen=True, slots=True)
class ReportRow:
    start: date  # first local day of the period
    end: date  # exclusive
    consumption: Decimal | None  # counters: allocated; intervals: summed; gauges: None
    days: Decimal  # days of the period covered by readings (fractional)
    avg_per_day: Decimal | None
    cost: Decimal | None  # None when the metric has no tariff for the period
    last_year: Decimal | None  # consumption of the same period a year earlier (None if not covered)
    change: Decimal | None  # (consumption - last_year) / last_year, e.g. Decimal("0.125") = +12.5 %
    mean: Decimal | None = None  # gauges only
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Projection:
    daily_rate: Decimal  # recent rate (e.g. last 30–90 days of data)
    annual_consumption: Decimal
    annual_cost: Decimal | None
    last_year_consumption: Decimal | None  # the previous 365 days, when a year of history exists
    last_year_cost: Decimal | None


@dataclass(frozen=True, slots=True)
class Report:
    source: Source
    metric: Metric
    period: Period
    start: date | None
    end: date | None
    rows: list[ReportRow]  # oldest first
    currency: str | None
    total_consumption: Decimal | None
    total_cost: Decimal | None
    projection: Projection | None


async def load_series(db: SessionProvider, metric_id: int) -> Series:
    """A metric's (ts, value) pairs, oldest first, without ORM objects."""
    raise NotImplementedError


async def build_report(
    db: SessionProvider,
    source_id: int,
    metric_id: int,
    period: Period,
    start: date | None = None,
    end: date | None = None,
    tz: tzinfo | None = None,
) -> Report:
    """The report of one metric per ``period`` from ``start`` to ``end`` (local dates, end exclusive)."""
    raise NotImplementedError


def report_csv(report: Report) -> str:
    """CSV: period_start,period_end,consumption,days,avg_per_day,cost."""
    raise NotImplementedError
