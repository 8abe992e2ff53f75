"""``homelog import FILE [--source NAME]``: readings from a table, a meter-data file or a Home Log export.

Columns are mapped to the source's metrics by name (case-insensitive, a "(unit)" in the header
ignored); with ``--create`` a missing source is created with a counter metric per numeric column.

Amounts per period (interval metrics): ``--period-start-column``/``--period-end-column`` name the
columns holding each row's period (``From``/``To``, ``Start``/``End``), ``--time-is start|end`` says
which end the date column gives, ``--period 15min`` the period's length when only one end is in
the file (see ``ImportSettings`` for the rules). With any of them, ``--create`` makes the new
metrics interval metrics. Without them, what detection found is used (``periods.with_periods``:
two time columns, ``start to end`` cells, a header naming the start or the end, regular steps).
``--kind COLUMN=counter|interval|gauge`` (repeatable) chooses a column's kind.

A Home Log JSON export (``homelog export -o FILE.json``) is recognised without options: its sources
are created with everything they had (metrics, tariffs, meter changes, readings with their periods,
flags, notes and authors); into a source that exists only what it lacks is added. ``--source``
then picks one source of the file. Home Log's own CSV export is read back the same way (periods,
flags and authors by their columns) into ``--source``.

``--create`` and ``--skip-invalid`` work the same for every kind of file: a source named with ``--source``
must exist unless ``--create`` (a standard file without ``--source`` makes a source per meter, as it needs
no options); an invalid row or cell (a value or time that cannot be read) stops the import with nothing
stored unless ``--skip-invalid``, which skips and lists it.

Exit code 0 means every row and cell of the file went in;
3 that the import was stored but something was skipped (rows, or cells without a value), each named
by line in the summary printed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .common import OK, CommandError, add_location_arguments, fail, open_database, run_command
from .identity import add_member_argument

#: Exit code of an import that was stored, but skipped rows or left cells empty (listed by line).
IMPORTED_WITH_SKIPS = 3

EXAMPLES = """\
examples:
  homelog import meter.csv --source Electricity --create
      columns detected: amounts per period (usage, kWh per 15 min, values that rise and fall at
      regular steps), counters (totals that only grow) and gauges (°C, %)
  homelog import nem12.csv                      standard formats need no options: a source per meter (NMI)
  homelog import greenbutton.zip --source House all registers of the file into the source "House"
  homelog import --list-profiles                the supplier and portal layouts recognised by their header
  homelog import octopus.csv --source Octopus --create --profile octopus-consumption
  homelog import household.json                 a Home Log export: its sources, whole, no options
  homelog import quarter-hours.csv --source Grid --create --kind "Afname=interval" --time-is start
      Afname holds an amount per period; each row's time starts its period (00:00 holds 00:00-00:15)
  homelog import portal.csv --source Grid --create --period-start-column From --period-end-column To
      each row's period is [From, To)
  homelog import hourly.csv --source Solar --create --time-is end --period 1h
      each row's time ends its hour (01:00 holds 00:00-01:00)
  homelog import readings.csv --source Water --kind "Meter (m³)=counter" --kind "Temp=gauge"

"""

EXIT_CODES = """\
exit codes:
  0  imported: every row and every cell of the file went in
  3  imported, but something was skipped (rows: empty, invalid with --skip-invalid, already stored,
     no reading such as a total line; or cells without a value such as NaN, -, n/a): the summary
     names each by line
  2  bad input: nothing was imported (an invalid row without --skip-invalid, an unreadable file,
     an unknown source without --create, ambiguous dates without --date-format...)
  1  anything else (a database locked for too long...): nothing was imported
