"""Editing one source: members for the owner combo, stored values per metric, checks and saving."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import CATEGORY_DEFAULTS, MAX_DECIMALS, Category, Member, Metric, Source
from ..domain.errors import DuplicateNameError, HomeLogError, ValidationError, user_message
from ..repositories import MemberRepository, SourceRepository
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.handle import SessionProvider

#: Longest source name the repository accepts.
MAX_NAME_LENGTH = 200
#: Longest metric name the repository accepts.
MAX_METRIC_NAME_LENGTH = 100
#: Longest unit the repository accepts.
MAX_UNIT_LENGTH = 30
#: Longest expected reading interval, in days.
MAX_INTERVAL_DAYS = 3660
#: Most register digits a counter may have.
MAX_DIGITS = 12


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that keeps a source from being saved, and where the form shows it."""

    #: "name", "interval", "metrics", or "" for the form as a whole.
    where: str
    message: str
    #: Row of the metric concerned in the metrics table, if any.
    row: int | None = None


def default_metric(category: Category) -> Metric:
    """The metric a new source of ``category`` starts with."""
    name, unit, kind, decimals = CATEGORY_DEFAULTS[category]
    return Metric(None, name, unit, kind, decimals)


def check_source(source: Source) -> list[Problem]:
    """Find what the repository would refuse, worded for the form and placed where it belongs.

    Returns an empty list when the source can be saved (the repository may still refuse a taken
    name or fewer decimals than the stored values need).
    """
    problems: list[Problem] = []
    name = source.name.strip()
    if not name:
        problems.append(Problem("name", "Name is required: enter what this meter or sensor is called."))
    elif len(name) > MAX_NAME_LENGTH:
        problems.append(Problem("name", f"Name is too long (at most {MAX_NAME_LENGTH} characters)."))
    if source.interval_days is not None and not 0 < source.interval_days <= MAX_INTERVAL_DAYS:
        problems.append(Problem("interval", f"Reading interval must be between 1 and {MAX_INTERVAL_DAYS} days."))
    if not source.metrics:
        problems.append(Problem("metrics", "Metrics: a source needs at least one metric. Click “Add metric”."))
    seen: dict[str, int] = {}
    for row, metric in enumerate(source.metrics):
        metric_name = metric.name.strip()
        if not metric_name:
            problems.append(Problem("metrics", f"Metrics: the metric in row {row + 1} needs a name.", row))
            continue
        if len(metric_name) > MAX_METRIC_NAME_LENGTH:
            problems.append(
                Problem(
                    "metrics",
                    f"Metrics: the name in row {row + 1} is too long (at most {MAX_METRIC_NAME_LENGTH} characters).",
                    row,
                )
            )
        key = metric_name.casefold()
        if key in seen:
            problems.append(
                Problem(
                    "metrics",
                    f"Metrics: rows {seen[key] + 1} and {row + 1} are both called “{metric_name}”; "
                    "metric names must differ.",
                    row,
                )
            )
        else:
            seen[key] = row
        if len(metric.unit.strip()) > MAX_UNIT_LENGTH:
            problems.append(
                Problem(
                    "metrics",
                    f"Metrics: the unit of “{metric_name}” is too long (at most {MAX_UNIT_LENGTH} characters).",
                    row,
                )
            )
        if not 0 <= metric.decimals <= MAX_DECIMALS:
            problems.append(
                Problem(
                    "metrics",
                    f"Metrics: decimals of “{metric_name}” must be between 0 and {MAX_DECIMALS}.",
                    row,
                )
            )
        if metric.digits is not None and not 1 <= metric.digits <= MAX_DIGITS:
            problems.append(
                Problem(
                    "metrics",
                    f"Metrics: digits of “{metric_name}” must be blank or between 1 and {MAX_DIGITS}.",
                    row,
                )
            )
    return problems


class SourceEditorViewModel(BaseViewModel):
    """State behind the source dialog: a new source (``source`` None) or an existing one.

    ``load()`` reads the members for the owner combo and, when editing, how many values each
    metric has stored (so removing a metric can say what it deletes). ``save()`` adds or updates
    the source in one write session; a refusal (taken name, fewer decimals than stored values need)
    becomes ``error_occurred`` with ``last_problem`` telling the form where to show it.
    """

    members_loaded = Signal(list)
    #: dict[int, int]: metric id -> number of stored values. Declared ``object``, not ``dict``: PySide
    #: turns a dict into a QVariantMap, which only has string keys, and delivers ``{}`` instead.
    value_counts_loaded = Signal(object)
    saved = Signal(object)

    def __init__(
        self,
        db: SessionProvider,
        source: Source | None = None,
        repo_factory: Callable[..., SourceRepository] = SourceRepository,
        member_repo_factory: Callable[..., MemberRepository] = MemberRepository,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = repo_factory
        self._member_repo = member_repo_factory
        self._source = source
        self.members: list[Member] = []
        #: metric id -> number of stored values, once loaded.
        self.value_counts: dict[int, int] = {}
        #: Where the last refused save should be shown; None if it was not about a field.
        self.last_problem: Problem | None = None

    @property
    def source(self) -> Source | None:
        """The source being edited (the stored one after a save); None for a new source."""
        return self._source

    @property
    def is_new(self) -> bool:
        return self._source is None or self._source.id is None

    async def load(self) -> None:
        """Read the members and, for an existing source, the number of values of each metric."""
        source = self._source
        async with self._action():
            async with self._db.session(readonly=True) as session:
                members = await self._member_repo(session).all()
                counts: dict[int, int] = {}
                if source is not None and source.id is not None:
                    repo = self._repo(session)
                    for metric in source.metrics:
                        if metric.id is not None:
                            counts[metric.id] = await repo.count_values(metric.id)
            self.members = members
            self.value_counts = counts
            self.members_loaded.emit(members)
            self.value_counts_loaded.emit(counts)

    async def save(self, source: Source) -> None:
        """Add ``source`` (id None) or update it, metrics matched by id, in one write session."""
        self.last_problem = None
        async with self._action():
            try:
                async with self._db.session() as session:
                    repo = self._repo(session)
                    stored = await (repo.add(source) if source.id is None else repo.update(source))
            except HomeLogError as exc:
                self.last_problem = problem_of(exc, source.metrics)
                raise
            self._source = stored
            self.saved.emit(stored)


def problem_of(error: HomeLogError, metrics: Sequence[Metric]) -> Problem | None:
    """Where in the form a refusal from the repository belongs (None: not about one field)."""
    message = user_message(error)
    if isinstance(error, DuplicateNameError):
        return Problem("name", message)
    if not isinstance(error, ValidationError):
        return None
    field = error.field.strip()
    if field == "Name":
        return Problem("name", message)
    if field == "Reading interval":
        return Problem("interval", message)
    if field == "Metrics":
        return Problem("metrics", message)
    for row, metric in enumerate(metrics):
        if metric.name.strip().casefold() == field.casefold():
            return Problem("metrics", f"Metrics: {message}", row)
    return Problem("metrics", f"Metrics: {message}") if field else None
