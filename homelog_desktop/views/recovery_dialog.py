"""The data file is damaged or not a database: restore the newest good backup, open another file, or quit.

The dialog speaks a household's words; the checker's technical message (SQLite's own) stays one
click away, under "Technical details", for whoever helps.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import QT_TRANSLATE_NOOP, translate
from .backup_dialog import local_time

if TYPE_CHECKING:
    from ..db.backup_files import BackupFile

RESTORE, OPEN_OTHER, QUIT = "restore", "open", "quit"
#: The kinds of trouble the dialog explains (the values of db.integrity.Health).
DAMAGED, NOT_DATABASE = "damaged", "not-database"

#: What each kind of trouble means, in a household's words.
EXPLANATIONS = {
    DAMAGED: (
        QT_TRANSLATE_NOOP(
            "RecoveryDialog",
            "The file is damaged: part of it can no longer be read. This can happen after a power cut or a "
            "crash while the computer was saving, or on a failing disk or USB stick.",
        )
    ),
    NOT_DATABASE: (
        QT_TRANSLATE_NOOP(
            "RecoveryDialog",
            "The file is not a Home Log data file: something else was saved under its name, perhaps by "
            "another program or by copying the wrong file.",
        )
    ),
}
UNKNOWN_EXPLANATION = QT_TRANSLATE_NOOP("RecoveryDialog", "Home Log cannot read the file.")


def kind_of(problem: str) -> str:
    """The kind of trouble a checker's message describes (for callers that pass no ``health``)."""
    lowered = problem.lower()
    if "not a database" in lowered:
        return NOT_DATABASE
    if "damaged" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return DAMAGED
    return ""


class RecoveryDialog(QDialog):
    """Says what is wrong with the file and offers the ways on; ``choice`` is RESTORE, OPEN_OTHER or QUIT.

    ``problem`` is the checker's message (shown under "Technical details"); ``health`` its kind
    ("damaged", "not-database"), read from the message when not given.
    Whatever is chosen, the bad file itself is never overwritten: a restore renames it aside first.
    """

    def __init__(
        self,
        path: Path,
        problem: str,
        newest_good: BackupFile | None,
        parent: QWidget | None = None,
        *,
        health: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(translate("RecoveryDialog", "Home Log — your data file cannot be used"))
        self.choice = QUIT
        self.path = path
        self.problem = problem
        self.kind = str(health) if health is not None else kind_of(problem)
        self.newest_good = newest_good
        self._setup_ui(problem)

    def toggle_details(self) -> None:
        """Show or hide the technical message."""
        visible = not self.details.isVisible()
        self.details.setVisible(visible)
        self.details_button.setChecked(visible)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    def _setup_ui(self, problem: str) -> None:
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(translate("RecoveryDialog", "<b>Home Log cannot open your data file.</b>"))
        title.setObjectName("recoveryTitle")
        title.setWordWrap(True)
        reason = QLabel(translate("RecoveryDialog", EXPLANATIONS.get(self.kind, UNKNOWN_EXPLANATION)))
        reason.setObjectName("recoveryReason")
        reason.setWordWrap(True)
        where = QLabel(translate("RecoveryDialog", "The file: {path}").format(path=self.path))
        where.setObjectName("recoveryFile")
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.newest_good is not None:
            advice = translate(
                "RecoveryDialog",
                "Your newest good backup is from {time}. Restoring it brings "
                "your readings back as they were then; anything entered later has to be typed again.",
            ).format(time=local_time(self.newest_good.created))
        else:
            advice = translate(
                "RecoveryDialog",
                "No good backup was found in the backup folder. If you keep a copy elsewhere (another folder, "
                "a USB stick), open it with “Open another file…”.",
            )
        self.advice = QLabel(advice)
        self.advice.setObjectName("recoveryAdvice")
        self.advice.setWordWrap(True)
        kept = QLabel(
            translate(
                "RecoveryDialog",
                "Nothing in the file is thrown away: restoring a backup first moves it aside, unchanged, to "
                "{name}-damaged-….db in the same folder.",
            ).format(name=self.path.stem)
        )
        kept.setObjectName("recoveryKept")
        kept.setWordWrap(True)

        self.details_button = QToolButton()
        self.details_button.setObjectName("recoveryDetailsButton")
        self.details_button.setText(translate("RecoveryDialog", "Technical details"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setAccessibleName(translate("RecoveryDialog", "Show the technical details"))
        self.details_button.clicked.connect(lambda _on: self.toggle_details())
        self.details = QLabel(problem)
        self.details.setObjectName("recoveryDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setEnabled(False)  # dimmed: for whoever helps, not needed to decide
        self.details.setToolTip(
            translate("RecoveryDialog", "The checker's own words; select and copy them for whoever helps you.")
        )
        self.details.hide()

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(reason)
        text.addWidget(where)
        text.addSpacing(6)
        text.addWidget(self.advice)
        text.addWidget(kept)
        text.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.details)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(10)
        top.addLayout(text, 1)

        if self.newest_good is not None:
            label = translate("RecoveryDialog", "Restore the backup of {time}").format(
                time=local_time(self.newest_good.created)
            )
        else:
            label = translate("RecoveryDialog", "Restore a backup (none found)")
        self.restore_button = QPushButton(label)
        self.restore_button.setObjectName("restoreNewestButton")
        self.restore_button.setEnabled(self.newest_good is not None)
        self.restore_button.clicked.connect(lambda: self._finish(RESTORE))
        self.open_button = QPushButton(translate("RecoveryDialog", "Open another file…"))
        self.open_button.setObjectName("openOtherButton")
        self.open_button.clicked.connect(lambda: self._finish(OPEN_OTHER))
        self.quit_button = QPushButton(translate("RecoveryDialog", "Quit"))
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
        # Wrapped text needs a width to compute its height from; at most what fits on a 800-pixel screen.
        width = min(max(self.fontMetrics().averageCharWidth() * 60, 420), 560)
        for wrapped in (title, reason, where, self.advice, kept, self.details):
            wrapped.setMinimumWidth(width)
            wrapped.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted if choice != QUIT else QDialog.DialogCode.Rejected)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.choice = QUIT
        super().closeEvent(event)
