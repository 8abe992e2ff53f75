"""The rules of sources and their metrics, members, meter events and tariffs.

Each ``check_*`` is pure and returns every problem it finds (``Issue``, keyed by a field enum).
Forms show them where ``field`` says; repositories refuse the errors (``refuse_errors``). The rules
of readings live next door in ``validation.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from ..i18n import QT_TRANSLATE_NOOP, translate
from .entities import (
    MAX_DECIMALS,
    MAX_MAGNITUDE,
    Member,
    MeterEvent,
    MeterEventKind,
    Metric,
    MetricKind,
    Source,
    Tariff,
)
from .issues import (
    Issue,
    MemberField,
    MeterEventField,
    MetricField,
    SourceField,
    TariffField,
    error,
)

#: Longest source or member name.
MAX_NAME_LENGTH = 200
#: Longest metric name.
MAX_METRIC_NAME_LENGTH = 100
#: Longest unit.
MAX_UNIT_LENGTH = 30
#: Longest expected reading interval, in days.
MAX_INTERVAL_DAYS = 3660
#: Most register digits a counter may have.
MAX_DIGITS = 12
#: Longest e-mail address.
MAX_EMAIL_LENGTH = 320
#: Longest note of a meter change.
MAX_NOTE_LENGTH = 2000
#: Prices and standing charges are below this.
MAX_PRICE = Decimal(1_000_000)


def source_name_taken(name: str, own_id: int | None, visible: Collection[tuple[int, str]]) -> bool:
    """Whether ``name`` cannot be given to the source ``own_id`` (None: a new one).

    ``visible`` holds (id, name) of the sources the member can see (their own, the public ones; the
    administrator's: all). A name is taken when another of them has it, compared without case: it
    would show twice in the member's list. Another member's private source never takes a name: the
    member cannot see it, and "taken" would tell them it exists (the schema keeps names unique per
    owner only, migration 0011).
    """
    wanted = name.strip().casefold()
    return any(other != own_id and other_name.strip().casefold() == wanted for other, other_name in visible)


#: Display names of the fields, as forms label them (used to compose messages, never to match; translated
#: where used: ``translate("Rules", label)``).
EVENT_LABELS = {
    MeterEventField.METRIC: QT_TRANSLATE_NOOP("Rules", "Metric"),
    MeterEventField.AT: QT_TRANSLATE_NOOP("Rules", "Date and time"),
    MeterEventField.KIND: QT_TRANSLATE_NOOP("Rules", "Kind"),
    MeterEventField.OLD_VALUE: QT_TRANSLATE_NOOP("Rules", "Old meter's final value"),
    MeterEventField.NEW_VALUE: QT_TRANSLATE_NOOP("Rules", "New meter's start value"),
    MeterEventField.DIGITS: QT_TRANSLATE_NOOP("Rules", "Digits"),
    MeterEventField.NOTE: QT_TRANSLATE_NOOP("Rules", "Note"),
}
TARIFF_LABELS = {
    TariffField.METRIC: QT_TRANSLATE_NOOP("Rules", "Metric"),
    TariffField.VALID_FROM: QT_TRANSLATE_NOOP("Rules", "Valid from"),
    TariffField.UNIT_PRICE: QT_TRANSLATE_NOOP("Rules", "Unit price"),
    TariffField.STANDING_CHARGE: QT_TRANSLATE_NOOP("Rules", "Standing charge"),
    TariffField.CURRENCY: QT_TRANSLATE_NOOP("Rules", "Currency"),
}


# -- sources and metrics -------------------------------------------------------------------------


def check_source(source: Source) -> list[Issue]:
    """Name, interval, billing year and every metric of a source (a taken name is the repository's to find)."""
    issues: list[Issue] = []
    name = source.name.strip()
    if not name:
        issues.append(
            error(
                "name-missing",
                SourceField.NAME,
                translate("Rules", "Name is required: enter what this meter or sensor is called."),
            )
        )
    elif len(name) > MAX_NAME_LENGTH:
        issues.append(
            error(
                "name-long",
                SourceField.NAME,
                translate("Rules", "Name is too long (at most {most} characters).").format(most=MAX_NAME_LENGTH),
            )
        )
    if source.interval_days is not None and not 0 < source.interval_days <= MAX_INTERVAL_DAYS:
        issues.append(
            error(
                "interval-range",
                SourceField.INTERVAL,
                translate("Rules", "Reading interval must be between 1 and {most} days.").format(
                    most=MAX_INTERVAL_DAYS
                ),
            )
        )
    if not 1 <= source.billing_start_month <= 12:
        issues.append(
            error(
                "billing-start-range",
                SourceField.BILLING_START,
                translate("Rules", "must start in a month from 1 (January) to 12 (December)"),
                subject=translate("Rules", "Billing year"),
            )
        )
    if not source.metrics:
        issues.append(
            error(
                "no-metrics",
                SourceField.METRICS,
                translate("Rules", "Metrics: a source needs at least one metric. Click “Add metric”."),
            )
        )
    issues.extend(check_metrics(source.metrics))
    return issues


def check_metrics(metrics: Collection[Metric]) -> list[Issue]:
    """Each metric's name (present, short, unique), unit, decimals and digits; ``row`` is its position."""
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for row, metric in enumerate(metrics):
        metric_name = metric.name.strip()
        if not metric_name:
            issues.append(
                error(
                    "metric-name-missing",
                    MetricField.NAME,
                    translate("Rules", "Metrics: the metric in row {row} needs a name.").format(row=row + 1),
                    row=row,
                )
            )
            continue
        if len(metric_name) > MAX_METRIC_NAME_LENGTH:
            issues.append(
                error(
                    "metric-name-long",
                    MetricField.NAME,
                    translate(
                        "Rules",
                        "Metrics: the name in row {row} is too long (at most {most} characters).",
                    ).format(row=row + 1, most=MAX_METRIC_NAME_LENGTH),
                    row=row,
                )
            )
        key = metric_name.casefold()
        if key in seen:
            issues.append(
                error(
                    "metric-name-taken",
                    MetricField.NAME,
                    translate(
                        "Rules",
                        "Metrics: rows {first} and {second} are both called “{name}”; metric names must differ.",
                    ).format(first=seen[key] + 1, second=row + 1, name=metric_name),
                    row=row,
                )
            )
        else:
            seen[key] = row
        if len(metric.unit.strip()) > MAX_UNIT_LENGTH:
            issues.append(
                error(
                    "unit-long",
                    MetricField.UNIT,
                    translate(
                        "Rules",
                        "Metrics: the unit of “{name}” is too long (at most {most} characters).",
                    ).format(name=metric_name, most=MAX_UNIT_LENGTH),
                    row=row,
                )
            )
        if not 0 <= metric.decimals <= MAX_DECIMALS:
            issues.append(
                error(
                    "decimals-range",
                    MetricField.DECIMALS,
                    translate("Rules", "Metrics: decimals of “{name}” must be between 0 and {most}.").format(
                        name=metric_name, most=MAX_DECIMALS
                    ),
                    row=row,
                )
            )
        if metric.digits is not None and not 1 <= metric.digits <= MAX_DIGITS:
            issues.append(
                error(
                    "digits-range",
                    MetricField.DIGITS,
                    translate("Rules", "Metrics: digits of “{name}” must be blank or between 1 and {most}.").format(
                        name=metric_name, most=MAX_DIGITS
                    ),
                    row=row,
                )
            )
    return issues


def stored_decimals_issue(metric: Metric, row: int | None = None) -> Issue:
    """Fewer decimals than values already stored for ``metric`` need (the repository finds them)."""
    return error(
        "decimals-below-stored",
        MetricField.DECIMALS,
        translate(
            "Rules",
            "Metrics: some stored values of “{name}” have more than {decimals} decimals; fewer decimals would round"
            " them.",
        ).format(name=metric.name.strip(), decimals=metric.decimals),
        metric_id=metric.id,
        row=row,
    )


# -- members ---------------------------------------------------------------------------------


def check_member(member: Member) -> list[Issue]:
    """A name (not too long) and, if given, something that looks like an e-mail address."""
    issues: list[Issue] = []
    name = member.name.strip()
    if not name:
        issues.append(error("name-missing", MemberField.NAME, translate("Rules", "Name is required.")))
    elif len(name) > MAX_NAME_LENGTH:
        issues.append(
            error(
                "name-long",
                MemberField.NAME,
                translate("Rules", "Name is too long (at most {most} characters).").format(most=MAX_NAME_LENGTH),
            )
        )
    email = (member.email or "").strip()
    if email and ("@" not in email or " " in email or len(email) > MAX_EMAIL_LENGTH):
        issues.append(
            error(
                "email-invalid",
                MemberField.EMAIL,
                translate(
                    "Rules", "E-mail: “{email}” is not an e-mail address (leave it empty if there is none)."
                ).format(email=email),
            )
        )
    return issues


# -- meter events ----------------------------------------------------------------------------


def _event_error(code: str, field: MeterEventField, message: str, metric_id: int | None) -> Issue:
    return error(code, field, message, metric_id=metric_id, subject=translate("Rules", EVENT_LABELS[field]))


def check_meter_event(
    event: MeterEvent,
    metric: Metric | None,
    *,
    after: datetime | None = None,
    before: datetime | None = None,
    previous_value: Decimal | None = None,
    reading_value: Decimal | None = None,
    show_number: Callable[[Decimal], str] = str,
    show_time: Callable[[datetime], str] = lambda t: t.isoformat(" ", "minutes"),
) -> list[Issue]:
    """Whether ``event`` can make consumption continuous on ``metric`` (None: no such metric).

    Recorded with a reading, an event also has to lie after the previous reading (``after``) and not
    after the reading itself (``before``); the old meter's final value cannot be below the
    previous value and the new meter's start not above the reading's value. ``show_*`` format the
    numbers and times the messages quote, as the form shows them.
    """
    metric_id = event.metric_id
    if metric is None or metric.kind is not MetricKind.COUNTER:
        return [
            _event_error(
                "not-a-counter",
                MeterEventField.METRIC,
                translate("Rules", "meter changes apply to counters only"),
                metric_id,
            )
        ]
    issues: list[Issue] = []
    if after is not None and event.at <= after:
        issues.append(
            _event_error(
                "before-previous",
                MeterEventField.AT,
                translate("Rules", "must be after the previous reading ({time})").format(time=show_time(after)),
                metric_id,
            )
        )
    if before is not None and event.at > before:
        issues.append(
            _event_error(
                "after-reading",
                MeterEventField.AT,
                translate("Rules", "must not be after this reading ({time})").format(time=show_time(before)),
                metric_id,
            )
        )
    for field, value in ((MeterEventField.OLD_VALUE, event.old_value), (MeterEventField.NEW_VALUE, event.new_value)):
        if value is not None and (not value.is_finite() or value.copy_abs() >= MAX_MAGNITUDE):
            issues.append(
                _event_error(
                    "unusable-number",
                    field,
                    translate("Rules", "is not a usable number"),
                    metric_id,
                )
            )
    if event.kind is MeterEventKind.REPLACEMENT:
        if event.old_value is None:
            issues.append(
                _event_error(
                    "old-missing",
                    MeterEventField.OLD_VALUE,
                    translate("Rules", "is needed for a replacement"),
                    metric_id,
                )
            )
        if event.new_value is None:
            issues.append(
                _event_error(
                    "new-missing",
                    MeterEventField.NEW_VALUE,
                    translate("Rules", "is needed for a replacement"),
                    metric_id,
                )
            )
    elif event.kind is MeterEventKind.RESET:
        if event.old_value is None:
            issues.append(
                _event_error(
                    "old-missing",
                    MeterEventField.OLD_VALUE,
                    translate("Rules", "is needed for a reset (the value before it)"),
                    metric_id,
                )
            )
    elif event.kind is MeterEventKind.ROLLOVER:
        digits = event.digits or metric.digits
        if digits is None:
            issues.append(
                _event_error(
                    "digits-missing",
                    MeterEventField.DIGITS,
                    translate("Rules", "a rollover needs the number of digits of the register"),
                    metric_id,
                )
            )
        elif not 1 <= digits <= MAX_DIGITS:
            issues.append(
                _event_error(
                    "digits-range",
                    MeterEventField.DIGITS,
                    translate("Rules", "must be between 1 and {most}").format(most=MAX_DIGITS),
                    metric_id,
                )
            )
    if event.kind is not MeterEventKind.ROLLOVER:
        old, new = event.old_value, event.new_value
        if old is not None and old.is_finite() and previous_value is not None and old < previous_value:
            issues.append(
                _event_error(
                    "old-below-previous",
                    MeterEventField.OLD_VALUE,
                    translate("Rules", "is lower than the previous reading ({value})").format(
                        value=show_number(previous_value)
                    ),
                    metric_id,
                )
            )
        start = new if new is not None and new.is_finite() else Decimal(0)
        if reading_value is not None and start > reading_value:
            issues.append(
                _event_error(
                    "new-above-reading",
                    MeterEventField.NEW_VALUE,
                    translate("Rules", "is higher than this reading ({value})").format(
                        value=show_number(reading_value)
                    ),
                    metric_id,
                )
            )
    if len(event.note) > MAX_NOTE_LENGTH:
        issues.append(
            _event_error(
                "note-long",
                MeterEventField.NOTE,
                translate("Rules", "is longer than {most} characters").format(most=MAX_NOTE_LENGTH),
                metric_id,
            )
        )
    return issues


# -- tariffs ---------------------------------------------------------------------------------


def _tariff_error(code: str, field: TariffField, message: str, metric_id: int | None) -> Issue:
    return error(code, field, message, metric_id=metric_id, subject=translate("Rules", TARIFF_LABELS[field]))


def check_tariff(
    tariff: Tariff,
    metric: Metric | None = None,
    *,
    taken: Collection[date] = (),
    show_date: Callable[[date], str] = date.isoformat,
) -> list[Issue]:
    """Prices from 0 up to a million, a three-letter currency, a day not ``taken`` by another
    tariff of the metric, and (when ``metric`` is given) a metric that has a cost (not a gauge)."""
    metric_id = tariff.metric_id
    issues: list[Issue] = []
    if metric is not None and metric.kind is MetricKind.GAUGE:
        issues.append(
            _tariff_error(
                "gauge",
                TariffField.METRIC,
                translate("Rules", "choose a counter or interval metric (gauges have no cost)"),
                metric_id,
            )
        )
    if tariff.valid_from in taken:
        whose = metric.name if metric is not None else translate("Rules", "this metric")
        issues.append(
            _tariff_error(
                "day-taken",
                TariffField.VALID_FROM,
                translate("Rules", "{metric} already has a tariff from {date}").format(
                    metric=whose, date=show_date(tariff.valid_from)
                ),
                metric_id,
            )
        )
    for field, value in (
        (TariffField.UNIT_PRICE, tariff.unit_price),
        (TariffField.STANDING_CHARGE, tariff.standing_charge),
    ):
        try:
            ok = value.is_finite() and Decimal(0) <= value < MAX_PRICE
        except InvalidOperation:
            ok = False
        if not ok:
            issues.append(
                _tariff_error(
                    "price-range",
                    field,
                    translate("Rules", "must be a number from 0 up to 1,000,000"),
                    metric_id,
                )
            )
    code = tariff.currency.strip()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        issues.append(
            _tariff_error(
                "currency-code",
                TariffField.CURRENCY,
                translate("Rules", "must be a three-letter code such as EUR, GBP or USD"),
                metric_id,
            )
        )
    return issues