"""

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..db import Database
    from ..domain.entities import Source
    from ..services.importing import ColumnTarget, Detected, ImportProgress, ImportSettings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES + EXIT_CODES
    parser.add_argument(
        "file",
        metavar="FILE",
        type=Path,
        nargs="?",
        help="a CSV (any common delimiter), a workbook (.xlsx, .xls, .ods), a standard meter-data file "
        "(NEM12/NEM13, Green Button XML or .zip, Home Assistant statistics, DSMR-reader export) "
        "or a Home Log JSON export",
    )
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="the source to import into (needed for tables; a standard format without it makes a source "
        "per meter of the file, named after it; a Home Log JSON export: only this source of the file)",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="read the file with this supplier or portal profile (see --list-profiles) instead of the one "
        "recognised by its header",
    )
    parser.add_argument(
        "--list-profiles", action="store_true", help="list the built-in supplier and portal profiles and exit"
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the --source if it does not exist (a table: a counter metric per numeric column; a supplier "
        "profile: its metrics; a standard file: a metric per register); without it an unknown source is an error. "
        "A standard file without --source needs no --create: each of its meters becomes a source, created as needed",
    )
    parser.add_argument(
        "--date-format",
        metavar="FMT",
        help="how dates are written: a strptime pattern such as %%d/%%m/%%Y, or iso, excel, dmy, mdy, ymd "
        "(needed when every day is 12 or less)",
    )
    parser.add_argument(
        "--decimal",
        choices=[",", "."],
        help="the decimal separator (default: detected); the other one then groups thousands",
    )
    parser.add_argument(
        "--duplicates",
        choices=["skip", "replace"],
        default="skip",
        help="a row with the time of a stored reading: keep the stored one (skip, default) or replace it",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="skip invalid rows and cells (a value or time that cannot be read; each listed by line) instead of "
        "stopping with nothing imported: tables, supplier profiles and standard formats alike (not a Home Log "
        "export, which is imported whole or not at all)",
    )
    parser.add_argument(
        "--register-column",
        metavar="COLUMN",
        help="a long file (one row per register, channel, energy or unit): the column naming each row's register, "
        "by name or number (each register becomes its own metric); 'none' reads the file as a column per "
        "register (default: detected where the rows of one time differ in one column)",
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help="the worksheet of a workbook (.xlsx, .xls, .ods; default: the first)"
    )
    parser.add_argument(
        "--time-zone",
        "--timezone",
        dest="timezone",
        metavar="ZONE",
        help="the IANA time zone (Europe/Amsterdam, UTC) of times without an offset, such as a DSMR-reader or "
        "HomeWizard export's (default: the zone the time column's header names, else this computer's); a zone "
        "column and offsets in the cells are exact whatever it says",
    )
    parser.add_argument("--progress", action="store_true", help="print progress lines on stderr while importing")
    periods = parser.add_argument_group(
        "amounts per period",
        "For interval metrics, each value is the amount over its own period [start, end). Without these\n"
        "options, what the file shows decides: two time columns (From/To), 'start to end' cells, a header\n"
        "naming the start or the end, or regular steps (a row at 00:00 starts its period, else ends it);\n"
        "otherwise each amount runs since the previous value of its metric.",
    )
    periods.add_argument(
        "--period-start-column", metavar="COLUMN", help="the column (name or number) holding each period's start"
    )
    periods.add_argument(
        "--period-end-column", metavar="COLUMN", help="the column (name or number) holding each period's end"
    )
    periods.add_argument(
        "--time-is",
        choices=["start", "end"],
        help="whether a row's time is the start or the end of its period (default: detected, else end)",
    )
    periods.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="COLUMN=KIND",
        help="what a column holds: counter (a running total, such as a meter's register), interval (an amount "
        "per period) or gauge (a level, a temperature); repeat it for each column to choose (default: detected "
        "from the headers and the values)",
    )
    periods.add_argument(
        "--period",
        metavar="LENGTH",
        help="the length of each period when the file gives one end only: 15min, 30min, 1h, 1d "
        "(default: the rows' regular step, detected; with --time-is start, the most common step)",
    )
    add_location_arguments(parser)
    add_member_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.list_profiles:
        return _list_profiles()
    if args.file is None:
        return fail("give the FILE to import (or --list-profiles)")
    return run_command(lambda: _import(args))


def _list_profiles() -> int:
    from ..services.importing.builtin_profiles import BUILTIN_PROFILES

    width = max(len(p.name) for p in BUILTIN_PROFILES)
    for profile in BUILTIN_PROFILES:
        print(f"{profile.name:<{width}}  {profile.country}  {profile.label}")
    return OK


async def _import(args: argparse.Namespace) -> int:
    from ..services.importing import (
        DuplicatePolicy,
        ImportCancelledError,
        ImportFileError,
        ImportPlan,
        TargetRole,
        detect,
        new_source_for,
        run_import,
        suggest_mapping,
    )
    from ..services.importing.builtin_profiles import apply_builtin, builtin_profile, recognise_profile
    from ..services.importing.homelog import is_homelog_file
    from ..services.importing.model import printable
    from ..services.importing.standard import recognise

    path: Path = args.file
    if not await asyncio.to_thread(path.is_file):
        raise CommandError(printable(f"no file at {path}"))
    if await asyncio.to_thread(is_homelog_file, path):
        return await _import_homelog(args, path)
    forced = None
    if args.profile:
        try:
            forced = builtin_profile(args.profile)
        except KeyError:
            raise CommandError(
                printable(f"there is no profile “{args.profile}” (homelog import --list-profiles lists them)")
            ) from None
    elif await asyncio.to_thread(recognise, path) is not None:
        return await _import_standard(args)
    if not args.source:
        raise CommandError("--source NAME is needed: the source to import this table into")
    try:
        detected = await asyncio.to_thread(detect, path, args.sheet, _register_option(args.register_column))
        # Options that shape how the file is read win over a profile recognised by the header.
        shaped = args.register_column is not None or _has_periods(args)
        profile = forced or (None if shaped else recognise_profile(detected))
        if profile is not None:
            detected = await asyncio.to_thread(apply_builtin, profile, detected)
        settings = _settings(args, detected)
    except ImportFileError as error:
        raise CommandError(str(error)) from None
    async with open_database(args, create=args.create) as db:
        source = await _stored_source(db, args.source)
        if source is None:
            if not args.create:
                raise _no_source(args.source)
            source, mapping = new_source_for(args.source.strip(), detected)
            own = {value for value, _start in settings.start_columns}
            if profile is not None:
                source, mapping = profile.new_source(args.source.strip(), detected, mapping)
            elif _has_periods(args) or own:
                source, mapping = _as_intervals(source, mapping, settings, None if _has_periods(args) else own)
        else:
            mapping = suggest_mapping(detected, source)
            if profile is not None:
                mapping = profile.mapping_onto(source, detected, mapping)
        try:
            source, mapping = _with_kinds(args.kind, detected, source, mapping)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        if not any(t.role is TargetRole.METRIC for t in mapping.values()):
            if source.id is None:
                columns = ", ".join(detected.columns)
                raise CommandError(
                    printable(f"{path.name} has no column of numbers to make a metric of (columns: {columns})")
                )
            metrics = ", ".join(m.name for m in source.metrics) or "none"
            raise CommandError(
                printable(
                    f"no column of {path.name} matches a metric of “{source.name}” by name "
                    f"(columns: {', '.join(detected.columns)}; metrics: {metrics})"
                )
            )
        plan = ImportPlan(
            path=path,
            settings=settings,
            source=source,
            mapping=mapping,
            duplicates=DuplicatePolicy(args.duplicates),
            skip_invalid=args.skip_invalid,
            kind=detected.kind,
            columns=detected.columns,
            join_created=args.create,
        )
        try:
            summary = await run_import(db, plan, _progress_printer() if args.progress else None)
        except ImportFileError as error:
            raise CommandError(f"{error}; nothing was imported") from None
        except ImportCancelledError as error:  # pragma: no cover - the CLI has no cancel button
            raise CommandError(str(error)) from None
    for note in detected.notes:
        print(f"note: {printable(note)}", file=sys.stderr)
    print(summary.as_text(), end="")
    return OK if summary.complete else IMPORTED_WITH_SKIPS


async def _import_standard(args: argparse.Namespace) -> int:
    """A standard-format file: every register its metric, with its unit, kind and periods, no options needed."""
    from ..services.importing import DuplicatePolicy, ImportCancelledError, ImportFileError
    from ..services.importing.standard import StandardPlan, read_standard, run_standard_import

    try:
        parsed = await asyncio.to_thread(read_standard, args.file)
    except ImportFileError as error:
        raise CommandError(str(error)) from None
    try:
        zone = _zone_option(args)
    except ImportFileError as error:
        raise CommandError(str(error)) from None
    plan = StandardPlan(
        args.file,
        parsed,
        args.source,
        duplicates=DuplicatePolicy(args.duplicates),
        timezone=zone,
        skip_invalid=args.skip_invalid,
    )
    # Into a source named on the command line, as for a table: it must exist unless --create. Without
    # --source the file's meters become sources of their own, created as needed (no option needed).
    named = bool(args.source and args.source.strip())
    async with open_database(args, create=args.create or not named) as db:
        if named and not args.create and await _stored_source(db, args.source) is None:
            raise _no_source(args.source)
        try:
            summary = await run_standard_import(db, plan, _progress_printer() if args.progress else None)
        except ImportFileError as error:
            raise CommandError(f"{error}; nothing was imported") from None
        except ImportCancelledError as error:  # pragma: no cover - the CLI has no cancel button
            raise CommandError(str(error)) from None
    print(summary.as_text(), end="")
    return OK if summary.complete else IMPORTED_WITH_SKIPS


async def _stored_source(db: Database, name: str) -> Source | None:
    """The stored source called ``name`` (None: there is none)."""
    from ..domain.errors import NotFoundError
    from ..repositories import SourceRepository

    async with db.session(readonly=True) as session:
        try:
            return await SourceRepository(session).get_by_name(name.strip())
        except NotFoundError:
            return None


def _no_source(name: str) -> CommandError:
    """The one-line error of a source that does not exist, saying how to create it (``--create``)."""
    from ..services.importing.model import printable

    return CommandError(printable(f"there is no source named “{name}” (add --create to create it)"))


async def _import_homelog(args: argparse.Namespace, path: Path) -> int:
    """A Home Log JSON export: its sources, created or completed."""
    from ..services.importing import DuplicatePolicy, ImportCancelledError, ImportFileError
    from ..services.importing.homelog import load_document, run_homelog_import

    if args.skip_invalid:
        # An export is read whole or not at all: a row of it cannot be left out without losing what hangs on it.
        raise CommandError("--skip-invalid does not apply to a Home Log export: it is imported whole or not at all")
    try:
        document = await load_document(path)
        if args.source:
            document = document.only(args.source)
    except ImportFileError as error:
        raise CommandError(f"{error}; nothing was imported") from None
    async with open_database(args, create=args.create) as db:
        try:
            summary = await run_homelog_import(
                db, document, DuplicatePolicy(args.duplicates), _progress_printer() if args.progress else None
            )
        except ImportFileError as error:
            raise CommandError(f"{error}; nothing was imported") from None
        except ImportCancelledError as error:  # pragma: no cover - the CLI has no cancel button
            raise CommandError(str(error)) from None
    print(summary.as_text(), end="")
    return OK if summary.complete else IMPORTED_WITH_SKIPS


def _register_option(value: str | None) -> str | None:
    """``--register-column``: a column name or number, None for 'none', AUTO when not given."""
    from ..services.importing.detect import AUTO

    if value is None:
        return AUTO
    return None if value.strip().casefold() in ("none", "no", "-") else value


def _zone_option(args: argparse.Namespace) -> str | None:
    """``--time-zone``: an IANA zone (ImportFileError naming it otherwise), or None when not given."""
    from ..services.importing.zones import check_zone

    return check_zone(args.timezone.strip()) if args.timezone and args.timezone.strip() else None


def _settings(args: argparse.Namespace, detected: Detected) -> ImportSettings:
    from ..services.importing import ImportFileError, parse_date_format_option
    from ..services.importing.zones import zone_to_read

    settings = detected.settings
    if args.date_format:
        settings = replace(settings, date_format=parse_date_format_option(args.date_format, detected))
    elif detected.is_ambiguous:
        choices = " or ".join(f"--date-format '{f}'" for f in detected.ambiguous_date_formats)
        example = detected.sample_rows[0][settings.date_column or 0] if detected.sample_rows else ""
        raise ImportFileError(
            f"dates such as “{example}” could be day-first or month-first: pass {choices} (or dmy / mdy)"
        )
    if args.decimal:
        # The other separator can then only group thousands (1,234.5 or 1.234,5).
        settings = replace(settings, decimal=args.decimal, thousands="," if args.decimal == "." else ".")
    if args.sheet:
        settings = replace(settings, sheet=args.sheet)
    settings = replace(settings, timezone=zone_to_read(_zone_option(args), settings.timezone))
    return _period_settings(args, detected, settings)


def _has_periods(args: argparse.Namespace) -> bool:
    return bool(args.period_start_column or args.period_end_column or args.time_is or args.period)


def _period_settings(args: argparse.Namespace, detected: Detected, settings: ImportSettings) -> ImportSettings:
    """The settings with the periods the options give (see ``ImportSettings`` for the rules), and the
    ``X start`` columns of a Home Log export read as the starts of ``X``'s values."""
    from ..services.importing import ImportFileError, PeriodLabel
    from ..services.importing.model import start_columns_of

    settings = replace(settings, start_columns=start_columns_of(detected.columns))
    start = _column(args.period_start_column, detected, "--period-start-column")
    end = _column(args.period_end_column, detected, "--period-end-column")
    length = _length(args.period) if args.period else None
    date = settings.date_column
    if start is not None and end is not None:
        if start == end:
            raise ImportFileError("--period-start-column and --period-end-column name the same column")
        # The reading's time is the period's end: the end column is the date column.
        return replace(settings, date_column=end, time_column=None, time_is=PeriodLabel.END, period_column=start)
    if start is not None:
        if start == date:
            return replace(settings, time_is=PeriodLabel.START, period_column=None, period_seconds=length)
        return replace(settings, time_is=PeriodLabel.END, period_column=start)
    if end is not None:
        if end == date:
            return replace(settings, time_is=PeriodLabel.END, period_column=None, period_seconds=length)
        return replace(settings, time_is=PeriodLabel.START, period_column=end)
    # Only what the options say replaces what detection found (the ends and length of the periods).
    if args.time_is:
        settings = replace(settings, time_is=PeriodLabel(args.time_is))
    if length is not None:
        settings = replace(settings, period_seconds=length)
    return settings


