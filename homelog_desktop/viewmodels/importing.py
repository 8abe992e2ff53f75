"""The import wizard's state and actions: detect a file, map its columns, preview, import, summarise.

Detection and preview read the file in a worker thread; the import itself is the import service's
``run_import`` (one transaction, its parsing in a worker thread), so the window never freezes.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.access import Action
from ..domain.entities import Category, Metric, MetricKind, Source
from ..domain.errors import HomeLogError, user_message
from ..i18n import translate
from ..services.importing import (
    CancelToken,
    ColumnTarget,
    Detected,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportPlan,
    ImportProgress,
    ImportSettings,
    ImportSummary,
    PeriodLabel,
    PreviewRow,
    Profile,
    TargetRole,
)
from .base import BaseViewModel
from .permissions import Permissions

if TYPE_CHECKING:
    from ..db.handle import SessionProvider
    from ..services.importing.builtin_profiles import BuiltinProfile
    from ..services.importing.formats import ParsedFile
    from ..services.importing.homelog import HomeLogDocument
    from ..services.importing.standard import RegisterInfo, StandardSummary
    from .undo import UndoHistory

#: Rows the preview shows.
PREVIEW_ROWS = 50
#: Settings whose change splits the file differently (the columns are read again).
_STRUCTURAL = ("encoding", "delimiter", "header_row", "data_row", "sheet")


class ImportViewModel(BaseViewModel):
    """One import of one file, step by step, as the wizard walks through it.

    ``detect()`` fills ``detected``/``settings``/``columns`` and picks a saved profile for the same
    header (``profile_applied``); the mapping is then ``suggest_mapping``'s, or the profile's. The
    wizard edits ``settings``, the target source and ``mapping``; ``make_preview()`` reads the first
    rows as they will be stored; ``run()`` imports with progress and can be cancelled (``cancel()``):
    it ends with ``finished(summary)``, ``cancelled()`` or ``failed(message)`` (the file's first
    invalid row), and the database is unchanged unless it finished.
    """

    #: Detected: the file was read (also after settings that re-split it).
    detected_changed = Signal(object)
    #: The target source or the mapping changed.
    mapping_changed = Signal()
    #: list[PreviewRow] for the current plan.
    preview_ready = Signal(list)
    #: ImportProgress, at least every 250 ms while importing.
    progress = Signal(object)
    #: ImportSummary of a committed import.
    finished = Signal(object)
    #: The user cancelled the import: nothing was changed.
    cancelled = Signal()
    #: The import was refused (an invalid row, say): the message; nothing was changed.
    failed = Signal(str)
    #: HomeLogDocument: the file is Home Log's own JSON export (``homelog``), read whole; no mapping needed.
    homelog_detected = Signal(object)
    #: ParsedFile: the file is in a standard format (NEM12, Green Button...): no mapping needed.
    recognised = Signal(object)
    #: The zone the file's naive times are read in changed (``zone``).
    zone_changed = Signal()

    def __init__(
        self,
        db: SessionProvider,
        path: Path,
        profiles_dir: Path | None = None,
        *,
        sources: list[Source] | None = None,
        parent: QObject | None = None,
        permissions: Permissions | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        #: What the signed-in member may do (which sources they may import into).
        self.permissions = permissions or Permissions(db)
        self.path = path
        self.profiles_dir = profiles_dir
        self.detected: Detected | None = None
        self.settings = ImportSettings()
        self.columns: list[str] = []
        self.sample_rows: list[list[str]] = []
        #: Stored sources the file can go into (loaded by detect() unless given).
        self.sources: list[Source] = list(sources) if sources is not None else []
        self._sources_given = sources is not None
        #: The target: a stored source (id set) or a new one (id None) that the import creates.
        self.source: Source = Source(None, default_source_name(path))
        self.mapping: dict[int, ColumnTarget] = {}
        self.duplicates = DuplicatePolicy.SKIP
        self.skip_invalid = False
        self.save_profile = True
        #: True when a saved profile for this header chose the settings and mapping.
        self.profile_applied = False
        self.preview_rows: list[PreviewRow] = []
        self.summary: ImportSummary | StandardSummary | None = None
        self.running = False
        self.last_progress: ImportProgress | None = None
        self._cancel: CancelToken | None = None
        #: The file is Home Log's own JSON export: its sources, re-created or completed by ``run()``.
        self.homelog: HomeLogDocument | None = None
        #: A standard-format file's content (None: an ordinary table, mapped column by column).
        self.standard: ParsedFile | None = None
        #: A standard file's registers as the wizard lists them.
        self.registers: list[RegisterInfo] = []
        #: Where a standard file's series go: one source of this name; "" for a source per meter.
        self.standard_source = ""
        #: The built-in supplier profile read the table's way (None: none recognised or chosen).
        self.builtin_profile: BuiltinProfile | None = None
        #: Where a committed import is recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None
        #: The zone the file states for its naive times (a table's time column header; None: it states none).
        self.stated_zone: str | None = None
        #: The IANA zones offered (loaded in a worker by ``detect``).
        self.zones: list[str] = []
        #: A standard file's zone for its naive times (None: the computer's; see ``zone``).
        self._standard_zone: str | None = None
        #: The user chose the zone (kept when the file is read again with another profile).
        self._zone_chosen = False

    # -- reading the file --------------------------------------------------------------------

    async def detect(self, preferred_source: Source | None = None) -> None:
        """Read the start of the file: settings, columns, a saved profile, a first mapping."""
        loop = asyncio.get_running_loop()
        # The readers of whole files are imported on first use, in a worker: compiling and running their
        # modules (and PySide's import hook reading their source) froze the window for 60-130 ms.
        await loop.run_in_executor(None, _import_readers)
        from ..services.importing import detect, load_profile
        from ..services.importing.homelog import is_homelog_file, load_document
        from ..services.importing.standard import describe, load_standard, recognise
        from ..services.importing.zones import available_zones

        async with self._action():
            if not self._sources_given:
                self.sources = await self._load_sources()
            if await loop.run_in_executor(None, is_homelog_file, self.path):
                self.homelog = await load_document(self.path)
                self.homelog_detected.emit(self.homelog)
                return
            if await loop.run_in_executor(None, recognise, self.path) is not None:
                self.standard = await load_standard(self.path)
                self.registers = await loop.run_in_executor(None, describe, self.standard)
                if self.needs_zone:
                    self.zones = list(await loop.run_in_executor(None, available_zones))
                self.recognised.emit(self.standard)
                return
            self.zones = list(await loop.run_in_executor(None, available_zones))
            detected = await loop.run_in_executor(None, detect, self.path)
            self._take(detected)
            profile = None
            if self.profiles_dir is not None:
                try:
                    profile = await loop.run_in_executor(None, load_profile, self.profiles_dir, detected.columns)
                except (OSError, ValueError, HomeLogError):
                    profile = None  # a damaged profile file is no reason to refuse the import
            if profile is not None and self._apply_profile(profile):
                self.profile_applied = True
            else:
                from ..services.importing.builtin_profiles import recognise_profile

                builtin = recognise_profile(detected)
                if builtin is not None:
                    await self._use_builtin(builtin, preferred_source)
                else:
                    self._suggest(preferred_source)
            self.detected_changed.emit(self.detected)
            self.mapping_changed.emit()

    async def use_builtin_profile(self, name: str | None) -> None:
        """Read the file with the built-in profile ``name`` (None: as detected, no profile)."""
        from ..services.importing import detect
        from ..services.importing.builtin_profiles import builtin_profile

        preferred = self.source if self.source.id is not None else None
        async with self._action():
            detected = await asyncio.get_running_loop().run_in_executor(None, detect, self.path)
            self._take(detected)
            if name is None:
                self.builtin_profile = None
                self._suggest(preferred)
            else:
                await self._use_builtin(builtin_profile(name), preferred)
            self.detected_changed.emit(self.detected)
            self.mapping_changed.emit()

    async def _use_builtin(self, profile: BuiltinProfile, source: Source | None) -> None:
        from ..services.importing.builtin_profiles import apply_builtin

        assert self.detected is not None
        detected = await asyncio.get_running_loop().run_in_executor(None, apply_builtin, profile, self.detected)
        self._take(detected)
        self.builtin_profile = profile
        self._suggest(source)

    async def set_settings(self, settings: ImportSettings) -> None:
        """Use ``settings``; when they split the file differently, read its columns again."""
        before = self.settings
        moved = (settings.date_column, settings.time_column) != (before.date_column, before.time_column)
        self.settings = settings
        if all(getattr(before, name) == getattr(settings, name) for name in _STRUCTURAL):
            if moved:
                self._detect_periods()
            if self.detected is not None:
                self.detected_changed.emit(self.detected)
            if moved:
                self.mapping_changed.emit()
            return
        async with self._action():
            columns, rows = await asyncio.get_running_loop().run_in_executor(None, self._read_columns, settings)
            self.columns = columns
            self.sample_rows = rows
            keep = {i: t for i, t in self.mapping.items() if i < len(columns)}
            self.mapping = keep
            if self.detected is not None:
                self.detected = replace(self.detected, settings=settings, columns=columns, sample_rows=rows)
                if moved:
                    self._detect_periods()
                self.detected_changed.emit(self.detected)
            self.mapping_changed.emit()

    def _detect_periods(self) -> None:
        """Period detection again for the date and time columns the user chose: which end of its period a
        row's time is, the period's length or other column, and each column's kind (a new metric whose
        kind the user left as detected takes the new one). The columns of the date, the time and the
        period go to no metric."""
        from ..services.importing.periods import redetect_periods

        if self.detected is None:
            return
        old_kinds = self.detected.column_kinds
        detected = redetect_periods(self.detected, self.settings)
        self.detected = detected
        found = detected.settings
        self.settings = replace(
            self.settings,
            date_column=found.date_column,
            time_is=found.time_is,
            period_column=found.period_column,
            period_seconds=found.period_seconds,
        )
        taken = {found.date_column, found.time_column, found.period_column} - {None}
        mapping: dict[int, ColumnTarget] = {}
        for column, target in self.mapping.items():
            if column in taken:
                continue
            metric = target.metric
            if metric is not None and metric.id is None:
                was = old_kinds.get(column, MetricKind.COUNTER)
                now = detected.column_kinds.get(column, MetricKind.COUNTER)
                if metric.kind is was and now is not was:
                    target = ColumnTarget.to_metric(replace(metric, kind=now))
            mapping[column] = target
        self.mapping = mapping
        self._sync_source()

    def choose_date_format(self, date_format: str) -> None:
        """The user's answer to ambiguous dates (day-first or month-first), or any other format."""
        self.settings = replace(self.settings, date_format=date_format)

    @property
    def needs_date_choice(self) -> bool:
        """Dates are ambiguous and the user has not chosen how to read them yet."""
        return self.settings.date_format is None

    # -- where the columns go ----------------------------------------------------------------

    def use_source(self, source_id: int) -> None:
        """Import into the stored source ``source_id``, columns mapped to its metrics by name."""
        source = next(s for s in self.sources if s.id == source_id)
        self._suggest(source)
        self.mapping_changed.emit()

    def use_new_source(self, name: str | None = None, category: Category | None = None) -> None:
        """Import into a new source, with a new metric for each numeric column."""
        self._suggest(None, name)
        if category is not None:
            self.source = replace(self.source, category=category)
        self.mapping_changed.emit()

    def rename_new_source(self, name: str, category: Category | None = None) -> None:
        if self.source.id is None:
            self.source = replace(self.source, name=name, category=category or self.source.category)

    def set_target(self, column: int, target: ColumnTarget) -> None:
        """Send column ``column`` to ``target`` (a metric, the note, or nowhere)."""
        if target.role is TargetRole.IGNORE:
            self.mapping.pop(column, None)
        else:
            if target.role is TargetRole.NOTE:  # one note column
                for other, t in list(self.mapping.items()):
                    if t.role is TargetRole.NOTE and other != column:
                        del self.mapping[other]
            if target.role is TargetRole.METRIC and target.metric is not None and target.metric.id is not None:
                for other, t in list(self.mapping.items()):  # a stored metric takes one column
                    if other != column and t.metric is not None and t.metric.id == target.metric.id:
                        del self.mapping[other]
            self.mapping[column] = target
        self._sync_source()

    def new_metric_for(self, column: int) -> Metric:
        """A new metric named after column ``column`` ("Day (kWh)": "Day" in kWh), of the kind detection
        found for it (a counter when it found none), with the decimals its sample needs."""
        from ..services.importing.mapping import split_unit

        decimals = self.detected.column_decimals.get(column, 2) if self.detected is not None else 2
        kind = self.detected.column_kinds.get(column, MetricKind.COUNTER) if self.detected is not None else None
        header = self.columns[column] if column < len(self.columns) else ""
        name, unit = split_unit(header)
        return Metric(
            None,
            name[:100] or translate("ImportWizard", "Column {number}").format(number=column + 1),
            unit[:30],
            kind or MetricKind.COUNTER,
            decimals=max(0, min(6, decimals)),
        )

    # -- periods of amounts per period -------------------------------------------------------

    @property
    def has_intervals(self) -> bool:
        """Whether a column goes to an amount per period (interval metric): its periods must be chosen."""
        return any(
            t.role is TargetRole.METRIC and t.metric is not None and t.metric.kind is MetricKind.INTERVAL
            for t in self.mapping.values()
        )

    @property
    def detected_period_seconds(self) -> int | None:
        """The period's length detection found (the rows' regular step), if any."""
        return self.detected.settings.period_seconds if self.detected is not None else None

    def set_time_is(self, time_is: PeriodLabel) -> None:
        """Whether a row's time is the start or the end of its period (``ImportSettings.time_is``)."""
        self.settings = replace(self.settings, time_is=PeriodLabel(time_is))
        self.mapping_changed.emit()

    def set_period_seconds(self, seconds: int | None) -> None:
        """Each period's length (None: since the previous row with END, the common step with START)."""
        self.settings = replace(self.settings, period_seconds=seconds)
        self.mapping_changed.emit()

    # -- the time zone of naive times -------------------------------------------------------

    @property
    def needs_zone(self) -> bool:
        """Whether the file's times may be naive, so that the zone they are read in matters: any table
        (a zone column then decides, see ``zone_column_name``), a standard file that states no zone."""
        if self.standard is not None:
            from ..services.importing.standard import states_zone

            return not states_zone(self.standard)
        return self.homelog is None

    @property
    def zone(self) -> str | None:
        """The zone naive times are read in (an IANA name; None: the computer's), as the import will read them."""
        from ..services.importing.zones import zone_to_read

        if self.standard is not None:
            return zone_to_read(self._standard_zone, None)
        return self.settings.timezone

    def set_zone(self, name: str | None) -> None:
        """Read the file's naive times in the zone ``name`` (None: the computer's; ``stated_zone`` by default)."""
        from ..services.importing.zones import check_zone, zone_to_read

        chosen = check_zone(name) if name else None
        if self.standard is not None:
            self._standard_zone = chosen
            self.zone_changed.emit()
            return
        # The file's stated zone is the default: choosing "this computer's" must not fall back to it.
        self.settings = replace(self.settings, timezone=zone_to_read(chosen, None))
        self._zone_chosen = True
        self.zone_changed.emit()

    @property
    def zone_column_name(self) -> str:
        """The column stating each row's zone ("": none), which makes the zone choice moot."""
        column = self.settings.zone_column
        return self.columns[column] if column is not None and column < len(self.columns) else ""

    def zone_example(self) -> tuple[str, datetime] | None:
        """The first sample row's time as the file writes it, and the instant it is read as in ``zone``
        (None when it cannot be read, or dates are still ambiguous)."""
        from ..services.importing.convert import CellError, timestamp_parser

        settings = self.settings
        date, time_of_day = settings.date_column, settings.time_column
        if date is None or settings.date_format is None or settings.day_columns:
            return None
        try:
            parse = timestamp_parser(settings.date_format, settings.timezone)
        except CellError:
            return None
        for row in self.sample_rows:
            if date >= len(row) or not row[date].strip():
                continue
            text = row[date].strip()
            clock = row[time_of_day].strip() if time_of_day is not None and time_of_day < len(row) else None
            if settings.period_column == date:
                from ..services.importing.periods import split_range

                halves = split_range(text)
                if halves is None:
                    return None
                text = halves[1]
            try:
                epoch = parse(text, clock, "")
            except (CellError, ValueError, OverflowError, OSError):
                return None
            shown = f"{text} {clock}" if clock else text
            return shown, datetime.fromtimestamp(epoch, UTC)
        return None

    def plan(self) -> ImportPlan:
        """The import as the wizard has set it up."""
        kind = self.detected.kind if self.detected is not None else "csv"
        return ImportPlan(
            path=self.path,
            settings=self.settings,
            source=self.source,
            mapping=dict(self.mapping),
            duplicates=self.duplicates,
            skip_invalid=self.skip_invalid,
            kind=kind,
        )

    def mapping_problem(self) -> str:
        """Why the mapping cannot be imported yet ("" when it can)."""
        metrics = [t for t in self.mapping.values() if t.role is TargetRole.METRIC]
        if not metrics:
            return translate("ImportWizard", "Choose at least one column to import as a metric.")
        if self.source.id is None and not self.source.name.strip():
            return translate("ImportWizard", "Give the new source a name.")
        if self.source.id is None and any(s.name.lower() == self.source.name.strip().lower() for s in self.sources):
            return translate(
                "ImportWizard", "There is already a source called “{name}”: choose it above, or another name."
            ).format(name=self.source.name.strip())
        names = [t.metric.name.strip().lower() for t in metrics if t.metric is not None]
        if any(not n for n in names):
            return translate("ImportWizard", "Every new metric needs a name.")
        if len(set(names)) != len(names):
            return translate("ImportWizard", "Two columns go to metrics of the same name.")
        if self.settings.date_column is None:
            return translate("ImportWizard", "Choose the column that holds the date.")
        return ""

    # -- preview and import ------------------------------------------------------------------

    async def make_preview(self) -> None:
        """The first rows as they will be stored, with their problems (read in a worker thread)."""
        from ..services.importing import preview

        plan = self.plan()
        async with self._action():
            rows = await asyncio.get_running_loop().run_in_executor(None, preview, plan, PREVIEW_ROWS)
            self.preview_rows = rows
            self.preview_ready.emit(rows)

    async def run(self) -> ImportSummary | StandardSummary | None:
        """Import the whole file in one transaction; progress, then finished, cancelled or failed."""
        from ..services.importing import run_import, save_profile
        from ..services.importing.homelog import run_homelog_import

        if self.standard is not None:
            return await self._run_standard(self.standard)
        plan = self.plan()
        self._cancel = CancelToken()
        self.running = True
        self.summary = None
        try:
            async with self._action():
                try:
                    if self.homelog is not None:
                        summary: ImportSummary = await run_homelog_import(
                            self._db,
                            self.homelog,
                            self.duplicates,
                            self._on_progress,
                            self._cancel,
                            undoable=self.history is not None,
                        )
                        self.summary = summary
                        summary.undo_note = self._record_homelog(summary)
                        self.finished.emit(summary)
                        return summary
                    summary = await run_import(
                        self._db, plan, self._on_progress, self._cancel, undoable=self.history is not None
                    )
                except ImportCancelledError:
                    self.cancelled.emit()
                    return None
                except ImportFileError as exc:
                    self.failed.emit(user_message(exc))
                    return None
                self.summary = summary
                summary.undo_note = self._record([summary], summary.imported)
                if self.save_profile and self.profiles_dir is not None:
                    stored = replace(plan, source=replace(plan.source, id=summary.source_id, name=summary.source_name))
                    try:
                        header = self.columns
                        await asyncio.get_running_loop().run_in_executor(
                            None, save_profile, self.profiles_dir, header, stored
                        )
                    except (OSError, HomeLogError):
                        pass  # the readings are in; a profile that cannot be written is only a convenience
                self.finished.emit(summary)
                return summary
        finally:
            self.running = False
            self._cancel = None
        return None

    async def _run_standard(self, parsed: ParsedFile) -> StandardSummary | None:
        from ..services.importing.standard import StandardPlan, run_standard_import

        plan = StandardPlan(
            self.path, parsed, self.standard_source.strip() or None, self.duplicates, timezone=self.zone
        )
        self._cancel = CancelToken()
        self.running = True
        self.summary = None
        try:
            async with self._action():
                try:
                    summary = await run_standard_import(
                        self._db, plan, self._on_progress, self._cancel, undoable=self.history is not None
                    )
                except ImportCancelledError:
                    self.cancelled.emit()
                    return None
                except ImportFileError as exc:
                    self.failed.emit(user_message(exc))
                    return None
                self.summary = summary
                summary.undo_note = self._record(summary.sources, summary.imported)
                self.finished.emit(summary)
                return summary
        finally:
            self.running = False
            self._cancel = None
        return None

    def _record(self, parts: list[ImportSummary], imported: int) -> str:
        """The import becomes one step of Edit → Undo: undoing it removes its readings and the sources
        and metrics it created from each source it went into (``parts``), and puts back the stored
        readings it replaced. Returns why it was not recorded when it replaced too many to keep ("" otherwise)."""
        if self.history is None:
            return ""
        parts = [p for p in parts if p.source_id is not None]
        if not any(p.imported or p.source_created or p.created_metric_ids for p in parts):
            return ""
        replaced = sum(p.replaced for p in parts)
        if any(p.replaced and p.replaced_rows is None for p in parts):
            return translate("Undo", "This import cannot be undone: it replaced %Ln reading(s).", None, replaced)
        from ..domain.undo import ImportUndo, KeptRows
        from .undo import ImportChange

        kept = KeptRows()
        undo = ImportUndo()
        for part in parts:
            if part.replaced_rows is not None:
                kept.extend(part.replaced_rows)
            if part.undo is not None:
                undo = undo | part.undo
        name = translate("Undo", "Import %Ln Reading(s)", None, imported)
        self.history.record(ImportChange(name, undo, [p.source_id for p in parts], kept if kept.rows else None))
        return ""

    def _record_homelog(self, summary: ImportSummary) -> str:
        """A Home Log file's import becomes one step of Edit → Undo ("Import 2 Sources"): undoing it
        removes the sources it created, and from the sources that were already here the metrics,
        tariffs, meter changes, conversion factors, advance payments and readings it added (and puts
        back the readings it replaced). Returns why it was not recorded, when it cannot be undone."""
        from ..services.importing.homelog import HomeLogSummary

        if self.history is None or not isinstance(summary, HomeLogSummary):
            return ""
        outcomes = [o for o in summary.sources if o.undo is not None and o.source_id is not None]
        changed = any(
            o.created or o.imported or o.metrics_created or o.tariffs_added or o.changes_added
            or o.factors_added or o.advances_added
            for o in outcomes
        )  # fmt: skip
        if not changed:
            return ""
        if any(o.replaced and o.replaced_rows is None for o in outcomes):
            replaced = sum(o.replaced for o in outcomes)
            return translate("Undo", "This import cannot be undone: it replaced %Ln reading(s).", None, replaced)
        from ..domain.undo import ImportUndo, KeptRows
        from .changes import What
        from .undo import ImportChange

        kept = KeptRows()
        undo = ImportUndo()
        for outcome in outcomes:
            if outcome.replaced_rows is not None:
                kept.extend(outcome.replaced_rows)
            assert outcome.undo is not None
            undo = undo | outcome.undo
        name = translate("Undo", "Import %n Source(s)", None, len(summary.sources))
        self.history.record(
            ImportChange(
                name,
                undo,
                [o.source_id for o in outcomes],
                kept if kept.rows else None,
                What.READINGS | What.SOURCES | What.TARIFFS | What.METER_CHANGES,
            )
        )
        return ""

    def cancel(self) -> None:
        """Stop a running import; it rolls back and ends with ``cancelled``."""
        if self._cancel is not None:
            self._cancel.cancel()

    async def save_summary(self, path: Path) -> None:
        """Write the summary's text to ``path``."""
        summary = self.summary
        if summary is None:
            return
        text = summary.as_text()
        async with self._action():
            try:
                await asyncio.get_running_loop().run_in_executor(None, _write_text, path, text)
            except OSError as exc:
                raise HomeLogError(
                    translate("ImportWizard", "Cannot save the summary to {path}: {reason}.").format(
                        path=path, reason=exc.strerror or exc
                    )
                ) from exc

    # -- helpers -----------------------------------------------------------------------------

    def _on_progress(self, progress: ImportProgress) -> None:
        self.last_progress = progress
        self.progress.emit(progress)

    async def _load_sources(self) -> list[Source]:
        from ..repositories import SourceRepository

        async with self._db.session(readonly=True) as session:
            await self.permissions.refresh(session)
            return await SourceRepository(session).all(include_archived=False)

    def homelog_outline(self) -> list[tuple[str, str]]:
        """For a Home Log export: (source name, what it holds and what the import does with it), per source."""
        document = self.homelog
        if document is None:
            return []
        here = {s.name.strip().casefold() for s in self.sources}
        outline = []
        for part in document.sources:
            readings = len(part.readings.ts)
            held = [
                translate("ImportSummary", "%n metric(s)", None, len(part.source.metrics)),
                translate("ImportSummary", "%Ln reading(s)", None, readings),
            ]
            if part.tariffs:
                held.append(translate("ImportSummary", "%n tariff(s)", None, len(part.tariffs)))
            if part.meter_changes:
                held.append(translate("ImportSummary", "%n meter change(s)", None, len(part.meter_changes)))
            if part.source.name.strip().casefold() in here:
                action = translate("ImportSummary", "already here: only what it lacks is added")
            else:
                action = translate("ImportSummary", "new: created with all of it")
            outline.append((part.source.name, f"{', '.join(held)} — {action}"))
        return outline

    def refusal(self, source: Source) -> str:
        """Why the signed-in member may not import into ``source`` ("": they may)."""
        allowed = self.permissions.can(Action.ADD_READING, source)
        return "" if allowed else allowed.reason

    def _take(self, detected: Detected) -> None:
        chosen = self.settings.timezone
        self.detected = detected
        self.settings = detected.settings
        self.stated_zone = detected.settings.timezone
        if self._zone_chosen:  # the file read again (another profile): the user's zone stays
            self.settings = replace(self.settings, timezone=chosen)
        self.columns = list(detected.columns)
        self.sample_rows = [list(r) for r in detected.sample_rows]

    def _suggest(self, source: Source | None, name: str | None = None) -> None:
        """Map by name into ``source``, or into a new source (numeric columns → new counters)."""
        from ..services.importing import new_source_for, suggest_mapping

        if self.detected is None:
            return
        if source is not None:
            self.source = source
            self.mapping = dict(suggest_mapping(self.detected, source))
        else:
            fallback = default_source_name(self.path)
            new_name = name if name is not None else (self.source.name if self.source.id is None else fallback)
            new_source, mapping = new_source_for(new_name or fallback, self.detected)
            self.source = new_source
            self.mapping = dict(mapping)
        profile = self.builtin_profile
        if profile is not None:  # the profile's metrics: names, units and kinds of its layout
            if source is None:
                category = self.source.category
                self.source, mapping = profile.new_source(self.source.name, self.detected, self.mapping)
                if category is not Category.OTHER:
                    self.source = replace(self.source, category=category)
            else:
                mapping = profile.mapping_onto(source, self.detected, self.mapping)
            self.mapping = {c: t for c, t in mapping.items() if t.role is not TargetRole.IGNORE}
        self._sync_source()

    def _apply_profile(self, profile: Profile) -> bool:
        """Use how a file with this header was imported last time: its settings, source and columns.

        The source is found again by name; if it is gone, a new one of that name is proposed.
        """
        from ..services.importing.model import FILE_LAYOUT_SETTINGS

        if not profile.source_name.strip():
            return False
        wanted = profile.source_name.strip().casefold()
        stored = next((s for s in self.sources if s.name.strip().casefold() == wanted), None)
        mapping = profile.mapping_for(stored)
        self.source = stored if stored is not None else Source(None, profile.source_name.strip())
        self.mapping = {c: t for c, t in mapping.items() if c < len(self.columns) and t.role is not TargetRole.IGNORE}
        detected_settings = self.settings
        # The file's own encoding and layout as detected now; the user's choices (dates, numbers) as saved.
        self.settings = replace(
            profile.settings,
            encoding=detected_settings.encoding,
            sheet=detected_settings.sheet,
            date_format=profile.settings.date_format or detected_settings.date_format,
            # This file's own registers, blocks and day columns (found in the whole file, never saved).
            **{name: getattr(detected_settings, name) for name in FILE_LAYOUT_SETTINGS},
        )
        self.duplicates = profile.duplicates
        self.skip_invalid = profile.skip_invalid
        self._sync_source()
        return True

    def _sync_source(self) -> None:
        """A new source's metrics are its mapped columns' new metrics, in column order."""
        if self.source.id is not None:
            return
        metrics = tuple(
            t.metric for _c, t in sorted(self.mapping.items()) if t.role is TargetRole.METRIC and t.metric is not None
        )
        self.source = replace(self.source, metrics=metrics)

    def _read_columns(self, settings: ImportSettings) -> tuple[list[str], list[list[str]]]:
        """The header's cells and the first data rows' under ``settings`` (worker thread)."""
        from ..services.importing.formats.spreadsheet import open_row_stream

        kind = self.detected.kind if self.detected is not None else "csv"
        header = settings.header_row
        first_data = settings.data_row if header is None else max(settings.data_row, header + 1)
        names: list[str] = []
        rows: list[list[str]] = []
        with open_row_stream(self.path, kind, settings.encoding, settings.delimiter, settings.sheet) as stream:
            for index, (_line, cells) in enumerate(stream):
                if index == header:
                    names = list(cells)
                elif index >= first_data and any(c.strip() for c in cells):
                    rows.append(list(cells))
                    if len(rows) >= 20:
                        break
        width = max([len(names), *(len(r) for r in rows)])
        columns = [
            (names[i].strip() if i < len(names) else "")
            or translate("ImportWizard", "Column {number}").format(number=i + 1)
            for i in range(width)
        ]
        return columns, rows


