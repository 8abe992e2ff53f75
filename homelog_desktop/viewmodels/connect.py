"""Connecting to a shared household on a PostgreSQL server: test the address, then sign in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..db.server import DEFAULT_PORT, ServerAddress
from ..domain.errors import HomeLogError
from ..i18n import translate
from ..problems import without_url
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.database import Database
    from ..services.auth import SignedIn
    from ..services.saved_passwords import SavedPasswords

__all__ = ["DEFAULT_PORT", "OK", "WRONG_LOGIN", "ConnectViewModel", "address_of"]


def address_of(host: str, database: str, port: int = DEFAULT_PORT) -> ServerAddress:
    """The server address the dialog's fields name (the view builds no database types itself)."""
    return ServerAddress(host, database, port)


#: ``tested``'s kinds besides problems.Kind's values.
OK, WRONG_LOGIN = "ok", "wrong-login"


class ConnectViewModel(BaseViewModel):
    """The connect dialog's work: each attempt connects as the member (the server checks the password).

    ``tested(kind, message)`` answers Test (``OK``, ``WRONG_LOGIN`` or a problems.Kind value such as
    "server-unreachable"); ``connected(database, signed_in)`` hands over the open database, signed
    in; a refusal or a server problem on Connect is ``tested`` too, so the dialog shows it in one
    place. ``keyring_checked(available, reason)`` says whether "Remember password" can work.
    """

    tested = Signal(str, str)
    connected = Signal(object, object)
    keyring_checked = Signal(bool, str)

    def __init__(self, saved: SavedPasswords | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if saved is None:
            from ..services.saved_passwords import SavedPasswords

            saved = SavedPasswords()
        self._saved = saved
        self.keyring_available = False

    async def check_keyring(self) -> None:
        status = await self._saved.status()
        self.keyring_available = status.available
        self.keyring_checked.emit(status.available, status.reason)

    async def remembered_password(self, address: ServerAddress, login: str) -> str | None:
        return await self._saved.get(address, login) if self.keyring_available else None

    async def test(self, address: ServerAddress, login: str, password: str) -> None:
        """Try the connection and sign-in, then close it again: says what is wrong, or that it works."""
        async with self._action():
            result = await self._attempt(address, login, password)
            if result is None:
                return
            database, who = result
            await database.dispose()
            role = (
                translate("ConnectDialog", "administrator")
                if who.actor.is_admin
                else translate("ConnectDialog", "member")
            )
            self.tested.emit(
                OK,
                translate("ConnectDialog", "Connected to {place}: {name} can sign in ({role}).").format(
                    place=address.display, name=who.name, role=role
                ),
            )

    async def sign_in(self, address: ServerAddress, login: str, password: str, remember: bool) -> None:
        """Connect and sign in; remember the password in the keyring when asked (else forget it)."""
        async with self._action():
            result = await self._attempt(address, login, password)
            if result is None:
                return
            if self.keyring_available:
                if remember:
                    await self._saved.remember(address, login, password)
                else:
                    await self._saved.forget(address, login)
            database, who = result
            self.connected.emit(database, who)

    async def _attempt(self, address: ServerAddress, login: str, password: str) -> tuple[Database, SignedIn] | None:
        from ..services.auth import ServerProblemError, SignInRefusedError, sign_in_to_server, too_many_sign_ins

        try:
            database, who = await sign_in_to_server(address, login, password)
        except SignInRefusedError as exc:
            if exc.retry_after > 0 and str(exc).startswith(too_many_sign_ins()):
                self.tested.emit(WRONG_LOGIN, str(exc))
            else:
                self.tested.emit(
                    WRONG_LOGIN,
                    translate(
                        "ConnectDialog",
                        "The server at {host}:{port} answered, but refused this name and password for the household "
                        "“{database}”. Check the database name, your name and your password.",
                    ).format(host=address.host, port=address.port, database=address.database),
                )
            return None
        except ServerProblemError as exc:
            # problems.py speaks of the URL of the command line; here the address is the dialog's fields.
            self.tested.emit(exc.kind, without_url(str(exc)))
            return None
        except HomeLogError:
            raise
        return database, who
