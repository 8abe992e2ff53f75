"""A rich source exported (JSON and CSV) and imported into an empty database (real SQLite files) is the same
source, compared field by field (``tests/roundtrip_support``): counter, interval (with gaps) and gauge metrics,
flags, two authors, tariffs, meter changes, notes and Unicode names."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.entities import (
    Category,
    Member,
    MeterEvent,
    MeterEventKind,
    Metric,
    MetricKind,
    Reading,
    Source,
    Tariff,
)
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import (
    MemberRepository,
    MeterEventRepository,
    ReadingRepository,
    SourceRepository,
    TariffRepository,
)
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from homelog_desktop.services.exporting import ExportFormat, export_readings, export_sources, export_text
from homelog_desktop.services.importing import (
    CancelToken,
    ImportCancelledError,
    ImportFileError,
    ImportPlan,
    detect,
    run_import,
    suggest_mapping,
)
from homelog_desktop.services.importing.homelog import is_homelog_file, read_document, run_homelog_import
from tests.roundtrip_support import differences, snapshot

NAME = "Électricité ☀ “Haus”"
T0 = datetime(2024, 10, 1, 6, 0, tzinfo=UTC)
NOTES = ["", "abgelesen ✓", "=SUM(A1)", 'quote "x", comma', "zweite\nZeile", "'tis", "＋１"]
CEST = timezone(timedelta(hours=2))


def rich_definition(owner_id: int | None) -> Source:
    return Source(
        None,
        NAME,
        Category.ELECTRICITY,
        description="Zähler im Keller — Nr. 12/3",
        owner_id=owner_id,
        is_public=True,
        interval_days=30,
        archived=False,
        billing_start_month=7,
        members_may_add_readings=True,
        metrics=(
            Metric(None, "Tag ☀", "kWh", MetricKind.COUNTER, decimals=1, digits=6),
            Metric(None, "Heizöl", "l", MetricKind.INTERVAL, decimals=0),
            Metric(None, "Température", "°C", MetricKind.GAUGE, decimals=2),
        ),
    )


async def build_rich(db: Database) -> None:
    """Two members, the rich source and a small second one, as a household would have them."""
    async with db.session() as session:
        members = MemberRepository(session)
        ann = await members.add(Member(None, "Ann"))
        bjorn = await members.add(Member(None, "Bjørn Ødegård"))
        sources = SourceRepository(session)
        source = await sources.add(rich_definition(ann.id))
        day, oil, temp = source.metrics
        readings = ReadingRepository(session)
        stored: list[Reading] = []
        for i in range(40):
            at = T0 + timedelta(days=3 * i, minutes=7 * i)
            values: dict[int, Decimal] = {day.id: Decimal(f"{1000 + 12.5 * i:.1f}")}  # type: ignore[dict-item]
            starts: dict[int, datetime] = {}
            if i % 3 == 0:  # an amount over its own day, with gaps between
                values[oil.id] = Decimal(100 + i)  # type: ignore[index]
                starts[oil.id] = at - timedelta(days=1)  # type: ignore[index]
            elif i % 7 == 1:  # since the previous amount (hand entry)
                values[oil.id] = Decimal(7 * i)  # type: ignore[index]
            if i % 2 == 0:
                values[temp.id] = Decimal(f"{-3.25 + i * 0.5:.2f}")  # type: ignore[index]
            if i == 20:  # the replacement: the new meter starts low
                values[day.id] = Decimal("5.0")  # type: ignore[index]
            reading = Reading(
                None,
                source.id,  # type: ignore[arg-type]
                at,
                values,
                note=NOTES[i % len(NOTES)],
                estimated=i % 5 == 2,
                from_bill=i % 11 == 3,
                entered_by=(ann.id, bjorn.id, None)[i % 3],
                starts=starts,
            )
            stored.append(await readings.add(source, reading))
        tariffs = TariffRepository(session)
        await tariffs.add(Tariff(None, day.id, date(2024, 1, 1), Decimal("0.3120"), Decimal("0.4500"), "EUR"))  # type: ignore[arg-type]
        await tariffs.add(Tariff(None, day.id, date(2025, 1, 1), Decimal("0.2987"), Decimal("0.5"), "EUR"))  # type: ignore[arg-type]
        await tariffs.add(Tariff(None, oil.id, date(2024, 6, 1), Decimal("1.05"), Decimal("0"), "CHF"))  # type: ignore[arg-type]
        factors = ConversionFactorRepository(session)
        await factors.replace(
            oil.id,  # type: ignore[arg-type]
            [
                ConversionFactor(None, 0, date(2024, 1, 1), Decimal("9.8"), Decimal("1"), "kWh"),
                ConversionFactor(None, 0, date(2025, 1, 1), Decimal("10.01"), Decimal("1"), "kWh"),
            ],
        )
        await AdvancePaymentRepository(session).replace(
            source.id,  # type: ignore[arg-type]
            [AdvancePayment(None, 0, date(2024, 7, 1), Decimal("85.00"), "EUR")],
        )
        changes = MeterEventRepository(session)
        twenty = stored[20]
        await changes.add(
            MeterEvent(
                None,
                source.id,  # type: ignore[arg-type]
                day.id,  # type: ignore[arg-type]
                twenty.timestamp - timedelta(hours=2),
                MeterEventKind.REPLACEMENT,
                Decimal("1249.9"),
                Decimal("0.0"),
                note="neuer Zähler ⚡",
                reading_id=twenty.id,
            )
        )
        await changes.add(
            MeterEvent(
                None,
                source.id,  # type: ignore[arg-type]
                day.id,  # type: ignore[arg-type]
                T0 + timedelta(days=100, hours=1),
                MeterEventKind.RESET,
                Decimal("1300.0"),
                None,
            )
        )
        water = await sources.add(
            Source(None, "Wasser", Category.WATER, metrics=(Metric(None, "Volumen", "m³", decimals=3),))
        )
        for i in range(5):
            await readings.add(
                water,
                Reading(None, water.id, T0 + timedelta(days=i), {water.metrics[0].id: Decimal(f"{i}.125")}),  # type: ignore[arg-type, dict-item]
            )


async def fresh_database(path: Path, members: tuple[str, ...] = ("Ann", "Bjørn Ødegård")) -> Database:
    db = Database(sqlite_url(path))
    await migrate(db)
    async with db.session() as session:
        for name in members:
            await MemberRepository(session).add(Member(None, name))
    return db


@pytest.fixture
def rich(run: Any, db: Database) -> Database:
    run(build_rich(db))
    return db


async def _sources(db: Database) -> list[Source]:
    async with db.session(readonly=True) as session:
        return await SourceRepository(session).all()


def test_json_round_trip_into_an_empty_database_is_identical(
    run: Any, rich: Database, db_path: Path, tmp_path: Path
) -> None:
    """Both sources, exported to one JSON file and imported into an empty database, compare equal field by field."""
    target = tmp_path / "all.json"
    result = run(export_sources(rich, run(_sources(rich)), target, tz=CEST))
    assert result.rows == 45
    assert is_homelog_file(target)
    fresh = run(fresh_database(tmp_path / "fresh.db"))
    try:
        summary = run(run_homelog_import(fresh, read_document(target)))
    finally:
        run(fresh.dispose())
    assert summary.complete, summary.as_text()
    assert summary.imported == 45 and summary.source_created
    outcomes = {o.name: o for o in summary.sources}
    assert set(outcomes) == {NAME, "Wasser"}
    assert outcomes[NAME].tariffs_added == 3 and outcomes[NAME].changes_added == 2
    assert outcomes[NAME].factors_added == 2 and outcomes[NAME].advances_added == 1
    for name in (NAME, "Wasser"):
        original, copy = snapshot(db_path, name), snapshot(tmp_path / "fresh.db", name)
        assert differences(original, copy) == []
    # The rich source really has all it should (the comparison is not of two empty things).
    original = snapshot(db_path, NAME)
    readings = original["readings"]
    assert {r[4] for r in readings} == {"Ann", "Bjørn Ødegård", None}
    assert any(r[2] for r in readings) and any(r[3] for r in readings)
    oil = [r[5]["Heizöl"] for r in readings if "Heizöl" in r[5]]
    assert any(start is not None and start != previous[1] for previous, (_v, start) in zip(readings, oil, strict=False))
    assert original["meter_changes"][0][-1] is not None  # linked to its reading
    assert original["source"][3] == "Ann"
    assert len(original["conversion_factors"]) == 2 and len(original["advance_payments"]) == 1


def test_json_into_a_database_without_those_members_names_them(run: Any, rich: Database, tmp_path: Path) -> None:
    """Authors (and the owner) who are no members of the target are named; their readings are kept without them."""
    source = next(s for s in run(_sources(rich)) if s.name == NAME)
    target = tmp_path / "one.json"
    run(export_readings(rich, source, target, ExportFormat.JSON))
    fresh = run(fresh_database(tmp_path / "fresh.db", members=("ann",)))  # Ann, spelled otherwise
    try:
        summary = run(run_homelog_import(fresh, read_document(target)))
    finally:
        run(fresh.dispose())
    assert summary.unknown_authors == ["Bjørn Ødegård"]
    assert not summary.complete
    assert "Not members here: “Bjørn Ødegård”" in summary.as_text()
    copy = snapshot(tmp_path / "fresh.db", NAME)
    assert {r[4] for r in copy["readings"]} == {"ann", None}
    assert summary.imported == 40


def test_json_imported_again_adds_only_what_is_missing(run: Any, rich: Database, db_path: Path, tmp_path: Path) -> None:
    """Into a database that has the source, only missing readings, tariffs and meter changes are added, and the
    summary says what was there already."""
    source = next(s for s in run(_sources(rich)) if s.name == NAME)
    target = tmp_path / "one.json"
    run(export_readings(rich, source, target, ExportFormat.JSON))
    fresh = run(fresh_database(tmp_path / "fresh.db"))
    try:
        run(run_homelog_import(fresh, read_document(target)))

        async def remove_some() -> None:
            async with fresh.session() as session:
                stored = next(s for s in await SourceRepository(session).all() if s.name == NAME)
                assert stored.id is not None and stored.metrics[0].id is not None
                lines = await ReadingRepository(session).page(stored, 0, 100)
                gone = [lines[0].reading.id, lines[5].reading.id]
                await ReadingRepository(session).delete(stored.id, [i for i in gone if i is not None])
                tariffs = await TariffRepository(session).for_metric(stored.metrics[0].id)
                assert tariffs[0].id is not None
                await TariffRepository(session).delete(tariffs[0].id)

        run(remove_some())
        summary = run(run_homelog_import(fresh, read_document(target)))
    finally:
        run(fresh.dispose())
    (outcome,) = summary.sources
    assert not outcome.created
    assert (outcome.imported, outcome.skipped) == (2, 38)
    assert (outcome.tariffs_added, outcome.tariffs_there) == (1, 2)
    assert (outcome.changes_added, outcome.changes_there) == (0, 2)
    assert (outcome.factors_added, outcome.factors_there, outcome.advances_there) == (0, 2, 1)
    text = summary.as_text()
    assert "already here" in text and "38 skipped" in text
    assert differences(snapshot(db_path, NAME), snapshot(tmp_path / "fresh.db", NAME)) == []


def test_csv_round_trip_keeps_periods_flags_authors_and_notes(
    run: Any, rich: Database, db_path: Path, tmp_path: Path
) -> None:
    """A CSV into a source of the same definition: every reading comes back with its values, periods, flags,
    author and note, with no option (the header is recognised as Home Log's own)."""
    source = next(s for s in run(_sources(rich)) if s.name == NAME)
    target = tmp_path / "one.csv"
    run(export_readings(rich, source, target, ExportFormat.CSV, tz=CEST))
    fresh = run(fresh_database(tmp_path / "fresh.db"))
    try:

        async def define() -> Source:
            async with fresh.session() as session:
                return await SourceRepository(session).add(rich_definition(None))

        stored = run(define())
        detected = detect(target)
        mapping = suggest_mapping(detected, stored)
        plan = ImportPlan(target, detected.settings, stored, mapping, kind=detected.kind, columns=detected.columns)
        summary = run(run_import(fresh, plan))
    finally:
        run(fresh.dispose())
    assert summary.complete, summary.as_text()
    assert summary.ignored_columns == []
    assert summary.imported == 40
    original = snapshot(db_path, NAME, with_definition=False)
    assert differences(original, snapshot(tmp_path / "fresh.db", NAME, with_definition=False)) == []


def test_csv_into_a_new_source_makes_interval_metrics_of_columns_with_periods(
    run: Any, rich: Database, db_path: Path, tmp_path: Path
) -> None:
    """A CSV into a new source: the metric with "X start" becomes an interval metric with the same periods."""
    source = next(s for s in run(_sources(rich)) if s.name == NAME)
    target = tmp_path / "one.csv"
    run(export_readings(rich, source, target, ExportFormat.CSV))
    detected = detect(target)
    from homelog_desktop.services.importing import new_source_for

    new, mapping = new_source_for("Kopie", detected)
    assert [(m.name, m.kind) for m in new.metrics] == [
        ("Tag ☀", MetricKind.COUNTER),
        ("Heizöl", MetricKind.INTERVAL),
        ("Température", MetricKind.COUNTER),  # a CSV does not say a metric is a gauge: JSON does
    ]
    fresh = run(fresh_database(tmp_path / "fresh.db"))
    try:
        run(run_import(fresh, ImportPlan(target, detected.settings, new, mapping, kind=detected.kind)))
    finally:
        run(fresh.dispose())
    original = snapshot(db_path, NAME, with_definition=False)["readings"]
    copy = snapshot(tmp_path / "fresh.db", "Kopie", with_definition=False)["readings"]
    assert copy == original


def test_a_cancelled_json_import_stores_nothing(run: Any, rich: Database, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    run(export_sources(rich, run(_sources(rich)), target))
    fresh = run(fresh_database(tmp_path / "fresh.db"))
    cancel = CancelToken()
    cancel.cancel()
    try:
        with pytest.raises(ImportCancelledError):
            run(run_homelog_import(fresh, read_document(target), cancel=cancel))
        assert run(_sources(fresh)) == []
    finally:
        run(fresh.dispose())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=99), "version 99"),
        (lambda d: d["sources"][0]["readings"][3]["values"].update({"Tag ☀": 1.25}), "reading 4"),
        (lambda d: d["sources"][0]["readings"][1].update(timestamp="2024-10-04 06:07"), "has no UTC offset"),
        (lambda d: d["sources"][0]["readings"][0]["values"].update({"Nope": 1}), "“Nope” is no metric"),
        (lambda d: d["sources"][0]["tariffs"][0].update(metric="Nope"), "tariff 1"),
    ],
)
def test_a_damaged_json_export_is_refused_with_where(
    run: Any, rich: Database, tmp_path: Path, change: Any, message: str
) -> None:
    source = next(s for s in run(_sources(rich)) if s.name == NAME)
    target = tmp_path / "one.json"
    run(export_readings(rich, source, target, ExportFormat.JSON))
    document = json.loads(target.read_text(encoding="utf-8"))
    change(document)
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportFileError, match=message):
        read_document(target)


