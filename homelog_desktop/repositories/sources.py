"""Sources (meters and sensors) with their metrics."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.database import actor_of
from ..db.tables import MetricRow, ReadingRow, ReadingValueRow, SourceRow, VirtualTermRow
from ..domain.access import Action, SourceFacts, can_change_owner, can_create_source, owner_of_new_source, require
from ..domain.entities import Category, Metric, MetricKind, Source, SourceSummary, VirtualTerm
from ..domain.errors import DuplicateNameError, NotFoundError, ValidationError
from ..domain.issues import RuleError, refuse_errors
from ..domain.rules import check_source, source_name_taken, stored_decimals_issue
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from ..domain.virtual import InputFacts, check_virtual, in_use_issue
from ..i18n import translate
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


def _source(
    row: SourceRow, metrics: list[MetricRow], terms: dict[int, tuple[VirtualTerm, ...]] | None = None
) -> Source:
    ordered = sorted(metrics, key=lambda m: (m.position, m.id))
    return Source(
        virtual=row.virtual,
        terms=(terms or {}).get(ordered[0].id, ()) if row.virtual and ordered else (),
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
        metrics=tuple(_metric(m) for m in ordered),
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
        terms = await self._terms_of([m.id for r in rows if r.virtual for m in metrics.get(r.id, [])])
        return [_source(r, metrics.get(r.id, []), terms) for r in rows]

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
            raise NotFoundError(translate("Repositories", "That source no longer exists."))
        return await self._loaded(row)

    async def get_by_name(self, name: str) -> Source:
        """The visible source called ``name`` in any case; the member's own first (names are unique per
        owner, so another member's public source may share it). Also beyond ASCII: SQLite's lower() knows
        only A-Z, so "Électricité" is looked for among the names in Python when the database finds none."""
        query = select(SourceRow).where(func.lower(SourceRow.name) == name.lower(), self._visible)
        actor = actor_of(self._session)
        if actor is not None:
            query = query.order_by((SourceRow.owner_id == actor.member_id).desc(), SourceRow.id)
        else:
            query = query.order_by(SourceRow.id)
        row = (await self._session.scalars(query.limit(1))).first()
        if row is None:
            wanted = name.casefold()
            rows = await self._session.scalars(select(SourceRow).where(self._visible).order_by(SourceRow.id))
            row = next((r for r in rows if r.name.casefold() == wanted), None)
        if row is None:
            raise NotFoundError(translate("Repositories", "There is no source named “{name}”.").format(name=name))
        return await self._loaded(row)

    async def add(self, source: Source) -> Source:
        """Store a new source; with a signed-in member it is theirs (``owner_of_new_source``)."""
        actor = actor_of(self._session)
        if actor is not None:
            require(can_create_source(actor))
            source = replace(source, owner_id=owner_of_new_source(actor, source.owner_id))
        refuse_errors(check_source(source))
        await self._check_virtual(source)
        await self._check_name(source.name.strip(), None)
        now = to_epoch(utc_now())
        row = SourceRow(created_at=now, updated_at=now, updated_by=changed_by(self._session))
        _apply(row, source)
        self._session.add(row)
        await self._session.flush()
        for position, metric in enumerate(source.metrics):
            self._session.add(_metric_row(row.id, position, metric))
        await self._session.flush()
        await self._write_terms(row.id, source)
        return await self.get(row.id)

    async def update(self, source: Source) -> Source:
        """Store a source and its metrics: existing ones updated, new ones added, missing ones removed.

        Removing a metric removes its values; lowering a metric's decimals below what its values
        need is refused so nothing entered is rounded away.
        """
        if source.id is None:
            raise ValueError("update needs a stored source")
        source = await self._keep_virtual(source)
        assert source.id is not None
        refuse_errors(check_source(source))
        await self._check_virtual(source)
        await access.ensure_visible(self._session, source.id)
        row = await locked(self._session, SourceRow, source.id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That source no longer exists."))
        await self._require_edit(source)
        await stamp(self._session, row, "source", source.version)
        await self._check_name(source.name.strip(), source.id)
        _apply(row, source)
        existing = {m.id: m for m in (await self._metrics_of([source.id])).get(source.id, [])}
        keep = {m.id for m in source.metrics if m.id is not None}
        was_interval = {mid for mid, m in existing.items() if m.kind == MetricKind.INTERVAL.value}
        removed = [mid for mid in existing if mid not in keep]
        await self._check_inputs_kept(source, existing, removed)
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
        await self._write_terms(source.id, source)
        return await self.get(source.id)

    async def set_archived(self, source_id: int, archived: bool) -> Source:
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.EDIT_SOURCE, source_id)
        row = await self._session.get(SourceRow, source_id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That source no longer exists."))
        row.archived = archived
        await stamp(self._session, row, "source", 0)
        await self._session.flush()
        return await self.get(source_id)

    async def delete(self, source_id: int) -> None:
        """Delete a source; its metrics, readings and values go with it (ON DELETE CASCADE)."""
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.DELETE_SOURCE, source_id)
        metric_ids = list(await self._session.scalars(select(MetricRow.id).where(MetricRow.source_id == source_id)))
        users = await self.virtual_users(metric_ids, besides=source_id)
        if users:
            name = await self._session.scalar(select(SourceRow.name).where(SourceRow.id == source_id))
            raise RuleError(
                [
                    in_use_issue(
                        translate("Sources", "“{name}”").format(name=name),
                        sorted({n for names in users.values() for n in names}),
                    )
                ]
            )
        result = await self._session.execute(delete(SourceRow).where(SourceRow.id == source_id))
        if getattr(result, "rowcount", 1) == 0:
            raise NotFoundError(translate("Repositories", "That source no longer exists."))

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

    # -- virtual meters (domain/virtual.py) ----------------------------------------------------

    async def input_facts(self, metric_ids: list[int]) -> dict[int, InputFacts]:
        """What the rules need about each metric in ``metric_ids`` the session's actor may see."""
        if not metric_ids:
            return {}
        rows = await self._session.execute(
            select(MetricRow, SourceRow.name, SourceRow.owner_id, SourceRow.is_public, SourceRow.virtual)
            .join(SourceRow, SourceRow.id == MetricRow.source_id)
            .where(MetricRow.id.in_(metric_ids), self._visible)
        )
        return {
            metric.id: InputFacts(_metric(metric), metric.source_id, name, SourceFacts(owner, bool(public)), virtual)
            for metric, name, owner, public, virtual in rows
        }

    async def input_choices(self) -> list[InputFacts]:
        """Every metric the actor may see that could be an input (counters and interval metrics)."""
        rows = await self._session.execute(
            select(MetricRow, SourceRow.name, SourceRow.owner_id, SourceRow.is_public, SourceRow.virtual)
            .join(SourceRow, SourceRow.id == MetricRow.source_id)
            .where(MetricRow.kind != MetricKind.GAUGE.value, self._visible)
            .order_by(func.lower(SourceRow.name), MetricRow.position, MetricRow.id)
        )
        return [
            InputFacts(_metric(metric), metric.source_id, name, SourceFacts(owner, bool(public)), virtual)
            for metric, name, owner, public, virtual in rows
        ]

    async def dependencies(self) -> dict[int, list[int]]:
        """Each stored virtual metric's input metric ids, in order (for cycles and expansion)."""
        rows = await self._session.execute(
            select(VirtualTermRow.metric_id, VirtualTermRow.input_metric_id).order_by(
                VirtualTermRow.metric_id, VirtualTermRow.position
            )
        )
        result: dict[int, list[int]] = {}
        for metric_id, input_id in rows:
            result.setdefault(metric_id, []).append(input_id)
        return result

    async def dependents(self) -> dict[int, set[int]]:
        """Source id -> the ids of the virtual meters computed from it, directly or not (live refresh)."""
        rows = await self._session.execute(
            select(MetricRow.source_id, VirtualTermRow.input_metric_id)
            .select_from(VirtualTermRow)
            .join(MetricRow, MetricRow.id == VirtualTermRow.metric_id)
        )
        pairs = list(rows)
        input_ids = {input_id for _, input_id in pairs}
        inputs = await self._session.execute(
            select(MetricRow.id, MetricRow.source_id).where(MetricRow.id.in_(input_ids))
        )
        owners = {metric_id: source_id for metric_id, source_id in inputs}
        direct: dict[int, set[int]] = {}
        for virtual_id, input_id in pairs:
            if input_id in owners:
                direct.setdefault(owners[input_id], set()).add(virtual_id)
        result: dict[int, set[int]] = {}
        for start in direct:
            seen: set[int] = set()
            stack = list(direct[start])
            while stack:
                found = stack.pop()
                if found not in seen:
                    seen.add(found)
                    stack.extend(direct.get(found, ()))
            result[start] = seen
        return result

    async def virtual_users(self, metric_ids: list[int], *, besides: int | None = None) -> dict[int, list[str]]:
        """Input metric id -> the names of the virtual meters (other than source ``besides``) using it."""
        if not metric_ids:
            return {}
        rows = await self._session.execute(
            select(VirtualTermRow.input_metric_id, SourceRow.name)
            .join(MetricRow, MetricRow.id == VirtualTermRow.metric_id)
            .join(SourceRow, SourceRow.id == MetricRow.source_id)
            .where(VirtualTermRow.input_metric_id.in_(metric_ids))
        )
        result: dict[int, list[str]] = {}
        for input_id, name in rows:
            result.setdefault(input_id, []).append(name)
        if besides is not None:
            own = await self._session.scalar(select(SourceRow.name).where(SourceRow.id == besides))
            result = {k: [n for n in v if n != own] for k, v in result.items()}
            result = {k: v for k, v in result.items() if v}
        return result

    async def _check_virtual(self, source: Source) -> None:
        """Refuse a virtual meter whose terms break a rule (domain/virtual.py)."""
        if not source.virtual:
            if source.terms:
                raise ValueError("only a virtual meter has terms")
            return
        inputs = await self.input_facts([t.metric_id for t in source.terms])
        dependencies = await self.dependencies()
        own = source.metrics[0].id if source.metrics else None
        if own is not None:
            dependencies.pop(own, None)
        refuse_errors(check_virtual(source, inputs, dependencies))

    async def _keep_virtual(self, source: Source) -> Source:
        """A source stays what it was: a virtual meter saved by an editor that does not know its terms
        keeps them; an ordinary source cannot become a virtual meter (its readings would be lost)."""
        assert source.id is not None
        stored = await self._session.scalar(select(SourceRow.virtual).where(SourceRow.id == source.id, self._visible))
        if stored is None or bool(stored) == source.virtual:
            return source
        if source.virtual:
            raise ValidationError(
                translate("Sources", "Virtual meter"),
                translate("Sources", "an existing meter cannot become one: create a new virtual meter instead."),
            )
        metric_ids = list(await self._session.scalars(select(MetricRow.id).where(MetricRow.source_id == source.id)))
        terms = await self._terms_of(metric_ids)
        return replace(source, virtual=True, terms=next(iter(terms.values()), ()))

    async def _write_terms(self, source_id: int, source: Source) -> None:
        if not source.virtual:
            return
        metric_id = await self._session.scalar(
            select(MetricRow.id).where(MetricRow.source_id == source_id).order_by(MetricRow.position, MetricRow.id)
        )
        assert metric_id is not None
        await self._session.execute(delete(VirtualTermRow).where(VirtualTermRow.metric_id == metric_id))
        for position, term in enumerate(source.terms):
            self._session.add(
                VirtualTermRow(metric_id=metric_id, input_metric_id=term.metric_id, sign=term.sign, position=position)
            )
        await self._session.flush()

    async def _check_inputs_kept(self, source: Source, existing: dict[int, MetricRow], removed: list[int]) -> None:
        """Refuse removing a metric that a virtual meter uses, or changing its unit or making it a gauge."""
        assert source.id is not None
        users = await self.virtual_users(list(existing), besides=source.id)
        if not users:
            return
        issues = []
        for metric_id in removed:
            if metric_id in users:
                issues.append(
                    in_use_issue(
                        translate("Sources", "The metric “{name}”").format(name=existing[metric_id].name),
                        users[metric_id],
                    )
                )
        for metric in source.metrics:
            if metric.id is None or metric.id not in users:
                continue
            stored = existing[metric.id]
            if metric.unit.strip() != stored.unit:
                issues.append(
                    in_use_issue(
                        translate("Sources", "The unit of “{name}” cannot change: the metric").format(name=stored.name),
                        users[metric.id],
                    )
                )
            elif metric.kind is MetricKind.GAUGE:
                issues.append(
                    in_use_issue(
                        translate("Sources", "“{name}” cannot become a gauge: it").format(name=stored.name),
                        users[metric.id],
                    )
                )
        if issues:
            raise RuleError(issues)

    async def _loaded(self, row: SourceRow) -> Source:
        metrics = await self._metrics_of([row.id])
        terms = await self._terms_of([m.id for m in metrics.get(row.id, [])]) if row.virtual else {}
        return _source(row, metrics.get(row.id, []), terms)

    async def _terms_of(self, metric_ids: list[int]) -> dict[int, tuple[VirtualTerm, ...]]:
        if not metric_ids:
            return {}
        rows = await self._session.scalars(
            select(VirtualTermRow)
            .where(VirtualTermRow.metric_id.in_(metric_ids))
            .order_by(VirtualTermRow.metric_id, VirtualTermRow.position)
        )
        result: dict[int, list[VirtualTerm]] = {}
        for row in rows:
            result.setdefault(row.metric_id, []).append(VirtualTerm(row.input_metric_id, row.sign))
        return {k: tuple(v) for k, v in result.items()}

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
            raise DuplicateNameError(
                translate("Repositories", "Name: there is already a source called “{name}”.").format(name=name)
            )

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
    row.virtual = source.virtual


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
