"""The sample household: its simulated readings (pure) and storing them in an empty database."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from decimal import Decimal
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from homelog_desktop.domain.entities import Category, MeterEvent, MeterEventKind, MetricKind
from homelog_desktop.domain.errors import HomeLogError
from homelog_desktop.domain.validation import check_value, continuous_use, events_between
from homelog_desktop.repositories import (
    MemberRepository,
    MeterEventRepository,
    ReadingRepository,
    SourceRepository,
    TariffRepository,
)
from homelog_desktop.services.sample_data import (
    NEW_METER_START,
    NOTE_ESTIMATED,
    NOTE_HOLIDAY,
    NOTE_NEW_METER,
    SampleHousehold,
    SampleSource,
    build_sample_household,
    create_sample_household,
)

TODAY = date(2025, 1, 8)


@pytest.fixture(scope="module")
def household() -> SampleHousehold:
    return build_sample_household(TODAY, seed=2024)


def _source(household: SampleHousehold, name: str) -> SampleSource:
    return next(s for s in household.sources if s.source.name == name)


def _events(sample: SampleSource) -> list[MeterEvent]:
    """The sample's meter changes as domain events, the metric's position standing in for its id."""
    return [MeterEvent(None, 0, e.metric, e.at, e.kind, e.old_value, e.new_value, note=e.note) for e in sample.events]


def _used(sample: SampleSource, before, after, position: int) -> Decimal:
    """What a counter used between two sample readings, across the meter changes in between."""
    between = events_between(_events(sample), position, before.timestamp, after.timestamp)
    digits = sample.source.metrics[position].digits
    return continuous_use(before.values[position], after.values[position], between, digits)


def _daily_use(sample: SampleSource, month: int, position: int = 0) -> float:
    """Mean use per day of a counter over the intervals ending in ``month``."""
    used = days = 0.0
    for before, after in pairwise(sample.readings):
        if after.timestamp.month == month:
            used += float(_used(sample, before, after, position))
            days += (after.timestamp - before.timestamp).total_seconds() / 86400
    return used / days


def test_build_sample_household_has_the_described_sources_and_members(household):
    """Two adults, and electricity, water, gas and a living-room sensor with the documented metrics."""
    assert [(m.name, m.email) for m in household.members] == [
        ("Alex Morgan", "alex.morgan@example.com"),
        ("Sam Morgan", None),
    ]
    shape = {
        s.source.name: (s.source.category, [(m.name, m.unit, m.kind, m.decimals) for m in s.source.metrics])
        for s in household.sources
    }
    assert shape == {
        "Electricity": (
            Category.ELECTRICITY,
            [("Day", "kWh", MetricKind.COUNTER, 1), ("Night", "kWh", MetricKind.COUNTER, 1)],
        ),
        "Water": (Category.WATER, [("Water", "m³", MetricKind.COUNTER, 3)]),
        "Gas": (Category.GAS, [("Gas", "m³", MetricKind.COUNTER, 3)]),
        "Living room": (
            Category.TEMPERATURE,
            [("Temperature", "°C", MetricKind.GAUGE, 1), ("Humidity", "%", MetricKind.GAUGE, 0)],
        ),
    }
    electricity = _source(household, "Electricity")
    assert electricity.owner == 0
    assert electricity.source.interval_days == 7
    assert [m.digits for m in electricity.source.metrics] == [6, 6]


def test_build_sample_household_gives_three_years_of_weekly_readings(household):
    """Every source has about 156 weekly readings, a few holiday weeks missing, ending in the last week."""
    for sample in household.sources:
        readings = sample.readings
        assert 150 <= len(readings) <= 158, sample.source.name
        assert [r.timestamp for r in readings] == sorted(r.timestamp for r in readings)
        assert all(r.timestamp.tzinfo is UTC for r in readings)
        first, last = readings[0].timestamp.date(), readings[-1].timestamp.astimezone().date()
        assert timedelta(days=1) <= TODAY - last <= timedelta(days=7)
        assert timedelta(days=3 * 364 - 7) <= TODAY - first <= timedelta(days=3 * 366)
        gaps = [(b.timestamp - a.timestamp).days for a, b in pairwise(readings)]
        assert max(gaps) in (13, 14, 20, 21), sample.source.name  # a holiday of one or two weeks


def test_build_sample_household_reads_on_saturday_mornings_in_local_time():
    """Weekly readings are taken on Saturdays between 8 and 10 local time, across summer time changes."""
    berlin = ZoneInfo("Europe/Berlin")
    household = build_sample_household(TODAY, seed=7, tz=berlin)
    for sample in household.sources:
        for reading in sample.readings:
            local = reading.timestamp.astimezone(berlin)
            if reading.from_bill:
                assert local.hour == 12
                continue
            assert local.weekday() == 5
            assert 8 <= local.hour < 10


def test_build_sample_household_counters_strictly_increase(household):
    """Every counter rises from one reading to the next, estimated and bill readings included; the
    register drops only across the recorded meter replacement, and the use across it is positive."""
    for sample in household.sources:
        for position, metric in enumerate(sample.source.metrics):
            if metric.kind is not MetricKind.COUNTER:
                continue
            values = [r.values[position] for r in sample.readings]
            assert all(v is not None for v in values)
            drops = [(a, b) for a, b in pairwise(sample.readings) if a.values[position] >= b.values[position]]
            changed = [e for e in sample.events if e.metric == position]
            assert len(drops) == len(changed), metric.name
            for a, b in drops:
                assert events_between(_events(sample), position, a.timestamp, b.timestamp), metric.name
            assert all(_used(sample, a, b, position) > 0 for a, b in pairwise(sample.readings)), metric.name


def test_build_sample_household_replaces_the_electricity_meter_halfway(household):
    """Both electricity registers are replaced once, between two readings, in the middle of the history:
    the old meter's final value is above the reading before, the readings after go on from the new start."""
    electricity = _source(household, "Electricity")
    readings = electricity.readings
    assert [e.metric for e in electricity.events] == [0, 1]
    for event in electricity.events:
        assert event.kind is MeterEventKind.REPLACEMENT
        assert event.new_value == NEW_METER_START and event.note == NOTE_NEW_METER
        before = max((r for r in readings if r.timestamp < event.at), key=lambda r: r.timestamp)
        after = min((r for r in readings if r.timestamp > event.at), key=lambda r: r.timestamp)
        assert before.values[event.metric] < event.old_value < before.values[event.metric] + 100
        assert NEW_METER_START < after.values[event.metric] < NEW_METER_START + 100
        assert after.note == NOTE_NEW_METER
        share = (event.at - readings[0].timestamp) / (readings[-1].timestamp - readings[0].timestamp)
        assert 0.4 < share < 0.7
    assert all(s.events == () for s in household.sources if s.source.name != "Electricity")


