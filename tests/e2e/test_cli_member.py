"""The command line acts as a member: real processes on a data folder whose members have passwords.

Ann is the administrator; Bob a member. Bob's report, export and add see and change only what
the access policy lets him; without ``--member`` the command says it needs one; a wrong password is
one line (exit 1) that says neither which part was wrong nor the password.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.access import Actor, Role
from homelog_desktop.domain.entities import Member
from homelog_desktop.repositories import MemberRepository, ReadingRepository, SourceRepository
from homelog_desktop.repositories.member_passwords import MemberPasswordRepository
from homelog_desktop.services.auth import WRONG_CREDENTIALS, AuthService
from tests.conftest import T0, make_reading, make_source
from tests.processes import homelog

ANN_PW, BOB_PW = "ann's long passphrase", "bob-Secret-2026"
AT = (T0 + timedelta(days=7)).isoformat()


@pytest.fixture(scope="module")
def household(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder: Ann's private, public and open (members may add readings) sources, read at T0."""
    data = tmp_path_factory.mktemp("members") / "data"
    data.mkdir()

    async def build() -> None:
        db = Database(sqlite_url(data / "homelog.db"))
        try:
            await migrate(db)
            async with db.session() as session:
                ann = await MemberRepository(session).add(Member(None, "Ann", "ann@example.org"))
                bob = await MemberRepository(session).add(Member(None, "Bob", "bob@example.org"))
                assert ann.id is not None and bob.id is not None
                await MemberPasswordRepository(session).set_role(ann.id, Role.ADMIN)
                repo = SourceRepository(session)
                for name, public, open_ in (("Ann private", False, False), ("Ann public", True, False)):
                    source = await repo.add(
                        make_source(name, owner_id=ann.id, is_public=public, members_may_add_readings=open_)
                    )
                    await ReadingRepository(session).add(source, make_reading(source, T0, "1000.0", "500.0"))
            auth = AuthService(db)
            await auth.reset_password(Actor(ann.id, Role.ADMIN), ann.id, ANN_PW)
            await auth.reset_password(Actor(ann.id, Role.ADMIN), bob.id, BOB_PW)
        finally:
            await db.dispose()

    asyncio.run(build())
    return data


@pytest.fixture
def data_dir(household: Path, tmp_path: Path) -> Path:
    """A fresh copy of the household for a test that writes."""
    copy = tmp_path / "data"
    copy.mkdir()
    (copy / "homelog.db").write_bytes((household / "homelog.db").read_bytes())
    return copy


def cli(tmp_path: Path, data: Path, *args: str, password: str | None = BOB_PW) -> subprocess.CompletedProcess[str]:
    env = {"TZ": "UTC"}
    if password is not None:
        env["HOMELOG_PASSWORD"] = password
    return homelog(tmp_path, *args, "--data-dir", str(data), **env)


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


#: A monthly report of Ann's public source.
REPORT = ("report", "--source", "Ann public", "--metric", "Day", "--period", "month")


def test_cli_member_is_required_once_members_have_passwords(tmp_path, household):
    """Without --member the command refuses in one line that says what to pass (exit 2)."""
    done = cli(tmp_path, household, *REPORT)
    assert done.returncode == 2
    assert "--member" in one_line(done) and "HOMELOG_PASSWORD" in done.stderr


def test_cli_member_wrong_password_is_one_line_without_a_hint(tmp_path, household):
    """A wrong password and an unknown member get the same line, exit 1, and the password is nowhere."""
    wrong = cli(tmp_path, household, *REPORT, "--member", "Bob", password="not-it-1234")
    unknown = cli(tmp_path, household, *REPORT, "--member", "Zed", password=BOB_PW)
    for done in (wrong, unknown):
        assert done.returncode == 1
        assert one_line(done) == f"homelog: error: {WRONG_CREDENTIALS}"
        assert "not-it-1234" not in done.stdout + done.stderr and BOB_PW not in done.stdout + done.stderr


def test_cli_member_without_a_terminal_or_password_says_how_to_give_one(tmp_path, household):
    """No HOMELOG_PASSWORD and no terminal to ask on: one line naming the variable (exit 2)."""
    done = cli(tmp_path, household, *REPORT, "--member", "Bob", password=None)
    assert done.returncode == 2
    assert "HOMELOG_PASSWORD" in one_line(done)


