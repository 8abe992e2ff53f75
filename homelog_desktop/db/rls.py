"""Row-level security on PostgreSQL: the server enforces ``domain/access.py``'s rules itself.

Each member signs in as their own PostgreSQL role (its password checked by the server with
scram-sha-256). The roles belong to one group role per household database (``household_role``),
which holds the table privileges; ``member_roles`` maps a role to its member, and
``homelog_member_id()`` maps ``current_user`` to the member (NULL for any other role, such as the
database owner that runs migrations and the copy to the server: the owner is not subject to the
policies, as PostgreSQL does for table owners without FORCE).

The policies, table by table (``me`` = ``homelog_member_id()``, ``admin`` = ``homelog_is_admin()``;
both are evaluated once per statement through ``(SELECT ...)``):

- ``sources``: read when owner = me, public, or admin; insert, change and delete when owner = me
  or admin (a member's new source must be theirs).
- ``metrics``, ``meter_events``, ``advance_payments`` (by ``source_id``), ``tariffs`` and
  ``conversion_factors`` (by metric): read when the source may be read; write when the source may
  be managed.
- ``readings``: read when the source may be read; insert when the reading is entered by me (or I
  am the admin) and I may add readings to the source (owner, admin, or a public source with
  ``members_may_add_readings``); change and delete when the source may be read and I entered it,
  own the source, or am the admin.
- ``reading_values``: read when their metric's source may be read (a value's metric and reading
  belong to one source); write when their reading may be changed.

Read policies are uncorrelated ``IN (SELECT ...)`` lists (computed once per statement, a hash probe
per row); only write policies look at each row's reading.
- ``members``: everyone reads (names of authors); a member changes their own row, the admin any;
  only the admin adds and removes members (not themselves). A trigger keeps non-admins from
  changing anyone's ``role``.
- ``member_passwords``: a member's own row, or the admin's.

Passwords reach the server only as SCRAM verifiers made here (``scram_verifier``), so no plain
password appears in the SQL text (nor, with ``log_statement``, in the server's log).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata

from sqlalchemy.ext.asyncio import AsyncConnection

#: Tables of migration 0009 (conversion factors by metric, advance payments by source).
ENERGY_TABLES = ("conversion_factors", "advance_payments")
#: Tables that get row-level security (every table of the household's data).
TABLES = (
    "members",
    "member_passwords",
    "sources",
    "metrics",
    "readings",
    "reading_values",
    "meter_events",
    "tariffs",
    *ENERGY_TABLES,
)
#: PostgreSQL's longest identifier.
MAX_IDENTIFIER = 63
ME = "(SELECT homelog_member_id())"
ADMIN = "(SELECT homelog_is_admin())"


def quote_ident(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    if not name or "\x00" in name or len(name.encode()) > MAX_IDENTIFIER:
        raise ValueError(f"not a usable PostgreSQL identifier: {name!r}")
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    if "\x00" in value:
        raise ValueError("a NUL character cannot be stored")
    return "'" + value.replace("'", "''") + "'"


def _slug(database: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", database.lower()).strip("_") or "homelog"


def household_role(database: str) -> str:
    """The group role of a household database (roles are per server, so it names the database)."""
    return f"{_slug(database)[: MAX_IDENTIFIER - 10]}_household"


def member_role_name(database: str, name: str) -> str:
    """A member's role on the server, computed from their name: ``<database>_<name>``.

    The app signs a member in by connecting as this role, so it must follow from what the member
    types, before any connection: their name, case-folded, with every run of characters other than
    letters and digits made one ``_`` ("Anna Maria" in ``homelog`` is ``homelog_anna_maria``).
    Names that give the same role cannot both sign in on a server (the Members dialog refuses the
    second). A name too long for PostgreSQL's 63 bytes is cut and ends in a hash of the whole name.
    """
    who = re.sub(r"\W+", "_", unicodedata.normalize("NFKC", name).casefold()).strip("_")
    if not who:
        raise ValueError(f"no role name can be made from {name!r}")
    role = f"{_slug(database)[: MAX_IDENTIFIER // 2]}_{who}"
    if len(role.encode()) <= MAX_IDENTIFIER:
        return role
    digest = hashlib.sha256(role.encode()).hexdigest()[:8]
    cut = role.encode()[: MAX_IDENTIFIER - len(digest) - 1].decode(errors="ignore")
    return f"{cut}_{digest}"


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802/7677).

    PostgreSQL prepares the password with SASLprep; NFKC normalisation is that for every common
    password (ASCII is unchanged).
    """
    salt = salt if salt is not None else os.urandom(16)
    prepared = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", prepared, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _see(s: str) -> str:
    return f"({s}.owner_id = {ME} OR {s}.is_public OR {ADMIN})"


