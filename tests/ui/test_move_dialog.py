"""MoveDialog (File → Move to a Shared Server…) with pytest-qt against a real PostgreSQL server.

The copy is the real one (services/copying.py): progress arrives while the window keeps running,
Cancel leaves the server database empty, a failure is shown in the dialog with every field kept,
and the result names what was copied where and offers to open the server database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from homelog_desktop.viewmodels.moving import MoveViewModel
from homelog_desktop.views.move_dialog import MoveDialog
from tests.copy_support import build_household, drop_roles, file_digest, off_loop, pg_counts
from tests.postgres import admin_connection, create_database, drop_database

pytestmark = pytest.mark.postgres

#: Readings added to the household for the cancel test (several chunks of the copy).
MANY = 120_000


@pytest.fixture(scope="module")
def household(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_household(tmp_path_factory.mktemp("household") / "homelog.db")


@pytest.fixture
def local(household: Path, tmp_path: Path) -> Path:
    path = tmp_path / "homelog.db"
    path.write_bytes(household.read_bytes())
    return path


@pytest.fixture
def server(pg_server) -> Iterator[str]:
    url = off_loop(create_database(migrated=False))
    yield url

    async def clean() -> None:
        await drop_database(url)
        admin = await admin_connection()
        try:
            await drop_roles(admin, make_url(url).database or "")
        finally:
            await admin.close()

    off_loop(clean())


@pytest.fixture
def dialog(qtbot, loop, local) -> MoveDialog:
    vm = MoveViewModel(local)
    shown = MoveDialog(vm)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: "administers this household" in shown.admin_label.text())
    return shown


def fill(qtbot, dialog: MoveDialog, url: str, admin_password: str = "") -> None:
    parsed = make_url(url)
    qtbot.keyClicks(dialog.host_edit, parsed.host or "")
    dialog.port_edit.setValue(parsed.port or 5432)
    qtbot.keyClicks(dialog.database_edit, parsed.database or "")
    qtbot.keyClicks(dialog.user_edit, parsed.username or "")
    qtbot.keyClicks(dialog.password_edit, parsed.password or "")
    qtbot.keyClicks(dialog.admin_edit, admin_password)
    qtbot.keyClicks(dialog.admin_again, admin_password)


def test_move_dialog_idle_needs_an_address(qtbot, dialog):
    """Idle: the form is on, Move waits for host, database and user; no progress is shown."""
    assert dialog.state == "idle" and not dialog.progress.isVisible()
    assert not dialog.move_button.isEnabled()
    qtbot.keyClicks(dialog.host_edit, "nas.local")
    qtbot.keyClicks(dialog.database_edit, "homelog")
    qtbot.keyClicks(dialog.user_edit, "owner")
    assert dialog.move_button.isEnabled()
    qtbot.keyClicks(dialog.admin_edit, "one password")
    assert not dialog.move_button.isEnabled() and "differ" in dialog.move_button.toolTip()


def test_move_dialog_copies_with_progress_and_offers_the_server(qtbot, dialog, server, local):
    """Move: progress while copying, then the counts and where; Open asks for the server's URL."""
    before = file_digest(local)
    fill(qtbot, dialog, server, "the admin's passphrase")
    progress: list[tuple[int, int]] = []
    dialog.vm.progress_changed.connect(lambda done, total: progress.append((done, total)))
    qtbot.mouseClick(dialog.move_button, qtbot_button())
    assert dialog.state == "running" and dialog.progress.isVisible() and not dialog.move_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=60_000)
    assert dialog.state == "done", dialog.result_label.text()
    assert progress and progress[-1][0] == progress[-1][1]
    text = dialog.result_label.text()
    assert "The household is on the server" in text and "readings" in text and make_url(server).database in text
    assert dialog.open_button.isVisible() and dialog.cancel_button.text() == "Close"
    assert off_loop(pg_counts(server))["readings"] > 0
    assert file_digest(local) == before
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.mouseClick(dialog.open_button, qtbot_button())
    assert make_url(opened.args[0]).database == make_url(server).database


def test_move_dialog_cancel_leaves_the_server_empty(qtbot, dialog, server, local):
    """Cancel during the copy: the dialog says nothing was copied, the form is back, the server is empty."""
    add_readings(local, MANY)
    fill(qtbot, dialog, server)
    started = []
    dialog.vm.progress_changed.connect(lambda done, _total: started.append(done))
    qtbot.mouseClick(dialog.move_button, qtbot_button())
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)
    qtbot.mouseClick(dialog.cancel_button, qtbot_button())
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=60_000)
    assert dialog.state == "idle" and "cancelled" in dialog.result_label.text()
    assert dialog.host_edit.text() and dialog.move_button.isEnabled()
    assert not any(off_loop(pg_counts(server)).values())


def test_move_dialog_shows_an_error_and_keeps_the_form(qtbot, dialog):
    """An unreachable server: the dialog says why, keeps every field, and Move can be tried again."""
    fill(qtbot, dialog, "postgresql+asyncpg://someone@127.0.0.1:9/homelog")
    qtbot.mouseClick(dialog.move_button, qtbot_button())
    qtbot.waitUntil(lambda: dialog.state == "error", timeout=60_000)
    text = dialog.result_label.text()
    assert "not moved" in text and "No database server answers" in text and "127.0.0.1:9" in text
    assert dialog.host_edit.text() == "127.0.0.1" and dialog.user_edit.text() == "someone"
    assert dialog.move_button.isEnabled() and not dialog.progress.isVisible()


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def add_readings(path: Path, n: int) -> None:
    """``n`` more readings of source 1 with one value each, straight through sqlite3."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            first = conn.execute("SELECT max(id) FROM readings").fetchone()[0] + 1
            metric = conn.execute("SELECT min(id) FROM metrics WHERE source_id = 1").fetchone()[0]
            conn.executemany(
                "INSERT INTO readings (id, source_id, ts, note, estimated, from_bill, created_at, updated_at)"
                " VALUES (?, 1, ?, '', 0, 0, 1, 1)",
                ((first + i, 2_000_000_000 + i * 60) for i in range(n)),
            )
            conn.executemany(
                "INSERT INTO reading_values (reading_id, metric_id, ts, value) VALUES (?, ?, ?, ?)",
                ((first + i, metric, 2_000_000_000 + i * 60, float(i)) for i in range(n)),
            )
    finally:
        conn.close()
