"""Passwords and sign-in: Argon2 hashes (``argon2-cffi``, as the original), and a throttle.

- ``PasswordHashing`` hashes and checks passwords with Argon2id (the library's defaults: 64 MiB,
  3 passes, about 50 ms) and says when a stored hash was made with weaker settings and should be
  replaced (``needs_rehash``); a successful sign-in then stores a new hash.
- ``SignInThrottle`` counts failed sign-ins per login (what was typed as the name or e-mail).
  After ``free_failures`` failures every further attempt must wait, ``first_delay`` seconds at
  first, doubling per failure up to ``max_delay``; a success forgets the failures. Time comes from
  an injectable clock, so tests need no sleeps.
- ``AuthService`` signs members in and sets passwords. A refusal never says which part was wrong:
  an unknown login, a member without a password and a wrong password all get the same words (and
  the unknown login costs a hash check too, so the time does not tell either).

Hashing takes tens of milliseconds of CPU, so the service runs it in a worker thread; the event
loop is never blocked.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.database import Database
from ..db.server import ServerAddress
from ..domain.access import Actor, MemberFacts, Role, can_edit_member, can_reset_password, require
from ..domain.errors import HomeLogError
from ..domain.issues import Issue
from ..domain.passwords import check_password
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..repositories.member_passwords import MemberPasswordRepository
from ..repositories.members import MemberRepository

log = logging.getLogger(__name__)

#: What every refused sign-in says (never which part was wrong; translated where given).
WRONG_CREDENTIALS = QT_TRANSLATE_NOOP(
    "Auth", "That name or e-mail and password do not match. Check both and try again."
)


class PasswordHashing:
    """Argon2id hashing of passwords; ``hasher`` is injectable (tests use cheaper settings)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """Whether ``password`` matches; a malformed hash matches nothing."""
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether the hash was made with other settings than the current ones (replace it)."""
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


@dataclass
class SignInThrottle:
    """A growing wait after repeated failed sign-ins with the same login."""

    clock: Callable[[], float] = time.monotonic
    free_failures: int = 3
    first_delay: float = 1.0
    max_delay: float = 30.0
    _failures: dict[str, _Failures] = field(default_factory=dict)

    @staticmethod
    def _key(login: str) -> str:
        return login.strip().casefold()

    def delay_after(self, failures: int) -> float:
        """How long to wait after ``failures`` failures in a row (0 while they are free)."""
        extra = failures - self.free_failures
        if extra <= 0:
            return 0.0
        return float(min(self.max_delay, self.first_delay * 2 ** (extra - 1)))

    def retry_after(self, login: str) -> float:
        """Seconds until ``login`` may try again (0: now)."""
        record = self._failures.get(self._key(login))
        if record is None:
            return 0.0
        return max(0.0, record.last + self.delay_after(record.count) - self.clock())

    def failed(self, login: str) -> None:
        record = self._failures.setdefault(self._key(login), _Failures())
        record.count += 1
        record.last = self.clock()

    def succeeded(self, login: str) -> None:
        self._failures.pop(self._key(login), None)


class SignInRefusedError(HomeLogError):
    """A refused sign-in; ``retry_after`` is how many seconds to wait before the next try (0: now)."""

    def __init__(self, message: str, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PasswordRejectedError(HomeLogError):
    """A new password that breaks the password rules; ``problems`` says where and why."""

    def __init__(self, problems: list[Issue]) -> None:
        super().__init__("\n".join(p.text for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who signed in."""

    member_id: int
    name: str
    email: str | None
    role: Role

    @property
    def actor(self) -> Actor:
        return Actor(self.member_id, self.role)


