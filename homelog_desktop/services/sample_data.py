"""The "Explore sample data" household: three years of a family's weekly meter readings.

``build_sample_household`` is pure (no I/O): it simulates a household day by day (outdoor weather,
holidays, a new washing machine, a new electricity meter halfway) and reads its meters every
Saturday morning; each counter has a tariff in euros that goes up once, in the middle of the history. The result is the
same for the same ``today``, ``seed`` and time zone, and always in English: its names are the keys of the
tables here (``SAMPLE_PRICES``). ``create_sample_household`` stores it in an empty database in one unit
of work, its names, descriptions and notes in the user's language (``localized``); sample data is never
mixed with a user's own data.
"""

from __future__ import annotations

import asyncio
import functools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from ..db.database import Database
from ..domain.energy import ConversionFactor
from ..domain.entities import Category, Member, MeterEvent, MeterEventKind, Metric, MetricKind, Reading, Source, Tariff
from ..domain.errors import HomeLogError
from ..domain.settlement import AdvancePayment
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..repositories import (
    MemberRepository,
    MeterEventRepository,
    ReadingRepository,
    SourceRepository,
    TariffRepository,
)
from ..repositories.energy import AdvancePaymentRepository, ConversionFactorRepository

#: Weekly reading rounds in the sample: three years of Saturdays.
WEEKS = 156
#: Note of an estimated reading.
NOTE_ESTIMATED = QT_TRANSLATE_NOOP("SampleData", "Estimated — meter not accessible")
#: Note of the first reading after a holiday.
NOTE_HOLIDAY = QT_TRANSLATE_NOOP("SampleData", "Holiday — house empty")
#: Note of the readings taken the week the washing machine was replaced.
NOTE_WASHING_MACHINE = QT_TRANSLATE_NOOP("SampleData", "New washing machine")
#: Note of a reading copied from a supplier's bill.
NOTE_BILL = QT_TRANSLATE_NOOP("SampleData", "From the annual bill")
#: Note of the electricity meter's replacement.
NOTE_NEW_METER = QT_TRANSLATE_NOOP("SampleData", "Smart meter installed by the grid operator")
#: What the new electricity meter shows when it is installed (the installer's test run).
NEW_METER_START = Decimal("0.4")
#: Tariffs of the sample's counters: metric name (the English one ``build_sample_household`` gives, not
#: the stored, translated one) -> (unit price, standing charge per day) before and after the price change
#: in the middle of the history, in euros.
SAMPLE_PRICES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "Day": (("0.2950", "0.3950"), ("0.3240", "0.4180")),
    "Night": (("0.2210", "0"), ("0.2390", "0")),
    "Water": (("2.1500", "0.2100"), ("2.3400", "0.2300")),
    # Per kWh: the gas bill's price (the meter counts m³, converted by SAMPLE_GAS_FACTORS).
    "Gas": (("0.0920", "0.3300"), ("0.1050", "0.3500")),
}
#: The gas supplier's conversion factors (calorific value in kWh per m³, Z-number): the first from the
#: start of the history, then a new pair with each annual bill (September).
SAMPLE_GAS_FACTORS = (("11.186", "0.9493"), ("11.241", "0.9512"), ("11.305", "0.9507"), ("11.214", "0.9498"))
#: The gas advance payment per month in euros: the first from the start of the history, then the one
#: each annual bill sets.
SAMPLE_GAS_ADVANCES = ("95", "105", "110", "115")

_ALEX, _SAM = 0, 1
_MEMBERS = (Member(None, "Alex Morgan", "alex.morgan@example.com"), Member(None, "Sam Morgan"))
_TWO_PI = 2 * math.pi


