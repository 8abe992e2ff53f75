"""Readings of a source: paged and sorted in SQL, with the consumption since the previous reading."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from ..db.database import actor_of
from ..db.tables import MemberRow, ReadingRow, ReadingValueRow
from ..domain.access import Action, author_of_new_reading, can_change_author
from ..domain.entities import MeterEvent, MetricKind, Reading, ReadingLine, Source
from ..domain.errors import NotFoundError
from ..domain.issues import refuse_errors
from ..domain.numbers import quantum, to_decimal
from ..domain.queries import ReadingFilter, ReadingOrder
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from ..domain.validation import (
    Neighbour,
    ReadingContext,
    check_reading,
    continuous_use,
    daily_rate,
    events_between,
)
from ..i18n import translate
from . import access
from .meter_changes import MeterEventRepository
from .versions import changed_by, locked, stamp

#: How many earlier readings make up the "recent" daily rate of a counter.
RATE_WINDOW = 6
#: Readings older than this before the new one do not count as recent.
RATE_HORIZON = timedelta(days=400)


class ReadingRepository:
    """A source's readings, for a source the session's actor may see (else ``NotFoundError``, as
    for a deleted one); adding, changing and deleting ask the access policy first."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # -- queries -----------------------------------------------------------------------------

    async def count(self, source_id: int, flt: ReadingFilter | None = None) -> int:
        await access.ensure_visible(self._session, source_id)
        query = select(func.count()).select_from(ReadingRow).where(ReadingRow.source_id == source_id)
        query = _filtered(query, flt)
        return int(await self._session.scalar(query) or 0)

    async def page(
        self,
        source: Source,
        offset: int,
        limit: int,
        order: ReadingOrder | None = None,
        flt: ReadingFilter | None = None,
        total: int | None = None,
    ) -> list[ReadingLine]:
        """Rows ``offset`` to ``offset + limit`` in ``order``.

        When sorting by time and the page lies in the second half of ``total`` rows, the query runs
        in the opposite direction so that the offset stays small: the end of a million rows is as
        quick to reach as the start.
        """
        assert source.id is not None
        await access.ensure_visible(self._session, source.id)
        order = order or ReadingOrder()
        if limit <= 0 or offset < 0:
            return []
        reverse = False
        descending = order.descending
        if order.key == "timestamp" and total is not None and offset > total // 2:
            end = min(total, offset + limit)
            limit = end - offset
            offset = total - end
            descending = not descending
            reverse = True
            if limit <= 0:
                return []
        query = (
            select(
                ReadingRow.id,
                ReadingRow.ts,
                ReadingRow.note,
                ReadingRow.estimated,
                ReadingRow.from_bill,
                ReadingRow.entered_by,
                ReadingRow.created_at,
                ReadingRow.updated_at,
                ReadingRow.version,
                MemberRow.name,
            )
            .outerjoin(MemberRow, MemberRow.id == ReadingRow.entered_by)
            .where(ReadingRow.source_id == source.id)
        )
        query = _filtered(query, flt)
        query = _ordered(query, order, descending)
        rows = list((await self._session.execute(query.offset(offset).limit(limit))).all())
        if reverse:
            rows.reverse()
        if not rows:
            return []
        ids = [r.id for r in rows]
        values, consumption, starts = await self._values_of(source, ids)
        return [
            ReadingLine(
                reading=Reading(
                    id=r.id,
                    source_id=source.id,
                    timestamp=from_epoch(r.ts),
                    values=values.get(r.id, {}),
                    note=r.note,
                    estimated=r.estimated,
                    from_bill=r.from_bill,
                    entered_by=r.entered_by,
                    created_at=from_epoch(r.created_at),
                    updated_at=from_epoch(r.updated_at),
                    version=r.version,
                    starts=starts.get(r.id, {}),
                ),
                consumption=consumption.get(r.id, {}),
                entered_by_name=r.name or "",
            )
            for r in rows
        ]

    async def get(self, source: Source, reading_id: int) -> Reading:
        await access.ensure_visible(self._session, source.id)
        row = await self._session.get(ReadingRow, reading_id)
        if row is None or row.source_id != source.id:
            raise NotFoundError(translate("Repositories", "That reading no longer exists."))
        values, _, starts = await self._values_of(source, [reading_id], with_consumption=False)
        return _reading(row, values.get(reading_id, {}), starts.get(reading_id, {}))

    async def row_of(
        self, source_id: int, reading_id: int, order: ReadingOrder, flt: ReadingFilter | None
    ) -> int | None:
        """Row index of a reading in the table sorted by time; None for other orders or if filtered out."""
        if order.key != "timestamp":
            return None
        await access.ensure_visible(self._session, source_id)
        row = await self._session.get(ReadingRow, reading_id)
        if row is None or row.source_id != source_id:
            return None
        if order.descending:
            before = or_(ReadingRow.ts > row.ts, and_(ReadingRow.ts == row.ts, ReadingRow.id > row.id))
        else:
            before = or_(ReadingRow.ts < row.ts, and_(ReadingRow.ts == row.ts, ReadingRow.id < row.id))
        query = _filtered(
            select(func.count()).select_from(ReadingRow).where(ReadingRow.source_id == source_id, before), flt
        )
        index = int(await self._session.scalar(query) or 0)
        check = _filtered(select(ReadingRow.id).where(ReadingRow.id == reading_id), flt)
        return index if await self._session.scalar(check) is not None else None

    async def context(
        self,
        source: Source,
        timestamp: datetime,
        *,
        exclude_id: int | None = None,
        now: datetime | None = None,
    ) -> ReadingContext:
        """The stored readings around ``timestamp`` that validation and the entry form need."""
        assert source.id is not None
        await access.ensure_visible(self._session, source.id)
        ts = to_epoch(timestamp)
        previous: dict[int, Neighbour] = {}
        following: dict[int, Neighbour] = {}
        rates: dict[int, Decimal] = {}
        own = [] if exclude_id is None else [ReadingValueRow.reading_id != exclude_id]
        for metric in source.metrics:
            assert metric.id is not None
            q = quantum(metric)
            base = select(ReadingValueRow.ts, ReadingValueRow.value, ReadingValueRow.start_ts).where(
                ReadingValueRow.metric_id == metric.id, *own
            )
            limit = RATE_WINDOW if metric.kind is MetricKind.COUNTER else 1
            before = (
                await self._session.execute(
                    base.where(ReadingValueRow.ts < ts).order_by(ReadingValueRow.ts.desc()).limit(limit)
                )
            ).all()
            points = [Neighbour(from_epoch(t), to_decimal(v, q), _start(b)) for t, v, b in reversed(before)]
            if points:
                previous[metric.id] = points[-1]
            after = (
                await self._session.execute(base.where(ReadingValueRow.ts > ts).order_by(ReadingValueRow.ts).limit(1))
            ).first()
            if after is not None:
                following[metric.id] = Neighbour(from_epoch(after[0]), to_decimal(after[1], q), _start(after[2]))
            if metric.kind is MetricKind.COUNTER:
                recent = [p for p in points if p.timestamp >= timestamp - RATE_HORIZON]
                rate = daily_rate(recent)
                if rate is not None:
                    rates[metric.id] = rate
        dup_query = select(ReadingRow.ts).where(ReadingRow.source_id == source.id, ReadingRow.ts == ts)
        if exclude_id is not None:
            dup_query = dup_query.where(ReadingRow.id != exclude_id)
        duplicate = await self._session.scalar(dup_query.limit(1))
        return ReadingContext(
            now=now or utc_now(),
            previous=previous,
            next=following,
            daily_rates=rates,
            duplicate_at=timestamp if duplicate is not None else None,
        )

    # -- changes -----------------------------------------------------------------------------

    async def add(self, source: Source, reading: Reading, *, created_at: datetime | None = None) -> Reading:
        """Store a new reading; refuses one with errors (warnings are the caller's to show)."""
        assert source.id is not None
        await access.ensure_visible(self._session, source.id)
        await access.require_source(self._session, Action.ADD_READING, source.id)
        _refuse_errors(source, reading)
        at = to_epoch(created_at or utc_now())
        actor = actor_of(self._session)
        entered_by = reading.entered_by if actor is None else author_of_new_reading(actor, reading.entered_by)
        row = ReadingRow(
            source_id=source.id,
            ts=to_epoch(reading.timestamp),
            note=reading.note.strip(),
            estimated=reading.estimated,
            from_bill=reading.from_bill,
            entered_by=entered_by,
            created_at=at,
            updated_at=at,
            updated_by=changed_by(self._session),
        )
        self._session.add(row)
        await self._session.flush()
        starts = await self._add_values(source, row.id, row.ts, reading)
        await self._session.flush()
        return _reading(row, dict(reading.values), starts)

    async def update(self, source: Source, reading: Reading) -> Reading:
        if reading.id is None:
            raise ValueError("update needs a stored reading")
        _refuse_errors(source, reading)
        await access.ensure_visible(self._session, source.id)
        row = await locked(self._session, ReadingRow, reading.id)
        if row is None or row.source_id != source.id:
            raise NotFoundError(
                translate("Repositories", "That reading no longer exists (it may have been deleted elsewhere).")
            )
        await access.require_readings(self._session, Action.CHANGE_READING, [reading.id])
        await stamp(self._session, row, "reading", reading.version)
        actor = actor_of(self._session)
        entered_by = reading.entered_by if actor is None or can_change_author(actor) else row.entered_by
        row.ts = to_epoch(reading.timestamp)
        row.note = reading.note.strip()
        row.estimated = reading.estimated
        row.from_bill = reading.from_bill
        row.entered_by = entered_by
        await self._session.execute(delete(ReadingValueRow).where(ReadingValueRow.reading_id == row.id))
        starts = await self._add_values(source, row.id, row.ts, reading)
        await self._session.flush()
        return _reading(row, dict(reading.values), starts)

    async def delete(self, source_id: int, reading_ids: Sequence[int]) -> int:
        """Delete readings (with their values); returns how many were deleted."""
        if not reading_ids:
            return 0
        await access.ensure_visible(self._session, source_id)
        await access.require_readings(self._session, Action.DELETE_READING, reading_ids)
        result: Any = await self._session.execute(
            delete(ReadingRow).where(ReadingRow.source_id == source_id, ReadingRow.id.in_(list(reading_ids)))
        )
        return int(result.rowcount or 0)

    async def exists(self, source_id: int) -> bool:
        await access.ensure_visible(self._session, source_id)
        return bool(await self._session.scalar(select(exists().where(ReadingRow.source_id == source_id))))

    # -- helpers -----------------------------------------------------------------------------

    async def previous_time(
        self, metric_id: int, timestamp: datetime, *, exclude_id: int | None = None
    ) -> datetime | None:
        """The time of the metric's last value before ``timestamp`` (an interval value's default start)."""
        query = select(func.max(ReadingValueRow.ts)).where(
            ReadingValueRow.metric_id == metric_id, ReadingValueRow.ts < to_epoch(timestamp)
        )
        if exclude_id is not None:
            query = query.where(ReadingValueRow.reading_id != exclude_id)
        found = await self._session.scalar(query)
        return None if found is None else from_epoch(int(found))

    async def _add_values(self, source: Source, reading_id: int, ts: int, reading: Reading) -> dict[int, datetime]:
        """Store the values; an interval value without a start runs since the metric's previous value."""
        intervals = {m.id for m in source.metrics if m.kind is MetricKind.INTERVAL}
        starts: dict[int, datetime] = {}
        for metric_id, value in reading.values.items():
            start: datetime | None = None
            if metric_id in intervals:
                start = reading.starts.get(metric_id)
                if start is None:
                    start = await self.previous_time(metric_id, reading.timestamp, exclude_id=reading_id)
                if start is not None:
                    starts[metric_id] = start
            self._session.add(
                ReadingValueRow(
                    reading_id=reading_id,
                    metric_id=metric_id,
                    ts=ts,
                    value=float(value),
                    start_ts=None if start is None else to_epoch(start),
                )
            )
        return starts

    async def _values_of(
        self, source: Source, ids: list[int], *, with_consumption: bool = True
    ) -> tuple[dict[int, dict[int, Decimal]], dict[int, dict[int, Decimal]], dict[int, dict[int, datetime]]]:
        """Per reading: values, counters' consumption since the previous value, interval values' starts."""
        quanta = {m.id: quantum(m) for m in source.metrics}
        counters = [m.id for m in source.metrics if m.kind is MetricKind.COUNTER]
        values: dict[int, dict[int, Decimal]] = {}
        consumption: dict[int, dict[int, Decimal]] = {}
        # Meter changes make consumption continuous across them: a source has a handful at most,
        # and the time of the previous value is only fetched when it has any.
        events: list[MeterEvent] = []
        if with_consumption and counters:
            assert source.id is not None
            events = await MeterEventRepository(self._session).for_source(source.id)
            prev = aliased(ReadingValueRow)

            def previous(column: Any) -> Any:
                return (
                    select(column)
                    .where(prev.metric_id == ReadingValueRow.metric_id, prev.ts < ReadingValueRow.ts)
                    .order_by(prev.ts.desc())
                    .limit(1)
                    .scalar_subquery()
                )

            is_counter = ReadingValueRow.metric_id.in_(counters)
            query = select(
                ReadingValueRow.reading_id,
                ReadingValueRow.metric_id,
                ReadingValueRow.value,
                case((is_counter, previous(prev.value)), else_=None),
                ReadingValueRow.ts,
                case((is_counter, previous(prev.ts)), else_=None) if events else ReadingValueRow.ts,
                ReadingValueRow.start_ts,
            ).where(ReadingValueRow.reading_id.in_(ids))
        else:
            query = select(
                ReadingValueRow.reading_id,
                ReadingValueRow.metric_id,
                ReadingValueRow.value,
                ReadingValueRow.value,
                ReadingValueRow.ts,
                ReadingValueRow.ts,
                ReadingValueRow.start_ts,
            ).where(ReadingValueRow.reading_id.in_(ids))
        digits = {m.id: m.digits for m in source.metrics}
        intervals = {m.id for m in source.metrics if m.kind is MetricKind.INTERVAL}
        starts: dict[int, dict[int, datetime]] = {}
        for reading_id, metric_id, value, before, ts, before_ts, start_ts in (await self._session.execute(query)).all():
            q = quanta.get(metric_id)
            if q is None:
                continue
            current = to_decimal(value, q)
            values.setdefault(reading_id, {})[metric_id] = current
            if start_ts is not None and metric_id in intervals:
                starts.setdefault(reading_id, {})[metric_id] = from_epoch(int(start_ts))
            if with_consumption and before is not None and metric_id in counters:
                between = events_between(events, metric_id, from_epoch(before_ts), from_epoch(ts)) if events else []
                used = continuous_use(to_decimal(before, q), current, between, digits.get(metric_id))
                consumption.setdefault(reading_id, {})[metric_id] = used
        return values, consumption, starts


