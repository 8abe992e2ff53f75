"""Repositories against a real database: members, sources with metrics, readings with exact values.

test_postgres.py runs these same tests on PostgreSQL, except those that touch the file (``db_path``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.domain.entities import Category, Member, Metric, MetricKind, Source
from homelog_desktop.domain.errors import DuplicateNameError, NotFoundError, ValidationError
from homelog_desktop.domain.issues import MemberField, MetricField, ReadingField, RuleError, SourceField
from homelog_desktop.domain.validation import Neighbour
from homelog_desktop.repositories import (
    MemberRepository,
    ReadingFilter,
    ReadingOrder,
    ReadingRepository,
    SourceRepository,
)
from tests.conftest import T0, make_reading, make_source, seed_readings

DAY = timedelta(days=1)

Act = Callable[..., Any]


@pytest.fixture
def act(run, db) -> Act:
    """Run ``work(session)`` as one unit of work and return its result."""

    def go(work: Callable[[AsyncSession], Awaitable[Any]], *, readonly: bool = False) -> Any:
        async def unit() -> Any:
            async with db.session(readonly=readonly) as s:
                return await work(s)

        return run(unit())

    return go


def members(act: Act) -> list[Member]:
    return act(lambda s: MemberRepository(s).all(), readonly=True)  # type: ignore[no-any-return]


def text_values(values) -> dict[int, str]:
    """Values as the strings they print as: equal Decimals with other exponents would pass ==."""
    return {k: str(v) for k, v in values.items()}


# -- members -------------------------------------------------------------------------------------


def test_members_add_update_delete(act):
    """Members are stored trimmed, listed by name, updated and deleted."""
    ann = act(lambda s: MemberRepository(s).add(Member(None, "  Ann ", " ann@example.org ")))
    assert ann.id is not None and (ann.name, ann.email) == ("Ann", "ann@example.org")
    bob = act(lambda s: MemberRepository(s).add(Member(None, "bob")))
    assert members(act) == [ann, bob]

    anna = act(lambda s: MemberRepository(s).update(Member(ann.id, "Zoe", "  ")))
    assert anna == Member(ann.id, "Zoe", None)
    assert members(act) == [bob, anna]

    act(lambda s: MemberRepository(s).delete(bob.id))
    assert members(act) == [anna]
    with pytest.raises(NotFoundError):
        act(lambda s: MemberRepository(s).get(bob.id))
    with pytest.raises(NotFoundError):
        act(lambda s: MemberRepository(s).delete(bob.id))


@pytest.mark.parametrize("email", ["ann@example.org", "ANN@Example.ORG", " ann@example.org "])
def test_members_email_is_unique_ignoring_case(act, add_member, email):
    """A second member with the same e-mail, in any case, is a DuplicateNameError."""
    add_member("Ann", "ann@example.org")
    with pytest.raises(DuplicateNameError, match="E-mail"):
        act(lambda s: MemberRepository(s).add(Member(None, "Other", email)))
    assert len(members(act)) == 1


@pytest.mark.parametrize("email", ["ann@example.org", "Ann@Example.org"])
def test_members_update_to_taken_email_is_refused(act, add_member, email):
    """Changing a member's e-mail to another member's is a DuplicateNameError and changes nothing."""
    add_member("Ann", "ann@example.org")
    bob = add_member("Bob", "bob@example.org")
    with pytest.raises(DuplicateNameError, match="E-mail"):
        act(lambda s: MemberRepository(s).update(Member(bob.id, "Robert", email)))
    assert act(lambda s: MemberRepository(s).get(bob.id), readonly=True) == bob


def test_members_update_keeps_own_email(act, add_member):
    """A member may keep their own e-mail, even retyped in another case."""
    ann = add_member("Ann", "ann@example.org")
    updated = act(lambda s: MemberRepository(s).update(Member(ann.id, "Ann B.", "ANN@example.org")))
    assert updated.email == "ANN@example.org"


@pytest.mark.parametrize(
    ("name", "email", "field"),
    [
        ("Ann", "not-an-address", MemberField.EMAIL),
        ("Ann", "ann @example.org", MemberField.EMAIL),
        ("Ann", "a" * 320 + "@x.org", MemberField.EMAIL),
        ("   ", None, MemberField.NAME),
        ("x" * 201, None, MemberField.NAME),
    ],
)
def test_members_invalid_input_names_the_field(act, name, email, field):
    """Invalid names and e-mails are refused with the rule's problem at the field; nothing is stored."""
    with pytest.raises(RuleError) as info:
        act(lambda s: MemberRepository(s).add(Member(None, name, email)))
    assert [i.field for i in info.value.issues] == [field]
    assert members(act) == []


