"""Reports and dashboard cards through the services on a real SQLite file (and PostgreSQL, see
test_reports_postgres.py): readings stored by the repositories, read back as arrays."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from homelog_desktop.db import Database
from homelog_desktop.db.handle import PendingDatabase
from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.entities import (
    Category,
    MeterEvent,
    MeterEventKind,
    Metric,
    MetricKind,
    Reading,
    Source,
    Tariff,
)
from homelog_desktop.domain.errors import NotFoundError, ValidationError
from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, SourceRepository, TariffRepository
from homelog_desktop.services.dashboard import dashboard_cards
from homelog_desktop.services.reports import build_report, load_series, report_csv


def utc(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


@pytest.fixture
def meter(run, db: Database) -> Source:
    """A single-register electricity meter: 10 kWh a day from 2024-01-01, replaced on 2025-01-16
    (old meter at 3810.0, new one from 0), and a tariff that changes on 2025-01-16."""

    async def go() -> Source:
        async with db.session() as s:
            source = await SourceRepository(s).add(
                Source(None, "Meter", Category.ELECTRICITY, metrics=(Metric(None, "Energy", "kWh", decimals=1),))
            )
            mid = source.metrics[0].id
            points = [(utc(2024, 1, 1), "0.0"), (utc(2024, 7, 1), "1820.0"), (utc(2025, 1, 11), "3760.0")]
            points += [(utc(2025, 1, 21), "50.0"), (utc(2025, 2, 10), "250.0")]
            for when, value in points:
                await ReadingRepository(s).add(source, Reading(None, source.id, when, {mid: Decimal(value)}))
            await MeterEventRepository(s).add(
                MeterEvent(
                    None, source.id, mid, utc(2025, 1, 16), MeterEventKind.REPLACEMENT, Decimal("3810.0"), Decimal(0)
                )
            )
            await TariffRepository(s).add(Tariff(None, mid, date(2024, 1, 1), Decimal("0.30"), Decimal("0.25")))
            await TariffRepository(s).add(Tariff(None, mid, date(2025, 1, 16), Decimal("0.40"), Decimal("0.25")))
            return source

    return run(go())  # type: ignore[no-any-return]


def test_report_on_a_real_file_with_a_replacement_and_a_tariff_change(run, db, meter):
    mid = meter.metrics[0].id
    report = run(build_report(db, meter.id, mid, Period.MONTH, date(2025, 1, 1), date(2025, 3, 1), tz=UTC))
    jan, feb = report.rows
    assert (jan.start, jan.end, jan.consumption, jan.days) == (
        date(2025, 1, 1),
        date(2025, 2, 1),
        Decimal("310.0000"),
        31,
    )
    # 15 days at 0.30, 16 at 0.40, 31 days of standing charge.
    assert jan.cost == Decimal("150.0000") * Decimal("0.30") + Decimal("160.0000") * Decimal("0.40") + 31 * Decimal(
        "0.25"
    )
    assert jan.last_year == Decimal("310.0000") and jan.change == 0
    assert (feb.consumption, feb.days, feb.cost) == (
        Decimal("90.0000"),
        9,
        Decimal("90.0000") * Decimal("0.40") + 9 * Decimal("0.25"),
    )
    assert report.total_consumption == Decimal("400.0000") and report.currency == "EUR"
    assert report.notes == ()
    assert report.projection is not None and report.projection.daily_rate == Decimal("10.0000")
    assert report.projection.last_year_consumption == Decimal("3660.0000")  # 10 Feb 2024 to 10 Feb 2025
    assert report_csv(report).splitlines()[1] == "2025-01-01,2025-02-01,310.0,31,10.000,116.75"  # 45 + 64 + 7.75


def test_report_without_the_event_warns_about_the_drop(run, db, meter):
    async def forget() -> None:
        async with db.session() as s:
            for event in await MeterEventRepository(s).for_source(meter.id):
                await MeterEventRepository(s).delete(event.id)

    run(forget())
    report = run(build_report(db, meter.id, meter.metrics[0].id, Period.MONTH, tz=UTC))
    assert report.rows[-2].consumption < 0
    assert "2025-01-21" in report.notes[0]


def test_load_series_reads_arrays_and_starts_at_the_reading_before_since(run, db, meter):
    mid = meter.metrics[0].id
    series = run(load_series(db, mid))
    assert series.ts.dtype == np.int64 and series.values.dtype == np.float64
    assert series.values.tolist() == [0.0, 1820.0, 3760.0, 50.0, 250.0]
    assert series.ts[0] == int(utc(2024, 1, 1).timestamp())
    since = run(load_series(db, mid, int(utc(2025, 1, 1).timestamp())))
    assert since.values.tolist() == [1820.0, 3760.0, 50.0, 250.0]
    on_reading = run(load_series(db, mid, int(utc(2025, 1, 11).timestamp())))
    assert on_reading.values.tolist() == [3760.0, 50.0, 250.0]
    assert len(run(load_series(db, 9999))) == 0


class Provider:
    """Any SessionProvider that is not a Database (the path PostgreSQL and :memory: take)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @asynccontextmanager
    async def session(self, *, readonly: bool = False) -> AsyncIterator[Any]:
        async with self.db.session(readonly=readonly) as session:
            yield session


