"""Members and sign-in on a real PostgreSQL server with password authentication (``password_cluster``):
the Members dialog's view model creates and drops members' roles, and members sign in (by name or
e-mail, found through the sign-in role) through the app's connect path as their own role, the server
checking the password (scram-sha-256)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from homelog_desktop.db import Database, rls
from homelog_desktop.db.migrate import migrate
from homelog_desktop.db.server import ServerAddress
from homelog_desktop.domain.access import Role
from homelog_desktop.domain.entities import Member
from homelog_desktop.problems import Kind
from homelog_desktop.services.auth import WRONG_CREDENTIALS, SignInRefusedError, SignInThrottle, sign_in_to_server
from homelog_desktop.viewmodels.connect import OK, WRONG_LOGIN, ConnectViewModel
from homelog_desktop.viewmodels.members import MembersViewModel
from tests.pg_cluster import Cluster, password_cluster  # noqa: F401  (the fixture)

ANN_PW, BOB_PW = "ann-Admin-pass-1", "bob's own passphrase"


@dataclass
class Server:
    cluster: Cluster
    database: str

    @property
    def address(self) -> ServerAddress:
        return ServerAddress("127.0.0.1", self.database, self.cluster.port)

    def owner(self) -> Database:
        return Database(self.cluster.url(database=self.database))


async def _owner_execute(cluster: Cluster, *statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(cluster.url().replace("postgresql+asyncpg://", "postgresql://"), timeout=10)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _build(server: Server) -> None:
    """A migrated household with Ann (administrator) and Bob, row-level security, and Ann's role."""
    await _owner_execute(server.cluster, f'CREATE DATABASE "{server.database}"')
    owner = server.owner()
    try:
        await migrate(owner)
        async with owner.engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO members (id, name, email, role, created_at, updated_at) VALUES"
                    " (1, 'Ann', 'ann@example.org', 'admin', 1, 1), (2, 'Bob', NULL, 'member', 1, 1)"
                )
            )
            await conn.execute(text("SELECT setval('members_id_seq', 2)"))
            await rls.install(conn, server.database)
            ann_role = rls.member_role_name(server.database, 1)
            await rls.execute_all(conn, rls.create_member_role_sql(server.database, 1, ann_role, ANN_PW))
    finally:
        await owner.dispose()


async def _roles(server: Server) -> set[str]:
    owner = server.owner()
    try:
        async with owner.session(readonly=True) as s:
            prefix = rls.member_role_name(server.database, 1)[:-1]
            found = await s.scalars(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), {"p": prefix + "%"})
            return set(found)
    finally:
        await owner.dispose()


async def _drop(server: Server) -> None:
    roles = await _roles(server)
    await _owner_execute(
        server.cluster,
        f'DROP DATABASE IF EXISTS "{server.database}" WITH (FORCE)',
        *(
            f"DROP ROLE IF EXISTS {rls.quote_ident(r)}"
            for r in [*roles, rls.household_role(server.database), rls.sign_in_role(server.database)]
        ),
    )


@pytest.fixture
def server(run: Any, password_cluster: Cluster) -> Iterator[Server]:  # noqa: F811
    made = Server(password_cluster, f"homelog_members_{uuid.uuid4().hex[:8]}")
    run(_build(made))
    try:
        yield made
    finally:
        run(_drop(made))


def test_server_sign_in_as_the_members_own_role(run, server):
    """Ann signs in with her name (or refused with the same words for a wrong password or an unknown name)."""
    throttle = SignInThrottle()
    db, who = run(sign_in_to_server(server.address, "ann", ANN_PW, throttle))
    try:
        assert (who.member_id, who.name, who.role) == (1, "Ann", Role.ADMIN)
        assert db.actor is not None and db.actor.is_admin
        assert db.url.username == rls.member_role_name(server.database, 1) and db.url.password == ANN_PW
    finally:
        run(db.dispose())
    for login, password in (("Ann", "not Ann's password"), ("Nobody", ANN_PW), ("Bob", BOB_PW)):
        with pytest.raises(SignInRefusedError) as refused:
            run(sign_in_to_server(server.address, login, password, throttle))
        assert str(refused.value) == WRONG_CREDENTIALS


