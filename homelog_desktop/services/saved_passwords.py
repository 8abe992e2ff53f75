"""Server passwords the member chose to remember, in the operating system's keyring (``keyring``).

Only the keyring holds them: never the settings, the logs or a URL. Without a usable keyring (no
Secret Service on a bare Linux desktop, a locked store) ``status()`` says so in words, and the
connect dialog disables its "Remember password" box with that reason. Keyring calls may block
(D-Bus, a password prompt): every call runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from ..db.server import ServerAddress
from ..i18n import translate

#: The keyring's service name of Home Log's entries.
SERVICE = "Home Log"

log = logging.getLogger("homelog")


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """Whether passwords can be remembered, and if not, why (a sentence for a tooltip)."""

    available: bool
    reason: str


def _entry(address: ServerAddress, login: str) -> str:
    return f"{login.strip().casefold()}@{address.display}"


def _status() -> KeyringStatus:
    try:
        import keyring
    except ImportError:
        return KeyringStatus(
            False, translate("SavedPasswords", "Passwords cannot be remembered: the keyring module is not installed.")
        )
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration
        return KeyringStatus(
            False,
            translate(
                "SavedPasswords", "Passwords cannot be remembered: the password store does not work ({reason})."
            ).format(reason=exc),
        )
    priority = getattr(backend, "priority", 0)
    if type(backend).__module__.startswith("keyring.backends.fail") or not priority or priority <= 0:
        return KeyringStatus(
            False,
            translate(
                "SavedPasswords",
                "Passwords cannot be remembered: this computer has no password store (keyring) Home Log can use."
                " Type the password each time.",
            ),
        )
    return KeyringStatus(
        True,
        translate("SavedPasswords", "Kept in {store}, never in a file.").format(
            store=getattr(backend, "name", type(backend).__name__)
        ),
    )


def _get(address: ServerAddress, login: str) -> str | None:
    import keyring

    try:
        return keyring.get_password(SERVICE, _entry(address, login))
    except Exception as exc:  # no backend, locked, refused: as if nothing were remembered
        log.warning("Could not read a remembered password from the keyring: %s", type(exc).__name__)
        return None


def _set(address: ServerAddress, login: str, password: str) -> bool:
    import keyring

    try:
        keyring.set_password(SERVICE, _entry(address, login), password)
        return True
    except Exception as exc:
        log.warning("Could not remember the password in the keyring: %s", type(exc).__name__)
        return False


def _forget(address: ServerAddress, login: str) -> None:
    import keyring

    try:
        keyring.delete_password(SERVICE, _entry(address, login))
    except Exception:  # nothing was remembered, or no keyring: nothing to forget
        pass


class SavedPasswords:
    """Remembered server passwords, one per member and server."""

    async def status(self) -> KeyringStatus:
        return await asyncio.to_thread(_status)

    async def get(self, address: ServerAddress, login: str) -> str | None:
        return await asyncio.to_thread(_get, address, login)

    async def remember(self, address: ServerAddress, login: str, password: str) -> bool:
        """Store the password; False if the keyring refused (the sign-in goes on regardless)."""
        return await asyncio.to_thread(_set, address, login, password)

    async def forget(self, address: ServerAddress, login: str) -> None:
        await asyncio.to_thread(_forget, address, login)
