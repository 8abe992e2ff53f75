"""File → Restore from Backup…: the backups, newest first, with their local time, reason and size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import QT_TRANSLATE_NOOP, translate
from .widgets import preferred_size

if TYPE_CHECKING:
    from ..db.backup_files import BackupFile
    from ..db.integrity import CheckResult

#: The file filter of "Other file…".
DATABASE_FILTER = QT_TRANSLATE_NOOP("BackupDialog", "Home Log databases (*.db *.sqlite *.sqlite3);;All files (*)")


def local_time(moment: datetime) -> str:
    """A UTC moment in the user's local time and locale, long enough to tell backups apart."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    locale = QLocale()
    return f"{locale.toString(local.date(), QLocale.FormatType.LongFormat)}, {local.toString('HH:mm')}"


def file_size(size: int) -> str:
    """A size as people say it (KB, MB, GB), in the user's locale."""
    locale = QLocale()
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{locale.toString(value, 'f', 1)} {unit}"
        value /= 1024
    return f"{size} bytes"


class RestoreDialog(QDialog):
    """Lists the backups; ``chosen(Path)`` when the user picks one (or another file) to restore."""

    chosen = Signal(Path)

    def __init__(self, backups: Sequence[BackupFile], backup_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(translate("RestoreDialog", "Restore from backup"))
        self.backups = list(backups)
        self.backup_dir = backup_dir
        self._setup_ui()
        self.resize(self._preferred_size())

    def _setup_ui(self) -> None:
        intro = QLabel(
            translate(
                "RestoreDialog",
                "Choose the backup to bring back. Your current data is kept first, as a backup of its own, "
                "so a restore can itself be undone.",
            )
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("backupList")
        self.table.setAccessibleName(translate("RestoreDialog", "Backups"))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [translate("RestoreDialog", "Taken"), translate("RestoreDialog", "Why"), translate("RestoreDialog", "Size")]
        )
        for backup in self.backups:
            item = QTreeWidgetItem([local_time(backup.created), backup.reason_text, file_size(backup.size)])
            item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(0, str(backup.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        # Every column as wide as its longest entry (never "Backed up by y…"); the size takes what is left.
        # Where the window is too narrow for all three, the list scrolls sideways instead of cutting text.
        header = self.table.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item, _column: self._restore_selected())
        self.empty = QLabel(
            translate(
                "BackupDialog",
                "No backups yet in {folder}.\n\nHome Log makes one every day you use it and before "
                "every upgrade; File → Back Up Now makes one at once. You can also restore another file.",
            ).format(folder=self.backup_dir)
        )
        self.empty.setObjectName("noBackups")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = QLabel(translate("BackupDialog", "Backups are kept in {folder}").format(folder=self.backup_dir))
        where.setObjectName("backupFolder")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.other_button = QPushButton(translate("RestoreDialog", "Other file…"))
        self.other_button.setObjectName("otherFileButton")
        self.other_button.setToolTip(
            translate("RestoreDialog", "Restore a copy kept somewhere else (another folder, a USB stick)")
        )
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self._choose_other_file)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(translate("RestoreDialog", "Restore…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore_selected)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(where)
        layout.addSpacing(4)
        layout.addLayout(row)
        has_backups = bool(self.backups)
        self.table.setVisible(has_backups)
        self.empty.setVisible(not has_backups)
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
            self.table.setFocus()
        self._update_buttons()

    def _preferred_size(self) -> QSize:
        """Wide enough for every column of the list (at most the screen's width)."""
        self.table.header().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        columns = sum(self.table.sizeHintForColumn(c) for c in range(self.table.columnCount()))
        width = columns + 2 * self.table.frameWidth() + 48  # the dialog's margins and a scroll bar
        return preferred_size(self, max(620, width), 420, lines=22)

    def selected_path(self) -> Path | None:
        item = self.table.currentItem()
        if item is None or not item.isSelected():
            return None
        return Path(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def choose(self, path: Path) -> None:
        """Restore ``path`` (the list's choice, or another file)."""
        self.chosen.emit(path)
        self.accept()

    def _restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.choose(path)

    def _choose_other_file(self) -> None:
        dialog = QFileDialog(
            self,
            translate("RestoreDialog", "Restore which file?"),
            str(self.backup_dir),
            translate("BackupDialog", DATABASE_FILTER),
        )
        dialog.setObjectName("otherFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.choose(Path(name)))
        dialog.open()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)


def confirm_text(check: CheckResult, backup: BackupFile | None) -> tuple[str, str]:
    """The question before a restore, and what will happen, in the user's words."""
    what = (
        translate("BackupDialog", "the backup of {time}").format(time=local_time(backup.created))
        if backup is not None
        else f"“{check.path.name}”"
    )
    holds = translate("BackupDialog", "%Ln source(s)", None, check.sources or 0) + translate(
        "BackupDialog", " and %Ln reading(s)", None, check.readings or 0
    )
    question = translate("BackupDialog", "Replace your data with {what}?").format(what=what)
    upgrade = (
        translate("BackupDialog", " It was made by an older Home Log and is upgraded as it opens.")
        if check.needs_upgrade
        else ""
    )
    details = (
        translate("BackupDialog", "It holds {what}.").format(what=holds)
        + upgrade
        + "\n\n"
        + translate(
            "BackupDialog",
            "Your current data is first kept as a backup (“Before a restore”), "
            "so you can go back to it the same way. Then the backup takes its place and the window shows it.",
        )
    )
    return question, details