def test_build_sample_household_prices_every_counter_with_one_rise(household):
    """Each counter has a tariff in euros from the start of the history and a dearer one halfway;
    the standing charge is on one register per meter; the thermometer has no tariff."""
    for sample in household.sources:
        counters = [i for i, m in enumerate(sample.source.metrics) if m.kind is MetricKind.COUNTER]
        assert sorted({t.metric for t in sample.tariffs}) == counters, sample.source.name
        for position in counters:
            first, rise = (t for t in sample.tariffs if t.metric == position)
            assert first.valid_from <= sample.readings[0].timestamp.date()
            share = (rise.valid_from - first.valid_from) / (sample.readings[-1].timestamp.date() - first.valid_from)
            assert 0.35 < share < 0.65
            assert first.unit_price < rise.unit_price < first.unit_price * Decimal("1.2")
            assert first.currency == rise.currency == "EUR"
        standing = [t for t in sample.tariffs if t.standing_charge > 0]
        assert len({t.metric for t in standing}) == (1 if counters else 0), sample.source.name
    assert _source(household, "Electricity").source.billing_start_month == 3


def test_build_sample_household_values_fit_their_metrics(household):
    """Values are Decimals with the metric's decimals that the domain accepts as they are."""
    for sample in household.sources:
        for reading in sample.readings:
            assert len(reading.values) == len(sample.source.metrics)
            for metric, value in zip(sample.source.metrics, reading.values, strict=True):
                assert isinstance(value, Decimal)
                assert value.as_tuple().exponent == -metric.decimals
                check_value(value, metric)
    first = _source(household, "Electricity").readings[0]
    assert Decimal("38512") < first.values[0] < Decimal("38700")