def _reading(row: ReadingRow, values: dict[int, Decimal], starts: dict[int, datetime] | None = None) -> Reading:
    return Reading(
        id=row.id,
        source_id=row.source_id,
        timestamp=from_epoch(row.ts),
        values=values,
        note=row.note,
        estimated=row.estimated,
        from_bill=row.from_bill,
        entered_by=row.entered_by,
        created_at=from_epoch(row.created_at),
        updated_at=from_epoch(row.updated_at),
        version=row.version,
        starts=starts or {},
    )


def _start(epoch: int | None) -> datetime | None:
    return None if epoch is None else from_epoch(int(epoch))


def _refuse_errors(source: Source, reading: Reading) -> None:
    """The errors of a reading do not depend on the readings around it: an empty context finds them all."""
    refuse_errors(check_reading(reading, source, ReadingContext(now=reading.timestamp)))


def _filtered[Q: Select[*tuple[Any, ...]]](query: Q, flt: ReadingFilter | None) -> Q:
    if flt is None:
        return query
    if flt.text:
        query = query.where(ReadingRow.note.icontains(flt.text, autoescape=True))
    if flt.start is not None:
        query = query.where(ReadingRow.ts >= to_epoch(flt.start))
    if flt.end is not None:
        query = query.where(ReadingRow.ts < to_epoch(flt.end))
    return query


def _ordered[Q: Select[*tuple[Any, ...]]](query: Q, order: ReadingOrder, descending: bool) -> Q:
    def direction(column: Any) -> Any:
        return column.desc() if descending else column.asc()

    if order.key == "note":
        return query.order_by(
            direction(func.lower(ReadingRow.note)), direction(ReadingRow.ts), direction(ReadingRow.id)
        )
    if order.key == "entered_by":
        return query.order_by(direction(func.lower(MemberRow.name)), direction(ReadingRow.ts), direction(ReadingRow.id))
    if order.key == "metric" and order.metric_id is not None:
        value = (
            select(ReadingValueRow.value)
            .where(ReadingValueRow.reading_id == ReadingRow.id, ReadingValueRow.metric_id == order.metric_id)
            .scalar_subquery()
        )
        return query.order_by(value.is_(None), direction(value), direction(ReadingRow.ts), direction(ReadingRow.id))
    return query.order_by(direction(ReadingRow.ts), direction(ReadingRow.id))
