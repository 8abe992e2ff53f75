"""The question after a conflicting save: someone else changed what this form edits since it opened.

Nothing was saved. The user reloads (takes theirs; what was typed here is dropped, openly), overwrites
(saves this form over theirs) or goes back to the form to look first: never a silent overwrite.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from .. import APP_NAME
from ..domain.errors import ConflictError

RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep"


class ConflictQuestion(QMessageBox):
    """Reload, Overwrite or Keep Editing (``choice``) after ``ConflictError``."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictQuestion")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(APP_NAME)
        self.setText(str(conflict))
        self.setInformativeText(
            f"Reload shows the {conflict.what} as it is now: what you typed here is discarded.\n"
            f"Overwrite saves your version over theirs: their change is replaced."
        )
        self.choice = KEEP_EDITING
        self._buttons = {
            RELOAD: self.addButton("Reload", QMessageBox.ButtonRole.ActionRole),
            OVERWRITE: self.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole),
            KEEP_EDITING: self.addButton("Keep Editing", QMessageBox.ButtonRole.RejectRole),
        }
        for name, button in self._buttons.items():
            button.setObjectName(f"{name}Button")
        self.setDefaultButton(self._buttons[KEEP_EDITING])
        self.setEscapeButton(self._buttons[KEEP_EDITING])
        self.buttonClicked.connect(self._on_clicked)

    def choice_button(self, name: str) -> QPushButton:
        """The button for ``RELOAD``, ``OVERWRITE`` or ``KEEP_EDITING`` (tests click them)."""
        return self._buttons[name]

    def _on_clicked(self, clicked: object) -> None:
        for name, button in self._buttons.items():
            if button is clicked:
                self.choice = name
