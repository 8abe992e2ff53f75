"""The window's actions: one registry keyed by ``Act``, with their texts, keys, icons, menus and toolbar.

The actions exist from the first frame (menus need them); their shortcuts and icons are applied
with the content (``finish_actions``): the first setShortcut() makes PySide build ~100 enum types.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QAction

from ...i18n import QT_TRANSLATE_NOOP, translate

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
    SETTINGS = "actionSettings"
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
    Act.UNDO: Spec(QT_TRANSLATE_NOOP("Actions", "&Undo"), ("Undo",), QT_TRANSLATE_NOOP("Actions", "Nothing to undo")),
    Act.REDO: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Redo"), ("Ctrl+Shift+Z", "Redo"), QT_TRANSLATE_NOOP("Actions", "Nothing to redo")
    ),
    Act.ADD_READING: Spec(
        QT_TRANSLATE_NOOP("Actions", "&New Reading…"),
        ("Ctrl+N",),
        QT_TRANSLATE_NOOP("Actions", "Record a reading of the selected source"),
        "SP_FileIcon",
        QT_TRANSLATE_NOOP("Actions", "New Reading"),
    ),
    Act.EDIT_READING: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Edit Reading…"),
        ("Return", "Enter"),
        QT_TRANSLATE_NOOP("Actions", "Edit the selected reading"),
        "SP_FileDialogDetailedView",
    ),
    Act.DELETE_READING: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Delete Readings"),
        ("Delete",),
        QT_TRANSLATE_NOOP("Actions", "Delete the selected readings"),
        "SP_TrashIcon",
    ),
    Act.METER_ROUND: Spec(
        QT_TRANSLATE_NOOP("Actions", "Meter &Round…"),
        ("Ctrl+R",),
        QT_TRANSLATE_NOOP("Actions", "Enter the readings of every due meter in one sheet"),
        "SP_FileDialogListView",
        QT_TRANSLATE_NOOP("Actions", "Meter Round"),
    ),
    Act.REMINDERS: Spec(
        QT_TRANSLATE_NOOP("Actions", "Remind Me of Due Readings"),
        (),
        QT_TRANSLATE_NOOP(
            "Actions", "A notification when a meter's reading is due: at start and once a day while Home Log runs"
        ),
        checkable=True,
    ),
    Act.FILTER: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Filter Readings"),
        ("Ctrl+F",),
        QT_TRANSLATE_NOOP("Actions", "Filter the readings by note text or date"),
    ),
    Act.ADD_SOURCE: Spec(
        QT_TRANSLATE_NOOP("Actions", "New &Source…"),
        ("Ctrl+Shift+N",),
        QT_TRANSLATE_NOOP("Actions", "Add a meter or sensor"),
        "SP_FileDialogNewFolder",
        QT_TRANSLATE_NOOP("Actions", "New Source"),
    ),
    Act.EDIT_SOURCE: Spec(
        QT_TRANSLATE_NOOP("Actions", "Edit Source…"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Actions", "Edit the selected source and its metrics"),
    ),
    Act.ARCHIVE_SOURCE: Spec(
        QT_TRANSLATE_NOOP("Actions", "Archive Source"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Hide a source you no longer read, keeping its readings"),
    ),
    Act.DELETE_SOURCE: Spec(
        QT_TRANSLATE_NOOP("Actions", "Delete Source…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Delete the selected source with all its readings"),
    ),
    Act.EXPORT_READINGS: Spec(
        QT_TRANSLATE_NOOP("Actions", "E&xport Readings…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Save the selected source's readings as CSV or JSON"),
    ),
    Act.ADD_VIRTUAL_METER: Spec(
        QT_TRANSLATE_NOOP("Actions", "New &Virtual Meter…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "A meter computed from others: metrics of the same unit added or subtracted"),
    ),
    Act.EXPORT_ALL: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Export All Sources…"),
        (),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Save every source whole (metrics, tariffs, meter changes, readings) in one file to import again anywhere",
        ),
    ),
    Act.ANNUAL_REPORT: Spec(
        QT_TRANSLATE_NOOP("Actions", "Export &Annual Report…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "A PDF of a year: the household's totals, then each source's months and charts"),
    ),
    Act.DASHBOARD: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Dashboard"),
        ("Ctrl+1",),
        QT_TRANSLATE_NOOP("Actions", "Every meter at a glance: last reading, this month, cost and projection"),
        "SP_DirHomeIcon",
    ),
    Act.SHOW_READINGS: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Readings"), ("Ctrl+2",), QT_TRANSLATE_NOOP("Actions", "The source's readings")
    ),
    Act.SHOW_REPORTS: Spec(
        QT_TRANSLATE_NOOP("Actions", "Re&ports and Charts"),
        ("Ctrl+3",),
        QT_TRANSLATE_NOOP("Actions", "Consumption and cost per period, with charts"),
    ),
    Act.REFRESH: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Refresh"),
        ("F5",),
        QT_TRANSLATE_NOOP("Actions", "Read everything again"),
        "SP_BrowserReload",
    ),
    Act.SHOW_ARCHIVED: Spec(QT_TRANSLATE_NOOP("Actions", "Show &Archived Sources"), checkable=True),
    Act.SAMPLE_DATA: Spec(
        QT_TRANSLATE_NOOP("Actions", "Explore &Sample Data"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Open a made-up household in its own file"),
    ),
    Act.OWN_DATA: Spec(
        QT_TRANSLATE_NOOP("Actions", "Back to &My Data"), (), QT_TRANSLATE_NOOP("Actions", "Leave the sample household")
    ),
    Act.IMPORT: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Import…"),
        ("Ctrl+I",),
        QT_TRANSLATE_NOOP("Actions", "Import readings from a CSV or Excel file"),
    ),
    Act.BACKUP_NOW: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Back Up Now"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Copy your data into the backups folder now"),
    ),
    Act.RESTORE: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Restore from Backup…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Replace your data with a backup (your current data is kept as a backup first)"),
    ),
    Act.MEMBERS: Spec(
        QT_TRANSLATE_NOOP("Actions", "Household &Members…"), (), QT_TRANSLATE_NOOP("Actions", "Who reads the meters")
    ),
    Act.CONNECT: Spec(
        QT_TRANSLATE_NOOP("Actions", "&Connect to a Shared Database…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Open a household kept on a PostgreSQL server, as one of its members"),
    ),
    Act.LOCAL_DATA: Spec(
        QT_TRANSLATE_NOOP("Actions", "Open My &Local File"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Leave the shared database and open your own data file"),
    ),
    Act.SWITCH_MEMBER: Spec(
        QT_TRANSLATE_NOOP("Actions", "S&witch Member…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Sign in as another member of the household"),
    ),
    Act.SIGN_OUT: Spec(
        QT_TRANSLATE_NOOP("Actions", "Sign &Out"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Sign out; the next person signs in"),
    ),
    Act.MOVE_TO_SERVER: Spec(
        QT_TRANSLATE_NOOP("Actions", "Mo&ve to a Shared Server…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Copy this household to a PostgreSQL server that several computers can use"),
    ),
    Act.SETTINGS: Spec(
        QT_TRANSLATE_NOOP("Actions", "S&ettings…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "The language Home Log is shown in"),
    ),
    Act.QUIT: Spec(QT_TRANSLATE_NOOP("Actions", "&Quit"), ("Ctrl+Q",)),
    Act.SHORTCUTS: Spec(QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"), ("F1",)),
    Act.ABOUT: Spec(QT_TRANSLATE_NOOP("Actions", "&About Home Log")),
}

#: The menus: (title, actions; None is a separator).
MENUS: tuple[tuple[str, tuple[Act | None, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("Actions", "&File"),
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
            Act.SETTINGS,
            Act.QUIT,
        ),
    ),
    (QT_TRANSLATE_NOOP("Actions", "&Edit"), (Act.UNDO, Act.REDO)),
    (
        QT_TRANSLATE_NOOP("Actions", "&Source"),
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
        QT_TRANSLATE_NOOP("Actions", "&Reading"),
        (Act.ADD_READING, Act.EDIT_READING, Act.DELETE_READING, Act.METER_ROUND, Act.REMINDERS, None, Act.FILTER),
    ),
    (
        QT_TRANSLATE_NOOP("Actions", "&View"),
        (Act.DASHBOARD, Act.SHOW_READINGS, Act.SHOW_REPORTS, None, Act.REFRESH, Act.SHOW_ARCHIVED),
    ),
    (QT_TRANSLATE_NOOP("Actions", "&Help"), (Act.SHORTCUTS, Act.ABOUT)),
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
    ("Ctrl+Z", QT_TRANSLATE_NOOP("Actions", "Undo the last change (its name is in the Edit menu)")),
    ("Ctrl+Shift+Z", QT_TRANSLATE_NOOP("Actions", "Redo the change last undone")),
    ("Ctrl+1", QT_TRANSLATE_NOOP("Actions", "Dashboard: every meter at a glance")),
    ("Ctrl+2", QT_TRANSLATE_NOOP("Actions", "Readings of the selected source")),
    ("Ctrl+3", QT_TRANSLATE_NOOP("Actions", "Reports and charts of the selected source")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("Actions", "Meter round: enter the readings of every due meter")),
    ("Ctrl+N", QT_TRANSLATE_NOOP("Actions", "New reading for the selected source")),
    ("Ctrl+Shift+N", QT_TRANSLATE_NOOP("Actions", "New source")),
    ("Enter", QT_TRANSLATE_NOOP("Actions", "Edit the selected reading")),
    ("Delete", QT_TRANSLATE_NOOP("Actions", "Delete the selected readings")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Actions", "Edit the selected source")),
    (
        "Ctrl+I",
        QT_TRANSLATE_NOOP("Actions", "Import readings from a CSV or Excel file (or drop the file on the window)"),
    ),
    ("F5", QT_TRANSLATE_NOOP("Actions", "Refresh")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("Actions", "Filter the readings (note text, or a date such as 2025 or 2025-03)")),
    (
        "Ctrl+C",
        QT_TRANSLATE_NOOP("Actions", "Copy the selected rows of the readings or report table (for a spreadsheet)"),
    ),
    ("F1", QT_TRANSLATE_NOOP("Actions", "This list of shortcuts")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Actions", "Quit")),
)


def create_actions(
    window: QMainWindow, slots: Mapping[Act, Callable[..., object]]
) -> tuple[dict[Act, QAction], QToolBar]:
    """Every action, with its text and tip, triggering its slot; menus and toolbar added to ``window``."""
    actions: dict[Act, QAction] = {}
    for act, spec in SPECS.items():
        action = QAction(translate("Actions", spec.text), window)
        action.setObjectName(act.value)
        if spec.tip:
            action.setToolTip(translate("Actions", spec.tip))
            action.setStatusTip(translate("Actions", spec.tip))
        if spec.icon_text:
            action.setIconText(translate("Actions", spec.icon_text))
        action.setCheckable(spec.checkable)
        action.triggered.connect(slots[act])
        actions[act] = action
    bar = window.menuBar()
    for title, items in MENUS:
        menu = bar.addMenu(translate("Actions", title))
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[item])
    toolbar = window.addToolBar(translate("Actions", "Main"))
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