def test_server_members_dialog_creates_renames_and_drops_roles(qtbot, run, server):
    """The administrator's Members view model gives Bob a role with his password (it stays his when he
    is renamed), adds and removes Cat with hers; each member then signs in with their own password, checked
    by the server."""
    db, _ann = run(sign_in_to_server(server.address, "Ann", ANN_PW, SignInThrottle()))
    vm = MembersViewModel(db)
    errors: list[str] = []
    vm.error_occurred.connect(errors.append)
    try:
        run(vm.load())
        run(vm.set_password(2, BOB_PW, BOB_PW))
        assert errors == []
        bob_db, bob = run(sign_in_to_server(server.address, "bob", BOB_PW, SignInThrottle()))
        run(bob_db.dispose())
        assert (bob.name, bob.role) == ("Bob", Role.MEMBER)

        bob_member = next(m for m in vm.members if m.id == 2)
        run(vm.update(type(bob_member)(2, "Robert", None)))
        assert errors == []
        robert_db, robert = run(sign_in_to_server(server.address, "Robert", BOB_PW, SignInThrottle()))
        run(robert_db.dispose())
        assert robert.member_id == 2
        with pytest.raises(SignInRefusedError):
            run(sign_in_to_server(server.address, "Bob", BOB_PW, SignInThrottle()))

        run(vm.add("Cat", "cat@example.org"))
        cat = next(m for m in vm.members if m.name == "Cat")
        run(vm.set_password(cat.id, "cat likes 42 fish", "cat likes 42 fish"))
        cat_role = rls.member_role_name(server.database, cat.id)
        assert cat_role in run(_roles(server))
        run(vm.delete(cat.id))
        assert errors == []
        assert cat_role not in run(_roles(server))
        assert [(a.member.name, a.role, a.has_password) for a in vm.accounts] == [
            ("Ann", Role.ADMIN, True),
            ("Robert", Role.MEMBER, True),
        ]
    finally:
        run(db.dispose())


def test_server_member_renames_themselves_and_signs_in_by_email(qtbot, run, server):
    """Ann renames herself while signed in (her role stays, named after her id); she then signs in with her
    new name or her e-mail, not the old name; the names of two members that differ only in case are
    refused at neither (as on a local file, a shared name signs nobody in: they use their e-mail)."""
    db, _ann = run(sign_in_to_server(server.address, "Ann", ANN_PW, SignInThrottle()))
    vm = MembersViewModel(db)
    errors: list[str] = []
    vm.error_occurred.connect(errors.append)
    try:
        run(vm.load())
        run(vm.update(Member(1, "Annie", "ann@example.org")))
        assert errors == []
        run(vm.load())  # her open database goes on working: the role did not change
        assert [m.name for m in vm.members] == ["Annie", "Bob"]
    finally:
        run(db.dispose())
    for login in ("Annie", "ANN@example.org", "  ann@EXAMPLE.org "):
        again, who = run(sign_in_to_server(server.address, login, ANN_PW, SignInThrottle()))
        run(again.dispose())
        assert (who.member_id, who.name) == (1, "Annie")
        assert again.url.username == rls.member_role_name(server.database, 1)
    for login, password in (("Ann", ANN_PW), ("ann@example.org", "wrong password"), ("x@example.org", ANN_PW)):
        with pytest.raises(SignInRefusedError) as refused:
            run(sign_in_to_server(server.address, login, password, SignInThrottle()))
        assert str(refused.value) == WRONG_CREDENTIALS


def test_server_sign_in_role_reveals_only_a_role_name(run, server):
    """The sign-in role (public password) gets a role name for a member's name or e-mail, NULL for anything
    else, and can read no table nor call the role functions."""
    import asyncpg

    dsn = (
        f"postgresql://{rls.sign_in_role(server.database)}:{rls.SIGN_IN_PASSWORD}"
        f"@127.0.0.1:{server.cluster.port}/{server.database}"
    )

    async def probe() -> tuple[list[Any], list[str]]:
        conn = await asyncpg.connect(dsn, timeout=10)
        try:
            answers = [
                await conn.fetchval("SELECT homelog_sign_in_role($1)", login)
                for login in ("ann", "ann@example.org", "Bob", "nobody", "", "%")
            ]
            refused = []
            for sql in (
                "SELECT * FROM members",
                "SELECT * FROM member_roles",
                "SELECT * FROM member_passwords",
                "SELECT count(*) FROM readings",
                "SELECT homelog_drop_member_role('x')",
                "SELECT homelog_set_role_password('x', 'y')",
            ):
                try:
                    await conn.fetch(sql)
                except asyncpg.InsufficientPrivilegeError:
                    refused.append(sql)
            return answers, refused
        finally:
            await conn.close()

    answers, refused = run(probe())
    ann_role = rls.member_role_name(server.database, 1)
    assert answers == [ann_role, ann_role, None, None, None, None]  # Bob has no role (no password) yet
    assert len(refused) == 6


