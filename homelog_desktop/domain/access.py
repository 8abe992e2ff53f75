"""Who may do what in a shared household: the one access policy (pure: no Qt, no SQLAlchemy).

Every decision returns a ``Decision``: ``allowed`` and a ``reason`` written for a tooltip ("Only
Anna (the owner) or the administrator can change this source."). Repositories refuse what is not
allowed (raising ``AccessDeniedError`` with the reason), the UI disables it and shows the reason, and on
PostgreSQL ``db/rls.py`` makes the server enforce the same rules:

- See a source (its metrics, readings, meter changes and tariffs): its owner, the administrator,
  and every member when the source is public.
- Create a source: any member; the new source is theirs.
- Edit or delete a source, its metrics, tariffs, meter changes, conversion factors and advance
  payments: its owner and the administrator.
- Add a reading: the source's owner and the administrator; on a *public* source that allows it
  ("household members may add readings") every member too. The choice has no effect on a private
  source (nobody else can see it).
- Change or delete a reading: its author, the source's owner and the administrator. An author who
  can no longer see the source (it was made private) cannot change their readings there either.
- A virtual meter's inputs: every member who can see the virtual meter can see each input
  (``can_use_as_input``, domain/virtual.py).
- Edit a member (name, e-mail, own password): the member themselves and the administrator.
- Add and remove members, set a forgotten password: the administrator; the administrator cannot
  remove themselves (the household would have nobody to manage it).

A source without an owner (its owner was removed, or it predates owners) is treated as the
administrator's: only the administrator edits it, and everyone sees it only when it is public.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..i18n import QT_TRANSLATE_NOOP, translate
from .errors import HomeLogError


class Role(enum.StrEnum):
    """A member's role in the household (stored in ``members.role``)."""

    ADMIN = "admin"
    MEMBER = "member"


class Action(enum.StrEnum):
    """Everything the policy decides (``decide`` dispatches on it)."""

    VIEW_SOURCE = "view-source"
    CREATE_SOURCE = "create-source"
    EDIT_SOURCE = "edit-source"
    DELETE_SOURCE = "delete-source"
    EDIT_METRICS = "edit-metrics"
    EDIT_TARIFFS = "edit-tariffs"
    EDIT_METER_CHANGES = "edit-meter-changes"
    EDIT_CONVERSION_FACTORS = "edit-conversion-factors"
    EDIT_ADVANCE_PAYMENTS = "edit-advance-payments"
    ADD_READING = "add-reading"
    CHANGE_READING = "change-reading"
    DELETE_READING = "delete-reading"
    EDIT_MEMBER = "edit-member"
    ADD_MEMBER = "add-member"
    REMOVE_MEMBER = "remove-member"
    RESET_PASSWORD = "reset-password"


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in member who wants to do something."""

    member_id: int
    role: Role = Role.MEMBER

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What the policy needs to know about a source (``owner_name`` only words the reasons)."""

    owner_id: int | None
    is_public: bool = False
    members_may_add_readings: bool = False
    owner_name: str | None = None


@dataclass(frozen=True, slots=True)
class ReadingFacts:
    """What the policy needs to know about a reading: its source and its author."""

    source: SourceFacts
    entered_by: int | None
    author_name: str | None = None


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """The member acted on."""

    member_id: int
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether an action is allowed and why (a sentence for a tooltip or a refusal)."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


class AccessDeniedError(HomeLogError):
    """An action the access policy refuses; the message is the decision's reason."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.reason)
        self.decision = decision


def require(decision: Decision) -> None:
    """Raise ``AccessDeniedError`` unless ``decision`` allows the action."""
    if not decision.allowed:
        raise AccessDeniedError(decision)


def _allow(reason: str) -> Decision:
    return Decision(True, reason)


def _deny(reason: str) -> Decision:
    return Decision(False, reason)


# Why the administrator may do anything (translated where it is given).
ADMIN_REASON = QT_TRANSLATE_NOOP("Access", "You are the household's administrator.")


def _t(text: str) -> str:
    return translate("Access", text)


def _admin() -> Decision:
    return _allow(_t(ADMIN_REASON))


# A refusal in the three ways of naming who may: (the owner named, the owner unnamed, no owner).
type _Refusal = tuple[str, str, str]


def _by_owner(source: SourceFacts, refusal: _Refusal, **fields: str) -> str:
    """The whole sentence of ``refusal`` that fits ``source``'s owner, translated and filled in."""
    named, unnamed, nobody = refusal
    if source.owner_id is None:
        return _t(nobody).format(**fields)
    if source.owner_name:
        return _t(named).format(owner=source.owner_name, **fields)
    return _t(unnamed).format(**fields)