def test_load_series_through_a_session_gives_the_same_arrays(run, db, meter):
    mid = meter.metrics[0].id
    direct = run(load_series(db, mid, int(utc(2024, 8, 1).timestamp())))
    streamed = run(load_series(Provider(db), mid, int(utc(2024, 8, 1).timestamp())))
    assert streamed.ts.tolist() == direct.ts.tolist() and streamed.values.tolist() == direct.values.tolist()
    report = run(build_report(Provider(db), meter.id, mid, Period.YEAR, tz=UTC))
    assert [r.consumption for r in report.rows] == [Decimal("3660.0000"), Decimal("400.0000")]


def test_load_series_beside_an_open_write_transaction_sees_committed_data(run, db, meter):
    mid = meter.metrics[0].id

    async def go() -> list[float]:
        async with db.session() as s:
            await ReadingRepository(s).add(meter, Reading(None, meter.id, utc(2025, 3, 1), {mid: Decimal("460.0")}))
            await s.flush()
            return (await load_series(db, mid)).values.tolist()

    assert run(go()) == [0.0, 1820.0, 3760.0, 50.0, 250.0]
    assert run(load_series(db, mid)).values.tolist()[-1] == 460.0


def test_report_on_a_pending_database_waits_for_it(run, db, meter):
    pending = PendingDatabase()

    async def go() -> Any:
        task = asyncio.ensure_future(build_report(pending, meter.id, meter.metrics[0].id, Period.YEAR, tz=UTC))
        await asyncio.sleep(0)
        assert not task.done()
        pending.set(db)
        return await task

    assert len(run(go()).rows) == 2


def test_report_refuses_unknown_metric_and_empty_range(run, db, meter, add_source):
    other = add_source("Other")
    with pytest.raises(NotFoundError):
        run(build_report(db, meter.id, other.metrics[0].id, Period.MONTH, tz=UTC))
    with pytest.raises(NotFoundError):
        run(build_report(db, 9999, meter.metrics[0].id, Period.MONTH, tz=UTC))
    with pytest.raises(ValidationError, match="To"):
        run(build_report(db, meter.id, meter.metrics[0].id, Period.MONTH, date(2025, 2, 1), date(2025, 2, 1), tz=UTC))


def test_gauge_report_through_the_service(run, db, store):
    async def add() -> Source:
        async with db.session() as s:
            return await SourceRepository(s).add(
                Source(None, "Room", Category.TEMPERATURE, metrics=(Metric(None, "T", "°C", MetricKind.GAUGE, 1),))
            )

    room = run(add())
    mid = room.metrics[0].id
    store(room, *[Reading(None, room.id, utc(2025, 1, d), {mid: Decimal(v)}) for d, v in [(2, "19.5"), (9, "21.5")]])
    report = run(build_report(db, room.id, mid, Period.MONTH, tz=UTC))
    assert [(r.mean, r.minimum, r.maximum, r.consumption) for r in report.rows] == [
        (Decimal("20.500"), Decimal("19.5"), Decimal("21.5"), None)
    ]
    assert report_csv(report).splitlines()[0].endswith(",mean,minimum,maximum")