# -- sources -------------------------------------------------------------------------------------


def test_sources_add_with_metrics(act):
    """A new source gets ids for itself and its metrics, in the order given, trimmed."""
    new = Source(
        None,
        " Water ",
        category=Category.WATER,
        description=" Garden tap ",
        is_public=True,
        interval_days=30,
        metrics=(
            Metric(None, " Volume ", " m³ ", MetricKind.COUNTER, decimals=3, digits=5),
            Metric(None, "Temperature", "°C", MetricKind.GAUGE, decimals=1),
            Metric(None, "Bill", "EUR", MetricKind.INTERVAL, decimals=2),
        ),
    )
    source = act(lambda s: SourceRepository(s).add(new))
    assert source.id is not None
    assert (source.name, source.category, source.description, source.is_public, source.interval_days) == (
        "Water",
        Category.WATER,
        "Garden tap",
        True,
        30,
    )
    assert [(m.name, m.unit, m.kind, m.decimals, m.digits, m.position) for m in source.metrics] == [
        ("Volume", "m³", MetricKind.COUNTER, 3, 5, 0),
        ("Temperature", "°C", MetricKind.GAUGE, 1, None, 1),
        ("Bill", "EUR", MetricKind.INTERVAL, 2, None, 2),
    ]
    assert all(m.id is not None for m in source.metrics)
    assert act(lambda s: SourceRepository(s).get(source.id), readonly=True) == source
    assert act(lambda s: SourceRepository(s).get_by_name("WATER"), readonly=True) == source


def test_sources_update_renames_reorders_adds_and_removes_metrics(act, add_source):
    """An update stores the source's fields and its metric list: renamed, reordered, added, removed."""
    source = add_source(
        metrics=(
            Metric(None, "Day", "kWh", decimals=1),
            Metric(None, "Night", "kWh", decimals=1),
            Metric(None, "Old", "kWh", decimals=1),
        )
    )
    day, night, old = source.metrics
    act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, "10.5", "20.5", "30.5")))

    changed = replace(
        source,
        name="House meter",
        description="Cellar",
        interval_days=None,
        metrics=(replace(night, name="Off-peak"), Metric(None, "Export", "kWh", decimals=2), day),
    )
    updated = act(lambda s: SourceRepository(s).update(changed))
    assert (updated.name, updated.description, updated.interval_days) == ("House meter", "Cellar", None)
    assert [(m.id, m.name, m.position) for m in updated.metrics] == [
        (night.id, "Off-peak", 0),
        (updated.metrics[1].id, "Export", 1),
        (day.id, "Day", 2),
    ]
    export = updated.metrics[1]
    assert export.id not in {day.id, night.id}
    # The removed metric's values are gone; the new metric (SQLite may reuse the id) has none.
    assert act(lambda s: SourceRepository(s).count_values(old.id), readonly=True) == 0
    assert act(lambda s: SourceRepository(s).count_values(export.id), readonly=True) == 0
    # The values stay with their metrics across the rename and reorder.
    lines = act(lambda s: ReadingRepository(s).page(updated, 0, 10), readonly=True)
    assert text_values(lines[0].reading.values) == {night.id: "20.5", day.id: "10.5"}


def test_sources_update_swaps_two_metric_names(act, add_source):
    """Two metrics can swap names in one update (the unique constraint is not tripped)."""
    source = add_source()
    day, night = source.metrics
    act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, "1.5", "2.5")))
    swapped = act(
        lambda s: SourceRepository(s).update(
            replace(source, metrics=(replace(day, name="Night"), replace(night, name="Day")))
        )
    )
    assert [(m.id, m.name) for m in swapped.metrics] == [(day.id, "Night"), (night.id, "Day")]
    lines = act(lambda s: ReadingRepository(s).page(swapped, 0, 10), readonly=True)
    assert text_values(lines[0].reading.values) == {day.id: "1.5", night.id: "2.5"}


