"""The window on a server that cannot be used: a dialog (try again, another database, quit), never an exit
or the "unexpected error" box; an ordinary environment problem gets a dialog naming it."""

from __future__ import annotations

import asyncio
import errno

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from homelog_desktop.config import AppPaths
from homelog_desktop.controller import AppController
from homelog_desktop.views.error_dialog import ErrorHandler
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.problem_dialog import OPEN_OTHER, QUIT, RETRY, ServerProblemDialog
from tests.postgres import create_database, drop_database

REFUSED = "postgresql+asyncpg://postgres@127.0.0.1:1/test"


def shown(name: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == name and widget.isVisible():
            assert isinstance(widget, QMessageBox)
            return widget
    return None


@pytest.fixture
def start(qtbot, loop, tmp_path, isolated_settings):
    """start(url): a window and controller opening ``url`` (a task, as it waits for dialogs)."""
    made: list[AppController] = []

    def begin(url: str) -> AppController:
        window = MainWindow()
        window.show()
        handler = ErrorHandler()
        controller = AppController(QApplication.instance(), window, AppPaths(tmp_path / "data"), url, handler)
        controller.connect_window()
        controller.opening = asyncio.ensure_future(controller._start_own())  # type: ignore[attr-defined]
        made.append(controller)
        return controller

    yield begin
    for controller in made:
        if not controller.opening.done():  # type: ignore[attr-defined]
            controller.opening.cancel()  # type: ignore[attr-defined]
        loop.run_until_complete(controller._close_current())
        if controller._backups is not None:
            loop.run_until_complete(controller._backups.close())
        if controller._own_lock is not None:
            controller._own_lock.unlock()
        controller.window.close()
        controller.window.deleteLater()


def server_dialog(qtbot) -> ServerProblemDialog:
    qtbot.waitUntil(lambda: shown("serverProblemDialog") is not None, timeout=15_000)
    dialog = shown("serverProblemDialog")
    assert isinstance(dialog, ServerProblemDialog)
    return dialog


def test_server_problem_unreachable_server_asks_and_quits(qtbot, start):
    """No server on the port: the dialog names the server and the cause; the window stays; Quit exits 1."""
    controller = start(REFUSED)
    dialog = server_dialog(qtbot)
    assert "127.0.0.1:1/test" in dialog.text()
    assert "No database server answers" in dialog.informativeText()
    assert controller.window.isVisible() and controller.errors.count == 0
    qtbot.mouseClick(dialog.choice_button(QUIT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.window.isVisible())
    assert controller.exit_code == 1 and controller.errors.count == 0


@pytest.mark.postgres
@pytest.mark.usefixtures("pg_server")
def test_server_problem_retry_opens_once_the_database_exists(qtbot, start, run):
    """A missing database: the dialog says so; once it is created, Try Again opens it."""
    url = run(create_database(migrated=False))
    run(drop_database(url))
    try:
        controller = start(url)
        dialog = server_dialog(qtbot)
        assert "has no database" in dialog.informativeText()
        from sqlalchemy.engine import make_url

        from tests.postgres import admin_connection

        async def create_it() -> None:
            admin = await admin_connection()
            try:
                await admin.execute(f'CREATE DATABASE "{make_url(url).database}"')
            finally:
                await admin.close()

        run(create_it())
        qtbot.mouseClick(dialog.choice_button(RETRY), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.current is not None and controller.current.db.database is not None)
        qtbot.waitUntil(lambda: controller.window.sources_model is not None)
        assert shown("serverProblemDialog") is None and controller.errors.count == 0 and controller.exit_code == 0
    finally:
        run(drop_database(url))


def test_server_problem_open_another_database(qtbot, start, tmp_path, monkeypatch):
    """Open Another Database…: the chosen file becomes the data of this session."""
    controller = start(REFUSED)
    other = tmp_path / "elsewhere" / "house.db"
    other.parent.mkdir()

    async def choose():
        return other

    monkeypatch.setattr(controller, "choose_database_file", choose)
    dialog = server_dialog(qtbot)
    qtbot.mouseClick(dialog.choice_button(OPEN_OTHER), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.current is not None and controller.current.workspace.location == str(other))
    qtbot.waitUntil(lambda: other.is_file())
    assert controller.exit_code == 0 and controller.errors.count == 0


def test_error_handler_environment_problem_is_not_unexpected(qtbot, isolated_settings):
    """A full disk reaching the global handler: a dialog naming it, never the "unexpected error" box."""
    handler = ErrorHandler()
    error = OSError(errno.ENOSPC, "No space left on device", "/data/homelog.db")
    handler.excepthook(OSError, error, None)
    qtbot.waitUntil(lambda: shown("problemDialog") is not None)
    box = shown("problemDialog")
    assert box is not None and "disk is full" in box.text()
    assert shown("errorDialog") is None and handler.count == 0 and handler.problems == 1
    box.close()


def test_start_problem_locked_file_says_busy(qtbot, start, tmp_path, db, db_path, run):
    """A data file locked by another program at start: a dialog saying it is busy, not a crash or the
    unexpected-error box, and not "not a Home Log database"."""
    import subprocess

    run(db.dispose())
    holder = subprocess.Popen(["sqlite3", str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.write(
        "PRAGMA locking_mode=EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT count(*) FROM sources;\n.print locked\n"
    )
    holder.stdin.flush()
    while holder.stdout.readline().strip() != "locked":
        pass
    try:
        controller = start(f"sqlite+aiosqlite:///{db_path}")
        qtbot.waitUntil(lambda: shown("openErrorDialog") is not None, timeout=60_000)
        box = shown("openErrorDialog")
        assert box is not None and "busy" in box.text() and "not a Home Log database" not in box.text()
        assert controller.errors.count == 0
    finally:
        holder.stdin.write("ROLLBACK;\n.quit\n")
        holder.stdin.close()
        holder.wait(timeout=30)
