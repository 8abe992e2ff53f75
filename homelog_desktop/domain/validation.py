"""The rules of readings: errors that block saving and warnings the user may accept."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from ..i18n import local_number, translate
from .entities import MAX_DECIMALS, MAX_MAGNITUDE, MeterEvent, MeterEventKind, Metric, MetricKind, Reading, Source
from .errors import ValidationError
from .issues import Issue, ReadingField, Severity, error, errors, warning, warnings

#: A jump is suspicious when the daily rate since the previous reading is this many times the recent one.
JUMP_FACTOR = Decimal(5)
#: Tolerance for a timestamp "in the future" (clocks differ a little).
FUTURE_TOLERANCE = timedelta(minutes=5)
#: Largest number of significant digits a value keeps exactly.
MAX_SIGNIFICANT_DIGITS = 15


@dataclass(frozen=True, slots=True)
class Neighbour:
    """The stored value of a metric nearest before or after a reading."""

    timestamp: datetime
    value: Decimal
    #: An interval value's period start (None: not an interval value, or not known).
    start: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReadingContext:
    """What validation needs to know about the stored readings around a new one."""

    now: datetime
    previous: Mapping[int, Neighbour] = field(default_factory=dict)
    next: Mapping[int, Neighbour] = field(default_factory=dict)
    #: Recent consumption per day of each counter metric, where known.
    daily_rates: Mapping[int, Decimal] = field(default_factory=dict)
    #: Another reading of the same source exists at exactly this timestamp.
    duplicate_at: datetime | None = None
    #: Meter changes of the source (stored, and any about to be saved with the reading), oldest first.
    events: Sequence[MeterEvent] = ()

    def events_between(self, metric_id: int, start: datetime, end: datetime) -> list[MeterEvent]:
        """The events of ``metric_id`` strictly after ``start`` and up to ``end``, oldest first."""
        return events_between(self.events, metric_id, start, end)


def events_between(events: Iterable[MeterEvent], metric_id: int, start: datetime, end: datetime) -> list[MeterEvent]:
    """The events of ``metric_id`` in ``(start, end]``, oldest first."""
    return sorted((e for e in events if e.metric_id == metric_id and start < e.at <= end), key=lambda e: e.at)


def continuous_use(
    before: Decimal, after: Decimal, events: Sequence[MeterEvent], metric_digits: int | None = None
) -> Decimal:
    """What a counter used from ``before`` to ``after`` across the meter changes in between (oldest first).

    Replacement and reset: the old register's part up to its final value, then the new register's
    part from its start value (a reset starts from zero unless told otherwise). Rollover: the
    register passed 10**digits and started again from zero. Without events it is ``after - before``.
    """
    used = Decimal(0)
    base = before
    for event in events:
        if event.kind is MeterEventKind.ROLLOVER:
            digits = event.digits or metric_digits
            if digits is None:
                continue  # cannot be applied; the repository refuses such an event anyway
            used += Decimal(10) ** digits - base
            base = Decimal(0)
        else:
            if event.old_value is not None:
                used += event.old_value - base
            base = event.new_value if event.new_value is not None else Decimal(0)
    return used + after - base


def rollover_plausible(
    metric: Metric, previous: Decimal, value: Decimal, days: Decimal, rate: Decimal | None = None
) -> bool:
    """Whether a counter read lower than ``previous`` may have wrapped past 10**digits.

    It needs the register's digits; the use across the wrap must then be small: within the jump
    limit of the recent daily rate when known, else under a tenth of the register's range.
    """
    if metric.kind is not MetricKind.COUNTER or not metric.digits or value >= previous:
        return False
    span = Decimal(10) ** metric.digits
    if previous >= span or value < 0:
        return False
    wrapped = span - previous + value
    if rate is not None and rate > 0:
        return wrapped <= rate * max(days, Decimal(1)) * JUMP_FACTOR
    return wrapped < span / 10


def change_moment(previous_at: datetime | None, at: datetime) -> datetime:
    """When a meter change recorded with a reading at ``at`` happened, unless told: a minute before
    the reading, or halfway since the previous reading (``previous_at``) when that is closer."""
    moment = at - timedelta(minutes=1)
    if previous_at is not None and moment <= previous_at:
        moment = previous_at + (at - previous_at) / 2
    return moment


def rollover_moment(digits: int, previous: Decimal, previous_at: datetime, value: Decimal, at: datetime) -> datetime:
    """When a register of ``digits`` digits read ``previous`` at ``previous_at`` and ``value`` at ``at``
    passed 10**digits, assuming steady use in between (whole seconds, strictly between the two)."""
    span = Decimal(10) ** digits
    wrapped = span - previous + value
    share = float((span - previous) / wrapped) if wrapped > 0 else 0.5
    return (previous_at + (at - previous_at) * min(max(share, 0.01), 0.99)).replace(microsecond=0)


#: Digits in groups of three after one to three leading digits, as in 1'234 or 12'345'678.
_GROUPED = re.compile(r"[+-]?\d{1,3}('\d{3})+")
_GROUPING = re.compile(r"[\s\u00a0\u202f']")


def parse_value(text: str, metric: Metric, decimal_point: str = ".") -> Decimal | None:
    """Parse what the user typed for ``metric``; empty text means "not read" and returns None.

    Accepts the locale's decimal separator as well as a dot, and spaces or apostrophes as digit
    grouping. The other separator alone in groups of three ("1,234" where the decimal point is a
    dot) could mean a thousand or a fraction, so it is refused with a question rather than guessed.
    Raises ValidationError naming the metric for anything that is not a finite number within range
    and within the metric's decimals.
    """
    raw = text.strip()
    if not raw:
        return None
    label = metric.label
    cleaned = _GROUPING.sub("", raw)
    other = "." if decimal_point == "," else ","
    if decimal_point in ".," and decimal_point not in cleaned and _GROUPED.fullmatch(cleaned.replace(other, "'")):
        # "1,234" on a dot locale (or "1.234" on a comma one) could be a thousand or a fraction.
        whole = cleaned.replace(other, "")
        raise ValidationError(
            label,
            translate(
                "Validation", "“{raw}” is ambiguous: write {whole} for the whole number, or use “{point}” for decimals"
            ).format(raw=raw, whole=whole, point=decimal_point),
        )
    if decimal_point != "." and decimal_point in cleaned:
        if "." in cleaned and decimal_point == ",":
            # "1.234,5": dots are thousands separators here.
            cleaned = cleaned.replace(".", "")
        cleaned = cleaned.replace(decimal_point, ".")
    elif decimal_point == "." and "," in cleaned:
        if "." in cleaned:
            cleaned = cleaned.replace(",", "")  # "1,234.5"
        else:
            cleaned = cleaned.replace(",", ".")  # a comma typed on a dot locale
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned):
        lowered = cleaned.lower().lstrip("+-")
        if lowered in {"nan", "inf", "infinity"}:
            raise ValidationError(label, translate("Validation", "“{raw}” is not a finite number").format(raw=raw))
        raise ValidationError(label, translate("Validation", "“{raw}” is not a number").format(raw=raw))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above guards this
        raise ValidationError(label, translate("Validation", "“{raw}” is not a number").format(raw=raw)) from exc
    check_value(value, metric)
    return value


#: A number longer than this is shortened in messages (a 1,000-digit cell must not make a 1,000-character message).
SHOWN_DIGITS = 32


def _shown(value: Decimal, *, grouped: bool = False) -> str:
    """``value`` for a message: as written, or shortened to its start and end when it is very long."""
    text = local_number(value, grouped=grouped)
    if len(text) <= SHOWN_DIGITS:
        return text
    return f"{text[:16]}…{text[-8:]} ({len(value.as_tuple().digits)} digits)"


def check_value(value: Decimal, metric: Metric) -> None:
    """Raise ValidationError if ``value`` cannot be stored exactly for ``metric``."""
    label = metric.label
    if not value.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        raise ValidationError(label, translate("Validation", "is not a finite number"))
    # Exact operations only (copy_abs, as_tuple, comparisons): abs() and normalize() round to the
    # context's 28 digits and overflow on huge exponents, which let "1.000…0001" pass as 1 and made
    # "1e999999999999" raise decimal.Overflow.
    magnitude = value.copy_abs()
    if magnitude >= MAX_MAGNITUDE:
        raise ValidationError(
            label,
            translate("Validation", "{value} is too large (the limit is 10¹²)").format(
                value=_shown(value, grouped=True)
            ),
        )
    decimals = _decimal_places(value)
    if decimals > metric.decimals:
        places = (
            translate("Validation", "no decimals")
            if metric.decimals == 0
            else translate("Validation", "at most %n decimal(s)", None, metric.decimals)
        )
        raise ValidationError(
            label,
            translate("Validation", "{value} has too many decimals ({places} for this metric)").format(
                value=_shown(value), places=places
            ),
        )
    if (
        metric.decimals > MAX_DECIMALS
        or magnitude * (Decimal(10) ** metric.decimals) >= Decimal(10) ** MAX_SIGNIFICANT_DIGITS
    ):
        raise ValidationError(
            label,
            translate("Validation", "{value} has more digits than can be stored exactly").format(value=_shown(value)),
        )
    if metric.kind is MetricKind.COUNTER and metric.digits and magnitude >= Decimal(10) ** metric.digits:
        raise ValidationError(
            label,
            translate("Validation", "{value} does not fit a register of {digits} digits").format(
                value=local_number(value), digits=metric.digits
            ),
        )


def _decimal_places(value: Decimal) -> int:
    """Digits after the decimal point that matter (trailing zeros do not), computed exactly."""
    if value.is_zero():
        return 0
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing_zeros))


def parse_values(
    texts: Mapping[int, str], source: Source, decimal_point: str = "."
) -> tuple[dict[int, Decimal], list[Issue]]:
    """Parse the text of every metric of a form; return the values and the errors found."""
    values: dict[int, Decimal] = {}
    issues: list[Issue] = []
    known = {m.id: m for m in source.metrics}
    for metric_id, text in texts.items():
        metric = known.get(metric_id)
        if metric is None:
            issues.append(
                error(
                    "unknown-metric",
                    ReadingField.VALUE,
                    translate("Validation", "is not a metric of this source"),
                    metric_id=metric_id,
                    subject=f"Metric #{metric_id}",
                )
            )
            continue
        try:
            value = parse_value(text, metric, decimal_point)
        except ValidationError as exc:
            issues.append(
                error("invalid-number", ReadingField.VALUE, exc.message, metric_id=metric_id, subject=exc.field)
            )
            continue
        if value is not None:
            values[metric_id] = value
    return values, issues


def daily_rate(points: Sequence[Neighbour]) -> Decimal | None:
    """Average consumption per day over ``points`` (oldest first) of a counter; None if unknown."""
    if len(points) < 2:
        return None
    first, last = points[0], points[-1]
    days = Decimal((last.timestamp - first.timestamp).total_seconds()) / Decimal(86400)
    if days <= 0:
        return None
    rate = (last.value - first.value) / days
    return rate if rate >= 0 else None


#: Why a virtual meter takes no readings (domain/virtual.py).
VIRTUAL_NO_READINGS = (
    "“{name}” is a virtual meter: its figures are computed from its inputs, it has no readings of its own."
)


def check_reading(reading: Reading, source: Source, context: ReadingContext) -> list[Issue]:
    """Check a reading against its source and the stored readings around it.

    Errors: no value at all, an unknown metric, a value that cannot be stored.
    Warnings: a timestamp in the future, a duplicate timestamp, a counter lower than the previous
    reading (or higher than the next one), and a jump far beyond the recent daily rate.

    Interval metrics (an amount over [start, reading time)): a start at or after the reading's time
    is an error; a period that overlaps the previous or next amount's period is a warning (the
    overlap is counted twice), as is an amount with no start at all (no previous reading: it is
    not counted until it has one). ``reading.starts`` holds the starts given; a metric without one
    starts at the previous reading (``context.previous``).
    """
    issues: list[Issue] = []
    metrics = {m.id: m for m in source.metrics}
    if reading.timestamp.tzinfo is None:
        raise ValueError("reading timestamps must be timezone-aware")
    if source.virtual:
        return [error("virtual-source", ReadingField.READING, VIRTUAL_NO_READINGS.format(name=source.name))]
    for metric_id, value in reading.values.items():
        metric = metrics.get(metric_id)
        if metric is None:
            issues.append(
                error(
                    "unknown-metric",
                    ReadingField.VALUE,
                    translate("Validation", "is not a metric of this source"),
                    metric_id=metric_id,
                    subject=f"Metric #{metric_id}",
                )
            )
            continue
        try:
            check_value(value, metric)
        except ValidationError as exc:
            issues.append(
                error("invalid-number", ReadingField.VALUE, exc.message, metric_id=metric_id, subject=exc.field)
            )
    if not reading.values:
        issues.append(
            error("no-values", ReadingField.READING, translate("Validation", "Enter a value for at least one metric."))
        )
    if reading.timestamp > context.now + FUTURE_TOLERANCE:
        issues.append(
            warning(
                "future",
                ReadingField.TIMESTAMP,
                translate("Validation", "is in the future"),
                subject=translate("Validation", "Timestamp"),
            )
        )
    if context.duplicate_at is not None:
        issues.append(
            # An error, not a warning: readings are unique per source and time (migration 0004).
            error(
                "duplicate",
                ReadingField.TIMESTAMP,
                translate(
                    "Validation", "another reading of this source has the same time (edit that one, or change the time)"
                ),
                subject=translate("Validation", "Timestamp"),
            )
        )
    for metric_id, value in reading.values.items():
        metric = metrics.get(metric_id)
        if metric is not None and metric.kind is MetricKind.INTERVAL:
            issues.extend(_check_period(reading, metric, context))
        if metric is None or metric.kind is not MetricKind.COUNTER:
            continue
        issues.extend(_check_counter(reading, metric, value, context))
    return issues


def default_period_start(metric_id: int, context: ReadingContext | None) -> datetime | None:
    """Where a typed interval value's period starts unless the user says otherwise: "since the previous
    reading", the time of the metric's stored value just before the new one (None without one: the
    period is not known). The reading dialog and the meter round both offer it."""
    previous = context.previous.get(metric_id) if context is not None else None
    return previous.timestamp if previous is not None else None


def period_start(reading: Reading, metric_id: int, context: ReadingContext) -> datetime | None:
    """Where an interval value's period starts: the start given, else ``default_period_start``."""
    given = reading.starts.get(metric_id)
    if given is not None:
        return given
    return default_period_start(metric_id, context)


