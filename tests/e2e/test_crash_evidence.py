"""Crash evidence: a hard crash leaves the stacks in logs/crash.log, Qt's warnings and thread errors reach
the log, and no log line carries a password. Real processes: a crash cannot be caught in the test's own."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.processes import homelog_env

SETUP = """
from pathlib import Path
from homelog_desktop.config import AppPaths
from homelog_desktop.logs import setup_logging
setup_logging(AppPaths(Path({folder!r})))
"""


def _python(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    script = SETUP.format(folder=str(tmp_path / "data")) + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], env=homelog_env(tmp_path), capture_output=True, text=True, timeout=60
    )


def test_crash_evidence_segfault_leaves_a_crash_file(tmp_path: Path) -> None:
    """A segmentation fault: logs/crash.log holds "Fatal Python error" and the stack; the next start keeps it."""
    done = _python(tmp_path, "import faulthandler\nfaulthandler._sigsegv()\n")
    assert done.returncode != 0
    crash = tmp_path / "data" / "logs" / "crash.log"
    text = crash.read_text()
    assert "Fatal Python error: Segmentation fault" in text and "File " in text
    again = _python(tmp_path, "")
    assert again.returncode == 0, again.stderr
    [kept] = list((tmp_path / "data" / "logs").glob("crash-*.log"))
    assert kept.read_text() == text and crash.read_text() == ""
    assert "previous run of Home Log crashed" in (tmp_path / "data" / "logs" / "homelog.log").read_text()


def test_crash_evidence_qt_messages_and_thread_errors_are_logged(tmp_path: Path) -> None:
    """A Qt warning goes into the log; an exception in a worker thread reaches the global handler."""
    done = _python(
        tmp_path,
        """
        import asyncio, sys, threading
        from PySide6.QtCore import qWarning
        from homelog_desktop.logs import install_qt_message_handler, route_thread_exceptions
        install_qt_message_handler()
        qWarning("qt says: postgresql+asyncpg://anna:hunter2@db/home is odd")
        seen = []
        async def main():
            loop = asyncio.get_running_loop()
            route_thread_exceptions(loop, lambda kind, error, tb: seen.append(str(error)))
            thread = threading.Thread(target=lambda: 1 / 0, name="worker")
            thread.start()
            thread.join()
            await asyncio.sleep(0)
        asyncio.run(main())
        print(seen)
        """,
    )
    assert done.returncode == 0, done.stderr
    assert "division by zero" in done.stdout
    log = (tmp_path / "data" / "logs" / "homelog.log").read_text()
    assert "homelog.qt: qt says: postgresql+asyncpg://anna:***@db/home is odd" in log
    assert "hunter2" not in log
