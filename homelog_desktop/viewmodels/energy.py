"""The source editor's energy settings: conversion factors per metric and the source's advance payments.

``EnergyEditor`` is the part of ``SourceEditorViewModel``'s unit of work that reads and writes them:
they are saved with the source, in its transaction, through the repositories' ``replace``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..domain.energy import ConversionFactor
from ..domain.entities import Source
from ..domain.settlement import AdvancePayment
from ..repositories.energy import AdvancePaymentRepository, ConversionFactorRepository

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True, slots=True)
class EnergySettings:
    """A source's conversion factors (``metric_id``: the metric's key in the form) and advances."""

    factors: tuple[ConversionFactor, ...] = ()
    advances: tuple[AdvancePayment, ...] = ()


class EnergyEditor:
    """Reads a source's energy settings and writes what the form holds, in the caller's session."""

    def __init__(
        self,
        factor_repo: Callable[..., Any] = ConversionFactorRepository,
        advance_repo: Callable[..., Any] = AdvancePaymentRepository,
    ) -> None:
        self._factor_repo = factor_repo
        self._advance_repo = advance_repo
        #: As stored when the form loaded (or after a save); None until then.
        self.loaded: EnergySettings | None = None
        #: What the form holds, set by the form before it saves; None: leave them as they are.
        self.wanted: EnergySettings | None = None

    async def read(self, session: AsyncSession, source: Source) -> EnergySettings:
        """The stored settings of ``source`` (empty for a new one); kept as ``loaded``."""
        if source.id is None:
            self.loaded = EnergySettings()
            return self.loaded
        ids = [m.id for m in source.metrics if m.id is not None]
        by_metric = await self._factor_repo(session).for_metrics(ids)
        factors = tuple(f for metric_id in ids for f in by_metric.get(metric_id, []))
        advances = tuple(await self._advance_repo(session).for_source(source.id))
        self.loaded = EnergySettings(factors, advances)
        return self.loaded

    async def write(
        self, session: AsyncSession, source: Source, ids: Mapping[int, int | None], *, overwrite: bool = False
    ) -> None:
        """Store ``wanted`` for the saved ``source``: ``ids`` maps the form's metric keys to stored ids.

        Factors of a metric no longer in the source are dropped. Unless ``overwrite``, a change by
        someone else since the form loaded is refused (ConflictError)."""
        wanted = self.wanted
        if wanted is None or source.id is None:
            return
        loaded = self.loaded or EnergySettings()
        factors = self._factor_repo(session)
        for metric in source.metrics:
            assert metric.id is not None
            own = [replace(f, metric_id=metric.id) for f in wanted.factors if ids.get(f.metric_id) == metric.id]
            seen = None if overwrite else {f.id: f.version for f in loaded.factors if f.metric_id == metric.id and f.id}
            stored_before = any(f.metric_id == metric.id for f in loaded.factors)
            if own or stored_before or seen:
                await factors.replace(metric.id, own, seen)
        if wanted.advances or loaded.advances:
            seen_advances = None if overwrite else {a.id: a.version for a in loaded.advances if a.id is not None}
            await self._advance_repo(session).replace(source.id, list(wanted.advances), seen_advances)
