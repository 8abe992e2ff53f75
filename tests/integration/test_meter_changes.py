"""Meter events and tariffs stored and read back exactly; bad ones refused with the field named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Source, Tariff
from homelog_desktop.domain.errors import NotFoundError
from homelog_desktop.domain.issues import MeterEventField, RuleError, SourceField, TariffField
from homelog_desktop.repositories import MeterEventRepository, SourceRepository, TariffRepository
from tests.conftest import T0


@pytest.fixture
def act(run: Callable[..., Any], db: Any) -> Callable[..., Any]:
    def go(work: Callable[..., Any]) -> Any:
        async def unit() -> Any:
            async with db.session() as s:
                return await work(s)

        return run(unit())

    return go


def replacement(source: Source, **overrides: Any) -> MeterEvent:
    metric = source.metrics[0]
    assert source.id is not None and metric.id is not None
    fields: dict[str, Any] = dict(
        id=None,
        source_id=source.id,
        metric_id=metric.id,
        at=T0 + timedelta(days=3),
        kind=MeterEventKind.REPLACEMENT,
        old_value=Decimal("12345.6"),
        new_value=Decimal("0.1"),
        note="new smart meter",
    )
    fields.update(overrides)
    return MeterEvent(**fields)


def test_events_round_trip_and_update_and_delete(act, add_source) -> None:
    source = add_source()
    stored = act(lambda s: MeterEventRepository(s).add(replacement(source)))
    assert stored.id is not None
    assert act(lambda s: MeterEventRepository(s).for_source(source.id)) == [stored]
    assert stored.old_value == Decimal("12345.6") and stored.at == T0 + timedelta(days=3)
    changed = act(lambda s: MeterEventRepository(s).update(replace(stored, new_value=Decimal("2"))))
    assert act(lambda s: MeterEventRepository(s).for_metric(stored.metric_id)) == [changed]
    act(lambda s: MeterEventRepository(s).delete(stored.id))
    assert act(lambda s: MeterEventRepository(s).for_source(source.id)) == []
    with pytest.raises(NotFoundError):
        act(lambda s: MeterEventRepository(s).delete(stored.id))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"old_value": None}, MeterEventField.OLD_VALUE),
        ({"new_value": None}, MeterEventField.NEW_VALUE),
        ({"kind": MeterEventKind.RESET, "old_value": None}, MeterEventField.OLD_VALUE),
        ({"kind": MeterEventKind.ROLLOVER, "digits": None}, MeterEventField.DIGITS),
        ({"kind": MeterEventKind.ROLLOVER, "digits": 13}, MeterEventField.DIGITS),
    ],
)
def test_incomplete_events_are_refused(act, add_source, stored_sources, overrides, field) -> None:
    source = add_source()
    with pytest.raises(RuleError) as caught:
        act(lambda s: MeterEventRepository(s).add(replacement(source, **overrides)))
    assert [i.field for i in caught.value.issues] == [field]
    assert act(lambda s: MeterEventRepository(s).for_source(source.id)) == []


def test_rollover_takes_the_metric_digits_and_gauges_have_no_events(act, add_source) -> None:
    source = add_source(
        metrics=(
            Metric(None, "Register", "kWh", MetricKind.COUNTER, 0, digits=5),
            Metric(None, "Temperature", "°C", MetricKind.GAUGE, 1),
        )
    )
    rolled = act(lambda s: MeterEventRepository(s).add(replacement(source, kind=MeterEventKind.ROLLOVER)))
    assert rolled.kind is MeterEventKind.ROLLOVER
    gauge = source.metrics[1]
    with pytest.raises(RuleError) as caught:
        act(lambda s: MeterEventRepository(s).add(replacement(source, metric_id=gauge.id)))
    assert [i.field for i in caught.value.issues] == [MeterEventField.METRIC]


def test_events_go_with_their_source(act, add_source) -> None:
    source = add_source()
    act(lambda s: MeterEventRepository(s).add(replacement(source)))
    act(lambda s: SourceRepository(s).delete(source.id))
    assert act(lambda s: MeterEventRepository(s).for_source(source.id)) == []


def tariff(metric_id: int, **overrides: Any) -> Tariff:
    fields: dict[str, Any] = dict(
        id=None,
        metric_id=metric_id,
        valid_from=date(2025, 1, 1),
        unit_price=Decimal("0.3120"),
        standing_charge=Decimal("0.4567"),
        currency="eur",
    )
    fields.update(overrides)
    return Tariff(**fields)


def test_tariffs_keep_exact_decimals_in_date_order(act, add_source) -> None:
    source = add_source()
    metric_id = source.metrics[0].id
    later = act(lambda s: TariffRepository(s).add(tariff(metric_id, valid_from=date(2025, 7, 1))))
    first = act(lambda s: TariffRepository(s).add(tariff(metric_id)))
    assert first.currency == "EUR" and first.unit_price == Decimal("0.3120")
    assert str(first.unit_price) == "0.3120"
    assert act(lambda s: TariffRepository(s).for_metric(metric_id)) == [first, later]
    assert act(lambda s: TariffRepository(s).for_metrics([metric_id])) == {metric_id: [first, later]}
    updated = act(lambda s: TariffRepository(s).update(replace(first, unit_price=Decimal("0.33"))))
    assert updated.unit_price == Decimal("0.33")
    act(lambda s: TariffRepository(s).delete(first.id))
    assert act(lambda s: TariffRepository(s).for_metric(metric_id)) == [later]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"unit_price": Decimal("-1")}, TariffField.UNIT_PRICE),
        ({"unit_price": Decimal("NaN")}, TariffField.UNIT_PRICE),
        ({"standing_charge": Decimal("1e9")}, TariffField.STANDING_CHARGE),
        ({"currency": "euro"}, TariffField.CURRENCY),
    ],
)
def test_bad_tariffs_are_refused(act, add_source, overrides, field) -> None:
    source = add_source()
    with pytest.raises(RuleError) as caught:
        act(lambda s: TariffRepository(s).add(tariff(source.metrics[0].id, **overrides)))
    assert [i.field for i in caught.value.issues] == [field]


def test_two_tariffs_on_one_day_are_refused(act, add_source) -> None:
    source = add_source()
    metric_id = source.metrics[0].id
    act(lambda s: TariffRepository(s).add(tariff(metric_id)))
    with pytest.raises(RuleError) as caught:
        act(lambda s: TariffRepository(s).add(tariff(metric_id, unit_price=Decimal(1))))
    assert [i.field for i in caught.value.issues] == [TariffField.VALID_FROM]


def test_billing_year_start_is_stored_and_checked(act, add_source) -> None:
    source = add_source()
    moved = act(lambda s: SourceRepository(s).update(replace(source, billing_start_month=10)))
    assert moved.billing_start_month == 10
    with pytest.raises(RuleError) as caught:
        act(lambda s: SourceRepository(s).update(replace(source, billing_start_month=13)))
    assert [i.field for i in caught.value.issues] == [SourceField.BILLING_START]