def test_build_sample_household_follows_the_seasons(household):
    """Gas heats in winter, electricity rises in winter (night share 35-40 %), water rises in summer."""
    gas = _source(household, "Gas")
    assert _daily_use(gas, 1) > 5 * _daily_use(gas, 7)
    assert 4.5 < _daily_use(gas, 1) < 8.0
    assert _daily_use(gas, 7) < 0.5
    electricity = _source(household, "Electricity")
    january = _daily_use(electricity, 1, 0) + _daily_use(electricity, 1, 1)
    june = _daily_use(electricity, 6, 0) + _daily_use(electricity, 6, 1)
    assert 8 < june < january < 11.5
    assert 0.35 <= _daily_use(electricity, 1, 1) / january <= 0.40
    water = _source(household, "Water")
    assert 0.28 < _daily_use(water, 1) < _daily_use(water, 6) < 0.42


def test_build_sample_household_living_room_is_heated_in_winter_and_warm_in_summer(household):
    """Winter temperatures stay near the thermostat, summer heat spells pass 24 °C, humidity stays 40–60 %."""
    readings = _source(household, "Living room").readings
    winter = [r.values[0] for r in readings if r.timestamp.month in (12, 1, 2)]
    summer = [r.values[0] for r in readings if r.timestamp.month in (7, 8)]
    assert winter and all(Decimal("19.0") <= t <= Decimal("21.5") for t in winter)
    assert max(summer) > Decimal(24)
    assert all(Decimal(40) <= r.values[1] <= Decimal(60) for r in readings)


def test_build_sample_household_has_realistic_texture(household):
    """Estimated, bill, holiday and other notes appear, and both members enter readings."""
    readings = [r for s in household.sources for r in s.readings]
    estimated = [r for r in readings if r.estimated]
    assert 1 <= len(estimated) <= 2
    assert all(r.note == NOTE_ESTIMATED for r in estimated)
    assert 1 <= sum(r.from_bill for r in readings) <= 3
    assert sum(r.note == NOTE_HOLIDAY for r in _source(household, "Electricity").readings) == 3
    assert any(r.note == "New washing machine" for r in readings)
    assert {r.entered_by for r in readings} == {0, 1}
    assert all(r.created_at is not None and r.created_at > r.timestamp for r in readings)


def test_build_sample_household_is_deterministic_for_a_seed():
    """The same seed and day give the same household; another seed gives other values."""
    one = build_sample_household(TODAY, seed=11, tz=UTC)
    assert build_sample_household(TODAY, seed=11, tz=UTC) == one
    other = build_sample_household(TODAY, seed=12, tz=UTC)
    assert other.sources[0].readings[-1].values != one.sources[0].readings[-1].values


def test_create_sample_household_stores_the_household(run, db, household):
    """Members, sources and every reading are stored, with owners, flags and values as generated."""
    summary = run(create_sample_household(db, today=TODAY, seed=2024))
    assert (summary.members, summary.sources) == (2, 4)
    assert summary.readings == sum(len(s.readings) for s in household.sources)
    assert summary.events == 2 and summary.tariffs == 8

    async def load():
        async with db.session(readonly=True) as s:
            members = await MemberRepository(s).all()
            sources = await SourceRepository(s).all()
            electricity = next(x for x in sources if x.name == "Electricity")
            repo = ReadingRepository(s)
            counts = {x.name: await repo.count(x.id) for x in sources}
            total = counts["Electricity"]
            lines = await repo.page(electricity, 0, total, total=total)
            events = await MeterEventRepository(s).for_source(electricity.id)
            tariffs = await TariffRepository(s).for_metrics([m.id for m in electricity.metrics])
            return members, electricity, counts, lines, events, tariffs

    members, electricity, counts, lines, events, tariffs = run(load())
    by_name = {m.name: m.id for m in members}
    assert set(by_name) == {"Alex Morgan", "Sam Morgan"}
    assert counts == {s.source.name: len(s.readings) for s in household.sources}
    assert electricity.owner_id == by_name["Alex Morgan"]
    assert electricity.description == "Main meter in the hall cupboard"
    expected = _source(household, "Electricity").readings
    day, night = electricity.metrics
    assert [(x.reading.timestamp, x.reading.values[day.id], x.reading.values[night.id]) for x in lines] == [
        (r.timestamp, r.values[0], r.values[1]) for r in expected
    ]
    assert [x.reading.from_bill for x in lines] == [r.from_bill for r in expected]
    # The consumption column runs on across the meter replacement.
    assert all(x.consumption[day.id] > 0 and x.consumption[night.id] > 0 for x in lines[1:])
    sample = _source(household, "Electricity")
    assert [(e.metric_id, e.at, e.old_value, e.new_value) for e in events] == [
        (electricity.metrics[e.metric].id, e.at, e.old_value, e.new_value) for e in sample.events
    ]
    assert [(t.valid_from, t.unit_price, t.standing_charge) for t in tariffs[day.id]] == [
        (t.valid_from, t.unit_price, t.standing_charge) for t in sample.tariffs if t.metric == 0
    ]
    assert electricity.billing_start_month == 3
    assert {x.entered_by_name for x in lines} == {"Alex Morgan", "Sam Morgan"}


