"""The main window: sources in a sidebar; the dashboard (home page); the selected source's readings
and reports in tabs; the meter round."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from .. import APP_NAME
from .icons import app_icon
from .selection import remember_source, remembered_source

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QDialog,
        QFrame,
        QHBoxLayout,
        QLineEdit,
        QListView,
        QMessageBox,
        QProgressBar,
        QPushButton,
        QSizePolicy,
        QSplitter,
        QStackedWidget,
        QStyle,
        QTableView,
        QTabWidget,
        QToolButton,
        QVBoxLayout,
        QWidget,
    )

    from ..db.snapshot import Snapshot
    from ..domain.entities import Reading, Source, SourceSummary
    from ..viewmodels.dashboard import DashboardViewModel
    from ..viewmodels.workspace import Workspace
    from .dashboard import DashboardPage
    from .icons import category_icon
    from .models.readings import ReadingsTableModel
    from .models.sources import SourcesListModel
    from .welcome import WelcomePage
    from .widgets import Banner

#: What the window's content needs beyond its first frame. PySide6 creates each type the first time
#: it is imported (the Qt namespace alone takes about 20 ms), so these are imported after the first
#: paint, by _load_content_modules(), into this module's namespace.
_CONTENT_NAMES: dict[str, tuple[str, ...]] = {
    "PySide6.QtCore": ("QItemSelectionModel", "QModelIndex", "QSize", "Qt", "QTimer"),
    "PySide6.QtWidgets": (
        "QAbstractItemView",
        "QDialog",
        "QFrame",
        "QHBoxLayout",
        "QLineEdit",
        "QListView",
        "QMessageBox",
        "QProgressBar",
        "QPushButton",
        "QSizePolicy",
        "QSplitter",
        "QStackedWidget",
        "QStyle",
        "QTableView",
        "QTabWidget",
        "QToolButton",
        "QVBoxLayout",
        "QWidget",
    ),
    "homelog_desktop.views.icons": ("category_icon",),
    "homelog_desktop.views.dashboard": ("DashboardPage",),
    "homelog_desktop.views.welcome": ("WelcomePage",),
    "homelog_desktop.views.widgets": ("Banner",),
}


def _load_content_modules(only: str | None = None) -> None:
    """Import the content's names (those of module ``only``, or all) into this module."""
    namespace = globals()
    for module_name, names in _CONTENT_NAMES.items():
        if (only is not None and module_name != only) or all(n in namespace for n in names):
            continue
        module = importlib.import_module(module_name)
        for name in names:
            namespace[name] = getattr(module, name)


#: (action, description) pairs shown in Help → Keyboard Shortcuts.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+1", "Dashboard: every meter at a glance"),
    ("Ctrl+2", "Readings of the selected source"),
    ("Ctrl+3", "Reports and charts of the selected source"),
    ("Ctrl+R", "Meter round: enter the readings of every due meter"),
    ("Ctrl+N", "New reading for the selected source"),
    ("Ctrl+Shift+N", "New source"),
    ("Enter", "Edit the selected reading"),
    ("Delete", "Delete the selected readings"),
    ("Ctrl+E", "Edit the selected source"),
    ("Ctrl+I", "Import readings from a CSV or Excel file (or drop the file on the window)"),
    ("F5", "Refresh"),
    ("Ctrl+F", "Filter the readings (note text, or a date such as 2025 or 2025-03)"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
)

PAGE_LOADING, PAGE_WELCOME, PAGE_SOURCE, PAGE_NOTHING, PAGE_DASHBOARD = range(5)
#: The tabs of a source's page.
TAB_READINGS, TAB_REPORTS = range(2)

#: Shown above the pages while the sample household is open.
SAMPLE_TEXT = "A made-up sample household: try anything, your data is not touched (File → Back to My Data)."
#: Shown instead of the welcome page when every source is archived and archived ones are hidden.
ALL_ARCHIVED_TEXT = (
    "All your meters and sensors are archived.\n\n"
    "View → Show Archived Sources lists them again; “New source…” adds another."
)


