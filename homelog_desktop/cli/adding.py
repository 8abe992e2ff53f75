"""``homelog add``: add one reading to a source, checked by the same rules and service as the window.

Warnings (a counter lower than before, a jump, a time in the future...) are printed; the reading
is stored only when there are none or ``--accept-warnings`` is given, as "Save anyway" does.
A meter change recorded with the reading (``--replaced``, ``--reset``, ``--rollover``) is stored
with it, as the reading window's "Meter replaced…" buttons do, and checked by the same rules.
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
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..domain.entities import MeterEvent, Metric, Reading, Source
    from ..domain.validation import ReadingContext
    from ..services.readings import SaveResult


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


def _change(text: str) -> tuple[str, Decimal | None, Decimal | None]:
    """METRIC=OLD:NEW, METRIC=OLD or METRIC: a metric's name and the old and new register values."""
    name, sep, values = text.partition("=")
    old_text, _, new_text = values.partition(":")
    try:
        old = Decimal(old_text.strip()) if old_text.strip() else None
        new = Decimal(new_text.strip()) if new_text.strip() else None
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"“{text}” is not METRIC=OLD:NEW (for example Day=48211:0)") from None
    if not name.strip() or (sep and old is None):
        raise argparse.ArgumentTypeError(f"“{text}” is not METRIC=OLD:NEW (for example Day=48211:0)")
    return name.strip(), old, new


EPILOG = """examples:
  homelog add Electricity Day=12345.6 Night=7890.1
  homelog add Water Water=451.2 --at 2025-03-14T08:30 --note "after the holidays"
  homelog add Electricity Day=12.4 --replaced Day=48211.3:0     the meter was exchanged before this reading
  homelog add Gas Gas=3.1 --rollover Gas                         the register passed 99999 and started again
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
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
    changes = parser.add_argument_group("meter changes recorded with the reading")
    changes.add_argument(
        "--replaced",
        type=_change,
        action="append",
        default=[],
        metavar="METRIC=OLD:NEW",
        help="the metric's meter was exchanged: the old meter's final value OLD, the new meter's first value NEW",
    )
    changes.add_argument(
        "--reset",
        type=_change,
        action="append",
        default=[],
        metavar="METRIC=OLD[:NEW]",
        help="the register was set back after showing OLD, to NEW (default 0)",
    )
    changes.add_argument(
        "--rollover",
        action="append",
        default=[],
        metavar="METRIC",
        help="the register passed its largest value (its digits, set in the source) and started again from 0",
    )
    changes.add_argument(
        "--changed-at",
        type=_moment,
        metavar="TIME",
        help="when the meter was replaced or reset (default: a minute before the reading, or halfway since the "
        "previous one)",
    )
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

        async def save(session: AsyncSession) -> SaveResult:
            service = ReadingService(session)
            context = await service.context(source, at)
            events = _changes(args, source, reading, context)
            return await service.save(source, reading, accept_all=args.accept_warnings, events=events)

        writer = PatientWriter(db, _say_waiting)
        result = await writer.run(save)
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
    for event in result.events:
        changed = source.metric(event.metric_id)
        name = changed.name if changed is not None else "?"
        print(f"Recorded with it: {event.kind.label.lower()} of {name}, {event.at.astimezone():%Y-%m-%d %H:%M}")
    return OK


def _changes(args: argparse.Namespace, source: Source, reading: Reading, context: ReadingContext) -> list[MeterEvent]:
    """The meter changes the options ask for, at the moment the reading window would propose."""
    from ..domain.entities import MeterEvent, MeterEventKind
    from ..domain.validation import change_moment, rollover_moment

    assert source.id is not None
    events: dict[int, MeterEvent] = {}

    def add(metric: Metric, event: MeterEvent) -> None:
        if metric.id in events:
            raise CommandError(f"{metric.label}: only one meter change per metric with a reading")
        events[event.metric_id] = event

    def previous_at(metric: Metric) -> datetime | None:
        previous = context.previous.get(metric.id) if metric.id is not None else None
        return previous.timestamp if previous is not None else None

    for name, old, new in args.replaced:
        metric = _metric(source, name)
        assert metric.id is not None
        if new is None:
            raise CommandError(f"--replaced {name}: give the new meter's first value too, as {name}={old}:0")
        at = args.changed_at or change_moment(previous_at(metric), reading.timestamp)
        add(metric, MeterEvent(None, source.id, metric.id, at, MeterEventKind.REPLACEMENT, old, new))
    for name, old, new in args.reset:
        metric = _metric(source, name)
        assert metric.id is not None
        at = args.changed_at or change_moment(previous_at(metric), reading.timestamp)
        add(metric, MeterEvent(None, source.id, metric.id, at, MeterEventKind.RESET, old, new))
    for name in args.rollover:
        metric = _metric(source, name)
        assert metric.id is not None
        previous = context.previous.get(metric.id)
        value = reading.values.get(metric.id)
        if not metric.digits:
            raise CommandError(f"--rollover {name}: set the number of digits of {metric.label}'s register first")
        if previous is None or value is None:
            raise CommandError(f"--rollover {name}: needs a value of {metric.label} and an earlier reading of it")
        moment = rollover_moment(metric.digits, previous.value, previous.timestamp, value, reading.timestamp)
        add(metric, MeterEvent(None, source.id, metric.id, moment, MeterEventKind.ROLLOVER))
    return list(events.values())
