"""What the signed-in member may do: the access policy asked for the window (enabled actions, tooltips).

Views never read the policy themselves: they ask ``Permissions.can(action, target)`` and get the
policy's ``Decision``, whose ``reason`` is the tooltip of a disabled action. Without a signed-in
member (a local notebook without passwords) everything is allowed and the reason is empty. The
repositories refuse the same things again (``AccessDeniedError``): this only keeps the window from
offering them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..domain.access import (
    Action,
    Actor,
    Decision,
    MemberFacts,
    ReadingFacts,
    SourceFacts,
    author_of_new_reading,
    can_change_author,
    can_change_owner,
    decide,
    owner_of_new_source,
)
from ..domain.entities import Member, Reading, ReadingLine, Source
from ..i18n import translate

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider

#: A member id no member has: "another member" for ``can_change_owner``.
_SOMEONE_ELSE = -1
#: What ``can`` answers when nobody is signed in.
UNRESTRICTED = Decision(True, "")

type Target = Source | Reading | ReadingLine | Member | None


class Permissions:
    """The policy's decisions for the member signed in to ``db`` (read each time: a switch of member
    applies at once)."""

    def __init__(self, db: SessionProvider) -> None:
        self._db = db
        #: member id -> name, to word the reasons ("Only Ann (the owner) …").
        self.names: dict[int, str] = {}

    @property
    def actor(self) -> Actor | None:
        from ..db.handle import PendingDatabase

        db = self._db.database if isinstance(self._db, PendingDatabase) else self._db
        actor = getattr(db, "actor", None)
        return actor if isinstance(actor, Actor) else None

    @property
    def restricted(self) -> bool:
        """Whether anyone is signed in (else every ``can`` is allowed)."""
        return self.actor is not None

    def can(self, action: Action, target: Target = None, *, source: Source | None = None) -> Decision:
        """The policy's decision on ``action``: on a source, a reading (with its ``source``) or a member."""
        actor = self.actor
        if actor is None:
            return UNRESTRICTED
        return decide(actor, action, self._facts(target, source))

    def can_all(self, action: Action, readings: list[Reading], *, source: Source) -> Decision:
        """Allowed when the action is allowed on every reading; else the first refusal."""
        decision = UNRESTRICTED
        for reading in readings:
            decision = self.can(action, reading, source=source)
            if not decision:
                return decision
        return decision

    def ownership(self, source: Source) -> str:
        """Whose the source is and who sees it, for its page's header: "Ann's, public"."""
        actor = self.actor
        if actor is not None and source.owner_id == actor.member_id:
            whose = translate("Permissions", "yours")
        elif source.owner_id is None:
            whose = translate("Permissions", "nobody's")
        else:
            owner = self.names.get(source.owner_id) or translate("Permissions", "another member")
            whose = translate("Permissions", "{name}'s").format(name=owner)
        if not source.is_public:
            return translate("Permissions", "{whose}, private").format(whose=whose)
        adding = translate("Permissions", ", members add readings") if source.members_may_add_readings else ""
        return translate("Permissions", "{whose}, public").format(whose=whose) + adding

    def owner_choice(self, source: Source | None) -> tuple[int | None, Decision]:
        """Who owns ``source`` as its form opens (a new one: whoever is signed in, unless they may
        choose) and whether the form may give it to another member."""
        actor = self.actor
        if actor is None:
            return (source.owner_id if source is not None else None), UNRESTRICTED
        owner = source.owner_id if source is not None else owner_of_new_source(actor, None)
        facts = self._source(source) if source is not None else SourceFacts(owner)
        return owner, can_change_owner(actor, facts, _SOMEONE_ELSE)

    def author_choice(self, reading: Reading | None) -> tuple[int | None, Decision]:
        """Who a reading's form names as its author (a new one: whoever is signed in, unless they
        may choose) and whether the form may name another member."""
        actor = self.actor
        stored = reading.entered_by if reading is not None and reading.id is not None else None
        if actor is None:
            return stored, UNRESTRICTED
        allowed = can_change_author(actor)
        if allowed:
            return stored, allowed
        return (
            stored if reading is not None and reading.id is not None else author_of_new_reading(actor, None)
        ), allowed

    async def refresh(self, session: AsyncSession) -> None:
        """Read the members' names (for the reasons) in the caller's unit of work; nothing when
        nobody is signed in."""
        if self.actor is None:
            return
        from ..repositories import MemberRepository

        self.set_names({m.id: m.name for m in await MemberRepository(session).all() if m.id is not None})

    def set_names(self, names: Mapping[int, str]) -> None:
        self.names = dict(names)

    def _facts(self, target: Target, source: Source | None) -> SourceFacts | ReadingFacts | MemberFacts | None:
        if isinstance(target, Source):
            return self._source(target)
        if isinstance(target, ReadingLine):
            reading = target.reading
            author = target.entered_by_name or None
        elif isinstance(target, Reading):
            reading = target
            author = self.names.get(reading.entered_by) if reading.entered_by is not None else None
        elif isinstance(target, Member):
            assert target.id is not None
            return MemberFacts(target.id, target.name)
        else:
            return None
        if source is None:
            raise ValueError("a reading's decision needs its source")
        return ReadingFacts(self._source(source), reading.entered_by, author)

    def _source(self, source: Source) -> SourceFacts:
        owner = self.names.get(source.owner_id) if source.owner_id is not None else None
        return SourceFacts(source.owner_id, source.is_public, source.members_may_add_readings, owner)