@pytest.mark.parametrize("name", ["Electricity", "ELECTRICITY", " electricity "])
def test_sources_duplicate_name_is_refused(act, add_source, name):
    """Adding a source, or renaming one, to a taken name (any case) is a DuplicateNameError."""
    add_source("Electricity")
    water = add_source("Water")
    with pytest.raises(DuplicateNameError, match="Name"):
        act(lambda s: SourceRepository(s).add(make_source(name)))
    with pytest.raises(DuplicateNameError, match="Name"):
        act(lambda s: SourceRepository(s).update(replace(water, name=name)))
    assert act(lambda s: SourceRepository(s).get(water.id), readonly=True).name == "Water"


def test_sources_rename_to_own_name_in_other_case(act, add_source):
    """A source may be renamed to its own name with another case."""
    water = add_source("Water")
    assert act(lambda s: SourceRepository(s).update(replace(water, name="WATER"))).name == "WATER"


@pytest.mark.parametrize(
    ("metrics", "field"),
    [
        ((), (SourceField.METRICS, None)),
        ((Metric(None, "Day"), Metric(None, " day ")), (MetricField.NAME, 1)),
        ((Metric(None, "  "),), (MetricField.NAME, 0)),
        ((Metric(None, "Day", decimals=7),), (MetricField.DECIMALS, 0)),
        ((Metric(None, "Day", digits=13),), (MetricField.DIGITS, 0)),
    ],
)
def test_sources_invalid_metrics_are_refused(act, metrics, field):
    """A source without metrics, or with unnamed, duplicate or out-of-range ones, is refused."""
    with pytest.raises(RuleError) as info:
        act(lambda s: SourceRepository(s).add(make_source(metrics=metrics)))
    assert [(i.field, i.row) for i in info.value.issues] == [field]
    assert act(lambda s: SourceRepository(s).all(), readonly=True) == []


def test_sources_archive_hides_from_active_lists(act, add_source):
    """An archived source is left out of the active lists and comes back when unarchived."""
    gas = add_source("Gas")
    add_source("Water")
    archived = act(lambda s: SourceRepository(s).set_archived(gas.id, True))
    assert archived.archived
    active = act(lambda s: SourceRepository(s).all(include_archived=False), readonly=True)
    assert [s.name for s in active] == ["Water"]
    assert [s.name for s in act(lambda s: SourceRepository(s).all(), readonly=True)] == ["Gas", "Water"]
    summaries = act(lambda s: SourceRepository(s).summaries(include_archived=False), readonly=True)
    assert [x.source.name for x in summaries] == ["Water"]
    act(lambda s: SourceRepository(s).set_archived(gas.id, False))
    assert len(act(lambda s: SourceRepository(s).all(include_archived=False), readonly=True)) == 2


def test_sources_delete(act, add_source):
    """A deleted source is gone; deleting it again is NotFoundError."""
    gas = add_source("Gas")
    act(lambda s: SourceRepository(s).delete(gas.id))
    with pytest.raises(NotFoundError):
        act(lambda s: SourceRepository(s).get(gas.id), readonly=True)
    with pytest.raises(NotFoundError):
        act(lambda s: SourceRepository(s).delete(gas.id))


def test_sources_count_readings(act, add_source):
    """count_readings counts the readings of that source only."""
    gas, water = add_source("Gas"), add_source("Water")

    async def work(s: AsyncSession) -> None:
        for day in range(3):
            await ReadingRepository(s).add(gas, make_reading(gas, T0 + day * DAY, "1"))
        await ReadingRepository(s).add(water, make_reading(water, T0, "1"))

    act(work)
    assert act(lambda s: SourceRepository(s).count_readings(gas.id), readonly=True) == 3
    assert act(lambda s: SourceRepository(s).count_readings(water.id), readonly=True) == 1


