"""Virtual meters on PostgreSQL with row-level security: the server keeps a virtual meter's terms as
private as the meter, refuses inputs that would reveal a private meter, refuses readings on a virtual
meter, and a member who cannot see every input gets a message instead of figures."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from homelog_desktop.db import Database
from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.virtual import HiddenInputError
from homelog_desktop.repositories.access import server_member
from homelog_desktop.services.reports import build_report
from tests.integration.test_rls import PASSWORDS, Household, _build, _drop
from tests.pg_cluster import Cluster, password_cluster  # noqa: F401  (the fixture)

#: Bob (2) owns a private meter (metric 1) and a public one (metric 2), a private virtual meter
#: (metric 3 = 1 + 2), a public one (metric 4 = 2) and a public one stored by another program over
#: his private meter (metric 5 = 2 - 1), which the app's rules would have refused.
SEED = [
    "INSERT INTO members (id, name, email, role, created_at, updated_at) VALUES"
    " (1, 'Ann', 'ann@example.org', 'admin', 1, 1), (2, 'Bob', 'bob@example.org', 'member', 1, 1),"
    " (3, 'Cat', 'cat@example.org', 'member', 1, 1)",
    "INSERT INTO sources (id, name, description, owner_id, is_public, virtual, created_at, updated_at) VALUES"
    " (1, 'Bob private', '', 2, FALSE, FALSE, 1, 1), (2, 'Bob public', '', 2, TRUE, FALSE, 1, 1),"
    " (3, 'Bob sum', '', 2, FALSE, TRUE, 1, 1), (4, 'Bob shared', '', 2, TRUE, TRUE, 1, 1),"
    " (5, 'Bob leak', '', 2, TRUE, TRUE, 1, 1)",
    "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES"
    " (1, 1, 0, 'Power', 'kWh', 'counter', 1), (2, 2, 0, 'Power', 'kWh', 'counter', 1),"
    " (3, 3, 0, 'Power', 'kWh', 'counter', 1), (4, 4, 0, 'Power', 'kWh', 'counter', 1),"
    " (5, 5, 0, 'Power', 'kWh', 'counter', 1)",
    "INSERT INTO virtual_terms (metric_id, input_metric_id, sign, position) VALUES"
    " (3, 1, 1, 0), (3, 2, 1, 1), (4, 2, 1, 0), (5, 2, 1, 0), (5, 1, -1, 1)",
    "INSERT INTO readings (id, source_id, ts, note, entered_by, created_at, updated_at) VALUES"
    " (1, 1, 1735689600, '', 2, 1, 1), (2, 1, 1738368000, '', 2, 1, 1),"
    " (3, 2, 1735689600, '', 2, 1, 1), (4, 2, 1738368000, '', 2, 1, 1)",
    "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES"
    " (1, 1, 1735689600, 0), (2, 1, 1738368000, 31), (3, 2, 1735689600, 100), (4, 2, 1738368000, 162)",
    "SELECT setval(pg_get_serial_sequence(t, 'id'), 100) FROM unnest(ARRAY['members', 'sources', 'metrics',"
    " 'readings', 'virtual_terms']) AS t",
]


@pytest.fixture(scope="module")
def household(password_cluster: Cluster) -> Iterator[Household]:  # noqa: F811
    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    database = f"homelog_virt_{uuid.uuid4().hex[:8]}"
    roles = asyncio.run(_build(password_cluster, database, SEED))
    try:
        yield Household(password_cluster, database, roles)
    finally:
        asyncio.run(_drop(password_cluster, database, roles))


def test_virtual_rls_terms_are_as_private_as_the_virtual_meter(household: Household) -> None:
    """Cat reads the terms of Bob's public virtual meters, not those of his private one; Bob reads all."""
    terms = "SELECT metric_id || ':' || input_metric_id FROM virtual_terms ORDER BY metric_id, position"
    assert household.rows("cat", terms) == ["4:2", "5:2", "5:1"]
    assert household.rows("bob", terms) == ["3:1", "3:2", "4:2", "5:2", "5:1"]


