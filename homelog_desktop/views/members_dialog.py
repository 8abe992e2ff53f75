"""Dialog listing the household's members, with a small form to add or edit one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import QT_TRANSLATE_NOOP, translate

import qasync  # isort: skip  (after PySide6, so qasync picks PySide6)

from ..domain.access import Decision
from ..domain.entities import Member, MemberAccount
from ..domain.issues import MemberField, PasswordField
from ..viewmodels.members import CURRENT_PASSWORD, MembersViewModel
from .source_dialog import FieldError, with_error
from .widgets import DiscardQuestion, preferred_size

#: Text shown instead of the list while there are no members.
EMPTY_TEXT = QT_TRANSLATE_NOOP("MembersDialog", "No members yet — add the people who read the meters.")
#: Role of a list item holding its Member.
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role of a list item holding its MemberAccount (role, password or not).
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The list's columns.
COL_NAME, COL_EMAIL, COL_ROLE, COL_PASSWORD = range(4)


class MembersDialog(QDialog):
    """The members of the household: Add, Edit, Remove and Set Password, with name and optional e-mail.

    Each member shows their role (Administrator or Member) and whether they have a password.
    Adding and editing happen in a form under the list, passwords in a second form; a refused
    change (empty name, e-mail taken, a weak password, a wrong current password) is shown next to
    the field and the form keeps what was typed. What the signed-in member may not do is disabled,
    with the reason as the button's tooltip (domain/access.py).
    """

    def __init__(self, vm: MembersViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("membersDialog")
        self._vm = vm
        self._loaded = False
        #: The member being edited in the form; None while adding.
        self._editing: Member | None = None
        #: What the form held when it was opened, to tell whether cancelling throws something away.
        self._form_initial: tuple[str, str | None] = ("", None)
        self._discard = DiscardQuestion(self, "discardMemberBox")
        self._setup_ui()
        self._connect()

    # -- Qt overrides -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self._load()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Escape closes the form first, the dialog only when no form is open.
        if event.key() == Qt.Key.Key_Escape and self.form_box.isVisible():
            self._on_form_cancel_clicked()
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close, Esc or the close button; with typed text in the form, ask before throwing it away."""
        if not self.isVisible() or not self._form_has_changes():
            super().reject()
            return
        self._ask_to_discard(super().reject)

    # -- construction -----------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setWindowTitle(translate("MembersDialog", "Household members"))
        self.setModal(True)
        self.setMinimumWidth(500)
        self.resize(preferred_size(self, 640, 480, chars=90, lines=24))

        intro = QLabel(
            translate("MembersDialog", "The people who read the meters. Each reading remembers who entered it."), self
        )
        intro.setWordWrap(True)

        self.member_list = QTreeWidget(self)
        self.member_list.setObjectName("memberList")
        self.member_list.setColumnCount(4)
        self.member_list.setHeaderLabels(
            [
                translate("MembersDialog", "Name"),
                translate("MembersDialog", "E-mail"),
                translate("MembersDialog", "Role"),
                translate("MembersDialog", "Password"),
            ]
        )
        self.member_list.setRootIsDecorated(False)
        self.member_list.setUniformRowHeights(True)
        self.member_list.setAlternatingRowColors(True)
        self.member_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.member_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._row_height = self.fontMetrics().height() + 12
        header = self.member_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_EMAIL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PASSWORD, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(COL_NAME, 160)

        self.empty_label = QLabel(translate("MembersDialog", EMPTY_TEXT), self)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setAutoFillBackground(True)
        palette = _dimmed(self.empty_label.palette())
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.empty_label.setPalette(palette)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.member_list)

        self.add_button = QPushButton(translate("MembersDialog", "&Add…"), self)
        self.add_button.setObjectName("addButton")
        self.edit_button = QPushButton(translate("MembersDialog", "&Edit…"), self)
        self.edit_button.setObjectName("editButton")
        self.remove_button = QPushButton(translate("MembersDialog", "&Remove"), self)
        self.remove_button.setObjectName("removeButton")
        self.password_button = QPushButton(translate("MembersDialog", "Set &Password…"), self)
        self.password_button.setObjectName("passwordButton")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.password_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.form_box = QGroupBox(translate("MembersDialog", "Add member"), self)
        self.form_box.setObjectName("memberForm")
        self.form_name = QLineEdit(self.form_box)
        self.form_name.setObjectName("formName")
        self.form_name.setMaxLength(200)
        self.form_name_error = FieldError("formNameError", self.form_box)
        self.form_email = QLineEdit(self.form_box)
        self.form_email.setObjectName("formEmail")
        self.form_email.setMaxLength(320)
        self.form_email.setPlaceholderText(translate("MembersDialog", "optional"))
        self.form_email_error = FieldError("formEmailError", self.form_box)
        self.form_error = FieldError("formError", self.form_box)
        self.form_save_button = QPushButton(translate("MembersDialog", "Save member"), self.form_box)
        self.form_save_button.setObjectName("formSaveButton")
        self.form_cancel_button = QPushButton(translate("MembersDialog", "Cancel"), self.form_box)
        self.form_cancel_button.setAutoDefault(False)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.form_cancel_button)
        form_buttons.addWidget(self.form_save_button)
        form = QFormLayout()
        form.addRow(translate("MembersDialog", "&Name:"), with_error(self.form_name, self.form_name_error))
        form.addRow(translate("MembersDialog", "E-&mail:"), with_error(self.form_email, self.form_email_error))
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.form_error)
        box_layout.addLayout(form_buttons)
        self.form_box.hide()

        self.password_box = QGroupBox(translate("MembersDialog", "Set password"), self)
        self.password_box.setObjectName("passwordForm")
        self.password_current = QLineEdit(self.password_box)
        self.password_current.setObjectName("passwordCurrent")
        self.password_current_error = FieldError("passwordCurrentError", self.password_box)
        self.password_new = QLineEdit(self.password_box)
        self.password_new.setObjectName("passwordNew")
        self.password_new.setPlaceholderText(translate("MembersDialog", "at least 10 characters; a few words are fine"))
        self.password_new_error = FieldError("passwordNewError", self.password_box)
        self.password_again = QLineEdit(self.password_box)
        self.password_again.setObjectName("passwordAgain")
        self.password_again_error = FieldError("passwordAgainError", self.password_box)
        for edit in (self.password_current, self.password_new, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(1024)
        self.password_error = FieldError("passwordError", self.password_box)
        self.password_save_button = QPushButton(translate("MembersDialog", "Save password"), self.password_box)
        self.password_save_button.setObjectName("passwordSaveButton")
        self.password_cancel_button = QPushButton(translate("MembersDialog", "Cancel"), self.password_box)
        self.password_cancel_button.setAutoDefault(False)
        password_buttons = QHBoxLayout()
        password_buttons.addStretch(1)
        password_buttons.addWidget(self.password_cancel_button)
        password_buttons.addWidget(self.password_save_button)
        self._password_form = QFormLayout()
        self._password_form.addRow(
            translate("MembersDialog", "C&urrent password:"),
            with_error(self.password_current, self.password_current_error),
        )
        self._password_form.addRow(
            translate("MembersDialog", "&New password:"), with_error(self.password_new, self.password_new_error)
        )
        self._password_form.addRow(
            translate("MembersDialog", "&Again:"), with_error(self.password_again, self.password_again_error)
        )
        password_layout = QVBoxLayout(self.password_box)
        password_layout.addLayout(self._password_form)
        password_layout.addWidget(self.password_error)
        password_layout.addLayout(password_buttons)
        self.password_box.hide()
        #: The member whose password the password form sets.
        self._password_for: MemberAccount | None = None

        self.who_label = QLabel(self)
        self.who_label.setObjectName("whoLabel")
        self.who_label.setWordWrap(True)
        self.who_label.setPalette(_dimmed(self.who_label.palette()))

        self.error_label = FieldError("errorLabel", self)

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.button_box.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.who_label)
        layout.addLayout(buttons)
        layout.addWidget(self.form_box)
        layout.addWidget(self.password_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.button_box)
        self._show_form_errors({})
        self._update_buttons()

    def _connect(self) -> None:
        vm = self._vm
        vm.accounts_loaded.connect(self._on_vm_accounts_loaded)
        vm.saved.connect(self._on_vm_saved)
        vm.password_saved.connect(self._on_vm_password_saved)
        vm.error_occurred.connect(self._on_vm_error_occurred)
        vm.busy_changed.connect(self._on_vm_busy_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.password_button.clicked.connect(self._on_password_clicked)
        self.password_save_button.clicked.connect(self._on_password_save_clicked)
        self.password_cancel_button.clicked.connect(self._close_password_form)
        for edit, error in (
            (self.password_current, self.password_current_error),
            (self.password_new, self.password_new_error),
            (self.password_again, self.password_again_error),
        ):
            edit.textEdited.connect(lambda _text, error=error: error.set_message(""))
        self.form_save_button.clicked.connect(self._on_form_save_clicked)
        self.form_cancel_button.clicked.connect(self._on_form_cancel_clicked)
        self.member_list.itemSelectionChanged.connect(self._update_buttons)
        self.member_list.itemActivated.connect(self._on_member_activated)
        self.button_box.rejected.connect(self.reject)
        self.form_name.textEdited.connect(self._on_form_name_edited)
        self.form_email.textEdited.connect(self._on_form_email_edited)

    # -- async slots (one line each) --------------------------------------------------------

    @qasync.asyncSlot()
    async def _load(self) -> None:
        await self._vm.load()

    @qasync.asyncSlot(str, object)
    async def _add(self, name: str, email: str | None) -> None:
        await self._vm.add(name, email)

    @qasync.asyncSlot(object)
    async def _update(self, member: Member) -> None:
        await self._vm.update(member)

    @qasync.asyncSlot(int)
    async def _delete(self, member_id: int) -> None:
        await self._vm.delete(member_id)

    @qasync.asyncSlot(int, str, str, object)
    async def _set_password(self, member_id: int, new: str, again: str, current: str | None) -> None:
        await self._vm.set_password(member_id, new, again, current)

    # -- view model signals -----------------------------------------------------------------

    def _on_vm_accounts_loaded(self, accounts: Sequence[MemberAccount]) -> None:
        current = self.selected_member()
        selected = current.id if current is not None else None
        self.member_list.clear()
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText)
        me = self._vm.actor.member_id if self._vm.actor is not None else None
        for account in accounts:
            member = account.member
            name = f"{member.name} (you)" if member.id == me else member.name
            role = (
                translate("MembersDialog", "Administrator")
                if account.role.value == "admin"
                else translate("MembersDialog", "Member")
            )
            item = QTreeWidgetItem(
                [
                    name,
                    member.email or "",
                    role,
                    translate("MembersDialog", "Set") if account.has_password else translate("MembersDialog", "None"),
                ]
            )
            item.setData(0, MEMBER_ROLE, member)
            item.setData(0, ACCOUNT_ROLE, account)
            item.setToolTip(COL_NAME, member.name)
            item.setToolTip(COL_EMAIL, member.email or "")
            item.setToolTip(
                COL_PASSWORD,
                translate("MembersDialog", "Signs in with a password")
                if account.has_password
                else translate("MembersDialog", "No password yet: cannot sign in"),
            )
            item.setForeground(COL_EMAIL, dim)
            if not account.has_password:
                item.setForeground(COL_PASSWORD, dim)
            item.setSizeHint(0, QSize(0, self._row_height))
            self.member_list.addTopLevelItem(item)
            if member.id == selected:
                self.member_list.setCurrentItem(item)
        self.stack.setCurrentWidget(self.member_list if accounts else self.empty_label)
        self._show_who(accounts)
        self._update_buttons()

    def _on_vm_saved(self, member: Member) -> None:
        for index in range(self.member_list.topLevelItemCount()):
            item = self.member_list.topLevelItem(index)
            if item is not None and item.data(0, MEMBER_ROLE).id == member.id:
                self.member_list.setCurrentItem(item)
        self._close_form()

    def _on_vm_password_saved(self, member_id: int) -> None:
        account = self._password_for
        self._close_password_form()
        if account is not None and account.member.id == member_id:
            self.error_label.set_message("")
            self.who_label.setText(
                translate("MembersDialog", "The password of {name} is set.").format(name=account.member.name)
            )

    def _on_vm_error_occurred(self, message: str) -> None:
        field = self._vm.last_error_field
        if self.password_box.isVisible():
            self._show_password_errors({field if isinstance(field, (PasswordField, str)) else None: message})
        elif self.form_box.isVisible():
            self._show_form_errors({field if isinstance(field, MemberField) else None: message})
        else:
            self.error_label.set_message(message)

    def _on_vm_busy_changed(self, busy: bool) -> None:
        self.form_save_button.setEnabled(not busy)
        self.password_save_button.setEnabled(not busy)
        self._update_buttons()

    # -- widget signals ---------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        self._open_form(None)

    def _on_edit_clicked(self) -> None:
        member = self.selected_member()
        if member is not None:
            self._open_form(member)

    def _on_member_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._open_form(item.data(0, MEMBER_ROLE))

    def _on_remove_clicked(self) -> None:
        member = self.selected_member()
        if member is None or member.id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("MembersDialog", "Remove member"),
            translate("MembersDialog", "Remove {name} from the household?").format(name=member.name),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("removeMemberBox")
        box.setInformativeText(
            translate(
                "MembersDialog",
                "Readings they entered are kept; they just no longer show who entered them. "
                "Sources they own will have no owner.",
            )
        )
        remove = box.addButton(translate("MembersDialog", "Remove member"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        member_id = member.id

        def on_finished(_result: int) -> None:
            if box.clickedButton() is remove:
                if self._editing is not None and self._editing.id == member_id:
                    self._close_form()
                self.error_label.set_message("")
                self._delete(member_id)
            box.deleteLater()

        box.finished.connect(on_finished)
        box.open()

    def _on_form_save_clicked(self) -> None:
        name, email = self._form_values()
        problems = self._vm.check(name, email)
        self._show_form_errors({field: message for field, message in problems.items()})
        if problems:
            (self.form_name if MemberField.NAME in problems else self.form_email).setFocus()
            return
        if self._editing is None:
            self._add(name, email)
        else:
            self._update(Member(self._editing.id, name, email))

    def _on_password_clicked(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        self._close_form()
        self._password_for = account
        needs_current = self._vm.needs_current_password(account)
        own = self._vm.actor is not None and self._vm.actor.member_id == account.member.id
        title = (
            translate("MembersDialog", "Change your password")
            if own
            else translate("MembersDialog", "Set the password of {name}").format(name=account.member.name)
        )
        self.password_box.setTitle(title)
        for edit in (self.password_current, self.password_new, self.password_again):
            edit.clear()
        self._password_form.setRowVisible(0, needs_current)
        self._show_password_errors({})
        self.error_label.set_message("")
        self.password_box.show()
        self.password_save_button.setDefault(True)
        (self.password_current if needs_current else self.password_new).setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_password_save_clicked(self) -> None:
        account = self._password_for
        if account is None or account.member.id is None:
            return
        new, again = self.password_new.text(), self.password_again.text()
        problems: dict[PasswordField | str | None, str] = {
            field: message for field, message in self._vm.check_password(account.member, new, again).items()
        }
        needs_current = self._vm.needs_current_password(account)
        if needs_current and not self.password_current.text():
            problems[CURRENT_PASSWORD] = translate("MembersDialog", "Type your current password first.")
        self._show_password_errors(problems)
        if problems:
            return
        self._set_password(account.member.id, new, again, self.password_current.text() if needs_current else None)

    def _on_form_cancel_clicked(self) -> None:
        if self._form_has_changes():
            self._ask_to_discard(self._close_form)
        else:
            self._close_form()

    def _on_form_name_edited(self, _text: str) -> None:
        self.form_name_error.set_message("")

    def _on_form_email_edited(self, _text: str) -> None:
        self.form_email_error.set_message("")

    # -- helpers ----------------------------------------------------------------------------

    def selected_account(self) -> MemberAccount | None:
        item = self.member_list.currentItem()
        if item is None or not item.isSelected():
            return None
        account = item.data(0, ACCOUNT_ROLE)
        return account if isinstance(account, MemberAccount) else None

    def selected_member(self) -> Member | None:
        item = self.member_list.currentItem()
        if item is None or not item.isSelected():
            return None
        member = item.data(0, MEMBER_ROLE)
        return member if isinstance(member, Member) else None

    def _open_form(self, member: Member | None) -> None:
        allowed = self._vm.decide_add() if member is None else self._vm.decide_edit(member)
        if not allowed:
            self.error_label.set_message(allowed.reason)
            return
        self._close_password_form()
        self._editing = member
        self.form_box.setTitle(
            translate("MembersDialog", "Add member") if member is None else translate("MembersDialog", "Edit member")
        )
        self.form_name.setText(member.name if member is not None else "")
        self.form_email.setText((member.email or "") if member is not None else "")
        self._form_initial = self._form_values()
        self._show_form_errors({})
        self.error_label.set_message("")
        self.form_box.show()
        # Enter in the form saves the member (not Close).
        self.form_save_button.setDefault(True)
        self.form_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form_name.selectAll()

    def _form_values(self) -> tuple[str, str | None]:
        """The name and e-mail the form would save."""
        return self.form_name.text().strip(), self.form_email.text().strip() or None

    def _form_has_changes(self) -> bool:
        return self.form_box.isVisible() and self._form_values() != self._form_initial

    def _ask_to_discard(self, on_discard: Callable[[], None]) -> None:
        question = (
            translate("MembersDialog", "Discard this new member?")
            if self._editing is None
            else translate("MembersDialog", "Discard your changes to this member?")
        )
        self._discard.ask(
            question, translate("MembersDialog", "The name and e-mail you typed have not been saved."), on_discard
        )

    def _close_form(self) -> None:
        self._discard.withdraw()  # saved or removed meanwhile: nothing left to discard
        self._editing = None
        self.form_save_button.setDefault(False)
        self.form_box.hide()
        self._show_form_errors({})
        focus = self.member_list if self.member_list.topLevelItemCount() else self.add_button
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_form_errors(self, problems: dict[MemberField | None, str]) -> None:
        """Each message under its field; None is the form as a whole."""
        self.form_name_error.set_message(problems.get(MemberField.NAME, ""))
        self.form_email_error.set_message(problems.get(MemberField.EMAIL, ""))
        self.form_error.set_message(problems.get(None, ""))

    def _close_password_form(self) -> None:
        self._password_for = None
        self.password_save_button.setDefault(False)
        for edit in (self.password_current, self.password_new, self.password_again):
            edit.clear()
        self.password_box.hide()

    def _show_password_errors(self, problems: dict[PasswordField | str | None, str]) -> None:
        self.password_current_error.set_message(problems.get(CURRENT_PASSWORD, ""))
        self.password_new_error.set_message(problems.get(PasswordField.PASSWORD, ""))
        self.password_again_error.set_message(problems.get(PasswordField.CONFIRMATION, ""))
        self.password_error.set_message(problems.get(None, ""))

    def _show_who(self, accounts: Sequence[MemberAccount]) -> None:
        actor = self._vm.actor
        if actor is None:
            anyone = any(a.has_password for a in accounts)
            self.who_label.setText(
                translate(
                    "MembersDialog",
                    "Nobody has signed in. Home Log asks who is signing in once a member has a password.",
                )
                if not anyone
                else translate(
                    "MembersDialog", "Passwords are set: from the next start Home Log asks who is signing in."
                )
            )
            return
        me = next((a for a in accounts if a.member.id == actor.member_id), None)
        name = me.member.name if me is not None else translate("MembersDialog", "a removed member")
        role = (
            translate("MembersDialog", "the administrator")
            if actor.is_admin
            else translate("MembersDialog", "a member")
        )
        extra = (
            "" if actor.is_admin else translate("MembersDialog", " You can change your own name, e-mail and password.")
        )
        self.who_label.setText(
            translate("MembersDialog", "Signed in as {name}, {role}.").format(name=name, role=role) + extra
        )

    def _update_buttons(self) -> None:
        member = self.selected_member()
        busy = self._vm.busy
        _apply(
            self.add_button, self._vm.decide_add(), busy, translate("MembersDialog", "Add a member to the household.")
        )
        if member is None:
            for button in (self.edit_button, self.remove_button, self.password_button):
                button.setEnabled(False)
                button.setToolTip(translate("MembersDialog", "Select a member first."))
            return
        _apply(
            self.edit_button,
            self._vm.decide_edit(member),
            busy,
            translate("MembersDialog", "Change the name and e-mail of {name}.").format(name=member.name),
        )
        _apply(
            self.remove_button,
            self._vm.decide_remove(member),
            busy,
            translate("MembersDialog", "Remove {name} from the household.").format(name=member.name),
        )
        _apply(
            self.password_button,
            self._vm.decide_password(member),
            busy,
            translate("MembersDialog", "Set the password of {name}.").format(name=member.name),
        )


def _apply(button: QPushButton, decision: Decision, busy: bool, tip: str) -> None:
    """Enable ``button`` when the policy allows it; its tooltip says what it does, or why not."""
    button.setEnabled(decision.allowed and not busy)
    button.setToolTip(tip if decision.allowed else decision.reason)


def _dimmed(palette: QPalette) -> QPalette:
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    return palette
