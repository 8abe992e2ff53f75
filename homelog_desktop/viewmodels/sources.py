"""The sources of the sidebar: loading, archiving and deleting them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Source, SourceSummary
from ..domain.timeutil import utc_now
from ..i18n import translate
from .base import BaseViewModel
from .changes import DataChanged, What

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider
    from ..repositories import SourceRepository
    from ..services.undo import Recording
    from .permissions import Permissions
    from .undo import UndoHistory


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
        db: SessionProvider,
        repo_factory: Callable[..., SourceRepository] | None = None,
        parent: QObject | None = None,
        changes: DataChanged | None = None,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        #: Refreshed with the list (the members' names its reasons use).
        self._permissions = permissions
        #: Told what changed after each committed write (without one, the list reloads itself).
        self._changes = changes
        self._repo_factory = repo_factory
        #: Where committed archives and deletes are recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None
        self.show_archived = False
        self.loaded = False
        #: Archived sources the last load left out (show_archived off): an empty list then does not
        #: mean an empty database.
        self.archived_hidden = 0

    async def load(self) -> None:
        async with self._action():
            async with self._db.session(readonly=True) as session:
                repo = self._repo(session)
                every = await repo.summaries(include_archived=True)
                if self._changes is not None:
                    virtual = any(s.source.virtual for s in every)
                    self._changes.set_dependents(await repo.dependents() if virtual else {})
                if self._permissions is not None:
                    await self._permissions.refresh(session)
            summaries = [s for s in every if self.show_archived or not s.source.archived]
            self.archived_hidden = len(every) - len(summaries)
            self.loaded = True
            self.sources_loaded.emit(summaries, utc_now())

    def prime(self, summaries: list[SourceSummary], now: datetime, archived_hidden: int = 0) -> None:
        """Show sources read elsewhere (the start-up snapshot: archived ones hidden) as if loaded."""
        self.show_archived = False
        self.archived_hidden = archived_hidden
        self.loaded = True
        self.sources_loaded.emit(summaries, now)

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
        from ..domain.undo import Scope
        from ..services.undo import Recording

        recording = Recording()
        async with self._action():
            async with self._db.session() as session:
                if self.history is not None:
                    await recording.start(session, Scope(source_rows=frozenset([source.id])))
                await self._repo(session).set_archived(source.id, archived)
                if self.history is not None:
                    await recording.finish(session)
            verb = (
                translate("Undo", "Archive Source “{name}”")
                if archived
                else translate("Undo", "Unarchive Source “{name}”")
            )
            self._record(recording, verb.format(name=source.name), source.id)
        await self._changed(source.id)

    def _repo(self, session: AsyncSession) -> SourceRepository:
        if self._repo_factory is None:
            from ..repositories import SourceRepository  # SQLAlchemy: imported on first use

            self._repo_factory = SourceRepository
        return self._repo_factory(session)

    async def delete(self, source_id: int) -> None:
        """Delete a source with everything of it (undone with its metrics, tariffs, meter changes,
        readings and their ids)."""
        from ..domain.undo import Scope
        from ..services.undo import Recording

        recording = Recording()
        async with self._action():
            async with self._db.session() as session:
                repo = self._repo(session)
                if self.history is not None:
                    scope = Scope(sources=frozenset([source_id]), source_readings=frozenset([source_id]))
                    await recording.start(session, scope)
                name = (await repo.get(source_id)).name
                count = await repo.count_readings(source_id)
                await repo.delete(source_id)
                if self.history is not None:
                    await recording.finish(session)
            self._record(recording, translate("Undo", "Delete Source “{name}”").format(name=name), source_id)
            self.source_deleted.emit(source_id, count)
        await self._changed(source_id)

    def _record(self, recording: Recording, name: str, source_id: int) -> None:
        """A committed change of a source becomes the next step of Edit → Undo."""
        if self.history is None:
            return
        from .undo import Change

        what = What.SOURCES | What.READINGS | What.TARIFFS | What.METER_CHANGES
        self.history.record(Change(name, recording.scope, recording.before, recording.after, what, [source_id]))

    async def _changed(self, source_id: int) -> None:
        """A write of ``source_id`` committed: say so (every page reloads), or reload the list."""
        if self._changes is not None:
            self._changes.notify(What.SOURCES | What.READINGS, [source_id])
        else:
            await self.load()
