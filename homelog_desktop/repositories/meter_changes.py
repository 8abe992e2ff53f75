"""Meter events (replacement, reset, rollover) and tariffs: what consumption and cost need beyond readings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from ..db.tables import MeterEventRow, MetricRow, ReadingValueRow, TariffRow
from ..domain.access import Action
from ..domain.conflicts import changed_items, conflict
from ..domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Tariff
from ..domain.errors import NotFoundError
from ..domain.issues import refuse_errors
from ..domain.rules import check_meter_event, check_tariff
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from ..i18n import translate
from . import access
from .versions import changed_by, locked, member_name, stamp


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _event(row: MeterEventRow) -> MeterEvent:
    return MeterEvent(
        id=row.id,
        source_id=row.source_id,
        metric_id=row.metric_id,
        at=from_epoch(row.ts),
        kind=MeterEventKind(row.kind),
        old_value=_decimal(row.old_value),
        new_value=_decimal(row.new_value),
        digits=row.digits,
        note=row.note,
        reading_id=row.reading_id,
        version=row.version,
    )


def _metric(row: MetricRow) -> Metric:
    return Metric(row.id, row.name, row.unit, MetricKind(row.kind), row.decimals, row.digits, row.position)


def _tariff(row: TariffRow) -> Tariff:
    return Tariff(
        id=row.id,
        metric_id=row.metric_id,
        valid_from=date.fromisoformat(row.valid_from),
        unit_price=Decimal(row.unit_price),
        standing_charge=Decimal(row.standing_charge),
        currency=row.currency,
        version=row.version,
    )


class MeterEventRepository:
    """Meter changes of the sources the session's actor may see; changing them asks the policy."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_source(self, source_id: int) -> list[MeterEvent]:
        """The events of every metric of a source, oldest first."""
        await access.ensure_visible(self._session, source_id)
        rows = await self._session.scalars(
            select(MeterEventRow)
            .where(MeterEventRow.source_id == source_id)
            .order_by(MeterEventRow.ts, MeterEventRow.id)
        )
        return [_event(r) for r in rows]

    async def for_metric(self, metric_id: int) -> list[MeterEvent]:
        query = select(MeterEventRow).where(MeterEventRow.metric_id == metric_id)
        query = access.narrowed(query, self._session, MeterEventRow.source_id)
        rows = await self._session.scalars(query.order_by(MeterEventRow.ts, MeterEventRow.id))
        return [_event(r) for r in rows]

    async def for_readings(self, reading_ids: Sequence[int]) -> list[MeterEvent]:
        """The changes recorded with these readings (deleted with them), oldest first."""
        if not reading_ids:
            return []
        query = select(MeterEventRow).where(MeterEventRow.reading_id.in_(list(reading_ids)))
        query = access.narrowed(query, self._session, MeterEventRow.source_id)
        rows = await self._session.scalars(query.order_by(MeterEventRow.ts, MeterEventRow.id))
        return [_event(r) for r in rows]

    async def unbridged(self, source_id: int) -> set[int]:
        """Ids of the source's changes with no reading of their metric before or none after them.

        Such a change joins nothing: typically what is left when the reading it was recorded
        with went (changes stored before revision 0005 are not deleted with their reading).
        """
        await access.ensure_visible(self._session, source_id)
        values = aliased(ReadingValueRow)

        def side(newer: bool) -> Any:
            when = values.ts > MeterEventRow.ts if newer else values.ts < MeterEventRow.ts
            return exists().where(values.metric_id == MeterEventRow.metric_id, when)

        rows = await self._session.scalars(
            select(MeterEventRow.id).where(MeterEventRow.source_id == source_id, or_(~side(False), ~side(True)))
        )
        return set(rows)

    async def add(self, event: MeterEvent) -> MeterEvent:
        """Store a change; ``event.reading_id`` links it to the reading it was recorded with."""
        await self._check(event)
        row = MeterEventRow(updated_at=to_epoch(utc_now()), updated_by=changed_by(self._session))
        _apply_event(row, event)
        self._session.add(row)
        await self._session.flush()
        return _event(row)

    async def update(self, event: MeterEvent) -> MeterEvent:
        if event.id is None:
            raise ValueError("update needs a stored event")
        row = await locked(self._session, MeterEventRow, event.id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That meter change no longer exists."))
        await self._may_change(row.source_id)
        await stamp(self._session, row, "meter change", event.version)
        await self._check(event)
        _apply_event(row, event)
        await self._session.flush()
        return _event(row)

    async def delete(self, event_id: int) -> None:
        source_id = await self._session.scalar(select(MeterEventRow.source_id).where(MeterEventRow.id == event_id))
        if source_id is None:
            raise NotFoundError(translate("Repositories", "That meter change no longer exists."))
        await self._may_change(source_id)
        result = await self._session.execute(delete(MeterEventRow).where(MeterEventRow.id == event_id))
        if getattr(result, "rowcount", 1) == 0:
            raise NotFoundError(translate("Repositories", "That meter change no longer exists."))

    async def _may_change(self, source_id: int) -> None:
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.EDIT_METER_CHANGES, source_id)

    async def _check(self, event: MeterEvent) -> None:
        await self._may_change(event.source_id)
        metric = await self._session.get(MetricRow, event.metric_id)
        if metric is None or metric.source_id != event.source_id:
            raise NotFoundError(translate("Repositories", "That metric no longer exists."))
        refuse_errors(check_meter_event(event, _metric(metric)))


