"""The access policy applied by the repositories on a real SQLite file, with two members signed in.

The household: Ann, the administrator, and Bob, a member. Ann owns a private source, a public one
and a public one that lets members add readings; Bob owns a private one. Every query path (the
sidebar, the table, the dashboard, reports, series, export, the meter round's saves) shows Bob
only his own and the public sources, and every write outside the policy is refused with the
policy's reason, storing nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.db import Database
from homelog_desktop.domain.access import AccessDeniedError, Actor, Role
from homelog_desktop.domain.consumption import Period
from homelog_desktop.domain.entities import Member, MeterEvent, MeterEventKind, Source, Tariff
from homelog_desktop.domain.errors import NotFoundError
from homelog_desktop.repositories import (
    MemberRepository,
    MeterEventRepository,
    ReadingRepository,
    SourceRepository,
    TariffRepository,
)
from homelog_desktop.repositories.member_passwords import MemberPasswordRepository
from homelog_desktop.repositories.series import load_series
from homelog_desktop.services.dashboard import dashboard_cards
from homelog_desktop.services.exporting import export_readings, find_source
from homelog_desktop.services.importing import DuplicatePolicy, run_import
from homelog_desktop.services.readings import ReadingService
from homelog_desktop.services.reports import build_report
from tests.conftest import T0, make_reading, make_source
from tests.integration.test_import_run import plan_for, write


@dataclass
class Household:
    db: Database
    ann: Actor
    bob: Actor
    sources: dict[str, Source]
    #: Ann's reading on each of her sources, and Bob's on his.
    readings: dict[str, int]

    def as_(self, actor: Actor | None) -> Database:
        self.db.sign_in_as(actor)
        return self.db


@pytest.fixture
def house(run: Callable[..., Any], db: Database) -> Household:
    async def build() -> Household:
        async with db.session() as session:
            members = MemberRepository(session)
            ann = await members.add(Member(None, "Ann", "ann@example.org"))
            bob = await members.add(Member(None, "Bob", "bob@example.org"))
            assert ann.id is not None and bob.id is not None
            await MemberPasswordRepository(session).set_role(ann.id, Role.ADMIN)
            repo = SourceRepository(session)
            sources = {
                "ann-private": await repo.add(make_source("Ann private", owner_id=ann.id)),
                "ann-public": await repo.add(make_source("Ann public", owner_id=ann.id, is_public=True)),
                "ann-open": await repo.add(
                    make_source("Ann open", owner_id=ann.id, is_public=True, members_may_add_readings=True)
                ),
                "bob-private": await repo.add(make_source("Bob private", owner_id=bob.id)),
            }
            readings = ReadingRepository(session)
            stored = {}
            for key, source in sources.items():
                author = bob.id if key.startswith("bob") else ann.id
                reading = await readings.add(source, make_reading(source, T0, "100.0", "50.0", entered_by=author))
                assert reading.id is not None
                stored[key] = reading.id
                metric = source.metrics[0].id
                assert metric is not None
                await TariffRepository(session).add(Tariff(None, metric, date(2020, 1, 1), Decimal("0.30")))
                await MeterEventRepository(session).add(
                    MeterEvent(
                        None, source.id or 0, metric, T0 - timedelta(days=3), MeterEventKind.RESET, Decimal("90"), None
                    )
                )
        return Household(db, Actor(ann.id, Role.ADMIN), Actor(bob.id, Role.MEMBER), sources, stored)

    return run(build())  # type: ignore[no-any-return]


def _names(sources: list[Source]) -> list[str]:
    return sorted(s.name for s in sources)


BOB_SEES = ["Ann open", "Ann public", "Bob private"]
EVERY = ["Ann open", "Ann private", "Ann public", "Bob private"]


# -- what each member sees ---------------------------------------------------------------------


def test_access_sidebar_shows_a_member_their_own_and_the_public_sources(run, house):
    """The sidebar (all, summaries) lists Bob's own and the public sources; Ann and nobody see all."""

    async def listed(actor: Actor | None) -> tuple[list[str], list[str]]:
        async with house.as_(actor).session(readonly=True) as session:
            repo = SourceRepository(session)
            return _names(await repo.all()), _names([s.source for s in await repo.summaries()])

    assert run(listed(house.bob)) == (BOB_SEES, BOB_SEES)
    assert run(listed(house.ann)) == (EVERY, EVERY)
    assert run(listed(None)) == (EVERY, EVERY)


