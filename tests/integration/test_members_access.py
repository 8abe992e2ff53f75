"""Members, passwords and sign-in below the UI on a real SQLite file: MemberService, MembersViewModel
as administrator and as member, SignInViewModel, member times and the lookup by e-mail."""

from __future__ import annotations

from typing import Any

import pytest

from homelog_desktop.db import Database
from homelog_desktop.domain.access import AccessDeniedError, Actor, Role
from homelog_desktop.domain.issues import PasswordField
from homelog_desktop.repositories import MemberRepository
from homelog_desktop.repositories.member_passwords import MemberPasswordRepository
from homelog_desktop.services.auth import WRONG_CREDENTIALS, AuthService, SignInThrottle
from homelog_desktop.services.members import MemberService
from homelog_desktop.viewmodels.members import CURRENT_PASSWORD, MembersViewModel
from homelog_desktop.viewmodels.sign_in import SignInViewModel
from tests.integration.test_auth import CHEAP, Clock

ANN_PW, BOB_PW = "ann's long passphrase", "bob-Secret-2026"


def accounts(run: Any, db: Database) -> list[tuple[str, Role, bool]]:
    async def go() -> list[tuple[str, Role, bool]]:
        async with db.session(readonly=True) as s:
            return [(a.member.name, a.role, a.has_password) for a in await MemberPasswordRepository(s).accounts()]

    return run(go())


@pytest.fixture
def household(run: Any, db: Database) -> tuple[int, int]:
    """Ann (the first member: administrator) and Bob, each with a password."""
    service = MemberService(db)
    ann, _ = run(service.add("Ann", "ann@example.org"))
    bob, _ = run(service.add("Bob", None))
    auth = AuthService(db, hashing=CHEAP)
    run(auth.reset_password(None, ann.id, ANN_PW))
    run(auth.reset_password(None, bob.id, BOB_PW))
    return ann.id, bob.id


def test_member_service_first_member_is_administrator(run, db, household):
    """The household's first member becomes its administrator; the accounts say who has a password."""
    assert accounts(run, db) == [("Ann", Role.ADMIN, True), ("Bob", Role.MEMBER, True)]


def test_member_repository_finds_by_email_and_dates_members(run, db, household):
    """A member is found by e-mail in any case; created and updated times are read back."""
    ann, _bob = household

    async def go():
        async with db.session(readonly=True) as s:
            repo = MemberRepository(s)
            return await repo.by_email(" ANN@example.org "), await repo.by_email("nobody@example.org")

    found, missing = run(go())
    assert found is not None and found.id == ann and missing is None
    assert found.created_at is not None and found.updated_at is not None
    assert found.updated_at >= found.created_at


def test_member_service_refuses_what_the_policy_forbids(run, db, household):
    """A member cannot add or remove members; the administrator cannot remove themselves."""
    ann, bob = household
    db.sign_in_as(Actor(bob, Role.MEMBER))
    service = MemberService(db)
    with pytest.raises(AccessDeniedError, match="Only the administrator can add members"):
        run(service.add("Cat", None))
    with pytest.raises(AccessDeniedError, match="Only the administrator can remove members"):
        run(service.remove(ann))
    db.sign_in_as(Actor(ann, Role.ADMIN))
    with pytest.raises(AccessDeniedError, match="cannot remove yourself"):
        run(service.remove(ann))
    assert [name for name, _, _ in accounts(run, db)] == ["Ann", "Bob"]


def test_members_vm_member_changes_own_password_with_current(qtbot, run, db, household):
    """A member's own change needs the current password: a wrong one is placed at that field."""
    _ann, bob = household
    db.sign_in_as(Actor(bob, Role.MEMBER))
    vm = MembersViewModel(db, auth=AuthService(db, hashing=CHEAP))
    errors: list[str] = []
    vm.error_occurred.connect(errors.append)
    run(vm.load())
    assert vm.needs_current_password(vm.accounts[1])
    run(vm.set_password(bob, "a new long passphrase", "a new long passphrase", "not my password"))
    assert errors == ["The current password is not right."] and vm.last_error_field == CURRENT_PASSWORD
    with qtbot.waitSignal(vm.password_saved) as saved:
        run(vm.set_password(bob, "a new long passphrase", "a new long passphrase", BOB_PW))
    assert saved.args == [bob]
    signed = run(AuthService(db, hashing=CHEAP).sign_in("bob", "a new long passphrase"))
    assert signed.member_id == bob


def test_members_vm_decisions_as_member_and_admin(run, db, household):
    """As a member, adding, removing and others' passwords are refused with the policy's reason."""
    ann, bob = household
    vm = MembersViewModel(db)
    run(vm.load())
    ann_m, bob_m = vm.members
    db.sign_in_as(Actor(bob, Role.MEMBER))
    assert not vm.decide_add() and vm.decide_add().reason == "Only the administrator can add members."
    assert not vm.decide_remove(ann_m) and not vm.decide_password(ann_m) and not vm.decide_edit(ann_m)
    assert vm.decide_edit(bob_m) and vm.decide_password(bob_m)
    db.sign_in_as(Actor(ann, Role.ADMIN))
    assert vm.decide_add() and vm.decide_remove(bob_m) and vm.decide_password(bob_m)
    assert not vm.decide_remove(ann_m)


def test_members_vm_refuses_weak_password_at_its_field(qtbot, run, db, household):
    """The administrator setting a weak password gets the rule's message at the password field."""
    ann, bob = household
    db.sign_in_as(Actor(ann, Role.ADMIN))
    vm = MembersViewModel(db, auth=AuthService(db, hashing=CHEAP))
    errors: list[str] = []
    vm.error_occurred.connect(errors.append)
    run(vm.set_password(bob, "short", "short"))
    assert len(errors) == 1 and "too short" in errors[0] and vm.last_error_field is PasswordField.PASSWORD


def test_sign_in_vm_refuses_then_signs_in_and_throttles(qtbot, run, db, household):
    """A wrong password is refused in the same words; repeated failures make the next try wait."""
    clock = Clock()
    auth = AuthService(db, hashing=CHEAP, throttle=SignInThrottle(clock=clock))
    vm = SignInViewModel(auth.sign_in)
    refused: list[tuple[str, float]] = []
    vm.refused.connect(lambda message, wait: refused.append((message, wait)))
    busy: list[bool] = []
    vm.busy_changed.connect(busy.append)
    for _ in range(4):
        run(vm.sign_in("Ann", "wrong password!"))
    assert [m for m, _ in refused] == [WRONG_CREDENTIALS] * 4
    assert [w for _, w in refused] == [0.0, 0.0, 0.0, 1.0]
    run(vm.sign_in("Ann", ANN_PW))  # still waiting: refused without checking
    assert refused[-1][0] == "Too many failed sign-ins. Try again in 1 second."
    clock.now += 1
    with qtbot.waitSignal(vm.signed_in) as signed:
        run(vm.sign_in(" ann@example.org ", ANN_PW))
    assert signed.args[0].name == "Ann" and signed.args[0].role is Role.ADMIN
    assert busy == [True, False] * 6


def test_snapshot_shows_nothing_of_a_file_with_passwords(run, db, db_path):
    """The start-up snapshot reads a file nobody signs in to, and nothing of one with passwords."""
    from homelog_desktop.db.snapshot import read_snapshot

    service = MemberService(db)
    ann, _ = run(service.add("Ann", None))
    assert read_snapshot(db_path, None, 10) is not None
    run(AuthService(db, hashing=CHEAP).reset_password(None, ann.id, ANN_PW))
    assert read_snapshot(db_path, None, 10) is None
