"""Two databases' sources compared field by field, read straight from their SQLite files (ids aside).

Everything: the source's fields, metrics, tariffs, conversion factors, advance payments, meter changes,
and each reading with its note, flags, author, values and periods.

``snapshot(path, name)`` is everything Home Log keeps about a source, with every id replaced by what
it points at (the owner's and authors' names, metrics by name, a meter change's reading by its time),
so that a source exported and imported into another database compares equal to the original.
It reads with the standard library's sqlite3, not with the code under test.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def _one(conn: sqlite3.Connection, sql: str, *params: Any) -> Any:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def snapshot(path: Path, name: str, *, with_definition: bool = True) -> dict[str, Any]:
    """Everything about the source called ``name`` in the database at ``path``; ``with_definition``
    False leaves out what a CSV does not carry (the source's fields, units, kinds, tariffs, changes)."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT id, name, description, category, (SELECT name FROM members WHERE id = owner_id), is_public,"
            " members_may_add_readings, interval_days, archived, billing_start_month FROM sources WHERE name = ?",
            (name,),
        ).fetchone()
        assert row is not None, f"no source {name!r} in {path}"
        source_id, *fields = row
        metrics = conn.execute(
            "SELECT id, name, unit, kind, decimals, digits, position FROM metrics"
            " WHERE source_id = ? ORDER BY position",
            (source_id,),
        ).fetchall()
        metric_name = {m[0]: m[1] for m in metrics}
        readings = []
        for rid, ts, note, estimated, from_bill, author in conn.execute(
            "SELECT r.id, r.ts, r.note, r.estimated, r.from_bill, (SELECT name FROM members WHERE id = r.entered_by)"
            " FROM readings r WHERE r.source_id = ? ORDER BY r.ts",
            (source_id,),
        ).fetchall():
            values = {
                metric_name[m]: (value, start)
                for m, value, start in conn.execute(
                    "SELECT metric_id, value, start_ts FROM reading_values WHERE reading_id = ?", (rid,)
                )
            }
            readings.append((ts, note, bool(estimated), bool(from_bill), author, values))
        result: dict[str, Any] = {"readings": readings}
        if with_definition:
            result["source"] = tuple(fields)
            result["metrics"] = [tuple(m[1:]) for m in metrics]
            result["tariffs"] = sorted(
                (metric_name[m], *rest)
                for m, *rest in conn.execute(
                    "SELECT metric_id, valid_from, unit_price, standing_charge, currency FROM tariffs"
                    " WHERE metric_id IN (SELECT id FROM metrics WHERE source_id = ?)",
                    (source_id,),
                )
            )
            result["meter_changes"] = sorted(
                (
                    metric_name[m],
                    ts,
                    kind,
                    old,
                    new,
                    digits,
                    note,
                    _one(conn, "SELECT ts FROM readings WHERE id = ?", reading) if reading is not None else None,
                )
                for m, ts, kind, old, new, digits, note, reading in conn.execute(
                    "SELECT metric_id, ts, kind, old_value, new_value, digits, note, reading_id FROM meter_events"
                    " WHERE source_id = ?",
                    (source_id,),
                )
            )
            result["conversion_factors"] = sorted(
                (metric_name[m], *rest)
                for m, *rest in conn.execute(
                    "SELECT metric_id, valid_from, factor, z_number, unit FROM conversion_factors"
                    " WHERE metric_id IN (SELECT id FROM metrics WHERE source_id = ?)",
                    (source_id,),
                )
            )
            result["advance_payments"] = sorted(
                conn.execute(
                    "SELECT valid_from, amount, currency FROM advance_payments WHERE source_id = ?", (source_id,)
                ).fetchall()
            )
        else:
            result["metrics"] = [m[1] for m in metrics]
        return result
    finally:
        conn.close()


def differences(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Where two snapshots differ, field by field (empty: identical)."""
    found = []
    for key in sorted(set(first) | set(second)):
        a, b = first.get(key), second.get(key)
        if key == "readings" and a is not None and b is not None:
            if len(a) != len(b):
                found.append(f"readings: {len(a)} != {len(b)}")
            found.extend(f"reading {i}: {x} != {y}" for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
        elif a != b:
            found.append(f"{key}: {a} != {b}")
    return found
