"""``homelog import FILE --source NAME``: readings from a CSV or .xlsx file, all or nothing.

Columns are mapped to the source's metrics by name (case-insensitive, a "(unit)" in the header
ignored); with ``--create`` a missing source is created with a counter metric per numeric column.
Without ``--skip-invalid`` any invalid row stops the import with exit code 2 and a message naming
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

from .common import OK, CommandError, add_location_arguments, open_database, run_command

#: Exit code of an import that was stored, but skipped rows or left cells empty (listed by line).
IMPORTED_WITH_SKIPS = 3

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

    from ..services.importing import Detected, ImportProgress, ImportSettings


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES
    parser.add_argument(
        "file", metavar="FILE", type=Path, help="a CSV (any common delimiter) or a workbook (.xlsx, .xls, .ods)"
    )
    parser.add_argument("--source", required=True, metavar="NAME", help="the source to import into")
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
    add_location_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return run_command(lambda: _import(args))


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
    from ..services.importing.model import printable

    path: Path = args.file
    if not await asyncio.to_thread(path.is_file):
        raise CommandError(printable(f"no file at {path}"))
    try:
        detected = await asyncio.to_thread(detect, path, args.sheet, _register_option(args.register_column))
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
        else:
            mapping = suggest_mapping(detected, source)
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
    return settings


def _progress_printer() -> Callable[[ImportProgress], None]:
    def show(progress: ImportProgress) -> None:
        print(
            f"progress {progress.phase} rows={progress.rows_done} bytes={progress.bytes_done}/{progress.bytes_total}",
            file=sys.stderr,
            flush=True,
        )

    return show
