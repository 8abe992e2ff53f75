"""Conversion factors and advance payments on a real SQLite file: stored exactly, replaced as a whole,
refused with nothing stored, conflicts named, deleted with their source, and the access policy applied."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from homelog_desktop.db import Database
from homelog_desktop.db.tables import AdvancePaymentRow, ConversionFactorRow
from homelog_desktop.domain.access import AccessDeniedError
from homelog_desktop.domain.energy import ConversionFactor
from homelog_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from homelog_desktop.domain.settlement import AdvancePayment
from homelog_desktop.repositories import SourceRepository
from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
from tests.integration.test_access import Household, house  # noqa: F401  (a fixture)


def gas(day: date, value: str, z: str = "0.95") -> ConversionFactor:
    return ConversionFactor(None, 0, day, Decimal(value), Decimal(z))


def pay(day: date, amount: str) -> AdvancePayment:
    return AdvancePayment(None, 0, day, Decimal(amount))


@pytest.fixture
def in_session(run: Callable[..., Any], db: Database) -> Callable[..., Any]:
    def go(work: Callable[..., Any], *, readonly: bool = False) -> Any:
        async def unit() -> Any:
            async with db.session(readonly=readonly) as session:
                return await work(session)

        return run(unit())

    return go


def test_factors_are_stored_exactly_and_replaced_as_a_whole(add_source, in_session) -> None:
    source = add_source("Gas")
    metric = source.metrics[0].id
    first = [gas(date(2025, 2, 15), "11.40"), gas(date(2024, 1, 1), "11.2")]
    in_session(lambda s: ConversionFactorRepository(s).replace(metric, first))
    stored = in_session(lambda s: ConversionFactorRepository(s).for_metric(metric), readonly=True)
    assert [(f.valid_from, str(f.factor), str(f.z_number), f.unit) for f in stored] == [
        (date(2024, 1, 1), "11.2", "0.95", "kWh"),
        (date(2025, 2, 15), "11.40", "0.95", "kWh"),
    ]
    kept_id = stored[0].id
    # The unchanged factor keeps its row; the changed one is replaced, the removed one goes.
    in_session(lambda s: ConversionFactorRepository(s).replace(metric, [stored[0], gas(date(2025, 6, 1), "11.3")]))
    again = in_session(lambda s: ConversionFactorRepository(s).for_metric(metric), readonly=True)
    assert [(f.id == kept_id, f.valid_from) for f in again] == [(True, date(2024, 1, 1)), (False, date(2025, 6, 1))]


def test_a_refused_factor_stores_nothing(add_source, in_session) -> None:
    source = add_source("Gas")
    metric = source.metrics[0].id
    in_session(lambda s: ConversionFactorRepository(s).replace(metric, [gas(date(2024, 1, 1), "11.2")]))
    bad = [gas(date(2024, 1, 1), "11.2"), gas(date(2025, 1, 1), "0")]
    with pytest.raises(ValidationError, match="Conversion factors, row 2: Factor"):
        in_session(lambda s: ConversionFactorRepository(s).replace(metric, bad))
    twice = [gas(date(2025, 1, 1), "11.2"), gas(date(2025, 1, 1), "11.3")]
    with pytest.raises(ValidationError, match="already has a factor"):
        in_session(lambda s: ConversionFactorRepository(s).replace(metric, twice))
    stored = in_session(lambda s: ConversionFactorRepository(s).for_metric(metric), readonly=True)
    assert [f.valid_from for f in stored] == [date(2024, 1, 1)]
    with pytest.raises(NotFoundError):
        in_session(lambda s: ConversionFactorRepository(s).replace(999_999, []))


def test_advances_are_stored_and_a_change_since_the_form_opened_is_a_conflict(add_source, in_session) -> None:
    source = add_source("Gas")
    sid = source.id
    in_session(lambda s: AdvancePaymentRepository(s).replace(sid, [pay(date(2025, 1, 1), "85.00")]))
    seen = in_session(lambda s: AdvancePaymentRepository(s).for_source(sid), readonly=True)
    assert [(a.valid_from, str(a.amount), a.currency) for a in seen] == [(date(2025, 1, 1), "85.00", "EUR")]
    versions = {a.id: a.version for a in seen}
    # Someone else changes the advances; a save from the old form is refused and stores nothing.
    in_session(lambda s: AdvancePaymentRepository(s).replace(sid, [pay(date(2025, 1, 1), "90")]))
    with pytest.raises(ConflictError):
        in_session(lambda s: AdvancePaymentRepository(s).replace(sid, [pay(date(2025, 7, 1), "100")], versions))
    now = in_session(lambda s: AdvancePaymentRepository(s).for_source(sid), readonly=True)
    assert [str(a.amount) for a in now] == ["90"]
    with pytest.raises(ValidationError, match="Advance payments, row 1: Currency"):
        in_session(
            lambda s: AdvancePaymentRepository(s).replace(
                sid, [AdvancePayment(None, 0, date(2025, 1, 1), Decimal(1), "E")]
            )
        )


def test_factors_and_advances_go_with_their_source(add_source, in_session) -> None:
    source = add_source("Gas")
    in_session(lambda s: ConversionFactorRepository(s).replace(source.metrics[0].id, [gas(date(2024, 1, 1), "11.2")]))
    in_session(lambda s: AdvancePaymentRepository(s).replace(source.id, [pay(date(2025, 1, 1), "85")]))
    in_session(lambda s: SourceRepository(s).delete(source.id))

    async def count(s):
        return (
            await s.scalar(select(func.count()).select_from(ConversionFactorRow)),
            await s.scalar(select(func.count()).select_from(AdvancePaymentRow)),
        )

    assert in_session(count, readonly=True) == (0, 0)


def test_only_the_owner_or_the_administrator_changes_them(house: Household, run) -> None:  # noqa: F811
    ann_private = house.sources["ann-private"]
    ann_public = house.sources["ann-public"]

    async def write(source, metric=None):
        async with house.db.session() as s:
            await ConversionFactorRepository(s).replace(metric or source.metrics[0].id, [gas(date(2024, 1, 1), "10")])
            await AdvancePaymentRepository(s).replace(source.id, [pay(date(2025, 1, 1), "85")])

    run(write_as(house, house.ann, write, ann_private))
    run(write_as(house, house.ann, write, ann_public))
    with pytest.raises(AccessDeniedError, match="Ann"):
        run(write_as(house, house.bob, write, ann_public))
    with pytest.raises(NotFoundError):  # a private source Bob may not see is not found
        run(write_as(house, house.bob, write, ann_private))

    async def read(source):
        async with house.db.session(readonly=True) as s:
            factors = await ConversionFactorRepository(s).for_metric(source.metrics[0].id)
            advances = await AdvancePaymentRepository(s).for_source(source.id)
            return len(factors), len(advances)

    house.as_(house.bob)
    assert run(read(ann_public)) == (1, 1)
    assert run(read(ann_private)) == (0, 0)
    run(write_as(house, house.bob, write, house.sources["bob-private"]))


async def write_as(household: Household, actor, work, *args) -> None:
    household.as_(actor)
    await work(*args)


def test_json_export_includes_factors_and_advances(run, db, add_source, in_session) -> None:
    """A JSON export names each metric's conversion factors and the source's advances, exactly."""
    import io
    import json

    from homelog_desktop.services.exporting import ExportFormat, export_readings

    source = add_source("Gas")
    day, _night = source.metrics
    in_session(lambda s: ConversionFactorRepository(s).replace(day.id, [gas(date(2024, 1, 1), "11.20")]))
    in_session(lambda s: AdvancePaymentRepository(s).replace(source.id, [pay(date(2025, 1, 1), "85.00")]))
    stream = io.StringIO()
    run(export_readings(db, source, stream, ExportFormat.JSON))
    described = json.loads(stream.getvalue())["source"]
    assert described["metrics"][0]["conversion_factors"] == [
        {"valid_from": "2024-01-01", "factor": "11.20", "z_number": "0.95", "unit": "kWh"}
    ]
    assert "conversion_factors" not in described["metrics"][1]
    assert described["advance_payments"] == [{"valid_from": "2025-01-01", "amount": "85.00", "currency": "EUR"}]