def _is_owner(actor: Actor, source: SourceFacts) -> bool:
    return source.owner_id is not None and source.owner_id == actor.member_id


# -- sources ----------------------------------------------------------------------------------

_PRIVATE_VIEW: _Refusal = (
    QT_TRANSLATE_NOOP("Access", "This source is private: only {owner} (the owner) or the administrator can see it."),
    QT_TRANSLATE_NOOP("Access", "This source is private: only its owner or the administrator can see it."),
    QT_TRANSLATE_NOOP("Access", "This source is private: only the administrator can see it."),
)


def can_view_source(actor: Actor, source: SourceFacts) -> Decision:
    """See a source with its metrics, readings, meter changes and tariffs."""
    if _is_owner(actor, source):
        return _allow(translate("Access", "You own this source."))
    if actor.is_admin:
        return _admin()
    if source.is_public:
        return _allow(translate("Access", "This source is public: every member of the household can see it."))
    return _deny(_by_owner(source, _PRIVATE_VIEW))


def can_use_as_input(virtual: SourceFacts, source: SourceFacts) -> Decision:
    """Whether a virtual meter may compute from ``source``'s metric: only when everyone who can see
    the virtual meter can see ``source`` too (it is public, or both are private with one owner), so
    that its figures never reveal a private meter's consumption. Not an actor's decision: it holds
    for whoever looks (domain/virtual.py). A refusal follows its input's name ("Input 2 (Hall) is …")."""
    if source.is_public:
        return _allow(translate("Access", "This source is public."))
    if not virtual.is_public and source.owner_id == virtual.owner_id:  # no owner: the administrator's
        return _allow(translate("Access", "This source and the virtual meter are private, with the same owner."))
    if virtual.is_public:
        return _deny(
            translate(
                "Access",
                "is a private meter, and this virtual meter is public: every member would see its consumption."
                " Make that source public, or this virtual meter private.",
            )
        )
    return _deny(
        _by_owner(
            source,
            (
                QT_TRANSLATE_NOOP(
                    "Access",
                    "is a private meter of {owner} (the owner): whoever sees this virtual meter would see its"
                    " consumption. Only its owner's private meters and public ones can be inputs.",
                ),
                QT_TRANSLATE_NOOP(
                    "Access",
                    "is a private meter of its owner: whoever sees this virtual meter would see its"
                    " consumption. Only its owner's private meters and public ones can be inputs.",
                ),
                QT_TRANSLATE_NOOP(
                    "Access",
                    "is a private meter of the administrator: whoever sees this virtual meter would see its"
                    " consumption. Only its owner's private meters and public ones can be inputs.",
                ),
            ),
        )
    )


def can_create_source(actor: Actor) -> Decision:
    """Any member creates sources; the new source belongs to them."""
    return _allow(translate("Access", "Every member can add sources; a new source is yours."))


def owner_of_new_source(actor: Actor, wanted: int | None) -> int:
    """Who owns a source ``actor`` creates: the actor; the administrator may name another member."""
    if actor.is_admin and wanted is not None:
        return wanted
    return actor.member_id


def can_change_owner(actor: Actor, source: SourceFacts, new_owner_id: int | None) -> Decision:
    """Give a source to another member: the administrator only (an owner keeps what they own)."""
    if actor.is_admin:
        return _admin()
    if new_owner_id == source.owner_id:
        return _allow(translate("Access", "The owner stays the same."))
    return _deny(translate("Access", "Only the administrator can give a source to another member."))


