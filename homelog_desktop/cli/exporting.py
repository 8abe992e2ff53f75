"""``homelog export``: a source's readings as CSV or JSON, to a file or standard output."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from .common import OK, add_location_arguments, open_database, run_command
from .identity import add_member_argument


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", required=True, metavar="NAME", help="the source's name (any case)")
    parser.add_argument("--format", choices=("csv", "json"), help="csv (default) or json; -o FILE.json implies json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_location_arguments(parser)
    add_member_argument(parser)


def run(args: argparse.Namespace) -> int:
    from ..services.exporting import ExportFormat, export_readings, find_source

    output = Path(args.output).expanduser() if args.output else None
    if args.format:
        fmt = ExportFormat(args.format)
    elif output is not None and output.suffix.lower() == ".json":
        fmt = ExportFormat.JSON
    else:
        fmt = ExportFormat.CSV

    async def action() -> int:
        async with open_database(args) as db:
            source = await find_source(db, args.source)
            if output is None:
                stdout = sys.stdout
                if isinstance(stdout, io.TextIOWrapper):
                    stdout.reconfigure(encoding="utf-8", newline="")  # the CSV's own line ends, in UTF-8
                await export_readings(db, source, stdout, fmt)
                stdout.flush()
            else:
                result = await export_readings(db, source, output, fmt)
                noun = "reading" if result.rows == 1 else "readings"
                print(f"Exported {result.rows:,} {noun} of “{source.name}” to {output}", file=sys.stderr)
        return OK

    return run_command(action)
