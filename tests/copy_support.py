"""What the copy tests share: a household file with every kind of row, table dumps, scratch databases and roles."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.copying import table_specs
from homelog_desktop.db.migrate import migrate
from homelog_desktop.services.sample_data import create_sample_household

ROOT = Path(__file__).resolve().parents[1]


def build_household(path: Path) -> Path:
    """The sample household plus what it lacks: a password hash, a private source, a gap in the reading ids
    (the highest ever given is above the highest stored), texts with quotes, line breaks and non-ASCII."""

    # In a child process: a plain asyncio loop run in a process that has run (and closed) qasync loops
    # before crashes the next qasync loop (seen as a segmentation fault in a later test's fixture).
    subprocess.run(
        [sys.executable, "-c", f"from tests.copy_support import _build_sample; _build_sample({str(path)!r})"],
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    try:
        with conn:
            conn.execute("UPDATE members SET role = 'admin' WHERE id = (SELECT min(id) FROM members)")
            conn.execute("INSERT INTO member_passwords (member_id, hash, updated_at) VALUES (1, '$argon2id$v=19$x', 5)")
            conn.execute(
                "UPDATE sources SET is_public = 1, owner_id = 1, description = ? WHERE id = 1",
                ('Zähler "A"\nzweite Zeile',),
            )
            conn.execute("UPDATE sources SET is_public = 0, owner_id = 2 WHERE id = 2")
            conn.execute("UPDATE readings SET note = 'ölig, \"quoted\", tab\there', estimated = 1 WHERE id = 3")
            top = conn.execute("SELECT max(id) FROM readings").fetchone()[0]
            conn.execute("DELETE FROM readings WHERE id = ?", (top,))  # its id is never given again
    finally:
        conn.close()
    return path


def off_loop(coro: Any) -> Any:
    """Run ``coro`` to the end on a plain asyncio loop in another thread (a test's qasync loop may be the
    running loop here; the server connections of fixtures stay off it)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _build_sample(path: str) -> None:
    """The sample household in a new file (run by ``build_household`` in a child process)."""

    async def build() -> None:
        db = Database(sqlite_url(Path(path)))
        try:
            await migrate(db)
            await create_sample_household(db)
        finally:
            await db.dispose()

    asyncio.run(build())


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every household table, by key (booleans as 0/1)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        found = {}
        for spec in table_specs():
            rows = conn.execute(f"SELECT {spec.column_list} FROM {spec.name} ORDER BY {', '.join(spec.key)}")
            found[spec.name] = [tuple(r) for r in rows]
        return found
    finally:
        conn.close()


def sequences(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {name: seq for name, seq in conn.execute("SELECT name, seq FROM sqlite_sequence")}
    finally:
        conn.close()


def file_digest(path: Path) -> str:
    """The file's bytes and whether it has a -wal or -shm beside it."""
    sides = [Path(f"{path}{s}").exists() for s in ("-wal", "-shm", "-journal")]
    return hashlib.sha256(path.read_bytes()).hexdigest() + repr(sides)


async def pg_counts(url: str) -> dict[str, int]:
    import asyncpg

    conn = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        found = {}
        for spec in table_specs():
            if await conn.fetchval("SELECT to_regclass($1)", spec.name) is not None:  # not migrated: no tables
                found[spec.name] = await conn.fetchval(f"SELECT count(*) FROM {spec.name}")
        return found
    finally:
        await conn.close()


async def drop_roles(admin: Any, database: str) -> None:
    """Drop the household and member roles a copy made for ``database`` (roles outlive databases)."""
    from homelog_desktop.db import rls

    prefix = rls.household_role(database)[: -len("_household")]
    rows = await admin.fetch(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR rolname = $2",
        prefix.replace("_", r"\_") + "-%",  # the members' (<database>-member-<id>) and the sign-in role
        rls.household_role(database),
    )
    names = sorted((r[0] for r in rows), key=lambda n: n.endswith("_household"))  # members first
    for name in names:
        await admin.execute(f"DROP ROLE IF EXISTS {rls.quote_ident(name)}")


def member_name(path: Path, member_id: int) -> str:
    """The name of a member of the household file (their server role is made from it)."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT name FROM members WHERE id = ?", (member_id,)).fetchone()
    finally:
        conn.close()
    assert row is not None, member_id
    return str(row[0])