def _apply_event(row: MeterEventRow, event: MeterEvent) -> None:
    row.source_id = event.source_id
    row.metric_id = event.metric_id
    row.ts = to_epoch(event.at)
    row.kind = event.kind.value
    row.old_value = _text(event.old_value)
    row.new_value = _text(event.new_value)
    row.digits = event.digits
    row.note = event.note.strip()
    if event.reading_id is not None:  # an edit in the source editor keeps the link
        row.reading_id = event.reading_id


class TariffRepository:
    """Tariffs of the metrics of sources the session's actor may see; changing them asks the policy."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_metric(self, metric_id: int) -> list[Tariff]:
        """A metric's tariffs, oldest first."""
        query = select(TariffRow).where(TariffRow.metric_id == metric_id)
        query = access.narrowed_by_metric(query, self._session, TariffRow.metric_id)
        rows = await self._session.scalars(query.order_by(TariffRow.valid_from))
        return [_tariff(r) for r in rows]

    async def for_metrics(self, metric_ids: list[int]) -> dict[int, list[Tariff]]:
        if not metric_ids:
            return {}
        query = select(TariffRow).where(TariffRow.metric_id.in_(metric_ids))
        query = access.narrowed_by_metric(query, self._session, TariffRow.metric_id)
        rows = await self._session.scalars(query.order_by(TariffRow.valid_from))
        result: dict[int, list[Tariff]] = {m: [] for m in metric_ids}
        for row in rows:
            result[row.metric_id].append(_tariff(row))
        return result

    async def add(self, tariff: Tariff) -> Tariff:
        await self._check(tariff)
        row = TariffRow(updated_at=to_epoch(utc_now()), updated_by=changed_by(self._session))
        _apply_tariff(row, tariff)
        self._session.add(row)
        await self._session.flush()
        return _tariff(row)

    async def update(self, tariff: Tariff) -> Tariff:
        if tariff.id is None:
            raise ValueError("update needs a stored tariff")
        row = await locked(self._session, TariffRow, tariff.id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That tariff no longer exists."))
        await self._may_change(row.metric_id)
        await stamp(self._session, row, "tariff", tariff.version)
        await self._check(tariff)
        _apply_tariff(row, tariff)
        await self._session.flush()
        return _tariff(row)

    async def refuse_changed(self, seen: Sequence[Tariff], metric_ids: Sequence[int]) -> None:
        """Refuse (ConflictError) if the tariffs of ``metric_ids`` changed since ``seen`` was read:
        a form that saves them as a whole would otherwise overwrite another member's change."""
        rows = list(
            await self._session.scalars(
                select(TariffRow).where(TariffRow.metric_id.in_(list(metric_ids))).with_for_update()
            )
        )
        changed = changed_items({t.id: t.version for t in seen if t.id is not None}, {r.id: r.version for r in rows})
        if not changed:
            return
        latest = max((r for r in rows if r.id in changed), key=lambda r: r.updated_at, default=None)
        if latest is None:  # only deletions: who deleted is not recorded
            raise conflict("tariff", None, None, 0)
        name = await member_name(self._session, latest.updated_by)
        raise conflict("tariff", name, from_epoch(latest.updated_at) if latest.updated_at else None, latest.version)

    async def delete(self, tariff_id: int) -> None:
        metric_id = await self._session.scalar(select(TariffRow.metric_id).where(TariffRow.id == tariff_id))
        if metric_id is None:
            raise NotFoundError(translate("Repositories", "That tariff no longer exists."))
        await self._may_change(metric_id)
        result = await self._session.execute(delete(TariffRow).where(TariffRow.id == tariff_id))
        if getattr(result, "rowcount", 1) == 0:
            raise NotFoundError(translate("Repositories", "That tariff no longer exists."))

    async def _may_change(self, metric_id: int) -> None:
        source_id = await _tariff_source(self._session, metric_id)
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.EDIT_TARIFFS, source_id)

    async def _check(self, tariff: Tariff) -> None:
        metric = await self._session.get(MetricRow, tariff.metric_id)
        if metric is None:
            raise NotFoundError(translate("Repositories", "That metric no longer exists."))
        await self._may_change(metric.id)
        taken = await self._session.scalars(
            select(TariffRow.valid_from).where(TariffRow.metric_id == tariff.metric_id, TariffRow.id != tariff.id)
            if tariff.id is not None
            else select(TariffRow.valid_from).where(TariffRow.metric_id == tariff.metric_id)
        )
        days = {date.fromisoformat(day) for day in taken}
        refuse_errors(check_tariff(tariff, _metric(metric), taken=days))


async def _tariff_source(session: AsyncSession, metric_id: int) -> int:
    source_id = await session.scalar(select(MetricRow.source_id).where(MetricRow.id == metric_id))
    if source_id is None:
        raise NotFoundError(translate("Repositories", "That metric no longer exists."))
    return source_id


def _apply_tariff(row: TariffRow, tariff: Tariff) -> None:
    row.metric_id = tariff.metric_id
    row.valid_from = tariff.valid_from.isoformat()
    row.unit_price = str(tariff.unit_price)
    row.standing_charge = str(tariff.standing_charge)
    row.currency = tariff.currency.strip().upper()
