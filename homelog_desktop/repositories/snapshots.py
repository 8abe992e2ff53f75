"""Images of the stored rows an edit touches, and writing an image back (domain/undo.py says when).

The one write path of undo and redo: rows are read and written as they are stored (Core statements
on the tables, ids kept), inside the caller's unit of work. On PostgreSQL the server's row-level
security applies to these statements like to every other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.tables import (
    MemberPasswordRow,
    MemberRow,
    MeterEventRow,
    MetricRow,
    ReadingRow,
    ReadingValueRow,
    SourceRow,
    TariffRow,
)
from ..domain.timeutil import to_epoch, utc_now
from ..domain.undo import TABLES, Image, Key, Plan, Row, Scope, key_columns
from .versions import changed_by

_TABLES: dict[str, Any] = {
    "members": MemberRow,
    "member_passwords": MemberPasswordRow,
    "sources": SourceRow,
    "metrics": MetricRow,
    "readings": ReadingRow,
    "reading_values": ReadingValueRow,
    "meter_events": MeterEventRow,
    "tariffs": TariffRow,
}
#: Ids per IN (...) list: far below every backend's limit of bound parameters.
_CHUNK = 500


def _table(name: str) -> Table:
    table = _TABLES[name].__table__
    assert isinstance(table, Table)
    return table


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


class SnapshotRepository:
    """Reads the rows of a ``Scope`` as an ``Image`` and writes a ``Plan`` (both in the caller's session)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def capture(self, scope: Scope) -> Image:
        """The rows of ``scope`` stored now."""
        rows: dict[str, dict[Key, Row]] = {name: {} for name in TABLES}

        async def take(name: str, column: str, ids: Iterable[int], extra: Any = None) -> list[Row]:
            table = _table(name)
            found: list[Row] = []
            for chunk in _chunks(ids):
                query = select(table).where(table.c[column].in_(chunk))
                if extra is not None:
                    query = query.where(extra)
                result = await self._session.execute(query)
                for r in result.mappings():
                    row = dict(r)
                    rows[name][tuple(row[c] for c in key_columns(name))] = row
                    found.append(row)
            return found

        await take("members", "id", scope.members)
        await take("member_passwords", "member_id", scope.members)
        await take("sources", "id", scope.sources | scope.source_rows | scope.source_readings)
        metrics = await take("metrics", "source_id", scope.sources | scope.source_readings)
        await take("tariffs", "metric_id", [m["id"] for m in metrics])
        await take("meter_events", "source_id", scope.sources | scope.source_readings)
        readings = await take("readings", "id", scope.readings)
        readings += await take("readings", "source_id", scope.source_readings)
        if scope.imported is not None:
            source_id, first_id = scope.imported
            readings += await take("readings", "source_id", [source_id], _table("readings").c.id >= first_id)
        reading_ids = [r["id"] for r in readings]
        await take("reading_values", "reading_id", reading_ids)
        await take("reading_values", "metric_id", scope.metric_values)
        await take("meter_events", "reading_id", reading_ids)
        return Image(rows)

    async def references_to_member(self, member_id: int) -> Scope:
        """The rows that name a member (its readings' author, its sources' owner): they lose the name with it."""
        readings = await self._session.scalars(select(ReadingRow.id).where(ReadingRow.entered_by == member_id))
        sources = await self._session.scalars(select(SourceRow.id).where(SourceRow.owner_id == member_id))
        return Scope(members=frozenset([member_id]), readings=frozenset(readings), source_rows=frozenset(sources))

    async def every_member(self) -> Scope:
        return Scope(members=frozenset(await self._session.scalars(select(MemberRow.id))))

    async def write(self, plan: Plan) -> Image:
        """Carry out ``plan``: deletes (children first), inserts (parents first, with their ids), then
        updates (their version counted up; they may name an inserted row). Returns the updated rows
        as now stored (new versions)."""
        for name in reversed(TABLES):
            await self._delete(name, plan.deletes.get(name, []))
        for name in TABLES:
            rows = plan.inserts.get(name, [])
            if rows:
                await self._session.execute(insert(_table(name)), [dict(r) for r in rows])
        updated: dict[str, list[Row]] = {}
        now = to_epoch(utc_now())
        who = changed_by(self._session)
        for name in TABLES:
            updated[name] = await self._update(name, plan.updates.get(name, []), now, who)
        await self._session.flush()
        return Image.of(updated)

    async def _delete(self, name: str, keys: Sequence[Key]) -> None:
        if not keys:
            return
        table = _table(name)
        columns = key_columns(name)
        if len(columns) == 1:
            for chunk in _chunks(k[0] for k in keys):
                await self._session.execute(delete(table).where(table.c[columns[0]].in_(chunk)))
            return
        statement = delete(table).where(and_(*(table.c[c] == bindparam(f"k_{c}") for c in columns)))
        await self._session.execute(statement, [{f"k_{c}": v for c, v in zip(columns, k, strict=True)} for k in keys])

    async def _update(self, name: str, rows: Sequence[Row], now: int, who: int | None) -> list[Row]:
        table = _table(name)
        columns = key_columns(name)
        stored: list[Row] = []
        for row in rows:
            values = dict(row)
            where = and_(*(table.c[c] == values[c] for c in columns))
            if "version" in table.c:
                current = await self._session.scalar(select(table.c.version).where(where))
                values["version"] = int(current or 0) + 1
                values["updated_by"] = who
                values["updated_at"] = now
            await self._session.execute(update(table).where(where).values(values))
            stored.append(values)
        return stored
