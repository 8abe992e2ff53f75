"""The access policy: a table of actor x object x action, and the reasons given."""

from __future__ import annotations

import pytest

from homelog_desktop.domain.access import (
    AccessDeniedError,
    Action,
    Actor,
    Decision,
    MemberFacts,
    ReadingFacts,
    Role,
    SourceFacts,
    decide,
    require,
)

ADMIN = Actor(1, Role.ADMIN)
OWNER = Actor(2)
AUTHOR = Actor(3)
STRANGER = Actor(4)
ACTORS = {"admin": ADMIN, "owner": OWNER, "author": AUTHOR, "stranger": STRANGER}

SOURCES = {
    "private": SourceFacts(owner_id=2, owner_name="Anna"),
    "public": SourceFacts(owner_id=2, is_public=True, owner_name="Anna"),
    "public-open": SourceFacts(owner_id=2, is_public=True, members_may_add_readings=True),
    "private-open": SourceFacts(owner_id=2, members_may_add_readings=True),
    "orphan-private": SourceFacts(owner_id=None),
    "orphan-public": SourceFacts(owner_id=None, is_public=True, members_may_add_readings=True),
}

#: Per source and actor: V = may view, M = may edit/delete the source, its metrics, tariffs and
#: meter changes, A = may add readings.
SOURCE_TABLE = {
    "private": {"admin": "VMA", "owner": "VMA", "author": "", "stranger": ""},
    "public": {"admin": "VMA", "owner": "VMA", "author": "V", "stranger": "V"},
    "public-open": {"admin": "VMA", "owner": "VMA", "author": "VA", "stranger": "VA"},
    "private-open": {"admin": "VMA", "owner": "VMA", "author": "", "stranger": ""},
    "orphan-private": {"admin": "VMA", "owner": "", "author": "", "stranger": ""},
    "orphan-public": {"admin": "VMA", "owner": "VA", "author": "VA", "stranger": "VA"},
}
MANAGE = (
    Action.EDIT_SOURCE,
    Action.DELETE_SOURCE,
    Action.EDIT_METRICS,
    Action.EDIT_TARIFFS,
    Action.EDIT_METER_CHANGES,
    Action.EDIT_CONVERSION_FACTORS,
    Action.EDIT_ADVANCE_PAYMENTS,
)

#: Per source and the reading's author (member 3, or None: unknown): who may change or delete it.
READING_TABLE = {
    ("private", 3): {"admin", "owner"},
    ("public", 3): {"admin", "owner", "author"},
    ("public-open", 3): {"admin", "owner", "author"},
    ("private-open", 3): {"admin", "owner"},
    ("orphan-private", 3): {"admin"},
    ("orphan-public", 3): {"admin", "author"},
    ("private", None): {"admin", "owner"},
    ("public", None): {"admin", "owner"},
    ("public-open", None): {"admin", "owner"},
    ("private-open", None): {"admin", "owner"},
    ("orphan-private", None): {"admin"},
    ("orphan-public", None): {"admin"},
}

SOURCE_CASES = [
    (source, actor, action, expected)
    for source, row in SOURCE_TABLE.items()
    for actor, letters in row.items()
    for action, expected in (
        [(Action.VIEW_SOURCE, "V" in letters), (Action.ADD_READING, "A" in letters)]
        + [(a, "M" in letters) for a in MANAGE]
    )
]
READING_CASES = [
    (source, author, actor, action, actor in allowed)
    for (source, author), allowed in READING_TABLE.items()
    for actor in ACTORS
    for action in (Action.CHANGE_READING, Action.DELETE_READING)
]


@pytest.mark.parametrize(("source", "actor", "action", "expected"), SOURCE_CASES)
def test_access_source_table(source: str, actor: str, action: Action, expected: bool) -> None:
    """Each actor may view, manage and add readings to each kind of source exactly as the table says."""
    decision = decide(ACTORS[actor], action, SOURCES[source])
    assert decision.allowed is expected, decision.reason
    assert bool(decision) is expected
    assert decision.reason.endswith(".") and len(decision.reason) > 10


@pytest.mark.parametrize(("source", "author", "actor", "action", "expected"), READING_CASES)
def test_access_reading_table(source: str, author: int | None, actor: str, action: Action, expected: bool) -> None:
    """A reading is changed or deleted by its author (while they see the source), the owner or the administrator."""
    reading = ReadingFacts(SOURCES[source], entered_by=author)
    decision = decide(ACTORS[actor], action, reading)
    assert decision.allowed is expected, decision.reason
    assert decision.reason.endswith(".")


MEMBER_TABLE = [
    # actor, member acted on, action, allowed
    ("admin", 1, Action.EDIT_MEMBER, True),
    ("admin", 3, Action.EDIT_MEMBER, True),
    ("author", 3, Action.EDIT_MEMBER, True),
    ("author", 4, Action.EDIT_MEMBER, False),
    ("author", 1, Action.EDIT_MEMBER, False),
    ("admin", 3, Action.REMOVE_MEMBER, True),
    ("admin", 1, Action.REMOVE_MEMBER, False),
    ("author", 4, Action.REMOVE_MEMBER, False),
    ("author", 3, Action.REMOVE_MEMBER, False),
    ("admin", 3, Action.RESET_PASSWORD, True),
    ("admin", 1, Action.RESET_PASSWORD, True),
    ("author", 3, Action.RESET_PASSWORD, False),
    ("author", 4, Action.RESET_PASSWORD, False),
]


