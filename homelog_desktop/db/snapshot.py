"""A quick read-only look at a SQLite file for the first screen, without SQLAlchemy.

Importing SQLAlchemy and the repositories takes longer than starting Qt itself, so at start-up the
window shows this snapshot (the sidebar and the first page of the selected source, read with the
standard library's sqlite3 in a worker thread) while the real Database opens. The queries mirror
SourceRepository.summaries() and ReadingRepository.count()/page() for the table's default order
(newest first); a test checks that both give identical results. Anything unexpected (no file, a
schema that needs migrating, a damaged file) returns None, and the app takes the normal path; so
does a household whose members sign in (each member sees only what the access policy lets them).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ..domain.entities import Category, Metric, MetricKind, Reading, ReadingLine, Source, SourceSummary
from ..domain.numbers import quantum, to_decimal
from ..domain.timeutil import from_epoch, utc_now
from .revisions import HEAD_REVISION


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the first screen shows: the sources, and the newest readings of the selected one."""

    summaries: list[SourceSummary]
    now: datetime
    #: Archived sources left out of ``summaries`` (an empty sidebar need not mean an empty database).
    archived_hidden: int
    #: The selected source (None when there are no sources) and its readings, newest first.
    source: Source | None
    total: int
    rows: list[ReadingLine]


def read_snapshot(path: Path, source_id: int | None, limit: int) -> Snapshot | None:
    """Read the sidebar and the first ``limit`` readings of ``source_id`` (or the first source)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return _read(conn, source_id, limit)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, source_id: int | None, limit: int) -> Snapshot | None:
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD_REVISION:
        return None
    if conn.execute("SELECT 1 FROM member_passwords LIMIT 1").fetchone() is not None:
        return None  # members sign in first, and each sees only what the access policy lets them
    now = utc_now()
    metrics: dict[int, list[Metric]] = {}
    for mid, sid, position, name, unit, kind, decimals, digits in conn.execute(
        "SELECT id, source_id, position, name, unit, kind, decimals, digits FROM metrics ORDER BY position, id"
    ):
        metric = Metric(mid, name, unit, MetricKind(kind), decimals, digits, position)
        metrics.setdefault(sid, []).append(metric)
    summaries = []
    for sid, name, description, category, owner_id, is_public, interval_days, archived, billing, last in conn.execute(
        "SELECT s.id, s.name, s.description, s.category, s.owner_id, s.is_public, s.interval_days,"
        " s.archived, s.billing_start_month, (SELECT max(r.ts) FROM readings r WHERE r.source_id = s.id)"
        " FROM sources s WHERE s.archived = 0 ORDER BY lower(s.name), s.id"
    ):
        source = Source(
            id=sid,
            name=name,
            category=Category(category) if category in Category else Category.OTHER,
            description=description,
            owner_id=owner_id,
            is_public=bool(is_public),
            interval_days=interval_days,
            archived=bool(archived),
            metrics=tuple(metrics.get(sid, ())),
            billing_start_month=billing,
        )
        summaries.append(SourceSummary(source, from_epoch(last) if last is not None else None))
    archived = conn.execute("SELECT count(*) FROM sources WHERE archived != 0").fetchone()[0]
    if not summaries:
        return Snapshot([], now, archived, None, 0, [])
    chosen = next((s.source for s in summaries if s.source.id == source_id), summaries[0].source)
    assert chosen.id is not None
    total = conn.execute("SELECT count(*) FROM readings WHERE source_id = ?", (chosen.id,)).fetchone()[0]
    return Snapshot(summaries, now, archived, chosen, total, _first_rows(conn, chosen, limit))


def _first_rows(conn: sqlite3.Connection, source: Source, limit: int) -> list[ReadingLine]:
    readings = conn.execute(
        "SELECT r.id, r.ts, r.note, r.estimated, r.from_bill, r.entered_by, r.created_at, r.updated_at, m.name"
        " FROM readings r LEFT JOIN members m ON m.id = r.entered_by"
        " WHERE r.source_id = ? ORDER BY r.ts DESC, r.id DESC LIMIT ?",
        (source.id, limit),
    ).fetchall()
    if not readings:
        return []
    quanta = {m.id: quantum(m) for m in source.metrics}
    counters = {m.id for m in source.metrics if m.kind is MetricKind.COUNTER}
    ids = [r[0] for r in readings]
    marks = ",".join("?" * len(ids))
    values: dict[int, dict[int, Decimal]] = {}
    consumption: dict[int, dict[int, Decimal]] = {}
    for reading_id, metric_id, value, before in conn.execute(
        "SELECT v.reading_id, v.metric_id, v.value,"
        " (SELECT p.value FROM reading_values p WHERE p.metric_id = v.metric_id AND p.ts < v.ts"
        "  ORDER BY p.ts DESC LIMIT 1)"
        f" FROM reading_values v WHERE v.reading_id IN ({marks})",
        ids,
    ):
        q = quanta.get(metric_id)
        if q is None:
            continue
        current = to_decimal(value, q)
        values.setdefault(reading_id, {})[metric_id] = current
        if before is not None and metric_id in counters:
            consumption.setdefault(reading_id, {})[metric_id] = current - to_decimal(before, q)
    assert source.id is not None
    return [
        ReadingLine(
            reading=Reading(
                id=rid,
                source_id=source.id,
                timestamp=from_epoch(ts),
                values=values.get(rid, {}),
                note=note,
                estimated=bool(estimated),
                from_bill=bool(from_bill),
                entered_by=entered_by,
                created_at=from_epoch(created),
                updated_at=from_epoch(updated),
            ),
            consumption=consumption.get(rid, {}),
            entered_by_name=member or "",
        )
        for rid, ts, note, estimated, from_bill, entered_by, created, updated, member in readings
    ]