def _can_manage(actor: Actor, source: SourceFacts, refusal: _Refusal) -> Decision:
    if _is_owner(actor, source):
        return _allow(translate("Access", "You own this source."))
    if actor.is_admin:
        return _admin()
    return _deny(_by_owner(source, refusal))


_CHANGE_SOURCE: _Refusal = (
    QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can change this source."),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can change this source."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can change this source."),
)
_DELETE_SOURCE: _Refusal = (
    QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can delete this source."),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can delete this source."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can delete this source."),
)
_CHANGE_METRICS: _Refusal = (
    QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can change this source's metrics."),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can change this source's metrics."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can change this source's metrics."),
)
_CHANGE_TARIFFS: _Refusal = (
    QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can change this source's tariffs."),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can change this source's tariffs."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can change this source's tariffs."),
)
_CHANGE_METER_CHANGES: _Refusal = (
    QT_TRANSLATE_NOOP(
        "Access", "Only {owner} (the owner) or the administrator can record or change this source's meter changes."
    ),
    QT_TRANSLATE_NOOP(
        "Access", "Only its owner or the administrator can record or change this source's meter changes."
    ),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can record or change this source's meter changes."),
)
_CHANGE_FACTORS: _Refusal = (
    QT_TRANSLATE_NOOP(
        "Access", "Only {owner} (the owner) or the administrator can change this source's conversion factors."
    ),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can change this source's conversion factors."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can change this source's conversion factors."),
)
_CHANGE_PAYMENTS: _Refusal = (
    QT_TRANSLATE_NOOP(
        "Access", "Only {owner} (the owner) or the administrator can change this source's advance payments."
    ),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can change this source's advance payments."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can change this source's advance payments."),
)


def can_edit_source(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _CHANGE_SOURCE)


def can_delete_source(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _DELETE_SOURCE)


def can_edit_metrics(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _CHANGE_METRICS)


def can_edit_tariffs(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _CHANGE_TARIFFS)


def can_edit_meter_changes(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _CHANGE_METER_CHANGES)


def can_edit_conversion_factors(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _CHANGE_FACTORS)


def can_edit_advance_payments(actor: Actor, source: SourceFacts) -> Decision:
    return _can_manage(actor, source, _CHANGE_PAYMENTS)


# -- readings ---------------------------------------------------------------------------------

_ADD_PRIVATE: _Refusal = (
    QT_TRANSLATE_NOOP(
        "Access", "This source is private: only {owner} (the owner) or the administrator can add its readings."
    ),
    QT_TRANSLATE_NOOP("Access", "This source is private: only its owner or the administrator can add its readings."),
    QT_TRANSLATE_NOOP("Access", "This source is private: only the administrator can add its readings."),
)
_ADD: _Refusal = (
    QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can add readings to this source."),
    QT_TRANSLATE_NOOP("Access", "Only its owner or the administrator can add readings to this source."),
    QT_TRANSLATE_NOOP("Access", "Only the administrator can add readings to this source."),
)


def can_add_reading(actor: Actor, source: SourceFacts) -> Decision:
    """The owner and the administrator; every member on a public source that allows it."""
    if _is_owner(actor, source):
        return _allow(translate("Access", "You own this source."))
    if actor.is_admin:
        return _admin()
    if source.is_public and source.members_may_add_readings:
        return _allow(translate("Access", "This source lets household members add readings."))
    if not source.is_public:
        return _deny(_by_owner(source, _ADD_PRIVATE))
    return _deny(_by_owner(source, _ADD))


@dataclass(frozen=True, slots=True)
class _ReadingRefusals:
    """The refusals of changing or deleting a reading, each in its three ways of naming the owner."""

    private: _Refusal
    # The reading has no known author.
    anonymous: _Refusal
    # ... its author named ({author}), or not.
    author_named: _Refusal
    author_unnamed: _Refusal


