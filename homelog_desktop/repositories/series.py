"""A metric's (timestamp, value) pairs as numpy arrays, fast and without ORM objects.

On a SQLite file the pairs are read with the standard library's ``sqlite3`` in a worker thread
(a read-only connection beside the app's: WAL lets both work at once) without a Python object per
row (see ``read_series_file``), so neither SQLAlchemy's per-row work nor a long conversion holds
the event loop or the GIL. Elsewhere (PostgreSQL, an in-memory database) a Core select is streamed
through the session in chunks, converted between awaits.
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select

from ..db.database import Database
from ..db.handle import PendingDatabase, SessionProvider
from ..db.tables import ReadingValueRow
from ..domain.consumption import NO_START, Series
from . import access

#: Rows converted to an array at a time (about a millisecond each). Small chunks, and a yield of
#: the GIL after each, keep the window's thread from waiting on this one for long.
CHUNK = 8192

_SQL = "SELECT ts, value FROM reading_values WHERE metric_id = ?"
_SQL_SINCE = " AND ts >= coalesce((SELECT max(ts) FROM reading_values WHERE metric_id = ? AND ts <= ?), ?)"


def read_series_file(path: Path, metric_id: int, since: int | None = None, periods: bool = False) -> Series | None:
    """The pairs of ``metric_id`` in a SQLite file (from the last one at or before ``since``, when
    given); None if the file cannot be read that way (the caller takes the session path).
    ``periods``: with each value's period start (``Series.starts``; interval metrics).

    SQLite itself joins the timestamps, and the values as whole multiples of the metric's smallest
    step, into two strings (with the GIL released: no Python object per row), which numpy parses
    in slices. Dividing the step count by 10**decimals gives back exactly the stored double (both
    are the value's nearest double). Values too large for that (beyond 2**53 steps) take the
    row-by-row path.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        row = conn.execute("SELECT decimals FROM metrics WHERE id = ?", (metric_id,)).fetchone()
        if row is None:
            return Series.empty()
        scale = 10 ** int(row[0])
        where, params = _where(metric_id, since)
        lengths_sql = ", group_concat(length)" if periods else ""
        joined = conn.execute(
            "SELECT group_concat(ts), group_concat(CAST(round(value * ?) AS INTEGER)), max(abs(value)), count(*)"
            f"{lengths_sql} FROM (SELECT ts, value, {_LENGTH} AS length FROM reading_values"
            f" WHERE {where} ORDER BY ts)",
            (float(scale), *params),
        ).fetchone()
        times, steps, largest, count = joined[:4]
        if not count:
            return Series.empty()
        if largest * scale < _EXACT_STEPS:
            ts = _parse(times, np.int64)
            values = _parse(steps, np.int64) / float(scale)
            starts = _starts(ts, _parse(joined[4], np.int64)) if periods else None
            if ts.shape[0] == values.shape[0] == count and (starts is None or starts.shape[0] == count):
                return Series(ts, values, starts).ordered()
        return _read_rows(conn, where, params, periods)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


#: A value's period length in seconds, -1 when its start is not known (or not an interval value's).
_LENGTH = "coalesce(ts - start_ts, -1)"
#: Step counts below this are exact in a double.
_EXACT_STEPS = 2.0**53
#: Characters of a joined string parsed at a time (about a millisecond each).
_SLICE = 1 << 19


def _where(metric_id: int, since: int | None) -> tuple[str, tuple[int, ...]]:
    if since is None:
        return "metric_id = ?", (metric_id,)
    return (
        "metric_id = ? AND ts >= coalesce((SELECT max(ts) FROM reading_values WHERE metric_id = ? AND ts <= ?), ?)",
        (metric_id, metric_id, since, since),
    )


def _parse(text: str, dtype: type[np.int64]) -> npt.NDArray[np.int64]:
    """Comma-separated integers to an array, a slice at a time, yielding the GIL in between."""
    parts = []
    begin = 0
    while begin < len(text):
        cut = text.find(",", begin + _SLICE)
        stop = len(text) if cut < 0 else cut
        parts.append(np.fromstring(text[begin:stop], dtype=dtype, sep=","))
        begin = stop + 1
        time.sleep(0)  # let the event loop's thread take the GIL
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def _read_rows(conn: sqlite3.Connection, where: str, params: tuple[int, ...], periods: bool) -> Series:
    cursor = conn.execute(f"SELECT ts, value, {_LENGTH} FROM reading_values WHERE {where} ORDER BY ts", params)
    parts = []
    while rows := cursor.fetchmany(CHUNK):
        parts.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=3 * len(rows)))
        time.sleep(0)  # let the event loop's thread take the GIL
    return _series(parts, periods)


def _starts(ts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Periods' starts from their ends and lengths (NO_START where the length is -1: not known)."""
    return np.where(lengths >= 0, ts - lengths, NO_START)


def _series(parts: list[npt.NDArray[np.float64]], periods: bool) -> Series:
    """(ts, value, period length) triples flattened in chunks to a Series."""
    if not parts:
        return Series.empty()
    triples = np.concatenate(parts).reshape(-1, 3)
    ts = triples[:, 0].astype(np.int64)
    starts = _starts(ts, triples[:, 2].astype(np.int64)) if periods else None
    return Series(ts, np.ascontiguousarray(triples[:, 1]), starts).ordered()


async def load_series(
    db: SessionProvider, metric_id: int, since: int | None = None, *, periods: bool = False
) -> Series:
    """A metric's readings (epoch seconds, values as stored), oldest first, without ORM objects.

    ``since`` (epoch seconds) leaves out what lies before the last reading at or before it.
    A metric of a source the signed-in member may not see has no readings for them.
    ``periods``: with each value's period start (``Series.starts``), for interval metrics.
    """
    database = await db.wait() if isinstance(db, PendingDatabase) else db
    if isinstance(database, Database) and access.restricted(database.actor):
        async with database.session(readonly=True) as session:
            if not await access.metric_visible(session, metric_id):
                return Series.empty()
    path = database.sqlite_path if isinstance(database, Database) else None
    if isinstance(database, Database) and path is not None and path.is_file():
        # Through the Database: closing it (a restore) waits until this reader has let go of the file.
        series = await database.read_file(lambda file: read_series_file(file, metric_id, since, periods))
        if series is not None:
            return series
    length = func.coalesce(ReadingValueRow.ts - ReadingValueRow.start_ts, -1)
    query = select(ReadingValueRow.ts, ReadingValueRow.value, length).where(ReadingValueRow.metric_id == metric_id)
    if since is not None:
        before = (
            select(func.max(ReadingValueRow.ts))
            .where(ReadingValueRow.metric_id == metric_id, ReadingValueRow.ts <= since)
            .scalar_subquery()
        )
        query = query.where(ReadingValueRow.ts >= func.coalesce(before, since))
    parts = []
    async with db.session(readonly=True) as session:
        query = access.narrowed_by_metric(query, session, ReadingValueRow.metric_id)
        result = await session.stream(query.order_by(ReadingValueRow.ts).execution_options(yield_per=CHUNK))
        async for rows in result.partitions():
            parts.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=3 * len(rows)))
            await asyncio.sleep(0)
    return _series(parts, periods)
