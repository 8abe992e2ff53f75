"""The SQL of copying a household between databases: tables in order, rows in chunks, checksums, id sequences.

Every table of ``db/tables.py`` is copied with its ids, parents before children (the foreign keys
hold at every step). Rows never become ORM objects: a SQLite file is read and written with
``sqlite3`` in worker threads (its own connection, one transaction), a PostgreSQL server with the
asyncpg connection under SQLAlchemy's (``COPY ... FROM STDIN`` in binary for writing, a server-side
cursor for reading).

A table's checksum is the number of its rows and the sum, as a 64-bit signed integer per row, of the
first 8 bytes of the MD5 of the row's canonical bytes: a byte per column (0: NULL, 1: a value),
then each value that is not NULL: an integer (booleans as 0 and 1) as 8 bytes big-endian, a float
as its 8 IEEE bytes, a text as its UTF-8 length in 4 bytes and its bytes. PostgreSQL computes it in SQL (``int8send``,
``float8send``, ``md5``); SQLite's rows are hashed here, in the worker thread that reads them. The
sum does not depend on the order of the rows, and each row includes its key.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import sqlite3
import struct
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.ext.asyncio import AsyncEngine

from ..domain.errors import HomeLogError
from ..i18n import translate
from .tables import Base

#: Rows per chunk read and written.
CHUNK_ROWS = 20_000
#: Tables on a server that are the server's own (roles), never copied to a local file.
SERVER_ONLY = ("member_roles",)

Row = Sequence[Any]


class TargetNotEmptyError(HomeLogError):
    """The target database already holds data; nothing was copied."""


class ChecksumMismatchError(HomeLogError):
    """A table's rows differ between the two sides after the copy; the copy was rolled back."""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table as the copy sees it: its columns, their kinds, its key."""

    name: str
    columns: tuple[str, ...]
    #: Per column: "int", "bool", "float" or "text".
    kinds: tuple[str, ...]
    key: tuple[str, ...]

    @property
    def serial(self) -> bool:
        """Whether the table's ids come from a sequence (PostgreSQL) / AUTOINCREMENT (SQLite)."""
        return self.key == ("id",)

    @property
    def column_list(self) -> str:
        return ", ".join(self.columns)

    @property
    def bools(self) -> tuple[int, ...]:
        return tuple(i for i, kind in enumerate(self.kinds) if kind == "bool")


def _kind(column_type: Any) -> str:
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, Float):
        return "float"
    if isinstance(column_type, Integer):  # BigInteger too
        return "int"
    if isinstance(column_type, String | Text):
        return "text"
    raise TypeError(f"no copy rule for a column of type {column_type!r}")


def table_specs() -> tuple[TableSpec, ...]:
    """Every table of the household, parents before children."""
    specs = []
    for table in Base.metadata.sorted_tables:
        columns = tuple(c.name for c in table.columns)
        kinds = tuple(_kind(c.type) for c in table.columns)
        key = tuple(c.name for c in table.primary_key.columns)
        specs.append(TableSpec(table.name, columns, kinds, key))
    return tuple(specs)


# -- checksums -------------------------------------------------------------------------------------

_VALUE_FORMAT = {"int": "q", "bool": "q", "float": "d"}
_LEN = struct.Struct(">i").pack


def _encode(kind: str, value: Any) -> bytes:
    if kind == "text":
        data = str(value).encode("utf-8")
        return _LEN(len(data)) + data
    return struct.pack(">" + _VALUE_FORMAT[kind], float(value) if kind == "float" else int(value))


