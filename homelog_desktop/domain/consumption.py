"""Consumption per calendar period: counters allocated pro rata, intervals summed, gauges summarised.

Pure (numpy, no Qt, no SQLAlchemy). The model:

- A counter's readings define a cumulative curve ``G(t)``: consumption since the first reading.
  Between two consecutive readings it rises linearly (consumption spread evenly over the time
  between them), so the consumption of any span is ``G(b) - G(a)``: a calendar bucket gets its
  share pro rata to the time it covers. Only the span from the first to the last reading has
  values; outside it nothing is assumed.
- Meter events make the curve continuous: a replacement or reset adds a known point at its moment
  (the old register's final value) and shifts every later reading by ``old - new``; a rollover
  shifts later readings by ``10**digits``. Events outside the span of the readings change nothing.
- An interval metric's value is an amount over its own period [start, end) (the reading's time is
  the end): the curve rises evenly over each period and stays flat between periods. Time that no
  period covers is a gap: ``Curve.covered`` measures the seconds with data, so a report says "not
  covered" instead of 0, and a year's bill is one amount spread over its year. A value with no
  known start (the first value of a metric stored before periods were kept) is not counted
  (``Curve.unknown`` says how many). A value whose period has no length is consumption at that
  instant.
- Two values at the same instant are consumption at that instant (it falls in the bucket whose
  span ends at or after it, so sums over adjacent buckets always add up).
- Gauges are not cumulative: a bucket gets the mean, minimum and maximum of its readings.

Calendar buckets are local dates in a time zone (``zoneinfo``): a bucket starts at local midnight
of its first day, so a day across a DST change lasts 23 or 25 hours and gets that much
consumption. ``Moment`` pairs an instant with its position in local days (ordinal of the date plus
the fraction of that day elapsed), so "days covered" counts calendar days, not 24-hour blocks.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from ..i18n import QT_TRANSLATE_NOOP, translate
from .entities import MeterEvent, MeterEventKind
from .intervals import union_of

#: Seconds of a 24-hour day.
DAY_SECONDS = 86400

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class Period(enum.StrEnum):
    """The calendar buckets a report groups by (local time)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    BILLING_YEAR = "billing_year"
    HEATING_SEASON = "heating_season"

    @property
    def label(self) -> str:
        labels = {
            "day": QT_TRANSLATE_NOOP("Period", "Day"),
            "week": QT_TRANSLATE_NOOP("Period", "Week"),
            "month": QT_TRANSLATE_NOOP("Period", "Month"),
            "quarter": QT_TRANSLATE_NOOP("Period", "Quarter"),
            "year": QT_TRANSLATE_NOOP("Period", "Year"),
            "billing_year": QT_TRANSLATE_NOOP("Period", "Billing year"),
            "heating_season": QT_TRANSLATE_NOOP("Period", "Heating season"),
        }
        return translate("Period", labels[self.value])

    @property
    def per(self) -> str:
        """ "per month" (a chart's title)."""
        per = {
            "day": QT_TRANSLATE_NOOP("Period", "per day"),
            "week": QT_TRANSLATE_NOOP("Period", "per week"),
            "month": QT_TRANSLATE_NOOP("Period", "per month"),
            "quarter": QT_TRANSLATE_NOOP("Period", "per quarter"),
            "year": QT_TRANSLATE_NOOP("Period", "per year"),
            "billing_year": QT_TRANSLATE_NOOP("Period", "per billing year"),
            "heating_season": QT_TRANSLATE_NOOP("Period", "per heating season"),
        }
        return translate("Period", per[self.value])


#: First month of the heating season (July to June).
HEATING_SEASON_START_MONTH = 7


#: ``Series.starts`` of a value whose period is not known (the first value of an interval metric
#: stored before periods were kept: it meant "since the previous reading" and had none).
NO_START = np.iinfo(np.int64).min


