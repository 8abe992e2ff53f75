"""The figures of a virtual meter: its inputs' curves, built by the consumption engine, combined.

Each input metric is loaded as for its own report (``load_series``, its meter changes, its
periods) and turned into its curve in a worker thread; an input that is itself a virtual meter is
computed the same way first. ``domain.virtual.combine_curves`` adds them up with their signs.
A reader who cannot see every input gets ``HiddenInputError`` instead of figures.
"""

from __future__ import annotations

import asyncio

from ..db.handle import SessionProvider
from ..domain.consumption import Curve, counter_curve, interval_curve
from ..domain.entities import MetricKind, Source
from ..domain.virtual import HiddenInputError, InputFacts, combine_curves
from ..repositories import MeterEventRepository, SourceRepository
from ..repositories.series import load_series

__all__ = ["virtual_curve"]


async def virtual_curve(db: SessionProvider, source: Source, since: int | None = None) -> Curve:
    """The curve of virtual meter ``source`` (from the last readings at or before ``since`` of each input)."""
    return await _curve(db, source, since, frozenset())


async def _curve(db: SessionProvider, source: Source, since: int | None, path: frozenset[int]) -> Curve:
    if source.id in path:  # a cycle stored by some other program: no figures rather than no end
        return combine_curves([])
    async with db.session(readonly=True) as session:
        repo = SourceRepository(session)
        facts = await repo.input_facts([t.metric_id for t in source.terms])
        nested: dict[int, Source] = {}
        for fact in facts.values():
            if fact.virtual:
                nested[fact.metric.id or 0] = await repo.get(fact.source_id)
    if any(t.metric_id not in facts for t in source.terms):
        raise HiddenInputError(source.name)
    parts: list[tuple[int, Curve]] = []
    for term in source.terms:
        fact = facts[term.metric_id]
        inner = nested.get(term.metric_id)
        if inner is not None:
            curve = await _curve(db, inner, since, path | {source.id or 0})
        else:
            curve = await _input_curve(db, fact, since)
        parts.append((term.sign, curve))
    return await asyncio.to_thread(combine_curves, parts)


async def _input_curve(db: SessionProvider, fact: InputFacts, since: int | None) -> Curve:
    metric = fact.metric
    assert metric.id is not None
    counter = metric.kind is MetricKind.COUNTER
    events = []
    if counter:
        async with db.session(readonly=True) as session:
            events = await MeterEventRepository(session).for_metric(metric.id)
    series = await load_series(db, metric.id, since, periods=metric.kind is MetricKind.INTERVAL)
    if counter:
        return await asyncio.to_thread(counter_curve, series, events, metric.digits)
    return await asyncio.to_thread(interval_curve, series)
