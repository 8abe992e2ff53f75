"""Signing in: one attempt at a time, a refusal with how long to wait, never which part was wrong."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .base import BaseViewModel

if TYPE_CHECKING:
    from ..services.auth import SignedIn

#: An attempt: (login, password) -> who signed in; raises SignInRefusedError or another HomeLogError.
type Attempt = Callable[[str, str], Awaitable[SignedIn]]


class SignInViewModel(BaseViewModel):
    """Runs sign-in attempts (services/auth.py on a file, the server's own check on PostgreSQL).

    ``signed_in(SignedIn)`` on success; ``refused(message, retry_after)`` for a wrong name or
    password (the same words whatever was wrong; ``retry_after`` seconds before the next try is
    accepted, 0: now); anything else the database says (server unreachable...) is
    ``error_occurred``. Argon2 and the server's check run off the event loop.
    """

    signed_in = Signal(object)
    refused = Signal(str, float)

    def __init__(self, attempt: Attempt, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attempt = attempt

    async def sign_in(self, login: str, password: str) -> None:
        from ..services.auth import SignInRefusedError

        if self.busy:
            return  # one attempt at a time (Enter pressed twice)
        async with self._action():
            try:
                who = await self._attempt(login.strip(), password)
            except SignInRefusedError as exc:
                self.refused.emit(str(exc), float(exc.retry_after))
                return
            self.signed_in.emit(who)
