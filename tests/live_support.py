"""Two "PCs" on one household database: two Database objects, each signed in as its own member.

``two_pcs`` runs on a real SQLite file (two windows of one PC) and on a scratch PostgreSQL database
(created with a unique name and dropped afterwards); ``two_pg_pcs`` on PostgreSQL only.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.domain.access import Actor
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
            source = await SourceRepository(session).add(make_source("House", is_public=True))
        return ann, bob, source

    ann, bob, source = run(seed())
    assert ann.id is not None and bob.id is not None
    ann_db.sign_in_as(Actor(ann.id))
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
