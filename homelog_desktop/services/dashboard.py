"""The dashboard: one card per source with every register's last value, this month, cost so far and projection.

Figures are like ``build_report``'s (same engine, same conventions) and cover only what the
readings describe: "this month so far" runs from the 1st (local time) to the last reading, and is
compared with the same span a year earlier; the year-to-date cost runs from 1 January to the last
reading. Only the last ~13 months of readings are loaded per register.

A source with several registers (a day/night electricity meter) shows each register's last value
with the moment of its own reading. Consumption is summed over the usage registers (counters and
interval metrics) that share the unit of the first one; cost and projected cost over all of them
(one currency; a register without a tariff leaves the cost unknown rather than partial).

A register with conversion factors (gas m³ → kWh, ``domain/energy.py``) counts in the converted
unit. A source with advance payments gets the current billing year's settlement
(``domain/settlement.py``): advances paid, the cost so far and the forecast refund or back payment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from ..config import system_zone
from ..db.handle import SessionProvider
from ..domain.cards import MonthStatus
from ..domain.consumption import (
    DAY_SECONDS,
    Moment,
    Series,
    add_months,
    amount_places,
    counter_curve,
    exact,
    interval_curve,
    midnight,
    moment_year_earlier,
    to_decimal,
)
from ..domain.costs import TariffPlan, span_costs
from ..domain.energy import ConversionFactor, ConversionPlan, convert, converted_metric
from ..domain.entities import MeterEvent, Metric, MetricKind, SourceSummary, Tariff
from ..domain.projection import RECENT_DAYS, PeriodForecast, ProjectionFigures, ProjectionMethod, project
from ..domain.settlement import AdvancePayment, Settlement, billing_year, combined, register_forecast, settle
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from ..repositories import MeterEventRepository, SourceRepository, TariffRepository
from ..repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from ..repositories.series import load_series


@dataclass(frozen=True, slots=True)
class RegisterValue:
    """One register's last value and the moment of the reading that holds it."""

    metric: Metric
    value: Decimal | None
    at: datetime | None


@dataclass(frozen=True, slots=True)
class SourceCard:
    summary: SourceSummary  # source + last_reading_at (is_overdue(now) for colour)
    metric: Metric | None  # the register whose unit the consumption figures are in (first counter...)
    registers: tuple[RegisterValue, ...]  # every register's last value with its own date
    month_so_far: Decimal | None  # this calendar month up to the last reading, summed (same unit)
    same_month_last_year: Decimal | None  # the same span a year earlier (1st .. same day/time)
    ytd_cost: Decimal | None
    currency: str | None
    projected_annual: Decimal | None
    projected_annual_cost: Decimal | None
    month_status: MonthStatus = MonthStatus.OK
    #: The first day readings cover a year ago (NO_LAST_YEAR with some data then), for the text.
    history_from: date | None = None
    projection_method: ProjectionMethod | None = None
    #: Seasonal projection of one register: this year compared with last year (else None).
    projection_scale: Decimal | None = None
    projection_year: int | None = None
    #: Usage registers with no tariff (so the cost is not shown); empty when all have one.
    untariffed: tuple[str, ...] = ()
    #: Registers summed into the consumption figures (names), when more than one.
    summed: tuple[str, ...] = ()
    #: The current billing year's settlement, for a source with advance payments (else None).
    settlement: Settlement | None = None

    @property
    def last_value(self) -> Decimal | None:
        """The last value of the card's main register."""
        found = next((r for r in self.registers if self.metric is not None and r.metric.id == self.metric.id), None)
        return found.value if found is not None else None


def card_metric(metrics: Sequence[Metric]) -> Metric | None:
    """The main register of a card: the first counter, else the first interval metric, else the first."""
    for kind in (MetricKind.COUNTER, MetricKind.INTERVAL):
        found = next((m for m in metrics if m.kind is kind), None)
        if found is not None:
            return found
    return metrics[0] if metrics else None