@dataclass(frozen=True, slots=True)
class SampleReading:
    """A reading before it is stored: ``values`` in metric order, members as indexes into ``members``."""

    timestamp: datetime
    values: tuple[Decimal | None, ...]
    note: str = ""
    estimated: bool = False
    from_bill: bool = False
    entered_by: int | None = None
    #: When it was typed in (the reading repository's ``created_at``).
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SampleEvent:
    """A meter change before it is stored: its metric as an index into the source's metrics."""

    metric: int
    at: datetime
    kind: MeterEventKind
    old_value: Decimal | None = None
    new_value: Decimal | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class SampleTariff:
    """A tariff before it is stored: its metric as an index into the source's metrics."""

    metric: int
    valid_from: date
    unit_price: Decimal
    standing_charge: Decimal
    currency: str = "EUR"


@dataclass(frozen=True, slots=True)
class SampleSource:
    """A source not yet stored (no ids), its owner as an index into ``members``, its readings by time,
    its meter changes and its tariffs."""

    source: Source
    owner: int | None
    readings: tuple[SampleReading, ...]
    events: tuple[SampleEvent, ...] = ()
    tariffs: tuple[SampleTariff, ...] = ()
    #: Conversion factors (gas m³ → kWh), their metric as an index into the source's metrics.
    factors: tuple[tuple[int, ConversionFactor], ...] = ()
    #: Advance payments per month (``source_id`` not yet known: 0).
    advances: tuple[AdvancePayment, ...] = ()


@dataclass(frozen=True, slots=True)
class SampleHousehold:
    """Everything the sample data file holds."""

    members: tuple[Member, ...]
    sources: tuple[SampleSource, ...]


@dataclass(frozen=True, slots=True)
class SampleSummary:
    """What ``create_sample_household`` stored."""

    members: int
    sources: int
    readings: int
    events: int = 0
    tariffs: int = 0


async def create_sample_household(db: Database, *, today: date | None = None, seed: int = 2024) -> SampleSummary:
    """Fill an empty, migrated database with the sample household; refuse one that holds anything."""
    day = today or date.today()
    loop = asyncio.get_running_loop()
    household = await loop.run_in_executor(None, functools.partial(build_sample_household, day, seed))
    household = localized(household)  # here, on the caller's (the window's) thread
    async with db.session() as session:
        sources = SourceRepository(session)
        members = MemberRepository(session)
        readings = ReadingRepository(session)
        if await sources.all() or await members.all():
            raise HomeLogError(
                translate(
                    "SampleData",
                    "Sample data goes into a data file of its own: this one already holds sources or members.",
                )
            )
        member_ids = [(await members.add(m)).id for m in household.members]

        def member_id(index: int | None) -> int | None:
            return None if index is None else member_ids[index]

        count = events = tariffs = 0
        for sample in household.sources:
            source = await sources.add(replace(sample.source, owner_id=member_id(sample.owner)))
            assert source.id is not None
            metric_ids = [m.id for m in source.metrics]
            for e in sample.events:
                metric_id = metric_ids[e.metric]
                assert metric_id is not None
                await MeterEventRepository(session).add(
                    MeterEvent(None, source.id, metric_id, e.at, e.kind, e.old_value, e.new_value, note=e.note)
                )
                events += 1
            for t in sample.tariffs:
                metric_id = metric_ids[t.metric]
                assert metric_id is not None
                await TariffRepository(session).add(
                    Tariff(None, metric_id, t.valid_from, t.unit_price, t.standing_charge, t.currency)
                )
                tariffs += 1
            energy = ConversionFactorRepository(session)
            for index in sorted({i for i, _f in sample.factors}):
                metric_id = metric_ids[index]
                assert metric_id is not None
                await energy.replace(
                    metric_id, [replace(f, metric_id=metric_id) for i, f in sample.factors if i == index]
                )
            if sample.advances:
                await AdvancePaymentRepository(session).replace(
                    source.id, [replace(a, source_id=source.id) for a in sample.advances]
                )
            for r in sample.readings:
                values = {
                    m.id: v for m, v in zip(source.metrics, r.values, strict=True) if v is not None and m.id is not None
                }
                reading = Reading(
                    id=None,
                    source_id=source.id,
                    timestamp=r.timestamp,
                    values=values,
                    note=r.note,
                    estimated=r.estimated,
                    from_bill=r.from_bill,
                    entered_by=member_id(r.entered_by),
                )
                await readings.add(source, reading, created_at=r.created_at)
                count += 1
    return SampleSummary(
        members=len(member_ids), sources=len(household.sources), readings=count, events=events, tariffs=tariffs
    )


