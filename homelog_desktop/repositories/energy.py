"""Conversion factors (a metric's unit into kWh) and advance payments (a source's monthly advance).

Both are read where their source may be seen and changed by whoever may manage it (the owner and
the administrator, ``domain/access.py``), like tariffs; ``replace_*`` is the one write path: the
source editor saves a metric's factors or a source's advances as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.tables import AdvancePaymentRow, ConversionFactorRow, MetricRow
from ..domain.access import Action
from ..domain.conflicts import changed_items, conflict
from ..domain.energy import ConversionFactor, check_factor
from ..domain.errors import NotFoundError, ValidationError
from ..domain.settlement import AdvancePayment, check_advance
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from ..i18n import translate
from . import access
from .versions import changed_by, member_name


def _factor(row: ConversionFactorRow) -> ConversionFactor:
    return ConversionFactor(
        id=row.id,
        metric_id=row.metric_id,
        valid_from=date.fromisoformat(row.valid_from),
        factor=Decimal(row.factor),
        z_number=Decimal(row.z_number),
        unit=row.unit,
        version=row.version,
    )


def _advance(row: AdvancePaymentRow) -> AdvancePayment:
    return AdvancePayment(
        id=row.id,
        source_id=row.source_id,
        valid_from=date.fromisoformat(row.valid_from),
        amount=Decimal(row.amount),
        currency=row.currency,
        version=row.version,
    )


class ConversionFactorRepository:
    """Conversion factors of the metrics of sources the session's actor may see."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_metric(self, metric_id: int) -> list[ConversionFactor]:
        """A metric's factors, oldest first."""
        return (await self.for_metrics([metric_id]))[metric_id]

    async def for_metrics(self, metric_ids: Sequence[int]) -> dict[int, list[ConversionFactor]]:
        result: dict[int, list[ConversionFactor]] = {m: [] for m in metric_ids}
        if not metric_ids:
            return result
        query = select(ConversionFactorRow).where(ConversionFactorRow.metric_id.in_(list(metric_ids)))
        query = access.narrowed_by_metric(query, self._session, ConversionFactorRow.metric_id)
        for row in await self._session.scalars(query.order_by(ConversionFactorRow.valid_from)):
            result[row.metric_id].append(_factor(row))
        return result

    async def replace(
        self, metric_id: int, factors: Sequence[ConversionFactor], seen: Mapping[int, int] | None = None
    ) -> None:
        """Make the metric's factors exactly ``factors`` (their ``metric_id`` is ignored).

        ``seen``: id -> version of the factors the form read; a factor changed, added or deleted since
        is a conflict (ConflictError) and nothing is stored. Refuses what
        ``check_factor`` refuses (ValidationError naming the row) and a metric the actor may not manage.
        """
        source_id = await self._session.scalar(select(MetricRow.source_id).where(MetricRow.id == metric_id))
        if source_id is None:
            raise NotFoundError(translate("Repositories", "That metric no longer exists."))
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.EDIT_CONVERSION_FACTORS, source_id)
        rows = list(
            await self._session.scalars(
                select(ConversionFactorRow).where(ConversionFactorRow.metric_id == metric_id).with_for_update()
            )
        )
        await _refuse_changed("conversion factor", self._session, seen, rows)
        days: list[date] = []
        for row_number, item in enumerate(sorted(factors, key=lambda f: f.valid_from), start=1):
            try:
                check_factor(item, taken=days)
            except ValidationError as exc:
                raise ValidationError(
                    translate("Repositories", "Conversion factors, row {row}").format(row=row_number), str(exc)
                ) from None
            days.append(item.valid_from)
        wanted = {(f.valid_from, f.factor, f.z_number, f.unit.strip()) for f in factors}
        kept = set()
        for row in rows:
            key = (date.fromisoformat(row.valid_from), Decimal(row.factor), Decimal(row.z_number), row.unit)
            if key in wanted and key not in kept:
                kept.add(key)
            else:
                await self._session.execute(delete(ConversionFactorRow).where(ConversionFactorRow.id == row.id))
        await self._session.flush()
        for item in factors:
            key = (item.valid_from, item.factor, item.z_number, item.unit.strip())
            if key in kept:
                continue
            self._session.add(
                ConversionFactorRow(
                    metric_id=metric_id,
                    valid_from=item.valid_from.isoformat(),
                    factor=str(item.factor),
                    z_number=str(item.z_number),
                    unit=item.unit.strip(),
                    updated_at=to_epoch(utc_now()),
                    updated_by=changed_by(self._session),
                )
            )
        await self._session.flush()


