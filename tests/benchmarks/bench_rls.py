"""Benchmark: a monthly report over 1,000,000 readings on PostgreSQL signed in as a member (row-level
security on), against the same report as the database owner (the policies do not apply to it).

Run as ``python tests/benchmarks/bench_rls.py [--rows N] [--runs N]``. Uses the test server
(HOMELOG_TEST_PG_URL, default postgres with trust auth on 127.0.0.1:5432): a scratch database and
the member roles are created and dropped again. The report is ``build_report`` end to end (the code
the Reports page and ``homelog report`` use). Goal (issue 11): with the policies <= 1.2x without.
A missed goal prints MISSED; only a crash makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from homelog_desktop.db import Database, rls, sqlite_url  # noqa: E402
from homelog_desktop.db.migrate import migrate  # noqa: E402
from homelog_desktop.domain.consumption import Period  # noqa: E402
from homelog_desktop.services.reports import build_report  # noqa: E402
from tests.postgres import admin_connection, create_database, drop_database  # noqa: E402

RATIO_GOAL = 1.2
SQLITE = "the same readings in a SQLite file"
#: One reading every 15 minutes.
STEP_S = 900


def seed(rows: int) -> list[str]:
    """Ann (1) administers, Bob (2) owns the public counter with ``rows`` readings, Cat (3) a small private one."""
    return [
        "INSERT INTO members (id, name, role, created_at, updated_at) VALUES"
        " (1, 'Ann', 'admin', 1, 1), (2, 'Bob', 'member', 1, 1), (3, 'Cat', 'member', 1, 1)",
        "INSERT INTO sources (id, name, description, owner_id, is_public, members_may_add_readings, created_at,"
        " updated_at) VALUES (1, 'Power', '', 2, TRUE, FALSE, 1, 1), (2, 'Cat', '', 3, FALSE, FALSE, 1, 1)",
        "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES"
        " (1, 1, 0, 'Day', 'kWh', 'counter', 1), (2, 2, 0, 'Heat', 'kWh', 'counter', 1)",
        "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at)"
        f" SELECT g, 1, 1000000000 + g::bigint * {STEP_S}, '', 2, 1, 1 FROM generate_series(1, {rows}) g",
        "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
        f" SELECT g, 1, 1000000000 + g::bigint * {STEP_S}, g / 10.0 FROM generate_series(1, {rows}) g",
        "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at)"
        f" SELECT g, 2, 1000000000 + g::bigint * {STEP_S}, '', 3, 1, 1"
        f" FROM generate_series({rows + 1}, {rows + 1000}) g",
        "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
        f" SELECT g, 2, 1000000000 + g::bigint * {STEP_S}, g FROM generate_series({rows + 1}, {rows + 1000}) g",
        "ANALYZE",
    ]


def sqlite_seed(rows: int) -> list[str]:
    """The same household as ``seed`` in SQLite's words (no generate_series, no TRUE)."""
    series = "WITH RECURSIVE g(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM g WHERE n < {last}) "
    return [
        "INSERT INTO members (id, name, role, created_at, updated_at) VALUES"
        " (1, 'Ann', 'admin', 1, 1), (2, 'Bob', 'member', 1, 1), (3, 'Cat', 'member', 1, 1)",
        "INSERT INTO sources (id, name, description, owner_id, is_public, members_may_add_readings, created_at,"
        " updated_at) VALUES (1, 'Power', '', 2, 1, 0, 1, 1), (2, 'Cat', '', 3, 0, 0, 1, 1)",
        "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES"
        " (1, 1, 0, 'Day', 'kWh', 'counter', 1), (2, 2, 0, 'Heat', 'kWh', 'counter', 1)",
        series.format(first=1, last=rows)
        + "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at)"
        f" SELECT n, 1, 1000000000 + n * {STEP_S}, '', 2, 1, 1 FROM g",
        series.format(first=1, last=rows) + "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
        f" SELECT n, 1, 1000000000 + n * {STEP_S}, n / 10.0 FROM g",
        series.format(first=rows + 1, last=rows + 1000)
        + "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at)"
        f" SELECT n, 2, 1000000000 + n * {STEP_S}, '', 3, 1, 1 FROM g",
        series.format(first=rows + 1, last=rows + 1000)
        + "INSERT INTO reading_values (reading_id, metric_id, ts, value)"
        f" SELECT n, 2, 1000000000 + n * {STEP_S}, n FROM g",
        "ANALYZE",
    ]


