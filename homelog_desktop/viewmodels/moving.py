"""File → Move to a Shared Server…: copying the household in the user's file to a PostgreSQL server."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..i18n import QT_TRANSLATE_NOOP
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..services.copying import CopyResult

#: What the dialog says while the copy runs, by stage.
STAGES = {
    "connecting": QT_TRANSLATE_NOOP("MoveDialog", "Connecting to the server and preparing the database…"),
    "copying": QT_TRANSLATE_NOOP("MoveDialog", "Copying…"),
    "checking": QT_TRANSLATE_NOOP(
        "MoveDialog", "Checking every table on both sides and setting up the members' sign-in…"
    ),
}


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """Where the household goes: a PostgreSQL database, and the server account that may create it."""

    host: str
    port: int
    database: str
    user: str
    password: str = ""

    def url(self) -> str:
        """The asyncpg URL, with the password (never shown: ``display`` is)."""
        from sqlalchemy.engine import URL

        url = URL.create(
            "postgresql+asyncpg",
            username=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
        )
        return url.render_as_string(hide_password=False)

    @property
    def display(self) -> str:
        return f"{self.database} on {self.host}:{self.port}"

    @property
    def complete(self) -> bool:
        return bool(self.host.strip() and self.database.strip() and self.user.strip() and 0 < self.port < 65536)


class _Token:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class MoveViewModel(BaseViewModel):
    """Copies ``local`` (the household's SQLite file) to a server; one copy at a time, cancellable."""

    #: A stage key of STAGES.
    stage_changed = Signal(str)
    #: (rows copied, rows in all)
    progress_changed = Signal(int, int)
    #: The copy is complete and checked (a CopyResult).
    moved = Signal(object)
    #: The user cancelled; the server holds nothing of the household.
    cancelled = Signal()

    def __init__(self, local: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.local = local
        self._token: _Token | None = None
        #: The address of the last successful copy (to open the server database afterwards).
        self.moved_to: ServerAddress | None = None

    async def administrator(self) -> str | None:
        """The name of the household's administrator (or first member), whose server password is asked."""
        from ..services.copying import local_members

        async with self._action():
            members = await local_members(self.local)
            if not members:
                return None
            admins = [m for m in members if m.role == "admin"] or members
            return admins[0].name
        return None

    async def move(self, address: ServerAddress, admin_password: str = "") -> CopyResult | None:
        """Copy the household to ``address``; None (and ``error_occurred`` or ``cancelled``) if it did not happen."""
        from ..domain.errors import HomeLogError
        from ..problems import explain, without_url
        from ..services.copying import CopyCancelledError, copy_to_server, local_members

        token = self._token = _Token()
        url = address.url()
        result = None
        async with self._action():
            self.stage_changed.emit("connecting")
            passwords = {}
            if admin_password:
                members = await local_members(self.local)
                admins = [m for m in members if m.role == "admin"] or members
                if admins:
                    passwords[admins[0].id] = admin_password
            last = [0]
            loop = asyncio.get_running_loop()

            def progress(done: int, total: int, _table: str) -> None:
                if last[0] == 0:
                    self.stage_changed.emit("copying")
                last[0] = done
                self.progress_changed.emit(done, total)
                if done >= total:
                    self.stage_changed.emit("checking")

            def report(done: int, total: int, table: str) -> None:  # (in the copy's thread)
                loop.call_soon_threadsafe(progress, done, total, table)

            def copy() -> CopyResult:
                # The copy runs on its own event loop in a worker thread: the driver's work (COPY's
                # encoding of every row, the checks) never runs on the window's thread.
                return asyncio.run(copy_to_server(self.local, url, passwords=passwords, progress=report, cancel=token))

            try:
                result = await loop.run_in_executor(None, copy)
            except CopyCancelledError:
                self.cancelled.emit()
                return None
            except HomeLogError:
                raise
            except Exception as error:
                problem = explain(error, url)
                if problem is None:
                    raise
                # (the dialog has fields, not a URL)
                raise HomeLogError(without_url(problem.message)) from error
            finally:
                self._token = None
            self.moved_to = address
            self.moved.emit(result)
        return result

    def cancel(self) -> None:
        """Stop the copy under way at its next step; the server keeps nothing of it."""
        if self._token is not None:
            self._token.cancel()

    @property
    def running(self) -> bool:
        return self._token is not None
