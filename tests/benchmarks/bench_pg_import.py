"""Benchmark: import a 1,000,000-row CSV into PostgreSQL through Home Log, against ``psql \\copy`` of the same rows.

Run as ``python tests/benchmarks/bench_pg_import.py [--rows N] [--rounds N]``. Uses the test server
(HOMELOG_TEST_PG_URL, default postgres with trust auth on 127.0.0.1:5432), a new scratch database
per run, dropped afterwards.

- Home Log: ``detect`` + ``new_source_for`` + ``run_import`` (parse, validate, COPY into readings and
  reading_values, one transaction), as ``homelog import --create`` does;
- the baseline: ``psql -1`` with two ``\\copy`` commands loading the same rows, already shaped as the
  tables' columns (prepared before the clock starts), into the same tables with the same indexes
  and constraints.

Both run ``--rounds`` times, alternating; each keeps its best. Goal (issue 11): <= 1.5x. A missed
goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

from bench_import import write_csv  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from homelog_desktop.db import Database  # noqa: E402
from tests.postgres import create_database, drop_database  # noqa: E402

RATIO_GOAL = 1.5


def shape_rows(csv_path: Path, readings_path: Path, values_path: Path, source_id: int, metrics: tuple[int, int]) -> int:
    """The CSV's rows as the tables' columns (what the baseline loads)."""
    now = int(time.time())
    count = 0
    with (
        open(csv_path, encoding="utf-8", newline="") as f,
        open(readings_path, "w", encoding="utf-8", newline="") as r,
        open(values_path, "w", encoding="utf-8", newline="") as v,
    ):
        reader = csv.reader(f)
        next(reader)
        readings, values = csv.writer(r), csv.writer(v)
        for reading_id, (stamp, day, night) in enumerate(reader, start=1):
            ts = int(datetime.fromisoformat(stamp).timestamp())
            readings.writerow((reading_id, source_id, ts, "", now, now))
            values.writerow((reading_id, metrics[0], ts, day))
            values.writerow((reading_id, metrics[1], ts, night))
            count += 1
    return count


async def prepare_baseline(url: str) -> tuple[int, tuple[int, int]]:
    db = Database(url)
    try:
        async with db.engine.begin() as conn:
            now = int(time.time())
            source_id = (
                await conn.exec_driver_sql(
                    "INSERT INTO sources (name, description, category, is_public, created_at, updated_at)"
                    f" VALUES ('Baseline', '', 'other', false, {now}, {now}) RETURNING id"
                )
            ).scalar_one()
            ids = []
            for position, name in enumerate(("Day", "Night")):
                ids.append(
                    (
                        await conn.exec_driver_sql(
                            "INSERT INTO metrics (source_id, position, name, unit, kind, decimals)"
                            f" VALUES ({source_id}, {position}, '{name}', 'kWh', 'counter', 1) RETURNING id"
                        )
                    ).scalar_one()
                )
        return int(source_id), (int(ids[0]), int(ids[1]))
    finally:
        await db.dispose()


def run_psql(url: str, readings_path: Path, values_path: Path) -> tuple[float, float]:
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    conninfo = f"host={parsed.host} port={parsed.port or 5432} dbname={parsed.database} user={parsed.username}"
    readings = (
        f"\\copy readings (id, source_id, ts, note, created_at, updated_at) FROM '{readings_path}'"
        " WITH (FORMAT csv, FORCE_NOT_NULL (note))"
    )
    values = f"\\copy reading_values (reading_id, metric_id, ts, value) FROM '{values_path}' CSV"
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        ["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", readings, "-c", values],
        check=True,
        env=env,
    )
    return time.perf_counter() - started, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def run_homelog(url: str, csv_path: Path) -> tuple[float, float, int]:
    from homelog_desktop.services.importing import ImportPlan, detect, new_source_for, run_import

    db = Database(url)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        detected = await asyncio.to_thread(detect, csv_path)
        source, mapping = new_source_for("Imported", detected)
        plan = ImportPlan(csv_path, detected.settings, source, mapping, kind=detected.kind, columns=detected.columns)
        summary = await run_import(db, plan)
        return time.perf_counter() - started, time.process_time() - cpu, summary.imported
    finally:
        await db.dispose()


async def count_readings(url: str) -> int:
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            return int((await conn.exec_driver_sql("SELECT count(*) FROM readings")).scalar_one())
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pg-import-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)
        csv_path = folder / "readings.csv"
        write_csv(csv_path, args.rows)
        print(f"{args.rows:,} rows, {csv_path.stat().st_size / 1e6:.0f} MB CSV, two counters per row", flush=True)
        best: dict[str, float] = {}
        for round_ in range(args.rounds):
            for kind in ("psql \\copy", "homelog import"):
                url = asyncio.run(create_database(migrated=True))
                try:
                    if kind == "psql \\copy":
                        source_id, metrics = asyncio.run(prepare_baseline(url))
                        readings_path, values_path = folder / "r.csv", folder / "v.csv"
                        shape_rows(csv_path, readings_path, values_path, source_id, metrics)
                        seconds, cpu = run_psql(url, readings_path, values_path)
                        stored = asyncio.run(count_readings(url))
                    else:
                        seconds, cpu, stored = asyncio.run(run_homelog(url, csv_path))
                finally:
                    asyncio.run(drop_database(url))
                assert stored == args.rows, (kind, stored)
                # The client's own CPU time (the machine may be shared: wall times vary with its load).
                print(
                    f"  round {round_ + 1} {kind}: {seconds * 1000:.0f} ms, client CPU {cpu * 1000:.0f} ms", flush=True
                )
                best[kind] = min(best.get(kind, seconds), seconds)
        base, ours = best["psql \\copy"], best["homelog import"]
        _common.report(
            f"import {args.rows:,} rows into PostgreSQL end to end (best of {args.rounds})",
            ours * 1000,
            RATIO_GOAL * base * 1000,
            base * 1000,
            "psql \\copy of the same rows",
        )


if __name__ == "__main__":
    main()
