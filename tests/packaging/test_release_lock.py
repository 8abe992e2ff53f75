"""The release lock (packaging/requirements-release.txt) pins every dependency, with hashes, within the floors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "packaging" / "requirements-release.txt"


def _locked() -> dict[str, tuple[Version, int]]:
    """name -> (pinned version, number of hashes)."""
    text = LOCK.read_text(encoding="utf-8")
    entries: dict[str, tuple[Version, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z])", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", block)
        if match:
            name = match.group(1).lower().replace("_", "-")
            entries[name] = (Version(match.group(2)), block.count("--hash=sha256:"))
    return entries


def test_release_lock_pins_every_dependency_within_its_floor() -> None:
    """Each runtime and packaging dependency is pinned at or above its floor, with at least one hash."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = _locked()
    for line in [*project["dependencies"], *project["optional-dependencies"]["package"]]:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in locked, f"{name} is not in {LOCK.name}"
        version, hashes = locked[name]
        assert version in requirement.specifier, f"{name}=={version} is outside {requirement.specifier}"
        assert hashes >= 1
    assert all(hashes >= 1 for _version, hashes in locked.values())


def test_release_lock_has_no_addons() -> None:
    """PySide6-Addons (161 MB, never imported) is not shipped."""
    assert "pyside6-addons" not in _locked()
