"""The global handler: unexpected errors are logged and shown once, with details the user can copy."""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest
import qasync
from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from homelog_desktop.views.error_dialog import ErrorDialog, ErrorHandler


@pytest.fixture
def handler(loop):
    """An installed ErrorHandler; sys.excepthook and the loop's handler are restored afterwards."""
    previous = sys.excepthook
    errors = ErrorHandler()
    errors.install(loop)
    yield errors
    sys.excepthook = previous
    loop.set_exception_handler(None)
    if errors.dialog is not None:
        errors.dialog.done(0)


def _raise(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_error_handler_shows_logs_and_copies_details(qtbot, handler, caplog):
    """An uncaught exception is logged and shown; "Copy details" puts the traceback on the clipboard."""
    error = _raise(ValueError("the meter exploded"))
    with caplog.at_level(logging.ERROR, logger="homelog"):
        sys.excepthook(type(error), error, error.__traceback__)
    dialog = handler.dialog
    assert isinstance(dialog, ErrorDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert "ValueError: the meter exploded" in dialog.informativeText()
    assert "Your data is safe" in dialog.informativeText()
    assert "Traceback" in dialog.details and "the meter exploded" in dialog.details
    assert any("the meter exploded" in r.getMessage() for r in caplog.records)
    copy = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Copy details")
    copy.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert dialog.isVisible()  # copying does not close it


def test_error_handler_shows_one_dialog_at_a_time(qtbot, handler, caplog):
    """A second error while the dialog is open is logged but opens no second dialog."""
    with caplog.at_level(logging.ERROR, logger="homelog"):
        for text in ("first", "second"):
            error = _raise(RuntimeError(text))
            sys.excepthook(type(error), error, error.__traceback__)
    assert handler.count == 2
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert "first" in dialogs[0].informativeText()
    assert sum("second" in r.getMessage() for r in caplog.records) == 1


def test_error_handler_receives_failures_of_async_slots_and_tasks(qtbot, loop, handler):
    """An exception in an asyncSlot or a forgotten task reaches the same dialog."""

    class Widget(QObject):
        @qasync.asyncSlot()
        async def explode(self) -> None:
            raise KeyError("slot failure")

    widget = Widget()
    widget.explode()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert "slot failure" in handler.dialog.details
    handler.dialog.done(0)
    qtbot.waitUntil(lambda: handler.dialog is None)

    loop.call_exception_handler({"message": "Task exception was never retrieved", "exception": OSError("disk")})
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert "OSError: disk" in handler.dialog.informativeText()


def test_error_handler_ignores_cancelled_tasks(qtbot, loop, handler):
    """A cancelled task is normal (a newer load replaced it): no dialog."""
    loop.call_exception_handler({"message": "cancelled", "exception": asyncio.CancelledError()})
    assert handler.dialog is None and handler.count == 0