def test_virtual_rls_server_refuses_an_input_that_would_reveal_a_private_meter(household: Household) -> None:
    """Bob may not make his public virtual meter use his private meter; his private one may. Cat may not
    touch Bob's terms at all."""
    leak = household.psql(
        "bob", "INSERT INTO virtual_terms (metric_id, input_metric_id, sign, position) VALUES (4, 1, 1, 1)"
    )
    assert leak.returncode != 0 and "row-level security" in leak.stderr
    assert household.rows(
        "bob", "UPDATE virtual_terms SET sign = -1 WHERE metric_id = 3 AND input_metric_id = 2 RETURNING sign"
    ) == ["-1"]
    assert household.rows("cat", "UPDATE virtual_terms SET sign = -1 WHERE metric_id = 4 RETURNING sign") == []
    other = household.psql(
        "cat", "INSERT INTO virtual_terms (metric_id, input_metric_id, sign, position) VALUES (4, 2, -1, 5)"
    )
    assert other.returncode != 0 and "row-level security" in other.stderr


def test_virtual_rls_no_readings_on_a_virtual_meter_even_for_the_administrator(household: Household) -> None:
    """A reading on a virtual meter is refused by the server, for its owner and the administrator alike."""
    for who, member in (("bob", 2), ("ann", 1)):
        done = household.psql(
            who,
            "INSERT INTO readings (source_id, ts, note, entered_by, created_at, updated_at)"
            f" VALUES (4, 200, '', {member}, 2, 2)",
        )
        assert done.returncode != 0 and "row-level security" in done.stderr


def _report_as(household: Household, who: str, source_id: int) -> list[tuple[date, object]]:
    async def go() -> list[tuple[date, object]]:
        url = household.cluster.url(user=household.roles[who], password=PASSWORDS[who], database=household.database)
        db = Database(url)
        try:
            async with db.session(readonly=True) as session:
                db.sign_in_as(await server_member(session))
            report = await build_report(db, source_id, source_id, Period.MONTH)
            return [(r.start, r.consumption) for r in report.rows]
        finally:
            await db.dispose()

    return asyncio.run(go())


def test_virtual_rls_figures_only_for_members_who_see_every_input(household: Household) -> None:
    """Cat gets Bob's public virtual meter over his public meter; over his private one she gets a
    message, never the private meter's figures (the server hides them, the app says why); Bob gets them."""
    assert [c for _d, c in _report_as(household, "cat", 4)] == [62]
    with pytest.raises(HiddenInputError):
        _report_as(household, "cat", 5)
    assert [c for _d, c in _report_as(household, "bob", 5)] == [62 - 31]


