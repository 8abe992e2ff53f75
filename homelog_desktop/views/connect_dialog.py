"""File → Connect to a Shared Database…: the server's address, the member and their password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import translate

import qasync  # isort: skip  (after PySide6, so qasync picks PySide6)

from ..viewmodels.connect import DEFAULT_PORT, OK, ConnectViewModel, address_of
from .sign_in_dialog import remember_login, remembered_login

if TYPE_CHECKING:
    from ..db.database import Database
    from ..db.server import ServerAddress
    from ..services.auth import SignedIn

#: QSettings keys of the last server connected to (never a password).
HOST_KEY, PORT_KEY, DATABASE_KEY = "connect/host", "connect/port", "connect/database"


class ConnectDialog(QDialog):
    """Host, port, database, member name or e-mail and password; Test tries them, Connect signs in.

    The address and the member's name are remembered for next time; the password only in the
    operating system's keyring, and only when "Remember password" is ticked. After ``accept()``,
    ``database`` is open and signed in as ``signed_in`` at ``address``.
    """

    def __init__(self, vm: ConnectViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self._vm = vm
        self.database: Database | None = None
        self.signed_in: SignedIn | None = None
        self.address: ServerAddress | None = None
        self._started = False
        self._setup_ui()
        self._connect()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._check_keyring()

    # -- construction -----------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setWindowTitle(translate("ConnectDialog", "Connect to a Shared Database"))
        self.setModal(True)
        self.setMinimumWidth(480)
        intro = QLabel(
            translate(
                "ConnectDialog",
                "Open a household kept on a PostgreSQL server, shared by several computers. "
                "Each member signs in with their own name and password.",
            ),
            self,
        )
        intro.setWordWrap(True)
        settings = QSettings()
        self.host_edit = QLineEdit(str(settings.value(HOST_KEY, "") or ""), self)
        self.host_edit.setObjectName("hostEdit")
        self.host_edit.setPlaceholderText(translate("ConnectDialog", "server name or address, e.g. nas.local"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(int(str(settings.value(PORT_KEY, DEFAULT_PORT) or DEFAULT_PORT)))
        self.port_spin.setGroupSeparatorShown(False)
        self.port_spin.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 8 + 40)
        self.database_edit = QLineEdit(str(settings.value(DATABASE_KEY, "") or ""), self)
        self.database_edit.setObjectName("databaseEdit")
        self.database_edit.setPlaceholderText(translate("ConnectDialog", "e.g. homelog"))
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("loginEdit")
        self.login_edit.setPlaceholderText(translate("ConnectDialog", "your member name or e-mail address"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(translate("ConnectDialog", "&Remember password"), self)
        self.remember_box.setObjectName("rememberBox")
        self.remember_box.setEnabled(False)
        self.remember_box.setToolTip(translate("ConnectDialog", "Checking whether this computer has a password store…"))
        self.remember_note = QLabel(self)
        self.remember_note.setObjectName("rememberNote")
        self.remember_note.setWordWrap(True)
        self.remember_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.remember_note.hide()
        self.result_label = QLabel(self)
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        form = QFormLayout()
        form.addRow(translate("ConnectDialog", "&Host:"), self.host_edit)
        form.addRow(translate("ConnectDialog", "P&ort:"), self.port_spin)
        form.addRow(translate("ConnectDialog", "&Database:"), self.database_edit)
        form.addRow(translate("ConnectDialog", "&Name or e-mail:"), self.login_edit)
        form.addRow(translate("ConnectDialog", "&Password:"), self.password_edit)
        form.addRow("", self.remember_box)
        form.addRow("", self.remember_note)

        self.test_button = QPushButton(translate("ConnectDialog", "&Test"), self)
        self.test_button.setObjectName("testButton")
        self.test_button.setAutoDefault(False)
        self.connect_button = QPushButton(translate("ConnectDialog", "&Connect"), self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.button_box = QDialogButtonBox(self)
        self.button_box.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)  # apart from Connect and Cancel: it closes nothing
        buttons.addStretch(1)
        buttons.addWidget(self.button_box)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._on_address_edited()
        first_empty = next((w for w in (self.host_edit, self.database_edit, self.login_edit) if not w.text()), None)
        (first_empty or self.password_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def _connect(self) -> None:
        self.test_button.clicked.connect(self._on_test_clicked)
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.button_box.rejected.connect(self.reject)
        for edit in (self.host_edit, self.database_edit, self.login_edit, self.password_edit):
            edit.textEdited.connect(self._on_field_edited)
        self.host_edit.textEdited.connect(self._on_address_edited)
        self.database_edit.textEdited.connect(self._on_address_edited)
        self.port_spin.valueChanged.connect(self._on_address_edited)
        self._vm.tested.connect(self._on_vm_tested)
        self._vm.connected.connect(self._on_vm_connected)
        self._vm.error_occurred.connect(lambda message: self._show_result(message, ok=False))
        self._vm.busy_changed.connect(self._on_vm_busy_changed)
        self._vm.keyring_checked.connect(self._on_vm_keyring_checked)

    # -- async slots ------------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _check_keyring(self) -> None:
        await self._vm.check_keyring()

    @qasync.asyncSlot(object, str, str)
    async def _test(self, address: ServerAddress, login: str, password: str) -> None:
        await self._vm.test(address, login, password)

    @qasync.asyncSlot(object, str, str, bool)
    async def _sign_in(self, address: ServerAddress, login: str, password: str, remember: bool) -> None:
        await self._vm.sign_in(address, login, password, remember)

    @qasync.asyncSlot(object, str)
    async def _fill_remembered_password(self, address: ServerAddress, login: str) -> None:
        password = await self._vm.remembered_password(address, login)
        if password and not self.password_edit.text():
            self.password_edit.setText(password)
            self.remember_box.setChecked(True)

    # -- slots ------------------------------------------------------------------------------

    def _on_test_clicked(self) -> None:
        values = self._values()
        if values is not None:
            self._show_result(translate("ConnectDialog", "Testing…"), ok=None)
            self._test(*values)

    def _on_connect_clicked(self) -> None:
        values = self._values()
        if values is not None:
            self._show_result(translate("ConnectDialog", "Connecting…"), ok=None)
            self._sign_in(*values, self.remember_box.isChecked() and self.remember_box.isEnabled())

    def _on_field_edited(self, _text: str) -> None:
        self.result_label.hide()

    def _on_address_edited(self, *_args: object) -> None:
        address = self._address()
        if address is not None and not self.login_edit.isModified():
            self.login_edit.setText(remembered_login(address.display))

    def _on_vm_tested(self, kind: str, message: str) -> None:
        self._show_result(message, ok=kind == OK)
        focus = {
            "server-unreachable": self.host_edit,
            "server-no-database": self.database_edit,
            "wrong-login": self.password_edit,
        }.get(kind)
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            if focus is self.password_edit:
                focus.selectAll()

    def _on_vm_connected(self, database: Database, who: SignedIn) -> None:
        address = self._address()
        assert address is not None
        self.database, self.signed_in, self.address = database, who, address
        settings = QSettings()
        settings.setValue(HOST_KEY, address.host)
        settings.setValue(PORT_KEY, address.port)
        settings.setValue(DATABASE_KEY, address.database)
        remember_login(address.display, self.login_edit.text().strip())
        self.accept()

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self.test_button.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)

    def _on_vm_keyring_checked(self, available: bool, reason: str) -> None:
        self.remember_box.setEnabled(available)
        self.remember_box.setToolTip(reason)
        self.remember_note.setText("" if available else reason)
        self.remember_note.setVisible(not available)
        address = self._address()
        if available and address is not None and self.login_edit.text().strip():
            self._fill_remembered_password(address, self.login_edit.text().strip())

    # -- helpers ----------------------------------------------------------------------------

    def _address(self) -> ServerAddress | None:
        host, database = self.host_edit.text().strip(), self.database_edit.text().strip()
        if not host or not database:
            return None
        return address_of(host, database, self.port_spin.value())

    def _values(self) -> tuple[ServerAddress, str, str] | None:
        """The address, name and password, or None after saying what is missing."""
        missing = [
            (label, edit)
            for label, edit in (
                (translate("ConnectDialog", "the server's host"), self.host_edit),
                (translate("ConnectDialog", "the database"), self.database_edit),
                (translate("ConnectDialog", "your name"), self.login_edit),
                (translate("ConnectDialog", "your password"), self.password_edit),
            )
            if not edit.text().strip()
        ]
        if missing:
            labels = [label for label, _ in missing]
            listed = (
                labels[0]
                if len(labels) == 1
                else translate("ConnectDialog", "{first} and {last}").format(
                    first=", ".join(labels[:-1]), last=labels[-1]
                )
            )
            self._show_result(translate("ConnectDialog", "Fill in {what}.").format(what=listed), ok=False)
            missing[0][1].setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        address = self._address()
        assert address is not None
        return address, self.login_edit.text().strip(), self.password_edit.text()

    def _show_result(self, message: str, *, ok: bool | None) -> None:
        palette = self.result_label.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        colors = {True: ("#7bd88f", "#1b6e2f"), False: ("#ff8a80", "#b3261e")}
        if ok is None:
            color = self.palette().color(QPalette.ColorRole.WindowText)
        else:
            color = QColor(colors[ok][0 if dark else 1])
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.result_label.setPalette(palette)
        self.result_label.setText(message)
        self.result_label.show()