class AuthService:
    """Signing in and setting passwords on one database."""

    def __init__(
        self,
        database: Database,
        *,
        hashing: PasswordHashing | None = None,
        throttle: SignInThrottle | None = None,
    ) -> None:
        self._database = database
        self._hashing = hashing or PasswordHashing()
        self._throttle = throttle or SignInThrottle()
        self._dummy_hash: str | None = None

    async def sign_in_needed(self) -> bool:
        """Whether this database asks who is signing in (some member has a password)."""
        async with self._database.session(readonly=True) as session:
            return await MemberPasswordRepository(session).any_password()

    async def sign_in(self, login: str, password: str) -> SignedIn:
        """The member whose name or e-mail is ``login`` and whose password is ``password``.

        Raises ``SignInRefusedError`` (the same words for every wrong part) and, after repeated
        failures, refuses without checking until the throttle's wait is over.
        """
        wait = self._throttle.retry_after(login)
        if wait > 0:
            raise _too_many(wait)
        async with self._database.session() as session:
            passwords = MemberPasswordRepository(session)
            found = await passwords.find(login)
            stored = found.password_hash if found is not None else None
            if stored is None:
                # Spend the same time as a real check, so the reply's delay does not tell.
                await asyncio.to_thread(self._hashing.verify, await self._dummy(), password)
                ok = False
            else:
                ok = await asyncio.to_thread(self._hashing.verify, stored, password)
            if not ok or found is None or stored is None:
                self._throttle.failed(login)
                raise SignInRefusedError(translate("Auth", WRONG_CREDENTIALS), self._throttle.retry_after(login))
            if self._hashing.needs_rehash(stored):
                await passwords.set_hash(found.member_id, await asyncio.to_thread(self._hashing.hash, password))
        self._throttle.succeeded(login)
        return SignedIn(found.member_id, found.name, found.email, found.role)

    async def change_own_password(self, actor: Actor, current: str, new: str, confirmation: str | None = None) -> None:
        """A member changes their own password, proving they know the current one (if they have one)."""
        async with self._database.session() as session:
            passwords = MemberPasswordRepository(session)
            stored = await passwords.get_hash(actor.member_id)
            if stored is not None:
                right = await asyncio.to_thread(self._hashing.verify, stored, current)
            else:
                # On a server the member's role may have a password without a hash here: the one this
                # connection signed in with (checked by the server).
                signed_in_with = self._database.url.password if not self._database.is_sqlite else None
                right = signed_in_with is None or hmac.compare_digest(signed_in_with.encode(), current.encode())
            if not right:
                raise SignInRefusedError(translate("Auth", "The current password is not right."))
            await self._store(session, actor, actor.member_id, new, confirmation)
        if not self._database.is_sqlite and self._database.url.password is not None:
            self._database.use_password(new)  # the server's role has the new password now

    async def reset_password(
        self, actor: Actor | None, member_id: int, new: str, confirmation: str | None = None
    ) -> None:
        """The administrator sets a member's password (a forgotten one, or the first).

        ``actor`` None: nobody signs in to this local file yet, so whoever sits at it sets passwords.
        """
        async with self._database.session() as session:
            await self._store(session, actor, member_id, new, confirmation)

    async def _store(
        self, session: AsyncSession, actor: Actor | None, member_id: int, new: str, confirmation: str | None
    ) -> None:
        member = await MemberRepository(session).get(member_id)  # NotFoundError when gone
        facts = MemberFacts(member_id, member.name)
        if actor is not None:
            own = member_id == actor.member_id
            require(can_edit_member(actor, facts) if own else can_reset_password(actor, facts))
        problems = check_password(new, email=member.email, name=member.name, confirmation=confirmation)
        if problems:
            raise PasswordRejectedError(problems)
        password_hash = await asyncio.to_thread(self._hashing.hash, new)
        await MemberPasswordRepository(session).set_hash(member_id, password_hash)
        if not self._database.is_sqlite:
            await self._store_role_password(session, member_id, member.name, new)

    async def _store_role_password(self, session: AsyncSession, member_id: int, name: str, new: str) -> None:
        """On a server the member signs in as their role: it gets the same password (made if missing)."""
        from ..db.rls import member_role_name
        from ..repositories.member_roles import MemberRoleRepository

        roles = MemberRoleRepository(session)
        if not await roles.installed():
            return
        role = await roles.role_of(member_id)
        if role is None:
            await roles.add(member_id, member_role_name(self._database.url.database or "", member_id), new)
        else:
            await roles.set_password(role, new)

    async def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = await asyncio.to_thread(self._hashing.hash, "not a password of anyone here")
        return self._dummy_hash


