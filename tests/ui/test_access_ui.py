"""The window offers a signed-in member only what the access policy allows, and says why not.

Bob (a member) looks at Ann's public source: editing, archiving and deleting it, adding readings
and changing Ann's readings are disabled, each with the policy's reason as its tooltip. On Ann's
source that lets members add readings, Bob adds and changes his own readings but not Ann's. In the
meter round, a source Bob may not add readings to is shown without an input. Screenshots (the
window, and each disabled action with its tooltip) go to /tmp/actor/shots.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QPushButton, QToolBar, QToolTip, QWidget

from homelog_desktop.domain.access import Actor, Role
from homelog_desktop.domain.entities import Member
from homelog_desktop.repositories import MemberRepository, ReadingRepository, SourceRepository
from homelog_desktop.repositories.member_passwords import MemberPasswordRepository
from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
from homelog_desktop.viewmodels.permissions import Permissions
from homelog_desktop.views.main.actions import SPECS, Act
from homelog_desktop.views.meter_round import MeterRoundDialog
from tests.conftest import T0, make_reading, make_source
from tests.ui.test_main_window import open_window, settle, table  # noqa: F401  (open_window: a fixture)

SHOTS = Path("/tmp/actor/shots")
OWNER_ONLY = "Only Ann (the owner) or the administrator can {}."

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def household(run, db):
    """Ann (administrator) owns a public source and one that lets members add readings; Bob is a member."""

    async def build():
        async with db.session() as session:
            ann = await MemberRepository(session).add(Member(None, "Ann"))
            bob = await MemberRepository(session).add(Member(None, "Bob"))
            await MemberPasswordRepository(session).set_role(ann.id, Role.ADMIN)
            sources = SourceRepository(session)
            public = await sources.add(make_source("Ann's gas meter", owner_id=ann.id, is_public=True))
            shared = await sources.add(
                make_source("Shared water", owner_id=ann.id, is_public=True, members_may_add_readings=True)
            )
            readings = ReadingRepository(session)
            await readings.add(public, make_reading(public, T0, "1000.0", "500.0", entered_by=ann.id))
            await readings.add(shared, make_reading(shared, T0, "10.0", "5.0", entered_by=ann.id))
            later = T0 + timedelta(days=1)
            await readings.add(shared, make_reading(shared, later, "11.0", "5.5", entered_by=bob.id))
        return Actor(ann.id, Role.ADMIN), Actor(bob.id, Role.MEMBER), public, shared

    return run(build())


def show(qtbot, window, source):
    window.open_source(source.id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.current_source() is not None and window.current_source().id == source.id)
    settle(qtbot, window)


def select_row(qtbot, window, row):
    view = table(window)
    view.setCurrentIndex(window.readings_model.index(row, 0))
    view.selectRow(row)
    settle(qtbot, window)


def row_of_author(window, name):
    model = window.readings_model
    return next(r for r in range(model.rowCount()) if model.reading_at(r).entered_by_name == name)


def tool_button(window, act):
    toolbar = window.findChild(QToolBar, "mainToolbar")
    return toolbar.widgetForAction(window.action(act))


def with_tooltip(qtbot, widget: QWidget, text: str, name: str) -> None:
    """Save the window of ``widget`` with ``text`` shown as a tooltip under it (offscreen, composed)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    window = widget.window()
    below = widget.mapTo(window, QPoint(widget.width() // 2, widget.height() + 4))
    QToolTip.showText(widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() + 4)), text, widget)
    qtbot.waitUntil(QToolTip.isVisible)
    tip = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible())
    base = window.grab()
    tip_image = tip.grab()
    canvas = QPixmap(base.size())
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, base)
    x = max(0, min(below.x() - tip_image.width() // 2, base.width() - tip_image.width()))
    painter.drawPixmap(x, below.y(), tip_image)
    painter.end()
    canvas.save(str(SHOTS / f"{name}.png"))
    QToolTip.hideText()


def test_access_ui_a_member_sees_the_owners_actions_disabled_with_the_reason(qtbot, open_window, household, db):  # noqa: F811 (the fixture)
    """On Ann's public source Bob's edit, archive, delete, add and reading actions are off, each saying why."""
    _ann, bob, public, _shared = household
    db.sign_in_as(bob)
    window = open_window()
    window.resize(1000, 640)
    show(qtbot, window, public)
    select_row(qtbot, window, 0)

    expected = {
        Act.EDIT_SOURCE: OWNER_ONLY.format("change this source"),
        Act.ARCHIVE_SOURCE: OWNER_ONLY.format("change this source"),
        Act.DELETE_SOURCE: OWNER_ONLY.format("delete this source"),
        Act.ADD_READING: OWNER_ONLY.format("add readings to this source"),
        Act.EDIT_READING: "Only Ann (who entered it), Ann (the owner) or the administrator can change this reading.",
        Act.DELETE_READING: "Only Ann (who entered it), Ann (the owner) or the administrator can delete this reading.",
    }
    for act, reason in expected.items():
        action: QAction = window.action(act)
        assert not action.isEnabled(), act
        assert action.toolTip() == reason
    button = window.findChild(QPushButton, "editSourceButton")
    assert not button.isEnabled() and button.toolTip() == expected[Act.EDIT_SOURCE]
    assert window.action(Act.EXPORT_READINGS).isEnabled()  # seeing is allowed: so is exporting
    from PySide6.QtWidgets import QLabel

    assert window.findChild(QLabel, "sourceDetails").text().endswith(" · Ann's, public")

    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "member_on_public_source.png"))
    with_tooltip(qtbot, button, button.toolTip(), "edit_source_refused")
    add = tool_button(window, Act.ADD_READING)
    with_tooltip(qtbot, add, add.toolTip(), "add_reading_refused")
    delete = tool_button(window, Act.DELETE_READING)
    with_tooltip(qtbot, delete, delete.toolTip(), "delete_reading_refused")
    window.resize(800, 600)
    settle(qtbot, window)
    with_tooltip(qtbot, button, button.toolTip(), "edit_source_refused_800x600")