def _manage(s: str) -> str:
    return f"({s}.owner_id = {ME} OR {ADMIN})"


def _add_reading(s: str) -> str:
    return f"({s}.owner_id = {ME} OR {ADMIN} OR ({s}.is_public AND {s}.members_may_add_readings))"


def _change_reading(r: str, s: str) -> str:
    return f"({_see(s)} AND ({r}.entered_by = {ME} OR {s}.owner_id = {ME} OR {ADMIN}))"


def _via_source(t: str, p: str) -> str:
    # "IN (uncorrelated subquery)" where ``p`` names only ``s``: PostgreSQL computes the allowed ids
    # once per statement and probes a hash per row, instead of a nested lookup per row.
    return f"{t}.source_id IN (SELECT s.id FROM sources s WHERE {p})"


def _via_metric(t: str, p: str) -> str:
    return f"{t}.metric_id IN (SELECT m.id FROM metrics m JOIN sources s ON s.id = m.source_id WHERE {p})"


def _via_reading(t: str, p: str) -> str:
    # Correlated (``p`` names the reading ``r``): used for writes only, which touch few rows.
    return f"EXISTS (SELECT 1 FROM readings r JOIN sources s ON s.id = r.source_id WHERE r.id = {t}.reading_id AND {p})"


def _policies(table: str, read: str, write: str) -> list[str]:
    # One policy per command: a FOR ALL policy would also filter SELECT (policies are OR-ed), making
    # every read pay for the write check.
    return [
        f"CREATE POLICY homelog_read ON {table} FOR SELECT USING ({read})",
        f"CREATE POLICY homelog_add ON {table} FOR INSERT WITH CHECK ({write})",
        f"CREATE POLICY homelog_change ON {table} FOR UPDATE USING ({write}) WITH CHECK ({write})",
        f"CREATE POLICY homelog_remove ON {table} FOR DELETE USING ({write})",
    ]


