"""The annual figure from the recent daily rate, and the last twelve months to compare it with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal

from .consumption import DAY_SECONDS, Curve, Moment, moment_year_earlier, to_decimal
from .costs import TariffPlan, span_costs

#: Days of data (up to the last reading) the recent daily rate is taken over.
RECENT_DAYS = 90
#: Less data than this gives no projection (one reading a few hours after another says little).
MIN_SPAN_DAYS = 1
DAYS_PER_YEAR = 365


@dataclass(frozen=True, slots=True)
class ProjectionFigures:
    daily_rate: Decimal
    annual_consumption: Decimal
    annual_cost: Decimal | None
    last_year_consumption: Decimal | None
    last_year_cost: Decimal | None


def project(
    curve: Curve, plan: TariffPlan, tz: tzinfo, places: int, *, recent_days: int = RECENT_DAYS
) -> ProjectionFigures | None:
    """Annual consumption = the daily rate over the last ``recent_days`` days of data × 365; its cost
    at the tariff in force at the last reading (unit price × consumption + 365 × standing charge).

    With a year of data, the consumption and cost of the twelve months up to the last reading.
    """
    if curve.is_empty or curve.end - curve.start < MIN_SPAN_DAYS * DAY_SECONDS:
        return None
    end = curve.end
    start = max(curve.start, end - recent_days * DAY_SECONDS)
    rate = float(curve.between([start], [end])[0]) / ((end - start) / DAY_SECONDS)
    annual = to_decimal(rate * DAYS_PER_YEAR, places)
    tariff = plan.in_force(end)
    annual_cost = annual * tariff.unit_price + DAYS_PER_YEAR * tariff.standing_charge if tariff is not None else None
    last_year = last_year_cost = None
    tail = Moment.at(end, tz)
    head = moment_year_earlier(tail, tz)
    if curve.start <= head.epoch:
        last_year = to_decimal(float(curve.between([head.epoch], [end])[0]), places)
        last_year_cost = span_costs(curve, plan, [(head, tail)], places)[0]
    return ProjectionFigures(to_decimal(rate, places), annual, annual_cost, last_year, last_year_cost)