def _check_period(reading: Reading, metric: Metric, context: ReadingContext) -> list[Issue]:
    assert metric.id is not None
    label = metric.label
    start = period_start(reading, metric.id, context)
    if start is None:
        return [
            warning(
                "no-period-start",
                ReadingField.PERIOD_START,
                translate(
                    "Validation",
                    "has no period start (there is no earlier reading): the amount is not counted until "
                    "its period has a start",
                ),
                metric_id=metric.id,
                subject=label,
            )
        ]
    if start.tzinfo is None:
        raise ValueError("period starts must be timezone-aware")
    if start >= reading.timestamp:
        return [
            error(
                "period-order",
                ReadingField.PERIOD_START,
                translate("Validation", "the period must start before the reading's time (its end)"),
                metric_id=metric.id,
                subject=translate("Validation", "{metric}: period start").format(metric=label),
            )
        ]
    issues: list[Issue] = []
    previous = context.previous.get(metric.id)
    if previous is not None and start < previous.timestamp:
        issues.append(
            warning(
                "period-overlap",
                ReadingField.PERIOD_START,
                translate(
                    "Validation",
                    "starts before the previous reading, where the previous amount's period ends: the overlap "
                    "counts twice",
                ),
                metric_id=metric.id,
                subject=translate("Validation", "{metric}: period start").format(metric=label),
            )
        )
    following = context.next.get(metric.id)
    if following is not None and following.start is not None and following.start < reading.timestamp:
        issues.append(
            warning(
                "period-overlap-next",
                ReadingField.PERIOD_START,
                translate(
                    "Validation", "the next amount's period starts before this reading's time: the overlap counts twice"
                ),
                metric_id=metric.id,
                subject=translate("Validation", "{metric}: period").format(metric=label),
            )
        )
    return issues


