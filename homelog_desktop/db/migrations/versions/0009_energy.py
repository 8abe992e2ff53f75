"""Energy and the bill forecast: ``conversion_factors`` (a metric's unit into kWh from a date on) and
``advance_payments`` (a source's monthly advance from a date on).

Both carry a version, who changed them and when (like every edited row since 0008). On PostgreSQL
they get 0008's version and notification triggers, and, on a server whose row-level security is on
(``member_roles`` exists), the same policies as tariffs and meter changes (``db/rls.py``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CHANNEL = "homelog_changes"
#: table -> (the key of a row for "once per transaction", the SQL of its source id); ``{row}``: NEW or OLD.
NOTIFIED = {
    "conversion_factors": ("{row}.metric_id", "(SELECT m.source_id FROM metrics m WHERE m.id = {row}.metric_id)"),
    "advance_payments": ("{row}.source_id", "{row}.source_id"),
}
_OPS = {"INSERT": ("i", "NEW"), "UPDATE": ("u", "NEW"), "DELETE": ("d", "OLD")}


def _versioned() -> list[sa.Column[int]]:
    return [
        sa.Column("updated_at", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("updated_by", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "conversion_factors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(10), nullable=False),
        sa.Column("factor", sa.String(40), nullable=False),
        sa.Column("z_number", sa.String(40), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        *_versioned(),
        sa.ForeignKeyConstraint(
            ["metric_id"], ["metrics.id"], name=op.f("fk_conversion_factors_metric_id_metrics"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversion_factors")),
        sa.UniqueConstraint("metric_id", "valid_from", name=op.f("uq_conversion_factors_metric_id_valid_from")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "advance_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(10), nullable=False),
        sa.Column("amount", sa.String(40), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        *_versioned(),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_advance_payments_source_id_sources"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advance_payments")),
        sa.UniqueConstraint("source_id", "valid_from", name=op.f("uq_advance_payments_source_id_valid_from")),
        sqlite_autoincrement=True,
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in NOTIFIED:
        op.execute(
            f"CREATE TRIGGER homelog_{table}_version BEFORE UPDATE ON {table} FOR EACH ROW "
            "WHEN (NEW.version = OLD.version) EXECUTE FUNCTION homelog_bump_version()"
        )
    for table, (key, source) in NOTIFIED.items():
        for kind, (letter, row) in _OPS.items():
            setting = f"'homelog.{table}_{letter}' || ({key.format(row=row)})::text"
            public = f"(SELECT s.id FROM sources s WHERE s.id = {source.format(row=row)} AND s.is_public)"
            function = f"homelog_notify_{table}_{letter}"
            op.execute(
                f"""
                CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM set_config({setting}, '1', true);
                    PERFORM pg_notify('{CHANNEL}', json_build_object(
                        'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'source', {public})::text);
                    RETURN {row};
                END $$
                """
            )
            op.execute(
                f"CREATE TRIGGER homelog_{table}_notify_{letter} BEFORE {kind} ON {table} FOR EACH ROW "
                f"WHEN (coalesce(current_setting({setting}, true), '') = '') EXECUTE FUNCTION {function}()"
            )
    if bind.execute(sa.text("SELECT to_regclass('member_roles') IS NOT NULL")).scalar():
        from homelog_desktop.db.rls import energy_sql

        database = bind.execute(sa.text("SELECT current_database()")).scalar_one()
        for statement in energy_sql(database):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFIED:
            for letter, _row in _OPS.values():
                op.execute(f"DROP TRIGGER IF EXISTS homelog_{table}_notify_{letter} ON {table}")
                op.execute(f"DROP FUNCTION IF EXISTS homelog_notify_{table}_{letter}()")
            op.execute(f"DROP TRIGGER IF EXISTS homelog_{table}_version ON {table}")
    op.drop_table("advance_payments")
    op.drop_table("conversion_factors")
