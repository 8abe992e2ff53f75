"""The access policy on PostgreSQL with passwords: a member connects as their own role.

The household of ``test_rls`` (Ann the administrator, Bob with a private, a public and an open
source, Cat with a private one) on a throwaway scram-sha-256 cluster. Home Log connected as Cat's
role maps the role to Cat and shows the same filtering as on SQLite; the server's row-level security
filters even when the application applies nothing; the command line signs in with the URL's role
and ``PGPASSWORD``.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from homelog_desktop.db import Database
from homelog_desktop.domain.access import AccessDeniedError, Actor, Role
from homelog_desktop.domain.entities import Reading
from homelog_desktop.domain.errors import NotFoundError
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.repositories.access import server_member
from homelog_desktop.repositories.series import load_series
from tests.integration.test_rls import PASSWORDS, _build, _drop
from tests.pg_cluster import Cluster, password_cluster  # noqa: F401  (the fixture)
from tests.processes import homelog


@dataclass(frozen=True)
class ServerHousehold:
    cluster: Cluster
    database: str
    roles: dict[str, str]

    def url(self, who: str, *, password: bool = True) -> str:
        url = self.cluster.url(user=self.roles[who], password=PASSWORDS[who], database=self.database)
        return url if password else url.replace(f":{PASSWORDS[who]}@", "@")


@pytest.fixture(scope="module")
def server(password_cluster: Cluster) -> Iterator[ServerHousehold]:  # noqa: F811
    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    database = f"homelog_actor_{uuid.uuid4().hex[:8]}"
    roles = asyncio.run(_build(password_cluster, database))
    try:
        yield ServerHousehold(password_cluster, database, roles)
    finally:
        asyncio.run(_drop(password_cluster, database, roles))


def _as(server: ServerHousehold, who: str, work) -> object:
    async def go() -> object:
        db = Database(server.url(who))
        try:
            async with db.session(readonly=True) as session:
                db.sign_in_as(await server_member(session))
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(go())


def test_access_postgres_a_members_role_signs_in_as_that_member(server):
    """Each role maps to its member and role in the household; the database owner to nobody."""

    async def who(db: Database) -> Actor | None:
        return db.actor

    assert _as(server, "cat", who) == Actor(3, Role.MEMBER)
    assert _as(server, "ann", who) == Actor(1, Role.ADMIN)


def test_access_postgres_a_member_sees_own_and_public_sources_only(server):
    """Cat's sidebar, a hidden source by name, and a hidden metric's series: as on SQLite."""

    async def look(db: Database) -> list[str]:
        async with db.session(readonly=True) as session:
            names = [s.name for s in await SourceRepository(session).all()]
            with pytest.raises(NotFoundError):
                await SourceRepository(session).get_by_name("Bob private")
        assert len(await load_series(db, 1)) == 0  # Bob private's metric
        assert len(await load_series(db, 2)) == 1  # Bob public's
        return sorted(names)

    assert _as(server, "cat", look) == ["Bob open", "Bob public", "Cat private"]


def test_access_postgres_the_server_filters_even_without_the_application(server):
    """With nobody signed in to the application (no app-side filter) Cat's role still sees only what she may."""

    async def unfiltered(db: Database) -> list[str]:
        db.sign_in_as(None)
        async with db.session(readonly=True) as session:
            return sorted(s.name for s in await SourceRepository(session).all())

    assert _as(server, "cat", unfiltered) == ["Bob open", "Bob public", "Cat private"]


def test_access_postgres_writes_are_refused_by_the_application_first(server):
    """Cat's reading on Bob's closed public source is refused with the policy's reason; on his open one it is hers."""

    async def write(db: Database) -> Reading:
        async with db.session() as session:
            repo = SourceRepository(session)
            closed, open_ = await repo.get_by_name("Bob public"), await repo.get_by_name("Bob open")
            with pytest.raises(AccessDeniedError, match="Only Bob \\(the owner\\)"):
                await ReadingRepository(session).add(
                    closed, Reading(None, closed.id or 0, datetime(2025, 3, 1, tzinfo=UTC), {2: Decimal(30)})
                )
        async with db.session() as session:
            metric = open_.metrics[0].id or 0
            at = datetime(2025, 3, 2, tzinfo=UTC)
            return await ReadingRepository(session).add(open_, Reading(None, open_.id or 0, at, {metric: Decimal(40)}))

    stored = _as(server, "cat", write)
    assert isinstance(stored, Reading) and stored.entered_by == 3


