"""A first check that the fixtures work together."""

from homelog_desktop.repositories import ReadingRepository
from tests.conftest import make_reading, seed_readings


def test_fixtures_store_and_page_readings(run, db, db_path, add_source):
    """A source made by the factory takes seeded readings that page back in order."""
    source = add_source()
    seed_readings(db_path, source, 10)

    async def go():
        async with db.session(readonly=True) as s:
            return await ReadingRepository(s).page(source, 0, 3, total=10)

    rows = run(go())
    assert [r.reading.values[source.metrics[0].id] for r in rows] == [
        make_reading(source, rows[0].reading.timestamp, "1000.0").values[source.metrics[0].id],
        rows[1].reading.values[source.metrics[0].id],
        rows[2].reading.values[source.metrics[0].id],
    ]
