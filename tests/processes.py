"""Home Log run as a user runs it: a real ``python -m homelog_desktop`` process (GUI offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def homelog_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "homelog_desktop", *args]


def homelog_env(tmp_path: Path | None, **extra: str) -> dict[str, str]:
    """This checkout's package, Qt offscreen, QSettings in ``tmp_path`` (not the user's), and none of
    the variables that change where data lives or how the app starts, unless given in ``extra``."""
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    if tmp_path is not None:
        env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    for name in ("HOMELOG_DATA_DIR", "HOMELOG_BACKUP_PAGES", "HOMELOG_STARTUP_PROBE"):
        env.pop(name, None)
    env.update(extra)
    return env


def homelog(tmp_path: Path | None, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``homelog ARGS`` to the end; its output (UTF-8) and exit code."""
    return subprocess.run(
        homelog_command(*args),
        env=homelog_env(tmp_path, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
