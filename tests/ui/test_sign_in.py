"""Signing in with pytest-qt on real files: the sign-in dialog (refusal, throttle, remembered member)
and the app's start-up, Switch Member and Sign Out through the composition root."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel

from homelog_desktop.config import AppPaths
from homelog_desktop.controller import AppController
from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.access import Role
from homelog_desktop.services.auth import WRONG_CREDENTIALS, AuthService, SignInThrottle
from homelog_desktop.services.members import MemberService
from homelog_desktop.viewmodels.sign_in import SignInViewModel
from homelog_desktop.views.error_dialog import ErrorHandler
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from homelog_desktop.views.sign_in_dialog import SignInDialog, remember_login
from tests.integration.test_auth import CHEAP, Clock

ANN_PW, BOB_PW = "ann's long passphrase", "bob-Secret-2026"


async def make_household(path: Path, *, passwords: bool = True) -> None:
    db = Database(sqlite_url(path))
    try:
        await migrate(db)
        service = MemberService(db)
        ann, _ = await service.add("Ann", "ann@example.org")
        bob, _ = await service.add("Bob", None)
        if passwords:
            auth = AuthService(db, hashing=CHEAP)
            await auth.reset_password(None, ann.id, ANN_PW)
            await auth.reset_password(None, bob.id, BOB_PW)
    finally:
        await db.dispose()


@pytest.fixture
def dialog_for(qtbot, run, db, isolated_settings):
    """A sign-in dialog on ``db`` (Ann and Bob with passwords) with a clock the test moves."""
    run(make_household_in(db))
    clock = Clock()

    def factory(where: str = "home.db") -> tuple[SignInDialog, Clock]:
        auth = AuthService(db, hashing=CHEAP, throttle=SignInThrottle(clock=clock))
        dialog = SignInDialog(SignInViewModel(auth.sign_in), where)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog, clock

    return factory


async def make_household_in(db: Database) -> None:
    service = MemberService(db)
    ann, _ = await service.add("Ann", "ann@example.org")
    bob, _ = await service.add("Bob", None)
    auth = AuthService(db, hashing=CHEAP)
    await auth.reset_password(None, ann.id, ANN_PW)
    await auth.reset_password(None, bob.id, BOB_PW)


def type_and_sign_in(qtbot, dialog: SignInDialog, login: str | None, password: str) -> None:
    if login is not None:
        dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_sign_in_dialog_wrong_then_right_password(qtbot, dialog_for):
    """A wrong password is refused without saying which part; the name stays and the right one signs in."""
    dialog, _clock = dialog_for()
    type_and_sign_in(qtbot, dialog, "Ann", "not the password")
    qtbot.waitUntil(lambda: dialog.message_label.isVisible() and not dialog._vm.busy)
    assert dialog.message_label.text() == WRONG_CREDENTIALS
    assert dialog.login_edit.text() == "Ann" and dialog.password_edit.text() == ""
    assert dialog.isVisible() and dialog.signed_in is None
    with qtbot.waitSignal(dialog.accepted):
        type_and_sign_in(qtbot, dialog, None, ANN_PW)
    assert dialog.signed_in is not None and dialog.signed_in.name == "Ann" and dialog.signed_in.role is Role.ADMIN
    assert QSettings().value("signin/last-member/home.db") == "Ann"


def test_sign_in_dialog_remembers_the_last_member(qtbot, dialog_for):
    """The member who signed in last is filled in, and the password field has the focus; never a password."""
    remember_login("home.db", "bob")
    dialog, _clock = dialog_for()
    assert dialog.login_edit.text() == "bob" and dialog.password_edit.text() == ""
    qtbot.waitUntil(lambda: dialog.password_edit.hasFocus())
    assert not dialog.sign_in_button.isEnabled()  # nothing typed yet
    assert all(BOB_PW not in str(QSettings().value(key)) for key in QSettings().allKeys())


def test_sign_in_dialog_shows_the_wait_after_repeated_failures(qtbot, dialog_for):
    """After the free failures the dialog says how long to wait and Sign In stays off until then."""
    dialog, clock = dialog_for()
    for attempt in range(4):
        type_and_sign_in(qtbot, dialog, "Bob", f"wrong password {attempt}")
        qtbot.waitUntil(lambda: not dialog._vm.busy and dialog.password_edit.text() == "")
    assert WRONG_CREDENTIALS in dialog.message_label.text()
    assert "wait 1 second before trying again" in dialog.message_label.text()
    dialog.password_edit.setText(BOB_PW)
    assert dialog.seconds_to_wait() == 1 and not dialog.sign_in_button.isEnabled()
    dialog._wait_until = 0.0  # (the wait is over; the dialog's own timer would see it within 250 ms)
    dialog._on_countdown()
    assert dialog.sign_in_button.isEnabled() and "wait" not in dialog.message_label.text()
    clock.now += 1
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


# -- through the composition root -------------------------------------------------------------------


@pytest.fixture
def app(qtbot, loop, run, tmp_path, isolated_settings):
    """A controller and window on a data folder whose file has Ann and Bob with passwords."""
    paths = AppPaths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    run(make_household(paths.db_path))
    window = MainWindow()
    window.show()
    ctl = AppController(QApplication.instance(), window, paths, None, ErrorHandler())
    ctl.connect_window()
    yield ctl
    loop.run_until_complete(ctl._close_current())
    if ctl._own_lock is not None:
        ctl._own_lock.unlock()
    window.close()
    window.deleteLater()


def sign_in_dialog(qtbot, window: MainWindow) -> SignInDialog:
    found: list[SignInDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(SignInDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def test_app_asks_who_signs_in_and_shows_them(qtbot, loop, app):
    """A file with passwords opens with the sign-in dialog; the title and status bar then show the member."""
    task: asyncio.Task[Any] = loop.create_task(app._start_own())
    window = app.window
    dialog = sign_in_dialog(qtbot, window)
    assert window.sources_model is not None and window.sources_model.rowCount() == 0  # nothing shown yet
    type_and_sign_in(qtbot, dialog, "bob", BOB_PW)
    qtbot.waitUntil(task.done)
    task.result()
    assert window.windowTitle() == "Home Log — Bob"
    label = window.findChild(QLabel, "identityLabel")
    assert label is not None and label.isVisible() and label.text() == "Signed in as Bob"
    db = app._current_database()
    assert db is not None and db.actor is not None and db.actor.role is Role.MEMBER
    assert window.action(Act.SWITCH_MEMBER).isEnabled() and window.action(Act.SIGN_OUT).isEnabled()


def test_app_cancel_on_sign_in_to_a_file_keeps_the_window_signed_out(qtbot, loop, app):
    """Cancel at the start of a file with passwords does not quit: the window stays, says nobody is signed in,
    shows no data, and File → Sign In… asks again."""
    task = loop.create_task(app._start_own())
    dialog = sign_in_dialog(qtbot, app.window)
    assert dialog.cancel_button.text() == "Cancel" and not dialog.cancel_hint_label.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done)
    task.result()
    window = app.window
    assert window.isVisible() and window.signed_out and app.exit_code == 0
    assert app.current is None and window.windowTitle() == "Home Log"
    assert "Not signed in to" in window._loading_label.text()
    sign_in = window.action(Act.SWITCH_MEMBER)
    assert sign_in.isEnabled() and sign_in.text() == "Sign &In…" and not window.action(Act.SIGN_OUT).isEnabled()
    again = loop.create_task(app.switch_member())  # File → Sign In…
    type_and_sign_in(qtbot, sign_in_dialog(qtbot, window), "Bob", BOB_PW)
    qtbot.waitUntil(again.done)
    again.result()
    assert window.windowTitle() == "Home Log — Bob" and not window.signed_out
    assert window.action(Act.SWITCH_MEMBER).text() == "S&witch Member…"


SERVER_URL = "postgresql+asyncpg://127.0.0.1:9/household"  # never reached: the dialog comes first


def server_app(run, tmp_path, *, local_file: bool) -> AppController:
    paths = AppPaths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    if local_file:
        run(make_household(paths.db_path, passwords=False))
    window = MainWindow()
    window.show()
    ctl = AppController(QApplication.instance(), window, paths, SERVER_URL, ErrorHandler())
    ctl.connect_window()
    return ctl


def close_app(loop, ctl: AppController) -> None:
    loop.run_until_complete(ctl._close_current())
    if ctl._own_lock is not None:
        ctl._own_lock.unlock()
    ctl.window.close()
    ctl.window.deleteLater()


def test_app_cancel_on_server_sign_in_goes_back_to_the_local_file(qtbot, loop, run, tmp_path, isolated_settings):
    """Starting on a server with a local data file on this PC: the dialog's Cancel is "Open My Local File"
    (and says so), and it opens that file instead of quitting."""
    ctl = server_app(run, tmp_path, local_file=True)
    try:
        task = loop.create_task(ctl._start_own())
        dialog = sign_in_dialog(qtbot, ctl.window)
        assert dialog.cancel_button.text() == "Open My &Local File"
        assert dialog.cancel_hint_label.isVisibleTo(dialog) and "data on this PC" in dialog.cancel_hint_label.text()
        assert dialog.login_edit.placeholderText() == "your name or e-mail address"
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(task.done)
        task.result()
        db = ctl._current_database()
        assert db is not None and db.is_sqlite and ctl.window.isVisible() and not ctl.window.signed_out
    finally:
        close_app(loop, ctl)


def test_app_cancel_on_first_server_sign_in_quits_and_says_so(qtbot, loop, run, tmp_path, isolated_settings):
    """At the first start with a server and no local file, the dialog's button is Quit, a line says it closes
    Home Log, and it does (exit code 0)."""
    ctl = server_app(run, tmp_path, local_file=False)
    try:
        task = loop.create_task(ctl._start_own())
        dialog = sign_in_dialog(qtbot, ctl.window)
        assert dialog.cancel_button.text() == "&Quit" and "closes Home Log" in dialog.cancel_hint_label.text()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(task.done)
        qtbot.waitUntil(lambda: not ctl.window.isVisible())
        assert ctl.exit_code == 0
    finally:
        close_app(loop, ctl)


def test_app_switch_member_and_sign_out(qtbot, loop, app):
    """Switch Member signs another member in (Cancel keeps the first); Sign Out asks again (Cancel leaves the
    window open with nobody signed in, File → Sign In… asks again)."""
    task = loop.create_task(app._start_own())
    type_and_sign_in(qtbot, sign_in_dialog(qtbot, app.window), "Ann", ANN_PW)
    qtbot.waitUntil(task.done)
    assert app.window.windowTitle() == "Home Log — Ann"

    switch = loop.create_task(app.switch_member())
    dialog = sign_in_dialog(qtbot, app.window)
    assert dialog.cancel_button.text() == "Cancel"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(switch.done)
    assert app.window.windowTitle() == "Home Log — Ann"

    switch = loop.create_task(app.switch_member())
    type_and_sign_in(qtbot, sign_in_dialog(qtbot, app.window), "Bob", BOB_PW)
    qtbot.waitUntil(switch.done)
    switch.result()
    assert app.window.windowTitle() == "Home Log — Bob"
    db = app._current_database()
    assert db is not None and db.actor is not None and db.actor.role is Role.MEMBER

    out = loop.create_task(app.sign_out())
    dialog = sign_in_dialog(qtbot, app.window)
    assert app.window.windowTitle() == "Home Log" and dialog.cancel_button.text() == "Cancel"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # nobody: the window stays, signed out
    qtbot.waitUntil(out.done)
    assert app.window.isVisible() and app.window.signed_out

    out = loop.create_task(app.switch_member())  # File → Sign In…
    dialog = sign_in_dialog(qtbot, app.window)
    assert dialog.login_edit.text() == "Bob"  # the last member is remembered
    type_and_sign_in(qtbot, dialog, "Ann", ANN_PW)
    qtbot.waitUntil(out.done)
    assert app.window.windowTitle() == "Home Log — Ann"
    label = app.window.findChild(QLabel, "identityLabel")
    assert label is not None and label.text() == "Signed in as Ann (administrator)"


def test_app_file_without_passwords_opens_without_sign_in(qtbot, loop, run, tmp_path, isolated_settings):
    """One person's notebook (no member has a password) opens as before: no dialog, nobody named."""
    paths = AppPaths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    run(make_household(paths.db_path, passwords=False))
    window = MainWindow()
    window.show()
    ctl = AppController(QApplication.instance(), window, paths, None, ErrorHandler())
    try:
        run(ctl._start_own())
        assert window.windowTitle() == "Home Log" and window.findChildren(SignInDialog) == []
        assert not window.action(Act.SIGN_OUT).isEnabled()
        db = ctl._current_database()
        assert db is not None and db.actor is None
    finally:
        run(ctl._close_current())
        if ctl._own_lock is not None:
            ctl._own_lock.unlock()
        window.close()
        window.deleteLater()
