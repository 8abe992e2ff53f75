"""``homelog add``: add one reading to a source, checked by the same rules and service as the window.

Warnings (a counter lower than before, a jump, a time in the future...) are printed; the reading
is stored only when there are none or ``--accept-warnings`` is given, as "Save anyway" does.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from .common import FAILED, OK, CommandError, add_location_arguments, open_database, run_command
from .identity import add_member_argument

if TYPE_CHECKING:
    from ..domain.entities import Metric, Source


def _moment(text: str) -> datetime:
    """An ISO date and time; without an offset it is the computer's local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date and time such as 2025-03-14T08:30 (local time, or with an offset)"
        ) from None
    return moment.astimezone() if moment.tzinfo is None else moment


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"“{text}” is not METRIC=VALUE (for example Day=1234.5)")
    return name.strip(), value.strip()


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the source's name (any case)")
    parser.add_argument(
        "values",
        nargs="+",
        type=_assignment,
        metavar="METRIC=VALUE",
        help="a value per metric read, by the metric's name (any case); a decimal point, not a comma",
    )
    parser.add_argument(
        "--at", type=_moment, metavar="TIME", help="when it was read: 2025-03-14T08:30 local time (default: now)"
    )
    parser.add_argument(
        "--from",
        dest="period_start",
        type=_moment,
        metavar="TIME",
        help="interval metrics: the start of the amounts' period, up to --at (default: the previous reading)",
    )
    parser.add_argument("--note", default="", help="a note stored with the reading")
    parser.add_argument(
        "--accept-warnings",
        action="store_true",
        help="store the reading even if it raises warnings (they are still printed)",
    )
    add_location_arguments(parser)
    add_member_argument(parser)


def run(args: argparse.Namespace) -> int:
    return run_command(lambda: _add(args))


def _say_waiting(waiting: bool) -> None:
    if waiting:
        print("homelog: waiting for another program to finish writing… (Ctrl+C stops)", file=sys.stderr, flush=True)


def _metric(source: Source, name: str) -> Metric:
    wanted = name.casefold()
    for metric in source.metrics:
        if wanted in (metric.name.casefold(), metric.label.casefold()):
            return metric
    names = ", ".join(m.name for m in source.metrics)
    raise CommandError(f"“{source.name}” has no metric called “{name}” (its metrics: {names})")


async def _add(args: argparse.Namespace) -> int:
    from ..domain.entities import MetricKind, Reading
    from ..domain.errors import ValidationError
    from ..domain.timeutil import utc_now
    from ..domain.validation import parse_value
    from ..services.exporting import find_source
    from ..services.readings import ReadingService
    from ..services.writing import PatientWriter

    async with open_database(args) as db:
        source = await find_source(db, args.source)
        assert source.id is not None
        values: dict[int, Decimal] = {}
        for name, text in args.values:
            metric = _metric(source, name)
            assert metric.id is not None
            if metric.id in values:
                raise CommandError(f"{metric.label} is given twice")
            try:
                value = parse_value(text, metric)
            except ValidationError as exc:
                raise CommandError(str(exc)) from None
            if value is None:
                raise CommandError(f"{metric.label}: no value after “=”")
            values[metric.id] = value
        at = args.at or utc_now().replace(second=0)
        starts = {}
        if args.period_start is not None:
            starts = {
                m.id: args.period_start for m in source.metrics if m.id in values and m.kind is MetricKind.INTERVAL
            }
            if not starts:
                raise CommandError("--from is the start of an interval metric's period: no interval metric is given")
        reading = Reading(None, source.id, at, values, note=args.note.strip(), starts=starts)
        writer = PatientWriter(db, _say_waiting)
        result = await writer.run(
            lambda session: ReadingService(session).save(source, reading, accept_all=args.accept_warnings)
        )
    for issue in result.warnings:
        print(f"homelog: warning: {' '.join(issue.text.split())}", file=sys.stderr)
    if result.reading is None:
        print(
            "homelog: nothing stored; check the warnings, or pass --accept-warnings to store it anyway", file=sys.stderr
        )
        return FAILED
    stored = result.reading.values
    shown = ", ".join(
        f"{metric.name} {stored[metric.id]}{f' {metric.unit}' if metric.unit else ''}"
        for metric in source.metrics
        if metric.id is not None and metric.id in stored
    )
    when = result.reading.timestamp.astimezone().isoformat(" ", "minutes")
    print(f"Added a reading of “{source.name}” at {when}: {shown}")
    return OK
