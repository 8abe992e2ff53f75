"""The projected year, and the last twelve months to compare it with.

Two methods, and the figures say which one was used:

- **Seasonal** (with a year of history): this calendar year so far, plus the rest of the year as
  last year had it, scaled by how this year compares with last year. A gas meter read in November
  then projects its winter, not its summer rate, onto December. The scale is the consumption of
  the comparison window (this year so far, or the last ``recent_days`` days when the year is
  younger than that) over the same window a year earlier.
- **Recent rate** (less than a year of history, or nothing to compare with last year): the daily
  rate over the last ``recent_days`` days of data × 365.

Figures are exact (``exact``), rounded once for display. The projected cost prices the projected
part at the tariff in force at the last reading (unit price × consumption + days × standing
charge); the seasonal cost adds what this year has cost so far.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, tzinfo
from decimal import Decimal

from .consumption import DAY_SECONDS, Curve, Moment, exact, moment_year_earlier
from .costs import TariffPlan, span_costs

#: Days of data (up to the last reading) the recent daily rate is taken over.
RECENT_DAYS = 90
#: Less data than this gives no projection (one reading a few hours after another says little).
MIN_SPAN_DAYS = 1
DAYS_PER_YEAR = 365


class ProjectionMethod(enum.StrEnum):
    """How the projected year was worked out."""

    #: This year so far + the rest of last year × this year's scale (needs a year of history).
    SEASONAL = "seasonal"
    #: The recent daily rate × 365.
    RECENT_RATE = "recent_rate"


@dataclass(frozen=True, slots=True)
class ProjectionFigures:
    daily_rate: Decimal  # over the last ``recent_days`` days of data
    annual_consumption: Decimal
    annual_cost: Decimal | None
    last_year_consumption: Decimal | None  # the twelve months up to the last reading
    last_year_cost: Decimal | None
    method: ProjectionMethod = ProjectionMethod.RECENT_RATE
    #: Seasonal: this year compared with last year over the comparison window (1.1 = 10 % more).
    scale: Decimal | None = None
    #: Seasonal: the calendar year projected.
    year: int | None = None


def project(
    curve: Curve, plan: TariffPlan, tz: tzinfo, places: int, *, recent_days: int = RECENT_DAYS
) -> ProjectionFigures | None:
    """The projected year of ``curve`` (see the module's docstring); None with under a day of data."""
    if curve.is_empty or curve.end - curve.start < MIN_SPAN_DAYS * DAY_SECONDS:
        return None
    end = curve.end
    tail = Moment.at(end, tz)
    start = max(curve.start, end - recent_days * DAY_SECONDS)
    # The rate of the time with data: a gap between an interval metric's periods is not zero use.
    seconds = int(curve.covered([start], [end])[0])
    if seconds <= 0:
        return None
    rate = float(curve.between([start], [end])[0]) / (seconds / DAY_SECONDS)
    tariff = plan.in_force(end)
    last_year = last_year_cost = None
    head = moment_year_earlier(tail, tz)
    if curve.start <= head.epoch:
        last_year = exact(float(curve.between([head.epoch], [end])[0]))
        last_year_cost = span_costs(curve, plan, [(head, tail)], places)[0]
        seasonal = _seasonal(curve, plan, tz, places, tail, recent_days)
        if seasonal is not None:
            annual, annual_cost, scale, year = seasonal
            return ProjectionFigures(
                exact(rate), annual, annual_cost, last_year, last_year_cost, ProjectionMethod.SEASONAL, scale, year
            )
    annual = exact(rate * DAYS_PER_YEAR)
    annual_cost = annual * tariff.unit_price + DAYS_PER_YEAR * tariff.standing_charge if tariff is not None else None
    return ProjectionFigures(exact(rate), annual, annual_cost, last_year, last_year_cost)


def _seasonal(
    curve: Curve, plan: TariffPlan, tz: tzinfo, places: int, tail: Moment, recent_days: int
) -> tuple[Decimal, Decimal | None, Decimal, int] | None:
    """(year's consumption, its cost, scale, year) by last year's profile; None if it cannot compare."""
    year = tail.local(tz).year
    found = _seasonal_period(curve, plan, tz, places, tail, recent_days, date(year, 1, 1), date(year + 1, 1, 1))
    if found is None:
        return None
    so_far, so_far_cost, rest, rest_cost, scale = found
    cost = so_far_cost + rest_cost if so_far_cost is not None and rest_cost is not None else None
    return so_far + rest, cost, scale, year


def _seasonal_period(
    curve: Curve, plan: TariffPlan, tz: tzinfo, places: int, tail: Moment, recent_days: int, first: date, after: date
) -> tuple[Decimal, Decimal | None, Decimal, Decimal | None, Decimal] | None:
    """A year-long period ``first``..``after`` (local dates, the last reading ``tail`` inside it) by last
    year's profile: (so far, its cost, the rest projected, its cost, scale); None if it cannot compare."""
    end = tail.epoch
    year_start = Moment.at_date(first, tz)
    year_end = Moment.at_date(after, tz)
    rest_last_year = (moment_year_earlier(tail, tz), year_start)
    # The comparison window: this year so far, at least ``recent_days`` days, within the history.
    window_start = min(year_start.epoch, end - recent_days * DAY_SECONDS)
    window = Moment.at(window_start, tz)
    then_start, then_end = moment_year_earlier(window, tz), rest_last_year[0]
    if then_start.epoch < curve.start:
        then_start = Moment.at(curve.start, tz)
        window = Moment.at(_year_later(then_start, tz), tz)
    if window.epoch >= end:
        return None
    now_amount = exact(float(curve.between([window.epoch], [end])[0]))
    then_amount = exact(float(curve.between([then_start.epoch], [then_end.epoch])[0]))
    if then_amount <= 0 or now_amount < 0:
        return None
    # Rates per day, so a window holding 29 February a year ago compares like for like.
    scale = (now_amount / (tail.day - window.day)) / (then_amount / (then_end.day - then_start.day))
    so_far = exact(float(curve.between([year_start.epoch], [end])[0]))
    rest_then = exact(float(curve.between([rest_last_year[0].epoch], [rest_last_year[1].epoch])[0]))
    # Last year's rest per day, over this year's rest (a day fewer when last year had 29 February).
    rest = rest_then * scale * (year_end.day - tail.day) / (rest_last_year[1].day - rest_last_year[0].day)
    tariff = plan.in_force(end)
    so_far_cost = rest_cost = None
    if tariff is not None:
        so_far_cost = span_costs(curve, plan, [(year_start, tail)], places)[0]
        rest_cost = rest * tariff.unit_price + (year_end.day - tail.day) * tariff.standing_charge
    return so_far, so_far_cost, rest, rest_cost, scale


@dataclass(frozen=True, slots=True)
class PeriodForecast:
    """A year-long period (a billing year) from its start to the last reading, and the rest projected."""

    #: Consumption and its cost from the period's start (or the first reading after it) to the last reading.
    so_far: Decimal
    so_far_cost: Decimal | None
    #: The rest of the period after the last reading, projected, and its cost at the tariff in force.
    rest: Decimal
    rest_cost: Decimal | None
    method: ProjectionMethod
    scale: Decimal | None = None
    #: The data begin after the period's start: ``so_far`` covers only the part from this date.
    partial_from: date | None = None

    @property
    def consumption(self) -> Decimal:
        return self.so_far + self.rest

    @property
    def cost(self) -> Decimal | None:
        if self.so_far_cost is None or self.rest_cost is None:
            return None
        return self.so_far_cost + self.rest_cost


def forecast_period(
    curve: Curve, plan: TariffPlan, tz: tzinfo, places: int, first: date, after: date, *, recent_days: int = RECENT_DAYS
) -> PeriodForecast | None:
    """The period ``first``..``after`` (local dates, exclusive end) so far and projected to its end,
    with the projection methods of ``project`` (last year's profile with a year of history, else
    the recent rate); None with under a day of data or when the last reading is not in the period."""
    if curve.is_empty or curve.end - curve.start < MIN_SPAN_DAYS * DAY_SECONDS:
        return None
    head, stop = Moment.at_date(first, tz), Moment.at_date(after, tz)
    tail = Moment.at(curve.end, tz)
    if not head.epoch <= tail.epoch < stop.epoch:
        return None
    if curve.start <= moment_year_earlier(tail, tz).epoch and curve.start <= head.epoch:
        seasonal = _seasonal_period(curve, plan, tz, places, tail, recent_days, first, after)
        if seasonal is not None:
            so_far, so_far_cost, rest, rest_cost, scale = seasonal
            return PeriodForecast(so_far, so_far_cost, rest, rest_cost, ProjectionMethod.SEASONAL, scale)
    start = max(curve.start, curve.end - recent_days * DAY_SECONDS)
    seconds = int(curve.covered([start], [curve.end])[0])
    if seconds <= 0:
        return None
    rate = exact(float(curve.between([start], [curve.end])[0]) / (seconds / DAY_SECONDS))
    begin = head if curve.start <= head.epoch else Moment.at(curve.start, tz)
    so_far = exact(float(curve.between([begin.epoch], [tail.epoch])[0]))
    so_far_cost = span_costs(curve, plan, [(begin, tail)], places)[0]
    rest_days = stop.day - tail.day
    rest = rate * rest_days
    tariff = plan.in_force(curve.end)
    rest_cost = rest * tariff.unit_price + rest_days * tariff.standing_charge if tariff is not None else None
    partial = begin.date if begin.epoch > head.epoch else None
    return PeriodForecast(so_far, so_far_cost, rest, rest_cost, ProjectionMethod.RECENT_RATE, partial_from=partial)


def _year_later(moment: Moment, tz: tzinfo) -> int:
    """Epoch of the same local date and time one year after ``moment`` (29 February: 1 March)."""
    local = moment.local(tz)
    try:
        shifted = local.replace(year=local.year + 1)
    except ValueError:
        shifted = local.replace(year=local.year + 1, month=3, day=1)
    return int(shifted.timestamp())
