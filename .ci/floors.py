"""Print pip constraints pinning every dependency of pyproject.toml to its lowest allowed version.

    python .ci/floors.py > /tmp/floors.txt
    pip install -c /tmp/floors.txt -e '.[dev]'

Covers [project] dependencies and the optional groups named on the command line (default:
postgres), i.e. what the program runs on; the dev tools (pytest, ruff...) are left free. A
requirement without a ``>=`` floor is an error: every dependency must have a tested floor.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

FLOOR = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(\[[^\]]*\])?\s*>=\s*([^,;\s]+)[^;]*(;.*)?$")


def floors(pyproject: Path, groups: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for group in groups:
        requirements += project["optional-dependencies"][group]
    lines = []
    for requirement in requirements:
        match = FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"floors.py: no >= floor in “{requirement}”")
        name, _extras, version, marker = match.groups()
        lines.append(f"{name}=={version}{f' {marker.strip()}' if marker else ''}")
    return sorted(set(lines), key=str.lower)


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    print("\n".join(floors(root / "pyproject.toml", sys.argv[1:] or ["postgres"])))
