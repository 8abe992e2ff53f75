"""``homelog export``: sources' readings as CSV or JSON, to a file or standard output.

CSV holds one source's readings (with their periods, flags, notes and authors); JSON holds whole
sources (their fields, metrics, tariffs and meter changes too), one or several (``--source`` again,
or ``--all``). ``homelog import`` reads both back with no options.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from .common import OK, CommandError, add_location_arguments, open_database, run_command
from .identity import add_member_argument


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "examples:\n"
        "  homelog export --source Electricity -o electricity.csv\n"
        "  homelog export --all -o household.json        (every source, whole: import it again anywhere)\n"
    )
    chosen = parser.add_mutually_exclusive_group(required=True)
    chosen.add_argument(
        "--source",
        action="append",
        metavar="NAME",
        help="the source's name (any case); again for more sources (JSON)",
    )
    chosen.add_argument("--all", action="store_true", help="every source (JSON)")
    parser.add_argument("--format", choices=("csv", "json"), help="csv (default) or json; -o FILE.json implies json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_location_arguments(parser)
    add_member_argument(parser)


def run(args: argparse.Namespace) -> int:
    from ..services.exporting import ExportFormat

    output = Path(args.output).expanduser() if args.output else None
    if args.format:
        fmt = ExportFormat(args.format)
    elif output is not None and output.suffix.lower() == ".json":
        fmt = ExportFormat.JSON
    elif args.all or (args.source and len(args.source) > 1):
        fmt = ExportFormat.JSON
    else:
        fmt = ExportFormat.CSV

    async def action() -> int:
        from ..repositories import SourceRepository
        from ..services.exporting import export_sources, find_source

        async with open_database(args) as db:
            if args.all:
                async with db.session(readonly=True) as session:
                    sources = await SourceRepository(session).all()
                if not sources:
                    raise CommandError("there is no source to export")
            else:
                sources = [await find_source(db, name) for name in args.source]
            if fmt is ExportFormat.CSV and len(sources) > 1:
                raise CommandError("a CSV file holds one source: export several as JSON (--format json)")
            if output is None:
                stdout = sys.stdout
                if isinstance(stdout, io.TextIOWrapper):
                    stdout.reconfigure(encoding="utf-8", newline="")  # the CSV's own line ends, in UTF-8
                result = await export_sources(db, sources, stdout, fmt)
                stdout.flush()
            else:
                result = await export_sources(db, sources, output, fmt)
                noun = "reading" if result.rows == 1 else "readings"
                names = f"“{sources[0].name}”" if len(sources) == 1 else f"{len(sources)} sources"
                print(f"Exported {result.rows:,} {noun} of {names} to {output}", file=sys.stderr)
            if result.left_out:
                left = ", ".join(f"“{name}”" for name in result.left_out)
                print(f"note: not exported: {left} (virtual meters: computed from other sources)", file=sys.stderr)
        return OK

    return run_command(action)
