"""``homelog report``: consumption and cost per period of one metric, as CSV or a table; or the
annual report of every source as a PDF (``--format pdf -o FILE``).

The figures come from ``services.reports.build_report``, the same code as the Reports page. Dates
are local (the computer's time zone); ``--from`` and ``--to`` are inclusive days, while the CSV's
``period_end`` is exclusive (the first day after the period).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .common import FAILED, OK, CommandError, add_location_arguments, fail, open_database, run_command
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


EXAMPLES = """\
examples:
  homelog report --source Water --period month                  CSV, one row per month
  homelog report --source Electricity --metric Day --period year --format table
  homelog report --source Gas --period month --unit m3                 gas as metered, not in kWh
  homelog report --format pdf -o report-2025.pdf --year 2025    the annual report of every source
  homelog report --format pdf -o gas.pdf --billing-year 2025 --source Gas --page-size letter

--format pdf writes the annual report: a cover page with the household's totals, then a page per
source (every source you see that is not archived, or each --source given) with the months,
charts, cost, the change against last year, meter changes, prices and notes. --year is a calendar
year, --billing-year each source's billing year that starts in that year (default: --year of last
year). The page size defaults to Letter in the US and Canada, A4 elsewhere.

A metric with conversion factors (gas m³ → kWh) is reported in the converted unit, with the amount
as metered in a last column; --unit chooses the unit shown. With advance payments, --format table
ends with the billing year's forecast settlement.
"""


def _year(text: str) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise argparse.ArgumentTypeError(f"“{text}” is not a year such as 2025")
    return int(text)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES
    parser.add_argument(
        "--source",
        action="append",
        metavar="NAME",
        help="the source's name (any case); csv/table: exactly one; pdf: repeat for several (default: all)",
    )
    parser.add_argument("--metric", metavar="NAME", help="the metric's name (may be left out if there is only one)")
    parser.add_argument(
        "--period",
        choices=PERIODS,
        help="csv/table (required): one row per day, ISO week, month, quarter, calendar year, billing year"
        " or heating season (July-June)",
    )
    parser.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (default: all)")
    parser.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day, included (default: all)")
    parser.add_argument(
        "--unit",
        metavar="UNIT",
        help="csv/table: the unit to report in, for a metric with conversion factors: the converted one"
        " (default, e.g. kWh) or the metered one (e.g. m3)",
    )
    parser.add_argument(
        "--format",
        choices=("csv", "table", "pdf"),
        default="csv",
        help="csv (default), a readable aligned table, or the annual report as a PDF (needs -o)",
    )
    pdf = parser.add_argument_group("the annual report (--format pdf)")
    pdf.add_argument("-o", "--output", metavar="FILE", help="the PDF file to write (replaced if it exists)")
    which = pdf.add_mutually_exclusive_group()
    which.add_argument("--year", type=_year, metavar="YYYY", help="the calendar year (default: last year)")
    which.add_argument("--billing-year", type=_year, metavar="YYYY", help="each source's billing year starting in YYYY")
    pdf.add_argument(
        "--page-size", choices=("a4", "letter"), help="a4 or letter (default: from the locale: letter in the US/Canada)"
    )
    add_location_arguments(parser)
    add_member_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.format == "pdf":
        return _run_pdf(args)
    for option, value in (
        ("-o/--output", args.output),
        ("--year", args.year),
        ("--billing-year", args.billing_year),
        ("--page-size", args.page_size),
    ):
        if value is not None:
            return fail(f"{option} is for --format pdf only")
    if not args.source:
        return fail("--source NAME is required (the source to report on)")
    if len(args.source) > 1:
        return fail("--format csv and table report on one --source (the PDF takes several)")
    if args.period is None:
        return fail(f"--period is required: one of {', '.join(PERIODS)}")
    if args.start is not None and args.end is not None and args.end < args.start:
        return fail(f"--to {args.end} is before --from {args.start}")
    args.source = args.source[0]
    return run_command(lambda: _report(args))


def _run_pdf(args: argparse.Namespace) -> int:
    for option, value in (
        ("--period", args.period),
        ("--unit", args.unit),
        ("--metric", args.metric),
        ("--from", args.start),
        ("--to", args.end),
    ):
        if value is not None:
            return fail(f"{option} is not used by --format pdf (it reports whole months of a --year or --billing-year)")
    if not args.output:
        return fail("--format pdf needs -o FILE (where to write the PDF)")
    output = Path(args.output).expanduser()
    if output.is_dir():
        return fail(f"-o {output} is a folder; give a file name such as {output / 'annual-report.pdf'}")
    if not output.parent.is_dir():
        return fail(f"cannot write {output}: the folder {output.parent} does not exist", FAILED)
    # Rendering needs a QApplication (the charts are widgets): offscreen, unless the caller chose a platform.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..i18n import install_translations
    from ..startup import name_the_application, prefer_a_real_locale

    name_the_application()
    app = QApplication.instance() or QApplication(["homelog"])
    # The document is the household's, in the window's language and conventions (the system's or the
    # one chosen in its settings), as File → Export Annual Report… writes it; the messages here stay English.
    prefer_a_real_locale()
    install_translations()
    try:
        return run_command(lambda: _pdf_report(args, output))
    finally:
        del app


async def _pdf_report(args: argparse.Namespace, output: Path) -> int:
    from ..domain.errors import NotFoundError
    from ..repositories import SourceRepository
    from ..services.annual_report import YearKind, build_annual_report, visible_sources
    from ..views.annual_report_pdf import default_page_size, write_pdf

    if args.billing_year is not None:
        kind, year = YearKind.BILLING, args.billing_year
    else:
        kind, year = YearKind.CALENDAR, args.year if args.year is not None else date.today().year - 1
    async with open_database(args) as db:
        if args.source:
            sources = []
            async with db.session(readonly=True) as session:
                repository = SourceRepository(session)
                for name in dict.fromkeys(n.strip() for n in args.source):
                    try:
                        sources.append(await repository.get_by_name(name))
                    except NotFoundError:
                        names = [s.name for s in await repository.all()]
                        known = f"; the sources are: {', '.join(names)}" if names else "; there are no sources yet"
                        raise CommandError(f"there is no source named “{name}”{known}") from None
        else:
            sources = await visible_sources(db)
            if not sources:
                raise CommandError("there are no sources to report on (add a meter first)")
        report = await build_annual_report(db, kind, year, sources)
    try:
        pages = await write_pdf(report, output, args.page_size or default_page_size())
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror or error}", FAILED) from None
    print(f"{output}: the annual report of {len(sources)} source{'s' if len(sources) != 1 else ''}, {pages} pages")
    return OK


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
        if args.unit is not None and not _same_unit(args.unit, report.metric.unit):
            metered = report.original_metric
            if metered is None or not _same_unit(args.unit, metered.unit):
                units = f"{report.metric.unit} (converted) or {metered.unit} (as metered)" if metered else metric.unit
                raise CommandError(f"--unit {args.unit}: “{metric.name}” is reported in {units or 'no unit'}")
            report = await build_report(db, source.id, metric.id, Period(args.period), args.start, end, converted=False)
    sys.stdout.write(report_csv(report) if args.format == "csv" else report_table(report))
    for note in report.notes:
        print(f"homelog: note: {note}", file=sys.stderr)
    return OK


def _same_unit(given: str, unit: str) -> bool:
    """Units compared as typed on a keyboard: any case, ``m3`` for ``m³``."""

    def plain(text: str) -> str:
        return text.strip().casefold().replace("³", "3").replace("²", "2")

    return plain(given) == plain(unit)


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
        metered = report.original_metric
        if metered is not None:
            header.append(f"Metered ({metered.unit})" if metered.unit else "Metered")
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
                *([consumption_text(r.original, metered) if r.original is not None else "–"] if metered else []),
            ]
            for r in report.rows
        ]
        if report.rows:
            total_cost = money_text(report.total_cost) if report.total_cost is not None else "–"
            total = ["Total", "", "", amount(report.total_consumption), "", "", total_cost, "", ""]
            if metered is not None:
                originals = [r.original for r in report.rows if r.original is not None]
                total.append(consumption_text(sum(originals, Decimal(0)), metered) if originals else "–")
            rows.append(total)
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
    if report.settlement is not None:
        from ..domain.settlement import settlement_lines

        out += ["", *settlement_lines(report.settlement)]
    return "\n".join(out) + "\n"
