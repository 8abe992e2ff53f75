"""Several PCs at once on PostgreSQL: one PC's committed change reaches the other's "data changed" hub
(LISTEN/NOTIFY), bursts are coalesced, a window's own changes are not reported twice, and a lost
listening connection says so and comes back with a refresh of everything."""

from __future__ import annotations

from dataclasses import replace

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from homelog_desktop.db.live import EVERYTHING, Notice, parse_notice
from homelog_desktop.domain.entities import Member
from homelog_desktop.repositories import MemberRepository, ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.changes import DataChange, DataChanged, What
from homelog_desktop.viewmodels.live import LiveUpdatesViewModel, what_changed
from tests.conftest import T0, make_reading, make_source
from tests.live_support import TwoPCs


@pytest.fixture
def bob_live(two_pg_pcs: TwoPCs, qtbot, run):
    """Bob's window listening: his hub's changes in a list, the connection's states in another."""
    changes = DataChanged()
    seen: list[DataChange] = []
    states: list[bool] = []
    changes.changed.connect(seen.append)
    vm = LiveUpdatesViewModel(two_pg_pcs.bob_db, changes)
    vm.connected_changed.connect(states.append)
    run(vm.start())
    qtbot.waitUntil(lambda: vm.connected is True)
    yield vm, seen, states
    run(vm.close())


def _add_readings(run, db, source, *values):
    async def go():
        async with db.session() as session:
            repo = ReadingRepository(session)
            for day, value in enumerate(values):
                await repo.add(source, make_reading(source, T0.replace(day=T0.day + day), value))

    run(go())


def test_live_updates_another_pcs_reading_reaches_the_hub(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """Ann adds a reading: Bob's hub says readings of that source changed."""
    _vm, seen, _states = bob_live
    _add_readings(run, two_pg_pcs.ann_db, two_pg_pcs.source, "100.0")

    qtbot.waitUntil(lambda: bool(seen))

    assert seen[0].what & What.READINGS
    assert seen[0].source_ids == frozenset({two_pg_pcs.source.id})


def test_live_updates_a_burst_is_one_change(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """Many rows in one transaction (an import) are one notification per table: one refresh."""
    _vm, seen, _states = bob_live
    _add_readings(run, two_pg_pcs.ann_db, two_pg_pcs.source, *[f"{100 + i}.0" for i in range(20)])

    qtbot.waitUntil(lambda: bool(seen))

    assert len(seen) == 1


def test_live_updates_own_changes_are_not_reported_again(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """Bob's own save is reported by his window already; only Ann's, after it, arrives."""
    _vm, seen, _states = bob_live

    async def rename(db, name):
        async with db.session() as session:
            await MemberRepository(session).update(Member(two_pg_pcs.bob.id, name))

    run(rename(two_pg_pcs.bob_db, "Bobby"))
    run(rename(two_pg_pcs.ann_db, "Robert"))

    qtbot.waitUntil(lambda: bool(seen))

    assert seen == [DataChange(What.MEMBERS)]


def test_live_updates_sources_and_members_are_reported(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """A source renamed on another PC reaches the hub as a change of sources."""
    _vm, seen, _states = bob_live

    async def rename():
        async with two_pg_pcs.ann_db.session() as session:
            await SourceRepository(session).update(replace(two_pg_pcs.source, name="Home"))

    run(rename())
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].what & What.SOURCES


def test_live_updates_a_lost_connection_says_so_and_comes_back(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """The server ends the listening connection: "not connected", then connected again, and a refresh
    of everything (what was notified meanwhile is lost)."""
    _vm, seen, states = bob_live

    async def terminate_listener():
        url = make_url(two_pg_pcs.url).set(drivername="postgresql")
        conn = await asyncpg.connect(url.render_as_string(hide_password=False))
        try:
            return await conn.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = $1 AND query LIKE 'LISTEN%'",
                url.database,
            )
        finally:
            await conn.close()

    assert run(terminate_listener()) == 1
    qtbot.waitUntil(lambda: states == [True, False, True], timeout=10_000)
    qtbot.waitUntil(lambda: bool(seen))

    assert seen[0] == DataChange(What.EVERYTHING)


def test_live_updates_notices_become_one_change():
    """A burst's notices: the union of what changed; every source when one notice names none."""
    assert what_changed([Notice("readings", "insert", 1), Notice("reading_values", "insert", 1)]) == (
        What.READINGS,
        frozenset({1}),
    )
    assert what_changed([Notice("tariffs", "update", 2), Notice("members", "update", None)]) == (
        What.TARIFFS | What.MEMBERS,
        frozenset(),
    )
    assert parse_notice('{"table": "readings", "op": "delete", "source": 4}') == Notice("readings", "delete", 4)
    assert parse_notice("not json") == EVERYTHING


def test_live_updates_a_private_source_is_not_named(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """Every member's window hears every notification: a private source's id is not in it (the
    listeners refresh what they show, which row-level security limits to what they may see)."""
    _vm, seen, _states = bob_live

    async def private_reading():
        async with two_pg_pcs.ann_db.session() as session:
            source = await SourceRepository(session).add(make_source("Ann's own", is_public=False))
            await ReadingRepository(session).add(source, make_reading(source, T0, "1.0"))

    run(private_reading())
    qtbot.waitUntil(lambda: bool(seen))

    assert seen[0].source_ids == frozenset()


def test_live_updates_conversion_factors_and_advances_are_reported(two_pg_pcs: TwoPCs, bob_live, qtbot, run):
    """Conversion factors and advance payments saved on another PC (migration 0009's triggers) reach
    the hub as a change of prices: the costs, the kWh and the forecast follow."""
    from datetime import date
    from decimal import Decimal

    from homelog_desktop.domain.energy import ConversionFactor
    from homelog_desktop.domain.settlement import AdvancePayment
    from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository

    _vm, seen, _states = bob_live
    source = two_pg_pcs.source

    async def factor():
        async with two_pg_pcs.ann_db.session() as session:
            await ConversionFactorRepository(session).replace(
                source.metrics[0].id, [ConversionFactor(None, 0, date(2024, 1, 1), Decimal("11.2"))]
            )

    run(factor())
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[-1].what & What.TARIFFS
    count = len(seen)

    async def advance():
        async with two_pg_pcs.ann_db.session() as session:
            await AdvancePaymentRepository(session).replace(
                source.id, [AdvancePayment(None, 0, date(2025, 1, 1), Decimal(85))]
            )

    run(advance())
    qtbot.waitUntil(lambda: len(seen) > count)
    assert seen[-1].what & What.TARIFFS