def install_sql(database: str) -> list[str]:
    """Statements (run by the database owner, in one transaction) that switch row-level security on.

    Safe to run again: it drops and recreates its functions' policies.
    """
    group = quote_ident(household_role(database))
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {quote_literal(household_role(database))})"
        f" THEN CREATE ROLE {group} NOLOGIN; END IF; END $$",
        "CREATE TABLE IF NOT EXISTS member_roles ("
        " member_id integer PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,"
        " role_name name NOT NULL UNIQUE)",
        "CREATE OR REPLACE FUNCTION homelog_member_id() RETURNS integer LANGUAGE sql STABLE"
        " AS $$ SELECT member_id FROM member_roles WHERE role_name = current_user $$",
        "CREATE OR REPLACE FUNCTION homelog_is_admin() RETURNS boolean LANGUAGE sql STABLE"
        " AS $$ SELECT EXISTS (SELECT 1 FROM members WHERE id = homelog_member_id() AND role = 'admin') $$",
        "CREATE OR REPLACE FUNCTION homelog_guard_member() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF NEW.role IS DISTINCT FROM OLD.role AND homelog_member_id() IS NOT NULL AND NOT homelog_is_admin()"
        " THEN RAISE EXCEPTION 'Only the administrator can change a member''s role.'"
        " USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW; END $$",
        "DROP TRIGGER IF EXISTS homelog_guard_member ON members",
        "CREATE TRIGGER homelog_guard_member BEFORE UPDATE ON members"
        " FOR EACH ROW EXECUTE FUNCTION homelog_guard_member()",
        *_role_functions(household_role(database)),
    ]
    for table in TABLES:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS homelog_read ON {table}",
            f"DROP POLICY IF EXISTS homelog_write ON {table}",
            f"DROP POLICY IF EXISTS homelog_add ON {table}",
            f"DROP POLICY IF EXISTS homelog_change ON {table}",
            f"DROP POLICY IF EXISTS homelog_remove ON {table}",
        ]
    statements += [
        "CREATE POLICY homelog_read ON members FOR SELECT USING (true)",
        f"CREATE POLICY homelog_add ON members FOR INSERT WITH CHECK ({ADMIN})",
        f"CREATE POLICY homelog_change ON members FOR UPDATE USING (id = {ME} OR {ADMIN})"
        f" WITH CHECK (id = {ME} OR {ADMIN})",
        f"CREATE POLICY homelog_remove ON members FOR DELETE USING ({ADMIN} AND id <> {ME})",
        *_policies("member_passwords", f"member_id = {ME} OR {ADMIN}", f"member_id = {ME} OR {ADMIN}"),
        *_policies("sources", _see("sources"), _manage("sources")),
        *_policies("metrics", _via_source("metrics", _see("s")), _via_source("metrics", _manage("s"))),
        *_policies(
            "meter_events",
            _via_source("meter_events", _see("s")),
            _via_source("meter_events", _manage("s")),
        ),
        *_policies("tariffs", _via_metric("tariffs", _see("s")), _via_metric("tariffs", _manage("s"))),
        *_energy_policies(),
        f"CREATE POLICY homelog_read ON readings FOR SELECT USING ({_via_source('readings', _see('s'))})",
        "CREATE POLICY homelog_add ON readings FOR INSERT WITH CHECK ("
        f"(readings.entered_by = {ME} OR {ADMIN}) AND {_via_source('readings', _add_reading('s'))})",
        "CREATE POLICY homelog_change ON readings FOR UPDATE"
        f" USING ({_via_source('readings', _change_reading('readings', 's'))})"
        f" WITH CHECK ({_via_source('readings', _change_reading('readings', 's'))})",
        "CREATE POLICY homelog_remove ON readings FOR DELETE"
        f" USING ({_via_source('readings', _change_reading('readings', 's'))})",
        *_policies(
            "reading_values",
            _via_metric("reading_values", _see("s")),
            _via_reading("reading_values", _change_reading("r", "s")),
        ),
        f"GRANT USAGE ON SCHEMA public TO {group}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(TABLES)} TO {group}",
        f"GRANT SELECT ON alembic_version, member_roles TO {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
    ]
    return statements


def _energy_policies() -> list[str]:
    """Conversion factors as tariffs (by metric), advance payments as meter changes (by source)."""
    return [
        *_policies(
            "conversion_factors",
            _via_metric("conversion_factors", _see("s")),
            _via_metric("conversion_factors", _manage("s")),
        ),
        *_policies(
            "advance_payments",
            _via_source("advance_payments", _see("s")),
            _via_source("advance_payments", _manage("s")),
        ),
    ]


def energy_sql(database: str) -> list[str]:
    """Statements (migration 0009, on a server whose row-level security is on) that give the new
    tables the same protection as ``install_sql`` does."""
    group = quote_ident(household_role(database))
    statements = []
    for table in ENERGY_TABLES:
        statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"]
        statements += [
            f"DROP POLICY IF EXISTS homelog_{kind} ON {table}" for kind in ("read", "add", "change", "remove")
        ]
    return [
        *statements,
        *_energy_policies(),
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(ENERGY_TABLES)} TO {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
    ]


#: The functions through which the administrator's Members dialog manages the members' roles.
ROLE_FUNCTIONS = (
    "homelog_caller_is_admin()",
    "homelog_add_member_role(integer, text, text)",
    "homelog_set_role_password(text, text)",
    "homelog_rename_member_role(text, text)",
    "homelog_drop_member_role(text)",
)