def test_a_version_1_export_is_still_read(tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    target.write_text(
        json.dumps(
            {
                "format": "homelog-readings",
                "version": 1,
                "source": {
                    "name": "Öl",
                    "category": "oil",
                    "metrics": [{"name": "Menge", "unit": "l", "kind": "interval", "decimals": 0}],
                },
                "readings": [
                    {"timestamp": "2024-01-02T00:00:00+00:00", "Menge": 5, "Menge start": None, "note": ""},
                    {"timestamp": "2024-01-05T00:00:00+00:00", "Menge": 7, "Menge start": "2024-01-04T00:00:00+00:00"},
                ],
            }
        ),
        encoding="utf-8",
    )
    (part,) = read_document(target).sources
    assert part.readings.values == {0: [5.0, 7.0]}
    assert part.readings.starts == {0: [None, int(datetime(2024, 1, 4, tzinfo=UTC).timestamp())]}


# -- the JSON round trip of readings, as a property ----------------------------------------------

_METRICS = (
    Metric(1, "Zähler", "kWh", MetricKind.COUNTER, decimals=2),
    Metric(2, "Menge", "l", MetricKind.INTERVAL, decimals=0),
    Metric(3, "°C", "°C", MetricKind.GAUGE, decimals=1),
)
_SOURCE = Source(9, "P", metrics=_METRICS)


@st.composite
def _rows(draw: Any) -> list[tuple[Any, ...]]:
    times = sorted(draw(st.sets(st.integers(0, 2_000_000_000), min_size=1, max_size=25)))
    rows = []
    for ts in times:
        counter = draw(st.one_of(st.none(), st.integers(-(10**9), 10**9).map(lambda n: n / 100)))
        amount = draw(st.one_of(st.none(), st.integers(0, 10**6).map(float)))
        gauge = draw(st.integers(-500, 500).map(lambda n: n / 10))
        start = (
            draw(st.one_of(st.none(), st.integers(1, 10**6).map(lambda d, ts=ts: ts - d)))
            if amount is not None
            else None
        )
        note = draw(st.text(max_size=12))
        author = draw(st.one_of(st.none(), st.sampled_from(["Ann", "Bjørn", '"x"'])))
        rows.append((ts, note, counter, amount, gauge, start, draw(st.booleans()), draw(st.booleans()), author))
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows())
def test_readings_survive_the_json_round_trip(rows: list[tuple[Any, ...]], tmp_path: Path) -> None:
    """Whatever the readings (values, missing values, periods, flags, notes, authors), reading the export back
    gives them exactly."""
    text = export_text(_SOURCE, [rows], ExportFormat.JSON, tz=CEST)
    target = tmp_path / "p.json"
    target.write_text(text, encoding="utf-8")
    back = read_document(target).sources[0].readings
    assert back.ts == [r[0] for r in rows]
    assert back.values == {0: [r[2] for r in rows], 1: [r[3] for r in rows], 2: [r[4] for r in rows]}
    assert back.starts == {1: [r[5] for r in rows]}
    assert back.notes == [r[1] for r in rows]
    assert back.estimated == [r[6] for r in rows] and back.from_bill == [r[7] for r in rows]
    assert back.authors == [(r[8] or "").strip() for r in rows]
    assert json.load(io.StringIO(text))["version"] == 2