async def dashboard_cards(
    db: SessionProvider, now: datetime | None = None, tz: tzinfo | None = None
) -> list[SourceCard]:
    """A card per non-archived source, in sidebar order (``tz=None``: the computer's zone)."""
    zone = tz or system_zone()
    moment = now or utc_now()
    async with db.session(readonly=True) as session:
        summaries = await SourceRepository(session).summaries(include_archived=False)
        metric_ids = [m.id for s in summaries for m in s.source.metrics if m.id is not None]
        tariffs = await TariffRepository(session).for_metrics(metric_ids)
        factors = await ConversionFactorRepository(session).for_metrics(metric_ids)
        source_ids = [s.source.id for s in summaries if s.source.id is not None]
        advances = await AdvancePaymentRepository(session).for_sources(source_ids)
        events: dict[int, list[MeterEvent]] = {}
        for summary in summaries:
            if summary.source.id is not None and any(m.kind is MetricKind.COUNTER for m in summary.source.metrics):
                events[summary.source.id] = await MeterEventRepository(session).for_source(summary.source.id)
    today = moment.astimezone(zone).date()
    # Enough for last year's month, 1 January and the recent rate (loaded from the reading before).
    since = min(
        midnight(add_months(today.replace(day=1), -12), zone),
        midnight(date(today.year - 1, 1, 1), zone),
        to_epoch(moment) - (366 + RECENT_DAYS + 1) * DAY_SECONDS,  # a leap year and a margin
    )
    # With advances: the billing year's start a year earlier too (the forecast compares with last year).
    billing_since = {
        s.source.id: min(since, midnight(add_months(billing_year(today, s.source.billing_start_month)[0], -13), zone))
        for s in summaries
        if s.source.id is not None and advances.get(s.source.id)
    }
    cards = []
    for summary in summaries:
        metrics = [m for m in summary.source.metrics if m.id is not None]
        source_since = billing_since.get(summary.source.id or 0, since)
        series = {
            m.id: await load_series(db, m.id, source_since, periods=m.kind is MetricKind.INTERVAL)
            for m in metrics
            if m.id is not None
        }
        cards.append(
            await asyncio.to_thread(
                compute_card,
                summary,
                series,
                events.get(summary.source.id or 0, []),
                [t for m in metrics if m.id is not None for t in tariffs.get(m.id, [])],
                moment,
                zone,
                [f for m in metrics if m.id is not None for f in factors.get(m.id, [])],
                advances.get(summary.source.id or 0, []),
            )
        )
    return cards


@dataclass(frozen=True, slots=True)
class _Usage:
    """One usage register's figures."""

    metric: Metric
    month: Decimal | None
    last_year: Decimal | None
    month_status: MonthStatus
    history_from: date | None
    ytd_cost: Decimal | None
    currency: str | None
    projection: ProjectionFigures | None
    #: The current billing year so far and projected to its end (the settlement's figures).
    forecast: PeriodForecast | None = None


def compute_card(
    summary: SourceSummary,
    series: dict[int, Series],
    events: Sequence[MeterEvent],
    tariffs: Sequence[Tariff],
    now: datetime,
    tz: tzinfo,
    factors: Sequence[ConversionFactor] = (),
    advances: Sequence[AdvancePayment] = (),
) -> SourceCard:
    """One card from data already loaded (pure): ``series``, ``tariffs`` and conversion ``factors`` of
    every register, the source's advance payments."""
    plans = {
        m.id: ConversionPlan.of([f for f in factors if f.metric_id == m.id], tz)
        for m in summary.source.metrics
        if m.id is not None
    }
    # Registers that convert count (and are shown) in the converted unit.
    metrics = [m for m in summary.source.metrics if m.id is not None]
    shown = [converted_metric(m, plans[m.id]) if m.id is not None else m for m in metrics]
    main = card_metric(shown)
    registers = []
    for metric in metrics:
        assert metric.id is not None
        s = series.get(metric.id, Series.empty()).ordered()
        if len(s):
            value = to_decimal(float(s.values[-1]), metric.decimals)
            registers.append(RegisterValue(metric, value, from_epoch(int(s.ts[-1]))))
        else:
            registers.append(RegisterValue(metric, None, None))
    usage_metrics = [m for m in shown if m.kind is not MetricKind.GAUGE]
    if main is None or not usage_metrics:
        return SourceCard(
            summary, main, tuple(registers), None, None, None, None, None, None, MonthStatus.NOT_APPLICABLE
        )
    usages = []
    for metric in usage_metrics:
        assert metric.id is not None
        own_tariffs = [t for t in tariffs if t.metric_id == metric.id]
        own_events = [e for e in events if e.metric_id == metric.id]
        usages.append(
            _usage(
                metric,
                series.get(metric.id, Series.empty()),
                own_events,
                own_tariffs,
                now,
                tz,
                plans[metric.id],
                summary.source.billing_start_month,
            )
        )
    # Registers never read (a night register on a single-rate contract) take no part.
    used = [u for u in usages if u.month_status is not MonthStatus.TOO_FEW_READINGS] or usages[:1]
    unit = main.unit
    same_unit = [u for u in used if u.metric.unit == unit]
    statuses = {u.month_status for u in same_unit}
    if MonthStatus.TOO_FEW_READINGS in statuses:
        status = MonthStatus.TOO_FEW_READINGS
    elif MonthStatus.NO_READING_THIS_MONTH in statuses:
        status = MonthStatus.NO_READING_THIS_MONTH
    elif MonthStatus.NO_LAST_YEAR in statuses:
        status = MonthStatus.NO_LAST_YEAR
    else:
        status = MonthStatus.OK
    month = _sum([u.month for u in same_unit])
    last_year = _sum([u.last_year for u in same_unit])
    history = [u.history_from for u in same_unit if u.history_from is not None]
    currencies = {u.currency for u in used if u.currency is not None}
    untariffed = tuple(u.metric.name for u in used if u.currency is None)
    currency = currencies.pop() if len(currencies) == 1 else None
    one_currency = currency is not None and not untariffed
    ytd_cost = _sum([u.ytd_cost for u in used]) if one_currency else None
    projections = [u.projection for u in same_unit]
    projected = _sum([p.annual_consumption if p is not None else None for p in projections])
    costs = [u.projection.annual_cost if u.projection is not None else None for u in used]
    projected_cost = _sum(costs) if one_currency else None
    methods = {p.method for p in projections if p is not None}
    method = methods.pop() if len(methods) == 1 else (ProjectionMethod.RECENT_RATE if methods else None)
    first = projections[0] if len(projections) == 1 else None
    years = {p.year for p in projections if p is not None}
    return SourceCard(
        summary,
        main,
        tuple(registers),
        month,
        last_year,
        ytd_cost,
        currency,
        projected,
        projected_cost,
        status,
        max(history) if history else None,
        method,
        first.scale if first is not None else None,
        years.pop() if len(years) == 1 else None,
        untariffed,
        tuple(u.metric.name for u in same_unit) if len(same_unit) > 1 else (),
        _settlement(summary, used, advances, now, tz, currency if one_currency else None),
    )