def test_access_a_hidden_source_is_not_found_by_id_or_name(run, house):
    """Asking for another member's private source finds nothing, as if it did not exist."""
    hidden = house.sources["ann-private"]
    assert hidden.id is not None

    async def look() -> None:
        async with house.as_(house.bob).session(readonly=True) as session:
            repo = SourceRepository(session)
            with pytest.raises(NotFoundError, match="no longer exists"):
                await repo.get(hidden.id)
            with pytest.raises(NotFoundError, match="no source named"):
                await repo.get_by_name("Ann private")
            with pytest.raises(NotFoundError):
                await repo.count_readings(hidden.id)

    run(look())


def test_access_readings_values_changes_and_tariffs_of_a_hidden_source_stay_hidden(run, house):
    """The table, its values, the meter changes and the tariffs of a hidden source return nothing."""
    hidden = house.sources["ann-private"]
    visible = house.sources["ann-public"]
    hidden_metric = hidden.metrics[0].id
    visible_metric = visible.metrics[0].id
    assert hidden_metric is not None and visible_metric is not None

    async def look() -> None:
        async with house.as_(house.bob).session(readonly=True) as session:
            readings = ReadingRepository(session)
            for call in (
                readings.count(hidden.id or 0),
                readings.page(hidden, 0, 100),
                readings.get(hidden, house.readings["ann-private"]),
                readings.context(hidden, T0 + timedelta(days=1)),
                MeterEventRepository(session).for_source(hidden.id or 0),
            ):
                with pytest.raises(NotFoundError):
                    await call
            assert [line.reading.id for line in await readings.page(visible, 0, 100)] == [house.readings["ann-public"]]
            tariffs = await TariffRepository(session).for_metrics([hidden_metric, visible_metric])
            assert tariffs[hidden_metric] == [] and len(tariffs[visible_metric]) == 1
            assert await TariffRepository(session).for_metric(hidden_metric) == []
            assert await MeterEventRepository(session).for_metric(hidden_metric) == []
            assert await MeterEventRepository(session).for_readings([house.readings["ann-private"]]) == []
            assert await SourceRepository(session).count_values(hidden_metric) == 0

    run(look())


def test_access_series_of_a_hidden_metric_are_empty(run, house):
    """Charts and reports read series: a hidden metric's series is empty (both the file and the session path)."""
    hidden = house.sources["ann-private"].metrics[0].id
    visible = house.sources["ann-public"].metrics[0].id
    assert hidden is not None and visible is not None
    db = house.as_(house.bob)
    assert len(run(load_series(db, hidden))) == 0
    assert len(run(load_series(db, visible))) == 1
    assert len(run(load_series(house.as_(house.ann), hidden))) == 1


def test_access_dashboard_reports_and_export_hide_a_hidden_source(run, house, tmp_path):
    """The dashboard has no card for it, a report and an export of it are refused as not found."""
    db = house.as_(house.bob)
    cards = run(dashboard_cards(db, now=T0 + timedelta(days=10), tz=UTC))
    assert sorted(c.summary.source.name for c in cards) == BOB_SEES
    hidden = house.sources["ann-private"]
    assert hidden.id is not None and hidden.metrics[0].id is not None
    with pytest.raises(NotFoundError):
        run(build_report(db, hidden.id, hidden.metrics[0].id, Period.MONTH, tz=UTC))
    with pytest.raises(NotFoundError):
        run(find_source(db, "Ann private"))
    out = tmp_path / "out.csv"
    with pytest.raises(NotFoundError):
        run(export_readings(db, hidden, out))
    assert not out.exists()
    text = io.StringIO()
    run(export_readings(db, house.sources["ann-public"], text))
    assert "100.0" in text.getvalue()


# -- what each member may change -------------------------------------------------------------


def _refused(run: Callable[..., Any], db: Database, work: Callable[[Any], Any], reason: str) -> None:
    async def go() -> None:
        async with db.session() as session:
            await work(session)

    with pytest.raises(AccessDeniedError) as caught:
        run(go())
    assert str(caught.value) == reason


def test_access_a_member_may_not_add_readings_to_a_public_source_of_another(run, house):
    """Adding a reading to Ann's public source is refused with the policy's reason; nothing is stored."""
    source = house.sources["ann-public"]
    reading = make_reading(source, T0 + timedelta(days=1), "101.0")
    _refused(
        run,
        house.as_(house.bob),
        lambda s: ReadingService(s).save(source, reading),
        "Only Ann (the owner) or the administrator can add readings to this source.",
    )

    async def count() -> int:
        async with house.as_(None).session(readonly=True) as session:
            return await ReadingRepository(session).count(source.id or 0)

    assert run(count()) == 1