def test_a_source_is_found_by_name_in_any_case_beyond_ascii(run: Any, rich: Database) -> None:
    """SQLite's lower() knows only A-Z: “ÉLECTRICITÉ ☀ “HAUS”” still finds “Électricité ☀ “Haus””."""

    async def find(name: str) -> Source:
        async with rich.session(readonly=True) as session:
            return await SourceRepository(session).get_by_name(name)

    assert run(find(NAME)).name == NAME
    assert run(find(NAME.upper())).name == NAME


@pytest.mark.parametrize("indent", [None, 2])
def test_a_reformatted_export_reads_the_same(run: Any, rich: Database, tmp_path: Path, indent: int | None) -> None:
    """An export someone re-formatted (on one line, or pretty-printed) reads as the original does."""
    target = tmp_path / "all.json"
    run(export_sources(rich, run(_sources(rich)), target))
    other = tmp_path / "other.json"
    document = json.loads(target.read_text(encoding="utf-8"))
    other.write_text(json.dumps(document, ensure_ascii=False, indent=indent), encoding="utf-8")
    first, second = read_document(target), read_document(other)
    assert [(s.source, s.owner, s.tariffs, s.meter_changes, s.readings) for s in first.sources] == [
        (s.source, s.owner, s.tariffs, s.meter_changes, s.readings) for s in second.sources
    ]


