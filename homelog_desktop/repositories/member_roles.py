"""Members' roles on a PostgreSQL server (row-level security, db/rls.py): which member a connection
signed in as, and the administrator's creating and dropping of roles (a role is named after the
member's id: renaming a member leaves it as it is).

The roles are managed through db/rls.py's SECURITY DEFINER functions, which run as the database
owner and check that the caller may (the administrator; a member for their own password). Passwords
travel only as SCRAM verifiers made here, never as plain text. Like every repository this one takes
an ``AsyncSession`` and never commits.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.rls import scram_verifier


class MemberRoleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def installed(self) -> bool:
        """Whether this database has row-level security (the members' roles) switched on."""
        found = await self._session.scalar(text("SELECT to_regclass('member_roles') IS NOT NULL"))
        return bool(found)

    async def signed_in_member(self) -> int | None:
        """The member this connection's role belongs to (None: another role, such as the owner)."""
        if not await self.installed():
            return None
        value = await self._session.scalar(text("SELECT homelog_member_id()"))
        return int(value) if value is not None else None

    async def role_of(self, member_id: int) -> str | None:
        value = await self._session.scalar(
            text("SELECT role_name FROM member_roles WHERE member_id = :m"), {"m": member_id}
        )
        return str(value) if value is not None else None

    async def members_with_roles(self) -> set[int]:
        """The members who have a role (they can sign in to the server)."""
        return set(await self._session.scalars(text("SELECT member_id FROM member_roles")))

    async def add(self, member_id: int, role: str, password: str) -> None:
        """Create the member's role, signing in with ``password`` (the administrator only)."""
        await self._session.execute(
            text("SELECT homelog_add_member_role(:m, :r, :v)"),
            {"m": member_id, "r": role, "v": scram_verifier(password)},
        )

    async def set_password(self, role: str, password: str) -> None:
        """The role's new password (the member themselves, or the administrator)."""
        await self._session.execute(
            text("SELECT homelog_set_role_password(:r, :v)"), {"r": role, "v": scram_verifier(password)}
        )

    async def drop(self, role: str) -> None:
        await self._session.execute(text("SELECT homelog_drop_member_role(:r)"), {"r": role})