@pytest.mark.parametrize(
    ("decimals", "value", "lower_to", "allowed"),
    [
        (3, "12.345", 2, False),
        (3, "12.34", 2, True),
        (3, "12.300", 1, True),
        (6, "0.000001", 0, False),  # the smallest fraction a value can have
        (3, "9076735338.45", 2, True),  # large: scaling it in doubles is inexact
        (1, "999999999999.9", 0, False),
        (2, "-5.5", 1, True),
    ],
)
def test_sources_lowering_decimals_refused_when_values_need_them(act, add_source, decimals, value, lower_to, allowed):
    """Fewer decimals are refused (naming the metric) if a stored value would be rounded."""
    source = add_source(metrics=(Metric(None, "Reading", "kWh", MetricKind.GAUGE, decimals=decimals),))
    act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, value)))
    fewer = replace(source, metrics=(replace(source.metrics[0], decimals=lower_to),))
    if allowed:
        assert act(lambda s: SourceRepository(s).update(fewer)).metrics[0].decimals == lower_to
    else:
        with pytest.raises(RuleError) as info:
            act(lambda s: SourceRepository(s).update(fewer))
        assert [(i.field, i.row) for i in info.value.issues] == [(MetricField.DECIMALS, 0)]
        assert "“Reading”" in str(info.value)
        assert act(lambda s: SourceRepository(s).get(source.id), readonly=True) == source


def test_sources_raising_decimals_is_always_allowed(act, add_source):
    """More decimals never round anything, so they are always accepted."""
    source = add_source()
    act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, "1.5")))
    more = replace(source, metrics=tuple(replace(m, decimals=3) for m in source.metrics))
    assert [m.decimals for m in act(lambda s: SourceRepository(s).update(more)).metrics] == [3, 3]


def test_sources_summaries_give_last_reading_time(act, add_source):
    """Summaries list every source by name with the time of its latest reading (None if none)."""
    water, gas = add_source("Water"), add_source("Gas")

    async def work(s: AsyncSession) -> None:
        readings = ReadingRepository(s)
        await readings.add(water, make_reading(water, T0 + 3 * DAY, "2"))
        await readings.add(water, make_reading(water, T0, "1"))

    act(work)
    summaries = act(lambda s: SourceRepository(s).summaries(), readonly=True)
    assert [(x.source.name, x.last_reading_at) for x in summaries] == [("Gas", None), ("Water", T0 + 3 * DAY)]
    assert summaries[0].source == gas


# -- readings: storing -----------------------------------------------------------------------------


def test_readings_add_get_update_delete(act, add_source, add_member):
    """A reading is stored with its fields, updated in place, and deleted with its values."""
    ann = add_member("Ann")
    source = add_source()
    day, night = source.metrics
    new = make_reading(source, T0, "100.5", "50", note=" first ", estimated=True, entered_by=ann.id)
    stored = act(lambda s: ReadingRepository(s).add(source, new, created_at=T0))
    assert stored.id is not None and stored.note == "first" and stored.created_at == T0

    got = act(lambda s: ReadingRepository(s).get(source, stored.id), readonly=True)
    assert (got.timestamp, got.note, got.estimated, got.from_bill, got.entered_by) == (
        T0,
        "first",
        True,
        False,
        ann.id,
    )
    assert text_values(got.values) == {day.id: "100.5", night.id: "50.0"}

    edited = replace(got, timestamp=T0 + DAY, values={night.id: Decimal("51.5")}, note="", from_bill=True)
    act(lambda s: ReadingRepository(s).update(source, edited))
    again = act(lambda s: ReadingRepository(s).get(source, stored.id), readonly=True)
    assert (again.timestamp, again.note, again.from_bill, text_values(again.values)) == (
        T0 + DAY,
        "",
        True,
        {night.id: "51.5"},
    )
    assert again.created_at == T0 and again.updated_at is not None and again.updated_at > T0

    assert act(lambda s: ReadingRepository(s).delete(source.id, [stored.id])) == 1
    with pytest.raises(NotFoundError):
        act(lambda s: ReadingRepository(s).get(source, stored.id), readonly=True)
    assert act(lambda s: SourceRepository(s).count_values(day.id), readonly=True) == 0
    assert act(lambda s: ReadingRepository(s).delete(source.id, [stored.id])) == 0


def test_readings_of_another_source_are_not_touched(act, add_source):
    """get, update and delete only act on readings of the source given."""
    gas, water = add_source("Gas"), add_source("Water")
    reading = act(lambda s: ReadingRepository(s).add(gas, make_reading(gas, T0, "1")))
    with pytest.raises(NotFoundError):
        act(lambda s: ReadingRepository(s).get(water, reading.id), readonly=True)
    with pytest.raises(NotFoundError):
        act(lambda s: ReadingRepository(s).update(water, replace(reading, values={water.metrics[0].id: Decimal(2)})))
    assert act(lambda s: ReadingRepository(s).delete(water.id, [reading.id])) == 0
    assert act(lambda s: ReadingRepository(s).exists(gas.id), readonly=True)


