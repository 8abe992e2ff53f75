"""The annual report's figures: per source, a calendar or billing year's months, totals and events.

Pure assembly from the existing services and repositories: every figure is a ``build_report``
figure (so the PDF equals the Reports page), the events and notes come from their repositories.
The rendering (PDF) lives in ``views/annual_report_pdf.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ..config import system_zone
from ..db.handle import SessionProvider
from ..domain.consumption import Period, add_months, local_date, period_label
from ..domain.costs import money
from ..domain.energy import ConversionFactor
from ..domain.entities import MeterEvent, Metric, MetricKind, Source, Tariff
from ..domain.numbers import quantum
from ..domain.queries import ReadingFilter
from ..domain.settlement import AdvancePayment, Settlement, settle_closed
from ..i18n import translate
from ..repositories import MeterEventRepository, ReadingRepository, SourceRepository, TariffRepository
from ..repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from .reports import Report, ReportRow, build_report

__all__ = [
    "AnnualReport",
    "MetricSection",
    "SourceSection",
    "UnitTotal",
    "YearKind",
    "build_annual_report",
    "build_source_section",
    "period_of",
    "visible_sources",
]

#: Most notes listed per source (a year of daily notes would fill pages).
MAX_NOTES = 40
#: How many years the year-over-year chart compares (the chosen one and those before it).
COMPARED_YEARS = 3


class YearKind(StrEnum):
    """What "the year" of the report is: the calendar year, or each source's billing year."""

    CALENDAR = "year"
    BILLING = "billing_year"


def period_of(source: Source, kind: YearKind, year: int) -> tuple[date, date]:
    """[start, end) of ``year`` for ``source``: 1 January, or the first of its billing start month."""
    month = source.billing_start_month if kind is YearKind.BILLING else 1
    start = date(year, month, 1)
    return start, add_months(start, 12)


def year_label(source: Source, kind: YearKind, year: int) -> str:
    """ "2025", or "2025/26" for a billing year that does not start in January."""
    if kind is YearKind.BILLING:
        return period_label(date(year, source.billing_start_month, 1), Period.BILLING_YEAR, source.billing_start_month)
    return str(year)


@dataclass(frozen=True, slots=True)
class MetricSection:
    """One metric of a source over the year: the months (as on the Reports page), the year's own row
    (with the change against the same days of last year), and the months of the years compared."""

    metric: Metric
    #: Monthly report over [start, end): the table, the consumption chart, totals and cost.
    months: Report
    #: The year's row (Period.YEAR or BILLING_YEAR) with ``last_year`` and ``change``; None without data.
    year: ReportRow | None
    #: Last year's whole row (its consumption and cost), None without data.
    previous_year: ReportRow | None
    #: Monthly report of the compared years (the year-over-year chart).
    compared: Report
    #: Tariffs in force during the year (the one valid at its start, then each change).
    tariffs: tuple[Tariff, ...] = ()
    #: Meter changes recorded in the year.
    meter_changes: tuple[MeterEvent, ...] = ()
    #: The metric as metered when its figures are converted (gas in m³; ``metric`` then says kWh).
    metered: Metric | None = None
    #: Conversion factors in force during the year (the one valid at its start, then each change).
    factors: tuple[ConversionFactor, ...] = ()

    @property
    def has_data(self) -> bool:
        return bool(self.months.rows)

    @property
    def is_gauge(self) -> bool:
        return self.metric.kind is MetricKind.GAUGE


@dataclass(frozen=True, slots=True)
class ReadingNote:
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class SourceSection:
    source: Source
    kind: YearKind
    year: int
    start: date
    end: date  # exclusive
    metrics: tuple[MetricSection, ...]
    notes: tuple[ReadingNote, ...] = ()
    #: Notes left out beyond MAX_NOTES.
    more_notes: int = 0
    #: A source with advance payments: the year's advances against its cost (the year is over), or
    #: the current billing year's forecast settlement (the year is not over yet); else None.
    settlement: Settlement | None = None

    @property
    def label(self) -> str:
        return year_label(self.source, self.kind, self.year)

    @property
    def has_data(self) -> bool:
        return any(m.has_data for m in self.metrics)


