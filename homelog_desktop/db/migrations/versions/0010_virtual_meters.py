"""Virtual meters: ``sources.virtual`` and ``virtual_terms`` (a virtual metric's signed inputs).

A virtual meter is a source whose one metric is computed from other metrics (domain/virtual.py);
``virtual_terms`` lists them in order with their sign. Deleting the virtual meter's metric removes
its terms; an input in use cannot be deleted (RESTRICT; the app refuses it with a message first).
On PostgreSQL with row-level security on (``member_roles`` exists), ``virtual_terms`` gets its
policies and the household's privileges, and the readings insert policy refuses a virtual meter.
The statements are written out here as they were at 0010 (not taken from ``db/rls.py``, which
follows the newest schema and may name tables a server at 0009 does not have yet).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("virtual", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "virtual_terms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "metric_id",
            sa.Integer(),
            sa.ForeignKey("metrics.id", ondelete="CASCADE", name="fk_virtual_terms_metric_id_metrics"),
            nullable=False,
        ),
        sa.Column(
            "input_metric_id",
            sa.Integer(),
            sa.ForeignKey("metrics.id", ondelete="RESTRICT", name="fk_virtual_terms_input_metric_id_metrics"),
            nullable=False,
        ),
        sa.Column("sign", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_virtual_terms"),
        sa.UniqueConstraint("metric_id", "input_metric_id", name="uq_virtual_terms_metric_id_input_metric_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_virtual_terms_input_metric_id", "virtual_terms", ["input_metric_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.execute(sa.text("SELECT to_regclass('member_roles')")).scalar():
        database = bind.execute(sa.text("SELECT current_database()")).scalar_one()
        for statement in rls_statements(database):
            op.execute(sa.text(statement))


#: Who is signed in, and whether they are the administrator (functions of the row-level security).
ME = "(SELECT homelog_member_id())"
ADMIN = "(SELECT homelog_is_admin())"
#: The metrics of sources the member may see, and may manage.
SEEN_METRICS = (
    "SELECT m.id FROM metrics m JOIN sources s ON s.id = m.source_id"
    f" WHERE (s.owner_id = {ME} OR s.is_public OR {ADMIN})"
)
MANAGED_METRICS = (
    f"SELECT m.id FROM metrics m JOIN sources s ON s.id = m.source_id WHERE (s.owner_id = {ME} OR {ADMIN})"
)
#: A term's input may be seen by whoever sees the virtual meter (public, or both private with one owner).
USABLE_INPUT = (
    "EXISTS (SELECT 1 FROM metrics vm JOIN sources v ON v.id = vm.source_id, metrics im"
    " JOIN sources i ON i.id = im.source_id WHERE vm.id = virtual_terms.metric_id"
    " AND im.id = virtual_terms.input_metric_id"
    " AND (i.is_public OR (NOT v.is_public AND i.owner_id IS NOT DISTINCT FROM v.owner_id)))"
)


def household_role(database: str) -> str:
    """The household's group role (as ``db.rls.household_role`` names it)."""
    slug = re.sub(r"[^a-z0-9_]+", "_", database.lower()).strip("_") or "homelog"
    return f"{slug[:53]}_household"


def rls_statements(database: str) -> list[str]:
    """What 0010 changes on a server whose row-level security is on, and nothing else."""
    group = '"' + household_role(database).replace('"', '""') + '"'
    managed = f"virtual_terms.metric_id IN ({MANAGED_METRICS})"
    return [
        "ALTER TABLE virtual_terms ENABLE ROW LEVEL SECURITY",
        *(f"DROP POLICY IF EXISTS homelog_{kind} ON virtual_terms" for kind in ("read", "add", "change", "remove")),
        f"CREATE POLICY homelog_read ON virtual_terms FOR SELECT USING (virtual_terms.metric_id IN ({SEEN_METRICS}))",
        f"CREATE POLICY homelog_add ON virtual_terms FOR INSERT WITH CHECK ({managed} AND {USABLE_INPUT})",
        f"CREATE POLICY homelog_change ON virtual_terms FOR UPDATE USING ({managed})"
        f" WITH CHECK ({managed} AND {USABLE_INPUT})",
        f"CREATE POLICY homelog_remove ON virtual_terms FOR DELETE USING ({managed})",
        # A virtual meter has no readings of its own, whoever asks.
        "DROP POLICY IF EXISTS homelog_add ON readings",
        "CREATE POLICY homelog_add ON readings FOR INSERT WITH CHECK ("
        f"(readings.entered_by = {ME} OR {ADMIN}) AND readings.source_id IN (SELECT s.id FROM sources s WHERE"
        f" (NOT s.virtual AND (s.owner_id = {ME} OR {ADMIN} OR (s.is_public AND s.members_may_add_readings)))))",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON virtual_terms TO {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
    ]


def downgrade() -> None:
    op.drop_index("ix_virtual_terms_input_metric_id", table_name="virtual_terms")
    op.drop_table("virtual_terms")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("virtual")
