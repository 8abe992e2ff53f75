"""What the main window works with for one open database, assembled by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import BaseViewModel
from .changes import DataChanged, What
from .live import LiveUpdatesViewModel
from .permissions import Permissions
from .readings import ReadingsViewModel
from .sources import SourcesViewModel
from .undo import UndoHistory

if TYPE_CHECKING:
    from pathlib import Path

    from ..db.handle import SessionProvider
    from ..domain.entities import Reading, Source
    from .annual_report import AnnualReportViewModel, Renderer
    from .dashboard import DashboardViewModel
    from .exporting import ExportViewModel
    from .importing import ImportViewModel
    from .members import MembersViewModel
    from .meter_round import MeterRoundViewModel
    from .reading_editor import ReadingEditorViewModel
    from .reports import ReportsViewModel
    from .source_editor import SourceEditorViewModel
    from .virtual_editor import VirtualMeterEditorViewModel


@dataclass(eq=False)
class Workspace:
    """View models bound to one database plus factories for the per-dialog ones.

    The window never sees the Database itself: it asks these factories for view models. Each view
    model that writes is connected here, at composition, to ``changes``: after its unit of work has
    committed, the hub says what changed.
    """

    #: Where the data lives (a file path or a server URL without password).
    location: str
    #: True for the sample household, which lives in its own file.
    is_sample: bool
    sources: SourcesViewModel
    readings: ReadingsViewModel
    #: "Data changed" after every committed write of this database: every page refreshes itself.
    changes: DataChanged
    #: What the signed-in member may do (the window enables actions and explains refusals with it).
    permissions: Permissions
    reading_editor: Callable[[Source, Reading | None, int | None], ReadingEditorViewModel]
    source_editor: Callable[[Source | None], SourceEditorViewModel]
    members: Callable[[], MembersViewModel]
    close: Callable[[], Awaitable[None]]
    #: The home page's cards (built on first use; closed with the workspace).
    dashboard: Callable[[], DashboardViewModel]
    #: A Reports page's view model (one per page; closed with the workspace).
    reports: Callable[[], ReportsViewModel]
    #: The meter round sheet's view model (one per sheet).
    meter_round: Callable[[], MeterRoundViewModel]
    #: A view model that exports a source's readings to a file.
    exporter: Callable[[], ExportViewModel]
    #: A view model that imports the file at a path (the import wizard's).
    importer: Callable[[Path], ImportViewModel]
    #: Other PCs' changes (PostgreSQL LISTEN/NOTIFY) into ``changes``, and the connection's state.
    live: LiveUpdatesViewModel
    #: The annual report's view model, writing with the given renderer (the PDF writer of views/).
    annual_report: Callable[[Renderer], AnnualReportViewModel]
    #: The editor of a new (None) or stored virtual meter.
    virtual_editor: Callable[[Source | None], VirtualMeterEditorViewModel] | None = None
    #: Edit → Undo/Redo: the edits committed in this database since it was opened.
    history: UndoHistory | None = None


def make_workspace(db: SessionProvider, location: str, *, is_sample: bool = False) -> Workspace:
    """The view models of one open (or opening) database, as the main window uses them.

    Only the sidebar's and the table's view models are built now; the dialogs' ones (which import
    SQLAlchemy through their repositories) are imported when a dialog first opens.
    """
    changes = DataChanged()
    permissions = Permissions(db)
    sources = SourcesViewModel(db, changes=changes, permissions=permissions)
    readings = ReadingsViewModel(db, changes=changes)
    history = UndoHistory(db, changes)
    sources.history = history
    readings.history = history
    live = LiveUpdatesViewModel(db, changes)
    #: View models made on demand that run background work: closed with the workspace.
    extra: list[BaseViewModel] = []

    async def close() -> None:
        history.clear()  # the steps belong to this database
        await history.close()
        await live.close()
        await sources.close()
        await readings.close()
        for vm in extra:
            await vm.close()

    def reading_editor(source: Source, reading: Reading | None, member: int | None) -> ReadingEditorViewModel:
        from .reading_editor import ReadingEditorViewModel

        vm = ReadingEditorViewModel(db, source, reading, member, permissions=permissions)
        vm.history = history
        vm.saved.connect(lambda saved: changes.notify(What.READINGS | What.METER_CHANGES, [saved.source_id]))
        return vm

    def source_editor(source: Source | None) -> SourceEditorViewModel:
        from .source_editor import SourceEditorViewModel

        vm = SourceEditorViewModel(db, source, permissions=permissions)
        vm.history = history
        vm.saved.connect(lambda saved: changes.notify(What.SOURCES | What.TARIFFS | What.METER_CHANGES, [saved.id]))
        return vm

    def members() -> MembersViewModel:
        from .members import MembersViewModel

        vm = MembersViewModel(db)
        vm.history = history
        vm.saved.connect(lambda _member: changes.notify(What.MEMBERS))
        vm.deleted.connect(lambda _member_id: changes.notify(What.MEMBERS))
        return vm

    def dashboard() -> DashboardViewModel:
        from .dashboard import DashboardViewModel

        vm = DashboardViewModel(db)
        extra.append(vm)
        return vm

    def reports() -> ReportsViewModel:
        from .reports import ReportsViewModel

        vm = ReportsViewModel(db)
        extra.append(vm)
        return vm

    def meter_round() -> MeterRoundViewModel:
        from .meter_round import MeterRoundViewModel

        vm = MeterRoundViewModel(db, permissions=permissions)
        vm.history = history
        vm.saved.connect(lambda saved: changes.notify(What.READINGS, [r.source_id for r in saved]))
        extra.append(vm)
        return vm

    def exporter() -> ExportViewModel:
        from .exporting import ExportViewModel

        return ExportViewModel(db)

    def importer(path: Path) -> ImportViewModel:
        from .importing import ImportViewModel, profiles_dir_for

        vm = ImportViewModel(db, path, profiles_dir_for(location), permissions=permissions)
        vm.history = history
        vm.finished.connect(lambda summary: changes.notify(What.READINGS | What.SOURCES, [summary.source_id]))
        return vm

    def annual_report(renderer: Renderer) -> AnnualReportViewModel:
        from .annual_report import AnnualReportViewModel

        return AnnualReportViewModel(db, renderer)

    def virtual_editor(source: Source | None) -> VirtualMeterEditorViewModel:
        from .virtual_editor import VirtualMeterEditorViewModel

        vm = VirtualMeterEditorViewModel(db, source)
        vm.history = history
        vm.saved.connect(lambda saved: changes.notify(What.SOURCES | What.READINGS | What.TARIFFS, [saved.id]))
        return vm

    return Workspace(
        location=location,
        is_sample=is_sample,
        sources=sources,
        readings=readings,
        changes=changes,
        permissions=permissions,
        reading_editor=reading_editor,
        source_editor=source_editor,
        members=members,
        close=close,
        dashboard=dashboard,
        reports=reports,
        meter_round=meter_round,
        exporter=exporter,
        importer=importer,
        live=live,
        annual_report=annual_report,
        virtual_editor=virtual_editor,
        history=history,
    )