def localized(household: SampleHousehold) -> SampleHousehold:
    """``household`` with its sources' names, descriptions, metric names and notes in the user's
    language (as it is in English, or before translations are installed); the members keep their names."""

    def tr(text: str) -> str:
        return translate("SampleData", text) if text else text

    def source(sample: SampleSource) -> SampleSource:
        s = sample.source
        return replace(
            sample,
            source=replace(
                s,
                name=tr(s.name),
                description=tr(s.description),
                metrics=tuple(replace(m, name=tr(m.name)) for m in s.metrics),
            ),
            readings=tuple(replace(r, note=tr(r.note)) if r.note else r for r in sample.readings),
            events=tuple(replace(e, note=tr(e.note)) for e in sample.events),
        )

    return replace(household, sources=tuple(source(s) for s in household.sources))


def build_sample_household(today: date, seed: int = 2024, tz: tzinfo | None = None) -> SampleHousehold:
    """Simulate the sample household and its readings up to the last Saturday before ``today``.

    Readings are taken on Saturday mornings between 8 and 10 o'clock in ``tz`` (the computer's
    local time zone when None) and returned in UTC.
    """
    return _Simulation(today, seed, tz).household()


# -- the simulation ---------------------------------------------------------------------------


def _season(day: date) -> float:
    """1 in mid-January, -1 in mid-July."""
    return math.cos(_TWO_PI * (day.timetuple().tm_yday - 18) / 365.25)


def _floor(value: float, decimals: int) -> Decimal:
    """A register as its display shows it: completed units only."""
    return Decimal(f"{value:.9f}").quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_FLOOR)


def _replaced(
    register: Callable[[date, int], float], day: date, minutes: int, start: Decimal
) -> Callable[[date, int], float]:
    """``register`` until a new meter replaces it at ``day``/``minutes``; the new one counts on from ``start``."""
    at_change = register(day, minutes)

    def at(when: date, when_minutes: int) -> float:
        if (when, when_minutes) < (day, minutes):
            return register(when, when_minutes)
        return float(start) + register(when, when_minutes) - at_change

    return at


