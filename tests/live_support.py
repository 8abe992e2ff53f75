"""Two "PCs" on one household database: two Database objects, each signed in as its own member.

``two_pcs`` runs on a real SQLite file (two windows of one PC) and on a scratch PostgreSQL database
(created with a unique name and dropped afterwards); ``two_pg_pcs`` on PostgreSQL only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from homelog_desktop.domain.access import Actor, Role
from homelog_desktop.domain.entities import Member, Source
from homelog_desktop.repositories import MemberRepository, SourceRepository
from tests.postgres import create_database, drop_database


@dataclass
class TwoPCs:
    url: str
    #: Ann's window (signed in as Ann) and Bob's.
    ann_db: Database
    bob_db: Database
    ann: Member
    bob: Member
    source: Source


def _pair(run: Callable[..., Any], url: str) -> TwoPCs:
    from tests.conftest import make_source  # conftest imports these fixtures

    ann_db, bob_db = Database(url), Database(url)

    async def seed() -> tuple[Member, Member, Source]:
        async with ann_db.session() as session:
            members = MemberRepository(session)
            ann = await members.add(Member(None, "Ann"))
            bob = await members.add(Member(None, "Bob"))
            # Bob's public meter: Bob (its owner) and Ann (the administrator) may both change
            # every reading of it, so their saves meet as conflicts, not as refusals.
            source = await SourceRepository(session).add(
                make_source("House", is_public=True, owner_id=bob.id, members_may_add_readings=True)
            )
        return ann, bob, source

    ann, bob, source = run(seed())
    assert ann.id is not None and bob.id is not None
    ann_db.sign_in_as(Actor(ann.id, Role.ADMIN))
    bob_db.sign_in_as(Actor(bob.id))
    return TwoPCs(url, ann_db, bob_db, ann, bob, source)


@pytest.fixture
def pg_database(pg_server: None, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a migrated scratch database on the test server, dropped afterwards.

    Request it (or the fixtures below) before ``run``/``loop``: the server probe runs its own loop."""
    run = request.getfixturevalue("run")
    url = run(create_database(True))
    yield url
    run(drop_database(url))


@pytest.fixture
def two_pg_pcs(pg_database: str, request: pytest.FixtureRequest) -> Iterator[TwoPCs]:
    run = request.getfixturevalue("run")
    pcs = _pair(run, pg_database)
    yield pcs
    run(pcs.ann_db.dispose())
    run(pcs.bob_db.dispose())


@pytest.fixture(params=["sqlite", "postgresql"])
def two_pcs(request: pytest.FixtureRequest, migrated_template: Path, tmp_path: Path) -> Iterator[TwoPCs]:
    """Request it before ``run``: the templates and the server probe run their own loops."""
    if request.param == "sqlite":
        path = tmp_path / "shared.db"
        shutil.copyfile(migrated_template, path)
        url = sqlite_url(path)
    else:
        url = request.getfixturevalue("pg_database")
    run = request.getfixturevalue("run")
    pcs = _pair(run, url)
    yield pcs
    run(pcs.ann_db.dispose())
    run(pcs.bob_db.dispose())


@dataclass
class RestartableServer:
    """A throwaway PostgreSQL cluster (trust auth) that a test may stop and start again."""

    port: int
    folder: Path
    bindir: Path

    def url(self, database: str = "homelog") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "-w", "stop")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.folder / "log"), "-w", "start")

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )


@pytest.fixture
def restartable_server() -> Iterator[RestartableServer]:
    """A cluster of its own on a free port, with a migrated database "homelog"; removed afterwards."""
    from tests.pg_cluster import BIN_DIRS, _free_port

    if os.geteuid() != 0 or not BIN_DIRS or shutil.which("runuser") is None:
        pytest.skip("a throwaway PostgreSQL cluster needs root and the server binaries")
    folder = Path(tempfile.mkdtemp(prefix="homelog-live-pg-"))
    folder.chmod(0o755)
    shutil.chown(folder, "postgres")
    server = RestartableServer(_free_port(), folder, BIN_DIRS[0])
    initdb = [str(server.bindir / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *initdb],
        check=True,
        capture_output=True,
        timeout=120,
    )
    server.start()

    async def create() -> None:
        import asyncpg

        admin = await asyncpg.connect(host="127.0.0.1", port=server.port, user="postgres", database="postgres")
        try:
            await admin.execute('CREATE DATABASE "homelog"')
        finally:
            await admin.close()
        database = Database(server.url())
        try:
            await migrate(database)
        finally:
            await database.dispose()

    try:
        asyncio.run(create())
        yield server
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            server._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
