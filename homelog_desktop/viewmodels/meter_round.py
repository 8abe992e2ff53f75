"""State of the meter round: every due source's metrics with their previous and expected values,
checked as typed, and all the readings entered stored in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.access import Action
from ..domain.entities import Metric, MetricKind, Reading, Source
from ..domain.errors import HomeLogError
from ..domain.issues import Issue, RuleError
from ..domain.numbers import quantum
from ..domain.timeutil import utc_now
from ..domain.validation import Neighbour, ReadingContext, check_reading, default_period_start, parse_values
from ..i18n import translate
from ..services.writing import PatientWriter, WriteCancelledError
from .base import BaseViewModel, weak_emitter
from .permissions import Permissions

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider
    from ..repositories import ReadingRepository, SourceRepository
    from ..services.readings import ReadingService
    from ..services.undo import Recording
    from .undo import UndoHistory


@dataclass(frozen=True, slots=True)
class RoundLine:
    """One input of the round: a metric of a source, with what the user needs to read it."""

    source: Source
    metric: Metric
    #: The source's reading is due (its interval has passed, or it has none yet).
    overdue: bool
    #: The stored value just before the round's time.
    previous: Neighbour | None
    #: previous value + recent daily rate × days since (counters with a known rate only).
    expected: Decimal | None
    #: Why the signed-in member may not add readings to the source ("": they may).
    refusal: str = ""
    #: An interval metric's period start for the round's value: "since the previous reading"
    #: (``default_period_start``, as in the reading dialog); None for other kinds, or without one.
    period_start: datetime | None = None


def expected_value(metric: Metric, previous: Neighbour | None, rate: Decimal | None, at: datetime) -> Decimal | None:
    """What a counter should show at ``at`` if it kept its recent daily rate."""
    if metric.kind is not MetricKind.COUNTER or previous is None or rate is None:
        return None
    days = Decimal((at - previous.timestamp).total_seconds()) / Decimal(86400)
    if days <= 0:
        return None
    return (previous.value + rate * days).quantize(quantum(metric))


class MeterRoundViewModel(BaseViewModel):
    """Loads the round's lines at a time and saves every value entered in one unit of work.

    ``save`` stores all readings or none: an error in any of them (or anything failing in the
    database) rolls the whole round back and is reported with ``error_occurred``.
    """

    #: list[RoundLine], overdue sources first (each group by name), metrics in order.
    lines_loaded = Signal(list)
    #: Readings stored by save(): list[Reading].
    saved = Signal(list)
    #: list[Issue]: warnings found at save time that were not accepted (nothing was stored).
    warnings_raised = Signal(list)
    #: bool: the save waits for another program to finish writing (True), or no longer (False).
    waiting_changed = Signal(bool)
    #: The user stopped waiting (cancel_save): nothing was stored, the sheet keeps what was typed.
    save_cancelled = Signal()

    def __init__(
        self,
        db: SessionProvider,
        repo_factory: Callable[..., ReadingRepository] | None = None,
        source_repo_factory: Callable[..., SourceRepository] | None = None,
        parent: QObject | None = None,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        #: What the signed-in member may do: a source they may not add readings to is shown, not typed in.
        self._permissions = permissions or Permissions(db)
        self._repo_factory = repo_factory
        self._source_repo_factory = source_repo_factory
        #: The round's time (every reading gets it); now to the minute until the user changes it.
        self.timestamp = utc_now().replace(second=0)
        self.lines: list[RoundLine] = []
        self.contexts: dict[int, ReadingContext] = {}
        self.sources: dict[int, Source] = {}
        #: Where a committed round is recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None
        #: Period starts the user set, by (source id, metric id); the others start at the previous reading.
        self.period_starts: dict[tuple[int, int], datetime] = {}
        self._generation = 0
        self._writer = PatientWriter(db, weak_emitter(self, "waiting_changed"))

    async def load(self, timestamp: datetime | None = None, now: datetime | None = None) -> None:
        """The lines at ``timestamp`` (default: the round's time); an older load's result is dropped."""
        if timestamp is not None:
            self.timestamp = timestamp
        at = self.timestamp
        self._generation += 1
        generation = self._generation
        async with self._action():
            moment = now or utc_now()
            async with self._db.session(readonly=True) as session:
                summaries = await self._source_repo(session).summaries(include_archived=False)
                # A virtual meter is computed from its inputs: nothing to read.
                summaries = [s for s in summaries if not s.source.virtual]
                await self._permissions.refresh(session)
                service = self._service(session)
                contexts = {}
                for summary in summaries:
                    assert summary.source.id is not None
                    contexts[summary.source.id] = await service.context(summary.source, at, now=moment)
            if generation != self._generation:
                return
            ordered = sorted(summaries, key=lambda s: (not s.is_overdue(moment), s.source.name.lower()))
            lines: list[RoundLine] = []
            for summary in ordered:
                source = summary.source
                assert source.id is not None
                context = contexts[source.id]
                allowed = self._permissions.can(Action.ADD_READING, source)
                for metric in source.metrics:
                    assert metric.id is not None
                    previous = context.previous.get(metric.id)
                    rate = context.daily_rates.get(metric.id)
                    lines.append(
                        RoundLine(
                            source,
                            metric,
                            summary.is_overdue(moment),
                            previous,
                            expected_value(metric, previous, rate, at),
                            "" if allowed else allowed.reason,
                            default_period_start(metric.id, context) if metric.kind is MetricKind.INTERVAL else None,
                        )
                    )
            self.contexts = contexts
            self.sources = {s.source.id: s.source for s in summaries if s.source.id is not None}
            self.lines = lines
            self.lines_loaded.emit(lines)

    def parse(
        self, texts: Mapping[tuple[int, int], str], decimal_point: str
    ) -> tuple[dict[int, dict[int, Decimal]], dict[tuple[int, int], Issue]]:
        """The values typed ((source id, metric id) -> text) per source and metric, and an error for
        each text that is not a usable number for its metric (empty text is "not read")."""
        values: dict[int, dict[int, Decimal]] = {}
        bad: dict[tuple[int, int], Issue] = {}
        for (source_id, metric_id), text in texts.items():
            source = self.sources.get(source_id)
            if source is None:
                continue
            found, problems = parse_values({metric_id: text}, source, decimal_point)
            if problems:
                bad[(source_id, metric_id)] = problems[0]
            elif found:
                values.setdefault(source_id, {}).update(found)
        return values, bad

    def set_period_start(self, source_id: int, metric_id: int, start: datetime | None) -> None:
        """An interval value's period starts at ``start`` (None: at the previous reading, the default)."""
        if start is None:
            self.period_starts.pop((source_id, metric_id), None)
        else:
            if start.tzinfo is None:
                raise ValueError("period starts must be timezone-aware")
            self.period_starts[(source_id, metric_id)] = start

    def period_start(self, line: RoundLine) -> datetime | None:
        """Where ``line``'s value's period starts: the user's start, else the previous reading's time."""
        key = (line.source.id or 0, line.metric.id or 0)
        return self.period_starts.get(key, line.period_start)

    def check(self, source_id: int, values: Mapping[int, Decimal]) -> list[Issue]:
        """Errors and warnings of the values typed for one source (with the period starts the user set),
        against the loaded context: the reading form's rules (``check_reading``)."""
        source = self.sources.get(source_id)
        context = self.contexts.get(source_id)
        if source is None or context is None or not values:
            return []
        reading = Reading(None, source_id, self.timestamp, dict(values), starts=self._starts(source_id, values))
        return check_reading(reading, source, context)

    def _starts(self, source_id: int, values: Mapping[int, Decimal]) -> dict[int, datetime]:
        """The period starts of one source's values: the user's, else the previous reading's time."""
        starts: dict[int, datetime] = {}
        for line in self.lines:
            interval = line.metric.kind is MetricKind.INTERVAL
            if line.source.id != source_id or line.metric.id not in values or not interval:
                continue
            assert line.metric.id is not None
            start = self.period_start(line)
            if start is not None:
                starts[line.metric.id] = start
        return starts

    async def save(
        self,
        entries: Mapping[int, Mapping[int, Decimal]],
        entered_by: int | None = None,
        accepted: Mapping[int, Collection[str]] | None = None,
    ) -> None:
        """Store one reading per source in ``entries`` (source id -> metric id -> value) at the round's
        time, all in one transaction. Sources without values are skipped.

        ``accepted`` holds, per source, the keys of the warnings the user saw and saved anyway
        (``warning_key``). A warning the sheet did not show (the stored readings changed meanwhile)
        stores nothing and comes back with ``warnings_raised``.
        """
        at = self.timestamp
        readings = [
            Reading(
                None,
                source_id,
                at,
                dict(values),
                entered_by=entered_by,
                # Each amount per period runs from the start the user set, else since the previous reading.
                starts=self._starts(source_id, values),
            )
            for source_id, values in entries.items()
            if values
        ]
        if not readings:
            self.error_occurred.emit(
                translate("MeterRoundDialog", "Enter at least one value: empty lines are skipped.")
            )
            return
        accepted = accepted or {}
        from ..services.undo import Recording

        recording = Recording()

        async def work(session: AsyncSession) -> tuple[list[Reading], list[Issue]]:
            stored: list[Reading] = []
            pending: list[Issue] = []
            service = self._service(session)
            for reading in readings:
                source = self.sources.get(reading.source_id)
                if source is None:
                    raise HomeLogError(
                        translate("MeterRoundDialog", "A source of the round no longer exists: refresh and try again.")
                    )
                try:
                    result = await service.save(source, reading, accepted=accepted.get(reading.source_id, ()))
                except RuleError as exc:
                    raise RuleError([replace(i, subject=_in_source(source, i.subject)) for i in exc.issues]) from exc
                if result.reading is None:
                    pending.extend(result.warnings)
                    self.contexts[reading.source_id] = result.context
                else:
                    stored.append(result.reading)
            if pending:
                await session.rollback()  # all or nothing
            elif self.history is not None:
                from ..domain.undo import Scope

                await recording.finish(session, Scope(readings=frozenset(r.id for r in stored if r.id is not None)))
            return stored, pending

        async with self._action():
            try:
                stored, pending = await self._writer.run(work)
            except WriteCancelledError:
                self.save_cancelled.emit()
                return
            if pending:
                self.warnings_raised.emit(pending)
                return
            self._record(recording, stored)
            self.saved.emit(stored)

    def cancel_save(self) -> None:
        """Stop waiting for another program to finish writing; the round stores nothing."""
        self._writer.cancel()

    # -- helpers -----------------------------------------------------------------------------

    def _record(self, recording: Recording, stored: list[Reading]) -> None:
        """The committed round becomes one step of Edit → Undo."""
        if self.history is None or not stored:
            return
        from .changes import What
        from .undo import Change

        name = translate("Undo", "Meter Round (%Ln Reading(s))", None, len(stored))
        what = What.READINGS | What.METER_CHANGES
        sources = [r.source_id for r in stored]
        self.history.record(Change(name, recording.scope, recording.before, recording.after, what, sources))

    def _repo(self, session: AsyncSession) -> ReadingRepository:
        if self._repo_factory is None:
            from ..repositories import ReadingRepository

            self._repo_factory = ReadingRepository
        return self._repo_factory(session)

    def _service(self, session: AsyncSession) -> ReadingService:
        from ..repositories import MeterEventRepository
        from ..services.readings import ReadingService

        return ReadingService(session, self._repo, MeterEventRepository)

    def _source_repo(self, session: AsyncSession) -> SourceRepository:
        if self._source_repo_factory is None:
            from ..repositories import SourceRepository

            self._source_repo_factory = SourceRepository
        return self._source_repo_factory(session)


def _in_source(source: Source, subject: str) -> str:
    """A problem's subject within the round names its source too ("Flat · Day (kWh)")."""
    return f"{source.name} · {subject}" if subject else source.name