@pytest.mark.parametrize(
    ("kind", "decimals", "text"),
    [
        (MetricKind.COUNTER, 3, "12345.678"),
        (MetricKind.COUNTER, 1, "999999999999.9"),
        (MetricKind.COUNTER, 3, "0.001"),
        (MetricKind.COUNTER, 0, "999999999999"),
        (MetricKind.COUNTER, 2, "0.00"),
        (MetricKind.INTERVAL, 2, "-1234.56"),
        (MetricKind.GAUGE, 1, "-40.5"),
        (MetricKind.GAUGE, 6, "-0.000001"),
        (MetricKind.GAUGE, 6, "123456789.123456"),
    ],
)
def test_readings_values_round_trip_exactly(act, add_source, kind, decimals, text):
    """A value reads back exactly as entered, to its metric's decimals, from every read path."""
    source = add_source(metrics=(Metric(None, "Value", "u", kind, decimals=decimals),))
    (metric,) = source.metrics
    stored = act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, text)))

    got = act(lambda s: ReadingRepository(s).get(source, stored.id), readonly=True)
    assert text_values(got.values) == {metric.id: text}
    (line,) = act(lambda s: ReadingRepository(s).page(source, 0, 10), readonly=True)
    assert text_values(line.reading.values) == {metric.id: text}
    context = act(lambda s: ReadingRepository(s).context(source, T0 + DAY), readonly=True)
    assert str(context.previous[metric.id].value) == text


def test_readings_shorter_input_reads_back_padded_to_decimals(act, add_source):
    """ "5" for a one-decimal metric reads back as 5.0: the same number, shown to the metric's decimals."""
    source = add_source()
    stored = act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, "5", "0.50")))
    got = act(lambda s: ReadingRepository(s).get(source, stored.id), readonly=True)
    assert list(text_values(got.values).values()) == ["5.0", "0.5"]


def test_readings_empty_metric_is_absent_not_zero(act, add_source):
    """A metric left empty has no value at all (no zero) and no consumption."""
    source = add_source()
    day, night = source.metrics

    async def work(s: AsyncSession) -> None:
        await ReadingRepository(s).add(source, make_reading(source, T0, "10", "20"))
        await ReadingRepository(s).add(source, make_reading(source, T0 + DAY, "11", None))

    act(work)
    lines = act(lambda s: ReadingRepository(s).page(source, 0, 10), readonly=True)
    assert text_values(lines[1].reading.values) == {day.id: "11.0"}
    assert night.id not in lines[1].consumption
    assert act(lambda s: SourceRepository(s).count_values(night.id), readonly=True) == 1


def test_readings_without_values_are_refused(act, add_source):
    """A reading with no value is a ValidationError, on add and on update; nothing is stored."""
    source = add_source()
    with pytest.raises(ValidationError, match="at least one"):
        act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0)))
    assert act(lambda s: SourceRepository(s).count_readings(source.id), readonly=True) == 0

    stored = act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, "1")))
    with pytest.raises(ValidationError):
        act(lambda s: ReadingRepository(s).update(source, replace(stored, values={})))
    assert act(lambda s: SourceRepository(s).count_values(source.metrics[0].id), readonly=True) == 1


@pytest.mark.parametrize("text", ["1.25", "1000000000000", "-1e12"])
def test_readings_unstorable_values_are_refused_naming_the_metric(act, add_source, text):
    """A value the metric cannot hold exactly is refused with the metric's label as the field."""
    source = add_source()
    with pytest.raises(RuleError) as info:
        act(lambda s: ReadingRepository(s).add(source, make_reading(source, T0, text)))
    assert [(i.field, i.metric_id, i.subject) for i in info.value.issues] == [
        (ReadingField.VALUE, source.metrics[0].id, "Day (kWh)")
    ]
    assert act(lambda s: SourceRepository(s).count_readings(source.id), readonly=True) == 0


