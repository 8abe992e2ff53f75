"""Reports: a metric's consumption, cost and comparison per calendar period (the Reports page and CLI).

``build_report`` reads the source, its meter events and tariffs through a session (a few small
queries), the readings through ``load_series`` (numpy arrays, never ORM objects), and computes the
rows in a worker thread, so the event loop stays free however many readings there are.

Conventions (documented for the page and the command line):

- Dates are local calendar dates in ``tz`` (default: the computer's zone, see ``config.system_zone``);
  a row runs from ``start`` to ``end`` exclusive. ``build_report``'s ``start``/``end`` cut the
  first and last rows to that range (``end`` exclusive too).
- ``days`` are the days of the row covered by data (from the first to the last reading), in
  local calendar days (fractional at the ends). Rows with no data are left out. For an interval
  metric, time that no period covers is a gap, never zero: ``uncovered_days`` counts it, and a
  row inside a gap has no consumption (``None``: "not covered"), no average and no cost.
- ``last_year`` is the consumption over the same covered span one year earlier (52 weeks for
  weeks), so a month covered up to the 15th is compared with the 1st-15th a year before; None
  when the readings do not cover that span.
- Amounts, daily averages and changes are kept exact (``exact``: as the computation knows them)
  and rounded once, for display, with the ``*_text`` helpers (the command line's CSV uses them)
  or the page's formatting; money to cents. Never round a rounded figure again (0.3804995 per day
  shows as 0.380, not 0.3805 → 0.381).
- A metric with conversion factors (``domain/energy.py``: gas m³ → kWh) is reported in the
  converted unit by default (``converted=False``: in the metered unit); ``Report.metric`` carries
  the unit shown, ``Report.original_unit`` the metered one, and each row's ``original`` its amount
  in it. Costs are always priced per converted unit (the bill's price per kWh).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from ..config import system_zone
from ..db.handle import SessionProvider
from ..domain.consumption import (
    DAY_QUANTUM,
    Bucket,
    Curve,
    Period,
    Series,
    add_months,
    amount_places,
    buckets,
    counter_curve,
    exact,
    gauge_stats,
    interval_curve,
    midnight,
    moment_year_earlier,
    to_decimal,
)
from ..domain.costs import TariffPlan, money, span_costs
from ..domain.energy import ConversionFactor, ConversionPlan, convert, converted_metric, unconverted_before
from ..domain.entities import MeterEvent, Metric, MetricKind, Source, Tariff
from ..domain.errors import NotFoundError, ValidationError
from ..domain.numbers import quantum, relative_change
from ..domain.projection import ProjectionFigures, ProjectionMethod, project
from ..domain.settlement import AdvancePayment, BillRegister, Settlement, billing_year, source_settlement
from ..domain.timeutil import from_epoch
from ..i18n import local_number, translate
from ..repositories import MeterEventRepository, SourceRepository, TariffRepository
from ..repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from ..repositories.series import load_series

__all__ = [
    "Projection",
    "ProjectionMethod",
    "Report",
    "ReportRow",
    "build_report",
    "change_text",
    "compute_report",
    "consumption_text",
    "days_text",
    "load_series",
    "money_text",
    "rate_text",
    "report_csv",
]


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
    #: Interval metrics: days of the row, between the first and last period, that no period covers.
    uncovered_days: Decimal = Decimal(0)
    #: A converted report (kWh): the row's consumption in the metered unit (m³); else None.
    original: Decimal | None = None

    @property
    def not_covered(self) -> bool:
        """True for a row of an interval metric that lies wholly in a gap between periods."""
        return self.consumption is None and self.uncovered_days > 0


#: The projected year (method named: last year's seasonal profile, or the recent rate); see domain.projection.
Projection = ProjectionFigures


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
    #: Things the user should know about the figures (a counter going down with no meter change).
    notes: tuple[str, ...] = ()
    #: The metric as metered when the report is converted (``metric`` then carries the converted unit).
    original_metric: Metric | None = None
    #: The metric has conversion factors: the report can be shown in either unit.
    convertible: bool = False
    #: The current billing year's advances, cost so far and forecast settlement of the source (all its
    #: usage registers, domain/settlement.py): a source with advance payments; else None.
    settlement: Settlement | None = None
    #: The unit the conversion factors convert into (kWh), whichever unit is shown; None without factors.
    converted_unit: str | None = None


async def build_report(
    db: SessionProvider,
    source_id: int,
    metric_id: int,
    period: Period,
    start: date | None = None,
    end: date | None = None,
    tz: tzinfo | None = None,
    *,
    converted: bool = True,
    today: date | None = None,
) -> Report:
    """The report of one metric per ``period`` from ``start`` to ``end`` (local dates, end exclusive),
    in the converted unit when the metric has conversion factors (unless ``converted`` is False).
    ``today``: the day whose billing year the settlement forecasts (default: today).

    Raises NotFoundError for an unknown source or metric and ValidationError for an empty range.
    """
    if start is not None and end is not None and start >= end:
        raise ValidationError(translate("Reports", "To"), translate("Reports", "must be after the start of the range"))
    zone = tz or system_zone()
    async with db.session(readonly=True) as session:
        source = await SourceRepository(session).get(source_id)
        metric = source.metric(metric_id)
        if metric is None:
            raise NotFoundError(
                translate("Reports", "“{name}” has no such metric (it may have been removed).").format(name=source.name)
            )
        events: list[MeterEvent] = []
        if metric.kind is MetricKind.COUNTER:
            events = await MeterEventRepository(session).for_metric(metric_id)
        tariffs = await TariffRepository(session).for_metric(metric_id)
        factors = await ConversionFactorRepository(session).for_metric(metric_id)
        advances = await AdvancePaymentRepository(session).for_source(source_id)
    today = today or datetime.now(zone).date()
    # A year before the range, for the comparison with last year (and a margin for weeks); with
    # advances, a year before the current billing year too (the forecast compares with last year).
    since = None if start is None else midnight(add_months(start, -13), zone)
    if since is not None and advances:
        since = min(since, midnight(add_months(billing_year(today, source.billing_start_month)[0], -13), zone))
    if source.virtual:
        from .virtual import virtual_curve

        curve = await virtual_curve(db, source, since)
        return await asyncio.to_thread(
            compute_report, source, metric, period, Series.empty(), [], tariffs, zone, start, end, curve=curve
        )
    series = await load_series(db, metric_id, since, periods=metric.kind is MetricKind.INTERVAL)
    others = await _other_registers(db, source, metric, advances, today, zone) if advances else {}
    return await asyncio.to_thread(
        compute_report,
        source,
        metric,
        period,
        series,
        events,
        tariffs,
        zone,
        start,
        end,
        factors,
        converted,
        advances,
        today,
        others=others,
    )


def _usage_metrics(source: Source) -> list[Metric]:
    return [m for m in source.metrics if m.kind is not MetricKind.GAUGE and m.id is not None]


async def _other_registers(
    db: SessionProvider, source: Source, metric: Metric, advances: Sequence[AdvancePayment], today: date, tz: tzinfo
) -> dict[int, BillRegister]:
    """The source's other usage registers as their bill prices them (a day/night meter's other
    register): the source's settlement covers them all."""
    others = [m for m in _usage_metrics(source) if m.id != metric.id]
    if not others or source.virtual:
        return {}
    ids = [m.id for m in others if m.id is not None]
    async with db.session(readonly=True) as session:
        events = await MeterEventRepository(session).for_source(source.id) if source.id is not None else []
        tariffs = await TariffRepository(session).for_metrics(ids)
        factors = await ConversionFactorRepository(session).for_metrics(ids)
    since = midnight(add_months(billing_year(today, source.billing_start_month)[0], -13), tz)
    found = {}
    for other in others:
        assert other.id is not None
        series = await load_series(db, other.id, since, periods=other.kind is MetricKind.INTERVAL)
        found[other.id] = await asyncio.to_thread(
            bill_register,
            other,
            series,
            [e for e in events if e.metric_id == other.id],
            tariffs.get(other.id, []),
            factors.get(other.id, []),
            tz,
        )
    return found


