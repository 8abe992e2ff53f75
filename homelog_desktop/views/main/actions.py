"""The window's actions: one registry keyed by ``Act``, with their texts, keys, icons, menus and toolbar.

The actions exist from the first frame (menus need them); their shortcuts and icons are applied
with the content (``finish_actions``): the first setShortcut() makes PySide build ~100 enum types.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QAction

from ... import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QToolBar


class Act(StrEnum):
    """Every action of the window; the value is the QAction's object name."""

    UNDO = "actionUndo"
    REDO = "actionRedo"
    ADD_READING = "actionAddReading"
    EDIT_READING = "actionEditReading"
    DELETE_READING = "actionDeleteReading"
    METER_ROUND = "actionMeterRound"
    REMINDERS = "actionReminders"
    FILTER = "actionFilter"
    ADD_SOURCE = "actionAddSource"
    ADD_VIRTUAL_METER = "actionAddVirtualMeter"
    EDIT_SOURCE = "actionEditSource"
    ARCHIVE_SOURCE = "actionArchiveSource"
    DELETE_SOURCE = "actionDeleteSource"
    EXPORT_READINGS = "actionExportReadings"
    EXPORT_ALL = "actionExportAll"
    ANNUAL_REPORT = "actionAnnualReport"
    DASHBOARD = "actionDashboard"
    SHOW_READINGS = "actionShowReadings"
    SHOW_REPORTS = "actionShowReports"
    REFRESH = "actionRefresh"
    SHOW_ARCHIVED = "actionShowArchived"
    SAMPLE_DATA = "actionSampleData"
    OWN_DATA = "actionOwnData"
    IMPORT = "actionImport"
    BACKUP_NOW = "actionBackupNow"
    RESTORE = "actionRestore"
    MEMBERS = "actionMembers"
    CONNECT = "actionConnect"
    LOCAL_DATA = "actionLocalData"
    SWITCH_MEMBER = "actionSwitchMember"
    SIGN_OUT = "actionSignOut"
    MOVE_TO_SERVER = "actionMoveToServer"
    QUIT = "actionQuit"
    SHORTCUTS = "actionShortcuts"
    ABOUT = "actionAbout"


class Spec(NamedTuple):
    text: str
    #: Key sequences ("Delete" is the platform's delete key).
    keys: tuple[str, ...] = ()
    tip: str = ""
    #: A QStyle.StandardPixmap name.
    icon: str = ""
    #: The toolbar's shorter text.
    icon_text: str = ""
    checkable: bool = False


