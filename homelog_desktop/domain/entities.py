"""Frozen dataclasses for members, sources, metrics and readings."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

from ..i18n import QT_TRANSLATE_NOOP, translate
from .access import Role


class Category(enum.StrEnum):
    """What a source measures; drives its icon and default units."""

    ELECTRICITY = "electricity"
    WATER = "water"
    GAS = "gas"
    OIL = "oil"
    HEAT = "heat"
    SOLAR = "solar"
    TEMPERATURE = "temperature"
    OTHER = "other"

    @property
    def label(self) -> str:
        return translate("Category", _CATEGORY_LABELS[self.value])


_CATEGORY_LABELS = {
    "electricity": QT_TRANSLATE_NOOP("Category", "Electricity"),
    "water": QT_TRANSLATE_NOOP("Category", "Water"),
    "gas": QT_TRANSLATE_NOOP("Category", "Gas"),
    "oil": QT_TRANSLATE_NOOP("Category", "Oil"),
    "heat": QT_TRANSLATE_NOOP("Category", "Heat"),
    "solar": QT_TRANSLATE_NOOP("Category", "Solar"),
    "temperature": QT_TRANSLATE_NOOP("Category", "Temperature"),
    "other": QT_TRANSLATE_NOOP("Category", "Other"),
}


#: What an export appends to an interval metric's name for the column of its periods' starts
#: (``Day start``); an import reads such a column back as the starts of ``Day``'s values.
PERIOD_START_SUFFIX = " start"


class MetricKind(enum.StrEnum):
    """How the values of a metric are interpreted."""

    #: A cumulative register (kWh meter, water meter): consumption is the difference.
    COUNTER = "counter"
    #: The value is an amount over its own period [start, end): 15 minutes of a smart meter, a day
    #: of a portal export, a bill, a delivery of oil. The reading's time is the period's end.
    INTERVAL = "interval"
    #: An instantaneous value (temperature, tank level).
    GAUGE = "gauge"

    @property
    def label(self) -> str:
        return translate("MetricKind", _KIND_LABELS[self.value])


_KIND_LABELS = {
    "counter": QT_TRANSLATE_NOOP("MetricKind", "Counter"),
    "interval": QT_TRANSLATE_NOOP("MetricKind", "Interval"),
    "gauge": QT_TRANSLATE_NOOP("MetricKind", "Gauge"),
}


#: Default name (translated where used: ``default_metric``), unit and kind of the first metric of a new
#: source, per category.
CATEGORY_DEFAULTS: Mapping[Category, tuple[str, str, MetricKind, int]] = MappingProxyType(
    {
        Category.ELECTRICITY: (QT_TRANSLATE_NOOP("CategoryDefaults", "Electricity"), "kWh", MetricKind.COUNTER, 1),
        Category.WATER: (QT_TRANSLATE_NOOP("CategoryDefaults", "Water"), "m³", MetricKind.COUNTER, 3),
        Category.GAS: (QT_TRANSLATE_NOOP("CategoryDefaults", "Gas"), "m³", MetricKind.COUNTER, 3),
        Category.OIL: (QT_TRANSLATE_NOOP("CategoryDefaults", "Oil delivered"), "l", MetricKind.INTERVAL, 0),
        Category.HEAT: (QT_TRANSLATE_NOOP("CategoryDefaults", "Heat"), "kWh", MetricKind.COUNTER, 0),
        Category.SOLAR: (QT_TRANSLATE_NOOP("CategoryDefaults", "Production"), "kWh", MetricKind.COUNTER, 1),
        Category.TEMPERATURE: (QT_TRANSLATE_NOOP("CategoryDefaults", "Temperature"), "°C", MetricKind.GAUGE, 1),
        Category.OTHER: (QT_TRANSLATE_NOOP("CategoryDefaults", "Value"), "", MetricKind.COUNTER, 2),
    }
)

#: Most decimals a metric may have (values are stored as doubles: 15 significant digits are exact).
MAX_DECIMALS = 6
#: Largest magnitude a value may have.
MAX_MAGNITUDE = Decimal("1e12")


@dataclass(frozen=True, slots=True)
class Member:
    """A household member (the original's User)."""

    id: int | None
    name: str
    email: str | None = None
    #: When the member was added and last changed (None: not stored yet); not part of equality.
    created_at: datetime | None = field(default=None, compare=False)
    updated_at: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Metric:
    """One register of a source."""

    id: int | None
    name: str
    unit: str = ""
    kind: MetricKind = MetricKind.COUNTER
    decimals: int = 2
    #: Number of digits of a counter's register (it rolls over at 10**digits); None if unknown.
    digits: int | None = None
    position: int = 0

    @property
    def label(self) -> str:
        """Name with the unit, as used in headers and forms."""
        return f"{self.name} ({self.unit})" if self.unit else self.name


@dataclass(frozen=True, slots=True)
class VirtualTerm:
    """One input of a virtual meter: another source's metric, added (+1) or subtracted (-1)."""

    metric_id: int
    sign: int = 1


@dataclass(frozen=True, slots=True)
class Source:
    """A meter or sensor (the original's DataSource) with its metrics in order."""

    id: int | None
    name: str
    category: Category = Category.OTHER
    description: str = ""
    owner_id: int | None = None
    is_public: bool = False
    #: Expected days between readings; None means no reminder.
    interval_days: int | None = None
    archived: bool = False
    metrics: tuple[Metric, ...] = ()
    #: First month (1-12) of the source's billing year (the supplier's accounting year).
    billing_start_month: int = 1
    #: On a public source, every member of the household may add readings (domain.access).
    members_may_add_readings: bool = False
    #: The stored row's version when read (0: not read; see domain/conflicts.py). Not part of equality.
    version: int = field(default=0, compare=False)
    #: A virtual meter (domain/virtual.py): no readings of its own; its one metric is computed from
    #: ``terms``, metrics of other sources added or subtracted.
    virtual: bool = False
    terms: tuple[VirtualTerm, ...] = ()

    def metric(self, metric_id: int) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A source with what the sidebar shows about it."""

    source: Source
    last_reading_at: datetime | None

    def is_overdue(self, now: datetime) -> bool:
        """True when the expected interval has passed since the last reading."""
        days = self.source.interval_days
        if not days or self.source.archived:
            return False
        if self.last_reading_at is None:
            return True
        return (now - self.last_reading_at).total_seconds() > days * 86400


@dataclass(frozen=True, slots=True)
class Reading:
    """A reading of a source at a moment.

    ``timestamp`` is timezone-aware UTC. ``values`` maps metric id to the value as entered; a metric
    that was not read is absent (never zero). ``starts`` maps an interval metric's id to the start of
    its value's period [start, timestamp) (aware UTC); an interval value without one runs since the
    previous reading of its metric (the repository fills that in when it stores the reading).
    """

    id: int | None
    source_id: int
    timestamp: datetime
    values: Mapping[int, Decimal] = field(default_factory=dict)
    note: str = ""
    estimated: bool = False
    from_bill: bool = False
    entered_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: The stored row's version when read (0: not read; see domain/conflicts.py). Not part of equality.
    version: int = field(default=0, compare=False)
    starts: Mapping[int, datetime] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReadingLine:
    """A reading as the readings table shows it: with consumption per counter and who entered it."""

    reading: Reading
    #: metric id -> value minus the previous value of that metric (counters only).
    consumption: Mapping[int, Decimal]
    entered_by_name: str = ""


class MeterEventKind(enum.StrEnum):
    """Something that happened to a counter's register between two readings."""

    #: The meter was exchanged: the old one ended at ``old_value``, the new one started at ``new_value``.
    REPLACEMENT = "replacement"
    #: The register was set back (to ``new_value``, zero when None) after showing ``old_value``.
    RESET = "reset"
    #: The register passed its largest value and started again from zero (wraps at 10**digits).
    ROLLOVER = "rollover"

    @property
    def label(self) -> str:
        labels = {
            "replacement": QT_TRANSLATE_NOOP("MeterEvent", "Meter replaced"),
            "reset": QT_TRANSLATE_NOOP("MeterEvent", "Meter reset"),
            "rollover": QT_TRANSLATE_NOOP("MeterEvent", "Register rolled over"),
        }
        return translate("MeterEvent", labels[self.value])


@dataclass(frozen=True, slots=True)
class MeterEvent:
    """A meter change of one counter metric of a source at a moment (timezone-aware UTC).

    With an event recorded, consumption across it is continuous: the old register's part up to
    ``old_value`` plus the new register's part from ``new_value``.
    """

    id: int | None
    source_id: int
    metric_id: int
    at: datetime
    kind: MeterEventKind
    #: The old register's final value (replacement, reset); None for a rollover.
    old_value: Decimal | None = None
    #: The new register's first value (replacement; reset: None means zero); None for a rollover.
    new_value: Decimal | None = None
    #: Digits of the register that rolled over (rollover only; None: the metric's ``digits``).
    digits: int | None = None
    note: str = ""
    #: The reading this change was recorded with (None: recorded on its own in the source editor).
    reading_id: int | None = None
    #: The stored row's version when read (0: not read; see domain/conflicts.py). Not part of equality.
    version: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Tariff:
    """The price of one metric from a local calendar date on (until the next tariff of the metric)."""

    id: int | None
    metric_id: int
    valid_from: date
    #: Price per unit of the metric, e.g. 0.3120 (EUR per kWh).
    unit_price: Decimal
    #: Fixed charge per day, whatever is consumed.
    standing_charge: Decimal = Decimal(0)
    #: ISO 4217 code, e.g. "EUR".
    currency: str = "EUR"
    #: The stored row's version when read (0: not read; see domain/conflicts.py). Not part of equality.
    version: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class MemberAccount:
    """A member as the Members dialog lists them: with their role and whether they have a password."""

    member: Member
    role: Role
    has_password: bool