class MainWindow(QMainWindow):
    """Shows a workspace (the view models of one open database); built before the database is ready.

    The composition root creates the window, shows it at once with a "loading" page, and calls
    ``bind()`` when the database is open. Switching to the sample household and back is asked of the
    composition root through ``sample_data_requested`` and ``own_data_requested``.
    """

    sample_data_requested = Signal()
    own_data_requested = Signal()
    #: File → Back Up Now and File → Restore from Backup… (the composition root owns the database file).
    backup_requested = Signal()
    restore_requested = Signal()
    #: Emitted once the first data (sources, and the selected source's readings) is on screen.
    first_data_shown = Signal()
    #: The data cannot be opened (the message is on screen).
    fatal_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.workspace: Workspace | None = None
        #: The data folder (set by the app; Help → About shows it and opens it).
        self.data_dir: Path | None = None
        self.sources_model: SourcesListModel | None = None
        self.readings_model: ReadingsTableModel | None = None
        self._settings = QSettings()
        self._busy = 0
        self._first_data_done = False
        self._pending_select_source: int | None = None
        self._pending_select_reading: int | None = None
        self._dialogs: list[QDialog] = []
        self._welcome: WelcomePage | None = None
        self._welcome_slot: QWidget | None = None
        #: The source the start-up snapshot shows: selecting it need not load it again.
        self._primed_source: int | None = None
        self._content_built = False
        #: The first sources loaded after bind() open the dashboard (when there are any).
        self._open_on_dashboard = False
        #: After the next sources load, show the pending source even if the dashboard is shown.
        self._open_pending_source = False
        self._dashboard_vm: DashboardViewModel | None = None
        self._reports_page: Any = None
        self._sources_now: Any = None
        #: The source whose page was shown last (Ctrl+2 from the dashboard goes back to it).
        self._shown_source_id: int | None = None
        #: Set while the window moves the sidebar's current row itself (nothing to open).
        self._quiet_selection = False
        # The first frame is light (menus, toolbar, a line of text); build_content() adds the rest
        # right after it has painted, or when bind() needs it.
        self._setup_actions()
        self._setup_menus()
        self._setup_toolbar()
        self.setAcceptDrops(True)
        self._placeholder = QLabel("   Opening your data…")
        self.setCentralWidget(self._placeholder)
        for act in self._actions():
            act.setEnabled(act is self.actionQuit)
        self.resize(1200, 720)
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- public ----------------------------------------------------------------------------------

    @property
    def welcome(self) -> WelcomePage:
        """The welcome page, built the first time it is needed (most starts never show it)."""
        self.build_content()
        if self._welcome is None:
            page = WelcomePage()
            page.add_source_clicked.connect(self.add_source)
            page.sample_clicked.connect(self.sample_data_requested)
            current = self._stack.currentIndex()
            if self._welcome_slot is not None:
                self._stack.removeWidget(self._welcome_slot)
                self._welcome_slot.deleteLater()
                self._welcome_slot = None
            self._stack.insertWidget(PAGE_WELCOME, page)
            self._stack.setCurrentIndex(current)
            self._welcome = page
            self._prepare_welcome(page)
        return self._welcome

    def _show_welcome(self) -> None:
        page = self.welcome
        self._stack.setCurrentWidget(page)

    def _prepare_welcome(self, page: WelcomePage) -> None:
        if self.workspace is not None:
            page.sample_button.setVisible(not self.workspace.is_sample)
            page.set_data_location(self.workspace.location)

    def build_content(self) -> None:
        """Build everything beyond the first frame (idempotent)."""
        for step in self.content_steps():
            step()

    def content_steps(self) -> list[Callable[[], object]]:
        """build_content() in pieces of well under 50 ms each, for a caller that handles events
        between them (start-up, before the event loop runs); empty once the content is built."""
        if self._content_built:
            return []
        return [
            lambda: _load_content_modules("PySide6.QtCore"),
            lambda: _load_content_modules("PySide6.QtWidgets"),
            _load_content_modules,
            lambda: importlib.import_module("homelog_desktop.views.source_delegate"),
            lambda: importlib.import_module("homelog_desktop.views.models.sources"),
            lambda: importlib.import_module("homelog_desktop.views.models.readings"),
            lambda: importlib.import_module("homelog_desktop.views.dashboard"),
            self._finish_content,
        ]

    def _finish_content(self) -> None:
        if self._content_built:
            return
        _load_content_modules()
        self._finish_actions()
        self._setup_ui()
        self._content_built = True
        for act in (self.actionAbout, self.actionShortcuts, self.actionSampleData, self.actionOwnData):
            act.setEnabled(True)
        self._update_actions()

    def show_loading(self, text: str) -> None:
        if not self._content_built:
            self._placeholder.setText(f"   {text}")
            return
        self._loading_label.setText(text)
        self._stack.setCurrentIndex(PAGE_LOADING)

    def show_fatal(self, text: str) -> None:
        """Something stops the data from opening: say so in the window itself."""
        self.build_content()
        self._loading_label.setText(text)
        self._stack.setCurrentIndex(PAGE_LOADING)
        self.banner.show_message(text, "error")
        self.fatal_shown.emit(text)

    def bind(self, workspace: Workspace, snapshot: Snapshot | None = None) -> None:
        """Show ``workspace``: connect its view models and load the sources.

        With a ``snapshot`` (read at start-up while the database opens) its sources and readings are
        shown at once instead; the view models load from the database from then on.
        """
        from .models.readings import ReadingsTableModel, configure_readings_view
        from .models.sources import SourcesListModel

        self.build_content()
        self.unbind()
        self.workspace = workspace
        self.sources_model = SourcesListModel(self)
        self.source_list.setModel(self.sources_model)
        self.source_list.selectionModel().currentChanged.connect(self._on_source_list_current_changed)
        self.readings_model = ReadingsTableModel(workspace.readings, self)
        self.readings_table.setModel(self.readings_model)
        configure_readings_view(self.readings_table)
        self.readings_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.readings_model.modelReset.connect(self._update_actions)
        for vm in (workspace.sources, workspace.readings):
            vm.busy_changed.connect(self._on_vm_busy_changed)
            vm.error_occurred.connect(self._show_error)
        workspace.sources.sources_loaded.connect(self._on_sources_loaded)
        workspace.sources.source_deleted.connect(self._on_source_deleted)
        workspace.sources.reading_count_loaded.connect(self._confirm_delete_source)
        workspace.readings.reset.connect(self._on_readings_reset)
        workspace.readings.deleted.connect(self._on_readings_deleted)
        if workspace.is_sample:
            self._sample_bar.show_message(SAMPLE_TEXT, "info")
        else:
            self._sample_bar.hide()
        self.actionSampleData.setVisible(not workspace.is_sample)
        self.actionOwnData.setVisible(workspace.is_sample)
        if self._welcome is not None:
            self._prepare_welcome(self._welcome)
        title = f"{APP_NAME} — sample household" if workspace.is_sample else APP_NAME
        self.setWindowTitle(title)
        self.show_loading("Loading your meters…")
        self.actionShowArchived.setChecked(workspace.sources.show_archived)
        self._pending_select_source = self.remembered_source(workspace.location)
        self._shown_source_id = None
        self._open_on_dashboard = True
        self._open_pending_source = False
        self._update_actions()
        if snapshot is None:
            self._run(workspace.sources.load())
            return
        if snapshot.source is not None:
            # The table first, so that selecting the source in the sidebar finds it shown already.
            self._pending_select_source = snapshot.source.id
            self._primed_source = snapshot.source.id
            workspace.readings.prime(snapshot.source, snapshot.total, snapshot.rows)
        workspace.sources.prime(snapshot.summaries, snapshot.now, snapshot.archived_hidden)

    def unbind(self) -> None:
        """Forget the current workspace (its view models are closed by their owner)."""
        workspace, self.workspace = self.workspace, None
        if workspace is None:
            return
        for vm in (workspace.sources, workspace.readings):
            vm.disconnect(self)
        if self._dashboard_vm is not None:
            self._dashboard_vm.disconnect(self)
            self._dashboard_vm = None
        self._drop_reports_page()
        self.source_list.setModel(None)
        self.readings_table.setModel(None)
        self.sources_model = None
        self.readings_model = None
        self._busy = 0
        self._progress.hide()
        self._update_actions()  # nothing to act on until the next bind (a restore, the sample household)

    def current_source(self) -> Source | None:
        workspace = self.workspace
        return workspace.readings.source if workspace is not None else None

    def selected_readings(self) -> list[Reading]:
        model = self.readings_model
        if model is None or self.readings_table.selectionModel() is None:
            return []
        rows = sorted({index.row() for index in self.readings_table.selectionModel().selectedRows()})
        lines = [model.reading_at(row) for row in rows]
        return [line.reading for line in lines if line is not None]

    # -- actions ---------------------------------------------------------------------------------

    def add_reading(self) -> None:
        source = self.current_source()
        if self.workspace is None or source is None:
            return
        member = self._settings.value("entry/lastMember")
        default_member = int(member) if member not in (None, "") else None
        vm = self.workspace.reading_editor(source, None, default_member)
        self._open_reading_dialog(vm)

    def edit_reading(self) -> None:
        source = self.current_source()
        readings = self.selected_readings()
        index = self.readings_table.currentIndex()
        if self.workspace is None or source is None:
            return
        reading = None
        if index.isValid() and self.readings_model is not None:
            line = self.readings_model.reading_at(index.row())
            reading = line.reading if line is not None else None
        if reading is None and readings:
            reading = readings[0]
        if reading is None:
            return
        vm = self.workspace.reading_editor(source, reading, reading.entered_by)
        self._open_reading_dialog(vm)

    def delete_readings(self) -> None:
        source = self.current_source()
        readings = self.selected_readings()
        if self.workspace is None or source is None or not readings:
            return
        if len(readings) == 1:
            when = _format_local(readings[0].timestamp)
            question = f"Delete the reading of {when} from “{source.name}”?"
        else:
            question = f"Delete {len(readings):,} readings from “{source.name}”?"
        ids = [r.id for r in readings if r.id is not None]
        box = self._question(question, "This cannot be undone.", "Delete")
        box.accepted.connect(lambda: self._run(self.workspace.readings.delete(ids)) if self.workspace else None)
        box.open()

    def add_source(self) -> None:
        if self.workspace is None:
            return
        self._open_source_dialog(self.workspace.source_editor(None))

    def edit_source(self) -> None:
        source = self.current_source()
        if self.workspace is None or source is None:
            return
        self._open_source_dialog(self.workspace.source_editor(source))

    def toggle_archive_source(self) -> None:
        source = self.current_source()
        if self.workspace is None or source is None:
            return
        self._pending_select_source = source.id
        self._run(self.workspace.sources.set_archived(source, not source.archived))

    def delete_source(self) -> None:
        source = self.current_source()
        if self.workspace is None or source is None or source.id is None:
            return
        self._run(self.workspace.sources.count_readings(source.id))

    def show_dashboard(self) -> None:
        """The home page: a card per source (Ctrl+1)."""
        if self.workspace is None or self.sources_model is None or not self.sources_model.rowCount():
            return
        if self._shown_source_id is not None:
            self._pending_select_source = self._shown_source_id
        # Nothing selected in the sidebar, but its current row stays valid: a list given the focus
        # without one makes its first row current (which would open that source).
        row = self.sources_model.row_of(self._pending_select_source) if self._pending_select_source else None
        selection = self.source_list.selectionModel()
        self._quiet_selection = True
        try:
            selection.setCurrentIndex(self.sources_model.index(row or 0, 0), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self._quiet_selection = False
        self._stack.setCurrentIndex(PAGE_DASHBOARD)
        self._dashboard.show_summaries(self.sources_model.summaries(), self._sources_now)
        self._load_dashboard()
        self._update_actions()

    def show_readings(self) -> None:
        """The selected source's readings (Ctrl+2); from the dashboard, the source last shown."""
        self._open_source_tab(TAB_READINGS)

    def show_reports(self) -> None:
        """The selected source's reports and charts (Ctrl+3)."""
        self._open_source_tab(TAB_REPORTS)

    def open_source(self, source_id: int, tab: int = TAB_READINGS) -> None:
        """Show a source's page (a dashboard card was clicked)."""
        if self.sources_model is None:
            return
        row = self.sources_model.row_of(source_id)
        if row is None:
            return
        self._source_tabs.setCurrentIndex(tab)
        index = self.sources_model.index(row, 0)
        selection = self.source_list.selectionModel()
        if selection.currentIndex() == index and self._stack.currentIndex() == PAGE_SOURCE:
            return
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if self._stack.currentIndex() != PAGE_SOURCE:
            self._show_source(self.sources_model.summary_at(row))
        self.source_list.scrollTo(index)

    def open_meter_round(self) -> None:
        """The meter round sheet (Ctrl+R): every due meter's readings in one go."""
        if self.workspace is None:
            return
        from .meter_round import MeterRoundDialog

        vm = self.workspace.meter_round()
        member = self._settings.value("entry/lastMember")
        dialog = MeterRoundDialog(vm, self, entered_by=int(member) if member not in (None, "") else None)
        vm.saved.connect(self._on_round_saved)
        self._keep(dialog)
        dialog.open()
        dialog.start()

    def refresh(self) -> None:
        if self.workspace is None:
            return
        source = self.current_source()
        self._pending_select_source = source.id if source is not None else None
        current, model = self.readings_table.currentIndex(), self.readings_model
        line = model.reading_at(current.row()) if model is not None and current.isValid() else None
        if line is not None:
            self._pending_select_reading = line.reading.id
        self._run(self.workspace.sources.load())

    def focus_filter(self) -> None:
        if self._stack.currentIndex() == PAGE_SOURCE:
            self._source_tabs.setCurrentIndex(TAB_READINGS)
            self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.filter_edit.selectAll()

    def open_members(self) -> None:
        if self.workspace is None:
            return
        from .members_dialog import MembersDialog

        dialog = MembersDialog(self.workspace.members(), self)
        self._keep(dialog)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

    def show_about(self) -> None:
        from ..config import resolve_paths
        from .about_dialog import AboutDialog

        data_dir = self.data_dir if self.data_dir is not None else resolve_paths().data_dir
        dialog = AboutDialog(data_dir, self.workspace.location if self.workspace else None, self)
        self._keep(dialog)
        dialog.open()

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for keys, what in SHORTCUTS)
        box = QMessageBox(self)
        box.setObjectName("shortcutsDialog")
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(f"<table cellpadding='3'>{rows}</table>")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        self._keep(box)
        box.open()

    def import_readings(self, path: Path | None = None) -> None:
        """File → Import…: the import wizard on ``path``, or on a file chosen first."""
        if self.workspace is not None:
            self._run(self._open_import(path))

    async def _open_import(self, path: Path | None) -> None:
        import asyncio

        # The import service (~60 ms of imports the first time) loads in a worker thread.
        await asyncio.get_running_loop().run_in_executor(None, importlib.import_module, IMPORT_STACK)
        if self.workspace is None:
            return
        from .import_wizard import ImportWizard, ask_import_path

        if path is None:
            ask_import_path(self, self.import_readings)
            return
        wizard = ImportWizard(self.workspace.importer(path), self, current_source=self.current_source())
        wizard.imported.connect(self._on_imported)
        self._keep(wizard)
        wizard.open()

    def export_readings(self) -> None:
        """Source → Export Readings…: ask where, then export the selected source's readings."""
        source = self.current_source()
        if self.workspace is None or source is None:
            return
        from .exporting import ask_export_path

        ask_export_path(self, source, lambda path, fmt: self.export_readings_to(source, path, fmt))

    def export_readings_to(self, source: Source, path: Path, fmt: Any = None) -> None:
        """Export ``source``'s readings to ``path``, with a progress dialog if it takes a while."""
        if self.workspace is None:
            return
        from .exporting import ExportProgress, describe

        vm = self.workspace.exporter()
        vm.setParent(self)
        vm.finished.connect(lambda result: self.statusBar().showMessage(describe(result), 8000))
        vm.cancelled.connect(lambda: self.statusBar().showMessage("Export cancelled: no file was written", 8000))
        vm.error_occurred.connect(self._show_error)
        ExportProgress(vm, source, path, self)
        task = vm.spawn(vm.export(source, path, fmt))
        if task is not None:
            task.add_done_callback(lambda _t: vm.deleteLater())

    # -- Qt overrides ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.workspace is not None and _importable(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self.workspace is not None and _importable(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _importable(event.mimeData()) if self.workspace is not None else None
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_readings(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._settings.setValue("window/geometry", self.saveGeometry())
        if self._content_built:
            self._settings.setValue("window/splitter", self._splitter.saveState())
        super().closeEvent(event)

    # -- set-up ----------------------------------------------------------------------------------

    def _setup_actions(self) -> None:
        """Create the actions with their texts (shortcuts and icons come with the content)."""
        self._shortcuts: dict[QAction, Any] = {}

        def action(name: str, text: str, slot: Any, shortcut: Any = None, tip: str = "", icon: Any = None) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            if shortcut is not None:
                # Applied with the content: the first setShortcut() makes PySide build ~100 enum types.
                self._shortcuts[act] = shortcut
            if tip:
                act.setToolTip(tip)
                act.setStatusTip(tip)
            if icon is not None:
                act.setProperty("standardIcon", icon)
            act.triggered.connect(slot)
            return act

        self.actionAddReading = action(
            "actionAddReading",
            "&New Reading…",
            self.add_reading,
            QKeySequence("Ctrl+N"),
            "Record a reading of the selected source",
            "SP_FileIcon",
        )
        self.actionEditReading = action(
            "actionEditReading",
            "&Edit Reading…",
            self.edit_reading,
            [QKeySequence("Return"), QKeySequence("Enter")],
            "Edit the selected reading",
            "SP_FileDialogDetailedView",
        )
        self.actionDeleteReading = action(
            "actionDeleteReading",
            "&Delete Readings",
            self.delete_readings,
            QKeySequence.StandardKey.Delete,
            "Delete the selected readings",
            "SP_TrashIcon",
        )
        self.actionAddSource = action(
            "actionAddSource",
            "New &Source…",
            self.add_source,
            QKeySequence("Ctrl+Shift+N"),
            "Add a meter or sensor",
            "SP_FileDialogNewFolder",
        )
        self.actionEditSource = action(
            "actionEditSource",
            "Edit Source…",
            self.edit_source,
            QKeySequence("Ctrl+E"),
            "Edit the selected source and its metrics",
        )
        self.actionArchiveSource = action(
            "actionArchiveSource",
            "Archive Source",
            self.toggle_archive_source,
            None,
            "Hide a source you no longer read, keeping its readings",
        )
        self.actionDeleteSource = action(
            "actionDeleteSource",
            "Delete Source…",
            self.delete_source,
            None,
            "Delete the selected source with all its readings",
        )
        self.actionRefresh = action(
            "actionRefresh",
            "&Refresh",
            self.refresh,
            QKeySequence("F5"),
            "Read everything again",
            "SP_BrowserReload",
        )
        self.actionFilter = action(
            "actionFilter",
            "&Filter Readings",
            self.focus_filter,
            QKeySequence("Ctrl+F"),
            "Filter the readings by note text or date",
        )
        self.actionMembers = action(
            "actionMembers", "Household &Members…", self.open_members, None, "Who reads the meters"
        )
        self.actionSampleData = action(
            "actionSampleData",
            "Explore &Sample Data",
            self.sample_data_requested.emit,
            None,
            "Open a made-up household in its own file",
        )
        self.actionOwnData = action(
            "actionOwnData",
            "Back to &My Data",
            self.own_data_requested.emit,
            None,
            "Leave the sample household",
        )
        self.actionDashboard = action(
            "actionDashboard",
            "&Dashboard",
            self.show_dashboard,
            QKeySequence("Ctrl+1"),
            "Every meter at a glance: last reading, this month, cost and projection",
            "SP_DirHomeIcon",
        )
        self.actionShowReadings = action(
            "actionShowReadings", "&Readings", self.show_readings, QKeySequence("Ctrl+2"), "The source's readings"
        )
        self.actionShowReports = action(
            "actionShowReports",
            "Re&ports and Charts",
            self.show_reports,
            QKeySequence("Ctrl+3"),
            "Consumption and cost per period, with charts",
        )
        self.actionMeterRound = action(
            "actionMeterRound",
            "Meter &Round…",
            self.open_meter_round,
            QKeySequence("Ctrl+R"),
            "Enter the readings of every due meter in one sheet",
            "SP_FileDialogListView",
        )
        self.actionMeterRound.setIconText("Meter Round")
        self.actionImport = action(
            "actionImport",
            "&Import…",
            lambda: self.import_readings(),
            QKeySequence("Ctrl+I"),
            "Import readings from a CSV or Excel file",
        )
        self.actionExportReadings = action(
            "actionExportReadings",
            "E&xport Readings…",
            self.export_readings,
            None,
            "Save the selected source's readings as CSV or JSON",
        )
        self.actionBackupNow = action(
            "actionBackupNow",
            "&Back Up Now",
            self.backup_requested.emit,
            None,
            "Copy your data into the backups folder now",
        )
        self.actionRestore = action(
            "actionRestore",
            "&Restore from Backup…",
            self.restore_requested.emit,
            None,
            "Replace your data with a backup (your current data is kept as a backup first)",
        )
        self.actionQuit = action("actionQuit", "&Quit", self.close, QKeySequence("Ctrl+Q"))
        self.actionAbout = action("actionAbout", f"&About {APP_NAME}", self.show_about)
        self.actionShortcuts = action("actionShortcuts", "&Keyboard Shortcuts", self.show_shortcuts, QKeySequence("F1"))
        self.actionShowArchived = action("actionShowArchived", "Show &Archived Sources", self._on_show_archived_toggled)
        self.actionShowArchived.setCheckable(True)
        self.actionAddReading.setIconText("New Reading")
        self.actionAddSource.setIconText("New Source")

    def _actions(self) -> list[QAction]:
        """The window's own actions (not the menus' ones)."""
        return [a for a in self.findChildren(QAction) if a.objectName().startswith("action")]

    def _setup_toolbar(self) -> None:
        self._toolbar = toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.actionDashboard)
        toolbar.addSeparator()
        for act in (self.actionAddReading, self.actionEditReading, self.actionDeleteReading):
            toolbar.addAction(act)
        toolbar.addAction(self.actionMeterRound)
        toolbar.addSeparator()
        toolbar.addAction(self.actionAddSource)
        toolbar.addAction(self.actionRefresh)

    def _finish_actions(self) -> None:
        """Shortcuts, icons and the toolbar's style: what needs the content's modules."""
        for act, shortcut in self._shortcuts.items():
            if isinstance(shortcut, list):
                act.setShortcuts(shortcut)
            else:
                act.setShortcut(shortcut)
        style = self.style()
        for act in self._actions():
            name = act.property("standardIcon")
            if name:
                act.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, name)))
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._toolbar.setIconSize(QSize(18, 18))
        # Enter and Delete act on the table only: in the filter box they keep their usual meaning.
        for act in (self.actionEditReading, self.actionDeleteReading):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _setup_ui(self) -> None:

        # Sidebar.
        self.source_list = QListView()
        self.source_list.setObjectName("sourceList")
        self.source_list.setAccessibleName("Sources")
        self.source_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.source_list.setUniformItemSizes(True)
        self.source_list.setMinimumWidth(220)
        self.source_list.setFrameShape(QFrame.Shape.NoFrame)
        self.source_list.doubleClicked.connect(lambda _i: self.edit_source())
        self.source_list.clicked.connect(self._on_source_list_clicked)
        from .source_delegate import SourceItemDelegate

        self.source_list.setItemDelegate(SourceItemDelegate(self.source_list))
        add_source_button = QPushButton("New source…")
        add_source_button.setObjectName("sidebarAddSource")
        add_source_button.clicked.connect(self.add_source)
        sidebar = QWidget()
        sidebar_layout = QVBoxLayout(sidebar)
        sidebar_layout.setContentsMargins(0, 0, 0, 8)
        self._dashboard_button = QToolButton()
        self._dashboard_button.setObjectName("dashboardButton")
        self._dashboard_button.setText("Dashboard")
        self._dashboard_button.setToolTip("Every meter at a glance (Ctrl+1)")
        self._dashboard_button.setIcon(self.actionDashboard.icon())
        self._dashboard_button.clicked.connect(lambda _checked: self.show_dashboard())
        self._dashboard_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._dashboard_button.setAutoRaise(True)
        self._dashboard_button.setCheckable(True)
        self._dashboard_button.setIconSize(QSize(20, 20))
        self._dashboard_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._dashboard_button.setMinimumHeight(34)
        dashboard_font = self._dashboard_button.font()
        dashboard_font.setBold(True)
        self._dashboard_button.setFont(dashboard_font)
        sidebar_layout.addWidget(self._dashboard_button)
        caption = QLabel("Meters and sensors")
        caption.setContentsMargins(10, 8, 8, 2)
        caption_font = caption.font()
        caption_font.setBold(True)
        caption.setFont(caption_font)
        sidebar_layout.addWidget(caption)
        sidebar_layout.addWidget(self.source_list, 1)
        button_row = QHBoxLayout()
        button_row.setContentsMargins(8, 0, 8, 0)
        button_row.addWidget(add_source_button)
        button_row.addStretch()
        sidebar_layout.addLayout(button_row)
        sidebar_layout.setSpacing(4)

        # Right side: banner + pages.
        self.banner = Banner()
        self._sample_bar = Banner()
        self._sample_bar.setObjectName("sampleBanner")
        self._stack = QStackedWidget()
        self._stack.setObjectName("pages")
        loading = QWidget()
        self._loading_label = QLabel("Opening your data…")
        self._loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._loading_label.setWordWrap(True)
        QVBoxLayout(loading).addWidget(self._loading_label)
        self._welcome = None
        self._welcome_slot = QWidget()  # replaced by the welcome page the first time it is needed
        nothing = QWidget()
        nothing.setObjectName("nothingPage")
        self._nothing_label = QLabel("Select a meter or sensor on the left.")
        self._nothing_label.setObjectName("nothingLabel")
        self._nothing_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._nothing_label.setWordWrap(True)
        self._nothing_label.setEnabled(False)
        QVBoxLayout(nothing).addWidget(self._nothing_label)
        self._stack.addWidget(loading)
        self._stack.addWidget(self._welcome_slot)
        self._stack.addWidget(self._build_source_page())
        self._stack.addWidget(nothing)
        self._dashboard = DashboardPage()
        self._dashboard.source_activated.connect(self.open_source)
        self._dashboard.meter_round_clicked.connect(self.open_meter_round)
        self._stack.addWidget(self._dashboard)
        self._stack.currentChanged.connect(self._on_page_changed)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 8, 8, 0)
        right_layout.addWidget(self._sample_bar)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self._stack, 1)

        self._splitter = QSplitter()
        self._splitter.setObjectName("mainSplitter")
        self._splitter.addWidget(sidebar)
        self._splitter.addWidget(right)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([260, 840])
        self._splitter.setChildrenCollapsible(False)
        state = self._settings.value("window/splitter")
        if state is not None:
            self._splitter.restoreState(state)
        self.setCentralWidget(self._splitter)

        self._progress = QProgressBar()
        self._progress.setRange(0, 0)
        self._progress.setMaximumWidth(120)
        self._progress.setMaximumHeight(14)
        self._progress.setTextVisible(False)
        self._progress.hide()
        self.statusBar().addPermanentWidget(self._progress)
        self._sample_bar.closed.connect(lambda: None)

    def _build_source_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("sourcePage")
        self._source_icon = QLabel()
        self._source_title = QLabel()
        self._source_title.setObjectName("sourceTitle")
        title_font = self._source_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self._source_title.setFont(title_font)
        self._source_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._source_details = QLabel()
        self._source_details.setEnabled(False)
        self._source_details.setWordWrap(True)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self._source_title)
        titles.addWidget(self._source_details)
        edit_button = QPushButton("Edit source…")
        edit_button.clicked.connect(self.edit_source)
        header = QHBoxLayout()
        header.addWidget(self._source_icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(titles, 1)
        header.addWidget(edit_button, 0, Qt.AlignmentFlag.AlignTop)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText("Filter: text in the note, or a date like 2025, 2025-03 or 2025-03-14")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter readings")
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self._count_label = QLabel()
        self._count_label.setObjectName("readingCount")
        self._count_label.setEnabled(False)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self._count_label)

        self.readings_table = QTableView()
        self.readings_table.setObjectName("readingsTable")
        self.readings_table.setAccessibleName("Readings")
        self.readings_table.addAction(self.actionEditReading)
        self.readings_table.addAction(self.actionDeleteReading)
        self.readings_table.doubleClicked.connect(lambda _i: self.edit_reading())
        self._empty_label = QLabel()
        self._empty_label.setObjectName("emptyReadings")
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_label.setWordWrap(True)
        self._empty_label.setEnabled(False)
        self._table_stack = QStackedWidget()
        self._table_stack.addWidget(self.readings_table)
        self._table_stack.addWidget(self._empty_label)

        readings_tab = QWidget()
        readings_tab.setObjectName("readingsTab")
        readings_layout = QVBoxLayout(readings_tab)
        readings_layout.setContentsMargins(0, 6, 0, 0)
        readings_layout.addLayout(filter_row)
        readings_layout.addWidget(self._table_stack, 1)
        self._reports_slot: QWidget = _reports_placeholder()  # replaced by the Reports page when first shown
        self._source_tabs = QTabWidget()
        self._source_tabs.setObjectName("sourceTabs")
        self._source_tabs.setDocumentMode(True)
        self._source_tabs.addTab(readings_tab, "Readings")
        self._source_tabs.addTab(self._reports_slot, "Reports and charts")
        self._source_tabs.setTabToolTip(TAB_READINGS, "Every reading of the source (Ctrl+2)")
        self._source_tabs.setTabToolTip(TAB_REPORTS, "Consumption and cost per period, with charts (Ctrl+3)")
        self._source_tabs.currentChanged.connect(self._on_source_tab_changed)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addSpacing(4)
        layout.addWidget(self._source_tabs, 1)
        return page

    def _setup_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.actionSampleData)
        file_menu.addAction(self.actionOwnData)
        file_menu.addSeparator()
        file_menu.addAction(self.actionImport)
        file_menu.addSeparator()
        file_menu.addAction(self.actionBackupNow)
        file_menu.addAction(self.actionRestore)
        file_menu.addSeparator()
        file_menu.addAction(self.actionMembers)
        file_menu.addSeparator()
        file_menu.addAction(self.actionQuit)
        source_menu = bar.addMenu("&Source")
        for act in (
            self.actionAddSource,
            self.actionEditSource,
            self.actionArchiveSource,
            self.actionDeleteSource,
        ):
            source_menu.addAction(act)
        source_menu.addSeparator()
        source_menu.addAction(self.actionExportReadings)
        reading_menu = bar.addMenu("&Reading")
        for act in (self.actionAddReading, self.actionEditReading, self.actionDeleteReading):
            reading_menu.addAction(act)
        reading_menu.addAction(self.actionMeterRound)
        reading_menu.addSeparator()
        reading_menu.addAction(self.actionFilter)
        view_menu = bar.addMenu("&View")
        for act in (self.actionDashboard, self.actionShowReadings, self.actionShowReports):
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.actionRefresh)
        view_menu.addAction(self.actionShowArchived)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.actionShortcuts)
        help_menu.addAction(self.actionAbout)

    # -- view-model signals ----------------------------------------------------------------------

    def _on_sources_loaded(self, summaries: list[SourceSummary], now: datetime) -> None:
        assert self.sources_model is not None and self.workspace is not None
        current = self.current_source()
        wanted = self._pending_select_source or (current.id if current is not None else None)
        self._sources_now = now
        on_dashboard = self._stack.currentIndex() == PAGE_DASHBOARD
        open_dashboard, self._open_on_dashboard = self._open_on_dashboard, False
        open_source, self._open_pending_source = self._open_pending_source, False
        if summaries and (open_dashboard or (on_dashboard and not open_source)):
            # The home page: the sidebar lists the sources, none selected; the source to show on
            # Ctrl+2 (remembered, or shown before) stays pending.
            self.sources_model.set_summaries(summaries, now)
            self._pending_select_source = wanted
            self.show_dashboard()
            if open_dashboard and self.workspace.readings.source is None:
                # The readings behind Ctrl+2 load meanwhile (the start-up snapshot has them already).
                row = self.sources_model.row_of(wanted) if wanted is not None else None
                summary = self.sources_model.summary_at(row or 0)
                if summary is not None and summary.source.id is not None:
                    self._pending_select_source = summary.source.id
                    self._primed_source = summary.source.id
                    self._run(self.workspace.readings.load(summary.source))
                    return  # the first data is shown when they are there
            self._first_data()
            return
        self._pending_select_source = None
        self.sources_model.set_summaries(summaries, now)
        if not summaries:
            if self.workspace.sources.archived_hidden:
                self._nothing_label.setText(ALL_ARCHIVED_TEXT)
                self._stack.setCurrentIndex(PAGE_NOTHING)
            else:
                self._show_welcome()
            self._run(self.workspace.readings.load(None))
            self._first_data()
            self._update_actions()
            return
        row = self.sources_model.row_of(wanted) if wanted is not None else None
        if row is None:
            row = 0
        index = self.sources_model.index(row, 0)
        selection = self.source_list.selectionModel()
        previous = selection.currentIndex()
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if previous.isValid() and previous.row() == row:
            # Same row: currentChanged does not fire, but the source itself may have changed.
            self._show_source(self.sources_model.summary_at(row))
        self.source_list.scrollTo(index)

    def _on_source_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.sources_model is None or not current.isValid() or self._quiet_selection:
            return
        self._show_source(self.sources_model.summary_at(current.row()))

    def _on_source_list_clicked(self, index: QModelIndex) -> None:
        # From the dashboard a click on the current (unselected) row changes no current index.
        if self.sources_model is None or not index.isValid() or self._stack.currentIndex() == PAGE_SOURCE:
            return
        summary = self.sources_model.summary_at(index.row())
        if summary is not None and summary.source.id is not None:
            self.open_source(summary.source.id)

    def _show_source(self, summary: SourceSummary | None) -> None:
        if summary is None or self.workspace is None:
            return
        source = summary.source
        self._shown_source_id = source.id
        if source.id is not None:
            remember_source(self.workspace.location, source.id)
        self._source_icon.setPixmap(category_icon(source.category).pixmap(40, 40))
        name = source.name + ("  (archived)" if source.archived else "")
        self._source_title.setText(name)
        self._source_title.setToolTip(source.name)
        details = [source.category.label]
        if source.interval_days:
            details.append("read every day" if source.interval_days == 1 else f"read every {source.interval_days} days")
        details.append(", ".join(m.label for m in source.metrics))
        if source.description:
            details.append(source.description)
        self._source_details.setText(" · ".join(details))
        self.actionArchiveSource.setText("Unarchive Source" if source.archived else "Archive Source")
        shown = self.workspace.readings.source
        if self.filter_edit.text() and (shown is None or shown.id != source.id):
            self._filter_timer.stop()
            self.filter_edit.blockSignals(True)
            self.filter_edit.clear()
            self.filter_edit.blockSignals(False)
            self._run(self.workspace.readings.set_filter_text(""))
        self._stack.setCurrentIndex(PAGE_SOURCE)
        if self._reports_page is not None:
            self._reports_page.set_source(source, load=self._source_tabs.currentIndex() == TAB_REPORTS)
        if self._primed_source is not None and self._primed_source == source.id:
            self._primed_source = None  # the start-up snapshot shows it already: no second load
        else:
            self._primed_source = None  # another source first: the primed one is no longer what the table holds
            self._run(self.workspace.readings.load(source))
        self._update_actions()

    def _on_readings_reset(self, source: Source | None, total: int) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        filtered = not workspace.readings.filter.is_empty
        if source is None or (total == 0 and not filtered):
            self._count_label.clear()  # the empty page says it already
        elif filtered:
            self._count_label.setText(f"{total:,} matching")
        else:
            self._count_label.setText("1 reading" if total == 1 else f"{total:,} readings")
        if source is not None and total == 0:
            if filtered:
                self._empty_label.setText("No readings match the filter.")
            else:
                self._empty_label.setText(
                    f"No readings of “{source.name}” yet.\n\nPress Ctrl+N or “New Reading” to record the first one."
                )
            self._table_stack.setCurrentIndex(1)
        else:
            self._table_stack.setCurrentIndex(0)
        if self._pending_select_reading is not None:
            reading_id, self._pending_select_reading = self._pending_select_reading, None
            self._run(self._select_reading(reading_id))
        elif total and self.readings_model is not None and not self.readings_table.currentIndex().isValid():
            # The first row is selected, so Enter and Delete work without a click first.
            self.readings_table.selectionModel().setCurrentIndex(
                self.readings_model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._first_data()
        self._update_actions()

    def _on_readings_deleted(self, count: int) -> None:
        self.statusBar().showMessage("1 reading deleted" if count == 1 else f"{count:,} readings deleted", 5000)
        if self.workspace is not None:
            self._run(self.workspace.sources.load())

    def _on_source_deleted(self, _source_id: int, count: int) -> None:
        readings = "1 reading" if count == 1 else f"{count:,} readings"
        self.statusBar().showMessage(f"Source deleted with {readings}", 5000)

    def _confirm_delete_source(self, source_id: int, count: int) -> None:
        source = self.current_source()
        if source is None or source.id != source_id or self.workspace is None:
            return
        if count:
            readings = "its only reading" if count == 1 else f"its {count:,} readings"
            question = f"Delete “{source.name}” and {readings}?"
        else:
            question = f"Delete “{source.name}”? It has no readings."
        box = self._question(
            question,
            "This cannot be undone. To keep the readings but hide the source, archive it instead.",
            "Delete",
        )
        box.setObjectName("confirmDeleteSource")
        box.accepted.connect(lambda: self._run(self.workspace.sources.delete(source_id)) if self.workspace else None)
        box.open()

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self._busy = max(0, self._busy + (1 if busy else -1))
        self._progress.setVisible(self._busy > 0)

    def _show_error(self, message: str) -> None:
        self.banner.show_message(message, "error")

    # -- helpers ---------------------------------------------------------------------------------

    def _on_show_archived_toggled(self, checked: bool) -> None:
        if self.workspace is not None:
            self._run(self.workspace.sources.set_show_archived(checked))

    def _apply_filter(self) -> None:
        if self.workspace is not None:
            self._run(self.workspace.readings.set_filter_text(self.filter_edit.text()))

    def _open_reading_dialog(self, vm: Any) -> None:
        from .reading_dialog import ReadingDialog

        dialog = ReadingDialog(vm, self)
        vm.saved.connect(self._on_reading_saved)
        self._keep(dialog)
        dialog.open()

    def _on_reading_saved(self, reading: Reading) -> None:
        if reading.entered_by is not None:
            self._settings.setValue("entry/lastMember", reading.entered_by)
        self.statusBar().showMessage("Reading saved", 5000)
        self._pending_select_reading = reading.id
        if self.workspace is not None:
            # Reloading the sources (last reading in the sidebar) reloads this source's readings too,
            # and the dashboard or the reports, whichever is shown.
            self._run(self.workspace.sources.load())
            self._refresh_reports()

    def _open_source_dialog(self, vm: Any) -> None:
        from .source_dialog import SourceDialog

        dialog = SourceDialog(vm, self)
        vm.saved.connect(self._on_source_saved)
        self._keep(dialog)
        dialog.open()

    def _on_imported(self, source_id: int, message: str) -> None:
        """An import was committed: show its source, reloaded."""
        self.statusBar().showMessage(message, 8000)
        self._pending_select_source = source_id
        if self.workspace is not None:
            self._run(self.workspace.sources.load())

    def _on_source_saved(self, source: Source) -> None:
        self.statusBar().showMessage(f"“{source.name}” saved", 5000)
        self._pending_select_source = source.id
        self._open_pending_source = True
        if self.workspace is not None:
            self._run(self.workspace.sources.load())

    def _on_round_saved(self, readings: list[Reading]) -> None:
        count = len(readings)
        self.statusBar().showMessage("1 reading saved" if count == 1 else f"{count} readings saved", 5000)
        if self.workspace is not None:
            self._run(self.workspace.sources.load())
            self._refresh_reports()

    def _load_dashboard(self) -> None:
        """(Re)compute the dashboard's cards in the background."""
        if self.workspace is None:
            return
        if self._dashboard_vm is None:
            vm = self._dashboard_vm = self.workspace.dashboard()
            vm.cards_loaded.connect(self._dashboard.set_cards)
            vm.busy_changed.connect(self._dashboard.set_busy)  # its own indicator: it may work while hidden
            vm.error_occurred.connect(self._show_error)
        self._dashboard_vm.request()

    def _open_source_tab(self, tab: int) -> None:
        if self.workspace is None or self.sources_model is None or not self.sources_model.rowCount():
            return
        if self._stack.currentIndex() == PAGE_SOURCE:
            self._source_tabs.setCurrentIndex(tab)
            return
        wanted = self._pending_select_source or self._shown_source_id
        row = self.sources_model.row_of(wanted) if wanted is not None else None
        summary = self.sources_model.summary_at(row if row is not None else 0)
        if summary is not None and summary.source.id is not None:
            self.open_source(summary.source.id, tab)

    def _on_source_tab_changed(self, tab: int) -> None:
        if tab == TAB_REPORTS:
            if self._reports_page is None:
                self._run(self._build_reports_page())
            else:
                source = self.current_source()
                if source is not None:
                    self._reports_page.set_source(source, load=True)
        self._update_actions()

    async def _build_reports_page(self) -> None:
        """Import the Reports page (numpy with it) in a worker thread, then build and show it."""
        import asyncio

        await asyncio.to_thread(importlib.import_module, "homelog_desktop.views.reports_page")
        if self.workspace is None or self._reports_page is not None:
            return
        page = self._ensure_reports_page()
        source = self.current_source()
        if page is not None and source is not None and self._source_tabs.currentIndex() == TAB_REPORTS:
            page.set_source(source, load=True)

    def _ensure_reports_page(self) -> Any:
        """The Reports page, built (with its view model) the first time it is shown."""
        if self._reports_page is None and self.workspace is not None:
            from .reports_page import ReportsPage

            vm = self.workspace.reports()
            vm.error_occurred.connect(self._show_error)
            page = ReportsPage(vm)
            index = self._source_tabs.indexOf(self._reports_slot)
            current = self._source_tabs.currentIndex()
            self._source_tabs.blockSignals(True)
            self._source_tabs.removeTab(index)
            self._source_tabs.insertTab(TAB_REPORTS, page, "Reports and charts")
            self._source_tabs.setTabToolTip(TAB_REPORTS, "Consumption and cost per period, with charts (Ctrl+3)")
            self._source_tabs.setCurrentIndex(current)
            self._source_tabs.blockSignals(False)
            self._reports_slot.deleteLater()
            self._reports_slot = page
            self._reports_page = page
        return self._reports_page

    def _drop_reports_page(self) -> None:
        """Forget the Reports page of an unbound workspace (its view model is closed with it)."""
        page, self._reports_page = self._reports_page, None
        if page is None:
            return
        slot = _reports_placeholder()
        index = self._source_tabs.indexOf(page)
        self._source_tabs.blockSignals(True)
        current = self._source_tabs.currentIndex()
        self._source_tabs.removeTab(index)
        self._source_tabs.insertTab(TAB_REPORTS, slot, "Reports and charts")
        self._source_tabs.setCurrentIndex(current)
        self._source_tabs.blockSignals(False)
        self._reports_slot = slot
        page.deleteLater()

    def _refresh_reports(self) -> None:
        page = self._reports_page
        if page is not None:
            page.refresh(
                load=self._stack.currentIndex() == PAGE_SOURCE and self._source_tabs.currentIndex() == TAB_REPORTS
            )

    def _on_page_changed(self, page: int) -> None:
        if page != PAGE_DASHBOARD and self._dashboard_vm is not None:
            self._dashboard_vm.cancel()  # not shown: computed again when it is
        if self._content_built:
            self._dashboard_button.setChecked(page == PAGE_DASHBOARD)
        self._update_actions()

    async def _select_reading(self, reading_id: int) -> None:
        if self.workspace is None:
            return
        readings = self.workspace.readings
        row = await readings.row_of(reading_id)
        if row is None or self.readings_model is None or row >= self.readings_model.rowCount():
            return
        index = self.readings_model.index(row, 0)
        self.readings_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.readings_table.scrollTo(index)

    def _question(self, text: str, informative: str, accept_text: str) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText(text)
        box.setInformativeText(informative)
        yes = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName(box.objectName() or "confirmDialog")
        yes.setObjectName("confirmButton")
        self._keep(box)
        return box

    def _keep(self, dialog: QDialog) -> None:
        """Keep a reference to a non-blocking dialog until it closes."""
        self._dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)

    def _run(self, coro: Any) -> None:
        """Start a view-model coroutine from a Qt slot; errors reach the global handler."""
        if self.workspace is None:
            coro.close()
            return
        self.workspace.sources.spawn(coro)

    def _first_data(self) -> None:
        if not self._first_data_done:
            self._first_data_done = True
            self.first_data_shown.emit()

    def _update_actions(self, *_args: Any) -> None:
        if not self._content_built:
            return
        bound = self.workspace is not None
        source = self.current_source() if bound else None
        on_source = source is not None and self._stack.currentIndex() == PAGE_SOURCE
        on_readings = on_source and self._source_tabs.currentIndex() == TAB_READINGS
        has_selection = bool(self.selected_readings()) if on_readings else False
        self.actionAddReading.setEnabled(on_source)
        self.actionEditReading.setEnabled(on_readings and has_selection)
        self.actionDeleteReading.setEnabled(on_readings and has_selection)
        has_sources = bound and self.sources_model is not None and self.sources_model.rowCount() > 0
        for act in (self.actionDashboard, self.actionShowReadings, self.actionShowReports, self.actionMeterRound):
            act.setEnabled(has_sources)
        self._dashboard_button.setChecked(self._stack.currentIndex() == PAGE_DASHBOARD)
        for act in (
            self.actionEditSource,
            self.actionArchiveSource,
            self.actionDeleteSource,
            self.actionExportReadings,
        ):
            act.setEnabled(on_source)
        for act in (
            self.actionAddSource,
            self.actionRefresh,
            self.actionMembers,
            self.actionShowArchived,
            self.actionImport,
        ):
            act.setEnabled(bound)
        self.actionFilter.setEnabled(on_source)
        self.actionBackupNow.setEnabled(bound and self.workspace is not None and not self.workspace.is_sample)
        self.actionRestore.setEnabled(True)

    def remembered_source(self, location: str) -> int | None:
        """The source last selected in the data at ``location`` (remembered across runs)."""
        return remembered_source(location)


def _reports_placeholder() -> QLabel:
    label = QLabel("Preparing the reports…")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setEnabled(False)
    return label


#: The import's view model and service, imported in a worker thread before the wizard opens.
IMPORT_STACK = "homelog_desktop.viewmodels.importing"
#: What dropping a file on the window imports.
IMPORT_SUFFIXES = (".csv", ".xlsx", ".txt", ".tsv")


def _importable(mime: Any) -> Path | None:
    """The first local file among ``mime``'s URLs that the import wizard reads, if any."""
    from pathlib import Path

    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMPORT_SUFFIXES:
                return path
    return None


def _format_local(moment: datetime) -> str:
    from PySide6.QtCore import QDateTime, QLocale

    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)