@dataclass(frozen=True)
class Series:
    """One metric's readings: ``ts`` epoch seconds UTC (ascending), ``values`` as stored.

    ``starts`` (interval metrics): each value's period start, [starts[k], ts[k]); NO_START where it
    is not known. None: not loaded (counters, gauges), or "since the previous reading" for intervals.
    """

    ts: IntArray
    values: FloatArray
    starts: IntArray | None = None

    def __len__(self) -> int:
        return int(self.ts.shape[0])

    @classmethod
    def of(
        cls,
        ts: Iterable[int] | IntArray,
        values: Iterable[float] | FloatArray,
        starts: Iterable[int | None] | IntArray | None = None,
    ) -> Series:
        """A series from any sequences (``ts`` epoch seconds; ``starts``: periods' starts, None for
        an unknown one); sorted by time, then value."""
        t = np.asarray(ts if isinstance(ts, np.ndarray) else list(ts), dtype=np.int64)
        v = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=np.float64)
        if t.shape != v.shape or t.ndim != 1:
            raise ValueError("a series needs as many timestamps as values")
        b: IntArray | None = None
        if starts is not None:
            raw = starts if isinstance(starts, np.ndarray) else [NO_START if x is None else x for x in starts]
            b = np.asarray(raw, dtype=np.int64)
            if b.shape != t.shape:
                raise ValueError("a series needs as many period starts as values")
        return cls(t, v, b).ordered()

    @classmethod
    def empty(cls) -> Series:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))

    def ordered(self) -> Series:
        """The same readings by time, and by value at equal times (so input order never matters)."""
        if len(self) < 2:
            return self
        steps = np.diff(self.ts)
        if bool(np.all(steps > 0)):
            return self
        order = np.lexsort((self.values, self.ts))
        starts = None if self.starts is None else self.starts[order]
        return Series(self.ts[order], self.values[order], starts)


# -- calendar ---------------------------------------------------------------------------------


def period_start(day: date, period: Period, billing_start_month: int = 1) -> date:
    """The first day of the period that contains ``day``."""
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    if period is Period.MONTH:
        return day.replace(day=1)
    if period is Period.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    first_month = _year_start_month(period, billing_start_month)
    year = day.year if day.month >= first_month else day.year - 1
    return date(year, first_month, 1)


def next_period_start(start: date, period: Period) -> date:
    """The first day of the period after the one starting on ``start``."""
    if period is Period.DAY:
        return start + timedelta(days=1)
    if period is Period.WEEK:
        return start + timedelta(days=7)
    months = {Period.MONTH: 1, Period.QUARTER: 3}.get(period, 12)
    return add_months(start, months)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (the day of month clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _month_length(year, month + 1)))


def year_earlier(day: date, period: Period | None = None) -> date:
    """The same period's day one year earlier: 52 weeks for weeks (same weekday), else the same date
    a year earlier (29 February becomes the 28th)."""
    if period is Period.WEEK:
        return day - timedelta(days=364)
    return add_months(day, -12)


def period_label(start: date, period: Period, billing_start_month: int = 1) -> str:
    """A short name of the period starting on ``start``: 2025-03-14, 2025-W11, 2025-03, 2025-Q1,
    2025, or 2024/25 for billing years (not starting in January) and heating seasons."""
    if period is Period.DAY:
        return start.isoformat()
    if period is Period.WEEK:
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if period is Period.MONTH:
        return f"{start.year}-{start.month:02d}"
    if period is Period.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if period is Period.YEAR or (period is Period.BILLING_YEAR and billing_start_month == 1):
        return str(start.year)
    return f"{start.year}/{(start.year + 1) % 100:02d}"


def period_bounds(first: date, last: date, period: Period, billing_start_month: int = 1) -> list[date]:
    """Starts of the periods from the one containing ``first`` to the one containing ``last``,
    followed by the end of that last period."""
    bounds = [period_start(first, period, billing_start_month)]
    while bounds[-1] <= last:
        bounds.append(next_period_start(bounds[-1], period))
    return bounds


def _year_start_month(period: Period, billing_start_month: int) -> int:
    if period is Period.YEAR:
        return 1
    if period is Period.HEATING_SEASON:
        return HEATING_SEASON_START_MONTH
    if not 1 <= billing_start_month <= 12:
        raise ValueError("billing_start_month must be 1 to 12")
    return billing_start_month


