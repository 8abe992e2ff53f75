"""Where the shared options may stand: before or after the command's name."""

from __future__ import annotations

import pytest

from homelog_desktop.app import command_first


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["report", "--data-dir", "X"], ["report", "--data-dir", "X"]),
        (["--data-dir", "X", "report", "--source", "W"], ["report", "--data-dir", "X", "--source", "W"]),
        (["--db=sqlite+aiosqlite:///a.db", "check"], ["check", "--db=sqlite+aiosqlite:///a.db"]),
        (["--data-dir", "report", "check"], ["check", "--data-dir", "report"]),  # a folder named "report"
        (["--data-dir", "X"], ["--data-dir", "X"]),  # the window
        (["--self-test", "report"], ["--self-test", "report"]),  # not a shared option: left to the app
        ([], []),
    ],
)
def test_command_first(given, expected):
    assert command_first(given) == expected