def bill_register(
    metric: Metric,
    series: Series,
    events: Sequence[MeterEvent],
    tariffs: Sequence[Tariff],
    factors: Sequence[ConversionFactor],
    tz: tzinfo,
    curve: Curve | None = None,
) -> BillRegister:
    """A usage register as its bill prices it: its curve converted (kWh for gas), its tariffs."""
    conversion = ConversionPlan.of([f for f in factors if f.metric_id == metric.id], tz)
    if curve is None:
        if metric.kind is MetricKind.COUNTER:
            curve = counter_curve(series.ordered(), [e for e in events if e.metric_id == metric.id], metric.digits)
        else:
            curve = interval_curve(series.ordered())
    return BillRegister(
        convert(curve, conversion),
        TariffPlan.of([t for t in tariffs if t.metric_id == metric.id], tz),
        amount_places(converted_metric(metric, conversion).decimals),
    )


def compute_report(
    source: Source,
    metric: Metric,
    period: Period,
    series: Series,
    events: Sequence[MeterEvent],
    tariffs: Sequence[Tariff],
    tz: tzinfo,
    start: date | None = None,
    end: date | None = None,
    factors: Sequence[ConversionFactor] = (),
    converted: bool = True,
    advances: Sequence[AdvancePayment] = (),
    today: date | None = None,
    *,
    curve: Curve | None = None,
    others: Mapping[int, BillRegister] | None = None,
) -> Report:
    """The report from data already loaded (pure; ``build_report`` runs it in a worker thread).

    ``advances`` and ``today``: the source's advance payments and the day whose billing year is
    forecast. ``others``: the source's other usage registers by metric id (``bill_register``), for
    the settlement of a source with several (without them, only a single-register source has one).
    ``curve``: the metric's curve when it is not built from ``series`` (a virtual meter's)."""
    plan = TariffPlan.of([t for t in tariffs if t.metric_id == metric.id], tz)
    conversion = ConversionPlan.of([f for f in factors if f.metric_id == metric.id], tz)
    if metric.kind is MetricKind.GAUGE:
        rows = _gauge_rows(source, metric, period, series, tz, start, end)
        return Report(source, metric, period, start, end, rows, None, None, None, None)
    places = amount_places(metric.decimals)
    if curve is not None:
        metered = curve
    elif metric.kind is MetricKind.COUNTER:
        metered = counter_curve(series, [e for e in events if e.metric_id == metric.id], metric.digits)
    else:
        metered = interval_curve(series)
    # Costs are per converted unit when the metric converts (domain/energy.py).
    priced = convert(metered, conversion)
    convertible = not conversion.is_empty
    shown = convertible and converted
    curve = priced if shown else metered
    original_metric = metric if shown else None
    settlement = None
    if advances and today is not None:
        own = BillRegister(priced, plan, amount_places(converted_metric(metric, conversion).decimals))
        known = dict(others or {})
        usage = _usage_metrics(source)
        if all(m.id in known or m.id == metric.id for m in usage):
            registers = [own if m.id == metric.id else known[m.id] for m in usage if m.id is not None]
            settlement = source_settlement(advances, registers, tz, today, source.billing_start_month)
    if shown:
        metric = converted_metric(metric, conversion)
        places = amount_places(metric.decimals)
    if curve.is_empty:
        return Report(
            source,
            metric,
            period,
            start,
            end,
            [],
            plan.currency,
            None,
            None,
            None,
            (),
            original_metric,
            convertible,
            settlement,
            conversion.unit,
        )
    spans = buckets(curve.start, curve.end, period, tz, source.billing_start_month, start, end)
    amounts = curve.between(
        np.array([b.covered_from.epoch for b in spans], dtype=np.int64),
        np.array([b.covered_to.epoch for b in spans], dtype=np.int64),
    ).tolist()
    earlier = [
        (moment_year_earlier(b.covered_from, tz, period), moment_year_earlier(b.covered_to, tz, period)) for b in spans
    ]
    earlier_amounts = curve.between(
        np.array([a.epoch for a, _ in earlier], dtype=np.int64), np.array([b.epoch for _, b in earlier], dtype=np.int64)
    ).tolist()
    costs = span_costs(priced, plan, [(b.covered_from, b.covered_to) for b in spans], places)
    if priced is not curve:  # shown in the metered unit: no cost where nothing converts
        costs = [
            None if priced.is_empty or b.covered_from.epoch < priced.start else c
            for b, c in zip(spans, costs, strict=True)
        ]
    originals: list[float] | None = None
    if shown:
        originals = metered.between(
            np.array([b.covered_from.epoch for b in spans], dtype=np.int64),
            np.array([b.covered_to.epoch for b in spans], dtype=np.int64),
        ).tolist()
    gaps = curve.covered_starts is not None
    if gaps:
        span_seconds = np.array([b.covered_to.epoch - b.covered_from.epoch for b in spans], dtype=np.int64)
        covered = curve.covered(
            np.array([b.covered_from.epoch for b in spans], dtype=np.int64),
            np.array([b.covered_to.epoch for b in spans], dtype=np.int64),
        )
    rows = []
    for index, (bucket, amount, (then_from, then_to), then_amount, cost) in enumerate(
        zip(spans, amounts, earlier, earlier_amounts, costs, strict=True)
    ):
        consumption: Decimal | None = exact(amount)
        days = bucket.days
        uncovered = Decimal(0)
        if gaps and covered[index] < span_seconds[index]:
            # Part of the row (or all of it) lies in a gap between periods: only the covered part counts.
            share = Decimal(int(covered[index])) / Decimal(int(span_seconds[index]))
            covered_days = (days * share).quantize(DAY_QUANTUM)
            uncovered = days - covered_days
            days = covered_days
            if covered[index] == 0 and amount == 0:
                consumption, cost = None, None
        last_year = exact(then_amount) if curve.covers(then_from.epoch, then_to.epoch) else None
        change = relative_change(consumption, last_year) if consumption is not None else None
        rows.append(
            ReportRow(
                start=bucket.start,
                end=bucket.end,
                consumption=consumption,
                days=days,
                avg_per_day=consumption / days if consumption is not None and days > 0 else None,
                cost=cost,
                last_year=last_year,
                change=change,
                uncovered_days=uncovered,
                original=exact(originals[index]) if originals is not None and consumption is not None else None,
            )
        )
    # The rows are contiguous: their total is the curve's amount over all of them, exact (a sum of
    # the rows would add up their last-digit noise).
    total = exact(curve.between([spans[0].covered_from.epoch], [spans[-1].covered_to.epoch])[0]) if rows else None
    row_costs = [r.cost for r in rows if not r.not_covered]
    total_cost = sum((c for c in row_costs if c is not None), Decimal(0)) if rows and None not in row_costs else None
    projection = project(curve, plan, tz, places)
    if projection is not None and priced is not curve:
        costed = project(priced, plan, tz, places)
        projection = replace(
            projection,
            annual_cost=costed.annual_cost if costed is not None else None,
            last_year_cost=costed.last_year_cost if costed is not None else None,
        )
    notes = _decrease_notes(curve.decreases, tz, spans, source.virtual) + _interval_notes(curve, rows)
    if convertible:
        notes += _conversion_notes(metered, conversion, tz, (original_metric or metric).unit)
    return Report(
        source,
        metric,
        period,
        start,
        end,
        rows,
        plan.currency,
        total,
        total_cost,
        projection,
        notes,
        original_metric,
        convertible,
        settlement,
        conversion.unit,
    )


