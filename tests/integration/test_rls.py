"""Row-level security on a real PostgreSQL server with passwords (scram-sha-256), proven with psql.

Each member connects as their own role with their own password, through ``psql`` (a real client
process, not Home Log), and the server itself refuses what ``domain/access.py`` refuses.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text

from homelog_desktop.db import Database, rls
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.access import Action, Actor, MemberFacts, ReadingFacts, Role, SourceFacts, decide
from tests.pg_cluster import Cluster, password_cluster  # noqa: F401  (the fixture)

PASSWORDS = {"ann": "ann-Admin-pass-1", "bob": "bob's own passphrase", "cat": "cat likes 42 fish"}
#: The household's rows (ids fixed so the checks can name them). Ann (1) is the administrator.
SEED = [
    "INSERT INTO members (id, name, email, role, created_at, updated_at) VALUES"
    " (1, 'Ann', 'ann@example.org', 'admin', 1, 1), (2, 'Bob', 'bob@example.org', 'member', 1, 1),"
    " (3, 'Cat', 'cat@example.org', 'member', 1, 1)",
    "INSERT INTO sources (id, name, description, owner_id, is_public, members_may_add_readings,"
    " created_at, updated_at) VALUES"
    " (1, 'Bob private', '', 2, FALSE, FALSE, 1, 1), (2, 'Bob public', '', 2, TRUE, FALSE, 1, 1),"
    " (3, 'Bob open', '', 2, TRUE, TRUE, 1, 1), (4, 'Cat private', '', 3, FALSE, FALSE, 1, 1)",
    "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES"
    " (1, 1, 0, 'Gas', 'm3', 'counter', 2), (2, 2, 0, 'Power', 'kWh', 'counter', 1),"
    " (3, 3, 0, 'Water', 'm3', 'counter', 3), (4, 4, 0, 'Heat', 'kWh', 'counter', 1)",
    "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at) VALUES"
    " (1, 1, 100, 'bob private', 2, 1, 1), (2, 2, 100, 'bob public', 2, 1, 1),"
    " (3, 3, 100, 'cat on bob open', 3, 1, 1), (4, 4, 100, 'cat private', 3, 1, 1)",
    "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES"
    " (1, 1, 100, 11.5), (2, 2, 100, 22.5), (3, 3, 100, 33.5), (4, 4, 100, 44.5)",
    "INSERT INTO tariffs (metric_id, valid_from, unit_price, standing_charge, currency) VALUES"
    " (1, '2025-01-01', '1.5', '0', 'EUR')",
    "INSERT INTO meter_events (source_id, metric_id, ts, kind, note) VALUES (1, 1, 50, 'replacement', '')",
    "SELECT setval(pg_get_serial_sequence(t, 'id'), 100) FROM unnest(ARRAY['members', 'sources', 'metrics',"
    " 'readings', 'tariffs', 'meter_events']) AS t",
]


@dataclass(frozen=True)
class Household:
    cluster: Cluster
    database: str
    roles: dict[str, str]

    def psql(self, who: str, sql: str, *, password: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``sql`` with psql as ``who``'s role (their password unless ``password`` is given)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["PGPASSWORD"] = PASSWORDS[who] if password is None else password
        env["PGCONNECT_TIMEOUT"] = "10"
        conninfo = f"host=127.0.0.1 port={self.cluster.port} dbname={self.database} user={self.roles[who]}"
        return subprocess.run(
            ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )

    def rows(self, who: str, sql: str) -> list[str]:
        done = self.psql(who, sql)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line]


async def _build(
    cluster: Cluster, database: str, seed: list[str] = SEED, passwords: dict[str, str] = PASSWORDS
) -> dict[str, str]:
    """Create, migrate and seed ``database``, switch row-level security on (twice: it may be re-run)
    and make a role per member (member ids 1, 2, ... in the order of ``passwords``)."""
    import asyncpg

    owner_dsn = cluster.url().replace("postgresql+asyncpg://", "postgresql://")
    admin = await asyncpg.connect(owner_dsn, timeout=10)
    try:
        await admin.execute(f'CREATE DATABASE "{database}"')
    finally:
        await admin.close()
    db = Database(cluster.url(database=database))
    try:
        await migrate(db)
        roles = {name: rls.member_role_name(database, name) for name in passwords}
        async with db.engine.begin() as conn:
            for statement in seed:
                await conn.execute(text(statement))
            await rls.install(conn, database)
            await rls.install(conn, database)
            for i, (name, role) in enumerate(roles.items(), start=1):
                await rls.execute_all(conn, rls.create_member_role_sql(database, i, role, passwords[name]))
        return roles
    finally:
        await db.dispose()


async def _drop(cluster: Cluster, database: str, roles: dict[str, str]) -> None:
    import asyncpg

    admin = await asyncpg.connect(cluster.url().replace("postgresql+asyncpg://", "postgresql://"), timeout=10)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in [*roles.values(), rls.household_role(database)]:
            await admin.execute(f"DROP ROLE IF EXISTS {rls.quote_ident(role)}")
    finally:
        await admin.close()


@pytest.fixture(scope="module")
def household(password_cluster: Cluster) -> Iterator[Household]:  # noqa: F811
    """A migrated household database with row-level security and a role per member."""
    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    database = f"homelog_rls_{uuid.uuid4().hex[:8]}"
    roles = asyncio.run(_build(password_cluster, database))
    try:
        yield Household(password_cluster, database, roles)
    finally:
        asyncio.run(_drop(password_cluster, database, roles))


def test_rls_member_sees_own_and_public_sources_only(household: Household) -> None:
    """Cat sees her private source and Bob's public ones, never Bob's private source, its metrics or extras."""
    assert household.rows("cat", "SELECT name FROM sources ORDER BY id") == ["Bob public", "Bob open", "Cat private"]
    assert household.rows("cat", "SELECT count(*) FROM sources WHERE id = 1") == ["0"]
    assert household.rows("cat", "SELECT count(*) FROM metrics WHERE source_id = 1") == ["0"]
    assert household.rows("cat", "SELECT count(*) FROM tariffs") == ["0"]
    assert household.rows("cat", "SELECT count(*) FROM meter_events") == ["0"]
    assert household.rows("bob", "SELECT name FROM sources ORDER BY id") == ["Bob private", "Bob public", "Bob open"]
    assert household.rows("bob", "SELECT count(*) FROM tariffs") == ["1"]


def test_rls_member_cannot_read_others_private_readings_or_values(household: Household) -> None:
    """Another member's private readings and their values are invisible, even asked for by id."""
    assert household.rows("cat", "SELECT note FROM readings ORDER BY id") == [
        "bob public",
        "cat on bob open",
        "cat private",
    ]
    assert household.rows("cat", "SELECT count(*) FROM readings WHERE id = 1") == ["0"]
    assert household.rows("cat", "SELECT count(*) FROM reading_values WHERE reading_id = 1 OR metric_id = 1") == ["0"]
    assert household.rows("cat", "SELECT value FROM reading_values ORDER BY reading_id") == ["22.5", "33.5", "44.5"]
    assert household.rows("bob", "SELECT count(*) FROM readings WHERE source_id = 4") == ["0"]