def _column(text: str | None, detected: Detected, option: str) -> int | None:
    """A column named (case-insensitive) or numbered (from 1) on the command line."""
    from ..services.importing import ImportFileError

    if not text:
        return None
    wanted = text.strip().casefold()
    for index, name in enumerate(detected.columns):
        if " ".join(name.split()).casefold() == wanted:
            return index
    if wanted.isdigit() and 1 <= int(wanted) <= len(detected.columns):
        return int(wanted) - 1
    raise ImportFileError(f"{option}: the file has no column “{text}” (columns: {', '.join(detected.columns)})")


_UNITS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def _length(text: str) -> int:
    """``15min``, ``30 min``, ``1h``, ``1d``, ``900`` (seconds) as seconds."""
    import re

    from ..services.importing import ImportFileError

    found = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", text.casefold())
    factor = _UNITS.get(found[2] or "s") if found else None
    if found is None or factor is None or int(found[1]) <= 0:
        raise ImportFileError(f"--period: “{text}” is not a length such as 15min, 1h or 1d")
    return int(found[1]) * factor


def _as_intervals(
    source: Source, mapping: dict[int, ColumnTarget], settings: ImportSettings, columns: set[int] | None
) -> tuple[Source, dict[int, ColumnTarget]]:
    """A new source's metrics (those of ``columns``; None: all but the gauges detected) as interval
    metrics (a file with periods holds amounts per period); the period's column is not a metric."""
    from ..domain.entities import MetricKind
    from ..services.importing import ColumnTarget

    changed: dict[int, ColumnTarget] = {}
    for column, target in mapping.items():
        if column == settings.period_column:
            changed[column] = ColumnTarget.ignored()
        elif (
            target.metric is not None
            and (columns is None or column in columns)
            and target.metric.kind is not MetricKind.GAUGE  # a temperature beside the amounts stays a gauge
        ):
            changed[column] = ColumnTarget.to_metric(replace(target.metric, kind=MetricKind.INTERVAL, digits=None))
        else:
            changed[column] = target
    metrics = tuple(t.metric for t in changed.values() if t.metric is not None)
    return replace(source, metrics=metrics), changed