def row_hasher(spec: TableSpec) -> Callable[[Row], int]:
    """The checksum term of one row of ``spec`` (see the module's docstring).

    A row without NULLs (nearly all of them) takes a fast path: its fixed-width columns are packed
    with one ``struct`` call per run of them.
    """
    md5 = hashlib.md5
    from_bytes = int.from_bytes
    kinds = spec.kinds
    full = b"\x01" * len(kinds)
    # Runs of fixed-width columns (one struct each), and text columns, in column order.
    segments: list[tuple[Callable[..., bytes], Callable[[Row], Any]] | int] = []
    run: list[int] = []

    def close_run() -> None:
        if run:
            fmt = ">" + "".join(_VALUE_FORMAT[kinds[i]] for i in run)
            getter = operator.itemgetter(*run) if len(run) > 1 else (lambda row, i=run[0]: (row[i],))
            segments.append((struct.Struct(fmt).pack, getter))
            run.clear()

    for i, kind in enumerate(kinds):
        if kind == "text":
            close_run()
            segments.append(i)
        else:
            run.append(i)
    close_run()

    def slow(row: Row) -> bytes:
        mask = bytes(0 if v is None else 1 for v in row)
        return mask + b"".join(_encode(kind, v) for kind, v in zip(kinds, row, strict=True) if v is not None)

    if len(segments) == 1 and not isinstance(segments[0], int):
        pack_all = segments[0][0]  # every column fixed-width (reading_values): one struct call per row

        def fixed(row: Row) -> int:
            data = slow(row) if None in row else full + pack_all(*row)
            return from_bytes(md5(data, usedforsecurity=False).digest()[:8], "big", signed=True)

        return fixed

    def term(row: Row) -> int:
        if None in row:
            data = slow(row)
        else:
            parts = [full]
            for segment in segments:
                if isinstance(segment, int):
                    text = row[segment].encode("utf-8")
                    parts.append(_LEN(len(text)))
                    parts.append(text)
                else:
                    pack, get = segment
                    parts.append(pack(*get(row)))
            data = b"".join(parts)
        return from_bytes(md5(data, usedforsecurity=False).digest()[:8], "big", signed=True)

    return term


def checksum_rows(spec: TableSpec, rows: Sequence[Row]) -> int:
    """The sum of the checksum terms of ``rows``."""
    return sum(map(row_hasher(spec), rows))


def _pg_value(column: str, kind: str) -> str:
    return {
        "int": f"int8send({column}::bigint)",
        "bool": f"int8send({column}::int::bigint)",
        "float": f"float8send({column}::float8)",
        "text": f"int4send(octet_length(convert_to({column}, 'UTF8'))) || convert_to({column}, 'UTF8')",
    }[kind]


def pg_checksum_sql(spec: TableSpec) -> str:
    """SELECT count(*), checksum of ``spec`` on PostgreSQL."""
    mask = " || ".join(f"CASE WHEN {c} IS NULL THEN '\\x00'::bytea ELSE '\\x01'::bytea END" for c in spec.columns)
    values = " || ".join(
        f"coalesce({_pg_value(c, k)}, ''::bytea)" for c, k in zip(spec.columns, spec.kinds, strict=True)
    )
    return (
        f"SELECT count(*), coalesce(sum(('x' || left(md5({mask} || {values}), 16))::bit(64)::bigint), 0)"
        f" FROM {spec.name}"
    )


# -- SQLite (blocking: call from a worker thread) ----------------------------------------------------


