"""The composition root: arguments → paths → main window → event loop → database (controller.py).

Start-up is ordered for speed (its steps are in startup.py): only Qt and the window's own modules
are imported before the window first paints; then asyncio and qasync load, the first screen comes
from a quick sqlite3 snapshot, and SQLAlchemy, the repositories and the database (migrated after a
backup) follow in the background (see controller.AppController). Nothing blocks the event loop once
it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import APP_ID, APP_NAME, __version__
from .config import AppPaths, make_private_folders, resolve_paths


def _commands() -> dict[str, tuple[str, str]]:
    from .cli import COMMANDS

    return COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="homelog",
        description=f"{APP_NAME}: record your household's meter readings and see what they mean.",
        epilog=(
            "commands (without a window): "
            + "; ".join(f"homelog {name} — {text}" for name, (_module, text) in _commands().items())
            + ". Run homelog COMMAND --help for each. --data-dir and --db may also come before the"
            " command (homelog --data-dir DIR report …)."
        )
        if _commands()
        else None,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database, backups and logs (default: the platform's user data folder; "
        "the HOMELOG_DATA_DIR environment variable does the same)",
    )
    where.add_argument(
        "--db",
        metavar="URL",
        help="open any SQLAlchemy async URL instead, e.g. sqlite+aiosqlite:///path/to/file.db or "
        "postgresql+asyncpg://user@host/dbname",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a CSV or spreadsheet file to import: opens the import wizard on it (in the window "
        "that is open already, if there is one for this database)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="create a temporary database, write and read a reading through the app's layers, and exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``homelog`` command and of ``python -m homelog_desktop``."""
    from .cli import is_command

    _private_files()
    arguments = command_first(list(sys.argv[1:] if argv is None else argv))
    if is_command(arguments):
        from .cli import main as cli_main

        return cli_main(arguments)
    args = build_parser().parse_args(arguments)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test(args.data_dir, args.db)
    if args.db:
        from .problems import url_problem

        problem = url_problem(args.db)
        if problem is not None:  # a URL that cannot work: said at once, as the commands do
            print(f"homelog: error: {problem.message}", file=sys.stderr)
            return problem.code
    files = [Path(name).expanduser().resolve() for name in args.files]
    for file in files:
        if not file.is_file():
            print(f"homelog: error: {file}: no such file to import", file=sys.stderr)
            return 2
    paths = resolve_paths(args.data_dir)
    return run_gui(paths, args.db, files)


#: Options every command shares, which may also come before the command's name.
SHARED_OPTIONS = ("--data-dir", "--db")


def redact_location(paths: AppPaths, db_url: str | None) -> str:
    """The database a window shows, as a name for it: the file, or the URL without a password."""
    if db_url is None:
        return str(paths.db_path)
    from .config import sqlite_file
    from .problems import redact_urls

    path = sqlite_file(db_url)
    return str(path.resolve()) if path is not None else redact_urls(db_url)


def command_first(arguments: list[str]) -> list[str]:
    """``--data-dir X report …`` as ``report --data-dir X …``: the shared options may come first.

    Only ``--data-dir``/``--db`` (with their values, also as ``--db=URL``) may stand before a
    command's name; anything else there means the window's own options, left as they are.
    """
    from .cli import COMMANDS

    i = 0
    while i < len(arguments):
        argument = arguments[i]
        if argument in SHARED_OPTIONS:
            i += 2
        elif argument.startswith(tuple(f"{option}=" for option in SHARED_OPTIONS)):
            i += 1
        elif argument in COMMANDS and i > 0:
            return [argument, *arguments[:i], *arguments[i + 1 :]]
        else:
            break
    return arguments


def _private_files() -> None:
    """Everything Home Log creates (data folder, database, backups, logs, exports, locks) is the user's
    alone (folders 0700, files 0600), whatever the umask it was started with (POSIX)."""
    if os.name == "posix":
        os.umask(os.umask(0o077) | 0o077)


# -- the GUI ---------------------------------------------------------------------------------


def run_gui(paths: AppPaths, db_url: str | None = None, files: Sequence[Path] = ()) -> int:
    from .startup import (
        STARTUP_PROBE_ENV,
        import_while_responsive,
        install_probe,
        name_the_application,
        prefer_a_real_locale,
        show_snapshot,
        start_snapshot,
    )

    probe = os.environ.get(STARTUP_PROBE_ENV) == "1"
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtWidgets import QApplication

    name_the_application()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from .views.gui_gc import install as collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(app)  # never in a worker thread: Qt objects die on their own thread
    app.setDesktopFileName(APP_ID)
    from .single_instance import InstanceServer, send_to_running, server_name

    instance_name = server_name(redact_location(paths, db_url))
    if not probe and send_to_running(instance_name, files):
        return 0  # the window that shows this database came to the front (and imports the files)
    prefer_a_real_locale()
    from .i18n import install_translations, translate

    install_translations()

    app.setQuitOnLastWindowClosed(False)  # the controller decides when to quit (after clean-up)
    from .views.main import MainWindow

    window = MainWindow()
    window.data_dir = paths.data_dir
    window.show_loading(translate("MainWindow", "Opening your data…"))
    if probe:
        install_probe(window)
    window.show()
    app.processEvents()  # the first frame: everything else loads after the window is up
    instance = InstanceServer(instance_name, window)
    instance.asked.connect(lambda asked: window.bring_forward([Path(f) for f in asked]))
    instance.listen()
    if files:
        window.bring_forward(list(files))
    # Started after the first paint: a thread competing for the GIL would delay that paint.
    early = start_snapshot(paths, db_url)
    prepared = show_snapshot(app, window, early) if early is not None else None
    import_while_responsive(app, "homelog_desktop.controller", "qasync", "homelog_desktop.views.error_dialog")

    import asyncio
    import logging

    import qasync

    from .controller import AppController
    from .logs import install_qt_message_handler, setup_logging
    from .problems import redact_urls
    from .views.error_dialog import ErrorHandler

    make_private_folders(paths)  # an older version's data folder was readable by all
    setup_logging(paths)
    install_qt_message_handler()
    where = redact_urls(db_url) if db_url else paths.data_dir
    logging.getLogger("homelog").info("Starting %s %s (data: %s)", APP_NAME, __version__, where)
    handler = ErrorHandler()
    handler.install()
    controller = AppController(app, window, paths, db_url, handler)
    try:
        return asyncio.run(controller.run(prepared), loop_factory=qasync.QEventLoop)
    except RuntimeError as error:
        # Qt stops the event loop by itself only when the window system went away (the X11 or
        # Wayland connection broke): every saved change is already committed, so say so in one line.
        if "Event loop stopped before Future completed" not in str(error):
            raise
        logging.getLogger("homelog").warning("The window system closed the application: %s", error)
        print(
            f"{APP_NAME} closed: the connection to the display (X11/Wayland) was lost. "
            "Everything you saved is kept; start it again.",
            file=sys.stderr,
        )
        return 1
    finally:
        logging.shutdown()
