"""MembersDialog as the administrator and as a member: roles, passwords, buttons the policy forbids
disabled with its reason, and the Set Password form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from homelog_desktop.domain.access import Actor, Role
from homelog_desktop.services.auth import AuthService
from homelog_desktop.services.members import MemberService
from homelog_desktop.viewmodels.members import MembersViewModel
from homelog_desktop.views.members_dialog import MembersDialog
from tests.integration.test_auth import CHEAP
from tests.ui.test_members_dialog import select

ANN_PW, BOB_PW = "ann's long passphrase", "bob-Secret-2026"


@pytest.fixture
def household(run, db):
    async def make():
        service = MemberService(db)
        ann, _ = await service.add("Ann", "ann@example.org")
        bob, _ = await service.add("Bob", None)
        await service.add("Cat", "cat@example.org")
        auth = AuthService(db, hashing=CHEAP)
        await auth.reset_password(None, ann.id, ANN_PW)
        await auth.reset_password(None, bob.id, BOB_PW)
        return ann.id, bob.id

    return run(make())


@pytest.fixture
def open_as(qtbot, db, household):
    def factory(who: str) -> MembersDialog:
        ann, bob = household
        db.sign_in_as(Actor(ann, Role.ADMIN) if who == "admin" else Actor(bob, Role.MEMBER))
        vm = MembersViewModel(db, auth=AuthService(db, hashing=CHEAP))
        dialog = MembersDialog(vm)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(vm.accounts_loaded):
            dialog.show()
        return dialog

    return factory


def rows(dialog: MembersDialog) -> list[list[str]]:
    items = [dialog.member_list.topLevelItem(i) for i in range(dialog.member_list.topLevelItemCount())]
    return [[item.text(c) for c in range(4)] for item in items if item is not None]


def test_members_dialog_admin_sees_roles_and_passwords(open_as):
    """The list shows each member's role and whether they have a password; the administrator may do all
    but remove themselves."""
    dialog = open_as("admin")
    assert rows(dialog) == [
        ["Ann (you)", "ann@example.org", "Administrator", "Set"],
        ["Bob", "", "Member", "Set"],
        ["Cat", "cat@example.org", "Member", "None"],
    ]
    assert dialog.who_label.text() == "Signed in as Ann, the administrator."
    assert dialog.add_button.isEnabled()
    select(dialog, "Ann (you)")
    assert not dialog.remove_button.isEnabled()
    assert dialog.remove_button.toolTip() == "You cannot remove yourself: the household needs its administrator."
    select(dialog, "Cat")
    assert dialog.remove_button.isEnabled() and dialog.password_button.isEnabled() and dialog.edit_button.isEnabled()


def test_members_dialog_member_sees_admin_buttons_disabled_with_reason(open_as):
    """A member cannot add, remove or set others' passwords: the buttons say why; their own row is open."""
    dialog = open_as("member")
    assert not dialog.add_button.isEnabled()
    assert dialog.add_button.toolTip() == "Only the administrator can add members."
    select(dialog, "Ann")
    assert not dialog.remove_button.isEnabled() and not dialog.password_button.isEnabled()
    assert dialog.remove_button.toolTip() == "Only the administrator can remove members."
    assert dialog.password_button.toolTip() == "Only the administrator can set a forgotten password."
    assert dialog.edit_button.toolTip() == "Only Ann or the administrator can change this member."
    select(dialog, "Bob (you)")
    assert dialog.edit_button.isEnabled() and dialog.password_button.isEnabled()
    assert not dialog.remove_button.isEnabled()


def test_members_dialog_member_changes_own_password(qtbot, open_as, run, db):
    """Their own password asks for the current one; a wrong one is shown at that field, the right one saves."""
    dialog = open_as("member")
    select(dialog, "Bob (you)")
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    assert dialog.password_box.isVisible() and dialog.password_current.isVisible()
    assert dialog.password_box.title() == "Change your password"
    dialog.password_current.setText("not my password")
    dialog.password_new.setText("bob's brand new phrase")
    dialog.password_again.setText("bob's brand new phrase")
    qtbot.mouseClick(dialog.password_save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.password_current_error.isVisible())
    assert dialog.password_current_error.text() == "The current password is not right."
    dialog.password_current.setText(BOB_PW)
    with qtbot.waitSignal(dialog._vm.password_saved):
        qtbot.mouseClick(dialog.password_save_button, Qt.MouseButton.LeftButton)
    assert not dialog.password_box.isVisible()
    assert run(AuthService(db, hashing=CHEAP).sign_in("Bob", "bob's brand new phrase")).name == "Bob"


def test_members_dialog_admin_sets_a_forgotten_password(qtbot, open_as, run, db):
    """The administrator sets another member's password without the current one; weak ones are refused."""
    dialog = open_as("admin")
    select(dialog, "Cat")
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    assert not dialog.password_current.isVisible()
    dialog.password_new.setText("cat")
    dialog.password_again.setText("dog")
    qtbot.mouseClick(dialog.password_save_button, Qt.MouseButton.LeftButton)
    assert "too short" in dialog.password_new_error.text()
    assert dialog.password_again_error.text() == "The two passwords differ: type the same password twice."
    dialog.password_new.setText("cats like long naps")
    dialog.password_again.setText("cats like long naps")
    with qtbot.waitSignal(dialog._vm.accounts_loaded):
        qtbot.mouseClick(dialog.password_save_button, Qt.MouseButton.LeftButton)
    assert rows(dialog)[2] == ["Cat", "cat@example.org", "Member", "Set"]
    assert run(AuthService(db, hashing=CHEAP).sign_in("cat@example.org", "cats like long naps")).name == "Cat"
