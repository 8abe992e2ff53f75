"""File → Move to a Shared Server…: the server's address, the copy's progress with Cancel, and the result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import translate
from ..viewmodels.moving import STAGES, MoveViewModel, ServerAddress
from .widgets import grow_to_fit, preferred_size

if TYPE_CHECKING:
    from ..services.copying import CopyResult

#: Default PostgreSQL port.
DEFAULT_PORT = 5432


class MoveDialog(QDialog):
    """Asks where the household goes, copies it with progress and Cancel, then says what was copied where.

    ``open_requested(url)`` asks the window to open the server database (the URL carries the
    password: it is never shown nor stored).
    """

    open_requested = Signal(str)

    def __init__(self, vm: MoveViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle(translate("MoveDialog", "Move to a Shared Server"))
        self.vm = vm
        # The dialog owns its view model: both are deleted together on the GUI thread (left to the cycle
        # collector, the pair could be freed in a worker thread, which crashes Qt).
        vm.setParent(self)
        self._state = "idle"
        self._setup_ui()
        vm.stage_changed.connect(self._on_stage_changed)
        vm.progress_changed.connect(self._on_progress_changed)
        vm.moved.connect(self._on_moved)
        vm.cancelled.connect(self._on_cancelled)
        vm.error_occurred.connect(self._on_error)
        vm.busy_changed.connect(self._on_busy_changed)
        self._set_state("idle")
        self.resize(preferred_size(self, 560, 520, chars=70, lines=26))
        vm.spawn(self._load_administrator())

    # -- public ----------------------------------------------------------------------------------

    def address(self) -> ServerAddress:
        return ServerAddress(
            self.host_edit.text().strip(),
            self.port_edit.value(),
            self.database_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )

    @property
    def state(self) -> str:
        """ "idle", "running", "done" or "error"."""
        return self._state

    # -- building --------------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        intro = QLabel(
            translate(
                "MoveDialog",
                "Copy this household (every member, source, reading, meter change and tariff) into an empty "
                "PostgreSQL database, so that several computers can use it at once. The file on this computer "
                "is not changed.",
            )
        )
        intro.setWordWrap(True)

        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("hostEdit")
        self.host_edit.setPlaceholderText(translate("MoveDialog", "e.g. nas.local or 192.168.1.20"))
        self.port_edit = QSpinBox()
        self.port_edit.setObjectName("portEdit")
        self.port_edit.setRange(1, 65535)
        self.port_edit.setValue(DEFAULT_PORT)
        self.port_edit.setGroupSeparatorShown(False)
        self.database_edit = QLineEdit()
        self.database_edit.setObjectName("databaseEdit")
        self.database_edit.setPlaceholderText(translate("MoveDialog", "an empty database, e.g. homelog"))
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("userEdit")
        self.user_edit.setPlaceholderText(translate("MoveDialog", "the database's owner"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        server = QGroupBox(translate("MoveDialog", "Server"))
        form = QFormLayout(server)
        form.addRow(translate("MoveDialog", "&Address:"), self.host_edit)
        form.addRow(translate("MoveDialog", "&Port:"), self.port_edit)
        form.addRow(translate("MoveDialog", "&Database:"), self.database_edit)
        form.addRow(translate("MoveDialog", "&User:"), self.user_edit)
        form.addRow(translate("MoveDialog", "Pass&word:"), self.password_edit)
        note = QLabel(
            translate(
                "MoveDialog", "The user needs to own the database and to be allowed to create roles (CREATEROLE)."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("serverNote")
        form.addRow(note)

        self.admin_box = QGroupBox(translate("MoveDialog", "Signing in on the server"))
        self.admin_label = QLabel(translate("MoveDialog", "Your password on the server:"))
        self.admin_label.setObjectName("adminLabel")
        self.admin_label.setWordWrap(True)
        self.admin_edit = QLineEdit()
        self.admin_edit.setObjectName("adminPasswordEdit")
        self.admin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_again = QLineEdit()
        self.admin_again.setObjectName("adminPasswordAgain")
        self.admin_again.setEchoMode(QLineEdit.EchoMode.Password)
        admin_form = QFormLayout(self.admin_box)
        admin_form.addRow(self.admin_label)
        admin_form.addRow(translate("MoveDialog", "Pa&ssword:"), self.admin_edit)
        admin_form.addRow(translate("MoveDialog", "&Again:"), self.admin_again)
        others = QLabel(
            translate(
                "MoveDialog",
                "Every member gets a sign-in of their own on the server. The others can sign in once you have "
                "set their passwords (File → Household Members).",
            )
        )
        others.setWordWrap(True)
        admin_form.addRow(others)

        self.stage_label = QLabel()
        self.stage_label.setObjectName("stageLabel")
        self.stage_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("moveProgress")
        self.progress.setTextVisible(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.move_button = QPushButton(translate("MoveDialog", "&Move to Server"))
        self.move_button.setObjectName("moveButton")
        self.move_button.setDefault(True)
        self.move_button.clicked.connect(self._on_move_clicked)
        self.open_button = QPushButton(translate("MoveDialog", "&Open the Server Database"))
        self.open_button.setObjectName("openServerButton")
        self.open_button.clicked.connect(self._on_open_clicked)
        self.cancel_button = QPushButton(translate("MoveDialog", "Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.buttons.addButton(self.move_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(server)
        layout.addWidget(self.admin_box)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for edit in (self.host_edit, self.database_edit, self.user_edit, self.admin_edit, self.admin_again):
            edit.textChanged.connect(self._update_buttons)

    async def _load_administrator(self) -> None:
        name = await self.vm.administrator()
        if name is None:
            self.admin_box.setVisible(False)
            return
        self.admin_label.setText(
            translate(
                "MoveDialog",
                "{name} administers this household. Choose {name}'s password for signing in on the server "
                "(at least 10 characters):",
            ).format(name=name)
        )

    # -- state -----------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self._state = state
        running, done = state == "running", state == "done"
        for box in (self.findChild(QGroupBox), self.admin_box):
            if box is not None:
                box.setEnabled(not running and not done)
        self.stage_label.setVisible(running)
        self.progress.setVisible(running)
        self.result_label.setVisible(state in ("done", "error") or (bool(self.result_label.text()) and not running))
        self.move_button.setVisible(not done)
        self.open_button.setVisible(done)
        self.cancel_button.setText(translate("MoveDialog", "Close") if done else translate("MoveDialog", "Cancel"))
        self.cancel_button.setToolTip(
            translate("MoveDialog", "Stop the copy: the server keeps nothing of it") if running else ""
        )
        if done:
            self.open_button.setDefault(True)
            self.open_button.setFocus()
        self._update_buttons()
        grow_to_fit(self)

    def _update_buttons(self) -> None:
        ready = self.address().complete and self.admin_edit.text() == self.admin_again.text()
        self.move_button.setEnabled(self._state in ("idle", "error") and ready)
        if self.admin_edit.text() != self.admin_again.text():
            self.move_button.setToolTip(
                translate("MoveDialog", "The two passwords differ: type the same password twice")
            )
        elif not self.address().complete:
            self.move_button.setToolTip(translate("MoveDialog", "Fill in the server's address, database and user"))
        else:
            self.move_button.setToolTip("")

    def _show_result(self, text: str, *, error: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(
            "color: palette(bright-text); background: #b3261e; padding: 6px;" if error else ""
        )
        self.result_label.setProperty("error", error)

    # -- slots -----------------------------------------------------------------------------------

    def _on_move_clicked(self) -> None:
        if not self.move_button.isEnabled():
            return
        self._show_result("", error=False)
        self.progress.setRange(0, 0)
        self._set_state("running")
        self.vm.spawn(self.vm.move(self.address(), self.admin_edit.text()))

    def _on_cancel_clicked(self) -> None:
        if self._state == "running":
            self.cancel_button.setEnabled(False)
            self.stage_label.setText(translate("MoveDialog", "Cancelling…"))
            self.vm.cancel()
            return
        self.reject()

    def _on_open_clicked(self) -> None:
        address = self.vm.moved_to
        if address is not None:
            self.open_requested.emit(address.url())
        self.accept()

    def _on_stage_changed(self, stage: str) -> None:
        if self._state == "running" and self.cancel_button.isEnabled():
            self.stage_label.setText(translate("MoveDialog", STAGES.get(stage, stage)))
        if stage == "checking":
            self.progress.setRange(0, 0)

    def _on_progress_changed(self, done: int, total: int) -> None:
        if total <= 0:
            return
        self.progress.setRange(0, 1000)
        self.progress.setValue(done * 1000 // total)
        locale = QLocale()
        self.progress.setFormat(
            translate("MoveDialog", "{done} of %Ln row(s)", None, total).format(done=locale.toString(done))
        )

    def _on_moved(self, result: CopyResult) -> None:
        address = self.vm.moved_to
        where = address.display if address is not None else result.target
        waiting = [r.member for r in result.roles if not r.has_password]
        lines = [
            translate("MoveDialog", "<b>The household is on the server:</b> {place}.").format(place=where),
            translate("MoveDialog", "Copied {what}; every table was checked on both sides.").format(
                what=result.summary()
            ),
            translate("MoveDialog", "The file on this computer was not changed: {file}.").format(file=self.vm.local),
        ]
        if waiting:
            lines.append(
                translate("MoveDialog", "Still without a password on the server: {names} (Household Members).").format(
                    names=", ".join(waiting)
                )
            )
        self._show_result(
            "<br>".join(_escape(line) if not line.startswith("<b>") else line for line in lines), error=False
        )
        self._set_state("done")

    def _on_cancelled(self) -> None:
        self._show_result(
            translate("MoveDialog", "The copy was cancelled. The server database holds nothing of it."), error=False
        )
        self.cancel_button.setEnabled(True)
        self._set_state("idle")

    def _on_error(self, message: str) -> None:
        self._show_result(
            translate("MoveDialog", "The household was not moved: {reason}").format(reason=message), error=True
        )
        self.cancel_button.setEnabled(True)
        self._set_state("error")

    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.cancel_button.setEnabled(True)

    def reject(self) -> None:
        """Esc or Close: while copying, Esc cancels the copy instead of leaving it running unseen."""
        if self._state == "running":
            self._on_cancel_clicked()
            return
        super().reject()


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


def open_move_dialog(vm: MoveViewModel, parent: QWidget | None, on_open: Any) -> MoveDialog:
    """Show the dialog (non-blocking); ``on_open(url)`` when the user opens the server database."""
    dialog = MoveDialog(vm, parent)
    dialog.open_requested.connect(on_open)
    dialog.open()
    return dialog
