"""``homelog report``: consumption and cost per period of one metric, as CSV or a table.

The figures come from ``services.reports.build_report``, the same code as the Reports page. Dates
are local (the computer's time zone); ``--from`` and ``--to`` are inclusive days, while the CSV's
``period_end`` is exclusive (the first day after the period).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from .common import OK, CommandError, add_location_arguments, fail, open_database, run_command
from .identity import add_member_argument

if TYPE_CHECKING:
    from ..domain.entities import Metric, Source
    from ..services.reports import Report

PERIODS = ("day", "week", "month", "quarter", "year", "billing_year", "heating_season")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date such as 2025-03-14 (YYYY-MM-DD)") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", required=True, metavar="NAME", help="the source's name (any case)")
    parser.add_argument("--metric", metavar="NAME", help="the metric's name (may be left out if there is only one)")
    parser.add_argument(
        "--period",
        required=True,
        choices=PERIODS,
        help="one row per day, ISO week, month, quarter, calendar year, billing year or heating season (July-June)",
    )
    parser.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (default: all)")
    parser.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day, included (default: all)")
    parser.add_argument(
        "--format", choices=("csv", "table"), default="csv", help="csv (default) or a readable aligned table"
    )
    add_location_arguments(parser)
    add_member_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.start is not None and args.end is not None and args.end < args.start:
        return fail(f"--to {args.end} is before --from {args.start}")
    return run_command(lambda: _report(args))


async def _report(args: argparse.Namespace) -> int:
    from ..domain.consumption import Period
    from ..domain.errors import NotFoundError
    from ..repositories import SourceRepository
    from ..services.reports import build_report, one_day_after, report_csv

    async with open_database(args) as db:
        async with db.session(readonly=True) as session:
            try:
                source = await SourceRepository(session).get_by_name(args.source.strip())
            except NotFoundError:
                names = [s.name for s in await SourceRepository(session).all()]
                known = f"; the sources are: {', '.join(names)}" if names else "; there are no sources yet"
                raise CommandError(f"there is no source named “{args.source}”{known}") from None
        metric = _choose_metric(source, args.metric)
        assert source.id is not None and metric.id is not None
        end = one_day_after(args.end) if args.end is not None else None
        report = await build_report(db, source.id, metric.id, Period(args.period), args.start, end)
    sys.stdout.write(report_csv(report) if args.format == "csv" else report_table(report))
    for note in report.notes:
        print(f"homelog: note: {note}", file=sys.stderr)
    return OK


def _choose_metric(source: Source, name: str | None) -> Metric:
    names = ", ".join(m.name for m in source.metrics)
    if name is None:
        if len(source.metrics) == 1:
            return source.metrics[0]
        raise CommandError(f"“{source.name}” has several metrics; choose one with --metric: {names}")
    wanted = name.strip().lower()
    for metric in source.metrics:
        if metric.name.lower() == wanted:
            return metric
    raise CommandError(f"“{source.name}” has no metric named “{name}”; its metrics are: {names}")


def report_table(report: Report) -> str:
    """The report as an aligned text table with a total line and the projection below it."""
    from ..domain.consumption import period_label
    from ..domain.entities import MetricKind
    from ..services.reports import change_text, consumption_text, days_text, money_text, rate_text

    metric = report.metric
    unit = f" ({metric.unit})" if metric.unit else ""
    currency = f" ({report.currency})" if report.currency else ""
    bsm = report.source.billing_start_month
    gauge = metric.kind is MetricKind.GAUGE

    def amount(value: Decimal | None) -> str:
        return consumption_text(value, metric) if value is not None else "–"

    if gauge:
        header = ["Period", "From", "To", "Days", f"Mean{unit}", "Minimum", "Maximum"]
        rows = [
            [
                period_label(r.start, report.period, bsm),
                r.start.isoformat(),
                r.end.isoformat(),
                days_text(r.days),
                rate_text(r.mean, metric) if r.mean is not None else "–",
                amount(r.minimum),
                amount(r.maximum),
            ]
            for r in report.rows
        ]
    else:
        header = [
            "Period",
            "From",
            "To",
            f"Consumption{unit}",
            "Days",
            "Per day",
            f"Cost{currency}",
            "Last year",
            "Change",
        ]
        rows = [
            [
                period_label(r.start, report.period, bsm),
                r.start.isoformat(),
                r.end.isoformat(),
                "not covered" if r.not_covered else amount(r.consumption),
                days_text(r.days),
                rate_text(r.avg_per_day, metric) if r.avg_per_day is not None else "–",
                money_text(r.cost) if r.cost is not None else "–",
                amount(r.last_year),
                change_text(r.change) if r.change is not None else "–",
            ]
            for r in report.rows
        ]
        if report.rows:
            total_cost = money_text(report.total_cost) if report.total_cost is not None else "–"
            rows.append(["Total", "", "", amount(report.total_consumption), "", "", total_cost, "", ""])
    title = f"{report.source.name} – {metric.label}, per {report.period.label.lower()}"
    if not report.rows:
        return f"{title}\nNo readings in this range.\n"
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    out = [title, "", line(header), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    projection = report.projection
    suffix = f" {metric.unit}" if metric.unit else ""
    if projection is not None:
        if projection.year is not None and projection.scale is not None:  # by last year's seasons
            text = (
                f"Projected for {projection.year}: {consumption_text(projection.annual_consumption, metric)}{suffix}"
                f" (so far + the rest of {projection.year - 1} × {projection.scale:.2f})"
            )
        else:
            text = (
                f"Projected per year: {consumption_text(projection.annual_consumption, metric)}{suffix}"
                f" (recent rate {rate_text(projection.daily_rate, metric)}{suffix} a day)"
            )
        if projection.annual_cost is not None:
            text += f", cost {money_text(projection.annual_cost)} {report.currency}"
        out += ["", text]
        if projection.last_year_consumption is not None:
            last = f"Last 12 months: {consumption_text(projection.last_year_consumption, metric)}"
            last += suffix
            if projection.last_year_cost is not None:
                last += f", cost {money_text(projection.last_year_cost)} {report.currency}"
            out.append(last)
    return "\n".join(out) + "\n"
