"""The ``homelog COMMAND`` command line: the app's services without a window.

Each command lives in its own module with ``configure(parser)`` and ``run(args) -> int``; a module
is imported only when its command runs (or for ``--help``), so the GUI start pays nothing for it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

#: command name -> (module under homelog_desktop.cli, one-line help); see ``available()``.
KNOWN_COMMANDS: dict[str, tuple[str, str]] = {
    "report": ("report", "print consumption and cost per period for a source"),
    "import": ("importing", "import readings from a CSV, a workbook or a meter-data file (NEM12, Green Button…)"),
    "export": ("exporting", "export a source's readings as CSV or JSON"),
    "backup": ("backups", "back the database up (SQLite online backup)"),
    "restore": ("restore", "replace the database with a backup, keeping a copy of the current one"),
    "check": ("check", "check the database's integrity and schema version"),
    "add": ("adding", "add a reading to a source, checked as in the window"),
    "copy": ("copying", "copy the household to a PostgreSQL server, or from one to a local file"),
}


def available() -> dict[str, tuple[str, str]]:
    """The commands whose module is part of this build."""
    here = Path(__file__).parent
    return {
        name: entry
        for name, entry in KNOWN_COMMANDS.items()
        if (here / f"{entry[0]}.py").is_file() or (here / f"{entry[0]}.pyc").is_file()
    }


COMMANDS = available()


class Command(Protocol):
    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def is_command(argv: Sequence[str]) -> bool:
    return bool(argv) and argv[0] in COMMANDS


def _module(name: str) -> Command:
    module_name, _help = COMMANDS[name]
    module: Command = importlib.import_module(f"{__name__}.{module_name}")
    return module


def main(argv: Sequence[str]) -> int:
    """Run ``homelog COMMAND ...``; returns the exit code (0 ok, 1 failed, 2 bad input or usage)."""
    from .. import __version__

    parser = argparse.ArgumentParser(prog="homelog")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    name = argv[0]
    sub = commands.add_parser(name, help=COMMANDS[name][1], description=COMMANDS[name][1].capitalize() + ".")
    command = _module(name)
    command.configure(sub)
    args = parser.parse_args(list(argv))
    return run_safely(command, args)


def run_safely(command: Command, args: argparse.Namespace) -> int:
    """Run a command so that every failure is one line on stderr and exit code 1 or 2, never a traceback.

    A URL that cannot work is refused before anything runs; an environment problem (disk, lock,
    server) is explained by ``problems.explain``; anything else is a bug, reported in one line with
    its traceback in the log file.
    """
    from ..domain.errors import HomeLogError, user_message
    from ..problems import explain, url_problem
    from .common import FAILED, current_location, fail, location, paths_of

    if getattr(args, "db", None):
        problem = url_problem(str(args.db))
        if problem is not None:
            return fail(problem.message, problem.code)
    where = location(args)
    current_location.set(where)
    try:
        if not getattr(args, "db", None):
            from ..config import make_private_folders

            make_private_folders(paths_of(args))  # an older version's data folder was readable by all
        return command.run(args)
    except KeyboardInterrupt:
        print("homelog: interrupted; nothing was changed by the unfinished command", file=sys.stderr)
        return 130
    except Exception as error:
        problem = explain(error, where)
        if problem is not None:
            return fail(problem.message, problem.code)
        if isinstance(error, HomeLogError):
            return fail(user_message(error), FAILED)
        from ..logs import log_failure

        try:
            paths = None if getattr(args, "db", None) else paths_of(args)
        except Exception:
            paths = None
        logged = log_failure(paths, error)
        details = f"the details are in {logged}" if logged else "no log file could be written"
        return fail(
            f"unexpected {type(error).__name__}: {error} — this is a bug in Home Log; please report it ({details})",
            FAILED,
        )