def _check_counter(reading: Reading, metric: Metric, value: Decimal, context: ReadingContext) -> list[Issue]:
    issues: list[Issue] = []
    assert metric.id is not None
    label = metric.label
    previous = context.previous.get(metric.id)
    following = context.next.get(metric.id)
    used: Decimal | None = None
    if previous is not None:
        between = context.events_between(metric.id, previous.timestamp, reading.timestamp)
        used = continuous_use(previous.value, value, between, metric.digits)
        if used < 0 and between:
            issues.append(
                warning(
                    "counter-down",
                    ReadingField.VALUE,
                    translate(
                        "Validation",
                        "{value} is lower than the new meter's start value recorded for the meter change "
                        "since the previous reading",
                    ).format(value=local_number(value)),
                    metric_id=metric.id,
                    subject=label,
                )
            )
        elif used < 0:
            issues.append(
                warning(
                    "counter-down",
                    ReadingField.VALUE,
                    translate(
                        "Validation", "{value} is lower than the previous reading ({previous}); was the meter replaced?"
                    ).format(value=local_number(value), previous=local_number(previous.value)),
                    metric_id=metric.id,
                    subject=label,
                )
            )
    if not issues and following is not None:
        after = context.events_between(metric.id, reading.timestamp, following.timestamp)
        if continuous_use(value, following.value, after, metric.digits) < 0:
            issues.append(
                warning(
                    "counter-above-next",
                    ReadingField.VALUE,
                    translate("Validation", "{value} is higher than the next reading ({next})").format(
                        value=local_number(value), next=local_number(following.value)
                    ),
                    metric_id=metric.id,
                    subject=label,
                )
            )
    rate = context.daily_rates.get(metric.id)
    if previous is not None and used is not None and rate is not None and rate > 0 and used > 0:
        days = Decimal((reading.timestamp - previous.timestamp).total_seconds()) / Decimal(86400)
        days = max(days, Decimal(1))
        if used / days > rate * JUMP_FACTOR:
            per_day = (used / days).quantize(Decimal("0.01"))
            issues.append(
                warning(
                    "jump",
                    ReadingField.VALUE,
                    translate(
                        "Validation",
                        "{used} {unit} since the previous reading ({rate}/day) is far above the recent {usual}/day",
                    )
                    .format(
                        used=local_number(used),
                        unit=metric.unit,
                        rate=local_number(per_day),
                        usual=local_number(rate.quantize(Decimal("0.01"))),
                    )
                    .replace("  ", " "),
                    metric_id=metric.id,
                    subject=label,
                )
            )
    return issues