_CHANGE_READING = _ReadingRefusals(
    private=(
        QT_TRANSLATE_NOOP(
            "Access", "This source is private: only {owner} (the owner) or the administrator can change its readings."
        ),
        QT_TRANSLATE_NOOP(
            "Access", "This source is private: only its owner or the administrator can change its readings."
        ),
        QT_TRANSLATE_NOOP("Access", "This source is private: only the administrator can change its readings."),
    ),
    anonymous=(
        QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can change this reading."),
        QT_TRANSLATE_NOOP("Access", "Only its source's owner or the administrator can change this reading."),
        QT_TRANSLATE_NOOP("Access", "Only the administrator can change this reading."),
    ),
    author_named=(
        QT_TRANSLATE_NOOP(
            "Access",
            "Only {author} (who entered it), {owner} (the owner) or the administrator can change this reading.",
        ),
        QT_TRANSLATE_NOOP(
            "Access", "Only {author} (who entered it), its source's owner or the administrator can change this reading."
        ),
        QT_TRANSLATE_NOOP("Access", "Only {author} (who entered it) or the administrator can change this reading."),
    ),
    author_unnamed=(
        QT_TRANSLATE_NOOP(
            "Access", "Only its author, {owner} (the owner) or the administrator can change this reading."
        ),
        QT_TRANSLATE_NOOP(
            "Access", "Only its author, its source's owner or the administrator can change this reading."
        ),
        QT_TRANSLATE_NOOP("Access", "Only its author or the administrator can change this reading."),
    ),
)
_DELETE_READING = _ReadingRefusals(
    private=(
        QT_TRANSLATE_NOOP(
            "Access", "This source is private: only {owner} (the owner) or the administrator can delete its readings."
        ),
        QT_TRANSLATE_NOOP(
            "Access", "This source is private: only its owner or the administrator can delete its readings."
        ),
        QT_TRANSLATE_NOOP("Access", "This source is private: only the administrator can delete its readings."),
    ),
    anonymous=(
        QT_TRANSLATE_NOOP("Access", "Only {owner} (the owner) or the administrator can delete this reading."),
        QT_TRANSLATE_NOOP("Access", "Only its source's owner or the administrator can delete this reading."),
        QT_TRANSLATE_NOOP("Access", "Only the administrator can delete this reading."),
    ),
    author_named=(
        QT_TRANSLATE_NOOP(
            "Access",
            "Only {author} (who entered it), {owner} (the owner) or the administrator can delete this reading.",
        ),
        QT_TRANSLATE_NOOP(
            "Access", "Only {author} (who entered it), its source's owner or the administrator can delete this reading."
        ),
        QT_TRANSLATE_NOOP("Access", "Only {author} (who entered it) or the administrator can delete this reading."),
    ),
    author_unnamed=(
        QT_TRANSLATE_NOOP(
            "Access", "Only its author, {owner} (the owner) or the administrator can delete this reading."
        ),
        QT_TRANSLATE_NOOP(
            "Access", "Only its author, its source's owner or the administrator can delete this reading."
        ),
        QT_TRANSLATE_NOOP("Access", "Only its author or the administrator can delete this reading."),
    ),
)


def _can_touch_reading(actor: Actor, reading: ReadingFacts, refusals: _ReadingRefusals) -> Decision:
    source = reading.source
    if _is_owner(actor, source):
        return _allow(translate("Access", "You own this reading's source."))
    if actor.is_admin:
        return _admin()
    if not can_view_source(actor, source):
        return _deny(_by_owner(source, refusals.private))
    if reading.entered_by is not None and reading.entered_by == actor.member_id:
        return _allow(translate("Access", "You entered this reading."))
    if reading.entered_by is None:
        return _deny(_by_owner(source, refusals.anonymous))
    if reading.author_name:
        return _deny(_by_owner(source, refusals.author_named, author=reading.author_name))
    return _deny(_by_owner(source, refusals.author_unnamed))


def author_of_new_reading(actor: Actor, wanted: int | None) -> int:
    """Who a new reading is entered by: the actor; the administrator may name another member."""
    if actor.is_admin and wanted is not None:
        return wanted
    return actor.member_id


