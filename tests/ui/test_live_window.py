"""Several PCs on one household: another PC's reading appears in the window without F5; a second
save of the same reading or source asks Reload / Overwrite / Keep Editing; a lost server shows
"Reconnecting…", keeps what the form holds, and carries on when the server is back."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from homelog_desktop.db import Database
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
from homelog_desktop.viewmodels.workspace import make_workspace
from homelog_desktop.views.conflict_dialog import KEEP_EDITING, OVERWRITE, RELOAD
from homelog_desktop.views.main.actions import Act
from homelog_desktop.views.main.window import MainWindow
from homelog_desktop.views.reading_dialog import ReadingDialog
from homelog_desktop.views.source_dialog import SourceDialog
from tests.conftest import T0, make_reading, make_source
from tests.live_support import RestartableServer, TwoPCs
from tests.ui.test_main_window import settle

pytestmark = pytest.mark.usefixtures("isolated_settings")

SHOTS = Path("/tmp/live/shots")


def shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def window_on(qtbot, run):
    """Bind a main window to ``db`` as the app does; the workspace is closed afterwards."""
    opened = []

    def opener(db: Database, location: str) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window, before_close_func=lambda w: w.unbind())
        workspace = make_workspace(db, location)
        opened.append(workspace)
        with qtbot.waitSignal(window.first_data_shown):
            window.bind(workspace)
            window.show()
        settle(qtbot, window)
        if window.findChild(QWidget, "dashboardPage").isVisible():
            window.action(Act.SHOW_READINGS).trigger()
            settle(qtbot, window)
        return window

    yield opener
    for workspace in opened:
        run(workspace.close())


def _store(run, db, source, *readings):
    async def go():
        async with db.session() as session:
            return [await ReadingRepository(session).add(source, r) for r in readings]

    return run(go())


def _update(run, db, source, reading):
    async def go():
        async with db.session() as session:
            return await ReadingRepository(session).update(source, reading)

    return run(go())


def _get(run, db, source, reading_id):
    async def go():
        async with db.session(readonly=True) as session:
            return await ReadingRepository(session).get(source, reading_id)

    return run(go())


def _open_reading_dialog(qtbot, db, source, reading=None, window=None):
    """The reading dialog, with its view model from ``window``'s workspace (wired to its hub) if given."""
    if window is not None:
        vm = window.workspace.reading_editor(source, reading, None)
    else:
        vm = ReadingEditorViewModel(db, source, reading)
    dialog = ReadingDialog(vm)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: vm.context is not None and not vm.busy)
    return dialog, vm


def _value_edit(dialog) -> QLineEdit:
    return dialog.findChild(QLineEdit, "valueEdit_0")


# -- live updates ------------------------------------------------------------------------------


def test_live_window_another_pcs_reading_appears_without_refresh(two_pg_pcs: TwoPCs, window_on, qtbot, run):
    """Ann adds a reading on her PC: Bob's open table shows it, with no F5."""
    pcs = two_pg_pcs
    window = window_on(pcs.bob_db, pcs.url)
    window.open_source(pcs.source.id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace.live.connected is True)
    assert window.readings_model.rowCount() == 0

    _store(run, pcs.ann_db, pcs.source, make_reading(pcs.source, T0, "100.0"))

    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.sources_model.summary_at(0).last_reading_at == T0)
    assert not window.live_bar.isVisible()


def test_live_window_sqlite_notices_another_programs_commit(db, db_path, window_on, add_source, qtbot, run):
    """On a local file, a reading stored by another program (another connection: the command line's
    ``homelog add``) shows in the open window without F5 (PRAGMA data_version is polled)."""
    source = add_source("House")
    window = window_on(db, str(db_path))
    window.open_source(source.id)
    settle(qtbot, window)
    other = Database(db.url)
    try:
        _store(run, other, source, make_reading(source, T0, "100.0"))
        qtbot.waitUntil(lambda: window.readings_model.rowCount() == 1, timeout=10_000)
    finally:
        run(other.dispose())


# -- conflicts ---------------------------------------------------------------------------------


def _conflicting_reading_save(two_pcs: TwoPCs, qtbot, run):
    """Bob opens a reading; Ann changes it; Bob types 105.0 and saves: the question is open."""
    pcs = two_pcs
    [stored] = _store(run, pcs.ann_db, pcs.source, make_reading(pcs.source, T0, "100.0"))
    dialog, vm = _open_reading_dialog(qtbot, pcs.bob_db, pcs.source, stored)
    metric_id = pcs.source.metrics[0].id
    _update(run, pcs.ann_db, pcs.source, replace(stored, values={metric_id: Decimal("101.0")}))
    _value_edit(dialog).setText("105.0")
    dialog.findChild(QPushButton, "saveButton").click()
    qtbot.waitUntil(lambda: dialog.conflict_question is not None and dialog.conflict_question.isVisible())
    return dialog, vm, stored


