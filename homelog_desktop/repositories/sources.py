"""Sources (meters and sensors) with their metrics."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.database import actor_of
from ..db.tables import MetricRow, ReadingRow, ReadingValueRow, SourceRow
from ..domain.access import Action, can_change_owner, can_create_source, owner_of_new_source, require
from ..domain.entities import Category, Metric, MetricKind, Source, SourceSummary
from ..domain.errors import DuplicateNameError, NotFoundError
from ..domain.issues import RuleError, refuse_errors
from ..domain.rules import check_source, source_name_taken, stored_decimals_issue
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from . import access
from .bulk_readings import fill_interval_starts
from .versions import changed_by, locked, stamp


def _metric(row: MetricRow) -> Metric:
    return Metric(
        id=row.id,
        name=row.name,
        unit=row.unit,
        kind=MetricKind(row.kind),
        decimals=row.decimals,
        digits=row.digits,
        position=row.position,
    )


def _source(row: SourceRow, metrics: list[MetricRow]) -> Source:
    return Source(
        id=row.id,
        name=row.name,
        category=Category(row.category) if row.category in Category else Category.OTHER,
        description=row.description,
        owner_id=row.owner_id,
        is_public=row.is_public,
        interval_days=row.interval_days,
        archived=row.archived,
        billing_start_month=row.billing_start_month,
        version=row.version,
        members_may_add_readings=row.members_may_add_readings,
        metrics=tuple(_metric(m) for m in sorted(metrics, key=lambda m: (m.position, m.id))),
    )


class SourceRepository:
    """Sources with their metrics: only those the session's actor may see (``repositories/access``);
    changes the access policy refuses raise ``AccessDeniedError``."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self, *, include_archived: bool = True) -> list[Source]:
        query = select(SourceRow).where(self._visible).order_by(func.lower(SourceRow.name), SourceRow.id)
        if not include_archived:
            query = query.where(SourceRow.archived.is_(False))
        rows = list(await self._session.scalars(query))
        metrics = await self._metrics_of([r.id for r in rows])
        return [_source(r, metrics.get(r.id, [])) for r in rows]

    async def summaries(self, *, include_archived: bool = True) -> list[SourceSummary]:
        """Every source with the time of its last reading (an index lookup per source)."""
        sources = await self.all(include_archived=include_archived)
        last = select(func.max(ReadingRow.ts)).where(ReadingRow.source_id == SourceRow.id).scalar_subquery()
        rows = await self._session.execute(select(SourceRow.id, last).where(self._visible))
        last_by_id = {sid: ts for sid, ts in rows}
        return [
            SourceSummary(
                source=s,
                last_reading_at=from_epoch(last_by_id[s.id]) if last_by_id.get(s.id) is not None else None,
            )
            for s in sources
            if s.id is not None
        ]

    async def get(self, source_id: int) -> Source:
        row = await self._session.scalar(select(SourceRow).where(SourceRow.id == source_id, self._visible))
        if row is None:
            raise NotFoundError("That source no longer exists.")
        metrics = await self._metrics_of([source_id])
        return _source(row, metrics.get(source_id, []))

    async def get_by_name(self, name: str) -> Source:
        """The visible source called ``name``; the member's own first (names are unique per owner, so
        another member's public source may share it)."""
        query = select(SourceRow).where(func.lower(SourceRow.name) == name.lower(), self._visible)
        actor = actor_of(self._session)
        if actor is not None:
            query = query.order_by((SourceRow.owner_id == actor.member_id).desc(), SourceRow.id)
        else:
            query = query.order_by(SourceRow.id)
        row = (await self._session.scalars(query.limit(1))).first()
        if row is None:
            raise NotFoundError(f"There is no source named “{name}”.")
        metrics = await self._metrics_of([row.id])
        return _source(row, metrics.get(row.id, []))

    async def add(self, source: Source) -> Source:
        """Store a new source; with a signed-in member it is theirs (``owner_of_new_source``)."""
        actor = actor_of(self._session)
        if actor is not None:
            require(can_create_source(actor))
            source = replace(source, owner_id=owner_of_new_source(actor, source.owner_id))
        refuse_errors(check_source(source))
        await self._check_name(source.name.strip(), None)
        now = to_epoch(utc_now())
        row = SourceRow(created_at=now, updated_at=now, updated_by=changed_by(self._session))
        _apply(row, source)
        self._session.add(row)
        await self._session.flush()
        for position, metric in enumerate(source.metrics):
            self._session.add(_metric_row(row.id, position, metric))
        await self._session.flush()
        return await self.get(row.id)

    async def update(self, source: Source) -> Source:
        """Store a source and its metrics: existing ones updated, new ones added, missing ones removed.

        Removing a metric removes its values; lowering a metric's decimals below what its values
        need is refused so nothing entered is rounded away.
        """
        if source.id is None:
            raise ValueError("update needs a stored source")
        refuse_errors(check_source(source))
        await access.ensure_visible(self._session, source.id)
        row = await locked(self._session, SourceRow, source.id)
        if row is None:
            raise NotFoundError("That source no longer exists.")
        await self._require_edit(source)
        await stamp(self._session, row, "source", source.version)
        await self._check_name(source.name.strip(), source.id)
        _apply(row, source)
        existing = {m.id: m for m in (await self._metrics_of([source.id])).get(source.id, [])}
        keep = {m.id for m in source.metrics if m.id is not None}
        was_interval = {mid for mid, m in existing.items() if m.kind == MetricKind.INTERVAL.value}
        removed = [mid for mid in existing if mid not in keep]
        if removed:
            await self._session.execute(delete(MetricRow).where(MetricRow.id.in_(removed)))
        # Rename in two steps so that swapping two names does not trip the unique constraint. The
        # temporary names start with a space, which a stored (stripped) name never does; no NUL byte,
        # which PostgreSQL refuses in text.
        for metric in source.metrics:
            if metric.id is not None and metric.id in existing:
                existing[metric.id].name = f" {metric.id}"
        await self._session.flush()
        for position, metric in enumerate(source.metrics):
            if metric.id is not None and metric.id in existing:
                target = existing[metric.id]
                if metric.decimals < target.decimals:
                    await self._check_decimals(metric, target.decimals, position)
                target.position = position
                target.name = metric.name.strip()
                target.unit = metric.unit.strip()
                target.kind = metric.kind.value
                target.decimals = metric.decimals
                target.digits = metric.digits
            else:
                self._session.add(_metric_row(source.id, position, metric))
        await self._session.flush()
        # A metric that became an interval metric: its values run since the previous value, as typed.
        became = [
            m.id
            for m in source.metrics
            if m.id is not None and m.id in existing and m.id not in was_interval and m.kind is MetricKind.INTERVAL
        ]
        if became:
            await fill_interval_starts(self._session, became)
        return await self.get(source.id)

    async def set_archived(self, source_id: int, archived: bool) -> Source:
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.EDIT_SOURCE, source_id)
        row = await self._session.get(SourceRow, source_id)
        if row is None:
            raise NotFoundError("That source no longer exists.")
        row.archived = archived
        await stamp(self._session, row, "source", 0)
        await self._session.flush()
        return await self.get(source_id)

    async def delete(self, source_id: int) -> None:
        """Delete a source; its metrics, readings and values go with it (ON DELETE CASCADE)."""
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.DELETE_SOURCE, source_id)
        result = await self._session.execute(delete(SourceRow).where(SourceRow.id == source_id))
        if getattr(result, "rowcount", 1) == 0:
            raise NotFoundError("That source no longer exists.")

    async def count_readings(self, source_id: int) -> int:
        await access.ensure_visible(self._session, source_id)
        count = await self._session.scalar(
            select(func.count()).select_from(ReadingRow).where(ReadingRow.source_id == source_id)
        )
        return int(count or 0)

    async def count_values(self, metric_id: int) -> int:
        query = select(func.count()).select_from(ReadingValueRow).where(ReadingValueRow.metric_id == metric_id)
        count = await self._session.scalar(access.narrowed_by_metric(query, self._session, ReadingValueRow.metric_id))
        return int(count or 0)

    @property
    def _visible(self) -> ColumnElement[bool]:
        return access.visible_sources(actor_of(self._session))

    async def _require_edit(self, source: Source) -> None:
        """The policy's consent to store ``source`` over the stored one (the change, and its owner)."""
        assert source.id is not None
        actor = actor_of(self._session)
        if actor is None:
            return
        facts = await access.require_source(self._session, Action.EDIT_SOURCE, source.id)
        assert facts is not None
        require(can_change_owner(actor, facts, source.owner_id))

    async def _metrics_of(self, source_ids: list[int]) -> dict[int, list[MetricRow]]:
        if not source_ids:
            return {}
        rows = await self._session.scalars(select(MetricRow).where(MetricRow.source_id.in_(source_ids)))
        result: dict[int, list[MetricRow]] = {}
        for row in rows:
            result.setdefault(row.source_id, []).append(row)
        return result

    async def _check_name(self, name: str, own_id: int | None) -> None:
        """Refuse a name another source the member can see has (domain/rules.py ``source_name_taken``);
        only visible sources are asked for, so a private source of someone else never shows through."""
        query = select(SourceRow.id, SourceRow.name).where(func.lower(SourceRow.name) == name.lower(), self._visible)
        visible = [(int(i), str(n)) for i, n in (await self._session.execute(query)).all()]
        if source_name_taken(name, own_id, visible):
            raise DuplicateNameError(f"Name: there is already a source called “{name}”.")

    async def _check_decimals(self, metric: Metric, stored_decimals: int, row: int) -> None:
        """Refuse ``metric.decimals`` if a value stored with ``stored_decimals`` needs more.

        A value with more decimals than wanted is at least 10**-(stored - wanted) away from a whole
        number once scaled, while the double arithmetic errs by under a quarter of that (stored
        values have at most 15 significant digits): half of it separates the two cases exactly.
        """
        assert metric.id is not None
        scale = float(10**metric.decimals)
        tolerance = 0.5 * 10.0 ** -(stored_decimals - metric.decimals)
        scaled = ReadingValueRow.value * scale
        query = (
            select(func.count())
            .select_from(ReadingValueRow)
            .where(ReadingValueRow.metric_id == metric.id, func.abs(scaled - func.round(scaled)) > tolerance)
        )
        if await self._session.scalar(query):
            raise RuleError([stored_decimals_issue(metric, row)])


def _apply(row: SourceRow, source: Source) -> None:
    row.name = source.name.strip()
    row.description = source.description.strip()
    row.category = source.category.value
    row.owner_id = source.owner_id
    row.is_public = source.is_public
    row.interval_days = source.interval_days
    row.archived = source.archived
    row.billing_start_month = source.billing_start_month
    row.members_may_add_readings = source.members_may_add_readings


def _metric_row(source_id: int, position: int, metric: Metric) -> MetricRow:
    return MetricRow(
        source_id=source_id,
        position=position,
        name=metric.name.strip(),
        unit=metric.unit.strip(),
        kind=metric.kind.value,
        decimals=metric.decimals,
        digits=metric.digits,
    )
