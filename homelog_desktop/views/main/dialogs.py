"""Small pieces the window's actions share: keeping non-blocking dialogs alive, a confirmation box,
the shortcuts list, what a dropped file imports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import APP_NAME
from ...i18n import translate
from .actions import SHORTCUTS

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

#: What dropping a file on the window imports.
#: Tables, the standard meter-data formats (Green Button XML, a zipped feed or NEM12 file) and Home Log's JSON export.
IMPORT_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".txt", ".tsv", ".xml", ".zip", ".json")


class DialogKeeper:
    """Keeps a reference to each non-blocking dialog until it closes (then it is deleted)."""

    def __init__(self) -> None:
        self.open: list[QDialog] = []

    def keep(self, dialog: QDialog) -> None:
        from PySide6.QtCore import Qt

        self.open.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self.open.remove(d) if d in self.open else None)


def question(parent: QWidget, text: str, informative: str, accept_text: str) -> QMessageBox:
    """A warning asking to confirm ``accept_text`` (Cancel is the default)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(text)
    box.setInformativeText(informative)
    yes = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("confirmDialog")
    yes.setObjectName("confirmButton")
    return box


def shortcuts_box(parent: QWidget) -> QMessageBox:
    """Help → Keyboard Shortcuts."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMessageBox

    native = QKeySequence.SequenceFormat.NativeText  # the key names in the user's language ("Strg+N")
    rows = "".join(
        f"<tr><td><b>{QKeySequence(keys).toString(native)}</b>&nbsp;&nbsp;</td>"
        f"<td>{translate('Actions', what)}</td></tr>"
        for keys, what in SHORTCUTS
    )
    box = QMessageBox(parent)
    box.setObjectName("shortcutsDialog")
    box.setWindowTitle(translate("Dialogs", "Keyboard shortcuts"))
    box.setText(f"<table cellpadding='3'>{rows}</table>")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def importable(mime: Any) -> Path | None:
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


def format_local(moment: datetime) -> str:
    from PySide6.QtCore import QDateTime, QLocale

    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)