def _settlement(
    summary: SourceSummary,
    used: Sequence[_Usage],
    advances: Sequence[AdvancePayment],
    now: datetime,
    tz: tzinfo,
    currency: str | None,
) -> Settlement | None:
    """The billing year's settlement over every usage register (their costs add up to the bill)."""
    if not advances:
        return None
    forecast = combined([u.forecast for u in used]) if currency is not None else None
    return settle(advances, forecast, now.astimezone(tz).date(), summary.source.billing_start_month, currency)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    """The sum, or None if any is unknown (a partial sum would look complete)."""
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _usage(
    metric: Metric,
    series: Series,
    events: Sequence[MeterEvent],
    tariffs: Sequence[Tariff],
    now: datetime,
    tz: tzinfo,
    conversion: ConversionPlan | None = None,
    billing_start_month: int = 1,
) -> _Usage:
    s = series.ordered()
    plan = TariffPlan.of(tariffs, tz)
    counter = metric.kind is MetricKind.COUNTER
    # A counter needs two readings; one amount with its period is enough for an interval metric.
    curve = counter_curve(s, events, metric.digits) if counter else interval_curve(s)
    if conversion is not None:
        curve = convert(curve, conversion)
    if (counter and len(s) < 2) or curve.is_empty or curve.start == curve.end:
        return _Usage(metric, None, None, MonthStatus.TOO_FEW_READINGS, None, None, plan.currency, None)
    places = amount_places(metric.decimals)
    today = now.astimezone(tz).date()
    upto = min(to_epoch(now), curve.end)
    month_so_far = same_month_last_year = ytd_cost = None
    history_from = None
    status = MonthStatus.NO_READING_THIS_MONTH
    month_start = max(midnight(today.replace(day=1), tz), curve.start)
    if upto > month_start:
        head, tail = Moment.at(month_start, tz), Moment.at(upto, tz)
        month_so_far = exact(float(curve.between([head.epoch], [tail.epoch])[0]))
        then_head, then_tail = moment_year_earlier(head, tz), moment_year_earlier(tail, tz)
        if curve.covers(then_head.epoch, then_tail.epoch):
            same_month_last_year = exact(float(curve.between([then_head.epoch], [then_tail.epoch])[0]))
            status = MonthStatus.OK
        else:
            status = MonthStatus.NO_LAST_YEAR
            if curve.start < then_tail.epoch:
                history_from = from_epoch(curve.start).astimezone(tz).date()
    year_start = max(midnight(date(today.year, 1, 1), tz), curve.start)
    if upto > year_start:
        ytd_cost = span_costs(curve, plan, [(Moment.at(year_start, tz), Moment.at(upto, tz))], places)[0]
    return _Usage(
        metric,
        month_so_far,
        same_month_last_year,
        status,
        history_from,
        ytd_cost,
        plan.currency,
        project(curve, plan, tz, places),
        register_forecast(curve, plan, tz, places, today, billing_start_month),
    )