def test_cli_member_report_and_export_see_only_what_the_member_may(tmp_path, household):
    """Bob's report and export of Ann's public source work; of her private one, there is no such source."""
    report = cli(tmp_path, household, *REPORT, "--member", "bob@example.org")
    assert report.returncode == 0, report.stderr
    export = cli(tmp_path, household, "export", "--source", "Ann public", "--member", "Bob")
    assert export.returncode == 0, export.stderr
    assert "1000.0" in export.stdout
    for command in (("report", "--metric", "Day", "--period", "month"), ("export",)):
        hidden = cli(tmp_path, household, command[0], "--source", "Ann private", *command[1:], "--member", "Bob")
        assert hidden.returncode == 2
        assert "no source named “Ann private”" in one_line(hidden)
    ann = cli(tmp_path, household, "export", "--source", "Ann private", "--member", "Ann", password=ANN_PW)
    assert ann.returncode == 0 and "1000.0" in ann.stdout


def test_cli_member_add_is_refused_with_the_policys_reason(tmp_path, data_dir):
    """Bob may not add to Ann's public source: one line with the reason, exit 1, nothing stored."""
    done = cli(tmp_path, data_dir, "add", "Ann public", "Day=1010", "--at", AT, "--member", "Bob")
    assert done.returncode == 1
    assert (
        one_line(done) == "homelog: error: Only Ann (the owner) or the administrator can add readings to this source."
    )
    ann = cli(tmp_path, data_dir, "add", "Ann public", "Day=1010", "--at", AT, "--member", "Ann", password=ANN_PW)
    assert ann.returncode == 0, ann.stderr


def test_cli_member_add_where_allowed_is_entered_by_the_member(tmp_path, data_dir):
    """Once Ann lets members add readings, Bob's reading is stored as his."""

    async def open_up() -> None:
        db = Database(sqlite_url(data_dir / "homelog.db"))
        try:
            async with db.session() as session:
                repo = SourceRepository(session)
                source = await repo.get_by_name("Ann public")
                from dataclasses import replace

                await repo.update(replace(source, members_may_add_readings=True))
        finally:
            await db.dispose()

    asyncio.run(open_up())
    done = cli(tmp_path, data_dir, "add", "Ann public", "Day=1010", "--at", AT, "--member", "Bob")
    assert done.returncode == 0, done.stderr

    async def authors() -> list[str]:
        db = Database(sqlite_url(data_dir / "homelog.db"))
        try:
            async with db.session(readonly=True) as session:
                source = await SourceRepository(session).get_by_name("Ann public")
                return [line.entered_by_name for line in await ReadingRepository(session).page(source, 0, 10)]
        finally:
            await db.dispose()

    assert sorted(asyncio.run(authors())) == ["", "Bob"]


def on_terminal(tmp_path: Path, answer: str, *args: str, **extra_env: str) -> tuple[int, str]:
    """Run ``homelog ARGS`` on a pseudo-terminal, answer the password question with ``answer``;
    return the exit code and everything the terminal showed."""
    import os
    import pty
    import select

    from tests.processes import homelog_command, homelog_env

    env = homelog_env(tmp_path, TZ="UTC", **extra_env)
    for name in ("HOMELOG_PASSWORD", "PGPASSWORD", "PGPASSFILE"):
        env.pop(name, None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is its controlling terminal
        os.execve(sys.executable, homelog_command(*args), env)
    shown = b""
    answered = False
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            if not ready:
                raise TimeoutError(shown.decode(errors="replace"))
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            if not answered and b"Password for" in shown:
                os.write(fd, answer.encode() + b"\n")
                answered = True
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


# The forked child only calls execve: no lock of the test's other threads is taken in between.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded, use of forkpty:DeprecationWarning")
def test_cli_member_password_asked_on_the_terminal_is_not_echoed(tmp_path, household):
    """Without HOMELOG_PASSWORD the password is asked on the terminal; what is typed never shows."""
    where = ("--data-dir", str(household))
    code, shown = on_terminal(tmp_path, BOB_PW, "export", "--source", "Ann public", "--member", "Bob", *where)
    assert code == 0, shown
    assert "Password for Bob: " in shown and "1000.0" in shown
    assert BOB_PW not in shown
    code, shown = on_terminal(tmp_path, "wrong-Passw0rd", "export", "--source", "Ann public", "--member", "Bob", *where)
    assert code == 1 and WRONG_CREDENTIALS in shown and "wrong-Passw0rd" not in shown
