"""The password rules: length, personal parts, guessable patterns, confirmation."""

from __future__ import annotations

import pytest

from homelog_desktop.domain.passwords import MAX_LENGTH, MIN_LENGTH, PasswordField, check_password


def codes(password: str, **kwargs: str | None) -> list[str]:
    return [p.code for p in check_password(password, **kwargs)]


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "Tr0ub4dor&3x",
        "ten chars!",
        "a" * 9 + "b",
        "x" * (MAX_LENGTH - 1) + "y",
        "ÄÖÜ öäü ßẞ 12",
    ],
)
def test_check_password_accepts_good_passwords(password: str) -> None:
    """Passwords of at least ten characters without personal parts or a simple pattern pass."""
    assert check_password(password, email="ann@example.org", name="Ann Lee") == []


def test_check_password_length_limits() -> None:
    """Nine characters are too few, MAX_LENGTH + 1 too many; the message says the minimum."""
    short = check_password("nine char")
    assert [p.code for p in short] == ["password-short"] and f"at least {MIN_LENGTH}" in short[0].text
    assert short[0].field is PasswordField.PASSWORD
    assert codes("ab" * (MAX_LENGTH // 2) + "c") == ["password-long"]
    assert codes("") == ["password-short"]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("aaaaaaaaaaaa", "password-one-character"),
        ("            ", "password-one-character"),
        ("1234567890", "password-sequence"),
        ("abcdefghijk", "password-sequence"),
        ("9876543210", "password-sequence"),
        ("ABCDEFGHIJ", "password-sequence"),
        ("qwertyuiop", "password-sequence"),
        ("0987654321", "password-sequence"),
    ],
)
def test_check_password_refuses_guessable_patterns(password: str, code: str) -> None:
    """One repeated character or a straight run up or down is refused."""
    assert code in codes(password)


@pytest.mark.parametrize(
    "password",
    [
        "ann.lee@example.org",
        "ANN.LEE@EXAMPLE.ORG",
        "my ann.lee password",
        "xx-ann.lee-2024",
        "Annabelle Smith-Jones",
        "smith-jones 2024!",
        "i am annabelle!",
    ],
)
def test_check_password_refuses_email_and_name(password: str) -> None:
    """The e-mail, its part before the @, the name or a word of it (any case) are not secrets."""
    problems = check_password(password, email="ann.lee@example.org", name="Annabelle Smith-Jones")
    assert [p.code for p in problems] == ["password-personal"]
    assert "must not contain your" in problems[0].text


def test_check_password_ignores_short_personal_parts() -> None:
    """A two-letter name or e-mail part does not forbid every password containing those letters."""
    assert check_password("jo and al walked home", email="al@example.org", name="Jo") == []


def test_check_password_confirmation() -> None:
    """A differing confirmation is a problem of the confirmation field; no confirmation is not checked."""
    problems = check_password("correct horse battery", confirmation="correct horse batery")
    assert [(p.code, p.field) for p in problems] == [("password-mismatch", PasswordField.CONFIRMATION)]
    assert check_password("correct horse battery", confirmation="correct horse battery") == []


def test_check_password_reports_every_problem() -> None:
    """A short password that also differs from its confirmation gets both problems at once."""
    assert codes("aaaa", confirmation="bbbb") == ["password-short", "password-one-character", "password-mismatch"]
