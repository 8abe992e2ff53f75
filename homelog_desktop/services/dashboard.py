"""The dashboard: one card per source with its last reading, this month, cost so far and projection.

Figures are like ``build_report``'s (same engine, same conventions) and cover only what the
readings describe: "this month so far" runs from the 1st (local time) to the last reading, and is
compared with the same span a year earlier; the year-to-date cost runs from 1 January to the last
reading. Only the last ~13 months of readings are loaded per source.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from ..db.handle import SessionProvider
from ..domain.consumption import (
    DAY_SECONDS,
    Moment,
    Series,
    add_months,
    amount_places,
    counter_curve,
    interval_curve,
    midnight,
    moment_year_earlier,
    to_decimal,
)
from ..domain.costs import TariffPlan, span_costs
from ..domain.entities import MeterEvent, Metric, MetricKind, SourceSummary, Tariff
from ..domain.projection import RECENT_DAYS, project
from ..domain.timeutil import to_epoch, utc_now
from ..repositories import MeterEventRepository, SourceRepository, TariffRepository
from .series import load_series, local_zone


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


def card_metric(metrics: Sequence[Metric]) -> Metric | None:
    """The metric a card shows: the first counter, else the first interval metric, else the first."""
    for kind in (MetricKind.COUNTER, MetricKind.INTERVAL):
        found = next((m for m in metrics if m.kind is kind), None)
        if found is not None:
            return found
    return metrics[0] if metrics else None


async def dashboard_cards(
    db: SessionProvider, now: datetime | None = None, tz: tzinfo | None = None
) -> list[SourceCard]:
    """A card per non-archived source, in sidebar order (``tz=None``: the computer's zone)."""
    zone = tz or local_zone()
    moment = now or utc_now()
    async with db.session(readonly=True) as session:
        summaries = await SourceRepository(session).summaries(include_archived=False)
        chosen = {s.source.id: card_metric(s.source.metrics) for s in summaries}
        metric_ids = [m.id for m in chosen.values() if m is not None and m.id is not None]
        tariffs = await TariffRepository(session).for_metrics(metric_ids)
        events: dict[int, list[MeterEvent]] = {}
        for summary in summaries:
            metric = chosen[summary.source.id]
            if summary.source.id is None or metric is None or metric.id is None:
                continue
            if metric.kind is MetricKind.COUNTER:
                events[summary.source.id] = await MeterEventRepository(session).for_metric(metric.id)
    today = moment.astimezone(zone).date()
    # Enough for last year's month, 1 January and the recent rate (loaded from the reading before).
    since = min(
        midnight(add_months(today.replace(day=1), -12), zone),
        midnight(date(today.year, 1, 1), zone),
        to_epoch(moment) - (365 + RECENT_DAYS) * DAY_SECONDS,
    )
    cards = []
    for summary in summaries:
        metric = chosen[summary.source.id]
        if metric is None or metric.id is None:
            cards.append(SourceCard(summary, metric, None, None, None, None, None, None, None))
            continue
        series = await load_series(db, metric.id, since)
        cards.append(
            await asyncio.to_thread(
                compute_card,
                summary,
                metric,
                series,
                events.get(summary.source.id or 0, []),
                tariffs.get(metric.id, []),
                moment,
                zone,
            )
        )
    return cards


def compute_card(
    summary: SourceSummary,
    metric: Metric,
    series: Series,
    events: Sequence[MeterEvent],
    tariffs: Sequence[Tariff],
    now: datetime,
    tz: tzinfo,
) -> SourceCard:
    """One card from data already loaded (pure)."""
    s = series.ordered()
    last_value = to_decimal(float(s.values[-1]), metric.decimals) if len(s) else None
    plan = TariffPlan.of(tariffs, tz)
    if metric.kind is MetricKind.GAUGE or len(s) < 2:
        return SourceCard(summary, metric, last_value, None, None, None, plan.currency, None, None)
    places = amount_places(metric.decimals)
    curve = counter_curve(s, events, metric.digits) if metric.kind is MetricKind.COUNTER else interval_curve(s)
    today = now.astimezone(tz).date()
    upto = min(to_epoch(now), curve.end)
    month_so_far = same_month_last_year = ytd_cost = None
    month_start = max(midnight(today.replace(day=1), tz), curve.start)
    if upto > month_start:
        head, tail = Moment.at(month_start, tz), Moment.at(upto, tz)
        month_so_far = to_decimal(float(curve.between([head.epoch], [tail.epoch])[0]), places)
        then_head, then_tail = moment_year_earlier(head, tz), moment_year_earlier(tail, tz)
        if curve.covers(then_head.epoch, then_tail.epoch):
            amount = curve.between([then_head.epoch], [then_tail.epoch])[0]
            same_month_last_year = to_decimal(float(amount), places)
    year_start = max(midnight(date(today.year, 1, 1), tz), curve.start)
    if upto > year_start:
        ytd_cost = span_costs(curve, plan, [(Moment.at(year_start, tz), Moment.at(upto, tz))], places)[0]
    figures = project(curve, plan, tz, places)
    return SourceCard(
        summary,
        metric,
        last_value,
        month_so_far,
        same_month_last_year,
        ytd_cost,
        plan.currency,
        figures.annual_consumption if figures else None,
        figures.annual_cost if figures else None,
    )