def _middle(days: list[date]) -> date:
    return days[len(days) // 2]


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(f"{value:.9f}").quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


class _Simulation:
    """Day-by-day weather and use, read every Saturday morning; one RNG drawn in a fixed order."""

    def __init__(self, today: date, seed: int, tz: tzinfo | None) -> None:
        self._rng = random.Random(seed)
        self._tz = tz
        last = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
        self._saturdays = [last - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
        self._start = self._saturdays[0] - timedelta(days=7)
        self._days = [self._start + timedelta(days=i) for i in range((last - self._start).days + 1)]
        self._skipped, self._away, self._back = self._holidays()
        self._outdoor = self._weather()
        rng = self._rng
        self._washing_machine = rng.choice([i for i in range(WEEKS // 3, 2 * WEEKS // 3) if self._is_plain(i)])
        january = [i for i in range(1, WEEKS - 1) if self._saturdays[i].month == 1 and self._is_plain(i)]
        self._gas_estimated = rng.choice(january[: max(1, len(january) // 2)])
        self._water_estimated = rng.choice([i for i in range(2 * WEEKS // 3, WEEKS - 1) if self._is_plain(i)])
        self._boiler_service = rng.choice(
            [i for i in range(WEEKS) if self._saturdays[i].month == 10 and self._is_plain(i)]
        )
        # Each Saturday's round starts between 8:00 and 9:40; the meters are read a few minutes apart.
        self._round_start = [8 * 60 + rng.randint(0, 100) for _ in range(WEEKS)]
        # Chosen without the RNG, so that every other value stays what it was before meters changed.
        self._meter_replaced = next(
            i for i in range(WEEKS // 2, WEEKS) if self._is_plain(i) and abs(i - self._washing_machine) > 2
        )

    def household(self) -> SampleHousehold:
        return SampleHousehold(
            members=_MEMBERS,
            sources=(self._electricity(), self._water(), self._gas(), self._living_room()),
        )

    # -- calendar ------------------------------------------------------------------------------

    def _is_plain(self, week: int) -> bool:
        """A week with a reading and nothing special about it or the week after."""
        return week not in self._skipped and week not in self._back and week + 1 not in self._skipped

    def _index(self, day: date) -> int:
        return (day - self._start).days

    def _utc(self, day: date, minutes: int) -> datetime:
        local = datetime.combine(day, time(minutes // 60, minutes % 60))
        if self._tz is None:
            return local.astimezone(UTC)  # a naive datetime is taken as the computer's local time
        return local.replace(tzinfo=self._tz).astimezone(UTC)

    def _weather(self) -> list[float]:
        """Daily mean outdoor temperature (°C): a seasonal curve, persistent anomalies, summer heat spells.

        Each summer's heat spell peaks just before a Saturday reading so that the living room shows it.
        """
        rng = self._rng
        anomaly = 0.0
        temps: list[float] = []
        for day in self._days:
            anomaly = 0.8 * anomaly + rng.gauss(0, 1.8)
            temps.append(10.2 - 8.7 * _season(day) + anomaly)
        for year in sorted({d.year for d in self._saturdays}):
            weeks = [
                i
                for i in self._rounds()
                if i > 0 and self._saturdays[i].year == year and (7, 1) <= self._month_day(i) <= (8, 20)
            ]
            if not weeks:
                continue
            saturday = self._index(self._saturdays[rng.choice(weeks)])
            # A bell-shaped bump over the nine days around the reading, scaled so that the three days
            # before it average 25.5-28 °C.
            first, length = saturday - 6, 9
            bump = [math.sin(math.pi * (k + 0.5) / length) ** 0.5 for k in range(length)]
            before = [temps[i] for i in range(saturday - 3, saturday)]
            wanted = rng.uniform(25.5, 28.0) - sum(before) / 3
            peak = max(3.0, wanted / (sum(bump[3:6]) / 3))
            for k, share in enumerate(bump):
                if 0 <= first + k < len(temps):
                    temps[first + k] += peak * share
        return temps

    def _holidays(self) -> tuple[set[int], set[int], set[int]]:
        """A summer holiday of one or two weeks in each of the last three summers.

        Returns the weeks not read, the days away and the weeks of the first reading back home.
        """
        rng = self._rng
        skipped: set[int] = set()
        away: set[int] = set()
        back: set[int] = set()
        summers = 0
        for year in sorted({d.year for d in self._saturdays}, reverse=True):
            summer = [
                i
                for i in range(1, WEEKS - 2)
                if self._saturdays[i].year == year and (7, 15) <= self._month_day(i) <= (8, 24)
            ]
            if summers == WEEKS // 52 or not summer:
                continue
            summers += 1
            length = rng.choice((1, 2))
            starts = [i for i in summer if all(j in summer for j in range(i, i + length))]
            if not starts:
                length, starts = 1, summer
            start = rng.choice(starts)
            skipped.update(range(start, start + length))
            back.add(start + length)
            leave = self._saturdays[start - 1] + timedelta(days=1)
            home = self._saturdays[start + length] - timedelta(days=1)
            away.update(range(self._index(leave), self._index(home)))
        return skipped, away, back

    def _month_day(self, week: int) -> tuple[int, int]:
        day = self._saturdays[week]
        return day.month, day.day

    def _rounds(self) -> list[int]:
        return [i for i in range(WEEKS) if i not in self._skipped]

    def _entered_by(self, week: int) -> int:
        return _ALEX if week % 2 == 0 else _SAM

    def _created(self, moment: datetime) -> datetime:
        return moment + timedelta(minutes=self._rng.randint(1, 25))

    # -- counters ------------------------------------------------------------------------------

    def _registers(self, start: float, use: Sequence[float]) -> Callable[[date, int], float]:
        """The register at a local day and minute, consumption spread evenly over each day."""
        totals = [start]
        for amount in use:
            totals.append(totals[-1] + amount)

        def at(day: date, minutes: int) -> float:
            i = self._index(day)
            return totals[i] + use[i] * minutes / 1440

        return at

    def _counter_source(
        self,
        source: Source,
        owner: int,
        registers: Sequence[Callable[[date, int], float]],
        offset: Callable[[int], int],
        notes: dict[int, str],
        estimated: int | None = None,
        bill: date | None = None,
    ) -> SampleSource:
        rng = self._rng
        decimals = [m.decimals for m in source.metrics]
        readings: list[SampleReading] = []
        for week in self._rounds():
            day = self._saturdays[week]
            minutes = self._round_start[week] + offset(week)
            raw = [register(day, minutes) for register in registers]
            note = notes.get(week, "")
            if week == estimated:
                # A guess from the previous reading and last week's use, off by up to a few percent.
                previous = [register(self._saturdays[week - 1], self._round_start[week - 1]) for register in registers]
                factor = rng.uniform(0.9, 1.1)
                raw = [p + (v - p) * factor for p, v in zip(previous, raw, strict=True)]
                note = NOTE_ESTIMATED
            at = self._utc(day, minutes)
            readings.append(
                SampleReading(
                    timestamp=at,
                    values=tuple(_floor(v, d) for v, d in zip(raw, decimals, strict=True)),
                    note=note,
                    estimated=week == estimated,
                    entered_by=self._entered_by(week),
                    created_at=self._created(at),
                )
            )
        if bill is not None:
            at = self._utc(bill, 12 * 60)
            readings.append(
                SampleReading(
                    timestamp=at,
                    values=tuple(
                        _floor(register(bill, 12 * 60), d) for register, d in zip(registers, decimals, strict=True)
                    ),
                    note=NOTE_BILL,
                    from_bill=True,
                    entered_by=_ALEX,
                    created_at=at + timedelta(days=rng.randint(5, 12), hours=8),
                )
            )
            readings.sort(key=lambda r: r.timestamp)
        return SampleSource(source=source, owner=owner, readings=tuple(readings))

    def _tariffs(self, source: Source) -> tuple[SampleTariff, ...]:
        """Each counter's price from the first month of the history, and a rise on the first of the
        month halfway through it."""
        first = self._start.replace(day=1)
        middle = self._saturdays[WEEKS // 2]
        rise = date(middle.year, middle.month, 1)
        tariffs: list[SampleTariff] = []
        for index, metric in enumerate(source.metrics):
            prices = SAMPLE_PRICES.get(metric.name)
            if prices is None or metric.kind is not MetricKind.COUNTER:
                continue
            for valid_from, (unit, standing) in zip((first, rise), prices, strict=True):
                tariffs.append(SampleTariff(index, valid_from, Decimal(unit), Decimal(standing)))
        return tuple(tariffs)

    def _holiday_notes(self) -> dict[int, str]:
        return dict.fromkeys(self._back, NOTE_HOLIDAY)

    def _bill_days(self, month: int) -> list[date]:
        """The Wednesdays in the middle of ``month`` after the first reading: when the supplier reads."""
        return [d for d in self._days[7:] if d.month == month and 10 <= d.day <= 16 and d.weekday() == 2]

    def _electricity(self) -> SampleSource:
        rng = self._rng
        replaced = self._index(self._saturdays[self._washing_machine])
        day_use: list[float] = []
        night_use: list[float] = []
        for i, day in enumerate(self._days):
            if i in self._away:
                total = 2.6 * rng.gauss(1, 0.05)  # fridge, freezer and standby
                night = 0.45
            else:
                total = (9.4 + 1.1 * _season(day)) * rng.gauss(1, 0.09) - (0.3 if i >= replaced else 0)
                night = min(0.41, max(0.34, rng.gauss(0.375, 0.015)))
            total = max(total, 1.5)
            day_use.append(total * (1 - night))
            night_use.append(total * night)
        source = Source(
            id=None,
            name=QT_TRANSLATE_NOOP("SampleData", "Electricity"),
            category=Category.ELECTRICITY,
            description=QT_TRANSLATE_NOOP("SampleData", "Main meter in the hall cupboard"),
            interval_days=7,
            billing_start_month=3,
            metrics=(
                Metric(None, QT_TRANSLATE_NOOP("SampleData", "Day"), "kWh", MetricKind.COUNTER, decimals=1, digits=6),
                Metric(None, QT_TRANSLATE_NOOP("SampleData", "Night"), "kWh", MetricKind.COUNTER, decimals=1, digits=6),
            ),
        )
        notes = self._holiday_notes()
        notes[self._washing_machine] = NOTE_WASHING_MACHINE
        # The grid operator replaces the meter on a Tuesday morning halfway through: both registers
        # of the new meter start at NEW_METER_START and the readings go on from there.
        week = self._meter_replaced
        day = self._saturdays[week] - timedelta(days=4)
        minutes = 10 * 60 + 30
        old = [self._registers(38_512.4, day_use), self._registers(23_107.8, night_use)]
        finals = [_floor(register(day, minutes), 1) for register in old]
        registers = [_replaced(register, day, minutes, NEW_METER_START) for register in old]
        notes[week] = NOTE_NEW_METER
        sample = self._counter_source(source, _ALEX, registers, lambda week: 0, notes, bill=self._bill_days(3)[-1])
        at = self._utc(day, minutes)
        events = tuple(
            SampleEvent(i, at, MeterEventKind.REPLACEMENT, final, NEW_METER_START, NOTE_NEW_METER)
            for i, final in enumerate(finals)
        )
        return replace(sample, events=events, tariffs=self._tariffs(source))

    def _water(self) -> SampleSource:
        rng = self._rng
        replaced = self._index(self._saturdays[self._washing_machine])
        use: list[float] = []
        for i, day in enumerate(self._days):
            if i in self._away:
                use.append(0.008 * rng.gauss(1, 0.2) + 0.002)  # a dripping cistern
                continue
            garden = 0.06 if self._outdoor[i] > 20 else 0.0
            daily = (0.34 - 0.03 * _season(day) + garden) * rng.gauss(1, 0.12)
            use.append(max(0.05, daily - (0.025 if i >= replaced else 0)))
        source = Source(
            id=None,
            name=QT_TRANSLATE_NOOP("SampleData", "Water"),
            category=Category.WATER,
            description=QT_TRANSLATE_NOOP("SampleData", "Cold water meter under the kitchen sink"),
            interval_days=7,
            metrics=(
                Metric(None, QT_TRANSLATE_NOOP("SampleData", "Water"), "m³", MetricKind.COUNTER, decimals=3, digits=5),
            ),
        )
        notes = self._holiday_notes()
        notes[self._washing_machine] = NOTE_WASHING_MACHINE
        offsets = [rng.randint(1, 3) for _ in range(WEEKS)]
        sample = self._counter_source(
            source,
            _SAM,
            [self._registers(1_284.517, use)],
            lambda week: offsets[week],
            notes,
            estimated=self._water_estimated,
        )
        return replace(sample, tariffs=self._tariffs(source))

    def _gas(self) -> SampleSource:
        rng = self._rng
        use: list[float] = []
        for i, day in enumerate(self._days):
            outdoor = self._outdoor[i]
            heating_season = not 6 <= day.month <= 8
            if i in self._away:
                base, setpoint = 0.02, 8.0  # hot water off, frost protection only
            else:
                base, setpoint = 0.3 * rng.gauss(1, 0.1), 15.5
            heating = 0.42 * max(0.0, setpoint - outdoor) * rng.gauss(1, 0.08) if heating_season else 0.0
            use.append(max(0.01, base + heating))
        source = Source(
            id=None,
            name=QT_TRANSLATE_NOOP("SampleData", "Gas"),
            category=Category.GAS,
            description=QT_TRANSLATE_NOOP(
                "SampleData", "Gas meter in the box by the front door (heating and hot water)"
            ),
            interval_days=7,
            billing_start_month=9,
            metrics=(
                Metric(None, QT_TRANSLATE_NOOP("SampleData", "Gas"), "m³", MetricKind.COUNTER, decimals=3, digits=5),
            ),
        )
        notes = self._holiday_notes()
        notes[self._boiler_service] = QT_TRANSLATE_NOOP("SampleData", "Boiler serviced")
        offsets = [rng.randint(4, 7) for _ in range(WEEKS)]
        sample = self._counter_source(
            source,
            _ALEX,
            [self._registers(9_412.337, use)],
            lambda week: offsets[week],
            notes,
            estimated=self._gas_estimated,
            bill=_middle(self._bill_days(9)),
        )
        # A new calorific value, Z-number and advance with each September bill.
        changes = [self._start.replace(day=1), *self._bill_days(9)]
        factors = tuple(
            (0, ConversionFactor(None, 0, day, Decimal(value), Decimal(z)))
            for day, (value, z) in zip(changes, SAMPLE_GAS_FACTORS, strict=False)
        )
        advances = tuple(
            AdvancePayment(None, 0, day, Decimal(amount))
            for day, amount in zip(changes, SAMPLE_GAS_ADVANCES, strict=False)
        )
        return replace(sample, tariffs=self._tariffs(source), factors=factors, advances=advances)

    # -- gauges --------------------------------------------------------------------------------

    def _living_room(self) -> SampleSource:
        rng = self._rng
        readings: list[SampleReading] = []
        hottest: dict[int, tuple[float, int]] = {}
        for week in self._rounds():
            day = self._saturdays[week]
            i = self._index(day)
            recent = sum(self._outdoor[i - 3 : i]) / 3
            thermostat = 20.2 + min(0.9, max(-0.6, rng.gauss(0, 0.35)))
            heated = thermostat if not 6 <= day.month <= 8 else 0.0
            passive = 12.5 + 0.5 * recent + rng.gauss(0, 0.4)
            temperature = min(27.5, max(heated, passive))
            humidity = min(60.0, max(40.0, 49 - 5 * _season(day) + rng.gauss(0, 2.5)))
            minutes = self._round_start[week] + rng.randint(8, 11)
            at = self._utc(day, minutes)
            if temperature > hottest.get(day.year, (0.0, 0))[0]:
                hottest[day.year] = (temperature, len(readings))
            readings.append(
                SampleReading(
                    timestamp=at,
                    values=(_round(temperature, 1), _round(humidity, 0)),
                    entered_by=self._entered_by(week),
                    created_at=self._created(at),
                )
            )
        for temperature, index in hottest.values():
            if temperature >= 24.5:
                readings[index] = replace(
                    readings[index], note=QT_TRANSLATE_NOOP("SampleData", "Heatwave — blinds down all day")
                )
        source = Source(
            id=None,
            name=QT_TRANSLATE_NOOP("SampleData", "Living room"),
            category=Category.TEMPERATURE,
            description=QT_TRANSLATE_NOOP("SampleData", "Thermometer and hygrometer on the bookshelf"),
            interval_days=7,
            metrics=(
                Metric(None, QT_TRANSLATE_NOOP("SampleData", "Temperature"), "°C", MetricKind.GAUGE, decimals=1),
                Metric(None, QT_TRANSLATE_NOOP("SampleData", "Humidity"), "%", MetricKind.GAUGE, decimals=0),
            ),
        )
        return SampleSource(source=source, owner=_SAM, readings=tuple(readings))