def test_create_sample_household_uses_today_by_default(run, db):
    """Without a day given, the readings end within the week before today."""
    run(create_sample_household(db))

    async def last():
        async with db.session(readonly=True) as s:
            return [x.last_reading_at for x in await SourceRepository(s).summaries()]

    today = date.today()
    for moment in run(last()):
        assert timedelta(days=1) <= today - moment.astimezone().date() <= timedelta(days=7)


def test_create_sample_household_refuses_a_database_with_data(run, db, add_source):
    """A database that already has a source is left exactly as it was."""
    add_source("My meter")
    with pytest.raises(HomeLogError, match="data file of its own"):
        run(create_sample_household(db, today=TODAY))

    async def state():
        async with db.session(readonly=True) as s:
            sources = await SourceRepository(s).all()
            members = await MemberRepository(s).all()
            return [x.name for x in sources], members, await ReadingRepository(s).count(sources[0].id)

    assert run(state()) == (["My meter"], [], 0)


def test_sample_gas_is_billed_in_kwh_with_monthly_advances(household):
    """The gas meter's supplier converts m³ to kWh (calorific value ~11.2, Z-number ~0.95) with a new
    pair at each September bill, prices per kWh and takes a monthly advance set at each bill."""
    gas = _source(household, "Gas")
    first = gas.readings[0].timestamp.date()
    starts = [f.valid_from for _i, f in gas.factors]
    assert starts[0] == first.replace(day=1) and all(day.month == 9 for day in starts[1:])
    assert [a.valid_from for a in gas.advances] == starts
    assert all(
        Decimal("11.1") < f.factor < Decimal("11.4") and Decimal("0.94") < f.z_number < Decimal("0.96")
        for _i, f in gas.factors
    )
    assert any(r.from_bill and r.timestamp.date() in starts for r in gas.readings)  # the bill's reading
    assert [a.amount for a in gas.advances] == [Decimal(95), Decimal(105), Decimal(110), Decimal(115)]
    assert [t.unit_price for t in gas.tariffs] == [Decimal("0.0920"), Decimal("0.1050")]  # per kWh
    assert all(not s.factors and not s.advances for s in household.sources if s.source.name != "Gas")


def test_sample_gas_card_shows_kwh_and_the_settlement(run, db):
    """Billing year from September 2024, seen on 8 January 2025: September's advance is the one the 2023
    bill set (110), October to January's the 2024 bill's (115): 110 + 4 × 115 = 570 paid of 110 + 11 ×
    115 = 1,375; the Reports page forecasts the same settlement as the card."""
    from datetime import datetime

    from homelog_desktop.domain.consumption import Period
    from homelog_desktop.services.dashboard import dashboard_cards
    from homelog_desktop.services.reports import build_report

    run(create_sample_household(db, today=TODAY, seed=2024))
    cards = run(dashboard_cards(db, now=datetime(2025, 1, 8, 12, tzinfo=UTC), tz=UTC))
    card = next(c for c in cards if c.summary.source.name == "Gas")
    assert card.metric is not None and card.metric.unit == "kWh"
    settlement = card.settlement
    assert settlement is not None and (settlement.paid, settlement.due_for_year) == (Decimal(570), Decimal(1375))
    assert settlement.forecast_cost is not None and Decimal(1000) < settlement.forecast_cost < Decimal(1800)
    source = card.summary.source
    report = run(
        build_report(db, source.id, source.metrics[0].id, Period.MONTH, date(2024, 9, 1), None, UTC, today=TODAY)
    )
    assert report.metric.unit == "kWh" and report.original_metric is not None
    assert report.settlement == settlement