def test_a_member_who_is_not_the_administrator_imports_readings_as_their_own(
    run: Any, rich: Database, tmp_path: Path
) -> None:
    """Only the administrator enters readings in another member's name: a member imports them as theirs, and
    the summary says the authors were not kept."""
    from homelog_desktop.domain.access import Actor, Role
    from homelog_desktop.repositories.member_passwords import MemberPasswordRepository

    target = tmp_path / "one.json"
    run(export_readings(rich, next(s for s in run(_sources(rich)) if s.name == NAME), target, ExportFormat.JSON))
    fresh = run(fresh_database(tmp_path / "fresh.db", members=("Ann", "Bjørn Ødegård", "Cleo")))
    try:

        async def ids() -> dict[str, int]:
            async with fresh.session() as session:
                found = {m.name: m.id for m in await MemberRepository(session).all() if m.id is not None}
                await MemberPasswordRepository(session).set_role(found["Ann"], Role.ADMIN)
                return found

        members = run(ids())
        fresh.sign_in_as(Actor(members["Cleo"], Role.MEMBER))
        summary = run(run_homelog_import(fresh, read_document(target)))
    finally:
        fresh.sign_in_as(None)
        run(fresh.dispose())
    assert summary.authors_not_kept and summary.unknown_authors == []
    assert "Authors not kept" in summary.as_text()
    copy = snapshot(tmp_path / "fresh.db", NAME)
    assert {r[4] for r in copy["readings"]} == {"Cleo"}
    assert copy["source"][3] == "Cleo"  # a member's new source is theirs
