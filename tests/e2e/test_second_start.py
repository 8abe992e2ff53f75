"""A second start for the same database: the running window comes forward (and imports the file
it was given) and the second process ends at once, without a window of its own."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from homelog_desktop.app import redact_location
from homelog_desktop.config import resolve_paths
from homelog_desktop.single_instance import send_to_running, server_name
from tests.processes import homelog, homelog_command, homelog_env


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _log(data: Path) -> str:
    log = data / "logs" / "homelog.log"
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


@pytest.fixture
def running(tmp_path: Path, qapp) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A Home Log window (offscreen) on its own data folder, listening for second starts."""
    data = tmp_path / "data"
    first = subprocess.Popen(
        homelog_command("--data-dir", str(data)),
        env=homelog_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    name = server_name(redact_location(resolve_paths(str(data)), None))

    def listening() -> bool:
        if first.poll() is not None:
            raise AssertionError(
                f"the first window ended ({first.returncode}): {first.stderr.read() if first.stderr else ''}"
            )
        if "Starting" not in _log(data):
            return False
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(name)
        connected = socket.waitForConnected(200)
        socket.abort()
        return connected

    _wait_for(listening, "the first window to listen")
    try:
        yield data, first
    finally:
        first.terminate()
        first.wait(timeout=60)


def test_second_start_brings_the_window_forward_and_ends(tmp_path, running):
    data, first = running
    second = homelog(tmp_path, "--data-dir", str(data))
    assert second.returncode == 0, second.stderr
    assert second.stderr == ""
    _wait_for(lambda: "A second start asked for this window" in _log(data), "the first window to be asked")
    assert first.poll() is None  # still running


def test_second_start_with_a_file_opens_the_import_in_the_running_window(tmp_path, running):
    data, _first = running
    csv = tmp_path / "meter.csv"
    csv.write_text("date,Electricity (kWh)\n2025-01-01,100\n2025-02-01,150\n", encoding="utf-8")
    second = homelog(tmp_path, "--data-dir", str(data), str(csv))
    assert second.returncode == 0, second.stderr
    _wait_for(lambda: f"to import {csv}" in _log(data), "the first window to take the file")


def test_start_for_another_database_is_not_handed_over(tmp_path, running):
    """Another data folder is another database: no window shows it, so nobody takes the start."""
    other = resolve_paths(str(tmp_path / "other"))
    assert not send_to_running(server_name(redact_location(other, None)), [])


def test_missing_file_on_the_command_line_is_one_line(tmp_path):
    done = homelog(tmp_path, "--data-dir", str(tmp_path / "data"), str(tmp_path / "nothing.csv"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"homelog: error: {tmp_path / 'nothing.csv'}: no such file to import"