def test_rls_administrator_sees_everything(household: Household) -> None:
    """The administrator reads every source, reading and value."""
    assert household.rows("ann", "SELECT count(*) FROM sources") == ["4"]
    assert household.rows("ann", "SELECT count(*) FROM reading_values") == ["4"]


def test_rls_member_cannot_change_or_delete_others_readings(household: Household) -> None:
    """Cat's UPDATE and DELETE of Bob's readings (public or private) touch nothing."""
    for reading in (1, 2):
        assert household.rows("cat", f"UPDATE readings SET note = 'hacked' WHERE id = {reading} RETURNING id") == []
        assert household.rows("cat", f"DELETE FROM reading_values WHERE reading_id = {reading} RETURNING 1") == []
        assert household.rows("cat", f"DELETE FROM readings WHERE id = {reading} RETURNING id") == []
        assert (
            household.rows("cat", f"UPDATE reading_values SET value = 0 WHERE reading_id = {reading} RETURNING 1") == []
        )
    assert household.rows("ann", "SELECT note FROM readings WHERE id IN (1, 2) ORDER BY id") == [
        "bob private",
        "bob public",
    ]
    assert household.rows("ann", "SELECT count(*) FROM reading_values WHERE reading_id IN (1, 2)") == ["2"]


def test_rls_adding_readings_follows_source_choice(household: Household) -> None:
    """Cat may add readings to Bob's open public source, not to his closed public or private one."""
    insert = (
        "INSERT INTO readings (source_id, ts, note, entered_by, created_at, updated_at)"
        " VALUES ({source}, 200, 'new', 3, 2, 2) RETURNING source_id"
    )
    for closed in (1, 2):
        refused = household.psql("cat", insert.format(source=closed))
        assert refused.returncode != 0 and "row-level security" in refused.stderr
    assert household.rows("cat", insert.format(source=3)) == ["3"]
    pretend = household.psql("cat", insert.format(source=3).replace("'new', 3", "'as bob', 2"))
    assert pretend.returncode != 0 and "row-level security" in pretend.stderr