def test_dashboard_cards(run, db, meter, add_source, store):
    empty = add_source("Empty")
    archived = add_source("Old")

    async def archive() -> None:
        async with db.session() as s:
            await SourceRepository(s).set_archived(archived.id, True)

    run(archive())
    cards = run(dashboard_cards(db, now=utc(2025, 2, 10, 12), tz=UTC))
    assert [c.summary.source.name for c in cards] == ["Empty", "Meter"]
    blank, card = cards
    assert blank.metric == empty.metrics[0] and blank.last_value is None and blank.month_so_far is None
    assert card.last_value == Decimal("250.0")
    # 1 to 10 February (the last reading), against the same span of 2024.
    assert card.month_so_far == Decimal("90.0000") and card.same_month_last_year == Decimal("90.0000")
    # 1 January to the last reading: 15 days at 0.30, 25 at 0.40, 40 days of standing charge.
    assert card.ytd_cost == Decimal("150.0000") * Decimal("0.30") + Decimal("250.0000") * Decimal(
        "0.40"
    ) + 40 * Decimal("0.25")
    assert card.currency == "EUR"
    # A year of history: 2025 so far (400) + the rest of 2024 per day (325 of its 326 days at 10).
    assert (card.projected_annual, card.projection_method) == (Decimal("3650"), "seasonal")
    # What 2025 cost so far, then the rest at the tariff in force: 3,250 × 0.40 + 325 days × 0.25.
    assert card.projected_annual_cost == card.ytd_cost + Decimal(3250) * Decimal("0.40") + 325 * Decimal("0.25")
    assert card.summary.last_reading_at == utc(2025, 2, 10)
    later = run(dashboard_cards(db, now=utc(2025, 3, 5), tz=UTC))[1]
    assert later.month_so_far is None  # no reading in March yet: nothing is guessed


def test_dashboard_card_of_a_gauge_source_shows_its_last_value(run, db, store):
    async def add() -> Source:
        async with db.session() as s:
            return await SourceRepository(s).add(
                Source(None, "Room", Category.TEMPERATURE, metrics=(Metric(None, "T", "°C", MetricKind.GAUGE, 1),))
            )

    room = run(add())
    mid = room.metrics[0].id
    store(
        room, *[Reading(None, room.id, utc(2025, 1, 1) + timedelta(days=d), {mid: Decimal(20 + d)}) for d in range(3)]
    )
    (card,) = run(dashboard_cards(db, now=utc(2025, 1, 5), tz=UTC))
    assert card.metric is not None and card.metric.kind is MetricKind.GAUGE
    assert (card.last_value, card.month_so_far, card.projected_annual) == (Decimal("22.0"), None, None)


@pytest.mark.parametrize(
    ("decimals", "values"),
    [
        (3, ["0.001", "0.1", "1234.567", "99999999999.999", "-5.250"]),  # the joined-text path
        (6, ["0.000001", "999999999.999999", "123456.654321"]),
        (0, ["0", "1", "999999999999"]),
    ],
)
def test_load_series_gives_back_exactly_the_stored_doubles(run, db, decimals, values):
    async def add() -> Source:
        async with db.session() as s:
            source = await SourceRepository(s).add(
                Source(None, "Exact", metrics=(Metric(None, "V", "", MetricKind.GAUGE, decimals),))
            )
            mid = source.metrics[0].id
            for day, value in enumerate(values):
                reading = Reading(None, source.id, utc(2025, 1, 1 + day), {mid: Decimal(value)})
                await ReadingRepository(s).add(source, reading)
            return source

    source = run(add())
    series = run(load_series(db, source.metrics[0].id))
    assert series.values.tolist() == [float(Decimal(v)) for v in values]
    assert series.ts.tolist() == [int(utc(2025, 1, 1 + d).timestamp()) for d in range(len(values))]


def test_load_series_reads_values_beyond_exact_steps_row_by_row(run, db, db_path):
    """A value stored behind the app's back with more steps than a double holds exactly (2**53)
    is read through the row-by-row path, unchanged."""

    async def add() -> Source:
        async with db.session() as s:
            source = await SourceRepository(s).add(
                Source(None, "Huge", metrics=(Metric(None, "V", "", MetricKind.COUNTER, 6),))
            )
            mid = source.metrics[0].id
            for day in (1, 2):
                await ReadingRepository(s).add(source, Reading(None, source.id, utc(2025, 1, day), {mid: Decimal(day)}))
            return source

    source = run(add())
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "UPDATE reading_values SET value = 987654321012.5 WHERE ts = ?", (int(utc(2025, 1, 2).timestamp()),)
        )
    conn.close()
    assert run(load_series(db, source.metrics[0].id)).values.tolist() == [1.0, 987654321012.5]


def test_load_series_on_a_relative_sqlite_path(run, db, meter, db_path, monkeypatch):
    monkeypatch.chdir(db_path.parent)
    relative = Database(f"sqlite+aiosqlite:///{db_path.name}")
    try:
        assert run(load_series(relative, meter.metrics[0].id)).values.tolist()[-1] == 250.0
    finally:
        run(relative.dispose())