def _role_functions(group: str) -> list[str]:
    """Functions (SECURITY DEFINER: they run as the database owner, who may create roles) that let
    the administrator create, rename and drop members' roles and any member set their own role's
    password, and nothing else: every function refuses roles that are not a member's
    (``member_roles``), and only the household's roles may call them.

    Inside them ``current_user`` is the owner, so the caller is ``session_user``: the role the app
    signed in as. (PostgreSQL refuses to rename the session's own role: a member cannot rename the
    role they are signed in as; the administrator renames others.)
    """
    head = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$"
    deny = "RAISE EXCEPTION '{}' USING ERRCODE = 'insufficient_privilege'"
    is_member = "EXISTS (SELECT 1 FROM member_roles WHERE role_name = {})"
    statements = [
        "CREATE OR REPLACE FUNCTION homelog_caller_is_admin() RETURNS boolean LANGUAGE sql STABLE"
        " SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT EXISTS (SELECT 1 FROM member_roles r"
        " JOIN members m ON m.id = r.member_id WHERE r.role_name = session_user AND m.role = 'admin') $$",
        "CREATE OR REPLACE FUNCTION homelog_add_member_role(p_member integer, p_role text, p_verifier text)"
        f" RETURNS void {head} BEGIN"
        f" IF NOT homelog_caller_is_admin() THEN {deny.format('Only the administrator can add members.')}; END IF;"
        f" EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_role, p_verifier, {quote_literal(group)});"
        " INSERT INTO member_roles (member_id, role_name) VALUES (p_member, p_role); END $$",
        f"CREATE OR REPLACE FUNCTION homelog_set_role_password(p_role text, p_verifier text) RETURNS void {head} BEGIN"
        f" IF NOT {is_member.format('p_role')} OR NOT (p_role = session_user OR homelog_caller_is_admin()) THEN"
        f" {deny.format('Only the member or the administrator can set this password.')}; END IF;"
        " EXECUTE format('ALTER ROLE %I PASSWORD %L', p_role, p_verifier); END $$",
        f"CREATE OR REPLACE FUNCTION homelog_rename_member_role(p_old text, p_new text) RETURNS void {head} BEGIN"
        f" IF NOT {is_member.format('p_old')} OR NOT homelog_caller_is_admin() THEN"
        f" {deny.format('Only the administrator can rename a member on the server.')}; END IF;"
        " EXECUTE format('ALTER ROLE %I RENAME TO %I', p_old, p_new);"
        " UPDATE member_roles SET role_name = p_new WHERE role_name = p_old; END $$",
        f"CREATE OR REPLACE FUNCTION homelog_drop_member_role(p_role text) RETURNS void {head} BEGIN"
        f" IF NOT {is_member.format('p_role')} OR NOT homelog_caller_is_admin() OR p_role = session_user THEN"
        f" {deny.format('Only the administrator can remove members, and not themselves.')}; END IF;"
        " DELETE FROM member_roles WHERE role_name = p_role;"
        " EXECUTE format('DROP ROLE IF EXISTS %I', p_role); END $$",
    ]
    for function in ROLE_FUNCTIONS:
        statements += [
            f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {function} TO {quote_ident(group)}",
        ]
    return statements


def create_member_role_sql(database: str, member_id: int, role: str, password: str) -> list[str]:
    """Statements creating ``role`` for the member, signing in with ``password``."""
    return [
        f"CREATE ROLE {quote_ident(role)} LOGIN PASSWORD {quote_literal(scram_verifier(password))}"
        f" IN ROLE {quote_ident(household_role(database))}",
        f"INSERT INTO member_roles (member_id, role_name) VALUES ({int(member_id)}, {quote_literal(role)})",
    ]


def set_member_password_sql(role: str, password: str) -> list[str]:
    return [f"ALTER ROLE {quote_ident(role)} PASSWORD {quote_literal(scram_verifier(password))}"]


def rename_member_role_sql(old: str, new: str) -> list[str]:
    """Rename a member's role (PostgreSQL keeps a SCRAM password; only MD5 ones, salted with the
    name, are cleared)."""
    return [
        f"ALTER ROLE {quote_ident(old)} RENAME TO {quote_ident(new)}",
        f"UPDATE member_roles SET role_name = {quote_literal(new)} WHERE role_name = {quote_literal(old)}",
    ]


def drop_member_role_sql(role: str) -> list[str]:
    return [
        f"DELETE FROM member_roles WHERE role_name = {quote_literal(role)}",
        f"DROP ROLE IF EXISTS {quote_ident(role)}",
    ]


async def execute_all(connection: AsyncConnection, statements: list[str]) -> None:
    """Run ``statements`` on ``connection`` (in its transaction) as they are (no bind parameters)."""
    for statement in statements:
        await connection.exec_driver_sql(statement)


async def install(connection: AsyncConnection, database: str) -> None:
    """Switch row-level security on for the household in ``database`` (as its owner)."""
    await execute_all(connection, install_sql(database))


__all__ = [
    "create_member_role_sql",
    "drop_member_role_sql",
    "energy_sql",
    "household_role",
    "install",
    "install_sql",
    "member_role_name",
    "rename_member_role_sql",
    "scram_verifier",
    "set_member_password_sql",
]
