"""MembersDialog with pytest-qt on a real database: empty state, add, edit and remove members."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from homelog_desktop.domain.entities import Member
from homelog_desktop.viewmodels.members import MembersViewModel
from homelog_desktop.views.members_dialog import EMPTY_TEXT, MEMBER_ROLE, MembersDialog


@pytest.fixture
def open_dialog(qtbot, db):
    def factory() -> MembersDialog:
        vm = MembersViewModel(db)
        dialog = MembersDialog(vm)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(vm.members_loaded):
            dialog.show()
        return dialog

    return factory


def listed(dialog: MembersDialog) -> list[tuple[str, str]]:
    items = [dialog.member_list.topLevelItem(i) for i in range(dialog.member_list.topLevelItemCount())]
    return [(item.text(0), item.text(1)) for item in items if item is not None]


def select(dialog: MembersDialog, name: str) -> None:
    for i in range(dialog.member_list.topLevelItemCount()):
        item = dialog.member_list.topLevelItem(i)
        if item is not None and item.text(0) == name:
            dialog.member_list.setCurrentItem(item)
            return
    raise AssertionError(f"{name} is not listed")


def fill_form(qtbot, dialog: MembersDialog, name: str, email: str) -> None:
    dialog.form_name.clear()
    dialog.form_email.clear()
    qtbot.keyClicks(dialog.form_name, name)
    qtbot.keyClicks(dialog.form_email, email)


def test_members_dialog_empty_state(open_dialog):
    """Without members the dialog says so and offers Add; Edit and Remove are off."""
    dialog = open_dialog()

    assert dialog.objectName() == "membersDialog"
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert dialog.empty_label.text() == EMPTY_TEXT
    assert dialog.add_button.isEnabled()
    assert not dialog.edit_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert not dialog.form_box.isVisible()


def test_members_dialog_lists_members_with_email(open_dialog, add_member):
    """Members are listed by name with their e-mail (blank when none) in the second column."""
    add_member("Chris", "chris@example.org")
    add_member("Ann", "ann@example.org")
    add_member("Bob")

    dialog = open_dialog()

    assert dialog.stack.currentWidget() is dialog.member_list
    assert listed(dialog) == [("Ann", "ann@example.org"), ("Bob", ""), ("Chris", "chris@example.org")]
    item = dialog.member_list.topLevelItem(0)
    assert item is not None and item.data(0, MEMBER_ROLE).name == "Ann"


def test_members_dialog_add_member_with_form(qtbot, open_dialog, stored_members):
    """Add opens the form; typing a name and e-mail and pressing Enter stores the member."""
    dialog = open_dialog()

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.form_box.isVisible() and dialog.form_box.title() == "Add member"
    assert dialog.form_name.hasFocus()
    fill_form(qtbot, dialog, "Ann", "ann@example.org")
    with qtbot.waitSignal(dialog._vm.saved):
        qtbot.keyClick(dialog.form_email, Qt.Key.Key_Return)

    assert dialog.isVisible(), "Enter saves the member, it does not close the dialog"
    assert not dialog.form_box.isVisible()
    assert listed(dialog) == [("Ann", "ann@example.org")]
    assert dialog.selected_member() is not None and dialog.selected_member().name == "Ann"
    assert [(m.name, m.email) for m in stored_members()] == [("Ann", "ann@example.org")]


def test_members_dialog_empty_name_shown_inline(qtbot, open_dialog, stored_members):
    """Saving the form without a name shows the problem under Name and stores nothing."""
    dialog = open_dialog()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, dialog, "", "someone@example.org")

    qtbot.mouseClick(dialog.form_save_button, Qt.MouseButton.LeftButton)

    assert dialog.form_box.isVisible()
    assert dialog.form_name_error.isVisible() and "Name is required" in dialog.form_name_error.text()
    assert dialog.form_email.text() == "someone@example.org"
    assert stored_members() == []


def test_members_dialog_duplicate_email_shown_inline(qtbot, open_dialog, add_member, stored_members):
    """An e-mail another member has is refused and shown under E-mail; the form keeps its text."""
    ann = add_member("Ann", "ann@example.org")
    dialog = open_dialog()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, dialog, "Annie", "ANN@example.org")

    with qtbot.waitSignal(dialog._vm.error_occurred):
        qtbot.mouseClick(dialog.form_save_button, Qt.MouseButton.LeftButton)

    assert dialog.form_box.isVisible()
    assert dialog.form_email_error.isVisible()
    assert "already belongs to another member" in dialog.form_email_error.text()
    assert not dialog.form_name_error.isVisible()
    assert (dialog.form_name.text(), dialog.form_email.text()) == ("Annie", "ANN@example.org")
    assert stored_members() == [ann]

    qtbot.keyClicks(dialog.form_email, "x")
    assert not dialog.form_email_error.isVisible(), "the message goes once the e-mail is edited"


def test_members_dialog_edit_member(qtbot, open_dialog, add_member, stored_members):
    """Edit fills the form with the member; saving stores the change under the same id."""
    bob = add_member("Bob", "bob@example.org")
    dialog = open_dialog()
    select(dialog, "Bob")

    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.form_box.title() == "Edit member"
    assert (dialog.form_name.text(), dialog.form_email.text()) == ("Bob", "bob@example.org")
    fill_form(qtbot, dialog, "Robert", "")
    with qtbot.waitSignal(dialog._vm.saved):
        qtbot.mouseClick(dialog.form_save_button, Qt.MouseButton.LeftButton)

    assert listed(dialog) == [("Robert", "")]
    assert stored_members() == [Member(bob.id, "Robert", None)]


def test_members_dialog_escape_closes_form_first(qtbot, open_dialog):
    """Escape with the form open cancels the form and leaves the dialog open."""
    dialog = open_dialog()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    qtbot.keyClick(dialog.form_name, Qt.Key.Key_Escape)

    assert not dialog.form_box.isVisible()
    assert dialog.isVisible()


def test_members_dialog_remove_asks_then_deletes(qtbot, open_dialog, add_member, stored_members):
    """Remove asks first (Cancel keeps the member); confirming deletes it and updates the list."""
    add_member("Ann")
    bob = add_member("Bob")
    dialog = open_dialog()
    select(dialog, "Ann")

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, "removeMemberBox")
    assert box is not None and box.isVisible()
    assert "Ann" in box.text() and "Readings they entered are kept" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(stored_members()) == 2

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = next(b for b in dialog.findChildren(QMessageBox, "removeMemberBox") if b.isVisible())
    destructive = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(dialog._vm.members_loaded):
        destructive.click()

    assert listed(dialog) == [("Bob", "")]
    assert stored_members() == [bob]


def test_members_dialog_removing_last_member_shows_empty_state(qtbot, open_dialog, add_member):
    """When the last member goes, the empty-state text comes back."""
    add_member("Ann")
    dialog = open_dialog()
    select(dialog, "Ann")

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = next(b for b in dialog.findChildren(QMessageBox, "removeMemberBox") if b.isVisible())
    destructive = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(dialog._vm.members_loaded):
        destructive.click()

    assert dialog.stack.currentWidget() is dialog.empty_label
    assert not dialog.remove_button.isEnabled()


def discard_box(dialog: MembersDialog) -> QMessageBox | None:
    """The visible "Discard …?" question over ``dialog``, if any (never more than one)."""
    boxes = [b for b in dialog.findChildren(QMessageBox, "discardMemberBox") if b.isVisible()]
    assert len(boxes) <= 1
    return boxes[0] if boxes else None


def answer(qtbot, box: QMessageBox, button: str) -> None:
    qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)


def close_button(dialog: MembersDialog) -> QPushButton:
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Close)


def test_members_dialog_close_with_empty_form_closes_at_once(qtbot, open_dialog, add_member):
    """An open form nobody typed into (or an Edit left as it was) does not hold the dialog back."""
    add_member("Bob")
    dialog = open_dialog()
    select(dialog, "Bob")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(close_button(dialog), Qt.MouseButton.LeftButton)

    assert discard_box(dialog) is None
    assert not dialog.isVisible()


def test_members_dialog_close_with_typed_name_asks(qtbot, open_dialog, stored_members):
    """Close with a typed name asks; "Keep editing" keeps the form, "Discard" closes and stores nothing."""
    dialog = open_dialog()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, dialog, "Carol", "carol@example.org")

    qtbot.mouseClick(close_button(dialog), Qt.MouseButton.LeftButton)
    box = discard_box(dialog)
    assert box is not None and box.text() == "Discard this new member?"
    dialog.close()  # the window's close button while asking: still one question
    assert dialog.isVisible() and discard_box(dialog) is box
    answer(qtbot, box, "keepEditingButton")

    assert dialog.isVisible() and dialog.form_box.isVisible()
    assert (dialog.form_name.text(), dialog.form_email.text()) == ("Carol", "carol@example.org")

    dialog.close()
    box = discard_box(dialog)
    assert box is not None
    answer(qtbot, box, "discardButton")

    assert not dialog.isVisible()
    assert stored_members() == []


def test_members_dialog_escape_with_changed_member_asks(qtbot, open_dialog, add_member, stored_members):
    """Esc in a changed Edit form asks; "Discard" closes the form only and keeps the stored member."""
    bob = add_member("Bob", "bob@example.org")
    dialog = open_dialog()
    select(dialog, "Bob")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.form_name, "by")

    qtbot.keyClick(dialog.form_name, Qt.Key.Key_Escape)
    box = discard_box(dialog)
    assert box is not None and box.text() == "Discard your changes to this member?"
    answer(qtbot, box, "discardButton")

    assert dialog.isVisible() and not dialog.form_box.isVisible()
    assert stored_members() == [bob]


def test_members_dialog_saved_form_closes_without_question(qtbot, open_dialog, stored_members):
    """After "Save member" the form is gone and Close needs no question."""
    dialog = open_dialog()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    fill_form(qtbot, dialog, "Carol", "")
    with qtbot.waitSignal(dialog._vm.saved):
        qtbot.mouseClick(dialog.form_save_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(close_button(dialog), Qt.MouseButton.LeftButton)

    assert discard_box(dialog) is None
    assert not dialog.isVisible()
    assert [m.name for m in stored_members()] == ["Carol"]