def _month_length(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


@functools.lru_cache(maxsize=1 << 16)
def midnight(day: date, tz: tzinfo) -> int:
    """Epoch seconds of the start of ``day`` in ``tz`` (after the gap if midnight does not exist)."""
    return int(datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())


def local_date(epoch: int, tz: tzinfo) -> date:
    return datetime.fromtimestamp(epoch, tz).date()


@dataclass(frozen=True, slots=True, order=True)
class Moment:
    """An instant (epoch seconds) and its position in local days: the date's ordinal plus the
    fraction of that (23-, 24- or 25-hour) day elapsed."""

    epoch: int
    day: Decimal

    @classmethod
    def at_date(cls, day: date, tz: tzinfo) -> Moment:
        return cls(midnight(day, tz), Decimal(day.toordinal()))

    @classmethod
    def at(cls, epoch: int, tz: tzinfo) -> Moment:
        day = local_date(epoch, tz)
        start = midnight(day, tz)
        if start == epoch:
            return cls(epoch, Decimal(day.toordinal()))
        if start > epoch:  # a day that began in a DST gap: the instant is in its first hour
            start = epoch
        length = midnight(day + timedelta(days=1), tz) - start
        fraction = (Decimal(epoch - start) / Decimal(length)).quantize(DAY_QUANTUM)
        return cls(epoch, Decimal(day.toordinal()) + fraction)

    def local(self, tz: tzinfo) -> datetime:
        return datetime.fromtimestamp(self.epoch, tz)

    @property
    def is_midnight(self) -> bool:
        return self.day == self.day.to_integral_value()

    @property
    def date(self) -> date:
        return date.fromordinal(int(self.day))


#: Resolution of fractional days (a millionth of a day is under 0.1 s).
DAY_QUANTUM = Decimal("0.000001")


def moment_year_earlier(moment: Moment, tz: tzinfo, period: Period | None = None) -> Moment:
    """The same local date and wall time one year earlier (see ``year_earlier``)."""
    if moment.is_midnight:
        return Moment.at_date(year_earlier(moment.date, period), tz)
    local = moment.local(tz)
    day = year_earlier(local.date(), period)
    shifted = datetime.combine(day, local.time(), tzinfo=tz)
    return Moment.at(int(shifted.timestamp()), tz)


# -- curves ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Curve:
    """Cumulative consumption since the first reading, as a function of time.

    ``ts`` are the distinct instants with a known value (readings and meter events), ``cum`` the
    continuous part at them (0 at the first); ``jump_ts``/``jump_cum`` the instants where
    consumption happened at once and the running total of those jumps.
    """

    ts: IntArray
    cum: FloatArray
    jump_ts: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    jump_cum: FloatArray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    #: Reading times where a counter goes down with no meter event to explain it.
    decreases: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: Sum of the corrections the meter events in the span made (old - new, or 10**digits).
    correction: float = 0.0
    #: Interval metrics: the disjoint spans [covered_starts[i], covered_ends[i]) some period covers,
    #: in order. None: every moment from the first to the last reading is covered (counters).
    covered_starts: IntArray | None = None
    covered_ends: IntArray | None = None
    #: Interval values left out because their period's start is not known.
    unknown: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "_xs", self.ts.astype(np.float64))
        if self.covered_starts is not None and self.covered_ends is not None:
            n = self.covered_starts.shape[0]
            knots = np.empty(2 * n, dtype=np.float64)
            knots[0::2], knots[1::2] = self.covered_starts, self.covered_ends
            lengths = (self.covered_ends - self.covered_starts).astype(np.float64)
            running = np.empty(2 * n, dtype=np.float64)
            running[1::2] = np.cumsum(lengths)
            running[0::2] = running[1::2] - lengths
            object.__setattr__(self, "_cover", (knots, running))

    @property
    def is_empty(self) -> bool:
        return len(self.ts) == 0

    @property
    def start(self) -> int:
        return int(self.ts[0])

    @property
    def end(self) -> int:
        return int(self.ts[-1])

    @property
    def total(self) -> float:
        """Consumption from the first to the last reading."""
        if self.is_empty:
            return 0.0
        return float(self.at(np.array([self.end]))[0])

    def at(self, moments: npt.ArrayLike) -> FloatArray:
        """G(t): consumption from the first reading up to each ``t`` (clamped to the span)."""
        t = np.asarray(moments, dtype=np.float64)
        if self.is_empty:
            return np.zeros_like(t)
        xs: FloatArray = self._xs  # type: ignore[attr-defined]
        x = np.clip(t, xs[0], xs[-1])
        g = np.interp(x, xs, self.cum)
        if self.jump_ts.shape[0]:
            index = np.searchsorted(self.jump_ts, x, side="right")
            g = g + np.concatenate(([0.0], self.jump_cum))[index]
            g = np.where(t <= xs[0], 0.0, g)  # t, not x: a curve of one instant has its jump after it
        return np.asarray(g, dtype=np.float64)

    def between(self, start: npt.ArrayLike, end: npt.ArrayLike) -> FloatArray:
        """Consumption from each ``start`` to each ``end`` (within the span of the readings)."""
        return self.at(end) - self.at(start)

    def covered(self, start: npt.ArrayLike, end: npt.ArrayLike) -> IntArray:
        """Seconds from each ``start`` to each ``end`` that some period (or the span of the readings)
        covers."""
        a = np.asarray(start, dtype=np.float64)
        b = np.asarray(end, dtype=np.float64)
        if self.is_empty:
            return np.zeros(np.broadcast(a, b).shape, dtype=np.int64)
        if self.covered_starts is None:
            lo, hi = float(self.start), float(self.end)
            seconds = np.clip(b, lo, hi) - np.clip(a, lo, hi)
        else:
            knots, running = self._cover  # type: ignore[attr-defined]
            if knots.shape[0] == 0:
                return np.zeros(np.broadcast(a, b).shape, dtype=np.int64)
            seconds = np.interp(b, knots, running) - np.interp(a, knots, running)
        return np.rint(np.maximum(seconds, 0)).astype(np.int64)

    def covers(self, start: int, end: int) -> bool:
        """Whether data covers all of [start, end] (no gap, within the span of the readings)."""
        if self.is_empty or not (self.start <= start and end <= self.end):
            return False
        return self.covered_starts is None or int(self.covered([start], [end])[0]) >= end - start


