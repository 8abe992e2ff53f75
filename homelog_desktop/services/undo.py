"""Undoing and redoing an edit: the rows it touched put back as they were, in one unit of work.

An edit records, in its own transaction, the rows it touches before and after (``capture``). A
step (undo or redo) reads those rows again, refuses when someone changed one since
(domain/undo.py: ``find_conflict``), and otherwise writes the rows the step wants
(repositories/snapshots.py), all in one transaction: done whole or not at all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from ..domain.errors import HomeLogError
from ..domain.undo import (
    STRUCTURE,
    TABLES,
    Changed,
    Image,
    ImportUndo,
    KeptRows,
    Scope,
    find_conflict,
    import_conflict,
    plan,
    refusal,
)
from ..i18n import translate
from ..repositories.snapshots import SnapshotRepository, image_of
from ..repositories.versions import member_name
from .bulk import gc_paused

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider


async def capture(session: AsyncSession, scope: Scope) -> Image:
    """The rows of ``scope`` as stored now in ``session`` (an edit's before and after).

    The collector pauses meanwhile (services/bulk.py): a source's readings are hundreds of
    thousands of rows, whose creation would otherwise trigger full collections on the loop.
    """
    with gc_paused():
        return await SnapshotRepository(session).capture(scope)


async def member_scope(session: AsyncSession, member_id: int) -> Scope:
    """What removing a member touches: its row, its password and the rows that name it."""
    return await SnapshotRepository(session).references_to_member(member_id)


async def every_member(session: AsyncSession) -> Scope:
    """Every member's row and password (the household's roles may move with an edit of one)."""
    return await SnapshotRepository(session).every_member()


async def import_undo(
    session: AsyncSession,
    source_id: int,
    *,
    created: bool,
    metrics: Iterable[int] = (),
    runs: Iterable[tuple[int, int]] = (),
    replaced: KeptRows | None = None,
    rows: Mapping[str, Iterable[int]] | None = None,
) -> ImportUndo:
    """What undoing an import into ``source_id`` removes, taken at the end of the import's own unit
    of work: the source if it ``created`` it, else the ``metrics`` and the ``rows`` (table -> ids:
    tariffs, meter changes...) it added to it, and its readings (``runs`` of ids); ``replaced``
    (the stored readings it replaced) are what the undo puts back."""
    metric_ids = frozenset(metrics)
    added_rows = tuple(sorted((t, frozenset(ids)) for t, ids in (rows or {}).items()))
    structure = Scope(
        sources=frozenset([source_id]) if created else frozenset(),
        metrics=metric_ids,
        rows=tuple((t, ids) for t, ids in added_rows if ids),
    )
    added = await capture(session, structure)
    kept = tuple(runs)
    scope = structure | Scope(
        readings=replaced.ids("readings") if replaced is not None else frozenset(),
        # A created source: all its readings (one of anyone else is refused); else the import's.
        source_readings=frozenset([source_id]) if created else frozenset(),
        imported=() if created else ((source_id, kept),),
        # The values of a metric it added to a stored source (one in a reading of anyone else is refused).
        metric_values=frozenset() if created else metric_ids,
    )
    return ImportUndo(scope, Image({t: added.table(t) for t in STRUCTURE}), ((source_id, kept),))


class Recording:
    """An edit's rows before and after, taken in the edit's own unit of work (for its undo command).

    ``start`` before the write with the rows it will touch; ``finish`` after it, with the rows it
    created (ids known only then: they were absent before).
    """

    def __init__(self) -> None:
        self.scope = Scope()
        self.before = Image()
        self.after = Image()

    async def start(self, session: AsyncSession, scope: Scope) -> None:
        self.scope = scope
        self.before = await capture(session, scope)

    async def finish(self, session: AsyncSession, created: Scope | None = None) -> None:
        if created is not None:
            self.scope = self.scope | created
        self.after = await capture(session, self.scope)


class UndoService:
    """The steps of the undo history, each in one write session."""

    def __init__(self, db: SessionProvider) -> None:
        self._db = db

    async def apply(self, step: str, scope: Scope, target: Image, expected: Image) -> Image:
        """Make the rows of ``scope`` be ``target``, if they are still ``expected``; returns ``target``
        as stored (rewritten rows with their new versions), which the opposite step expects.

        ``step`` names it for a refusal ("undo “Delete 3 Readings”").
        """
        try:
            async with self._db.session() as session:
                snapshots = SnapshotRepository(session)
                current = await capture(session, scope)
                # Comparing a source's hundreds of thousands of rows: in a worker, not on the event loop.
                loop = asyncio.get_running_loop()
                changed = await loop.run_in_executor(None, find_conflict, expected, current)
                if changed is not None:
                    raise await _refusal(session, step, changed)
                steps = await loop.run_in_executor(None, plan, target, current)
                with gc_paused():
                    updated = await snapshots.write(steps)
        except IntegrityError as exc:
            raise HomeLogError(
                f"Cannot {step}: what it would put back clashes with a change made since "
                "(a reading at the same time, a name taken, or something it belongs to deleted). Nothing was changed."
            ) from exc
        return await asyncio.get_running_loop().run_in_executor(None, _merged, target, current, updated)

    async def image(self, kept: KeptRows) -> Image:
        """Rows kept compact (an import's replaced readings) as an image, made in a worker."""
        with gc_paused():
            return await asyncio.get_running_loop().run_in_executor(None, image_of, kept)

    async def remove_import(self, step: str, undo: ImportUndo, put_back: KeptRows | None = None) -> Image:
        """Delete an import's rows (``undo.scope``: its readings, and the sources, metrics, tariffs...
        it added), if they are still exactly the import's (domain/undo.py: ``import_conflict``: none
        changed since, nothing added to what it created), and put back ``put_back`` (the stored
        readings it replaced, absent since: the scope names them too); returns the rows removed as
        they were, for a redo to put back."""
        target = await self.image(put_back) if put_back is not None else Image()
        try:
            async with self._db.session() as session:
                snapshots = SnapshotRepository(session)
                current = await capture(session, undo.scope)
                loop = asyncio.get_running_loop()
                changed = await loop.run_in_executor(None, import_conflict, undo, current, target)
                if changed is not None:
                    raise await _refusal(session, step, changed)
                steps = await loop.run_in_executor(None, plan, target, current)
                with gc_paused():
                    await snapshots.write(steps)
        except IntegrityError as exc:
            raise HomeLogError(
                translate(
                    "Undo",
                    "Cannot {step}: its readings are in use elsewhere, or a reading it would put back clashes with"
                    " one added since (at the same time). Nothing was changed.",
                ).format(step=step)
            ) from exc
        return current


async def _refusal(session: AsyncSession, step: str, changed: Changed) -> HomeLogError:
    by = changed.stored.get("updated_by") if changed.stored is not None else None
    name = await member_name(session, by) if by is not None else None
    return refusal(step, changed, name)


def _merged(target: Image, current: Image, updated: Image) -> Image:
    """``target`` as now stored: a row left as it was (same contents) keeps its stored version, a
    rewritten one has its new version, an inserted one is as the target had it."""
    rows = {t: dict(target.table(t)) for t in TABLES}
    for table in TABLES:
        found = rows[table]
        stored = current.table(table)
        for key in found.keys() & stored.keys():
            found[key] = stored[key]
        found.update(updated.table(table))
    return Image(rows)
