"""Dialogs for problems around the app (a full disk, a busy file, a server that does not answer).

These are not bugs: they name the cause and what to do, never "something unexpected happened".
``ServerProblemDialog`` is shown when the server holding the data cannot be reached at start, and
offers to try again, to open another database, or to quit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME
from ..i18n import translate
from .choice_box import ChoiceBox

RETRY, OPEN_OTHER, QUIT = "retry", "other", "quit"


class ProblemDialog(QMessageBox):
    """An environment problem: its message, and a Close button."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(APP_NAME)
        self.setText(message)
        self.setStandardButtons(QMessageBox.StandardButton.Close)


class ServerProblemDialog(ChoiceBox):
    """The database server cannot be used: try again, open another database, or quit (``choice``)."""

    def __init__(self, server: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverProblemDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(APP_NAME)
        self.setText(
            translate("ProblemDialog", "Home Log cannot open your data on the server {server}.").format(server=server)
        )
        self.setInformativeText(message)
        self.set_choices(
            {
                RETRY: (translate("ServerProblemDialog", "Try Again"), QMessageBox.ButtonRole.AcceptRole),
                OPEN_OTHER: (
                    translate("ServerProblemDialog", "Open Another Database…"),
                    QMessageBox.ButtonRole.ActionRole,
                ),
                QUIT: (translate("ServerProblemDialog", "Quit"), QMessageBox.ButtonRole.RejectRole),
            },
            default=RETRY,
            escape=QUIT,
        )