def test_server_member_cannot_manage_roles_even_directly(run, server):
    """Bob, signed in as his role, cannot set Ann's password or drop her role through the functions."""
    admin_db, _ = run(sign_in_to_server(server.address, "Ann", ANN_PW, SignInThrottle()))
    run(MembersViewModel(admin_db).set_password(2, BOB_PW, BOB_PW))
    run(admin_db.dispose())
    bob_db, _ = run(sign_in_to_server(server.address, "Bob", BOB_PW, SignInThrottle()))
    ann_role = rls.member_role_name(server.database, 1)
    try:
        for statement in (
            f"SELECT homelog_set_role_password('{ann_role}', 'SCRAM-SHA-256$x')",
            f"SELECT homelog_drop_member_role('{ann_role}')",
            "SELECT homelog_set_role_password('homelog', 'SCRAM-SHA-256$x')",  # the owner: no member's role
        ):

            async def attempt(sql: str = statement) -> None:
                async with bob_db.session() as s:
                    await s.execute(text(sql))

            with pytest.raises(DBAPIError, match="administrator") as refused:
                run(attempt())
            assert getattr(refused.value.orig, "sqlstate", None) == "42501"  # insufficient_privilege
    finally:
        run(bob_db.dispose())


def test_connect_vm_test_says_what_is_wrong(qtbot, run, server, unused_port):
    """Test names the problem: an unreachable server, a missing database, a wrong password; or that it works."""
    vm = ConnectViewModel()
    said: list[tuple[str, str]] = []
    vm.tested.connect(lambda kind, message: said.append((kind, message)))
    good = server.address
    run(vm.test(ServerAddress("127.0.0.1", good.database, unused_port), "Ann", ANN_PW))
    run(vm.test(ServerAddress("127.0.0.1", "no_such_household", good.port), "Ann", ANN_PW))
    run(vm.test(good, "Ann", "wrong password!"))
    run(vm.test(good, "Ann", ANN_PW))
    # Roles are named after the database (db/rls.py), so a database that does not exist has no such
    # member either: the server refuses the login before it looks for the database.
    assert [kind for kind, _ in said] == [Kind.SERVER_UNREACHABLE.value, WRONG_LOGIN, WRONG_LOGIN, OK]
    assert f"127.0.0.1:{unused_port}" in said[0][1]
    assert "for the household “no_such_household”. Check the database name" in said[1][1]
    assert said[2][1].startswith(f"The server at 127.0.0.1:{good.port} answered, but refused this name and password")
    assert said[3][1] == f"Connected to {good.display}: Ann can sign in (administrator)."
    assert ANN_PW not in " ".join(message for _, message in said)


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_member_changes_own_password(qtbot, run, server):
    """Ann changes her own password on the server (the current one asked): new connections of her open
    database use it, the next sign-in needs it, and the old one no longer works."""
    db, ann = run(sign_in_to_server(server.address, "Ann", ANN_PW, SignInThrottle()))
    vm = MembersViewModel(db)
    errors: list[str] = []
    vm.error_occurred.connect(errors.append)
    new = "ann's second passphrase"
    try:
        run(vm.load())
        assert vm.needs_current_password(vm.accounts[0])
        run(vm.set_password(ann.member_id, new, new, "not the current one"))
        assert errors == ["The current password is not right."]
        run(vm.set_password(ann.member_id, new, new, ANN_PW))
        assert errors == [errors[0]]
        run(db.engine.dispose())  # every connection new: signs in with the new password
        run(vm.load())
        assert len(errors) == 1 and [a.member.name for a in vm.accounts] == ["Ann", "Bob"]
    finally:
        run(db.dispose())
    again, _ = run(sign_in_to_server(server.address, "Ann", new, SignInThrottle()))
    run(again.dispose())
    with pytest.raises(SignInRefusedError):
        run(sign_in_to_server(server.address, "Ann", ANN_PW, SignInThrottle()))