def test_live_window_reading_conflict_names_who_and_reloads(two_pcs: TwoPCs, qtbot, run):
    """The second save is refused naming Ann; Reload shows her value, and Bob's next save goes through."""
    dialog, _vm, stored = _conflicting_reading_save(two_pcs, qtbot, run)
    question = dialog.conflict_question
    assert "changed by Ann at" in question.text()
    assert _get(run, two_pcs.bob_db, two_pcs.source, stored.id).values[two_pcs.source.metrics[0].id] == Decimal("101.0")
    if two_pcs.url.startswith("postgresql"):
        shot(question, "conflict_question")

    question.choice_button(RELOAD).click()
    qtbot.waitUntil(lambda: _value_edit(dialog).text() == "101.0")
    assert dialog.isVisible()

    _value_edit(dialog).setText("106.0")
    with qtbot.waitSignal(dialog.accepted):
        dialog.findChild(QPushButton, "saveButton").click()
    assert _get(run, two_pcs.ann_db, two_pcs.source, stored.id).values[two_pcs.source.metrics[0].id] == Decimal("106.0")


def test_live_window_reading_conflict_overwrite_saves_mine(two_pcs: TwoPCs, qtbot, run):
    """Overwrite saves Bob's value over Ann's."""
    dialog, _vm, stored = _conflicting_reading_save(two_pcs, qtbot, run)

    with qtbot.waitSignal(dialog.accepted):
        dialog.conflict_question.choice_button(OVERWRITE).click()

    stored_now = _get(run, two_pcs.ann_db, two_pcs.source, stored.id)
    assert stored_now.values[two_pcs.source.metrics[0].id] == Decimal("105.0")


def test_live_window_reading_conflict_keep_editing_keeps_the_form(two_pcs: TwoPCs, qtbot, run):
    """Keep Editing: nothing stored, the typed value stays, and the form says what happened."""
    dialog, _vm, stored = _conflicting_reading_save(two_pcs, qtbot, run)

    dialog.conflict_question.choice_button(KEEP_EDITING).click()

    qtbot.waitUntil(lambda: dialog.conflict_question is None)
    assert _value_edit(dialog).text() == "105.0"
    assert dialog.isVisible()
    metric_id = two_pcs.source.metrics[0].id
    assert _get(run, two_pcs.ann_db, two_pcs.source, stored.id).values[metric_id] == Decimal("101.0")
    assert "Save again to overwrite it." in dialog.findChild(QLabel, "errorBannerText").text()

    with qtbot.waitSignal(dialog.accepted):  # as the form says: saving again overwrites
        dialog.findChild(QPushButton, "saveButton").click()
    assert _get(run, two_pcs.ann_db, two_pcs.source, stored.id).values[metric_id] == Decimal("105.0")


def test_live_window_source_conflict_keep_editing_then_save_overwrites(two_pcs: TwoPCs, qtbot, run):
    """In the source dialog too, Keep Editing keeps the form, and the next Save overwrites."""
    pcs = two_pcs
    vm = SourceEditorViewModel(pcs.bob_db, pcs.source)
    dialog = SourceDialog(vm)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(vm.value_counts_loaded):
        dialog.show()

    async def ann_edits():
        async with pcs.ann_db.session() as session:
            await SourceRepository(session).update(replace(pcs.source, description="Ann's meter"))

    async def stored():
        async with pcs.ann_db.session(readonly=True) as session:
            return await SourceRepository(session).get(pcs.source.id)

    run(ann_edits())
    dialog.description_edit.setPlainText("Bob's meter")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.conflict_question is not None and dialog.conflict_question.isVisible())
    dialog.conflict_question.choice_button(KEEP_EDITING).click()
    qtbot.waitUntil(lambda: dialog.conflict_question is None)
    assert dialog.description_edit.toPlainText() == "Bob's meter"
    assert run(stored()).description == "Ann's meter"

    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert run(stored()).description == "Bob's meter"


