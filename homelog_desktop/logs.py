"""Where the evidence of a problem goes: the log file, the crash file, Qt's own messages, thread errors.

- ``logs/homelog.log`` (rotating): what the app did and every unexpected error with its traceback;
  passwords in URLs are replaced by *** in every line (``RedactingFormatter``).
- ``logs/crash.log``: what ``faulthandler`` writes when the process dies hard (a segfault in Qt or
  a driver, an abort); a previous run's crash file is kept as ``crash-<date>.log`` (the newest 5).
- Qt's own warnings (``qWarning`` and friends) go into the log instead of a console nobody sees.
- The command line writes a command's unexpected error there too (``log_failure``).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .problems import redact_urls

if TYPE_CHECKING:
    import asyncio
    from types import TracebackType

    from .config import AppPaths

    ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]

LOG_NAME = "homelog.log"
CRASH_NAME = "crash.log"
#: Crash files of earlier runs kept next to the current one.
KEEP_CRASHES = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("homelog")
#: The open crash file (faulthandler writes into it when the process dies); kept open on purpose.
_crash_file: IO[str] | None = None


class RedactingFormatter(logging.Formatter):
    """A formatter that never writes a password: the one of every URL in a line becomes ***."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_urls(super().format(record))


def setup_logging(paths: AppPaths) -> Path | None:
    """Log to a rotating file in the data folder (and warnings to stderr); start the crash file.

    Returns the log file, or None when it cannot be written (said once on stderr) or is set up already.
    """
    root = logging.getLogger("homelog")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return None
    root.setLevel(logging.INFO)
    try:
        log_file = _private_log_file(paths.log_dir)
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        print(f"homelog: cannot write the log file in {paths.log_dir}: {exc.strerror or exc}", file=sys.stderr)
        return None
    handler.setFormatter(RedactingFormatter(FORMAT))
    root.addHandler(handler)
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    stream.setFormatter(RedactingFormatter("homelog: %(levelname)s: %(message)s"))
    root.addHandler(stream)
    enable_crash_file(paths.log_dir)
    return log_file


def enable_crash_file(log_dir: Path) -> Path | None:
    """Let ``faulthandler`` write the stacks of every thread into ``log_dir/crash.log`` on a hard crash."""
    global _crash_file
    if _crash_file is not None:
        return Path(_crash_file.name)
    path = log_dir / CRASH_NAME
    try:
        _keep_previous_crash(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        _crash_file = os.fdopen(fd, "w", encoding="utf-8")
    except OSError as exc:
        log.warning("No crash file in %s: %s", log_dir, exc.strerror or exc)
        return None
    faulthandler.enable(file=_crash_file, all_threads=True)
    return path


def install_qt_message_handler() -> None:
    """Send Qt's own debug, warning and critical messages into the log (with where Qt said them)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("homelog.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        where = f" ({context.file}:{context.line})" if getattr(context, "file", None) else ""
        qt_log.log(levels.get(kind, logging.WARNING), "%s%s", message, where)

    qInstallMessageHandler(handler)


def route_thread_exceptions(loop: asyncio.AbstractEventLoop, handler: ExceptHook) -> None:
    """Send an exception that ends a worker thread to ``handler`` (the window's global handler, which logs
    it and shows a dialog) on the event loop's thread; only logged if the loop is gone."""

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        try:
            loop.call_soon_threadsafe(handler, args.exc_type, args.exc_value, args.exc_traceback)
        except RuntimeError:  # the loop is closed: at least the log has it
            name = args.thread.name if args.thread is not None else "?"
            log.error("Exception in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    threading.excepthook = hook


def log_failure(paths: AppPaths | None, error: BaseException) -> Path | None:
    """Append an unexpected command-line error with its traceback to the log file; the file, or None."""
    if paths is None:
        return None
    try:
        log_file = _private_log_file(paths.log_dir)
        details = "".join(traceback.format_exception(error))
        line = f"{datetime.now().isoformat(sep=' ', timespec='seconds')} ERROR homelog.cli: {' '.join(sys.argv)}"
        with open(log_file, "a", encoding="utf-8") as f:
            f.write(redact_urls(f"{line}\n{details}"))
    except OSError:
        return None
    return log_file


def _private_log_file(log_dir: Path) -> Path:
    """The log file, its folder made first (private to the user: 0700, the file 0600)."""
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    return path


def _keep_previous_crash(path: Path) -> None:
    """A non-empty crash file of an earlier run is renamed crash-<its time>.log; only the newest few stay."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"crash-{stamp}.log")
    path.replace(kept)
    log.error("The previous run of Home Log crashed; what it left is in %s", kept)
    old = sorted(path.parent.glob("crash-*.log"))
    for extra in old[:-KEEP_CRASHES]:
        extra.unlink(missing_ok=True)
