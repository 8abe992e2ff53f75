"""One window per database: a second start hands its files to the running window and ends.

The first window listens on a local socket (``QLocalServer``: a Unix socket only its user may
open, or a named pipe on Windows) named after the database it shows. A second start for the same
database connects, sends one JSON line (``{"files": [...]}``), waits for ``ok`` and ends without
a window; the running window comes to the front and opens the import wizard on the first file.
A start for another database finds no server of that name and opens its own window.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger("homelog.instance")

#: How long a second start waits for the running window (it answers within milliseconds).
CONNECT_MS = 1000
REPLY_MS = 3000
#: A message longer than this is not a second start's (it sends a few paths).
MAX_MESSAGE = 64 * 1024


def server_name(location: str) -> str:
    """The socket name of the window that shows ``location`` (a database file or a URL), per user.

    Hashed: short enough for a Unix socket path, and no path or URL in /tmp names.
    """
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: the socket is still per user (its rights)
        user = "user"
    digest = hashlib.sha256(f"{user}\0{location}".encode()).hexdigest()[:24]
    return f"homelog-{digest}"


def send_to_running(name: str, files: Sequence[Path]) -> bool:
    """Hand ``files`` to a running window of ``name``; True when one took them (then end quietly).

    Blocking, for a few milliseconds: called at start-up before the window and the event loop. On
    POSIX the server is a socket file in Qt's temporary folder: when there is none (the usual first
    start) QtNetwork is not even loaded before the window shows.
    """
    if os.name == "posix" and not (Path(QDir.tempPath()) / name).exists():
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        message = json.dumps({"files": [str(path) for path in files]}) + "\n"
        socket.write(message.encode())
        if not socket.waitForBytesWritten(REPLY_MS):
            return False
        reply = b""
        while not reply.endswith(b"\n"):
            if not socket.waitForReadyRead(REPLY_MS):
                return False
            reply += bytes(socket.readAll().data())
        return reply.strip() == b"ok"
    finally:
        socket.disconnectFromServer()


class InstanceServer(QObject):
    """Listens for second starts; ``asked(files)`` when one hands over (possibly no) files."""

    asked = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a socket left by a window that crashed is removed first."""
        if self._server.listen(self.name):
            return True
        # Nobody answered on this name just before (send_to_running), so what is there is stale.
        self._server.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("A second start cannot reach this window: %s", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line)
            files = [str(f) for f in message.get("files", [])] if isinstance(message, dict) else []
        except ValueError:
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        log.info("A second start asked for this window%s", f" to import {files[0]}" if files else "")
        self.asked.emit(files)
