"""Editing one source: members for the owner combo, stored values per metric, checks and saving."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.conflicts import UNKNOWN
from ..domain.entities import CATEGORY_DEFAULTS, Category, Member, MeterEvent, Metric, Source, Tariff
from ..domain.errors import ConflictError, DuplicateNameError, HomeLogError, ValidationError, user_message
from ..domain.issues import Issue, MetricField, RuleError, SourceField
from ..domain.rules import check_meter_event, check_tariff
from ..domain.rules import check_source as source_issues
from ..i18n import translate
from ..repositories import MemberRepository, MeterEventRepository, SourceRepository, TariffRepository
from .base import BaseViewModel
from .energy import EnergyEditor
from .permissions import Permissions

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider
    from ..domain.undo import Scope
    from ..services.undo import Recording
    from .undo import UndoHistory


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that keeps a source from being saved, and where the form shows it."""

    #: "name", "interval", "metrics", "events", "tariffs", or "" for the form as a whole.
    where: str
    message: str
    #: Row of the metric (meter change, tariff) concerned in its table, if any.
    row: int | None = None


#: Where the source form shows the problems of each field of a source.
_PLACES = {SourceField.NAME: "name", SourceField.INTERVAL: "interval", SourceField.METRICS: "metrics"}


def place(issue: Issue) -> Problem:
    """Where the source form shows a problem the rules found (by its field, never its text)."""
    if isinstance(issue.field, MetricField):
        return Problem("metrics", issue.text, issue.row)
    where = _PLACES.get(issue.field, "") if isinstance(issue.field, SourceField) else ""
    return Problem(where, issue.text, issue.row)


@dataclass(frozen=True, slots=True)
class MeterChanges:
    """A source's meter changes and tariffs, as stored or as the form holds them."""

    events: tuple[MeterEvent, ...] = ()
    tariffs: tuple[Tariff, ...] = ()
    #: Ids of stored changes with no reading of their metric before or after them (flagged in the tab).
    #: Derived from the stored readings, not part of what the form edits (so not compared).
    unbridged: frozenset[int] = field(default=frozenset(), compare=False)


def default_metric(category: Category) -> Metric:
    """The metric a new source of ``category`` starts with."""
    name, unit, kind, decimals = CATEGORY_DEFAULTS[category]
    return Metric(None, translate("CategoryDefaults", name), unit, kind, decimals)


def check_source(source: Source) -> list[Problem]:
    """The problems the rules find in ``source``, placed for the form (the repository refuses the same).

    Returns an empty list when the source can be saved (the repository may still refuse a taken
    name or fewer decimals than the stored values need).
    """
    return [place(issue) for issue in source_issues(source)]