def test_access_a_member_adds_readings_where_allowed_and_is_their_author(run, house):
    """On a source that lets members add readings Bob's reading is stored as his, whoever the form named."""
    source = house.sources["ann-open"]
    assert house.ann.member_id != house.bob.member_id

    async def add() -> Any:
        async with house.as_(house.bob).session() as session:
            reading = make_reading(source, T0 + timedelta(days=1), "101.0", entered_by=house.ann.member_id)
            return await ReadingService(session).save(source, reading, accept_all=True)

    saved = run(add()).reading
    assert saved.entered_by == house.bob.member_id

    async def change() -> Any:
        async with house.as_(house.bob).session() as session:
            return await ReadingRepository(session).update(source, replace(saved, note="checked"))

    assert run(change()).note == "checked"


def test_access_a_member_may_not_change_or_delete_another_members_reading(run, house):
    """Ann's reading on her open source: Bob can see it but neither change nor delete it."""
    source = house.sources["ann-open"]
    db = house.as_(house.bob)
    reading_id = house.readings["ann-open"]

    async def fetch() -> Any:
        async with db.session(readonly=True) as session:
            return await ReadingRepository(session).get(source, reading_id)

    reading = run(fetch())
    reason = "Only Ann (who entered it), Ann (the owner) or the administrator can {} this reading."
    _refused(
        run, db, lambda s: ReadingRepository(s).update(source, replace(reading, note="x")), reason.format("change")
    )
    _refused(run, db, lambda s: ReadingRepository(s).delete(source.id, [reading_id]), reason.format("delete"))
    assert run(fetch()).note == reading.note


def test_access_the_owner_and_the_administrator_change_any_reading_of_their_sources(run, house):
    """Ann (owner, administrator) changes Bob's reading on her open source and deletes one on his source."""
    source = house.sources["ann-open"]

    async def bob_adds() -> Any:
        async with house.as_(house.bob).session() as session:
            return await ReadingRepository(session).add(source, make_reading(source, T0 + timedelta(days=2), "102.0"))

    bobs = run(bob_adds())

    async def ann_changes() -> None:
        async with house.as_(house.ann).session() as session:
            await ReadingRepository(session).update(source, replace(bobs, note="fixed by Ann"))
            bob_source = house.sources["bob-private"]
            assert await ReadingRepository(session).delete(bob_source.id or 0, [house.readings["bob-private"]]) == 1

    run(ann_changes())


def test_access_a_member_may_not_change_another_members_source(run, house):
    """Edit, archive, delete, metrics, tariffs and meter changes of Ann's public source: refused for Bob."""
    source = house.sources["ann-public"]
    db = house.as_(house.bob)
    metric = source.metrics[0].id
    assert source.id is not None and metric is not None
    owner = "Only Ann (the owner) or the administrator can {}."
    _refused(
        run, db, lambda s: SourceRepository(s).update(replace(source, name="Mine")), owner.format("change this source")
    )
    _refused(run, db, lambda s: SourceRepository(s).set_archived(source.id, True), owner.format("change this source"))
    _refused(run, db, lambda s: SourceRepository(s).delete(source.id), owner.format("delete this source"))
    _refused(
        run,
        db,
        lambda s: TariffRepository(s).add(Tariff(None, metric, date(2024, 1, 1), Decimal("0.40"))),
        owner.format("change this source's tariffs"),
    )
    change = MeterEvent(None, source.id, metric, T0 + timedelta(days=1), MeterEventKind.RESET, Decimal("90"), None)
    _refused(
        run,
        db,
        lambda s: MeterEventRepository(s).add(change),
        owner.format("record or change this source's meter changes"),
    )

    async def unchanged() -> Source:
        async with house.as_(None).session(readonly=True) as session:
            return await SourceRepository(session).get(source.id or 0)

    assert run(unchanged()) == source


def test_access_a_hidden_source_cannot_be_changed_either(run, house):
    """Writes to another member's private source fail as for a source that does not exist."""
    source = house.sources["ann-private"]
    db = house.as_(house.bob)

    async def go() -> None:
        async with db.session() as session:
            await SourceRepository(session).delete(source.id or 0)

    with pytest.raises(NotFoundError):
        run(go())


