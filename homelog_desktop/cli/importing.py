"""``homelog import FILE --source NAME``: readings from a CSV or .xlsx file, all or nothing.

Columns are mapped to the source's metrics by name (case-insensitive, a "(unit)" in the header
ignored); with ``--create`` a missing source is created with a counter metric per numeric column.
Without ``--skip-invalid`` any invalid row stops the import with exit code 2 and a message naming
its line and column, and nothing is stored.

Amounts per period (interval metrics): ``--period-start-column``/``--period-end-column`` name the
columns holding each row's period (``From``/``To``, ``Start``/``End``), ``--time-is start|end`` says
which end the date column gives, ``--period 15min`` the period's length when only one end is in
the file (see ``ImportSettings`` for the rules). With any of them, ``--create`` makes the new
metrics interval metrics.
its line and column, and nothing is stored. Exit code 0 means every row and cell of the file went in;
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

EXIT_CODES = """\
examples:
  homelog import meter.csv --source Electricity --create
  homelog import nem12.csv                      standard formats need no options: a source per meter (NMI)
  homelog import greenbutton.zip --source House all registers of the file into the source "House"
  homelog import --list-profiles                the supplier and portal layouts recognised by their header
  homelog import octopus.csv --source Octopus --create --profile octopus-consumption

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

    from ..domain.entities import Source
    from ..services.importing import ColumnTarget, Detected, ImportProgress, ImportSettings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES
    parser.add_argument(
        "file",
        metavar="FILE",
        type=Path,
        nargs="?",
        help="a CSV (any common delimiter), a workbook (.xlsx, .xls, .ods) or a standard meter-data file "
        "(NEM12/NEM13, Green Button XML or .zip, Home Assistant statistics, DSMR-reader export)",
    )
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="the source to import into (needed for tables; a standard format without it makes a source "
        "per meter of the file, named after it)",
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
        help="create the source if it does not exist (a counter metric per numeric column)",
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
    parser.add_argument("--skip-invalid", action="store_true", help="skip invalid rows (listed) instead of stopping")
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
    parser.add_argument("--timezone", metavar="ZONE", help="time zone of times without an offset (default: local)")
    parser.add_argument("--progress", action="store_true", help="print progress lines on stderr while importing")
    periods = parser.add_argument_group(
        "amounts per period",
        "For interval metrics, each value is the amount over its own period [start, end). Without these "
        "options each amount runs since the previous value of its metric. Examples: "
        "--period-start-column From --period-end-column To;  --time-is start --period 15min",
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
        help="whether a row's time is the start or the end of its period (default: end)",
    )
    periods.add_argument(
        "--period",
        metavar="LENGTH",
        help="the length of each period when the file gives one end only: 15min, 30min, 1h, 1d "
        "(default with --time-is start: the most common step between rows)",
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
        print(f"{profile.name:<{width}}  {profile.country}  {profile.title}")
    return OK


async def _import(args: argparse.Namespace) -> int:
    from ..domain.errors import NotFoundError
    from ..repositories import SourceRepository
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
    from ..services.importing.model import printable
    from ..services.importing.standard import recognise

    path: Path = args.file
    if not await asyncio.to_thread(path.is_file):
        raise CommandError(printable(f"no file at {path}"))
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
        async with db.session(readonly=True) as session:
            try:
                source = await SourceRepository(session).get_by_name(args.source.strip())
            except NotFoundError:
                source = None
        if source is None:
            if not args.create:
                raise CommandError(printable(f"there is no source named “{args.source}” (add --create to create it)"))
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
    plan = StandardPlan(
        args.file, parsed, args.source, duplicates=DuplicatePolicy(args.duplicates), timezone=args.timezone
    )
    async with open_database(args, create=True) as db:
        try:
            summary = await run_standard_import(db, plan, _progress_printer() if args.progress else None)
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


def _settings(args: argparse.Namespace, detected: Detected) -> ImportSettings:
    from ..services.importing import ImportFileError, parse_date_format_option

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
    if args.timezone:
        settings = replace(settings, timezone=args.timezone)
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
    if not args.time_is and length is None:
        return settings  # the periods as detected (or as a built-in profile reads them)
    time_is = PeriodLabel(args.time_is) if args.time_is else PeriodLabel.END
    return replace(settings, time_is=time_is, period_seconds=length)


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
    """A new source's metrics (those of ``columns``; None: all) as interval metrics (a file with
    periods holds amounts per period); the period's column is not a metric."""
    from ..domain.entities import MetricKind
    from ..services.importing import ColumnTarget

    changed: dict[int, ColumnTarget] = {}
    for column, target in mapping.items():
        if column == settings.period_column:
            changed[column] = ColumnTarget.ignored()
        elif target.metric is not None and (columns is None or column in columns):
            changed[column] = ColumnTarget.to_metric(replace(target.metric, kind=MetricKind.INTERVAL, digits=None))
        else:
            changed[column] = target
    metrics = tuple(t.metric for t in changed.values() if t.metric is not None)
    return replace(source, metrics=metrics), changed


def _progress_printer() -> Callable[[ImportProgress], None]:
    def show(progress: ImportProgress) -> None:
        print(
            f"progress {progress.phase} rows={progress.rows_done} bytes={progress.bytes_done}/{progress.bytes_total}",
            file=sys.stderr,
            flush=True,
        )

    return show