def test_rls_author_changes_own_reading_owner_manages_source(household: Household) -> None:
    """Cat edits her reading on Bob's source; Bob too; Cat cannot change Bob's source or metric."""
    assert household.rows("cat", "UPDATE readings SET note = 'cat fixed' WHERE id = 3 RETURNING id") == ["3"]
    assert household.rows("cat", "UPDATE reading_values SET value = 33.75 WHERE reading_id = 3 RETURNING 1") == ["1"]
    assert household.rows("bob", "UPDATE readings SET note = 'bob fixed' WHERE id = 3 RETURNING id") == ["3"]
    assert household.rows("cat", "UPDATE sources SET name = 'mine' WHERE id = 2 RETURNING id") == []
    assert household.rows("cat", "UPDATE metrics SET unit = 'x' WHERE source_id = 2 RETURNING id") == []
    given = household.psql("cat", "UPDATE sources SET owner_id = 3 WHERE id = 4 RETURNING id")
    assert given.returncode == 0
    stolen = household.psql("cat", "UPDATE sources SET owner_id = 2 WHERE id = 4")
    assert stolen.returncode != 0 and "row-level security" in stolen.stderr


def test_rls_members_and_roles(household: Household) -> None:
    """A member renames themselves, not others, cannot make themselves admin, nor add members."""
    assert household.rows("cat", "UPDATE members SET name = 'Cathy' WHERE id = 3 RETURNING name") == ["Cathy"]
    assert household.rows("cat", "UPDATE members SET name = 'X' WHERE id = 2 RETURNING id") == []
    promoted = household.psql("cat", "UPDATE members SET role = 'admin' WHERE id = 3")
    assert promoted.returncode != 0 and "Only the administrator" in promoted.stderr
    added = household.psql(
        "cat", "INSERT INTO members (name, role, created_at, updated_at) VALUES ('Eve', 'admin', 1, 1)"
    )
    assert added.returncode != 0 and "row-level security" in added.stderr
    assert household.rows("ann", "UPDATE members SET role = 'admin' WHERE id = 2 RETURNING id") == ["2"]
    everything = household.rows("ann", "SELECT count(*) FROM readings")
    assert household.rows("bob", "SELECT count(*) FROM readings") == everything  # now Bob sees Cat's private one
    assert household.rows("ann", "UPDATE members SET role = 'member' WHERE id = 2 RETURNING id") == ["2"]


