"""Saved mapping profiles, found again by a file's header (a JSON file in the data folder)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import ImportPlan


@dataclass(frozen=True, slots=True)
class Profile:
    """How a file with this header was imported last time."""

    header: list[str]
    plan: ImportPlan


def load_profile(data_dir: Path, header: Sequence[str]) -> Profile | None:
    raise NotImplementedError


def save_profile(data_dir: Path, header: Sequence[str], plan: ImportPlan) -> None:
    raise NotImplementedError
