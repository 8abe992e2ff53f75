"""The connect dialog with pytest-qt: the keyring's state (a test backend, never the real keyring),
what Test says, and connecting through the composition root to the password cluster and back."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from homelog_desktop.config import AppPaths
from homelog_desktop.controller import AppController
from homelog_desktop.services.saved_passwords import SERVICE
from homelog_desktop.viewmodels.connect import ConnectViewModel
from homelog_desktop.views.connect_dialog import ConnectDialog
from homelog_desktop.views.error_dialog import ErrorHandler
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from tests.integration.test_server_members import ANN_PW, Server, server  # noqa: F401  (the fixture)


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict, for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def open_dialog(qtbot) -> ConnectDialog:
    vm = ConnectViewModel()
    dialog = ConnectDialog(vm)
    qtbot.addWidget(dialog)
    checked: list[bool] = []
    vm.keyring_checked.connect(lambda available, _reason: checked.append(available))
    dialog.show()
    qtbot.waitUntil(lambda: bool(checked))
    return dialog


def fill(dialog: ConnectDialog, where: Server, login: str, password: str) -> None:
    dialog.host_edit.setText(where.address.host)
    dialog.port_spin.setValue(where.address.port)
    dialog.database_edit.setText(where.address.database)
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)


def test_connect_dialog_without_keyring_disables_remember_with_reason(qtbot, loop, isolated_settings, no_keyring):
    """No usable keyring: "Remember password" is off and says why, in its tooltip and under it."""
    dialog = open_dialog(qtbot)
    assert not dialog.remember_box.isEnabled()
    assert "no password store" in dialog.remember_box.toolTip()
    assert dialog.remember_note.isVisible() and dialog.remember_note.text() == dialog.remember_box.toolTip()


def test_connect_dialog_test_says_what_is_missing(qtbot, loop, isolated_settings, memory_keyring):
    """Test with empty fields names what to fill in, and puts the cursor there."""
    dialog = open_dialog(qtbot)
    assert dialog.remember_box.isEnabled()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == "Fill in the server's host, the database, your name and your password."
    assert dialog.host_edit.hasFocus()


def test_connect_dialog_wrong_password_then_connect_remembering(
    qtbot,
    run,
    isolated_settings,
    memory_keyring,
    server,  # noqa: F811
):
    """A wrong password is said in the dialog; Connect with "Remember password" keeps the password in the
    keyring only, and the address and name in the settings."""
    dialog = open_dialog(qtbot)
    fill(dialog, server, "Ann", "not the password")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused this name and password" in dialog.result_label.text())
    dialog.password_edit.setText(ANN_PW)
    dialog.remember_box.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.signed_in is not None and dialog.signed_in.name == "Ann"
    assert dialog.database is not None
    qtbot.waitUntil(lambda: bool(memory_keyring.entries))
    assert memory_keyring.entries == {(SERVICE, f"ann@{server.address.display}"): ANN_PW}
    settings = QSettings()
    values = {key: str(settings.value(key)) for key in settings.allKeys()}
    assert values["connect/host"] == "127.0.0.1" and values["connect/database"] == server.database
    assert all(ANN_PW not in value for value in values.values())
    run(dialog.database.dispose())


def test_app_connects_to_the_server_and_back(
    qtbot,
    loop,
    run,
    tmp_path,
    isolated_settings,
    memory_keyring,
    server,  # noqa: F811
):
    """File → Connect signs in through the dialog: the title shows member and server; Open My Local File
    goes back to the data file."""
    paths = AppPaths(tmp_path / "data")
    window = MainWindow()
    window.show()
    ctl = AppController(QApplication.instance(), window, paths, None, ErrorHandler())
    try:
        run(ctl._start_own())
        assert window.windowTitle() == "Home Log"
        task = loop.create_task(ctl.connect_to_server())
        qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ConnectDialog)))
        dialog = next(d for d in window.findChildren(ConnectDialog) if d.isVisible())
        fill(dialog, server, "ann", ANN_PW)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(task.done, timeout=20_000)
        task.result()
        assert window.windowTitle() == f"Home Log — Ann on {server.address.display}"
        assert window.action(Act.LOCAL_DATA).isVisible()
        db = ctl._current_database()
        assert db is not None and not db.is_sqlite and db.actor is not None and db.actor.is_admin
        assert ctl.db_url is not None and ANN_PW not in ctl.db_url and "ann" not in ctl.db_url
        run(ctl.open_local_data())
        assert window.windowTitle() == "Home Log" and not window.action(Act.LOCAL_DATA).isVisible()
        db = ctl._current_database()
        assert db is not None and db.is_sqlite
    finally:
        run(ctl._close_current())
        if ctl._own_lock is not None:
            ctl._own_lock.unlock()
        window.close()
        window.deleteLater()