def test_access_ui_a_member_changes_their_own_readings_where_members_may_add(qtbot, open_window, household, db):  # noqa: F811 (the fixture)
    """On the shared source Bob may add readings and change his own, not Ann's."""
    _ann, bob, _public, shared = household
    db.sign_in_as(bob)
    window = open_window()
    show(qtbot, window, shared)
    assert window.action(Act.ADD_READING).isEnabled()
    assert window.action(Act.ADD_READING).toolTip() == SPECS[Act.ADD_READING].tip
    assert not window.action(Act.EDIT_SOURCE).isEnabled()

    select_row(qtbot, window, row_of_author(window, "Bob"))
    assert window.action(Act.EDIT_READING).isEnabled() and window.action(Act.DELETE_READING).isEnabled()
    select_row(qtbot, window, row_of_author(window, "Ann"))
    assert not window.action(Act.EDIT_READING).isEnabled()
    assert window.action(Act.EDIT_READING).toolTip().startswith("Only Ann (who entered it)")
    table(window).selectAll()
    settle(qtbot, window)
    assert not window.action(Act.DELETE_READING).isEnabled()


def test_access_ui_the_owner_and_a_notebook_without_passwords_are_not_restricted(qtbot, open_window, household, db):  # noqa: F811 (the fixture)
    """Ann (owner, administrator) and a household where nobody signs in get every action, with the usual tips."""
    ann, _bob, public, _shared = household
    for actor in (ann, None):
        db.sign_in_as(actor)
        window = open_window()
        show(qtbot, window, public)
        select_row(qtbot, window, 0)
        for act in (Act.EDIT_SOURCE, Act.DELETE_SOURCE, Act.ADD_READING, Act.EDIT_READING, Act.DELETE_READING):
            assert window.action(act).isEnabled(), (actor, act)
            assert window.action(act).toolTip() == SPECS[act].tip
        assert window.findChild(QPushButton, "editSourceButton").isEnabled()


def test_access_ui_meter_round_shows_refused_sources_without_an_input(qtbot, run, db, household):
    """In Bob's meter round Ann's public source has a disabled input saying why; the shared one takes values."""
    _ann, bob, public, shared = household
    db.sign_in_as(bob)
    vm = MeterRoundViewModel(db, permissions=Permissions(db))
    dialog = MeterRoundDialog(vm)
    qtbot.addWidget(dialog)
    dialog.resize(800, 600)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.rows) and not vm.busy)
    dialog._show_all.setChecked(True)  # every source, due or not
    SHOTS.mkdir(parents=True, exist_ok=True)
    refused = [row for row in dialog.rows if row.line.source.id == public.id]
    open_ = [row for row in dialog.rows if row.line.source.id == shared.id]
    assert refused and open_
    for row in refused:
        assert not row.edit.isEnabled()
        assert row.edit.toolTip() == OWNER_ONLY.format("add readings to this source")
    assert all(row.edit.isEnabled() for row in open_)
    assert all(row.edit not in dialog.edits() for row in refused)
    with_tooltip(qtbot, refused[0].edit, refused[0].edit.toolTip(), "meter_round_refused")
    run(vm.close())


