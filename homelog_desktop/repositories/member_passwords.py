"""Members' password hashes and roles, and finding a member by what they type to sign in.

Hashes only: hashing and checking is ``services/auth.py``'s (Argon2). Like every repository this
one takes an ``AsyncSession`` and never commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.tables import MemberPasswordRow, MemberRow
from ..domain.access import Role
from ..domain.entities import MemberAccount
from ..domain.errors import NotFoundError
from ..domain.timeutil import to_epoch, utc_now
from ..i18n import translate
from .members import _to_domain


@dataclass(frozen=True, slots=True)
class Credentials:
    """A member found by their sign-in name, with their role and password hash (None: no password)."""

    member_id: int
    name: str
    email: str | None
    role: Role
    password_hash: str | None


class MemberPasswordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def any_password(self) -> bool:
        """Whether any member has a password (then the app asks who is signing in)."""
        return bool(await self._session.scalar(select(exists().select_from(MemberPasswordRow))))

    async def accounts(self) -> list[MemberAccount]:
        """Every member (sorted by name) with their role and whether they have a password."""
        query = (
            select(MemberRow, MemberPasswordRow.member_id)
            .outerjoin(MemberPasswordRow, MemberPasswordRow.member_id == MemberRow.id)
            .order_by(func.lower(MemberRow.name), MemberRow.id)
        )
        return [
            MemberAccount(_to_domain(row), Role(row.role), password is not None)
            for row, password in (await self._session.execute(query)).all()
        ]

    async def get_hash(self, member_id: int) -> str | None:
        return await self._session.scalar(
            select(MemberPasswordRow.hash).where(MemberPasswordRow.member_id == member_id)
        )

    async def set_hash(self, member_id: int, password_hash: str) -> None:
        """Store (or replace) the member's hash; the member must exist."""
        if await self._session.get(MemberRow, member_id) is None:
            raise NotFoundError(translate("Repositories", "That member no longer exists."))
        row = await self._session.get(MemberPasswordRow, member_id)
        now = to_epoch(utc_now())
        if row is None:
            self._session.add(MemberPasswordRow(member_id=member_id, hash=password_hash, updated_at=now))
        else:
            row.hash, row.updated_at = password_hash, now
        await self._session.flush()

    async def clear(self, member_id: int) -> None:
        """Remove the member's password (they sign in without one again)."""
        await self._session.execute(delete(MemberPasswordRow).where(MemberPasswordRow.member_id == member_id))

    async def find(self, login: str) -> Credentials | None:
        """The member whose e-mail (case-insensitive) or else whose name is ``login``.

        E-mails are unique. Names are not: a name that two members share finds nobody (the sign-in
        then fails like a wrong password; those members sign in with their e-mail).
        """
        typed = login.strip()
        if not typed:
            return None
        query = (
            select(MemberRow, MemberPasswordRow.hash)
            .outerjoin(MemberPasswordRow, MemberPasswordRow.member_id == MemberRow.id)
            .order_by(MemberRow.id)
        )
        rows = (await self._session.execute(query.where(func.lower(MemberRow.email) == typed.lower()))).all()
        if len(rows) != 1:
            rows = (await self._session.execute(query.where(func.lower(MemberRow.name) == typed.lower()))).all()
        if len(rows) != 1:
            return None
        member, password_hash = rows[0]
        return Credentials(member.id, member.name, member.email, Role(member.role), password_hash)

    async def role(self, member_id: int) -> Role:
        value = await self._session.scalar(select(MemberRow.role).where(MemberRow.id == member_id))
        if value is None:
            raise NotFoundError(translate("Repositories", "That member no longer exists."))
        return Role(value)

    async def set_role(self, member_id: int, role: Role) -> None:
        result = await self._session.execute(update(MemberRow).where(MemberRow.id == member_id).values(role=role.value))
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(translate("Repositories", "That member no longer exists."))

    async def ensure_administrator(self) -> int | None:
        """Make the first member the administrator when the household has none; return the administrator's id."""
        admin = await self._session.scalar(
            select(MemberRow.id).where(MemberRow.role == Role.ADMIN.value).order_by(MemberRow.id).limit(1)
        )
        if admin is not None:
            return admin
        first = await self._session.scalar(select(func.min(MemberRow.id)))
        if first is not None:
            await self.set_role(first, Role.ADMIN)
        return first