def _curve(ts: IntArray, values: FloatArray, decreases: IntArray, correction: float) -> Curve:
    """A curve through points sorted by time (equal times allowed: jumps)."""
    if ts.shape[0] == 0:
        return Curve(ts, values, decreases=decreases, correction=correction)
    values = values - values[0]
    same = ts[1:] == ts[:-1]
    if not bool(same.any()):
        return Curve(ts, values, decreases=decreases, correction=correction)
    first = np.concatenate(([True], ~same))
    last = np.concatenate((~same, [True]))
    group_ts = ts[first]
    jumps = values[last] - values[first]
    jumps_before = np.concatenate(([0.0], np.cumsum(jumps)[:-1]))
    cum = values[first] - jumps_before
    nonzero = jumps != 0
    return Curve(
        group_ts,
        cum,
        group_ts[nonzero],
        np.cumsum(jumps[nonzero]),
        decreases=decreases,
        correction=correction,
    )


def counter_curve(series: Series, events: Sequence[MeterEvent] = (), digits: int | None = None) -> Curve:
    """The curve of a counter's readings with its meter events applied (``digits``: the metric's
    register digits, for rollovers that do not give their own)."""
    s = series.ordered()
    n = len(s)
    if n == 0:
        return _curve(s.ts, s.values, np.zeros(0, dtype=np.int64), 0.0)
    first, last = int(s.ts[0]), int(s.ts[-1])
    shift = np.zeros(n + 1, dtype=np.float64)
    insert_at: list[int] = []
    insert_ts: list[int] = []
    insert_values: list[float] = []
    offset = 0.0
    correction = 0.0
    for event in sorted(events, key=_event_order):
        at = int(event.at.timestamp())
        if not first < at <= last:
            continue
        index = int(np.searchsorted(s.ts, at, side="left"))
        if event.kind is MeterEventKind.ROLLOVER:
            places = event.digits or digits
            if places is None:
                continue
            delta = float(10**places)
        else:
            if event.old_value is None:
                continue
            old = float(event.old_value)
            new = float(event.new_value) if event.new_value is not None else 0.0
            insert_at.append(index)
            insert_ts.append(at)
            insert_values.append(old + offset)
            delta = old - new
        shift[index] += delta
        offset += delta
        correction += delta
    values = s.values + np.cumsum(shift)[:n]
    ts = s.ts
    real = np.ones(n, dtype=bool)
    if insert_at:
        ts = np.insert(ts, insert_at, insert_ts)
        values = np.insert(values, insert_at, insert_values)
        real = np.insert(real, insert_at, False)
    down = np.flatnonzero(np.diff(values) < 0) + 1
    decreases = ts[down[real[down]]] if down.shape[0] else np.zeros(0, dtype=np.int64)
    return _curve(ts, values, decreases.astype(np.int64), correction)