#: ``--kind`` values, and the words also understood for them.
KINDS = {
    "counter": "counter",
    "interval": "interval",
    "amount": "interval",
    "amounts": "interval",
    "period": "interval",
    "gauge": "gauge",
}


def _with_kinds(
    options: list[str], detected: Detected, source: Source, mapping: dict[int, ColumnTarget]
) -> tuple[Source, dict[int, ColumnTarget]]:
    """The mapping with each ``--kind COLUMN=KIND``: a new metric takes that kind; a stored metric must have it."""
    from ..domain.entities import MetricKind
    from ..services.importing import ColumnTarget, ImportFileError

    if not options:
        return source, mapping
    changed = dict(mapping)
    for option in options:
        name, sep, kind_text = option.rpartition("=")
        kind_name = KINDS.get(kind_text.strip().casefold())
        if not sep or not name.strip() or kind_name is None:
            raise ImportFileError(
                f"--kind: “{option}” is not COLUMN=KIND, KIND being counter, interval or gauge "
                "(--kind 'Usage=interval')"
            )
        column = _column(name, detected, "--kind")
        assert column is not None  # the name is not empty
        kind = MetricKind(kind_name)
        target = changed.get(column)
        metric = target.metric if target is not None else None
        if metric is None:
            raise ImportFileError(f"--kind: the column “{detected.columns[column]}” is not imported as a metric")
        if metric.id is None:
            digits = metric.digits if kind is MetricKind.COUNTER else None
            changed[column] = ColumnTarget.to_metric(replace(metric, kind=kind, digits=digits))
        elif metric.kind is not kind:
            raise ImportFileError(
                f"--kind: “{detected.columns[column]}” goes to the metric “{metric.label}” of “{source.name}”, "
                f"which is a {metric.kind.value} metric: change the metric in Home Log, not in the import"
            )
    if source.id is None:
        metrics = tuple(t.metric for _c, t in sorted(changed.items()) if t.metric is not None)
        source = replace(source, metrics=metrics)
    return source, changed


def _progress_printer() -> Callable[[ImportProgress], None]:
    def show(progress: ImportProgress) -> None:
        print(
            f"progress {progress.phase} rows={progress.rows_done} bytes={progress.bytes_done}/{progress.bytes_total}",
            file=sys.stderr,
            flush=True,
        )

    return show
