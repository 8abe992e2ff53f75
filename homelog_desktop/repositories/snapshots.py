"""Images of the stored rows an edit touches, and writing an image back (domain/undo.py says when).

The one write path of undo and redo: rows are read and written as they are stored (Core statements
on the tables, ids kept), inside the caller's unit of work. On PostgreSQL the server's row-level
security applies to these statements like to every other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Boolean, Table, and_, bindparam, delete, false, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.tables import (
    AdvancePaymentRow,
    ConversionFactorRow,
    MemberPasswordRow,
    MemberRow,
    MeterEventRow,
    MetricRow,
    ReadingRow,
    ReadingValueRow,
    SourceRow,
    TariffRow,
    VirtualTermRow,
)
from ..domain.timeutil import to_epoch, utc_now
from ..domain.undo import TABLES, Image, KeptRows, Key, Plan, Row, Scope, key_columns, key_of
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
    "conversion_factors": ConversionFactorRow,
    "advance_payments": AdvancePaymentRow,
    "virtual_terms": VirtualTermRow,
}
#: Ids per IN (...) list: far below every backend's limit of bound parameters.
_CHUNK = 500
#: Rows from which an insert goes through the driver in one call.
_MANY = 1000
#: Tables read through the driver (their rows may be hundreds of thousands), by this many ids a query
#: (written into the statement, so no limit of bound parameters applies).
_BULKY = frozenset({"readings", "reading_values"})
_BULK_CHUNK = 5000


def _table(name: str) -> Table:
    table = _TABLES[name].__table__
    assert isinstance(table, Table)
    return table


def _chunks(ids: Iterable[int], size: int = _CHUNK) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


class SnapshotRepository:
    """Reads the rows of a ``Scope`` as an ``Image`` and writes a ``Plan`` (both in the caller's session)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def capture(self, scope: Scope) -> Image:
        """The rows of ``scope`` stored now."""
        rows: dict[str, dict[Key, Row]] = {name: {} for name in TABLES}

        async def run(name: str, where: Any) -> None:
            table = _table(name)
            result = await self._session.execute(select(table).where(where))
            columns = list(result.keys())
            index = [columns.index(c) for c in key_columns(name)]
            found = rows[name]
            for values in result.all():
                found[tuple(values[i] for i in index)] = dict(zip(columns, values, strict=True))

        async def take(name: str, column: str, ids: Iterable[int]) -> None:
            table = _table(name)
            if name in _BULKY:  # many rows (all values of a metric, thousands of selected readings)
                for chunk in _chunks(ids, _BULK_CHUNK):
                    await self._take_many(rows, name, table.c[column].in_(chunk))
                return
            for chunk in _chunks(ids):
                await run(name, table.c[column].in_(chunk))

        readings, values, events = _table("readings"), _table("reading_values"), _table("meter_events")
        await take("members", "id", scope.members)
        await take("member_passwords", "member_id", scope.members)
        whole = scope.sources | scope.source_readings
        await take("sources", "id", whole | scope.source_rows)
        await take("metrics", "source_id", whole)
        await take("metrics", "id", scope.metrics)
        metrics = [k[0] for k in rows["metrics"]]
        await take("tariffs", "metric_id", metrics)
        await take("conversion_factors", "metric_id", metrics)
        await take("virtual_terms", "metric_id", metrics)
        await take("virtual_terms", "input_metric_id", scope.metrics)  # virtual meters that use them
        await take("advance_payments", "source_id", whole)
        await take("meter_events", "source_id", whole)
        for name, ids in scope.rows:
            await take(name, "id", ids)
        # A source's or an import's readings: one query per table, their values through a subquery.
        sets: list[Any] = []
        for source_id in sorted(scope.source_readings):
            sets.append(readings.c.source_id == source_id)
        for source_id, runs in scope.imported:
            ranges = [readings.c.id.between(lo, hi) for lo, hi in runs]
            sets.append(and_(readings.c.source_id == source_id, or_(*ranges) if ranges else false()))
        for where in sets:
            await self._take_many(rows, "readings", where)
            chosen = select(readings.c.id).where(where).scalar_subquery()
            await self._take_many(rows, "reading_values", values.c.reading_id.in_(chosen))
            await run("meter_events", events.c.reading_id.in_(chosen))
        await take("readings", "id", scope.readings)
        await take("reading_values", "reading_id", scope.readings)
        await take("meter_events", "reading_id", scope.readings)
        await take("reading_values", "metric_id", scope.metric_values)
        return Image(rows)

    async def _take_many(self, rows: dict[str, dict[Key, Row]], name: str, where: Any) -> None:
        """Like a select of ``name``'s rows, but fetched by the driver in one call (a source's
        hundreds of thousands of readings: SQLAlchemy's row processing would hold the event loop)."""
        table = _table(name)
        dialect, driver = await self._driver()
        statement = (
            select(table)
            .where(where)
            .compile(dialect=self._session.get_bind().dialect, compile_kwargs={"literal_binds": True})
        )
        sql = str(statement)
        if dialect == "sqlite":
            cursor = await driver.execute(sql)
            fetched = await cursor.fetchall()
            columns = [d[0] for d in cursor.description]
            await cursor.close()
        else:
            records = await driver.fetch(sql)
            columns = list(records[0].keys()) if records else []
            fetched = [tuple(r) for r in records]
        if not fetched:
            return
        booleans = [c for c in columns if isinstance(table.c[c].type, Boolean)]
        index = [columns.index(c) for c in key_columns(name)]
        # Hundreds of thousands of rows: made into dicts in a worker, not on the event loop.
        built = await asyncio.get_running_loop().run_in_executor(None, _rows, fetched, columns, index, booleans)
        rows[name].update(built)

    async def _driver(self) -> tuple[str, Any]:
        connection = await self._session.connection()
        raw = await connection.get_raw_connection()
        return connection.dialect.name, raw.driver_connection

    async def _insert(self, name: str, rows: Sequence[Row]) -> None:
        """Insert rows with their ids: many through the driver in one call, a few through SQLAlchemy."""
        if len(rows) < _MANY:
            await self._session.execute(insert(_table(name)), [dict(r) for r in rows])
            return
        await self._session.flush()
        columns = list(rows[0].keys())
        params = await asyncio.get_running_loop().run_in_executor(None, _tuples, rows, columns)
        dialect, driver = await self._driver()
        listed = ", ".join(columns)
        if dialect == "sqlite":
            marks = ", ".join("?" for _ in columns)
            cursor = await driver.executemany(f"INSERT INTO {name} ({listed}) VALUES ({marks})", params)
            await cursor.close()
        else:
            await driver.copy_records_to_table(name, records=params, columns=columns)

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
        issued = await asyncio.get_running_loop().run_in_executor(None, _without_cascaded, plan.deletes)
        for name in reversed(TABLES):  # children first
            await self._delete(name, issued[name])
        for name in TABLES:
            rows = plan.inserts.get(name, [])
            if rows:
                await self._insert(name, rows)
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


def _rows(
    fetched: Sequence[Sequence[Any]], columns: list[str], index: list[int], booleans: list[str]
) -> dict[Key, Row]:
    """Fetched tuples as rows by key (SQLite's 0/1 made booleans again)."""
    found: dict[Key, Row] = {}
    for values in fetched:
        row = dict(zip(columns, values, strict=True))
        for column in booleans:
            if row[column] is not None:
                row[column] = bool(row[column])
        found[tuple(values[i] for i in index)] = row
    return found


def image_of(kept: KeptRows) -> Image:
    """Rows kept as the driver fetched them, as an image (SQLite's 0/1 made booleans again).
    Blocking for many rows: run it in a worker."""
    rows: dict[str, dict[Key, Row]] = {}
    for name, fetched in kept.rows.items():
        columns = list(kept.columns[name])
        booleans = [c for c in columns if isinstance(_table(name).c[c].type, Boolean)]
        rows[name] = _rows(fetched, columns, [columns.index(c) for c in key_columns(name)], booleans)
    return Image(rows)


def _tuples(rows: Sequence[Row], columns: list[str]) -> list[tuple[Any, ...]]:
    return [tuple(r[c] for c in columns) for r in rows]


#: Child table -> (its column naming the parent, the parent table): deleting the parent deletes it
#: (ON DELETE CASCADE), so a plan's delete of both needs only the parent's.
_CASCADES: dict[str, tuple[tuple[str, str], ...]] = {
    "member_passwords": (("member_id", "members"),),
    "metrics": (("source_id", "sources"),),
    "readings": (("source_id", "sources"),),
    "reading_values": (("reading_id", "readings"), ("metric_id", "metrics")),
    "meter_events": (("source_id", "sources"), ("reading_id", "readings"), ("metric_id", "metrics")),
    "tariffs": (("metric_id", "metrics"),),
    "conversion_factors": (("metric_id", "metrics"),),
    "advance_payments": (("source_id", "sources"),),
    "virtual_terms": (("metric_id", "metrics"),),
}


def _without_cascaded(deletes: Mapping[str, Sequence[Row]]) -> dict[str, list[Key]]:
    """The keys to delete per table, leaving out rows whose parent goes too (the cascade takes them:
    a source's hundreds of thousands of values are not deleted one by one)."""
    gone = {name: {key_of(name, r)[0] for r in deletes.get(name, [])} for name in TABLES}
    issued: dict[str, list[Key]] = {}
    for name in TABLES:
        links = _CASCADES.get(name, ())
        issued[name] = [
            key_of(name, row)
            for row in deletes.get(name, [])
            if not any(row.get(column) in gone[parent] for column, parent in links)
        ]
    return issued