def test_rls_server_checks_passwords(household: Household) -> None:
    """A wrong password is refused by the server itself (scram-sha-256)."""
    refused = household.psql("cat", "SELECT 1", password="bob's own passphrase")
    assert refused.returncode != 0 and "password authentication failed" in refused.stderr


def test_rls_scram_verifier_format() -> None:
    """The verifier has PostgreSQL's form and depends on salt and password only."""
    one = rls.scram_verifier("secret password", salt=b"0123456789abcdef")
    assert one == rls.scram_verifier("secret password", salt=b"0123456789abcdef")
    assert one.startswith("SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$") and "secret" not in one
    assert one != rls.scram_verifier("secret passworD", salt=b"0123456789abcdef")


def test_rls_identifiers_are_quoted_and_bounded() -> None:
    """Role names are quoted, fit PostgreSQL's 63 bytes, and name the database."""
    assert rls.quote_ident('a"b') == '"a""b"'
    assert rls.member_role_name("Home-Log", "Anna Maria") == "home_log_anna_maria"
    assert rls.member_role_name("homelog", "  ÅSA-Lena ") == "homelog_åsa_lena"
    long = rls.member_role_name("x" * 100, "ü" * 40)
    assert len(long.encode()) <= 63 and long != rls.member_role_name("x" * 100, "ü" * 41)
    with pytest.raises(ValueError):
        rls.member_role_name("homelog", " -- ")
    assert rls.household_role("homelog") == "homelog_household"
    with pytest.raises(ValueError):
        rls.quote_ident("x" * 64)


# -- the server agrees with domain/access.py, case by case ---------------------------------------

#: The unit tests' household: 1 the administrator, 2 the owner of every owned source, 3 a member who
#: entered readings, 4 a member who did nothing. Sources by kind, as in tests/unit/test_access.py.
TABLE_PASSWORDS = {name: f"{name} pass phrase 1" for name in ("admin", "owner", "author", "stranger")}
ACTORS = {
    "admin": Actor(1, Role.ADMIN),
    "owner": Actor(2),
    "author": Actor(3),
    "stranger": Actor(4),
}
KINDS = {
    # id: (kind, facts)
    1: ("private", SourceFacts(owner_id=2)),
    2: ("public", SourceFacts(owner_id=2, is_public=True)),
    3: ("public-open", SourceFacts(owner_id=2, is_public=True, members_may_add_readings=True)),
    4: ("private-open", SourceFacts(owner_id=2, members_may_add_readings=True)),
    5: ("orphan-private", SourceFacts(owner_id=None)),
    6: ("orphan-public", SourceFacts(owner_id=None, is_public=True, members_may_add_readings=True)),
}