async def sqlite_database(folder: Path, rows: int) -> Database:
    """A migrated SQLite file with the household of ``seed``."""
    db = Database(sqlite_url(folder / "homelog.db"))
    await migrate(db)
    async with db.engine.begin() as conn:
        for statement in sqlite_seed(rows):
            await conn.execute(text(statement))
    return db


async def main(args: argparse.Namespace) -> None:
    url = await create_database(migrated=True)
    database = make_url(url).database or ""
    roles = {i: rls.member_role_name(database, name) for i, name in ((1, "Ann"), (2, "Bob"), (3, "Cat"))}
    owner = Database(url)
    members: dict[str, Database] = {}
    scratch = tempfile.TemporaryDirectory(prefix="bench-rls-")
    local: Database | None = None
    try:
        with _common.Stopwatch() as sw:
            async with owner.engine.begin() as conn:
                for statement in seed(args.rows):
                    await conn.execute(text(statement))
                await rls.install(conn, database)
                for i, role in roles.items():
                    await rls.execute_all(conn, rls.create_member_role_sql(database, i, role, f"pass phrase {i}!"))
        print(f"(info) {args.rows:,} readings seeded and policies installed in {sw.ms / 1000:.1f} s")
        for label, i in (("Bob, the owner", 2), ("Cat, another member (public source)", 3), ("Ann, the admin", 1)):
            members[label] = Database(make_url(url).set(username=roles[i], password=f"pass phrase {i}!"))
        with _common.Stopwatch() as sw:
            local = await sqlite_database(Path(scratch.name), args.rows)
        print(f"(info) the same readings written to a SQLite file in {sw.ms / 1000:.1f} s")
        everyone = {"owner of the database (no policies)": owner, **members, SQLITE: local}
        for db in everyone.values():  # warm up: connections, caches
            await build_report(db, 1, 1, Period.MONTH)
        times: dict[str, list[float]] = {label: [] for label in everyone}
        rows = {}
        for _ in range(args.runs):  # alternate, so that other load on the machine weighs on all alike
            for label, db in everyone.items():
                with _common.Stopwatch() as sw:
                    report = await build_report(db, 1, 1, Period.MONTH)
                times[label].append(sw.ms)
                rows[label] = len(report.rows)
        assert len(set(rows.values())) == 1, rows
        base = _common.median(times["owner of the database (no policies)"])
        for label, runs in times.items():
            print(f"{label}: runs {', '.join(f'{t:.0f}' for t in runs)} ms; {rows[label]} monthly rows")
        for label in members:
            _common.report(
                f"monthly report, {args.rows:,} readings, as {label} (median)",
                _common.median(times[label]),
                RATIO_GOAL * base,
                base,
                "the same report without policies",
            )
        signed_in = _common.median(times["Bob, the owner"])
        on_file = _common.median(times[SQLITE])
        print(
            f"(reported) the same report on SQLite: {on_file:.1f} ms; PostgreSQL as Bob (policies on) takes"
            f" {signed_in / on_file:.2f}x that, without policies {base / on_file:.2f}x",
            flush=True,
        )
    finally:
        for db in [owner, *members.values(), *([local] if local is not None else [])]:
            await db.dispose()
        scratch.cleanup()
        await drop_database(url)
        admin = await admin_connection()
        try:
            for role in [*roles.values(), rls.household_role(database)]:
                await admin.execute(f"DROP ROLE IF EXISTS {rls.quote_ident(role)}")
        finally:
            await admin.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    started = time.perf_counter()
    asyncio.run(main(arguments))
    print(f"done in {time.perf_counter() - started:.1f} s")