@pytest.mark.parametrize(("actor", "member", "action", "expected"), MEMBER_TABLE)
def test_access_member_table(actor: str, member: int, action: Action, expected: bool) -> None:
    """Members edit themselves; the administrator edits, removes (not themselves) and resets anyone."""
    decision = decide(ACTORS[actor], action, MemberFacts(member, name="Bea"))
    assert decision.allowed is expected, decision.reason


@pytest.mark.parametrize(("actor", "expected"), [("admin", True), ("owner", False), ("stranger", False)])
def test_access_add_member_only_admin(actor: str, expected: bool) -> None:
    """Only the administrator adds members."""
    assert decide(ACTORS[actor], Action.ADD_MEMBER).allowed is expected


@pytest.mark.parametrize("actor", list(ACTORS))
def test_access_create_source_any_member(actor: str) -> None:
    """Every member may create a source (it becomes theirs)."""
    decision = decide(ACTORS[actor], Action.CREATE_SOURCE)
    assert decision.allowed and "yours" in decision.reason


def test_access_every_action_is_covered() -> None:
    """The tables above exercise every action the policy knows."""
    covered = {case[2] for case in SOURCE_CASES} | {case[3] for case in READING_CASES}
    covered |= {row[2] for row in MEMBER_TABLE} | {Action.ADD_MEMBER, Action.CREATE_SOURCE}
    assert covered == set(Action)


def test_access_reasons_name_owner_and_author() -> None:
    """Refusals say who may do it instead, by name when known, for a tooltip."""
    private = SOURCES["private"]
    assert decide(STRANGER, Action.VIEW_SOURCE, private).reason == (
        "This source is private: only Anna (the owner) or the administrator can see it."
    )
    assert decide(STRANGER, Action.EDIT_SOURCE, SOURCES["public"]).reason == (
        "Only Anna (the owner) or the administrator can change this source."
    )
    reading = ReadingFacts(SOURCES["public"], entered_by=3, author_name="Carl")
    assert decide(STRANGER, Action.CHANGE_READING, reading).reason == (
        "Only Carl (who entered it), Anna (the owner) or the administrator can change this reading."
    )
    assert decide(STRANGER, Action.ADD_READING, SOURCES["orphan-private"]).reason == (
        "This source is private: only the administrator can add its readings."
    )
    assert decide(ADMIN, Action.REMOVE_MEMBER, MemberFacts(1)).reason.startswith("You cannot remove yourself")


def test_access_require_raises_with_reason() -> None:
    """require() passes an allowed decision and raises AccessDeniedError carrying a refused one's reason."""
    require(Decision(True, "fine."))
    refused = decide(STRANGER, Action.DELETE_SOURCE, SOURCES["private"])
    with pytest.raises(AccessDeniedError, match="Only Anna") as caught:
        require(refused)
    assert caught.value.decision is refused


def test_access_decide_refuses_wrong_target() -> None:
    """Asking about a source action with a reading (or nothing) is a programming error."""
    with pytest.raises(TypeError):
        decide(OWNER, Action.EDIT_SOURCE, ReadingFacts(SOURCES["private"], entered_by=2))
    with pytest.raises(TypeError):
        decide(OWNER, Action.CHANGE_READING, SOURCES["private"])
    with pytest.raises(TypeError):
        decide(OWNER, Action.EDIT_MEMBER)


def test_access_a_new_source_and_a_new_reading_belong_to_the_actor() -> None:
    """A member's new source and reading are theirs whatever the form named; the administrator may name another."""
    from homelog_desktop.domain.access import author_of_new_reading, owner_of_new_source

    assert owner_of_new_source(OWNER, 4) == OWNER.member_id
    assert owner_of_new_source(OWNER, None) == OWNER.member_id
    assert owner_of_new_source(ADMIN, 4) == 4
    assert owner_of_new_source(ADMIN, None) == ADMIN.member_id
    assert author_of_new_reading(STRANGER, 2) == STRANGER.member_id
    assert author_of_new_reading(ADMIN, 2) == 2


def test_access_only_the_administrator_gives_sources_away_and_names_authors() -> None:
    """An owner keeps their source (keeping the owner is no change); the administrator gives it to anyone."""
    from homelog_desktop.domain.access import can_change_author, can_change_owner

    mine = SourceFacts(owner_id=OWNER.member_id)
    assert can_change_owner(OWNER, mine, OWNER.member_id)
    refused = can_change_owner(OWNER, mine, 4)
    assert not refused and refused.reason == "Only the administrator can give a source to another member."
    assert can_change_owner(ADMIN, mine, 4)
    assert not can_change_author(OWNER) and can_change_author(ADMIN)
