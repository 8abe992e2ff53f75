"""The main window's frame: menus, toolbar, sidebar, banners and pages; start-up in steps; binding
to a workspace; and showing the location the navigation view model decides.

What each action does is in commands.py; the sidebar and the source page refresh themselves when
the workspace's data changes (viewmodels/changes.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from ... import APP_NAME
from ...i18n import QT_TRANSLATE_NOOP, translate
from ..icons import app_icon
from ..selection import remember_source, remembered_source
from .actions import SPECS, Act, create_actions, finish_actions, fit_toolbar
from .commands import WindowCommands
from .dialogs import DialogKeeper, importable

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QLineEdit, QListView, QStackedWidget, QTableView, QWidget

    from ...db.snapshot import Snapshot
    from ...domain.entities import Source, SourceSummary
    from ...viewmodels.changes import DataChange
    from ...viewmodels.dashboard import DashboardViewModel
    from ...viewmodels.navigation import Location, NavigationViewModel
    from ...viewmodels.workspace import Workspace
    from ..dashboard import DashboardPage
    from ..models.readings import ReadingsTableModel
    from ..models.sources import SourcesListModel
    from ..tray import TrayReminders
    from ..welcome import WelcomePage
    from ..widgets import Banner
    from .prompts import Prompts
    from .sidebar import Sidebar
    from .source_page import SourcePage

#: Shown above the pages while the sample household is open.
SAMPLE_TEXT = QT_TRANSLATE_NOOP(
    "MainWindow", "A made-up sample household: try anything, your data is not touched (File → Back to My Data)."
)
#: Shown instead of the welcome page when every source is archived and archived ones are hidden.
ALL_ARCHIVED_TEXT = QT_TRANSLATE_NOOP(
    "MainWindow",
    "All your meters and sensors are archived.\n\n"
    "View → Show Archived Sources lists them again; “New source…” adds another.",
)

#: Modules the content needs beyond the first frame, imported by content_steps() a group at a time
#: (each group well under 50 ms; every step costs a round of event handling, so not one per module).
CONTENT_MODULES: tuple[tuple[str, ...], ...] = (
    ("homelog_desktop.views.icons", "homelog_desktop.views.widgets", "homelog_desktop.views.welcome"),
    ("homelog_desktop.views.source_delegate", "homelog_desktop.views.models.sources"),
    ("homelog_desktop.views.models.readings",),
    ("homelog_desktop.views.dashboard",),
    (
        "homelog_desktop.viewmodels.navigation",
        "homelog_desktop.views.main.sidebar",
        "homelog_desktop.views.main.source_page",
        "homelog_desktop.views.main.frame",
    ),
)


def _import(*modules: str) -> Callable[[], object]:
    """A step that imports ``modules``."""

    def step() -> None:
        for name in modules:
            importlib.import_module(name)

    return step


def _warm(module: str, *names: str) -> Callable[[], object]:
    """A step that makes PySide6 create ``names`` of ``module`` (each type is built on first access)."""

    def step() -> None:
        loaded = importlib.import_module(module)
        for name in names:
            getattr(loaded, name)

    return step


class MainWindow(WindowCommands, QMainWindow):
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
    #: File → Connect to a Shared Database…, Open My Local File, Switch Member…, Sign Out.
    connect_requested = Signal()
    local_data_requested = Signal()
    switch_member_requested = Signal()
    sign_out_requested = Signal()
    #: File → Move to a Shared Server… (the composition root knows the data file).
    move_requested = Signal()
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
        #: Who is signed in (their name; None: nobody signs in to this data), and the server if any.
        self.identity: str | None = None
        #: Nobody is signed in and no data is shown (Cancel on the sign-in dialog): File → Sign In… asks again.
        self.signed_out = False
        self._identity_admin = False
        self._server: str | None = None
        self._identity_label: QLabel | None = None
        #: The data folder (set by the app; Help → About shows it and opens it).
        self.data_dir: Path | None = None
        #: Where the window is (built with the content: viewmodels/navigation.py).
        self.navigation: NavigationViewModel
        self.dialogs = DialogKeeper()
        self._prompts: Prompts | None = None
        self._settings = QSettings()
        self._busy = 0
        self._first_data_done = False
        #: A file a second start (or the command line) asked to import before the data was bound.
        self._pending_import: Path | None = None
        #: The tray icon and reminders of due meters (made when the household's own data is bound).
        self.reminders: TrayReminders | None = None
        #: The source whose readings the start-up snapshot shows: showing it need not load them again.
        self._primed_source: int | None = None
        self._content_built = False
        self._dashboard_vm: DashboardViewModel | None = None
        self._sources_now: datetime | None = None
        self._welcome: WelcomePage | None = None
        # The first frame is light (menus, toolbar, a line of text); build_content() adds the rest
        # right after it has painted, or when bind() needs it.
        self._actions, self._toolbar = create_actions(self, self._slots())
        self.setAcceptDrops(True)
        self._placeholder = QLabel(translate("MainWindow", "   Opening your data…"))
        self.setCentralWidget(self._placeholder)
        for act, action in self._actions.items():
            action.setEnabled(act == Act.QUIT)
        self._actions[Act.LOCAL_DATA].setVisible(False)  # only while on a server
        # No fixed minimum: the content's own (well under 800×600; pages scroll where space runs out).
        self.resize(1200, 720)
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- what tests and the composition root look at ---------------------------------------------

    @property
    def sources_model(self) -> SourcesListModel | None:
        return self.sidebar.model if self._content_built else None

    @property
    def readings_model(self) -> ReadingsTableModel | None:
        return self.source_page.readings_model if self._content_built else None

    @property
    def readings_table(self) -> QTableView:
        return self.source_page.table

    @property
    def filter_edit(self) -> QLineEdit:
        return self.source_page.filter_edit

    @property
    def source_list(self) -> QListView:
        return self.sidebar.source_list

    @property
    def welcome(self) -> WelcomePage:
        """The welcome page, built the first time it is needed (most starts never show it)."""
        from ...viewmodels.navigation import Page

        self.build_content()
        if self._welcome is None:
            from ..welcome import WelcomePage

            page = WelcomePage()
            page.add_source_clicked.connect(self.add_source)
            page.sample_clicked.connect(self.sample_data_requested)
            current = self._stack.currentIndex()
            slot = self._stack.widget(Page.WELCOME)
            assert slot is not None
            self._stack.removeWidget(slot)
            slot.deleteLater()
            self._stack.insertWidget(Page.WELCOME, page)
            self._stack.setCurrentIndex(current)
            self._welcome = page
            self._prepare_welcome(page)
        return self._welcome

    @property
    def prompts(self) -> Prompts:
        """What the composition root asks or tells the user (it builds no widget itself)."""
        if self._prompts is None:
            from .prompts import Prompts

            self._prompts = Prompts(self)
        return self._prompts

    def action(self, act: Act) -> QAction:
        """The window's action ``act``."""
        return self._actions[act]

    def current_source(self) -> Source | None:
        workspace = self.workspace
        return workspace.readings.source if workspace is not None else None

    def remembered_source(self, location: str) -> int | None:
        """The source last selected in the data at ``location`` (remembered across runs)."""
        return remembered_source(location)

    # -- start-up --------------------------------------------------------------------------------

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
            _warm("PySide6.QtCore", "QItemSelectionModel", "QModelIndex", "QSize", "Qt", "QTimer"),
            _warm("PySide6.QtWidgets", "QSplitter", "QStackedWidget", "QTableView", "QListView", "QStyle"),
            *(_import(*group) for group in CONTENT_MODULES),
            self._finish_content,
        ]

    def _finish_content(self) -> None:
        if self._content_built:
            return
        from ...viewmodels.navigation import NavigationViewModel
        from .frame import build_frame

        self.navigation = NavigationViewModel(self)
        self.navigation.moved.connect(lambda new, _old: self._show_location(new))
        finish_actions(self._actions, self._toolbar)
        build_frame(self)
        fit_toolbar(self._toolbar, self.width())
        self._content_built = True
        for act in (Act.ABOUT, Act.SHORTCUTS, Act.SETTINGS, Act.SAMPLE_DATA, Act.OWN_DATA, Act.CONNECT, Act.LOCAL_DATA):
            self._actions[act].setEnabled(True)
        self._update_actions()

    def show_loading(self, text: str) -> None:
        if not self._content_built:
            self._placeholder.setText(f"   {text}")
            return
        self._loading_label.setText(text)
        self._stack.setCurrentIndex(0)  # Page.LOADING

    def show_signed_out(self, where: str) -> None:
        """Nobody signed in (the sign-in dialog was cancelled): the window stays, shows no data, and
        File → Sign In… (Switch Member's place) asks again."""
        self.build_content()
        self._set_signed_out(True)
        self.set_identity(None)  # (updates the actions)
        self.show_loading(
            translate(
                "MainWindow",
                "Not signed in to {where}.\n\nFile → Sign In… asks who you are again; File → Quit ends Home Log.",
            ).format(where=where)
        )

    def _set_signed_out(self, signed_out: bool) -> None:
        """Switch Member's action reads Sign In… while nobody is signed in (the caller updates the actions)."""
        self.signed_out = signed_out
        action = self.action(Act.SWITCH_MEMBER)
        action.setText(
            translate("MainWindow", "Sign &In…") if signed_out else translate("Actions", SPECS[Act.SWITCH_MEMBER].text)
        )

    def show_fatal(self, text: str) -> None:
        """Something stops the data from opening: say so in the window itself."""
        self.build_content()
        self._loading_label.setText(text)
        self._stack.setCurrentIndex(0)  # Page.LOADING
        self.banner.show_message(text, "error")
        self.fatal_shown.emit(text)

    # -- binding ---------------------------------------------------------------------------------

    def bind(self, workspace: Workspace, snapshot: Snapshot | None = None) -> None:
        """Show ``workspace``: connect its view models and load the sources.

        With a ``snapshot`` (read at start-up while the database opens) its sources and readings are
        shown at once instead; the view models load from the database from then on.
        """
        from ...viewmodels.navigation import Opened

        self.build_content()
        self.unbind()
        self.workspace = workspace
        self._set_signed_out(False)
        self.sidebar.bind(workspace.sources)
        self.source_page.bind(workspace)
        assert self.readings_model is not None
        self.readings_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.readings_model.modelReset.connect(self._update_actions)
        for vm in (workspace.sources, workspace.readings):
            vm.busy_changed.connect(self._on_vm_busy_changed)
            vm.error_occurred.connect(self.show_error)
        if workspace.history is not None:
            workspace.history.changed.connect(self._update_undo)
            workspace.history.stepped.connect(self._on_undo_stepped)
            workspace.history.error_occurred.connect(self.show_error)
        workspace.sources.sources_loaded.connect(self._on_sources_loaded)
        workspace.sources.source_deleted.connect(self._on_source_deleted)
        workspace.sources.reading_count_loaded.connect(self._confirm_delete_source)
        workspace.readings.reset.connect(self._on_readings_reset)
        workspace.readings.deleted.connect(self._on_readings_deleted)
        workspace.live.connected_changed.connect(self._on_live_connected)
        # Every page refreshes itself after a committed write.
        for page_slot in (self.sidebar.on_data_changed, self.source_page.on_data_changed, self._refresh_dashboard):
            workspace.changes.changed.connect(page_slot)
        if not workspace.is_sample:
            self._reminders()
            workspace.sources.sources_loaded.connect(self._remind_of_due)
        if self._pending_import is not None and not workspace.is_sample:
            path, self._pending_import = self._pending_import, None
            self.import_readings(path)
        if workspace.is_sample:
            self._sample_bar.show_message(translate("MainWindow", SAMPLE_TEXT), "info")
        else:
            self._sample_bar.hide()
        self.banner.dismiss()  # a message about the data left behind does not belong to this one
        self.action(Act.SAMPLE_DATA).setVisible(not workspace.is_sample)
        self.action(Act.OWN_DATA).setVisible(workspace.is_sample)
        if self._welcome is not None:
            self._prepare_welcome(self._welcome)
        self.identity = None  # the composition root says who is signed in once they have
        self._apply_identity()
        self.show_loading(translate("MainWindow", "Loading your meters…"))
        self.action(Act.SHOW_ARCHIVED).setChecked(workspace.sources.show_archived)
        remembered = self.remembered_source(workspace.location)
        if snapshot is not None and snapshot.source is not None:
            remembered = snapshot.source.id
        self.navigation.go(Opened(remembered))
        self._update_actions()
        self.run(workspace.live.start())
        if snapshot is None:
            self.run(workspace.sources.load())
            return
        if snapshot.source is not None:
            # The table first, so that showing the source finds its readings there already.
            self._primed_source = snapshot.source.id
            workspace.readings.prime(snapshot.source, snapshot.total, snapshot.rows)
        workspace.sources.prime(snapshot.summaries, snapshot.now, snapshot.archived_hidden)

    def set_identity(self, name: str | None, *, admin: bool = False, server: str | None = None) -> None:
        """Show who is signed in (title and status bar) and on which server (None: a local file)."""
        self.identity = name
        self._identity_admin = admin
        self._server = server
        self._apply_identity()
        self._update_actions()

    def _apply_identity(self) -> None:
        sample = self.workspace is not None and self.workspace.is_sample
        if sample:
            title = translate("MainWindow", "{app} — sample household").format(app=APP_NAME)
        else:
            parts = [part for part in (self.identity, self._server) if part]
            title = f"{APP_NAME} — " + translate("MainWindow", " on ").join(parts) if parts else APP_NAME
        self.setWindowTitle(title)
        self.action(Act.LOCAL_DATA).setVisible(self._server is not None and not sample)
        if not self._content_built:
            return
        if self._identity_label is None:
            self._identity_label = QLabel()
            self._identity_label.setObjectName("identityLabel")
            self.statusBar().addPermanentWidget(self._identity_label)
        shown = self.identity is not None and not sample
        role = translate("MainWindow", " (administrator)") if self._identity_admin else ""
        self._identity_label.setText(
            translate("MainWindow", "Signed in as {name}").format(name=self.identity) + role if shown else ""
        )
        self._identity_label.setToolTip(translate("MainWindow", "File → Switch Member… or Sign Out") if shown else "")
        self._identity_label.setVisible(shown)

    def unbind(self) -> None:
        """Forget the current workspace (its view models are closed by their owner)."""
        workspace, self.workspace = self.workspace, None
        if workspace is None:
            return
        for vm in (workspace.sources, workspace.readings, workspace.changes, workspace.live):
            vm.disconnect(self)
        if workspace.history is not None:
            workspace.history.disconnect(self)
        self.live_bar.hide()
        workspace.changes.changed.disconnect(self.sidebar.on_data_changed)
        workspace.changes.changed.disconnect(self.source_page.on_data_changed)
        if self._dashboard_vm is not None:
            self._dashboard_vm.disconnect(self)
            self._dashboard_vm = None
        self.sidebar.bind(None)
        self.source_page.bind(None)
        self._primed_source = None
        self._busy = 0
        self._progress.hide()
        self._update_actions()  # nothing to act on until the next bind (a restore, the sample household)

    def _prepare_welcome(self, page: WelcomePage) -> None:
        if self.workspace is not None:
            page.sample_button.setVisible(not self.workspace.is_sample)
            page.set_data_location(self.workspace.location)

    # -- showing a location ----------------------------------------------------------------------

    def _on_sources_loaded(self, summaries: list[SourceSummary], now: datetime) -> None:
        from ...viewmodels.navigation import SourcesListed

        assert self.sources_model is not None and self.workspace is not None
        self._sources_now = now
        self.sources_model.set_summaries(summaries, now)
        before = self.navigation.location
        ids = tuple(s.source.id for s in summaries if s.source.id is not None)
        if self.navigation.go(SourcesListed(ids, self.workspace.sources.archived_hidden > 0)) == before:
            self._show_location(before)  # the same place, but what it shows may have changed

    def _show_location(self, location: Location) -> None:
        """Show ``location``: its page, its source in the sidebar, its tab; load what it needs."""
        from datetime import UTC, datetime

        from ...viewmodels.navigation import Page

        workspace, model = self.workspace, self.sources_model
        if workspace is None or model is None or not self._content_built:
            return
        self.sidebar.show_location(location)
        page = location.page
        if page in (Page.WELCOME, Page.NOTHING):
            if page == Page.WELCOME:
                self._stack.setCurrentWidget(self.welcome)
            else:
                self._nothing_label.setText(translate("MainWindow", ALL_ARCHIVED_TEXT))
                self._stack.setCurrentIndex(Page.NOTHING)
            if workspace.readings.source is not None:
                self.source_page.load_readings(None)
            self._first_data()
        row = model.row_of(location.source_id)
        summary = model.summary_at(row) if row is not None else None
        if summary is None:
            self._update_actions()
            return
        source = summary.source
        if source.id is not None and page == Page.SOURCE:
            remember_source(workspace.location, source.id)  # (a settings file write: not on the dashboard)
        self.action(Act.ARCHIVE_SOURCE).setText(
            translate("Actions", "Unarchive Source") if source.archived else translate("Actions", "Archive Source")
        )
        self.source_page.show_source(source, [s.source for s in model.summaries()] if source.virtual else ())
        self.source_page.tabs.setCurrentIndex(location.tab)
        loading = workspace.readings.source != source and self._primed_source != source.id
        self._primed_source = None
        if loading:
            self.source_page.load_readings(source)
        if page == Page.DASHBOARD:
            arriving = self._stack.currentIndex() != Page.DASHBOARD
            self._stack.setCurrentIndex(Page.DASHBOARD)
            self._dashboard.show_summaries(model.summaries(), self._sources_now or datetime.now(UTC))
            if arriving:
                self._load_dashboard()  # while it is shown, "data changed" computes the cards again
            if not loading:
                self._first_data()  # the readings behind Ctrl+2 load meanwhile otherwise
        elif page == Page.SOURCE:
            self._stack.setCurrentIndex(Page.SOURCE)
        self._update_actions()

    def _on_readings_reset(self, source: Source | None, total: int) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self.source_page.show_count(source, total, not workspace.readings.filter.is_empty)
        if total:
            self.run(self.source_page.select_reading(self.navigation.location.reading_id))
        self._first_data()
        self._update_actions()

    def _on_page_changed(self, page: int) -> None:
        from ...viewmodels.navigation import Page

        if page != Page.DASHBOARD and self._dashboard_vm is not None:
            self._dashboard_vm.cancel()  # not shown: computed again when it is
        self._update_actions()

    def _on_reading_chosen(self, reading_id: int) -> None:
        from ...viewmodels.navigation import ReadingChosen

        self.navigation.go(ReadingChosen(reading_id))

    def _on_tab_changed(self, tab: int) -> None:
        from ...viewmodels.navigation import Page, Tab, TabChosen

        if self._stack.currentIndex() == Page.SOURCE:
            self.navigation.go(TabChosen(Tab(tab)))
        self._update_actions()

    # -- the dashboard ---------------------------------------------------------------------------

    def _load_dashboard(self) -> None:
        """(Re)compute the dashboard's cards in the background."""
        if self.workspace is None:
            return
        if self._dashboard_vm is None:
            vm = self._dashboard_vm = self.workspace.dashboard()
            vm.cards_loaded.connect(self._dashboard.set_cards)
            vm.busy_changed.connect(self._dashboard.set_busy)  # its own indicator: it may work while hidden
            vm.error_occurred.connect(self.show_error)
        self._dashboard_vm.request()

    def _refresh_dashboard(self, _change: DataChange) -> None:
        """The data changed: the cards again if shown (else when next shown)."""
        from ...viewmodels.navigation import Page

        if self._content_built and self._stack.currentIndex() == Page.DASHBOARD:
            self._load_dashboard()

    # -- view-model signals ----------------------------------------------------------------------

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self._busy = max(0, self._busy + (1 if busy else -1))
        self._progress.setVisible(self._busy > 0)

    def _on_live_connected(self, connected: bool) -> None:
        """The server was lost ("Reconnecting…") or is back (the pages refresh themselves)."""
        from ...viewmodels.live import RECONNECTING_TEXT

        if not connected:
            self.live_bar.show_message(translate("MainWindow", RECONNECTING_TEXT), "warning")
        elif self.live_bar.isVisible():
            self.live_bar.show_message(
                translate("MainWindow", "Connected to the server again; everything shown is up to date."),
                "success",
                5000,
            )

    def show_error(self, message: str) -> None:
        self.banner.show_message(message, "error")

    def run(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Start a view-model coroutine from a Qt slot; errors reach the global handler."""
        if self.workspace is None:
            coro.close()
            return
        self.workspace.sources.spawn(coro)

    def _reminders(self) -> TrayReminders:
        if self.reminders is None:
            from ..tray import TrayReminders

            self.reminders = TrayReminders(
                self,
                self._settings,
                lambda: self.bring_forward([]),
                self.open_meter_round,
                self.action(Act.REMINDERS),
            )
        return self.reminders

    def _remind_of_due(self, summaries: list[SourceSummary], now: datetime) -> None:
        if self.reminders is not None:
            self.reminders.vm.update(summaries, now)

    def set_reminders(self, enabled: bool) -> None:
        """Reading → Remind Me of Due Readings: on or off (remembered)."""
        self._reminders().set_enabled(enabled)

    def bring_forward(self, files: list[Path]) -> None:
        """Home Log was started again for this database: come to the front, import the first file.

        Before the data is bound (a start with a file) the import waits for it.
        """
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if not files:
            return
        if len(files) > 1:
            names = ", ".join(f.name for f in files[1:])
            self.statusBar().showMessage(
                translate("MainWindow", "One file at a time: import {names} after this one.").format(names=names), 15000
            )
        if self.workspace is None or self.workspace.is_sample:
            self._pending_import = files[0]
            if self.workspace is not None:
                self.statusBar().showMessage(
                    translate("MainWindow", "Leave the sample household (Back to My Data) to import {name}.").format(
                        name=files[0].name
                    ),
                    15000,
                )
            return
        self.import_readings(files[0])

    def _first_data(self) -> None:
        if not self._first_data_done:
            self._first_data_done = True
            self.first_data_shown.emit()

    # -- Qt overrides ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.workspace is not None and importable(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self.workspace is not None and importable(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = importable(event.mimeData()) if self.workspace is not None else None
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_readings(path)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._content_built:
            fit_toolbar(self._toolbar, self.width())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.reminders is not None:
            self.reminders.close()
        self._settings.setValue("window/geometry", self.saveGeometry())
        if self._content_built:
            self._settings.setValue("window/splitter", self._splitter.saveState())
        super().closeEvent(event)

    # The frame's parts, set by frame.build_frame().
    sidebar: Sidebar
    source_page: SourcePage
    banner: Banner
    _sample_bar: Banner
    live_bar: Banner
    _stack: QStackedWidget
    _dashboard: DashboardPage
    _loading_label: QLabel
    _nothing_label: QLabel
    _splitter: Any
    _progress: Any