@dataclass(frozen=True, slots=True)
class UnitTotal:
    """The household's consumption in one unit, summed over the sources' metrics in that unit."""

    unit: str
    amount: Decimal
    #: The most decimals among the metrics summed (the total is shown with these).
    decimals: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnnualReport:
    kind: YearKind
    year: int
    sections: tuple[SourceSection, ...]
    generated: datetime
    tz: tzinfo
    #: Per unit (in the order first met), counters and interval metrics only.
    totals: tuple[UnitTotal, ...] = field(default=())
    #: Total cost per currency.
    costs: tuple[tuple[str, Decimal], ...] = field(default=())

    @property
    def title(self) -> str:
        if self.kind is YearKind.CALENDAR:
            return translate("AnnualReportPdf", "Annual report {year}").format(year=self.year)
        return translate("AnnualReportPdf", "Billing year {year}").format(year=self.year)


async def visible_sources(db: SessionProvider, *, include_archived: bool = False) -> list[Source]:
    """The sources the signed-in member sees (the repositories apply the access rules)."""
    async with db.session(readonly=True) as session:
        return await SourceRepository(session).all(include_archived=include_archived)


async def build_source_section(
    db: SessionProvider, source: Source, kind: YearKind, year: int, tz: tzinfo | None = None
) -> SourceSection:
    """One source's figures for ``year`` (calendar or its billing year)."""
    assert source.id is not None
    zone = tz or system_zone()
    start, end = period_of(source, kind, year)
    year_period = Period.YEAR if kind is YearKind.CALENDAR else Period.BILLING_YEAR
    async with db.session(readonly=True) as session:
        events = await MeterEventRepository(session).for_source(source.id)
        tariffs = await TariffRepository(session).for_metrics([m.id for m in source.metrics if m.id is not None])
        begin = datetime(start.year, start.month, start.day, tzinfo=zone).astimezone(UTC)
        finish = datetime(end.year, end.month, end.day, tzinfo=zone).astimezone(UTC)
        lines = await ReadingRepository(session).page(source, 0, 100_000, flt=ReadingFilter(start=begin, end=finish))
        advances = await AdvancePaymentRepository(session).for_source(source.id)
        factors = await ConversionFactorRepository(session).for_metrics(
            [m.id for m in source.metrics if m.id is not None]
        )
    noted = [
        ReadingNote(line.reading.timestamp, line.reading.note.strip()) for line in lines if line.reading.note.strip()
    ]
    sections = []
    for metric in source.metrics:
        assert metric.id is not None
        months = await build_report(db, source.id, metric.id, Period.MONTH, start, end, zone)
        years = await build_report(db, source.id, metric.id, year_period, add_months(start, -12), end, zone)
        this_year = next((r for r in years.rows if r.start == start), None)
        previous = next((r for r in years.rows if r.start == add_months(start, -12)), None)
        if metric.kind is MetricKind.GAUGE:
            compared = months
        else:
            first = date(start.year - COMPARED_YEARS + 1, 1, 1)
            compared = await build_report(db, source.id, metric.id, Period.MONTH, first, end, zone)
        in_force = _tariffs_in(tariffs.get(metric.id, []), start, end)
        changes = tuple(
            e for e in events if e.metric_id == metric.id and start <= local_date(int(e.at.timestamp()), zone) < end
        )
        sections.append(
            MetricSection(
                months.metric,
                months,
                this_year,
                previous,
                compared,
                in_force,
                changes,
                months.original_metric,
                _in_force(factors.get(metric.id, []), start, end),
            )
        )
    return SourceSection(
        source=source,
        kind=kind,
        year=year,
        start=start,
        end=end,
        metrics=tuple(sections),
        notes=tuple(noted[:MAX_NOTES]),
        more_notes=max(0, len(noted) - MAX_NOTES),
        settlement=_year_settlement(advances, sections, start, end, zone),
    )