def _table_seed() -> list[str]:
    sources = ", ".join(
        f"({sid}, '{kind}', '', {facts.owner_id or 'NULL'}, {facts.is_public}, {facts.members_may_add_readings}, 1, 1)"
        for sid, (kind, facts) in KINDS.items()
    )
    # Reading 10*sid by the author (3), 10*sid + 1 by nobody known; metric sid per source.
    readings = ", ".join(
        f"({10 * sid}, {sid}, 1, '', 3, 1, 1), ({10 * sid + 1}, {sid}, 2, '', NULL, 1, 1)" for sid in KINDS
    )
    values = ", ".join(f"({10 * sid}, {sid}, 1, 1.0), ({10 * sid + 1}, {sid}, 2, 2.0)" for sid in KINDS)
    return [
        "INSERT INTO members (id, name, role, created_at, updated_at) VALUES (1, 'A', 'admin', 1, 1),"
        " (2, 'O', 'member', 1, 1), (3, 'W', 'member', 1, 1), (4, 'S', 'member', 1, 1)",
        "INSERT INTO sources (id, name, description, owner_id, is_public, members_may_add_readings,"
        f" created_at, updated_at) VALUES {sources}",
        "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES "
        + ", ".join(f"({sid}, {sid}, 0, 'M', 'u', 'counter', 1)" for sid in KINDS),
        f"INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at) VALUES {readings}",
        f"INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES {values}",
        "INSERT INTO tariffs (id, metric_id, valid_from, unit_price, standing_charge, currency) VALUES "
        + ", ".join(f"({sid}, {sid}, '2025-01-01', '1', '0', 'EUR')" for sid in KINDS),
        "INSERT INTO meter_events (id, source_id, metric_id, ts, kind, note) VALUES "
        + ", ".join(f"({sid}, {sid}, {sid}, 1, 'reset', '')" for sid in KINDS),
        "INSERT INTO conversion_factors (id, metric_id, valid_from, factor, z_number, unit) VALUES "
        + ", ".join(f"({sid}, {sid}, '2025-01-01', '11.2', '0.95', 'kWh')" for sid in KINDS),
        "INSERT INTO advance_payments (id, source_id, valid_from, amount, currency) VALUES "
        + ", ".join(f"({sid}, {sid}, '2025-01-01', '85', 'EUR')" for sid in KINDS),
        "SELECT setval(pg_get_serial_sequence(t, 'id'), 1000) FROM unnest(ARRAY['members', 'sources', 'metrics',"
        " 'readings', 'tariffs', 'meter_events', 'conversion_factors', 'advance_payments']) AS t",
    ]


async def _attempt(conn: Any, sql: str) -> bool:
    """Whether ``sql`` touches or returns a row for this role (refused by a policy: no); rolled back."""
    import asyncpg

    transaction = conn.transaction()
    await transaction.start()
    try:
        return len(await conn.fetch(sql)) > 0
    except asyncpg.InsufficientPrivilegeError:
        return False
    finally:
        await transaction.rollback()


async def _server_decisions(cluster: Cluster, database: str, roles: dict[str, str]) -> dict[tuple, bool]:
    """What the server lets each actor do, each attempt in a transaction that is rolled back."""
    import asyncpg

    found: dict[tuple, bool] = {}
    for name, role in roles.items():
        conn = await asyncpg.connect(
            host="127.0.0.1", port=cluster.port, user=role, password=TABLE_PASSWORDS[name], database=database
        )
        me = ACTORS[name].member_id

        try:
            for sid in KINDS:
                checks = {
                    Action.VIEW_SOURCE: f"SELECT 1 FROM sources WHERE id = {sid}",
                    Action.EDIT_SOURCE: f"UPDATE sources SET description = 'x' WHERE id = {sid} RETURNING 1",
                    Action.DELETE_SOURCE: f"DELETE FROM sources WHERE id = {sid} RETURNING 1",
                    Action.EDIT_METRICS: f"UPDATE metrics SET unit = 'x' WHERE source_id = {sid} RETURNING 1",
                    Action.EDIT_TARIFFS: f"UPDATE tariffs SET unit_price = '2' WHERE metric_id = {sid} RETURNING 1",
                    Action.EDIT_METER_CHANGES: f"DELETE FROM meter_events WHERE source_id = {sid} RETURNING 1",
                    Action.EDIT_CONVERSION_FACTORS: "INSERT INTO conversion_factors (metric_id, valid_from, factor,"
                    f" z_number, unit) VALUES ({sid}, '2026-01-01', '11', '1', 'kWh') RETURNING 1",
                    Action.EDIT_ADVANCE_PAYMENTS: f"UPDATE advance_payments SET amount = '90' WHERE source_id = {sid}"
                    " RETURNING 1",
                    Action.ADD_READING: "INSERT INTO readings (source_id, ts, note, entered_by, created_at, updated_at)"
                    f" VALUES ({sid}, 9, '', {me}, 1, 1) RETURNING 1",
                }
                for action, sql in checks.items():
                    found[(name, sid, None, action)] = await _attempt(conn, sql)
                found[(name, sid, None, "see-values")] = await _attempt(
                    conn, f"SELECT 1 FROM reading_values WHERE metric_id = {sid}"
                )
                seen_energy = await _attempt(conn, f"SELECT 1 FROM conversion_factors WHERE metric_id = {sid}")
                assert seen_energy == await _attempt(conn, f"SELECT 1 FROM advance_payments WHERE source_id = {sid}")
                found[(name, sid, None, "see-energy")] = seen_energy
                for rid, author in ((10 * sid, 3), (10 * sid + 1, None)):
                    change = await _attempt(conn, f"UPDATE readings SET note = 'x' WHERE id = {rid} RETURNING 1")
                    values = await _attempt(
                        conn, f"UPDATE reading_values SET value = 5 WHERE reading_id = {rid} RETURNING 1"
                    )
                    assert change == values, (name, rid)
                    found[(name, sid, author, Action.CHANGE_READING)] = change
                    found[(name, sid, author, Action.DELETE_READING)] = await _attempt(
                        conn, f"DELETE FROM readings WHERE id = {rid} RETURNING 1"
                    )
            for target in (1, 2, 3, 4):
                member_checks = {
                    Action.EDIT_MEMBER: f"UPDATE members SET name = name || '.' WHERE id = {target} RETURNING 1",
                    Action.REMOVE_MEMBER: f"DELETE FROM members WHERE id = {target} RETURNING 1",
                    # Setting a password: one's own is an edit of oneself, another's a reset.
                    Action.RESET_PASSWORD: "INSERT INTO member_passwords (member_id, hash, updated_at)"
                    f" VALUES ({target}, 'h', 1) RETURNING 1",
                }
                for action, sql in member_checks.items():
                    found[(name, "member", target, action)] = await _attempt(conn, sql)
            found[(name, "member", None, Action.ADD_MEMBER)] = await _attempt(
                conn,
                "INSERT INTO members (name, role, created_at, updated_at) VALUES ('N', 'member', 1, 1) RETURNING 1",
            )
        finally:
            await conn.close()
    return found