def test_access_ui_a_members_new_source_is_theirs(qtbot, db, household):
    """Bob's new source shows him as its owner, the owner box disabled with the reason; Ann may choose."""
    from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
    from homelog_desktop.views.source_dialog import SourceDialog

    ann, bob, _public, _shared = household
    for actor, may_choose in ((bob, False), (ann, True)):
        db.sign_in_as(actor)
        vm = SourceEditorViewModel(db, None, permissions=Permissions(db))
        dialog = SourceDialog(vm)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(vm.members_loaded):
            dialog.show()
        combo = dialog.owner_combo
        assert combo.isEnabled() is may_choose
        if not may_choose:
            assert combo.currentText() == "Bob"
            assert combo.toolTip() == "Only the administrator can give a source to another member."
            assert dialog.current_source() == dialog._initial  # nothing typed: nothing to discard
            with_tooltip(qtbot, combo, combo.toolTip(), "new_source_owner_fixed")
        dialog.reject()


def test_access_ui_a_member_enters_readings_in_their_own_name(qtbot, db, household):
    """Bob's new reading names him, the "Entered by" box disabled with the reason; Ann may name anyone."""
    from PySide6.QtWidgets import QComboBox

    from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
    from homelog_desktop.views.reading_dialog import ReadingDialog

    ann, bob, _public, shared = household
    for actor, may_choose in ((bob, False), (ann, True)):
        db.sign_in_as(actor)
        vm = ReadingEditorViewModel(db, shared, None, ann.member_id, permissions=Permissions(db))
        dialog = ReadingDialog(vm)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda vm=vm: vm.context is not None and not vm.busy and bool(vm.members))
        combo = dialog.findChild(QComboBox, "enteredByCombo")
        assert combo.isEnabled() is may_choose
        assert combo.currentText() == ("Ann" if may_choose else "Bob")
        if not may_choose:
            assert combo.toolTip() == "Only the administrator can record a reading in another member's name."
            with_tooltip(qtbot, combo, combo.toolTip(), "reading_author_fixed")
        dialog.reject()


def test_access_ui_a_member_may_not_record_a_meter_change_on_anothers_source(qtbot, db, household):
    """A lower value on the shared source offers "Meter replaced…" to Bob disabled, saying whose it is."""
    from PySide6.QtWidgets import QLineEdit

    from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
    from homelog_desktop.views.reading_dialog import ReadingDialog

    _ann, bob, _public, shared = household
    db.sign_in_as(bob)
    vm = ReadingEditorViewModel(db, shared, None, None, permissions=Permissions(db))
    dialog = ReadingDialog(vm)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: vm.context is not None and not vm.busy)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "valueEdit_0"), "3")
    replaced = dialog.findChild(QPushButton, "meterReplacedButton_0")
    qtbot.waitUntil(replaced.isVisible)
    assert not replaced.isEnabled()
    assert replaced.toolTip() == OWNER_ONLY.format("record or change this source's meter changes")
    with_tooltip(qtbot, replaced, replaced.toolTip(), "meter_change_refused")
    dialog.reject()


def test_access_ui_import_lists_refused_sources_disabled_with_the_reason(qtbot, db, household, tmp_path):
    """In Bob's import wizard Ann's public source is listed but not choosable, its tooltip saying why."""
    from homelog_desktop.viewmodels.importing import ImportViewModel
    from homelog_desktop.views.import_wizard import ImportWizard
    from tests.ui.test_import_wizard import PAGE_MAPPING, forward

    _ann, bob, public, shared = household
    db.sign_in_as(bob)
    path = tmp_path / "water.csv"
    path.write_text("Date,Day,Night\n2024-01-01,1,1\n", encoding="utf-8")
    vm = ImportViewModel(db, path, tmp_path / "profiles", permissions=Permissions(db))
    wizard = ImportWizard(vm)
    qtbot.addWidget(wizard)
    wizard.resize(800, 600)
    wizard.show()
    qtbot.waitUntil(lambda: vm.detected is not None and not vm.busy, timeout=10_000)
    forward(qtbot, wizard, PAGE_MAPPING)
    combo = wizard.mapping_page.source_combo
    items = {combo.itemText(i): combo.model().item(i) for i in range(combo.count())}
    assert not items[public.name].isEnabled()
    assert items[public.name].toolTip() == OWNER_ONLY.format("add readings to this source")
    assert items[shared.name].isEnabled()
    wizard.mapping_page.existing_radio.click()
    assert combo.currentText() == shared.name  # the first source Bob may import into
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.view().isVisible())
    SHOTS.mkdir(parents=True, exist_ok=True)
    popup = combo.view().window().grab()
    base = wizard.grab()
    painter = QPainter(base)
    painter.drawPixmap(combo.mapTo(wizard, QPoint(0, combo.height())), popup)
    painter.end()
    base.save(str(SHOTS / "import_into_refused.png"))
    combo.hidePopup()
    wizard.close()
