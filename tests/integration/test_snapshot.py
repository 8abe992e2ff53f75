"""The start-up snapshot (sqlite3, no SQLAlchemy) shows exactly what the repositories would."""

from __future__ import annotations

import sqlite3
from datetime import date

from homelog_desktop.db.snapshot import read_snapshot
from homelog_desktop.domain.queries import ReadingOrder
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.services.sample_data import create_sample_household
from tests.conftest import T0, make_reading


def _repository_view(run, db, source_id, limit):
    async def go():
        async with db.session(readonly=True) as s:
            summaries = await SourceRepository(s).summaries(include_archived=False)
            chosen = next((x.source for x in summaries if x.source.id == source_id), summaries[0].source)
            readings = ReadingRepository(s)
            total = await readings.count(chosen.id)
            rows = await readings.page(chosen, 0, limit, ReadingOrder(descending=True), None, total)
            return summaries, chosen, total, rows

    return run(go())


def test_snapshot_equals_repositories_on_the_sample_household(run, db, db_path):
    """Sidebar summaries, the chosen source, its count and first page match the repositories exactly."""
    run(create_sample_household(db, today=date(2025, 6, 1)))
    summaries, _, _, _ = _repository_view(run, db, None, 50)
    gas = next(s.source for s in summaries if s.source.name == "Gas")
    expected = _repository_view(run, db, gas.id, 50)
    snapshot = read_snapshot(db_path, gas.id, 50)
    assert snapshot is not None
    assert snapshot.summaries == expected[0]
    assert snapshot.source == expected[1]
    assert snapshot.total == expected[2]
    assert snapshot.rows == expected[3]
    assert len(snapshot.rows) == 50


def test_snapshot_falls_back_to_the_first_source_and_hides_archived(run, db, db_path, add_source):
    """An unknown remembered source selects the first one; archived sources are not in the sidebar."""
    add_source("Water")
    old = add_source("Attic meter")

    async def archive():
        async with db.session() as s:
            await SourceRepository(s).set_archived(old.id, True)

    run(archive())
    snapshot = read_snapshot(db_path, 999, 10)
    assert snapshot is not None
    assert [s.source.name for s in snapshot.summaries] == ["Water"]
    assert snapshot.archived_hidden == 1
    assert snapshot.source is not None and snapshot.source.name == "Water"
    assert snapshot.total == 0 and snapshot.rows == []


def test_snapshot_of_an_empty_database_has_no_sources(db, db_path):
    """A migrated empty file gives an empty snapshot (the welcome page), not None."""
    snapshot = read_snapshot(db_path, None, 10)
    assert snapshot is not None
    assert snapshot.summaries == [] and snapshot.source is None


def test_snapshot_refuses_what_it_cannot_read(tmp_path, run, db, db_path, add_source):
    """No file, a file needing migration and a non-database give None, and nothing is created or changed."""
    missing = tmp_path / "missing.db"
    assert read_snapshot(missing, None, 10) is None
    assert not missing.exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert read_snapshot(junk, None, 10) is None
    assert junk.read_bytes() == b"not a database at all" * 100
    source = add_source()
    run(_store(db, source))
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    assert read_snapshot(db_path, source.id, 10) is None


async def _store(db, source):
    async with db.session() as s:
        await ReadingRepository(s).add(source, make_reading(source, T0, "1.0", "2.0"))


def test_snapshot_is_not_taken_of_a_household_whose_members_sign_in(run, db, db_path, add_source, add_member):
    """Once a member has a password nothing is shown before the sign-in (each sees only their share)."""
    from homelog_desktop.repositories.member_passwords import MemberPasswordRepository

    add_source("House")
    member = add_member("Ann")
    assert read_snapshot(db_path, None, 10) is not None

    async def set_password() -> None:
        async with db.session() as session:
            await MemberPasswordRepository(session).set_hash(member.id, "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA")

    run(set_password())
    assert read_snapshot(db_path, None, 10) is None