def _conversion_notes(metered: Curve, conversion: ConversionPlan, tz: tzinfo, unit: str) -> tuple[str, ...]:
    """A note when readings begin before the first conversion factor (nothing converts there)."""
    until = unconverted_before(metered, conversion)
    if until is None:
        return ()
    day = from_epoch(until).astimezone(tz).date().isoformat()
    return (
        translate(
            "Reports",
            "No conversion factor before {day}: the {unit} read before then are not converted to {converted} and have"
            " no cost. Add a factor from an earlier date to include them.",
        ).format(day=day, unit=unit, converted=conversion.unit),
    )


def _decrease_notes(
    decreases: npt.NDArray[np.int64], tz: tzinfo, spans: Sequence[Bucket], virtual: bool = False
) -> tuple[str, ...]:
    """A note on the readings in the report's range where the counter goes down unexplained."""
    if not spans:
        return ()
    first, last = spans[0].covered_from.epoch, spans[-1].covered_to.epoch
    inside = [int(t) for t in decreases.tolist() if first < t <= last]
    if not inside:
        return ()
    days = sorted({from_epoch(t).astimezone(tz).date().isoformat() for t in inside})
    shown = ", ".join(days[:5])
    if len(days) > 5:
        shown = translate("Reports", "{days} and %n more", None, len(days) - 5).format(days=shown)
    if virtual:
        return (
            translate(
                "Reports",
                "An input's counter goes down on {days} with no meter change recorded: these figures count it as"
                " negative consumption. Record the meter change on that input to correct it.",
            ).format(days=shown),
        )
    return (
        translate(
            "Reports",
            "The counter goes down on {days} with no meter change recorded: the consumption there is negative."
            " Record the meter replacement, reset or rollover to correct it.",
        ).format(days=shown),
    )