def default_source_name(path: Path) -> str:
    """A new source's name proposed for the file at ``path``: its name, made readable."""
    words = " ".join(path.stem.replace("_", " ").split())
    return (words[:1].upper() + words[1:]) or translate("ImportWizard", "Imported readings")


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def profiles_dir_for(location: str) -> Path:
    """Where the import profiles of the data at ``location`` live: beside its SQLite file (the data
    folder), or, for a server database, in the data folder the app would use."""
    if "://" in location:
        from ..config import resolve_paths

        return resolve_paths().data_dir
    return Path(location).parent


def _import_readers() -> None:
    """Import the modules that read whole files (run in a worker; see ``ImportViewModel.detect``)."""
    from ..services.importing import builtin_profiles, homelog, standard  # noqa: F401


def describe_target(target: ColumnTarget) -> str:
    """How a column's target reads in the mapping table."""
    if target.role is TargetRole.NOTE:
        return translate("ImportModels", "Note")
    if target.role is TargetRole.METRIC and target.metric is not None:
        if target.metric.id is None:
            return translate("ImportWizard", "New metric “{name}”").format(name=target.metric.name)
        return target.metric.label
    return translate("ImportModels", "Not imported")


__all__ = ["ImportViewModel", "describe_target", "profiles_dir_for"]
