"""The editor of a virtual meter: the metrics it may use, a check as the user types, and saving."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Source, Tariff
from ..domain.errors import ConflictError
from ..domain.issues import Issue, RuleError, errors
from ..domain.virtual import InputFacts, check_virtual
from ..i18n import translate
from .base import BaseViewModel
from .source_editor import TariffRefusedError, replace_tariffs

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider
    from .undo import UndoHistory


class VirtualMeterEditorViewModel(BaseViewModel):
    """Loads the choices of inputs, checks a definition (``domain.virtual``) and stores it through
    ``SourceRepository`` (the one write path of sources, which checks it again with every stored
    virtual meter, for cycles)."""

    #: list[InputFacts]: every metric the member may use (counters and interval metrics they can see).
    choices_loaded = Signal(list)
    #: The stored virtual meter.
    saved = Signal(object)
    #: list[Issue]: what the repository refused (placed by the dialog on the terms).
    refused = Signal(list)
    #: ConflictError: someone else changed the virtual meter (or its tariffs) since the form loaded
    #: it; nothing was stored. The form asks, as the source form does: ``reload``, or
    #: ``save(..., overwrite=True)``.
    conflict_raised = Signal(object)
    #: The virtual meter as stored now, after ``reload`` (its tariffs in ``tariffs``).
    reloaded = Signal(object)

    def __init__(self, db: SessionProvider, source: Source | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.source = source
        self.choices: list[InputFacts] = []
        #: The stored tariffs of its metric (read by ``load``, again after a save).
        self.tariffs: list[Tariff] = []
        #: Where committed saves are recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None
        #: The last save's conflict, until the next save or reload.
        self.conflict: ConflictError | None = None

    async def load(self) -> None:
        async with self._action():
            from ..repositories import SourceRepository

            async with self._db.session(readonly=True) as session:
                choices = await SourceRepository(session).input_choices()
                self.tariffs = await self._read_tariffs(session, self.source)
            own = self.source.id if self.source is not None else None
            self.choices = [c for c in choices if c.source_id != own]
            self.choices_loaded.emit(self.choices)

    def check(self, source: Source) -> list[Issue]:
        """The problems of ``source`` that the loaded choices show (cycles are the repository's to find)."""
        known = {c.metric.id: c for c in self.choices if c.metric.id is not None}
        return check_virtual(source, known, {})

    async def save(self, source: Source, tariffs: Sequence[Tariff] | None = None, *, overwrite: bool = False) -> None:
        """Store ``source``; with ``tariffs`` (their ``metric_id``: the metric's id, or any key for a new
        one), its metric's tariffs become exactly those, in the same transaction and undo step, through
        the source form's path (``source_editor.replace_tariffs``).

        Someone else's change since the form loaded (the virtual meter, or one of its tariffs) is a
        conflict (``conflict_raised``, nothing stored) unless ``overwrite``: the user chose to save
        over it."""
        conflict, self.conflict = self.conflict, None
        if overwrite and conflict is not None and conflict.what == "source":
            source = replace(source, version=conflict.current_version)
        async with self._action():
            from ..domain.undo import Scope
            from ..repositories import SourceRepository
            from ..services.undo import Recording

            recording = Recording()
            try:
                async with self._db.session() as session:
                    repo = SourceRepository(session)
                    if self.history is not None and source.id is not None:
                        await recording.start(session, Scope(sources=frozenset([source.id])))
                    stored = await (repo.add(source) if source.id is None else repo.update(source))
                    if tariffs is not None:
                        await self._write_tariffs(session, source, stored, tariffs, overwrite=overwrite)
                    saved_tariffs = await self._read_tariffs(session, stored)
                    if self.history is not None and stored.id is not None:
                        await recording.finish(session, Scope(sources=frozenset([stored.id])))
            except ConflictError as exc:
                self.conflict = exc
                self.conflict_raised.emit(exc)
                return
            except RuleError as exc:  # shown in the form, on the terms: no message box
                self.refused.emit(list(exc.issues))
                return
            except TariffRefusedError as exc:
                self.error_occurred.emit(
                    translate("VirtualMeterDialog", "Tariffs, row {row}: {error}").format(
                        row=exc.row + 1, error=exc.error
                    )
                )
                return
            self.source = stored
            self.tariffs = saved_tariffs
            if self.history is not None:
                from .changes import What
                from .undo import Change

                verb = (
                    translate("Undo", "Add Virtual Meter “{name}”")
                    if source.id is None
                    else translate("Undo", "Edit Virtual Meter “{name}”")
                )
                what = What.SOURCES | What.READINGS | What.TARIFFS
                scope, before, after = recording.scope, recording.before, recording.after
                self.history.record(Change(verb.format(name=stored.name), scope, before, after, what, [stored.id]))
            self.saved.emit(stored)

    async def reload(self) -> None:
        """Take the virtual meter and its tariffs as stored now (Reload after a conflict): ``reloaded``."""
        source = self.source
        if source is None or source.id is None:
            return
        self.conflict = None
        async with self._action():
            from ..repositories import SourceRepository

            async with self._db.session(readonly=True) as session:
                stored = await SourceRepository(session).get(source.id)
                tariffs = await self._read_tariffs(session, stored)
            self.source = stored
            self.tariffs = tariffs
            self.reloaded.emit(stored)

    async def _write_tariffs(
        self, session: AsyncSession, source: Source, stored: Source, tariffs: Sequence[Tariff], *, overwrite: bool
    ) -> None:
        from ..repositories import TariffRepository

        repo = TariffRepository(session)
        if source.id is not None and not overwrite:  # saved as a whole: refuse if someone changed one meanwhile
            await repo.refuse_changed(self.tariffs, [m.id for m in stored.metrics if m.id is not None])
        metric_id = stored.metrics[0].id
        keys = {t.metric_id: metric_id for t in tariffs}  # one metric: whatever key the form used
        await replace_tariffs(session, repo, await self._read_tariffs(session, stored), tariffs, keys)

    @staticmethod
    async def _read_tariffs(session: AsyncSession, source: Source | None) -> list[Tariff]:
        from ..repositories import TariffRepository

        ids = [m.id for m in source.metrics if m.id is not None] if source is not None else []
        by_metric = await TariffRepository(session).for_metrics(ids)
        return [t for metric_id in ids for t in by_metric.get(metric_id, [])]


def blocking(issues: Sequence[Issue]) -> list[Issue]:
    """The errors among ``issues`` (a form stays open while there are any)."""
    return errors(issues)