def _interval_notes(curve: Curve, rows: Sequence[ReportRow]) -> tuple[str, ...]:
    """Notes on an interval metric's gaps and on values whose period is not known."""
    notes = []
    gaps = [r for r in rows if r.uncovered_days > 0]
    if gaps:
        days = sum((r.uncovered_days for r in gaps), Decimal(0))
        notes.append(
            translate(
                "Reports",
                "No amount covers {days} days of this range (a gap in the data): those days are left out, not counted"
                " as zero. Rows marked “not covered” have no data at all.",
            ).format(days=local_number(days_text(days)))
        )
    if curve.unknown:
        notes.append(
            translate(
                "Reports",
                "%n value(s) has/have no known period start (the first amount, stored before periods were kept): not"
                " counted. Edit the reading to give its period a start.",
                None,
                curve.unknown,
            )
        )
    return tuple(notes)


def _gauge_rows(
    source: Source,
    metric: Metric,
    period: Period,
    series: Series,
    tz: tzinfo,
    start: date | None,
    end: date | None,
) -> list[ReportRow]:
    s = series.ordered()
    if len(s) == 0:
        return []
    spans = buckets(int(s.ts[0]), int(s.ts[-1]), period, tz, source.billing_start_month, start, end, instants=True)
    if not spans:
        return []
    edges = [midnight(b.start, tz) for b in spans] + [midnight(spans[-1].end, tz)]
    stats = gauge_stats(s, edges)
    rows = []
    for index, bucket in enumerate(spans):
        filled = bool(stats.count[index] > 0)
        rows.append(
            ReportRow(
                start=bucket.start,
                end=bucket.end,
                consumption=None,
                days=bucket.days,
                avg_per_day=None,
                cost=None,
                last_year=None,
                change=None,
                mean=exact(float(stats.mean[index])) if filled else None,
                minimum=to_decimal(float(stats.minimum[index]), metric.decimals) if filled else None,
                maximum=to_decimal(float(stats.maximum[index]), metric.decimals) if filled else None,
            )
        )
    return rows