class ServerProblemError(HomeLogError):
    """The server cannot be used (unreachable, no such database...): not a refused sign-in.

    ``kind`` is problems.Kind's value, so the connect dialog can tell which part to fix.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


async def sign_in_to_server(
    address: ServerAddress, login: str, password: str, throttle: SignInThrottle | None = None
) -> tuple[Database, SignedIn]:
    """Connect to the household at ``address`` as the member whose name or e-mail is ``login``: the
    server checks the password.

    Two steps: the household's sign-in role asks ``homelog_sign_in_role(login)`` which role that
    member signs in as (db/rls.py: it reveals that name only), then the app connects as that role
    with ``password`` (scram-sha-256). Returns the open Database, signed in as the member (the
    caller disposes of it). An unknown login, a name two members share and a wrong password are
    the same ``SignInRefusedError`` with the same words as on a local file; anything else about the
    server a ``ServerProblemError`` saying what is wrong.
    """
    from ..problems import Kind, explain
    from ..repositories.member_roles import MemberRoleRepository

    throttle = throttle if throttle is not None else _SERVER_THROTTLE
    wait = throttle.retry_after(login)
    if wait > 0:
        raise _too_many(wait)
    database: Database | None = None
    try:
        role = await role_of_login(address, login) if login.strip() and password else None
        if role is None:
            raise SignInRefusedError(translate("Auth", WRONG_CREDENTIALS))
        database = Database(address.url(role, password))
        async with database.session(readonly=True) as session:
            member_id = await MemberRoleRepository(session).signed_in_member()
            if member_id is None:
                raise SignInRefusedError(translate("Auth", WRONG_CREDENTIALS))
            member = await MemberRepository(session).get(member_id)
            role_of = await MemberPasswordRepository(session).role(member_id)
    except BaseException as exc:
        if database is not None:
            await database.dispose()
        if isinstance(exc, SignInRefusedError):
            throttle.failed(login)
            raise SignInRefusedError(translate("Auth", WRONG_CREDENTIALS), throttle.retry_after(login)) from None
        if isinstance(exc, ServerProblemError):
            raise
        problem = explain(exc, address.display) if isinstance(exc, Exception) else None
        if problem is None:
            raise
        if problem.kind is Kind.SERVER_LOGIN:
            throttle.failed(login)
            raise SignInRefusedError(translate("Auth", WRONG_CREDENTIALS), throttle.retry_after(login)) from None
        raise ServerProblemError(problem.message, problem.kind.value) from None
    throttle.succeeded(login)
    signed_in = SignedIn(member.id or member_id, member.name, member.email, role_of)
    database.sign_in_as(signed_in.actor)
    return database, signed_in


async def role_of_login(address: ServerAddress, login: str) -> str | None:
    """The role a member's name or e-mail signs in as, asked as the household's sign-in role (None: nobody's)."""
    from sqlalchemy import text

    from ..db.rls import SIGN_IN_PASSWORD, sign_in_role
    from ..problems import Kind, explain

    lookup = Database(address.url(sign_in_role(address.database), SIGN_IN_PASSWORD))
    try:
        async with lookup.engine.connect() as conn:
            found = await conn.scalar(text("SELECT homelog_sign_in_role(:login)"), {"login": login.strip()})
    except Exception as exc:
        problem = explain(exc, address.display)
        said = str(exc)
        if "too many connections" in said:
            raise ServerProblemError(
                translate("Auth", "The server at {place} is busy with other sign-ins. Try again in a moment.").format(
                    place=address.display
                ),
                Kind.SERVER_UNREACHABLE.value,
            ) from None
        if problem is not None and problem.kind is Kind.SERVER_LOGIN:
            # No sign-in role: a database of that name with no household, or none at all (roles are
            # named after the database). Said like any refusal: which part was wrong is not told.
            log.info("The sign-in role of %s refused the connection: %s", address.display, said)
            return None
        if "homelog_sign_in_role" in said:
            raise ServerProblemError(
                translate(
                    "Auth",
                    "The household “{database}” at {place} is not ready for signing in by name or e-mail: its owner"
                    " updates it first (open it with Home Log as the database's owner).",
                ).format(database=address.database, place=address.display),
                Kind.SERVER_LOGIN.value,
            ) from None
        if problem is None:
            raise
        raise ServerProblemError(problem.message, problem.kind.value) from None
    finally:
        await lookup.dispose()
    return str(found) if found is not None else None


def too_many_sign_ins() -> str:
    """The first sentence of the refusal after too many failed sign-ins (which the dialogs recognise it by)."""
    return translate("Auth", "Too many failed sign-ins.")


def _too_many(wait: float) -> SignInRefusedError:
    seconds = math.ceil(wait)
    again = translate("Auth", "Try again in %n second(s).", None, seconds)
    return SignInRefusedError(f"{too_many_sign_ins()} {again}", wait)


#: Failed sign-ins to servers in this run of the program (the server has its own limits too).
_SERVER_THROTTLE = SignInThrottle()
