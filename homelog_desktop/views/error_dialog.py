"""The one place unexpected errors end up: logged, and shown with details the user can copy."""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import __version__
from ..domain.errors import DatabaseClosedError
from ..i18n import translate

log = logging.getLogger("homelog")


class ErrorDialog(QMessageBox):
    """An unexpected error: what happened in plain words, the details behind a button, and a copy button."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(translate("ErrorDialog", "Home Log — unexpected error"))
        self.setText(translate("ErrorDialog", "Something went wrong that Home Log did not expect."))
        self.setInformativeText(
            f"{summary}\n\n"
            + translate(
                "ErrorDialog",
                "Your data is safe: the change in progress was not saved. "
                "If this keeps happening, please report it with the details below.",
            )
        )
        self.details = f"Home Log {__version__}, Python {sys.version.split()[0]}\n\n{details}"
        self.setDetailedText(self.details)
        copy = self.addButton(translate("ErrorDialog", "Copy details"), QMessageBox.ButtonRole.ActionRole)
        self.addButton(QMessageBox.StandardButton.Close)
        copy.clicked.disconnect()
        copy.clicked.connect(self._copy)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


class ErrorHandler:
    """Receives uncaught exceptions from sys.excepthook and the asyncio loop, logs them and shows a dialog."""

    def __init__(self) -> None:
        self.dialog: QMessageBox | None = None
        self.count = 0
        #: Environment problems shown (a full disk, a lost server...), apart from the unexpected errors.
        self.problems = 0

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        sys.excepthook = self.excepthook
        if loop is not None:
            loop.set_exception_handler(self.loop_exception)
            from ..logs import route_thread_exceptions

            route_thread_exceptions(loop, self.excepthook)

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        from ..problems import explain

        problem = explain(error)
        if problem is not None:
            self.show_problem(problem.message, "".join(traceback.format_exception(kind, error, tb)))
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        self.report(f"{kind.__name__}: {error}", details)

    def show_problem(self, message: str, details: str = "") -> None:
        """An ordinary problem around the app (disk, file, server): a dialog naming it, not "unexpected"."""
        from .problem_dialog import ProblemDialog

        self.problems += 1
        log.warning("%s%s", message, f"\n{details}" if details else "")
        app = QApplication.instance()
        if app is None or self.dialog is not None:
            return
        self.dialog = ProblemDialog(message, QApplication.activeWindow())
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, asyncio.CancelledError | DatabaseClosedError):
            return  # stopped on purpose (for a closed database: a restore, the window's end)
        if error is not None:
            self.excepthook(type(error), error, error.__traceback__)
        else:
            self.report(str(context.get("message", "Unknown error")), repr(context))

    def report(self, summary: str, details: str) -> None:
        self.count += 1
        log.error("Unexpected error: %s\n%s", summary, details)
        app = QApplication.instance()
        if app is None or self.dialog is not None:
            return  # no window to show it in, or one dialog is already open: the log has it
        self.dialog = ErrorDialog(summary, details, QApplication.activeWindow())
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
