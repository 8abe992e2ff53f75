"""The import itself: one transaction, bulk rows through the driver's executemany, all or nothing."""

from __future__ import annotations

from collections.abc import Callable

from ...db.handle import SessionProvider
from .model import CancelToken, ImportPlan, ImportProgress, ImportSummary


async def run_import(
    db: SessionProvider,
    plan: ImportPlan,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ImportSummary:
    """Import ``plan`` in one transaction; progress at least every 250 ms; cancel or error: nothing changes."""
    raise NotImplementedError
