"""Argon2 hashing and the sign-in throttle (an injected clock: no sleeps)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from homelog_desktop.services.auth import PasswordHashing, SignInThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_password_hashing_default_is_argon2id() -> None:
    """The default hash is Argon2id with the library's settings, checks the right password, not a wrong one."""
    hashing = PasswordHashing()
    stored = hashing.hash("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse battery" not in stored
    assert hashing.verify(stored, "correct horse battery")
    assert not hashing.verify(stored, "correct horse batterY")
    assert not hashing.needs_rehash(stored)


def test_password_hashing_bad_hash_matches_nothing() -> None:
    """A malformed stored hash never matches and asks to be replaced (no exception escapes)."""
    hashing = PasswordHashing()
    assert not hashing.verify("not-a-hash", "anything at all")
    assert hashing.needs_rehash("not-a-hash")


def test_password_hashing_weaker_hash_needs_rehash() -> None:
    """A hash made with weaker settings still verifies but needs rehashing with the current ones."""
    weak = PasswordHashing(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)).hash("correct horse battery")
    current = PasswordHashing()
    assert current.verify(weak, "correct horse battery")
    assert current.needs_rehash(weak)


def test_sign_in_throttle_grows_and_caps() -> None:
    """Three failures are free; then 1, 2, 4 ... seconds up to the cap."""
    throttle = SignInThrottle(clock=Clock())
    assert [throttle.delay_after(n) for n in range(0, 11)] == [0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30]


def test_sign_in_throttle_waits_per_login() -> None:
    """After the fourth failure the same login (any case, any spaces) waits a second; others do not."""
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(3):
        throttle.failed("ann@example.org")
        assert throttle.retry_after("ann@example.org") == 0
    throttle.failed(" ANN@example.org ")
    assert throttle.retry_after("ann@example.org") == pytest.approx(1.0)
    assert throttle.retry_after("bob") == 0
    clock.now += 0.4
    assert throttle.retry_after("ann@example.org") == pytest.approx(0.6)
    clock.now += 0.6
    assert throttle.retry_after("ann@example.org") == 0
    throttle.failed("ann@example.org")
    assert throttle.retry_after("ann@example.org") == pytest.approx(2.0)


def test_sign_in_throttle_success_forgets() -> None:
    """A successful sign-in clears the failures of that login."""
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(5):
        throttle.failed("ann")
    assert throttle.retry_after("ann") > 0
    throttle.succeeded("Ann")
    assert throttle.retry_after("ann") == 0
    throttle.failed("ann")
    assert throttle.retry_after("ann") == 0