def test_virtual_rls_migration_0010_on_a_running_server(
    password_cluster: Cluster,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server whose row-level security was switched on at 0008, upgraded to 0009 and then to 0010:
    0010 emits its own statements (not today's ``rls.install_sql``, which may name later tables: here it
    refuses to be called), after which a member cannot read another's private virtual terms, cannot
    add a reading to a virtual meter, and may still add one to a meter of hers."""
    import asyncpg
    from sqlalchemy import text

    from homelog_desktop.db import rls
    from homelog_desktop.db.migrate import migrate
    from tests.integration.test_rls import SEED as RLS_SEED

    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    database = f"homelog_rls10_{uuid.uuid4().hex[:8]}"
    roles = {name: rls.member_role_name(database, i) for i, name in enumerate(PASSWORDS, start=1)}
    install_sql = rls.install_sql

    def later_install_sql(_database: str) -> list[str]:
        raise AssertionError("migration 0010 used the current rls.install_sql")

    async def build() -> None:
        admin = await asyncpg.connect(password_cluster.url().replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await admin.execute(f'CREATE DATABASE "{database}"')
        finally:
            await admin.close()
        db = Database(password_cluster.url(database=database))
        try:
            await migrate(db, target="0008")
            async with db.engine.begin() as conn:
                for statement in RLS_SEED:
                    await conn.execute(text(statement))
                # The statements of a 0008 server (as test_rls.py's 0009 test builds it).
                later = (*rls.ENERGY_TABLES, "virtual_terms")
                for statement in install_sql(database):
                    for table in later:
                        statement = statement.replace(f", {table}", "")
                    if not any(table in statement for table in later) and ".virtual" not in statement:
                        await conn.exec_driver_sql(statement)
                for i, (name, role) in enumerate(roles.items(), start=1):
                    await rls.execute_all(conn, rls.create_member_role_sql(database, i, role, PASSWORDS[name]))
            await migrate(db, target="0009")
            monkeypatch.setattr(rls, "install_sql", later_install_sql)
            await migrate(db, target="0010")
            monkeypatch.setattr(rls, "install_sql", install_sql)
            async with db.engine.begin() as conn:
                # Bob's private "Bob rest" (5) = his private meter (1); Cat's private "Cat rest" (6) = hers (4).
                await conn.execute(
                    text(
                        "INSERT INTO sources (id, name, description, owner_id, is_public, virtual, created_at,"
                        " updated_at) VALUES (5, 'Bob rest', '', 2, FALSE, TRUE, 1, 1),"
                        " (6, 'Cat rest', '', 3, FALSE, TRUE, 1, 1)"
                    )
                )
                await conn.execute(
                    text(
                        "INSERT INTO metrics (id, source_id, position, name, unit, kind, decimals) VALUES"
                        " (5, 5, 0, 'Gas', 'm3', 'counter', 2), (6, 6, 0, 'Heat', 'kWh', 'counter', 1)"
                    )
                )
                await conn.execute(
                    text(
                        "INSERT INTO virtual_terms (metric_id, input_metric_id, sign, position) VALUES"
                        " (5, 1, 1, 0), (6, 4, 1, 0)"
                    )
                )
        finally:
            await db.dispose()

    asyncio.run(build())
    try:
        house = Household(password_cluster, database, roles)
        assert house.rows("bob", "SELECT version_num FROM alembic_version") == ["0010"]
        terms = "SELECT metric_id || ':' || input_metric_id FROM virtual_terms ORDER BY metric_id"
        assert house.rows("bob", terms) == ["5:1"]  # not Cat's private virtual meter's terms
        assert house.rows("cat", terms) == ["6:4"]  # nor Bob's
        assert house.rows("ann", terms) == ["5:1", "6:4"]  # the administrator sees both
        # Cat cannot give Bob's virtual meter another input, nor change or remove his terms.
        sneak = house.psql("cat", "INSERT INTO virtual_terms (metric_id, input_metric_id, sign, position) "
                                  "VALUES (5, 4, 1, 1)")  # fmt: skip
        assert sneak.returncode != 0 and "row-level security" in sneak.stderr
        assert house.rows("cat", "DELETE FROM virtual_terms WHERE metric_id = 5 RETURNING 1") == []

        def reading(source: int, member: int) -> str:
            return (
                "INSERT INTO readings (source_id, ts, note, entered_by, created_at, updated_at)"
                f" VALUES ({source}, 300, '', {member}, 3, 3) RETURNING source_id"
            )

        for who, member, virtual in (("cat", 3, 6), ("bob", 2, 5), ("ann", 1, 6)):
            refused = house.psql(who, reading(virtual, member))
            assert refused.returncode != 0 and "row-level security" in refused.stderr, (who, refused.stderr)
        assert house.rows("cat", reading(4, 3)) == ["4"]  # her own meter still takes readings
        assert house.rows("ann", "SELECT count(*) FROM readings WHERE source_id IN (5, 6)") == ["0"]
    finally:
        asyncio.run(_drop(password_cluster, database, roles))