def test_access_a_new_source_belongs_to_who_created_it(run, house):
    """Bob's new source is his even if the form named Ann; he cannot give his source away; Ann can."""
    db = house.as_(house.bob)

    async def create() -> Source:
        async with db.session() as session:
            return await SourceRepository(session).add(make_source("Bob's shed", owner_id=house.ann.member_id))

    created = run(create())
    assert created.owner_id == house.bob.member_id
    _refused(
        run,
        db,
        lambda s: SourceRepository(s).update(replace(created, owner_id=house.ann.member_id)),
        "Only the administrator can give a source to another member.",
    )

    async def ann_gives() -> Source:
        async with house.as_(house.ann).session() as session:
            return await SourceRepository(session).update(replace(created, owner_id=house.ann.member_id))

    assert run(ann_gives()).owner_id == house.ann.member_id


def test_access_members_are_changed_by_themselves_and_the_administrator(run, house):
    """Bob renames himself but not Ann, and may neither add nor remove members; Ann may."""
    db = house.as_(house.bob)
    _refused(run, db, lambda s: MemberRepository(s).add(Member(None, "Cat")), "Only the administrator can add members.")
    _refused(
        run,
        db,
        lambda s: MemberRepository(s).update(Member(house.ann.member_id, "Annie", "ann@example.org")),
        "Only Ann or the administrator can change this member.",
    )
    _refused(
        run,
        db,
        lambda s: MemberRepository(s).delete(house.ann.member_id),
        "Only the administrator can remove members.",
    )

    async def rename() -> Member:
        async with db.session() as session:
            return await MemberRepository(session).update(Member(house.bob.member_id, "Robert", "bob@example.org"))

    assert run(rename()).name == "Robert"


# -- imports ---------------------------------------------------------------------------------


def test_access_import_into_a_source_is_refused_where_adding_readings_is(run, house, tmp_path: Path):
    """A member's import into another's public source is refused; nothing is stored."""
    path = write(tmp_path / "in.csv", "Date,Day,Night\n2024-01-01,1,1\n2024-01-02,2,2\n")
    source = house.sources["ann-public"]
    with pytest.raises(AccessDeniedError, match="Only Ann"):
        run(run_import(house.as_(house.bob), plan_for(path, source)))

    async def count() -> int:
        async with house.as_(None).session(readonly=True) as session:
            return await ReadingRepository(session).count(source.id or 0)

    assert run(count()) == 1


def test_access_an_import_where_allowed_is_entered_by_the_member(run, house, tmp_path: Path):
    """An import into the open source stores the rows as Bob's; replacing Ann's readings is refused."""
    path = write(tmp_path / "in.csv", "Date,Day,Night\n2024-01-01,1,1\n2024-01-02,2,2\n")
    source = house.sources["ann-open"]
    db = house.as_(house.bob)
    summary = run(run_import(db, plan_for(path, source)))
    assert summary.imported == 2

    async def authors() -> set[int | None]:
        async with db.session(readonly=True) as session:
            lines = await ReadingRepository(session).page(source, 0, 100)
            return {line.reading.entered_by for line in lines if line.reading.timestamp.year == 2024}

    assert run(authors()) == {house.bob.member_id}
    with pytest.raises(AccessDeniedError, match="Only Ann"):
        run(run_import(db, plan_for(path, source, duplicates=DuplicatePolicy.REPLACE)))


def test_access_source_names_do_not_reveal_private_sources(run, house):
    """Bob may call his new source "Ann private" (her private source is not told of, and the file keeps names
    unique per owner); "ann PUBLIC", which he sees, is taken; Ann, the administrator, sees both of them."""
    from homelog_desktop.domain.errors import DuplicateNameError

    async def add(actor: Actor, name: str) -> Source:
        async with house.as_(actor).session() as session:
            return await SourceRepository(session).add(make_source(name))

    mine = run(add(house.bob, "Ann private"))
    assert mine.owner_id == house.bob.member_id and mine.name == "Ann private"
    with pytest.raises(DuplicateNameError, match="already a source called “ann PUBLIC”"):
        run(add(house.bob, "ann PUBLIC"))
    with pytest.raises(DuplicateNameError):
        run(add(house.bob, "ann private"))  # now his own has that name
    with pytest.raises(DuplicateNameError):
        run(add(house.ann, "Bob private"))  # the administrator sees Bob's private source

    async def names(actor: Actor) -> list[str]:
        async with house.as_(actor).session(readonly=True) as session:
            return sorted(s.name for s in await SourceRepository(session).all())

    assert run(names(house.ann)).count("Ann private") == 2
    assert run(names(house.bob)).count("Ann private") == 1