SPECS: dict[Act, Spec] = {
    # "Undo"/"Redo" are the platform's standard keys (Redo: Ctrl+Y on Windows, Ctrl+Shift+Z elsewhere).
    Act.UNDO: Spec("&Undo", ("Undo",), "Nothing to undo"),
    Act.REDO: Spec("&Redo", ("Ctrl+Shift+Z", "Redo"), "Nothing to redo"),
    Act.ADD_READING: Spec(
        "&New Reading…", ("Ctrl+N",), "Record a reading of the selected source", "SP_FileIcon", "New Reading"
    ),
    Act.EDIT_READING: Spec(
        "&Edit Reading…", ("Return", "Enter"), "Edit the selected reading", "SP_FileDialogDetailedView"
    ),
    Act.DELETE_READING: Spec("&Delete Readings", ("Delete",), "Delete the selected readings", "SP_TrashIcon"),
    Act.METER_ROUND: Spec(
        "Meter &Round…",
        ("Ctrl+R",),
        "Enter the readings of every due meter in one sheet",
        "SP_FileDialogListView",
        "Meter Round",
    ),
    Act.REMINDERS: Spec(
        "Remind Me of Due Readings",
        (),
        "A notification when a meter's reading is due: at start and once a day while Home Log runs",
        checkable=True,
    ),
    Act.FILTER: Spec("&Filter Readings", ("Ctrl+F",), "Filter the readings by note text or date"),
    Act.ADD_SOURCE: Spec(
        "New &Source…", ("Ctrl+Shift+N",), "Add a meter or sensor", "SP_FileDialogNewFolder", "New Source"
    ),
    Act.ADD_VIRTUAL_METER: Spec(
        "New &Virtual Meter…", (), "A meter computed from others: metrics of the same unit added or subtracted"
    ),
    Act.EDIT_SOURCE: Spec("Edit Source…", ("Ctrl+E",), "Edit the selected source and its metrics"),
    Act.ARCHIVE_SOURCE: Spec("Archive Source", (), "Hide a source you no longer read, keeping its readings"),
    Act.DELETE_SOURCE: Spec("Delete Source…", (), "Delete the selected source with all its readings"),
    Act.EXPORT_READINGS: Spec("E&xport Readings…", (), "Save the selected source's readings as CSV or JSON"),
    Act.EXPORT_ALL: Spec(
        "&Export All Sources…",
        (),
        "Save every source whole (metrics, tariffs, meter changes, readings) in one file to import again anywhere",
    ),
    Act.ANNUAL_REPORT: Spec(
        "Export &Annual Report…", (), "A PDF of a year: the household's totals, then each source's months and charts"
    ),
    Act.DASHBOARD: Spec(
        "&Dashboard",
        ("Ctrl+1",),
        "Every meter at a glance: last reading, this month, cost and projection",
        "SP_DirHomeIcon",
    ),
    Act.SHOW_READINGS: Spec("&Readings", ("Ctrl+2",), "The source's readings"),
    Act.SHOW_REPORTS: Spec("Re&ports and Charts", ("Ctrl+3",), "Consumption and cost per period, with charts"),
    Act.REFRESH: Spec("&Refresh", ("F5",), "Read everything again", "SP_BrowserReload"),
    Act.SHOW_ARCHIVED: Spec("Show &Archived Sources", checkable=True),
    Act.SAMPLE_DATA: Spec("Explore &Sample Data", (), "Open a made-up household in its own file"),
    Act.OWN_DATA: Spec("Back to &My Data", (), "Leave the sample household"),
    Act.IMPORT: Spec("&Import…", ("Ctrl+I",), "Import readings from a CSV or Excel file"),
    Act.BACKUP_NOW: Spec("&Back Up Now", (), "Copy your data into the backups folder now"),
    Act.RESTORE: Spec(
        "&Restore from Backup…", (), "Replace your data with a backup (your current data is kept as a backup first)"
    ),
    Act.MEMBERS: Spec("Household &Members…", (), "Who reads the meters"),
    Act.CONNECT: Spec(
        "&Connect to a Shared Database…", (), "Open a household kept on a PostgreSQL server, as one of its members"
    ),
    Act.LOCAL_DATA: Spec("Open My &Local File", (), "Leave the shared database and open your own data file"),
    Act.SWITCH_MEMBER: Spec("S&witch Member…", (), "Sign in as another member of the household"),
    Act.SIGN_OUT: Spec("Sign &Out", (), "Sign out; the next person signs in"),
    Act.MOVE_TO_SERVER: Spec(
        "Mo&ve to a Shared Server…", (), "Copy this household to a PostgreSQL server that several computers can use"
    ),
    Act.QUIT: Spec("&Quit", ("Ctrl+Q",)),
    Act.SHORTCUTS: Spec("&Keyboard Shortcuts", ("F1",)),
    Act.ABOUT: Spec(f"&About {APP_NAME}"),
}