def _event_order(event: MeterEvent) -> tuple[datetime, int, str, Decimal, Decimal, int]:
    """Events by time; at one instant in a fixed order whatever order they were given in."""
    zero = Decimal(0)
    return (
        event.at,
        event.id or 0,
        event.kind.value,
        event.old_value if event.old_value is not None else zero,
        event.new_value if event.new_value is not None else zero,
        event.digits or 0,
    )


def interval_curve(series: Series) -> Curve:
    """The curve of an interval metric: each amount spread evenly over its own period [start, end).

    ``series.starts`` gives the periods (NO_START: not known, left out and counted in
    ``Curve.unknown``); without them each value runs since the previous one (the first has no start).
    Between periods the curve is flat and ``Curve.covered`` counts nothing. Vectorised: a few numpy
    passes over the values, however many (350,000 quarter-hours are ten years of a smart meter).
    """
    s = series.ordered()
    none = np.zeros(0, dtype=np.int64)
    if len(s) == 0:
        return Curve(s.ts, s.values, covered_starts=none, covered_ends=none)
    starts = s.starts if s.starts is not None else np.concatenate(([NO_START], s.ts[:-1]))
    known = starts != NO_START
    unknown = int(known.shape[0] - np.count_nonzero(known))
    b, e, a = starts[known], s.ts[known], s.values[known]
    if b.shape[0] == 0:
        return Curve(none, np.zeros(0), covered_starts=none, covered_ends=none, unknown=unknown)
    if bool(np.any(e < b)):
        raise ValueError("an interval value's period ends before it starts")
    if not (bool(np.all(b[1:] >= b[:-1])) and bool(np.all(e[1:] >= e[:-1]))):
        order = np.lexsort((e, b))
        b, e, a = b[order], e[order], a[order]
    long = e > b
    if bool(long.all()) and bool(np.all(b[1:] >= e[:-1])):
        # Periods one after another with no instants (a smart meter's): the knots are each start
        # (unless the previous period ends there) and each end, strictly increasing, and the
        # covered spans are the runs of touching periods. No sort, no grouping of equal times.
        touch = b[1:] == e[:-1]
        fresh = np.concatenate(([True], ~touch))
        before = np.concatenate(([0.0], np.cumsum(a)[:-1]))
        ts = np.empty(2 * b.shape[0], dtype=np.int64)
        values = np.empty(2 * b.shape[0], dtype=np.float64)
        ts[0::2], ts[1::2] = b, e
        values[0::2], values[1::2] = before, before + a
        keep = np.ones(ts.shape[0], dtype=bool)
        keep[0::2] = fresh
        span_s, span_e = b[fresh], e[np.concatenate((~touch, [True]))]
        return Curve(ts[keep], values[keep], covered_starts=span_s, covered_ends=span_e, unknown=unknown)
    span_s, span_e = union_of(b[long], e[long]) if bool(long.any()) else (none, none)
    if bool(np.all(b[1:] >= e[:-1])):
        # Periods one after another (the usual case): the running sum of the amounts, exact per period.
        before = np.concatenate(([0.0], np.cumsum(a)[:-1]))
        ts = np.empty(2 * b.shape[0], dtype=np.int64)
        values = np.empty(2 * b.shape[0], dtype=np.float64)
        ts[0::2], ts[1::2] = b, e
        values[0::2], values[1::2] = before, before + a
        curve = _curve(ts, values, none, 0.0)
        return replace(curve, covered_starts=span_s, covered_ends=span_e, unknown=unknown)
    # Overlapping periods: rates add up where they overlap (slope changes at every start and end).
    knots = np.unique(np.concatenate((b, e)))
    rate = a[long] / (e[long] - b[long])
    delta = np.bincount(np.searchsorted(knots, b[long]), weights=rate, minlength=knots.shape[0])
    delta -= np.bincount(np.searchsorted(knots, e[long]), weights=rate, minlength=knots.shape[0])
    slope = np.cumsum(delta)[:-1]
    cum = np.concatenate(([0.0], np.cumsum(slope * np.diff(knots))))
    instant = ~long
    jump_ts, jump_cum = none, np.zeros(0)
    if bool(instant.any()):
        at, amount = e[instant], a[instant]
        jump_ts, first = np.unique(at, return_index=True)
        jump_cum = np.cumsum(np.add.reduceat(amount, first))
    return Curve(knots, cum, jump_ts, jump_cum, covered_starts=span_s, covered_ends=span_e, unknown=unknown)