def test_server_from_before_0011_keeps_its_roles_and_gains_email_sign_in(run, password_cluster):  # noqa: F811
    """A household set up before migration 0011 (its role named after the member, no sign-in role): the
    owner's upgrade adds the sign-in role; Ann then signs in by name or e-mail as her old role, renames
    herself, and still signs in."""
    made = Server(password_cluster, f"homelog_old_{uuid.uuid4().hex[:8]}")
    legacy = f"{made.database}_ann"  # how db/rls.py named roles before 0011

    async def build_old() -> None:
        await _owner_execute(password_cluster, f'CREATE DATABASE "{made.database}"')
        owner = made.owner()
        try:
            await migrate(owner)
            async with owner.engine.begin() as conn:
                await conn.execute(
                    text(
                        "INSERT INTO members (id, name, email, role, created_at, updated_at) VALUES"
                        " (1, 'Ann', 'ann@example.org', 'admin', 1, 1)"
                    )
                )
                await rls.install(conn, made.database)
                await rls.execute_all(conn, rls.create_member_role_sql(made.database, 1, legacy, ANN_PW))
                # Back to 0010: no sign-in function nor role, source names unique in the whole household.
                for statement in (
                    "DROP FUNCTION homelog_sign_in_role(text)",
                    f"DROP ROLE {rls.quote_ident(rls.sign_in_role(made.database))}",
                    "ALTER TABLE sources DROP CONSTRAINT uq_sources_owner_name",
                    "ALTER TABLE sources ADD CONSTRAINT uq_sources_name UNIQUE (name)",
                    "UPDATE alembic_version SET version_num = '0010'",
                ):
                    await conn.exec_driver_sql(statement)
        finally:
            await owner.dispose()

    async def upgrade() -> None:
        owner = made.owner()
        try:
            await migrate(owner)
        finally:
            await owner.dispose()

    run(build_old())
    try:
        with pytest.raises(SignInRefusedError):  # before the upgrade nobody is found
            run(sign_in_to_server(made.address, "Ann", ANN_PW, SignInThrottle()))
        run(upgrade())
        for login in ("ann", "ann@example.org"):
            db, who = run(sign_in_to_server(made.address, login, ANN_PW, SignInThrottle()))
            assert db.url.username == legacy and who.member_id == 1
            if login == "ann":
                run(MembersViewModel(db).update(Member(1, "Annie", "ann@example.org")))
            run(db.dispose())
        db, who = run(sign_in_to_server(made.address, "Annie", ANN_PW, SignInThrottle()))
        run(db.dispose())
        assert (who.name, db.url.username) == ("Annie", legacy)
    finally:
        run(_owner_execute(password_cluster, f'DROP DATABASE IF EXISTS "{made.database}" WITH (FORCE)'))
        run(
            _owner_execute(
                password_cluster,
                *(
                    f"DROP ROLE IF EXISTS {rls.quote_ident(r)}"
                    for r in (legacy, rls.sign_in_role(made.database), rls.household_role(made.database))
                ),
            )
        )


def test_cli_member_on_a_server_signs_in_as_their_role(run, server, tmp_path):
    """``--member NAME`` with a server URL without a user: the command finds Ann's role through the
    sign-in role and acts as her, the password from PGPASSWORD; an unknown name is the refusal's one
    line (exit 1); a user in the URL and --member both is bad input (exit 2)."""
    from tests.processes import homelog

    async def seed() -> None:
        owner = server.owner()
        try:
            async with owner.engine.begin() as conn:
                await conn.execute(
                    text(
                        "INSERT INTO sources (id, name, description, owner_id, is_public, created_at, updated_at)"
                        " VALUES (1, 'Ann private', '', 1, FALSE, 1, 1), (2, 'Ann public', '', 1, TRUE, 1, 1)"
                    )
                )
                await conn.execute(text("SELECT setval('sources_id_seq', 2)"))
                bob_role = rls.member_role_name(server.database, 2)
                await rls.execute_all(conn, rls.create_member_role_sql(server.database, 2, bob_role, BOB_PW))
        finally:
            await owner.dispose()

    run(seed())
    base = f"postgresql+asyncpg://127.0.0.1:{server.cluster.port}/{server.database}"
    done = homelog(tmp_path, "export", "--all", "--db", base, "--member", "ann@example.org", PGPASSWORD=ANN_PW)
    assert done.returncode == 0, done.stderr
    assert "Ann private" in done.stdout and "Ann public" in done.stdout
    bob = homelog(tmp_path, "export", "--all", "--db", base, "--member", "bob", PGPASSWORD=BOB_PW)
    assert bob.returncode == 0, bob.stderr
    assert "Ann public" in bob.stdout and "Ann private" not in bob.stdout  # the server's rules, as Bob
    refused = homelog(tmp_path, "export", "--all", "--db", base, "--member", "Nobody", PGPASSWORD=ANN_PW)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and WRONG_CREDENTIALS in lines[0]
    role = rls.member_role_name(server.database, 1)
    both = homelog(
        tmp_path,
        "export",
        "--all",
        "--db",
        f"postgresql+asyncpg://{role}@127.0.0.1:{server.cluster.port}/{server.database}",
        "--member",
        "Ann",
        PGPASSWORD=ANN_PW,
    )
    assert both.returncode == 2 and "pass only one" in both.stderr
