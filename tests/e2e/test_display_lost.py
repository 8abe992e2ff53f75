"""The window system goes away under a running window (the X server dies, an SSH X forward drops):
Home Log ends with one line that says what happened, not a Python traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.processes import homelog_command, homelog_env

XVFB = shutil.which("Xvfb")


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.skipif(XVFB is None, reason="needs Xvfb (Debian package xvfb) for a real X11 display")
def test_lost_display_ends_with_one_line_and_keeps_the_data(tmp_path: Path) -> None:
    assert XVFB is not None
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        [XVFB, "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with open(read_end, encoding="ascii") as pipe:
            display = pipe.readline().strip()  # Xvfb writes the display number once it accepts clients
        assert display, "Xvfb did not start"
        data = tmp_path / "data"
        env = homelog_env(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=f":{display}")
        app = subprocess.Popen(
            homelog_command("--data-dir", str(data)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        log = data / "logs" / "homelog.log"

        def started() -> bool:
            if app.poll() is not None:
                raise AssertionError(
                    f"Home Log ended early ({app.returncode}): {app.stderr.read() if app.stderr else ''}"
                )
            opened = log.exists() and "Starting" in log.read_text(encoding="utf-8", errors="replace")
            return opened and (data / "homelog.db").exists()

        _wait_for(started, "the window to start")
        xvfb.kill()
        xvfb.wait(timeout=30)
        _out, err = app.communicate(timeout=60)
    finally:
        if xvfb.poll() is None:
            xvfb.kill()
            xvfb.wait(timeout=30)
    if "xcb" in err and "could not" in err.lower() and "platform plugin" in err:
        pytest.skip("the Qt xcb platform plugin cannot load here (libxcb-cursor0 and friends missing)")
    assert "Traceback" not in err, err
    assert "connection to the display" in err, err
    assert app.returncode == 1
    assert (data / "homelog.db").exists()
