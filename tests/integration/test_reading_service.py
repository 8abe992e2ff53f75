"""ReadingService on a real SQLite file: the one way readings are saved (dialog, meter round, CLI)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from homelog_desktop.domain.entities import MeterEvent, MeterEventKind, Metric, MetricKind, Tariff
from homelog_desktop.domain.issues import MeterEventField, ReadingField, RuleError, TariffField
from homelog_desktop.domain.timeutil import utc_now
from homelog_desktop.repositories import MeterEventRepository, TariffRepository
from homelog_desktop.services.readings import ReadingService
from tests.conftest import T0, make_reading

WEEK = timedelta(days=7)
DAY = timedelta(days=1)


@pytest.fixture
def act(run: Callable[..., Any], db: Any) -> Callable[..., Any]:
    """Run ``work(service, session)`` in one write session (committed unless it raises)."""

    def go(work: Callable[..., Any]) -> Any:
        async def unit() -> Any:
            async with db.session() as session:
                return await work(ReadingService(session), session)

        return run(unit())

    return go


def replacement(source, at=T0 + WEEK - timedelta(hours=1), old="1050.0", new="3.0") -> MeterEvent:
    day = source.metrics[0].id
    return MeterEvent(None, source.id, day, at, MeterEventKind.REPLACEMENT, Decimal(old), Decimal(new))


def test_reading_service_stores_a_plain_reading(act, add_source, store, stored_readings):
    """A reading without problems is stored and returned, with no warnings."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    result = act(lambda service, _s: service.save(source, make_reading(source, T0 + WEEK, "1070.0")))
    assert result.stored and result.warnings == []
    assert [r.values for r in stored_readings(source)][-1] == {source.metrics[0].id: Decimal("1070.0")}


def test_reading_service_returns_warnings_and_stores_nothing_until_accepted(act, add_source, store, stored_readings):
    """A counter going down comes back as a warning (nothing stored); accepting its key stores the reading."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    lower = make_reading(source, T0 + WEEK, "900.0")
    result = act(lambda service, _s: service.save(source, lower))
    assert not result.stored
    assert [(i.code, i.field) for i in result.warnings] == [("counter-down", ReadingField.VALUE)]
    assert len(stored_readings(source)) == 1

    key = f"counter-down:{source.metrics[0].id}"
    accepted = act(lambda service, _s: service.save(source, lower, accepted={key}))
    assert accepted.stored and accepted.warnings == []
    assert len(stored_readings(source)) == 2


def test_reading_service_accept_all_stores_and_reports_the_warnings(act, add_source, store, stored_readings):
    """accept_all (the CLI's --accept-warnings) stores the reading and still reports what it found."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    result = act(lambda service, _s: service.save(source, make_reading(source, T0 + WEEK, "900.0"), accept_all=True))
    assert result.stored and [i.code for i in result.warnings] == ["counter-down"]
    assert len(stored_readings(source)) == 2


def test_reading_service_counts_stored_meter_changes(act, add_source, store):
    """The context holds the stored meter changes: after a recorded replacement a low value is no warning."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    act(lambda _service, session: MeterEventRepository(session).add(replacement(source)))
    result = act(lambda service, _s: service.save(source, make_reading(source, T0 + WEEK, "12.0")))
    assert result.stored and result.warnings == []
    assert len(result.context.events) == 1


def test_reading_service_stores_events_with_the_reading(act, add_source, store, run, db):
    """Meter changes given with the reading are checked with it and stored in the same transaction."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    result = act(
        lambda service, _s: service.save(source, make_reading(source, T0 + WEEK, "12.0"), events=[replacement(source)])
    )
    assert result.stored and result.warnings == [] and len(result.events) == 1
    events = act(lambda _service, session: MeterEventRepository(session).for_source(source.id))
    assert [(e.old_value, e.new_value) for e in events] == [(Decimal("1050.0"), Decimal("3.0"))]


def test_reading_service_refuses_errors_and_stores_nothing(act, add_source, store, stored_readings):
    """An incomplete meter change or a change outside the interval refuses the save (RuleError); nothing is stored."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    broken = replace(replacement(source), new_value=None)
    with pytest.raises(RuleError) as caught:
        act(lambda service, _s: service.save(source, make_reading(source, T0 + WEEK, "12.0"), events=[broken]))
    assert [i.field for i in caught.value.issues] == [MeterEventField.NEW_VALUE]
    outside = replacement(source, at=T0 + 2 * WEEK)
    with pytest.raises(RuleError) as caught:
        act(lambda service, _s: service.save(source, make_reading(source, T0 + WEEK, "12.0"), events=[outside]))
    assert [i.code for i in caught.value.issues] == ["change-outside"]
    assert len(stored_readings(source)) == 1
    assert act(lambda _service, session: MeterEventRepository(session).for_source(source.id)) == []


def test_reading_service_refuses_a_reading_of_another_source(act, add_source):
    """A reading (or a meter change) of another source is a programming error, not a user one."""
    first, second = add_source("One"), add_source("Two")
    with pytest.raises(ValueError):
        act(lambda service, _s: service.save(first, make_reading(second, T0, "1.0")))


def test_tariff_repository_refuses_a_tariff_on_a_gauge(act, add_source):
    """The repository applies the same rule as the form: a gauge has no cost."""
    source = add_source(metrics=(Metric(None, "Temperature", "°C", MetricKind.GAUGE, 1),))
    gauge = source.metrics[0].id
    with pytest.raises(RuleError) as caught:
        act(lambda _service, session: TariffRepository(session).add(Tariff(None, gauge, date(2025, 1, 1), Decimal(1))))
    assert [i.field for i in caught.value.issues] == [TariffField.METRIC]


def test_meter_event_repository_refuses_an_update_that_breaks_a_rule(act, add_source):
    """Updating a stored change to one the rules refuse raises RuleError and keeps the stored one."""
    source = add_source()
    stored = act(lambda _service, session: MeterEventRepository(session).add(replacement(source)))
    with pytest.raises(RuleError):
        act(lambda _service, session: MeterEventRepository(session).update(replace(stored, old_value=None)))
    assert act(lambda _service, session: MeterEventRepository(session).for_source(source.id)) == [stored]


def test_reading_service_context_holds_only_stored_changes(act, add_source, store):
    """With warnings pending, the returned context is the stored one: the form adds its own changes
    once (a change counted twice would double the consumption across it)."""
    source = add_source()
    store(source, make_reading(source, T0, "1000.0"))
    soon = utc_now() + 30 * DAY
    later = make_reading(source, soon, "12.0")  # in the future: a warning
    result = act(lambda service, _s: service.save(source, later, events=[replacement(source, at=soon - DAY)]))
    assert not result.stored and [i.code for i in result.warnings] == ["future"]
    assert result.context.events == ()