def test_readings_unknown_metric_is_refused(act, add_source):
    """A value for a metric of another source is refused."""
    gas, water = add_source("Gas"), add_source("Water")
    foreign = make_reading(gas, T0, "1", values={water.metrics[0].id: Decimal(1)})
    with pytest.raises(ValidationError):
        act(lambda s: ReadingRepository(s).add(gas, foreign))


# -- readings: the table -------------------------------------------------------------------------


def add_readings(act: Act, source: Source, rows: list[tuple[Any, ...]]) -> list[int]:
    """Store readings given as (timestamp, *values[, note]) tuples; values in metric order."""

    async def work(s: AsyncSession) -> list[int]:
        repo = ReadingRepository(s)
        ids = []
        for at, *rest in rows:
            note = rest.pop() if len(rest) > len(source.metrics) else ""
            reading = await repo.add(source, make_reading(source, at, *rest, note=note))
            ids.append(reading.id)
        return ids

    return act(work)  # type: ignore[no-any-return]


def page(act: Act, source: Source, offset: int = 0, limit: int = 100, **kwargs: Any) -> list[Any]:
    return act(lambda s: ReadingRepository(s).page(source, offset, limit, **kwargs), readonly=True)  # type: ignore[no-any-return]


def test_readings_page_orders_by_time(act, add_source):
    """Pages come in time order, ascending or descending, with offset and limit."""
    source = add_source()
    ids = add_readings(act, source, [(T0 + 2 * DAY, "3"), (T0, "1"), (T0 + DAY, "2"), (T0 + 1.5 * DAY, "2.5")])
    ascending = [line.reading.id for line in page(act, source)]
    assert ascending == [ids[1], ids[2], ids[3], ids[0]]
    descending = [line.reading.id for line in page(act, source, order=ReadingOrder(descending=True))]
    assert descending == ascending[::-1]
    assert [line.reading.id for line in page(act, source, 1, 2)] == ascending[1:3]
    assert page(act, source, 4, 10) == []
    assert page(act, source, 0, 0) == []


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("text", ["", "odd"])
def test_readings_page_near_the_end_matches_forward_query(act, add_source, descending, text):
    """Pages in the second half (fetched with the reversed query) equal the same rows fetched forward."""
    source = add_source()
    rows = []
    for i in range(25):
        at = T0 + i * DAY / 2  # one time per reading: readings are unique per source and time
        rows.append((at, f"{i}", f"{i + 1}", "odd" if i % 2 else "even"))
    add_readings(act, source, rows)
    order = ReadingOrder(descending=descending)
    flt = ReadingFilter(text=text)
    total = act(lambda s: ReadingRepository(s).count(source.id, flt), readonly=True)
    assert total == (12 if text else 25)
    forward = page(act, source, 0, 100, order=order, flt=flt)
    assert len(forward) == total

    async def every_page(s: AsyncSession) -> dict[tuple[int, int], list[Any]]:
        repo = ReadingRepository(s)
        return {
            (offset, limit): await repo.page(source, offset, limit, order, flt, total)
            for offset in range(total + 1)
            for limit in (1, 4, 7)
        }

    for (offset, limit), rows in act(every_page, readonly=True).items():
        assert rows == forward[offset : offset + limit], (offset, limit)


def test_readings_page_of_a_large_seeded_table(act, add_source, db_path):
    """Bulk-seeded rows (SQLite only) page, count and show consumption like stored ones, at both ends."""
    source = add_source()
    day = source.metrics[0]
    seed_readings(db_path, source, 1000)
    assert act(lambda s: ReadingRepository(s).count(source.id), readonly=True) == 1000
    first = page(act, source, 0, 2, total=1000)
    assert [text_values(line.reading.values)[day.id] for line in first] == ["1000.0", "1000.5"]
    assert [text_values(line.consumption) for line in first] == [{}, {m.id: "0.5" for m in source.metrics}]
    last = page(act, source, 995, 10, total=1000)
    assert last == page(act, source, 995, 10)
    assert [line.reading.timestamp for line in last] == [T0 + timedelta(hours=h) for h in range(995, 1000)]
    assert text_values(last[-1].reading.values)[day.id] == "1499.5"