@pytest.fixture(scope="module")
def server_decisions(password_cluster: Cluster) -> Iterator[dict[tuple, bool]]:  # noqa: F811
    database = f"homelog_rlst_{uuid.uuid4().hex[:8]}"
    roles = asyncio.run(_build(password_cluster, database, _table_seed(), TABLE_PASSWORDS))
    try:
        yield asyncio.run(_server_decisions(password_cluster, database, roles))
    finally:
        asyncio.run(_drop(password_cluster, database, roles))


def test_rls_server_agrees_with_access_policy(server_decisions: dict[tuple, bool]) -> None:
    """For every actor, kind of source and action, the server allows exactly what domain/access.py allows."""
    disagreements = []
    sources = {key: allowed for key, allowed in server_decisions.items() if key[1] != "member"}
    for (name, sid, author, action), allowed in sources.items():
        facts = KINDS[sid][1]
        if action in ("see-values", "see-energy"):
            expected = decide(ACTORS[name], Action.VIEW_SOURCE, facts).allowed
        elif action in (Action.CHANGE_READING, Action.DELETE_READING):
            expected = decide(ACTORS[name], action, ReadingFacts(facts, entered_by=author)).allowed
        else:
            expected = decide(ACTORS[name], Action(action), facts).allowed
        if allowed != expected:
            disagreements.append((name, KINDS[sid][0], author, str(action), "server", allowed, "policy", expected))
    assert len(sources) == 4 * 6 * 15
    for action in {key[3] for key in sources}:  # every action is both allowed and refused somewhere
        assert {allowed for key, allowed in sources.items() if key[3] == action} == {True, False}
    assert disagreements == []