def can_change_author(actor: Actor) -> Decision:
    """Name another member as a reading's author (instead of whoever is signed in)."""
    if actor.is_admin:
        return _admin()
    return _deny(translate("Access", "Only the administrator can record a reading in another member's name."))


def can_change_reading(actor: Actor, reading: ReadingFacts) -> Decision:
    return _can_touch_reading(actor, reading, _CHANGE_READING)


def can_delete_reading(actor: Actor, reading: ReadingFacts) -> Decision:
    return _can_touch_reading(actor, reading, _DELETE_READING)


# -- members ----------------------------------------------------------------------------------


def can_edit_member(actor: Actor, member: MemberFacts) -> Decision:
    """Name, e-mail and own password: the member themselves and the administrator."""
    if member.member_id == actor.member_id:
        return _allow(translate("Access", "This is you."))
    if actor.is_admin:
        return _admin()
    if member.name:
        return _deny(
            translate("Access", "Only {name} or the administrator can change this member.").format(name=member.name)
        )
    return _deny(translate("Access", "Only that member or the administrator can change them."))


def can_add_member(actor: Actor) -> Decision:
    if actor.is_admin:
        return _admin()
    return _deny(translate("Access", "Only the administrator can add members."))


def can_remove_member(actor: Actor, member: MemberFacts) -> Decision:
    if not actor.is_admin:
        return _deny(translate("Access", "Only the administrator can remove members."))
    if member.member_id == actor.member_id:
        return _deny(translate("Access", "You cannot remove yourself: the household needs its administrator."))
    return _admin()


def can_reset_password(actor: Actor, member: MemberFacts) -> Decision:
    """Set a forgotten password (without knowing the old one)."""
    if actor.is_admin:
        return _admin()
    return _deny(translate("Access", "Only the administrator can set a forgotten password."))


type Target = SourceFacts | ReadingFacts | MemberFacts | None


def decide(actor: Actor, action: Action, target: Target = None) -> Decision:
    """One entry point for tables of decisions (menus, tests): ``action`` on ``target``.

    Source actions take ``SourceFacts``, reading actions ``ReadingFacts``, member actions
    ``MemberFacts``; creating a source and adding a member take no target.
    """
    match action:
        case Action.CREATE_SOURCE:
            return can_create_source(actor)
        case Action.ADD_MEMBER:
            return can_add_member(actor)
    if action in _SOURCE_ACTIONS:
        if not isinstance(target, SourceFacts):
            raise TypeError(f"{action} needs SourceFacts, not {target!r}")
        return _SOURCE_ACTIONS[action](actor, target)
    if action in _READING_ACTIONS:
        if not isinstance(target, ReadingFacts):
            raise TypeError(f"{action} needs ReadingFacts, not {target!r}")
        return _READING_ACTIONS[action](actor, target)
    if not isinstance(target, MemberFacts):
        raise TypeError(f"{action} needs MemberFacts, not {target!r}")
    return _MEMBER_ACTIONS[action](actor, target)


_SOURCE_ACTIONS = {
    Action.VIEW_SOURCE: can_view_source,
    Action.EDIT_SOURCE: can_edit_source,
    Action.DELETE_SOURCE: can_delete_source,
    Action.EDIT_METRICS: can_edit_metrics,
    Action.EDIT_TARIFFS: can_edit_tariffs,
    Action.EDIT_METER_CHANGES: can_edit_meter_changes,
    Action.EDIT_CONVERSION_FACTORS: can_edit_conversion_factors,
    Action.EDIT_ADVANCE_PAYMENTS: can_edit_advance_payments,
    Action.ADD_READING: can_add_reading,
}
_READING_ACTIONS = {Action.CHANGE_READING: can_change_reading, Action.DELETE_READING: can_delete_reading}
_MEMBER_ACTIONS = {
    Action.EDIT_MEMBER: can_edit_member,
    Action.REMOVE_MEMBER: can_remove_member,
    Action.RESET_PASSWORD: can_reset_password,
}
