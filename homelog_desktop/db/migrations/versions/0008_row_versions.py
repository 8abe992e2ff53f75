"""Several PCs at once: a version per row (with who changed it and when), and, on PostgreSQL, a
notification on every committed change for the other PCs' open windows (LISTEN/NOTIFY).

Each edited row (sources, metrics, readings, tariffs, meter changes, members) gains ``version``
(counts its changes; a save that started from an older version is a conflict, domain/errors.py
``ConflictError``), ``updated_by`` (the member id; no foreign key: a deleted member's changes stay)
and, where missing, ``updated_at``.

On PostgreSQL, BEFORE row triggers call ``pg_notify('homelog_changes', payload)`` once per table,
kind of change and source in a transaction (a transaction-local setting remembers what was sent, and
the trigger's WHEN clause skips the rest in C: an import's million rows cost one notification per
table, not a million calls). The payload is JSON: ``{"table": ..., "op": "insert" | "update" |
"delete", "source": id or null}``. PostgreSQL delivers notifications at commit, only to listeners of
the same database, so the channel is the household database's own. Every member's window hears
every notification, so a private source's id is never sent (null: "refresh what you show"). A BEFORE UPDATE trigger also
counts ``version`` up when a client (psql) changes a row without doing so itself. SQLite has no
server to notify; nothing is installed there.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: Tables whose rows carry a version.
VERSIONED = ("sources", "metrics", "readings", "tariffs", "meter_events", "members")
#: Tables that gain ``updated_at`` (the others have it already).
WITHOUT_UPDATED_AT = ("metrics", "tariffs", "meter_events")
CHANNEL = "homelog_changes"

#: table -> (the key of a row for "once per transaction", the SQL of its source id in the function).
#: ``{row}`` is NEW or OLD.
NOTIFIED = {
    "readings": ("{row}.source_id", "{row}.source_id"),
    "reading_values": ("{row}.metric_id", "(SELECT m.source_id FROM metrics m WHERE m.id = {row}.metric_id)"),
    "sources": ("{row}.id", "{row}.id"),
    "metrics": ("{row}.source_id", "{row}.source_id"),
    "tariffs": ("{row}.metric_id", "(SELECT m.source_id FROM metrics m WHERE m.id = {row}.metric_id)"),
    "meter_events": ("{row}.source_id", "{row}.source_id"),
    "members": ("0", "NULL"),
}
_OPS = {"INSERT": ("i", "NEW"), "UPDATE": ("u", "NEW"), "DELETE": ("d", "OLD")}


def _public(source: str) -> str:
    # Every member's window hears every notification: a private source is not named (null: the
    # listeners refresh whatever they show, and see only what row-level security lets them).
    if source == "NULL":
        return source
    if source.endswith(".id"):  # the sources table itself: the row is at hand (not stored yet on insert)
        return f"CASE WHEN {source.removesuffix('.id')}.is_public THEN {source} END"
    return f"(SELECT s.id FROM sources s WHERE s.id = {source} AND s.is_public)"


def _setting(table: str, letter: str, key: str) -> str:
    # A custom setting per table, kind and key, e.g. homelog.readings_i5 (local to the transaction).
    return f"'homelog.{table}_{letter}' || ({key})::text"


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        op.add_column(table, sa.Column("updated_by", sa.Integer(), nullable=True))
    for table in WITHOUT_UPDATED_AT:
        op.add_column(table, sa.Column("updated_at", sa.BigInteger(), nullable=False, server_default="0"))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE OR REPLACE FUNCTION homelog_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.version := OLD.version + 1;
            RETURN NEW;
        END $$
        """
    )
    for table in VERSIONED:
        op.execute(
            f"CREATE TRIGGER homelog_{table}_version BEFORE UPDATE ON {table} FOR EACH ROW "
            "WHEN (NEW.version = OLD.version) EXECUTE FUNCTION homelog_bump_version()"
        )
    for table, (key, source) in NOTIFIED.items():
        for kind, (letter, row) in _OPS.items():
            setting = _setting(table, letter, key.format(row=row))
            function = f"homelog_notify_{table}_{letter}"
            op.execute(
                f"""
                CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM set_config({setting}, '1', true);
                    PERFORM pg_notify('{CHANNEL}', json_build_object(
                        'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'source', {_public(source.format(row=row))})::text);
                    RETURN {row};
                END $$
                """
            )
            op.execute(
                f"CREATE TRIGGER homelog_{table}_notify_{letter} BEFORE {kind} ON {table} FOR EACH ROW "
                f"WHEN (coalesce(current_setting({setting}, true), '') = '') EXECUTE FUNCTION {function}()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFIED:
            for letter, _row in _OPS.values():
                op.execute(f"DROP TRIGGER IF EXISTS homelog_{table}_notify_{letter} ON {table}")
                op.execute(f"DROP FUNCTION IF EXISTS homelog_notify_{table}_{letter}()")
        for table in VERSIONED:
            op.execute(f"DROP TRIGGER IF EXISTS homelog_{table}_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS homelog_bump_version()")
    for table in VERSIONED:
        with op.batch_alter_table(table, table_kwargs={"sqlite_autoincrement": True}) as batch:
            if table in WITHOUT_UPDATED_AT:
                batch.drop_column("updated_at")
            batch.drop_column("updated_by")
            batch.drop_column("version")
