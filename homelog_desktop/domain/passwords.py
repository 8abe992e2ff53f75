"""The rules of a member's password (pure; hashing is ``services/auth.py``'s).

What is checked, and why:

- At least ``MIN_LENGTH`` (10) characters: NIST SP 800-63B asks for at least 8 and no composition
  rules ("one digit, one symbol"); 10 is a small step up for a household server that may be
  reachable from the internet. Spaces count, so a passphrase of a few words is the easy way in.
- At most ``MAX_LENGTH`` (1024) characters, so nobody makes the server hash megabytes.
- Not the member's e-mail address, its part before the "@", or their name, and not containing
  them (case-insensitive; parts shorter than 4 characters are ignored, "Al" is not a secret).
- Not a single character repeated ("aaaaaaaaaa"), nor a straight run ("1234567890", "abcdefghij",
  "qwertyuiop", or backwards).
- The confirmation, when a form asks for one, is the same.

Problems come back as the rules' ``Issue`` errors (``domain/issues.py``), keyed by ``PasswordField``.
"""

from __future__ import annotations

import itertools

from ..i18n import translate
from .issues import Issue, PasswordField, error

#: Fewest characters a password may have.
MIN_LENGTH = 10
#: Most characters a password may have.
MAX_LENGTH = 1024
#: Parts of a name or e-mail shorter than this are not looked for inside a password.
MIN_PERSONAL_PART = 4


#: A password problem is one of the rules' issues (always an error: none can be accepted).
PasswordProblem = Issue


def _personal_parts(email: str | None, name: str | None) -> list[tuple[str, str]]:
    """(what, text) pairs a password must not contain, longest first."""
    parts: list[tuple[str, str]] = []
    address = (email or "").strip().casefold()
    if address:
        parts.append(("e-mail address", address))
        local = address.split("@", 1)[0]
        if local != address:
            parts.append(("e-mail address", local))
    full = (name or "").strip().casefold()
    if full:
        parts.append(("name", full))
        parts.extend(("name", word) for word in full.split() if word != full)
    return [(what, text) for what, text in parts if len(text) >= MIN_PERSONAL_PART]


#: Runs a password must not be a piece of (also backwards): digits round the clock, keyboard rows.
RUNS = ("01234567890123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop")


def _is_run(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    if steps in ({1}, {-1}):
        return True
    return any(text in run or text in run[::-1] for run in RUNS)


def check_password(
    password: str, *, email: str | None = None, name: str | None = None, confirmation: str | None = None
) -> list[Issue]:
    """Every problem of ``password`` for the member with ``email`` and ``name`` (empty: it is fine)."""
    problems: list[Issue] = []
    field = PasswordField.PASSWORD
    if len(password) < MIN_LENGTH:
        problems.append(
            error(
                "password-short",
                field,
                translate(
                    "Passwords",
                    "The password is too short: use at least {most} characters (a few words with spaces are fine).",
                ).format(most=MIN_LENGTH),
            )
        )
    elif len(password) > MAX_LENGTH:
        problems.append(
            error(
                "password-long",
                field,
                translate("Passwords", "The password is too long: use at most {most} characters.").format(
                    most=MAX_LENGTH
                ),
            )
        )
    folded = password.casefold()
    if password and len(set(password)) == 1:
        problems.append(
            error(
                "password-one-character",
                field,
                translate("Passwords", "The password repeats one character: anyone could guess it."),
            )
        )
    elif len(password) >= 3 and _is_run(folded):
        problems.append(
            error(
                "password-sequence",
                field,
                translate("Passwords", "The password is a simple sequence (like 1234…): anyone could guess it."),
            )
        )
    for what, text in _personal_parts(email, name):
        if text in folded:
            message = (
                translate("Passwords", "The password must not contain your name: others know it.")
                if what == "name"
                else translate("Passwords", "The password must not contain your e-mail address: others know it.")
            )
            problems.append(error("password-personal", field, message))
            break
    if confirmation is not None and confirmation != password:
        problems.append(
            error(
                "password-mismatch",
                PasswordField.CONFIRMATION,
                translate("Passwords", "The two passwords differ: type the same password twice."),
            )
        )
    return problems