class AdvancePaymentRepository:
    """Advance payments of the sources the session's actor may see."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_source(self, source_id: int) -> list[AdvancePayment]:
        """A source's advances, oldest first."""
        return (await self.for_sources([source_id]))[source_id]

    async def for_sources(self, source_ids: Sequence[int]) -> dict[int, list[AdvancePayment]]:
        result: dict[int, list[AdvancePayment]] = {s: [] for s in source_ids}
        if not source_ids:
            return result
        query = select(AdvancePaymentRow).where(AdvancePaymentRow.source_id.in_(list(source_ids)))
        query = access.narrowed(query, self._session, AdvancePaymentRow.source_id)
        for row in await self._session.scalars(query.order_by(AdvancePaymentRow.valid_from)):
            result[row.source_id].append(_advance(row))
        return result

    async def replace(
        self, source_id: int, advances: Sequence[AdvancePayment], seen: Mapping[int, int] | None = None
    ) -> None:
        """Make the source's advances exactly ``advances`` (see ``ConversionFactorRepository.replace``)."""
        await access.ensure_visible(self._session, source_id)
        await access.require_source(self._session, Action.EDIT_ADVANCE_PAYMENTS, source_id)
        rows = list(
            await self._session.scalars(
                select(AdvancePaymentRow).where(AdvancePaymentRow.source_id == source_id).with_for_update()
            )
        )
        await _refuse_changed("advance payment", self._session, seen, rows)
        days: list[date] = []
        for row_number, item in enumerate(sorted(advances, key=lambda a: a.valid_from), start=1):
            try:
                check_advance(item, taken=days)
            except ValidationError as exc:
                raise ValidationError(
                    translate("Repositories", "Advance payments, row {row}").format(row=row_number), str(exc)
                ) from None
            days.append(item.valid_from)
        wanted = {(a.valid_from, a.amount, a.currency.strip().upper()) for a in advances}
        kept = set()
        for row in rows:
            key = (date.fromisoformat(row.valid_from), Decimal(row.amount), row.currency)
            if key in wanted and key not in kept:
                kept.add(key)
            else:
                await self._session.execute(delete(AdvancePaymentRow).where(AdvancePaymentRow.id == row.id))
        await self._session.flush()
        for item in advances:
            key = (item.valid_from, item.amount, item.currency.strip().upper())
            if key in kept:
                continue
            self._session.add(
                AdvancePaymentRow(
                    source_id=source_id,
                    valid_from=item.valid_from.isoformat(),
                    amount=str(item.amount),
                    currency=item.currency.strip().upper(),
                    updated_at=to_epoch(utc_now()),
                    updated_by=changed_by(self._session),
                )
            )
        await self._session.flush()


async def _refuse_changed(
    what: str,
    session: AsyncSession,
    seen: Mapping[int, int] | None,
    rows: Sequence[ConversionFactorRow] | Sequence[AdvancePaymentRow],
) -> None:
    """A conflict if the stored rows are no longer the ones read when the form opened (``seen``: id
    to version; None: no check): another member changed, added or deleted one since."""
    if seen is None:
        return
    changed = changed_items(seen, {r.id: r.version for r in rows})
    if not changed:
        return
    latest = max((r for r in rows if r.id in changed), key=lambda r: r.updated_at, default=None)
    if latest is None:  # only deletions: who deleted is not recorded
        raise conflict(what, None, None, 0)
    name = await member_name(session, latest.updated_by)
    raise conflict(what, name, from_epoch(latest.updated_at) if latest.updated_at else None, latest.version)
