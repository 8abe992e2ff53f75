"""What the composition root (controller.py) asks or tells the user, as the view layer does it:
the message boxes and file dialogs of opening, backing up, restoring and recovering the data, and
their progress in the status bar. The controller itself builds no widget.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import APP_NAME
from ...i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from ...db.backup_files import BackupFile
    from ...db.integrity import CheckResult
    from .window import MainWindow


class Recovery(StrEnum):
    """The ways on from a damaged data file (the recovery dialog's choices)."""

    RESTORE = "restore"
    OPEN_OTHER = "open"
    QUIT = "quit"


#: The steps of a backup's or a restore's copies, as the status bar names them.
PROGRESS_STEPS = {
    "copy": QT_TRANSLATE_NOOP("Prompts", "Copying the backup"),
    "keep": QT_TRANSLATE_NOOP("Prompts", "Keeping a copy of your current data"),
    "backup": QT_TRANSLATE_NOOP("Prompts", "Backing up"),
}


async def ask(dialog: Any) -> int:
    """Open a dialog without blocking the event loop; its result when it closes.

    The dialog is deleted soon after it closes: read what it holds before control returns to the loop
    (that is, before the next ``await``).
    """
    import asyncio

    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not done.done():
            done.set_result(int(code))

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await done
    finally:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, dialog.deleteLater)


class Prompts:
    """The dialogs and messages of the data's lifecycle, shown over ``window``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # -- messages --------------------------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        """A message in the window's banner (kind: info, success, error)."""
        self.window.banner.show_message(text, kind)

    def status(self, text: str, timeout_ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)

    def clear_status(self) -> None:
        self.window.statusBar().clearMessage()

    def progress(self, step: str, done: int, total: int) -> None:
        """A backup's or a restore's copy, in the status bar."""
        percent = done * 100 // max(total, 1)
        self.status(f"{translate('Prompts', PROGRESS_STEPS.get(step, step))}… {percent}%")

    def backed_up(self, made: BackupFile) -> None:
        from ..backup_dialog import file_size

        self.status(
            translate("Prompts", "Backed up to {path} ({size})").format(path=made.path, size=file_size(made.size)),
            10_000,
        )

    def refuse_open(self, message: str) -> None:
        """The data cannot be opened: say so in the window and a dialog; the window closes with it."""
        from PySide6.QtWidgets import QMessageBox

        self.window.show_fatal(message)
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message, QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("openErrorDialog")
        box.finished.connect(lambda _r: self.window.close())
        box.open()

    # -- questions -------------------------------------------------------------------------------

    async def choose_backup(self, backups: list[BackupFile], backup_dir: Path) -> Path | None:
        """File → Restore from Backup…: the backup chosen, if any."""
        from ..backup_dialog import RestoreDialog

        dialog = RestoreDialog(backups, backup_dir, self.window)
        picked: list[Path] = []
        dialog.chosen.connect(picked.append)
        await ask(dialog)
        return picked[-1] if picked else None

    async def refuse_restore(self, reason: str) -> None:
        """The file chosen cannot be restored: say why (nothing was changed)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            APP_NAME,
            translate("Prompts", "This file cannot be restored."),
            parent=self.window,
        )
        box.setObjectName("restoreRefused")
        box.setInformativeText(reason + "\n\n" + translate("Prompts", "Your data has not been changed."))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        await ask(box)

    async def confirm_restore(self, check: CheckResult, backup: BackupFile | None) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from ..backup_dialog import confirm_text

        question, details = confirm_text(check, backup)
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, parent=self.window)
        box.setObjectName("confirmRestore")
        box.setInformativeText(details)
        yes = box.addButton(translate("Prompts", "Restore"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirmButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        await ask(box)
        return box.clickedButton() is yes

    async def recover(self, path: Path, message: str, newest: BackupFile | None, health: str | None = None) -> Recovery:
        """The data file is damaged: restore ``newest``, open another file, or quit."""
        from ..recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(path, message, newest, self.window, health=health)
        await ask(dialog)
        return Recovery(dialog.choice)

    async def choose_database_file(self, start_dir: Path) -> Path | None:
        """Another Home Log file to open instead."""
        from PySide6.QtWidgets import QFileDialog

        from ..backup_dialog import DATABASE_FILTER

        dialog = QFileDialog(
            self.window,
            translate("Prompts", "Open which Home Log file?"),
            str(start_dir),
            translate("BackupDialog", DATABASE_FILTER),
        )
        dialog.setObjectName("openOtherDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        chosen: list[str] = []
        dialog.fileSelected.connect(chosen.append)
        await ask(dialog)
        return Path(chosen[-1]) if chosen else None

    # -- who is signed in ------------------------------------------------------------------------

    async def sign_in(
        self, attempt: Any, where: str, *, server: bool = False, cancel_text: str = "", cancel_hint: str = ""
    ) -> Any:
        """Ask who is signing in until ``attempt(login, password)`` accepts them; the SignedIn, or None
        when the user gives up (the Cancel button: ``cancel_text``, with ``cancel_hint`` saying what it does)."""
        from ...viewmodels.sign_in import SignInViewModel
        from ..sign_in_dialog import SignInDialog

        vm = SignInViewModel(attempt)
        dialog = SignInDialog(
            vm, where, server=server, cancel_text=cancel_text, cancel_hint=cancel_hint, parent=self.window
        )
        await ask(dialog)
        who = dialog.signed_in
        await vm.close()
        return who

    async def connect_to_server(self) -> Any:
        """File → Connect to a Shared Database…: (database, signed_in, address), or None if cancelled."""
        from ...viewmodels.connect import ConnectViewModel
        from ..connect_dialog import ConnectDialog

        vm = ConnectViewModel()
        dialog = ConnectDialog(vm, self.window)
        await ask(dialog)
        result = (dialog.database, dialog.signed_in, dialog.address) if dialog.database is not None else None
        await vm.close()
        return result