def test_readings_filter_by_note_text(act, add_source):
    """The note filter is a case-insensitive substring match; % and _ are taken literally."""
    source = add_source()
    ids = add_readings(
        act,
        source,
        [
            (T0, "1", None, "Meter replaced"),
            (T0 + DAY, "2", None, "about 100% sure"),
            (T0 + 2 * DAY, "3", None, "check METER seal"),
            (T0 + 3 * DAY, "4", None, "under_score"),
            (T0 + 4 * DAY, "5", None, ""),
        ],
    )

    def found(text: str) -> list[int]:
        flt = ReadingFilter(text=text)
        lines = page(act, source, flt=flt)
        assert act(lambda s: ReadingRepository(s).count(source.id, flt), readonly=True) == len(lines)
        return [line.reading.id for line in lines]

    assert found("meter") == [ids[0], ids[2]]
    assert found("%") == [ids[1]]
    assert found("_") == [ids[3]]
    assert found("nothing like it") == []
    assert found("") == ids


def test_readings_filter_by_time_range(act, add_source):
    """A time filter includes its start and excludes its end."""
    source = add_source()
    ids = add_readings(act, source, [(T0 + i * DAY, str(i)) for i in range(5)])
    flt = ReadingFilter(start=T0 + DAY, end=T0 + 3 * DAY)
    assert [line.reading.id for line in page(act, source, flt=flt)] == ids[1:3]
    assert act(lambda s: ReadingRepository(s).count(source.id, flt), readonly=True) == 2
    both = ReadingFilter(text="x", start=T0, end=T0 + 10 * DAY)
    assert page(act, source, flt=both) == []


@pytest.mark.parametrize("descending", [False, True])
def test_readings_sort_by_metric_value_missing_last(act, add_source, descending):
    """Sorting by a metric orders by its value; readings without that value come last either way."""
    source = add_source()
    night = source.metrics[1]
    ids = add_readings(
        act,
        source,
        [(T0, "1", "5"), (T0 + DAY, "2", None), (T0 + 2 * DAY, "3", "-2"), (T0 + 3 * DAY, "4", "10")],
    )
    order = ReadingOrder("metric", descending=descending, metric_id=night.id)
    got = [line.reading.id for line in page(act, source, order=order)]
    by_value = [ids[2], ids[0], ids[3]]
    assert got == (by_value[::-1] if descending else by_value) + [ids[1]]


def test_readings_sort_by_note_and_author(act, add_source, add_member):
    """Sorting by note or by who entered it ignores case."""
    source = add_source()
    zoe, ann = add_member("zoe"), add_member("Ann")

    async def work(s: AsyncSession) -> list[int]:
        repo = ReadingRepository(s)
        a = await repo.add(source, make_reading(source, T0, "1", note="b note", entered_by=zoe.id))
        b = await repo.add(source, make_reading(source, T0 + DAY, "2", note="A note", entered_by=ann.id))
        return [a.id, b.id]

    a, b = act(work)
    assert [line.reading.id for line in page(act, source, order=ReadingOrder("note"))] == [b, a]
    assert [line.reading.id for line in page(act, source, order=ReadingOrder("entered_by"))] == [b, a]
    assert [line.entered_by_name for line in page(act, source)] == ["zoe", "Ann"]


def test_readings_consumption_is_difference_from_previous_value(act, add_source):
    """Counters show value minus the previous value of that metric, skipping readings that left it empty."""
    counter_a = Metric(None, "Day", "kWh", MetricKind.COUNTER, decimals=1)
    counter_b = Metric(None, "Night", "kWh", MetricKind.COUNTER, decimals=2)
    gauge = Metric(None, "Temperature", "°C", MetricKind.GAUGE, decimals=1)
    source = add_source(metrics=(counter_a, counter_b, gauge))
    a, b, g = (m.id for m in source.metrics)
    add_readings(
        act,
        source,
        [
            (T0, "100", "50", "20"),
            (T0 + DAY, "110.5", None, "21"),
            (T0 + 2 * DAY, None, "60.25", "19"),
            (T0 + 3 * DAY, "125", "61.5", None),
            (T0 + 4 * DAY, "120", None, None),  # a counter that went down
        ],
    )
    lines = page(act, source)
    assert [text_values(line.consumption) for line in lines] == [
        {},
        {a: "10.5"},
        {b: "10.25"},
        {a: "14.5", b: "1.25"},
        {a: "-5.0"},
    ]
    assert all(g not in line.consumption for line in lines)
    # The same numbers on a page that does not include the previous reading.
    assert text_values(page(act, source, 3, 1)[0].consumption) == {a: "14.5", b: "1.25"}


