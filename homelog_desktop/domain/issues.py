"""Problems that the rules of every entity find: where (a field enum), how bad, and what to say.

Rules return lists of ``Issue``; forms place them by ``field`` (never by their display text), and
repositories refuse the errors among them with ``RuleError``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import ValidationError


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ReadingField(enum.Enum):
    """Where a problem of a reading is: its time, one metric's value (see ``metric_id``), or the whole."""

    TIMESTAMP = "timestamp"
    VALUE = "value"
    READING = "reading"
    #: The start of an interval metric's period (see ``metric_id``).
    PERIOD_START = "period-start"


class SourceField(enum.Enum):
    NAME = "name"
    INTERVAL = "interval"
    BILLING_START = "billing-start"
    #: The list of metrics as a whole (none at all).
    METRICS = "metrics"


class MetricField(enum.Enum):
    """A metric of a source; ``Issue.row`` is the metric's position in the source."""

    NAME = "name"
    UNIT = "unit"
    DECIMALS = "decimals"
    DIGITS = "digits"


class MemberField(enum.Enum):
    NAME = "name"
    EMAIL = "email"


class PasswordField(enum.Enum):
    """Where a password problem belongs on a form (domain/passwords.py's rules)."""

    PASSWORD = "password"
    CONFIRMATION = "confirmation"


class MeterEventField(enum.Enum):
    METRIC = "metric"
    AT = "at"
    KIND = "kind"
    OLD_VALUE = "old-value"
    NEW_VALUE = "new-value"
    DIGITS = "digits"
    NOTE = "note"


class VirtualField(enum.Enum):
    """A virtual meter's terms; ``Issue.row`` is the term's position (None: the terms as a whole)."""

    TERMS = "terms"
    UNIT = "unit"


class TariffField(enum.Enum):
    METRIC = "metric"
    VALID_FROM = "valid-from"
    UNIT_PRICE = "unit-price"
    STANDING_CHARGE = "standing-charge"
    CURRENCY = "currency"


type Field = (
    ReadingField
    | SourceField
    | MetricField
    | MemberField
    | PasswordField
    | MeterEventField
    | TariffField
    | VirtualField
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found by a rule.

    ``field`` says where it belongs (forms place it by this); ``subject`` is the display name of that
    place used to compose ``text`` ("Electricity (kWh)", "Timestamp"), or "" when ``message`` says it
    all. ``code`` names the rule ("counter-down"), ``metric_id`` the metric concerned (readings,
    meter events, tariffs) and ``row`` a position in a list (a source's metrics).
    """

    severity: Severity
    code: str
    field: Field
    message: str
    metric_id: int | None = None
    row: int | None = None
    subject: str = ""

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(
    code: str, field: Field, message: str, *, metric_id: int | None = None, row: int | None = None, subject: str = ""
) -> Issue:
    return Issue(Severity.ERROR, code, field, message, metric_id, row, subject)


def warning(
    code: str, field: Field, message: str, *, metric_id: int | None = None, row: int | None = None, subject: str = ""
) -> Issue:
    return Issue(Severity.WARNING, code, field, message, metric_id, row, subject)


def errors(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.ERROR]


def warnings(issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.WARNING]


class RuleError(ValidationError):
    """What a repository raises when a rule finds errors: carries every problem (``issues``)."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        if not issues:
            raise ValueError("a RuleError needs at least one issue")
        first = issues[0]
        super().__init__(first.subject, first.message)
        self.issues: tuple[Issue, ...] = tuple(issues)
        self.args = ("\n".join(i.text for i in self.issues),)

    def __str__(self) -> str:
        return str(self.args[0])


def refuse_errors(issues: Iterable[Issue]) -> None:
    """Raise ``RuleError`` with the errors among ``issues``, if any (warnings pass)."""
    found = errors(issues)
    if found:
        raise RuleError(found)
