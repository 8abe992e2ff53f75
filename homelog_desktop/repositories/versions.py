"""Row versions in writes: refuse a stale save (domain/conflicts.py) and note who changed a row and when."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.database import actor_of
from ..db.tables import MemberRow
from ..domain.conflicts import is_stale, refuse_stale
from ..domain.timeutil import from_epoch, to_epoch, utc_now


class Versioned(Protocol):
    version: int
    updated_by: int | None
    updated_at: int


async def member_name(session: AsyncSession, member_id: int | None) -> str | None:
    """Who changed a row, for the conflict's message (None: not known)."""
    if member_id is None:
        return None
    name = await session.scalar(select(MemberRow.name).where(MemberRow.id == member_id))
    return name or "a former member"


async def locked[R](session: AsyncSession, row_type: type[R], row_id: int) -> R | None:
    """The row ``row_id`` locked for this transaction (SELECT ... FOR UPDATE), so that a second save
    of the same row waits for the first to commit and then sees its version.

    Under row-level security a row the member may see but not change cannot be locked: it is then
    read without the lock, and the access rules refuse the change as they would have anyway.
    """
    row = await session.get(row_type, row_id, with_for_update=True)
    if row is None:
        row = await session.get(row_type, row_id)
    return row


def changed_by(session: AsyncSession) -> int | None:
    """The member id a change is recorded for (None: a local notebook without sign-in)."""
    actor = actor_of(session)
    return actor.member_id if actor is not None else None


async def stamp(session: AsyncSession, row: Versioned, what: str, expected: int) -> None:
    """Before changing ``row``: refuse if it changed since version ``expected`` was read (0: do not
    check), then count its version up and record who and when.

    The caller loads ``row`` with ``with_for_update=True``: on PostgreSQL a second save of the same
    row waits for the first to commit and then sees its version; SQLite serialises writers anyway.
    """
    if is_stale(expected, row.version):
        name = await member_name(session, row.updated_by)
        refuse_stale(what, expected, row.version, name, from_epoch(row.updated_at) if row.updated_at else None)
    row.version = row.version + 1
    row.updated_by = changed_by(session)
    row.updated_at = to_epoch(utc_now())
