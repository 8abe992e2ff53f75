"""What the window's actions do: open the dialogs (whose view models report committed writes on the
workspace's "data changed" hub), move the navigation, and keep the actions enabled where they apply.

A mixin of MainWindow (window.py), which provides the attributes declared below. The navigation
events are imported where they are used: the module is part of the window's first frame, they are
not (they come with the content).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from ...i18n import translate
from .actions import SPECS, Act
from .dialogs import format_local, question, shortcuts_box

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStackedWidget, QStatusBar, QWidget

    from ...domain.entities import Reading, Source
    from ...viewmodels.navigation import NavigationViewModel
    from ...viewmodels.workspace import Workspace
    from .dialogs import DialogKeeper
    from .source_page import SourcePage

#: The actions the access policy may refuse on the shown source (their tip then gives the reason).
REFUSABLE = frozenset(
    {Act.ADD_READING, Act.EDIT_READING, Act.DELETE_READING, Act.EDIT_SOURCE, Act.ARCHIVE_SOURCE, Act.DELETE_SOURCE}
)
#: The import's view model and service, imported in a worker thread before the wizard opens.
IMPORT_STACK = "homelog_desktop.viewmodels.importing"


class WindowCommands:
    """The slots of the window's actions."""

    # Provided by MainWindow.
    workspace: Workspace | None
    data_dir: Path | None
    _actions: dict[Act, QAction]
    navigation: NavigationViewModel
    dialogs: DialogKeeper
    source_page: SourcePage
    _stack: QStackedWidget
    _settings: QSettings
    _content_built: bool
    sample_data_requested: Any
    own_data_requested: Any
    backup_requested: Any
    restore_requested: Any
    connect_requested: Any
    local_data_requested: Any
    switch_member_requested: Any
    sign_out_requested: Any
    #: Who is signed in (None: nobody signs in to this data).
    identity: str | None
    signed_out: bool
    move_requested: Any

    if TYPE_CHECKING:

        def run(self, coro: Coroutine[Any, Any, Any]) -> None: ...
        def show_error(self, message: str) -> None: ...
        def current_source(self) -> Source | None: ...
        def set_reminders(self, enabled: bool) -> None: ...
        def statusBar(self) -> QStatusBar: ...  # noqa: N802
        def close(self) -> bool: ...
        @property
        def sources_model(self) -> Any: ...

    def _slots(self) -> dict[Act, Callable[..., object]]:
        return {
            Act.UNDO: self.undo,
            Act.REDO: self.redo,
            Act.ADD_READING: self.add_reading,
            Act.EDIT_READING: self.edit_reading,
            Act.DELETE_READING: self.delete_readings,
            Act.METER_ROUND: self.open_meter_round,
            Act.REMINDERS: self.set_reminders,
            Act.FILTER: self.focus_filter,
            Act.ADD_SOURCE: self.add_source,
            Act.ADD_VIRTUAL_METER: self.add_virtual_meter,
            Act.EDIT_SOURCE: self.edit_source,
            Act.ARCHIVE_SOURCE: self.toggle_archive_source,
            Act.DELETE_SOURCE: self.delete_source,
            Act.EXPORT_READINGS: self.export_readings,
            Act.EXPORT_ALL: self.export_all,
            Act.ANNUAL_REPORT: self.export_annual_report,
            Act.DASHBOARD: self.show_dashboard,
            Act.SHOW_READINGS: self.show_readings,
            Act.SHOW_REPORTS: self.show_reports,
            Act.REFRESH: self.refresh,
            Act.SHOW_ARCHIVED: self._on_show_archived_toggled,
            Act.SAMPLE_DATA: lambda: self.sample_data_requested.emit(),
            Act.OWN_DATA: lambda: self.own_data_requested.emit(),
            Act.IMPORT: lambda: self.import_readings(),
            Act.BACKUP_NOW: lambda: self.backup_requested.emit(),
            Act.RESTORE: lambda: self.restore_requested.emit(),
            Act.MEMBERS: self.open_members,
            Act.CONNECT: lambda: self.connect_requested.emit(),
            Act.LOCAL_DATA: lambda: self.local_data_requested.emit(),
            Act.SWITCH_MEMBER: lambda: self.switch_member_requested.emit(),
            Act.SIGN_OUT: lambda: self.sign_out_requested.emit(),
            Act.MOVE_TO_SERVER: lambda: self.move_requested.emit(),
            Act.SETTINGS: self.open_settings,
            Act.QUIT: self.close,
            Act.SHORTCUTS: self.show_shortcuts,
            Act.ABOUT: self.show_about,
        }

    def _parent(self) -> QWidget:
        return self  # type: ignore[return-value]

    # -- undo ------------------------------------------------------------------------------------

    def undo(self) -> None:
        """Edit → Undo (Ctrl+Z): the last change, unless someone changed its rows since."""
        history = self.workspace.history if self.workspace is not None else None
        if history is not None and history.can_undo():
            history.spawn(history.undo())

    def redo(self) -> None:
        """Edit → Redo (Ctrl+Shift+Z, or the platform's Redo key)."""
        history = self.workspace.history if self.workspace is not None else None
        if history is not None and history.can_redo():
            history.spawn(history.redo())

    def _update_undo(self) -> None:
        """The Edit menu names what Undo and Redo would do, and is disabled when there is nothing."""
        history = self.workspace.history if self.workspace is not None else None
        undo, redo = translate("Commands", "Undo"), translate("Commands", "Redo")
        for act, word, named_word, nothing, can, text in (
            (
                Act.UNDO,
                undo,
                translate("Commands", "Undo {name}"),
                translate("Actions", "Nothing to undo"),
                history is not None and history.can_undo(),
                history.undo_text() if history else "",
            ),
            (
                Act.REDO,
                redo,
                translate("Commands", "Redo {name}"),
                translate("Actions", "Nothing to redo"),
                history is not None and history.can_redo(),
                history.redo_text() if history else "",
            ),
        ):
            action = self._actions[act]
            named = named_word.format(name=text) if text else word
            action.setText("&" + named.replace("&", "&&"))  # a name's own “&” is no mnemonic
            action.setEnabled(can)
            tip = named if text else nothing
            if history is not None and history.running:
                tip = translate("Commands", "Undoing or redoing a change…")
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def _on_undo_stepped(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    # -- readings --------------------------------------------------------------------------------

    def selected_readings(self) -> list[Reading]:
        return self.source_page.selected_readings() if self._content_built else []

    def add_reading(self) -> None:
        source = self.current_source()
        if self.workspace is None or source is None:
            return
        self._open_reading_dialog(self.workspace.reading_editor(source, None, self._last_member()))

    def edit_reading(self) -> None:
        source = self.current_source()
        reading = self.source_page.current_reading()
        if self.workspace is None or source is None or reading is None:
            return
        from ...domain.access import Action

        allowed = self.workspace.permissions.can(Action.CHANGE_READING, reading, source=source)
        if not allowed:  # a double-click on another member's reading: say why instead of a form that cannot save
            self.statusBar().showMessage(allowed.reason, 8000)
            return
        self._open_reading_dialog(self.workspace.reading_editor(source, reading, reading.entered_by))

    def _open_reading_dialog(self, vm: Any) -> None:
        from ..reading_dialog import ReadingDialog

        dialog = ReadingDialog(vm, self._parent())
        vm.saved.connect(self._on_reading_saved)
        self.dialogs.keep(dialog)
        dialog.open()

    def _on_reading_saved(self, reading: Reading) -> None:
        from ...viewmodels.navigation import ReadingSaved

        if reading.entered_by is not None:
            self._settings.setValue("entry/lastMember", reading.entered_by)
        self.statusBar().showMessage(translate("WindowCommands", "Reading saved"), 5000)
        if reading.id is not None:
            self.navigation.go(ReadingSaved(reading.source_id, reading.id))

    def delete_readings(self) -> None:
        source = self.current_source()
        readings = self.selected_readings()
        if self.workspace is None or source is None or not readings:
            return
        if len(readings) == 1:
            text = translate("Commands", "Delete the reading of {time} from “{name}”?").format(
                time=format_local(readings[0].timestamp), name=source.name
            )
        else:
            text = translate("Commands", "Delete %Ln readings from “{name}”?", None, len(readings)).format(
                name=source.name
            )
        ids = [r.id for r in readings if r.id is not None]
        self.run(self._confirm_delete(source, ids, text))

    async def _confirm_delete(self, source: Source, ids: list[int], text: str) -> None:
        """Ask, naming the meter changes recorded with these readings (deleted with them)."""
        if self.workspace is None:
            return
        from ...viewmodels.readings import delete_detail

        detail = delete_detail(await self.workspace.readings.meter_changes_of(ids), source)
        undone = translate("Commands", "Edit → Undo brings them back.")
        informative = f"{detail}\n\n{undone}" if detail else undone
        box = question(self._parent(), text, informative, translate("Commands", "Delete"))
        self.dialogs.keep(box)
        box.accepted.connect(lambda: self.run(self.workspace.readings.delete(ids)) if self.workspace else None)
        box.open()

    def _on_readings_deleted(self, count: int) -> None:
        from ...viewmodels.navigation import ReadingsDeleted

        self.statusBar().showMessage(translate("Commands", "%Ln reading(s) deleted", None, count), 5000)
        source = self.current_source()
        if source is not None and source.id is not None:
            self.navigation.go(ReadingsDeleted(source.id))

    def open_meter_round(self) -> None:
        """The meter round sheet (Ctrl+R): every due meter's readings in one go."""
        if self.workspace is None:
            return
        from ..meter_round import MeterRoundDialog

        vm = self.workspace.meter_round()
        dialog = MeterRoundDialog(vm, self._parent(), entered_by=self._last_member())
        vm.saved.connect(self._on_round_saved)
        self.dialogs.keep(dialog)
        dialog.open()
        dialog.start()

    def _on_round_saved(self, readings: list[Reading]) -> None:
        count = len(readings)
        self.statusBar().showMessage(translate("Commands", "%Ln reading(s) saved", None, count), 5000)

    def focus_filter(self) -> None:
        from ...viewmodels.navigation import Page

        if self._stack.currentIndex() == Page.SOURCE:
            self.source_page.focus_filter()

    def _last_member(self) -> int | None:
        member = self._settings.value("entry/lastMember")
        return int(member) if member not in (None, "") else None

    # -- sources ---------------------------------------------------------------------------------

    def add_source(self) -> None:
        if self.workspace is not None:
            self._open_source_dialog(self.workspace.source_editor(None))

    def edit_source(self) -> None:
        source = self.current_source()
        if self.workspace is not None and source is not None:
            if source.virtual:
                self._open_virtual_dialog(source)
                return
            self._open_source_dialog(self.workspace.source_editor(source))

    def add_virtual_meter(self) -> None:
        if self.workspace is not None:
            self._open_virtual_dialog(None)

    def _open_virtual_dialog(self, source: Source | None) -> None:
        from ..virtual_meter_dialog import VirtualMeterDialog

        assert self.workspace is not None and self.workspace.virtual_editor is not None
        vm = self.workspace.virtual_editor(source)
        dialog = VirtualMeterDialog(vm, self._parent())
        vm.saved.connect(self._on_source_saved)
        self.dialogs.keep(dialog)
        dialog.open()
        dialog.start()

    def _open_source_dialog(self, vm: Any) -> None:
        from ..source_dialog import SourceDialog

        dialog = SourceDialog(vm, self._parent())
        vm.saved.connect(self._on_source_saved)
        self.dialogs.keep(dialog)
        dialog.open()

    def _on_source_saved(self, source: Source) -> None:
        from ...viewmodels.navigation import SourceSaved

        self.statusBar().showMessage(translate("Commands", "“{name}” saved").format(name=source.name), 5000)
        if source.id is not None:
            self.navigation.go(SourceSaved(source.id))

    def toggle_archive_source(self) -> None:
        source = self.current_source()
        if self.workspace is not None and source is not None:
            self.run(self.workspace.sources.set_archived(source, not source.archived))

    def delete_source(self) -> None:
        source = self.current_source()
        if self.workspace is not None and source is not None and source.id is not None:
            self.run(self.workspace.sources.count_readings(source.id))

    def _confirm_delete_source(self, source_id: int, count: int) -> None:
        source = self.current_source()
        if source is None or source.id != source_id or self.workspace is None:
            return
        if count:
            text = translate("Commands", "Delete “{name}” and its %Ln reading(s)?", None, count).format(
                name=source.name
            )
        else:
            text = translate("Commands", "Delete “{name}”? It has no readings.").format(name=source.name)
        box = question(
            self._parent(),
            text,
            translate(
                "Commands", "Edit → Undo brings it back. To keep the readings but hide the source, archive it instead."
            ),
            translate("Commands", "Delete"),
        )
        box.setObjectName("confirmDeleteSource")
        self.dialogs.keep(box)
        box.accepted.connect(lambda: self.run(self.workspace.sources.delete(source_id)) if self.workspace else None)
        box.open()

    def _on_source_deleted(self, source_id: int, count: int) -> None:
        from ...viewmodels.navigation import SourceRemoved

        self.statusBar().showMessage(translate("Commands", "Source deleted with %Ln reading(s)", None, count), 5000)
        self.navigation.go(SourceRemoved(source_id))

    def _on_show_archived_toggled(self, checked: bool) -> None:
        if self.workspace is not None:
            self.run(self.workspace.sources.set_show_archived(checked))

    # -- pages -----------------------------------------------------------------------------------

    def show_dashboard(self) -> None:
        """The home page: a card per source (Ctrl+1)."""
        from ...viewmodels.navigation import DashboardChosen

        self.navigation.go(DashboardChosen())

    def show_readings(self) -> None:
        """The selected source's readings (Ctrl+2); from the dashboard, the source last shown."""
        from ...viewmodels.navigation import Tab, TabChosen

        self.navigation.go(TabChosen(Tab.READINGS))

    def show_reports(self) -> None:
        """The selected source's reports and charts (Ctrl+3)."""
        from ...viewmodels.navigation import Tab, TabChosen

        self.navigation.go(TabChosen(Tab.REPORTS))

    def open_source(self, source_id: int, tab: int | None = None) -> None:
        """Show a source's page (a dashboard card or a sidebar row was clicked)."""
        from ...viewmodels.navigation import SourceChosen, Tab

        self.navigation.go(SourceChosen(source_id, Tab(tab) if tab is not None else None))

    def refresh(self) -> None:
        """F5: everything may have changed (another program wrote to the database)."""

        from ...viewmodels.changes import What

        if self.workspace is not None:
            self.workspace.changes.notify(What.EVERYTHING)

    # -- household, help -------------------------------------------------------------------------

    def open_members(self) -> None:
        if self.workspace is None:
            return
        from ..members_dialog import MembersDialog

        dialog = MembersDialog(self.workspace.members(), self._parent())
        self.dialogs.keep(dialog)
        dialog.open()

    def show_about(self) -> None:
        from ...config import resolve_paths
        from ..about_dialog import AboutDialog

        data_dir = self.data_dir if self.data_dir is not None else resolve_paths().data_dir
        location = self.workspace.location if self.workspace else None
        dialog = AboutDialog(data_dir, location, self._parent())
        self.dialogs.keep(dialog)
        dialog.open()

    def open_settings(self) -> None:
        from ..settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._parent())
        self.dialogs.keep(dialog)
        dialog.open()

    def show_shortcuts(self) -> None:
        box = shortcuts_box(self._parent())
        self.dialogs.keep(box)
        box.open()

    # -- import and export -----------------------------------------------------------------------

    def import_readings(self, path: Path | None = None) -> None:
        """File → Import…: the import wizard on ``path``, or on a file chosen first."""
        if self.workspace is not None:
            self.run(self._open_import(path))

    async def _open_import(self, path: Path | None) -> None:
        from ..warm import import_in_worker

        # The import service (~60 ms of imports the first time) loads in a worker thread.
        await import_in_worker(IMPORT_STACK)
        if self.workspace is None:
            return
        from ..import_wizard import ImportWizard, ask_import_path

        if path is None:
            ask_import_path(self._parent(), self.import_readings)
            return
        wizard = ImportWizard(self.workspace.importer(path), self._parent(), current_source=self.current_source())
        wizard.imported.connect(self._on_imported)
        wizard.show_source_requested.connect(self.open_source)
        self.dialogs.keep(wizard)
        wizard.open()

    def _on_imported(self, source_id: int, message: str) -> None:
        """An import was committed: show its source (the data-changed hub reloads it)."""
        from ...viewmodels.navigation import Imported

        self.statusBar().showMessage(message, 8000)
        self.navigation.go(Imported(source_id))

    def export_readings(self) -> None:
        """Source → Export Readings…: ask where, then export the selected source's readings."""
        source = self.current_source()
        if self.workspace is None or source is None:
            return
        from ..exporting import ask_export_path

        ask_export_path(self._parent(), source, lambda path, fmt: self.export_readings_to(source, path, fmt))

    def export_readings_to(self, source: Source, path: Path, fmt: Any = None) -> None:
        """Export ``source``'s readings to ``path``, with a progress dialog if it takes a while."""
        if self.workspace is None:
            return
        from ..exporting import ExportProgress, describe

        vm = self.workspace.exporter()
        vm.setParent(self._parent())
        vm.finished.connect(lambda result: self.statusBar().showMessage(describe(result), 8000))
        vm.cancelled.connect(
            lambda: self.statusBar().showMessage(
                translate("WindowCommands", "Export cancelled: no file was written"), 8000
            )
        )
        vm.error_occurred.connect(self.show_error)
        ExportProgress(vm, source, path, self._parent())
        task = vm.spawn(vm.export(source, path, fmt))
        if task is not None:
            task.add_done_callback(lambda _t: vm.deleteLater())

    def export_all(self) -> None:
        """File → Export All Sources…: ask where, then write every source, whole, as one JSON file."""
        if self.workspace is None:
            return
        from ..exporting import ask_export_all_path

        ask_export_all_path(self._parent(), self.export_all_to)

    def export_all_to(self, path: Path) -> None:
        """Export every source the member sees to ``path`` (JSON), with a progress dialog if it takes a while."""
        if self.workspace is None:
            return
        from ..exporting import ALL_SOURCES, ExportProgress, describe

        vm = self.workspace.exporter()
        vm.setParent(self._parent())
        vm.finished.connect(lambda result: self.statusBar().showMessage(describe(result), 8000))
        vm.cancelled.connect(
            lambda: self.statusBar().showMessage(translate("Commands", "Export cancelled: no file was written"), 8000)
        )
        vm.error_occurred.connect(self.show_error)
        ExportProgress(vm, ALL_SOURCES, path, self._parent())
        task = vm.spawn(vm.export_all(path))
        if task is not None:
            task.add_done_callback(lambda _t: vm.deleteLater())

    def export_annual_report(self) -> None:
        """File → Export Annual Report…: the year, sources and page size; then where; then the PDF."""
        if self.workspace is not None:
            self.run(self._open_annual_report())

    async def _open_annual_report(self) -> None:
        from ..warm import import_in_worker

        # The report's service and writer (numpy, the reports) load in a worker thread first.
        await import_in_worker("homelog_desktop.views.annual_report_pdf")
        if self.workspace is None:
            return
        from ..annual_report_dialog import AnnualReportDialog
        from ..annual_report_pdf import write_pdf

        dialog = AnnualReportDialog(self.workspace.annual_report(write_pdf), self._parent())
        dialog.vm.finished.connect(
            lambda path, _pages: self.statusBar().showMessage(
                translate("Commands", "Annual report saved: {path}").format(path=path), 8000
            )
        )
        self.dialogs.keep(dialog)
        dialog.open()
        dialog.start()

    # -- enabled actions -------------------------------------------------------------------------

    def _update_actions(self, *_args: Any) -> None:
        from ...viewmodels.navigation import Page, Tab

        self._update_undo()
        if not self._content_built:
            return
        bound = self.workspace is not None
        page = self._stack.currentIndex()
        on_source = bound and self.current_source() is not None and page == Page.SOURCE
        on_readings = on_source and self.source_page.tabs.currentIndex() == Tab.READINGS
        has_selection = on_readings and bool(self.selected_readings())
        model = self.sources_model
        has_sources = bound and model is not None and model.rowCount() > 0
        virtual = on_source and bool(getattr(self.current_source(), "virtual", False))
        enabled = {
            Act.ADD_READING: on_source and not virtual,
            Act.EDIT_READING: has_selection,
            Act.DELETE_READING: has_selection,
            Act.FILTER: on_source,
            Act.EDIT_SOURCE: on_source,
            Act.ARCHIVE_SOURCE: on_source,
            Act.DELETE_SOURCE: on_source,
            Act.EXPORT_READINGS: on_source,
            Act.EXPORT_ALL: has_sources,
            Act.ANNUAL_REPORT: has_sources,
            Act.DASHBOARD: has_sources,
            Act.SHOW_READINGS: has_sources,
            Act.SHOW_REPORTS: has_sources,
            Act.METER_ROUND: has_sources,
            Act.REMINDERS: bound and self.workspace is not None and not self.workspace.is_sample,
            Act.ADD_SOURCE: bound,
            Act.ADD_VIRTUAL_METER: bound,
            Act.REFRESH: bound,
            Act.MEMBERS: bound,
            Act.CONNECT: True,
            Act.SWITCH_MEMBER: (bound and self.identity is not None) or self.signed_out,
            Act.SIGN_OUT: bound and self.identity is not None,
            Act.SHOW_ARCHIVED: bound,
            Act.IMPORT: bound,
            Act.BACKUP_NOW: bound and self.workspace is not None and not self.workspace.is_sample,
            Act.RESTORE: True,
            Act.MOVE_TO_SERVER: bound and self.workspace is not None and not self.workspace.is_sample,
        }
        refusals = self._refusals(on_source, has_selection)
        for act, on in enabled.items():
            refusal = refusals.get(act, "")
            action = self._actions[act]
            action.setEnabled(on and not refusal)
            if act in REFUSABLE:  # a refused action says why (the policy's reason) where its tip would be
                tip = refusal or translate("Actions", SPECS[act].tip)
                action.setToolTip(tip)
                action.setStatusTip(tip)
        self.source_page.set_edit_refusal(refusals.get(Act.EDIT_SOURCE, ""))

    def _refusals(self, on_source: bool, has_selection: bool) -> dict[Act, str]:
        """Why the signed-in member may not do what an action does here (the access policy's reasons)."""
        from ...domain.access import Action

        workspace, source = self.workspace, self.current_source()
        if workspace is None or source is None or not on_source or not workspace.permissions.restricted:
            return {}
        can = workspace.permissions.can
        refusals = {
            Act.ADD_READING: can(Action.ADD_READING, source),
            Act.EDIT_SOURCE: can(Action.EDIT_SOURCE, source),
            Act.ARCHIVE_SOURCE: can(Action.EDIT_SOURCE, source),
            Act.DELETE_SOURCE: can(Action.DELETE_SOURCE, source),
        }
        if has_selection:
            current = self.source_page.current_reading()
            if current is not None:
                refusals[Act.EDIT_READING] = can(Action.CHANGE_READING, current, source=source)
            selected = self.selected_readings()
            refusals[Act.DELETE_READING] = workspace.permissions.can_all(Action.DELETE_READING, selected, source=source)
        return {act: decision.reason for act, decision in refusals.items() if not decision}
