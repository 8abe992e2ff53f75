"""Members of the household."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.tables import MemberRow
from ..domain.access import Action
from ..domain.entities import Member
from ..domain.errors import DuplicateNameError, NotFoundError
from ..domain.issues import refuse_errors
from ..domain.rules import check_member
from ..domain.timeutil import from_epoch, to_epoch, utc_now
from ..i18n import translate
from . import access
from .versions import stamp


def _to_domain(row: MemberRow) -> Member:
    updated = row.updated_at or row.created_at
    return Member(
        id=row.id,
        name=row.name,
        email=row.email,
        created_at=from_epoch(row.created_at) if row.created_at is not None else None,
        updated_at=from_epoch(updated) if updated is not None else None,
    )


class MemberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[Member]:
        rows = await self._session.scalars(select(MemberRow).order_by(func.lower(MemberRow.name), MemberRow.id))
        return [_to_domain(r) for r in rows]

    async def get(self, member_id: int) -> Member:
        row = await self._session.get(MemberRow, member_id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That member no longer exists."))
        return _to_domain(row)

    async def by_email(self, email: str) -> Member | None:
        """The member with this e-mail address (case-insensitive; e-mails are unique), or None."""
        typed = email.strip()
        if not typed:
            return None
        row = await self._session.scalar(select(MemberRow).where(func.lower(MemberRow.email) == typed.lower()))
        return _to_domain(row) if row is not None else None

    async def add(self, member: Member) -> Member:
        await access.require_member(self._session, Action.ADD_MEMBER)
        name, email = _clean(member)
        await self._check_email(email, None)
        now = to_epoch(utc_now())
        row = MemberRow(name=name, email=email, created_at=now, updated_at=now)
        self._session.add(row)
        await self._session.flush()
        return _to_domain(row)

    async def update(self, member: Member) -> Member:
        if member.id is None:
            raise ValueError("update needs a stored member")
        await access.require_member(self._session, Action.EDIT_MEMBER, member.id)
        row = await self._session.get(MemberRow, member.id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That member no longer exists."))
        name, email = _clean(member)
        # Check before assigning: the check's query autoflushes, and a taken e-mail would then fail
        # on the unique constraint (IntegrityError) instead of as a DuplicateNameError.
        await self._check_email(email, member.id)
        row.name, row.email = name, email
        await stamp(self._session, row, "member", 0)  # counts the version, records who and when
        await self._session.flush()
        return _to_domain(row)

    async def delete(self, member_id: int) -> None:
        await access.require_member(self._session, Action.REMOVE_MEMBER, member_id)
        row = await self._session.get(MemberRow, member_id)
        if row is None:
            raise NotFoundError(translate("Repositories", "That member no longer exists."))
        await self._session.delete(row)
        await self._session.flush()

    async def _check_email(self, email: str | None, own_id: int | None) -> None:
        if email is None:
            return
        query = select(MemberRow.id).where(func.lower(MemberRow.email) == email.lower())
        found = await self._session.scalar(query)
        if found is not None and found != own_id:
            raise DuplicateNameError(
                translate("Repositories", "E-mail: {email} already belongs to another member.").format(email=email)
            )


def _clean(member: Member) -> tuple[str, str | None]:
    refuse_errors(check_member(member))
    return member.name.strip(), (member.email or "").strip() or None