@pytest.mark.parametrize("choice", [RELOAD, OVERWRITE])
def test_live_window_source_conflict_reload_or_overwrite(two_pcs: TwoPCs, qtbot, run, choice):
    """Two members edit the same source: Bob's save asks; Reload shows Ann's, Overwrite stores Bob's."""
    pcs = two_pcs
    vm = SourceEditorViewModel(pcs.bob_db, pcs.source)
    dialog = SourceDialog(vm)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(vm.value_counts_loaded):
        dialog.show()

    async def ann_edits():
        async with pcs.ann_db.session() as session:
            await SourceRepository(session).update(replace(pcs.source, description="Ann's meter"))

    run(ann_edits())
    dialog.description_edit.setPlainText("Bob's meter")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.conflict_question is not None and dialog.conflict_question.isVisible())
    assert "This source was changed by Ann" in dialog.conflict_question.text()

    if choice == RELOAD:
        dialog.conflict_question.choice_button(RELOAD).click()
        qtbot.waitUntil(lambda: dialog.description_edit.toPlainText() == "Ann's meter")
        assert dialog.isVisible()
    else:
        with qtbot.waitSignal(dialog.accepted):
            dialog.conflict_question.choice_button(OVERWRITE).click()

    async def stored():
        async with pcs.ann_db.session(readonly=True) as session:
            return await SourceRepository(session).get(pcs.source.id)

    assert run(stored()).description == ("Ann's meter" if choice == RELOAD else "Bob's meter")


# -- a lost server -----------------------------------------------------------------------------


def test_live_window_reconnects_and_keeps_the_form(restartable_server: RestartableServer, window_on, qtbot, run):
    """The server stops: "Reconnecting…"; a save fails with the typed value kept; the server is back:
    the banner says so, and the same save goes through."""
    server = restartable_server
    db = Database(server.url())

    async def seed():
        async with db.session() as session:
            return await SourceRepository(session).add(make_source("House"))

    source = run(seed())
    window = window_on(db, server.url())
    window.resize(800, 600)
    window.open_source(source.id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace.live.connected is True)
    dialog, vm = _open_reading_dialog(qtbot, db, source, window=window)
    _value_edit(dialog).setText("123.4")

    server.stop()
    qtbot.waitUntil(lambda: window.live_bar.isVisible(), timeout=10_000)
    assert window.live_bar.text.startswith("Reconnecting to the server…")
    shot(window, "reconnecting_800x600")

    with qtbot.waitSignal(vm.error_occurred) as failed:
        dialog.findChild(QPushButton, "saveButton").click()
    assert "server" in failed.args[0]
    assert dialog.isVisible() and _value_edit(dialog).text() == "123.4"
    shot(dialog, "reconnecting_save_failed")

    server.start()
    qtbot.waitUntil(lambda: window.live_bar.text.startswith("Connected to the server again"), timeout=15_000)
    with qtbot.waitSignal(dialog.accepted):
        dialog.findChild(QPushButton, "saveButton").click()
    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 1)
    run(db.dispose())


def test_live_window_tariff_conflict_in_the_source_dialog(two_pcs: TwoPCs, qtbot, run):
    """Ann changes a tariff while Bob has the source open: his save (which stores the tariffs as a
    whole) asks, naming her; Overwrite stores his tariffs."""
    from datetime import date

    from homelog_desktop.domain.entities import Tariff
    from homelog_desktop.repositories import TariffRepository

    pcs = two_pcs
    metric_id = pcs.source.metrics[0].id

    async def tariffs(db, change=None):
        async with db.session() as session:
            repo = TariffRepository(session)
            if change is not None:
                await change(repo)
            return await repo.for_metric(metric_id)

    async def add(repo):
        await repo.add(Tariff(None, metric_id, date(2025, 1, 1), Decimal("0.30")))

    [opened] = run(tariffs(pcs.ann_db, add))
    vm = SourceEditorViewModel(pcs.bob_db, pcs.source)
    dialog = SourceDialog(vm)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(vm.changes_loaded):
        dialog.show()

    async def ann_changes(repo):
        await repo.update(replace(opened, unit_price=Decimal("0.35")))

    run(tariffs(pcs.ann_db, ann_changes))
    dialog.description_edit.setPlainText("Bob's meter")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.conflict_question is not None and dialog.conflict_question.isVisible())
    assert "This tariff was changed by Ann" in dialog.conflict_question.text()

    with qtbot.waitSignal(dialog.accepted):
        dialog.conflict_question.choice_button(OVERWRITE).click()
    [stored] = run(tariffs(pcs.ann_db))
    assert stored.unit_price == Decimal("0.30")  # Bob's form held the tariff as it was when he opened it
