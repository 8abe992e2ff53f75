"""The question after a conflicting save: someone else changed what this form edits since it opened.

Nothing was saved. The user reloads (takes theirs; what was typed here is dropped, openly), overwrites
(saves this form over theirs) or goes back to the form to look first: never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME
from ..domain.errors import ConflictError
from ..i18n import translate
from .choice_box import ChoiceBox

RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep"


class ConflictQuestion(ChoiceBox):
    """Reload, Overwrite or Keep Editing (``choice``) after ``ConflictError``."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictQuestion")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(APP_NAME)
        self.setText(str(conflict))
        self.setInformativeText(
            translate(
                "ConflictDialog",
                "Reload shows the {what} as it is now: what you typed here is discarded.\n"
                "Overwrite saves your version over theirs: their change is replaced.",
            ).format(what=conflict.what)
        )
        self.set_choices(
            {
                RELOAD: (translate("ConflictQuestion", "Reload"), QMessageBox.ButtonRole.ActionRole),
                OVERWRITE: (translate("ConflictQuestion", "Overwrite"), QMessageBox.ButtonRole.DestructiveRole),
                KEEP_EDITING: (translate("ConflictQuestion", "Keep Editing"), QMessageBox.ButtonRole.RejectRole),
            },
            default=KEEP_EDITING,
            escape=KEEP_EDITING,
        )


def ask(conflict: ConflictError, parent: QWidget, answered: Callable[[str], None]) -> ConflictQuestion:
    """Ask ``parent``'s user what to do about ``conflict`` (window-modal, the loop keeps running):
    ``answered`` gets RELOAD, OVERWRITE or KEEP_EDITING once they chose. Every form that saves what
    someone else may change meanwhile asks through here (readings, sources, virtual meters)."""
    question = ConflictQuestion(conflict, parent)
    question.finished.connect(lambda _code: answered(question.choice))
    question.open()
    return question