def test_rls_server_agrees_with_access_policy_on_members(server_decisions: dict[tuple, bool]) -> None:
    """Editing, removing, adding members and setting passwords: the server allows what domain/access.py allows."""
    members = {key: allowed for key, allowed in server_decisions.items() if key[1] == "member"}
    disagreements = []
    for (name, _, target, action), allowed in members.items():
        actor = ACTORS[name]
        if action is Action.ADD_MEMBER:
            expected = decide(actor, action).allowed
        elif action is Action.RESET_PASSWORD and target == actor.member_id:
            expected = decide(actor, Action.EDIT_MEMBER, MemberFacts(target)).allowed
        else:
            expected = decide(actor, action, MemberFacts(target)).allowed
        if allowed != expected:
            disagreements.append((name, target, str(action), "server", allowed, "policy", expected))
    assert len(members) == 4 * (4 * 3 + 1)
    assert disagreements == []


def test_rls_migration_0009_protects_the_new_tables_on_a_running_server(password_cluster: Cluster) -> None:  # noqa: F811
    """A server whose row-level security was switched on at 0008 gets the same policies on the
    conversion factors and advance payments when it is migrated to 0009."""
    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    database = f"homelog_rls9_{uuid.uuid4().hex[:8]}"
    roles = {name: rls.member_role_name(database, name) for name in PASSWORDS}

    async def build() -> None:
        import asyncpg

        admin = await asyncpg.connect(password_cluster.url().replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            await admin.close()
        db = Database(password_cluster.url(database=database))
        try:
            await migrate(db, target="0008")
            async with db.engine.begin() as conn:
                for statement in SEED:
                    await conn.execute(text(statement))
                # The statements of a 0008 server: nothing about the tables it did not have yet.
                for statement in rls.install_sql(database):
                    for table in rls.ENERGY_TABLES:
                        statement = statement.replace(f", {table}", "")  # the GRANT's list of tables
                    if not any(table in statement for table in rls.ENERGY_TABLES):
                        await conn.exec_driver_sql(statement)
                for i, (name, role) in enumerate(roles.items(), start=1):
                    await rls.execute_all(conn, rls.create_member_role_sql(database, i, role, PASSWORDS[name]))
            await migrate(db)
            async with db.engine.begin() as conn:
                await conn.execute(
                    text(
                        "INSERT INTO conversion_factors (metric_id, valid_from, factor, z_number, unit) VALUES"
                        " (1, '2025-01-01', '11.2', '0.95', 'kWh'), (4, '2025-01-01', '10', '1', 'kWh')"
                    )
                )
                await conn.execute(
                    text(
                        "INSERT INTO advance_payments (source_id, valid_from, amount, currency) VALUES"
                        " (1, '2025-01-01', '85', 'EUR'), (4, '2025-01-01', '60', 'EUR')"
                    )
                )
        finally:
            await db.dispose()

    asyncio.run(build())
    try:
        house = Household(password_cluster, database, roles)
        # Bob sees his own (metric 1 / source 1), not Cat's private one; Cat the other way round.
        assert house.rows("bob", "SELECT metric_id FROM conversion_factors") == ["1"]
        assert house.rows("bob", "SELECT amount FROM advance_payments") == ["85"]
        assert house.rows("cat", "SELECT amount FROM advance_payments") == ["60"]
        assert house.rows("ann", "SELECT count(*) FROM conversion_factors") == ["2"]
        # Cat may not write to Bob's public source; Bob may.
        add = (
            "INSERT INTO advance_payments (source_id, valid_from, amount, currency)"
            " VALUES (2, '2026-01-01', '1', 'EUR')"
        )
        refused = house.psql("cat", add)
        assert refused.returncode != 0 and "row-level security" in refused.stderr
        assert house.psql("bob", add).returncode == 0
        assert house.rows("cat", "UPDATE conversion_factors SET factor = '1' RETURNING 1") == ["1"]  # her own only
        assert house.rows("ann", "SELECT factor FROM conversion_factors ORDER BY metric_id") == ["11.2", "1"]
    finally:
        asyncio.run(_drop(password_cluster, database, roles))
