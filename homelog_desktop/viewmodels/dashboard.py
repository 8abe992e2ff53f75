"""State of the dashboard (the home page): one card per source, loaded through services.dashboard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..domain.timeutil import utc_now
from .base import BaseViewModel

if TYPE_CHECKING:
    import asyncio

    from ..db.handle import SessionProvider
    from ..services.dashboard import SourceCard

#: dashboard_cards(db, now) -> cards; the service's function unless a test passes another.
CardLoader = Callable[..., Awaitable[list["SourceCard"]]]


class DashboardViewModel(BaseViewModel):
    """The cards of the dashboard. A newer ``request()`` cancels an older one still running, so
    the page never shows an older result after a newer one."""

    #: (list[SourceCard], now: datetime) — ``now`` is what the ages and "this month" refer to.
    cards_loaded = Signal(list, object)

    def __init__(self, db: SessionProvider, loader: CardLoader | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._loader = loader
        self._generation = 0
        self._task: asyncio.Task[Any] | None = None
        self.cards: list[SourceCard] = []
        self.loaded = False

    def request(self) -> None:
        """Load the cards in the background (superseding a load still running)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = self.spawn(self.load())

    def cancel(self) -> None:
        """Stop a load still running (the page was left: it loads again when shown)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._generation += 1

    async def load(self, now: datetime | None = None) -> None:
        self._generation += 1
        generation = self._generation
        async with self._action():
            loader = self._loader
            if loader is None:
                loader = self._loader = await _import_in_thread("homelog_desktop.services.dashboard", "dashboard_cards")
            moment = now or utc_now()
            cards = await loader(self._db, moment)
            if generation != self._generation:
                return
            self.cards = list(cards)
            self.loaded = True
            self.cards_loaded.emit(self.cards, moment)


async def _import_in_thread(module: str, name: str) -> Any:
    """``module.name``, importing ``module`` in a worker thread (numpy and SQLAlchemy take a while
    the first time: the event loop keeps running meanwhile)."""
    import asyncio
    import importlib

    loaded = await asyncio.to_thread(importlib.import_module, module)
    return getattr(loaded, name)