def test_access_postgres_cli_acts_as_the_urls_member(server, tmp_path):
    """``homelog export --db URL`` with the role in the URL and the password in PGPASSWORD: Cat's view."""
    ok = homelog(
        tmp_path,
        "export",
        "--source",
        "Bob public",
        "--db",
        server.url("cat", password=False),
        PGPASSWORD=PASSWORDS["cat"],
        TZ="UTC",
    )
    assert ok.returncode == 0, ok.stderr
    assert "22.5" in ok.stdout
    hidden = homelog(
        tmp_path,
        "export",
        "--source",
        "Bob private",
        "--db",
        server.url("cat", password=False),
        PGPASSWORD=PASSWORDS["cat"],
        TZ="UTC",
    )
    assert hidden.returncode == 2 and "no source named “Bob private”" in hidden.stderr
    wrong = homelog(
        tmp_path,
        "export",
        "--source",
        "Bob public",
        "--db",
        server.url("cat", password=False),
        PGPASSWORD="not her password",
        TZ="UTC",
    )
    assert wrong.returncode == 1
    assert len(wrong.stderr.strip().splitlines()) == 1 and "not her password" not in wrong.stderr


# The forked child only calls execve: no lock of the test's other threads is taken in between.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded, use of forkpty:DeprecationWarning")
def test_access_postgres_cli_asks_the_password_on_the_terminal(server, tmp_path):
    """No password in the URL, PGPASSWORD or ~/.pgpass: asked on the terminal (not echoed), then Cat's view."""
    from tests.e2e.test_cli_member import on_terminal

    home = tmp_path / "home"
    home.mkdir()
    url = server.url("cat", password=False)
    code, shown = on_terminal(
        tmp_path, PASSWORDS["cat"], "export", "--source", "Bob public", "--db", url, HOME=str(home)
    )
    assert code == 0, shown
    assert f"Password for {server.roles['cat']}@127.0.0.1: " in shown and "22.5" in shown
    assert PASSWORDS["cat"] not in shown


def test_access_postgres_another_members_private_source_name_is_not_taken(server):
    """Cat may call a source "Bob private" (Bob's private source is not told of, neither by the app nor by
    the server's unique index, psql proof); "Bob public", which she sees, is taken. Rolled back."""
    from homelog_desktop.domain.entities import Category, Metric, MetricKind, Source
    from homelog_desktop.domain.errors import DuplicateNameError

    class UndoError(Exception):
        pass

    def new(name: str) -> Source:
        return Source(None, name, Category.GAS, metrics=(Metric(None, "Gas", "m3", MetricKind.COUNTER, 2),))

    async def create(db: Database) -> tuple[str, str]:
        stored = ""
        try:
            async with db.session() as session:
                stored = (await SourceRepository(session).add(new("Bob private"))).name
                raise UndoError
        except UndoError:
            pass
        with pytest.raises(DuplicateNameError) as taken:
            async with db.session() as session:
                await SourceRepository(session).add(new("bob PUBLIC"))
        return stored, str(taken.value)

    assert _as(server, "cat", create) == ("Bob private", "Name: there is already a source called “bob PUBLIC”.")
    from tests.integration.test_rls import Household

    household = Household(server.cluster, server.database, server.roles)
    insert = (
        "BEGIN; INSERT INTO sources (name, description, owner_id, is_public, members_may_add_readings, created_at,"
        " updated_at) VALUES ('{name}', '', 3, FALSE, FALSE, 1, 1); SELECT 'stored'; ROLLBACK;"
    )
    done = household.psql("cat", insert.format(name="Bob private"))
    assert done.returncode == 0 and done.stdout.split() == ["stored"], done.stderr
    done = household.psql("cat", insert.format(name="Cat private"))  # her own: one name per owner
    assert done.returncode != 0 and "uq_sources_owner_name" in done.stderr
