"""The sign-in dialog: who is using Home Log (name or e-mail, and password)."""

from __future__ import annotations

import math

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import translate

import qasync  # isort: skip  (after PySide6, so qasync picks PySide6)

from ..services.auth import SignedIn, too_many_sign_ins
from ..viewmodels.sign_in import SignInViewModel
from .meter_changes import FieldError

#: QSettings key prefix of the last member who signed in, per database (never a password).
LAST_MEMBER_KEY = "signin/last-member"


def remembered_login(where: str) -> str:
    """The name or e-mail last used to sign in to the database at ``where`` ("" if none)."""
    return str(QSettings().value(f"{LAST_MEMBER_KEY}/{_key(where)}", "") or "")


def remember_login(where: str, login: str) -> None:
    QSettings().setValue(f"{LAST_MEMBER_KEY}/{_key(where)}", login)


def _key(where: str) -> str:
    # QSettings treats "/" and "\" as groups: keep one key per database.
    return where.replace("/", "|").replace("\\", "|")


class SignInDialog(QDialog):
    """Asks who is signing in; stays open until the sign-in succeeds or the user gives up.

    A refusal says the same thing whatever was wrong, keeps the name and empties the password;
    after repeated failures the Sign In button waits, counting down the seconds. ``signed_in``
    holds the member once the dialog is accepted.
    """

    def __init__(
        self,
        vm: SignInViewModel,
        where: str,
        *,
        server: bool = False,
        cancel_text: str = "",
        cancel_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self._vm = vm
        self._where = where
        self._server = server
        self._cancel_text = cancel_text or translate("SignInDialog", "Cancel")
        self._cancel_hint = cancel_hint
        self.signed_in: SignedIn | None = None
        self._wait_until = 0.0
        self._refusal = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._on_countdown)
        self._setup_ui()
        self._connect()

    # -- construction -----------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setWindowTitle(translate("SignInDialog", "Sign In"))
        self.setModal(True)
        self.setMinimumWidth(440)
        heading = QLabel(translate("SignInDialog", "<b>Who is using Home Log?</b>"), self)
        place = QLabel(
            translate("SignInDialog", "Sign in to the household on {place}").format(place=self._where)
            if self._server
            else translate("SignInDialog", "Sign in to {place}").format(place=self._where)
        )
        place.setObjectName("placeLabel")
        place.setWordWrap(True)
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("loginEdit")
        self.login_edit.setMaxLength(320)
        self.login_edit.setPlaceholderText(translate("SignInDialog", "your name or e-mail address"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(1024)
        self.message_label = FieldError("messageLabel", self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        #: What Cancel does, when it is more than closing the dialog (quits, or goes back to the local file).
        self.cancel_hint_label = QLabel(self._cancel_hint, self)
        self.cancel_hint_label.setObjectName("cancelHintLabel")
        self.cancel_hint_label.setWordWrap(True)
        self.cancel_hint_label.setVisible(bool(self._cancel_hint))

        form = QFormLayout()
        form.addRow(translate("SignInDialog", "&Name or e-mail:"), self.login_edit)
        form.addRow(translate("SignInDialog", "&Password:"), self.password_edit)

        self.button_box = QDialogButtonBox(self)
        self.sign_in_button = QPushButton(translate("SignInDialog", "&Sign In"), self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton(self._cancel_text, self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.button_box.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(place)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.cancel_hint_label)
        layout.addWidget(self.button_box)

        remembered = remembered_login(self._where)
        self.login_edit.setText(remembered)
        (self.password_edit if remembered else self.login_edit).setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_button()

    def _connect(self) -> None:
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.login_edit.textChanged.connect(self._update_button)
        self.password_edit.textChanged.connect(self._update_button)
        self._vm.signed_in.connect(self._on_vm_signed_in)
        self._vm.refused.connect(self._on_vm_refused)
        self._vm.error_occurred.connect(self._on_vm_error_occurred)
        self._vm.busy_changed.connect(self._on_vm_busy_changed)

    # -- async slot -------------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _sign_in(self) -> None:
        await self._vm.sign_in(self.login_edit.text(), self.password_edit.text())

    # -- slots ------------------------------------------------------------------------------

    def _on_sign_in_clicked(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        self.message_label.set_message("")
        self._sign_in()

    def _on_vm_signed_in(self, who: SignedIn) -> None:
        self.signed_in = who
        remember_login(self._where, self.login_edit.text().strip())
        self.accept()

    def _on_vm_refused(self, message: str, retry_after: float) -> None:
        self.password_edit.clear()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refusal = message
        if retry_after > 0:
            self._wait_until = _now() + retry_after
            self._countdown.start()
        self._show_refusal()
        self._update_button()

    def _on_vm_error_occurred(self, message: str) -> None:
        self.message_label.set_message(message)

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self.status_label.setText(translate("SignInDialog", "Checking…"))
        self.status_label.setVisible(busy)
        for widget in (self.login_edit, self.password_edit):
            widget.setEnabled(not busy)
        self._update_button()
        if not busy:
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_countdown(self) -> None:
        if self.seconds_to_wait() <= 0:
            self._countdown.stop()
        self._show_refusal()
        self._update_button()

    # -- helpers ----------------------------------------------------------------------------

    def seconds_to_wait(self) -> int:
        """Whole seconds until the next attempt is accepted (0: now)."""
        return max(0, math.ceil(self._wait_until - _now()))

    def _show_refusal(self) -> None:
        wait = self.seconds_to_wait()
        text = self._refusal
        if wait > 0:
            pause = translate(
                "SignInDialog", "After several failed attempts, wait %n second(s) before trying again.", None, wait
            )
            text = pause if text.startswith(too_many_sign_ins()) else f"{text}\n{pause}"
        elif text.startswith(too_many_sign_ins()):
            text = translate("SignInDialog", "You can try again now.")
        self.message_label.set_message(text)

    def _update_button(self) -> None:
        ready = bool(self.login_edit.text().strip() and self.password_edit.text())
        self.sign_in_button.setEnabled(ready and not self._vm.busy and self.seconds_to_wait() == 0)


def _now() -> float:
    import time

    return time.monotonic()
