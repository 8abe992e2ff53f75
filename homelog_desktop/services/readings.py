"""Saving a reading: one way for the reading dialog, the meter round and the command line.

The context a reading is checked in always holds the stored meter changes (and any recorded with
the reading), so the same input gets the same warnings wherever it is typed. Errors are refused
(``RuleError``); warnings are returned until the caller accepts their keys (``warning_key``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ..domain.entities import MeterEvent, Reading, Source
from ..domain.issues import Issue, refuse_errors
from ..domain.rules import check_meter_event
from ..domain.validation import ReadingContext, check_reading, check_recorded_events, unaccepted
from ..repositories import MeterEventRepository, ReadingRepository


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What ``ReadingService.save`` did: stored the reading, or returned the warnings to accept first."""

    #: The stored reading; None when warnings are pending (nothing was stored).
    reading: Reading | None
    #: Warnings not accepted (nothing stored), or accepted ones (stored anyway): see ``stored``.
    warnings: list[Issue]
    #: The stored context the reading was checked in, fresh from the database (without the meter
    #: changes given with the reading).
    context: ReadingContext
    #: The meter changes stored with the reading.
    events: tuple[MeterEvent, ...] = field(default=())

    @property
    def stored(self) -> bool:
        return self.reading is not None


def with_events(context: ReadingContext, events: Sequence[MeterEvent]) -> ReadingContext:
    """``context`` with meter changes about to be saved added to the stored ones, oldest first."""
    if not events:
        return context
    return replace(context, events=tuple(sorted([*context.events, *events], key=lambda e: e.at)))


class ReadingService:
    """Checks and saves readings within one session (the caller's unit of work)."""

    def __init__(
        self,
        session: AsyncSession,
        repo_factory: Callable[[AsyncSession], ReadingRepository] = ReadingRepository,
        event_repo_factory: Callable[[AsyncSession], MeterEventRepository] = MeterEventRepository,
    ) -> None:
        self._readings = repo_factory(session)
        self._events = event_repo_factory(session)

    async def context(
        self, source: Source, timestamp: datetime, *, exclude_id: int | None = None, now: datetime | None = None
    ) -> ReadingContext:
        """The stored readings around ``timestamp`` and every stored meter change of the source."""
        assert source.id is not None
        context = await self._readings.context(source, timestamp, exclude_id=exclude_id, now=now)
        return replace(context, events=tuple(await self._events.for_source(source.id)))

    async def check(
        self, source: Source, reading: Reading, events: Sequence[MeterEvent] = (), *, now: datetime | None = None
    ) -> tuple[list[Issue], ReadingContext]:
        """Every problem of ``reading`` (and of the meter changes recorded with it), and the stored
        context it was checked in (without ``events``, which the caller holds)."""
        issues: list[Issue] = []
        for event in events:
            if event.source_id != source.id:
                raise ValueError("the meter change belongs to another source")
            issues.extend(check_meter_event(event, source.metric(event.metric_id)))
        stored = await self.context(source, reading.timestamp, exclude_id=reading.id, now=now)
        context = with_events(stored, events)
        issues.extend(check_reading(reading, source, context))
        issues.extend(check_recorded_events(reading, source, events, context))
        return issues, stored

    async def save(
        self,
        source: Source,
        reading: Reading,
        *,
        accepted: Collection[str] = frozenset(),
        accept_all: bool = False,
        events: Sequence[MeterEvent] = (),
        now: datetime | None = None,
    ) -> SaveResult:
        """Store ``reading`` (added without an id, else updated) with ``events``, or nothing.

        Errors raise ``RuleError``. Warnings whose keys are not in ``accepted`` (unless
        ``accept_all``) come back in the result and nothing is stored.
        """
        if reading.source_id != source.id:
            raise ValueError("the reading belongs to another source")
        issues, context = await self.check(source, reading, events, now=now)
        refuse_errors(issues)
        pending = unaccepted(issues, accepted)
        if pending and not accept_all:
            return SaveResult(None, pending, context)
        if reading.id is None:
            stored = await self._readings.add(source, reading)
        else:
            stored = await self._readings.update(source, reading)
        # Linked to the reading: deleting the reading deletes the changes recorded with it.
        stored_events = tuple([await self._events.add(replace(event, reading_id=stored.id)) for event in events])
        return SaveResult(stored, pending, context, stored_events)