#: The menus: (title, actions; None is a separator).
MENUS: tuple[tuple[str, tuple[Act | None, ...]], ...] = (
    (
        "&File",
        (
            Act.SAMPLE_DATA,
            Act.OWN_DATA,
            Act.CONNECT,
            Act.LOCAL_DATA,
            None,
            Act.IMPORT,
            Act.EXPORT_ALL,
            Act.ANNUAL_REPORT,
            None,
            Act.BACKUP_NOW,
            Act.RESTORE,
            None,
            Act.MEMBERS,
            Act.SWITCH_MEMBER,
            Act.SIGN_OUT,
            Act.MOVE_TO_SERVER,
            None,
            Act.QUIT,
        ),
    ),
    ("&Edit", (Act.UNDO, Act.REDO)),
    (
        "&Source",
        (
            Act.ADD_SOURCE,
            Act.ADD_VIRTUAL_METER,
            Act.EDIT_SOURCE,
            Act.ARCHIVE_SOURCE,
            Act.DELETE_SOURCE,
            None,
            Act.EXPORT_READINGS,
        ),
    ),
    (
        "&Reading",
        (Act.ADD_READING, Act.EDIT_READING, Act.DELETE_READING, Act.METER_ROUND, Act.REMINDERS, None, Act.FILTER),
    ),
    ("&View", (Act.DASHBOARD, Act.SHOW_READINGS, Act.SHOW_REPORTS, None, Act.REFRESH, Act.SHOW_ARCHIVED)),
    ("&Help", (Act.SHORTCUTS, Act.ABOUT)),
)

TOOLBAR: tuple[Act | None, ...] = (
    Act.DASHBOARD,
    None,
    Act.ADD_READING,
    Act.EDIT_READING,
    Act.DELETE_READING,
    Act.METER_ROUND,
    None,
    Act.ADD_SOURCE,
    Act.REFRESH,
)

#: (keys, description) shown in Help → Keyboard Shortcuts.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+Z", "Undo the last change (its name is in the Edit menu)"),
    ("Ctrl+Shift+Z", "Redo the change last undone"),
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
    ("Ctrl+C", "Copy the selected rows of the readings or report table (for a spreadsheet)"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
)


def create_actions(
    window: QMainWindow, slots: Mapping[Act, Callable[..., object]]
) -> tuple[dict[Act, QAction], QToolBar]:
    """Every action, with its text and tip, triggering its slot; menus and toolbar added to ``window``."""
    actions: dict[Act, QAction] = {}
    for act, spec in SPECS.items():
        action = QAction(spec.text, window)
        action.setObjectName(act.value)
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        if spec.icon_text:
            action.setIconText(spec.icon_text)
        action.setCheckable(spec.checkable)
        action.triggered.connect(slots[act])
        actions[act] = action
    bar = window.menuBar()
    for title, items in MENUS:
        menu = bar.addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[item])
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    for item in TOOLBAR:
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[item])
    return actions, toolbar


def finish_actions(actions: Mapping[Act, QAction], toolbar: QToolBar) -> None:
    """Shortcuts, icons and the toolbar's style: what needs the content's modules."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QStyle

    style = toolbar.style()
    for act, action in actions.items():
        spec = SPECS[act]
        standard = {"Undo": QKeySequence.StandardKey.Undo, "Redo": QKeySequence.StandardKey.Redo}
        keys: list[QKeySequence] = []
        for key in spec.keys:
            if key == "Delete":
                found = [QKeySequence(QKeySequence.StandardKey.Delete)]
            elif key in standard:
                found = QKeySequence.keyBindings(standard[key])
            else:
                found = [QKeySequence(key)]
            keys += [k for k in found if k not in keys]
        if keys:
            action.setShortcuts(keys)
        if spec.icon:
            action.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, spec.icon)))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setIconSize(QSize(18, 18))
    # Enter and Delete act on the table only: in the filter box they keep their usual meaning.
    for act in (Act.EDIT_READING, Act.DELETE_READING):
        actions[act].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)


def fit_toolbar(toolbar: QToolBar, width: int) -> None:
    """Texts beside the icons where they fit in ``width``, else icons only (each has its tooltip)."""
    from PySide6.QtCore import Qt

    full = toolbar.property("fullWidth")
    if full is None:
        if toolbar.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
            return  # measured with the texts only
        full = toolbar.sizeHint().width()
        toolbar.setProperty("fullWidth", full)
    style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if full <= width else Qt.ToolButtonStyle.ToolButtonIconOnly
    if toolbar.toolButtonStyle() != style:
        toolbar.setToolButtonStyle(style)