def _year_settlement(
    advances: Sequence[AdvancePayment], parts: Sequence[MetricSection], start: date, end: date, tz: tzinfo
) -> Settlement | None:
    """A year that is over: its advances against the cost of all its usage registers (each priced as
    its bill is, kWh for gas); the current year: the billing year's forecast settlement (the Reports
    page's); a year still to come: none."""
    if not advances:
        return None
    today = datetime.now(tz).date()
    usage = [p.months for p in parts if not p.is_gauge]
    if not usage or today < start:
        return None
    if today < end:
        return usage[0].settlement
    costs = [r.total_cost for r in usage]
    currencies = {r.currency for r in usage}
    currency = currencies.pop() if len(currencies) == 1 else None
    known = currency is not None and all(c is not None for c in costs)
    cost = sum((money(c) for c in costs if c is not None), Decimal(0)) if known else None
    return settle_closed(advances, start, end, cost, currency)


def _tariffs_in(tariffs: Sequence[Tariff], start: date, end: date) -> tuple[Tariff, ...]:
    return _in_force(tariffs, start, end)


def _in_force[T: (Tariff, ConversionFactor)](rows: Sequence[T], start: date, end: date) -> tuple[T, ...]:
    """The row valid at ``start`` and each one starting before ``end``."""
    ordered = sorted(rows, key=lambda t: t.valid_from)
    at_start = [t for t in ordered if t.valid_from <= start][-1:]
    return tuple(at_start + [t for t in ordered if start < t.valid_from < end])


async def build_annual_report(
    db: SessionProvider,
    kind: YearKind,
    year: int,
    sources: Sequence[Source] | None = None,
    tz: tzinfo | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> AnnualReport:
    """The figures of every source in ``sources`` (default: every source the member sees, not archived).

    ``progress(done, total, source name)`` is called before each source; cancelling the task
    stops between (and within) sources.
    """
    zone = tz or system_zone()
    chosen = list(sources) if sources is not None else await visible_sources(db)
    sections = []
    for index, source in enumerate(chosen):
        if progress is not None:
            progress(index, len(chosen), source.name)
        sections.append(await build_source_section(db, source, kind, year, zone))
        await asyncio.sleep(0)
    if progress is not None:
        progress(len(chosen), len(chosen), "")
    return assemble(kind, year, sections, zone)


def assemble(kind: YearKind, year: int, sections: Sequence[SourceSection], tz: tzinfo) -> AnnualReport:
    """The report from its sections, with the household's totals per unit and per currency."""
    totals: dict[str, tuple[Decimal, int, list[str]]] = {}
    costs: dict[str, Decimal] = {}
    for section in sections:
        if section.source.virtual:  # computed from other meters: counted there already
            continue
        for part in section.metrics:
            report = part.months
            if part.is_gauge or report.total_consumption is None:
                continue
            unit = part.metric.unit
            amount, decimals, names = totals.get(unit, (Decimal(0), 0, []))
            if section.source.name not in names:
                names.append(section.source.name)
            # The totals add up the figures as printed: each rounded as on its own page.
            shown = report.total_consumption.quantize(quantum(part.metric), rounding=ROUND_HALF_UP)
            totals[unit] = (amount + shown, max(decimals, part.metric.decimals), names)
            if report.total_cost is not None and report.currency:
                costs[report.currency] = costs.get(report.currency, Decimal(0)) + money(report.total_cost)
    return AnnualReport(
        kind=kind,
        year=year,
        sections=tuple(sections),
        generated=datetime.now(tz),
        tz=tz,
        totals=tuple(UnitTotal(u, a, d, tuple(n)) for u, (a, d, n) in totals.items()),
        costs=tuple(costs.items()),
    )