class SqliteSide:
    """One sqlite3 connection to a household file, for reading (``readonly``) or writing one transaction.

    Used from worker threads, one call at a time (``check_same_thread`` is off for that reason).
    """

    def __init__(self, path: Path, *, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        if not path.is_file() and readonly:
            raise HomeLogError(translate("Database", "There is no database at {path}.").format(path=path))
        # Reading too goes through an ordinary connection that may not write (query_only): a read-only one
        # (mode=ro) would leave the WAL's -wal and -shm files behind; this one, the last to close, removes
        # them as SQLite always does, and an empty WAL changes no byte of the file.
        self.conn = sqlite3.connect(path, timeout=15, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout=15000")
        if readonly:
            self.conn.execute("PRAGMA query_only=1")
        self.in_transaction = False

    def begin(self) -> None:
        """A read snapshot, or the write transaction (BEGIN IMMEDIATE: other writers wait)."""
        if not self.readonly:
            self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("BEGIN" if self.readonly else "BEGIN IMMEDIATE")
        self.in_transaction = True

    def tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def revision(self) -> str | None:
        if "alembic_version" not in self.tables():
            return None
        row = self.conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None

    def count(self, spec: TableSpec) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {spec.name}").fetchone()[0])

    def rows(self, spec: TableSpec, size: int = CHUNK_ROWS) -> Iterator[tuple[list[Row], int]]:
        """Chunks of the table's rows in key order, each with its checksum (booleans as Python bools)."""
        cursor = self.conn.execute(f"SELECT {spec.column_list} FROM {spec.name} ORDER BY {', '.join(spec.key)}")
        term = row_hasher(spec)
        bools = spec.bools
        while chunk := cursor.fetchmany(size):
            total = sum(map(term, chunk))
            if bools:
                chunk = [_with_bools(row, bools) for row in chunk]
            yield chunk, total

    def sequences(self) -> dict[str, int]:
        """The highest id each AUTOINCREMENT table has ever given (ids are never reused)."""
        if "sqlite_sequence" not in self.tables():
            return {}
        return {str(name): int(seq) for name, seq in self.conn.execute("SELECT name, seq FROM sqlite_sequence")}

    def insert(self, spec: TableSpec, rows: Sequence[Row]) -> None:
        marks = ", ".join("?" for _ in spec.columns)
        self.conn.executemany(f"INSERT INTO {spec.name} ({spec.column_list}) VALUES ({marks})", rows)

    def set_sequences(self, highest: dict[str, int]) -> None:
        """Let each table's next id follow ``highest`` (and every id stored)."""
        for table, seq in highest.items():
            stored = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            value = max(int(seq), int(stored))
            if self.conn.execute("SELECT 1 FROM sqlite_sequence WHERE name = ?", (table,)).fetchone():
                self.conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (value, table))
            elif value > 0:
                self.conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, value))

    def checksum(self, spec: TableSpec) -> tuple[int, int]:
        """(rows, checksum) of a table as stored (inside this connection's transaction)."""
        count, total = 0, 0
        for chunk, part in self.rows(spec):
            count += len(chunk)
            total += part
        return count, total

    def foreign_key_problems(self) -> int:
        return len(self.conn.execute("PRAGMA foreign_key_check").fetchall())

    def commit(self) -> None:
        """Commit; then leave the file in one piece (rollback journal, no -wal beside it) when nobody else has
        it open: a copy or a backup is then a single file to move around (the app switches it back to WAL)."""
        self.conn.execute("COMMIT")
        self.in_transaction = False
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA journal_mode=DELETE")

    def close(self) -> None:
        """Roll back what is not committed, and close."""
        try:
            if self.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            self.in_transaction = False
            self.conn.close()


def _with_bools(row: Row, bools: tuple[int, ...]) -> tuple[Any, ...]:
    values = list(row)
    for i in bools:
        if values[i] is not None:
            values[i] = bool(values[i])
    return tuple(values)


# -- PostgreSQL (the asyncpg connection under a SQLAlchemy transaction) --------------------------


async def pg_lock_all(driver: Any, specs: Sequence[TableSpec]) -> None:
    """Keep every other writer out of the household's tables until the transaction ends."""
    await driver.execute(f"LOCK TABLE {', '.join(s.name for s in specs)} IN EXCLUSIVE MODE")


async def pg_tables(driver: Any) -> set[str]:
    rows = await driver.fetch("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return {str(r[0]) for r in rows}


async def pg_count(driver: Any, spec: TableSpec) -> int:
    return int(await driver.fetchval(f"SELECT count(*) FROM {spec.name}"))


async def pg_has_rows(driver: Any, table: str) -> bool:
    return bool(await driver.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table})"))


async def pg_copy_in(driver: Any, spec: TableSpec, rows: Sequence[Row]) -> None:
    """Append rows with COPY (binary): the fastest way into a PostgreSQL table."""
    await driver.copy_records_to_table(spec.name, records=rows, columns=list(spec.columns))


