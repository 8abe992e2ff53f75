"""A household copied to a server with passwords (scram-sha-256): row-level security on, a role per member.

Proven with psql, a real client: the member whose password was given signs in with it and sees what
the policy lets them see; a member without a password cannot sign in until one is set.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop.db import rls
from homelog_desktop.services.copying import copy_to_server
from tests.copy_support import build_household, drop_roles, dump
from tests.pg_cluster import Cluster, password_cluster  # noqa: F401  (the fixture)

ADMIN_PASSWORD = "the admin's own passphrase"


def psql(cluster: Cluster, database: str, user: str, password: str, sql: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(PGPASSWORD=password, PGCONNECT_TIMEOUT="10")
    conninfo = f"host=127.0.0.1 port={cluster.port} dbname={database} user={user}"
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


async def _admin(cluster: Cluster, sql: str, *, database: str | None = None) -> None:
    import asyncpg

    url = cluster.url(database=database) if database else cluster.url()
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture
def copied(password_cluster: Cluster, tmp_path: Path) -> Iterator[tuple[Cluster, str, Path]]:  # noqa: F811
    """The household copied into a new database of the password cluster, Ann's (id 1) password given."""
    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    database = f"homelog_copy_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(password_cluster, f'CREATE DATABASE "{database}"'))
    local = build_household(tmp_path / "homelog.db")

    async def clean() -> None:
        import asyncpg

        admin = await asyncpg.connect(password_cluster.url().replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            await drop_roles(admin, database)
        finally:
            await admin.close()

    try:
        result = asyncio.run(
            copy_to_server(local, password_cluster.url(database=database), passwords={1: ADMIN_PASSWORD})
        )
        assert [(r.role, r.has_password) for r in result.roles][:2] == [
            (rls.member_role_name(database, 1), True),
            (rls.member_role_name(database, 2), False),
        ]
        yield password_cluster, database, local
    finally:
        asyncio.run(clean())


def test_copy_to_server_switches_row_level_security_on(copied):
    """Every household table has its policies after the copy."""
    cluster, database, _local = copied
    from tests.pg_cluster import PASSWORD, USER

    done = psql(
        cluster,
        database,
        USER,
        PASSWORD,
        "SELECT count(DISTINCT tablename) FROM pg_policies WHERE policyname LIKE 'homelog_%';"
        " SELECT count(*) FROM pg_class WHERE relrowsecurity AND relname = ANY(ARRAY['sources', 'readings'])",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(rls.TABLES)), "2"]


def test_copy_to_server_member_signs_in_with_the_password_given(copied):
    """The administrator signs in as their role with their password and sees every reading."""
    cluster, database, local = copied
    role = rls.member_role_name(database, 1)
    done = psql(cluster, database, role, ADMIN_PASSWORD, "SELECT count(*) FROM readings")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(dump(local)["readings"]))]


def test_copy_to_server_member_without_password_cannot_sign_in(copied):
    """A member whose password was not given has a role that no password opens (until the admin sets one)."""
    cluster, database, _local = copied
    role = rls.member_role_name(database, 2)
    for guess in ("", "anything at all", ADMIN_PASSWORD):
        done = psql(cluster, database, role, guess, "SELECT 1")
        assert done.returncode != 0 and ("authentication failed" in done.stderr or "no password" in done.stderr)
    asyncio.run(_admin(cluster, " ; ".join(rls.set_member_password_sql(role, "sam's new passphrase"))))
    done = psql(cluster, database, role, "sam's new passphrase", "SELECT name FROM sources ORDER BY id")
    assert done.returncode == 0, done.stderr
    # Member 2 sees their own sources and the public one (source 1), never member 1's private ones.
    sources = dump(copied[2])["sources"]  # (id, name, description, category, owner_id, is_public, ...)
    visible = [row[1] for row in sources if row[4] == 2 or row[5]]
    assert "Electricity" in visible and "Gas" not in visible
    assert done.stdout.splitlines() == visible
