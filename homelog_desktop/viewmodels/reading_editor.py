"""State of the add/edit reading dialog: members, the stored readings around it, checking and saving."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Member, MeterEvent, Metric, Reading, Source
from ..domain.errors import ConflictError
from ..domain.issues import Issue
from ..domain.timeutil import utc_now
from ..domain.validation import (
    ReadingContext,
    check_reading,
    check_recorded_events,
    parse_values,
    rollover_plausible,
    unaccepted,
    warning_key,
)
from ..i18n import translate
from ..repositories import MemberRepository, MeterEventRepository, ReadingRepository
from ..services.readings import ReadingService, with_events
from ..services.writing import PatientWriter, WriteCancelledError
from .base import BaseViewModel, weak_emitter
from .permissions import Permissions

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider
    from ..services.readings import SaveResult
    from ..services.undo import Recording
    from .undo import UndoHistory

__all__ = ["ReadingEditorViewModel", "unaccepted", "warning_key"]


class ReadingEditorViewModel(BaseViewModel):
    """Adds a reading to a source or changes one, after checking it against the stored readings.

    Errors (a value that cannot be stored, no value at all) refuse the save with
    ``error_occurred``; warnings (a counter going down, a jump, a future or duplicate time) are sent
    back with ``warnings_raised`` until the caller passes their keys (see ``warning_key``) as
    accepted.
    """

    #: ReadingContext around the form's timestamp (previous/next value per metric, recent rates).
    context_loaded = Signal(object)
    #: list[Member] for the "Entered by" choice.
    members_loaded = Signal(list)
    #: list[Issue]: warnings of the save-time check that the caller has not accepted.
    warnings_raised = Signal(list)
    #: The stored Reading.
    saved = Signal(object)
    #: bool: a save waits for another program to finish writing (True), or no longer (False).
    waiting_changed = Signal(bool)
    #: The user stopped waiting (cancel_save): nothing was stored, the form keeps what was typed.
    save_cancelled = Signal()
    #: ConflictError: someone else saved this reading since the form opened; nothing was stored.
    #: The form asks: reload (``reload``) or overwrite (``save`` again with ``overwriting``).
    conflict_raised = Signal(object)
    #: The Reading as stored now, after ``reload`` (the form shows it instead of what was typed).
    reloaded = Signal(object)

    def __init__(
        self,
        db: SessionProvider,
        source: Source,
        reading: Reading | None = None,
        default_member_id: int | None = None,
        repo_factory: Callable[..., ReadingRepository] = ReadingRepository,
        member_repo_factory: Callable[..., MemberRepository] = MemberRepository,
        parent: QObject | None = None,
        event_repo_factory: Callable[..., MeterEventRepository] = MeterEventRepository,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        #: What the signed-in member may do (whom the form may name as the author).
        self.permissions = permissions or Permissions(db)
        if source.id is None:
            raise ValueError("the source must be stored")
        if reading is not None and reading.source_id != source.id:
            raise ValueError("the reading belongs to another source")
        self._db = db
        self._repo = repo_factory
        self._member_repo = member_repo_factory
        self._event_repo = event_repo_factory
        self.source = source
        #: The reading being edited (after a save: as stored); None for a new one.
        self.reading = reading
        self.default_member_id = default_member_id
        #: Where the form starts: the reading's time, or now to the minute for a new reading.
        self.initial_timestamp = (
            reading.timestamp if reading is not None else utc_now().replace(second=0, microsecond=0)
        )
        self.context: ReadingContext | None = None
        #: The last save's conflict, until the next save or reload.
        self.conflict: ConflictError | None = None
        self.members: list[Member] = []
        #: Where committed saves are recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None
        self._generation = 0
        self._writer = PatientWriter(db, weak_emitter(self, "waiting_changed"))

    @property
    def is_new(self) -> bool:
        return self.reading is None or self.reading.id is None

    async def load(self) -> None:
        """Load the members and the context at the reading's time (or now, for a new reading)."""
        self._generation += 1
        generation = self._generation
        async with self._action():
            async with self._db.session(readonly=True) as session:
                members = await self._member_repo(session).all()
                context = await self._context(session, self.initial_timestamp)
            self.members = members
            self.permissions.set_names({m.id: m.name for m in members if m.id is not None})
            self.members_loaded.emit(members)
            if generation == self._generation:
                self._set_context(context)

    async def load_context(self, timestamp: datetime) -> None:
        """The user moved the timestamp: load the stored readings around it.

        A result that arrives after a newer request started is dropped.
        """
        self._generation += 1
        generation = self._generation
        async with self._action():
            async with self._db.session(readonly=True) as session:
                context = await self._context(session, timestamp)
            if generation == self._generation:
                self._set_context(context)

    async def save(self, reading: Reading, accepted: frozenset[str], events: Sequence[MeterEvent] = ()) -> None:
        """Check ``reading`` against the stored readings and store it if it may be stored.

        One write session: errors refuse it (``error_occurred``, nothing stored), warnings whose
        keys are not all in ``accepted`` are reported (``warnings_raised``, nothing stored),
        otherwise it is added (no id) or updated (``saved``). ``events`` are meter changes the user
        recorded in the dialog (a meter replaced since the previous reading): they are checked with
        the reading and stored in the same transaction, or not at all.
        """
        if reading.source_id != self.source.id:
            raise ValueError("the reading belongs to another source")
        self.conflict = None
        from ..services.undo import Recording

        recording = Recording()

        async def work(session: AsyncSession) -> SaveResult:
            from ..domain.undo import Scope

            if self.history is not None and reading.id is not None:
                await recording.start(session, Scope(readings=frozenset([reading.id])))
            result = await self._service(session).save(self.source, reading, accepted=accepted, events=events)
            if self.history is not None and result.reading is not None and result.reading.id is not None:
                await recording.finish(session, Scope(readings=frozenset([result.reading.id])))
            return result

        async with self._action():
            try:
                result = await self._writer.run(work)
            except WriteCancelledError:
                self.save_cancelled.emit()
                return
            except ConflictError as exc:
                self.conflict = exc
                self.conflict_raised.emit(exc)
                return
            if result.reading is None:
                # The form's live check used an older context: show the fresh one with the warnings.
                self._generation += 1
                self._set_context(result.context)
                self.warnings_raised.emit(result.warnings)
                return
            self.reading = result.reading
            self._record(
                recording, translate("Undo", "Add Reading") if reading.id is None else translate("Undo", "Edit Reading")
            )
            self.saved.emit(result.reading)

    def overwriting(self, reading: Reading) -> Reading:
        """``reading`` to be saved over the change that conflicted (the user chose Overwrite).

        The form goes on from that version: a save that stops for warnings first still overwrites.
        """
        if self.conflict is None:
            return reading
        version = self.conflict.current_version
        if self.reading is not None:
            self.reading = replace(self.reading, version=version)
        return replace(reading, version=version)

    async def reload(self) -> None:
        """Take the stored reading as it is now (the user chose Reload after a conflict): ``reloaded``."""
        if self.reading is None or self.reading.id is None:
            return
        reading_id = self.reading.id
        self.conflict = None
        self._generation += 1
        generation = self._generation
        async with self._action():
            async with self._db.session(readonly=True) as session:
                stored = await self._repo(session).get(self.source, reading_id)
                context = await self._service(session).context(self.source, stored.timestamp, exclude_id=reading_id)
            self.reading = stored
            self.initial_timestamp = stored.timestamp
            self.reloaded.emit(stored)
            if generation == self._generation:
                self._set_context(context)

    def cancel_save(self) -> None:
        """Stop waiting for another program to finish writing; the save stores nothing."""
        self._writer.cancel()

    # -- checks the form asks for, as it is typed -------------------------------------------

    def parse(self, texts: Mapping[int, str], decimal_point: str) -> tuple[dict[int, Decimal], list[Issue]]:
        """The values typed per metric id, and an error for each text that is not a usable number."""
        return parse_values(texts, self.source, decimal_point)

    def full_context(self, events: Iterable[MeterEvent] = ()) -> ReadingContext:
        """The context last loaded (empty before), with the meter changes recorded in the form."""
        return with_events(self.context or ReadingContext(now=utc_now()), list(events))

    def check(
        self,
        reading: Reading,
        parse_issues: Sequence[Issue] = (),
        events: Sequence[MeterEvent] = (),
        show_time: Callable[[datetime], str] | None = None,
    ) -> list[Issue]:
        """Every problem of the form's reading against the context last loaded: what parsing found,
        the reading's rules and the meter changes recorded with it (the save runs the same rules)."""
        context = self.full_context(events)
        if context.duplicate_at is not None and context.duplicate_at != reading.timestamp:
            context = replace(context, duplicate_at=None)  # loaded for an earlier time
        checked = check_reading(reading, self.source, context)
        if parse_issues:  # something was typed, it just is not a number
            checked = [i for i in checked if i.code != "no-values"]
        recorded = (
            check_recorded_events(reading, self.source, events, context, show_time)
            if show_time is not None
            else check_recorded_events(reading, self.source, events, context)
        )
        return [*parse_issues, *checked, *recorded]

    def rollover_plausible(self, metric: Metric, value: Decimal | None, at: datetime) -> bool:
        """Whether ``value`` below the previous reading may be the register wrapping past 10**digits."""
        context = self.context
        if context is None or metric.id is None or value is None:
            return False
        previous = context.previous.get(metric.id)
        if previous is None:
            return False
        days = Decimal((at - previous.timestamp).total_seconds()) / Decimal(86400)
        return rollover_plausible(metric, previous.value, value, days, context.daily_rates.get(metric.id))

    # -- helpers -----------------------------------------------------------------------------

    def _record(self, recording: Recording, name: str) -> None:
        """The committed save becomes the next step of Edit → Undo."""
        if self.history is None:
            return
        from .changes import What
        from .undo import Change

        what = What.READINGS | What.METER_CHANGES
        self.history.record(Change(name, recording.scope, recording.before, recording.after, what, [self.source.id]))

    def _service(self, session: AsyncSession) -> ReadingService:
        return ReadingService(session, self._repo, self._event_repo)

    async def _context(self, session: AsyncSession, timestamp: datetime) -> ReadingContext:
        exclude_id = self.reading.id if self.reading is not None else None
        return await self._service(session).context(self.source, timestamp, exclude_id=exclude_id)

    def _set_context(self, context: ReadingContext) -> None:
        self.context = context
        self.context_loaded.emit(context)
