"""Passwords and sign-in on a real SQLite file: migration 0006, the repository, AuthService."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.access import AccessDeniedError, Actor, Role
from homelog_desktop.domain.entities import Member
from homelog_desktop.domain.passwords import PasswordField
from homelog_desktop.repositories import MemberRepository
from homelog_desktop.repositories.member_passwords import MemberPasswordRepository
from homelog_desktop.services.auth import (
    WRONG_CREDENTIALS,
    AuthService,
    PasswordHashing,
    PasswordRejectedError,
    SignInRefusedError,
    SignInThrottle,
)

#: Cheap Argon2 settings so the tests stay fast (the defaults are tested in the unit tests).
CHEAP = PasswordHashing(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
ANN_PW, BOB_PW = "ann's long passphrase", "bob-Secret-2026"


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


async def add_members(db: Database) -> tuple[int, int, int]:
    async with db.session() as s:
        members = MemberRepository(s)
        ann = await members.add(Member(None, "Ann", "ann@example.org"))
        bob = await members.add(Member(None, "Bob", "Bob@Example.org"))
        twin = await members.add(Member(None, "Ann", "other.ann@example.org"))
        await MemberPasswordRepository(s).ensure_administrator()
    assert ann.id is not None and bob.id is not None and twin.id is not None
    return ann.id, bob.id, twin.id


@pytest.fixture
def household(run: Any, db: Database) -> tuple[AuthService, Clock, int, int, int]:
    ann, bob, twin = run(add_members(db))
    clock = Clock()
    auth = AuthService(db, hashing=CHEAP, throttle=SignInThrottle(clock=clock))
    admin = Actor(ann, Role.ADMIN)
    run(auth.reset_password(admin, ann, ANN_PW))
    run(auth.reset_password(admin, bob, BOB_PW, BOB_PW))
    return auth, clock, ann, bob, twin


def test_migration_0006_first_member_admin_and_times(run: Any, tmp_path: Path) -> None:
    """Upgrading a 0003 file makes its first member the administrator, dates members, closes sources."""
    path = tmp_path / "old.db"
    database = Database(sqlite_url(path))
    try:
        run(migrate(database, target="0003"))

        async def seed() -> None:
            async with database.engine.begin() as conn:
                await conn.execute(
                    text(
                        "INSERT INTO members (id, name, email, created_at)"
                        " VALUES (4, 'Bo', NULL, 100), (2, 'Al', NULL, 200)"
                    )
                )
                await conn.execute(
                    text(
                        "INSERT INTO sources (id, name, description, owner_id, is_public, created_at, updated_at)"
                        " VALUES (1, 'Gas', '', 2, TRUE, 1, 1)"
                    )
                )

        run(seed())
        run(migrate(database))
    finally:
        run(database.dispose())
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT id, role, updated_at FROM members ORDER BY id").fetchall() == [
            (2, "admin", 200),
            (4, "member", 100),
        ]
        assert con.execute("SELECT members_may_add_readings FROM sources").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM member_passwords").fetchone() == (0,)
    finally:
        con.close()


def test_member_passwords_repository_store_find_cascade(run: Any, db: Database) -> None:
    """Hashes are stored per member, found by e-mail (any case) or unique name, and go with the member."""
    ann, bob, _twin = run(add_members(db))

    async def go() -> None:
        async with db.session() as s:
            repo = MemberPasswordRepository(s)
            assert not await repo.any_password()
            await repo.set_hash(bob, "$argon2id$fake1")
            await repo.set_hash(bob, "$argon2id$fake2")
            assert await repo.any_password() and await repo.get_hash(bob) == "$argon2id$fake2"
            found = await repo.find("  bob@EXAMPLE.org ")
            assert found is not None and (found.member_id, found.role, found.password_hash) == (
                bob,
                Role.MEMBER,
                "$argon2id$fake2",
            )
            by_name = await repo.find("bob")
            assert by_name is not None and by_name.member_id == bob
            assert await repo.find("Ann") is None  # two members are called Ann
            ann_by_mail = await repo.find("ann@example.org")
            assert ann_by_mail is not None and ann_by_mail.role is Role.ADMIN and ann_by_mail.password_hash is None
            assert await repo.find("nobody") is None and await repo.find("  ") is None
            assert await repo.ensure_administrator() == ann
        async with db.session() as s:
            await MemberRepository(s).delete(bob)
        async with db.session() as s:
            assert await MemberPasswordRepository(s).get_hash(bob) is None
            count = await s.scalar(text("SELECT count(*) FROM member_passwords"))
            assert count == 0

    run(go())


def test_member_updated_at_follows_changes(run: Any, db: Database) -> None:
    """A member's updated time is set when added and moves on an update."""
    ann, _bob, _twin = run(add_members(db))

    async def go() -> tuple[int, int]:
        async with db.session() as s:
            await s.execute(text("UPDATE members SET updated_at = 1 WHERE id = :id"), {"id": ann})
        async with db.session() as s:
            await MemberRepository(s).update(Member(ann, "Ann Lee", "ann@example.org"))
        async with db.session() as s:
            query = text("SELECT created_at, updated_at FROM members WHERE id = :id")
            row = (await s.execute(query, {"id": ann})).one()
            return int(row[0]), int(row[1])

    created, updated = run(go())
    assert created > 1_700_000_000 and updated >= created


