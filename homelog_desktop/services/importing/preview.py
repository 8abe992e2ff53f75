"""The first rows of a file as they will be stored, with every problem on its cell."""

from __future__ import annotations

from .model import ImportPlan, PreviewRow


def preview(plan: ImportPlan, limit: int = 50) -> list[PreviewRow]:
    """Read the first ``limit`` data rows (sync: run it in a thread from the GUI)."""
    raise NotImplementedError