def check_changes(metrics: Sequence[Metric], changes: MeterChanges) -> list[Problem]:
    """Meter changes and tariffs the form's metrics no longer allow, placed on their rows.

    ``metrics`` carry the keys the items refer to as ids. A meter change needs a counter; a
    tariff needs a counter or an interval metric (a gauge has no cost).
    """
    by_key = {m.id: m for m in metrics}
    problems: list[Problem] = []
    for row, event in enumerate(changes.events):
        metric = by_key.get(event.metric_id)
        if metric is not None and any(i.code == "not-a-counter" for i in check_meter_event(event, metric)):
            problems.append(
                Problem(
                    "events",
                    translate(
                        "SourceDialog",
                        "Meter changes, row {row}: “{name}” is no longer a counter; "
                        "remove the change or make the metric a counter again.",
                    ).format(row=row + 1, name=metric.name),
                    row,
                )
            )
    for row, tariff in enumerate(changes.tariffs):
        metric = by_key.get(tariff.metric_id)
        if metric is not None and any(i.code == "gauge" for i in check_tariff(tariff, metric)):
            problems.append(
                Problem(
                    "tariffs",
                    translate(
                        "SourceDialog",
                        "Tariffs, row {row}: “{name}” is a gauge, which has no cost; "
                        "remove the tariff or change the metric's kind.",
                    ).format(row=row + 1, name=metric.name),
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
    #: MeterChanges: the stored meter changes and tariffs of the source (empty for a new one).
    changes_loaded = Signal(object)
    #: dict[int, int]: metric id -> number of stored values. Declared ``object``, not ``dict``: PySide
    #: turns a dict into a QVariantMap, which only has string keys, and delivers ``{}`` instead.
    value_counts_loaded = Signal(object)
    saved = Signal(object)
    #: ConflictError: someone else changed the source (or its tariffs) since the form opened;
    #: nothing was stored. The form asks: ``reload``, or ``save(..., overwrite=True)``.
    conflict_raised = Signal(object)
    #: The Source as stored now, after ``reload`` (its changes come with ``changes_loaded``).
    reloaded = Signal(object)

    def __init__(
        self,
        db: SessionProvider,
        source: Source | None = None,
        repo_factory: Callable[..., SourceRepository] = SourceRepository,
        member_repo_factory: Callable[..., MemberRepository] = MemberRepository,
        parent: QObject | None = None,
        event_repo_factory: Callable[..., MeterEventRepository] = MeterEventRepository,
        tariff_repo_factory: Callable[..., TariffRepository] = TariffRepository,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        #: What the signed-in member may do (who may own the source).
        self.permissions = permissions or Permissions(db)
        self._repo = repo_factory
        self._member_repo = member_repo_factory
        self._event_repo = event_repo_factory
        self._tariff_repo = tariff_repo_factory
        self._source = source
        #: Conversion factors and advance payments, read and saved with the source (viewmodels/energy.py).
        self.energy = EnergyEditor()
        #: The stored meter changes and tariffs (after load(), and after a save).
        self.changes = MeterChanges()
        self.members: list[Member] = []
        #: True once load() has read what the form shows.
        self.loaded = False
        #: metric id -> number of stored values, once loaded.
        self.value_counts: dict[int, int] = {}
        #: Where the last refused save should be shown; None if it was not about a field.
        self.last_problem: Problem | None = None
        #: The last save's conflict, until the next save or reload.
        self.conflict: ConflictError | None = None
        #: Where committed saves are recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None

    @property
    def source(self) -> Source | None:
        """The source being edited (the stored one after a save); None for a new source."""
        return self._source

    @property
    def is_new(self) -> bool:
        return self._source is None or self._source.id is None

    def check(self, source: Source, keyed_metrics: Sequence[Metric], changes: MeterChanges) -> list[Problem]:
        """What the form holds that cannot be saved, placed where the form shows it."""
        return check_source(source) + check_changes(keyed_metrics, changes)

    async def load(self) -> None:
        """Read the members and, for an existing source, the number of values of each metric and
        its meter changes and tariffs."""
        source = self._source
        async with self._action():
            async with self._db.session(readonly=True) as session:
                members = await self._member_repo(session).all()
                counts: dict[int, int] = {}
                changes = MeterChanges()
                if source is not None and source.id is not None:
                    repo = self._repo(session)
                    for metric in source.metrics:
                        if metric.id is not None:
                            counts[metric.id] = await repo.count_values(metric.id)
                    changes = await self._read_changes(session, source)
                await self.energy.read(session, source if source is not None else Source(None, ""))
            self.members = members
            self.permissions.set_names({m.id: m.name for m in members if m.id is not None})
            self.value_counts = counts
            self.changes = changes
            self.loaded = True
            self.members_loaded.emit(members)
            self.value_counts_loaded.emit(counts)
            self.changes_loaded.emit(changes)

    async def save(
        self,
        source: Source,
        changes: MeterChanges | None = None,
        metric_keys: Sequence[int] | None = None,
        *,
        overwrite: bool = False,
    ) -> None:
        """Add ``source`` (id None) or update it, metrics matched by id, in one write session.

        With ``changes``, the source's meter changes and tariffs become exactly those, in the same
        transaction: items with an id are updated, new ones added, stored ones missing are deleted.
        Their ``metric_id`` is a key of ``metric_keys`` (one per metric of ``source``, in order: the
        stored id, or a negative number for a metric not stored yet); items of a metric that is not
        in the source are dropped. A refusal stores nothing and names the row in ``last_problem``.
        """
        self.last_problem = None
        conflict, self.conflict = self.conflict, None
        if overwrite and conflict is not None and conflict.what == "source":
            source = replace(source, version=conflict.current_version)
        from ..services.undo import Recording

        recording = Recording()
        async with self._action():
            try:
                async with self._db.session() as session:
                    repo = self._repo(session)
                    if self.history is not None and source.id is not None:
                        await recording.start(session, await self._touched(session, source))
                    stored = await (repo.add(source) if source.id is None else repo.update(source))
                    if source.id is not None and changes is not None and not overwrite:
                        # The form saves the tariffs as a whole: refuse if someone changed one meanwhile.
                        seen = [m.id for m in self.source.metrics if m.id is not None] if self.source else []
                        await self._tariff_repo(session).refuse_changed(self.changes.tariffs, seen)
                    if changes is not None:
                        keys: list[int | None] = (
                            list(metric_keys) if metric_keys is not None else [m.id for m in source.metrics]
                        )
                        ids = {k: m.id for k, m in zip(keys, stored.metrics, strict=True) if k is not None}
                        await self._write_changes(session, stored, changes, ids, overwrite=overwrite)
                    energy_ids = {k: m.id for k, m in zip(metric_keys or [], stored.metrics, strict=False)}
                    energy_ids.update({m.id: m.id for m in stored.metrics if m.id is not None})
                    try:
                        await self.energy.write(session, stored, energy_ids, overwrite=overwrite)
                    except ValidationError as exc:
                        self.last_problem = Problem("energy", str(exc))
                        raise
                    saved_changes = await self._read_changes(session, stored)
                    await self.energy.read(session, stored)
                    if self.history is not None and stored.id is not None:
                        from ..domain.undo import Scope

                        await recording.finish(session, Scope(sources=frozenset([stored.id])))
            except ConflictError as exc:
                self.conflict = exc
                self.conflict_raised.emit(exc)
                return
            except HomeLogError as exc:
                if self.last_problem is None:
                    self.last_problem = problem_of(exc, source.metrics)
                raise
            self._source = stored
            self.changes = saved_changes
            self._record(
                recording,
                (
                    translate("Undo", "Add Source “{name}”")
                    if source.id is None
                    else translate("Undo", "Edit Source “{name}”")
                ).format(name=stored.name),
                stored.id,
            )
            self.saved.emit(stored)

    async def reload(self) -> None:
        """Take the source, its meter changes and tariffs as stored now (Reload after a conflict)."""
        source = self._source
        if source is None or source.id is None:
            return
        self.conflict = None
        async with self._action():
            async with self._db.session(readonly=True) as session:
                stored = await self._repo(session).get(source.id)
                changes = await self._read_changes(session, stored)
                await self.energy.read(session, stored)
            self._source = stored
            self.changes = changes
            self.reloaded.emit(stored)
            self.changes_loaded.emit(changes)

    # -- helpers -------------------------------------------------------------------------------

    async def _touched(self, session: AsyncSession, source: Source) -> Scope:
        """What saving ``source`` over the stored one touches: the source with its metrics, tariffs and
        meter changes, and the values of the metrics it removes or changes the kind of."""
        from ..domain.undo import Scope

        assert source.id is not None
        stored = await self._repo(session).get(source.id)
        kinds = {m.id: m.kind for m in source.metrics if m.id is not None}
        values = {m.id for m in stored.metrics if m.id is not None and kinds.get(m.id) is not m.kind}
        return Scope(sources=frozenset([source.id]), metric_values=frozenset(values))

    def _record(self, recording: Recording, name: str, source_id: int | None) -> None:
        """A committed save becomes the next step of Edit → Undo."""
        if self.history is None:
            return
        from .changes import What
        from .undo import Change

        what = What.SOURCES | What.TARIFFS | What.METER_CHANGES | What.READINGS
        self.history.record(Change(name, recording.scope, recording.before, recording.after, what, [source_id]))

    async def _read_changes(self, session: AsyncSession, source: Source) -> MeterChanges:
        assert source.id is not None
        events = await self._event_repo(session).for_source(source.id)
        ids = [m.id for m in source.metrics if m.id is not None]
        by_metric = await self._tariff_repo(session).for_metrics(ids)
        tariffs = [t for metric_id in ids for t in by_metric.get(metric_id, [])]
        unbridged = await self._event_repo(session).unbridged(source.id)
        return MeterChanges(tuple(events), tuple(tariffs), frozenset(unbridged))

    async def _write_changes(
        self,
        session: AsyncSession,
        source: Source,
        changes: MeterChanges,
        ids: Mapping[int, int | None],
        *,
        overwrite: bool = False,
    ) -> None:
        assert source.id is not None
        stored = await self._read_changes(session, source)
        events_repo = self._event_repo(session)
        wanted_events = {e.id for e in changes.events if e.id is not None}
        for event in stored.events:
            if event.id not in wanted_events:
                assert event.id is not None
                await events_repo.delete(event.id)
        stored_events = {e.id: e for e in stored.events}
        for row, event in enumerate(changes.events):
            metric_id = ids.get(event.metric_id)
            if metric_id is None:
                continue  # its metric was removed from the source
            target = replace(event, source_id=source.id, metric_id=metric_id)
            if overwrite:  # the user chose to save over other members' changes
                target = replace(target, version=UNKNOWN)
            try:
                if target.id is not None and target.id in stored_events:
                    if stored_events[target.id] != target:
                        await events_repo.update(target)
                else:
                    await events_repo.add(replace(target, id=None))
            except ValidationError as exc:
                self.last_problem = Problem(
                    "events",
                    translate("SourceDialog", "Meter changes, row {row}: {problem}").format(row=row + 1, problem=exc),
                    row,
                )
                raise
        try:
            await replace_tariffs(session, self._tariff_repo(session), stored.tariffs, changes.tariffs, ids)
        except TariffRefusedError as exc:
            self.last_problem = Problem(
                "tariffs",
                translate("SourceDialog", "Tariffs, row {row}: {problem}").format(row=exc.row + 1, problem=exc.error),
                exc.row,
            )
            raise exc.error from None


class TariffRefusedError(Exception):
    """``replace_tariffs`` could not store the tariff at ``row`` of the form."""

    def __init__(self, row: int, error: ValidationError) -> None:
        super().__init__(str(error))
        self.row = row
        self.error = error


async def replace_tariffs(
    session: AsyncSession,
    repo: TariffRepository,
    stored: Sequence[Tariff],
    wanted: Sequence[Tariff],
    ids: Mapping[int, int | None],
) -> None:
    """Make a form's tariffs (``wanted``, whose ``metric_id`` is a key of ``ids``) the stored ones (the
    source form's and the virtual meter form's one path; TariffRefusedError names the row refused)."""
    # Tariffs are unique per metric and day: drop the changed ones first, so that swapping two
    # days between tariffs does not trip the constraint, then add them back as they are now.
    stored_tariffs = {t.id: t for t in stored}
    keep: set[int] = set()
    pending: list[tuple[int, Tariff]] = []
    for row, tariff in enumerate(wanted):
        metric_id = ids.get(tariff.metric_id)
        if metric_id is None:
            continue
        target = replace(tariff, metric_id=metric_id)
        if target.id is not None and stored_tariffs.get(target.id) == target:
            keep.add(target.id)
        else:
            pending.append((row, replace(target, id=None)))
    for tariff in stored:
        if tariff.id not in keep:
            assert tariff.id is not None
            await repo.delete(tariff.id)
    await session.flush()
    for row, tariff in pending:
        try:
            await repo.add(tariff)
        except ValidationError as exc:
            raise TariffRefusedError(row, exc) from exc


def problem_of(error: HomeLogError, metrics: Sequence[Metric]) -> Problem | None:
    """Where in the form a refusal from the repository belongs (None: not about one field)."""
    if isinstance(error, DuplicateNameError):
        return Problem("name", user_message(error))
    if isinstance(error, RuleError):
        return place(error.issues[0])
    return None
