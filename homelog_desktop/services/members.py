"""Adding, changing and removing the household's members, with their roles on a server.

On a local file a member is one row. On a PostgreSQL server with row-level security each member
is also a database role (db/rls.py): adding a member leaves the role to their first password
(AuthService creates it), renaming a member leaves the role as it is (it is named after the
member's id; sign-in finds it from the name or e-mail), and removing a member drops it. Who may do what is
domain/access.py's: the administrator adds and removes members (not themselves); every member
changes their own name and e-mail. ``actor`` None is a local notebook without passwords: nobody is
restricted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.database import Database
from ..domain.access import Actor, MemberFacts, can_add_member, can_edit_member, can_remove_member, require
from ..domain.entities import Member, MemberAccount
from ..repositories.member_passwords import MemberPasswordRepository
from ..repositories.member_roles import MemberRoleRepository
from ..repositories.members import MemberRepository

if TYPE_CHECKING:
    from .undo import Recording


class MemberService:
    """The Members dialog's changes, each in one unit of work; every one returns the new list."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def actor(self) -> Actor | None:
        return self._database.actor

    async def accounts(self) -> list[MemberAccount]:
        async with self._database.session(readonly=True) as session:
            return await self._accounts(session)

    async def add(
        self, name: str, email: str | None, *, recording: Recording | None = None
    ) -> tuple[Member, list[MemberAccount]]:
        """A new member; the household's first member becomes its administrator.

        With ``recording``, the rows it touched are noted for its undo (services/undo.py).
        """
        if self.actor is not None:
            require(can_add_member(self.actor))
        async with self._database.session() as session:
            if recording is not None:  # every member: the first one may become the administrator
                from .undo import every_member

                await recording.start(session, await every_member(session))
            stored = await MemberRepository(session).add(Member(None, name, email))
            assert stored.id is not None
            passwords = MemberPasswordRepository(session)
            await passwords.ensure_administrator()
            if recording is not None:
                from ..domain.undo import Scope

                await recording.finish(session, Scope(members=frozenset([stored.id])))
            return stored, await self._accounts(session)

    async def update(self, member: Member, *, recording: Recording | None = None) -> tuple[Member, list[MemberAccount]]:
        """A member's new name and e-mail (themselves or the administrator); a server's role stays as it is."""
        assert member.id is not None
        async with self._database.session() as session:
            if recording is not None:
                from ..domain.undo import Scope

                await recording.start(session, Scope(members=frozenset([member.id])))
            members = MemberRepository(session)
            before = await members.get(member.id)
            if self.actor is not None:
                require(can_edit_member(self.actor, MemberFacts(member.id, before.name)))
            stored = await members.update(member)
            if recording is not None:
                await recording.finish(session)
            return stored, await self._accounts(session)

    async def remove(self, member_id: int, *, recording: Recording | None = None) -> list[MemberAccount]:
        """Remove a member (the administrator, not themselves); on a server their role too."""
        async with self._database.session() as session:
            if recording is not None:
                from .undo import every_member, member_scope

                # Every member too: another one may become the administrator.
                scope = await member_scope(session, member_id) | await every_member(session)
                await recording.start(session, scope)
            members = MemberRepository(session)
            member = await members.get(member_id)
            if self.actor is not None:
                require(can_remove_member(self.actor, MemberFacts(member_id, member.name)))
            roles = await self._roles(session)
            role = await roles.role_of(member_id) if roles is not None else None
            if roles is not None and role is not None:
                await roles.drop(role)
            await members.delete(member_id)
            passwords = MemberPasswordRepository(session)
            await passwords.ensure_administrator()  # (the household keeps someone to manage it)
            if recording is not None:
                await recording.finish(session)
            return await self._accounts(session)

    async def _accounts(self, session: AsyncSession) -> list[MemberAccount]:
        """The members; on a server, a member with a role has a password there (the server checks it)."""
        accounts = await MemberPasswordRepository(session).accounts()
        roles = await self._roles(session)
        if roles is None:
            return accounts
        signing_in = await roles.members_with_roles()
        return [replace(a, has_password=a.has_password or a.member.id in signing_in) for a in accounts]

    async def _roles(self, session: object) -> MemberRoleRepository | None:
        """The roles of a server with row-level security; None on a local file (or a server without it)."""
        if self._database.is_sqlite:
            return None
        assert isinstance(session, AsyncSession)
        roles = MemberRoleRepository(session)
        return roles if await roles.installed() else None