# -- buckets -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bucket:
    """One period: local dates ``start`` to ``end`` (exclusive) and the part covered by data."""

    start: date
    end: date
    covered_from: Moment
    covered_to: Moment

    @property
    def days(self) -> Decimal:
        return self.covered_to.day - self.covered_from.day


def buckets(
    data_start: int,
    data_end: int,
    period: Period,
    tz: tzinfo,
    billing_start_month: int = 1,
    start: date | None = None,
    end: date | None = None,
    *,
    instants: bool = False,
) -> list[Bucket]:
    """The periods that overlap the data span ``data_start``..``data_end`` (epoch seconds), cut to the
    local dates ``start``..``end`` (exclusive) when given. ``instants`` keeps a period that holds the
    data span when it is a single instant (gauges with one reading)."""
    first_day = local_date(data_start, tz)
    last_day = local_date(data_end, tz)
    if start is not None:
        first_day = max(first_day, start)
    if end is not None:
        last_day = min(last_day, end - timedelta(days=1))
    if first_day > last_day:
        return []
    bounds = period_bounds(first_day, last_day, period, billing_start_month)
    if start is not None and start > bounds[0]:
        bounds = [start, *(b for b in bounds if b > start)]
    if end is not None and end < bounds[-1]:
        bounds = [*(b for b in bounds if b < end), end]
    moments = [Moment.at_date(b, tz) for b in bounds]
    head = Moment.at(data_start, tz)
    tail = head if data_end == data_start else Moment.at(data_end, tz)
    result = []
    for (day, day_moment), (next_day, next_moment) in zip(
        zip(bounds, moments, strict=True), zip(bounds[1:], moments[1:], strict=True), strict=False
    ):
        covered_from = max(day_moment, head)
        covered_to = min(next_moment, tail)
        if covered_from.epoch < covered_to.epoch or (
            instants and data_start == data_end and day_moment.epoch <= data_start < next_moment.epoch
        ):
            result.append(Bucket(day, next_day, covered_from, covered_to))
    return result


@dataclass(frozen=True)
class GaugeStats:
    """Per bucket: number of readings, mean, minimum and maximum (NaN where there are none)."""

    count: IntArray
    mean: FloatArray
    minimum: FloatArray
    maximum: FloatArray


def gauge_stats(series: Series, edges: Sequence[int]) -> GaugeStats:
    """Statistics of the readings in each bucket ``[edges[i], edges[i + 1])`` (epoch seconds)."""
    s = series.ordered()
    bounds = np.searchsorted(s.ts, np.asarray(edges, dtype=np.int64), side="left")
    lo, hi = bounds[:-1], bounds[1:]
    count = (hi - lo).astype(np.int64)
    k = count.shape[0]
    mean = np.full(k, np.nan)
    minimum = np.full(k, np.nan)
    maximum = np.full(k, np.nan)
    filled = count > 0
    if bool(filled.any()):
        # Buckets are contiguous: the readings from the first to the last bucket's end, cut at the
        # starts of the non-empty buckets, are exactly those buckets' readings.
        begin, finish = int(lo[0]), int(hi[-1])
        inside = s.values[begin:finish]
        starts = lo[filled] - begin
        mean[filled] = np.add.reduceat(inside, starts) / count[filled]
        minimum[filled] = np.minimum.reduceat(inside, starts)
        maximum[filled] = np.maximum.reduceat(inside, starts)
    return GaugeStats(count, mean, minimum, maximum)


def to_decimal(value: float, places: int) -> Decimal:
    """A computed float as a Decimal with ``places`` decimals (the float's noise rounded away)."""
    return Decimal(f"{float(value):.{places}f}") + 0  # + 0: no negative zero


def exact(value: float) -> Decimal:
    """A computed float as a Decimal, as exactly as a double knows it (15 significant digits: only
    the binary noise goes). Figures are kept like this and rounded once, for display."""
    return Decimal(f"{float(value):.15g}") + 0  # + 0: no negative zero


def amount_places(decimals: int) -> int:
    """Decimals kept for computed amounts of a metric with ``decimals`` decimals (3 more, at most 9)."""
    return min(decimals + 3, 9)
