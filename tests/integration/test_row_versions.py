"""A version per row: two members saving the same reading, source or tariff, on a shared SQLite file
(two windows) and on PostgreSQL (two PCs). The second save is refused naming who and when; saving
again over the version now stored overwrites knowingly; nothing is silently overwritten."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from homelog_desktop.domain.entities import Tariff
from homelog_desktop.domain.errors import ConflictError
from homelog_desktop.repositories import ReadingRepository, SourceRepository, TariffRepository
from tests.conftest import T0, make_reading
from tests.live_support import TwoPCs


def _add_reading(run, db, source, value="100.0"):
    async def go():
        async with db.session() as session:
            return await ReadingRepository(session).add(source, make_reading(source, T0, value))

    return run(go())


def _update_reading(run, db, source, reading):
    async def go():
        async with db.session() as session:
            return await ReadingRepository(session).update(source, reading)

    return run(go())


def _get_reading(run, db, source, reading_id):
    async def go():
        async with db.session(readonly=True) as session:
            return await ReadingRepository(session).get(source, reading_id)

    return run(go())


def test_row_versions_a_save_counts_the_version_and_records_who(two_pcs: TwoPCs, run):
    """Every save counts the version up and records the member who made it."""
    pcs = two_pcs
    stored = _add_reading(run, pcs.ann_db, pcs.source)
    assert stored.version == 1
    saved = _update_reading(run, pcs.bob_db, pcs.source, replace(stored, note="checked"))
    assert saved.version == 2

    async def who():
        from sqlalchemy import select

        from homelog_desktop.db.tables import ReadingRow

        async with pcs.ann_db.session(readonly=True) as session:
            return (await session.execute(select(ReadingRow.updated_by, ReadingRow.version))).one()

    assert tuple(run(who())) == (pcs.bob.id, 2)


def test_row_versions_second_reading_save_is_refused_naming_who(two_pcs: TwoPCs, run):
    """Ann and Bob open the same reading; Ann saves first; Bob's save is refused naming Ann."""
    pcs = two_pcs
    opened = _add_reading(run, pcs.ann_db, pcs.source)
    _update_reading(run, pcs.ann_db, pcs.source, replace(opened, note="Ann's note"))

    with pytest.raises(ConflictError) as caught:
        _update_reading(run, pcs.bob_db, pcs.source, replace(opened, note="Bob's note"))

    assert caught.value.changed_by == "Ann"
    assert caught.value.changed_at is not None
    assert "changed by Ann at" in str(caught.value)
    assert _get_reading(run, pcs.bob_db, pcs.source, opened.id).note == "Ann's note"  # nothing overwritten


def test_row_versions_overwrite_saves_over_the_version_now_stored(two_pcs: TwoPCs, run):
    """Bob chooses Overwrite: his save with the stored version wins, and counts the version on."""
    pcs = two_pcs
    opened = _add_reading(run, pcs.ann_db, pcs.source)
    _update_reading(run, pcs.ann_db, pcs.source, replace(opened, note="Ann's note"))
    with pytest.raises(ConflictError) as caught:
        _update_reading(run, pcs.bob_db, pcs.source, replace(opened, note="Bob's note"))

    saved = _update_reading(
        run, pcs.bob_db, pcs.source, replace(opened, note="Bob's note", version=caught.value.current_version)
    )

    assert saved.version == caught.value.current_version + 1
    assert _get_reading(run, pcs.ann_db, pcs.source, opened.id).note == "Bob's note"


def test_row_versions_reload_takes_theirs_and_saves_without_conflict(two_pcs: TwoPCs, run):
    """Bob chooses Reload: the stored reading (Ann's) carries the version his next save starts from."""
    pcs = two_pcs
    opened = _add_reading(run, pcs.ann_db, pcs.source)
    _update_reading(run, pcs.ann_db, pcs.source, replace(opened, note="Ann's note"))

    theirs = _get_reading(run, pcs.bob_db, pcs.source, opened.id)
    saved = _update_reading(run, pcs.bob_db, pcs.source, replace(theirs, note="Ann's note, checked by Bob"))

    assert theirs.note == "Ann's note" and saved.note == "Ann's note, checked by Bob"


def test_row_versions_second_source_save_is_refused(two_pcs: TwoPCs, run):
    """Two members edit the same source: the second save is refused naming the first."""
    pcs = two_pcs

    async def update(db, source):
        async with db.session() as session:
            return await SourceRepository(session).update(source)

    run(update(pcs.ann_db, replace(pcs.source, description="Ann's")))
    with pytest.raises(ConflictError, match="This source was changed by Ann"):
        run(update(pcs.bob_db, replace(pcs.source, description="Bob's")))


def test_row_versions_second_tariff_save_is_refused(two_pcs: TwoPCs, run):
    """Two members edit the same tariff: the second save is refused; a whole list read before is stale too."""
    pcs = two_pcs
    metric_id = pcs.source.metrics[0].id

    async def add():
        async with pcs.ann_db.session() as session:
            return await TariffRepository(session).add(Tariff(None, metric_id, date(2025, 1, 1), Decimal("0.30")))

    async def update(db, tariff):
        async with db.session() as session:
            return await TariffRepository(session).update(tariff)

    async def refuse_changed(db, seen):
        async with db.session() as session:
            await TariffRepository(session).refuse_changed(seen, [metric_id])

    opened = run(add())
    run(update(pcs.ann_db, replace(opened, unit_price=Decimal("0.31"))))
    with pytest.raises(ConflictError, match="This tariff was changed by Ann"):
        run(update(pcs.bob_db, replace(opened, unit_price=Decimal("0.32"))))
    with pytest.raises(ConflictError, match="changed by Ann"):
        run(refuse_changed(pcs.bob_db, [opened]))


def test_row_versions_simultaneous_saves_on_postgresql_wait_then_conflict(two_pg_pcs: TwoPCs, run):
    """Bob saves while Ann's save of the same reading is not committed yet: his waits for hers (the
    row is locked), then sees her version and is refused, never overwriting it."""
    import asyncio

    import asyncpg
    from sqlalchemy.engine import make_url

    pcs = two_pg_pcs
    opened = _add_reading(run, pcs.ann_db, pcs.source)

    async def bob_saves():
        async with pcs.bob_db.session() as session:
            await ReadingRepository(session).update(pcs.source, replace(opened, note="Bob's note"))

    async def bob_waits_for_a_lock(admin) -> bool:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'"
        return bool(await admin.fetchval(query, make_url(pcs.url).database))

    async def race():
        admin = await asyncpg.connect(make_url(pcs.url).set(drivername="postgresql").render_as_string(False))
        try:
            async with pcs.ann_db.session() as session:
                await ReadingRepository(session).update(pcs.source, replace(opened, note="Ann's note"))
                bob = asyncio.ensure_future(bob_saves())
                while not await bob_waits_for_a_lock(admin):  # a condition, polled
                    assert not bob.done(), bob
                    await asyncio.sleep(0.01)
            with pytest.raises(ConflictError, match="changed by Ann"):
                await bob
        finally:
            await admin.close()

    run(race())
    assert _get_reading(run, pcs.bob_db, pcs.source, opened.id).note == "Ann's note"
