"""The one place resources (icons, sample data) are looked up, from source and from a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding the project's resources/ tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:  # PyInstaller bundle
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str) -> Path:
    """Absolute path of ``relative`` inside resources/ (e.g. "icons/water.svg")."""
    return resources_dir() / relative