def check_recorded_events(
    reading: Reading,
    source: Source,
    events: Iterable[MeterEvent],
    context: ReadingContext,
    show_time: Callable[[datetime], str] = lambda t: t.isoformat(" ", "minutes"),
) -> list[Issue]:
    """Meter changes recorded together with ``reading``: each needs a value of its metric in the
    reading and must lie between the previous reading of that metric and this one."""
    issues: list[Issue] = []
    for event in events:
        metric = source.metric(event.metric_id)
        if metric is None:
            continue
        what = translate("Validation", "{change} on {time}").format(change=event.kind.label, time=show_time(event.at))
        previous = context.previous.get(event.metric_id)
        if event.metric_id not in reading.values:
            issues.append(
                error(
                    "change-no-value",
                    ReadingField.VALUE,
                    translate("Validation", "{change}: enter the value read, or remove it").format(change=what),
                    metric_id=event.metric_id,
                    subject=metric.label,
                )
            )
        elif event.at > reading.timestamp or (previous is not None and event.at <= previous.timestamp):
            issues.append(
                error(
                    "change-outside",
                    ReadingField.VALUE,
                    translate(
                        "Validation",
                        "{change} is not between the previous reading and this one: change it or remove it",
                    ).format(change=what),
                    metric_id=event.metric_id,
                    subject=metric.label,
                )
            )
    return issues


def warning_key(issue: Issue) -> str:
    """The key under which the user accepts a warning.

    ``"<code>:<metric_id>"`` for a warning about one metric (``"counter-down:12"``, ``"jump:12"``) and
    ``"<code>"`` for one about the whole reading (``"future"``, ``"duplicate"``). Accepting
    ``"counter-down:12"`` accepts that metric's value being lower than the previous one, whatever
    the value; a form withdraws a key when the user edits what it is about.
    """
    return issue.code if issue.metric_id is None else f"{issue.code}:{issue.metric_id}"


def unaccepted(issues: Iterable[Issue], accepted: Collection[str]) -> list[Issue]:
    """The warnings among ``issues`` whose key is not in ``accepted``."""
    return [i for i in warnings(issues) if warning_key(i) not in accepted]


__all__ = [
    "FUTURE_TOLERANCE",
    "JUMP_FACTOR",
    "Issue",
    "Neighbour",
    "ReadingContext",
    "ReadingField",
    "Severity",
    "check_reading",
    "check_recorded_events",
    "check_value",
    "continuous_use",
    "daily_rate",
    "errors",
    "events_between",
    "parse_value",
    "parse_values",
    "rollover_plausible",
    "unaccepted",
    "warning_key",
    "warnings",
]
