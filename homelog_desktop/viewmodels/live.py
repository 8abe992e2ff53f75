"""Changes committed on other PCs, fed to the workspace's "data changed" hub, and the state of the
connection that brings them ("Reconnecting…" while it is lost).

On PostgreSQL a LiveListener (db/live.py) listens on its own connection; each coalesced burst of
notices becomes one ``DataChanged.notify`` naming what changed and for which sources, so every page
refreshes what it shows without F5. On SQLite (a file on this PC) there is nothing to listen to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..i18n import QT_TRANSLATE_NOOP
from .changes import DataChanged, What

if TYPE_CHECKING:
    from ..db.database import Database
    from ..db.handle import SessionProvider
    from ..db.live import DataVersionPoller, LiveListener, Notice

#: Which pages a table's change concerns.
WHAT_OF_TABLE: dict[str, What] = {
    "readings": What.READINGS,
    "reading_values": What.READINGS,
    "sources": What.SOURCES,
    "metrics": What.SOURCES,
    "tariffs": What.TARIFFS,
    "conversion_factors": What.TARIFFS,
    "advance_payments": What.TARIFFS,
    "meter_events": What.METER_CHANGES,
    "members": What.MEMBERS,
}

#: What the window shows while the connection to the server is lost.
RECONNECTING_TEXT = QT_TRANSLATE_NOOP(
    "MainWindow",
    "Reconnecting to the server… Changes made on other computers will show once it is back; "
    "what you type is kept, and a save that fails can be tried again.",
)


def what_changed(notices: Iterable[Notice]) -> tuple[What, frozenset[int]]:
    """One change for the hub out of a burst: the union of what changed, for the sources named (an
    empty set, meaning every source, if any notice named none)."""
    what = What(0)
    sources: set[int] = set()
    every_source = False
    for notice in notices:
        what |= WHAT_OF_TABLE.get(notice.table, What.EVERYTHING)
        if notice.source_id is None:
            every_source = True
        else:
            sources.add(notice.source_id)
    return what, frozenset() if every_source else frozenset(sources)


class LiveUpdatesViewModel(QObject):
    """Starts listening once the database is open (``start``); ``connected_changed(bool)`` says when
    the server is lost (False: show "Reconnecting…") and back (True: the pages are refreshed)."""

    connected_changed = Signal(bool)

    def __init__(self, db: SessionProvider, changes: DataChanged, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._changes = changes
        self._listener: LiveListener | DataVersionPoller | None = None
        self._closed = False

    @property
    def connected(self) -> bool | None:
        """Whether the live connection is up (None: not listening, e.g. a local file)."""
        return self._listener.connected if self._listener is not None else None

    async def start(self) -> None:
        """Listen for other PCs' changes, once the database is open (nothing to do for a local file)."""
        database = await self._database()
        if database is None or self._listener is not None or self._closed:
            return
        from ..db.live import DataVersionPoller, LiveListener

        path = database.sqlite_path
        if path is not None:
            self._listener = DataVersionPoller(database.connect_watcher, self._on_changes, lambda: database.write_count)
            self._listener.start()
            return
        if not database.is_postgresql:
            return

        self._listener = LiveListener(
            database.connect_listener,
            self._on_changes,
            self.connected_changed.emit,
            own_pids=lambda: database.own_pids,
        )
        self._listener.start()

    async def close(self) -> None:
        self._closed = True
        listener, self._listener = self._listener, None
        if listener is not None:
            await listener.stop()

    def _on_changes(self, notices: list[Notice]) -> None:
        what, sources = what_changed(notices)
        if what:
            self._changes.notify(what, sources)

    async def _database(self) -> Database | None:
        from ..db.database import Database
        from ..db.handle import PendingDatabase

        if isinstance(self._db, PendingDatabase):
            try:
                return await self._db.wait()
            except Exception:  # the database did not open: the window says so already
                return None
        return self._db if isinstance(self._db, Database) else None
