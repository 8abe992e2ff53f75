"""Benchmark: copy a household of 1,000,000 readings from a SQLite file to PostgreSQL, and the ratio to importing them.

Run as ``python tests/benchmarks/bench_copy.py [--rows N]``. Uses the test server (HOMELOG_TEST_PG_URL,
default postgres with trust auth on 127.0.0.1:5432), new scratch databases, dropped afterwards.

- the copy: ``copy_to_server`` end to end (migrate the target, COPY every table, move the sequences,
  checksum every table on both sides, row-level security and the members' roles), as
  ``homelog copy --to URL`` does;
- the figure it is compared with, measured in the same run: importing the same readings from a CSV
  into PostgreSQL (``run_import``, as bench_pg_import.py measures against ``psql \\copy``);
- for information: the way back, ``copy_from_server`` into a new SQLite file.

No goal is set by the issue: the times and the ratio are printed. Only a crash makes the exit code
non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import os
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

from sqlalchemy.engine import make_url  # noqa: E402

from homelog_desktop.db import Database, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.services.copying import copy_from_server, copy_to_server  # noqa: E402
from tests.copy_support import drop_roles  # noqa: E402
from tests.postgres import admin_connection, create_database, drop_database  # noqa: E402

#: One reading every 15 minutes, two counters.
STEP_S = 900
T0 = int(datetime(2000, 1, 1, tzinfo=UTC).timestamp())


def build_household(path: Path, rows: int) -> None:
    """Two members, a source with two counters and ``rows`` readings (values on both), through sqlite3."""

    async def schema() -> None:
        db = Database(sqlite_url(path))
        try:
            await migrate(db)
        finally:
            await db.dispose()

    asyncio.run(schema())
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO members (id, name, role, created_at, updated_at) VALUES"
                " (1, 'Ann', 'admin', 1, 1), (2, 'Bob', 'member', 1, 1)"
            )
            conn.execute(
                "INSERT INTO sources (id, name, description, category, owner_id, is_public, created_at, updated_at)"
                " VALUES (1, 'Power', '', 'electricity', 1, 1, 1, 1)"
            )
            conn.execute(
                "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES"
                " (1, 1, 0, 'Day', 'kWh', 'counter', 1), (2, 1, 1, 'Night', 'kWh', 'counter', 1)"
            )
            conn.executemany(
                "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, entered_by, created_at,"
                " updated_at) VALUES (?, 1, ?, '', 0, 0, 1, 1, 1)",
                ((i, T0 + i * STEP_S) for i in range(1, rows + 1)),
            )
            conn.executemany(
                "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES (?, ?, ?, ?)",
                (
                    (i, metric, T0 + i * STEP_S, 10_000 + i * 0.3 if metric == 1 else 5_000 + i * 0.1)
                    for i in range(1, rows + 1)
                    for metric in (1, 2)
                ),
            )
    finally:
        conn.close()


def write_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(("timestamp", "Day (kWh)", "Night (kWh)"))
        for i in range(1, rows + 1):
            stamp = datetime.fromtimestamp(T0 + i * STEP_S, UTC).isoformat()
            out.writerow((stamp, f"{10_000 + i * 0.3:.1f}", f"{5_000 + i * 0.1:.1f}"))


async def import_csv(url: str, csv_path: Path) -> int:
    from homelog_desktop.services.importing import ImportPlan, detect, new_source_for, run_import

    db = Database(url)
    try:
        detected = await asyncio.to_thread(detect, csv_path)
        source, mapping = new_source_for("Imported", detected)
        plan = ImportPlan(csv_path, detected.settings, source, mapping, kind=detected.kind, columns=detected.columns)
        return (await run_import(db, plan)).imported
    finally:
        await db.dispose()


async def clean(url: str) -> None:
    await drop_database(url)
    admin = await admin_connection()
    try:
        await drop_roles(admin, make_url(url).database or "")
    finally:
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-copy-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)
        local = folder / "homelog.db"
        with _common.Stopwatch() as sw:
            build_household(local, args.rows)
            write_csv(folder / "readings.csv", args.rows)
        print(f"(info) household of {args.rows:,} readings and its CSV built in {sw.ms / 1000:.1f} s", flush=True)

        url = asyncio.run(create_database(migrated=True))
        try:
            with _common.Stopwatch() as imported:
                assert asyncio.run(import_csv(url, folder / "readings.csv")) == args.rows
        finally:
            asyncio.run(drop_database(url))
        print(f"  import of the same readings from a CSV: {imported.ms:.0f} ms", flush=True)

        url = asyncio.run(create_database(migrated=False))
        back = folder / "back.db"
        try:
            ticks: list[float] = []
            with _common.Stopwatch() as copied:
                result = asyncio.run(
                    copy_to_server(
                        local,
                        url,
                        passwords={1: "a long admin passphrase"},
                        progress=lambda *_: ticks.append(time.perf_counter()),
                    )
                )
            assert result.counts["readings"] == args.rows
            print(f"  copy SQLite -> PostgreSQL: {copied.ms:.0f} ms ({result.rows:,} rows in all)", flush=True)
            with _common.Stopwatch() as returned:
                asyncio.run(copy_from_server(url, back))
            print(f"  (info) copy PostgreSQL -> SQLite (the way back): {returned.ms:.0f} ms", flush=True)
            gaps = [b - a for a, b in itertools.pairwise(ticks)]
            print(f"  (info) longest gap between progress reports: {max(gaps or [0]) * 1000:.0f} ms", flush=True)
        finally:
            asyncio.run(clean(url))
        print(
            f"copy of a {args.rows:,}-reading household to PostgreSQL: {copied.ms:.0f} ms — "
            f"{copied.ms / imported.ms:.2f}x the import of the same readings ({imported.ms:.0f} ms)",
            flush=True,
        )


if __name__ == "__main__":
    main()