def test_auth_sign_in_by_email_or_name(run: Any, household: Any) -> None:
    """The right password signs a member in by e-mail or unique name, with their role."""
    auth, _clock, ann, bob, _twin = household
    assert run(auth.sign_in_needed())
    signed = run(auth.sign_in("ANN@example.org", ANN_PW))
    assert (signed.member_id, signed.role, signed.actor) == (ann, Role.ADMIN, Actor(ann, Role.ADMIN))
    assert run(auth.sign_in("bob", BOB_PW)).member_id == bob


@pytest.mark.parametrize(
    ("login", "password"),
    [("bob", "bob-secret-2026"), ("nobody@example.org", BOB_PW), ("other.ann@example.org", ""), ("Ann", ANN_PW)],
)
def test_auth_refusal_never_says_which_part(run: Any, household: Any, login: str, password: str) -> None:
    """A wrong password, an unknown login, a member without password and an ambiguous name read the same."""
    auth = household[0]
    with pytest.raises(SignInRefusedError) as refused:
        run(auth.sign_in(login, password))
    assert str(refused.value) == WRONG_CREDENTIALS and refused.value.retry_after == 0


def test_auth_throttle_refuses_even_right_password_until_wait_over(run: Any, household: Any) -> None:
    """After four failures even the right password waits; the wait grows; after it, sign-in works."""
    auth, clock, _ann, bob, _twin = household
    for _ in range(4):
        with pytest.raises(SignInRefusedError):
            run(auth.sign_in("bob", "wrong password!"))
    with pytest.raises(SignInRefusedError, match=r"Too many failed sign-ins\. Try again in 1 second\.") as refused:
        run(auth.sign_in("bob", BOB_PW))
    assert refused.value.retry_after == pytest.approx(1.0)
    clock.now += 1.0
    with pytest.raises(SignInRefusedError) as again:
        run(auth.sign_in("bob", "wrong again!!"))
    assert again.value.retry_after == pytest.approx(2.0)
    clock.now += 2.0
    assert run(auth.sign_in("bob", BOB_PW)).member_id == bob
    with pytest.raises(SignInRefusedError, match="do not match"):  # the success forgot the failures
        run(auth.sign_in("bob", "wrong password!"))


def test_auth_sign_in_rehashes_weak_hash(run: Any, db: Database, household: Any) -> None:
    """Signing in with a hash of weaker settings stores a new hash with the current ones."""
    _auth, _clock, _ann, bob, _twin = household
    strong = AuthService(db)  # the library's default settings
    run(strong.sign_in("bob", BOB_PW))

    async def stored() -> str | None:
        async with db.session(readonly=True) as s:
            return await MemberPasswordRepository(s).get_hash(bob)

    new_hash = run(stored())
    assert new_hash is not None and not PasswordHashing().needs_rehash(new_hash)
    assert PasswordHashing().verify(new_hash, BOB_PW)


def test_auth_passwords_follow_policy_and_rules(run: Any, household: Any) -> None:
    """Only the administrator resets others' passwords; new passwords obey the rules; own change needs the old."""
    auth, _clock, ann, bob, _twin = household
    bob_actor = Actor(bob)
    with pytest.raises(AccessDeniedError, match="Only the administrator"):
        run(auth.reset_password(bob_actor, ann, "a brand new passphrase"))
    with pytest.raises(PasswordRejectedError) as rejected:
        run(auth.change_own_password(bob_actor, BOB_PW, "bob@example.org!!", "different"))
    assert {(p.code, p.field) for p in rejected.value.problems} == {
        ("password-personal", PasswordField.PASSWORD),
        ("password-mismatch", PasswordField.CONFIRMATION),
    }
    with pytest.raises(SignInRefusedError, match="current password"):
        run(auth.change_own_password(bob_actor, "not my password", "a brand new passphrase"))
    run(auth.change_own_password(bob_actor, BOB_PW, "a brand new passphrase", "a brand new passphrase"))
    assert run(auth.sign_in("bob", "a brand new passphrase")).member_id == bob
    with pytest.raises(SignInRefusedError):
        run(auth.sign_in("bob", BOB_PW))


def test_auth_no_passwords_needs_no_sign_in(run: Any, db: Database) -> None:
    """A file whose members have no passwords opens without sign-in."""
    run(add_members(db))
    assert not run(AuthService(db, hashing=CHEAP).sign_in_needed())
