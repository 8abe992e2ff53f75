"""The access policy (``domain/access.py``) applied to queries and writes, for the session's actor.

Two things live here and nowhere else:

- ``visible_sources``: the one SQL form of "sources this actor may see" (``can_view_source``; a
  property test proves both select the same sources). Every query of sources, metrics, readings,
  values, meter changes and tariffs is narrowed with it, directly or through ``visible_source_ids``
  and ``visible_metric_ids``.
- The facts the policy needs about a stored source, reading or member, and ``require_*`` helpers
  that ask the policy and raise ``AccessDeniedError`` with its reason before a write.

A session without an actor (a local notebook without passwords) is unrestricted: every helper
then does nothing and costs no query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from ..db.database import actor_of
from ..db.tables import MemberRow, MetricRow, ReadingRow, SourceRow
from ..domain.access import (
    AccessDeniedError,
    Action,
    Actor,
    MemberFacts,
    ReadingFacts,
    Role,
    SourceFacts,
    decide,
    require,
)
from ..domain.errors import NotFoundError
from ..i18n import translate

#: ``session.info`` key of the ids of sources already found visible in this unit of work.
_SEEN_KEY = "homelog_visible_sources"

__all__ = [
    "AccessDeniedError",
    "member_facts",
    "reading_facts",
    "require",
    "require_member",
    "require_readings",
    "require_source",
    "restricted",
    "server_member",
    "source_facts",
    "visible_metric_ids",
    "visible_source_ids",
    "visible_sources",
]


def visible_sources(actor: Actor | None) -> ColumnElement[bool]:
    """SQL (on ``sources``) true for the sources ``actor`` may see: the one form of ``can_view_source``.

    Everyone sees a source they own and every public source; the administrator, and a session
    without an actor, see all.
    """
    if actor is None or actor.is_admin:
        return true()
    return or_(SourceRow.owner_id == actor.member_id, SourceRow.is_public.is_(True))


def restricted(actor: Actor | None) -> bool:
    """Whether queries for ``actor`` need narrowing at all (not for nobody or the administrator)."""
    return actor is not None and not actor.is_admin


def visible_source_ids(actor: Actor | None) -> Select[int]:
    """``SELECT id FROM sources WHERE <visible>``, for ``source_id IN (...)``."""
    return select(SourceRow.id).where(visible_sources(actor))


def visible_metric_ids(actor: Actor | None) -> Select[int]:
    """The ids of the metrics of the visible sources, for ``metric_id IN (...)``."""
    return select(MetricRow.id).join(SourceRow, SourceRow.id == MetricRow.source_id).where(visible_sources(actor))


def narrowed[Q: Select[*tuple[Any, ...]]](query: Q, session: AsyncSession, source_id: Any) -> Q:
    """``query`` keeping only rows whose ``source_id`` column names a source the actor may see."""
    actor = actor_of(session)
    if not restricted(actor):
        return query
    return query.where(source_id.in_(visible_source_ids(actor)))


def narrowed_by_metric[Q: Select[*tuple[Any, ...]]](query: Q, session: AsyncSession, metric_id: Any) -> Q:
    """``query`` keeping only rows whose ``metric_id`` column names a metric of a visible source."""
    actor = actor_of(session)
    if not restricted(actor):
        return query
    return query.where(metric_id.in_(visible_metric_ids(actor)))


async def ensure_visible(session: AsyncSession, source_id: int | None) -> None:
    """Raise ``NotFoundError`` (as for a deleted source) unless the actor may see ``source_id``.

    A hidden source is not found: nobody learns it exists. Checked once per source and unit of work.
    """
    actor = actor_of(session)
    if not restricted(actor) or source_id is None:
        return
    seen: set[int] = session.info.setdefault(_SEEN_KEY, set())
    if source_id in seen:
        return
    found = await session.scalar(select(SourceRow.id).where(SourceRow.id == source_id, visible_sources(actor)))
    if found is None:
        raise NotFoundError(translate("Repositories", "That source no longer exists."))
    seen.add(source_id)


async def metric_visible(session: AsyncSession, metric_id: int) -> bool:
    """Whether the actor may see the source of ``metric_id``."""
    actor = actor_of(session)
    if not restricted(actor):
        return True
    query = select(MetricRow.id).where(MetricRow.id == metric_id, MetricRow.id.in_(visible_metric_ids(actor)))
    return await session.scalar(query) is not None


# -- facts ------------------------------------------------------------------------------------


async def source_facts(session: AsyncSession, source_id: int) -> SourceFacts:
    """What the policy needs to know about a stored source (``NotFoundError`` when it is gone)."""
    owner = aliased(MemberRow)
    row = (
        await session.execute(
            select(SourceRow.owner_id, SourceRow.is_public, SourceRow.members_may_add_readings, owner.name)
            .outerjoin(owner, owner.id == SourceRow.owner_id)
            .where(SourceRow.id == source_id)
        )
    ).first()
    if row is None:
        raise NotFoundError(translate("Repositories", "That source no longer exists."))
    return SourceFacts(row[0], bool(row[1]), bool(row[2]), row[3])


async def reading_facts(session: AsyncSession, reading_ids: Sequence[int]) -> dict[int, ReadingFacts]:
    """The facts of each stored reading in ``reading_ids`` (missing ones are left out)."""
    if not reading_ids:
        return {}
    owner, author = aliased(MemberRow), aliased(MemberRow)
    rows = await session.execute(
        select(
            ReadingRow.id,
            ReadingRow.entered_by,
            author.name,
            SourceRow.owner_id,
            SourceRow.is_public,
            SourceRow.members_may_add_readings,
            owner.name,
        )
        .join(SourceRow, SourceRow.id == ReadingRow.source_id)
        .outerjoin(owner, owner.id == SourceRow.owner_id)
        .outerjoin(author, author.id == ReadingRow.entered_by)
        .where(ReadingRow.id.in_(list(reading_ids)))
    )
    return {
        rid: ReadingFacts(SourceFacts(owner_id, bool(public), bool(may_add), owner_name), entered_by, author_name)
        for rid, entered_by, author_name, owner_id, public, may_add, owner_name in rows
    }


async def member_facts(session: AsyncSession, member_id: int) -> MemberFacts:
    name = await session.scalar(select(MemberRow.name).where(MemberRow.id == member_id))
    if name is None:
        raise NotFoundError(translate("Repositories", "That member no longer exists."))
    return MemberFacts(member_id, name)


# -- checks before writes ---------------------------------------------------------------------


async def require_source(session: AsyncSession, action: Action, source_id: int) -> SourceFacts | None:
    """Raise ``AccessDeniedError`` (the policy's reason) unless the actor may do ``action`` on the
    source; returns the facts it checked (None without an actor)."""
    actor = actor_of(session)
    if actor is None:
        return None
    facts = await source_facts(session, source_id)
    require(decide(actor, action, facts))
    return facts


async def require_readings(session: AsyncSession, action: Action, reading_ids: Sequence[int]) -> None:
    """Raise ``AccessDeniedError`` unless the actor may do ``action`` on every stored reading listed."""
    actor = actor_of(session)
    if actor is None or not reading_ids:
        return
    for facts in (await reading_facts(session, reading_ids)).values():
        require(decide(actor, action, facts))


async def require_member(session: AsyncSession, action: Action, member_id: int | None = None) -> None:
    """Raise ``AccessDeniedError`` unless the actor may do ``action`` on the member (or at all)."""
    actor = actor_of(session)
    if actor is None:
        return
    target = await member_facts(session, member_id) if member_id is not None else None
    require(decide(actor, action, target))


# -- who the server says we are ---------------------------------------------------------------


async def server_member(session: AsyncSession) -> Actor | None:
    """On PostgreSQL with row-level security (``db/rls.py``): the member whose role this session
    signed in as, with their role in the household; None for any other role (the database owner)
    or a server without the household's roles."""
    if (await session.connection()).dialect.name != "postgresql":
        return None
    from .member_roles import MemberRoleRepository

    member_id = await MemberRoleRepository(session).signed_in_member()
    if member_id is None:
        return None
    role = await session.scalar(select(MemberRow.role).where(MemberRow.id == member_id))
    return Actor(int(member_id), Role(role)) if role is not None else None
