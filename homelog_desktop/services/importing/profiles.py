"""Saved mapping profiles, found again by a file's header (a JSON file in the data folder).

A profile remembers, for a header, how the file was read (the settings), which source it went
into and where each column went (by the metric's name, so it survives a re-created source). It
never stores data, only choices; a broken or foreign profile file is ignored, never fatal.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ...domain.entities import Metric, MetricKind, Source
from .model import FILE_LAYOUT_SETTINGS, ColumnTarget, DuplicatePolicy, ImportPlan, ImportSettings, TargetRole

PROFILES_FILE = "import-profiles.json"
#: Profiles kept (the most recently saved first).
MAX_PROFILES = 50


@dataclass(frozen=True, slots=True)
class Profile:
    """How a file with this header was imported last time."""

    header: list[str]
    settings: ImportSettings
    source_name: str
    #: column index -> {"role": "metric"|"note"|"ignore", "name", "unit", "kind", "decimals"}
    columns: dict[int, dict[str, Any]] = field(default_factory=dict)
    duplicates: DuplicatePolicy = DuplicatePolicy.SKIP
    skip_invalid: bool = False

    def mapping_for(self, source: Source | None) -> dict[int, ColumnTarget]:
        """The profile's mapping onto ``source`` (its metrics matched by name; missing ones become new
        metrics), or onto a new source when ``source`` is None."""
        by_name = {m.name.casefold(): m for m in source.metrics} if source is not None else {}
        mapping: dict[int, ColumnTarget] = {}
        for column, spec in self.columns.items():
            role = spec.get("role")
            if role == TargetRole.NOTE:
                mapping[column] = ColumnTarget.to_note()
            elif role == TargetRole.METRIC and spec.get("name"):
                metric = by_name.get(str(spec["name"]).casefold())
                if metric is None:
                    kind = spec.get("kind", "counter")
                    metric = Metric(
                        None,
                        str(spec["name"]),
                        str(spec.get("unit", "")),
                        MetricKind(kind) if kind in MetricKind else MetricKind.COUNTER,
                        decimals=int(spec.get("decimals", 2)),
                    )
                mapping[column] = ColumnTarget.to_metric(metric)
            else:
                mapping[column] = ColumnTarget.ignored()
        return mapping


def header_key(header: Sequence[str]) -> str:
    return "\x1f".join(" ".join(h.split()).casefold() for h in header)


def _path(data_dir: Path) -> Path:
    return Path(data_dir) / PROFILES_FILE


def _load_all(data_dir: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    profiles = data.get("profiles") if isinstance(data, dict) else None
    return [p for p in profiles if isinstance(p, dict)] if isinstance(profiles, list) else []


def load_profile(data_dir: Path, header: Sequence[str]) -> Profile | None:
    """The profile saved for exactly this header (case and spacing aside), or None."""
    key = header_key(header)
    for entry in _load_all(data_dir):
        if entry.get("key") != key:
            continue
        try:
            known = {f.name for f in fields(ImportSettings)} - set(FILE_LAYOUT_SETTINGS)
            settings = ImportSettings(**{k: v for k, v in dict(entry["settings"]).items() if k in known})
            columns = {int(k): dict(v) for k, v in dict(entry.get("columns", {})).items()}
            return Profile(
                header=list(entry.get("header", header)),
                settings=settings,
                source_name=str(entry.get("source_name", "")),
                columns=columns,
                duplicates=DuplicatePolicy(entry.get("duplicates", "skip")),
                skip_invalid=bool(entry.get("skip_invalid", False)),
            )
        except (KeyError, TypeError, ValueError):
            return None
    return None


def save_profile(data_dir: Path, header: Sequence[str], plan: ImportPlan) -> None:
    """Remember ``plan`` for files with this header (written atomically; replaces an older one)."""
    columns: dict[str, dict[str, Any]] = {}
    for column, target in plan.mapping.items():
        spec: dict[str, Any] = {"role": target.role.value}
        if target.metric is not None:
            metric = target.metric
            spec.update(name=metric.name, unit=metric.unit, kind=metric.kind.value, decimals=metric.decimals)
        columns[str(column)] = spec
    key = header_key(header)
    entry = {
        "key": key,
        "header": list(header),
        "settings": {k: v for k, v in asdict(plan.settings).items() if k not in FILE_LAYOUT_SETTINGS},
        "source_name": plan.source.name,
        "columns": columns,
        "duplicates": str(plan.duplicates),
        "skip_invalid": plan.skip_invalid,
    }
    profiles = [entry] + [p for p in _load_all(data_dir) if p.get("key") != key]
    path = _path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".profiles-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"version": 1, "profiles": profiles[:MAX_PROFILES]}, f, ensure_ascii=False, indent=1)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