def test_readings_row_of_gives_index_in_current_order(act, add_source):
    """row_of is the reading's row in the time-sorted (and filtered) table, None where it cannot tell."""
    source = add_source()
    ids = add_readings(act, source, [(T0 + i * DAY, str(i)) for i in range(5)])

    def row_of(reading_id: int, order: ReadingOrder, flt: ReadingFilter | None = None) -> int | None:
        return act(lambda s: ReadingRepository(s).row_of(source.id, reading_id, order, flt), readonly=True)  # type: ignore[no-any-return]

    assert [row_of(i, ReadingOrder()) for i in ids] == [0, 1, 2, 3, 4]
    assert row_of(ids[3], ReadingOrder(descending=True)) == 1
    assert row_of(ids[3], ReadingOrder(), ReadingFilter(start=T0 + 2 * DAY)) == 1
    assert row_of(ids[3], ReadingOrder(), ReadingFilter(end=T0 + 2 * DAY)) is None
    assert row_of(ids[3], ReadingOrder("note")) is None
    assert row_of(999_999, ReadingOrder()) is None
    # The index matches where page() puts it.
    assert page(act, source, 1, 1, order=ReadingOrder(descending=True))[0].reading.id == ids[3]


def test_readings_context_gives_neighbours_duplicate_and_rate(act, add_source):
    """context() finds the previous/next value of each metric, a duplicate, and the recent daily rate."""
    source = add_source()
    day, night = source.metrics
    add_readings(
        act,
        source,
        [(T0, "100", "10"), (T0 + DAY, "101", None), (T0 + 3 * DAY, "106", "13")],
    )

    def context(at, **kwargs: Any):
        return act(lambda s: ReadingRepository(s).context(source, at, **kwargs), readonly=True)

    middle = context(T0 + 2 * DAY, now=T0)
    assert middle.now == T0
    assert middle.previous == {
        day.id: Neighbour(T0 + DAY, Decimal("101.0")),
        night.id: Neighbour(T0, Decimal("10.0")),
    }
    assert middle.next == {
        day.id: Neighbour(T0 + 3 * DAY, Decimal("106.0")),
        night.id: Neighbour(T0 + 3 * DAY, Decimal("13.0")),
    }
    assert middle.daily_rates == {day.id: Decimal("1")}  # (101 - 100) over one day; night has one point
    assert middle.duplicate_at is None

    assert context(T0 + DAY).duplicate_at == T0 + DAY
    after = context(T0 + 4 * DAY)
    assert after.next == {}
    assert after.daily_rates[day.id] == Decimal("2")  # (106 - 100) over three days
    assert after.daily_rates[night.id] == Decimal("1")


def test_readings_context_excludes_the_edited_reading(act, add_source):
    """When editing a reading, it is neither its own neighbour nor its own duplicate."""
    source = add_source()
    day = source.metrics[0]
    ids = add_readings(act, source, [(T0, "100"), (T0 + DAY, "101"), (T0 + 2 * DAY, "102")])

    edited = act(lambda s: ReadingRepository(s).context(source, T0 + DAY, exclude_id=ids[1]), readonly=True)
    assert edited.duplicate_at is None
    assert edited.previous[day.id].timestamp == T0 and edited.next[day.id].timestamp == T0 + 2 * DAY
    # Moving the edited reading later: the stored version of itself is not its previous value.
    moved = act(lambda s: ReadingRepository(s).context(source, T0 + 3 * DAY, exclude_id=ids[2]), readonly=True)
    assert moved.previous[day.id] == Neighbour(T0 + DAY, Decimal("101.0"))
    assert moved.daily_rates[day.id] == Decimal("1")


def test_readings_ids_are_never_reused(run, db, add_source):
    """A deleted reading's id is not given to the next one (an editor left open cannot overwrite it)."""
    source = add_source()

    async def go():
        async with db.session() as s:
            first = await ReadingRepository(s).add(source, make_reading(source, T0, "1.0"))
        async with db.session() as s:
            await ReadingRepository(s).delete(source.id, [first.id])
        async with db.session() as s:
            second = await ReadingRepository(s).add(source, make_reading(source, T0, "2.0"))
        return first.id, second.id

    first_id, second_id = run(go())
    assert second_id > first_id
