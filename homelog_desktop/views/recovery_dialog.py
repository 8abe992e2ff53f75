"""The data file is damaged or not a database: restore the newest good backup, open another file, or quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLayout, QPushButton, QStyle, QVBoxLayout, QWidget

from .backup_dialog import local_time

if TYPE_CHECKING:
    from ..db.backup_files import BackupFile

RESTORE, OPEN_OTHER, QUIT = "restore", "open", "quit"


class RecoveryDialog(QDialog):
    """Says what is wrong with the file and offers the ways on; ``choice`` is RESTORE, OPEN_OTHER or QUIT.

    Whatever is chosen, the bad file itself is never overwritten: a restore renames it aside first.
    """

    def __init__(self, path: Path, problem: str, newest_good: BackupFile | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Home Log — your data file cannot be used")
        self.choice = QUIT
        self.path = path
        self.newest_good = newest_good
        self._setup_ui(problem)

    def _setup_ui(self, problem: str) -> None:
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b>{self.path.name} cannot be opened.</b>")
        title.setObjectName("recoveryTitle")
        reason = QLabel(problem)
        reason.setObjectName("recoveryReason")
        reason.setWordWrap(True)
        reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kept = QLabel(
            "The file is kept exactly as it is: restoring a backup first moves it aside, to "
            f"{self.path.stem}-damaged-….db in the same folder, so nothing in it is lost."
        )
        kept.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(reason)
        text.addSpacing(6)
        text.addWidget(kept)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(10)
        top.addLayout(text, 1)

        if self.newest_good is not None:
            label = f"Restore the backup of {local_time(self.newest_good.created)}"
        else:
            label = "Restore a backup (none found)"
        self.restore_button = QPushButton(label)
        self.restore_button.setObjectName("restoreNewestButton")
        self.restore_button.setEnabled(self.newest_good is not None)
        self.restore_button.clicked.connect(lambda: self._finish(RESTORE))
        self.open_button = QPushButton("Open another file…")
        self.open_button.setObjectName("openOtherButton")
        self.open_button.clicked.connect(lambda: self._finish(OPEN_OTHER))
        self.quit_button = QPushButton("Quit")
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(lambda: self._finish(QUIT))
        for button in (self.restore_button, self.open_button, self.quit_button):
            button.setAutoDefault(False)
        if self.newest_good is not None:
            self.restore_button.setDefault(True)
        else:
            self.open_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addWidget(self.restore_button)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        for wrapped in (reason, kept):
            wrapped.setMinimumWidth(480)  # wrapped text needs a width to compute its height from
        self.setMinimumWidth(600)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted if choice != QUIT else QDialog.DialogCode.Rejected)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.choice = QUIT
        super().closeEvent(event)