async def pg_checksum(driver: Any, spec: TableSpec) -> tuple[int, int]:
    row = await driver.fetchrow(pg_checksum_sql(spec))
    return int(row[0]), int(row[1])


async def pg_sequences(driver: Any, specs: Sequence[TableSpec]) -> dict[str, int]:
    """The highest id each serial table's sequence has given (0: none yet)."""
    highest = {}
    for spec in specs:
        if not spec.serial:
            continue
        sequence = await driver.fetchval("SELECT pg_get_serial_sequence($1, 'id')", spec.name)
        if sequence is None:
            continue
        row = await driver.fetchrow(f"SELECT last_value, is_called FROM {sequence}")
        highest[spec.name] = int(row[0]) if row[1] else 0
    return highest


async def pg_set_sequences(driver: Any, specs: Sequence[TableSpec], highest: dict[str, int]) -> dict[str, int]:
    """Move each serial table's sequence past every copied id (and past the source's own sequence).

    Returns the next id each table will give.
    """
    following = {}
    for spec in specs:
        if not spec.serial:
            continue
        stored = int(await driver.fetchval(f"SELECT coalesce(max(id), 0) FROM {spec.name}"))
        value = max(stored, highest.get(spec.name, 0))
        sequence = await driver.fetchval("SELECT pg_get_serial_sequence($1, 'id')", spec.name)
        if value > 0:
            await driver.execute("SELECT setval($1::regclass, $2, true)", sequence, value)
        else:
            await driver.execute("SELECT setval($1::regclass, 1, false)", sequence)
        following[spec.name] = value + 1
    return following


async def pg_rows(driver: Any, spec: TableSpec, size: int = CHUNK_ROWS) -> Any:
    """Chunks of the table's rows in key order (an async iterator of lists of tuples; inside a transaction)."""
    cursor = await driver.cursor(f"SELECT {spec.column_list} FROM {spec.name} ORDER BY {', '.join(spec.key)}")
    while chunk := await cursor.fetch(size):
        yield [tuple(record) for record in chunk]


def member_role_sql(role: str, group: str, member_id: int, verifier: str | None) -> list[str]:
    """Create (or take over) a member's login role; without a verifier it has no password yet."""
    from .rls import quote_ident, quote_literal

    password = "NULL" if verifier is None else quote_literal(verifier)
    ident = quote_ident(role)
    return [
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {quote_literal(role)})"
        f" THEN ALTER ROLE {ident} LOGIN PASSWORD {password};"
        f" ELSE CREATE ROLE {ident} LOGIN PASSWORD {password}; END IF; END $$",
        f"GRANT {quote_ident(group)} TO {ident}",
        f"INSERT INTO member_roles (member_id, role_name) VALUES ({int(member_id)}, {quote_literal(role)})",
    ]


@asynccontextmanager
async def pg_transaction(engine: AsyncEngine, *, readonly: bool = False) -> AsyncIterator[Any]:
    """The asyncpg connection of one transaction on ``engine`` (committed when the block ends normally).

    ``readonly``: a REPEATABLE READ, READ ONLY snapshot (every table as of one moment).
    """
    async with engine.connect() as conn:
        if readonly:
            conn = await conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        async with conn.begin():
            # SQLAlchemy's asyncpg adapter opens the server's transaction at its first statement.
            await conn.exec_driver_sql("SELECT 1")
            raw = await conn.get_raw_connection()
            yield raw.driver_connection


@dataclass(frozen=True, slots=True)
class HouseholdMember:
    """A member as the copy needs them: to name their server role."""

    id: int
    name: str
    email: str | None
    role: str


def sqlite_members(side: SqliteSide) -> list[HouseholdMember]:
    rows = side.conn.execute("SELECT id, name, email, role FROM members ORDER BY id").fetchall()
    return [HouseholdMember(int(r[0]), str(r[1]), r[2], str(r[3])) for r in rows]
