"""The sources of the sidebar: loading, archiving and deleting them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ..db import Database
from ..domain.entities import Source
from ..domain.timeutil import utc_now
from ..repositories import SourceRepository
from .base import BaseViewModel


class SourcesViewModel(BaseViewModel):
    """Every source with its last reading, for the sidebar and the welcome page."""

    #: (list[SourceSummary], now: datetime) — ``now`` is when the list was read, for ages and overdue badges.
    sources_loaded = Signal(list, object)
    #: A source was deleted: (source id, readings that went with it)
    source_deleted = Signal(int, int)
    #: (source id, readings it has): answer to count_readings, for the delete confirmation.
    reading_count_loaded = Signal(int, int)

    def __init__(
        self,
        db: Database,
        repo_factory: Callable[..., SourceRepository] = SourceRepository,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = repo_factory
        self.show_archived = False
        self.loaded = False

    async def load(self) -> None:
        async with self._action():
            async with self._db.session(readonly=True) as session:
                summaries = await self._repo(session).summaries(include_archived=self.show_archived)
            self.loaded = True
            self.sources_loaded.emit(summaries, utc_now())

    async def set_show_archived(self, show: bool) -> None:
        self.show_archived = show
        await self.load()

    async def count_readings(self, source_id: int) -> None:
        async with self._action():
            async with self._db.session(readonly=True) as session:
                count = await self._repo(session).count_readings(source_id)
            self.reading_count_loaded.emit(source_id, count)

    async def set_archived(self, source: Source, archived: bool) -> None:
        assert source.id is not None
        async with self._action():
            async with self._db.session() as session:
                await self._repo(session).set_archived(source.id, archived)
        await self.load()

    async def delete(self, source_id: int) -> None:
        async with self._action():
            async with self._db.session() as session:
                repo = self._repo(session)
                count = await repo.count_readings(source_id)
                await repo.delete(source_id)
            self.source_deleted.emit(source_id, count)
        await self.load()
