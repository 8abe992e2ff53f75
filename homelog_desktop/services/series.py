"""A metric's (timestamp, value) pairs as numpy arrays, fast and without ORM objects; the local zone.

On a SQLite file the pairs are read with the standard library's ``sqlite3`` in a worker thread
(a read-only connection beside the app's: WAL lets both work at once), in chunks turned into
arrays as they arrive, so neither SQLAlchemy's per-row work nor one long conversion holds the
event loop or the GIL. Elsewhere (PostgreSQL, an in-memory database) a Core select is streamed
through the session in chunks, converted between awaits.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sqlite3
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from sqlalchemy import func, select

from ..db.database import Database
from ..db.handle import PendingDatabase, SessionProvider
from ..db.tables import ReadingValueRow
from ..domain.consumption import Series

#: Rows converted to an array at a time (a few milliseconds each).
CHUNK = 65536

_SQL = "SELECT ts, value FROM reading_values WHERE metric_id = ?"
_SQL_SINCE = " AND ts >= coalesce((SELECT max(ts) FROM reading_values WHERE metric_id = ? AND ts <= ?), ?)"


def local_zone() -> tzinfo:
    """The computer's time zone, with its DST rules.

    $TZ if it names an IANA zone, else the zone /etc/localtime points to (Linux, macOS), else that
    file itself; failing all that (Windows without tzdata) the current UTC offset, which is right
    except across DST changes.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    try:
        with link.open("rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (ValueError, OSError):
        pass
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def read_series_file(path: Path, metric_id: int, since: int | None = None) -> Series | None:
    """The pairs of ``metric_id`` in a SQLite file (from the last one at or before ``since``, when
    given); None if the file cannot be read that way (the caller takes the session path)."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if since is None:
            cursor = conn.execute(_SQL + " ORDER BY ts", (metric_id,))
        else:
            cursor = conn.execute(_SQL + _SQL_SINCE + " ORDER BY ts", (metric_id, metric_id, since, since))
        parts = []
        while rows := cursor.fetchmany(CHUNK):
            parts.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows)))
        return _series(parts)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _series(parts: list[np.ndarray]) -> Series:
    if not parts:
        return Series.empty()
    pairs = np.concatenate(parts).reshape(-1, 2)
    return Series(pairs[:, 0].astype(np.int64), np.ascontiguousarray(pairs[:, 1]))


async def load_series(db: SessionProvider, metric_id: int, since: int | None = None) -> Series:
    """A metric's readings (epoch seconds, values as stored), oldest first, without ORM objects.

    ``since`` (epoch seconds) leaves out what lies before the last reading at or before it.
    """
    database = await db.wait() if isinstance(db, PendingDatabase) else db
    path = database.sqlite_path if isinstance(database, Database) else None
    if path is not None and path.is_file():
        series = await asyncio.to_thread(read_series_file, path, metric_id, since)
        if series is not None:
            return series
    query = select(ReadingValueRow.ts, ReadingValueRow.value).where(ReadingValueRow.metric_id == metric_id)
    if since is not None:
        before = (
            select(func.max(ReadingValueRow.ts))
            .where(ReadingValueRow.metric_id == metric_id, ReadingValueRow.ts <= since)
            .scalar_subquery()
        )
        query = query.where(ReadingValueRow.ts >= func.coalesce(before, since))
    parts = []
    async with db.session(readonly=True) as session:
        result = await session.stream(query.order_by(ReadingValueRow.ts).execution_options(yield_per=CHUNK // 8))
        async for rows in result.partitions():
            parts.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows)))
            await asyncio.sleep(0)
    return _series(parts)