# -- display --------------------------------------------------------------------------------------


def _fixed(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) + 0, "f")


def consumption_text(value: Decimal, metric: Metric) -> str:
    """An amount with the metric's decimals, dot as separator: ``1234.5``."""
    return format(value.quantize(quantum(metric), rounding=ROUND_HALF_UP) + 0, "f")


def rate_text(value: Decimal, metric: Metric) -> str:
    """A daily average with two more decimals than the metric: ``12.345``."""
    return _fixed(value, metric.decimals + 2)


def days_text(value: Decimal) -> str:
    """Days to a hundredth, without trailing zeros: ``31``, ``14.5``, ``0.33``."""
    text = _fixed(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_text(value: Decimal) -> str:
    """Money to the cent: ``12.40``."""
    return format(money(value) + 0, "f")


def change_text(value: Decimal) -> str:
    """A change as a signed percentage with one decimal: ``+12.5 %``, ``−3.0 %``."""
    percent = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) + 0
    if percent > 0:
        return f"+{percent} %"
    if percent < 0:
        return f"−{-percent} %"
    return "0.0 %"


CSV_HEADER = ("period_start", "period_end", "consumption", "days", "avg_per_day", "cost")
GAUGE_COLUMNS = ("mean", "minimum", "maximum")
#: A converted report's (gas in kWh) extra columns: the amount as metered, and both units.
METERED_COLUMNS = ("metered", "unit", "metered_unit")


def report_csv(report: Report) -> str:
    """CSV: period_start,period_end,consumption,days,avg_per_day,cost (dates YYYY-MM-DD local,
    period_end exclusive, numbers with a dot, empty where there is no figure). A gauge's report
    has no consumption; three more columns give its mean, minimum and maximum. A converted report
    (gas in kWh) ends with the amount as metered and the two units: ``metered,unit,metered_unit``."""
    metric = report.metric
    gauge = metric.kind is MetricKind.GAUGE
    metered = report.original_metric
    header = CSV_HEADER + (GAUGE_COLUMNS if gauge else ()) + (METERED_COLUMNS if metered is not None else ())
    lines = [",".join(header)]
    for row in report.rows:
        cells = [
            row.start.isoformat(),
            row.end.isoformat(),
            consumption_text(row.consumption, metric) if row.consumption is not None else "",
            days_text(row.days),
            rate_text(row.avg_per_day, metric) if row.avg_per_day is not None else "",
            money_text(row.cost) if row.cost is not None else "",
        ]
        if gauge:
            cells.append(_fixed(row.mean, metric.decimals + 2) if row.mean is not None else "")
            cells.append(consumption_text(row.minimum, metric) if row.minimum is not None else "")
            cells.append(consumption_text(row.maximum, metric) if row.maximum is not None else "")
        if metered is not None:
            cells.append(consumption_text(row.original, metered) if row.original is not None else "")
            cells.append(metric.unit)
            cells.append(metered.unit)
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def one_day_after(day: date) -> date:
    """The exclusive end for an inclusive last day (``--to`` on the command line)."""
    return day + timedelta(days=1)
