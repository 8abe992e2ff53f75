"""State of the add/edit reading dialog: members, the stored readings around it, checking and saving."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Member, MeterEvent, Reading, Source
from ..domain.errors import HomeLogError, ValidationError
from ..domain.timeutil import utc_now
from ..domain.validation import Issue, ReadingContext, check_reading, errors, warnings
from ..repositories import MemberRepository, MeterEventRepository, ReadingRepository
from ..repositories.meter_changes import check_meter_event
from .base import BaseViewModel

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider


def warning_key(issue: Issue) -> str:
    """The key under which the user accepts a warning.

    ``"<code>:<metric_id>"`` for a warning about one metric (``"counter-down:12"``, ``"jump:12"``) and
    ``"<code>"`` for one about the whole reading (``"future"``, ``"duplicate"``). Accepting
    ``"counter-down:12"`` accepts that metric's value being lower than the previous one, whatever
    the value; the dialog withdraws a key when the user edits what it is about.
    """
    return issue.code if issue.metric_id is None else f"{issue.code}:{issue.metric_id}"


def unaccepted(issues: Iterable[Issue], accepted: Collection[str]) -> list[Issue]:
    """The warnings among ``issues`` whose key is not in ``accepted``."""
    return [i for i in warnings(list(issues)) if warning_key(i) not in accepted]


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
    ) -> None:
        super().__init__(parent)
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
        self.members: list[Member] = []
        self._generation = 0

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
        async with self._action():
            pending: list[Issue] = []
            stored: Reading | None = None
            async with self._db.session() as session:
                repo = self._repo(session)
                for event in events:
                    self._check_event(event)
                context = await self._context(session, reading.timestamp, exclude_id=reading.id)
                context = replace(context, events=sorted([*context.events, *events], key=lambda e: e.at))
                issues = check_reading(reading, self.source, context)
                _refuse(errors(issues))
                pending = unaccepted(issues, accepted)
                if not pending:
                    if reading.id is None:
                        stored = await repo.add(self.source, reading)
                    else:
                        stored = await repo.update(self.source, reading)
                    event_repo = self._event_repo(session)
                    for event in events:  # linked: deleting the reading deletes its changes
                        await event_repo.add(replace(event, reading_id=stored.id))
            if stored is None:
                # The form's live check used an older context: show the fresh one with the warnings.
                self._generation += 1
                self._set_context(context)
                self.warnings_raised.emit(pending)
                return
            self.reading = stored
            self.saved.emit(stored)

    # -- helpers -----------------------------------------------------------------------------

    async def _context(
        self, session: AsyncSession, timestamp: datetime, *, exclude_id: int | None = None
    ) -> ReadingContext:
        if exclude_id is None and self.reading is not None:
            exclude_id = self.reading.id
        assert self.source.id is not None
        context = await self._repo(session).context(self.source, timestamp, exclude_id=exclude_id)
        events = await self._event_repo(session).for_source(self.source.id)
        return replace(context, events=tuple(events))

    def _check_event(self, event: MeterEvent) -> None:
        metric = self.source.metric(event.metric_id)
        if event.source_id != self.source.id or metric is None:
            raise ValueError("the meter change belongs to another source")
        check_meter_event(event, metric.kind, metric.digits)

    def _set_context(self, context: ReadingContext) -> None:
        self.context = context
        self.context_loaded.emit(context)


def _refuse(found: list[Issue]) -> None:
    """Raise the errors found as one expected error that names the fields."""
    if not found:
        return
    if len(found) == 1:
        raise ValidationError(found[0].field, found[0].message)
    raise HomeLogError("\n".join(i.text for i in found))
